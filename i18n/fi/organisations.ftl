# Organisaatiot, tehtävänimikkeet ja ohjelmat.

## Organisaatiot
# Tiedotteita julkaisevien organisaatioiden nimissä on valitsin $case (nominative, genitive).

org-vnk =
    { $case ->
       *[nominative] valtioneuvoston kanslia
        [genitive] valtioneuvoston kanslian
    }
org-tem =
    { $case ->
       *[nominative] työ- ja elinkeinoministeriö
        [genitive] työ- ja elinkeinoministeriön
    }
org-okm = opetus- ja kulttuuriministeriö
org-vm = valtiovarainministeriö
org-ym = ympäristöministeriö
org-lvm = liikenne- ja viestintäministeriö
org-stm = sosiaali- ja terveysministeriö
org-traficom = Liikenne- ja viestintävirasto Traficom
org-helsinki = Helsingin kaupunki
org-espoo = Espoon kaupunki
org-tampere = Tampereen kaupunki
org-vantaa = Vantaan kaupunki
org-oulu = Oulun kaupunki
org-turku = Turun kaupunki

## Tehtävänimikkeet

role-prime-minister = pääministeri
role-minister-local-regional = kunta- ja alueministeri
role-special-adviser-pm = pääministerin erityisavustaja
role-special-adviser-minister = kunta- ja alueministerin erityisavustaja
role-leading-expert = johtava asiantuntija
role-special-expert = erityisasiantuntija
role-counsellor-cultural-affairs = kulttuuriasiainneuvos
role-ministerial-adviser = neuvotteleva virkamies
role-director-relations = yhteysjohtaja
role-development-manager = kehittämispäällikkö

## Roolit kumppanuuksissa ja toimielimissä

role-chair = puheenjohtaja
role-vice-chair = varapuheenjohtaja
role-lead = työn vetäjä

## Ohjelmat

programme-eastern-finland-programme =
    { $case ->
       *[nominative] Itäisen Suomen ohjelma
        [illative] Itäisen Suomen ohjelmaan
    }

# Organisationer, titlar och program.

## Organisationer
# Namnen på organisationer som ger ut pressmeddelanden har väljaren $case (nominative, genitive).

org-vnk =
    { $case ->
       *[nominative] statsrådets kansli
        [genitive] statsrådets kanslis
    }
org-tem =
    { $case ->
       *[nominative] arbets- och näringsministeriet
        [genitive] arbets- och näringsministeriets
    }
org-okm = undervisnings- och kulturministeriet
org-vm = finansministeriet
org-ym = miljöministeriet
org-lvm = kommunikationsministeriet
org-stm = social- och hälsovårdsministeriet
org-traficom = Transport- och kommunikationsverket Traficom
org-helsinki = Helsingfors stad
org-espoo = Esbo stad
org-tampere = Tammerfors stad
org-vantaa = Vanda stad
org-oulu = Uleåborgs stad
org-turku = Åbo stad

## Titlar

role-prime-minister = statsminister
role-minister-local-regional = kommun- och regionminister
role-special-adviser-pm = statsministerns specialmedarbetare
role-special-adviser-minister = kommun- och regionministerns specialmedarbetare
role-leading-expert = ledande sakkunnig
role-special-expert = specialsakkunnig
role-counsellor-cultural-affairs = kulturråd
role-ministerial-adviser = konsultativ tjänsteman
role-director-relations = kontaktdirektör
role-development-manager = utvecklingschef

## Roller i partnerskap och organ

role-chair = ordförande
role-vice-chair = vice ordförande
role-lead = ledare för arbetet

## Program

programme-eastern-finland-programme =
    { $case ->
       *[nominative] programmet för Östra Finland
    }

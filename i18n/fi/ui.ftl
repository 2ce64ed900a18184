# Käyttöliittymän tekstit. Avaimet ovat samat kaikissa kielissä (viitekieli: fi).

site-title = Kaupunkien ja valtion kumppanuudet
skip-link = Siirry sisältöön
nav-label = Päävalikko
breadcrumb-label = Murupolku
language-switcher-label = Kieli
# Kielen nimi sen omalla kielellä kielivalinnassa ja linkki samaan sivuun tällä kielellä.
language-name = Suomi
switch-to = Suomeksi
chooser-title = Valitse kieli
chooser-lead = Kaupunkien ja valtion kumppanuudet suomeksi
list-and = ja
# Taulukon vieritettävän alueen nimi, kun taulukon yläpuolella ei ole otsikkoa.
table-label = Taulukko

# Kumppanuuden tiedot ovat tilanne lähdetiedotteen päivänä (kumppanuuden as_of).
as-of = Tilanne { $date }
status-label = Tila
status-active = Käynnissä
status-planned = Valmisteilla
first-meeting-label = Yhteistyöryhmän ensimmäinen kokous
linked-to-label = Ohjelma
leaders-heading = Johto
members-heading = { $kind ->
    [city-region] Mukana olevat kaupunkiseudut
   *[city] Mukana olevat kaupungit
}
members-count-label = Mukana
members-count = { $kind ->
    [city-region] { $count } kaupunkiseutua
   *[city] { $count ->
        [one] { $count } kaupunki
       *[other] { $count } kaupunkia
    }
}
# Kun jäseniä ei ole nimetty, vaan vain niiden määrä: $words on määrä genetiivissä.
members-unnamed = { $kind ->
    [city-region] Sopimukset on tehty { $words } kaupunkiseudun kanssa.
   *[city] Ryhmään kuuluu { $count ->
        [one] yksi kaupunki
       *[other] { $count } kaupunkia
    }.
}
themes-heading = Teemat
contacts-heading = Yhteyshenkilöt
related-news-heading = Uutisia
phone-label = puh.

theme-partnerships-heading = Kumppanuudet, joissa teemaa käsitellään
theme-partnerships-none = Mikään kumppanuus ei vielä käsittele tätä teemaa.

region-label = Maakunta
city-partnerships-heading = { $city } kumppanuudet
city-partnerships-intro = Kumppanuudet, joissa { $city } on mukana:
city-partnerships-none = { $city } ei ole mukana portaalin kumppanuuksissa.
city-description = Valtion ja kaupunkien kumppanuudet { $city }

# Uutiset ovat tiivistelmiä ministeriön tiedotteista: rivi kertoo, kenen tiedotteesta ja
# miltä päivältä (perään tiedotteen päivämäärä).
news-summary-of = Tiivistelmä { $publisher } tiedotteesta
news-summary = Tiivistelmä tiedotteesta
news-updated = päivitetty { $date }
published-translation = julkaistu suomeksi { $date }
news-partnerships-heading = Kumppanuudet uutisessa
news-contacts-heading = Lisätietoja

decision-date-label = Asetettu
decision-number-label = Asettamispäätöksen tunnus
decision-by-label = Asettaja
term-label = Toimikausi
term-until-further-notice = { $start } alkaen toistaiseksi
term-range = { $start }–{ $end }
# Mitä toimielimen oli määrä saada valmiiksi määräpäivään mennessä: deadline-<toimielin>.
deadline-alliance-secretariat = Esitys yhteistyömallista valmiiksi viimeistään
body-members-heading = Jäsenet
body-member-count = { $count } jäsentä
body-partnership-label = Kumppanuus

contacts-empty = Yhteystietoja ei ole.

compliance-full = Verkkopalvelu täyttää saavutettavuusvaatimukset (WCAG 2.1 AA).
compliance-partial = Verkkopalvelu täyttää saavutettavuusvaatimukset (WCAG 2.1 AA) osittain.
compliance-none = Verkkopalvelu ei täytä saavutettavuusvaatimuksia (WCAG 2.1 AA).
statement-prepared-label = Seloste laadittu
statement-reviewed-label = Viimeksi tarkistettu
assessment-label = Arviointi
email-label = sähköposti
non-accessible-heading = Sisältö, joka ei ole saavutettavaa
non-accessible-criteria = WCAG 2.1 -kriteerit, jotka eivät täyty: { $criteria }
assessment-self = Saavutettavuus on arvioitu itse.
assessment-external = Saavutettavuuden on arvioinut ulkopuolinen asiantuntija.
feedback-label = Palautetta saavutettavuudesta
supervisor-label = Valvontaviranomainen

home-partnerships-heading = Kumppanuudet
home-news-heading = Ajankohtaista

# Määrät tekstissä: alle kymmenen kirjoitetaan kirjaimin. $case: nominative, genitive.
number-words = { $case ->
   *[nominative] { $n ->
        [1] yksi
        [2] kaksi
        [3] kolme
        [4] neljä
        [5] viisi
        [6] kuusi
        [7] seitsemän
        [8] kahdeksan
        [9] yhdeksän
       *[other] { $n }
    }
    [genitive] { $n ->
        [1] yhden
        [2] kahden
        [3] kolmen
        [4] neljän
        [5] viiden
        [6] kuuden
        [7] seitsemän
        [8] kahdeksan
        [9] yhdeksän
       *[other] { $n }
    }
}

pending-title = { $source ->
    [sv] Sivu on vain ruotsiksi
   *[other] Sivu ei ole vielä suomeksi
}
# After the title of a page not yet in Finnish, in links to it: the language it is in.
pending-marker = { $source ->
    [sv] (ruotsiksi)
    [en] (englanniksi)
   *[other] (toisella kielellä)
}
pending-body = Tätä sivua ei ole vielä käännetty suomeksi. Voit lukea sen toisella kielellä:

not-found-title = Sivua ei löytynyt
not-found-body = Etsimääsi sivua ei ole tai se on siirretty.
not-found-home = Etusivulle

footer-about = Tietoa palvelusta
footer-accessibility = Saavutettavuusseloste

# Uutissyöte, hakusivu ja Open Graph -metatiedot.
feed-title = Uutiset syötteenä (Atom)
og-locale = fi_FI
search-label = Hae sivustolta
search-button = Hae
search-found = Hakutuloksia: { $count }
search-found-in = Hakutuloksia osiossa { $section }: { $count }
search-section-label = Näytä tulokset osiosta
search-section-all = Kaikki osiot
search-none = Haulla ei löytynyt sivuja. Kokeile toista sanaa.
search-error = Hakuhakemistoa ei voitu ladata. Yritä myöhemmin uudelleen.
search-needs-javascript = Haku tarvitsee JavaScriptin. Voit myös selata sivuja valikosta.

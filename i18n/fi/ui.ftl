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

status-label = Tila
status-active = Käynnissä
status-planned = Valmisteilla
started-label = Aloitettu
linked-to-label = Liittyy
leaders-heading = Johto
members-heading = Mukana olevat kaupungit
members-count = { $kind ->
    [city-region] { $count } kaupunkiseutua
   *[city] { $count ->
        [one] { $count } kaupunki
       *[other] { $count } kaupunkia
    }
}
members-unnamed = Lähteet kertovat osallistujien määrän, mutta eivät nimeä niitä.
members-none = Lähteet eivät nimeä osallistujia. Mitä lähteet kertovat heidän määrästään, on kerrottu yllä.
themes-heading = Teemat
contacts-heading = Yhteyshenkilöt
bodies-heading = Sihteeristö
related-news-heading = Uutisia
phone-label = puh.

theme-partnerships-heading = Kumppanuudet, joissa teemaa käsitellään
theme-partnerships-none = Mikään kumppanuus ei vielä käsittele tätä teemaa.

region-label = Maakunta
city-partnerships-heading = { $city } kumppanuudet
city-partnerships-intro = Kumppanuudet, joissa { $city } on mukana:
city-partnerships-none = { $city } ei ole mukana portaalin kumppanuuksissa.
city-description = Valtion ja kaupunkien kumppanuudet { $city }

published-label = Julkaistu
updated-label = Päivitetty
published-translation = Julkaistu suomeksi { $date }
publisher-label = Julkaisija
news-partnerships-heading = Kumppanuudet uutisessa
news-contacts-heading = Lisätietoja

decision-heading = Asettamispäätös
decision-number-label = Diaarinumero
decision-date-label = Päivämäärä
decision-by-label = Asettaja
term-label = Toimikausi
term-until-further-notice = { $start } alkaen toistaiseksi
term-range = { $start }–{ $end }
deadline-label = Määräaika
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

pending-title = { $source ->
    [sv] Sivu on vain ruotsiksi
   *[other] Sivu ei ole vielä suomeksi
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
search-none = Haulla ei löytynyt sivuja. Kokeile toista sanaa.
search-error = Hakuhakemistoa ei voitu ladata. Yritä myöhemmin uudelleen.
search-needs-javascript = Haku tarvitsee JavaScriptin. Voit myös selata sivuja valikosta.

# Gränssnittets texter. Nycklarna är desamma på alla språk (referensspråk: fi).

site-title = Partnerskap mellan städerna och staten
skip-link = Hoppa till innehållet
nav-label = Huvudmeny
breadcrumb-label = Brödsmulor
language-switcher-label = Språk
language-name = Svenska
switch-to = På svenska
chooser-title = Välj språk
chooser-lead = Partnerskap mellan städerna och staten på svenska
list-and = och
table-label = Tabell

as-of = Läget { $date }
status-label = Status
status-active = Pågår
status-planned = Under beredning
first-meeting-label = Samarbetsgruppens första möte
linked-to-label = Program
leaders-heading = Ledning
members-heading = { $kind ->
    [city-region] Deltagande stadsregioner
   *[city] Deltagande städer
}
members-count-label = Deltagare
members-count = { $kind ->
    [city-region] { $count } stadsregioner
   *[city] { $count ->
        [one] { $count } stad
       *[other] { $count } städer
    }
}
members-unnamed = { $kind ->
    [city-region] Avtalen har ingåtts med { $words } stadsregioner.
   *[city] I gruppen ingår { $count ->
        [one] en stad
       *[other] { $count } städer
    }.
}
themes-heading = Teman
contacts-heading = Kontaktpersoner
related-news-heading = Nyheter
phone-label = tfn

theme-partnerships-heading = Partnerskap som arbetar med temat
theme-partnerships-none = Inget partnerskap arbetar ännu med detta tema.

region-label = Landskap
city-partnerships-heading = { $city } partnerskap
city-partnerships-intro = Partnerskap där { $city } deltar:
city-partnerships-none = { $city } deltar inte i partnerskapen på denna webbplats.
city-description = Partnerskap mellan staten och städerna i { $city }

news-summary-of = Sammandrag av { $publisher } pressmeddelande
news-summary = Sammandrag av ett pressmeddelande
news-updated = uppdaterat { $date }
published-translation = publicerat på svenska { $date }
news-partnerships-heading = Partnerskap i nyheten
news-contacts-heading = Mer information

decision-date-label = Tillsatt
decision-number-label = Tillsättningsbeslutets beteckning
decision-by-label = Tillsatt av
term-label = Mandatperiod
term-until-further-notice = från { $start } tills vidare
term-range = { $start }–{ $end }
deadline-alliance-secretariat = Förslaget till samarbetsmodell klart senast
body-members-heading = Medlemmar
body-member-count = { $count } medlemmar
body-partnership-label = Partnerskap

contacts-empty = Det finns inga kontaktuppgifter.

compliance-full = Webbplatsen uppfyller tillgänglighetskraven (WCAG 2.1 AA).
compliance-partial = Webbplatsen uppfyller tillgänglighetskraven (WCAG 2.1 AA) delvis.
compliance-none = Webbplatsen uppfyller inte tillgänglighetskraven (WCAG 2.1 AA).
statement-prepared-label = Utlåtandet upprättat
statement-reviewed-label = Senast granskat
assessment-label = Bedömning
email-label = e-post
non-accessible-heading = Innehåll som inte är tillgängligt
non-accessible-criteria = WCAG 2.1-kriterier som inte uppfylls: { $criteria }
assessment-self = Tillgängligheten har bedömts genom en självbedömning.
assessment-external = Tillgängligheten har bedömts av en extern sakkunnig.
feedback-label = Respons om tillgängligheten
supervisor-label = Tillsynsmyndighet

home-partnerships-heading = Partnerskap
home-news-heading = Aktuellt

# Antal i löptext: under tio skrivs med bokstäver.
number-words = { $case ->
   *[other] { $n ->
        [1] en
        [2] två
        [3] tre
        [4] fyra
        [5] fem
        [6] sex
        [7] sju
        [8] åtta
        [9] nio
       *[other] { $n }
    }
}

pending-title = { $source ->
    [fi] Den här sidan finns bara på finska
   *[other] Den här sidan finns inte på svenska ännu
}
# After the title of a page not yet in Swedish, in links to it: the language it is in.
pending-marker = { $source ->
    [fi] (på finska)
    [en] (på engelska)
   *[other] (på ett annat språk)
}
pending-body = Den här sidan har inte översatts till svenska ännu. Du kan läsa den på ett annat språk:

not-found-title = Sidan hittades inte
not-found-body = Sidan du söker finns inte eller har flyttats.
not-found-home = Till startsidan

footer-about = Om webbplatsen
footer-accessibility = Tillgänglighetsutlåtande

# Nyhetsflöde, söksida och Open Graph-metadata.
feed-title = Nyheter som flöde (Atom)
og-locale = sv_FI
search-label = Sök på webbplatsen
search-button = Sök
search-found = Sökträffar: { $count }
search-found-in = Sökträffar i avsnittet { $section }: { $count }
search-section-label = Visa träffar från avsnittet
search-section-all = Alla avsnitt
search-none = Sökningen gav inga träffar. Försök med ett annat ord.
search-error = Sökregistret kunde inte laddas. Försök igen senare.
search-needs-javascript = Sökningen kräver JavaScript. Du kan också bläddra bland sidorna via menyn.

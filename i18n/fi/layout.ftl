# Sivupohjan tekstit: ylätunniste, valikko, alatunniste, kortit ja kirjasen luvut.

menu-button = Valikko
search-short-label = Hae sivustolta
footer-feedback = Anna palautetta
footer-privacy = Tietosuoja
bodies-list-heading = Toimielimet
share-image-alt = Kaupunkien ja valtion kumppanuudet -palvelun tunnus
card-partnership-count = { $count ->
    [0] Ei kumppanuuksia
    [one] { $count } kumppanuus
   *[other] { $count } kumppanuutta
}
toc-heading = Sisällys
chapter-label = Luku { $number }
chapter-nav-label = Kirjasen luvut
chapter-previous = Edellinen luku
chapter-next = Seuraava luku
chapter-of = Luku { $number }/{ $count }
back-to-toc = Kirjasen sisällys
footer-publisher-label = Julkaisija

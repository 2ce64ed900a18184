# Sidmallens texter: sidhuvud, meny, sidfot, kort och häftets kapitel.

menu-button = Meny
search-short-label = Sök på webbplatsen
footer-feedback = Ge respons
footer-privacy = Dataskydd
bodies-list-heading = Organ
share-image-alt = Logotypen för webbplatsen Partnerskap mellan städerna och staten
card-partnership-count = { $count ->
    [0] Inga partnerskap
    [one] { $count } partnerskap
   *[other] { $count } partnerskap
}
toc-heading = Innehåll
chapter-label = Kapitel { $number }
chapter-nav-label = Häftets kapitel
chapter-previous = Föregående kapitel
chapter-next = Nästa kapitel
chapter-of = Kapitel { $number } av { $count }
back-to-toc = Häftets innehåll
footer-publisher-label = Utgivare

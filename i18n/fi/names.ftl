# Kaupunkien ja maakuntien nimet.
# Kaupunkien nimissä on valitsin $case. Muodot nominative (oletus), genitive, inessive,
# elative, illative ja adessive ovat sijamuotoja sellaisinaan. locative on muoto, jota
# käytetään merkityksessä ’kaupungissa’ (Helsingissä mutta Tampereella, Vantaalla).

## Kaupungit

city-helsinki =
    { $case ->
        *[nominative] Helsinki
         [genitive] Helsingin
         [inessive] Helsingissä
         [elative] Helsingistä
         [illative] Helsinkiin
         [adessive] Helsingillä
         [locative] Helsingissä
    }
city-espoo =
    { $case ->
        *[nominative] Espoo
         [genitive] Espoon
         [inessive] Espoossa
         [elative] Espoosta
         [illative] Espooseen
         [adessive] Espoolla
         [locative] Espoossa
    }
city-tampere =
    { $case ->
        *[nominative] Tampere
         [genitive] Tampereen
         [inessive] Tampereessa
         [elative] Tampereesta
         [illative] Tampereeseen
         [adessive] Tampereella
         [locative] Tampereella
    }
city-vantaa =
    { $case ->
        *[nominative] Vantaa
         [genitive] Vantaan
         [inessive] Vantaassa
         [elative] Vantaasta
         [illative] Vantaaseen
         [adessive] Vantaalla
         [locative] Vantaalla
    }
city-oulu =
    { $case ->
        *[nominative] Oulu
         [genitive] Oulun
         [inessive] Oulussa
         [elative] Oulusta
         [illative] Ouluun
         [adessive] Oululla
         [locative] Oulussa
    }
city-turku =
    { $case ->
        *[nominative] Turku
         [genitive] Turun
         [inessive] Turussa
         [elative] Turusta
         [illative] Turkuun
         [adessive] Turulla
         [locative] Turussa
    }
city-jyvaskyla =
    { $case ->
        *[nominative] Jyväskylä
         [genitive] Jyväskylän
         [inessive] Jyväskylässä
         [elative] Jyväskylästä
         [illative] Jyväskylään
         [adessive] Jyväskylällä
         [locative] Jyväskylässä
    }
city-kuopio =
    { $case ->
        *[nominative] Kuopio
         [genitive] Kuopion
         [inessive] Kuopiossa
         [elative] Kuopiosta
         [illative] Kuopioon
         [adessive] Kuopiolla
         [locative] Kuopiossa
    }
city-lahti =
    { $case ->
        *[nominative] Lahti
         [genitive] Lahden
         [inessive] Lahdessa
         [elative] Lahdesta
         [illative] Lahteen
         [adessive] Lahdella
         [locative] Lahdessa
    }
city-pori =
    { $case ->
        *[nominative] Pori
         [genitive] Porin
         [inessive] Porissa
         [elative] Porista
         [illative] Poriin
         [adessive] Porilla
         [locative] Porissa
    }
city-kouvola =
    { $case ->
        *[nominative] Kouvola
         [genitive] Kouvolan
         [inessive] Kouvolassa
         [elative] Kouvolasta
         [illative] Kouvolaan
         [adessive] Kouvolalla
         [locative] Kouvolassa
    }
city-vaasa =
    { $case ->
        *[nominative] Vaasa
         [genitive] Vaasan
         [inessive] Vaasassa
         [elative] Vaasasta
         [illative] Vaasaan
         [adessive] Vaasalla
         [locative] Vaasassa
    }
city-hameenlinna =
    { $case ->
        *[nominative] Hämeenlinna
         [genitive] Hämeenlinnan
         [inessive] Hämeenlinnassa
         [elative] Hämeenlinnasta
         [illative] Hämeenlinnaan
         [adessive] Hämeenlinnalla
         [locative] Hämeenlinnassa
    }
city-seinajoki =
    { $case ->
        *[nominative] Seinäjoki
         [genitive] Seinäjoen
         [inessive] Seinäjoessa
         [elative] Seinäjoesta
         [illative] Seinäjokeen
         [adessive] Seinäjoella
         [locative] Seinäjoella
    }
city-rovaniemi =
    { $case ->
        *[nominative] Rovaniemi
         [genitive] Rovaniemen
         [inessive] Rovaniemessä
         [elative] Rovaniemestä
         [illative] Rovaniemeen
         [adessive] Rovaniemellä
         [locative] Rovaniemellä
    }
city-mikkeli =
    { $case ->
        *[nominative] Mikkeli
         [genitive] Mikkelin
         [inessive] Mikkelissä
         [elative] Mikkelistä
         [illative] Mikkeliin
         [adessive] Mikkelillä
         [locative] Mikkelissä
    }
city-porvoo =
    { $case ->
        *[nominative] Porvoo
         [genitive] Porvoon
         [inessive] Porvoossa
         [elative] Porvoosta
         [illative] Porvooseen
         [adessive] Porvoolla
         [locative] Porvoossa
    }
city-salo =
    { $case ->
        *[nominative] Salo
         [genitive] Salon
         [inessive] Salossa
         [elative] Salosta
         [illative] Saloon
         [adessive] Salolla
         [locative] Salossa
    }
city-kotka =
    { $case ->
        *[nominative] Kotka
         [genitive] Kotkan
         [inessive] Kotkassa
         [elative] Kotkasta
         [illative] Kotkaan
         [adessive] Kotkalla
         [locative] Kotkassa
    }
city-kokkola =
    { $case ->
        *[nominative] Kokkola
         [genitive] Kokkolan
         [inessive] Kokkolassa
         [elative] Kokkolasta
         [illative] Kokkolaan
         [adessive] Kokkolalla
         [locative] Kokkolassa
    }
city-hyvinkaa =
    { $case ->
        *[nominative] Hyvinkää
         [genitive] Hyvinkään
         [inessive] Hyvinkäässä
         [elative] Hyvinkäästä
         [illative] Hyvinkääseen
         [adessive] Hyvinkäällä
         [locative] Hyvinkäällä
    }
city-kajaani =
    { $case ->
        *[nominative] Kajaani
         [genitive] Kajaanin
         [inessive] Kajaanissa
         [elative] Kajaanista
         [illative] Kajaaniin
         [adessive] Kajaanilla
         [locative] Kajaanissa
    }
city-lappeenranta =
    { $case ->
        *[nominative] Lappeenranta
         [genitive] Lappeenrannan
         [inessive] Lappeenrannassa
         [elative] Lappeenrannasta
         [illative] Lappeenrantaan
         [adessive] Lappeenrannalla
         [locative] Lappeenrannassa
    }
city-joensuu =
    { $case ->
        *[nominative] Joensuu
         [genitive] Joensuun
         [inessive] Joensuussa
         [elative] Joensuusta
         [illative] Joensuuhun
         [adessive] Joensuulla
         [locative] Joensuussa
    }
city-imatra =
    { $case ->
        *[nominative] Imatra
         [genitive] Imatran
         [inessive] Imatrassa
         [elative] Imatrasta
         [illative] Imatraan
         [adessive] Imatralla
         [locative] Imatralla
    }

## Maakunnat

region-uusimaa = Uusimaa
region-pirkanmaa = Pirkanmaa
region-varsinais-suomi = Varsinais-Suomi
region-pohjois-pohjanmaa = Pohjois-Pohjanmaa
region-keski-suomi = Keski-Suomi
region-pohjois-savo = Pohjois-Savo
region-paijat-hame = Päijät-Häme
region-satakunta = Satakunta
region-kymenlaakso = Kymenlaakso
region-pohjanmaa = Pohjanmaa
region-kanta-hame = Kanta-Häme
region-etela-pohjanmaa = Etelä-Pohjanmaa
region-lappi = Lappi
region-etela-savo = Etelä-Savo
region-keski-pohjanmaa = Keski-Pohjanmaa
region-kainuu = Kainuu
region-etela-karjala = Etelä-Karjala
region-pohjois-karjala = Pohjois-Karjala

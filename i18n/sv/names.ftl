# Namn på städer och landskap.
# Stadsnamnen har väljaren $case: nominative (standard), genitive och locative (formen efter
# ”i”, som på svenska är grundformen: i Uleåborg).

## Städer

city-helsinki =
    { $case ->
       *[nominative] Helsingfors
        [genitive] Helsingfors
        [locative] Helsingfors
    }
city-espoo =
    { $case ->
       *[nominative] Esbo
        [genitive] Esbos
        [locative] Esbo
    }
city-tampere =
    { $case ->
       *[nominative] Tammerfors
        [genitive] Tammerfors
        [locative] Tammerfors
    }
city-vantaa =
    { $case ->
       *[nominative] Vanda
        [genitive] Vandas
        [locative] Vanda
    }
city-oulu =
    { $case ->
       *[nominative] Uleåborg
        [genitive] Uleåborgs
        [locative] Uleåborg
    }
city-turku =
    { $case ->
       *[nominative] Åbo
        [genitive] Åbos
        [locative] Åbo
    }
city-jyvaskyla =
    { $case ->
       *[nominative] Jyväskylä
        [genitive] Jyväskyläs
        [locative] Jyväskylä
    }
city-kuopio =
    { $case ->
       *[nominative] Kuopio
        [genitive] Kuopios
        [locative] Kuopio
    }
city-lahti =
    { $case ->
       *[nominative] Lahtis
        [genitive] Lahtis
        [locative] Lahtis
    }
city-pori =
    { $case ->
       *[nominative] Björneborg
        [genitive] Björneborgs
        [locative] Björneborg
    }
city-kouvola =
    { $case ->
       *[nominative] Kouvola
        [genitive] Kouvolas
        [locative] Kouvola
    }
city-vaasa =
    { $case ->
       *[nominative] Vasa
        [genitive] Vasas
        [locative] Vasa
    }
city-hameenlinna =
    { $case ->
       *[nominative] Tavastehus
        [genitive] Tavastehus
        [locative] Tavastehus
    }
city-seinajoki =
    { $case ->
       *[nominative] Seinäjoki
        [genitive] Seinäjokis
        [locative] Seinäjoki
    }
city-rovaniemi =
    { $case ->
       *[nominative] Rovaniemi
        [genitive] Rovaniemis
        [locative] Rovaniemi
    }
city-mikkeli =
    { $case ->
       *[nominative] S:t Michel
        [genitive] S:t Michels
        [locative] S:t Michel
    }
city-porvoo =
    { $case ->
       *[nominative] Borgå
        [genitive] Borgås
        [locative] Borgå
    }
city-salo =
    { $case ->
       *[nominative] Salo
        [genitive] Salos
        [locative] Salo
    }
city-kotka =
    { $case ->
       *[nominative] Kotka
        [genitive] Kotkas
        [locative] Kotka
    }
city-kokkola =
    { $case ->
       *[nominative] Karleby
        [genitive] Karlebys
        [locative] Karleby
    }
city-hyvinkaa =
    { $case ->
       *[nominative] Hyvinge
        [genitive] Hyvinges
        [locative] Hyvinge
    }
city-kajaani =
    { $case ->
       *[nominative] Kajana
        [genitive] Kajanas
        [locative] Kajana
    }
city-lappeenranta =
    { $case ->
       *[nominative] Villmanstrand
        [genitive] Villmanstrands
        [locative] Villmanstrand
    }
city-joensuu =
    { $case ->
       *[nominative] Joensuu
        [genitive] Joensuus
        [locative] Joensuu
    }
city-imatra =
    { $case ->
       *[nominative] Imatra
        [genitive] Imatras
        [locative] Imatra
    }

## Landskap

region-uusimaa = Nyland
region-pirkanmaa = Birkaland
region-varsinais-suomi = Egentliga Finland
region-pohjois-pohjanmaa = Norra Österbotten
region-keski-suomi = Mellersta Finland
region-pohjois-savo = Norra Savolax
region-paijat-hame = Päijänne-Tavastland
region-satakunta = Satakunta
region-kymenlaakso = Kymmenedalen
region-pohjanmaa = Österbotten
region-kanta-hame = Egentliga Tavastland
region-etela-pohjanmaa = Södra Österbotten
region-lappi = Lappland
region-etela-savo = Södra Savolax
region-keski-pohjanmaa = Mellersta Österbotten
region-kainuu = Kajanaland
region-etela-karjala = Södra Karelen
region-pohjois-karjala = Norra Karelen

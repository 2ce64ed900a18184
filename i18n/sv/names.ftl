# Namn på städer och landskap.
# Stadsnamnen har väljaren $case: nominative (standard) och genitive.

## Städer

city-helsinki =
    { $case ->
       *[nominative] Helsingfors
        [genitive] Helsingfors
    }
city-espoo =
    { $case ->
       *[nominative] Esbo
        [genitive] Esbos
    }
city-tampere =
    { $case ->
       *[nominative] Tammerfors
        [genitive] Tammerfors
    }
city-vantaa =
    { $case ->
       *[nominative] Vanda
        [genitive] Vandas
    }
city-oulu =
    { $case ->
       *[nominative] Uleåborg
        [genitive] Uleåborgs
    }
city-turku =
    { $case ->
       *[nominative] Åbo
        [genitive] Åbos
    }
city-jyvaskyla =
    { $case ->
       *[nominative] Jyväskylä
        [genitive] Jyväskyläs
    }
city-kuopio =
    { $case ->
       *[nominative] Kuopio
        [genitive] Kuopios
    }
city-lahti =
    { $case ->
       *[nominative] Lahtis
        [genitive] Lahtis
    }
city-pori =
    { $case ->
       *[nominative] Björneborg
        [genitive] Björneborgs
    }
city-kouvola =
    { $case ->
       *[nominative] Kouvola
        [genitive] Kouvolas
    }
city-vaasa =
    { $case ->
       *[nominative] Vasa
        [genitive] Vasas
    }
city-hameenlinna =
    { $case ->
       *[nominative] Tavastehus
        [genitive] Tavastehus
    }
city-seinajoki =
    { $case ->
       *[nominative] Seinäjoki
        [genitive] Seinäjokis
    }
city-rovaniemi =
    { $case ->
       *[nominative] Rovaniemi
        [genitive] Rovaniemis
    }
city-mikkeli =
    { $case ->
       *[nominative] S:t Michel
        [genitive] S:t Michels
    }
city-porvoo =
    { $case ->
       *[nominative] Borgå
        [genitive] Borgås
    }
city-salo =
    { $case ->
       *[nominative] Salo
        [genitive] Salos
    }
city-kotka =
    { $case ->
       *[nominative] Kotka
        [genitive] Kotkas
    }
city-kokkola =
    { $case ->
       *[nominative] Karleby
        [genitive] Karlebys
    }
city-hyvinkaa =
    { $case ->
       *[nominative] Hyvinge
        [genitive] Hyvinges
    }
city-kajaani =
    { $case ->
       *[nominative] Kajana
        [genitive] Kajanas
    }
city-lappeenranta =
    { $case ->
       *[nominative] Villmanstrand
        [genitive] Villmanstrands
    }
city-joensuu =
    { $case ->
       *[nominative] Joensuu
        [genitive] Joensuus
    }
city-imatra =
    { $case ->
       *[nominative] Imatra
        [genitive] Imatras
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

# Kumppanuuksien, teemojen ja toimielinten nimet sekä sitaatit.
# Nimet kirjoitetaan niin kuin ne esiintyvät tekstin keskellä (pienellä alkukirjaimella);
# sivun otsikko on sama nimi isolla alkukirjaimella. Valitsin $case: nominative (oletus),
# genitive, illative. Nimi kirjoitetaan vain tähän: tekstit hakevat sen lyhytkoodilla,
# esim. {{ theme(id="culture", case="genitive") }}.

## Teemat

theme-gang-crime =
    { $case ->
       *[nominative] jengiytymisen ja nuorisorikollisuuden ehkäisy
        [genitive] jengiytymisen ja nuorisorikollisuuden ehkäisyn
        [illative] jengiytymisen ja nuorisorikollisuuden ehkäisyyn
    }
theme-ecec-workforce =
    { $case ->
       *[nominative] varhaiskasvatuksen osaajapula
        [genitive] varhaiskasvatuksen osaajapulan
        [illative] varhaiskasvatuksen osaajapulaan
    }
theme-competence =
    { $case ->
       *[nominative] osaaminen
        [genitive] osaamisen
        [illative] osaamiseen
    }
theme-mobility-sport =
    { $case ->
       *[nominative] liikkuminen
        [genitive] liikkumisen
        [illative] liikkumiseen
    }
theme-regional-vitality =
    { $case ->
       *[nominative] alueellinen elinvoima
        [genitive] alueellisen elinvoiman
        [illative] alueelliseen elinvoimaan
    }
theme-culture =
    { $case ->
       *[nominative] kulttuuri
        [genitive] kulttuurin
        [illative] kulttuuriin
    }
theme-renewing-industry =
    { $case ->
       *[nominative] uudistuva teollisuus
        [genitive] uudistuvan teollisuuden
        [illative] uudistuvaan teollisuuteen
    }

## Kumppanuudet, sopimukset ja yhteistyöryhmät

partnership-strategic-alliance =
    { $case ->
       *[nominative] strateginen allianssi
        [genitive] strategisen allianssin
        [illative] strategiseen allianssiin
    }
partnership-vitality =
    { $case ->
       *[nominative] elinvoimakumppanuus
        [genitive] elinvoimakumppanuuden
        [illative] elinvoimakumppanuuteen
    }
partnership-growth-cities =
    { $case ->
       *[nominative] keskisuurten kasvukaupunkien kumppanuusryhmä
        [genitive] keskisuurten kasvukaupunkien kumppanuusryhmän
        [illative] keskisuurten kasvukaupunkien kumppanuusryhmään
    }
partnership-eastern-finland =
    { $case ->
       *[nominative] Itäisen Suomen kaupunkien kumppanuus
        [genitive] Itäisen Suomen kaupunkien kumppanuuden
        [illative] Itäisen Suomen kaupunkien kumppanuuteen
    }
partnership-mal-agreements =
    { $case ->
       *[nominative] MAL-sopimukset
        [genitive] MAL-sopimusten
        [illative] MAL-sopimuksiin
    }
partnership-ecosystem-agreements =
    { $case ->
       *[nominative] ekosysteemisopimukset
        [genitive] ekosysteemisopimusten
        [illative] ekosysteemisopimuksiin
    }
partnership-urban-policy-group =
    { $case ->
       *[nominative] kaupunkipolitiikan yhteistyöryhmä
        [genitive] kaupunkipolitiikan yhteistyöryhmän
        [illative] kaupunkipolitiikan yhteistyöryhmään
    }
partnership-regional-cities =
    { $case ->
       *[nominative] seutukaupunkien yhteistyö
        [genitive] seutukaupunkien yhteistyön
        [illative] seutukaupunkien yhteistyöhön
    }

## Toimielimet

body-alliance-secretariat =
    { $case ->
       *[nominative] valtion ja suurten kaupunkien yhteistyöallianssin sihteeristö
        [genitive] valtion ja suurten kaupunkien yhteistyöallianssin sihteeristön
        [illative] valtion ja suurten kaupunkien yhteistyöallianssin sihteeristöön
    }

## Sitaatit
# Kukin sitaatti kirjoitetaan vain tähän, sanasta sanaan kuin tiedotteessa; sivut hakevat sen
# lyhytkoodilla {{ t(key="quote-…") }}.

# Kunta- ja alueministeri Anna-Kaisa Ikonen, tiedote 23.5.2024.
quote-ikonen-new-partnerships = On hienoa, että olemme saaneet solmittua hyvässä yhteistyössä uudenlaisia kumppanuuksia, ja odotan innolla yhteistyön syventämistä eri kaupunkiryhmien kanssa. Kaupunkien merkitys talouskasvun ja työllisyyden luojina on keskeinen, samoin esimerkiksi koulutuksen ja osaamisen pohjan rakentamisessa. Samalla kaupungit ovat koteja, jotka tuovat ja luovat turvaa, hyvinvointia ja yhteisöllisyyttä sekä elämyksiä ja hyvää arkea asukkailleen
# Sama tiedote, teemoista.
quote-ikonen-themes = Nämä ovat kaikki aihepiirejä, jotka ovat sekä valtion että kaupunkien työn ytimessä ja joissa kaupungeilla on paljon annettavaa myös valtion työn suuntaan

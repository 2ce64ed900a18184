# Namn på partnerskap, teman och organ samt citat.
# Namnen skrivs som de står mitt i en mening (liten begynnelsebokstav); sidans rubrik är samma
# namn med stor begynnelsebokstav. Namnet skrivs bara här: texterna hämtar det med en kortkod,
# t.ex. {{ theme(id="culture") }}. En term per begrepp: industrins omställning (uudistuva
# teollisuus), motion (liikkuminen i idrottsstäderna).

## Teman

theme-gang-crime =
    { $case ->
       *[nominative] förebyggande av gängbrottslighet och ungdomsbrottslighet
    }
theme-ecec-workforce =
    { $case ->
       *[nominative] bristen på kompetent arbetskraft inom småbarnspedagogiken
    }
theme-competence =
    { $case ->
       *[nominative] kompetens
    }
theme-mobility-sport =
    { $case ->
       *[nominative] motion
    }
theme-regional-vitality =
    { $case ->
       *[nominative] regional livskraft
    }
theme-culture =
    { $case ->
       *[nominative] kultur
    }
theme-renewing-industry =
    { $case ->
       *[nominative] industrins omställning
    }

## Partnerskap, avtal och samarbetsgrupper

partnership-strategic-alliance =
    { $case ->
       *[nominative] strategiska alliansen
    }
partnership-vitality =
    { $case ->
       *[nominative] livskraftspartnerskapet
    }
partnership-growth-cities =
    { $case ->
       *[nominative] partnerskapet för medelstora växande städer
    }
partnership-eastern-finland =
    { $case ->
       *[nominative] partnerskapet med städer i Östra Finland
    }
partnership-mal-agreements =
    { $case ->
       *[nominative] MBT-avtalen
    }
partnership-ecosystem-agreements =
    { $case ->
       *[nominative] ekosystemavtalen
    }
partnership-urban-policy-group =
    { $case ->
       *[nominative] samarbetsgruppen för stadspolitik
    }
partnership-regional-cities =
    { $case ->
       *[nominative] samarbetet med regionstäderna
    }

## Organ

body-alliance-secretariat =
    { $case ->
       *[nominative] sekretariatet för samarbetsalliansen mellan staten och de stora städerna
    }

## Citat
# Varje citat skrivs bara här, ordagrant som i den svenska versionen av pressmeddelandet;
# sidorna hämtar det med kortkoden {{ t(key="quote-…") }}.

# Kommun- och regionminister Anna-Kaisa Ikonen, pressmeddelande 23.5.2024.
quote-ikonen-new-partnerships = Jag gläder mig över att vi i gott samarbete har kunnat ingå nya partnerskap, och jag ser fram emot att få fördjupa samarbetet med arbetsgrupperna i städerna. Städerna har en central roll när det gäller den ekonomiska tillväxten och sysselsättningen, och till exempel för att bygga upp grunden för utbildningen och kompetensen. Städerna är samtidigt hem som ger och skapar trygghet, välfärd och gemenskap, och olika upplevelser och en god vardag för sina invånare
# Samma pressmeddelande, om temana.
quote-ikonen-themes = Alla dessa teman är centrala för både statens och städernas arbete, och staten har stor nytta av det som städerna kan bidra med på dessa områden

//! Issue 17 acceptance on the portal itself: the corrected facts in both languages, quotes
//! written once and shown identically, theme names from Fluent, no notes about sources.

mod support;

use support::TestSite;

fn text(html: &str) -> String {
    let body = html.split("<main").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut tag = false;
    for c in body.chars() {
        match c {
            '<' => tag = true,
            '>' => {
                tag = false;
                out.push(' ');
            }
            _ if !tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace("( ", "(")
        .replace(" )", ")")
}

fn ftl_message(lang: &str, file: &str, key: &str) -> String {
    let ftl =
        std::fs::read_to_string(support::repo_root().join(format!("i18n/{lang}/{file}"))).unwrap();
    ftl.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("{key} not in {lang}/{file}"))
        .to_string()
}

#[test]
fn the_corrected_facts_read_the_same_in_both_languages() {
    let site = TestSite::repo().build();
    let pages = site.html_pages();
    // Minna Kurki: the releases name no organisation for her, so no page shows one.
    for (path, html) in &pages {
        let t = text(html);
        for org in [
            "työ- ja elinkeinoministeriö",
            "arbets- och näringsministeriet",
        ] {
            assert!(
                !t.contains(&format!(
                    "Minna Kurki, kunta- ja alueministerin erityisavustaja, {org}"
                )) && !t.contains(&format!(
                    "Minna Kurki, kommun- och regionministerns specialmedarbetare, {org}"
                )),
                "{path} gives Minna Kurki an organisation"
            );
        }
        assert!(
            !t.contains("Aloitettu") && !t.contains("Inleddes"),
            "{path}: a start date"
        );
        assert!(
            !t.contains("Diaarinumero") && !t.contains("Diarienummer"),
            "{path}"
        );
        // The footer names the site's publisher; a byline over a news text would sit in <main>.
        let main = html
            .split("<main")
            .nth(1)
            .and_then(|m| m.split("</main>").next())
            .unwrap_or("");
        let main = text(main);
        assert!(
            !main.contains("Julkaisija:") && !main.contains("Utgivare:"),
            "{path}: a byline"
        );
    }
    let fi = text(&site.read("fi/yhteystiedot/index.html"));
    assert!(
        fi.contains("Minna Kurki, kunta- ja alueministerin erityisavustaja, puh. 050 437 2718")
    );
    let sv = text(&site.read("sv/kontakter/index.html"));
    assert!(sv.contains(
        "Minna Kurki, kommun- och regionministerns specialmedarbetare, tfn 050 437 2718"
    ));
    // Contacts by surname: Kurki, Palonen, Voutilainen, Vuornos.
    for t in [&fi, &sv] {
        let at = |n: &str| t.find(n).unwrap_or_else(|| panic!("{n}"));
        assert!(at("Minna Kurki") < at("Katja Palonen"));
        assert!(at("Katja Palonen") < at("Olli Voutilainen"));
        assert!(at("Olli Voutilainen") < at("Henrik Vuornos"));
    }
    // The alliance: the cooperation group's first meeting, no start date; status as of a date.
    let fi = text(&site.read("fi/kumppanuudet/strateginen-allianssi/index.html"));
    let sv = text(&site.read("sv/partnerskap/strategiska-alliansen/index.html"));
    assert!(fi.contains("Yhteistyöryhmän ensimmäinen kokous 16.11.2023"));
    assert!(sv.contains("Samarbetsgruppens första möte 16.11.2023"));
    assert!(fi.contains("Tilanne 24.5.2024") && sv.contains("Läget 24.5.2024"));
    // News: summaries of the ministry's press release, both dates kept.
    let fi = text(&site.read("fi/uutiset/uudet-kumppanuudet/index.html"));
    let sv = text(&site.read("sv/nyheter/nya-partnerskap/index.html"));
    assert!(fi.contains("Tiivistelmä työ- ja elinkeinoministeriön tiedotteesta 23.5.2024 ( päivitetty 24.5.2024)") || fi.contains("Tiivistelmä työ- ja elinkeinoministeriön tiedotteesta 23.5.2024 (päivitetty 24.5.2024)"), "{fi}");
    assert!(sv.contains("Sammandrag av arbets- och näringsministeriets pressmeddelande 23.5.2024 (uppdaterat 24.5.2024, publicerat på svenska 24.5.2024)"), "{sv}");
    let sv = text(&site.read("sv/nyheter/alliansens-forsta-mote/index.html"));
    assert!(sv.contains("Sammandrag av statsrådets kanslis pressmeddelande 16.11.2023 (publicerat på svenska 17.11.2023)"), "{sv}");
    // The decision: its identifier, the date and what was due.
    let fi = text(&site.read("fi/toimielimet/allianssin-sihteeristo/index.html"));
    let sv = text(&site.read("sv/organ/alliansens-sekretariat/index.html"));
    assert!(
        fi.contains("Asettamispäätöksen tunnus TEM077:00/2023")
            && fi.contains("Asetettu 31.8.2023")
    );
    assert!(
        sv.contains("Tillsättningsbeslutets beteckning TEM077:00/2023")
            && sv.contains("Tillsatt 31.8.2023")
    );
    assert!(fi.contains("Esitys yhteistyömallista valmiiksi viimeistään 30.9.2023"));
    assert!(sv.contains("Förslaget till samarbetsmodell klart senast 30.9.2023"));
    assert!(fi.contains("Claes Krüger") && sv.contains("Claes Krüger"));
    assert!(sv.contains("Beslutet finns endast på finska."));
    assert!(
        text(&site.read("sv/partnerskapshaftet/index.html"))
            .contains("Häftet finns endast på finska.")
    );
    // Counts under ten in words, from the records.
    let fi = text(&site.read("fi/kumppanuudet/mal-sopimukset/index.html"));
    let sv = text(&site.read("sv/partnerskap/mbt-avtalen/index.html"));
    assert!(fi.contains("seitsemän kaupunkiseudun kanssa") && sv.contains("med sju stadsregioner"));
    // The about page names the publisher from site.yaml.
    let fi = text(&site.read("fi/tietoa-palvelusta/index.html"));
    let sv = text(&site.read("sv/om-webbplatsen/index.html"));
    assert!(fi.contains("Palvelun julkaisee ja sitä ylläpitää työ- ja elinkeinoministeriö."));
    assert!(sv.contains("Webbplatsen ges ut och underhålls av arbets- och näringsministeriet."));
    assert!(!fi.contains("riippumaton") && !sv.contains("fristående"));
    // The Swedish statement links the supervisory authority's Swedish pages.
    let sv = site.read("sv/tillganglighetsutlatande/index.html");
    assert!(sv.contains("href=\"https://www.tillganglighetskrav.fi/\""));
    assert!(!sv.contains("href=\"https://www.saavutettavuusvaatimukset.fi/\""));
}

#[test]
fn each_quote_reads_the_same_on_every_page_that_shows_it() {
    let site = TestSite::repo().build();
    let pages = site.html_pages();
    for lang in ["fi", "sv"] {
        for key in ["quote-ikonen-new-partnerships", "quote-ikonen-themes"] {
            let quote = ftl_message(lang, "partnerships.ftl", key);
            // Any page that shows the quote's opening words shows the whole quote.
            let opening: String = quote
                .split_whitespace()
                .take(5)
                .collect::<Vec<_>>()
                .join(" ");
            let showing: Vec<&String> = pages
                .iter()
                .filter(|(p, _)| p.starts_with(lang))
                .filter(|(_, h)| text(h).contains(&opening))
                .map(|(p, _)| p)
                .collect();
            assert!(!showing.is_empty(), "{lang} {key} appears nowhere");
            for (path, html) in pages.iter().filter(|(p, _)| showing.contains(&p)) {
                assert!(
                    text(html).contains(&format!("”{quote}”")),
                    "{path}: {key} differs"
                );
            }
        }
    }
}

#[test]
fn renaming_a_theme_in_fluent_renames_it_on_every_page() {
    let site = TestSite::repo().build();
    let before: Vec<String> = site
        .html_pages()
        .into_iter()
        .filter(|(p, h)| p.starts_with("sv/") && h.contains("ndustrins omställning"))
        .map(|(p, _)| p)
        .collect();
    assert!(before.len() >= 4, "{before:?}");
    let site = site
        .edit("i18n/sv/partnerships.ftl", |s| {
            s.replace(
                "] industrins omställning",
                "] industrins förnyelse och omställning",
            )
        })
        .build();
    for (path, html) in site.html_pages() {
        let t = text(&html).replace("ndustrins förnyelse och omställning", "");
        assert!(
            !t.contains("ndustrins omställning"),
            "{path} keeps the old name"
        );
    }
    for path in &before {
        assert!(
            site.read(path)
                .contains("ndustrins förnyelse och omställning"),
            "{path}"
        );
    }
}

#[test]
fn no_visitor_page_talks_about_sources_outside_quotations() {
    let site = TestSite::repo().build();
    let noun_fi = regex_lite(&[
        "lähde",
        "lähteen",
        "lähteet",
        "lähteitä",
        "lähteiden",
        "lähteistä",
        "lähteissä",
        "lähteisiin",
        "lähteenä",
        "lähteestä",
        "lähteessä",
        "lähteillä",
        "lähdetiedote",
        "tietolähde",
    ]);
    let noun_sv = regex_lite(&[
        "källa",
        "källan",
        "källor",
        "källorna",
        "källornas",
        "källans",
        "källhänvisning",
    ]);
    for (path, html) in site.html_pages() {
        let t = text(&html).to_lowercase();
        // Quotations are the speakers' words.
        let outside: String = t.split('”').step_by(2).collect::<Vec<_>>().join(" ");
        for word in outside.split(|c: char| !c.is_alphanumeric() && c != '-') {
            assert!(!noun_fi(word) && !noun_sv(word), "{path}: {word:?}");
        }
    }
}

/// Whether a word is one of `forms` or a compound ending in one.
fn regex_lite(forms: &'static [&'static str]) -> impl Fn(&str) -> bool {
    move |w: &str| {
        forms
            .iter()
            .any(|f| w == *f || (w.len() > f.len() + 3 && w.ends_with(f)))
    }
}

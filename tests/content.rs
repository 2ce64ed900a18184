//! Issue 3 acceptance: the repository's portal holds every page of the source documents in
//! Finnish and Swedish, derives lists from the records, names cities in the page's language and
//! case, states the sources' facts exactly, and uses exactly the Fluent keys it defines.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use support::{TestSite, alternates, hrefs_with, repo_root};

const BASE: &str = "https://kaupunkikumppanuudet.example.fi";

// ---------------------------------------------------------------------------------------------
// Helpers: reading the sources and the output
// ---------------------------------------------------------------------------------------------

/// Every `<dir>/*.yaml` record of the repository as (file stem, parsed YAML).
fn records(dir: &str) -> BTreeMap<String, serde_yaml::Value> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(repo_root().join("content").join(dir)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if stem.starts_with('_') {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            out.insert(stem, serde_yaml::from_str(&text).unwrap());
        }
    }
    out
}

/// The string items of a YAML sequence field, or nothing when the field is absent.
fn strings(value: &serde_yaml::Value, field: &str) -> Vec<String> {
    value
        .get(field)
        .and_then(|v| v.as_sequence())
        .map(|seq| {
            seq.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The `slug:` of a Markdown file's front matter.
fn front_matter_slug(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| l.strip_prefix("slug:"))
        .unwrap_or_else(|| panic!("{} has no slug", path.display()))
        .trim()
        .to_string()
}

/// The output path (`fi/kumppanuudet/x/index.html`) of page `<section>/<id>` in `lang`.
fn page_path(section: &str, id: &str, lang: &str) -> String {
    let content = repo_root().join("content").join(section);
    let section_slug = front_matter_slug(&content.join(format!("_index.{lang}.md")));
    let slug = front_matter_slug(&content.join(format!("{id}.{lang}.md")));
    format!("{lang}/{section_slug}/{slug}/index.html")
}

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>");
    &html[start..end]
}

/// Decodes the few entities the templates and Markdown renderer emit.
fn decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// What a reader sees of `html`: the text outside tags (without scripts and styles), plus the
/// page's description, which search engines and listings show.
fn visible_text(html: &str) -> String {
    let mut rest = html;
    let mut kept = String::new();
    // Scripts hold JSON-LD, which the Person test checks separately; styles hold no words.
    while let Some(start) = rest.find("<script").or_else(|| rest.find("<style")) {
        let close = if rest[start..].starts_with("<script") {
            "</script>"
        } else {
            "</style>"
        };
        kept.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once(close)
            .map_or("", |(_, after)| after);
    }
    kept.push_str(rest);
    // Inline tags join their text to the neighbours ("<span>Oulu</span>," reads "Oulu,");
    // any other tag separates words.
    const INLINE: [&str; 8] = ["a", "span", "em", "strong", "time", "abbr", "code", "b"];
    let mut text = String::new();
    let mut tag: Option<String> = None;
    for c in kept.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                let name: String = name
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if !INLINE.contains(&name.as_str()) {
                    text.push(' ');
                }
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => text.push(c),
        }
    }
    if let Some(description) = html
        .split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
    {
        text.push(' ');
        text.push_str(description);
    }
    decode(&text)
}

/// The words of `text` (letters and digits; ":" and "-" split words).
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Text of each `<li>` (tags removed, whitespace collapsed) of the first `<open …>` list.
fn list_texts(html: &str, open: &str, close: &str) -> Vec<String> {
    let list = html
        .split(open)
        .nth(1)
        .unwrap_or_else(|| panic!("no {open} in page"))
        .split(close)
        .next()
        .unwrap();
    list.split("<li")
        .skip(1)
        .map(|li| {
            let inner = li.split_once('>').unwrap().1.split("</li>").next().unwrap();
            let text = visible_text(inner);
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// The alternate of `path` in `lang`, as an output path.
fn alternate_path(html: &str, lang: &str) -> Option<String> {
    alternates(html)
        .into_iter()
        .find(|(l, _)| l == lang)
        .map(|(_, href)| {
            format!(
                "{}index.html",
                href.strip_prefix(&format!("{BASE}/")).unwrap()
            )
        })
}

/// An absolute URL path (`/fi/x/`) as an output path (`fi/x/index.html`).
fn output_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

// ---------------------------------------------------------------------------------------------
// 1. Every page in both languages
// ---------------------------------------------------------------------------------------------

/// The 25 cities the press releases name, plus every city of the booklet's interviewees.
const CITIES: [&str; 25] = [
    "helsinki",
    "espoo",
    "tampere",
    "vantaa",
    "oulu",
    "turku",
    "jyvaskyla",
    "kuopio",
    "lahti",
    "pori",
    "kouvola",
    "vaasa",
    "hameenlinna",
    "seinajoki",
    "rovaniemi",
    "mikkeli",
    "porvoo",
    "salo",
    "kotka",
    "kokkola",
    "hyvinkaa",
    "kajaani",
    "lappeenranta",
    "joensuu",
    "imatra",
];

#[test]
fn every_page_exists_in_finnish_and_swedish_and_no_page_in_one_language_only() {
    let site = TestSite::repo().build();
    let pages: BTreeMap<String, String> = site.html_pages().into_iter().collect();
    let mut fi_to_sv = BTreeMap::new();
    for (path, html) in &pages {
        let lang = path.split('/').next().unwrap();
        if lang != "fi" && lang != "sv" {
            continue;
        }
        let other = if lang == "fi" { "sv" } else { "fi" };
        let twin = alternate_path(html, other).unwrap_or_else(|| panic!("{path} has no {other}"));
        let twin_html = pages
            .get(&twin)
            .unwrap_or_else(|| panic!("{path}: {other} twin {twin} missing"));
        assert_eq!(
            alternate_path(twin_html, lang).as_deref(),
            Some(path.as_str()),
            "{twin} does not lead back to {path}"
        );
        if lang == "fi" {
            fi_to_sv.insert(path.clone(), twin);
        }
    }
    // No page is marked as waiting for its translation, and every source has its twin.
    for entry in walkdir::WalkDir::new(repo_root().join("content")) {
        let path = entry.unwrap().into_path();
        let name = path.to_string_lossy().into_owned();
        for (own, other) in [(".fi.md", ".sv.md"), (".sv.md", ".fi.md")] {
            if let Some(stem) = name.strip_suffix(own) {
                assert!(
                    Path::new(&format!("{stem}{other}")).exists(),
                    "{name} has no twin"
                );
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(!text.contains("\ntranslation:"), "{name} is pending");
            }
        }
    }
    let sv_count = pages.keys().filter(|p| p.starts_with("sv/")).count();
    assert_eq!(fi_to_sv.len(), sv_count, "fi and sv page counts differ");
    let twins: BTreeSet<_> = fi_to_sv.values().collect();
    assert_eq!(twins.len(), sv_count, "two fi pages share one sv twin");

    // The pages issue 3 lists, found through the sources' ids in both languages.
    let mut expected: Vec<String> = vec![
        "fi/index.html".into(),
        "fi/tietoa-palvelusta/index.html".into(),
        "fi/saavutettavuusseloste/index.html".into(),
        "fi/yhteystiedot/index.html".into(),
        "fi/uutiset/index.html".into(),
        page_path("bodies", "alliance-secretariat", "fi"),
        page_path("news", "2023-11-16-alliance-first-meeting", "fi"),
        page_path("news", "2024-05-23-new-partnerships", "fi"),
        "fi/kumppanuuskirjanen/index.html".into(),
    ];
    let partnerships = records("partnerships");
    assert_eq!(partnerships.len(), 8, "eight partnerships");
    expected.extend(
        partnerships
            .keys()
            .map(|id| page_path("partnerships", id, "fi")),
    );
    let themes = records("themes");
    assert_eq!(
        themes.keys().collect::<Vec<_>>(),
        [
            "competence",
            "culture",
            "ecec-workforce",
            "gang-crime",
            "mobility-sport",
            "regional-vitality",
            "renewing-industry"
        ]
    );
    expected.extend(themes.keys().map(|id| page_path("themes", id, "fi")));
    expected.extend(
        CITIES
            .iter()
            .map(|id| format!("fi/kaupungit/{id}/index.html")),
    );
    let booklet = [
        "01-relationship",
        "02-dialogue",
        "03-situation",
        "04-coherence",
        "05-added-value",
        "06-differentiation",
        "07-definition",
        "08-recipes",
        "09-interviewees",
    ];
    expected.extend(booklet.iter().map(|id| page_path("booklet", id, "fi")));
    for fi in &expected {
        assert!(fi_to_sv.contains_key(fi), "{fi} missing or without sv twin");
    }
    for (fi, sv) in [
        (
            "fi/saavutettavuusseloste/index.html",
            "sv/tillganglighetsutlatande/index.html",
        ),
        (
            "fi/kumppanuuskirjanen/index.html",
            "sv/partnerskapshaftet/index.html",
        ),
        (
            "fi/kaupungit/oulu/index.html",
            "sv/stader/uleaborg/index.html",
        ),
        (
            "fi/kaupungit/mikkeli/index.html",
            "sv/stader/st-michel/index.html",
        ),
    ] {
        assert_eq!(fi_to_sv[fi], sv);
    }
    // Every page in the sitemap, with both languages.
    let sitemap = site.read("sitemap.xml");
    for (fi, sv) in &fi_to_sv {
        for p in [fi, sv] {
            let url = format!("{BASE}/{}", p.trim_end_matches("index.html"));
            assert!(
                sitemap.contains(&format!("<loc>{url}</loc>")),
                "sitemap lacks {url}"
            );
        }
    }
}

#[test]
fn the_booklet_has_its_intro_six_chapters_definition_process_recipes_and_interviewees() {
    let site = TestSite::repo().build();
    for lang in ["fi", "sv"] {
        let index = site.read(&format!(
            "{lang}/{}/index.html",
            if lang == "fi" {
                "kumppanuuskirjanen"
            } else {
                "partnerskapshaftet"
            }
        ));
        assert!(
            index.contains("Pekka Timo"),
            "{lang} intro names Pekka Timonen"
        );
        assert!(index.contains("2021"), "{lang} intro: summer 2021");
        for chapter in 1..=6 {
            let page = site.read(&page_path(
                "booklet",
                &format!("{chapter:02}-{}", chapter_id(chapter)),
                lang,
            ));
            let main = main_of(&page);
            let solutions = if lang == "fi" {
                "Ratkaisut"
            } else {
                "Lösningar"
            };
            assert!(
                main.contains(solutions),
                "{lang} chapter {chapter} lacks its solutions"
            );
            assert!(
                main.contains("<li>"),
                "{lang} chapter {chapter} lists no solution"
            );
        }
        let definition = site.read(&page_path("booklet", "07-definition", lang));
        assert_eq!(
            list_texts(main_of(&definition), "<ol>", "</ol>").len(),
            5,
            "{lang}: five-step process"
        );
        assert!(
            main_of(&definition).contains("<blockquote>"),
            "{lang}: the definition is quoted"
        );
        let recipes = site.read(&page_path("booklet", "08-recipes", lang));
        assert_eq!(
            list_texts(main_of(&recipes), "<ol>", "</ol>").len(),
            8,
            "{lang}: eight recipes"
        );
        let people = site.read(&page_path("booklet", "09-interviewees", lang));
        let people = main_of(&people);
        for (name, org) in [
            ("Minna Arve", ["Turun kaupunki", "Åbo stad"]),
            ("Timo Koivisto", ["Jyväskylän kaupunki", "Jyväskylä stad"]),
            ("Lauri Lyly", ["Tampereen kaupunki", "Tammerfors stad"]),
            ("Jukka Mäkelä", ["Espoon kaupunki", "Esbo stad"]),
            ("Jarmo Pirhonen", ["Kuopion kaupunki", "Kuopio stad"]),
            ("Pekka Timonen", ["Lahden kaupunki", "Lahtis stad"]),
            ("Ritva Viljanen", ["Vantaan kaupunki", "Vanda stad"]),
            ("Juhani Damski", ["ympäristöministeriö", "miljöministeriet"]),
            (
                "Minna Kivimäki",
                [
                    "liikenne- ja viestintäministeriö",
                    "kommunikationsministeriet",
                ],
            ),
            (
                "Marja-Riitta Pihlman",
                [
                    "työ- ja elinkeinoministeriö",
                    "arbets- och näringsministeriet",
                ],
            ),
            (
                "Jani Pitkäniemi",
                ["valtiovarainministeriö", "finansministeriet"],
            ),
            (
                "Anita Lehikoinen",
                [
                    "opetus- ja kulttuuriministeriö",
                    "undervisnings- och kulturministeriet",
                ],
            ),
            (
                "Kirsi Varhila",
                [
                    "sosiaali- ja terveysministeriö",
                    "social- och hälsovårdsministeriet",
                ],
            ),
        ] {
            let org = if lang == "fi" { org[0] } else { org[1] };
            let line = format!("{name}, {org}");
            assert!(people.contains(&line), "{lang} interviewees lack {line:?}");
        }
    }
}

fn chapter_id(n: u32) -> &'static str {
    [
        "",
        "relationship",
        "dialogue",
        "situation",
        "coherence",
        "added-value",
        "differentiation",
    ][n as usize]
}

// ---------------------------------------------------------------------------------------------
// 2. Lists derived from the records
// ---------------------------------------------------------------------------------------------

#[test]
fn the_growth_cities_page_lists_the_same_13_cities_in_both_languages_from_one_list() {
    let site = TestSite::repo().build();
    let record = &records("partnerships")["growth-cities"];
    let ids = strings(record, "members");
    assert_eq!(ids.len(), 13);
    assert!(
        record.get("member_count").is_none(),
        "counts are derived, never typed"
    );
    let fi_path = page_path("partnerships", "growth-cities", "fi");
    let sv_path = page_path("partnerships", "growth-cities", "sv");
    let fi = site.read(&fi_path);
    let sv = site.read(&sv_path);
    assert_eq!(
        list_texts(&fi, "<ul class=\"members\">", "</ul>"),
        [
            "Hyvinkää",
            "Hämeenlinna",
            "Kajaani",
            "Kokkola",
            "Kotka",
            "Kouvola",
            "Mikkeli",
            "Pori",
            "Porvoo",
            "Rovaniemi",
            "Salo",
            "Seinäjoki",
            "Vaasa"
        ]
    );
    assert_eq!(
        list_texts(&sv, "<ul class=\"members\">", "</ul>"),
        [
            "Björneborg",
            "Borgå",
            "Hyvinge",
            "Kajana",
            "Karleby",
            "Kotka",
            "Kouvola",
            "Rovaniemi",
            "S:t Michel",
            "Salo",
            "Seinäjoki",
            "Tavastehus",
            "Vasa"
        ]
    );
    assert!(fi.contains("13 kaupunkia") && sv.contains("13 städer"));
    // The two lists are the same cities: each fi link's city page has the sv link as its twin.
    let fi_links = hrefs_from_list(&fi, "<ul class=\"members\">");
    let sv_links: BTreeSet<String> = hrefs_from_list(&sv, "<ul class=\"members\">")
        .into_iter()
        .collect();
    let fi_ids: BTreeSet<String> = fi_links
        .iter()
        .map(|h| h.trim_matches('/').rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(fi_ids, ids.iter().cloned().collect::<BTreeSet<_>>());
    let twins: BTreeSet<String> = fi_links
        .iter()
        .map(|h| {
            let city = site.read(&output_path(h));
            format!(
                "/{}",
                alternate_path(&city, "sv")
                    .unwrap()
                    .trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(twins, sv_links);
}

fn hrefs_from_list(html: &str, open: &str) -> Vec<String> {
    let list = html
        .split(open)
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    hrefs_with(list, "href")
}

#[test]
fn every_city_page_lists_exactly_the_partnerships_whose_records_name_it() {
    let site = TestSite::repo().build();
    let partnerships = records("partnerships");
    let cities = records("cities");
    assert_eq!(
        cities.keys().cloned().collect::<BTreeSet<_>>(),
        CITIES
            .iter()
            .map(|c| c.to_string())
            .collect::<BTreeSet<_>>(),
        "one city record per city named in the sources"
    );
    for lang in ["fi", "sv"] {
        for city in cities.keys() {
            let fi_page = format!("fi/kaupungit/{city}/index.html");
            let path = if lang == "fi" {
                fi_page.clone()
            } else {
                alternate_path(&site.read(&fi_page), "sv").unwrap()
            };
            let html = site.read(&path);
            let after_heading = main_of(&html).split("<h2>").nth(1).unwrap_or("");
            let listed: BTreeSet<String> = match after_heading.split_once("<ul>") {
                Some((_, list)) => hrefs_with(list.split("</ul>").next().unwrap(), "href")
                    .into_iter()
                    .map(|h| output_path(&h))
                    .collect(),
                None => BTreeSet::new(),
            };
            let expected: BTreeSet<String> = partnerships
                .iter()
                .filter(|(_, r)| strings(r, "members").contains(city))
                .map(|(id, _)| page_path("partnerships", id, lang))
                .collect();
            assert!(!expected.is_empty(), "{city} is in no partnership");
            assert_eq!(listed, expected, "{path}");
        }
    }
}

#[test]
fn every_theme_page_lists_the_partnerships_whose_records_name_the_theme() {
    let site = TestSite::repo().build();
    let partnerships = records("partnerships");
    for lang in ["fi", "sv"] {
        for theme in records("themes").keys() {
            let path = page_path("themes", theme, lang);
            let main = main_of(&site.read(&path)).to_string();
            let listed: BTreeSet<String> = main
                .rsplit("<h2>")
                .next()
                .map(|tail| {
                    hrefs_with(tail, "href")
                        .iter()
                        .map(|h| output_path(h))
                        .collect()
                })
                .unwrap_or_default();
            let expected: BTreeSet<String> = partnerships
                .iter()
                .filter(|(_, r)| strings(r, "themes").contains(theme))
                .map(|(id, _)| page_path("partnerships", id, lang))
                .collect();
            assert!(!expected.is_empty(), "no partnership works on {theme}");
            assert_eq!(listed, expected, "{path}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Place names in the page's language and case
// ---------------------------------------------------------------------------------------------

/// Finnish names (nominative and genitive) of cities that have a Swedish name, and that name.
const BILINGUAL: [(&str, &str, &str); 16] = [
    ("Helsinki", "Helsingin", "Helsingfors"),
    ("Espoo", "Espoon", "Esbo"),
    ("Tampere", "Tampereen", "Tammerfors"),
    ("Vantaa", "Vantaan", "Vanda"),
    ("Oulu", "Oulun", "Uleåborg"),
    ("Turku", "Turun", "Åbo"),
    ("Lahti", "Lahden", "Lahtis"),
    ("Pori", "Porin", "Björneborg"),
    ("Vaasa", "Vaasan", "Vasa"),
    ("Hämeenlinna", "Hämeenlinnan", "Tavastehus"),
    ("Mikkeli", "Mikkelin", "S:t Michel"),
    ("Porvoo", "Porvoon", "Borgå"),
    ("Kokkola", "Kokkolan", "Karleby"),
    ("Hyvinkää", "Hyvinkään", "Hyvinge"),
    ("Kajaani", "Kajaanin", "Kajana"),
    ("Lappeenranta", "Lappeenrannan", "Villmanstrand"),
];

#[test]
fn swedish_pages_never_use_the_finnish_name_of_a_city_that_has_a_swedish_one() {
    let site = TestSite::repo().build();
    let mut seen_swedish = BTreeSet::new();
    let mut pages = 0;
    for (path, html) in site.html_pages() {
        if !path.starts_with("sv/") {
            continue;
        }
        pages += 1;
        let text = visible_text(&html);
        let found = words(&text);
        for (nominative, genitive, swedish) in BILINGUAL {
            for finnish in [nominative, genitive] {
                assert!(
                    !found.contains(finnish),
                    "{path} uses the Finnish name {finnish:?} (use {swedish:?})"
                );
            }
            if text.contains(swedish) {
                seen_swedish.insert(swedish);
            }
        }
    }
    assert!(pages > 60, "scanned {pages} Swedish pages");
    // The scan saw real text: every Swedish name appears somewhere.
    assert_eq!(seen_swedish.len(), BILINGUAL.len(), "{seen_swedish:?}");
}

#[test]
fn finnish_pages_never_use_the_swedish_name_of_a_city() {
    let site = TestSite::repo().build();
    for (path, html) in site.html_pages() {
        if !path.starts_with("fi/") {
            continue;
        }
        let text = visible_text(&html);
        let found = words(&text);
        for (_, _, swedish) in BILINGUAL {
            // "S:t Michel" is two words; look for it whole.
            let used = if swedish.contains(':') {
                text.contains(swedish)
            } else {
                found.contains(swedish)
            };
            assert!(!used, "{path} uses the Swedish name {swedish:?}");
        }
    }
}

#[test]
fn finnish_pages_use_the_cases_their_sentences_need() {
    let site = TestSite::repo().build();
    let vitality = site.read(&page_path("partnerships", "vitality", "fi"));
    assert!(vitality.contains("Jyväskylän, Kuopion ja Lahden kaupunkien kanssa"));
    let news = site.read(&page_path("news", "2024-05-23-new-partnerships", "fi"));
    let news = visible_text(&news);
    assert!(news.contains(
        "Hyvinkään, Hämeenlinnan, Kajaanin, Kokkolan, Kotkan, Kouvolan, Mikkelin, Porin, \
         Porvoon, Rovaniemen, Salon, Seinäjoen ja Vaasan kumppanuuden"
    ));
    assert!(news.contains("Imatran, Joensuun ja Lappeenrannan kanssa"));
    for (id, genitive, locative) in [
        ("oulu", "Oulun", "Oulussa"),
        ("lahti", "Lahden", "Lahdessa"),
        ("tampere", "Tampereen", "Tampereella"),
        ("seinajoki", "Seinäjoen", "Seinäjoella"),
        ("hyvinkaa", "Hyvinkään", "Hyvinkäällä"),
        ("lappeenranta", "Lappeenrannan", "Lappeenrannassa"),
    ] {
        let city = site.read(&format!("fi/kaupungit/{id}/index.html"));
        assert!(
            city.contains(&format!("<h2>{genitive} kumppanuudet</h2>")),
            "{id}: {genitive}"
        );
        assert!(
            city.contains(&format!("kumppanuudet {locative}\">")),
            "{id}: {locative}"
        );
    }
    // ”S:t” keeps its name on the same line (a no-break space).
    for (id, genitive) in [("oulu", "Uleåborgs"), ("mikkeli", "S:t\u{a0}Michels")] {
        let fi = site.read(&format!("fi/kaupungit/{id}/index.html"));
        let sv = site.read(&alternate_path(&fi, "sv").unwrap());
        assert!(
            sv.contains(&format!("<h2>{genitive} partnerskap</h2>")),
            "{genitive}"
        );
    }
    // Forms a naive inflection would make.
    for (path, html) in site.html_pages() {
        if path.starts_with("fi/") {
            let found = words(&visible_text(&html));
            for wrong in ["Lahtin", "Lahtissa", "Seinäjokin", "Tamperen", "Rovaniemin"] {
                assert!(!found.contains(wrong), "{path}: {wrong}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. The sources' facts, in both languages
// ---------------------------------------------------------------------------------------------

#[test]
fn the_facts_of_the_sources_read_the_same_in_both_languages() {
    let site = TestSite::repo().build();
    let both = |section: &str, id: &str| {
        [
            site.read(&page_path(section, id, "fi")),
            site.read(&page_path(section, id, "sv")),
        ]
    };
    let [fi, sv] = both("news", "2023-11-16-alliance-first-meeting");
    assert!(fi.contains("<time datetime=\"2023-11-16\">16.11.2023</time>"));
    assert!(sv.contains("<time datetime=\"2023-11-16\">16.11.2023</time>"));
    assert!(sv.contains("(publicerat på svenska 17.11.2023)"));
    assert!(
        !fi.contains("Julkaistu suomeksi"),
        "the release was Finnish first"
    );
    assert!(fi.contains("18 yliopisto") && sv.contains("18 universitetsstäder"));
    assert!(fi.contains("noin 20 vuoden") && sv.contains("cirka 20 år"));
    assert!(fi.contains("Helsingissä") && sv.contains("i Helsingfors"));

    let [fi, sv] = both("news", "2024-05-23-new-partnerships");
    for html in [&fi, &sv] {
        assert!(html.contains("<time datetime=\"2024-05-23\">23.5.2024</time>"));
    }
    assert!(fi.contains("(päivitetty 24.5.2024)"));
    assert!(sv.contains("(uppdaterat 24.5.2024, publicerat på svenska 24.5.2024)"));
    // The Finnish release says "twelve" but names thirteen: the portal counts the list.
    assert!(!fi.contains("kahdentoista") && !sv.contains("tolv "));
    assert!(fi.contains("13 keskisuuren") && sv.contains("13 medelstora"));
    assert!(fi.contains("parinkymmenen") && sv.contains("tjugotal"));

    let [fi, sv] = both("partnerships", "ecosystem-agreements");
    assert!(fi.contains("18 yliopisto") && fi.contains("parinkymmenen"));
    assert!(sv.contains("18 universitetsstäder") && sv.contains("tjugotal"));

    let [fi, sv] = both("partnerships", "strategic-alliance");
    assert!(fi.contains("<dd>16.11.2023</dd>") && sv.contains("<dd>16.11.2023</dd>"));
    assert!(fi.contains("puheenjohtaja: pääministeri Petteri Orpo"));
    assert!(fi.contains("varapuheenjohtaja: kunta- ja alueministeri Anna-Kaisa Ikonen"));
    assert!(sv.contains("ordförande: statsminister Petteri Orpo"));
    assert!(sv.contains("vice ordförande: kommun- och regionminister Anna-Kaisa Ikonen"));

    let [fi, sv] = both("partnerships", "eastern-finland");
    assert!(fi.contains("Valmisteilla") && sv.contains("Under beredning"));
    assert!(fi.contains("Itäisen Suomen ohjelma") && sv.contains("programmet för Östra Finland"));

    // Member counts, and named lists as long as the count.
    for (id, count, fi_count, sv_count) in [
        ("strategic-alliance", 6, "6 kaupunkia", "6 städer"),
        ("vitality", 3, "3 kaupunkia", "3 städer"),
        ("growth-cities", 13, "13 kaupunkia", "13 städer"),
        ("eastern-finland", 3, "3 kaupunkia", "3 städer"),
        ("mal-agreements", 7, "7 kaupunkiseutua", "7 stadsregioner"),
        ("urban-policy-group", 23, "23 kaupunkia", "23 städer"),
    ] {
        let [fi, sv] = both("partnerships", id);
        assert!(
            fi.contains(&format!("<dd>{fi_count}</dd>")),
            "{id}: {fi_count}"
        );
        assert!(
            sv.contains(&format!("<dd>{sv_count}</dd>")),
            "{id}: {sv_count}"
        );
        for html in [&fi, &sv] {
            if html.contains("<ul class=\"members\">") {
                assert_eq!(
                    list_texts(html, "<ul class=\"members\">", "</ul>").len(),
                    count
                );
            } else {
                assert!(
                    matches!(id, "mal-agreements" | "urban-policy-group"),
                    "{id}"
                );
            }
        }
    }

    // The secretariat: decision, term, deadline and its ten members.
    let [fi, sv] = both("bodies", "alliance-secretariat");
    for html in [&fi, &sv] {
        assert!(html.contains("31.8.2023") && html.contains("TEM077:00/2023"));
        assert!(html.contains("1.9.2023") && html.contains("30.9.2023"));
    }
    assert!(
        fi.contains("1.9.2023 alkaen toistaiseksi") && sv.contains("från 1.9.2023 tills vidare")
    );
    assert!(fi.contains("(10 jäsentä)") && sv.contains("(10 medlemmar)"));
    let members = [
        (
            "johtava asiantuntija Katja Palonen, työ- ja elinkeinoministeriö (puheenjohtaja)",
            "ledande sakkunnig Katja Palonen, arbets- och näringsministeriet (ordförande)",
        ),
        (
            "erityisasiantuntija Olli Voutilainen, työ- ja elinkeinoministeriö",
            "specialsakkunnig Olli Voutilainen, arbets- och näringsministeriet",
        ),
        (
            "kulttuuriasiainneuvos Kirsi Kaunisharju, opetus- ja kulttuuriministeriö",
            "kulturråd Kirsi Kaunisharju, undervisnings- och kulturministeriet",
        ),
        (
            "neuvotteleva virkamies Lotta Mattsson, valtiovarainministeriö",
            "konsultativ tjänsteman Lotta Mattsson, finansministeriet",
        ),
        (
            "yhteysjohtaja Inga Nyholm, Helsingin kaupunki",
            "kontaktdirektör Inga Nyholm, Helsingfors stad",
        ),
        (
            "kehittämispäällikkö Niko Ferm, Espoon kaupunki",
            "utvecklingschef Niko Ferm, Esbo stad",
        ),
        (
            "yhteysjohtaja Maggie Keskinen, Tampereen kaupunki",
            "kontaktdirektör Maggie Keskinen, Tammerfors stad",
        ),
        (
            "kehittämispäällikkö Paula Harju, Vantaan kaupunki",
            "utvecklingschef Paula Harju, Vanda stad",
        ),
        (
            "kehittämispäällikkö Claes Krüger, Oulun kaupunki",
            "utvecklingschef Claes Krüger, Uleåborgs stad",
        ),
        (
            "yhteysjohtaja Matti Niemi, Turun kaupunki",
            "kontaktdirektör Matti Niemi, Åbo stad",
        ),
    ];
    assert_eq!(
        list_texts(&fi, "<ol class=\"body-members\">", "</ol>"),
        members.map(|m| m.0)
    );
    assert_eq!(
        list_texts(&sv, "<ol class=\"body-members\">", "</ol>"),
        members.map(|m| m.1)
    );

    // Contacts: role, organisation, phone exactly as printed, and a tel: link.
    let fi = site.read("fi/yhteystiedot/index.html");
    let sv = site.read("sv/kontakter/index.html");
    for (fi_line, sv_line, phone, tel) in [
        (
            "Henrik Vuornos, pääministerin erityisavustaja, valtioneuvoston kanslia",
            "Henrik Vuornos, statsministerns specialmedarbetare, statsrådets kansli",
            "050 408 4422",
            "tel:+358504084422",
        ),
        (
            "Minna Kurki, kunta- ja alueministerin erityisavustaja",
            "Minna Kurki, kommun- och regionministerns specialmedarbetare",
            "050 437 2718",
            "tel:+358504372718",
        ),
        (
            "Katja Palonen, johtava asiantuntija, työ- ja elinkeinoministeriö",
            "Katja Palonen, ledande sakkunnig, arbets- och näringsministeriet",
            "0295 047 071",
            "tel:+358295047071",
        ),
        (
            "Olli Voutilainen, erityisasiantuntija, työ- ja elinkeinoministeriö",
            "Olli Voutilainen, specialsakkunnig, arbets- och näringsministeriet",
            "0295 064 919",
            "tel:+358295064919",
        ),
    ] {
        // The typography keeps a phone number on one line (no-break spaces, which the
        // visible text above reads as spaces).
        let link = format!("<a href=\"{tel}\">{}</a>", phone.replace(' ', "\u{a0}"));
        let fi_items = list_texts(&fi, "<ul class=\"contacts\">", "</ul>");
        let sv_items = list_texts(&sv, "<ul class=\"contacts\">", "</ul>");
        assert!(
            fi_items
                .iter()
                .any(|l| l.starts_with(fi_line) && l.ends_with(&format!("puh. {phone}"))),
            "{fi_line}"
        );
        assert!(
            sv_items
                .iter()
                .any(|l| l.starts_with(sv_line) && l.ends_with(&format!("tfn {phone}"))),
            "{sv_line}"
        );
        assert!(fi.contains(&link) && sv.contains(&link), "{link}");
    }
}

#[test]
fn each_contact_has_person_json_ld_in_the_page_language() {
    let site = TestSite::repo().build();
    for (path, job, org) in [
        (
            "fi/yhteystiedot/index.html",
            "\"jobTitle\":\"johtava asiantuntija\"",
            "työ- ja elinkeinoministeriö",
        ),
        (
            "sv/kontakter/index.html",
            "\"jobTitle\":\"ledande sakkunnig\"",
            "arbets- och näringsministeriet",
        ),
    ] {
        let html = site.read(path);
        let scripts: Vec<&str> = html
            .split("<script type=\"application/ld+json\">")
            .skip(1)
            .map(|s| s.split("</script>").next().unwrap())
            .collect();
        assert_eq!(scripts.len(), 4, "{path}");
        for s in &scripts {
            let v: serde_json::Value = serde_json::from_str(s).unwrap();
            assert_eq!(v["@type"], "Person");
        }
        assert!(
            scripts.iter().any(|s| s.contains(job) && s.contains(org)),
            "{path}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Fluent keys: defined in both languages, every one used
// ---------------------------------------------------------------------------------------------

/// Message ids defined in `i18n/<lang>/<file>`.
fn ftl_keys(lang: &str, file: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(repo_root().join("i18n").join(lang).join(file)).unwrap();
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

/// Every literal `<attr>="value"` argument of the calls `name(…)` in `text`.
fn call_args(text: &str, name: &str, attr: &str) -> Vec<String> {
    text.split(&format!("{name}("))
        .skip(1)
        .filter_map(|call| {
            let args = call.split(')').next()?;
            let value = args.split(&format!("{attr}=\"")).nth(1)?;
            let (value, rest) = value.split_once('"')?;
            // `key="status-" ~ record.status` is a prefix, collected separately.
            (!rest.trim_start().starts_with('~')).then(|| value.to_string())
        })
        .collect()
}

/// Keys referenced by templates, prose, records and the generator.
struct References {
    /// Keys named exactly: `t(key="…")`, `city(id="…")` and the ids in records.
    keys: BTreeSet<String>,
    /// Prefixes completed at render time: `t(key="status-" ~ record.status)`.
    prefixes: BTreeSet<String>,
    /// Key-like string literals in `src/` (`"list-and"`); some are not message ids.
    src_literals: BTreeSet<String>,
}

fn referenced_keys() -> References {
    let mut keys = BTreeSet::new();
    let mut src_literals = BTreeSet::new();
    let mut prefixes = BTreeSet::new();
    let root = repo_root();
    for dir in ["templates", "content", "src"] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            // Calls count in templates and content; src/ only documents them in comments.
            if dir != "src" {
                keys.extend(call_args(&text, "t", "key"));
                keys.extend(
                    call_args(&text, "city", "id")
                        .into_iter()
                        .map(|id| format!("city-{id}")),
                );
            }
            // t(key="status-" ~ record.status): every key with that prefix is reachable.
            for part in text.split("key=\"").skip(1) {
                if let Some((prefix, rest)) = part.split_once('"')
                    && rest.trim_start().starts_with('~')
                {
                    prefixes.insert(prefix.to_string());
                }
            }
            if dir == "src" {
                // The generator names its own keys as string literals ("list-and").
                for lit in text.split('"').skip(1).step_by(2) {
                    if !lit.is_empty()
                        && lit.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                        && lit.contains('-')
                        && !lit.ends_with('-')
                    {
                        src_literals.insert(lit.to_string());
                    }
                }
            }
        }
    }
    // Records name ids; the key is the id with its kind's prefix.
    for (id, city) in records("cities") {
        keys.insert(format!("city-{id}"));
        if let Some(region) = city.get("region").and_then(|v| v.as_str()) {
            keys.insert(format!("region-{region}"));
        }
    }
    for (_, contact) in records("contacts") {
        for (field, prefix) in [("role", "role-"), ("organisation", "org-")] {
            if let Some(v) = contact.get(field).and_then(|v| v.as_str()) {
                keys.insert(format!("{prefix}{v}"));
            }
        }
    }
    for (_, p) in records("partnerships") {
        if let Some(v) = p.get("linked_to").and_then(|v| v.as_str()) {
            keys.insert(format!("programme-{v}"));
        }
        for leader in p
            .get("leaders")
            .and_then(|v| v.as_sequence())
            .into_iter()
            .flatten()
        {
            if let Some(role) = leader.get("role").and_then(|v| v.as_str()) {
                keys.insert(format!("role-{role}"));
            }
        }
    }
    for (_, n) in records("news") {
        if let Some(v) = n.get("publisher").and_then(|v| v.as_str()) {
            keys.insert(format!("org-{v}"));
        }
    }
    for (_, b) in records("bodies") {
        if let Some(v) = b
            .get("decision")
            .and_then(|d| d.get("by"))
            .and_then(|v| v.as_str())
        {
            keys.insert(format!("org-{v}"));
        }
    }
    let statement: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(root.join("content/accessibility/_index.yaml")).unwrap(),
    )
    .unwrap();
    if let Some(v) = statement.get("supervisor").and_then(|v| v.as_str()) {
        keys.insert(format!("org-{v}"));
    }
    References {
        keys,
        prefixes,
        src_literals,
    }
}

#[test]
fn every_fluent_key_exists_in_both_languages_and_every_key_used_exists() {
    let all = |lang: &str| -> BTreeSet<String> {
        [
            "names.ftl",
            "organisations.ftl",
            "partnerships.ftl",
            "ui.ftl",
            "layout.ftl",
        ]
        .iter()
        .flat_map(|f| ftl_keys(lang, f))
        .collect()
    };
    let (fi, sv) = (all("fi"), all("sv"));
    assert_eq!(
        fi.symmetric_difference(&sv).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "keys in one language only"
    );
    for file in [
        "names.ftl",
        "organisations.ftl",
        "partnerships.ftl",
        "ui.ftl",
        "layout.ftl",
    ] {
        assert_eq!(ftl_keys("fi", file), ftl_keys("sv", file), "{file} differs");
    }
    // Every key named by a template, a page or a record exists (src literals are left out:
    // many are CSS classes or file names, not message ids).
    let refs = referenced_keys();
    assert!(
        refs.keys.len() > 100,
        "found {} references",
        refs.keys.len()
    );
    for key in &refs.keys {
        assert!(fi.contains(key), "{key} is used but not defined");
    }
    for prefix in &refs.prefixes {
        assert!(
            fi.iter().any(|k| k.starts_with(prefix.as_str())),
            "no key starts with {prefix}"
        );
    }
}

#[test]
fn every_name_organisation_role_and_programme_key_is_used() {
    let References { keys, prefixes, .. } = referenced_keys();
    for lang in ["fi", "sv"] {
        for file in ["names.ftl", "organisations.ftl"] {
            for key in ftl_keys(lang, file) {
                let used =
                    keys.contains(&key) || prefixes.iter().any(|p| key.starts_with(p.as_str()));
                assert!(used, "i18n/{lang}/{file}: {key} is never used");
            }
        }
    }
}

#[test]
fn every_ui_key_is_used_by_a_template_or_the_generator() {
    let refs = referenced_keys();
    let unused: Vec<String> = ftl_keys("fi", "ui.ftl")
        .into_iter()
        .filter(|k| {
            !refs.keys.contains(k)
                && !refs.src_literals.contains(k)
                && !refs.prefixes.iter().any(|p| k.starts_with(p.as_str()))
        })
        .collect();
    assert_eq!(unused, Vec::<String>::new(), "unused ui.ftl keys");
}

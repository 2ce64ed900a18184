//! Issue 2 acceptance: the repository's portal builds in both languages, correctly linked,
//! sorted and typeset; user errors fail with a place and leave the previous output alone.

mod support;

use support::{TestSite, alternates, hrefs_with};

const FI_ALLIANCE: &str = "fi/kumppanuudet/strateginen-allianssi/index.html";
const SV_ALLIANCE: &str = "sv/partnerskap/strategiska-alliansen/index.html";

fn list_items(html: &str, class: &str) -> Vec<String> {
    let list = html
        .split(&format!("<ul class=\"{class}\">"))
        .nth(1)
        .expect("list")
        .split("</ul>")
        .next()
        .unwrap();
    list.split("<li>")
        .skip(1)
        .map(|li| {
            let inner = li.split("</li>").next().unwrap();
            let text = inner
                .split('>')
                .nth(1)
                .map_or(inner, |s| s.split('<').next().unwrap());
            text.to_string()
        })
        .collect()
}

#[test]
fn can_build_the_alliance_page_in_both_languages_with_switchers_leading_to_each_other() {
    let site = TestSite::repo().build();
    let fi = site.read(FI_ALLIANCE);
    let sv = site.read(SV_ALLIANCE);
    assert!(fi.starts_with("<!DOCTYPE html>\n<html lang=\"fi\">"));
    assert!(sv.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    assert_eq!(
        hrefs_with(&fi, "hreflang=\"sv\""),
        ["/sv/partnerskap/strategiska-alliansen/"]
    );
    assert_eq!(
        hrefs_with(&sv, "hreflang=\"fi\""),
        ["/fi/kumppanuudet/strateginen-allianssi/"]
    );
    assert!(fi.contains(">På svenska</a>") && fi.contains("lang=\"sv\""));
    assert!(sv.contains(">Suomeksi</a>"));
    assert!(
        fi.contains("<a class=\"skip-link\" href=\"#main\">") && fi.contains("<main id=\"main\"")
    );
    assert!(
        site.stdout().contains("pages (") && site.stdout().contains(" fi, "),
        "{}",
        site.stdout()
    );
}

#[test]
fn hreflang_alternates_are_symmetric_on_every_page() {
    let site = TestSite::repo().build();
    let base = "https://kaupunkikumppanuudet.example.fi/";
    let pages = site.html_pages();
    let mut checked = 0;
    for (path, html) in &pages {
        let alts = alternates(html);
        if path == "index.html" || path == "404.html" {
            continue;
        }
        assert!(
            alts.iter().any(|(l, _)| l == "x-default"),
            "{path} has no x-default"
        );
        let own = format!("{base}{}", path.trim_end_matches("index.html"));
        assert!(
            alts.iter().any(|(_, h)| *h == own),
            "{path} lacks a self alternate"
        );
        for (lang, href) in alts.iter().filter(|(l, _)| l != "x-default") {
            let other = format!("{}index.html", href.strip_prefix(base).unwrap());
            let other_html = site.read(&other);
            assert!(
                other_html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")),
                "{other}"
            );
            assert_eq!(
                alternates(&other_html),
                alts,
                "alternates of {path} and {other} differ"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} alternates checked");
}

#[test]
fn sitemap_lists_both_alliance_pages_with_alternates() {
    let site = TestSite::repo().build();
    let sitemap = site.read("sitemap.xml");
    let entry = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://kaupunkikumppanuudet.example.fi/sv/partnerskap/strategiska-alliansen/</loc>"))
        .expect("sv alliance in sitemap");
    assert!(entry.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"fi\" href=\"https://kaupunkikumppanuudet.example.fi/fi/kumppanuudet/strateginen-allianssi/\"/>"
    ));
    assert!(entry.contains("hreflang=\"x-default\""));
    assert!(sitemap.contains(
        "<loc>https://kaupunkikumppanuudet.example.fi/fi/kumppanuudet/strateginen-allianssi/</loc>"
    ));
}

#[test]
fn alliance_members_are_localized_and_sorted_by_each_languages_collation() {
    let site = TestSite::repo().build();
    assert_eq!(
        list_items(&site.read(SV_ALLIANCE), "members"),
        [
            "Esbo",
            "Helsingfors",
            "Tammerfors",
            "Uleåborg",
            "Vanda",
            "Åbo"
        ]
    );
    assert_eq!(
        list_items(&site.read(FI_ALLIANCE), "members"),
        ["Espoo", "Helsinki", "Oulu", "Tampere", "Turku", "Vantaa"]
    );
}

#[test]
fn a_finnish_template_can_say_oulun_through_city_with_the_genitive_case() {
    TestSite::repo()
        .build()
        .assert_contains(
            "fi/kaupungit/oulu/index.html",
            "<h2>Oulun kumppanuudet</h2>",
        )
        .assert_contains(
            "fi/kaupungit/oulu/index.html",
            "Valtion ja kaupunkien kumppanuudet Oulussa",
        )
        .assert_contains(
            "sv/stader/uleaborg/index.html",
            "<h2>Uleåborgs partnerskap</h2>",
        );
}

#[test]
fn no_isolation_marks_and_no_english_opening_quotes_in_any_page() {
    let site = TestSite::repo().build();
    for (path, bytes) in site.snapshot() {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        assert!(
            !text.contains(['\u{2068}', '\u{2069}']),
            "{path} has Unicode isolation marks"
        );
        assert!(
            !text.contains('“') && !text.contains('‘'),
            "{path} has English opening quotes"
        );
    }
}

#[test]
fn straight_quotes_in_markdown_become_right_double_quotes_in_finnish_and_swedish() {
    TestSite::repo()
        .edit("content/about/_index.fi.md", |s| {
            format!("{s}\nHän sanoi \"näin\" ja 'noin'.\n")
        })
        .edit("content/about/_index.sv.md", |s| {
            format!("{s}\nHon sade \"så här\".\n")
        })
        .build()
        .assert_contains(
            "fi/tietoa-palvelusta/index.html",
            "Hän sanoi ”näin” ja ’noin’.",
        )
        .assert_contains("sv/om-webbplatsen/index.html", "Hon sade ”så här”.");
}

#[test]
fn building_twice_gives_identical_bytes() {
    let site = TestSite::repo().build();
    let first = site.snapshot();
    let site = site.build();
    assert_eq!(first, site.snapshot());
    assert!(first.len() > 120);
}

#[test]
fn crlf_line_ends_and_a_byte_order_mark_are_accepted() {
    let site = TestSite::repo().build();
    let before = site.snapshot();
    site.edit("content/partnerships/strategic-alliance.fi.md", |s| {
        format!("\u{feff}{}", s.replace('\n', "\r\n"))
    })
    .edit("content/cities/oulu.yaml", |s| {
        format!("\u{feff}{}", s.replace('\n', "\r\n"))
    })
    .build()
    .snapshot()
    .iter()
    .for_each(|(path, bytes)| assert_eq!(Some(bytes), before.get(path), "{path} changed"));
}

/// Builds the portal, breaks one file, and checks the failure and that `public/` is untouched.
fn fails_and_keeps_output(path: &str, edit: impl FnOnce(String) -> String, expected: &str) {
    let site = TestSite::repo().build();
    let before = site.snapshot();
    let site = site.edit(path, edit).build_fails().assert_stderr(expected);
    assert_eq!(before, site.snapshot(), "the previous output changed");
}

#[test]
fn a_front_matter_typo_fails_with_place_and_suggestion() {
    fails_and_keeps_output(
        "content/about/_index.fi.md",
        |s| s.replacen("title:", "tittle:", 1),
        "error: content/about/_index.fi.md:2:1: unknown field `tittle` (expected one of title, slug, description, template, translation, pending, translated_from, draft, aliases) — did you mean `title`?",
    );
}

#[test]
fn a_yaml_syntax_error_fails_with_place() {
    fails_and_keeps_output(
        "content/partnerships/strategic-alliance.yaml",
        |s| s.replace("members: [helsinki,", "members: [helsinki,,"),
        "error: content/partnerships/strategic-alliance.yaml:3:20: YAML syntax error: did not find expected node content\n",
    );
}

#[test]
fn an_unknown_city_id_in_a_record_fails_with_place() {
    fails_and_keeps_output(
        "content/partnerships/strategic-alliance.yaml",
        |s| s.replace("oulu,", "uleaborg,"),
        "error: content/partnerships/strategic-alliance.yaml:3:45: unknown city id `uleaborg` (cities are defined in content/cities/)\n",
    );
    fails_and_keeps_output(
        "content/partnerships/strategic-alliance.yaml",
        |s| s.replace("oulu,", "olu,"),
        "unknown city id `olu` (cities are defined in content/cities/) — did you mean `oulu`?",
    );
}

#[test]
fn a_template_syntax_error_fails_with_template_name_and_line() {
    fails_and_keeps_output(
        "templates/theme.html",
        |s| s.replace("{% endif %}", "{% endiff %}"),
        "error: templates/theme.html:10:4: unknown tag `endiff` — did you mean `endif`?\n",
    );
}

#[test]
fn a_missing_fluent_key_fails_naming_key_language_and_template() {
    fails_and_keeps_output(
        "i18n/sv/ui.ftl",
        |s| s.replace("themes-heading = Teman\n", ""),
        "error: templates/partnership.html:21:52: Fluent message `themes-heading` is missing in language `sv` (define it in i18n/sv/*.ftl)",
    );
}

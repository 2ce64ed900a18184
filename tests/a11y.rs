//! Issue 8: the accessibility statement as a content type, the build-time accessibility checks
//! and what every page's head and footer carry (feeds, Open Graph, statement link).

mod support;

use support::TestSite;

const STATEMENT: &str = "content/accessibility/_index.yaml";
const ABOUT_FI: &str = "content/about/_index.fi.md";

/// Appends `text` to the prose of the Finnish about page.
fn about_with(text: &'static str) -> impl FnOnce(String) -> String {
    move |s| format!("{s}\n{text}\n")
}

/// The line that [`about_with`] writes: after the file's lines and one blank line.
fn appended_line(file: &str) -> usize {
    let text = std::fs::read_to_string(support::repo_root().join(file)).unwrap();
    assert!(text.ends_with('\n'));
    text.lines().count() + 2
}

#[test]
fn the_statement_shows_every_fact_the_law_requires_in_both_languages() {
    let site = TestSite::repo().build();
    let fi = site.read("fi/saavutettavuusseloste/index.html");
    for needle in [
        "Verkkopalvelu täyttää saavutettavuusvaatimukset",
        "22.11.2026",
        "Saavutettavuus on arvioitu itse.",
        "mailto:saavutettavuus@example.fi",
        "Liikenne- ja viestintävirasto Traficom",
        "saavutettavuus@traficom.fi",
        // The typography keeps the number on one line.
        "029\u{a0}534\u{a0}5000",
    ] {
        assert!(fi.contains(needle), "Finnish statement lacks {needle}");
    }
    let sv_path = site
        .html_pages()
        .into_iter()
        .find(|(p, h)| p.starts_with("sv/") && h.contains("saavutettavuus@traficom.fi"))
        .map(|(p, _)| p)
        .expect("a Swedish statement with the supervisor's contact");
    assert!(site.read(&sv_path).contains("Senast granskat"));
}

#[test]
fn a_missing_statement_field_fails_the_build_with_its_place() {
    TestSite::repo()
        .edit(STATEMENT, |s| s.replace("assessment: self\n", ""))
        .build_fails()
        .assert_stderr("content/accessibility/_index.yaml:")
        .assert_stderr("assessment");
    TestSite::repo()
        .edit(STATEMENT, |s| s.replace("non_accessible: []\n", ""))
        .build_fails()
        .assert_stderr("non_accessible");
}

#[test]
fn non_accessible_content_lists_its_criteria_and_localized_reason() {
    let site = TestSite::repo()
        .edit(STATEMENT, |s| {
            s.replace("compliance: full", "compliance: partial")
                .replace(
                    "non_accessible: []",
                    "non_accessible:\n  - id: old-maps\n    criteria: [\"1.1.1\", \"1.4.5\"]",
                )
        })
        .edit("i18n/fi/ui.ftl", |s| {
            s + "a11y-issue-old-maps = Vanhoista kartoista puuttuu tekstivastine.\n"
        })
        .edit("i18n/sv/ui.ftl", |s| {
            s + "a11y-issue-old-maps = De gamla kartorna saknar textalternativ.\n"
        })
        .build();
    let fi = site.read("fi/saavutettavuusseloste/index.html");
    assert!(fi.contains("Vanhoista kartoista puuttuu tekstivastine."));
    assert!(fi.contains("1.1.1, 1.4.5"), "{fi}");
    assert!(fi.contains("<h2>Sisältö, joka ei ole saavutettavaa</h2>"));
    assert!(site.html_pages().iter().any(
        |(p, h)| p.starts_with("sv/") && h.contains("De gamla kartorna saknar textalternativ.")
    ));
}

#[test]
fn the_declared_level_must_agree_with_the_list_of_failures() {
    TestSite::repo()
        .edit(STATEMENT, |s| {
            s.replace(
                "non_accessible: []",
                "non_accessible:\n  - id: old-maps\n    criteria: [\"1.1.1\"]",
            )
        })
        .build_fails()
        .assert_stderr("content/accessibility/_index.yaml:1:13: `compliance: full` but");
    TestSite::repo()
        .edit(STATEMENT, |s| {
            s.replace("compliance: full", "compliance: partial")
        })
        .build_fails()
        .assert_stderr("must list the content that fails");
}

#[test]
fn a_reason_missing_in_fluent_fails_the_build() {
    TestSite::repo()
        .edit(STATEMENT, |s| {
            s.replace("compliance: full", "compliance: partial")
                .replace(
                    "non_accessible: []",
                    "non_accessible:\n  - id: old-maps\n    criteria: [\"1.1.1\"]",
                )
        })
        .build_fails()
        .assert_stderr("a11y-issue-old-maps");
}

#[test]
fn a_review_older_than_twelve_months_is_a_warning_not_an_error() {
    let site = TestSite::repo()
        .edit(STATEMENT, |s| {
            s.replace("prepared: 2026-11-22", "prepared: 2020-01-15")
                .replace("reviewed: 2026-12-02", "reviewed: 2020-01-15")
        })
        .build();
    let err = site.stderr();
    assert!(
        err.contains("warning: content/accessibility/_index.yaml:3:11: the accessibility statement was last reviewed on 15.1.2020, more than 12 months ago"),
        "{err}"
    );
    let fresh = TestSite::repo().build();
    assert!(
        !fresh.stderr().contains("last reviewed"),
        "{}",
        fresh.stderr()
    );
}

#[test]
fn an_image_without_alt_text_fails_with_its_place() {
    let lines = appended_line(ABOUT_FI);
    TestSite::repo()
        .edit(ABOUT_FI, about_with("![](kartta.png)"))
        .build_fails()
        .assert_stderr(&format!(
            "content/about/_index.fi.md:{lines}:1: image without alt text"
        ));
}

#[test]
fn skipped_heading_levels_and_second_h1_fail_with_their_place() {
    let lines = appended_line(ABOUT_FI);
    TestSite::repo()
        .edit(ABOUT_FI, about_with("#### Liian syvä"))
        .build_fails()
        .assert_stderr(&format!(
            "content/about/_index.fi.md:{lines}:1: heading level 4 follows level 2"
        ));
    TestSite::repo()
        .edit(ABOUT_FI, about_with("# Toinen pääotsikko"))
        .build_fails()
        .assert_stderr(&format!(
            "content/about/_index.fi.md:{lines}:1: a `#` heading makes a second h1"
        ));
}

#[test]
fn empty_headings_and_links_without_text_fail_with_their_place() {
    let lines = appended_line(ABOUT_FI);
    TestSite::repo()
        .edit(ABOUT_FI, about_with("##"))
        .build_fails()
        .assert_stderr(&format!(
            "content/about/_index.fi.md:{lines}:1: empty heading"
        ));
    TestSite::repo()
        .edit(ABOUT_FI, about_with("Katso [](https://www.example.fi/)."))
        .build_fails()
        .assert_stderr(&format!(
            "content/about/_index.fi.md:{lines}:7: link without text"
        ));
    // A linked image with alt text has text.
    TestSite::repo()
        .edit(
            ABOUT_FI,
            about_with("[![Kartta](https://www.example.fi/kartta.png)](https://www.example.fi/)"),
        )
        .build();
}

#[test]
fn template_headings_are_checked_on_the_whole_page() {
    TestSite::repo()
        .edit("templates/section.html", |s| {
            s.replace("{{ content }}", "{{ content }}\n<h4>Liian syvä</h4>")
        })
        .build_fails()
        .assert_stderr("h4 “Liian syvä” follows h");
}

#[test]
fn every_page_links_feeds_open_graph_and_the_statement() {
    let site = TestSite::repo().build();
    let pages = site.html_pages();
    assert!(pages.len() > 100);
    let sv_statement = pages
        .iter()
        .find(|(p, h)| p.starts_with("sv/") && h.contains("saavutettavuus@traficom.fi"))
        .map(|(p, _)| format!("/{}", p.trim_end_matches("index.html")))
        .expect("Swedish statement");
    for (path, html) in &pages {
        assert!(
            html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" hreflang=\"fi\" href=\"/fi/atom.xml\"")
                && html.contains("hreflang=\"sv\" href=\"/sv/atom.xml\""),
            "{path} lacks the feed links"
        );
        let footer = html.split("<footer").nth(1).unwrap_or_default();
        let statement = if path.starts_with("sv/") {
            &sv_statement
        } else {
            "/fi/saavutettavuusseloste/"
        };
        assert!(
            footer.contains(&format!("href=\"{statement}\"")),
            "{path} lacks the statement link in its footer"
        );
        if path.starts_with("fi/") {
            assert!(
                html.contains("<meta property=\"og:locale\" content=\"fi_FI\">"),
                "{path}"
            );
            assert!(html.contains("<meta property=\"og:title\""), "{path}");
            assert!(html.contains("<link rel=\"canonical\""), "{path}");
        }
        if path.starts_with("sv/") {
            assert!(
                html.contains("<meta property=\"og:locale\" content=\"sv_FI\">"),
                "{path}"
            );
        }
        assert_eq!(html.matches("<h1").count(), 1, "{path}: one h1");
    }
    for special in ["index.html", "404.html"] {
        let html = site.read(special);
        let footer = html.split("<footer").nth(1).expect("footer");
        assert!(
            footer.contains("href=\"/fi/saavutettavuusseloste/\""),
            "{special}"
        );
        assert!(footer.contains("hreflang=\"sv\""), "{special}");
    }
    let robots = site.read("robots.txt");
    assert!(robots.contains("Sitemap: https://kaupunkikumppanuudet.example.fi/sitemap.xml"));
}

#[test]
fn a_passage_marked_as_another_language_carries_its_lang() {
    TestSite::repo()
        .edit(
            ABOUT_FI,
            about_with(r#"Ruotsiksi sivusto on {{ lang(code="sv", text="Partnerskap mellan städerna och staten") }}, ja *se* on sama."#),
        )
        .build()
        .assert_contains(
            "fi/tietoa-palvelusta/index.html",
            r#"Ruotsiksi sivusto on <span lang="sv">Partnerskap mellan städerna och staten</span>, ja <em>se</em> on sama."#,
        );
}

#[test]
fn a_marked_passage_without_a_valid_language_code_fails_with_its_place() {
    let line = appended_line(ABOUT_FI);
    TestSite::repo()
        .edit(ABOUT_FI, about_with(r#"Teksti {{ lang(code="ruotsi", text="Partnerskap") }}."#))
        .build_fails()
        .assert_stderr(&format!(
            "error: {ABOUT_FI}:{line}:8: `ruotsi` is not a language code: write e.g. lang(code=\"fi\", text=\"…\")"
        ));
    TestSite::repo()
        .edit(
            ABOUT_FI,
            about_with(r#"Teksti {{ lang(text="Partnerskap") }}."#),
        )
        .build_fails()
        .assert_stderr(&format!(
            "error: {ABOUT_FI}:{line}:8: shortcode `lang` needs the argument `code`"
        ));
}

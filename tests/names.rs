//! Names that are facts: the publisher named in `content/site.yaml` reaches templates and prose
//! through Fluent in each page's language.
//!
//! Every case starts from `tests/fixtures/check-clean/` (a whole small site) and adds what it
//! needs.

mod support;

use support::TestSite;

/// check-clean with `publisher: tem`, its names in both languages, a footer that shows it and
/// an about page that names it in prose.
fn with_publisher(id: &str) -> TestSite {
    TestSite::bare_fixture("check-clean")
        .edit("content/site.yaml", |s| format!("{s}publisher: {id}\n"))
        .edit("i18n/fi/ui.ftl", |s| {
            format!("{s}org-tem = työ- ja elinkeinoministeriö\n")
        })
        .edit("i18n/sv/ui.ftl", |s| {
            format!("{s}org-tem = arbets- och näringsministeriet\n")
        })
        .edit("templates/base.html", |s| {
            s.replace(
                "</footer>",
                " <span class=\"publisher\">{{ org(id=publisher) }}</span></footer>",
            )
        })
        .edit("content/pages/about.fi.md", |s| {
            format!("{s}\nPortaalin julkaisee {{{{ publisher() }}}}.\n")
        })
        .edit("content/pages/about.sv.md", |s| {
            format!("{s}\nWebbplatsen ges ut av {{{{ publisher() }}}}.\n")
        })
}

#[test]
fn the_publisher_from_site_yaml_is_named_in_templates_and_prose_in_each_language() {
    with_publisher("tem")
        .build()
        .assert_contains(
            "fi/sivut/tietoa/index.html",
            "<span class=\"publisher\">työ- ja elinkeinoministeriö</span>",
        )
        .assert_contains(
            "fi/sivut/tietoa/index.html",
            "Portaalin julkaisee työ- ja elinkeinoministeriö.",
        )
        .assert_contains(
            "sv/sidor/om/index.html",
            "<span class=\"publisher\">arbets- och näringsministeriet</span>",
        )
        .assert_contains(
            "sv/sidor/om/index.html",
            "Webbplatsen ges ut av arbets- och näringsministeriet.",
        )
        .assert_contains(
            "fi/index.html",
            "<span class=\"publisher\">työ- ja elinkeinoministeriö</span>",
        );
}

#[test]
fn a_publisher_without_a_name_in_fluent_fails_at_its_line_in_site_yaml() {
    let site = with_publisher("tme").build_fails();
    let stderr = site.stderr();
    assert!(
        stderr.contains("content/site.yaml:5:12") && stderr.contains("org-tme"),
        "{stderr}"
    );
}

#[test]
fn the_publisher_shortcode_without_a_publisher_fails_with_its_place() {
    let site = TestSite::bare_fixture("check-clean")
        .edit("content/pages/about.fi.md", |s| {
            format!("{s}\nJulkaisija: {{{{ publisher() }}}}\n")
        })
        .build_fails();
    let stderr = site.stderr();
    assert!(
        stderr.contains("content/pages/about.fi.md:8:13")
            && stderr.contains("needs `publisher:` (an organisation id) in content/site.yaml"),
        "{stderr}"
    );
}

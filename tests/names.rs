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

/// check-clean with a theme named in Fluent (`theme-culture`, with a Finnish genitive), its
/// page without a title, and the about page naming it and counting the sections in words.
fn with_theme() -> TestSite {
    let page =
        |title: &str, slug: &str| format!("---\n{title}slug: {slug}\ntemplate: page.html\n---\n");
    TestSite::bare_fixture("check-clean")
        .edit("content/site.yaml", |s| s.replace("sections: [pages]", "sections: [pages, themes]"))
        .write("content/themes/_index.fi.md", page("title: Teemat\n", "teemat"))
        .write("content/themes/_index.sv.md", page("title: Teman\n", "teman"))
        .write("content/themes/culture.fi.md", page("", "kulttuuri") + "Teksti.\n")
        .write("content/themes/culture.sv.md", page("", "kultur") + "Text.\n")
        .write("content/themes/culture.yaml", "order: 1\n")
        .edit("i18n/fi/ui.ftl", |s| {
            s + "theme-culture = { $case ->\n   *[nominative] kulttuuri\n    [genitive] kulttuurin\n}\n"
                + "number-words = { $case ->\n   *[nominative] { $n ->\n        [2] kaksi\n       *[other] { $n }\n    }\n    [genitive] { $n ->\n        [2] kahden\n       *[other] { $n }\n    }\n}\n"
        })
        .edit("i18n/sv/ui.ftl", |s| {
            s + "theme-culture = kultur\nnumber-words = { $case ->\n   *[other] { $n ->\n        [2] två\n       *[other] { $n }\n    }\n}\n"
        })
        .edit("content/pages/about.fi.md", |s| {
            format!("{s}\nTeema on {{{{ theme(id=\"culture\") }}}}, ja {{{{ theme(id=\"culture\", case=\"genitive\") }}}} sivu on erikseen.\n")
        })
        .edit("content/pages/about.sv.md", |s| {
            format!("{s}\nTemat är {{{{ theme(id=\"culture\") }}}}.\n")
        })
}

#[test]
fn a_theme_named_in_fluent_titles_its_page_and_names_it_in_prose_in_each_case() {
    let site = with_theme().build();
    site.assert_contains("fi/teemat/kulttuuri/index.html", "<h1>Kulttuuri</h1>")
        .assert_contains("sv/teman/kultur/index.html", "<h1>Kultur</h1>")
        .assert_contains(
            "fi/sivut/tietoa/index.html",
            "Teema on kulttuuri, ja kulttuurin sivu on erikseen.",
        )
        .assert_contains("sv/sidor/om/index.html", "Temat är kultur.");
}

#[test]
fn renaming_a_theme_in_fluent_renames_its_title_and_every_mention() {
    let site = with_theme()
        .edit("i18n/fi/ui.ftl", |s| {
            s.replace("] kulttuuri\n", "] kulttuuri ja taide\n")
                .replace("] kulttuurin\n", "] kulttuurin ja taiteen\n")
        })
        .edit("i18n/sv/ui.ftl", |s| {
            s.replace("theme-culture = kultur", "theme-culture = kultur och konst")
        })
        .build();
    site.assert_contains(
        "fi/teemat/kulttuuri/index.html",
        "<h1>Kulttuuri ja taide</h1>",
    )
    .assert_contains(
        "fi/sivut/tietoa/index.html",
        "Teema on kulttuuri ja taide, ja kulttuurin ja taiteen sivu on erikseen.",
    )
    .assert_contains("sv/teman/kultur/index.html", "<h1>Kultur och konst</h1>")
    .assert_contains("sv/sidor/om/index.html", "Temat är kultur och konst.");
}

#[test]
fn an_unknown_theme_id_in_a_shortcode_fails_with_its_place_and_a_suggestion() {
    let site = with_theme()
        .edit("content/pages/about.fi.md", |s| {
            s.replace("theme(id=\"culture\")", "theme(id=\"cultur\")")
        })
        .build_fails();
    let stderr = site.stderr();
    assert!(
        stderr.contains("content/pages/about.fi.md:8:10: unknown theme id `cultur` (defined in content/themes/) — did you mean `culture`?"),
        "{stderr}"
    );
}

#[test]
fn a_page_without_a_title_and_no_fluent_name_fails_at_line_2() {
    let site = with_theme()
        .edit("i18n/sv/ui.ftl", |s| {
            s.replace("theme-culture = kultur\n", "")
        })
        .build_fails();
    let stderr = site.stderr();
    assert!(
        stderr.contains("content/themes/culture.sv.md:2:1: `title` is missing or empty"),
        "{stderr}"
    );
}

#[test]
fn counts_under_ten_are_words_in_each_language_and_case() {
    let site = with_theme()
        .write(
            "content/partnerships/_index.fi.md",
            "---\ntitle: Kumppanuudet\nslug: kumppanuudet\ntemplate: page.html\n---\n",
        )
        .write(
            "content/partnerships/_index.sv.md",
            "---\ntitle: Partnerskap\nslug: partnerskap\ntemplate: page.html\n---\n",
        )
        .write(
            "content/partnerships/duo.fi.md",
            "---\ntitle: Kaksikko\nslug: kaksikko\ntemplate: page.html\n---\nMukana on {{ count(of=\"duo\") }} kaupunkia, {{ count(of=\"duo\", case=\"genitive\") }} kaupungin ryhmä; ryhmässä on {{ count(of=\"many\") }} kaupunkia.\n",
        )
        .write(
            "content/partnerships/duo.sv.md",
            "---\ntitle: Duon\nslug: duon\ntemplate: page.html\n---\nI gruppen ingår {{ count(of=\"duo\") }} städer; i den andra {{ count(of=\"many\") }}.\n",
        )
        .write("content/partnerships/duo.yaml", "member_count: 2\n")
        .write("content/partnerships/many.yaml", "member_count: 23\n")
        .write("content/partnerships/many.fi.md", "---\ntitle: Monet\nslug: monet\ntemplate: page.html\n---\n")
        .write("content/partnerships/many.sv.md", "---\ntitle: Många\nslug: manga\ntemplate: page.html\n---\n")
        .build();
    site.assert_contains(
        "fi/kumppanuudet/kaksikko/index.html",
        "Mukana on kaksi kaupunkia, kahden kaupungin ryhmä; ryhmässä on 23 kaupunkia.",
    )
    .assert_contains(
        "sv/partnerskap/duon/index.html",
        "I gruppen ingår två städer; i den andra 23.",
    );
}

// ---------------------------------------------------------------------------------------------
// Placeholder addresses
// ---------------------------------------------------------------------------------------------

#[test]
fn build_and_check_warn_about_an_example_domain_in_base_url_with_file_and_line() {
    let site = TestSite::bare_fixture("check-clean")
        .edit("content/site.yaml", |s| {
            s.replace("https://kumppanuudet.fi", "https://kumppanuudet.example.fi")
        })
        .build();
    assert!(
        site.stderr().contains(
            "warning: content/site.yaml:1:11: `base_url` is `https://kumppanuudet.example.fi`, on a domain reserved for examples"
        ),
        "{}",
        site.stderr()
    );
    let site = site.run(&["check"]);
    assert!(site.success(), "a warning must not fail check");
    let out = format!("{}{}", site.stdout(), site.stderr());
    assert!(
        out.contains("warning[example-domain]") && out.contains("--> content/site.yaml:1:11"),
        "{out}"
    );
}

#[test]
fn a_placeholder_address_in_a_record_is_named_by_field_and_line() {
    let statement = "content/accessibility/_index.yaml";
    let site = TestSite::repo()
        .edit(statement, |s| {
            s.replace(
                "saavutettavuus@traficom.fi",
                "saavutettavuus@traficom.invalid",
            )
        })
        .run(&["check"]);
    let out = format!("{}{}", site.stdout(), site.stderr());
    assert!(
        out.contains("`supervisor_contact.email` is `saavutettavuus@traficom.invalid`")
            && out.contains("--> content/accessibility/_index.yaml:11:10"),
        "{out}"
    );
    assert!(!out.contains("`supervisor_contact.url`"), "{out}");
}

#[test]
fn a_real_looking_domain_gives_no_warning() {
    let site = TestSite::bare_fixture("check-clean").build();
    assert!(!site.stderr().contains("warning"), "{}", site.stderr());
    let site = site.run(&["check"]);
    let out = format!("{}{}", site.stdout(), site.stderr());
    assert!(!out.contains("example-domain"), "{out}");
}

#[test]
fn a_placeholder_address_in_a_yml_record_is_found_as_in_a_yaml_one() {
    let site = TestSite::repo();
    let yaml = site.root.join("content/accessibility/_index.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap().replace(
        "saavutettavuus@traficom.fi",
        "saavutettavuus@traficom.invalid",
    );
    std::fs::remove_file(&yaml).unwrap();
    let site = site.write("content/accessibility/_index.yml", text).build();
    assert!(
        site.stderr().contains(
            "warning: content/accessibility/_index.yml:11:10: `supervisor_contact.email` is `saavutettavuus@traficom.invalid`"
        ),
        "{}",
        site.stderr()
    );
}

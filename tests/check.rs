//! Issue 5 acceptance: `kumppani check` reports each kind of translation problem with its exact
//! place, code and exit status; `i18n status` and `i18n mark-translated` work on fixture sites.
//!
//! Every case starts from `tests/fixtures/check-clean/`, a whole small site (own templates and
//! Fluent files) on which `check` reports nothing, and breaks one thing.

mod support;

use serde_json::{Value, json};
use support::{TestSite, alternates};

const FI_UI: &str = "i18n/fi/ui.ftl";
const SV_UI: &str = "i18n/sv/ui.ftl";
const SV_ABOUT: &str = "content/pages/about.sv.md";
const FI_ABOUT: &str = "content/pages/about.fi.md";

fn clean() -> TestSite {
    TestSite::bare_fixture("check-clean")
}

/// Runs `check --format json`; returns the site and the problems.
fn check(site: TestSite) -> (TestSite, Vec<Value>) {
    let site = site.run(&["check", "--format", "json"]);
    assert!(!site.stderr().contains("panicked"), "{}", site.stderr());
    let problems: Vec<Value> = serde_json::from_str(&site.stdout())
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", site.stdout()));
    (site, problems)
}

fn problem(severity: &str, file: &str, line: u64, column: u64, code: &str, message: &str) -> Value {
    json!({
        "severity": severity,
        "file": file,
        "line": line,
        "column": column,
        "code": code,
        "message": message,
    })
}

fn with_code<'a>(problems: &'a [Value], code: &str) -> Vec<&'a Value> {
    problems.iter().filter(|p| p["code"] == code).collect()
}

fn replace_line(text: String, starts: &str, with: &str) -> String {
    let mut found = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with(starts) && !found {
                found = true;
                with.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(found, "no line starts with {starts:?}");
    out.join("\n") + "\n"
}

#[test]
fn a_clean_site_reports_nothing_and_exits_0() {
    let (site, problems) = check(clean());
    assert!(site.success());
    assert_eq!(problems, Vec::<Value>::new());
    let site = site.run(&["check"]);
    assert!(site.success());
    assert_eq!(site.stderr(), "check: 0 error(s), 0 warning(s), 0 info\n");
}

#[test]
fn a_fluent_syntax_error_is_an_error_at_the_broken_entry() {
    let site = clean().edit(SV_UI, |s| {
        replace_line(s, "site-title", "site-title Partnerskap")
    });
    let (site, problems) = check(site);
    assert!(!site.success());
    assert_eq!(
        with_code(&problems, "fluent-syntax"),
        [&problem(
            "error",
            SV_UI,
            1,
            12,
            "fluent-syntax",
            "Fluent syntax error: Expected a token starting with \"=\""
        )]
    );
    // The broken entry is reported once, as a syntax error: not also as a message missing in
    // `sv` (build does not say that either); the entries around it are still compared.
    assert_eq!(
        with_code(&problems, "missing-message"),
        Vec::<&Value>::new()
    );
    assert_eq!(problems.len(), 1, "{problems:#?}");
}

#[test]
fn a_message_missing_in_a_language_is_an_error_at_the_reference_definition() {
    let site = clean().edit(SV_UI, |s| s.replace("kind-section = Avsnitt\n", ""));
    let (site, problems) = check(site);
    assert!(!site.success());
    assert!(
        problems.contains(&problem(
            "error",
            FI_UI,
            7,
            1,
            "missing-message",
            "message `kind-section` is missing in `sv`: add it to i18n/sv/ui.ftl"
        )),
        "{problems:#?}"
    );
}

#[test]
fn an_obsolete_message_is_a_warning_with_a_snippet_in_text_form() {
    let site = clean().edit(SV_UI, |s| s + "old-key = Gammal\n");
    let (site, problems) = check(site);
    assert!(site.success(), "warnings do not fail");
    assert_eq!(
        problems,
        [problem(
            "warning",
            SV_UI,
            14,
            1,
            "obsolete-message",
            "message `old-key` is not in the reference language `fi`: remove it or add it to i18n/fi/ui.ftl"
        )]
    );
    let site = site.run(&["check"]);
    assert!(site.success());
    assert_eq!(
        site.stderr(),
        "warning[obsolete-message]: message `old-key` is not in the reference language `fi`: remove it or add it to i18n/fi/ui.ftl\n  \
         --> i18n/sv/ui.ftl:14:1\n   \
         |\n\
         14 | old-key = Gammal\n   \
         | ^^^^^^^\n\
         \n\
         check: 0 error(s), 1 warning(s), 0 info\n"
    );
}

#[test]
fn variables_that_differ_between_languages_are_reported() {
    let dropped = clean().edit(SV_UI, |s| {
        replace_line(s, "footer-note", "footer-note = © staten")
    });
    let (site, problems) = check(dropped);
    assert!(site.success());
    assert_eq!(
        problems,
        [problem(
            "warning",
            SV_UI,
            5,
            1,
            "dropped-variable",
            "message `footer-note` in `sv` does not use `$year` which the `fi` message uses (i18n/fi/ui.ftl:5:1)"
        )]
    );

    let extra = clean().edit(SV_UI, |s| {
        replace_line(s, "footer-note", "footer-note = © { $year } { $who }")
    });
    let (site, problems) = check(extra);
    assert!(!site.success());
    assert!(
        problems.contains(&problem(
            "error",
            SV_UI,
            5,
            1,
            "unknown-variable",
            "message `footer-note` in `sv` uses `$who` which the `fi` message does not (i18n/fi/ui.ftl:5:1), so no caller gives it"
        )),
        "{problems:#?}"
    );
}

#[test]
fn attributes_that_differ_between_languages_are_reported() {
    let site = clean()
        .edit(FI_UI, |s| {
            replace_line(s, "site-title", "site-title = Kumppanuudet\n    .short = K")
        })
        .edit(SV_UI, |s| {
            replace_line(
                s,
                "switch-to",
                "switch-to = På svenska\n    .title = Svenska",
            )
        });
    let (site, problems) = check(site);
    assert!(!site.success());
    assert_eq!(
        problems,
        [
            problem(
                "error",
                SV_UI,
                1,
                1,
                "missing-attribute",
                "message `site-title` in `sv` lacks attribute(s) `short` that the `fi` message has (i18n/fi/ui.ftl:1:1)"
            ),
            problem(
                "warning",
                SV_UI,
                2,
                1,
                "obsolete-attribute",
                "message `switch-to` in `sv` has attribute(s) `title` that the `fi` message does not (i18n/fi/ui.ftl:3:1)"
            ),
        ]
    );
}

#[test]
fn a_key_defined_twice_across_files_of_one_language_is_an_error() {
    let site = clean().write("i18n/sv/names.ftl", "language-name = svenska\n");
    let (site, problems) = check(site);
    assert!(!site.success());
    assert_eq!(
        problems,
        [problem(
            "error",
            SV_UI,
            3,
            1,
            "duplicate-message",
            "message `language-name` is already defined at i18n/sv/names.ftl:1:1"
        )]
    );
}

#[test]
fn a_message_a_template_uses_but_no_language_defines_is_an_error_even_when_not_rendered() {
    let site = clean().write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}<h1>{{ page.title }}</h1>\n{% if false %}{{ t(key=\"no-such-key\") }}{% endif %}{{ content }}{% endblock main %}\n",
    );
    // `build` cannot see it: the branch never renders.
    let site = site.run(&["build"]);
    assert!(site.success(), "{}", site.stderr());
    let (site, problems) = check(site);
    assert!(!site.success());
    assert_eq!(
        problems,
        [problem(
            "error",
            "templates/page.html",
            3,
            24,
            "undefined-message",
            "message `no-such-key` is used here but defined in no language: add it to i18n/fi/*.ftl and every other language"
        )]
    );
}

#[test]
fn check_reads_the_templates_build_reads_and_not_an_editors_lock_file() {
    // An editor's lock file and a hidden copy beside the template: build skips both, so check
    // does.
    let stale = "{% extends \"base.html\" %}\n{% block main %}{{ t(key=\"no-such-key\") }}{% endblock main %}\n";
    let site = clean()
        .write("templates/.#page.html", stale)
        .write("templates/.draft.html", stale);
    let site = site.run(&["build"]);
    assert!(site.success(), "{}", site.stderr());
    let (site, problems) = check(site);
    assert!(site.success(), "{problems:?}");
    assert_eq!(problems, Vec::<Value>::new());
}

#[test]
fn unused_messages_are_warnings_and_prefix_built_keys_count_as_used() {
    // `kind-other` matches the template's `t(key="kind-" ~ page.kind)`; `orphan` matches nothing.
    let site = clean()
        .edit(FI_UI, |s| s + "orphan = Orpo\nkind-other = Muu\n")
        .edit(SV_UI, |s| s + "orphan = Föräldralös\nkind-other = Annan\n");
    let (site, problems) = check(site);
    assert!(site.success());
    let message =
        "message `orphan` is defined but never used (no template, shortcode or record names it)";
    assert_eq!(
        problems,
        [
            problem("warning", FI_UI, 14, 1, "unused-message", message),
            problem("warning", SV_UI, 14, 1, "unused-message", message),
        ]
    );
}

#[test]
fn a_message_named_only_by_a_content_shortcode_is_used() {
    let site = clean()
        .edit(FI_UI, |s| s + "greeting = Hei\n")
        .edit(SV_UI, |s| s + "greeting = Hej\n")
        .edit(FI_ABOUT, |s| s + "\n{{ t(key=\"greeting\") }}\n")
        .edit(SV_ABOUT, |s| s + "\n{{ t(key=\"greeting\") }}\n")
        .run(&["i18n", "mark-translated", SV_ABOUT]);
    assert!(site.success(), "{}", site.stderr());
    let (site, problems) = check(site);
    assert!(site.success());
    assert_eq!(problems, Vec::<Value>::new());
}

#[test]
fn a_case_a_template_asks_for_that_a_message_lacks_is_a_warning() {
    let template = "{% extends \"base.html\" %}\n{% block main %}{% if false %}{{ city(id=\"oulu\", case=\"genitive\") }}{% endif %}<h1>{{ page.title }}</h1>{{ content }}{% endblock main %}\n";
    let fi_city = "city-oulu = { $case ->\n   *[nominative] Oulu\n    [genitive] Oulun\n}\n";
    let site = clean()
        .write("templates/page.html", template)
        .edit(FI_UI, |s| s + fi_city)
        .edit(SV_UI, |s| {
            s + "city-oulu = { $case ->\n   *[nominative] Uleåborg\n    [inessive] i Uleåborg\n}\n"
        });
    let (site, problems) = check(site);
    assert!(site.success());
    assert_eq!(
        problems,
        [problem(
            "warning",
            "templates/page.html",
            2,
            55,
            "unhandled-case",
            "case `genitive` is asked for here, but `city-oulu` in `sv` has no `[genitive]` variant and falls back to the default variant (first at i18n/sv/ui.ftl:14:1)"
        )]
    );
    // A name without variants does not inflect in that language: nothing falls back (only
    // the unused `$case` is noted).
    let site = clean()
        .write("templates/page.html", template)
        .edit(FI_UI, |s| s + fi_city)
        .edit(SV_UI, |s| s + "city-oulu = Uleåborg\n");
    let (site, problems) = check(site);
    assert!(site.success());
    assert_eq!(
        problems,
        [problem(
            "warning",
            SV_UI,
            14,
            1,
            "dropped-variable",
            "message `city-oulu` in `sv` does not use `$case` which the `fi` message uses (i18n/fi/ui.ftl:14:1)"
        )]
    );
}

#[test]
fn a_page_in_one_language_is_an_error_unless_pending_and_then_a_notice_outside_hreflang() {
    let missing = clean().run(&["build"]);
    std::fs::remove_file(missing.root.join(SV_ABOUT)).unwrap();
    let (site, problems) = check(missing);
    assert!(!site.success());
    assert_eq!(
        problems,
        [problem(
            "error",
            FI_ABOUT,
            1,
            1,
            "content",
            "this page has no `sv` version: write content/pages/about.sv.md or mark this page `pending: [sv]`"
        )]
    );

    // Links to a notice show the source title and this marker (Fluent, per language).
    let site = clean()
        .edit(FI_ABOUT, |s| {
            s.replace("slug: tietoa\n", "slug: tietoa\ntranslation: pending\n")
        })
        .edit(FI_UI, |s| s + "pending-marker = (ruotsiksi)\n")
        .edit(SV_UI, |s| s + "pending-marker = (på finska)\n");
    std::fs::remove_file(site.root.join(SV_ABOUT)).unwrap();
    let (site, problems) = check(site);
    assert!(site.success(), "pending is not failing");
    assert_eq!(
        problems,
        [problem(
            "info",
            FI_ABOUT,
            4,
            1,
            "pending",
            "`sv` translation pending: /sv/sidor/tietoa/ shows a notice linking to the `fi` page /fi/sivut/tietoa/"
        )]
    );
    let site = site.build();
    let notice = site.read("sv/sidor/tietoa/index.html");
    assert!(
        notice.contains("<h1>Den här sidan finns bara på finska</h1>"),
        "{notice}"
    );
    assert!(notice.contains("<a href=\"/fi/sivut/tietoa/\" hreflang=\"fi\">Tietoa</a>"));
    let fi = site.read("fi/sivut/tietoa/index.html");
    assert_eq!(
        alternates(&fi),
        [(
            "fi".to_string(),
            "https://kumppanuudet.fi/fi/sivut/tietoa/".to_string()
        )]
    );
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("/fi/sivut/tietoa/"));
    assert!(!sitemap.contains("/sv/sidor/tietoa/"), "{sitemap}");
}

#[test]
fn a_translation_whose_source_changed_is_stale_until_marked_translated_again() {
    let original = std::fs::read_to_string(
        support::repo_root()
            .join("tests/fixtures/check-clean")
            .join(SV_ABOUT),
    )
    .unwrap();
    let site = clean().edit(FI_ABOUT, |s| s.replace("Tämä on sivu", "Tämä on uusi sivu"));
    // The new hash, as mark-translated computes it, on a copy.
    let probe = clean()
        .edit(FI_ABOUT, |s| s.replace("Tämä on sivu", "Tämä on uusi sivu"))
        .run(&["i18n", "mark-translated", SV_ABOUT]);
    let new_hash = probe
        .stdout()
        .trim()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        probe.stdout(),
        format!("{SV_ABOUT}: translated_from: {new_hash}\n")
    );
    assert_ne!(new_hash, "9905946ccff50121");

    let (site, problems) = check(site);
    assert!(site.success(), "stale is a warning");
    assert_eq!(
        problems,
        [problem(
            "warning",
            SV_ABOUT,
            4,
            1,
            "stale-translation",
            &format!(
                "translated from 9905946ccff50121, but content/pages/about.fi.md has changed since (now {new_hash}): `kumppani i18n diff content/pages/about.sv.md` shows what changed; update the translation, then run `kumppani i18n mark-translated content/pages/about.sv.md`"
            )
        )]
    );
    let site = site.run(&["i18n", "mark-translated", SV_ABOUT]);
    assert!(site.success());
    // Only the hash changed, every other byte is as it was.
    let after = std::fs::read_to_string(site.root.join(SV_ABOUT)).unwrap();
    assert_eq!(after, original.replace("9905946ccff50121", &new_hash));
    let (site, problems) = check(site);
    assert!(site.success());
    assert_eq!(problems, Vec::<Value>::new());
}

#[test]
fn a_translation_without_translated_from_is_untracked_and_marking_inserts_the_hash() {
    let fixture = support::repo_root().join("tests/fixtures/check-clean");
    let original = std::fs::read_to_string(fixture.join(SV_ABOUT)).unwrap();
    let site = clean().edit(SV_ABOUT, |s| {
        s.replace("translated_from: 9905946ccff50121\n", "")
    });
    let (site, problems) = check(site);
    assert!(site.success());
    assert_eq!(
        problems,
        [problem(
            "info",
            SV_ABOUT,
            1,
            1,
            "untracked-translation",
            "no `translated_from:`: it is unknown whether this is up to date with content/pages/about.fi.md; run `kumppani i18n mark-translated content/pages/about.sv.md` once it is"
        )]
    );
    let site = site.run(&["i18n", "mark-translated", SV_ABOUT]);
    assert!(site.success(), "{}", site.stderr());
    assert_eq!(
        std::fs::read_to_string(site.root.join(SV_ABOUT)).unwrap(),
        original
    );

    // CRLF line ends and a comment in the front matter survive.
    let crlf = "---\r\ntitle: Om\r\n# kommentar\r\nslug: om\r\ntranslated_from: 0000\r\n---\r\n\r\nDet här är en sida [till startsidan](@/_index).\r\n";
    let site = site
        .write(SV_ABOUT, crlf)
        .run(&["i18n", "mark-translated", SV_ABOUT]);
    assert!(site.success());
    assert_eq!(
        std::fs::read_to_string(site.root.join(SV_ABOUT)).unwrap(),
        crlf.replace("0000", "9905946ccff50121")
    );
}

#[test]
fn mark_translated_refuses_a_reference_page_with_its_place() {
    let site = clean().run(&["i18n", "mark-translated", FI_ABOUT]);
    assert!(!site.success());
    assert_eq!(
        site.stderr(),
        "error: content/pages/about.fi.md:1:1: this page is in the reference language `fi`: mark its translations instead\n"
    );
}

#[test]
fn a_swedish_link_into_the_finnish_site_where_a_swedish_page_exists_is_a_warning() {
    let site = clean().edit(SV_ABOUT, |s| {
        s + "\nSe även [finska sidan](/fi/sivut/tietoa/).\n"
    });
    let (site, problems) = check(site);
    assert!(site.success());
    assert_eq!(
        problems,
        [problem(
            "warning",
            SV_ABOUT,
            9,
            9,
            "cross-language-link",
            "link from a `sv` page into the `fi` site (/fi/sivut/tietoa/), but a `sv` version exists at /sv/sidor/om/: link to (@/pages/about) instead"
        )]
    );
    // A link into the other language's site to no page fails the build, so check too.
    let site = site.edit(SV_ABOUT, |s| s + "\nOch [ingenting](/fi/ei-ole/).\n");
    let (site, problems) = check(site);
    assert!(!site.success());
    assert_eq!(
        problems,
        [problem(
            "error",
            SV_ABOUT,
            11,
            5,
            "broken-link",
            "link to `/fi/ei-ole/`: no page or file has this URL"
        )]
    );
}

#[test]
fn a_markdown_link_to_no_page_fails_check_with_its_place() {
    let site = clean().edit(SV_ABOUT, |s| s + "\n[borta](@/pages/gone)\n");
    let (site, problems) = check(site);
    assert!(!site.success());
    assert_eq!(
        problems,
        [problem(
            "error",
            SV_ABOUT,
            9,
            1,
            "broken-link",
            "link to `@/pages/gone`: there is no such page in `sv`"
        )]
    );
}

#[test]
fn i18n_status_counts_messages_and_pages_per_language_and_names_what_is_left() {
    let site = clean()
        .edit(SV_UI, |s| s.replace("kind-page = Sida\n", ""))
        .edit(FI_ABOUT, |s| {
            s.replace("slug: tietoa\n", "slug: tietoa\ntranslation: pending\n")
        });
    std::fs::remove_file(site.root.join(SV_ABOUT)).unwrap();
    let site = site.run(&["i18n", "status"]);
    assert!(site.success(), "{}", site.stderr());
    assert_eq!(
        site.stdout(),
        "language   messages      pages  stale  translated\n\
         fi            10/10        3/3      0        100%\n\
         sv             9/10        2/3      0         84%\n\
         sv: pending page content/pages/about.fi.md\n\
         sv: missing message kind-page\n"
    );
}

#[test]
fn the_repo_portal_checks_without_errors() {
    let (site, problems) = check(TestSite::repo());
    assert!(site.success(), "{problems:#?}");
    let errors: Vec<&Value> = problems
        .iter()
        .filter(|p| p["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let site = site.run(&["check"]);
    assert!(site.success());
    assert!(
        site.stderr().contains("check: 0 error(s)"),
        "{}",
        site.stderr()
    );
    assert!(
        !site.stderr().contains('\x1b'),
        "no colour when not a terminal"
    );
}

#[test]
fn a_message_named_only_by_a_record_is_used() {
    let unused = "message `org-new-agency` is defined but never used (no template, shortcode or record names it)";
    let site = TestSite::repo()
        .edit("i18n/fi/organisations.ftl", |s| {
            s + "org-new-agency = Uusi virasto\n"
        })
        .edit("i18n/sv/organisations.ftl", |s| {
            s + "org-new-agency = Nya verket\n"
        });
    // The new message is on the line after the file's last one.
    let line_of = |lang: &str| {
        let text =
            std::fs::read_to_string(site.root.join(format!("i18n/{lang}/organisations.ftl")))
                .unwrap();
        text.lines().count() as u64
    };
    let (fi_line, sv_line) = (line_of("fi"), line_of("sv"));
    let (site, problems) = check(site);
    assert!(site.success());
    assert!(
        problems.contains(&problem(
            "warning",
            "i18n/fi/organisations.ftl",
            fi_line,
            1,
            "unused-message",
            unused
        )) && problems.contains(&problem(
            "warning",
            "i18n/sv/organisations.ftl",
            sv_line,
            1,
            "unused-message",
            unused
        )),
        "{problems:#?}"
    );
    // Once a contact record names the organisation, the message is used.
    let site = site.edit("content/contacts/anna-kaisa-ikonen.yaml", |s| {
        s.replace("organisation: tem", "organisation: new-agency")
    });
    let (site, problems) = check(site);
    assert!(site.success());
    assert!(
        !problems.iter().any(|p| p["message"] == unused),
        "{problems:#?}"
    );
}

#[test]
fn the_readme_json_example_is_real_output() {
    let readme = std::fs::read_to_string(support::repo_root().join("README.md")).unwrap();
    let example = readme
        .split("```json\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("README has a ```json block");
    let documented: Vec<Value> = serde_json::from_str(example).expect("README example is JSON");
    let site = clean()
        .edit(SV_UI, |s| s + "old-key = Gammal\n")
        .edit(SV_ABOUT, |s| {
            s + "\nSe även [finska sidan](/fi/sivut/tietoa/).\n"
        })
        .edit("content/pages/_index.sv.md", |s| {
            replace_line(s, "translated_from:", "").replace("\n\n---", "\n---")
        });
    let (site, problems) = check(site);
    assert!(site.success());
    assert_eq!(problems, documented);
}

/// A contact record naming `org-tem` and `role-minister`, with both messages in both languages.
fn with_contact_record(file: &str) -> TestSite {
    clean()
        .write(
            &format!("content/contacts/{file}"),
            "name: Anna Ikonen\nrole: minister\norganisation: tem\n",
        )
        .edit(FI_UI, |s| s + "org-tem = TEM\nrole-minister = ministeri\n")
        .edit(SV_UI, |s| s + "org-tem = ANM\nrole-minister = minister\n")
}

#[test]
fn a_record_in_a_yml_file_names_its_messages_as_a_yaml_one_does() {
    // `build` loads `.yml` records as it loads `.yaml` ones; `check` must read the same records.
    let site = with_contact_record("anna.yml").build();
    assert!(site.root.join("public/index.html").is_file());
    let (site, problems) = check(site);
    assert!(site.success(), "{problems:#?}");
    assert_eq!(problems, Vec::<Value>::new());
    // The same record as `.yaml`, for comparison.
    let (site, problems) = check(with_contact_record("anna.yaml"));
    assert!(site.success(), "{problems:#?}");
    assert_eq!(problems, Vec::<Value>::new());
}

#[test]
fn a_symlinked_ftl_outside_the_root_is_refused_by_check_as_by_build_and_never_read() {
    let site = clean();
    let outside = site.root.parent().unwrap().join("outside.ftl");
    std::fs::write(&outside, "outside-message = Ulkona\n").unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("i18n/fi/outside.ftl")).unwrap();
    // A hidden file (an editor's or a draft) is no Fluent file to `build`: not read at all.
    let site = site.write("i18n/fi/.draft.ftl", "draft-message = Luonnos\n");
    let refused = "symbolic link points outside the site root; refused";

    let site = site.run(&["build"]);
    assert!(!site.success());
    assert_eq!(
        site.stderr(),
        format!(
            "error: i18n/fi/outside.ftl:1:1: cannot read: {refused}\n1 error(s); nothing was written\n"
        )
    );
    // `check` reports that error and nothing read from either file.
    let (site, problems) = check(site);
    assert!(!site.success());
    assert_eq!(
        problems,
        [problem(
            "error",
            "i18n/fi/outside.ftl",
            1,
            1,
            "fluent",
            &format!("cannot read: {refused}")
        )]
    );
    // Nor does the text form show the refused file's lines in a snippet.
    let site = site.run(&["check"]);
    assert!(!site.success());
    let text = site.stderr();
    assert!(
        text.contains(&format!("error[fluent]: cannot read: {refused}"))
            && !text.contains("Ulkona")
            && !text.contains("Luonnos"),
        "{text}"
    );
}

#[test]
fn mark_translated_replaces_the_page_whole_by_a_rename_and_leaves_no_temp_file() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let fixture = support::repo_root().join("tests/fixtures/check-clean");
    let original = std::fs::read_to_string(fixture.join(SV_ABOUT)).unwrap();
    let site = clean().edit(SV_ABOUT, |s| s.replace("9905946ccff50121", "0000"));
    let page = site.root.join(SV_ABOUT);
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o640)).unwrap();
    let dir = page.parent().unwrap().to_path_buf();
    let names = || {
        let mut v: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before_names = names();
    let before = std::fs::metadata(&page).unwrap();

    let site = site.run(&["i18n", "mark-translated", SV_ABOUT]);
    assert!(site.success(), "{}", site.stderr());
    assert_eq!(
        site.stdout(),
        format!("{SV_ABOUT}: translated_from: 9905946ccff50121\n")
    );
    // The new text was written beside the page and renamed over it: a crash mid-write leaves
    // the old page, never half of the new one. Nothing else is left in the directory.
    let after = std::fs::metadata(&page).unwrap();
    assert_ne!(before.ino(), after.ino(), "the page was rewritten in place");
    assert_eq!(names(), before_names);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), original);
    // The author's permissions stay as they were.
    assert_eq!(after.permissions().mode() & 0o777, 0o640);
}

#[test]
fn a_fluent_message_with_two_problems_reports_both() {
    // Two variables the template does not give: both are named, not only the first.
    let site = clean()
        .edit(FI_UI, |s| s + "two-vars = { $first } ja { $second }\n")
        .edit(SV_UI, |s| s + "two-vars = { $first } och { $second }\n")
        .edit("templates/page.html", |s| {
            s.replacen("{{ content }}", "{{ t(key=\"two-vars\") }}{{ content }}", 1)
        })
        .build_fails();
    let stderr = site.stderr();
    assert!(
        stderr.contains("$first") && stderr.contains("$second"),
        "{stderr}"
    );
}

/// Runs kumppani in `dir` (any directory), returning (success, stdout, stderr).
fn run_in(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_changed_finnish_description_makes_the_swedish_page_stale_and_diff_shows_the_change() {
    let site = clean()
        .edit(FI_ABOUT, |s| {
            s.replace(
                "slug: tietoa\n",
                "slug: tietoa\ndescription: Mikä palvelu on.\n",
            )
        })
        .edit(SV_ABOUT, |s| {
            s.replace("slug: om\n", "slug: om\ndescription: Vad webbplatsen är.\n")
        })
        .run(&["i18n", "mark-translated", SV_ABOUT]);
    assert!(site.success(), "{}", site.stderr());
    let (site, problems) = check(site);
    assert_eq!(problems, Vec::<Value>::new());
    let site = site.run(&["i18n", "diff", SV_ABOUT]);
    assert_eq!(
        site.stdout(),
        "content/pages/about.sv.md is up to date with content/pages/about.fi.md\n"
    );

    let site = site.edit(FI_ABOUT, |s| {
        s.replace(
            "Mikä palvelu on.",
            "Mitä palvelu kertoo ja kuka sen julkaisee.",
        )
    });
    let (site, problems) = check(site);
    assert!(site.success(), "stale is a warning");
    assert_eq!(
        with_code(&problems, "stale-translation").len(),
        1,
        "{problems:#?}"
    );
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let site = site.run(&["i18n", "diff", SV_ABOUT]);
    assert!(site.success(), "{}", site.stderr());
    let was = std::fs::read_to_string(site.root.join(SV_ABOUT))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("translated_from: ").map(str::to_string))
        .unwrap();
    assert_eq!(
        site.stdout(),
        format!(
            "--- content/pages/about.fi.md (translated_from {was})\n\
             +++ content/pages/about.fi.md (now)\n\
             @@ -1,5 +1,5 @@\n \
             title: Tietoa\n\
             -description: Mikä palvelu on.\n\
             +description: Mitä palvelu kertoo ja kuka sen julkaisee.\n \
             slug: tietoa\n \n \
             Tämä on sivu [etusivulle](@/_index).\n"
        )
    );
    let site = site.run(&["i18n", "status"]);
    assert!(
        site.stdout()
            .ends_with("sv: stale page content/pages/about.sv.md\n"),
        "{}",
        site.stdout()
    );
}

#[test]
fn a_changed_slug_alone_makes_the_translation_stale() {
    let (_, problems) =
        check(clean().edit(FI_ABOUT, |s| s.replace("slug: tietoa", "slug: tietoja")));
    assert_eq!(
        problems
            .iter()
            .map(|p| p["code"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["stale-translation"]
    );
}

#[test]
fn a_changed_finnish_message_makes_its_swedish_translation_stale_until_marked_again() {
    let site = clean().run(&["i18n", "mark-translated", "--messages"]);
    assert!(site.success(), "{}", site.stderr());
    assert_eq!(
        site.stdout(),
        "sv: marked 10 message(s) that were not marked yet\n"
    );
    let (site, problems) = check(site);
    assert_eq!(problems, Vec::<Value>::new());

    let site = site.edit(FI_UI, |s| {
        s.replace(
            "site-title = Kumppanuudet",
            "site-title = Kaupunkien kumppanuudet",
        )
    });
    let (site, problems) = check(site);
    assert!(site.success(), "stale is a warning");
    assert_eq!(
        problems,
        [problem(
            "warning",
            SV_UI,
            1,
            1,
            "stale-message",
            "message `site-title` in `sv` was translated from an earlier `fi` text (i18n/fi/ui.ftl:1:1 has changed since): `kumppani i18n diff --message site-title --lang sv` shows what changed; update the translation, then run `kumppani i18n mark-translated --message site-title --lang sv`"
        )]
    );
    let site = site.run(&["i18n", "status"]);
    assert_eq!(
        site.stdout(),
        "language   messages      pages  stale  translated\n\
         fi            10/10        3/3      0        100%\n\
         sv            10/10        3/3      1        100%\n\
         sv: stale message site-title\n"
    );
    let site = site.run(&["i18n", "diff", "--message", "site-title", "--lang", "sv"]);
    assert!(site.success(), "{}", site.stderr());
    let was = site
        .stdout()
        .lines()
        .next()
        .and_then(|l| l.split("translated_from ").nth(1))
        .map(|l| l[..16].to_string())
        .unwrap();
    assert_eq!(
        site.stdout(),
        format!(
            "--- i18n/fi/ui.ftl `site-title` (translated_from {was}, sv)\n\
             +++ i18n/fi/ui.ftl `site-title` (now)\n\
             @@ -1 +1 @@\n\
             -site-title = Kumppanuudet\n\
             +site-title = Kaupunkien kumppanuudet\n"
        )
    );

    // `--messages` leaves a stale message alone; `--message` marks it.
    let site = site.run(&["i18n", "mark-translated", "--messages"]);
    assert_eq!(
        site.stdout(),
        "sv: marked 0 message(s) that were not marked yet; left stale (check each, then mark it with --message): site-title\n"
    );
    let site = site.run(&["i18n", "mark-translated", "--message", "site-title"]);
    assert!(site.success(), "{}", site.stderr());
    assert!(
        site.stdout()
            .starts_with("sv: message `site-title`: translated_from: "),
        "{}",
        site.stdout()
    );
    let (site, problems) = check(site);
    assert_eq!(problems, Vec::<Value>::new());
    let site = site.run(&["i18n", "mark-translated", "--message", "nope"]);
    assert!(!site.success());
    assert_eq!(
        site.stderr(),
        "error: i18n/fi:1:1: no message `nope` in the reference language `fi`\n"
    );
}

#[test]
fn mark_translated_takes_several_pages_globs_and_paths_relative_to_the_current_directory() {
    let site = clean()
        .edit(FI_ABOUT, |s| s.replace("Tämä on sivu", "Tämä on uusi sivu"))
        .edit("content/_index.fi.md", |s| s + "\nLisää.\n");
    let (site, problems) = check(site);
    assert_eq!(with_code(&problems, "stale-translation").len(), 2);
    // From content/pages/, with the root above it: a plain path and a glob.
    let dir = site.root.join("content/pages");
    let (ok, out, err) = run_in(
        &dir,
        &[
            "i18n",
            "mark-translated",
            "--root",
            "../..",
            "about.sv.md",
            "../*.sv.md",
        ],
    );
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(lines, ["content/_index.sv.md", "content/pages/about.sv.md"]);
    let (site, problems) = check(site);
    assert_eq!(problems, Vec::<Value>::new());
    let site = site.run(&[
        "i18n",
        "mark-translated",
        "content/**/*.sv.md",
        "nothing.sv.md",
    ]);
    assert!(!site.success());
    assert_eq!(site.stderr(), "error: nothing.sv.md:1:1: no such file\n");
}

#[test]
fn a_fluent_entry_that_never_closes_a_brace_is_shown_at_its_line_in_check() {
    let site = clean()
        .edit(SV_UI, |s| s + "kind-extra = Sida { $x\n")
        .run(&["check"]);
    assert!(!site.success());
    assert_eq!(
        site.stderr(),
        "error[fluent-syntax]: Fluent syntax error: this `{` is never closed: end the placeable with `}`\n  --> i18n/sv/ui.ftl:14:19\n   |\n14 | kind-extra = Sida { $x\n   |                   ^\n\ncheck: 1 error(s), 0 warning(s), 0 info\n"
    );
}

#[test]
fn a_yaml_quote_that_never_closes_is_shown_where_it_opens_in_check() {
    let site = clean()
        .edit(FI_ABOUT, |s| s.replace("title: Tietoa", "title: \"Tietoa"))
        .run(&["check"]);
    assert!(!site.success());
    assert_eq!(
        site.stderr(),
        "error[content]: YAML syntax error: the quoted value that starts here is never closed: end it with \" on this line\n  --> content/pages/about.fi.md:2:8\n  |\n2 | title: \"Tietoa\n  |        ^\n\ncheck: 1 error(s), 0 warning(s), 0 info\n"
    );
}

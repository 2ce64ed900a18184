//! Issue 6: the catalogue of bad inputs. Each case builds the repository's portal, breaks one
//! thing, and asserts the exact message (file:line:column), the non-zero exit, and that the
//! previous output is byte for byte what it was.

mod support;

use support::TestSite;

const ABOUT: &str = "content/about/_index.fi.md";
const ALLIANCE: &str = "content/partnerships/strategic-alliance.yaml";
const NEWS: &str = "content/news/2024-05-23-new-partnerships.yaml";

/// Builds the portal, applies `break_it`, and asserts that the next build prints exactly
/// `expected` (one `error: …` line each, then the count) and leaves the output alone.
fn refused(break_it: impl FnOnce(TestSite) -> TestSite, expected: &[&str]) -> TestSite {
    let site = TestSite::repo().build();
    let before = site.snapshot();
    assert!(!before.is_empty());
    let site = break_it(site).build_fails();
    let mut want: String = expected.iter().map(|l| format!("error: {l}\n")).collect();
    want.push_str(&format!(
        "{} error(s); nothing was written\n",
        expected.len()
    ));
    assert_eq!(site.stderr(), want);
    assert_eq!(site.stdout(), "");
    assert!(
        site.snapshot() == before,
        "the previous output changed after a failed build"
    );
    assert_no_staging_left(&site);
    site
}

fn assert_no_staging_left(site: &TestSite) {
    let left: Vec<String> = std::fs::read_dir(&site.root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") && n != ".public.prev" && n != ".public.lock")
        // The record of an output buffer (see tests/rebuild.rs).
        .filter(|n| !n.starts_with(".public.hashes-") || n.contains("-tmp"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

fn replace(from: &'static str, to: &'static str) -> impl FnOnce(String) -> String {
    move |t| {
        assert!(t.contains(from), "{from:?} not in the file");
        t.replacen(from, to, 1)
    }
}

#[cfg(unix)]
fn symlink(site: TestSite, target: &str, link: &str) -> TestSite {
    std::os::unix::fs::symlink(target, site.root.join(link)).unwrap();
    site
}

#[test]
fn invalid_utf8_is_located_at_the_first_bad_byte() {
    refused(
        |s| {
            let mut bytes = std::fs::read(s.root.join(ABOUT)).unwrap();
            bytes.extend_from_slice(b"Hyv\xe4 p\xe4iv\xe4\n");
            s.write(ABOUT, bytes)
        },
        &["content/about/_index.fi.md:24:4: the file is not valid UTF-8 (save it as UTF-8)"],
    );
}

#[test]
fn front_matter_not_closed() {
    refused(
        |s| s.write(ABOUT, "---\ntitle: Tietoa\n\nTeksti ilman loppua.\n"),
        &[
            "content/about/_index.fi.md:1:1: front matter is not closed: no line `---` after the opening one",
        ],
    );
}

#[test]
fn front_matter_missing() {
    refused(
        |s| s.write(ABOUT, "title: Tietoa\n\nTeksti.\n"),
        &[
            "content/about/_index.fi.md:1:1: expected front matter: the file must start with a line `---`",
        ],
    );
}

#[test]
fn yaml_tab_indentation() {
    refused(
        |s| s.edit(ABOUT, replace("slug: tietoa", "\tslug: tietoa")),
        &["content/about/_index.fi.md:3:1: a tab is used for indentation; YAML allows only spaces"],
    );
}

#[test]
fn yaml_bad_indentation() {
    refused(
        |s| s.edit(ABOUT, replace("slug: tietoa", "  slug: tietoa")),
        &[
            "content/about/_index.fi.md:3:7: YAML syntax error: mapping values are not allowed in this context",
        ],
    );
}

#[test]
fn yaml_unclosed_quote_in_a_record() {
    refused(
        |s| s.write("content/cities/helsinki.yaml", "region: \"uusimaa\n"),
        &[
            "content/cities/helsinki.yaml:1:9: YAML syntax error: the quoted value that starts here is never closed: end it with \" on this line",
        ],
    );
}

#[test]
fn yaml_unclosed_quote_on_the_last_line_of_a_short_record() {
    refused(
        |s| {
            s.edit(
                "content/contacts/olli-voutilainen.yaml",
                replace("phone: \"0295 064 919\"", "phone: \"0295 047 071"),
            )
        },
        &[
            "content/contacts/olli-voutilainen.yaml:4:8: YAML syntax error: the quoted value that starts here is never closed: end it with \" on this line",
        ],
    );
}

#[test]
fn yaml_unclosed_quote_in_a_long_record_points_at_the_quote_not_the_end() {
    // A later quoted value pairs with the stray quote; libyaml then fails far below it.
    refused(
        |s| {
            s.edit("content/contacts/olli-voutilainen.yaml", |t| {
                t.replace("phone: \"0295 064 919\"", "phone: \"0295 047 071")
                    .replace("role: special-expert\n", "")
                    + "role: \"special-expert\"\n# Yhteystiedot tarkistettu.\n"
            })
        },
        &[
            "content/contacts/olli-voutilainen.yaml:3:8: YAML syntax error: the quoted value that starts here is never closed: end it with \" on this line",
        ],
    );
}

#[test]
fn duplicate_key_in_front_matter_points_at_the_second() {
    refused(
        |s| {
            s.edit(
                ABOUT,
                replace("slug: tietoa", "title: Toinen\nslug: tietoa"),
            )
        },
        &["content/about/_index.fi.md:3:1: duplicate field `title`: it is already set on line 2"],
    );
}

#[test]
fn duplicate_key_in_a_nested_record_mapping() {
    refused(
        |s| {
            s.edit(
                "content/bodies/alliance-secretariat.yaml",
                replace(
                    "  date: 2023-08-31",
                    "  date: 2023-08-31\n  date: 2023-09-01",
                ),
            )
        },
        &[
            "content/bodies/alliance-secretariat.yaml:5:3: decision: duplicate field `date`: it is already set on line 4",
        ],
    );
}

#[test]
fn wrong_type_date_yesterday() {
    refused(
        |s| s.edit(NEWS, replace("date: 2024-05-23", "date: yesterday")),
        &[
            "content/news/2024-05-23-new-partnerships.yaml:1:7: `yesterday` is not a date: expected a date such as 2024-05-23",
        ],
    );
}

#[test]
fn wrong_type_impossible_date() {
    refused(
        |s| s.edit(NEWS, replace("updated: 2024-05-24", "updated: 2024-02-30")),
        &[
            "content/news/2024-05-23-new-partnerships.yaml:2:10: `2024-02-30` is not a date: month 2 of 2024 has 29 days",
        ],
    );
}

#[test]
fn wrong_type_order_is_not_a_number() {
    refused(
        |s| s.edit(ALLIANCE, replace("order: 1", "order: first")),
        &[
            "content/partnerships/strategic-alliance.yaml:1:8: order: wrong type: string \"first\", expected u32",
        ],
    );
}

#[test]
fn unknown_front_matter_field_suggests_the_closest() {
    refused(
        |s| s.edit(ABOUT, replace("title:", "tittle:")),
        &[
            "content/about/_index.fi.md:2:1: unknown field `tittle` (expected one of title, slug, description, template, translation, pending, translated_from, draft, aliases) — did you mean `title`?",
        ],
    );
}

#[test]
fn unknown_record_field() {
    refused(
        |s| {
            s.edit("content/cities/helsinki.yaml", |t| {
                format!("{t}colour: blue\n")
            })
        },
        &["content/cities/helsinki.yaml:2:1: unknown field `colour` (expected one of region)"],
    );
}

#[test]
fn missing_required_field() {
    refused(
        |s| s.edit(NEWS, replace("date: 2024-05-23\n", "")),
        &["content/news/2024-05-23-new-partnerships.yaml:1:1: missing field `date`"],
    );
}

#[test]
fn empty_markdown_file() {
    refused(
        |s| s.write(ABOUT, ""),
        &[
            "content/about/_index.fi.md:1:1: the file is empty: expected front matter (a line `---`, `title: …`, a line `---`) and then the page's text",
        ],
    );
}

#[test]
fn empty_front_matter() {
    refused(
        |s| s.write(ABOUT, "---\n---\nTeksti.\n"),
        &["content/about/_index.fi.md:2:1: `title` is missing or empty (and there is no `slug`)"],
    );
}

#[test]
fn empty_yaml_record() {
    refused(
        |s| s.write("content/cities/helsinki.yaml", "\n"),
        &[
            "content/cities/helsinki.yaml:1:1: the file is empty: expected at least the field `region`",
        ],
    );
}

#[test]
fn language_suffix_not_configured() {
    refused(
        |s| s.write("content/about/x.en.md", "---\ntitle: About\n---\nText.\n"),
        &[
            "content/about/x.en.md:1:1: language `en` is not configured in content/site.yaml (languages: fi, sv)",
        ],
    );
}

#[test]
fn two_pages_with_the_same_url() {
    refused(
        |s| {
            s.edit(
                "content/partnerships/vitality.fi.md",
                replace("slug: elinvoimakumppanuus", "slug: strateginen-allianssi"),
            )
        },
        &[
            "content/partnerships/vitality.fi.md:2:7: two pages map to the same URL /fi/kumppanuudet/strateginen-allianssi/: this one and content/partnerships/strategic-alliance.fi.md",
        ],
    );
}

#[test]
fn slug_with_a_slash() {
    refused(
        |s| {
            s.edit(
                ABOUT,
                replace("slug: tietoa-palvelusta", "slug: tietoa/palvelusta"),
            )
        },
        &[
            "content/about/_index.fi.md:3:7: slug `tietoa/palvelusta` must be a single URL segment without `/` or `..`",
        ],
    );
}

#[test]
fn slug_with_dot_dot_in_a_page_others_link_to() {
    // Records naming the page must not add bogus "unknown id" errors.
    refused(
        |s| {
            s.edit(
                "content/partnerships/strategic-alliance.fi.md",
                replace("slug: strateginen-allianssi", "slug: ../../etc"),
            )
        },
        &[
            "content/partnerships/strategic-alliance.fi.md:2:7: slug `../../etc` must be a single URL segment without `/` or `..`",
        ],
    );
}

#[test]
fn unknown_city_id() {
    refused(
        |s| s.edit(ALLIANCE, replace("[helsinki,", "[helsingfors,")),
        &[
            "content/partnerships/strategic-alliance.yaml:3:11: unknown city id `helsingfors` (cities are defined in content/cities/)",
        ],
    );
}

#[test]
fn unknown_theme_id() {
    refused(
        |s| s.edit(ALLIANCE, replace("[gang-crime,", "[gangcrime,")),
        &[
            "content/partnerships/strategic-alliance.yaml:4:10: unknown theme id `gangcrime` (no page content/themes/gangcrime.<lang>.md) — did you mean `gang-crime`?",
        ],
    );
}

#[test]
fn unknown_contact_id() {
    refused(
        |s| s.edit(ALLIANCE, replace("[minna-kurki,", "[minna,")),
        &[
            "content/partnerships/strategic-alliance.yaml:5:12: unknown contact id `minna` (contacts are defined in content/contacts/)",
        ],
    );
}

#[test]
fn template_that_does_not_exist() {
    refused(
        |s| {
            s.edit(
                ABOUT,
                replace("slug: tietoa", "template: nope.html\nslug: tietoa"),
            )
        },
        &[
            "content/about/_index.fi.md:3:11: this page is to be rendered with template `nope.html`, which does not exist in templates/ (known: 404.html, accessibility.html, base.html, bilingual-footer.html, bilingual-header.html, body.html, booklet.html, brand.html, card.html, chapter.html, chooser.html, city.html, contact.html, contacts.html, head-assets.html, header-search.html, index.html, news.html, page.html, partnership.html, pending.html, search.html, section.html, theme.html)",
        ],
    );
}

#[test]
fn template_syntax_error() {
    refused(
        |s| s.edit("templates/page.html", |t| format!("{t}{{% if %}}\n")),
        &[
            "templates/page.html:2:7: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`",
        ],
    );
}

#[test]
fn unknown_tag_is_named_with_its_line_and_column() {
    refused(
        |s| {
            s.edit("templates/page.html", |t| {
                format!("{t}{{% if page.title %}}x{{% endiff %}}\n")
            })
        },
        &["templates/page.html:2:24: unknown tag `endiff` — did you mean `endif`?"],
    );
}

#[test]
fn unknown_filter_is_named_with_its_line_and_column() {
    refused(
        |s| {
            s.edit("templates/brand.html", |t| {
                format!("{t}{{{{ lang | uper }}}}\n")
            })
        },
        &["templates/brand.html:2:11: unknown filter `uper`"],
    );
}

#[test]
fn include_loop() {
    refused(
        |s| {
            s.edit("templates/chooser.html", |t| {
                format!("{t}{{% include \"chooser.html\" %}}\n")
            })
        },
        &["templates/chooser.html:1:1: include loop: chooser.html → chooser.html"],
    );
}

#[test]
fn fluent_junk() {
    refused(
        |s| s.edit("i18n/fi/ui.ftl", |t| format!("this is junk\n{t}")),
        &["i18n/fi/ui.ftl:1:6: Fluent syntax error: Expected a token starting with \"=\""],
    );
}

#[test]
fn fluent_entry_that_never_closes_a_brace_is_reported_at_the_brace() {
    // On the last line, the parser gives up after the end of the file.
    let last = std::fs::read_to_string(support::repo_root().join("i18n/sv/ui.ftl"))
        .unwrap()
        .lines()
        .count()
        + 1;
    let expected = format!(
        "i18n/sv/ui.ftl:{last}:19: Fluent syntax error: this `{{` is never closed: end the placeable with `}}`"
    );
    refused(
        |s| {
            s.edit("i18n/sv/ui.ftl", |t| {
                format!("{t}menu-extra = Meny {{ $count\n")
            })
        },
        &[expected.as_str()],
    );
}

#[test]
fn missing_i18n_language_directory() {
    refused(
        |s| {
            std::fs::remove_dir_all(s.root.join("i18n/sv")).unwrap();
            s
        },
        &[
            "i18n/sv:1:1: missing directory for language `sv` (every configured language needs i18n/sv/*.ftl)",
        ],
    );
}

#[test]
fn file_name_with_a_space_is_refused_with_a_valid_id_suggested() {
    let page = "---\ntitle: Oma kulttuuri\n---\nTeksti.\n";
    refused(
        |s| {
            s.write("content/themes/my culture.fi.md", page)
                .write("content/themes/my culture.sv.md", page)
        },
        &[
            "content/themes/my culture.fi.md:1:1: `my culture` is not a valid id: file names use lowercase a–z, digits and hyphens (e.g. `my-culture`)",
            "content/themes/my culture.sv.md:1:1: `my culture` is not a valid id: file names use lowercase a–z, digits and hyphens (e.g. `my-culture`)",
        ],
    );
}

#[test]
fn file_name_with_a_umlaut_and_a_ring_is_refused_with_a_valid_id_suggested() {
    refused(
        |s| s.write("content/cities/hämeenlinnå-öö.yaml", "region: kanta-hame\n"),
        &[
            "content/cities/hämeenlinnå-öö.yaml:1:1: `hämeenlinnå-öö` is not a valid id: file names use lowercase a–z, digits and hyphens (e.g. `hameenlinna-oo`)",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_between_two_links() {
    refused(
        |s| {
            let s = symlink(s, "b", "content/about/a");
            symlink(s, "a", "content/about/b")
        },
        &[
            "content/about/a:1:1: symbolic link loop: following this link leads back to itself",
            "content/about/b:1:1: symbolic link loop: following this link leads back to itself",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_to_a_containing_directory() {
    refused(
        |s| symlink(s, "..", "content/about/up"),
        &[
            "content/about/up:1:1: symbolic link loop: this link leads back to a directory that contains it",
        ],
    );
}

#[cfg(unix)]
#[test]
fn broken_symlink() {
    refused(
        |s| symlink(s, "gone.fi.md", "content/about/x.fi.md"),
        &[
            "content/about/x.fi.md:1:1: broken symbolic link: its target `gone.fi.md` does not exist",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_refused_and_never_read() {
    let site = refused(
        |s| {
            // A directory beside the site root, full of files that would each be an error if read.
            let outside = s.root.parent().unwrap().join("outside");
            std::fs::create_dir_all(outside.join("deeper")).unwrap();
            std::fs::write(outside.join("secret.fi.md"), "---\ntitle: Salainen\n---\n").unwrap();
            std::fs::write(outside.join("deeper/notes.txt"), "not content").unwrap();
            let s = symlink(s, &outside.to_string_lossy(), "content/leak");
            let file = outside.join("secret.fi.md");
            symlink(s, &file.to_string_lossy(), "content/about/secret.fi.md")
        },
        &[
            "content/about/secret.fi.md:1:1: symbolic link points outside the site root; refused",
            "content/leak:1:1: symbolic link points outside the site root; refused",
        ],
    );
    let outside = site.root.parent().unwrap().join("outside");
    assert!(outside.join("deeper/notes.txt").is_file() && outside.join("secret.fi.md").is_file());
}

#[test]
fn a_fifty_megabyte_markdown_file_is_built() {
    let para =
        "Kumppanuus on *yhteistyötä*, [linkki](https://example.fi/) ja **tekstiä** “lainaus”. "
            .repeat(10)
            + "\n\n";
    let n = 50 * 1024 * 1024 / para.len() + 1;
    let mut text = String::with_capacity(n * para.len() + 100);
    text.push_str("---\ntitle: Iso sivu\nslug: iso-sivu\ntranslation: pending\n---\n## Alku\n\n");
    for _ in 0..n {
        text.push_str(&para);
    }
    assert!(text.len() >= 50 * 1024 * 1024);
    let site = TestSite::repo()
        .write("content/booklet/99-big.fi.md", &text)
        .build();
    let html = site.read("fi/kumppanuuskirjanen/iso-sivu/index.html");
    assert!(html.len() > 50 * 1024 * 1024, "{}", html.len());
    assert!(html.contains("<h2 id=\"alku\">Alku</h2>"));
    assert!(html.contains("<em>yhteistyötä</em>") && html.contains("”lainaus”"));
}

#[cfg(unix)]
#[test]
fn fluent_files_linked_from_outside_the_root_are_refused() {
    refused(
        |s| {
            let outside = s.root.parent().unwrap().join("extra.ftl");
            std::fs::write(&outside, "extra = Ulkopuolelta\n").unwrap();
            symlink(s, &outside.to_string_lossy(), "i18n/fi/extra.ftl")
        },
        &[
            "i18n/fi/extra.ftl:1:1: cannot read: symbolic link points outside the site root; refused",
        ],
    );
}

#[test]
fn deeply_nested_markdown_is_built_without_overflowing_the_stack() {
    let body = format!(
        "{}x\n\n{}y\n\n{}\n\n{}z{}\n",
        "> ".repeat(50_000),
        "- ".repeat(20_000),
        "[".repeat(50_000),
        "*".repeat(50_000),
        "*".repeat(50_000)
    );
    let site = TestSite::repo()
        .write(
            "content/booklet/98-nest.fi.md",
            format!("---\ntitle: Syvä\nslug: syva\ntranslation: pending\n---\n{body}"),
        )
        .build();
    let html = site.read("fi/kumppanuuskirjanen/syva/index.html");
    assert!(html.contains("<blockquote>") && html.contains("[[[["));
}

#[test]
fn a_bad_slug_is_located_when_building_from_another_directory_with_root() {
    // The place comes from the front matter as loaded, never from re-reading a path
    // relative to the current directory.
    let site = TestSite::repo().edit(
        ABOUT,
        replace("slug: tietoa-palvelusta", "slug: tietoa/palvelusta"),
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(["build", "--root"])
        .arg(&site.root)
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: content/about/_index.fi.md:3:7: slug `tietoa/palvelusta` must be a single URL segment without `/` or `..`\n1 error(s); nothing was written\n"
    );
}

//! What a build publishes over time: URLs that vanish are warned about and kept by
//! `aliases:` (redirect pages), drafts stay out of a normal build, files beside the pages
//! are copied and linked, and the warnings end in a summary. All on the small
//! `tests/fixtures/check-clean` site.

mod live;
mod support;

use live::Running;
use support::TestSite;

const ABOUT_FI: &str = "content/pages/about.fi.md";
const ABOUT_SV: &str = "content/pages/about.sv.md";

/// The warning and summary a build prints when the Finnish about page moved from
/// /fi/sivut/tietoa/ to /fi/sivut/tietoja/.
const MOVED: &str = "warning: content/pages/about.fi.md:1:1: the URL /fi/sivut/tietoa/ that the previous build published is gone: this page is now at /fi/sivut/tietoja/; add `aliases: [\"/fi/sivut/tietoa/\"]` to its front matter to keep the old address working\n";
const MOVED_SUMMARY: &str = "1 warning(s):\n  vanished URLs (1): content/pages/about.fi.md:1:1\n";

/// The Finnish page gets a new slug; its translator has looked and marked the Swedish page
/// again (a slug is translated text: without that, the build also warns it is stale).
fn rename(site: TestSite) -> TestSite {
    site.edit(ABOUT_FI, |s| s.replace("slug: tietoa", "slug: tietoja"))
        .run(&["i18n", "mark-translated", ABOUT_SV])
}

fn alias(site: TestSite) -> TestSite {
    site.edit(ABOUT_FI, |s| {
        s.replace(
            "slug: tietoja\n",
            "slug: tietoja\naliases: [\"/fi/sivut/tietoa/\"]\n",
        )
    })
}

#[test]
fn a_clean_build_prints_no_warning_and_no_summary() {
    let site = TestSite::bare_fixture("check-clean").build().build();
    assert_eq!(site.stderr(), "");
}

#[test]
fn a_renamed_page_warns_naming_its_source_and_an_alias_keeps_the_old_url() {
    let site = rename(TestSite::bare_fixture("check-clean").build()).build();
    assert_eq!(site.stderr(), format!("{MOVED}{MOVED_SUMMARY}"));
    // The old URL is gone from the output, as the warning says.
    assert!(!site.out().join("fi/sivut/tietoa/index.html").exists());

    // With the alias, the old URL holds a redirect page, and a link to it passes.
    let site = alias(site)
        .edit(ABOUT_SV, |s| {
            format!("{s}\nSe [den gamla adressen](/fi/sivut/tietoa/).\n")
        })
        .build();
    assert_eq!(site.stderr(), "", "the alias keeps the URL: no warning");
    assert_eq!(
        site.read("fi/sivut/tietoa/index.html"),
        "<!DOCTYPE html>\n<html lang=\"fi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Tietoa</title>\n<meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"https://kumppanuudet.fi/fi/sivut/tietoja/\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url=/fi/sivut/tietoja/\">\n</head>\n<body>\n\
         <h1><a href=\"/fi/sivut/tietoja/\">Tietoa</a></h1>\n</body>\n</html>\n"
    );
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("/fi/sivut/tietoja/"), "{sitemap}");
    assert!(!sitemap.contains("/fi/sivut/tietoa/"), "{sitemap}");
    // The Swedish page changed above; its translation record follows the Finnish one.
    let site = site
        .run(&["i18n", "mark-translated", ABOUT_SV])
        .run(&["check"]);
    assert!(site.success(), "{}", site.stderr());
    assert!(
        site.stderr()
            .ends_with("check: 0 error(s), 0 warning(s), 0 info\n"),
        "{}",
        site.stderr()
    );
    // Taking the alias away makes the URL vanish again, named the same way.
    let site = site
        .edit(ABOUT_SV, |s| {
            s.replace("\nSe [den gamla adressen](/fi/sivut/tietoa/).\n", "")
        })
        .edit(ABOUT_FI, |s| {
            s.replace("aliases: [\"/fi/sivut/tietoa/\"]\n", "")
        })
        .build();
    assert_eq!(site.stderr(), format!("{MOVED}{MOVED_SUMMARY}"));
}

#[test]
fn a_redirect_carries_the_base_path_on_a_sub_path() {
    let site = alias(rename(TestSite::bare_fixture("check-clean"))).run(&[
        "build",
        "--base-url",
        "https://www.example.org/kumppanuudet/",
    ]);
    assert!(site.success(), "{}", site.stderr());
    let html = site.read("fi/sivut/tietoa/index.html");
    assert!(
        html.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=/kumppanuudet/fi/sivut/tietoja/\">"
        ),
        "{html}"
    );
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://www.example.org/kumppanuudet/fi/sivut/tietoja/\">"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/kumppanuudet/fi/sivut/tietoja/\">"),
        "{html}"
    );
}

#[test]
fn bad_aliases_are_errors_at_their_place() {
    let site = TestSite::bare_fixture("check-clean")
        .edit(ABOUT_FI, |s| {
            s.replace(
                "slug: tietoa\n",
                "slug: tietoa\naliases: [fi/vanha/, /fi/sivut/tietoa/]\n",
            )
        })
        .edit(ABOUT_SV, |s| {
            s.replace("---\n\n", "aliases: [/fi/sivut/, /sv/gammal/]\n---\n\n")
        })
        .edit("content/pages/_index.sv.md", |s| {
            s.replace("translated_from", "aliases: [/sv/gammal/]\ntranslated_from")
        })
        .build_fails();
    assert_eq!(
        site.stderr(),
        "error: content/pages/about.fi.md:4:11: alias `fi/vanha/`: an alias is a path below the site's root, starting with `/` (e.g. `/fi/teemat/vanha-nimi/`)\n\
         error: content/pages/about.fi.md:4:22: alias `/fi/sivut/tietoa/` is this page's own URL; a redirect cannot replace a page\n\
         error: content/pages/about.sv.md:5:11: alias `/fi/sivut/` is the URL of the page content/pages/_index.fi.md; a redirect cannot replace a page\n\
         error: content/pages/about.sv.md:5:23: alias `/sv/gammal/` is already given at content/pages/_index.sv.md:4:11; an old URL can lead to one page only\n\
         4 error(s); nothing was written\n"
    );
}

/// A Finnish draft with its Swedish version, and a Finnish news-like title to look for.
fn with_draft(site: TestSite) -> TestSite {
    site.write(
        "content/pages/plan.fi.md",
        "---\ntitle: Suunnitelmaluonnos\nslug: suunnitelma\ndraft: true\n---\n\nKesken.\n",
    )
    .write(
        "content/pages/plan.sv.md",
        "---\ntitle: Planutkast\nslug: plan\n---\n\nPågår.\n",
    )
}

/// Every output file whose bytes mention `needle`.
fn files_mentioning(site: &TestSite, needle: &str) -> Vec<String> {
    site.snapshot()
        .into_iter()
        .filter(|(path, bytes)| {
            path != ".kumppani-urls" && String::from_utf8_lossy(bytes).contains(needle)
        })
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn a_draft_is_left_out_of_every_page_listing_sitemap_and_search_and_built_with_drafts() {
    let site = with_draft(TestSite::bare_fixture("check-clean")).build();
    assert_eq!(site.stderr(), "");
    for needle in [
        "Suunnitelmaluonnos",
        "suunnitelma",
        "Planutkast",
        "/sv/sidor/plan/",
    ] {
        assert_eq!(
            files_mentioning(&site, needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    assert!(
        site.stdout().starts_with("built 6 pages (3 fi, 3 sv)"),
        "{}",
        site.stdout()
    );

    let site = site.run(&["build", "--drafts"]);
    assert!(site.success(), "{}", site.stderr());
    assert!(
        site.stdout().starts_with("built 8 pages (4 fi, 4 sv)"),
        "{}",
        site.stdout()
    );
    let page = site.read("fi/sivut/suunnitelma/index.html");
    assert!(page.contains("Kesken."), "{page}");
    assert!(site.read("sitemap.xml").contains("/sv/sidor/plan/"));

    // Back to a normal build: the drafts go, and since they were drafts, without a warning.
    let site = site.build();
    assert_eq!(site.stderr(), "");
    assert!(!site.out().join("fi/sivut/suunnitelma").exists());
}

#[test]
fn a_published_page_that_links_a_draft_fails_even_where_drafts_are_built() {
    let site = with_draft(TestSite::bare_fixture("check-clean"))
        .edit(ABOUT_SV, |s| s.replace("(@/_index)", "(/sv/sidor/plan/)"));
    let want = "error: content/pages/about.sv.md:7:20: link to `/sv/sidor/plan/`: it leads to a draft (`draft: true` in content/pages/plan.fi.md), which a published page cannot link to; publish the draft first or remove the link\n";
    let site = site.build_fails();
    assert!(site.stderr().starts_with(want), "{}", site.stderr());
    let site = site.run(&["build", "--drafts"]);
    assert!(!site.success());
    assert!(site.stderr().starts_with(want), "{}", site.stderr());
    // A draft may link another draft: both go live together.
    let site = site
        .edit(ABOUT_SV, |s| s.replace("(/sv/sidor/plan/)", "(@/_index)"))
        .edit("content/pages/plan.sv.md", |s| {
            s.replace("Pågår.", "Se [om](@/pages/about).")
        })
        .run(&["build", "--drafts"]);
    assert!(site.success(), "{}", site.stderr());
}

#[test]
fn a_file_beside_a_page_is_copied_once_and_linked_with_the_base_path() {
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00kartta";
    let site = TestSite::bare_fixture("check-clean")
        .write("content/pages/kartta.png", png)
        .write("content/pages/liite.pdf", b"%PDF-1.4 liite")
        // An editor's leftovers are never content.
        .write("content/pages/.#kartta.png", b"lock")
        .write("content/pages/kartta.png~", b"backup")
        .edit(ABOUT_FI, |s| {
            format!("{s}\n![Kartta](kartta.png) ja [liite](liite.pdf).\n")
        })
        .edit(ABOUT_SV, |s| format!("{s}\n![Karta](kartta.png)\n"))
        .build();
    assert_eq!(
        std::fs::read(site.out().join("pages/kartta.png")).unwrap(),
        png
    );
    assert_eq!(
        std::fs::read(site.out().join("pages/liite.pdf")).unwrap(),
        b"%PDF-1.4 liite"
    );
    assert!(!site.out().join("pages/kartta.png~").exists());
    let fi = site.read("fi/sivut/tietoa/index.html");
    assert!(fi.contains("src=\"/pages/kartta.png\""), "{fi}");
    assert!(fi.contains("href=\"/pages/liite.pdf\""), "{fi}");
    assert!(
        site.read("sv/sidor/om/index.html")
            .contains("src=\"/pages/kartta.png\"")
    );

    let site = site.run(&[
        "build",
        "--base-url",
        "https://www.example.org/kumppanuudet/",
    ]);
    assert!(site.success(), "{}", site.stderr());
    let fi = site.read("fi/sivut/tietoa/index.html");
    assert!(
        fi.contains("src=\"/kumppanuudet/pages/kartta.png\""),
        "{fi}"
    );
    assert_eq!(
        std::fs::read(site.out().join("pages/kartta.png")).unwrap(),
        png
    );
}

#[test]
fn check_warns_about_a_file_beside_the_pages_that_nothing_links() {
    let site = TestSite::bare_fixture("check-clean")
        .write("content/pages/vanha-kartta.png", b"PNG")
        .run(&["check", "--format", "json"]);
    assert!(site.success(), "{}", site.stdout());
    let json: serde_json::Value = serde_json::from_str(&site.stdout()).unwrap();
    let problems: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} {}:{}: {}",
                p["code"].as_str().unwrap(),
                p["file"].as_str().unwrap(),
                p["line"],
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            "unlinked-file content/pages/vanha-kartta.png:1: no page links this file (published at /pages/vanha-kartta.png): link it from a page, or remove it"
        ]
    );
}

#[test]
fn a_file_the_site_writes_itself_cannot_be_shadowed() {
    let site = TestSite::bare_fixture("check-clean")
        .write("content/robots.txt", b"User-agent: *")
        .build_fails();
    assert_eq!(
        site.stderr(),
        "error: content/robots.txt:1:1: this file would be published at /robots.txt, where the site writes a file of its own; rename it\n1 error(s); nothing was written\n"
    );
}

#[test]
fn build_watch_warns_when_a_save_removes_a_url() {
    let site = TestSite::bare_fixture("check-clean");
    let mut child = Running::start(&site.root, &["build", "--watch"]);
    child.wait_out("watching ");
    child.settle();
    let start = child.seen.len();
    let site = rename(site);
    child.rebuilt();
    child.settle();
    assert_eq!(
        format!("{}\n", child.stderr_since(start)),
        format!("{MOVED}{MOVED_SUMMARY}")
    );
    // The watched output, manifest included, is what a clean build writes.
    live::assert_equals_clean_build(&site.root, &site.out());
}

#[test]
fn a_draft_chapter_of_the_portal_is_in_no_listing_navigation_search_or_sitemap() {
    let site = TestSite::repo()
        .write(
            "content/booklet/10-draft.fi.md",
            "---\ntitle: Luonnosluku\ndraft: true\n---\n\nKesken oleva luku.\n",
        )
        .write(
            "content/booklet/10-draft.sv.md",
            "---\ntitle: Utkastkapitel\n---\n\nEtt kapitel som pågår.\n",
        )
        .build();
    for needle in [
        "Luonnosluku",
        "luonnosluku",
        "Utkastkapitel",
        "utkastkapitel",
    ] {
        assert_eq!(
            files_mentioning(&site, needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    let site = site.run(&["build", "--drafts"]);
    assert!(site.success(), "{}", site.stderr());
    // The booklet's table of contents, the previous chapter's "next" link, the search
    // documents and the sitemap all have it.
    let fi = files_mentioning(&site, "luonnosluku");
    for file in [
        "fi/kumppanuuskirjanen/index.html",
        "fi/kumppanuuskirjanen/haastatellut/index.html",
        "fi/kumppanuuskirjanen/luonnosluku/index.html",
        "sitemap.xml",
    ] {
        assert!(
            fi.contains(&file.to_string()),
            "{file} lacks the draft: {fi:?}"
        );
    }
    // The search documents carry a hash of their bytes in their names (`d/<g>.<hash>.json`).
    assert!(
        fi.iter()
            .any(|f| f.starts_with("search/fi/d/") && f.ends_with(".json")),
        "no Finnish search document holds the draft: {fi:?}"
    );
}

#[test]
fn build_watch_copies_a_saved_file_beside_the_pages_and_renders_nothing() {
    let site = TestSite::bare_fixture("check-clean")
        .write("content/pages/kartta.png", b"PNG1")
        .edit(ABOUT_FI, |s| format!("{s}\n![Kartta](kartta.png)\n"));
    let mut child = Running::start(&site.root, &["build", "--watch"]);
    child.wait_out("watching ");
    child.settle();
    std::fs::write(site.root.join("content/pages/kartta.png"), b"PNG2 changed").unwrap();
    let line = child.rebuilt();
    assert!(
        line.starts_with(
            "rebuilt after content/pages/kartta.png: 0 page(s) re-rendered, 1 file(s) written, 0 removed"
        ),
        "{line}"
    );
    assert_eq!(
        std::fs::read(site.out().join("pages/kartta.png")).unwrap(),
        b"PNG2 changed"
    );
    // A new file is not only copied: links may reach it now, so the pages are checked again.
    std::fs::write(site.root.join("content/pages/liite.pdf"), b"%PDF").unwrap();
    child.rebuilt();
    child.settle();
    assert_eq!(
        std::fs::read(site.out().join("pages/liite.pdf")).unwrap(),
        b"%PDF"
    );
    live::assert_equals_clean_build(&site.root, &site.out());
}

#[test]
fn the_summary_lists_stale_pages_stale_messages_and_pending_translations() {
    let site = TestSite::bare_fixture("check-clean")
        .run(&["i18n", "mark-translated", "--messages"])
        .edit("content/pages/about.fi.md", |s| {
            format!("{s}\nTämä kappale on uusi.\n")
        })
        .edit("i18n/fi/ui.ftl", |s| {
            s.replace(
                "site-title = Kumppanuudet",
                "site-title = Kaupunkien kumppanuudet",
            ) + "pending-marker = (toisella kielellä)\n"
        })
        .edit("i18n/sv/ui.ftl", |s| s + "pending-marker = (på finska)\n")
        .write(
            "content/pages/news.fi.md",
            "---\ntitle: Ajankohtaista\ntranslation: pending\n---\nTeksti.\n",
        )
        .build();
    assert!(site.success(), "{}", site.stderr());
    let stderr = site.stderr();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "warning: content/pages/about.sv.md:4:1: translated from 9905946ccff50121, but content/pages/about.fi.md has changed since (now 5bcb90ed2df60cc9): `kumppani i18n diff content/pages/about.sv.md` shows what changed; update the translation, then run `kumppani i18n mark-translated content/pages/about.sv.md`",
            "warning: i18n/sv/ui.ftl:1:1: message `site-title` in `sv` was translated from an earlier `fi` text (i18n/fi/ui.ftl:1:1 has changed since): `kumppani i18n diff --message site-title --lang sv` shows what changed; update the translation, then run `kumppani i18n mark-translated --message site-title --lang sv`",
            "warning: content/pages/news.fi.md:3:1: `sv` translation pending: /sv/sidor/ajankohtaista/ shows a notice linking to the `fi` page /fi/sivut/ajankohtaista/",
            "3 warning(s):",
            "  stale translations (1): content/pages/about.sv.md:4:1",
            "  stale messages (1): i18n/sv/ui.ftl:1:1",
            "  pending translations (1): content/pages/news.fi.md:3:1",
        ],
        "{stderr}"
    );
}

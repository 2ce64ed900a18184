//! Issue 13, "pending, per language, and strict": `translation: pending` and `pending: [sv]`
//! belong on the source page, are errors on a translation and once the translation exists,
//! and links to a pending page show its source title in its language with a marker.
//!
//! The site is `tests/fixtures/three-langs/` (fi, sv, en): in Swedish the news section, one
//! news item and two of the `pages` section's pages are pending (`pending: [sv]`).

mod live;
mod support;

use support::TestSite;

fn site() -> TestSite {
    TestSite::fixture("three-langs")
}

/// The `<main>` of an HTML page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

/// Builds once, breaks the tree, builds again: the build must fail with exactly `errors` and
/// leave the first output untouched.
fn fails_with(edit: impl FnOnce(TestSite) -> TestSite, errors: &[&str]) {
    let built = site().build();
    let before = built.snapshot();
    let broken = edit(built).build_fails();
    let stderr = broken.stderr();
    let got: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .collect();
    assert_eq!(got, errors, "{stderr}");
    assert_eq!(
        broken.snapshot(),
        before,
        "a failed build changed the output"
    );
}

#[test]
fn translation_pending_on_the_swedish_file_is_an_error_that_says_where_it_belongs() {
    fails_with(
        |s| {
            s.edit("content/pages/about.sv.md", |t| {
                t.replace("slug: om\n", "slug: om\ntranslation: pending\n")
            })
        },
        &[
            "content/pages/about.sv.md:4:1: `translation: pending` belongs on the source page content/pages/about.fi.md, as `pending: [sv]`, not on its `sv` translation: until the translation is ready, delete this file and mark the source page; once it is ready, remove this line",
        ],
    );
    fails_with(
        |s| {
            s.edit("content/pages/about.sv.md", |t| {
                t.replace("slug: om\n", "slug: om\npending: [en]\n")
            })
        },
        &[
            "content/pages/about.sv.md:4:1: `pending:` belongs on the source page content/pages/about.fi.md, as `pending: [sv]`, not on its `sv` translation: until the translation is ready, delete this file and mark the source page; once it is ready, remove this line",
        ],
    );
}

#[test]
fn a_pending_marker_left_on_the_finnish_page_after_its_translation_exists_is_an_error() {
    // Per language: Swedish arrives, English is still missing (in progress).
    fails_with(
        |s| {
            s.write(
                "content/pages/guide.sv.md",
                "---\ntitle: Bruksanvisning\nslug: bruksanvisning\n---\nAvsnitten finns i huvudmenyn.\n",
            )
        },
        &[
            "content/pages/guide.fi.md:5:11: `sv` is pending, but content/pages/guide.sv.md exists: remove `sv` from `pending`",
        ],
    );
    // `translation: pending` on a page written in every language.
    fails_with(
        |s| {
            s.edit("content/news/_index.fi.md", |t| {
                t.replace("pending: [sv]\n", "translation: pending\n")
            })
            .write(
                "content/news/_index.sv.md",
                "---\ntitle: Nyheter\nslug: nyheter\n---\nSammandrag av ministeriernas pressmeddelanden.\n",
            )
        },
        &[
            "content/news/_index.fi.md:5:1: `translation: pending`, but this page exists in every language (fi, sv, en): remove the line",
        ],
    );
    // A language that is not configured.
    fails_with(
        |s| {
            s.edit("content/pages/guide.fi.md", |t| {
                t.replace("pending: [sv]", "pending: [sv, de]")
            })
        },
        &[
            "content/pages/guide.fi.md:5:15: `pending` names `de`, which is not one of the languages (fi, sv, en)",
        ],
    );
}

#[test]
fn pending_for_one_language_keeps_the_missing_page_error_of_another() {
    // English no longer in progress: `pending: [sv]` does not excuse the missing English page.
    let site = site()
        .edit("content/site.yaml", |t| {
            t.replace("language_status: { en: in-progress }\n", "")
        })
        .run(&["build"]);
    assert!(!site.success());
    let stderr = site.stderr();
    assert!(
        stderr.contains("error: content/pages/_index.fi.md:1:1: 4 pages in content/pages/ have no `en` version (this one and 3 more): write their `.en.md` files, mark each `pending: [en]`, or set `language_status: { en: in-progress }` in content/site.yaml\n"),
        "{stderr}"
    );
}

#[test]
fn links_to_a_pending_page_show_its_finnish_title_with_lang_and_a_swedish_marker() {
    let site = site().build();
    // A listing: two pending pages, two different links.
    let sidor = site.read("sv/sidor/index.html");
    let listing = main_of(&sidor);
    for link in [
        "<a href=\"/sv/sidor/kayttoohje/\"><span lang=\"fi\">Käyttöohje</span> (på finska)</a>",
        "<a href=\"/sv/sidor/palaute/\"><span lang=\"fi\">Palaute</span> (på finska)</a>",
        "<a href=\"/sv/sidor/om/\">Om webbplatsen</a>",
    ] {
        assert!(listing.contains(link), "{link} not in\n{listing}");
    }
    assert!(
        !sidor.contains("Den här sidan finns bara på finska"),
        "{sidor}"
    );
    // The navigation and the breadcrumbs: the news section is pending in Swedish.
    let news = site.read("sv/uutiset/nya-partnerskap/index.html");
    assert!(
        news.contains("<a href=\"/sv/uutiset/\" aria-current=\"page\"><span lang=\"fi\">Uutiset</span> (på finska)</a>"),
        "{news}"
    );
    let crumbs = &news[news.find("breadcrumb").unwrap()..news.find("<main").unwrap()];
    assert!(
        crumbs.contains(
            "<li><a href=\"/sv/uutiset/\"><span lang=\"fi\">Uutiset</span> (på finska)</a>"
        ),
        "{crumbs}"
    );
    // The home page's news cards.
    let home = site.read("sv/index.html");
    assert!(
        main_of(&home).contains("<a href=\"/sv/uutiset/ensimmainen-kokous/\"><span lang=\"fi\">Yhteistyöryhmä kokoontui ensimmäisen kerran</span> (på finska)</a>"),
        "{home}"
    );
    assert!(!home.contains("Den här sidan finns"), "{home}");
    // In Finnish, nothing is pending: plain links.
    let sivut = site.read("fi/sivut/index.html");
    assert!(main_of(&sivut).contains("<a href=\"/fi/sivut/kayttoohje/\">Käyttöohje</a>"));
    // In English (in progress), the marker is English.
    let en = site.read("en/sivut/index.html");
    assert!(en.contains("<h1>This page is only in Finnish</h1>"), "{en}");
    let en_home = site.read("en/index.html");
    assert!(
        en_home.contains("<a href=\"/en/sivut/\"><span lang=\"fi\">Sivut</span> (in Finnish)</a>"),
        "{en_home}"
    );
}

#[test]
fn the_swedish_notice_stays_honest_and_check_lists_it_as_pending() {
    let site = site().build();
    let notice = site.read("sv/sidor/kayttoohje/index.html");
    assert!(
        notice.contains("<h1>Den här sidan finns bara på finska</h1>"),
        "{notice}"
    );
    assert!(
        notice.contains(
            "<a href=\"/fi/sivut/kayttoohje/\" lang=\"fi\" hreflang=\"fi\">Käyttöohje</a>"
        ),
        "{notice}"
    );
    // hreflang names only the Finnish page, on the notice and on the Finnish page.
    for html in [&notice, &site.read("fi/sivut/kayttoohje/index.html")] {
        assert!(
            !html.contains("<link rel=\"alternate\" hreflang=\"sv\""),
            "{html}"
        );
        assert!(
            !html.contains("<link rel=\"alternate\" hreflang=\"en\""),
            "{html}"
        );
        assert!(html.contains("<link rel=\"alternate\" hreflang=\"fi\" href=\"https://kumppanuudet.fi/fi/sivut/kayttoohje/\">"), "{html}");
    }
    assert!(!site.read("sitemap.xml").contains("/sv/sidor/kayttoohje/"));
    let site = site.run(&["check"]);
    let stderr = site.stderr();
    assert!(
        stderr.contains("info[pending]: content/pages/guide.fi.md:5:1: `sv` translation pending: /sv/sidor/kayttoohje/ shows a notice linking to the `fi` page /fi/sivut/kayttoohje/\n"),
        "{stderr}"
    );
}

#[test]
fn the_swedish_feed_marks_finnish_titles_as_finnish() {
    let site = site().build();
    let feed = site.read("sv/atom.xml");
    roxmltree::Document::parse(&feed).expect("a well-formed feed");
    // The news section is pending in Swedish: the feed's title is its Finnish one.
    assert!(
        feed.contains("<title xml:lang=\"fi\">Uutiset</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("<entry xml:lang=\"fi\">\n    <title>Yhteistyöryhmä kokoontui ensimmäisen kerran</title>"),
        "{feed}"
    );
    assert!(!feed.contains("Den här sidan"), "{feed}");
}

#[test]
fn record_pages_link_a_pending_partnership_by_its_finnish_name_with_the_marker() {
    // The portal, its vitality partnership not yet in Swedish: the city, theme, home and
    // listing pages that name it (from records, not prose) link it alike.
    let site = TestSite::repo().edit("content/partnerships/vitality.fi.md", |t| {
        t.replace(
            "slug: elinvoimakumppanuus\n",
            "slug: elinvoimakumppanuus\npending: [sv]\n",
        )
    });
    std::fs::remove_file(site.root.join("content/partnerships/vitality.sv.md")).unwrap();
    let site = site.build();
    let link = "<a href=\"/sv/partnerskap/elinvoimakumppanuus/\"><span lang=\"fi\">Elinvoimakumppanuus</span> (på finska)</a>";
    for page in [
        "sv/stader/jyvaskyla/index.html",
        "sv/teman/kompetens/index.html",
        "sv/partnerskap/index.html",
        "sv/index.html",
    ] {
        let html = site.read(page);
        assert!(main_of(&html).contains(link), "{page}:\n{html}");
    }
    // The card's description is the Finnish one too, and says so.
    let listing = site.read("sv/partnerskap/index.html");
    assert!(
        listing.contains(
            "<p class=\"card-text\" lang=\"fi\">Valtion ja kaupunkien elinvoimakumppanuus"
        ),
        "{listing}"
    );
}

#[test]
fn build_watch_follows_a_pending_pages_finnish_title_and_a_new_pending_mark() {
    let site = site().build();
    let mut child = live::Running::start(&site.root, &["build", "--watch"]);
    child.wait_out("watching ");
    let edit = |path: &str, f: &dyn Fn(String) -> String| {
        let p = site.root.join(path);
        std::fs::write(&p, f(std::fs::read_to_string(&p).unwrap())).unwrap();
    };
    // The Finnish title of a page pending in Swedish: the Swedish links follow.
    edit("content/pages/guide.fi.md", &|t| {
        t.replace("title: Käyttöohje", "title: Sivuston käyttö")
    });
    child.rebuilt();
    let listing = site.read("sv/sidor/index.html");
    assert!(
        listing.contains("<a href=\"/sv/sidor/kayttoohje/\"><span lang=\"fi\">Sivuston käyttö</span> (på finska)</a>"),
        "{listing}"
    );
    child.settle();
    live::assert_equals_clean_build(&site.root, &site.out());
    // The news section gets its Swedish page: the marker leaves the navigation of every page.
    edit("content/news/_index.fi.md", &|t| {
        t.replace("pending: [sv]\n", "")
    });
    std::fs::write(
        site.root.join("content/news/_index.sv.md"),
        "---\ntitle: Nyheter\nslug: nyheter\n---\nSammandrag av ministeriernas pressmeddelanden.\n",
    )
    .unwrap();
    // Between the two saves the tree may be broken for a moment; wait for the good build.
    child.rebuilt();
    child.settle();
    let about = site.read("sv/sidor/om/index.html");
    assert!(
        about.contains("<a href=\"/sv/nyheter/\">Nyheter</a>"),
        "{about}"
    );
    assert!(
        !about.contains("<span lang=\"fi\">Uutiset</span>"),
        "{about}"
    );
    live::assert_equals_clean_build(&site.root, &site.out());
}

//! Issue 14, acceptance 5: a third language without code. `tests/fixtures/three-langs/` is a
//! site in fi, sv and en (English `in-progress` in `content/site.yaml`, only the home page,
//! the search page, the news section and one news item written in English); it builds with
//! the repository's templates and Rust as they are, and only `i18n/en/*.ftl` and `*.en.md`
//! files add the language.

mod live;
mod support;

use support::urls::attribute_values;
use support::{TestSite, http};

fn site() -> TestSite {
    TestSite::fixture("three-langs")
}

#[test]
fn a_third_language_builds_with_english_dates_and_the_honest_notice() {
    let site = site().build();
    assert!(
        site.stdout()
            .contains("built 36 pages (12 en, 12 fi, 12 sv)"),
        "{}",
        site.stdout()
    );
    // Dates in the English form of CLDR (`date_locales: { en: en-GB }`), fi/sv unchanged.
    let news = site.read("en/news/new-partnerships/index.html");
    assert!(
        news.contains("<time datetime=\"2024-05-23\">23/05/2024</time>"),
        "{news}"
    );
    assert!(news.contains("updated 24/05/2024"), "{news}");
    assert!(news.contains("<html lang=\"en\">"));
    let fi = site.read("fi/uutiset/uusia-kumppanuuksia/index.html");
    assert!(
        fi.contains("<time datetime=\"2024-05-23\">23.5.2024</time>"),
        "{fi}"
    );
    // A page not written in English yet: the notice, in English, linking to the Finnish page.
    let notice = site.read("en/sivut/kayttoohje/index.html");
    assert!(
        notice.contains("<h1>This page is only in Finnish</h1>"),
        "{notice}"
    );
    assert!(notice.contains(
        "<p>This page has not been translated into English yet. You can read it in another language:</p>\n<p><a href=\"/fi/sivut/kayttoohje/\" lang=\"fi\" hreflang=\"fi\">Käyttöohje</a></p>"
    ), "{notice}");
    assert!(!site.read("sitemap.xml").contains("/en/sivut/"));
    // Not one Finnish file says so: the language's status does.
    for entry in
        walkdir::WalkDir::new(support::repo_root().join("tests/fixtures/three-langs/content"))
    {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains("translation: pending") && !text.contains("[en]"),
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn the_english_feed_is_valid_with_real_dates_and_a_real_title() {
    let site = site().build();
    let text = site.read("en/atom.xml");
    let feed = roxmltree::Document::parse(&text).expect("well-formed Atom");
    let root = feed.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |n: roxmltree::Node<'_, '_>, tag: &str| -> String {
        n.children()
            .find(|c| c.tag_name().name() == tag)
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        child(root, "title"),
        "News – Partnerships between the cities and the state"
    );
    assert_eq!(child(root, "updated"), "2024-06-10T00:00:00Z");
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    let seen: Vec<(String, String, String, String)> = entries
        .iter()
        .map(|e| {
            let lang = e
                .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                .unwrap_or_default()
                .to_string();
            (
                lang,
                child(*e, "title"),
                child(*e, "published"),
                child(*e, "updated"),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "fi".to_string(),
                "Yhteistyöryhmä kokoontui ensimmäisen kerran".to_string(),
                "2024-06-10T00:00:00Z".to_string(),
                "2024-06-10T00:00:00Z".to_string()
            ),
            (
                "en".to_string(),
                "New partnerships begin".to_string(),
                "2024-05-23T00:00:00Z".to_string(),
                "2024-05-24T00:00:00Z".to_string()
            ),
        ]
    );
    assert!(!text.contains("1970-01-01"), "{text}");
    assert!(!text.contains("only in Finnish"), "{text}");
}

#[test]
fn the_english_search_page_loads_every_file_it_names_and_the_index_it_reads() {
    // Served by `kumppani serve`, fetched over HTTP: the page, every URL it names (scripts,
    // stylesheet, icons, the index's meta.json) and every file the search script reads from
    // that meta.json (each term chunk and each document group).
    let site = site();
    let mut child = live::Running::start(&site.root, &["serve", "--port", "0"]);
    let line = child.wait_out("serving ");
    let port: u16 = line
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    child.wait_out("watching ");
    let page = http::get(port, "/en/search/");
    assert_eq!(page.status, 200);
    let html = String::from_utf8_lossy(&page.body).into_owned();
    let mut urls: Vec<String> = attribute_values(&html, &["href", "src", "data-index"])
        .into_iter()
        .filter(|u| u.starts_with('/'))
        .map(String::from)
        .collect();
    assert!(
        urls.iter().any(|u| u.starts_with("/search/engine.")),
        "{urls:?}"
    );
    assert!(urls.iter().any(|u| u == "/search/en/meta.json"), "{urls:?}");
    let meta = http::get(port, "/search/en/meta.json");
    assert_eq!(meta.status, 200);
    let meta: serde_json::Value = serde_json::from_slice(&meta.body).unwrap();
    let count = |k: &str| meta[k].as_u64().unwrap_or_else(|| panic!("{k} in {meta}"));
    assert!(count("docs") > 0, "{meta}");
    // Chunks and doc groups carry a hash of their bytes in their names, listed in meta.json.
    let hashes = |k: &str| -> Vec<String> {
        meta[k]
            .as_array()
            .unwrap_or_else(|| panic!("{k} in {meta}"))
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(hashes("t").len() as u64, count("chunks"));
    assert_eq!(
        hashes("d").len() as u64,
        count("docs").div_ceil(count("group"))
    );
    for kind in ["t", "d"] {
        let names = hashes(kind).into_iter().enumerate();
        urls.extend(names.map(|(n, h)| format!("/search/en/{kind}/{n}.{h}.json")));
    }
    let failed: Vec<(u16, &String)> = urls
        .iter()
        .map(|u| (http::get(port, u).status, u))
        .filter(|(status, _)| *status != 200)
        .collect();
    assert!(failed.is_empty(), "not 200: {failed:?}");
    // Nothing asks for a per-language script that does not exist (the old lunr.en.js).
    assert!(!html.contains("lunr"), "{html}");
}

#[test]
fn check_reports_an_untranslated_language_once_per_section() {
    // In progress: one info per section, none per page, no error.
    let site = site().run(&["check"]);
    assert!(site.success(), "{}", site.stderr());
    let stderr = site.stderr();
    let pending: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("info[pending]: content/site.yaml"))
        .collect();
    assert_eq!(
        pending,
        [
            "info[pending]: content/site.yaml:8:20: `en` is in progress: 1 page of section `cities` not written in `en` yet shows a notice linking to its `fi` page (/en/kaupungit/)",
            "info[pending]: content/site.yaml:8:20: `en` is in progress: 1 page of section `news` not written in `en` yet shows a notice linking to its `fi` page (/en/news/ensimmainen-kokous/)",
            "info[pending]: content/site.yaml:8:20: `en` is in progress: 4 pages of section `pages` not written in `en` yet show a notice linking to their `fi` page (/en/sivut/, …)",
        ],
        "{stderr}"
    );
    assert!(!stderr.contains("has no page in"), "{stderr}");
    // Without the status, English is a language that must be complete: one error per cause.
    let site = self::site()
        .edit("content/site.yaml", |t| {
            t.replace("language_status: { en: in-progress }\n", "")
        })
        .run(&["check"]);
    assert!(!site.success());
    let stderr = site.stderr();
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(
        errors,
        [
            "error[content]: this page has no `en` version: write content/cities/_index.en.md or mark this page `pending: [en]`",
            "error[content]: this page has no `en` version: write content/news/2024-06-10-first-meeting.en.md or mark this page `pending: [en]`",
            "error[content]: 4 pages in content/pages/ have no `en` version (this one and 3 more): write their `.en.md` files, mark each `pending: [en]`, or set `language_status: { en: in-progress }` in content/site.yaml",
        ],
        "{stderr}"
    );
    assert!(
        stderr.ends_with("check: 3 error(s), 0 warning(s), 0 info\n"),
        "{stderr}"
    );
}

#[test]
fn language_status_is_validated_with_its_place() {
    for (status, message) in [
        (
            "language_status: { de: in-progress }",
            "content/site.yaml:8:20: language_status names `de`, which is not one of the languages (fi, sv, en)",
        ),
        (
            "language_status: { fi: in-progress }",
            "content/site.yaml:8:20: language_status: `fi` is the reference language, whose pages are the sources of the others: it cannot be in progress",
        ),
    ] {
        let site = site()
            .edit("content/site.yaml", |t| {
                t.replace("language_status: { en: in-progress }", status)
            })
            .build_fails();
        assert_eq!(
            site.stderr().lines().next(),
            Some(format!("error: {message}").as_str())
        );
    }
    let site = site()
        .edit("content/site.yaml", |t| {
            t.replace("in-progress", "in-progres")
        })
        .build_fails();
    assert_eq!(
        site.stderr().lines().next(),
        Some(
            "error: content/site.yaml:8:24: language_status.en: unknown variant `in-progres`, expected `complete` or `in-progress`"
        )
    );
}

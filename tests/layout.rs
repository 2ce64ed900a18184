//! Issue 16: what the layout promises on every built page of the portal: a weight budget
//! (HTML + CSS + JS before search loads ≤ 30 KB), the favicon linked from every page, the
//! booklet's one numbered table of contents and its chapters'
//! previous/next links, dated news lists and news typed as articles.

mod support;

use std::path::Path;

use support::TestSite;

/// The value of every `attr="…"` in the tags of `html` that start with `tag_start`.
fn attrs(html: &str, tag_start: &str, attr: &str) -> Vec<String> {
    let needle = format!("{attr}=\"");
    html.split(tag_start)
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(a, _)| a))
        .filter_map(|a| Some(a.split(&needle).nth(1)?.split('"').next()?.to_string()))
        .collect()
}

/// The output file a root-relative URL names.
fn file_of(out: &Path, url: &str) -> std::path::PathBuf {
    out.join(url.trim_start_matches('/'))
}

const BUDGET: usize = 30 * 1024;

#[test]
fn every_page_weighs_at_most_30_kb_with_its_css_and_scripts_before_search_loads() {
    let site = TestSite::repo().build();
    let out = site.out();
    let pages = site.html_pages();
    assert!(pages.len() > 100);
    let mut heaviest = (0, String::new());
    for (path, html) in &pages {
        let styles: Vec<String> = html
            .split("<link ")
            .skip(1)
            .filter(|l| l.starts_with("rel=\"stylesheet\""))
            .flat_map(|l| attrs(&format!("<link {l}"), "<link ", "href"))
            .collect();
        // The search page's own scripts load the search: they come after the budget.
        let scripts: Vec<String> = attrs(html, "<script ", "src")
            .into_iter()
            .filter(|s| !s.contains("/search/"))
            .collect();
        assert!(!styles.is_empty(), "{path} links no stylesheet");
        let mut total = html.len();
        for url in styles.iter().chain(&scripts) {
            let len = std::fs::metadata(file_of(&out, url))
                .unwrap_or_else(|e| panic!("{path} links {url}: {e}"))
                .len();
            total += usize::try_from(len).unwrap();
        }
        assert!(
            total <= BUDGET,
            "{path}: {total} bytes of HTML+CSS+JS (budget {BUDGET})"
        );
        if total > heaviest.0 {
            heaviest = (total, path.clone());
        }
    }
    eprintln!("heaviest page: {} ({} bytes)", heaviest.1, heaviest.0);
}

#[test]
fn every_page_links_the_favicon_svg_and_its_32_px_ico() {
    let site = TestSite::repo().build();
    let out = site.out();
    for (path, html) in site.html_pages() {
        let icons: Vec<String> = html
            .split("<link rel=\"icon\" ")
            .skip(1)
            .flat_map(|l| attrs(&format!("<link {l}"), "<link ", "href"))
            .collect();
        assert!(
            icons.iter().any(|i| i.ends_with(".svg")) && icons.iter().any(|i| i.ends_with(".ico")),
            "{path} links icons {icons:?}"
        );
        for icon in &icons {
            assert!(file_of(&out, icon).is_file(), "{path}: {icon} not built");
        }
    }
    // The linked icon, not a fixed /favicon.ico: static files carry content-hashed names.
    // (tests/nginx.rs serves the output with nginx and requests every URL a file holds, the
    // icons included.)
    let home = site.read("fi/index.html");
    let ico = attrs(&home, "<link rel=\"icon\" ", "href")
        .into_iter()
        .find(|i| i.ends_with(".ico"))
        .unwrap();
    let ico = std::fs::read(file_of(&out, &ico)).unwrap();
    // ICO header: reserved 0, type 1 (icon), one image of 32 × 32.
    assert_eq!(&ico[..6], &[0, 0, 1, 0, 1, 0]);
    assert_eq!((ico[6], ico[7]), (32, 32));
}

#[test]
fn the_booklet_has_one_numbered_table_of_contents_and_chapters_link_their_neighbours() {
    let site = TestSite::repo().build();
    for (index, chapter_word) in [
        ("fi/kumppanuuskirjanen/index.html", "Luku"),
        ("sv/partnerskapshaftet/index.html", "Kapitel"),
    ] {
        let html = site.read(index);
        let main = html.split("<main").nth(1).unwrap();
        // One list of the chapters: every chapter is linked exactly once from the index.
        let dir = index.trim_end_matches("index.html");
        let chapters: Vec<String> = support::hrefs_with(main, "href=\"/")
            .into_iter()
            .filter(|h| h.starts_with(&format!("/{dir}")) && h.len() > dir.len() + 2)
            .collect();
        assert_eq!(chapters.len(), 9, "{index}: {chapters:?}");
        let mut unique = chapters.clone();
        unique.dedup();
        assert_eq!(unique, chapters, "{index} lists a chapter twice");
        for (i, url) in chapters.iter().enumerate() {
            let number = format!("{chapter_word} {}", i + 1);
            assert!(main.contains(&number), "{index} lacks {number}");
            let page = site.read(&format!("{}index.html", url.trim_start_matches('/')));
            assert!(
                page.contains(&format!(">{chapter_word} {}", i + 1)),
                "{url} shows no chapter number {}",
                i + 1
            );
            let prev = support::hrefs_with(&page, "rel=\"prev\"");
            let next = support::hrefs_with(&page, "rel=\"next\"");
            assert_eq!(
                prev.first(),
                i.checked_sub(1).map(|j| &chapters[j]),
                "{url}"
            );
            assert_eq!(next.first(), chapters.get(i + 1), "{url}");
        }
    }
}

#[test]
fn news_lists_show_dates_and_news_items_are_articles_with_their_times() {
    let site = TestSite::repo().build();
    for list in [
        "fi/uutiset/index.html",
        "sv/nyheter/index.html",
        "fi/index.html",
    ] {
        let html = site.read(list);
        assert!(
            html.contains("<time datetime=\"2024-05-23\">23.5.2024</time>")
                && html.contains("<time datetime=\"2023-11-16\">16.11.2023</time>"),
            "{list} shows no dates"
        );
    }
    let item = site.read("fi/uutiset/uudet-kumppanuudet/index.html");
    for meta in [
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"article:published_time\" content=\"2024-05-23\">",
        "<meta property=\"article:modified_time\" content=\"2024-05-24\">",
        "<meta property=\"og:image\" content=\"https://kaupunkikumppanuudet.example.fi/share.",
    ] {
        assert!(item.contains(meta), "news item lacks {meta}");
    }
    let home = site.read("fi/index.html");
    assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
    assert!(home.contains("og:image"));
    // The strategic alliance names its secretariat under one heading, not two.
    let alliance = site.read("fi/kumppanuudet/strateginen-allianssi/index.html");
    assert_eq!(alliance.matches(">Sihteeristö</h").count(), 1);
}

#[test]
fn markdown_tables_scroll_in_a_named_focusable_box_of_their_own() {
    let site = TestSite::with_wide_tables().build();
    for (path, heading_id, fallback) in [
        ("fi/tietosuoja/index.html", "sahkoposti", "Taulukko"),
        ("sv/dataskydd/index.html", "e-post", "Tabell"),
    ] {
        let html = site.read(path);
        let main = html.split("<main").nth(1).unwrap();
        let boxes: Vec<&str> = main
            .split("<div class=\"table-wrap\"")
            .skip(1)
            .map(|b| b.split_once('>').unwrap().0)
            .collect();
        assert_eq!(
            boxes,
            [
                format!(r#" role="region" tabindex="0" aria-label="{fallback}""#),
                format!(r#" role="region" tabindex="0" aria-labelledby="{heading_id}""#),
            ],
            "{path}"
        );
        assert!(
            html.contains(&format!("id=\"{heading_id}\"")),
            "{path}: no heading with id {heading_id}"
        );
        // Each box holds exactly its table.
        assert_eq!(main.matches("</table>\n</div>").count(), 2, "{path}");
    }
}

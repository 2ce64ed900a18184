//! Issue 8: the Atom feeds parse and list the news of their language; the sitemap has
//! alternates for every page pair; robots.txt names the sitemap.

mod support;

use support::TestSite;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .and_then(|c| c.text())
}

#[test]
fn each_language_has_an_atom_feed_of_its_own_news() {
    let site = TestSite::repo().build();
    for (lang, news_dir) in [("fi", "fi/uutiset/"), ("sv", "sv/nyheter/")] {
        let xml = site.read(&format!("{lang}/atom.xml"));
        let doc = roxmltree::Document::parse(&xml).expect("feed is well-formed XML");
        let feed = doc.root_element();
        assert!(
            feed.has_tag_name((ATOM, "feed")),
            "{lang}: root is not an Atom feed"
        );
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        for required in ["id", "title", "updated"] {
            assert!(
                child_text(feed, required).is_some(),
                "{lang}: feed lacks {required}"
            );
        }
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name((ATOM, "entry")))
            .collect();
        // Every news page of this language is an entry, and nothing else is.
        let news_pages: Vec<String> = site
            .html_pages()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| p.starts_with(news_dir) && p != &format!("{news_dir}index.html"))
            .collect();
        assert_eq!(entries.len(), news_pages.len(), "{lang}: {news_pages:?}");
        assert!(entries.len() >= 2);
        let mut dates = Vec::new();
        for e in &entries {
            let id = child_text(*e, "id").expect("entry id");
            let link = e
                .children()
                .find(|c| c.has_tag_name((ATOM, "link")))
                .and_then(|l| l.attribute("href"))
                .expect("entry link");
            assert_eq!(id, link);
            assert!(
                link.starts_with(&format!(
                    "https://kaupunkikumppanuudet.example.fi/{news_dir}"
                )),
                "{lang}: {link} is not a news page of this language"
            );
            let path = link.trim_start_matches("https://kaupunkikumppanuudet.example.fi/");
            let page = site.read(&format!("{path}index.html"));
            let title = child_text(*e, "title").expect("entry title");
            assert!(
                page.contains(&format!("<h1>{title}</h1>")),
                "{lang}: title of {link}"
            );
            let updated = child_text(*e, "updated").expect("entry updated");
            let published = child_text(*e, "published").expect("entry published");
            // The dates themselves are checked against the records in tests/dates.rs.
            assert!(published <= updated, "{link}: {published} > {updated}");
            assert!(!updated.starts_with("1970"), "{link}");
            assert!(child_text(*e, "summary").is_some_and(|s| !s.is_empty()));
            dates.push(updated.to_string());
        }
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "{lang}: newest first");
        assert_eq!(
            child_text(feed, "updated"),
            dates.first().map(String::as_str)
        );
    }
}

#[test]
fn the_sitemap_has_alternates_for_every_page_pair() {
    let site = TestSite::repo().build();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is well-formed XML");
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.has_tag_name("url"))
        .collect();
    let pages = site.html_pages();
    let real = pages
        .iter()
        .filter(|(p, _)| p.starts_with("fi/") || p.starts_with("sv/"))
        .count();
    assert_eq!(urls.len(), real);
    for url in urls {
        let loc = url
            .children()
            .find(|c| c.has_tag_name("loc"))
            .and_then(|c| c.text())
            .unwrap();
        let alts: Vec<(&str, &str)> = url
            .children()
            .filter(|c| c.has_tag_name("link"))
            .map(|l| {
                (
                    l.attribute("hreflang").unwrap(),
                    l.attribute("href").unwrap(),
                )
            })
            .collect();
        let langs: Vec<&str> = alts.iter().map(|(l, _)| *l).collect();
        assert_eq!(langs, ["fi", "sv", "x-default"], "{loc}");
        assert!(alts.iter().any(|(_, h)| *h == loc), "{loc} lacks itself");
    }
}

#[test]
fn robots_txt_allows_crawling_and_names_the_sitemap() {
    let site = TestSite::repo().build();
    let robots = site.read("robots.txt");
    assert!(robots.starts_with("User-agent: *\n"));
    assert!(robots.contains("\nSitemap: https://kaupunkikumppanuudet.example.fi/sitemap.xml\n"));
}

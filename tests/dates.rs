//! Dates in the feeds and the sitemap, asserted from the real portal's news records: each
//! language's `<published>` is the day that version was published (`published_in`, else
//! `date`), `<updated>` the record's `updated` (else the publication), the feed's `<updated>`
//! its newest entry's, and the sitemap's `<lastmod>` a news page's last change.

mod support;

use std::collections::BTreeMap;

use support::{TestSite, repo_root};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// What a news record says about dates.
#[derive(serde::Deserialize)]
struct NewsDates {
    date: String,
    updated: Option<String>,
    #[serde(default)]
    published_in: BTreeMap<String, String>,
}

/// Per news record (file stem): its dates, read from content/news/*.yaml of the portal.
fn records() -> BTreeMap<String, NewsDates> {
    let dir = repo_root().join("content/news");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") && !path.ends_with("_index.yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            // Only the date fields: the rest of the record is not read here.
            let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            let dates: NewsDates = serde_yaml::from_value(serde_yaml::Value::Mapping(
                value
                    .as_mapping()
                    .unwrap()
                    .iter()
                    .filter(|(k, _)| {
                        matches!(k.as_str(), Some("date" | "updated" | "published_in"))
                    })
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ))
            .unwrap();
            out.insert(
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                dates,
            );
        }
    }
    assert!(out.len() >= 2, "the portal has news records");
    out
}

/// The `(published, updated)` ISO dates the `lang` version of `rec` must show.
fn expected(rec: &NewsDates, lang: &str) -> (String, String) {
    let published = rec.published_in.get(lang).unwrap_or(&rec.date).clone();
    let updated = match &rec.updated {
        Some(u) if *u > published => u.clone(),
        _ => published.clone(),
    };
    (published, updated)
}

#[test]
fn feeds_and_sitemap_carry_the_dates_of_the_records() {
    let site = TestSite::repo().build();
    let records = records();
    let sitemap_text = site.read("sitemap.xml");
    let sitemap = roxmltree::Document::parse(&sitemap_text).unwrap();
    let lastmods: BTreeMap<&str, Option<&str>> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "url")))
        .map(|u| {
            let text_of = |tag: &str| {
                u.children()
                    .find(|c| c.has_tag_name((SITEMAP, tag)))
                    .and_then(|c| c.text())
            };
            (text_of("loc").unwrap(), text_of("lastmod"))
        })
        .collect();
    let mut seen = 0;
    for (lang, news_dir) in [("fi", "fi/uutiset/"), ("sv", "sv/nyheter/")] {
        let feed_text = site.read(&format!("{lang}/atom.xml"));
        let feed = roxmltree::Document::parse(&feed_text).unwrap();
        let root = feed.root_element();
        let text = |n: roxmltree::Node, tag: &str| {
            n.children()
                .find(|c| c.has_tag_name((ATOM, tag)))
                .and_then(|c| c.text())
                .map(str::to_string)
        };
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .collect();
        assert_eq!(entries.len(), records.len(), "{lang}: one entry per record");
        let mut newest = String::new();
        for e in &entries {
            let id = text(*e, "id").unwrap();
            let path = id.trim_start_matches("https://kaupunkikumppanuudet.example.fi/");
            assert!(path.starts_with(news_dir), "{id}");
            // Which record: the page's dateline shows the record's date.
            let page = site.read(&format!("{path}index.html"));
            let (stem, rec) = records
                .iter()
                .find(|(_, r)| page.contains(&format!("datetime=\"{}\"", r.date)))
                .unwrap_or_else(|| panic!("{id}: no record's date on the page"));
            let (published, updated) = expected(rec, lang);
            assert_eq!(
                text(*e, "published").unwrap(),
                format!("{published}T00:00:00Z"),
                "{lang} {stem}"
            );
            assert_eq!(
                text(*e, "updated").unwrap(),
                format!("{updated}T00:00:00Z"),
                "{lang} {stem}"
            );
            assert_eq!(
                lastmods.get(id.as_str()).copied().flatten(),
                Some(updated.as_str()),
                "sitemap lastmod of {id}"
            );
            newest = newest.max(updated);
            seen += 1;
        }
        assert_eq!(
            text(root, "updated").unwrap(),
            format!("{newest}T00:00:00Z"),
            "{lang}: the feed's updated is its newest entry's"
        );
    }
    assert_eq!(seen, 2 * records.len());
    // The record that was updated a day after it was published shows it (2024-05-23 → 24).
    let may = &records["2024-05-23-new-partnerships"];
    assert_eq!(may.updated.as_deref(), Some("2024-05-24"));
    assert!(
        site.read("fi/atom.xml")
            .contains("<updated>2024-05-24T00:00:00Z</updated>")
    );
    assert!(
        site.read("fi/atom.xml")
            .contains("<published>2024-05-23T00:00:00Z</published>")
    );
    // Pages without a date the site knows have no lastmod; every news page has one.
    let dated = lastmods.values().filter(|d| d.is_some()).count();
    assert_eq!(dated, 2 * records.len(), "{lastmods:?}");
}

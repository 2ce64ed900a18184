//! A build leaves the pages' bodies on disk until their pages are rendered
//! (`content::Bodies::OnDisk`): what it reads again is exactly what `check` and `watch` keep
//! in memory, and a page file changed in between is an error naming the file, never a page
//! built from another version than the rest of the site saw.

mod support;

use kumppani::config::{Overrides, SiteConfig};
use kumppani::content::{Bodies, load_with};
use support::TestSite;

#[test]
fn bodies_read_again_equal_the_loaded_ones_and_a_changed_file_is_an_error() {
    let site = TestSite::repo();
    let config = SiteConfig::load_with(&site.root, &Overrides::default()).unwrap();
    let kept = load_with(&site.root, &config, Bodies::Kept).unwrap();
    let lean = load_with(&site.root, &config, Bodies::OnDisk).unwrap();
    assert_eq!(kept.pages.len(), lean.pages.len());
    for (k, l) in kept.pages.iter().zip(&lean.pages) {
        assert_eq!(k.source, l.source);
        assert!(l.body.is_empty() && l.on_disk.is_some(), "{:?}", l.source);
        assert!(k.on_disk.is_none());
        assert_eq!(l.body_text().unwrap(), k.body, "{:?}", l.source);
        assert_eq!(l.body_line, k.body_line);
    }

    // A body saved after the load: reading it again fails, naming the file.
    let page = lean
        .pages
        .iter()
        .find(|p| !p.body_text().unwrap().is_empty())
        .unwrap();
    let rel = page.source.clone().unwrap();
    let path = site.root.join(&rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nLisätty kesken.\n")).unwrap();
    let error = page.body_text().unwrap_err().to_string();
    assert!(
        error.starts_with(&format!("{}:", rel.display()))
            && error.contains("changed while the site was being built"),
        "{error}"
    );
    // At the line the body began on, as loaded.
    assert!(
        error.starts_with(&format!("{}:{}:1: ", rel.display(), page.body_line)),
        "{error}"
    );
    // A line more in the front matter: the same body, but on other lines than its errors
    // would be placed on; an error too.
    std::fs::write(&path, text.replacen("---\n", "---\n# kommentti\n", 1)).unwrap();
    assert!(page.body_text().is_err());
    // Put back, the file reads as loaded.
    std::fs::write(&path, &text).unwrap();
    let kept_body = &kept
        .pages
        .iter()
        .find(|p| p.source == page.source)
        .unwrap()
        .body;
    assert_eq!(page.body_text().unwrap(), *kept_body);
}

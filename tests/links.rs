//! Links are facts: what `markdown/links.rs` resolves, seen in the built pages (the errors of
//! broken links are in the catalogue, `tests/catalogue.rs`).

mod support;

use support::TestSite;

const ABOUT_FI: &str = "content/pages/about.fi.md";

#[test]
fn absolute_links_get_the_base_path_of_a_sub_path_deployment() {
    let site = TestSite::bare_fixture("check-clean")
        .edit(ABOUT_FI, |s| {
            s + "\n[Sivut](/fi/sivut/), [kartta](/sitemap.xml), [myös](/osa/fi/sivut/tietoa/#x) ja [ulos](https://example.org/fi/)\n\n## X\n"
        })
        .run(&["build", "--base-url", "https://example.fi/osa"]);
    assert!(site.success(), "{}", site.stderr());
    let html = site.read("fi/sivut/tietoa/index.html");
    for href in [
        "/osa/fi/sivut/",
        "/osa/sitemap.xml",
        "/osa/fi/sivut/tietoa/#x",
        "https://example.org/fi/",
    ] {
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "{href} in {html}"
        );
    }
    // Below the base path, the same rules: a URL no page has is an error.
    let site = site
        .edit(ABOUT_FI, |s| s + "\n[Ei](/osa/fi/ei-ole/)\n")
        .run(&["build", "--base-url", "https://example.fi/osa"]);
    assert!(!site.success());
    assert!(
        site.stderr().contains(
            "content/pages/about.fi.md:12:1: link to `/osa/fi/ei-ole/` (/fi/ei-ole/): no page or file has this URL"
        ),
        "{}",
        site.stderr()
    );
}

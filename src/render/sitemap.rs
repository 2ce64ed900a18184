//! `/sitemap.xml` with `xhtml:link` alternates for every translation.

use std::io::Write;

use crate::i18n::localize::Localized;

/// The sitemap's output path.
pub use crate::outputs::SITEMAP as PATH;

/// Lists every real page (pending notices are left out) with its alternates and `x-default`,
/// and the `<lastmod>` of those whose date the site knows ([`super::feed::lastmod`]).
pub fn render(site: &Localized) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write(site, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`render`] into `out`, a page at a time: the sitemap is never held whole (9 MB at 20,000
/// pages).
pub fn write(site: &Localized, out: &mut dyn Write) -> std::io::Result<()> {
    use super::escape_xml as esc;
    // Pieces pushed into a block written out every 64 KB: a `write!` per line, through the
    // `dyn Write`, cost more than the rest of a small rebuild.
    let mut block = String::with_capacity(1 << 17);
    block.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in site.pages.iter().filter(|p| p.pending.is_none()) {
        for piece in ["  <url>\n    <loc>", &esc(&page.permalink), "</loc>\n"] {
            block.push_str(piece);
        }
        if let Some(date) = super::feed::lastmod(page) {
            for piece in ["    <lastmod>", date, "</lastmod>\n"] {
                block.push_str(piece);
            }
        }
        if page.translations.len() > 1 {
            let default = page
                .translations
                .iter()
                .find(|a| a.lang == site.languages[0]);
            let alternates = page.translations.iter().map(|a| (a.lang.as_str(), a));
            for (hreflang, alt) in alternates.chain(default.map(|d| ("x-default", d))) {
                for piece in [
                    "    <xhtml:link rel=\"alternate\" hreflang=\"",
                    hreflang,
                    "\" href=\"",
                    &esc(&alt.permalink),
                    "\"/>\n",
                ] {
                    block.push_str(piece);
                }
            }
        }
        block.push_str("  </url>\n");
        if block.len() >= 1 << 16 {
            out.write_all(block.as_bytes())?;
            block.clear();
        }
    }
    block.push_str("</urlset>\n");
    out.write_all(block.as_bytes())
}

//! `/sitemap.xml` with `xhtml:link` alternates for every translation.

use std::io::Write;
use std::sync::Arc;

use crate::i18n::localize::{Alternate, Localized};

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
    for entry in entries(site) {
        for piece in ["  <url>\n    <loc>", &esc(entry.permalink), "</loc>\n"] {
            block.push_str(piece);
        }
        if let Some(date) = entry.lastmod {
            for piece in ["    <lastmod>", date, "</lastmod>\n"] {
                block.push_str(piece);
            }
        }
        if entry.alternates.len() > 1 {
            let default = entry
                .alternates
                .iter()
                .find(|a| a.lang == site.languages[0]);
            let alternates = entry.alternates.iter().map(|a| (a.lang.as_str(), a));
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

/// Whether sites `a` and `b` have the same sitemap: compared entry by entry, without making
/// either (a watcher's rebuild after a title, record or template edit keeps the last one).
pub fn same(a: &Localized, b: &Localized) -> bool {
    std::ptr::eq(a, b) || (a.languages == b.languages && entries(a).eq(entries(b)))
}

/// What the sitemap says of one page.
struct Entry<'a> {
    permalink: &'a str,
    lastmod: Option<&'a str>,
    /// Its language versions (the sitemap shows their language and address).
    alternates: &'a [Arc<Alternate>],
}

impl PartialEq for Entry<'_> {
    fn eq(&self, other: &Self) -> bool {
        fn shown(a: &Arc<Alternate>) -> (&str, &str) {
            (&a.lang, &a.permalink)
        }
        self.permalink == other.permalink
            && self.lastmod == other.lastmod
            && self
                .alternates
                .iter()
                .map(shown)
                .eq(other.alternates.iter().map(shown))
    }
}

/// The sitemap's entries: every real page (pending notices are left out), in page order.
fn entries(site: &Localized) -> impl Iterator<Item = Entry<'_>> {
    site.pages
        .iter()
        .filter(|p| p.pending.is_none())
        .map(|page| Entry {
            permalink: &page.permalink,
            lastmod: super::feed::lastmod(page),
            alternates: &page.translations,
        })
}

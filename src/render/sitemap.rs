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
    // Pieces through a 64 KB buffer: a `write!` per line, through the `dyn Write`, cost more
    // than the rest of a small rebuild.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut put = |pieces: &[&str]| pieces.iter().try_for_each(|p| out.write_all(p.as_bytes()));
    put(&[
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    ])?;
    for entry in entries(site) {
        put(&["  <url>\n    <loc>", &esc(entry.permalink), "</loc>\n"])?;
        if let Some(date) = entry.lastmod {
            put(&["    <lastmod>", date, "</lastmod>\n"])?;
        }
        if entry.alternates.len() > 1 {
            let default = entry
                .alternates
                .iter()
                .find(|a| a.lang == site.languages[0]);
            let alternates = entry.alternates.iter().map(|a| (a.lang.as_str(), a));
            for (hreflang, alt) in alternates.chain(default.map(|d| ("x-default", d))) {
                put(&[
                    "    <xhtml:link rel=\"alternate\" hreflang=\"",
                    hreflang,
                    "\" href=\"",
                    &esc(&alt.permalink),
                    "\"/>\n",
                ])?;
            }
        }
        put(&["  </url>\n"])?;
    }
    put(&["</urlset>\n"])?;
    out.flush()
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

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
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    )?;
    for page in site.pages.iter().filter(|p| p.pending.is_none()) {
        write!(
            out,
            "  <url>\n    <loc>{}</loc>\n",
            super::escape_xml(&page.permalink)
        )?;
        if let Some(date) = super::feed::lastmod(page) {
            writeln!(out, "    <lastmod>{date}</lastmod>")?;
        }
        if page.translations.len() > 1 {
            for alt in &page.translations {
                writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    alt.lang,
                    super::escape_xml(&alt.permalink)
                )?;
            }
            if let Some(default) = page
                .translations
                .iter()
                .find(|a| a.lang == site.languages[0])
            {
                writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    super::escape_xml(&default.permalink)
                )?;
            }
        }
        out.write_all(b"  </url>\n")?;
    }
    out.write_all(b"</urlset>\n")
}

//! `/sitemap.xml` with `xhtml:link` alternates for every translation.

use crate::i18n::localize::Localized;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Lists every real page (pending notices are left out) with its alternates and `x-default`.
pub fn render(site: &Localized) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in site.pages.iter().filter(|p| p.pending.is_none()) {
        out.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape(&page.permalink)
        ));
        if page.translations.len() > 1 {
            for alt in &page.translations {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    alt.lang,
                    escape(&alt.permalink)
                ));
            }
            if let Some(default) = page
                .translations
                .iter()
                .find(|a| a.lang == site.languages[0])
            {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                    escape(&default.permalink)
                ));
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

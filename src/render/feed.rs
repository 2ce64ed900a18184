//! An Atom feed of the news per language, `/<lang>/atom.xml` (RFC 4287).

use crate::content::PageKind;
use crate::i18n::localize::{Facts, LPage, Localized};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The output path of a language's feed, `fi/atom.xml`.
pub fn path(lang: &str) -> String {
    format!("{lang}/atom.xml")
}

/// The news pages of `lang` (pending notices left out), newest first, with their ISO dates.
fn news<'a>(site: &'a Localized, lang: &str) -> Vec<(&'a LPage, &'a str)> {
    let mut items: Vec<(&LPage, &str)> = site
        .pages
        .iter()
        .filter(|p| {
            p.lang == lang
                && p.kind == PageKind::Page
                && p.section.as_deref() == Some("news")
                && p.pending.is_none()
        })
        .filter_map(|p| match &*p.facts {
            Facts::News { date_iso, .. } => Some((p, date_iso.as_str())),
            _ => None,
        })
        .collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.url.cmp(&b.0.url)));
    items
}

/// Renders the feed of `lang`: the news section's title as the feed's, every news item in
/// that language with its title, permalink (as link and id), date and description.
pub fn render(site: &Localized, lang: &str) -> String {
    let home = site.get("", lang);
    let section = site.get("news", lang);
    let site_title = home.map_or("", |p| p.title.as_str());
    let title = match section {
        Some(s) => format!("{} – {site_title}", s.title),
        None => site_title.to_string(),
    };
    let self_url = format!("{}/{}", site.base_url.trim_end_matches('/'), path(lang));
    let items = news(site, lang);
    // A feed without entries still needs an `updated`: the epoch says "never".
    let updated = items.first().map_or("1970-01-01", |(_, d)| *d);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&title),
        escape(&self_url),
        escape(&self_url),
    );
    if let Some(s) = section.or(home) {
        out.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" hreflang=\"{lang}\" href=\"{}\"/>\n",
            escape(&s.permalink)
        ));
    }
    out.push_str(&format!(
        "  <updated>{updated}T00:00:00Z</updated>\n  <author><name>{}</name></author>\n",
        escape(site_title)
    ));
    for (page, date) in items {
        let summary = page.description.as_deref().unwrap_or(&page.title);
        out.push_str(&format!(
            "  <entry xml:lang=\"{lang}\">\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" hreflang=\"{lang}\" href=\"{}\"/>\n    <id>{}</id>\n    <updated>{date}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape(&page.title),
            escape(&page.permalink),
            escape(&page.permalink),
            escape(summary),
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// `/robots.txt`: everything may be crawled; the sitemap is named with its absolute URL.
pub fn robots(site: &Localized) -> String {
    format!(
        "User-agent: *\nAllow: {}/\n\nSitemap: {}/sitemap.xml\n",
        site.base_path,
        site.base_url.trim_end_matches('/')
    )
}

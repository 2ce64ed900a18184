//! An Atom feed of the news per language, `/<lang>/atom.xml` (RFC 4287).

use crate::content::PageKind;
use crate::i18n::localize::{Facts, LPage, Localized};

/// The output path of a language's feed, `fi/atom.xml`.
pub use crate::outputs::feed as path;

/// One entry of a feed: a news item as the feed's language shows it.
struct Entry<'a> {
    /// The page the entry links: this language's version, or for a news item not translated
    /// yet the version it exists in (whose language the entry then names).
    page: &'a LPage,
    /// ISO date this version was published.
    published: &'a str,
    /// ISO date this version last changed.
    updated: &'a str,
}

/// The real version a page of `lang` stands for: itself, or for a pending notice the page it
/// points to.
fn real<'a>(site: &'a Localized, page: &'a LPage) -> Option<&'a LPage> {
    match &page.pending {
        None => Some(page),
        Some(p) => site.get(&page.key, &p.source_lang),
    }
}

/// The publication and update dates of a news page, if it is one.
fn dates(page: &LPage) -> Option<(&str, &str)> {
    match &*page.facts {
        Facts::News {
            published_iso,
            updated_iso,
            ..
        } => Some((published_iso.as_str(), updated_iso.as_str())),
        _ => None,
    }
}

/// The sitemap's `<lastmod>` of `page`: a news item's last change. Other pages have no date
/// the site knows (their prose has none), so they get none.
pub fn lastmod(page: &LPage) -> Option<&str> {
    dates(page).map(|(_, updated)| updated)
}

/// The news items of `lang`, newest change first. A news item not translated into `lang` yet
/// is listed in the language it exists in, so that a language still being translated has a
/// feed of what is published.
fn news<'a>(site: &'a Localized, lang: &str) -> Vec<Entry<'a>> {
    let mut items: Vec<Entry<'a>> = site
        .pages
        .iter()
        .filter(|p| {
            p.lang == lang && p.kind == PageKind::Page && p.section.as_deref() == Some("news")
        })
        .filter_map(|p| real(site, p))
        .filter_map(|page| {
            let (published, updated) = dates(page)?;
            Some(Entry {
                page,
                published,
                updated,
            })
        })
        .collect();
    items.sort_by(|a, b| {
        (b.updated, b.published)
            .cmp(&(a.updated, a.published))
            .then_with(|| a.page.url.cmp(&b.page.url))
    });
    items
}

/// The feed's `<updated>`: its newest entry's. A feed without entries (the site has no news)
/// takes the newest news date of any language, else today: never the epoch.
fn feed_updated(site: &Localized, items: &[Entry<'_>]) -> String {
    if let Some(first) = items.first() {
        return first.updated.to_string();
    }
    site.pages
        .iter()
        .filter_map(lastmod)
        .max()
        .map_or_else(|| super::a11y::today().iso(), str::to_string)
}

/// ` xml:lang="sv"` when `page` is in another language than the feed's.
fn lang_attr(page: &LPage, lang: &str) -> String {
    if page.lang == lang {
        String::new()
    } else {
        format!(" xml:lang=\"{}\"", page.lang)
    }
}

/// Renders the feed of `lang`: the news section's title as the feed's, every news item with
/// its title, permalink (as link and id), dates of publication and last change, and
/// description; items and titles not translated yet in the language they exist in, marked
/// with `xml:lang`.
pub fn render(site: &Localized, lang: &str) -> String {
    let real_of = |key: &str| site.get(key, lang).and_then(|p| real(site, p));
    let home = real_of("");
    let section = real_of("news");
    let site_title = home.map_or("", |p| &*p.title);
    let title = match (section, home) {
        (Some(s), Some(h)) if s.lang == h.lang => format!("{} – {site_title}", s.title),
        (Some(s), _) => s.title.to_string(),
        (None, _) => site_title.to_string(),
    };
    let title_lang = section
        .or(home)
        .map_or(String::new(), |p| lang_attr(p, lang));
    let self_url = format!("{}/{}", site.base_url.trim_end_matches('/'), path(lang));
    let items = news(site, lang);
    let updated = feed_updated(site, &items);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title{title_lang}>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        super::escape_xml(&title),
        super::escape_xml(&self_url),
        super::escape_xml(&self_url),
    );
    if let Some(s) = site.get("news", lang).or_else(|| site.get("", lang)) {
        out.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" hreflang=\"{lang}\" href=\"{}\"/>\n",
            super::escape_xml(&s.permalink)
        ));
    }
    out.push_str(&format!(
        "  <updated>{updated}T00:00:00Z</updated>\n  <author><name{}>{}</name></author>\n",
        home.map_or(String::new(), |h| lang_attr(h, lang)),
        super::escape_xml(site_title)
    ));
    for Entry {
        page,
        published,
        updated,
    } in items
    {
        let summary = page.description.as_deref().unwrap_or(&page.title);
        out.push_str(&format!(
            "  <entry xml:lang=\"{entry_lang}\">\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" hreflang=\"{entry_lang}\" href=\"{}\"/>\n    <id>{}</id>\n    <published>{published}T00:00:00Z</published>\n    <updated>{updated}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
            super::escape_xml(&page.title),
            super::escape_xml(&page.permalink),
            super::escape_xml(&page.permalink),
            super::escape_xml(summary),
            entry_lang = page.lang,
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// `/robots.txt`: everything may be crawled; the sitemap is named with its absolute URL.
pub fn robots(site: &Localized) -> String {
    format!(
        "User-agent: *\nAllow: {}/\n\nSitemap: {}/{}\n",
        site.base_path,
        site.base_url.trim_end_matches('/'),
        crate::outputs::SITEMAP,
    )
}

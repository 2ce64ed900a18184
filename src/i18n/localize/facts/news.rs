//! A news item: its dates in the page language, its publisher, people and partnerships.

use super::super::error::invalid;
use super::super::section::Section;
use super::{Facts, Resolver};
use crate::content::locate;

/// The facts of news item `id`; `None` when it has no record.
pub(super) fn facts(r: &mut Resolver, id: &str) -> Option<Facts> {
    let (site, lang, bundles) = (r.site, r.lang, r.bundles);
    let content = r.content;
    let rec = r.record(&content.records.news, Section::News, id)?;
    let n = &rec.data;
    for l in n.published_in.keys() {
        if !site.languages.contains(l) {
            r.errors.push(invalid(
                locate(&rec.source, &rec.text, "published_in", l),
                format!(
                    "`{l}` is not a configured language ({})",
                    site.languages.join(", ")
                ),
            ));
        }
    }
    let published = n.published_in.get(lang).copied().unwrap_or(n.date);
    let updated = n.updated.map_or(published, |u| u.max(published));
    Some(Facts::News {
        date: site.dates.format(lang, n.date),
        date_iso: n.date.iso(),
        published_iso: published.iso(),
        updated_iso: updated.iso(),
        updated: n.updated.map(|d| site.dates.format(lang, d)),
        published_here: n
            .published_in
            .get(lang)
            .filter(|d| **d != n.date)
            .map(|d| site.dates.format(lang, *d)),
        publisher: n
            .publisher
            .as_ref()
            .and_then(|o| r.message(rec, "publisher", o, "org-")),
        publisher_of: n.publisher.as_ref().and_then(|o| {
            let at = locate(&rec.source, &rec.text, "publisher", o);
            bundles
                .name(lang, &format!("org-{o}"), Some("genitive"), &at)
                .map_err(|e| r.errors.push(e.into()))
                .ok()
        }),
        contacts: n
            .contacts
            .iter()
            .filter_map(|c| r.contact(rec, "contacts", c))
            .collect(),
        partnerships: n
            .partnerships
            .iter()
            .filter_map(|p| r.page_link(rec, "partnerships", Section::Partnerships, p))
            .collect(),
    })
}

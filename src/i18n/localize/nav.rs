//! Navigation: the sections in the menu, each page's language versions, pending notice and
//! breadcrumbs, and the listing of a section page.

use std::collections::HashMap;
use std::sync::Arc;

use super::facts::{sorted_news, sorted_partnerships};
use super::section::Section;
use super::{Alternate, LPage, Link, Localized};
use crate::config::SiteConfig;
use crate::content::{Content, PageKind};

/// Sections of `config`, in navigation order, that have a page in every language.
pub(super) fn nav_sections(config: &SiteConfig, site: &Localized) -> Vec<String> {
    config
        .sections
        .iter()
        .filter(|s| {
            config
                .languages
                .iter()
                .all(|l| site.position(s, l).is_some())
        })
        .cloned()
        .collect()
}

/// Fills in every page's translations, language switcher, pending notice and breadcrumbs.
///
/// What several pages show of one page (its alternate, its breadcrumb link) is made once and
/// shared: at 20,000 pages the copies were a fifth of the localized site.
pub(super) fn link_pages(site: &mut Localized) {
    link_pages_where(site, |_| true);
}

/// [`link_pages`] for the pages `which` picks; the others keep the links they have.
pub(super) fn link_pages_where(site: &mut Localized, which: impl Fn(&LPage) -> bool + Sync) {
    // A notice's source first: the breadcrumbs below show a pending section by its source
    // title.
    for i in 0..site.pages.len() {
        let page = &site.pages[i];
        if !which(page) {
            continue;
        }
        let Some(p) = &page.pending else { continue };
        let Some(src) = site.get(&page.key, &p.source_lang) else {
            continue;
        };
        let (url, title) = (src.url.clone(), src.title.clone());
        if let Some(p) = site.pages[i].pending.as_mut() {
            p.source_url = url;
            p.source_title = title;
        }
    }
    // Shared by the pages that link them (made here for the pages picked; another page's is
    // made where it is linked).
    let alternates: Vec<Option<Arc<Alternate>>> = site
        .pages
        .iter()
        .map(|p| which(p).then(|| Arc::new(Alternate::of(p))))
        .collect();
    let crumbs: HashMap<usize, Arc<Link>> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind != PageKind::Page)
        .map(|(i, p)| (i, Arc::new(p.link())))
        .collect();
    let links: Vec<Option<PageLinks>> = {
        use rayon::prelude::*;
        let site = &*site;
        (0..site.pages.len())
            .into_par_iter()
            .map(|i| which(&site.pages[i]).then(|| PageLinks::of(site, i, &alternates, &crumbs)))
            .collect()
    };
    for (page, links) in site.pages.iter_mut().zip(links) {
        let Some(links) = links else { continue };
        page.translations = links.translations;
        page.switcher = links.switcher;
        page.breadcrumbs = links.breadcrumbs;
    }
}

/// What one page links to of the others.
struct PageLinks {
    translations: Vec<Arc<Alternate>>,
    switcher: Vec<Arc<Alternate>>,
    breadcrumbs: Vec<Arc<Link>>,
}

impl PageLinks {
    /// The links of page `i`, from the shared `alternates` and `crumbs` (both by page index).
    fn of(
        site: &Localized,
        i: usize,
        alternates: &[Option<Arc<Alternate>>],
        crumbs: &HashMap<usize, Arc<Link>>,
    ) -> PageLinks {
        let page = &site.pages[i];
        let (key, lang) = (&page.key, &page.lang);
        let alternate = |l: &String| -> Option<Arc<Alternate>> {
            let j = site.position(key, l)?;
            Some(match &alternates[j] {
                Some(a) => Arc::clone(a),
                None => Arc::new(Alternate::of(&site.pages[j])),
            })
        };
        let crumb = |key: &str| -> Option<Arc<Link>> {
            let i = site.position(key, lang)?;
            crumbs.get(&i).cloned()
        };
        let translations = site
            .languages
            .iter()
            .filter_map(alternate)
            .filter(|a| site.get(key, &a.lang).is_some_and(|p| p.pending.is_none()))
            .collect();
        let switcher = site
            .languages
            .iter()
            .filter(|l| *l != lang)
            .filter_map(alternate)
            .collect();
        let mut breadcrumbs = Vec::new();
        if page.kind != PageKind::Home {
            breadcrumbs.extend(crumb(""));
            if let (PageKind::Page, Some(s)) = (page.kind, &page.section) {
                breadcrumbs.extend(crumb(s));
            }
        }
        PageLinks {
            translations,
            switcher,
            breadcrumbs,
        }
    }
}

/// A section's pages in listing order: record `order`, news newest first, cities by name,
/// the rest by id (so editors can number files).
pub(super) fn children_of(site: &Localized, i: usize, content: &Content) -> Vec<Link> {
    let page = &site.pages[i];
    if page.kind != PageKind::Section {
        return Vec::new();
    }
    let section = page.key.as_str();
    let lang = page.lang.as_str();
    let recs = &content.records;
    let known = Section::from_dir(section);
    let by_id = |ids: Vec<String>| -> Vec<Link> {
        ids.iter()
            .filter_map(|id| site.link(&format!("{section}/{id}"), lang))
            .collect()
    };
    let mut links: Vec<Link> = match known {
        Some(Section::Partnerships) => by_id(sorted_partnerships(recs)),
        Some(Section::News) => by_id(sorted_news(recs)),
        Some(Section::Themes) => pages_in_order(site, section, lang, |id| {
            recs.themes.get(id).and_then(|t| t.data.order)
        }),
        Some(
            Section::Cities
            | Section::Bodies
            | Section::Contacts
            | Section::Accessibility
            | Section::Booklet,
        )
        | None => pages_in_order(site, section, lang, |_| None),
    };
    if known == Some(Section::Cities) {
        site.collators
            .sort_by_key(lang, &mut links, |l| l.title.as_ref());
    }
    links
}

/// Links to the pages of `section` in `lang`, by `order` (those without one last), then id.
fn pages_in_order(
    site: &Localized,
    section: &str,
    lang: &str,
    order: impl Fn(&str) -> Option<u32>,
) -> Vec<Link> {
    let mut pages: Vec<(u32, &str, &LPage)> = site
        .pages
        .iter()
        .filter(|p| {
            p.lang == lang && p.kind == PageKind::Page && p.section.as_deref() == Some(section)
        })
        .filter_map(|p| {
            let id = p.id.as_deref()?;
            Some((order(id).unwrap_or(u32::MAX), id, p))
        })
        .collect();
    pages.sort_unstable_by_key(|&(order, id, _)| (order, id));
    pages.into_iter().map(|(_, _, p)| p.link()).collect()
}

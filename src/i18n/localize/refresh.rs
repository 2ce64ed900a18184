//! [`refresh`]: a few pages localized again against the rest of the last localization, so
//! that a watch rebuild writes the pages an editor looks at before the whole site is
//! localized again (which takes the time of every page).
//!
//! A page's own parts are redone as [`super::localize`] makes them: its title (from the saved
//! front matter, or its Fluent name), description, facts (from the records and bundles given)
//! and listing. What it shows of other pages comes from the last localization, with the
//! other refreshed pages in it. That is exact for the edits a rebuild asks this for (a title
//! or description, a record, a Fluent string, when no page moved) on the pages it redoes;
//! the localization that follows decides in every case, and any page it makes differently is
//! written again. [`own_parts`] is also the first step of that localization when only titles,
//! descriptions or Fluent names changed ([`super::relocalize_fronts`],
//! [`super::relocalize_bundles`]), so a page's own parts are made one way.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::facts::facts_for;
use super::nav::children_of;
use super::section::Section;
use super::urls::named_title;
use super::{LPage, Localized};
use crate::content::slug::slugify;
use crate::content::{Content, front_matter::FrontMatter};
use crate::diagnostic::Location;
use crate::i18n::Bundles;

/// Pages `pages` of `site` localized again with the front matter `fronts` (by source file:
/// the saved pages'), the records of `content` and `bundles`; `None` when one of them fails
/// or is a pending notice (a guess is never worth an error). `site` is left as it was.
pub fn refresh(
    site: &mut Localized,
    pages: &[usize],
    fronts: &HashMap<PathBuf, FrontMatter>,
    content: &Content,
    bundles: &Bundles,
) -> Option<Vec<LPage>> {
    let mut fresh = Vec::with_capacity(pages.len());
    for &i in pages {
        fresh.push(own_parts(site.pages.get(i)?, fronts, bundles)?);
    }
    // Facts and listings read the other refreshed pages' titles: put them all in first.
    let mut old: Vec<LPage> = Vec::with_capacity(pages.len());
    for (&i, page) in pages.iter().zip(fresh) {
        old.push(std::mem::replace(&mut site.pages[i], page));
    }
    let mut parts = Vec::with_capacity(pages.len());
    for &i in pages {
        match facts_for(site, i, content, bundles) {
            Ok(facts) => parts.push((Arc::new(facts), children_of(site, i, content))),
            Err(_) => break,
        }
    }
    let done = parts.len() == pages.len();
    let mut out = Vec::with_capacity(pages.len());
    // Every page put back, also those a failed page left without their parts.
    let mut parts = parts.into_iter();
    for (&i, was) in pages.iter().zip(old) {
        let mut page = std::mem::replace(&mut site.pages[i], was);
        if let Some((facts, children)) = parts.next() {
            page.facts = facts;
            page.children = children;
            out.push(page);
        }
    }
    done.then_some(out)
}

/// A city's page is made from its record and titled with its Fluent name, as
/// `pairing::city_drafts` makes it.
fn city_title(
    page: &LPage,
    bundles: &Bundles,
    source: &Path,
) -> Option<Result<String, crate::i18n::I18nError>> {
    if page.section.as_deref() != Some(Section::Cities.dir()) || page.content_index.is_some() {
        return None;
    }
    let id = page.id.as_deref()?;
    Some(bundles.city(&page.lang, id, None, &Location::file(source)))
}

/// `page` with its title and description as the saved front matter or the bundles now give
/// them, and its own entry among its translations to match.
pub(super) fn own_parts(
    page: &LPage,
    fronts: &HashMap<PathBuf, FrontMatter>,
    bundles: &Bundles,
) -> Option<LPage> {
    let mut page = page.clone();
    own_parts_in(&mut page, fronts, bundles)?;
    Some(page)
}

/// [`own_parts`] made in place, in a copy of the page; `None` leaves the copy half made.
pub(super) fn own_parts_in(
    page: &mut LPage,
    fronts: &HashMap<PathBuf, FrontMatter>,
    bundles: &Bundles,
) -> Option<()> {
    if page.pending.is_some() {
        return None;
    }
    let source = page.source.as_deref().unwrap_or(Path::new(""));
    let front = page.source.as_ref().and_then(|s| fronts.get(s));
    let city = city_title(page, bundles, source);
    let is_city = city.is_some();
    let named = named_title(
        page.kind,
        page.section.as_deref(),
        page.id.as_deref(),
        &page.lang,
        bundles,
        source,
    )
    .or(city);
    let title: Arc<str> = match (named, front) {
        (Some(named), _) => named.ok()?.into(),
        (None, Some(front)) if !front.title.trim().is_empty() => front.title.as_str().into(),
        (None, Some(_)) => return None,
        (None, None) => page.title.clone(),
    };
    // A slug made from a title (the front matter's, or a city's name) moves the page when
    // that changes: only the full localization knows what else moves then.
    let made_from = match front {
        Some(f) => f.slug.is_none().then_some(f.title.as_str()),
        None => is_city.then_some(&*title),
    };
    let segment = || {
        page.url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
    };
    if made_from.is_some_and(|title| slugify(title) != segment()) {
        return None;
    }
    if let Some(front) = front {
        page.description = front.description.clone();
    }
    for alternate in &mut page.translations {
        if alternate.lang == page.lang && alternate.title != title {
            let mut own = (**alternate).clone();
            own.title = title.clone();
            *alternate = Arc::new(own);
        }
    }
    page.title = title;
    Some(())
}

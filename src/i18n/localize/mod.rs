//! Content + bundles → [`Localized`]: every page in every language, with its URL, its
//! translations and its facts resolved from the records. Ids are looked up here, once: an
//! unknown city, theme, contact or partnership fails here with the place it was written.
//!
//! The steps, each in its file: pair the language versions of each page (`pairing`), give
//! each a URL and title (`urls`, `template`), link the pages to each other (`nav`), then
//! resolve each page's record (`facts`, one file per record kind, chosen by [`Section`]).
//! [`refresh`] redoes a few pages' own parts against a last localization, for the watch loop
//! to write the pages an editor looks at first.

mod aliases;
mod error;
mod facts;
mod json_ld;
mod names;
mod nav;
mod pages;
mod pairing;
mod refresh;
mod section;
mod tel;
mod template;
mod urls;

pub use aliases::Alias;
pub use error::LocalizeError;
pub use facts::{CityLink, ContactView, Facts, LeaderView, MemberView, NonAccessibleView};
pub(crate) use names::capitalized;
pub use names::{NAME_KINDS, name_key};
pub use pages::{Alternate, LPage, Link, Localized, Pending, PendingCause};
pub use refresh::refresh;
pub use section::Section;
pub use tel::tel_uri;

use super::bundles::Bundles;
use super::collate::Collators;
use crate::config::SiteConfig;
use crate::diagnostic::Location;

/// Localizes `content` into every configured language.
///
/// Fails, with every problem, on: a page missing in a language without `translation: pending`,
/// two pages at one URL, a bad slug, an unknown id in a record, a record without its page, a
/// Fluent message a record needs that is missing in a language.
pub fn localize(
    content: &crate::content::Content,
    bundles: &Bundles,
    config: &SiteConfig,
) -> Result<Localized, Vec<LocalizeError>> {
    let mut errors: Vec<LocalizeError> = Vec::new();
    let langs = &config.languages;
    let collators = Collators::new(langs);
    check_publisher(bundles, config, &mut errors);

    // 1. Every page once per language (a notice where it is pending), every city too.
    let drafts = pairing::drafts(content, bundles, config, &mut errors);
    // 2. URLs: section slugs from the sections' own pages, page slugs from front matter.
    let mut pages = urls::pages(drafts, bundles, config, &mut errors);
    // A page left out above (bad slug, URL clash) would make every record that names it
    // report a bogus "unknown id"; stop here with the real causes.
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        return Err(errors);
    }
    let lang_pos = |l: &str| langs.iter().position(|x| x == l).unwrap_or(usize::MAX);
    pages.sort_by(|a, b| (&a.key, lang_pos(&a.lang)).cmp(&(&b.key, lang_pos(&b.lang))));

    let mut site = Localized {
        languages: langs.clone(),
        nav_sections: Vec::new(),
        pages,
        index: hashbrown::HashTable::new(),
        collators,
        dates: super::dates::DateFormats::new(&config.date_locales().unwrap_or_default()),
        base_url: config.base_url.clone(),
        base_path: config.base_path().to_string(),
        publisher: config.publisher.clone(),
        aliases: Vec::new(),
    };
    site.index_pages();
    site.nav_sections = nav::nav_sections(config, &site);
    // 3. Translations, pending notices and breadcrumbs, then listings and facts.
    nav::link_pages(&mut site);
    facts::attach(&mut site, content, bundles, &mut errors);
    facts::check_orphan_records(content, &site, &mut errors);
    // 4. Earlier URLs, checked against every page's URL.
    site.aliases = aliases::collect(content, &site, &mut errors);

    if errors.is_empty() {
        Ok(site)
    } else {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        errors.dedup_by(|a, b| a.to_string() == b.to_string());
        Err(errors)
    }
}

/// The publisher's name must exist in every language: templates and prose show it.
fn check_publisher(bundles: &Bundles, config: &SiteConfig, errors: &mut Vec<LocalizeError>) {
    let Some(id) = &config.publisher else { return };
    let at = config
        .publisher_at
        .clone()
        .unwrap_or_else(|| Location::file(crate::config::CONFIG_PATH));
    for lang in &config.languages {
        if let Err(e) = bundles.name(lang, &format!("org-{id}"), None, &at) {
            errors.push(e.into());
        }
    }
}

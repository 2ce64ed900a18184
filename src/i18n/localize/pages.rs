//! The localized site: every page in every language, and the links between pages.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::facts::Facts;
use crate::content::PageKind;
use crate::diagnostic::Location;
use crate::i18n::collate::Collators;

/// A link to a page in the same language. Templates print its text with
/// `link_title(link=…)`, which shows a pending page's source title in its language and the
/// marker.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    /// The page's title; for a pending notice, its source page's title (never the notice's).
    pub title: Arc<str>,
    /// Root-relative URL, base path included, e.g. `/fi/kumppanuudet/`.
    pub url: Arc<str>,
    /// The language of `title` when it is not the page's (a pending page's source language).
    pub lang: Option<String>,
    /// For a pending page, what tells the visitor in the page language that the page is in
    /// another language: ”(på finska)”.
    pub marker: Option<String>,
}

/// One existing language version of a page, for hreflang and the language switcher.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alternate {
    /// Language code.
    pub lang: String,
    /// Root-relative URL, base path included.
    pub url: Arc<str>,
    /// Absolute URL (the page's own, shared).
    pub permalink: Arc<str>,
    /// Title in that language (the page's own, shared).
    pub title: Arc<str>,
}

/// Why a language version is only a notice.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum PendingCause {
    /// The source page says so: `translation: pending` or `pending: [lang]`.
    Page,
    /// The language is `in-progress` in `content/site.yaml` (`language_status`).
    Language,
}

/// A language version that exists only as a notice, because its page is pending translation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pending {
    /// The language the page exists in.
    pub source_lang: String,
    /// URL of the existing page.
    pub source_url: Arc<str>,
    /// Its title (in its own language).
    pub source_title: Arc<str>,
    /// Why this version is a notice.
    pub cause: PendingCause,
    /// What links to this notice show after the source title, in this page's language
    /// (Fluent `pending-marker`): ”(på finska)”.
    pub marker: String,
}

/// One page in one language, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct LPage {
    /// Language-independent identity (see [`crate::content::Page::key`]).
    pub key: String,
    /// Language.
    pub lang: String,
    /// Home, section or page.
    pub kind: PageKind,
    /// Section directory.
    pub section: Option<String>,
    /// Id within the section.
    pub id: Option<String>,
    /// Source file, if any.
    #[serde(skip)]
    pub source: Option<PathBuf>,
    /// Index into `Content::pages` of the Markdown this page renders (none for notices and
    /// record-only pages).
    #[serde(skip)]
    pub content_index: Option<usize>,
    /// Title in this language (shared with this version's [`Alternate`]).
    pub title: Arc<str>,
    /// Description.
    pub description: Option<String>,
    /// Root-relative URL ending in `/`, base path included (`/kumppanuudet/fi/…/` under a
    /// sub-path). Shared with this version's [`Alternate`].
    pub url: Arc<str>,
    /// Absolute URL (shared with this version's [`Alternate`]).
    pub permalink: Arc<str>,
    /// Template name.
    #[serde(skip)]
    pub template: String,
    /// Where front matter names the template, if it does (boxed, as `pending`: most pages
    /// have neither, and 100,000 pages held the empty space in memory).
    #[serde(skip)]
    pub template_at: Option<Box<Location>>,
    /// Set when this version is only a notice that the page is not translated yet.
    pub pending: Option<Box<Pending>>,
    /// Existing real versions (this one included), in configured language order; pending
    /// notices are left out, so hreflang never points at one. Shared with those versions.
    pub translations: Vec<Arc<Alternate>>,
    /// Every other language version, notices included: where the language switcher leads.
    pub switcher: Vec<Arc<Alternate>>,
    /// Facts from the records (one shared `Facts::None` for pages without a record).
    pub facts: Arc<Facts>,
    /// Pages of this section (for section pages), in listing order. Templates read them as
    /// `cards.children` (with each page's description and record), so they are not put in
    /// the context a second time: a section of 50,000 pages would be 35 MB of template
    /// values there.
    #[serde(skip)]
    pub children: Vec<Link>,
    /// Home → section → this page (the links shared by every page below them).
    pub breadcrumbs: Vec<Arc<Link>>,
}

/// Every page of the site in every language.
#[derive(Debug)]
pub struct Localized {
    /// Languages in configured order.
    pub languages: Vec<String>,
    /// All pages, sorted by key, then by language order.
    pub pages: Vec<LPage>,
    /// The pages by key and language ([`Localized::position`]): only page indexes, hashed
    /// from the pages' own fields (a map of copied keys and languages was 15 MB at 100,000
    /// pages).
    pub(super) index: hashbrown::HashTable<usize>,
    /// Collation per language.
    pub collators: Collators,
    /// Date forms per language (CLDR).
    pub dates: crate::i18n::dates::DateFormats,
    /// Site base URL, without a trailing slash.
    pub base_url: String,
    /// The base URL's path (`/kumppanuudet`, or empty at a host's root): every page URL starts
    /// with it, and [`crate::render::output_path`] takes it off again.
    pub base_path: String,
    /// Sections in navigation order that exist.
    pub nav_sections: Vec<String>,
    /// Organisation id of the publisher (`publisher:` in `content/site.yaml`); its name in
    /// every language is the Fluent message `org-<id>`, checked here.
    pub publisher: Option<String>,
    /// Earlier URLs of pages (`aliases:`), each written as a redirect page to its page.
    pub aliases: Vec<super::aliases::Alias>,
}

impl LPage {
    /// A link to this page as other pages of its language show it: its title, or for a
    /// pending notice its source page's title in the source language with the marker.
    pub fn link(&self) -> Link {
        match &self.pending {
            None => Link {
                title: std::sync::Arc::clone(&self.title),
                url: self.url.clone(),
                lang: None,
                marker: None,
            },
            Some(p) => Link {
                title: Arc::clone(&p.source_title),
                url: self.url.clone(),
                lang: Some(p.source_lang.clone()),
                marker: Some(p.marker.clone()),
            },
        }
    }
}

impl Alternate {
    /// `page` as an alternate of its other language versions.
    pub fn of(page: &LPage) -> Alternate {
        Alternate {
            lang: page.lang.clone(),
            url: page.url.clone(),
            permalink: Arc::clone(&page.permalink),
            title: page.title.clone(),
        }
    }
}

/// The hash of a page's key and language in [`Localized::index`].
fn key_hash(key: &str, lang: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one((key, lang))
}

impl Localized {
    /// The index in `pages` of the page with `key` in `lang`.
    pub fn position(&self, key: &str, lang: &str) -> Option<usize> {
        self.index
            .find(key_hash(key, lang), |&i| {
                self.pages[i].key == key && self.pages[i].lang == lang
            })
            .copied()
    }

    /// Makes [`Localized::index`] of `pages`.
    pub(super) fn index_pages(&mut self) {
        let pages = &self.pages;
        let hash_of = |&i: &usize| key_hash(&pages[i].key, &pages[i].lang);
        let mut index = hashbrown::HashTable::with_capacity(pages.len());
        for i in 0..pages.len() {
            index.insert_unique(hash_of(&i), i, hash_of);
        }
        self.index = index;
    }

    /// The page with `key` in `lang`.
    pub fn get(&self, key: &str, lang: &str) -> Option<&LPage> {
        self.position(key, lang).map(|i| &self.pages[i])
    }

    /// A link to the page with `key` in `lang`.
    pub fn link(&self, key: &str, lang: &str) -> Option<Link> {
        self.get(key, lang).map(LPage::link)
    }
}

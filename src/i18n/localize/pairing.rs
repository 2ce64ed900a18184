//! Pairing the language versions of a page: one draft per page and language, a pending
//! notice where a translation is on its way, an error where one is simply missing.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::error::{LocalizeError, invalid};
use super::pages::PendingCause;
use super::section::Section;
use crate::config::SiteConfig;
use crate::content::{
    Content, FrontMatter, Page, PageKind, TranslationState, locate, locate_in_front,
};
use crate::diagnostic::Location;
use crate::i18n::Bundles;

/// A notice's source language and the cause of its being a notice.
pub(super) struct PendingDraft {
    /// The language of the source page.
    pub lang: String,
    /// The source page's marker, or the language's status.
    pub cause: PendingCause,
}

/// One page in one language before URLs are known.
pub(super) struct Draft<'a> {
    /// Language-independent identity.
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
    pub source: Option<PathBuf>,
    /// Index into `Content::pages` of the Markdown this version renders.
    pub content_index: Option<usize>,
    /// Front matter: the page's own, the source's for a notice, made up for a city.
    pub front: Cow<'a, FrontMatter>,
    /// The front matter as written, to point at a field ("" for record-only pages).
    pub front_yaml: &'a str,
    /// For a pending notice: the language the page exists in, and why it is pending.
    pub pending: Option<PendingDraft>,
}

impl Draft<'_> {
    /// Where `field: value` is in this page's front matter (the file's start if not there).
    pub fn at(&self, field: &str, value: &str) -> Location {
        let file = self.source.clone().unwrap_or_default();
        crate::content::locate_in_front(&file, self.front_yaml, field, value)
    }
}

/// Every written page once per language of `config` (a notice where it is pending), then
/// every city once per language. A version neither written nor pending is an error, and so
/// is a pending marker on a translation or one left after its translation exists.
pub(super) fn drafts<'a>(
    content: &'a Content,
    bundles: &Bundles,
    config: &SiteConfig,
    errors: &mut Vec<LocalizeError>,
) -> Vec<Draft<'a>> {
    let langs = &config.languages;
    let mut by_key: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (i, p) in content.pages.iter().enumerate() {
        by_key.entry(&p.key).or_default().insert(&p.lang, i);
    }
    let mut drafts: Vec<Draft> =
        Vec::with_capacity(by_key.len() * langs.len() + content.records.cities.len() * langs.len());
    let mut missing = Missing::default();
    for (key, versions) in &by_key {
        let source = source_of(content, versions, config);
        check_markers(content, versions, source, config, errors);
        for lang in langs {
            match version(content, key, versions, source, lang, config) {
                Some(d) => drafts.push(d),
                None => missing.add(source, lang),
            }
        }
    }
    drop(by_key);
    missing.report(errors);
    city_drafts(content, bundles, langs, &mut drafts, errors);
    drafts
}

/// The version the others are translated from: the reference language's, else the first
/// written one in configured language order.
fn source_of<'a>(
    content: &'a Content,
    versions: &BTreeMap<&str, usize>,
    config: &SiteConfig,
) -> &'a Page {
    let reference = config.reference_language();
    let first = std::iter::once(reference)
        .chain(config.languages.iter().map(String::as_str))
        .find_map(|l| versions.get(l))
        .or_else(|| versions.values().next())
        .copied()
        .unwrap_or_default();
    &content.pages[first]
}

/// Whether the source page marks `lang` pending: `translation: pending` (every language) or
/// `pending: [lang]`.
fn marked(source: &Page, lang: &str) -> bool {
    source.front.translation == Some(TranslationState::Pending)
        || source.front.pending.iter().any(|l| l == lang)
}

/// The pending markers of one page's versions: only on the source, only for configured
/// languages other than its own, and only while a version is still missing.
fn check_markers(
    content: &Content,
    versions: &BTreeMap<&str, usize>,
    source: &Page,
    config: &SiteConfig,
    errors: &mut Vec<LocalizeError>,
) {
    let source_file = source.source.clone().unwrap_or_default();
    for &i in versions.values() {
        let p = &content.pages[i];
        if std::ptr::eq(&**p, source) {
            continue;
        }
        let file = p.source.clone().unwrap_or_default();
        let mut misplaced = |field: &str, value: &str, written: &str| {
            let at = locate_in_front(&file, &p.front_yaml, field, value);
            errors.push(invalid(
                Location::new(&file, at.line, 1),
                format!(
                    "`{written}` belongs on the source page {}, as `pending: [{lang}]`, not on its `{lang}` translation: until the translation is ready, delete this file and mark the source page; once it is ready, remove this line",
                    source_file.display(),
                    lang = p.lang
                ),
            ));
        };
        if p.front.translation == Some(TranslationState::Pending) {
            misplaced("translation", "pending", "translation: pending");
        }
        if let Some(first) = p.front.pending.first() {
            misplaced("pending", first, "pending:");
        }
    }
    if source.front.translation == Some(TranslationState::Pending)
        && config
            .languages
            .iter()
            .all(|l| versions.contains_key(l.as_str()))
    {
        let at = locate_in_front(&source_file, &source.front_yaml, "translation", "pending");
        errors.push(invalid(
            Location::new(&source_file, at.line, 1),
            format!(
                "`translation: pending`, but this page exists in every language ({}): remove the line",
                config.languages.join(", ")
            ),
        ));
    }
    for lang in &source.front.pending {
        let at = locate_in_front(&source_file, &source.front_yaml, "pending", lang);
        let message = if !config.languages.contains(lang) {
            format!(
                "`pending` names `{lang}`, which is not one of the languages ({})",
                config.languages.join(", ")
            )
        } else if *lang == source.lang {
            format!("`pending` names `{lang}`, the language of this page itself")
        } else if let Some(&t) = versions.get(lang.as_str()) {
            let twin = content.pages[t].source.clone().unwrap_or_default();
            format!(
                "`{lang}` is pending, but {} exists: remove `{lang}` from `pending`",
                twin.display()
            )
        } else {
            continue;
        };
        errors.push(invalid(at, message));
    }
}

/// The `lang` version of the page `key`, written in `versions` (language → page index): the
/// written page, or a notice pointing at `source` where `lang` is pending; `None` when it is
/// neither.
fn version<'a>(
    content: &'a Content,
    key: &str,
    versions: &BTreeMap<&str, usize>,
    source: &'a Page,
    lang: &str,
    config: &SiteConfig,
) -> Option<Draft<'a>> {
    if let Some(&i) = versions.get(lang) {
        let p = &content.pages[i];
        return Some(Draft {
            key: key.to_string(),
            lang: lang.to_string(),
            kind: p.kind,
            section: p.section.clone(),
            id: p.id.clone(),
            source: p.source.clone(),
            content_index: Some(i),
            front: Cow::Borrowed(&p.front),
            front_yaml: &p.front_yaml,
            pending: None,
        });
    }
    let cause = if marked(source, lang) {
        PendingCause::Page
    } else if config.in_progress(lang) {
        PendingCause::Language
    } else {
        return None;
    };
    Some(Draft {
        key: key.to_string(),
        lang: lang.to_string(),
        kind: source.kind,
        section: source.section.clone(),
        id: source.id.clone(),
        source: source.source.clone(),
        content_index: None,
        front: Cow::Borrowed(&source.front),
        front_yaml: &source.front_yaml,
        pending: Some(PendingDraft {
            lang: source.lang.clone(),
            cause,
        }),
    })
}

/// Versions neither written nor pending, gathered so that one cause gives one error: a
/// language none of a section's pages is written in is one problem, not one per page.
#[derive(Default)]
struct Missing {
    /// `(section, language)` → the source files that lack that language, in key order.
    by_section: BTreeMap<(String, String), Vec<PathBuf>>,
}

impl Missing {
    fn add(&mut self, source: &Page, lang: &str) {
        let section = source.section.clone().unwrap_or_default();
        self.by_section
            .entry((section, lang.to_string()))
            .or_default()
            .push(source.source.clone().unwrap_or_default());
    }

    fn report(self, errors: &mut Vec<LocalizeError>) {
        for ((section, lang), files) in self.by_section {
            let first = &files[0];
            let from = first
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let from_lang = from
                .strip_suffix(".md")
                .and_then(|s| s.rsplit('.').next())
                .unwrap_or_default()
                .to_string();
            let twin = twin_path(first, &from_lang, &lang);
            let message = if files.len() == 1 {
                format!(
                    "this page has no `{lang}` version: write {} or mark this page `pending: [{lang}]`",
                    twin.display()
                )
            } else {
                let dir = if section.is_empty() {
                    "content".to_string()
                } else {
                    format!("content/{section}")
                };
                format!(
                    "{} pages in {dir}/ have no `{lang}` version (this one and {} more): write their `.{lang}.md` files, mark each `pending: [{lang}]`, or set `language_status: {{ {lang}: in-progress }}` in content/site.yaml",
                    files.len(),
                    files.len() - 1
                )
            };
            errors.push(invalid(Location::file(first), message));
        }
    }
}

/// A page per city and language, titled with the city's Fluent name; its region must have a
/// name too.
fn city_drafts<'a>(
    content: &'a Content,
    bundles: &Bundles,
    langs: &[String],
    drafts: &mut Vec<Draft<'a>>,
    errors: &mut Vec<LocalizeError>,
) {
    for (id, rec) in &content.records.cities {
        for lang in langs {
            let at = locate(&rec.source, &rec.text, "region", &rec.data.region);
            let title = match bundles.city(lang, id, None, &Location::file(&rec.source)) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(e.into());
                    continue;
                }
            };
            if let Err(e) = bundles.format(lang, &format!("region-{}", rec.data.region), None, &at)
            {
                errors.push(e.into());
            }
            drafts.push(Draft {
                key: Section::Cities.key(id),
                lang: lang.clone(),
                kind: PageKind::Page,
                section: Some(Section::Cities.dir().into()),
                id: Some(id.clone()),
                source: Some(rec.source.clone()),
                content_index: None,
                front: Cow::Owned(FrontMatter {
                    title,
                    slug: None,
                    description: None,
                    template: None,
                    translation: None,
                    pending: Vec::new(),
                    translated_from: None,
                    draft: false,
                    aliases: Vec::new(),
                }),
                front_yaml: "",
                pending: None,
            });
        }
    }
}

/// `content/x.fi.md` → `content/x.sv.md`: the file a missing version would be.
fn twin_path(src: &Path, from: &str, to: &str) -> PathBuf {
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let twin = name
        .strip_suffix(&format!(".{from}.md"))
        .map_or(name.clone(), |s| format!("{s}.{to}.md"));
    src.with_file_name(twin)
}

//! Pairing the language versions of a page: one draft per page and language, a pending
//! notice where a translation is on its way, an error where one is simply missing.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::error::{LocalizeError, invalid};
use super::section::Section;
use crate::content::{Content, FrontMatter, PageKind, TranslationState, locate};
use crate::diagnostic::Location;
use crate::i18n::Bundles;

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
    /// For a pending notice: the language the page exists in and its file.
    pub pending: Option<(String, PathBuf)>,
}

impl Draft<'_> {
    /// Where `field: value` is in this page's front matter (the file's start if not there).
    pub fn at(&self, field: &str, value: &str) -> Location {
        let file = self.source.clone().unwrap_or_default();
        crate::content::locate_in_front(&file, self.front_yaml, field, value)
    }
}

/// Every written page once per language in `langs` (a notice where it is pending), then
/// every city once per language. A version neither written nor pending is an error.
pub(super) fn drafts<'a>(
    content: &'a Content,
    bundles: &Bundles,
    langs: &[String],
    errors: &mut Vec<LocalizeError>,
) -> Vec<Draft<'a>> {
    let mut by_key: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (i, p) in content.pages.iter().enumerate() {
        by_key.entry(&p.key).or_default().insert(&p.lang, i);
    }
    let mut drafts: Vec<Draft> =
        Vec::with_capacity(by_key.len() * langs.len() + content.records.cities.len() * langs.len());
    for (key, versions) in &by_key {
        for lang in langs {
            match version(content, key, versions, lang) {
                Ok(d) => drafts.push(d),
                Err(e) => errors.push(e),
            }
        }
    }
    drop(by_key);
    city_drafts(content, bundles, langs, &mut drafts, errors);
    drafts
}

/// The `lang` version of the page `key`, written in `versions` (language → page index).
fn version<'a>(
    content: &'a Content,
    key: &str,
    versions: &BTreeMap<&str, usize>,
    lang: &str,
) -> Result<Draft<'a>, LocalizeError> {
    let pages = &content.pages;
    if let Some(&i) = versions.get(lang) {
        let p = &pages[i];
        return Ok(Draft {
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
    let pending_source = versions
        .values()
        .map(|&i| &pages[i])
        .find(|p| p.front.translation == Some(TranslationState::Pending));
    if let Some(src) = pending_source {
        return Ok(Draft {
            key: key.to_string(),
            lang: lang.to_string(),
            kind: src.kind,
            section: src.section.clone(),
            id: src.id.clone(),
            source: src.source.clone(),
            content_index: None,
            front: Cow::Borrowed(&src.front),
            front_yaml: &src.front_yaml,
            pending: Some((src.lang.clone(), src.source.clone().unwrap_or_default())),
        });
    }
    let (_, &first) = versions.iter().next().expect("a key has at least one page");
    let base = &pages[first];
    let src = base.source.clone().unwrap_or_default();
    let twin = twin_path(&src, &base.lang, lang);
    Err(invalid(
        Location::file(&src),
        format!(
            "this page has no `{lang}` version: write {} or mark this page `translation: pending`",
            twin.display()
        ),
    ))
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

/// `(key, lang)` of each pending notice → the language its page exists in.
pub(super) fn pending_of(drafts: &[Draft]) -> HashMap<(String, String), String> {
    drafts
        .iter()
        .filter_map(|d| {
            d.pending
                .as_ref()
                .map(|(src, _)| ((d.key.clone(), d.lang.clone()), src.clone()))
        })
        .collect()
}

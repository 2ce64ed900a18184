//! What a translation was made from, read the same way by `build` (its warning summary),
//! `check`, `i18n status` and the preview: the reference text and hash of a page
//! (`translated_from:` in the translation's front matter) and of each Fluent message
//! (`i18n/.translated/<lang>.yaml`), and the words that say a translation is stale. Writing
//! marks (`i18n mark-translated`) is `check`'s; this module only reads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::content::Page;
use crate::content::front_matter::FrontMatter;
use crate::diagnostic::Location;
use crate::i18n::Bundles;
use crate::yaml::YamlError;

/// The directory of the marks and kept texts, relative to the site root.
pub const DIR: &str = "i18n/.translated";

/// The first 16 hex digits (64 bits) of the SHA-256 of `text`: plenty to tell versions of
/// one page or message apart.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// `text` with trailing spaces and blank lines at the start and end left out: what does not
/// count as a change.
pub fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |i| i + 1);
    lines[first..last].join("\n")
}

/// The reference text of a page: every field its translation translates (title, description,
/// slug) and its body, normalized so that trailing spaces, line ends and blank lines at the
/// start or end do not count as a change. This is what `i18n diff` shows.
pub fn page_text(front: &FrontMatter, body: &str) -> String {
    // A page named in Fluent (themes, partnerships, bodies) has no title here: its name is
    // tracked as a message.
    let title = Some(front.title.clone()).filter(|t| !t.trim().is_empty());
    let mut out = String::new();
    for (name, value) in [
        ("title", &title),
        ("description", &front.description),
        ("slug", &front.slug),
    ] {
        if let Some(v) = value {
            out.push_str(&format!("{name}: {}\n", v.trim()));
        }
    }
    out.push('\n');
    out.push_str(&normalize(body));
    out
}

/// Hash of a page's reference text ([`page_text`]): what `translated_from:` records.
pub fn page_hash(front: &FrontMatter, body: &str) -> String {
    hash(&page_text(front, body))
}

/// Where the first of `fields` is in `page`'s front matter (column 1), and the length of its
/// line (what `check` underlines); else the file, and 3.
pub fn front_field(page: &Page, fields: &[&str]) -> (Location, usize) {
    let file = page.source.clone().unwrap_or_default();
    fields
        .iter()
        .find_map(|f| {
            let prefix = format!("{f}:");
            page.front_yaml
                .lines()
                .enumerate()
                .find(|(_, l)| l.starts_with(&prefix))
        })
        // The front matter starts after the opening `---` on line 1.
        .map_or_else(
            || (Location::file(&file), 3),
            |(i, l)| (Location::new(&file, i + 2, 1), l.trim_end().chars().count()),
        )
}

/// A translation whose reference page changed since it was marked.
pub struct StalePage<'a> {
    /// The translation.
    pub page: &'a Page,
    /// Its reference-language twin.
    pub reference: &'a Page,
    /// The hash it was marked against (`translated_from:`).
    pub was: &'a str,
    /// The hash of the reference page now.
    pub now: String,
}

impl StalePage<'_> {
    /// Where `translated_from:` is in the translation's front matter.
    pub fn at(&self) -> Location {
        front_field(self.page, &["translated_from"]).0
    }

    /// What is wrong and what to do, as `build` and `check` say it.
    pub fn message(&self) -> String {
        let file = self.page.source.clone().unwrap_or_default();
        let reference = self.reference.source.clone().unwrap_or_default();
        format!(
            "translated from {}, but {} has changed since (now {}): `kumppani i18n diff {file}` shows what changed; update the translation, then run `kumppani i18n mark-translated {file}`",
            self.was,
            reference.display(),
            self.now,
            file = file.display()
        )
    }
}

/// The translations among `pages` whose reference page (in `reference`) changed since they
/// were marked: `translated_from:` differs from the reference page's hash now.
pub fn stale_pages<'a>(reference: &str, pages: &'a [Arc<Page>]) -> Vec<StalePage<'a>> {
    let by_key: std::collections::HashMap<(&str, &str), &Page> = pages
        .iter()
        .map(|p| ((p.key.as_str(), p.lang.as_str()), &**p))
        .collect();
    pages
        .iter()
        .filter(|p| p.lang != reference)
        .filter_map(|p| {
            let was = p.front.translated_from.as_deref()?;
            let r = by_key.get(&(p.key.as_str(), reference))?;
            // A body that cannot be read again is an error when its page is rendered.
            let now = page_hash(&r.front, &r.body_text().ok()?);
            (now != was).then_some(StalePage {
                page: p,
                reference: r,
                was,
                now,
            })
        })
        .collect()
}

/// The words of a page not translated into `lang` yet, for `build`'s summary and `check`.
pub fn pending_message(lang: &str, url: &str, source_lang: &str, source_url: &str) -> String {
    format!(
        "`{lang}` translation pending: {url} shows a notice linking to the `{source_lang}` page {source_url}"
    )
}

/// The record of `lang`'s messages, relative to the root.
pub fn marks_path(lang: &str) -> PathBuf {
    Path::new(DIR).join(format!("{lang}.yaml"))
}

/// Which reference text each of `lang`'s messages was translated from: message id → hash.
/// `None` when the language has no record yet (no message was ever marked).
///
/// Fails when the record is not a mapping of ids to strings.
pub fn message_marks(
    root: &Path,
    lang: &str,
) -> Result<Option<BTreeMap<String, String>>, YamlError> {
    let rel = marks_path(lang);
    let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
        return Ok(None);
    };
    if text.trim().is_empty() {
        return Ok(Some(BTreeMap::new()));
    }
    crate::yaml::parse(&rel, &text, 1).map(Some)
}

/// Where one translated message stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Marked against the reference text as it is now.
    Current,
    /// Marked against an earlier reference text (`was`); the reference is `now`.
    Stale {
        /// The hash it was marked against.
        was: String,
        /// The hash of the reference message now.
        now: String,
    },
    /// Never marked. `recorded`: the language has a record, so tracking has started for it.
    Untracked {
        /// Whether `i18n/.translated/<lang>.yaml` exists.
        recorded: bool,
    },
}

/// One message of a translation that the reference language also has.
#[derive(Debug, Clone)]
pub struct Translated {
    /// The translation's language.
    pub lang: String,
    /// The message id.
    pub key: String,
    /// Where the translation defines it.
    pub at: Location,
    /// Where the reference language defines it.
    pub reference_at: Location,
    /// Marked, stale or never marked.
    pub state: State,
}

impl Translated {
    /// The words of a stale message, for `build`, `check` and the preview's notes.
    pub fn stale_message(&self, reference: &str) -> String {
        format!(
            "message `{key}` in `{lang}` was translated from an earlier `{reference}` text ({at} has changed since): `kumppani i18n diff --message {key} --lang {lang}` shows what changed; update the translation, then run `kumppani i18n mark-translated --message {key} --lang {lang}`",
            key = self.key,
            lang = self.lang,
            at = self.reference_at
        )
    }
}

/// Every message of `bundles` that a non-reference language translates, with its state, in
/// language and id order.
///
/// Fails with every language record that cannot be read.
pub fn message_states(
    root: &Path,
    reference: &str,
    bundles: &Bundles,
) -> Result<Vec<Translated>, Vec<YamlError>> {
    let Some(ref_messages) = bundles.by_lang.get(reference).map(|b| &b.messages) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (lang, bundle) in bundles.by_lang.iter().filter(|(l, _)| *l != reference) {
        let messages = &bundle.messages;
        let marks = match message_marks(root, lang) {
            Ok(m) => m,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for (key, r) in ref_messages {
            let Some(m) = messages.get(key) else { continue };
            let now = hash(&r.text);
            let state = match marks.as_ref().map(|marks| marks.get(key)) {
                Some(Some(was)) if *was == now => State::Current,
                Some(Some(was)) => State::Stale {
                    was: was.clone(),
                    now,
                },
                Some(None) => State::Untracked { recorded: true },
                None => State::Untracked { recorded: false },
            };
            out.push(Translated {
                lang: lang.clone(),
                key: key.clone(),
                at: m.at.clone(),
                reference_at: r.at.clone(),
                state,
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_ignores_trailing_space_and_outer_blank_lines_but_not_words() {
        let a = normalize("\nTeksti.  \nToinen rivi.\n\n");
        assert_eq!(a, "Teksti.\nToinen rivi.");
        assert_ne!(hash(&a), hash("Teksti.\nToinen rivi!"));
        assert_eq!(hash(&a).len(), 16);
    }
}

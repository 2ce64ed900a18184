//! `kumppani i18n diff`: what changed in the reference text since a translation was made, as
//! a unified diff of the text kept when it was marked (see [`super::tracking`]) against the
//! text now.

use std::path::Path;

use super::messages::{self, State};
use super::tracking;
use super::translated::{read_page, reference_text};
use crate::config::SiteConfig;
use crate::content::ContentError;
use crate::diagnostic::Location;
use crate::{Error, Errors};

fn invalid(at: Location, message: String) -> Errors {
    Errors(vec![ContentError::Invalid { at, message }.into()])
}

/// A unified diff of `old` against `new` (three lines of context), headed `--- old_name` and
/// `+++ new_name`; empty when they are equal.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    let (old, new) = (format!("{old}\n"), format!("{new}\n"));
    similar::TextDiff::from_lines(&old, &new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

/// The kept reference text of `hash`, or an error at `at` that says why there is none.
fn kept(root: &Path, hash: &str, at: Location) -> Result<String, Errors> {
    tracking::kept(root, hash).ok_or_else(|| {
        invalid(
            at,
            format!(
                "the reference text {hash} was not kept in {}/texts/ (it was marked before texts were kept, or the file was removed): there is nothing to compare with",
                tracking::DIR
            ),
        )
    })
}

/// The diff for translated page `page` (root-relative `x.<lang>.md`): the reference page's
/// text when the translation was marked against its text now, or a line saying it is up to
/// date.
///
/// Fails as `mark-translated` does for a page it cannot mark, when the page has no
/// `translated_from:`, or when the old text was not kept.
pub fn page(root: &Path, page: &Path) -> Result<String, Errors> {
    let (now, twin) = reference_text(root, page)?;
    let (front, _) = read_page(root, page)?;
    let Some(was) = front.translated_from else {
        return Err(invalid(
            Location::file(page),
            format!(
                "no `translated_from:`: it is unknown which text of {} this translates; run `kumppani i18n mark-translated {}` once it is up to date",
                twin.display(),
                page.display()
            ),
        ));
    };
    if was == tracking::hash(&now) {
        return Ok(format!(
            "{} is up to date with {}\n",
            page.display(),
            twin.display()
        ));
    }
    let old = kept(root, &was, Location::file(page))?;
    let name = twin.display();
    Ok(unified(
        &old,
        &now,
        &format!("{name} (translated_from {was})"),
        &format!("{name} (now)"),
    ))
}

/// The diff for message `key` in `lang` (every non-reference language when `None`).
///
/// Fails when the Fluent files do not load, the key is not a message translated in the
/// language(s), the message was never marked, or the old text was not kept.
pub fn message(root: &Path, key: &str, lang: Option<&str>) -> Result<String, Errors> {
    let config = SiteConfig::load(root).map_err(|e| Errors(vec![e.into()]))?;
    let bundles = crate::i18n::bundles::load_bundles(root, &config)
        .map_err(|e| Errors(e.into_iter().map(Error::from).collect()))?;
    let reference = config.reference_language();
    let found: Vec<_> = messages::states(root, &config, &bundles)?
        .into_iter()
        .filter(|t| t.key == key && lang.is_none_or(|l| t.lang == l))
        .collect();
    if found.is_empty() {
        return Err(invalid(
            Location::file(format!("i18n/{}", lang.unwrap_or(reference))),
            format!(
                "no translation of a message `{key}` of the reference language `{reference}`{}",
                lang.map(|l| format!(" in `{l}`")).unwrap_or_default()
            ),
        ));
    }
    let now = &bundles.by_lang[reference].messages[key].text;
    let mut out = String::new();
    for t in found {
        let name = format!("{} `{key}`", t.reference_at.file.display());
        match &t.state {
            State::Current => out.push_str(&format!(
                "{}: `{key}` is up to date with {}\n",
                t.lang, t.reference_at
            )),
            State::Untracked { .. } => {
                return Err(invalid(
                    t.at.clone(),
                    format!(
                        "message `{key}` in `{lang}` was never marked: it is unknown which text it translates; run `kumppani i18n mark-translated --message {key} --lang {lang}` once it is up to date",
                        lang = t.lang
                    ),
                ));
            }
            State::Stale { was, .. } => {
                let old = kept(root, was, t.at.clone())?;
                out.push_str(&unified(
                    &old,
                    now,
                    &format!("{name} (translated_from {was}, {})", t.lang),
                    &format!("{name} (now)"),
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_diffs_show_the_changed_line_with_context() {
        let d = unified("a\nb\nc", "a\nB\nc", "old", "new");
        assert_eq!(d, "--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assert_eq!(unified("a", "a", "old", "new"), "");
    }
}

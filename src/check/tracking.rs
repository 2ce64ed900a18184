//! What each translation was made from, kept beside the Fluent files in `i18n/.translated/`:
//!
//! - `texts/<hash>.txt`: every reference text a translation was marked against (a page's
//!   title, description, slug and body; a Fluent message), named by its hash. `i18n diff`
//!   reads the old text back from here, so neither `build` nor `diff` needs git.
//! - `<lang>.yaml`: for each Fluent message of `<lang>`, the hash of the reference message it
//!   was translated from (`key: "hash"`). Fluent tools never see it, and it needs no change
//!   to the `.ftl` files translators edit.
//!
//! Pages keep their hash in their own front matter (`translated_from:`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::Errors;
use crate::content::ContentError;
use crate::diagnostic::Location;
pub use crate::translation::{DIR, hash, marks_path, normalize};

fn invalid(at: Location, message: String) -> Errors {
    Errors(vec![ContentError::Invalid { at, message }.into()])
}

fn text_path(hash: &str) -> PathBuf {
    Path::new(DIR).join("texts").join(format!("{hash}.txt"))
}

fn write(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Errors> {
    let abs = root.join(rel);
    if let Some(dir) = abs.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| invalid(Location::file(rel), format!("cannot create: {e}")))?;
    }
    crate::site::write_atomic(&abs, bytes).map_err(|e| {
        let message = match &e {
            crate::site::WriteError::Io { message, .. } => message.clone(),
            other => other.to_string(),
        };
        invalid(Location::file(rel), format!("cannot write: {message}"))
    })
}

/// Keeps `text` (already normalized) in the store under its hash, unless it is there.
///
/// Fails when the store cannot be written.
pub fn keep(root: &Path, text: &str) -> Result<String, Errors> {
    let h = hash(text);
    let rel = text_path(&h);
    if !root.join(&rel).is_file() {
        write(root, &rel, format!("{text}\n").as_bytes())?;
    }
    Ok(h)
}

/// The text kept under `hash`, if it is in the store.
pub fn kept(root: &Path, hash: &str) -> Option<String> {
    // A hash comes from a file a person can edit: never let it name a path.
    if !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let text = std::fs::read_to_string(root.join(text_path(hash))).ok()?;
    Some(text.strip_suffix('\n').unwrap_or(&text).to_string())
}

/// [`crate::translation::message_marks`], failing as the other commands fail.
pub fn message_marks(root: &Path, lang: &str) -> Result<Option<BTreeMap<String, String>>, Errors> {
    crate::translation::message_marks(root, lang)
        .map_err(|e| Errors(vec![ContentError::Yaml(e).into()]))
}

/// Writes the record of `lang`'s messages, sorted by id.
///
/// Fails when it cannot be written.
pub fn write_message_marks(
    root: &Path,
    lang: &str,
    marks: &BTreeMap<String, String>,
) -> Result<(), Errors> {
    let mut out = format!(
        "# The reference text each `{lang}` message was translated from (hashes; the texts are in\n# texts/). Written by `kumppani i18n mark-translated --message KEY`; do not edit.\n"
    );
    for (key, h) in marks {
        let _ = writeln!(out, "{key}: \"{h}\"");
    }
    write(root, &marks_path(lang), out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_texts_come_back_and_odd_hashes_name_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let h = keep(dir.path(), "title: Tietoa\n\nTeksti.").unwrap();
        assert_eq!(kept(dir.path(), &h).unwrap(), "title: Tietoa\n\nTeksti.");
        assert_eq!(kept(dir.path(), "../../etc/passwd"), None);
        let mut marks = BTreeMap::new();
        marks.insert("site-title".to_string(), "0123456789012345".to_string());
        write_message_marks(dir.path(), "sv", &marks).unwrap();
        assert_eq!(message_marks(dir.path(), "sv").unwrap(), Some(marks));
        assert_eq!(message_marks(dir.path(), "en").unwrap(), None);
    }
}

//! What a translation was made from: the `translated_from:` hash of the reference page, and
//! `kumppani i18n mark-translated PAGE`, which records it.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Errors;
use crate::config::SiteConfig;
use crate::content::{ContentError, front_matter};
use crate::diagnostic::{Location, relative};

/// Hash of a page's source text: SHA-256 over its title and body, normalized so that trailing
/// spaces, line ends and blank lines at the start or end do not count as a change. The first
/// 16 hex digits (64 bits) are plenty to tell versions of one page apart.
pub fn source_hash(title: &str, body: &str) -> String {
    let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |i| i + 1);
    let normalized = format!("{}\n\n{}", title.trim(), lines[first..last].join("\n"));
    let digest = Sha256::digest(normalized.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn invalid(at: Location, message: String) -> Errors {
    Errors(vec![ContentError::Invalid { at, message }.into()])
}

/// Splits `dir/stem.lang.md` into (stem, lang).
fn stem_and_lang(path: &Path) -> Option<(String, String)> {
    let name = path.file_name()?.to_str()?.strip_suffix(".md")?;
    let (stem, lang) = name.rsplit_once('.')?;
    Some((stem.to_string(), lang.to_string()))
}

/// Reads, decodes and splits a Markdown page; returns (title, body).
fn read_page(root: &Path, rel: &Path) -> Result<(String, String), Errors> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| invalid(Location::file(rel), format!("cannot read: {e}")))?;
    let text = crate::content::decode(rel, bytes).map_err(|e| Errors(vec![e.into()]))?;
    let split = front_matter::split(rel, &text).map_err(|e| Errors(vec![e.into()]))?;
    let front = front_matter::parse(rel, split.yaml).map_err(|e| Errors(vec![e.into()]))?;
    Ok((front.title, split.body.to_string()))
}

/// The hash of the reference-language twin of `page` (a root-relative `x.<lang>.md`), and the
/// twin's path.
///
/// Fails when `page` is not a `<name>.<lang>.md` file of a configured, non-reference language,
/// or the reference twin cannot be read.
pub fn reference_hash(root: &Path, page: &Path) -> Result<(String, PathBuf), Errors> {
    let config = SiteConfig::load(root).map_err(|e| Errors(vec![e.into()]))?;
    let reference = config.reference_language();
    let Some((stem, lang)) = stem_and_lang(page) else {
        return Err(invalid(
            Location::file(page),
            "expected a page such as content/partnerships/x.sv.md".into(),
        ));
    };
    if !config.languages.contains(&lang) {
        return Err(invalid(
            Location::file(page),
            format!(
                "`{lang}` is not a configured language ({})",
                config.languages.join(", ")
            ),
        ));
    }
    if lang == reference {
        return Err(invalid(
            Location::file(page),
            format!(
                "this page is in the reference language `{reference}`: mark its translations instead"
            ),
        ));
    }
    let twin = page.with_file_name(format!("{stem}.{reference}.md"));
    if !root.join(&twin).is_file() {
        return Err(invalid(
            Location::file(page),
            format!(
                "no reference page {} to have translated from",
                twin.display()
            ),
        ));
    }
    let (title, body) = read_page(root, &twin)?;
    Ok((source_hash(&title, &body), twin))
}

/// Records in `page`'s front matter that it is translated from the current reference page:
/// sets `translated_from: <hash>`, replacing an existing value, and leaves every other byte of
/// the file as it was. Returns the hash.
///
/// `page` is relative to `root` (or absolute inside it). Fails as [`reference_hash`] does, and
/// when the page has no front matter or cannot be written.
pub fn mark_translated(root: &Path, page: &Path) -> Result<String, Errors> {
    let abs = if page.is_absolute() {
        page.to_path_buf()
    } else {
        root.join(page)
    };
    let rel = relative(root, &abs);
    let (hash, _) = reference_hash(root, &rel)?;
    let bytes = std::fs::read(&abs)
        .map_err(|e| invalid(Location::file(&rel), format!("cannot read: {e}")))?;
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(invalid(
            Location::file(&rel),
            "the file is not valid UTF-8".into(),
        ));
    };
    // Work on raw lines so that a BOM, CRLF line ends and comments survive untouched.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_fence = |l: &str| l.trim_start_matches('\u{feff}').trim_end() == "---";
    if lines.first().is_none_or(|l| !is_fence(l)) {
        return Err(invalid(
            Location::file(&rel),
            "expected front matter: the file must start with a line `---`".into(),
        ));
    }
    let Some(close) = lines
        .iter()
        .skip(1)
        .position(|l| is_fence(l))
        .map(|i| i + 1)
    else {
        return Err(invalid(
            Location::file(&rel),
            "front matter is not closed: no line `---` after the opening one".into(),
        ));
    };
    let eol = if lines[0].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(text.len() + 40);
    let mut replaced = false;
    for (i, line) in lines.iter().enumerate() {
        if i > 0 && i < close && line.starts_with("translated_from:") {
            let end = if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            out.push_str(&format!("translated_from: {hash}{end}"));
            replaced = true;
            continue;
        }
        if i == close && !replaced {
            out.push_str(&format!("translated_from: {hash}{eol}"));
        }
        out.push_str(line);
    }
    // Through a rename: a crash mid-write leaves the author's page as it was, never cut short.
    crate::site::write_atomic(&abs, out.as_bytes()).map_err(|e| {
        let message = match &e {
            crate::site::WriteError::Io { message, .. } => message.clone(),
            other => other.to_string(),
        };
        invalid(Location::file(&rel), format!("cannot write: {message}"))
    })?;
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_trailing_space_and_outer_blank_lines_but_not_words() {
        let a = source_hash("Otsikko", "\nTeksti.  \nToinen rivi.\n\n");
        assert_eq!(a, source_hash(" Otsikko ", "Teksti.\nToinen rivi."));
        assert_ne!(a, source_hash("Otsikko", "Teksti.\nToinen rivi!"));
        assert_ne!(a, source_hash("Otsikko 2", "Teksti.\nToinen rivi."));
        assert_eq!(a.len(), 16);
    }
}

//! What a translation was made from: the `translated_from:` hash of the reference page, and
//! `kumppani i18n mark-translated PAGE`, which records it.

use std::path::{Path, PathBuf};

use super::tracking;
use crate::Errors;
use crate::config::SiteConfig;
use crate::content::front_matter::FrontMatter;
use crate::content::{ContentError, front_matter};
use crate::diagnostic::{Location, relative};
pub use crate::translation::{page_hash, page_text};

fn invalid(at: Location, message: String) -> Errors {
    Errors(vec![ContentError::Invalid { at, message }.into()])
}

/// Splits `dir/stem.lang.md` into (stem, lang).
fn stem_and_lang(path: &Path) -> Option<(String, String)> {
    let name = path.file_name()?.to_str()?.strip_suffix(".md")?;
    let (stem, lang) = name.rsplit_once('.')?;
    Some((stem.to_string(), lang.to_string()))
}

/// Reads, decodes and splits a Markdown page; returns (front matter, body).
pub fn read_page(root: &Path, rel: &Path) -> Result<(FrontMatter, String), Errors> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| invalid(Location::file(rel), format!("cannot read: {e}")))?;
    let text = crate::content::decode(rel, bytes).map_err(|e| Errors(vec![e.into()]))?;
    let split = front_matter::split(rel, &text).map_err(|e| Errors(vec![e.into()]))?;
    let front = front_matter::parse(rel, split.yaml).map_err(|e| Errors(vec![e.into()]))?;
    Ok((front, split.body.to_string()))
}

/// The reference text ([`page_text`]) of the reference-language twin of `page` (a
/// root-relative `x.<lang>.md`), and the twin's path.
///
/// Fails when `page` is not a `<name>.<lang>.md` file of a configured, non-reference language,
/// or the reference twin cannot be read.
pub fn reference_text(root: &Path, page: &Path) -> Result<(String, PathBuf), Errors> {
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
    let (front, body) = read_page(root, &twin)?;
    Ok((page_text(&front, &body), twin))
}

/// `hash` as a YAML string: quoted when YAML would read it as a number (all digits, or
/// digits around one `e`), which `translated_from:` would refuse.
fn yaml_string(hash: &str) -> String {
    if hash.chars().all(|c| c.is_ascii_digit() || c == 'e') {
        format!("\"{hash}\"")
    } else {
        hash.to_string()
    }
}

/// Records in `page`'s front matter that it is translated from the current reference page:
/// sets `translated_from: <hash>`, replacing an existing value, and leaves every other byte of
/// the file as it was; keeps the reference text in the store for `i18n diff`. Returns the hash.
///
/// `page` is relative to `root` (or absolute inside it). Fails as [`reference_text`] does, and
/// when the page has no front matter or the page or the store cannot be written.
pub fn mark_translated(root: &Path, page: &Path) -> Result<String, Errors> {
    let abs = if page.is_absolute() {
        page.to_path_buf()
    } else {
        root.join(page)
    };
    let rel = relative(root, &abs);
    let (text, _) = reference_text(root, &rel)?;
    let hash = tracking::keep(root, &text)?;
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
            out.push_str(&format!("translated_from: {}{end}", yaml_string(&hash)));
            replaced = true;
            continue;
        }
        if i == close && !replaced {
            out.push_str(&format!("translated_from: {}{eol}", yaml_string(&hash)));
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

/// The root-relative pages that `args` name: paths or globs (`content/**/*.sv.md`), each
/// taken relative to the current directory when it names something there, else to `root`.
/// Sorted, each once.
///
/// Fails (naming every such argument) when an argument matches no file or a file outside the
/// root.
pub fn resolve_pages(root: &Path, args: &[String]) -> Result<Vec<PathBuf>, Errors> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root_abs = root.canonicalize().unwrap_or_else(|_| cwd.join(root));
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let matches = |base: &Path| -> Vec<PathBuf> {
            let full = base.join(arg);
            if arg.contains(['*', '?', '[']) {
                glob::glob(&full.to_string_lossy())
                    .map(|paths| paths.filter_map(Result::ok).collect())
                    .unwrap_or_default()
            } else if full.exists() {
                vec![full]
            } else {
                Vec::new()
            }
        };
        let mut paths = matches(&cwd);
        if paths.is_empty() {
            paths = matches(root);
        }
        if paths.is_empty() {
            errors.extend(invalid(Location::file(arg), "no such file".into()).0);
            continue;
        }
        for path in paths {
            let abs = path.canonicalize().unwrap_or(path);
            match abs.strip_prefix(&root_abs) {
                Ok(rel) => found.push(relative(Path::new(""), rel)),
                Err(_) => errors.extend(
                    invalid(
                        Location::file(arg),
                        format!("{} is outside the site root", abs.display()),
                    )
                    .0,
                ),
            }
        }
    }
    found.sort();
    found.dedup();
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(Errors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(title: &str, description: Option<&str>, slug: Option<&str>) -> FrontMatter {
        let mut yaml = format!("title: \"{title}\"\n");
        if let Some(d) = description {
            yaml.push_str(&format!("description: {d}\n"));
        }
        if let Some(s) = slug {
            yaml.push_str(&format!("slug: {s}\n"));
        }
        front_matter::parse(Path::new("a.md"), &yaml).unwrap()
    }

    #[test]
    fn hashes_that_yaml_reads_as_numbers_are_quoted() {
        assert_eq!(yaml_string("0123456789012345"), "\"0123456789012345\"");
        assert_eq!(yaml_string("12e4567890123456"), "\"12e4567890123456\"");
        assert_eq!(yaml_string("9905946ccff50121"), "9905946ccff50121");
        let front = front_matter::parse(Path::new("a.md"), "title: x\ntranslated_from: \"0123\"\n");
        assert_eq!(front.unwrap().translated_from.as_deref(), Some("0123"));
    }

    #[test]
    fn the_hash_covers_title_description_slug_and_body() {
        let base = page_hash(
            &front("Otsikko", Some("Kuvaus."), Some("otsikko")),
            "Teksti.\n",
        );
        assert_eq!(
            base,
            page_hash(
                &front(" Otsikko ", Some("Kuvaus."), Some("otsikko")),
                "\nTeksti.  \n\n"
            )
        );
        for changed in [
            page_hash(
                &front("Otsikko 2", Some("Kuvaus."), Some("otsikko")),
                "Teksti.\n",
            ),
            page_hash(
                &front("Otsikko", Some("Uusi kuvaus."), Some("otsikko")),
                "Teksti.\n",
            ),
            page_hash(
                &front("Otsikko", Some("Kuvaus."), Some("otsikko-2")),
                "Teksti.\n",
            ),
            page_hash(&front("Otsikko", None, Some("otsikko")), "Teksti.\n"),
            page_hash(
                &front("Otsikko", Some("Kuvaus."), Some("otsikko")),
                "Teksti!\n",
            ),
        ] {
            assert_ne!(base, changed);
        }
    }
}

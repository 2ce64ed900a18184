//! Reading input files: the bytes of a file as text (UTF-8, no BOM, LF line ends), and where a
//! value is written in it. The leaf every stage that reads a file stands on.

use std::path::Path;

use crate::diagnostic::Location;

/// A file that cannot be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// A file could not be read.
    #[error("{at}: cannot read: {message}")]
    Io {
        /// The file.
        at: Location,
        /// The operating system's words.
        message: String,
    },
    /// Bytes that are not UTF-8.
    #[error("{at}: the file is not valid UTF-8 (save it as UTF-8)")]
    NotUtf8 {
        /// The first invalid byte.
        at: Location,
    },
}

impl SourceError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            SourceError::Io { at, .. } | SourceError::NotUtf8 { at } => at,
        }
    }
}

/// Reads `root`/`file` as text ([`decode`]); errors point at `file`.
pub fn read(root: &Path, file: &Path) -> Result<String, SourceError> {
    let bytes = std::fs::read(root.join(file)).map_err(|e| SourceError::Io {
        at: Location::file(file),
        message: e.to_string(),
    })?;
    decode(file, bytes)
}

/// Decodes file bytes: UTF-8 required, a BOM dropped, CRLF turned into LF.
pub fn decode(file: &Path, bytes: Vec<u8>) -> Result<String, SourceError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
        SourceError::NotUtf8 {
            at: Location::at_offset(file, &prefix, prefix.len(), 1),
        }
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// Whether `path` is a symbolic link (or lies in a linked directory) that leads outside
/// `root`. Such files are refused, never read: a site must not publish what lies beside it.
pub fn leads_outside(root: &Path, path: &Path) -> bool {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.canonicalize().is_ok_and(|t| !t.starts_with(&root))
}

/// The location of `value` in a record's text: its first occurrence as a whole word after the
/// line that starts `field:`, else the file's start. Used to point at an unknown id.
pub fn locate(file: &Path, text: &str, field: &str, value: &str) -> Location {
    let from = text
        .match_indices(&format!("{field}:"))
        .find(|(i, _)| *i == 0 || text.as_bytes()[i - 1] == b'\n' || text.as_bytes()[i - 1] == b' ')
        .map_or(0, |(i, _)| i);
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
    let hit = text[from..]
        .match_indices(value)
        .map(|(i, _)| from + i)
        .find(|&i| {
            let before = i.checked_sub(1).map(|j| text.as_bytes()[j]);
            let after = text.as_bytes().get(i + value.len()).copied();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        });
    hit.map_or_else(
        || Location::file(file),
        |i| Location::at_offset(file, text, i, 1),
    )
}

/// The location of `field: value` in a page's front matter `yaml` (which starts on line 2 of
/// `file`); the file's start when the field is not written there.
pub fn locate_in_front(file: &Path, yaml: &str, field: &str, value: &str) -> Location {
    let at = locate(file, yaml, field, value);
    if yaml.contains(&format!("{field}:")) {
        Location::new(file, at.line + 1, at.column)
    } else {
        Location::file(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_drops_bom_and_crlf_and_locates_bad_bytes() {
        let p = Path::new("f");
        assert_eq!(decode(p, b"\xef\xbb\xbfa\r\nb".to_vec()).unwrap(), "a\nb");
        let e = decode(p, b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f:2:3: the file is not valid UTF-8 (save it as UTF-8)"
        );
    }

    #[test]
    fn locate_points_at_the_value_after_its_field() {
        let text = "region: oulu\nmembers: [espoo, oulu]\n";
        assert_eq!(
            locate(Path::new("r.yaml"), text, "members", "oulu").to_string(),
            "r.yaml:2:18"
        );
    }
}

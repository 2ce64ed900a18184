//! Locations and the one report printer.
//!
//! Every error a user can cause carries a [`Location`]: a root-relative file, a 1-based line and a
//! 1-based column. Stages return all their problems at once; only `main.rs` prints them.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a source file, printed as `content/x.fi.md:3:8`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Path relative to the site root, with `/` separators.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Location {
    /// A location at `line`:`column` of `file`.
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }

    /// The start of `file`, for problems that concern a file as a whole.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location::new(file, 1, 1)
    }

    /// The location of byte `offset` in `source`, which starts at line `first_line` of `file`.
    ///
    /// Offsets past the end clamp to the end; offsets inside a UTF-8 sequence count the
    /// character they belong to.
    pub fn at_offset(file: &Path, source: &str, offset: usize, first_line: usize) -> Self {
        let offset = offset.min(source.len());
        let before = &source.as_bytes()[..offset];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = first_line + before.iter().filter(|&&b| b == b'\n').count();
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Location::new(file, line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// An optional suggestion, printed as ` — did you mean `title`?` or as nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hint(pub Option<String>);

impl Hint {
    /// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
    pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Hint {
        let best = candidates
            .into_iter()
            .map(|c| (edit_distance(word, c), c))
            .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
            .min();
        Hint(best.map(|(_, c)| c.to_string()))
    }
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(s) => write!(f, " — did you mean `{s}`?"),
            None => Ok(()),
        }
    }
}

/// Levenshtein distance over characters.
pub use strsim::levenshtein as edit_distance;

/// How serious a reported problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails `build` and `check`.
    Error,
    /// Printed, never fails a build.
    Warning,
    /// For information (pending or untracked translations); never fails.
    Info,
}

/// Root-relative display form of `path` with `/` separators.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    let rel = path.strip_prefix(root).unwrap_or(path);
    PathBuf::from(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_one_based_lines_and_character_columns() {
        let src = "ab\nä x\n";
        let loc = Location::at_offset(Path::new("f"), src, src.find('x').unwrap(), 1);
        assert_eq!(loc.to_string(), "f:2:3");
        let loc = Location::at_offset(Path::new("f"), src, 0, 5);
        assert_eq!(loc.to_string(), "f:5:1");
    }

    #[test]
    fn hints_suggest_close_words_only() {
        let fields = ["title", "slug", "description"];
        assert_eq!(Hint::closest("tittle", fields).0.as_deref(), Some("title"));
        assert_eq!(Hint::closest("zzzzzz", fields).0, None);
    }
}

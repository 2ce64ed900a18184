//! Locations, the one diagnostic model and its printers.
//!
//! Every error a user can cause carries a [`Location`]: a root-relative file, a 1-based line and a
//! 1-based column. Stages return all their problems at once; what is reported to a person (errors,
//! warnings and infos alike) is a [`Diagnostic`], printed by [`to_text`] or [`to_json`]; only
//! `main.rs` writes them to the terminal.

use std::fmt;
use std::fmt::Write as _;
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

/// One reported problem: how serious, what kind, where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error (fails `build` and `check`), warning or info.
    pub severity: Severity,
    /// A stable short name of the kind of problem, such as `missing-message`.
    pub code: &'static str,
    /// Where, root-relative.
    pub at: Location,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
    /// Characters to underline from `at` in the snippet (at least 1).
    pub span: usize,
}

impl Diagnostic {
    /// A problem of `severity` and `code` at `at`, underlining `span` characters.
    pub fn new(
        severity: Severity,
        code: &'static str,
        at: Location,
        span: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            at,
            message: message.into(),
            span: span.max(1),
        }
    }

    /// Sorts `all` by file, line, column (then severity, code, message) and drops repeats.
    pub fn sort(all: &mut Vec<Diagnostic>) {
        all.sort_by(|a, b| {
            (&a.at, a.severity, a.code, &a.message).cmp(&(&b.at, b.severity, b.code, &b.message))
        });
        all.dedup();
    }
}

/// `FILE:LINE:COL: message`, the one-line form of `build` and `watch`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// The JSON form of a diagnostic (see README.md, "check --format json").
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: String,
    line: usize,
    column: usize,
    code: &'a str,
    message: &'a str,
}

/// `all` as a JSON array of `{severity, file, line, column, code, message}`.
pub fn to_json(all: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic> = all
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.severity,
            file: d.at.file.to_string_lossy().replace('\\', "/"),
            line: d.at.line,
            column: d.at.column,
            code: d.code,
            message: &d.message,
        })
        .collect();
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()) + "\n"
}

/// `all` for a terminal: `severity[code]: message`, the place, the source line (from
/// `source_line`) with the span underlined by `^`, a blank line; infos one line each. ANSI
/// colour only when `color`.
pub fn to_text(
    all: &[Diagnostic],
    source_line: impl Fn(&Location) -> Option<String>,
    color: bool,
) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for d in all {
        let (label, col) = match d.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
            Severity::Info => ("info", "1;36"),
        };
        let head = paint(col, &format!("{label}[{}]", d.code));
        // Infos (pending, untracked) are lists, not problems to look at: one line each.
        if d.severity == Severity::Info {
            let _ = writeln!(out, "{head}: {}: {}", d.at, d.message);
            continue;
        }
        let _ = writeln!(out, "{head}: {}", d.message);
        // Line 0: a setting given outside the files (`--base-url`), named in the message.
        if d.at.line > 0 {
            let _ = writeln!(out, "  --> {}", d.at);
        }
        if let Some(line) = source_line(&d.at) {
            snippet(&mut out, d, &line, &|s| paint(col, s));
        }
        out.push('\n');
    }
    out
}

/// The source line of `d` with its span underlined.
fn snippet(out: &mut String, d: &Diagnostic, line: &str, paint: &dyn Fn(&str) -> String) {
    let num = d.at.line.to_string();
    let pad = " ".repeat(num.len());
    let shown: String = line.replace('\t', " ");
    let len = shown.chars().count();
    let start = d.at.column.saturating_sub(1).min(len);
    let span = d.span.min(len.saturating_sub(start)).max(1);
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{num} | {shown}");
    let _ = writeln!(
        out,
        "{pad} | {}{}",
        " ".repeat(start),
        paint(&"^".repeat(span))
    );
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

//! `kumppani check`: every validation of `build`, without writing output, plus translation
//! checks (Fluent consistency against the reference language, pending, stale and untracked
//! translations, links across languages) and the `i18n status` table.
//!
//! Checks return [`Problem`]s; printing them (text with snippets, or JSON) is done here as
//! strings, and only `main.rs` writes them to the terminal.

pub mod fluent;
pub mod pages;
pub mod scan;
pub mod status;
pub mod translated;

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::Error;
use crate::config::SiteConfig;
use crate::diagnostic::{Location, Severity};
use crate::i18n::I18nError;

/// One reported problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error (fails `check`), warning or info.
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

impl Problem {
    /// A problem of `severity` and `code` at `at`, underlining `span` characters.
    pub fn new(
        severity: Severity,
        code: &'static str,
        at: Location,
        span: usize,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            severity,
            code,
            at,
            message: message.into(),
            span: span.max(1),
        }
    }

    /// The problem of a failed build stage, with the location taken out of its text.
    pub fn from_error(e: &Error) -> Problem {
        let at = e.location().clone();
        let text = e.to_string();
        let message = text
            .strip_prefix(&format!("{at}: "))
            .unwrap_or(&text)
            .to_string();
        let code = match e {
            // A body's problem is coded as the content or Fluent problem it is.
            Error::Markdown(crate::markdown::MarkdownError::Content(c)) => {
                return Problem::from_error(&Error::Content(c.clone()));
            }
            Error::Markdown(crate::markdown::MarkdownError::I18n(i)) => {
                return Problem::from_error(&Error::I18n(i.clone()));
            }
            Error::Content(crate::content::ContentError::Link { .. }) => "broken-link",
            Error::Config(_) | Error::Content(_) => "content",
            Error::I18n(I18nError::Syntax { .. }) => "fluent-syntax",
            Error::I18n(I18nError::Duplicate { .. }) => "duplicate-message",
            Error::I18n(I18nError::Missing { .. }) => "missing-message",
            Error::I18n(I18nError::Format { .. }) => "fluent-format",
            Error::I18n(_) => "fluent",
            Error::Render(_) => "template",
            Error::Write(_) => "write",
        };
        Problem::new(Severity::Error, code, at, 1, message)
    }
}

/// The JSON form of a problem (see README.md, "check --format json").
#[derive(Serialize)]
struct JsonProblem<'a> {
    severity: Severity,
    file: String,
    line: usize,
    column: usize,
    code: &'a str,
    message: &'a str,
}

/// Everything `check` found.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Problems sorted by file, line, column.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// A report of `problems` in file, line, column order, each once.
    fn sorted(mut problems: Vec<Problem>) -> CheckReport {
        problems.sort_by(|a, b| {
            (&a.at, a.severity, a.code, &a.message).cmp(&(&b.at, b.severity, b.code, &b.message))
        });
        problems.dedup();
        CheckReport { problems }
    }

    /// Number of problems of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// Whether `check` passes: nothing is an error.
    pub fn passed(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// The problems as a JSON array of `{severity, file, line, column, code, message}`.
    pub fn to_json(&self) -> String {
        let items: Vec<JsonProblem> = self
            .problems
            .iter()
            .map(|p| JsonProblem {
                severity: p.severity,
                file: p.at.file.to_string_lossy().replace('\\', "/"),
                line: p.at.line,
                column: p.at.column,
                code: p.code,
                message: &p.message,
            })
            .collect();
        // Serializing plain strings and numbers cannot fail.
        serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()) + "\n"
    }

    /// The problems for a terminal: `severity[code]: message`, the place, the source line with
    /// the span underlined by `^`, and a summary line. ANSI colour only when `color`.
    pub fn to_text(&self, root: &Path, color: bool) -> String {
        let mut out = String::new();
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        for p in &self.problems {
            let (label, col) = match p.severity {
                Severity::Error => ("error", "1;31"),
                Severity::Warning => ("warning", "1;33"),
                Severity::Info => ("info", "1;36"),
            };
            // Infos (pending, untracked) are lists, not problems to look at: one line each.
            if p.severity == Severity::Info {
                let _ = writeln!(
                    out,
                    "{}: {}: {}",
                    paint(col, &format!("{label}[{}]", p.code)),
                    p.at,
                    p.message
                );
                continue;
            }
            let _ = writeln!(
                out,
                "{}: {}",
                paint(col, &format!("{label}[{}]", p.code)),
                p.message
            );
            // Line 0: a setting given outside the files (`--base-url`), named in the message.
            if p.at.line > 0 {
                let _ = writeln!(out, "  --> {}", p.at);
            }
            if let Some(line) = source_line(root, &p.at) {
                let num = p.at.line.to_string();
                let pad = " ".repeat(num.len());
                let shown: String = line.replace('\t', " ");
                let len = shown.chars().count();
                let start = p.at.column.saturating_sub(1).min(len);
                let span = p.span.min(len.saturating_sub(start)).max(1);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{num} | {shown}");
                let _ = writeln!(
                    out,
                    "{pad} | {}{}",
                    " ".repeat(start),
                    paint(col, &"^".repeat(span))
                );
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "check: {} error(s), {} warning(s), {} info",
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Info)
        );
        out
    }
}

fn source_line(root: &Path, at: &Location) -> Option<String> {
    // A file the build refuses (a link out of the site) is not shown either.
    if crate::content::leads_outside(root, &root.join(&at.file)) {
        return None;
    }
    let text = std::fs::read_to_string(root.join(&at.file)).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.lines()
        .nth(at.line.checked_sub(1)?)
        .map(|l| l.trim_end_matches('\r').to_string())
}

/// The Fluent comparisons of [`run`] alone (missing and obsolete messages, variables and
/// attributes that differ), as far as the files parse: what a watch session prints after an
/// `.ftl` save.
pub fn fluent_report(root: &Path) -> CheckReport {
    let mut problems = Vec::new();
    if let Ok(config) = SiteConfig::load(root) {
        fluent::compare_partially(root, &config, &mut problems);
    }
    CheckReport::sorted(problems)
}

/// Runs every validation of `build` and the translation checks on the site at `root`.
///
/// Never fails: problems, including a failed build stage, are in the report. When a stage
/// fails, the Fluent comparisons still run on whatever parses, so a translator sees both.
pub fn run(root: &Path) -> CheckReport {
    run_with(root, &crate::config::Overrides::default())
}

/// [`run`] with the settings of `overrides` (`--base-url`) in place of the file's.
pub fn run_with(root: &Path, overrides: &crate::config::Overrides) -> CheckReport {
    let mut problems = Vec::new();
    match crate::run_stages_with(root, overrides) {
        Ok(stages) => {
            let mut usage = scan::Usage::collect(root, &stages.content);
            // `publisher:` in site.yaml names a message that templates reach by variable.
            if let Some(id) = &stages.config.publisher {
                usage.other_keys.insert(format!("org-{id}"));
            }
            problems.extend(usage.problems.iter().cloned());
            fluent::compare(&stages.config, &stages.bundles, &mut problems);
            fluent::check_usage(&stages.config, &stages.bundles, &usage, &mut problems);
            pages::check(root, &stages, &mut problems);
        }
        Err(errors) => {
            problems.extend(errors.0.iter().map(Problem::from_error));
            if let Ok(config) = SiteConfig::load(root) {
                fluent::compare_partially(root, &config, &mut problems);
            }
        }
    }
    // Placeholder addresses are read from the files as written, whether or not they load.
    problems.extend(crate::reserved_domains::find(root).into_iter().map(|p| {
        let message = p.message();
        let span = p.value.chars().count();
        Problem::new(Severity::Warning, "example-domain", p.at, span, message)
    }));
    CheckReport::sorted(problems)
}

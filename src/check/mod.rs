//! `kumppani check`: every validation of `build`, without writing output, plus translation
//! checks (Fluent consistency against the reference language, pending, stale and untracked
//! translations, links across languages) and the `i18n status` table.
//!
//! Checks return [`Problem`]s (the one [`crate::diagnostic::Diagnostic`] model), printed by
//! [`crate::diagnostic`] as text with snippets or as JSON; only `main.rs` writes them out.

pub mod diff;
pub mod fluent;
pub mod messages;
pub mod pages;
pub mod scan;
pub mod status;
pub mod tracking;
pub mod translated;

use std::fmt::Write as _;
use std::path::Path;

use crate::Error;
use crate::config::SiteConfig;
use crate::diagnostic::{Location, Severity};

/// One reported problem: the one diagnostic model of every command.
pub use crate::diagnostic::Diagnostic as Problem;

/// The problem of a failed build stage, with the location taken out of its text.
pub fn from_error(e: &Error) -> Problem {
    let at = e.location().clone();
    let text = e.to_string();
    let message = text
        .strip_prefix(&format!("{at}: "))
        .unwrap_or(&text)
        .to_string();
    Problem::new(Severity::Error, e.code(), at, 1, message)
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
        Problem::sort(&mut problems);
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
        crate::diagnostic::to_json(&self.problems)
    }

    /// The problems for a terminal, with snippets, and a summary line. ANSI colour only when
    /// `color`.
    pub fn to_text(&self, root: &Path, color: bool) -> String {
        let mut out = crate::diagnostic::to_text(&self.problems, |at| source_line(root, at), color);
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

/// A warning for each file beside the pages that no page links: published, but nobody
/// reaches it (often an image whose link was removed, or a name mistyped in both places).
fn unlinked_files(stages: &crate::Built, out: &mut Vec<Problem>) {
    let used = stages
        .targets
        .linked_files(&stages.localized, &stages.content);
    for asset in &stages.content.assets {
        if !used.contains(&asset.output) {
            out.push(Problem::new(
                Severity::Warning,
                "unlinked-file",
                crate::diagnostic::Location::file(&asset.source),
                0,
                format!(
                    "no page links this file (published at /{}): link it from a page, or remove it",
                    asset.output
                ),
            ));
        }
    }
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
    // Exactly what `build` runs, rendering included (in memory), so that check reports what
    // build reports.
    match crate::prepare(root, overrides).and_then(|built| built.render().map(|_| built)) {
        Ok(stages) => {
            let mut usage = scan::Usage::collect(&stages.templates, &stages.content);
            // `publisher:` in site.yaml names a message that templates reach by variable.
            if let Some(id) = &stages.config.publisher {
                usage.other_keys.insert(format!("org-{id}"));
            }
            fluent::compare(&stages.config, &stages.bundles, &mut problems);
            fluent::check_usage(&stages.config, &stages.bundles, &usage, &mut problems);
            pages::check(root, &stages, &mut problems);
            messages::check(root, &stages.config, &stages.bundles, &mut problems);
            unlinked_files(&stages, &mut problems);
        }
        Err(errors) => {
            problems.extend(errors.0.iter().map(from_error));
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

//! Accessibility checks on the rendered pages and on the accessibility statement's record.
//!
//! The Markdown checks ([`crate::markdown::a11y`]) see only the prose; here the whole page is
//! checked as the visitor gets it, template headings included: exactly one `h1`, no skipped
//! heading level, no empty heading. A statement whose last review is older than twelve months
//! is a warning: the law asks for a yearly review, but an old review must not stop a build.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::content::Content;
use crate::content::records::Date;
use crate::diagnostic::Location;
use crate::i18n::localize::Localized;
use crate::render::{OutputFile, RenderError, output_path};

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → calendar date (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date { year, month, day }
}

/// Warnings about the accessibility statement, each with its place: a last review more than
/// twelve months before `today`.
pub fn statement_warnings(content: &Content, today: Date) -> Vec<(Location, String)> {
    let Some(rec) = &content.records.accessibility else {
        return Vec::new();
    };
    let reviewed = rec.data.reviewed;
    // Twelve months later, same day (29 February → 1 March of a common year counts as due).
    let due = Date {
        year: reviewed.year + 1,
        ..reviewed
    };
    if today > due {
        let at = crate::content::locate(&rec.source, &rec.text, "reviewed", &reviewed.iso());
        vec![(
            at,
            format!(
                "the accessibility statement was last reviewed on {reviewed}, more than 12 months ago (today is {today}): review it and update `reviewed`"
            ),
        )]
    } else {
        Vec::new()
    }
}

/// Checks the headings of every rendered page: exactly one `h1`, levels that never skip, no
/// empty heading. An error names the page's source file (or the template for special pages)
/// and the output file.
pub fn check_pages(localized: &Localized, files: &[OutputFile]) -> Vec<RenderError> {
    use rayon::prelude::*;
    let failing: Vec<(&OutputFile, Vec<String>)> = files
        .par_iter()
        .filter_map(|file| {
            let problems = problems_of(file);
            (!problems.is_empty()).then_some((file, problems))
        })
        .collect();
    if failing.is_empty() {
        return Vec::new();
    }
    // Output path → source, once, and only when a page fails (a watch rebuild checks a few
    // pages of a large site): a lookup per page would make this quadratic.
    let sources: HashMap<String, Option<&std::path::PathBuf>> = localized
        .pages
        .iter()
        .map(|p| (output_path(&localized.base_path, &p.url), p.source.as_ref()))
        .collect();
    failing
        .into_iter()
        .flat_map(|(file, problems)| {
            errors(file, problems, sources.get(&file.path).copied().flatten())
        })
        .collect()
}

/// [`check_pages`] for one file, whose page's source is `source` (`None` for a special page,
/// whose template is named instead).
pub fn check_file(file: &OutputFile, source: Option<&std::path::PathBuf>) -> Vec<RenderError> {
    errors(file, problems_of(file), source)
}

/// The outline problems of `file`; files other than `.html` have no headings to check.
fn problems_of(file: &OutputFile) -> Vec<String> {
    if !file.path.ends_with(".html") {
        return Vec::new();
    }
    std::str::from_utf8(&file.bytes).map_or_else(|_| Vec::new(), heading_problems)
}

/// `problems` of `file` as errors at `source` (or the special page's template).
fn errors(
    file: &OutputFile,
    problems: Vec<String>,
    source: Option<&std::path::PathBuf>,
) -> Vec<RenderError> {
    if problems.is_empty() {
        return Vec::new();
    }
    let source = source
        .cloned()
        .unwrap_or_else(|| format!("templates/{}", special_template(&file.path)).into());
    problems
        .into_iter()
        .map(|problem| RenderError::Template {
            at: Location::file(&source),
            message: format!("rendered page {}: {problem}", file.path),
        })
        .collect()
}

fn special_template(path: &str) -> &str {
    match path {
        "index.html" => "chooser.html",
        other => other,
    }
}

/// The headings of an HTML page as (level, text without tags), in document order.
pub fn headings(html: &str) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    // Found with memchr's vectorised search: `str::find` took a few per cent of a build here.
    let open = memchr::memmem::Finder::new("<h");
    while let Some(i) = open.find(rest.as_bytes()) {
        rest = &rest[i + 2..];
        let Some(level) = rest.bytes().next().filter(|b| (b'1'..=b'6').contains(b)) else {
            continue;
        };
        if !matches!(rest.as_bytes().get(1), Some(b'>' | b' ')) {
            continue;
        }
        let close = [b'<', b'/', b'h', level, b'>'];
        let Some(end) = memchr::memmem::find(rest.as_bytes(), &close) else {
            continue;
        };
        let inner = rest
            .find('>')
            .map_or("", |gt| &rest[(gt + 1).min(end)..end]);
        out.push((level - b'0', strip_tags(inner)));
        rest = &rest[end..];
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// What is wrong with a page's headings, as sentences.
pub fn heading_problems(html: &str) -> Vec<String> {
    let hs = headings(html);
    let mut problems = Vec::new();
    let h1s = hs.iter().filter(|(l, _)| *l == 1).count();
    if h1s != 1 {
        problems.push(format!("has {h1s} h1 headings; a page needs exactly one"));
    }
    let mut previous = 0u8;
    for (level, text) in &hs {
        if *level > previous + 1 {
            problems.push(format!(
                "heading h{level} “{text}” follows h{previous}: a level is skipped"
            ));
        }
        if text.is_empty() {
            problems.push(format!("an h{level} heading is empty"));
        }
        previous = *level;
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_become_dates() {
        assert_eq!(civil_from_days(0).iso(), "1970-01-01");
        assert_eq!(civil_from_days(19_866).iso(), "2024-05-23");
        assert_eq!(civil_from_days(19_781).iso(), "2024-02-28");
        assert_eq!(civil_from_days(19_782).iso(), "2024-02-29");
    }

    #[test]
    fn heading_problems_find_skips_empty_and_extra_h1() {
        assert!(heading_problems("<h1>A</h1><h2 id=\"x\">B</h2><h3>C</h3><h2>D</h2>").is_empty());
        let p = heading_problems("<h1>A</h1><h3>C</h3><h2></h2><h1>E</h1><header></header>");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].contains("2 h1"));
        assert!(p[1].contains("h3 “C” follows h1"));
        assert!(p[2].contains("h2 heading is empty"));
    }
}

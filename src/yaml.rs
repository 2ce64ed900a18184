//! The one place that parses YAML.
//!
//! serde_yaml is deprecated upstream; keeping every call here makes a swap to a maintained fork
//! a one-line change. Errors come back with file, line and column counted from the top of the
//! file (front matter starts below its `---` line) and a suggestion for misspelt fields.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Hint, Location};

/// A YAML problem at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}{hint}")]
pub struct YamlError {
    /// Where the problem is.
    pub at: Location,
    /// What is wrong, in words (no debug formatting).
    pub message: String,
    /// A suggestion for an unknown field.
    pub hint: Hint,
}

/// Parses `source` as `T`. `first_line` is the line of `file` that `source` starts on.
///
/// Fails on syntax errors, wrong types, missing fields and unknown fields; the error names the
/// place and, for an unknown field, the closest known one.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    source: &str,
    first_line: usize,
) -> Result<T, YamlError> {
    if let Some(col) = source.lines().enumerate().find_map(|(i, l)| {
        l.find('\t')
            .filter(|&c| l[..c].trim().is_empty())
            .map(|c| (i, c))
    }) {
        return Err(YamlError {
            at: Location::new(file, first_line + col.0, col.1 + 1),
            message: "a tab is used for indentation; YAML allows only spaces".to_string(),
            hint: Hint::default(),
        });
    }
    // An empty document is `null` to serde_yaml; treat it as an empty mapping so that the
    // message is about the missing fields rather than about `null`.
    if source.trim().is_empty() {
        return serde_yaml::from_str("{}").map_err(|e| {
            let mut err = convert(file, &e, first_line);
            // Records start on line 1; front matter starts below its `---` line.
            let what = if first_line == 1 {
                "the file is empty"
            } else {
                "the front matter is empty"
            };
            err.message = match err.message.strip_prefix("missing field ") {
                Some(field) => format!("{what}: expected at least the field {field}"),
                None => format!("{what}: {}", err.message),
            };
            err
        });
    }
    serde_yaml::from_str(source).map_err(|e| {
        let mut err = convert(file, &e, first_line);
        relocate(&mut err, source, first_line);
        point_at_unclosed_quote(&mut err, source, first_line);
        err
    })
}

/// libyaml reports a quote that never closes where it gives up: at the end of the stream, or
/// (when a later value has quotes) at that later value, pairing the stray quote with its
/// opening one. Either way the cause is the first quoted value at or before that place that
/// does not close on its own line; point there.
fn point_at_unclosed_quote(err: &mut YamlError, source: &str, first_line: usize) {
    if !err.message.starts_with("YAML syntax error:") {
        return;
    }
    let last = err.at.line.saturating_sub(first_line);
    let Some((line, column, quote)) = source
        .lines()
        .take(last + 1)
        .enumerate()
        .find_map(|(i, l)| unclosed_quote(l).map(|(c, q)| (i, c, q)))
    else {
        return;
    };
    err.at = Location::new(&err.at.file, first_line + line, column + 1);
    err.message = format!(
        "YAML syntax error: the quoted value that starts here is never closed: end it with {quote} on this line"
    );
}

/// The column (in characters) and the quote of a value on `line` that opens with `"` or `'`
/// and does not close on the line, if there is one.
fn unclosed_quote(line: &str) -> Option<(usize, char)> {
    // The value follows `key: ` or a list item's `- `; a comment line has none.
    if line.trim_start().starts_with('#') {
        return None;
    }
    let start = if let Some(i) = line.find(": ") {
        i + 2
    } else {
        let rest = line.trim_start();
        rest.strip_prefix("- ")?;
        line.len() - rest.len() + 2
    };
    let value = line[start..].trim_start();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let open = line.len() - value.len();
    let mut chars = value[1..].chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            // `\"` escapes inside double quotes; `''` is a quote inside single quotes.
            ('"', '\\') => {
                chars.next();
            }
            ('\'', '\'') if chars.peek() == Some(&'\'') => {
                chars.next();
            }
            (q, c) if q == c => return None,
            _ => {}
        }
    }
    Some((line[..open].chars().count(), quote))
}

/// serde reports duplicate keys and errors raised by our own `Deserialize` impls (such as a
/// bad date) at the start of the enclosing mapping; move them to the key or value itself.
fn relocate(err: &mut YamlError, source: &str, first_line: usize) {
    // Nested fields come as `decision: duplicate field …`: split the path off before matching.
    let path_len = err
        .message
        .find(": ")
        .filter(|&i| !err.message[..i].contains([' ', '`']))
        .map_or(0, |i| i + 2);
    let (path, message) = err.message.split_at(path_len);
    let (path, message) = (path.to_string(), message.to_string());
    let quoted = |prefix: &str| -> Option<String> {
        message
            .strip_prefix(prefix)?
            .split('`')
            .next()
            .map(str::to_string)
    };
    // Search from where serde pointed (the enclosing mapping), not from the top.
    let skip = err.at.line.saturating_sub(first_line);
    let lines: Vec<&str> = source.lines().skip(skip).collect();
    let line_of = |i: usize| first_line + skip + i;
    if let Some(field) = quoted("duplicate field `") {
        // Keys at the start of a line (after indentation or `- `): the second one is the
        // duplicate, the first is where it was already set.
        let keys: Vec<(usize, usize)> = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let rest = l.trim_start_matches([' ', '-']);
                let col = l.len() - rest.len();
                let after = rest.strip_prefix(field.as_str())?;
                after.trim_start().starts_with(':').then_some((i, col))
            })
            .collect();
        if let [(first, _), (dup, col), ..] = keys[..] {
            err.at = Location::new(&err.at.file, line_of(dup), col + 1);
            err.message = format!(
                "{path}duplicate field `{field}`: it is already set on line {}",
                line_of(first)
            );
        }
    } else if let Some(value) = quoted("`") {
        // `<value>` is not …: point at the first `: <value>`, `- <value>` or `[<value>`.
        let hit = lines.iter().enumerate().find_map(|(i, l)| {
            [": ", "- ", "["]
                .iter()
                .filter_map(|p| l.find(&format!("{p}{value}")).map(|c| c + p.len()))
                .min()
                .map(|c| (i, l[..c].chars().count()))
        });
        if let Some((line, col)) = hit {
            err.at = Location::new(&err.at.file, line_of(line), col + 1);
        }
    }
}

fn convert(file: &Path, e: &serde_yaml::Error, first_line: usize) -> YamlError {
    let (line, column) = e
        .location()
        .map_or((first_line, 1), |l| (first_line + l.line() - 1, l.column()));
    let mut message = e.to_string();
    // serde_yaml appends " at line L column C"; we print the place ourselves.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let mut hint = Hint::default();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default().to_string();
        let expected: Vec<&str> = rest
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        hint = Hint::closest(&field, expected.iter().copied());
        message = if expected.is_empty() {
            format!("unknown field `{field}`")
        } else {
            format!(
                "unknown field `{field}` (expected one of {})",
                expected.join(", ")
            )
        };
    }
    // serde's data errors quote names in backticks; libyaml's syntax errors never do.
    const SYNTAX: [&str; 8] = [
        "did not find expected",
        "found unexpected",
        "found character",
        "mapping values are not allowed",
        "could not find expected",
        "end of stream",
        "control characters are not allowed",
        "found incomplete",
    ];
    if SYNTAX.iter().any(|p| message.contains(p)) {
        message = format!("YAML syntax error: {message}");
    }
    YamlError {
        at: Location::new(file, line, column),
        message: message.replace("invalid type: ", "wrong type: "),
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        slug: Option<String>,
    }

    #[test]
    fn unknown_fields_are_reported_with_place_and_suggestion() {
        let e = parse::<Fm>(Path::new("a.md"), "title: x\ntittle: y\n", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:3:1: unknown field `tittle` (expected one of title, slug) — did you mean `title`?"
        );
    }

    #[test]
    fn syntax_errors_count_lines_from_the_top_of_the_file() {
        let e = parse::<Fm>(Path::new("a.md"), "slug: y\ntitle: x: y\n", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:3:9: YAML syntax error: mapping values are not allowed in this context"
        );
        let e = parse::<Fm>(Path::new("a.md"), "title: [x]\n", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:2:8: title: wrong type: sequence, expected a string"
        );
    }

    #[test]
    fn a_quote_that_never_closes_is_reported_where_it_opens() {
        let short = "slug: y\ntitle: \"x y\n";
        let long = "title: \"Otsikko\nslug: 'a''b'\nx:\n  - \"c\"\n  - 'd'\n";
        for (source, at) in [(short, "a.md:3:8"), (long, "a.md:2:8")] {
            let e = parse::<Fm>(Path::new("a.md"), source, 2).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!(
                    "{at}: YAML syntax error: the quoted value that starts here is never closed: end it with \" on this line"
                )
            );
        }
        let e = parse::<Fm>(Path::new("a.md"), "title: 'it''s\n", 2).unwrap_err();
        assert!(e.to_string().starts_with("a.md:2:8: "), "{e}");
        assert!(e.to_string().ends_with("end it with ' on this line"), "{e}");
        assert_eq!(unclosed_quote("a: \"x\\\"y\""), None);
        assert_eq!(unclosed_quote("# a: \"x"), None);
        assert_eq!(unclosed_quote("  - \"x"), Some((4, '"')));
    }

    #[test]
    fn duplicate_keys_point_at_the_second_and_name_the_first() {
        let e = parse::<Fm>(Path::new("a.md"), "title: x\nslug: s\ntitle: y\n", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:4:1: duplicate field `title`: it is already set on line 2"
        );
    }

    #[test]
    fn empty_sources_say_they_are_empty() {
        let e = parse::<Fm>(Path::new("a.yaml"), "\n", 1).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.yaml:1:1: the file is empty: expected at least the field `title`"
        );
        let e = parse::<Fm>(Path::new("a.md"), "", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:2:1: the front matter is empty: expected at least the field `title`"
        );
    }

    #[test]
    fn tabs_in_indentation_are_refused() {
        let e = parse::<Fm>(Path::new("a.md"), "title: x\n\tslug: y\n", 2).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:3:1: a tab is used for indentation; YAML allows only spaces"
        );
    }
}

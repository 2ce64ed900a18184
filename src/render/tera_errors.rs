//! Tera's error texts made to name what is wrong: `Unknown tag` gets the tag's name (and the
//! closest known tag), and the report Tera renders for unknown filters, tests and functions is
//! read back into a place and a one-line message.

use std::path::PathBuf;

use crate::diagnostic::{Hint, Location};

/// The tags Tera 2 parses (`parsing/parser.rs`); a did-you-mean for an unknown one.
const TAGS: [&str; 20] = [
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "block",
    "endblock",
    "extends",
    "include",
    "set",
    "set_global",
    "endset",
    "filter",
    "endfilter",
    "component",
    "endcomponent",
    "break",
    "continue",
    "raw",
];

/// A syntax error's message; Tera says `Unknown tag` without naming it, so the name is read
/// from the template source at the error's span.
pub fn syntax_message(
    message: &str,
    source: Option<&str>,
    range: std::ops::Range<usize>,
) -> String {
    if message != "Unknown tag" {
        return message.to_string();
    }
    let Some(tag) = source.and_then(|s| s.get(range)).map(str::trim) else {
        return message.to_string();
    };
    let name: String = tag
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() {
        return format!("unknown tag `{tag}`");
    }
    format!("unknown tag `{name}`{}", Hint::closest(&name, TAGS))
}

/// The errors in a report Tera renders into one text when templates are put together (unknown
/// filters, tests and functions): blocks of `error: MESSAGE` then ` --> NAME:LINE:COL`. Each
/// comes back as (template name, line, 1-based column, message); an empty list when the text is
/// not such a report.
pub fn parse_report(text: &str) -> Vec<(String, usize, usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines.get(i + 1).and_then(|l| l.trim().strip_prefix("--> ")) else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let (Some(col), Some(line_no), Some(name)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let (Ok(line_no), Ok(col)) = (line_no.parse::<usize>(), col.parse::<usize>()) else {
            continue;
        };
        // Tera's `Unknown filter `x`` becomes `unknown filter `x``, as our messages read.
        let message = match message.strip_prefix("Unknown ") {
            Some(rest) => format!("unknown {rest}"),
            None => message.to_string(),
        };
        out.push((name.to_string(), line_no, col, message));
    }
    out
}

/// Where Tera's report puts `name`: the template's path under templates/.
pub fn located(path: PathBuf, line: usize, column: usize) -> Location {
    Location::new(path, line.max(1), column.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_tags_are_named_with_the_closest_known_one() {
        let src = "{% if x %}y{% endiff %}";
        assert_eq!(
            syntax_message("Unknown tag", Some(src), 14..20),
            "unknown tag `endiff` — did you mean `endif`?"
        );
        assert_eq!(syntax_message("Expected x", Some(src), 0..1), "Expected x");
    }

    #[test]
    fn rendered_reports_are_read_back_into_places() {
        let text = "error: Unknown filter `nofilter`\n --> page.html:2:8\n  |\n2 | {{ x | nofilter }}\n  |        ^^^^^^^^\n\nerror: Unknown function `f`\n --> base.html:5:3\n";
        assert_eq!(
            parse_report(text),
            vec![
                ("page.html".into(), 2, 8, "unknown filter `nofilter`".into()),
                ("base.html".into(), 5, 3, "unknown function `f`".into()),
            ]
        );
    }
}

//! Splitting a Markdown file into YAML front matter and body, and the front matter's shape.

use std::path::Path;

use serde::Deserialize;

use super::ContentError;
use crate::diagnostic::Location;
use crate::yaml;

/// A page's words: everything in front matter. Facts never go here.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title (the h1 and `<title>`). Optional only where the page is named in Fluent
    /// (themes, partnerships, bodies: `theme-<id>` …), which then gives the title.
    #[serde(default)]
    pub title: String,
    /// URL segment; derived from the title when absent.
    #[serde(default)]
    pub slug: Option<String>,
    /// One sentence for listings and search engines.
    #[serde(default)]
    pub description: Option<String>,
    /// Template to render with instead of the section's default.
    #[serde(default)]
    pub template: Option<String>,
    /// `pending` on a source (reference-language) page whose translations are not written
    /// yet: every language without a version shows a notice.
    #[serde(default)]
    pub translation: Option<TranslationState>,
    /// The languages whose version of this source page is not written yet (`pending: [sv]`):
    /// only these show a notice, so adding a language does not silence a missing one.
    #[serde(default)]
    pub pending: Vec<String>,
    /// Hash of the source text this translation was made from.
    #[serde(default)]
    pub translated_from: Option<String>,
    /// Not ready to publish: only `serve` and `build --drafts` build the page (see
    /// [`super::Content::hold_drafts`]).
    #[serde(default)]
    pub draft: bool,
    /// Earlier URLs of the page (below the base path, e.g. `/fi/teemat/vanha/`), each of
    /// which gets a redirect page; checked in `localize`.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The only translation state an author can declare.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TranslationState {
    /// The other languages' versions are not written yet.
    Pending,
}

/// A split Markdown file.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The Markdown after the closing `---` line.
    pub body: &'a str,
    /// 1-based line of `file` on which `body` starts.
    pub body_line: usize,
}

/// Splits `text` (already decoded, LF line ends) into front matter and body.
///
/// Fails when the file does not start with a `---` line or the front matter is never closed.
pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, ContentError> {
    if text.trim().is_empty() {
        return Err(ContentError::FrontMatter {
            at: Location::file(file),
            message: "the file is empty: expected front matter (a line `---`, `title: …`, a line `---`) and then the page's text".into(),
        });
    }
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(ContentError::FrontMatter {
            at: Location::file(file),
            message: "expected front matter: the file must start with a line `---`".into(),
        });
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                yaml: &rest[..offset],
                body,
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(ContentError::FrontMatter {
        at: Location::file(file),
        message: "front matter is not closed: no line `---` after the opening one".into(),
    })
}

/// Parses the front matter of `file`; line numbers count from the top of the file.
pub fn parse(file: &Path, yaml_text: &str) -> Result<FrontMatter, ContentError> {
    // A missing title is reported by `localize`, which knows whether Fluent names the page.
    Ok(yaml::parse(file, yaml_text, 2)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_line_counts_from_the_top_of_the_file() {
        let s = split(Path::new("a.md"), "---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = split(Path::new("a.md"), "---\ntitle: x\nbody\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:1:1: front matter is not closed: no line `---` after the opening one"
        );
    }
}

//! `aliases:` in front matter: the earlier URLs of a page, each kept alive as a small
//! redirect page (as Zola and Hugo do), so that a renamed page never breaks a link or a
//! bookmark. Checked here, where every page's URL is known.

use std::collections::HashMap;

use serde::Serialize;

use super::error::{LocalizeError, invalid};
use super::pages::Localized;
use crate::content::{Content, locate_in_front};
use crate::diagnostic::Location;
use crate::outputs;

/// One earlier URL of a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alias {
    /// The old URL, base path included, ending in `/` or `.html` (`/fi/teemat/vanha/`).
    pub url: String,
    /// Index in [`Localized::pages`] of the page it now leads to.
    pub page: usize,
    /// Where the alias is written.
    #[serde(skip)]
    pub at: Location,
}

impl Alias {
    /// The file of the output that holds the redirect (`fi/teemat/vanha/index.html`).
    pub fn output_path(&self, base_path: &str) -> String {
        output_path(self.url.strip_prefix(base_path).unwrap_or(&self.url))
    }
}

/// `/fi/x/` → `fi/x/index.html`; `/vanha.html` → `vanha.html`.
fn output_path(below_base: &str) -> String {
    let rel = below_base.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// What is wrong with `alias` as written, if anything: it must be a path below the site's
/// root, ending in `/` (a directory URL) or `.html`.
fn shape_problem(alias: &str) -> Option<&'static str> {
    if !alias.starts_with('/') || alias.starts_with("//") {
        return Some(
            "an alias is a path below the site's root, starting with `/` (e.g. `/fi/teemat/vanha-nimi/`)",
        );
    }
    if alias.contains(['?', '#', '\\']) || alias.chars().any(char::is_whitespace) {
        return Some("an alias has no query, fragment, backslash or white space");
    }
    let segments: Vec<&str> = alias[1..].split('/').collect();
    let (last, inner) = segments.split_last().unwrap_or((&"", &[]));
    if inner.iter().any(|s| matches!(*s, "" | "." | "..")) || matches!(*last, "." | "..") {
        return Some("an alias has no empty, `.` or `..` segments");
    }
    if alias == "/" || !(alias.ends_with('/') || alias.ends_with(".html")) {
        return Some(
            "an alias ends in `/` (the old page's URL) or `.html`, and is not the site's root",
        );
    }
    None
}

/// Whether the output file `path` is one the site writes for itself (chooser, 404, robots,
/// sitemap, feeds, search files), which a redirect must not replace.
fn is_site_file(path: &str, languages: &[String]) -> bool {
    [
        outputs::CHOOSER,
        outputs::NOT_FOUND,
        outputs::ROBOTS,
        outputs::SITEMAP,
    ]
    .contains(&path)
        || path.starts_with("search/")
        || languages.iter().any(|l| path == outputs::feed(l))
}

/// The aliases of every page `site` renders from Markdown, in page order.
///
/// Each bad one is an error at its place in the front matter: not a path below the root,
/// the URL of a page or a site-wide file, or an alias of another page (or twice of one).
pub(super) fn collect(
    content: &Content,
    site: &Localized,
    errors: &mut Vec<LocalizeError>,
) -> Vec<Alias> {
    let pages: HashMap<String, usize> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                output_path(p.url.strip_prefix(&site.base_path).unwrap_or(&p.url)),
                i,
            )
        })
        .collect();
    let mut taken: HashMap<String, Location> = HashMap::new();
    let mut aliases = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        let Some(src) = page.content_index.map(|c| &content.pages[c]) else {
            continue;
        };
        let file = src.source.clone().unwrap_or_default();
        for alias in &src.front.aliases {
            let at = locate_in_front(&file, &src.front_yaml, "aliases", alias);
            if let Some(problem) = shape_problem(alias) {
                errors.push(invalid(at, format!("alias `{alias}`: {problem}")));
                continue;
            }
            let path = output_path(alias);
            if let Some(&other) = pages.get(&path) {
                let other = &site.pages[other];
                let whose = if other.key == page.key && other.lang == page.lang {
                    "this page's own URL".to_string()
                } else {
                    let file = other.source.as_deref().unwrap_or(std::path::Path::new(""));
                    format!("the URL of the page {}", file.display())
                };
                errors.push(invalid(
                    at,
                    format!("alias `{alias}` is {whose}; a redirect cannot replace a page"),
                ));
                continue;
            }
            if is_site_file(&path, &site.languages) {
                errors.push(invalid(
                    at,
                    format!("alias `{alias}` is a file the site writes for itself (/{path})"),
                ));
                continue;
            }
            if let Some(first) = taken.get(&path) {
                errors.push(invalid(at.clone(), format!("alias `{alias}` is already given at {first}; an old URL can lead to one page only")));
                continue;
            }
            taken.insert(path, at.clone());
            aliases.push(Alias {
                url: format!("{}{alias}", site.base_path),
                page: i,
                at,
            });
        }
    }
    aliases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_is_a_clean_path_below_the_root() {
        for ok in ["/fi/vanha/", "/vanha.html", "/fi/a/b/"] {
            assert_eq!(shape_problem(ok), None, "{ok}");
        }
        for bad in [
            "fi/vanha/",
            "//host/x/",
            "/fi/x/?a",
            "/fi/../x/",
            "/fi//x/",
            "/fi/x",
            "/",
            "/a b/",
        ] {
            assert!(shape_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn aliases_name_the_file_that_holds_the_redirect() {
        assert_eq!(output_path("/fi/vanha/"), "fi/vanha/index.html");
        assert_eq!(output_path("/vanha.html"), "vanha.html");
    }
}

//! The URLs an output file holds, and the output file a URL names: what the sub-path tests
//! (`tests/base_url.rs`, `tests/nginx.rs`) check every URL of a build with.

use std::path::{Path, PathBuf};

/// The base URL the sub-path tests build with.
pub const BASE: &str = "https://www.example.org/kumppanuudet/";
/// Its path.
pub const PREFIX: &str = "/kumppanuudet/";

/// Every file under `dir`, relative, `/`-separated.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// The values of `attr="…"` (any attribute whose name ends with `attr`, e.g. `data-index`
/// for `-index`) in `text`.
pub fn attribute_values<'a>(text: &'a str, names: &[&str]) -> Vec<&'a str> {
    let mut found = Vec::new();
    for name in names {
        for quote in ['"', '\''] {
            let needle = format!("{name}={quote}");
            for (i, _) in text.match_indices(&needle) {
                // A whole attribute name: preceded by white space.
                if !text[..i].ends_with(|c: char| c.is_whitespace()) {
                    continue;
                }
                let start = i + needle.len();
                if let Some(len) = text[start..].find(quote) {
                    found.push(&text[start..start + len]);
                }
            }
        }
    }
    found
}

/// Every URL-looking value of an output file: attributes of HTML/XML, `url(…)` of CSS,
/// quoted strings of JS/JSON/CSS that start with `/` (`"/"` alone is a separator in the
/// search code and index, not a link), and the text of XML elements that holds a URL.
pub fn urls_in(path: &str, text: &str) -> Vec<String> {
    let ext = path.rsplit('.').next().unwrap_or("");
    let mut urls: Vec<String> = Vec::new();
    if matches!(ext, "html" | "xml") {
        let attrs = [
            "href",
            "src",
            "action",
            "content",
            "srcset",
            "poster",
            "data-index",
            "data-url",
            "data-src",
            "data-base",
        ];
        urls.extend(attribute_values(text, &attrs).into_iter().map(String::from));
        // A data-* attribute this list does not name yet still counts.
        for (i, _) in text.match_indices(" data-") {
            let rest = &text[i + 1..];
            if let Some(eq) = rest.find("=\"/")
                && rest[..eq]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                let v = &rest[eq + 2..];
                urls.push(v[..v.find('"').unwrap_or(v.len())].to_string());
            }
        }
        for tag in ["loc", "id", "uri", "icon", "logo"] {
            let open = format!("<{tag}>");
            for (i, _) in text.match_indices(&open) {
                let v = &text[i + open.len()..];
                urls.push(v[..v.find('<').unwrap_or(0)].to_string());
            }
        }
    }
    if matches!(ext, "css" | "html") {
        for (i, _) in text.match_indices("url(") {
            let v = text[i + 4..].trim_start_matches(['"', '\'']);
            let end = v.find([')', '"', '\'']).unwrap_or(v.len());
            urls.push(v[..end].to_string());
        }
    }
    if matches!(ext, "js" | "json" | "css" | "html") {
        for quote in ['"', '\''] {
            let needle = format!("{quote}/");
            for (i, _) in text.match_indices(&needle) {
                let v = &text[i + 1..];
                let Some(end) = v[1..].find(quote) else {
                    continue;
                };
                let s = &v[..end + 1];
                if s.len() > 1 && !s.starts_with("//") && !s.contains(char::is_whitespace) {
                    urls.push(s.to_string());
                }
            }
        }
    }
    urls.retain(|u| u.starts_with('/') || u.starts_with("http"));
    urls
}

/// The output file a root-relative URL under `PREFIX` names, if any.
pub fn target_of(out: &Path, url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix(PREFIX)?;
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let mut path = out.join(rest);
    if rest.is_empty() || rest.ends_with('/') {
        path = path.join("index.html");
    }
    path.is_file().then_some(path)
}

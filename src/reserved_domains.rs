//! Placeholder addresses: a configured URL or e-mail address on a domain reserved for examples
//! (RFC 2606 and RFC 6761: `example.*`, `*.example`, `*.test`, `*.invalid`) must not be
//! published. `build` and `check` warn while one is left, naming the field and its line.

use std::path::Path;

use crate::diagnostic::Location;

/// One configured address on a reserved domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Where the value is: the file (root-relative), line and column of the address.
    pub at: Location,
    /// The field, dotted for nested ones (`supervisor_contact.url`).
    pub field: String,
    /// The URL or address as written.
    pub value: String,
}

impl Placeholder {
    /// The warning, with its place: `content/site.yaml:2:11: base_url …`.
    pub fn message(&self) -> String {
        format!(
            "`{}` is `{}`, on a domain reserved for examples: set the real address before publishing",
            self.field, self.value
        )
    }
}

/// Whether `host` is reserved for examples: `example.<tld>` (and any name under it), or a
/// name under the top-level domains `example`, `test` or `invalid`.
pub fn is_reserved(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    let second = labels.len().checked_sub(2).map(|i| labels[i]);
    ["example", "test", "invalid"].contains(&tld) || second == Some("example")
}

/// The host of a URL (`https://a.example.fi:8080/x` → `a.example.fi`) or of an e-mail
/// address (`mailto:` optional); `None` for anything else.
fn host_of(value: &str) -> Option<&str> {
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    let host = if let Some((_, rest)) = value.split_once("://") {
        let authority = rest.split(['/', '?', '#']).next()?;
        let authority = authority.rsplit_once('@').map_or(authority, |a| a.1);
        authority.split(':').next()?
    } else {
        let (local, domain) = value
            .strip_prefix("mailto:")
            .unwrap_or(value)
            .split_once('@')?;
        if local.is_empty() || local.contains(char::is_whitespace) {
            return None;
        }
        domain
    };
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Every address on a reserved domain in the YAML `text` of `file`, with its dotted field.
///
/// Reads the text line by line (keys and their indentation), so it also finds a placeholder in
/// a file that fails to parse for another reason.
pub fn scan(file: &Path, text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    // (indentation, key) of the mappings that enclose the current line.
    let mut path: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.split(" #").next().unwrap_or_default();
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let indent = content.len() - content.trim_start().len();
        let item = content
            .trim_start()
            .strip_prefix("- ")
            .unwrap_or(content.trim_start());
        let Some((key, value)) = item.split_once(':').filter(|(k, _)| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        }) else {
            continue;
        };
        while path.last().is_some_and(|(d, _)| *d >= indent) {
            path.pop();
        }
        path.push((indent, key.to_string()));
        let value_start = content.len() - value.len();
        for (offset, word) in words(value) {
            if host_of(word).is_some_and(is_reserved) {
                let field: Vec<&str> = path.iter().map(|(_, k)| k.as_str()).collect();
                found.push(Placeholder {
                    at: Location::new(file, i + 1, value_start + offset + 1),
                    field: field.join("."),
                    value: word.trim_matches(|c| c == '"' || c == '\'').to_string(),
                });
            }
        }
    }
    found
}

/// The words of a YAML value with their byte offsets, flow punctuation removed.
fn words(value: &str) -> impl Iterator<Item = (usize, &str)> {
    value
        .split_inclusive(|c: char| c.is_whitespace() || "[],{}".contains(c))
        .scan(0, |pos, w| {
            let start = *pos;
            *pos += w.len();
            let trimmed = w.trim_end_matches(|c: char| c.is_whitespace() || "[],{}".contains(c));
            let lead = trimmed.len() - trimmed.trim_start_matches(['[', '{']).len();
            Some((start + lead, &trimmed[lead..]))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Every placeholder address configured under `root`: in `content/site.yaml` and in every
/// record (`content/**/*.yaml`, `*.yml`), in path order. Unreadable files are skipped here: loading
/// them reports the problem.
pub fn find(root: &Path) -> Vec<Placeholder> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        // Records are `.yaml` or `.yml`, as the build reads them.
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "yaml" || x == "yml")
        })
        .map(|e| e.into_path())
        .collect();
    // The site configuration first: its base URL is the address most often left as a sample.
    files.sort_by_key(|p| (!p.ends_with(crate::config::CONFIG_PATH), p.clone()));
    files
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some(scan(&crate::diagnostic::relative(root, p), &text))
        })
        .flatten()
        .collect()
}

/// [`find`] on what the build loaded: `content/site.yaml` (its one file read here) and the
/// records as `content` holds them, without walking `content/` again.
pub fn in_loaded(root: &Path, records: &crate::content::records::Records) -> Vec<Placeholder> {
    let config = Path::new(crate::config::CONFIG_PATH);
    let site = std::fs::read_to_string(root.join(config))
        .map(|text| scan(config, &text))
        .unwrap_or_default();
    site.into_iter()
        .chain(
            records
                .sources()
                .into_iter()
                .flat_map(|(file, text)| scan(file, text)),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_domains_are_the_example_ones() {
        for host in [
            "example.fi",
            "kaupunkikumppanuudet.example.fi",
            "example.com",
            "portal.test",
            "x.invalid",
            "site.example",
        ] {
            assert!(is_reserved(host), "{host}");
        }
        for host in [
            "kaupunkikumppanuudet.fi",
            "traficom.fi",
            "examples.fi",
            "example-city.fi",
        ] {
            assert!(!is_reserved(host), "{host}");
        }
    }

    #[test]
    fn urls_and_addresses_are_found_with_field_line_and_column() {
        let text = "base_url: https://kumppanuudet.example.fi\nlanguages: [fi]\ncontact:\n  email: saavutettavuus@example.fi\n  url: \"https://www.traficom.fi/\"\n";
        let found = scan(Path::new("content/site.yaml"), text);
        assert_eq!(
            found,
            vec![
                Placeholder {
                    at: Location::new("content/site.yaml", 1, 11),
                    field: "base_url".into(),
                    value: "https://kumppanuudet.example.fi".into(),
                },
                Placeholder {
                    at: Location::new("content/site.yaml", 4, 10),
                    field: "contact.email".into(),
                    value: "saavutettavuus@example.fi".into(),
                },
            ]
        );
    }
}

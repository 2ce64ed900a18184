//! Which Fluent messages a template may show, read from its text: the calls of the template
//! functions that format one ([`crate::render::MESSAGE_FUNCTIONS`]: `t(key=…)`,
//! `city(id=…)`, `org(id=…)`). A Fluent edit renders again the pages whose template may show
//! a changed message in any language (a template asks for other languages' messages too:
//! `t(key="switch-to", lang=alt.lang)`), besides those whose own data the edit changed.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::render::MESSAGE_FUNCTIONS;

/// The messages one template may show itself (not through the templates it uses).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    /// Ids named in full (`t(key="site-title")`, `city(id="oulu")` is `city-oulu`).
    ids: BTreeSet<String>,
    /// Ids known by their start only (`t(key="status-" ~ record.status)`, `city(id=c.id)`).
    prefixes: BTreeSet<String>,
    /// A message whose id is computed (`t(key=name)`): any message.
    any: bool,
}

impl Shown {
    /// The messages the calls in template source `text` may show.
    pub fn of(text: &str) -> Shown {
        static CALL: LazyLock<Regex> = LazyLock::new(|| {
            let names: Vec<&str> = MESSAGE_FUNCTIONS.iter().map(|f| f.0).collect();
            let pattern = format!(r"(?:^|[^A-Za-z0-9_.])({})\s*\(", names.join("|"));
            Regex::new(&pattern).unwrap_or_else(|e| unreachable!("message call pattern: {e}"))
        });
        let mut shown = Shown::default();
        for call in CALL.captures_iter(text) {
            let (Some(name), Some(all)) = (call.get(1), call.get(0)) else {
                continue;
            };
            let Some(&(_, arg, prefix)) = MESSAGE_FUNCTIONS.iter().find(|f| f.0 == name.as_str())
            else {
                continue;
            };
            let args = top_level(&text[all.end()..], ')');
            let value = args
                .into_iter()
                .find_map(|a| {
                    let (k, v) = a.split_once('=')?;
                    (k.trim() == arg && !v.starts_with('=')).then_some(v.trim())
                })
                .unwrap_or("");
            shown.add_call(prefix, value);
        }
        shown
    }

    /// One call whose message argument is the Tera expression `value`, its id `prefix` and
    /// then the value.
    fn add_call(&mut self, prefix: &str, value: &str) {
        match leading_string(value) {
            Some((s, rest)) if rest.trim().is_empty() => {
                self.ids.insert(format!("{prefix}{s}"));
            }
            Some((s, rest)) if rest.trim_start().starts_with('~') => {
                self.prefixes.insert(format!("{prefix}{s}"));
            }
            _ if !prefix.is_empty() => {
                self.prefixes.insert(prefix.to_string());
            }
            _ => self.any = true,
        }
    }

    /// Whether one of the messages `ids` may be shown.
    pub fn any_of(&self, ids: &BTreeSet<String>) -> bool {
        (self.any && !ids.is_empty())
            || ids.iter().any(|id| {
                self.ids.contains(id) || self.prefixes.iter().any(|p| id.starts_with(p.as_str()))
            })
    }
}

/// The comma-separated parts of `text` up to the `close` that ends them, outside strings and
/// brackets: the arguments of a call whose `(` was just before `text`.
fn top_level(text: &str, close: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut quote) = (0usize, 0usize, None::<char>);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, c) if c == close && depth == 0 => {
                parts.push(&text[start..i]);
                return parts;
            }
            (None, ')' | ']' | '}') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A string literal at the start of `value`: its text and what follows it.
fn leading_string(value: &str) -> Option<(&str, &str)> {
    let q = value
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let end = value[1..].find(q)?;
    Some((&value[1..1 + end], &value[2 + end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn named_ids_prefixes_and_computed_ids() {
        let shown = Shown::of(
            r#"<title>{{ t(key="site-title", lang=l) }}</title>
{{ t(key="status-" ~ record.status) }} {{ city(id="oulu", case="genitive") }}
{{ org(id=publisher, lang=home.lang) }} {{ t(key="criteria", list=a | join(sep=", ")) }}
{{ format(x) }} {{ page.t(key=y) }}"#,
        );
        assert_eq!(
            shown.ids,
            set(&["site-title", "city-oulu", "criteria"]),
            "{shown:?}"
        );
        assert_eq!(shown.prefixes, set(&["status-", "org-"]));
        assert!(!shown.any);
        assert!(shown.any_of(&set(&["org-tem"])));
        assert!(shown.any_of(&set(&["status-active"])));
        assert!(!shown.any_of(&set(&["city-kuopio", "nav-label"])));
        assert!(Shown::of(r#"{{ t(key=name) }}"#).any_of(&set(&["nav-label"])));
        assert!(!Shown::of(r#"{{ t(key=name) }}"#).any_of(&set(&[])));
    }
}

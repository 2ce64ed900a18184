//! Which Fluent messages a template may show, read from its text: the calls of the template
//! functions that format one ([`crate::render::MESSAGE_FUNCTIONS`]: `t(key=…)`,
//! `city(id=…)`, `org(id=…)`). A Fluent edit renders again the pages whose template may show
//! a changed message in any language (a template asks for other languages' messages too:
//! `t(key="switch-to", lang=alt.lang)`), besides those whose own data the edit changed.

use std::collections::BTreeSet;

use crate::check::scan::calls;
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
    /// The messages the calls in template source `text` may show, found as `check` finds the
    /// messages a site uses ([`calls`]).
    pub fn of(text: &str) -> Shown {
        let names: Vec<&str> = MESSAGE_FUNCTIONS.iter().map(|f| f.0).collect();
        let mut shown = Shown::default();
        for call in calls(text, &names) {
            let Some(&(_, arg, prefix)) = MESSAGE_FUNCTIONS.iter().find(|f| f.0 == call.name)
            else {
                continue;
            };
            let value = call.arg(arg);
            match value.and_then(|a| Some((a.literal.as_deref()?, a.concat))) {
                Some((id, false)) => {
                    shown.ids.insert(format!("{prefix}{id}"));
                }
                Some((start, true)) => {
                    shown.prefixes.insert(format!("{prefix}{start}"));
                }
                None if !prefix.is_empty() => {
                    shown.prefixes.insert(prefix.to_string());
                }
                None => shown.any = true,
            }
        }
        shown
    }

    /// Whether one of the messages `ids` may be shown.
    pub fn any_of(&self, ids: &BTreeSet<String>) -> bool {
        (self.any && !ids.is_empty())
            || ids.iter().any(|id| {
                self.ids.contains(id) || self.prefixes.iter().any(|p| id.starts_with(p.as_str()))
            })
    }
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

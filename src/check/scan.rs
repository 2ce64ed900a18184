//! Which Fluent messages the site uses: `t(key=…)` and `city(…, case=…)` calls in templates and
//! content shortcodes, and ids in records that name messages (`city-<id>`, `org-<id>` …).

use std::collections::BTreeSet;
use std::path::Path;

use crate::content::Content;
use crate::diagnostic::Location;
use crate::render::Templates;

/// Fluent prefixes whose ids come from records (see docs/content.md, "Fluent keys").
pub const RECORD_PREFIXES: [&str; 5] = ["city", "region", "org", "role", "programme"];

/// Messages the generator itself formats, by literal key, outside templates: the pending
/// notice's title and the marker links to it show (`i18n/localize/urls.rs`) and the "and" of member lists (`markdown/shortcodes.rs`).
/// The number words of `count` shortcodes are `number-words` (`markdown/shortcodes.rs`).
pub const GENERATOR_KEYS: [&str; 5] = [
    "pending-title",
    "pending-marker",
    "list-and",
    "number-words",
    "table-label",
];

/// A named argument of a call, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// Argument name (`key`, `case`, `id`).
    pub name: String,
    /// The string literal it starts with, if any.
    pub literal: Option<String>,
    /// Byte offset of the literal's opening quote.
    pub offset: usize,
    /// Length in characters of the literal with its quotes.
    pub len: usize,
    /// Whether the literal is followed by `~` (Tera concatenation): then it is only a prefix.
    pub concat: bool,
}

/// A call `name(arg=…, …)` found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Function name.
    pub name: String,
    /// Named arguments.
    pub args: Vec<Arg>,
}

impl Call {
    /// The argument `name`.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.name == name)
    }
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every call of one of `names` in `text`, with its named arguments.
///
/// A name counts only when not preceded by an identifier character (`format(` is not `t(`).
pub fn calls(text: &str, names: &[&str]) -> Vec<Call> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (start, _) in text.match_indices('(') {
        let name_start = text[..start]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_ident(*c))
            .last()
            .map_or(start, |(i, _)| i);
        let name = &text[name_start..start];
        if name.is_empty() || !names.contains(&name) {
            continue;
        }
        if name_start > 0 && (bytes[name_start - 1] == b'.' || bytes[name_start - 1] == b'_') {
            continue;
        }
        out.push(Call {
            name: name.to_string(),
            args: parse_args(text, start + 1),
        });
    }
    out
}

fn parse_args(text: &str, mut i: usize) -> Vec<Arg> {
    let b = text.as_bytes();
    let skip_ws = |mut i: usize| {
        while i < b.len() && (b[i] as char).is_whitespace() {
            i += 1;
        }
        i
    };
    let mut args = Vec::new();
    loop {
        i = skip_ws(i);
        let n0 = i;
        while i < b.len() && is_ident(b[i] as char) {
            i += 1;
        }
        let name = &text[n0..i];
        i = skip_ws(i);
        if name.is_empty() || i >= b.len() || b[i] != b'=' {
            return args;
        }
        i = skip_ws(i + 1);
        let mut arg = Arg {
            name: name.to_string(),
            literal: None,
            offset: i,
            len: 0,
            concat: false,
        };
        if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
            let q = b[i];
            if let Some(end) = text[i + 1..].find(q as char) {
                let lit = &text[i + 1..i + 1 + end];
                arg.len = lit.chars().count() + 2;
                arg.literal = Some(lit.to_string());
                i = skip_ws(i + end + 2);
                arg.concat = i < b.len() && b[i] == b'~';
            }
        }
        // Skip the rest of the value up to the next top-level `,` or `)`.
        let mut depth = 0usize;
        let mut quote: Option<u8> = None;
        while i < b.len() {
            let c = b[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    b'"' | b'\'' => quote = Some(c),
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' if depth > 0 => depth -= 1,
                    b')' | b'}' => {
                        args.push(arg);
                        return args;
                    }
                    b',' if depth == 0 => break,
                    _ => {}
                },
            }
            i += 1;
        }
        args.push(arg);
        if i >= b.len() {
            return args;
        }
        i += 1;
    }
}

/// A use of a message key, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyUse {
    /// The key, or the literal prefix of a key built with `~`.
    pub key: String,
    /// Where the literal is.
    pub at: Location,
    /// Characters of the literal, quotes included.
    pub len: usize,
}

/// A grammatical case asked for by `city(…, case="…")` or `members(…, case="…")`.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseUse {
    /// The case (`genitive`).
    pub case: String,
    /// The one message it applies to (`city(id="oulu", …)`), or `None` for every `city-*`.
    pub message: Option<String>,
    /// The language of the content page that asks (its shortcodes render only in it), or
    /// `None` for a template (rendered in every language).
    pub lang: Option<String>,
    /// Where the `case` literal is.
    pub at: Location,
    /// Characters of the literal.
    pub len: usize,
}

/// What the site uses of its Fluent messages.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// Literal keys in templates (`t(key="nav-label")`).
    pub template_keys: Vec<KeyUse>,
    /// Literal prefixes of built keys in templates (`t(key="status-" ~ record.status)`).
    pub template_prefixes: Vec<KeyUse>,
    /// Keys named in content shortcodes, records and by the generator itself.
    pub other_keys: BTreeSet<String>,
    /// Cases asked for.
    pub cases: Vec<CaseUse>,
}

impl Usage {
    /// Scans the templates and the content as the build loaded them.
    pub fn collect(templates: &Templates, content: &Content) -> Usage {
        let mut usage = Usage::default();
        usage
            .other_keys
            .extend(GENERATOR_KEYS.iter().map(|k| k.to_string()));
        for (name, text) in &templates.sources {
            let rel = templates
                .files
                .get(name)
                .cloned()
                .unwrap_or_else(|| Path::new("templates").join(name));
            usage.scan(&rel, text, 1, None);
        }
        for page in &content.pages {
            let file = page.source.clone().unwrap_or_default();
            usage.scan(&file, &page.body, page.body_line, Some(&page.lang));
            // A theme, partnership or body page takes its title from its Fluent name.
            if let Some(key) = crate::i18n::localize::name_key(page) {
                usage.other_keys.insert(key);
            }
        }
        // Records name messages by id: `region: uusimaa` is `region-uusimaa`, a city record's
        // file stem is `city-<stem>`. Any scalar may be such an id, so every one is tried.
        for id in content.records.cities.keys() {
            usage.other_keys.insert(format!("city-{id}"));
        }
        // The records as the build loaded them (`.yaml` and `.yml`), never a walk of its own.
        for text in content.records.texts() {
            if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) {
                let mut scalars = Vec::new();
                collect_scalars(&value, &mut scalars);
                for s in scalars {
                    for p in RECORD_PREFIXES {
                        usage.other_keys.insert(format!("{p}-{s}"));
                    }
                }
            }
        }
        usage
    }

    fn scan(&mut self, file: &Path, text: &str, first_line: usize, lang: Option<&str>) {
        let template = lang.is_none();
        let at = |offset: usize| Location::at_offset(file, text, offset, first_line);
        for call in calls(
            text,
            &[
                "t",
                "city",
                "members",
                "count",
                "theme",
                "partnership",
                "body",
            ],
        ) {
            if call.name == "t" {
                let Some(arg) = call.arg("key") else { continue };
                let Some(lit) = &arg.literal else { continue };
                let u = KeyUse {
                    key: lit.clone(),
                    at: at(arg.offset),
                    len: arg.len,
                };
                match (template, arg.concat) {
                    (true, false) => self.template_keys.push(u),
                    (true, true) => self.template_prefixes.push(u),
                    (false, _) => {
                        self.other_keys.insert(u.key);
                    }
                }
                continue;
            }
            let id = call
                .arg("id")
                .filter(|a| !a.concat)
                .and_then(|a| a.literal.clone());
            // `city(id="oulu")` names `city-oulu`, `theme(id="culture")` names `theme-culture`.
            let named = ["city", "theme", "partnership", "body"]
                .contains(&call.name.as_str())
                .then(|| id.as_ref().map(|i| format!("{}-{i}", call.name)))
                .flatten();
            if let Some(key) = &named {
                self.other_keys.insert(key.clone());
            }
            if let Some(arg) = call.arg("case")
                && let Some(case) = &arg.literal
                && !arg.concat
            {
                self.cases.push(CaseUse {
                    case: case.clone(),
                    message: match call.name.as_str() {
                        "members" => None,
                        "count" => Some("number-words".to_string()),
                        _ => named,
                    },
                    lang: lang.map(str::to_string),
                    at: at(arg.offset),
                    len: arg.len,
                });
            }
        }
    }

    /// Whether `key` is used: named literally anywhere, or starting with a template's prefix.
    pub fn uses(&self, key: &str) -> bool {
        self.other_keys.contains(key)
            || self.template_keys.iter().any(|u| u.key == key)
            || self
                .template_prefixes
                .iter()
                .any(|u| key.starts_with(&u.key))
    }
}

fn collect_scalars(v: &serde_yaml::Value, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::String(s) => out.push(s.clone()),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| collect_scalars(i, out)),
        serde_yaml::Value::Mapping(m) => m.values().for_each(|i| collect_scalars(i, out)),
        serde_yaml::Value::Tagged(t) => collect_scalars(&t.value, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_find_literal_keys_prefixes_and_cases() {
        let text = r#"{{ t(key="a-b") }} {{ format(key="no") }} {{ t(key="status-" ~ r.s, n=f(1, 2)) }} {{ city(id=page.id, case="genitive") }}"#;
        let c = calls(text, &["t", "city"]);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].arg("key").unwrap().literal.as_deref(), Some("a-b"));
        assert!(!c[0].arg("key").unwrap().concat);
        assert!(c[1].arg("key").unwrap().concat);
        assert_eq!(c[1].args.len(), 2);
        assert_eq!(c[2].arg("id").unwrap().literal, None);
        assert_eq!(
            c[2].arg("case").unwrap().literal.as_deref(),
            Some("genitive")
        );
    }

    #[test]
    fn calls_survive_unfinished_text() {
        for text in [
            "t(",
            "t(key=",
            "t(key=\"open",
            "t(key='a' ~",
            "t(=)",
            "(t",
            "ät(key=\"ä\")",
            "t(key=(\"a\"",
        ] {
            let _ = calls(text, &["t"]);
        }
        let c = calls("ä t(key='ö')", &["t"]);
        assert_eq!(c[0].arg("key").unwrap().literal.as_deref(), Some("ö"));
    }
}

//! Fact shortcodes in prose: `{{ name(arg="value", …) }}`, replaced by text in the page's
//! language before the Markdown is parsed, so prose never retypes a fact a record holds.

use std::path::Path;

use super::MarkdownError;
use crate::content::records::{Partnership, Records};
use crate::diagnostic::{Hint, Location};
use crate::i18n::Bundles;
use crate::i18n::collate::Collators;

/// Name shortcodes: shortcode, Fluent prefix of the name (`theme-<id>`), record directory.
/// Names in running text come from Fluent, so renaming a theme there renames it everywhere.
pub use crate::i18n::localize::NAME_KINDS;

/// What one shortcode takes: an argument it does not list is an error (with a did-you-mean),
/// and so is a required one left out. A new shortcode adds its line here and its arm to
/// `call`; the checking is done for it.
pub struct Signature {
    /// The shortcode's name.
    pub name: &'static str,
    /// Arguments it must have.
    pub required: &'static [&'static str],
    /// Arguments it may have.
    pub optional: &'static [&'static str],
}

/// Every shortcode, in the order error messages list them.
pub const SHORTCODES: &[Signature] = &[
    Signature {
        name: "city",
        required: &["id"],
        optional: &["case"],
    },
    Signature {
        name: "members",
        required: &["of"],
        optional: &["case"],
    },
    Signature {
        name: "count",
        required: &["of"],
        optional: &["case"],
    },
    Signature {
        name: "t",
        required: &["key"],
        optional: &["case"],
    },
    Signature {
        name: "lang",
        required: &["code", "text"],
        optional: &[],
    },
    Signature {
        name: "publisher",
        required: &[],
        optional: &["case"],
    },
    Signature {
        name: "theme",
        required: &["id"],
        optional: &["case", "capitalize"],
    },
    Signature {
        name: "partnership",
        required: &["id"],
        optional: &["case", "capitalize"],
    },
    Signature {
        name: "body",
        required: &["id"],
        optional: &["case", "capitalize"],
    },
];

/// The names of the shortcodes, in table order.
pub fn names() -> impl Iterator<Item = &'static str> {
    SHORTCODES.iter().map(|s| s.name)
}

/// One argument as written, with where its name is.
#[derive(Debug, Clone, PartialEq)]
struct Arg {
    name: String,
    value: String,
    /// Byte offset of the name in the shortcode's inner text.
    offset: usize,
}

/// Checks `args` against `sig`: every argument known and given once, every required one given.
fn check_args(
    sig: &Signature,
    args: &[Arg],
    start: &Location,
    at: &dyn Fn(usize) -> Location,
) -> Vec<MarkdownError> {
    let mut errors = Vec::new();
    let takes: Vec<&str> = sig.required.iter().chain(sig.optional).copied().collect();
    let name = sig.name;
    for (i, a) in args.iter().enumerate() {
        if !takes.contains(&a.name.as_str()) {
            let hint = Hint::closest(&a.name, takes.iter().copied());
            let known = if takes.is_empty() {
                "it takes no arguments".to_string()
            } else {
                format!("it takes {}", takes.join(", "))
            };
            errors.push(err(
                at(a.offset),
                format!(
                    "unknown argument `{}` of shortcode `{name}` ({known}){hint}",
                    a.name
                ),
            ));
        } else if args[..i].iter().any(|b| b.name == a.name) {
            errors.push(err(
                at(a.offset),
                format!("argument `{}` of shortcode `{name}` is given twice", a.name),
            ));
        }
    }
    for r in sig.required {
        if !args.iter().any(|a| a.name == *r) {
            errors.push(err(
                start.clone(),
                format!("shortcode `{name}` needs the argument `{r}`"),
            ));
        }
    }
    errors
}

/// Checks that `case` is a grammatical case the messages of `lang` have (a variant of some
/// message's `$case` selector).
fn check_case(data: &Data, lang: &str, case: &str, at: &Location) -> Result<(), MarkdownError> {
    let known = data.bundles.cases(lang);
    if known.contains(case) {
        return Ok(());
    }
    let hint = Hint::closest(case, known.iter().copied());
    let list = if known.is_empty() {
        format!("the messages of `{lang}` have no cases")
    } else {
        format!(
            "cases in `{lang}`: {}",
            known.iter().copied().collect::<Vec<_>>().join(", ")
        )
    };
    Err(err(
        at.clone(),
        format!("unknown case `{case}` ({list}){hint}"),
    ))
}

/// Opens a passage in another language: `LANG_OPEN`, the code, `LANG_CODE_END`, the text,
/// `LANG_CLOSE`. Private-use characters, because Markdown is parsed after expansion and content
/// may not hold raw HTML; the renderer turns them into `<span lang="…">`.
pub const LANG_OPEN: char = '\u{E000}';
/// Ends the language code of a marked passage.
pub const LANG_CODE_END: char = '\u{E001}';
/// Closes a marked passage.
pub const LANG_CLOSE: char = '\u{E002}';

/// Whether `code` is a language tag such as `fi`, `sv`, `en`, `se` or `sv-FI`.
fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// What shortcodes read.
pub struct Data<'a> {
    /// Records (members of partnerships, city ids).
    pub records: &'a Records,
    /// Fluent bundles (city names and cases).
    pub bundles: &'a Bundles,
    /// Collation for member lists.
    pub collators: &'a Collators,
    /// Organisation id of the site's publisher (`publisher:` in `content/site.yaml`).
    pub publisher: Option<&'a str>,
}

/// Maps offsets in the expanded text back to the original.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffsetMap {
    /// `(expanded_start, expanded_end, original_start, original_end)` per replacement.
    spans: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    /// The original offset of `expanded` (inside a replacement: its start).
    pub fn original(&self, expanded: usize) -> usize {
        let mut delta: isize = 0;
        for &(es, ee, os, oe) in &self.spans {
            if expanded < es {
                break;
            }
            if expanded < ee {
                return os;
            }
            delta = oe as isize - ee as isize;
        }
        (expanded as isize + delta).max(0) as usize
    }
}

/// Text with shortcodes replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Expanded {
    /// The text.
    pub text: String,
    /// Offsets back to the source.
    pub map: OffsetMap,
}

/// Replaces every shortcode in `body`.
///
/// Fails with the place of each unclosed or malformed shortcode, unknown shortcode name,
/// missing argument, unknown id or missing Fluent message.
pub fn expand(
    file: &Path,
    body: &str,
    first_line: usize,
    lang: &str,
    data: &Data,
) -> Result<Expanded, Vec<MarkdownError>> {
    if !body.contains("{{") {
        return Ok(Expanded {
            text: body.to_string(),
            map: OffsetMap::default(),
        });
    }
    let mut out = String::with_capacity(body.len());
    let mut map = OffsetMap::default();
    let mut errors = Vec::new();
    let mut rest = 0;
    while let Some(found) = body[rest..].find("{{") {
        let start = rest + found;
        out.push_str(&body[rest..start]);
        let at = Location::at_offset(file, body, start, first_line);
        let Some(len) = body[start..].find("}}") else {
            errors.push(err(at, "shortcode is not closed: `{{` without `}}`".into()));
            rest = body.len();
            break;
        };
        let end = start + len + 2;
        let inner = &body[start + 2..end - 2];
        let arg_at =
            |offset: usize| Location::at_offset(file, body, start + 2 + offset, first_line);
        let replacement = match parse(inner) {
            Ok((name, args)) => match SHORTCODES.iter().find(|s| s.name == name) {
                Some(sig) => {
                    let mut problems = check_args(sig, &args, &at, &arg_at);
                    if let Some(c) = args.iter().find(|a| a.name == "case")
                        && let Err(e) = check_case(data, lang, &c.value, &arg_at(c.offset))
                    {
                        problems.push(e);
                    }
                    if problems.is_empty() {
                        call(&name, &args, lang, data, &at).map_err(|e| vec![e])
                    } else {
                        Err(problems)
                    }
                }
                None => Err(vec![unknown_shortcode(&name, at.clone())]),
            },
            Err(m) => Err(vec![err(at.clone(), m)]),
        };
        let text = replacement.unwrap_or_else(|mut e| {
            errors.append(&mut e);
            String::new()
        });
        map.spans
            .push((out.len(), out.len() + text.len(), start, end));
        out.push_str(&text);
        rest = end;
    }
    out.push_str(&body[rest..]);
    if errors.is_empty() {
        Ok(Expanded { text: out, map })
    } else {
        Err(errors)
    }
}

/// `n` in words where the language's style asks for it (under ten: ”seitsemän”, ”sju”), else
/// in digits: the Fluent message `number-words` with `$n` and `$case` decides.
fn number_words(
    data: &Data,
    lang: &str,
    n: usize,
    case: Option<&str>,
    at: &Location,
) -> Result<String, MarkdownError> {
    let mut args = fluent::FluentArgs::new();
    args.set("n", n);
    args.set("case", case.unwrap_or("nominative").to_string());
    Ok(data.bundles.format(lang, "number-words", Some(&args), at)?)
}

fn err(at: Location, message: String) -> MarkdownError {
    MarkdownError::invalid(at, message)
}

fn unknown_shortcode(name: &str, at: Location) -> MarkdownError {
    let hint = Hint::closest(name, names());
    err(
        at,
        format!(
            "unknown shortcode `{name}` (known: {}){hint}",
            names().collect::<Vec<_>>().join(", ")
        ),
    )
}

/// `city(id="oulu", case="inessive")` → `("city", [id="oulu", case="inessive"])`, each argument
/// with the offset of its name in `inner`.
fn parse(inner: &str) -> Result<(String, Vec<Arg>), String> {
    let s = inner.trim();
    let expected = || {
        format!("malformed shortcode `{{{{{inner}}}}}`: expected e.g. {{{{ city(id=\"oulu\") }}}}")
    };
    let open = s.find('(').ok_or_else(expected)?;
    let name = s[..open].trim().to_string();
    let args_src = s[open + 1..].strip_suffix(')').ok_or_else(expected)?;
    let mut args = Vec::new();
    let mut rest = args_src.trim();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or_else(expected)?;
        let key = rest[..eq].trim().to_string();
        // `rest` is a slice of `inner`: where it starts is where the name is.
        let offset = rest.as_ptr() as usize - inner.as_ptr() as usize;
        let after = rest[eq + 1..].trim_start();
        let after = after.strip_prefix('"').ok_or_else(expected)?;
        let close = after.find('"').ok_or_else(expected)?;
        args.push(Arg {
            name: key,
            value: after[..close].to_string(),
            offset,
        });
        rest = after[close + 1..].trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok((name, args))
}

/// The text of shortcode `name` with `args` (checked against its [`Signature`]).
fn call(
    name: &str,
    args: &[Arg],
    lang: &str,
    data: &Data,
    at: &Location,
) -> Result<String, MarkdownError> {
    let call = Call {
        name,
        args,
        lang,
        data,
        at,
    };
    match name {
        "city" => call.city(),
        "count" => call.count(),
        "theme" | "partnership" | "body" => call.record_name(),
        "members" => call.members(),
        // Any message; one with case variants (an organisation) in `case`, else its default.
        "t" => Ok(data
            .bundles
            .name(lang, call.need("key")?, call.get("case"), at)?),
        "publisher" => call.publisher(),
        // A passage in another language, e.g. a Finnish name quoted in Swedish text: screen
        // readers switch voice only when the passage says its language.
        "lang" => call.passage(),
        _ => Err(unknown_shortcode(name, at.clone())),
    }
}

/// One shortcode being replaced: what the text of each shortcode is made from.
struct Call<'c> {
    /// The shortcode's name.
    name: &'c str,
    /// Its arguments, checked against its [`Signature`].
    args: &'c [Arg],
    /// The page language.
    lang: &'c str,
    /// Records and bundles.
    data: &'c Data<'c>,
    /// Where the shortcode starts.
    at: &'c Location,
}

impl<'c> Call<'c> {
    /// The value of argument `k`, if given.
    fn get(&self, k: &str) -> Option<&'c str> {
        self.args
            .iter()
            .find(|a| a.name == k)
            .map(|a| a.value.as_str())
    }

    /// The value of argument `k`; fails when it is not given.
    fn need(&self, k: &str) -> Result<&'c str, MarkdownError> {
        self.get(k).ok_or_else(|| {
            self.err(format!(
                "shortcode `{}` needs the argument `{k}`",
                self.name
            ))
        })
    }

    /// `message` at the shortcode's place.
    fn err(&self, message: String) -> MarkdownError {
        err(self.at.clone(), message)
    }

    /// The partnership `id`; fails with a did-you-mean when there is none.
    fn partnership(&self, id: &str) -> Result<&'c Partnership, MarkdownError> {
        let partnerships = &self.data.records.partnerships;
        match partnerships.get(id) {
            Some(p) => Ok(&p.data),
            None => {
                let hint = Hint::closest(id, partnerships.keys().map(String::as_str));
                Err(self.err(format!("unknown partnership id `{id}`{hint}")))
            }
        }
    }

    /// `city(id, case)`: the city's name, in `case`.
    fn city(&self) -> Result<String, MarkdownError> {
        let (data, at) = (self.data, self.at);
        let id = self.need("id")?;
        if !data.records.cities.contains_key(id) {
            let hint = Hint::closest(id, data.records.cities.keys().map(String::as_str));
            return Err(self.err(format!(
                "unknown city id `{id}` (cities are defined in content/cities/){hint}"
            )));
        }
        Ok(data.bundles.city(self.lang, id, self.get("case"), at)?)
    }

    /// `count(of, case)`: how many members a partnership has, as [`number_words`] writes it.
    fn count(&self) -> Result<String, MarkdownError> {
        let (data, lang, at) = (self.data, self.lang, self.at);
        let id = self.need("of")?;
        let p = self.partnership(id)?;
        match (p.members.len(), p.member_count) {
            (0, None) => Err(self.err(format!(
                "partnership `{id}` has neither `members` nor `member_count`: there is no number to show"
            ))),
            (0, Some(n)) => number_words(data, lang, n as usize, self.get("case"), at),
            (n, _) => number_words(data, lang, n, self.get("case"), at),
        }
    }

    /// `theme(id, case, capitalize)`, `partnership(…)`, `body(…)`: the record's name from
    /// Fluent, in `case`, capitalized to start a sentence.
    fn record_name(&self) -> Result<String, MarkdownError> {
        let (name, data, at) = (self.name, self.data, self.at);
        let id = self.need("id")?;
        let ids: Vec<&str> = match name {
            "theme" => data.records.themes.keys().map(String::as_str).collect(),
            "partnership" => data
                .records
                .partnerships
                .keys()
                .map(String::as_str)
                .collect(),
            _ => data.records.bodies.keys().map(String::as_str).collect(),
        };
        let Some(&(_, prefix, dir)) = NAME_KINDS.iter().find(|k| k.0 == name) else {
            return Err(self.err(format!("unknown shortcode `{name}`")));
        };
        if !ids.contains(&id) {
            let hint = Hint::closest(id, ids.iter().copied());
            return Err(self.err(format!(
                "unknown {name} id `{id}` (defined in content/{dir}/){hint}"
            )));
        }
        let name = data
            .bundles
            .name(self.lang, &format!("{prefix}-{id}"), self.get("case"), at)?;
        // A name that starts a sentence: `capitalize="true"`.
        match self.get("capitalize") {
            Some("true") => Ok(crate::i18n::localize::capitalized(&name)),
            None | Some("false") => Ok(name),
            Some(other) => {
                Err(self.err(format!("`capitalize` is `true` or `false`, not `{other}`")))
            }
        }
    }

    /// `members(of, case)`: the member cities of a partnership in collation order, in `case`,
    /// joined with commas and the language's “and”.
    fn members(&self) -> Result<String, MarkdownError> {
        let (data, lang, at) = (self.data, self.lang, self.at);
        let p = self.partnership(self.need("of")?)?;
        let mut names = Vec::new();
        for id in &p.members {
            let sort = data.bundles.city(lang, id, None, at)?;
            names.push((sort, data.bundles.city(lang, id, self.get("case"), at)?));
        }
        data.collators
            .sort_by_key(lang, &mut names, |n| n.0.as_str());
        let and = data.bundles.format(lang, "list-and", None, at)?;
        let names: Vec<String> = names.into_iter().map(|n| n.1).collect();
        Ok(match names.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, init)) => format!("{} {and} {last}", init.join(", ")),
        })
    }

    /// `publisher(case)`: the name of the site's publisher.
    fn publisher(&self) -> Result<String, MarkdownError> {
        let id = self.data.publisher.ok_or_else(|| {
            self.err(
                "shortcode `publisher` needs `publisher:` (an organisation id) in content/site.yaml"
                    .into(),
            )
        })?;
        Ok(self
            .data
            .bundles
            .name(self.lang, &format!("org-{id}"), self.get("case"), self.at)?)
    }

    /// `lang(code, text)`: `text` marked as a passage in language `code`.
    fn passage(&self) -> Result<String, MarkdownError> {
        let code = self.need("code")?;
        let text = self.need("text")?;
        if !is_language_tag(code) {
            return Err(self.err(format!(
                "`{code}` is not a language code: write e.g. lang(code=\"fi\", text=\"…\")"
            )));
        }
        if text.contains([LANG_OPEN, LANG_CODE_END, LANG_CLOSE]) {
            return Err(self.err("a marked passage cannot hold another".into()));
        }
        Ok(format!(
            "{LANG_OPEN}{code}{LANG_CODE_END}{text}{LANG_CLOSE}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_checked() {
        assert!(is_language_tag("fi") && is_language_tag("sv-FI") && is_language_tag("smn"));
        assert!(!is_language_tag("") && !is_language_tag("Finnish") && !is_language_tag("f"));
    }

    #[test]
    fn shortcode_arguments_parse() {
        let (n, a) = parse(r#" city(id="oulu", case="inessive") "#).unwrap();
        assert_eq!(n, "city");
        let a: Vec<(&str, &str, usize)> = a
            .iter()
            .map(|a| (a.name.as_str(), a.value.as_str(), a.offset))
            .collect();
        assert_eq!(a, vec![("id", "oulu", 6), ("case", "inessive", 17)]);
        assert!(parse("city(id=oulu)").is_err());
    }

    #[test]
    fn offsets_after_a_replacement_map_back() {
        let map = OffsetMap {
            spans: vec![(5, 8, 5, 20)],
        };
        assert_eq!(map.original(2), 2);
        assert_eq!(map.original(6), 5);
        assert_eq!(map.original(10), 22);
    }
}

//! Fluent checks against the reference language, in the manner of compare-locales: missing and
//! obsolete messages, variables and attributes that differ, keys templates use but nobody
//! defines, messages nobody uses, cases templates ask for that a message does not handle.

use std::collections::BTreeMap;
use std::path::Path;

use fluent_syntax::ast;

use super::Problem;
use super::scan::Usage;
use crate::config::SiteConfig;
use crate::diagnostic::{Location, Severity, relative};
use crate::i18n::Bundles;
use crate::i18n::bundles::{MessageInfo, message_info};

/// The `.ftl` file of `lang` that corresponds to the reference file `at.file` (same name).
fn twin_file(at: &Location, lang: &str) -> String {
    let name = at
        .file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    format!("i18n/{lang}/{name}")
}

fn list(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Compares every language's messages with the reference language's.
///
/// Missing messages, variables the reference does not give and missing attributes are errors
/// (formatting them fails or shows nothing); obsolete messages, dropped variables and extra
/// attributes are warnings.
pub fn compare(config: &SiteConfig, bundles: &Bundles, out: &mut Vec<Problem>) {
    let by_lang: BTreeMap<String, BTreeMap<String, MessageInfo>> = bundles
        .by_lang
        .iter()
        .map(|(l, b)| (l.clone(), b.messages.clone()))
        .collect();
    compare_messages(config, &by_lang, out);
}

/// Reads every language's messages as far as they parse, for [`compare_messages`] when the
/// bundles did not load (a syntax error is reported by the build stage; the entries around it
/// are still compared). The first definition of a duplicated id wins.
pub fn parse_partially(
    root: &Path,
    config: &SiteConfig,
) -> BTreeMap<String, BTreeMap<String, MessageInfo>> {
    let mut by_lang = BTreeMap::new();
    for lang in &config.languages {
        let mut messages = BTreeMap::new();
        // The files the build reads, by the build's rules: never one it refuses or skips.
        for path in crate::i18n::bundles::readable_ftl_files(root, lang) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let rel = relative(root, &path);
            let resource = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            for entry in &resource.body {
                if let ast::Entry::Message(m) = entry {
                    let offset = (m.id.name.as_ptr() as usize)
                        .saturating_sub(text.as_ptr() as usize)
                        .min(text.len());
                    let at = Location::at_offset(&rel, &text, offset, 1);
                    messages
                        .entry(m.id.name.to_string())
                        .or_insert_with(|| message_info(at, m));
                }
            }
        }
        by_lang.insert(lang.clone(), messages);
    }
    by_lang
}

/// [`compare_messages`] on the files of `root` as far as they parse. A message whose entry
/// does not parse (junk: its syntax error is reported by the build stage) is not reported
/// missing in its language as well.
pub fn compare_partially(root: &Path, config: &SiteConfig, out: &mut Vec<Problem>) {
    let by_lang = parse_partially(root, config);
    let mut found = Vec::new();
    compare_messages(config, &by_lang, &mut found);
    let junk = junk_ids(root, config);
    out.extend(found.into_iter().filter(|p| {
        p.code != "missing-message"
            || !junk.iter().any(|(lang, key)| {
                p.message
                    .starts_with(&format!("message `{key}` is missing in `{lang}`"))
            })
    }));
}

/// `(language, id)` of every junk entry that starts with a message id.
fn junk_ids(root: &Path, config: &SiteConfig) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in &config.languages {
        for path in crate::i18n::bundles::readable_ftl_files(root, lang) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Err((resource, _)) = fluent_syntax::parser::parse(text.as_str()) else {
                continue;
            };
            for e in &resource.body {
                if let ast::Entry::Junk { content } = e {
                    let id: String = content
                        .trim_start_matches('-')
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                        .collect();
                    if !id.is_empty() {
                        out.push((lang.clone(), id));
                    }
                }
            }
        }
    }
    out
}

/// [`compare`] on messages per language.
pub fn compare_messages(
    config: &SiteConfig,
    by_lang: &BTreeMap<String, BTreeMap<String, MessageInfo>>,
    out: &mut Vec<Problem>,
) {
    let reference = config.reference_language();
    let Some(ref_messages) = by_lang.get(reference) else {
        return;
    };
    for (lang, messages) in by_lang {
        if lang == reference {
            continue;
        }
        for (key, r) in ref_messages {
            let Some(m) = messages.get(key) else {
                out.push(Problem::new(
                    Severity::Error,
                    "missing-message",
                    r.at.clone(),
                    key.chars().count(),
                    format!(
                        "message `{key}` is missing in `{lang}`: add it to {}",
                        twin_file(&r.at, lang)
                    ),
                ));
                continue;
            };
            compare_message(key, lang, reference, r, m, out);
        }
        for (key, m) in messages {
            if !ref_messages.contains_key(key) {
                out.push(Problem::new(
                    Severity::Warning,
                    "obsolete-message",
                    m.at.clone(),
                    key.chars().count(),
                    format!(
                        "message `{key}` is not in the reference language `{reference}`: remove it or add it to {}",
                        twin_file(&m.at, reference)
                    ),
                ));
            }
        }
    }
}

fn compare_message(
    key: &str,
    lang: &str,
    reference: &str,
    r: &MessageInfo,
    m: &MessageInfo,
    out: &mut Vec<Problem>,
) {
    let span = key.chars().count();
    let extra: Vec<String> = diff(&m.variables, &r.variables);
    if !extra.is_empty() {
        out.push(Problem::new(
            Severity::Error,
            "unknown-variable",
            m.at.clone(),
            span,
            format!(
                "message `{key}` in `{lang}` uses {} which the `{reference}` message does not ({}), so no caller gives it",
                vars(&extra),
                r.at
            ),
        ));
    }
    let dropped = diff(&r.variables, &m.variables);
    if !dropped.is_empty() {
        out.push(Problem::new(
            Severity::Warning,
            "dropped-variable",
            m.at.clone(),
            span,
            format!(
                "message `{key}` in `{lang}` does not use {} which the `{reference}` message uses ({})",
                vars(&dropped),
                r.at
            ),
        ));
    }
    let missing = diff(&r.attributes, &m.attributes);
    if !missing.is_empty() {
        out.push(Problem::new(
            Severity::Error,
            "missing-attribute",
            m.at.clone(),
            span,
            format!(
                "message `{key}` in `{lang}` lacks attribute(s) {} that the `{reference}` message has ({})",
                list(&missing),
                r.at
            ),
        ));
    }
    let obsolete = diff(&m.attributes, &r.attributes);
    if !obsolete.is_empty() {
        out.push(Problem::new(
            Severity::Warning,
            "obsolete-attribute",
            m.at.clone(),
            span,
            format!(
                "message `{key}` in `{lang}` has attribute(s) {} that the `{reference}` message does not ({})",
                list(&obsolete),
                r.at
            ),
        ));
    }
}

fn vars(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("`${s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Items of `a` not in `b`.
fn diff(a: &[String], b: &[String]) -> Vec<String> {
    let mut d: Vec<String> = a.iter().filter(|x| !b.contains(x)).cloned().collect();
    d.sort();
    d.dedup();
    d
}

/// Checks the site's use of messages: keys templates name that the reference language does not
/// define (error), messages defined but never used (warning, once per language that defines
/// them), and cases asked for that a message with case variants does not have (warning: Fluent
/// falls back to the default variant).
pub fn check_usage(config: &SiteConfig, bundles: &Bundles, usage: &Usage, out: &mut Vec<Problem>) {
    let reference = config.reference_language();
    let Some(refb) = bundles.by_lang.get(reference) else {
        return;
    };
    for u in &usage.template_keys {
        if refb.messages.contains_key(&u.key) {
            continue;
        }
        let defined_in: Vec<String> = bundles
            .by_lang
            .iter()
            .filter(|(_, b)| b.messages.contains_key(&u.key))
            .map(|(l, _)| l.clone())
            .collect();
        let message = if defined_in.is_empty() {
            format!(
                "message `{}` is used here but defined in no language: add it to i18n/{reference}/*.ftl and every other language",
                u.key
            )
        } else {
            format!(
                "message `{}` is used here but not defined in the reference language `{reference}` (only in {})",
                u.key,
                list(&defined_in)
            )
        };
        out.push(Problem::new(
            Severity::Error,
            "undefined-message",
            u.at.clone(),
            u.len,
            message,
        ));
    }
    for (lang, lb) in &bundles.by_lang {
        for (key, m) in &lb.messages {
            // A message missing from the reference is reported as obsolete, not unused.
            if lang != reference && !refb.messages.contains_key(key) {
                continue;
            }
            if !usage.uses(key) {
                out.push(Problem::new(
                    Severity::Warning,
                    "unused-message",
                    m.at.clone(),
                    key.chars().count(),
                    format!(
                        "message `{key}` is defined but never used (no template, shortcode or record names it)"
                    ),
                ));
            }
        }
    }
    check_cases(bundles, usage, out);
}

fn check_cases(bundles: &Bundles, usage: &Usage, out: &mut Vec<Problem>) {
    for c in &usage.cases {
        for (lang, lb) in &bundles.by_lang {
            if c.lang.as_ref().is_some_and(|l| l != lang) {
                continue;
            }
            let candidates: Vec<(&String, &MessageInfo)> = match &c.message {
                Some(k) => lb.messages.get_key_value(k).into_iter().collect(),
                None => lb
                    .messages
                    .iter()
                    .filter(|(k, _)| k.starts_with("city-"))
                    .collect(),
            };
            // A message without variants does not inflect at all in this language (a deliberate
            // choice); only one that has variants but not this case silently falls back.
            let unhandled: BTreeMap<&String, &MessageInfo> = candidates
                .into_iter()
                .filter(|(_, m)| !m.variants.is_empty() && !m.variants.contains(&c.case))
                .collect();
            if unhandled.is_empty() {
                continue;
            }
            let names: Vec<String> = unhandled.keys().map(|k| k.to_string()).collect();
            let shown = if names.len() > 4 {
                format!("{}, … ({} in all)", list(&names[..4]), names.len())
            } else {
                list(&names)
            };
            let first = unhandled.values().next().map(|m| m.at.clone());
            out.push(Problem::new(
                Severity::Warning,
                "unhandled-case",
                c.at.clone(),
                c.len,
                format!(
                    "case `{}` is asked for here, but {} in `{lang}` ha{} no `[{}]` variant and fall{} back to the default variant{}",
                    c.case,
                    shown,
                    if names.len() == 1 { "s" } else { "ve" },
                    c.case,
                    if names.len() == 1 { "s" } else { "" },
                    first.map_or(String::new(), |a| format!(" (first at {a})"))
                ),
            ));
        }
    }
}

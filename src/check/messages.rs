//! Fluent messages against the reference messages they were translated from: stale when the
//! reference message changed since it was marked (`i18n/.translated/<lang>.yaml`, see
//! [`super::tracking`]), and `i18n mark-translated --message KEY` / `--messages`, which mark.

use std::collections::BTreeMap;
use std::path::Path;

use super::Problem;
use super::tracking;
use crate::config::SiteConfig;
use crate::content::ContentError;
use crate::diagnostic::{Location, Severity};
use crate::i18n::Bundles;
pub use crate::translation::{State, Translated};
use crate::{Error, Errors};

/// [`crate::translation::message_states`], failing as the other commands fail.
pub fn states(
    root: &Path,
    config: &SiteConfig,
    bundles: &Bundles,
) -> Result<Vec<Translated>, Errors> {
    crate::translation::message_states(root, config.reference_language(), bundles).map_err(|e| {
        Errors(
            e.into_iter()
                .map(|e| Error::from(ContentError::Yaml(e)))
                .collect(),
        )
    })
}

/// `check`'s problems: stale messages (warnings) and, in a language whose messages are
/// tracked, messages never marked (info).
pub fn check(root: &Path, config: &SiteConfig, bundles: &Bundles, out: &mut Vec<Problem>) {
    let reference = config.reference_language();
    let states = match states(root, config, bundles) {
        Ok(s) => s,
        Err(errors) => {
            out.extend(errors.0.iter().map(super::from_error));
            return;
        }
    };
    for t in states {
        let span = t.key.chars().count();
        match &t.state {
            State::Current | State::Untracked { recorded: false } => {}
            State::Stale { .. } => out.push(Problem::new(
                Severity::Warning,
                "stale-message",
                t.at.clone(),
                span,
                t.stale_message(reference),
            )),
            State::Untracked { recorded: true } => out.push(Problem::new(
                Severity::Info,
                "untracked-message",
                t.at.clone(),
                span,
                format!(
                    "message `{key}` in `{lang}` is not marked: it is unknown whether it is up to date with {at}; run `kumppani i18n mark-translated --message {key} --lang {lang}` once it is",
                    key = t.key,
                    lang = t.lang,
                    at = t.reference_at
                ),
            )),
        }
    }
}

/// What to mark: `keys` (each must be translated), or with `all` every message never marked.
pub struct MarkMessages<'a> {
    /// `--lang`: one language, or every non-reference language.
    pub lang: Option<&'a str>,
    /// `--message KEY`, repeatable.
    pub keys: &'a [String],
    /// `--messages`: every message not marked yet (stale ones stay stale: they need a look).
    pub all: bool,
}

fn invalid(at: Location, message: String) -> Error {
    ContentError::Invalid { at, message }.into()
}

/// Records that messages are translated from the reference messages as they are now, and
/// keeps those texts for `i18n diff`. Returns one line per language saying what was marked.
///
/// Fails when the site's Fluent files do not load, a language is not configured or is the
/// reference, a key is not a reference message or is missing in the language, or the record
/// cannot be written. Nothing is written unless every key is valid.
pub fn mark(root: &Path, what: &MarkMessages) -> Result<Vec<String>, Errors> {
    let config = SiteConfig::load(root).map_err(|e| Errors(vec![e.into()]))?;
    let bundles = crate::i18n::bundles::load_bundles(root, &config)
        .map_err(|e| Errors(e.into_iter().map(Error::from).collect()))?;
    let reference = config.reference_language();
    let langs: Vec<&String> = match what.lang {
        Some(l) if l == reference => {
            return Err(Errors(vec![invalid(
                Location::file(format!("i18n/{l}")),
                format!("`{l}` is the reference language: mark its translations instead"),
            )]));
        }
        Some(l) => match config.languages.iter().find(|c| *c == l) {
            Some(c) => vec![c],
            None => {
                return Err(Errors(vec![invalid(
                    Location::file(format!("i18n/{l}")),
                    format!(
                        "`{l}` is not a configured language ({})",
                        config.languages.join(", ")
                    ),
                )]));
            }
        },
        None => config
            .languages
            .iter()
            .filter(|l| *l != reference)
            .collect(),
    };
    let empty = BTreeMap::new();
    let messages_of = |lang: &str| bundles.by_lang.get(lang).map_or(&empty, |b| &b.messages);
    let ref_messages = messages_of(reference);
    let states = states(root, &config, &bundles)?;
    let mut plan = Vec::new();
    let mut errors = Vec::new();
    for lang in langs {
        let messages = messages_of(lang.as_str());
        let mut keys: Vec<&str> = Vec::new();
        for key in what.keys {
            match (ref_messages.get(key), messages.get(key)) {
                (None, _) => errors.push(invalid(
                    Location::file(format!("i18n/{reference}")),
                    format!("no message `{key}` in the reference language `{reference}`"),
                )),
                (Some(r), None) => errors.push(invalid(
                    r.at.clone(),
                    format!("message `{key}` is missing in `{lang}`: translate it first"),
                )),
                (Some(_), Some(_)) => keys.push(key),
            }
        }
        let stale: Vec<&str> = states
            .iter()
            .filter(|t| t.lang == *lang && matches!(t.state, State::Stale { .. }))
            .map(|t| t.key.as_str())
            .filter(|k| !keys.contains(k))
            .collect();
        if what.all {
            keys.extend(
                states
                    .iter()
                    .filter(|t| t.lang == *lang && matches!(t.state, State::Untracked { .. }))
                    .map(|t| t.key.as_str()),
            );
        }
        plan.push((lang.clone(), keys, stale));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let mut report = Vec::new();
    for (lang, keys, stale) in plan {
        let mut marks = tracking::message_marks(root, &lang)?.unwrap_or_default();
        for key in &keys {
            let text = &ref_messages[*key].text;
            marks.insert(key.to_string(), tracking::keep(root, text)?);
        }
        tracking::write_message_marks(root, &lang, &marks)?;
        report.push(mark_line(&lang, &keys, &marks, what.all.then_some(&stale)));
    }
    Ok(report)
}

/// `sv: marked site-title (translated_from: …)`, or for `--messages` the count and the stale
/// messages left alone.
fn mark_line(
    lang: &str,
    keys: &[&str],
    marks: &BTreeMap<String, String>,
    stale_left: Option<&Vec<&str>>,
) -> String {
    match stale_left {
        None => keys
            .iter()
            .map(|k| format!("{lang}: message `{k}`: translated_from: {}", marks[*k]))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(stale) => {
            let mut line = format!(
                "{lang}: marked {} message(s) that were not marked yet",
                keys.len()
            );
            if !stale.is_empty() {
                line.push_str(&format!(
                    "; left stale (check each, then mark it with --message): {}",
                    stale.join(", ")
                ));
            }
            line
        }
    }
}

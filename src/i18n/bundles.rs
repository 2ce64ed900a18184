//! `i18n/<lang>/*.ftl` → one Fluent bundle per language.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::config::SiteConfig;
use crate::diagnostic::{Location, relative};

/// A problem in `i18n/` or in the use of a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum I18nError {
    /// A configured language has no `i18n/<lang>/` directory.
    #[error(
        "{at}: missing directory for language `{lang}` (every configured language needs i18n/{lang}/*.ftl)"
    )]
    MissingDir {
        /// The directory that should exist.
        at: Location,
        /// The language.
        lang: String,
    },
    /// An unreadable or non-UTF-8 file.
    #[error("{at}: cannot read: {message}")]
    Io {
        /// The file.
        at: Location,
        /// What went wrong.
        message: String,
    },
    /// Fluent syntax the parser could not read (the entry is skipped by Fluent).
    #[error("{at}: Fluent syntax error: {message}")]
    Syntax {
        /// Where the parser stopped.
        at: Location,
        /// What it expected.
        message: String,
    },
    /// The same message id defined twice in one language.
    #[error("{at}: message `{key}` is already defined at {first}")]
    Duplicate {
        /// The second definition.
        at: Location,
        /// The message id.
        key: String,
        /// The first definition.
        first: Location,
    },
    /// A message that is not defined in a language that needs it.
    #[error(
        "{at}: Fluent message `{key}` is missing in language `{lang}` (define it in i18n/{lang}/*.ftl)"
    )]
    Missing {
        /// Who asked for it (a template line or a content file).
        at: Location,
        /// The message id.
        key: String,
        /// The language.
        lang: String,
    },
    /// A message that exists but failed to format (e.g. a variable was not given).
    #[error("{at}: Fluent message `{key}` in `{lang}` cannot be formatted: {message}")]
    Format {
        /// Who asked for it.
        at: Location,
        /// The message id.
        key: String,
        /// The language.
        lang: String,
        /// Fluent's words.
        message: String,
    },
}

impl I18nError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            I18nError::MissingDir { at, .. }
            | I18nError::Io { at, .. }
            | I18nError::Syntax { at, .. }
            | I18nError::Duplicate { at, .. }
            | I18nError::Missing { at, .. }
            | I18nError::Format { at, .. } => at,
        }
    }
}

/// A message as defined in one language, for checks that compare languages.
#[derive(Debug, Clone)]
pub struct MessageInfo {
    /// Where it is defined.
    pub at: Location,
    /// Variables (`$case`) it references.
    pub variables: Vec<String>,
    /// Attribute names.
    pub attributes: Vec<String>,
    /// Variant keys of its top-level select expressions (`nominative`, `genitive`, …).
    pub variants: Vec<String>,
    /// Its Fluent source as the serializer writes it, without its comment: what a
    /// translation of it translates (a layout change alone is no change).
    pub text: String,
    /// The messages (`other-id`) and terms (`-term`) it shows.
    pub references: Vec<String>,
}

/// One language's bundle and what it defines.
pub struct LangBundle {
    /// The Fluent bundle (isolation marks off: our output is HTML, not bidi text).
    pub bundle: FluentBundle<FluentResource>,
    /// Every message id with where it is defined.
    pub messages: BTreeMap<String, MessageInfo>,
    /// Every term, by its id with the dash (`-ministry`), as `messages`.
    pub terms: BTreeMap<String, MessageInfo>,
    /// The `.ftl` files loaded, root-relative.
    pub files: Vec<PathBuf>,
}

/// One bundle per configured language.
pub struct Bundles {
    /// Bundles keyed by language code.
    pub by_lang: BTreeMap<String, LangBundle>,
}

impl std::fmt::Debug for Bundles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.by_lang.iter().map(|(k, v)| (k, v.messages.len())))
            .finish()
    }
}

/// Loads `i18n/<lang>/*.ftl` for every configured language.
///
/// Reports every syntax error (file, line, column, what the parser expected), every duplicate
/// id and every missing language directory.
pub fn load_bundles(root: &Path, config: &SiteConfig) -> Result<Bundles, Vec<I18nError>> {
    let mut errors = Vec::new();
    let mut by_lang = BTreeMap::new();
    for lang in &config.languages {
        match load_language(root, lang) {
            Ok(b) => {
                by_lang.insert(lang.clone(), b);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(Bundles { by_lang })
    } else {
        Err(errors)
    }
}

/// The Fluent files of `lang` as the build takes them: `i18n/<lang>/*.ftl` in name order,
/// without hidden and editor temporary files. A symbolic link that leads outside `root` is
/// listed (the build refuses it with an error, see [`crate::content::leads_outside`]) and must
/// never be read. Fails when the directory cannot be read.
pub fn ftl_files(root: &Path, lang: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("i18n").join(lang))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .filter(|p| {
            !crate::content::is_editor_temp(&p.file_name().unwrap_or_default().to_string_lossy())
        })
        .collect();
    paths.sort();
    Ok(paths)
}

/// The Fluent files of `lang` that the build reads: [`ftl_files`] less those it refuses.
pub fn readable_ftl_files(root: &Path, lang: &str) -> Vec<PathBuf> {
    ftl_files(root, lang)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !crate::content::leads_outside(root, p))
        .collect()
}

/// Loads one language's directory.
pub fn load_language(root: &Path, lang: &str) -> Result<LangBundle, Vec<I18nError>> {
    let dir = root.join("i18n").join(lang);
    let rel_dir = relative(root, &dir);
    let mut errors = Vec::new();
    let Ok(paths) = ftl_files(root, lang) else {
        return Err(vec![I18nError::MissingDir {
            at: Location::file(rel_dir),
            lang: lang.to_string(),
        }]);
    };
    let langid: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    let mut messages: BTreeMap<String, MessageInfo> = BTreeMap::new();
    let mut terms: BTreeMap<String, MessageInfo> = BTreeMap::new();
    let mut files = Vec::new();
    for path in paths {
        let rel = relative(root, &path);
        if crate::content::leads_outside(root, &path) {
            errors.push(I18nError::Io {
                at: Location::file(&rel),
                message: "symbolic link points outside the site root; refused".into(),
            });
            continue;
        }
        let text = match std::fs::read(&path)
            .map_err(|e| I18nError::Io {
                at: Location::file(&rel),
                message: e.to_string(),
            })
            .and_then(|b| {
                crate::content::decode(&rel, b).map_err(|e| I18nError::Io {
                    at: e.location().clone(),
                    message: "not valid UTF-8".into(),
                })
            }) {
            Ok(t) => t,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let resource = match FluentResource::try_new(text) {
            Ok(r) => r,
            Err((r, errs)) => {
                for e in errs {
                    errors.push(syntax_error(&rel, r.source(), &e));
                }
                r
            }
        };
        for entry in resource.entries() {
            if let ast::Entry::Term(t) = entry {
                let at = Location::at_offset(
                    &rel,
                    resource.source(),
                    offset_of(resource.source(), t.id.name),
                    1,
                );
                terms.insert(format!("-{}", t.id.name), term_info(at, t));
            }
            if let ast::Entry::Message(m) = entry {
                let at = Location::at_offset(
                    &rel,
                    resource.source(),
                    offset_of(resource.source(), m.id.name),
                    1,
                );
                if let Some(first) = messages.get(m.id.name) {
                    errors.push(I18nError::Duplicate {
                        at,
                        key: m.id.name.to_string(),
                        first: first.at.clone(),
                    });
                    continue;
                }
                messages.insert(m.id.name.to_string(), message_info(at, m));
            }
        }
        // Duplicates are reported above; overriding keeps the bundle usable for the rest.
        bundle.add_resource_overriding(resource);
        files.push(rel);
    }
    if errors.is_empty() {
        Ok(LangBundle {
            bundle,
            messages,
            terms,
            files,
        })
    } else {
        Err(errors)
    }
}

/// Byte offset of `part` inside `source`, where `part` is a slice of `source`.
fn offset_of(source: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(source.as_ptr() as usize)
        .min(source.len())
}

/// What `m` uses (variables, attributes, top-level variants), for checks that compare languages.
pub fn message_info(at: Location, m: &ast::Message<&str>) -> MessageInfo {
    let mut alone = m.clone();
    alone.comment = None;
    let text = entry_text(ast::Entry::Message(alone));
    entry_info(at, m.value.as_ref(), &m.attributes, text)
}

/// [`message_info`] of a term.
fn term_info(at: Location, t: &ast::Term<&str>) -> MessageInfo {
    let mut alone = t.clone();
    alone.comment = None;
    let text = entry_text(ast::Entry::Term(alone));
    entry_info(at, Some(&t.value), &t.attributes, text)
}

fn entry_info(
    at: Location,
    value: Option<&ast::Pattern<&str>>,
    attributes: &[ast::Attribute<&str>],
    text: String,
) -> MessageInfo {
    let mut info = MessageInfo {
        at,
        variables: Vec::new(),
        attributes: Vec::new(),
        variants: Vec::new(),
        text,
        references: Vec::new(),
    };
    if let Some(p) = value {
        collect_pattern(p, &mut info, true);
    }
    for a in attributes {
        info.attributes.push(a.id.name.to_string());
        collect_pattern(&a.value, &mut info, false);
    }
    info.variables.sort();
    info.variables.dedup();
    info
}

/// `entry` serialized alone.
fn entry_text(entry: ast::Entry<&str>) -> String {
    let resource = ast::Resource { body: vec![entry] };
    fluent_syntax::serializer::serialize(&resource)
        .trim_end()
        .to_string()
}

fn collect_pattern(p: &ast::Pattern<&str>, info: &mut MessageInfo, top: bool) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            collect_expression(expression, info, top);
        }
    }
}

fn collect_expression(e: &ast::Expression<&str>, info: &mut MessageInfo, top: bool) {
    match e {
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, info);
            for v in variants {
                if top {
                    let key = match &v.key {
                        ast::VariantKey::Identifier { name } => name.to_string(),
                        ast::VariantKey::NumberLiteral { value } => value.to_string(),
                    };
                    info.variants.push(key);
                }
                collect_pattern(&v.value, info, false);
            }
        }
        ast::Expression::Inline(i) => collect_inline(i, info),
    }
}

fn collect_inline(i: &ast::InlineExpression<&str>, info: &mut MessageInfo) {
    match i {
        ast::InlineExpression::VariableReference { id } => info.variables.push(id.name.to_string()),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                collect_inline(a, info);
            }
            for a in &arguments.named {
                collect_inline(&a.value, info);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            collect_expression(expression, info, false)
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            info.references.push(id.name.to_string())
        }
        ast::InlineExpression::TermReference { id, arguments, .. } => {
            info.references.push(format!("-{}", id.name));
            for a in arguments.iter().flat_map(|a| &a.named) {
                collect_inline(&a.value, info);
            }
        }
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

impl Bundles {
    /// The ids of the messages and terms (`-term`) that read differently in some language
    /// than in `old`: changed, added or removed, and those that show one of these. `None`
    /// when the two have different languages.
    pub fn changed_since(&self, old: &Bundles) -> Option<BTreeSet<String>> {
        if !self.by_lang.keys().eq(old.by_lang.keys()) {
            return None;
        }
        let pairs = || self.by_lang.values().zip(old.by_lang.values());
        let mut changed: BTreeSet<String> = BTreeSet::new();
        for (now, was) in pairs() {
            for (a, b) in [(&now.messages, &was.messages), (&now.terms, &was.terms)] {
                let differ = |id: &String| a.get(id).map(|m| &m.text) != b.get(id).map(|m| &m.text);
                changed.extend(a.keys().chain(b.keys()).filter(|id| differ(id)).cloned());
            }
        }
        // Then those that show a changed one, until none is added.
        loop {
            let shows_changed = |m: &MessageInfo| m.references.iter().any(|r| changed.contains(r));
            let more: Vec<String> = pairs()
                .flat_map(|(now, was)| [&now.messages, &now.terms, &was.messages, &was.terms])
                .flat_map(|entries| entries.iter())
                .filter(|(id, m)| !changed.contains(*id) && shows_changed(m))
                .map(|(id, _)| id.clone())
                .collect();
            if more.is_empty() {
                return Some(changed);
            }
            changed.extend(more);
        }
    }

    /// Formats message `key` in `lang` with `args`.
    ///
    /// Fails when the language or message does not exist or Fluent reports an error while
    /// formatting; `at` names who asked, for the message.
    pub fn format(
        &self,
        lang: &str,
        key: &str,
        args: Option<&FluentArgs>,
        at: &Location,
    ) -> Result<String, I18nError> {
        let missing = || I18nError::Missing {
            at: at.clone(),
            key: key.to_string(),
            lang: lang.to_string(),
        };
        let lb = self.by_lang.get(lang).ok_or_else(missing)?;
        let msg = lb.bundle.get_message(key).ok_or_else(missing)?;
        let pattern = msg.value().ok_or_else(missing)?;
        let mut errors = Vec::new();
        let value = lb.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            // Every problem of the message, not only the first.
            let message = errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ");
            return Err(I18nError::Format {
                at: at.clone(),
                key: key.to_string(),
                lang: lang.to_string(),
                message,
            });
        }
        Ok(value.into_owned())
    }

    /// Whether `lang` defines `key`.
    pub fn has(&self, lang: &str, key: &str) -> bool {
        self.by_lang
            .get(lang)
            .is_some_and(|b| b.messages.contains_key(key))
    }

    /// The name `key` (`theme-culture`) in `lang`, in grammatical `case` (`nominative` when
    /// `None`); a message without case variants ignores the case.
    pub fn name(
        &self,
        lang: &str,
        key: &str,
        case: Option<&str>,
        at: &Location,
    ) -> Result<String, I18nError> {
        let mut args = FluentArgs::new();
        args.set("case", case.unwrap_or("nominative").to_string());
        self.format(lang, key, Some(&args), at)
    }

    /// The grammatical cases the messages of `lang` have: the variants of every message that
    /// selects on `$case` (city, theme and other names; empty for an unknown language).
    pub fn cases(&self, lang: &str) -> std::collections::BTreeSet<&str> {
        self.by_lang
            .get(lang)
            .into_iter()
            .flat_map(|b| b.messages.iter())
            .filter(|(_, m)| m.variables.iter().any(|v| v == "case"))
            .flat_map(|(_, m)| m.variants.iter().map(String::as_str))
            .collect()
    }

    /// A city's name in `lang`, in grammatical `case` (`nominative` when `None`).
    pub fn city(
        &self,
        lang: &str,
        id: &str,
        case: Option<&str>,
        at: &Location,
    ) -> Result<String, I18nError> {
        self.name(lang, &format!("city-{id}"), case, at)
    }
}

/// A parser error at the place of its cause. An entry that never closes a `{` is reported by
/// the parser where it gives up, on the line after the entry (after the end of the file for
/// the last one, where no line can be shown); point at the unclosed `{` instead.
fn syntax_error(rel: &Path, source: &str, e: &fluent_syntax::parser::ParserError) -> I18nError {
    use fluent_syntax::parser::ErrorKind;
    let unclosed = match (&e.kind, &e.slice) {
        (ErrorKind::ExpectedToken('}'), Some(slice)) => source
            .get(slice.clone())
            .and_then(unclosed_brace)
            .map(|i| slice.start + i),
        _ => None,
    };
    match unclosed {
        Some(offset) => I18nError::Syntax {
            at: Location::at_offset(rel, source, offset, 1),
            message: "this `{` is never closed: end the placeable with `}`".into(),
        },
        None => {
            // Past the last line, nothing could be shown: the entry's start is the place.
            let past_end = e.pos.start >= source.trim_end().len();
            let offset = match &e.slice {
                Some(slice) if past_end => slice.start,
                _ => e.pos.start.min(source.len()),
            };
            I18nError::Syntax {
                at: Location::at_offset(rel, source, offset, 1),
                message: e.kind.to_string(),
            }
        }
    }
}

/// The byte offset in `entry` of the first `{` that no `}` closes.
fn unclosed_brace(entry: &str) -> Option<usize> {
    let mut open = Vec::new();
    for (i, c) in entry.char_indices() {
        match c {
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

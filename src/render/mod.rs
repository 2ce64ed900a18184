//! Tera templates + the `t()` and `city()` functions → [`Rendered`] files, in memory.

pub mod a11y;
pub mod feed;
mod redirect;
pub mod search;
pub mod sitemap;
mod tera_errors;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fluent::{FluentArgs, FluentValue};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use crate::config::SiteConfig;
use crate::diagnostic::{Location, relative};
use crate::i18n::Bundles;
use crate::i18n::localize::{Facts, LPage, Localized};
use crate::markdown::Fragment;

/// A problem in `templates/` or while rendering with them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// A template syntax or rendering error, at a line of the template.
    #[error("{at}: {message}")]
    Template {
        /// Template file, line and column.
        at: Location,
        /// What Tera or our function reported.
        message: String,
    },
    /// A page asks for a template that does not exist.
    #[error(
        "{at}: this page is to be rendered with template `{template}`, which does not exist in templates/ (known: {known})"
    )]
    MissingTemplate {
        /// The page that asked.
        at: Location,
        /// The template name.
        template: String,
        /// The templates that exist.
        known: String,
    },
    /// A template directory or file that cannot be read.
    #[error("{at}: cannot read: {message}")]
    Io {
        /// The file.
        at: Location,
        /// What went wrong.
        message: String,
    },
}

impl RenderError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            RenderError::Template { at, .. }
            | RenderError::MissingTemplate { at, .. }
            | RenderError::Io { at, .. } => at,
        }
    }
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output directory, `/`-separated.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The whole rendered site, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Every file to write.
    pub files: Vec<OutputFile>,
    /// Static assets to copy: (source path, output path).
    pub assets: Vec<(PathBuf, String)>,
    /// Pages per language.
    pub pages_by_lang: BTreeMap<String, usize>,
}

/// Parsed templates with our functions registered, and the static assets beside them.
pub struct Templates {
    /// The Tera instance.
    pub tera: Tera,
    /// Non-template files under `templates/`: (absolute source, output path).
    pub assets: Vec<(PathBuf, String)>,
    /// Template sources: name → root-relative path.
    pub files: BTreeMap<String, PathBuf>,
    /// Template sources: name → text, as read (`check` scans them for the messages they use).
    pub sources: BTreeMap<String, String>,
    /// The Fluent bundles the template functions read (the search reads place names).
    pub bundles: Arc<Bundles>,
}

/// `s` for XML text and double-quoted attribute values (the feeds and the sitemap): `&`, `<`,
/// `>` and `"` escaped.
pub(crate) fn escape_xml(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"')) {
        // Most URLs and titles: no copy (the sitemap escapes three URLs a page).
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;"),
    )
}

/// The published name of a static file `name` (`/`-separated) with contents `bytes`: a hash
/// of the bytes before the extension, `search/search.js` → `search/search.1a2b3c4d5e.js`
/// (after the whole name when it has no extension). Unchanged bytes keep their name, so a
/// rebuild leaves the file and every page that links it alone; changed bytes get a new URL,
/// so a server may send these files with a cache lifetime of a year.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    named_with(name, &content_hash(bytes))
}

/// What the watch loop keeps of each output file to know it unchanged: its XXH3-128.
pub type FileHash = u128;

/// The hash [`hashed_name`] puts in a name: ten hex digits of the bytes' XXH3-64.
pub fn content_hash(bytes: &[u8]) -> String {
    // The top 40 bits of XXH3-64: names a browser caches by, not a seal.
    format!("{:010x}", xxhash_rust::xxh3::xxh3_64(bytes) >> 24)
}

/// `name` with `hash` (a [`content_hash`]) before its extension, as [`hashed_name`] makes it.
pub fn named_with(name: &str, hash: &str) -> String {
    let (dir, file) = name.rsplit_once('/').map_or(("", name), |(d, f)| (d, f));
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{hash}.{ext}"),
        _ => format!("{dir}{file}.{hash}"),
    }
}

/// Loads every `.html`/`.xml` file under `templates/` (name = path inside it) and registers
/// `t(key, lang?, …args)` and `city(id, case?, lang?)`, which read Fluent from `bundles`.
///
/// Fails on unreadable files and on template syntax errors, with template name, line and column.
pub fn load_templates(root: &Path, bundles: Arc<Bundles>) -> Result<Templates, Vec<RenderError>> {
    let dir = root.join("templates");
    let mut sources = Vec::new();
    let mut assets = Vec::new();
    let mut asset_names = BTreeMap::new();
    let mut files = BTreeMap::new();
    let mut errors = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(RenderError::Io {
                    at: Location::file(relative(root, e.path().unwrap_or(&dir))),
                    message: e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string),
                });
                continue;
            }
        };
        if !entry.file_type().is_file()
            || crate::content::is_editor_temp(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let name = relative(&dir, entry.path()).to_string_lossy().into_owned();
        let rel = relative(root, entry.path());
        if name.ends_with(".html") || name.ends_with(".xml") {
            match std::fs::read(entry.path())
                .map_err(|e| e.to_string())
                .and_then(|b| crate::content::decode(&rel, b).map_err(|e| e.to_string()))
            {
                Ok(text) => {
                    files.insert(name.clone(), rel);
                    sources.push((name, text));
                }
                Err(message) => errors.push(RenderError::Io {
                    at: Location::file(rel),
                    message,
                }),
            }
        } else {
            // Static files are published under a name that holds a hash of their bytes, so a
            // server may let browsers cache them for good: a change gives a new URL.
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    let name = name.replace('\\', "/");
                    let output = hashed_name(&name, &bytes);
                    assets.push((entry.path().to_path_buf(), output.clone()));
                    asset_names.insert(name, output);
                }
                Err(e) => errors.push(RenderError::Io {
                    at: Location::file(rel),
                    message: e.to_string(),
                }),
            }
        }
    }
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    register_functions(&mut tera, Arc::clone(&bundles));
    register_url_functions(&mut tera, asset_names);
    // Add one by one first so that every syntax error is reported, then all together for
    // inheritance.
    for (name, text) in &sources {
        let mut probe = Tera::new();
        if let Err(e) = probe.add_raw_template(name, text)
            && matches!(e.kind(), ErrorKind::SyntaxError(_))
        {
            errors.push(template_error_in(&e, &files, Some(text)));
        }
    }
    if errors.is_empty()
        && let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        errors.extend(template_errors(&e, &files));
    }
    if errors.is_empty() {
        Ok(Templates {
            tera,
            assets,
            files,
            sources: sources.into_iter().collect(),
            bundles,
        })
    } else {
        Err(errors)
    }
}

/// Every error of a failed `add_raw_templates`: Tera renders the unknown filters, tests and
/// functions of all templates into one report text, read back here into one error each.
fn template_errors(e: &tera::Error, files: &BTreeMap<String, PathBuf>) -> Vec<RenderError> {
    if let ErrorKind::Msg(text) = e.kind() {
        let found: Vec<RenderError> = tera_errors::parse_report(text)
            .into_iter()
            .map(|(name, line, column, message)| RenderError::Template {
                at: tera_errors::located(template_path(files, &name), line, column),
                message,
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    vec![template_error(e, files)]
}

/// The root-relative path of template `name`.
fn template_path(files: &BTreeMap<String, PathBuf>, name: &str) -> PathBuf {
    files
        .get(name)
        .cloned()
        .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")))
}

/// Turns a Tera error into one with the template's path, line and column.
fn template_error(e: &tera::Error, files: &BTreeMap<String, PathBuf>) -> RenderError {
    template_error_in(e, files, None)
}

/// [`template_error`], with the template's `source` (when known) to name an unknown tag.
fn template_error_in(
    e: &tera::Error,
    files: &BTreeMap<String, PathBuf>,
    source: Option<&str>,
) -> RenderError {
    let path_of = |name: &str| template_path(files, name);
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => RenderError::Template {
            at: Location::new(
                path_of(r.filename()),
                r.span().start_line.max(1),
                r.span().start_col + 1,
            ),
            message: tera_errors::syntax_message(r.message(), source, r.span().range.clone()),
        },
        ErrorKind::CircularInclude { tpl, include_chain } => RenderError::Template {
            at: Location::file(path_of(tpl)),
            message: format!("include loop: {}", include_chain.join(" → ")),
        },
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => RenderError::Template {
            at: Location::file(path_of(tpl)),
            message: format!("extends loop: {}", inheritance_chain.join(" → ")),
        },
        ErrorKind::MissingParent { current, parent } => RenderError::Template {
            at: Location::file(path_of(current)),
            message: format!("extends `{parent}`, which does not exist in templates/"),
        },
        ErrorKind::TemplateNotFound(name) => RenderError::Template {
            at: Location::file("templates"),
            message: format!("template `{name}` does not exist in templates/"),
        },
        _ => RenderError::Template {
            at: Location::file("templates"),
            message: e.to_string(),
        },
    }
}

fn lang_of(kwargs: &Kwargs, state: &State) -> tera::TeraResult<String> {
    match kwargs.get::<String>("lang")? {
        Some(l) => Ok(l),
        None => state
            .get::<String>("lang")?
            .ok_or_else(|| tera::Error::message("no `lang` in the template context")),
    }
}

/// The context variable that holds the base path (`/kumppanuudet`, or empty).
const BASE_PATH_VAR: &str = "base_path";

/// `path` (site-relative, with or without its leading `/`) as a root-relative URL under the
/// base path of the page being rendered: `fi/atom.xml` → `/kumppanuudet/fi/atom.xml`; with
/// `absolute=true` in `kwargs`, the whole URL (`https://…/kumppanuudet/fi/atom.xml`, for Open
/// Graph images and other places that need one).
fn prefixed(kwargs: &Kwargs, state: &State, path: &str) -> tera::TeraResult<String> {
    if path.starts_with("//") || path.contains("://") {
        return Err(tera::Error::message(format!(
            "`{path}` is not a path inside the site: write absolute URLs to other sites as they are"
        )));
    }
    let base: String = if kwargs.get::<bool>("absolute")?.unwrap_or(false) {
        state.get("base_url")?.unwrap_or_default()
    } else {
        state.get(BASE_PATH_VAR)?.unwrap_or_default()
    };
    Ok(format!("{base}/{}", path.trim_start_matches('/')))
}

/// Registers the functions through which templates write every URL of the site, so that a
/// sub-path deployment (`base_url: https://example.fi/kumppanuudet/`) prefixes all of them:
///
/// - `url(path="fi/atom.xml")`: any file or page of the output, as a root-relative URL;
/// - `asset(path="style.css")`: a static file from `templates/`, under its content-hashed
///   name (`/style.1a2b3c4d5e.css`; fails when there is no such file).
///
/// Both take `absolute=true` for a whole URL with the base URL's scheme and host.
///
/// ```text
/// <link rel="stylesheet" href="{{ asset(path="style.css") }}">
/// <a href="{{ url(path=lang ~ "/atom.xml") }}">
/// <meta property="og:image" content="{{ asset(path="share.png", absolute=true) }}">
/// ```
fn register_url_functions(tera: &mut Tera, asset_names: BTreeMap<String, String>) {
    tera.register_function(
        "url",
        |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            prefixed(&kwargs, state, &path)
        },
    );
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let path: String = kwargs.must_get("path")?;
            let name = path.trim_start_matches('/');
            let Some(output) = asset_names.get(name) else {
                return Err(tera::Error::message(format!(
                    "asset `{name}` does not exist in templates/ (static files there: {})",
                    asset_names.keys().cloned().collect::<Vec<_>>().join(", ")
                )));
            };
            prefixed(&kwargs, state, output)
        },
    );
}

/// `link_title(link=l)`: the text of a link to a page, for any link value with `title` (and,
/// for a pending page, `lang` and `marker`): the escaped title, or for a pending page
/// `<span lang="fi">Kulttuuri</span> (på finska)`, so that screen readers read the source
/// title in its language and every visitor sees that the page is in another language.
fn link_title(kwargs: Kwargs, state: &State) -> tera::TeraResult<Value> {
    let link: Value = kwargs.must_get("link")?;
    let field = |name: &str| -> Option<String> {
        let map = link.as_map()?;
        map.get(&tera::value::Key::Str(name))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let Some(title) = field("title") else {
        return Err(tera::Error::message(
            "link_title: `link` must be a link to a page (with a `title`)",
        ));
    };
    let title = state.escape(&title)?;
    let html = match (field("lang"), field("marker")) {
        (Some(lang), Some(marker)) => format!(
            "<span lang=\"{}\">{title}</span> {}",
            state.escape(&lang)?,
            state.escape(&marker)?
        ),
        (Some(lang), None) => format!("<span lang=\"{}\">{title}</span>", state.escape(&lang)?),
        _ => title,
    };
    Ok(Value::safe_string(&html))
}

/// The template functions that format a Fluent message: `(name, the argument naming the
/// message, what the message id adds in front of it)`. The watcher reads templates for these
/// calls to learn which messages a page may show (`watch::messages`): a function that
/// formats a message is listed here.
pub const MESSAGE_FUNCTIONS: [(&str, &str, &str); 3] = [
    ("t", "key", ""),
    ("org", "id", "org-"),
    ("city", "id", "city-"),
];

/// Each message of each language as `t(key=…)` with no other argument formats it (in the
/// nominative), by language and id; a message that fails is left out, for `t` to report.
/// Every page shows the same interface strings: formatting them once per template load, not
/// once per page, took a twentieth off rendering.
fn plain_messages(bundles: &Bundles) -> FxHashMap<String, FxHashMap<String, String>> {
    let mut args = FluentArgs::new();
    args.set("case", "nominative");
    let at = Location::file("");
    bundles
        .by_lang
        .iter()
        .map(|(lang, b)| {
            let formatted = b
                .messages
                .keys()
                .filter_map(|id| {
                    let text = bundles.format(lang, id, Some(&args), &at).ok()?;
                    Some((id.clone(), text))
                })
                .collect();
            (lang.clone(), formatted)
        })
        .collect()
}

fn register_functions(tera: &mut Tera, bundles: Arc<Bundles>) {
    tera.register_function("link_title", link_title);
    let b = Arc::clone(&bundles);
    let plain = plain_messages(&bundles);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let lang = lang_of(&kwargs, state)?;
            let only_key = kwargs
                .iter()
                .all(|(k, _)| matches!(k.as_str(), Some("key" | "lang")));
            if only_key && let Some(text) = plain.get(&lang).and_then(|m| m.get(&key)) {
                return Ok(text.clone());
            }
            let mut args = FluentArgs::new();
            for (k, v) in kwargs.iter() {
                let k = k.to_string();
                if k == "key" || k == "lang" {
                    continue;
                }
                let fv = match v.as_number() {
                    Some(n) => FluentValue::from(n.as_float()),
                    None => FluentValue::from(v.to_string()),
                };
                args.set(k, fv);
            }
            // A name with case variants (an organisation) gives its default without `case`.
            if kwargs.get::<String>("case")?.is_none() {
                args.set("case", "nominative");
            }
            format_for_template(&b, &lang, &key, Some(&args))
        },
    );
    // Names of organisations and cities: `org-<id>` / `city-<id>` in the case asked for.
    for (function, _, prefix) in MESSAGE_FUNCTIONS.into_iter().filter(|f| f.0 != "t") {
        let b = Arc::clone(&bundles);
        tera.register_function(
            function,
            move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
                let id: String = kwargs.must_get("id")?;
                let case: Option<String> = kwargs.get("case")?;
                let lang = lang_of(&kwargs, state)?;
                let mut args = FluentArgs::new();
                args.set("case", case.unwrap_or_else(|| "nominative".into()));
                format_for_template(&b, &lang, &format!("{prefix}{id}"), Some(&args))
            },
        );
    }
}

fn format_for_template(
    b: &Bundles,
    lang: &str,
    key: &str,
    args: Option<&FluentArgs>,
) -> tera::TeraResult<String> {
    // The location is the template line; Tera adds it, so the message carries no place.
    match b.format(lang, key, args, &Location::file("")) {
        Ok(s) => Ok(s),
        Err(crate::i18n::I18nError::Missing { .. }) => Err(tera::Error::message(format!(
            "Fluent message `{key}` is missing in language `{lang}` (define it in i18n/{lang}/*.ftl)"
        ))),
        Err(crate::i18n::I18nError::Format { message, .. }) => Err(tera::Error::message(format!(
            "Fluent message `{key}` in `{lang}` cannot be formatted: {message}"
        ))),
        Err(e) => Err(tera::Error::message(e.to_string())),
    }
}

/// A navigation entry.
#[derive(Serialize)]
struct NavItem<'a> {
    /// Title and URL (`link_title(link=item)` prints the title).
    #[serde(flatten)]
    link: Link<'a>,
    current: bool,
}

/// Renders the pages of a localized site with its templates: the one render path, which
/// [`site`] collects in memory and `build` streams into the output page by page.
///
/// Each page is rendered, its outline checked ([`a11y::check_file`]) and added to its
/// language's search index in one step ([`Renderer::page`]); the files made from every page
/// (the sitemap and the search indexes) come last ([`Renderer::late_paths`],
/// [`Renderer::late_files`]).
pub struct Renderer<'a> {
    localized: &'a Localized,
    templates: &'a Templates,
    config: &'a SiteConfig,
    /// Per language once, not per page: with N pages the per-page scans were O(N²).
    shared: BTreeMap<&'a str, PerLang<'a>>,
    /// The search index of each language, filled as pages are rendered.
    indexes: search::Indexes<'a>,
    /// Summed time spent rendering and checking pages, over all threads.
    render_nanos: AtomicU64,
    /// Summed time spent adding pages to the search index, over all threads.
    search_nanos: AtomicU64,
    /// How many search files were made (their names are known only then).
    late_count: std::sync::atomic::AtomicUsize,
}

impl<'a> Renderer<'a> {
    /// A renderer of the pages of `localized`.
    pub fn new(localized: &'a Localized, templates: &'a Templates, config: &'a SiteConfig) -> Self {
        Renderer {
            localized,
            templates,
            config,
            shared: localized
                .languages
                .iter()
                .map(|l| (l.as_str(), PerLang::new(localized, l)))
                .collect(),
            indexes: search::Indexes::new(localized, &templates.bundles),
            render_nanos: AtomicU64::new(0),
            search_nanos: AtomicU64::new(0),
            late_count: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// This renderer with its search indexes made from `kept` and left there for the next
    /// rebuild ([`search::Indexes::keeping`]).
    pub fn keeping_index(mut self, kept: std::sync::Arc<search::KeptIndexes>) -> Self {
        self.indexes = self.indexes.keeping(kept);
        self
    }

    /// The HTML of page `i` with the body `fragment`, once its outline is checked; the page is
    /// added to its language's search index.
    ///
    /// Fails with the template, missing-template or outline problems of the page.
    pub fn page(&self, i: usize, fragment: Option<&Fragment>) -> Result<Vec<u8>, Vec<RenderError>> {
        let t = Instant::now();
        let page = &self.localized.pages[i];
        let shared = &self.shared[page.lang.as_str()];
        let file = render_page_with(shared, page, fragment, self.templates).map_err(|e| vec![e])?;
        let problems = a11y::check_file(&file, page.source.as_ref());
        add_time(&self.render_nanos, t);
        if !problems.is_empty() {
            return Err(problems);
        }
        // What the visitor sees of the page, as rendered.
        let t = Instant::now();
        self.indexes.add(i, &file.bytes);
        add_time(&self.search_nanos, t);
        Ok(file.bytes)
    }

    /// Adds page `i`, rendered earlier (read back from the output), to its language's search
    /// index: a rebuild that renders some pages indexes the others so, with their words from
    /// `cache` where they hold ([`search::Indexes::add_cached`]).
    pub fn index_page(
        &self,
        i: usize,
        cache: &search::WordCache,
        file_of: impl FnOnce(&str) -> Option<FileHash>,
        read: impl FnOnce() -> Option<Vec<u8>>,
    ) {
        let t = Instant::now();
        self.indexes.add_cached(i, cache, file_of, read);
        add_time(&self.search_nanos, t);
    }

    /// Whether the kept search index already holds page `i`'s words as they are: see
    /// [`search::Indexes::kept_holds`]. Only for a page not rendered since the index was kept.
    pub fn kept_holds(&self, i: usize) -> bool {
        self.indexes.kept_holds(i)
    }

    /// The language chooser, the 404 page, robots.txt and the feeds, checked like pages.
    ///
    /// Fails with the template and outline problems of the chooser and the 404 page.
    pub fn specials(&self) -> Result<Vec<OutputFile>, Vec<RenderError>> {
        let files = small_specials(self.localized, self.templates, self.config)?;
        let problems: Vec<RenderError> = files
            .iter()
            .flat_map(|f| a11y::check_file(f, None))
            .collect();
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(problems)
        }
    }

    /// The file made from every page and written piece by piece once every page was
    /// rendered: the sitemap.
    pub fn late_paths(&self) -> Vec<String> {
        vec![sitemap::PATH.to_string()]
    }

    /// Writes the late file `path` (one of [`Renderer::late_paths`]) to `w`.
    pub fn write_late(&self, path: &str, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        if path == sitemap::PATH {
            return sitemap::write(self.localized, w);
        }
        Ok(())
    }

    /// Whether the late file `path` of `was`, another localization, is the same as this one's
    /// (a watcher's rebuild after a title or template edit keeps the sitemap it has).
    pub fn late_same(&self, path: &str, was: &Localized) -> bool {
        path == sitemap::PATH && sitemap::same(was, self.localized)
    }

    /// The late file `path` (one of [`Renderer::late_paths`]) in memory, its buffer sized
    /// for the site at once (grown by doubling, the 9 MB sitemap of 20,000 pages was copied
    /// and faulted in again at each step).
    pub fn late_file(&self, path: String) -> OutputFile {
        let mut bytes = Vec::with_capacity(512 * self.localized.pages.len());
        // A `Vec` takes every byte: the write cannot fail.
        let _ = self.write_late(&path, &mut bytes);
        OutputFile { path, bytes }
    }

    /// The folders of the files made once every page was rendered whose names are known only
    /// then: each language's search folder (content-hashed names, see [`search`]).
    pub fn late_dirs(&self) -> Vec<String> {
        self.localized
            .languages
            .iter()
            .map(|l| search::dir(l))
            .collect()
    }

    /// The search files, once every page was rendered: the files of [`Renderer::late_dirs`].
    pub fn late_files(&self) -> Vec<OutputFile> {
        let files = self.indexes.files(&|_| true);
        self.late_count.store(files.len(), Ordering::Relaxed);
        files
    }

    /// [`Renderer::late_files`], each given to `emit` as it is made (a build writes each and
    /// drops it). Stops at `emit`'s first error.
    pub fn each_late_file<E: Send>(
        &self,
        emit: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
    ) -> Result<(), E> {
        self.indexes.each_file(&|_| true, &|f| {
            self.late_count.fetch_add(1, Ordering::Relaxed);
            emit(f)
        })
    }

    /// How many files [`Renderer::late_files`] or [`Renderer::each_late_file`] made (0
    /// before it ran).
    pub fn late_count(&self) -> usize {
        self.late_count.load(Ordering::Relaxed)
    }

    /// Summed time spent rendering pages with their templates, over all threads.
    pub fn render_time(&self) -> Duration {
        Duration::from_nanos(self.render_nanos.load(Ordering::Relaxed))
    }

    /// Summed time spent reading rendered pages into the search index, over all threads.
    pub fn search_add_time(&self) -> Duration {
        Duration::from_nanos(self.search_nanos.load(Ordering::Relaxed))
    }

    /// Time spent making the search chunks, once every page was added.
    pub fn search_chunk_time(&self) -> Duration {
        self.indexes.chunk_time()
    }
}

/// Adds the time since `since` to `sum` (nanoseconds).
pub fn add_time(sum: &AtomicU64, since: Instant) {
    let nanos = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
    sum.fetch_add(nanos, Ordering::Relaxed);
}

/// Renders every page, the language chooser, the 404 page, the sitemap and the search files,
/// in memory, through a [`Renderer`].
///
/// Fails with every template error (template path, line, column, message), every page
/// whose template does not exist and every outline problem, sorted.
pub fn site(
    localized: &Localized,
    fragments: &[Option<Fragment>],
    templates: &Templates,
    config: &SiteConfig,
) -> Result<Rendered, Vec<RenderError>> {
    let renderer = Renderer::new(localized, templates, config);
    let results: Vec<Result<Vec<u8>, Vec<RenderError>>> = (0..localized.pages.len())
        .into_par_iter()
        .map(|i| renderer.page(i, fragments[i].as_ref()))
        .collect();
    let mut errors = Vec::new();
    let mut files = Vec::with_capacity(results.len() + 3);
    for (page, r) in localized.pages.iter().zip(results) {
        match r {
            Ok(bytes) => files.push(OutputFile {
                path: output_path(&localized.base_path, &page.url),
                bytes,
            }),
            Err(mut e) => errors.append(&mut e),
        }
    }
    match renderer.specials() {
        Ok(mut f) => files.append(&mut f),
        Err(mut e) => errors.append(&mut e),
    }
    if !errors.is_empty() {
        sort_problems(&mut errors, RenderError::location);
        return Err(errors);
    }
    files.extend(
        renderer
            .late_paths()
            .into_iter()
            .map(|p| renderer.late_file(p)),
    );
    files.extend(renderer.late_files());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered {
        files,
        assets: templates.assets.clone(),
        pages_by_lang: pages_by_lang(localized),
    })
}

/// Sorts problems by location and drops repeats (a template error shared by many pages).
pub fn sort_problems<E: std::fmt::Display>(
    errors: &mut Vec<E>,
    location: impl Fn(&E) -> &Location,
) {
    errors.sort_by(|a, b| location(a).cmp(location(b)));
    errors.dedup_by(|a, b| a.to_string() == b.to_string());
}

/// The number of pages of each language.
pub fn pages_by_lang(localized: &Localized) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for p in &localized.pages {
        *counts.entry(p.lang.clone()).or_insert(0) += 1;
    }
    counts
}

/// The files made for the whole site rather than one page: the language chooser, the 404
/// page, the sitemap, robots.txt, and per language the Atom feed and the search index.
///
/// `build` and every `watch` rebuild call this, so a watched output holds the same files as a
/// clean build. Fails with the template errors of the chooser and 404 pages.
pub fn site_specials(
    localized: &Localized,
    html_of: &(dyn Fn(usize) -> Option<Vec<u8>> + Sync),
    templates: &Templates,
    config: &SiteConfig,
) -> Result<Vec<OutputFile>, Vec<RenderError>> {
    let mut files = small_specials(localized, templates, config)?;
    files.push(OutputFile {
        path: sitemap::PATH.into(),
        bytes: sitemap::render(localized).into_bytes(),
    });
    files.extend(search_files(localized, &templates.bundles, html_of));
    Ok(files)
}

/// [`site_specials`] but the two made from every page, the sitemap and the search indexes: the
/// language chooser, the 404 page, robots.txt and the feeds.
fn small_specials(
    localized: &Localized,
    templates: &Templates,
    config: &SiteConfig,
) -> Result<Vec<OutputFile>, Vec<RenderError>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (template, path) in [
        ("chooser.html", crate::outputs::CHOOSER),
        ("404.html", crate::outputs::NOT_FOUND),
    ] {
        match render_special(localized, templates, config, template) {
            Ok(bytes) => files.push(OutputFile {
                path: path.to_string(),
                bytes,
            }),
            Err(e) => errors.push(e),
        }
    }
    // Feeds and robots.txt: see feed.rs.
    files.push(OutputFile {
        path: crate::outputs::ROBOTS.into(),
        bytes: feed::robots(localized).into_bytes(),
    });
    // Earlier URLs of renamed pages (`aliases:`); checked in localize not to hit a page.
    files.extend(
        localized
            .aliases
            .iter()
            .map(|a| redirect::page(localized, a)),
    );
    files.extend(localized.languages.iter().map(|lang| OutputFile {
        path: feed::path(lang),
        bytes: feed::render(localized, lang).into_bytes(),
    }));
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Every search file of the site (see [`search`]), from the rendered HTML of each page
/// (`html_of(i)`, `None` for a page not at hand).
pub fn search_files(
    localized: &Localized,
    bundles: &Bundles,
    html_of: &(dyn Fn(usize) -> Option<Vec<u8>> + Sync),
) -> Vec<OutputFile> {
    search::render_langs(localized, bundles, None, &|_| true, &|indexes, i| {
        if let Some(html) = html_of(i) {
            indexes.add(i, &html);
        }
    })
}

/// The output path of every page of `localized`, in page order.
pub fn page_paths(localized: &Localized) -> Vec<String> {
    localized
        .pages
        .iter()
        .map(|p| output_path(&localized.base_path, &p.url))
        .collect()
}

/// The output path of a page URL under `base_path` (see [`SiteConfig::base_path`]):
/// `/fi/x/` → `fi/x/index.html`, and so is `/kumppanuudet/fi/x/` under `/kumppanuudet`.
pub fn output_path(base_path: &str, url: &str) -> String {
    format!("{}index.html", output_dir(base_path, url))
}

/// The folder of the output of a page URL under `base_path`, as [`output_path`] writes it
/// into: `/fi/x/` → `fi/x/` (empty for the root).
pub fn output_dir<'u>(base_path: &str, url: &'u str) -> &'u str {
    url.strip_prefix(base_path)
        .unwrap_or(url)
        .trim_start_matches('/')
}

/// What every page of one language shares in its template context, computed once per
/// language: the navigation's section pages and the `section_urls` and `languages` values
/// (Tera values hold maps and arrays behind an `Arc`, so cloning them per page is cheap).
struct PerLang<'a> {
    /// The section pages of the navigation, in navigation order.
    nav: Vec<&'a LPage>,
    /// Section key → URL, as a Tera value.
    section_urls: Value,
    /// Base context: `lang`, `languages`, `base_url`, `base_path`.
    base: Context,
    /// The base URL's path, which page URLs start with.
    base_path: &'a str,
    /// The site and this language, for the maps below and a page's section.
    localized: &'a Localized,
    lang: &'a str,
    /// The pages of this language by URL, for cards; made when a page first needs it (a
    /// rebuild that renders one page would spend more on the maps than on the page).
    by_url: std::sync::OnceLock<rustc_hash::FxHashMap<&'a str, &'a LPage>>,
    /// Per page with a list (a section's key): child URL → the child's place in the list, so
    /// that a page finds its neighbours without a scan of its section (10,000 chapters made
    /// that square). Each is made when a page of its section first needs it: a rebuild that
    /// renders a contact would otherwise index the booklet's 10,000 chapters.
    places: FxHashMap<&'a str, std::sync::OnceLock<FxHashMap<&'a str, usize>>>,
}

impl<'a> PerLang<'a> {
    fn new(localized: &'a Localized, lang: &'a str) -> PerLang<'a> {
        let nav = localized
            .nav_sections
            .iter()
            .filter_map(|s| localized.get(s, lang))
            .collect();
        let section_urls = section_urls(localized, lang);
        PerLang {
            nav,
            section_urls: Value::from_serializable(&section_urls),
            base: base_context(localized, lang),
            base_path: &localized.base_path,
            localized,
            lang,
            by_url: std::sync::OnceLock::new(),
            places: localized
                .pages
                .iter()
                .filter(|p| p.lang == lang && !p.children.is_empty())
                .map(|p| (p.key.as_str(), std::sync::OnceLock::new()))
                .collect(),
        }
    }

    fn of_lang(&self) -> impl Iterator<Item = &'a LPage> + use<'a> {
        let lang = self.lang;
        self.localized.pages.iter().filter(move |p| p.lang == lang)
    }

    fn by_url(&self) -> &rustc_hash::FxHashMap<&'a str, &'a LPage> {
        self.by_url
            .get_or_init(|| self.of_lang().map(|p| (p.url.as_ref(), p)).collect())
    }

    /// The place of `url` in the list of `parent` (a page of this language).
    fn place(&self, parent: &'a LPage, url: &str) -> Option<usize> {
        let places = self.places.get(parent.key.as_str())?.get_or_init(|| {
            let children = parent.children.iter().enumerate();
            children.map(|(i, c)| (c.url.as_ref(), i)).collect()
        });
        places.get(url).copied()
    }
}

/// Section key → URL of the section pages in `lang`.
fn section_urls<'a>(localized: &'a Localized, lang: &str) -> BTreeMap<&'a str, &'a str> {
    localized
        .pages
        .iter()
        .filter(|p| p.lang == lang && p.kind == crate::content::PageKind::Section)
        .map(|p| (p.key.as_str(), p.url.as_ref()))
        .collect()
}

/// A page shown as a card in a listing: its link's fields ([`Link`]: `link_title(link=card)`
/// prints the title), description and facts. The fields are named here rather than the link
/// flattened in: serde makes a flattened struct a map of unknown size, which Tera grew entry
/// by entry (a fifth of rendering a listing of 10,000 pages).
#[derive(Serialize, PartialEq)]
struct Card<'a> {
    title: &'a str,
    url: &'a str,
    lang: Option<&'a str>,
    marker: Option<&'a str>,
    description: Option<&'a str>,
    /// The page's facts (a partnership's status, a city's region, a news item's date …).
    record: &'a Facts,
}

impl<'a> Card<'a> {
    fn of(page: &'a LPage) -> Card<'a> {
        let Link {
            title,
            url,
            lang,
            marker,
        } = Link::to(page);
        Card {
            title,
            url,
            lang,
            marker,
            description: page.description.as_deref(),
            record: &page.facts,
        }
    }
}

/// Whether two versions of a page show the same card where a page lists them.
pub fn same_card(a: &LPage, b: &LPage) -> bool {
    Card::of(a) == Card::of(b)
}

/// The links `page` shows as cards, by the name templates read them under (`cards.children`
/// …): a section's pages, and the home page's partnerships and news.
pub fn card_lists(page: &LPage) -> Vec<(&'static str, &[crate::i18n::localize::Link])> {
    let mut lists = vec![("children", &page.children[..])];
    if let Facts::Home { partnerships, news } = page.facts.as_ref() {
        lists.extend([("partnerships", &partnerships[..]), ("news", &news[..])]);
    }
    lists
}

/// Where a page stands among its section's pages, in listing order: the booklet's chapter
/// numbers and previous/next links are derived from it, never typed.
#[derive(Serialize, PartialEq)]
struct Sequence<'a> {
    /// 1-based position.
    number: usize,
    /// Pages in the section.
    count: usize,
    /// The section page (the table of contents).
    parent: Link<'a>,
    previous: Option<Link<'a>>,
    next: Option<Link<'a>>,
}

/// A title and a URL, as [`crate::i18n::localize::Link`] (borrowed).
#[derive(Serialize, PartialEq)]
struct Link<'a> {
    title: &'a str,
    url: &'a str,
    /// The title's language where it is not the page's (a pending page's source title).
    lang: Option<&'a str>,
    /// For a pending page: ”(på finska)”.
    marker: Option<&'a str>,
}

impl<'a> Link<'a> {
    /// A link to `page`: for a pending notice, its source title, language and marker.
    fn to(page: &'a LPage) -> Link<'a> {
        match &page.pending {
            None => Link {
                title: &page.title,
                url: &page.url,
                lang: None,
                marker: None,
            },
            Some(p) => Link {
                title: &p.source_title,
                url: &page.url,
                lang: Some(&p.source_lang),
                marker: Some(&p.marker),
            },
        }
    }

    /// A borrowed view of a link localize made.
    fn of(l: &'a crate::i18n::localize::Link) -> Link<'a> {
        Link {
            title: &l.title,
            url: &l.url,
            lang: l.lang.as_deref(),
            marker: l.marker.as_deref(),
        }
    }
}

impl PerLang<'_> {
    fn card<'p>(&'p self, url: &str) -> Option<Card<'p>> {
        self.by_url().get(url).map(|p| Card::of(p))
    }

    /// The cards a page lists ([`card_lists`]), by the name templates read them under.
    fn cards<'p>(&'p self, page: &'p LPage) -> BTreeMap<&'static str, Vec<Card<'p>>> {
        card_lists(page)
            .into_iter()
            .map(|(name, links)| {
                let cards = links.iter().filter_map(|l| self.card(&l.url)).collect();
                (name, cards)
            })
            .collect()
    }

    fn sequence<'p>(&'p self, page: &'p LPage) -> Option<Sequence<'p>> {
        let parent = self.localized.get(page.section.as_deref()?, self.lang)?;
        let at = self.place(parent, &page.url)?;
        Some(Sequence {
            number: at + 1,
            count: parent.children.len(),
            parent: Link::to(parent),
            previous: at.checked_sub(1).map(|i| Link::of(&parent.children[i])),
            next: parent.children.get(at + 1).map(Link::of),
        })
    }
}

/// What each page's template reads of other pages beyond its own [`LPage`]: the cards of the
/// pages it lists and its place among its section's pages. The watcher renders a page again
/// when this changes, e.g. a chapter whose neighbour was added or retitled.
pub struct BorrowedViews<'a> {
    localized: &'a Localized,
    langs: BTreeMap<&'a str, PerLang<'a>>,
}

impl<'a> BorrowedViews<'a> {
    pub fn new(localized: &'a Localized) -> Self {
        let langs = localized
            .languages
            .iter()
            .map(|l| (l.as_str(), PerLang::new(localized, l)))
            .collect();
        BorrowedViews { localized, langs }
    }

    /// Whether page `i` reads of other pages what page `j` of `other` read: compared as the
    /// template sees it, card by card, without making the template's context.
    pub fn same(&self, i: usize, other: &BorrowedViews<'_>, j: usize) -> bool {
        let (a, b) = (&self.localized.pages[i], &other.localized.pages[j]);
        let (Some(la), Some(lb)) = (
            self.langs.get(a.lang.as_str()),
            other.langs.get(b.lang.as_str()),
        ) else {
            return false;
        };
        la.sequence(a) == lb.sequence(b) && la.cards(a) == lb.cards(b)
    }
}

/// Renders the pages `targets` (indexes into `localized.pages`, each with its Markdown
/// fragment) to their files, in parallel, one result per target in the order given. The
/// per-language parts every page reads (navigation, section URLs, the pages by URL and key)
/// are computed once per language for the whole call, not once per page: a rebuild of every
/// page would otherwise cost the square of the page count.
pub fn render_pages(
    localized: &Localized,
    targets: &[(usize, Option<&Fragment>)],
    templates: &Templates,
) -> Vec<Result<OutputFile, RenderError>> {
    let languages: BTreeSet<&str> = targets
        .iter()
        .filter_map(|&(i, _)| localized.pages.get(i).map(|p| p.lang.as_str()))
        .collect();
    let shared: BTreeMap<&str, PerLang> = languages
        .into_iter()
        .map(|l| (l, PerLang::new(localized, l)))
        .collect();
    targets
        .par_iter()
        .map(|&(i, fragment)| {
            let page = &localized.pages[i];
            render_page_with(&shared[page.lang.as_str()], page, fragment, templates)
        })
        .collect()
}

/// One page, with the per-language parts computed once by the caller.
fn render_page_with(
    shared: &PerLang<'_>,
    page: &LPage,
    fragment: Option<&Fragment>,
    templates: &Templates,
) -> Result<OutputFile, RenderError> {
    let at = || Location::file(page.source.clone().unwrap_or_default());
    if !templates.tera.contains_template(&page.template) {
        return Err(RenderError::MissingTemplate {
            at: page.template_at.as_deref().cloned().unwrap_or_else(at),
            template: page.template.clone(),
            known: templates
                .files
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let mut ctx = shared.base.clone();
    let nav: Vec<NavItem> = shared
        .nav
        .iter()
        .map(|s| NavItem {
            link: Link::to(s),
            current: page.key == s.key || page.section.as_deref() == Some(s.key.as_str()),
        })
        .collect();
    ctx.insert("nav", &nav);
    ctx.insert_value("section_urls", shared.section_urls.clone());
    ctx.insert("page", page);
    ctx.insert("record", &page.facts);
    ctx.insert("cards", &shared.cards(page));
    if let Some(sequence) = shared.sequence(page) {
        ctx.insert("sequence", &sequence);
    }
    ctx.insert_value(
        "content",
        Value::safe_string(fragment.map_or("", |f| &f.html)),
    );
    let html = templates
        .tera
        .render(&page.template, &ctx)
        .map_err(|e| template_error(&e, &templates.files))?;
    // Every page is held until the write stage: drop the growth slack of the render buffer.
    let mut bytes = crate::typography::html(&html, &page.lang).into_bytes();
    bytes.shrink_to_fit();
    Ok(OutputFile {
        path: output_path(shared.base_path, &page.url),
        bytes,
    })
}

fn base_context(localized: &Localized, lang: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert("languages", &localized.languages);
    ctx.insert("base_url", &localized.base_url);
    // The organisation id; `org(id=publisher)` gives its name in the page language.
    if let Some(publisher) = &localized.publisher {
        ctx.insert("publisher", publisher);
    }
    // Read by `url()` and `asset()`; templates write no root-relative URL themselves.
    ctx.insert(BASE_PATH_VAR, &localized.base_path);
    ctx
}

/// The language chooser and the 404 page: one file for all languages.
fn render_special(
    localized: &Localized,
    templates: &Templates,
    config: &SiteConfig,
    template: &str,
) -> Result<Vec<u8>, RenderError> {
    if !templates.tera.contains_template(template) {
        return Err(RenderError::Template {
            at: Location::file("templates"),
            message: format!(
                "every site needs template `{template}`, which does not exist in templates/ (known: {})",
                templates
                    .files
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    #[derive(Serialize)]
    struct Home<'a> {
        lang: &'a str,
        url: &'a str,
        /// The home page's absolute URL.
        permalink: &'a str,
        title: &'a str,
        /// The accessibility statement, linked from every page's footer.
        accessibility: Option<&'a str>,
        /// The main navigation of this language.
        nav: Vec<NavItem<'a>>,
        /// Section key → URL in this language (search, privacy, about …).
        section_urls: BTreeMap<&'a str, &'a str>,
    }
    let homes: Vec<Home> = localized
        .languages
        .iter()
        .filter_map(|l| localized.get("", l))
        .map(|p| Home {
            lang: &p.lang,
            url: &p.url,
            permalink: &p.permalink,
            title: &p.title,
            accessibility: localized
                .get("accessibility", &p.lang)
                .map(|a| a.url.as_ref()),
            nav: localized
                .nav_sections
                .iter()
                .filter_map(|s| localized.get(s, &p.lang))
                .map(|s| NavItem {
                    link: Link::to(s),
                    current: false,
                })
                .collect(),
            section_urls: section_urls(localized, &p.lang),
        })
        .collect();
    let mut ctx = base_context(localized, config.default_language());
    ctx.insert("homes", &homes);
    templates
        .tera
        .render(template, &ctx)
        // Both languages on one page: the rules common to all languages only.
        .map(|html| crate::typography::html(&html, "").into_bytes())
        .map_err(|e| template_error(&e, &templates.files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_shows_what_fluent_formats_with_and_without_arguments() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = SiteConfig::load(root).unwrap();
        let bundles = Arc::new(crate::i18n::bundles::load_bundles(root, &config).unwrap());
        let mut tera = Tera::new();
        register_functions(&mut tera, Arc::clone(&bundles));
        let calls = [
            r#"t(key="toc-heading")"#,
            r#"t(key="org-tem")"#,
            r#"t(key="org-tem", case="genitive")"#,
            r#"t(key="chapter-label", number=3)"#,
        ];
        let source = calls.map(|c| format!("{{{{ {c} }}}}")).join("|");
        tera.add_raw_template("t", &source).unwrap();
        let mut ctx = Context::new();
        ctx.insert("lang", "fi");
        let shown = tera.render("t", &ctx).unwrap();
        let fluent = |key: &str, args: &[(&'static str, FluentValue<'static>)]| {
            let mut fa = FluentArgs::new();
            for (k, v) in args {
                fa.set(*k, v.clone());
            }
            let at = Location::file("");
            bundles.format("fi", key, Some(&fa), &at).unwrap()
        };
        let nominative = || ("case", FluentValue::from("nominative"));
        let expected = [
            fluent("toc-heading", &[nominative()]),
            fluent("org-tem", &[nominative()]),
            fluent("org-tem", &[("case", FluentValue::from("genitive"))]),
            fluent(
                "chapter-label",
                &[("number", FluentValue::from(3.0)), nominative()],
            ),
        ];
        assert_eq!(shown, expected.join("|"));
        assert_eq!(
            shown,
            "Sisällys|työ- ja elinkeinoministeriö|työ- ja elinkeinoministeriön|Luku 3"
        );
        // A message that is not there is still reported, not shown empty.
        tera.add_raw_template("missing", r#"{{ t(key="no-such-message") }}"#)
            .unwrap();
        assert!(tera.render("missing", &ctx).is_err());
    }

    #[test]
    fn xml_text_is_escaped_and_plain_text_is_not_copied() {
        assert_eq!(
            escape_xml(r#"Tom & "Jerry" <b>"#),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt;"
        );
        assert!(matches!(
            escape_xml("https://example.fi/fi/kaupungit/oulu/"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}

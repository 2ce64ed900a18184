//! kumppani: a static site generator for the bilingual (Finnish/Swedish) portal of Finland's
//! state–city partnerships. Facts once (YAML), words per language (Markdown, Fluent).
//!
//! The build is a straight line of stages, each a function from earlier outputs to a new
//! plain struct; see [`build`].
#![deny(clippy::print_stderr, clippy::print_stdout)]

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod i18n;
pub mod markdown;
pub mod outputs;
pub mod published;
pub mod render;
pub mod reserved_domains;
pub mod serve;
pub mod site;
pub mod source;
pub mod translation;
pub mod typography;
pub mod watch;
pub mod yaml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{ConfigError, SiteConfig};
use crate::content::{Content, ContentError};
use crate::diagnostic::Location;
use crate::i18n::{Bundles, I18nError, LocalizeError, Localized};
use crate::markdown::{Fragment, MarkdownError};
use crate::render::{RenderError, Rendered};
use crate::site::WriteError;

/// jemalloc instead of the system allocator, for every binary and test of the crate: a build
/// allocates and frees a great deal from many threads (allocation was a seventh of its time
/// under glibc, whose per-thread arenas also held about 1.4 times the live heap). It returns
/// freed memory to the system after 100 ms (`.cargo/config.toml`), so that peak resident
/// memory follows what a build holds. 10,000 page pairs: 2.1–2.5 s and 165 MiB with glibc,
/// 1.7 s and 143–148 MiB with this.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Any problem a build can report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// In `content/site.yaml` or a setting that replaces one of its values.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// In `content/`.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// In `i18n/` or the use of a message.
    #[error(transparent)]
    I18n(#[from] I18nError),
    /// Localizing content: a page or record, or a message it needs.
    #[error(transparent)]
    Localize(#[from] LocalizeError),
    /// In a Markdown body.
    #[error(transparent)]
    Markdown(#[from] MarkdownError),
    /// In `templates/`.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Writing the output.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl Error {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            Error::Config(e) => e.location(),
            Error::Content(e) => e.location(),
            Error::I18n(e) => e.location(),
            Error::Localize(e) => e.location(),
            Error::Markdown(e) => e.location(),
            Error::Render(e) => e.location(),
            Error::Write(e) => e.location(),
        }
    }

    /// The stable short name of the kind of problem (`check`'s `code`): a content or Fluent
    /// problem has the same code whichever stage found it.
    pub fn code(&self) -> &'static str {
        fn content(e: &ContentError) -> &'static str {
            match e {
                ContentError::Link { .. } => "broken-link",
                _ => "content",
            }
        }
        fn fluent(e: &I18nError) -> &'static str {
            match e {
                I18nError::Syntax { .. } => "fluent-syntax",
                I18nError::Duplicate { .. } => "duplicate-message",
                I18nError::Missing { .. } => "missing-message",
                I18nError::Format { .. } => "fluent-format",
                _ => "fluent",
            }
        }
        match self {
            Error::Config(_) => "content",
            Error::Content(e)
            | Error::Localize(LocalizeError::Content(e))
            | Error::Markdown(MarkdownError::Content(e)) => content(e),
            Error::I18n(e)
            | Error::Localize(LocalizeError::I18n(e))
            | Error::Markdown(MarkdownError::I18n(e)) => fluent(e),
            Error::Render(_) => "template",
            Error::Write(_) => "write",
        }
    }
}

impl From<source::SourceError> for Error {
    fn from(e: source::SourceError) -> Self {
        Error::Content(e.into())
    }
}

/// Every problem of a failed build, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "error: {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl From<Vec<Error>> for Errors {
    fn from(v: Vec<Error>) -> Self {
        Errors(v)
    }
}

/// Gives the memory freed so far back to the system now, rather than after the allocator's
/// decay time: without this the peak resident size counts the dropped Markdown sources on
/// top of everything after (jemalloc's `arena.<all>.purge`).
pub(crate) fn trim() {
    // `MALLCTL_ARENAS_ALL` is 4096: every arena.
    let name = c"arena.4096.purge";
    // SAFETY: the control name is a NUL-terminated string; `purge` reads and writes no value,
    // so every pointer is null and the length 0.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            name.as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}

/// `v`, each problem as the aggregate [`Error`].
pub(crate) fn errs<E: Into<Error>>(v: Vec<E>) -> Errors {
    Errors(v.into_iter().map(Into::into).collect())
}

/// What to build and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// Site root: holds `content/`, `templates/`, `i18n/`.
    pub root: PathBuf,
    /// Output directory.
    pub out: PathBuf,
    /// Replace `out` even when it is not a previous kumppani output.
    pub force: bool,
    /// Settings that replace those of `content/site.yaml` for this run (`--base-url`).
    pub overrides: config::Overrides,
}

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Reading content and Fluent.
    pub load: Duration,
    /// Resolving ids, URLs and translations.
    pub localize: Duration,
    /// Markdown to HTML.
    pub markdown: Duration,
    /// Templates.
    pub templates: Duration,
    /// Writing the output.
    pub write: Duration,
    /// Of the stages above, building the search index: reading each rendered page into the
    /// postings (summed over threads, spread over them) and making the chunks.
    pub search: Duration,
}

/// One machine-readable line: `timings load=1.234 localize=… markdown=… templates=… write=…
/// search=…` (milliseconds; `search` is a part of the others), read by the `bench` binary.
impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "timings load={:.3} localize={:.3} markdown={:.3} templates={:.3} write={:.3} search={:.3}",
            ms(self.load),
            ms(self.localize),
            ms(self.markdown),
            ms(self.templates),
            ms(self.write),
            ms(self.search)
        )
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct Report {
    /// Pages per language.
    pub pages_by_lang: BTreeMap<String, usize>,
    /// Files written.
    pub files: usize,
    /// Total time.
    pub elapsed: Duration,
    /// Per stage.
    pub timings: Timings,
    /// Problems that do not stop the build, each with its place and kind.
    pub warnings: Vec<Warning>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pages: Vec<String> = self
            .pages_by_lang
            .iter()
            .map(|(l, n)| format!("{n} {l}"))
            .collect();
        write!(
            f,
            "built {} pages ({}), {} files in {} ms",
            self.pages_by_lang.values().sum::<usize>(),
            pages.join(", "),
            self.files,
            self.elapsed.as_millis()
        )
    }
}

/// The outputs of every stage before rendering, the one value the commands share: [`build`]
/// streams the pages from it into the output, `check` reads it, `watch` keeps it between
/// rebuilds and renders from it.
pub struct Built {
    /// `content/site.yaml`.
    pub config: SiteConfig,
    /// Pages and records as written.
    pub content: Content,
    /// Fluent bundles.
    pub bundles: Arc<Bundles>,
    /// Pages per language with URLs and facts.
    pub localized: Localized,
    /// HTML of each localized page's body (same index); empty in a [`build`], which renders
    /// each body as its page is written.
    pub fragments: Vec<Option<Fragment>>,
    /// What links may point at.
    pub targets: markdown::links::Targets,
    /// Parsed templates.
    pub templates: render::Templates,
    /// Per-stage time (`templates` holds the template loading so far).
    pub timings: Timings,
}

impl Built {
    /// Every file of the site, rendered in memory with the render path [`build`] streams.
    ///
    /// Fails with every template and outline error, sorted.
    pub fn render(&self) -> Result<Rendered, Errors> {
        render::site(
            &self.localized,
            &self.fragments,
            &self.templates,
            &self.config,
        )
        .map_err(errs)
    }
}

/// Loads `content/` and the Fluent bundles of `config`'s languages, the stage after config.
///
/// Content and Fluent do not depend on each other: both are loaded, and when either fails the
/// error holds every problem of both (content first), as `build`, `check` and `build --watch`
/// report them.
pub fn load_sources(
    root: &std::path::Path,
    config: &SiteConfig,
    bodies: content::Bodies,
) -> Result<(Content, Arc<Bundles>), Errors> {
    let (content, bundles) = rayon::join(
        || content::load_with(root, config, bodies),
        || i18n::bundles::load_bundles(root, config),
    );
    match (content, bundles) {
        (Ok(c), Ok(b)) => Ok((c, Arc::new(b))),
        (c, b) => {
            let mut all: Vec<Error> = Vec::new();
            if let Err(e) = c {
                all.extend(e.into_iter().map(Error::from));
            }
            if let Err(e) = b {
                all.extend(e.into_iter().map(Error::from));
            }
            Err(Errors(all))
        }
    }
}

/// Runs every stage but rendering and writing: config, content and Fluent, localization,
/// Markdown, and the loading of the templates.
///
/// Fails with every problem of the first stage that has any (content and Fluent count as one).
pub fn prepare(root: &std::path::Path, overrides: &config::Overrides) -> Result<Built, Errors> {
    prepare_with(root, overrides, false)
}

/// [`prepare`]; with `lean`, the Markdown stage is left out (`fragments` is empty: [`build`]
/// renders each body as its page is written) and freed memory is given back between stages.
fn prepare_with(
    root: &std::path::Path,
    overrides: &config::Overrides,
    lean: bool,
) -> Result<Built, Errors> {
    let mut timings = Timings::default();
    let t = Instant::now();
    // Config first: it says which languages exist.
    let config = SiteConfig::load_with(root, overrides).map_err(|e| errs(vec![e]))?;
    // A lean build reads each body again as its page is rendered: the bodies of a large
    // site are never in memory together.
    let bodies = if lean {
        content::Bodies::OnDisk
    } else {
        content::Bodies::Kept
    };
    let (mut content, bundles) = load_sources(root, &config, bodies)?;
    // Drafts are left out before anything is derived from the pages, unless asked for.
    if !overrides.drafts {
        content.hold_drafts();
    }
    timings.load = t.elapsed();
    // Ids, URLs and translations are resolved once, here.
    let t = Instant::now();
    let localized = i18n::localize(&content, &bundles, &config).map_err(errs)?;
    if lean {
        trim();
    }
    timings.localize = t.elapsed();
    // Templates before Markdown: links may point at their static files. They see only
    // localized pages and fragments.
    let t = Instant::now();
    let templates = render::load_templates(root, Arc::clone(&bundles)).map_err(errs)?;
    timings.templates = t.elapsed();
    // Markdown needs URLs (for links), records (for shortcodes) and what links may point at.
    let t = Instant::now();
    check_assets(&content, &templates, &localized).map_err(errs)?;
    let targets = link_targets(
        &content,
        &bundles,
        &config,
        &localized,
        &templates.assets,
        None,
    );
    let fragments = if lean {
        Vec::new()
    } else {
        render_markdown(&content, &bundles, &localized, &targets)?
    };
    timings.markdown = t.elapsed();
    Ok(Built {
        config,
        content,
        bundles,
        localized,
        fragments,
        targets,
        templates,
        timings,
    })
}

/// What the links of `content` may point at: the pages of `localized`, the site-wide files
/// and the static files of the templates (`assets`, as in [`render::Templates::assets`]);
/// and the drafts `content` holds back, so that a link to one names it. `last`: the targets
/// of a localization with every page at the same URL and index (see [`Targets::new`]).
///
/// [`Targets::new`]: markdown::links::Targets::new
pub fn link_targets(
    content: &Content,
    bundles: &Bundles,
    config: &SiteConfig,
    localized: &Localized,
    assets: &[(PathBuf, String)],
    last: Option<&markdown::links::Targets>,
) -> markdown::links::Targets {
    let data = markdown::shortcodes::Data {
        records: &content.records,
        bundles,
        collators: &localized.collators,
        publisher: localized.publisher.as_deref(),
    };
    let mut targets = markdown::links::Targets::new(
        localized,
        content,
        &data,
        assets.iter().map(|(_, rel)| rel.clone()),
        last,
    );
    // The file marked `draft: true` of each draft page (every language version is one).
    let marked: BTreeMap<&str, &std::path::Path> = content
        .pages
        .iter()
        .chain(&content.drafts)
        .filter(|p| p.front.draft)
        .filter_map(|p| Some((p.key.as_str(), p.source.as_deref()?)))
        .collect();
    if !marked.is_empty() {
        targets.hold_drafts(held_drafts(content, bundles, config, &marked));
        targets.mark_drafts(
            localized
                .pages
                .iter()
                .enumerate()
                .filter_map(|(i, p)| marked.get(p.key.as_str()).map(|f| (i, f.to_path_buf()))),
        );
    }
    targets
}

/// The files copied as they are (source path, output path): the templates' static files and
/// the files beside the pages under `content/`.
pub fn all_assets(
    root: &std::path::Path,
    templates: &render::Templates,
    content: &Content,
) -> Vec<(PathBuf, String)> {
    templates
        .assets
        .iter()
        .cloned()
        .chain(
            content
                .assets
                .iter()
                .map(|a| (root.join(&a.source), a.output.clone())),
        )
        .collect()
}

/// Fails for each file beside the pages that would be published where the site writes a
/// file of its own (the chooser, 404, robots.txt, the sitemap, a static file of the
/// templates, a search file) or below a language's pages.
pub fn check_assets(
    content: &Content,
    templates: &render::Templates,
    localized: &Localized,
) -> Result<(), Vec<ContentError>> {
    let taken = |out: &str| {
        [
            outputs::CHOOSER,
            outputs::NOT_FOUND,
            outputs::ROBOTS,
            outputs::SITEMAP,
        ]
        .contains(&out)
            || out.starts_with("search/")
            || localized
                .languages
                .iter()
                .any(|l| out.starts_with(&format!("{l}/")))
            || templates.assets.iter().any(|(_, t)| t == out)
    };
    let errors: Vec<ContentError> = content
        .assets
        .iter()
        .filter(|a| taken(&a.output))
        .map(|a| ContentError::Invalid {
            at: Location::file(&a.source),
            message: format!(
                "this file would be published at /{}, where the site writes a file of its own; rename it",
                a.output
            ),
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Where each held draft would be published: the site localized once more with the drafts
/// in. A draft that does not localize is still known by its key.
fn held_drafts(
    content: &Content,
    bundles: &Bundles,
    config: &SiteConfig,
    marked: &BTreeMap<&str, &std::path::Path>,
) -> Vec<markdown::links::HeldDraft> {
    if content.drafts.is_empty() {
        return Vec::new();
    }
    let with = content.with_drafts(&config.languages);
    let urls: BTreeMap<(String, String), String> = i18n::localize(&with, bundles, config)
        .map(|l| {
            l.pages
                .into_iter()
                .map(|p| ((p.key, p.lang), p.url.to_string()))
                .collect()
        })
        .unwrap_or_default();
    content
        .drafts
        .iter()
        .map(|p| markdown::links::HeldDraft {
            url: urls.get(&(p.key.clone(), p.lang.clone())).cloned(),
            key: p.key.clone(),
            lang: p.lang.clone(),
            source: marked
                .get(p.key.as_str())
                .map(|f| f.to_path_buf())
                .unwrap_or_default(),
        })
        .collect()
}

/// Renders the Markdown of every page that has a body, in parallel.
pub fn render_markdown(
    content: &Content,
    bundles: &Bundles,
    localized: &Localized,
    targets: &markdown::links::Targets,
) -> Result<Vec<Option<Fragment>>, Errors> {
    render_markdown_reusing(content, bundles, localized, targets, &|_| None)
}

/// [`render_markdown`], except that the fragment of page `i` is taken from `reuse(i)` where
/// it gives one: a watch rebuild whose change cannot alter that page's HTML.
pub fn render_markdown_reusing(
    content: &Content,
    bundles: &Bundles,
    localized: &Localized,
    targets: &markdown::links::Targets,
    reuse: &(dyn Fn(usize) -> Option<Fragment> + Sync),
) -> Result<Vec<Option<Fragment>>, Errors> {
    let data = markdown::shortcodes::Data {
        records: &content.records,
        bundles,
        collators: &localized.collators,
        publisher: localized.publisher.as_deref(),
    };
    let results: Vec<Result<Option<Fragment>, Vec<MarkdownError>>> = localized
        .pages
        .par_iter()
        .enumerate()
        .map(|(at, page)| {
            let Some(i) = page.content_index else {
                return Ok(None);
            };
            if let Some(f) = reuse(at) {
                return Ok(Some(f));
            }
            let src = &content.pages[i];
            let file = src.source.clone().unwrap_or_default();
            page_markdown(
                localized,
                &data,
                targets,
                page,
                &file,
                &src.body,
                src.body_line,
            )
            .map(Some)
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => out.push(f),
            Err(e) => {
                errors.extend(e.into_iter().map(Error::from));
                out.push(None);
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        Err(Errors(errors))
    }
}

/// One page's body, `text` of `file` from line `line`, as HTML in the language of `page`.
fn page_markdown(
    localized: &Localized,
    data: &markdown::shortcodes::Data,
    targets: &markdown::links::Targets,
    page: &i18n::localize::LPage,
    file: &std::path::Path,
    text: &str,
    line: usize,
) -> Result<Fragment, Vec<MarkdownError>> {
    let env = markdown::Env {
        lang: &page.lang,
        site: localized,
        shortcodes: data,
        url: &page.url,
        targets,
    };
    markdown::render(file, text, line, &env)
}

/// The Markdown sources of a [`build`], rendered page by page as the pages are written: each
/// body is read from its file when its page is rendered ([`content::Bodies::OnDisk`]), so no
/// page's Markdown or HTML outlives its write.
struct Sources<'a> {
    localized: &'a Localized,
    data: markdown::shortcodes::Data<'a>,
    targets: &'a markdown::links::Targets,
    /// Per content page.
    bodies: Vec<content::PageBody>,
}

impl<'a> Sources<'a> {
    /// Takes the bodies of `pages` (the rest of each page is dropped here).
    fn new(
        pages: Vec<Arc<content::Page>>,
        records: &'a content::records::Records,
        bundles: &'a Bundles,
        localized: &'a Localized,
        targets: &'a markdown::links::Targets,
    ) -> Self {
        let mut bodies: Vec<content::PageBody> =
            pages.into_iter().map(content::Page::into_body).collect();
        // The collect reuses the pages' buffer (a `Page` is several times a `PageBody`): at
        // 100,000 pages that kept 40 MB no source uses.
        bodies.shrink_to_fit();
        Sources {
            localized,
            targets,
            data: markdown::shortcodes::Data {
                records,
                bundles,
                collators: &localized.collators,
                publisher: localized.publisher.as_deref(),
            },
            bodies,
        }
    }

    /// The body of localized page `i` as HTML.
    fn fragment(&self, i: usize) -> Result<Option<Fragment>, Vec<Error>> {
        let page = &self.localized.pages[i];
        let Some(src) = page.content_index.and_then(|c| self.bodies.get(c)) else {
            return Ok(None);
        };
        let text = src.text().map_err(|e| vec![Error::from(e)])?;
        page_markdown(
            self.localized,
            &self.data,
            self.targets,
            page,
            &src.file,
            &text,
            src.line,
        )
        .map(Some)
        .map_err(|e| errs(e).0)
    }
}

/// What [`write_site`] made.
struct Written {
    /// Files written (pages, special files and assets; the marker not counted).
    files: usize,
    /// Pages per language.
    pages_by_lang: BTreeMap<String, usize>,
    /// Summed time spent rendering Markdown, over all threads.
    markdown_time: Duration,
    /// Summed time spent rendering pages with their templates, over all threads.
    render_time: Duration,
    /// Summed time spent reading rendered pages into the search index, over all threads.
    search_add_time: Duration,
    /// Time spent making the search chunks, once every page was added.
    search_chunk_time: Duration,
}

/// The number of site-wide files written, or every problem of the write, sorted: `errors`
/// (of pages), those of the site-wide files (`specials`), and the write's own; a write that
/// could not make every file fails too.
fn outcome(
    mut errors: Vec<Error>,
    specials: Result<usize, Vec<RenderError>>,
    written: Result<site::Written, WriteError>,
) -> Result<usize, Errors> {
    let specials = match specials {
        Ok(files) => files,
        Err(e) => {
            errors.extend(e.into_iter().map(Error::from));
            0
        }
    };
    let complete = match written {
        Ok(w) => w == site::Written::Complete,
        Err(e) => {
            errors.push(Error::Write(e));
            false
        }
    };
    if !errors.is_empty() || !complete {
        render::sort_problems(&mut errors, Error::location);
        return Err(Errors(errors));
    }
    Ok(specials)
}

/// Renders every page with [`render::Renderer`] and writes the site into `options.out`
/// through [`site::write_with`], streamed: each page's Markdown is rendered, the page rendered,
/// checked, indexed and written (or compared with the back buffer) as one step, so only the
/// pages in flight are in memory, never the whole site's HTML. The sitemap and the search
/// indexes are written last, once every page is done.
///
/// Fails with every Markdown, template, outline and write error, sorted, and then leaves the
/// output untouched (the back buffer may be half-synced; the next build compares bytes).
fn write_site(
    localized: &Localized,
    sources: &Sources<'_>,
    templates: &render::Templates,
    config: &SiteConfig,
    options: &Options,
    manifest: render::OutputFile,
    assets: &[(PathBuf, String)],
) -> Result<Written, Errors> {
    let renderer = render::Renderer::new(localized, templates, config);
    let errors = std::sync::Mutex::new(Vec::<Error>::new());
    let record = |e: Vec<Error>| {
        if let Ok(mut all) = errors.lock() {
            all.extend(e);
        }
    };
    let markdown_nanos = std::sync::atomic::AtomicU64::new(0);
    let render_checked = |i: usize| -> Option<Vec<u8>> {
        let t = Instant::now();
        let fragment = sources.fragment(i);
        render::add_time(&markdown_nanos, t);
        let page = fragment.and_then(|f| renderer.page(i, f.as_ref()).map_err(|e| errs(e).0));
        page.map_err(record).ok()
    };
    let pages = localized.pages.len();
    // The manifest of published URLs goes with the small site-wide files. They are written
    // first and each dropped once written (the manifest of 100,000 URLs is 12 MB).
    let (specials, special_paths, special_bytes) = match renderer.specials() {
        Ok(mut files) => {
            files.push(manifest);
            let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
            let bytes: Vec<std::sync::Mutex<Vec<u8>>> = files
                .into_iter()
                .map(|f| std::sync::Mutex::new(f.bytes))
                .collect();
            (Ok(paths.len()), paths, bytes)
        }
        Err(e) => (Err(e), Vec::new(), Vec::new()),
    };
    let late = renderer.late_paths();
    let written = match &specials {
        Ok(first) => {
            let first = *first;
            let page_paths = render::page_paths(localized);
            let paths: Vec<&str> = special_paths
                .iter()
                .chain(&page_paths)
                .map(String::as_str)
                .collect();
            let writers: Vec<_> = late
                .iter()
                .map(|path| |w: &mut dyn std::io::Write| renderer.write_late(path, w))
                .collect();
            let streamed: Vec<site::Streamed> = late
                .iter()
                .zip(&writers)
                .map(|(path, write)| site::Streamed { path, write })
                .collect();
            // The pages' buffers are freed by now: given back before the search files are
            // made, they no longer add to the build's peak of resident memory (its end).
            let (dirs, make) = (renderer.late_dirs(), |sink: &site::Sink<'_>| {
                trim();
                renderer.each_late_file(sink)
            });
            site::write_with_late(
                &paths,
                &streamed,
                Some(&site::Late::new(&dirs, &make)),
                assets,
                &options.out,
                options.force,
                |i| match special_bytes.get(i) {
                    Some(bytes) => Some(std::borrow::Cow::Owned(std::mem::take(
                        &mut *bytes
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner),
                    ))),
                    None => render_checked(i - first).map(std::borrow::Cow::Owned),
                },
            )
        }
        // Nothing is written, but every page is still rendered and checked, so that one build
        // reports every problem.
        Err(_) => {
            (0..pages)
                .into_par_iter()
                .for_each(|i| drop(render_checked(i)));
            Ok(site::Written::Incomplete)
        }
    };
    let specials = outcome(errors.into_inner().unwrap_or_default(), specials, written)?;
    Ok(Written {
        files: pages + assets.len() + specials + late.len() + renderer.late_count(),
        pages_by_lang: render::pages_by_lang(localized),
        markdown_time: Duration::from_nanos(markdown_nanos.into_inner()),
        render_time: renderer.render_time(),
        search_add_time: renderer.search_add_time(),
        search_chunk_time: renderer.search_chunk_time(),
    })
}

/// The kinds of problems that do not stop a build, in the order the summary lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// A URL the previous output published is gone (no alias keeps it).
    VanishedUrl,
    /// An address on a domain reserved for examples.
    PlaceholderDomain,
    /// The accessibility statement is due for review.
    StatementReview,
    /// A translated page whose reference page changed since it was marked.
    StaleTranslation,
    /// A translated Fluent message whose reference message changed since it was marked.
    StaleMessage,
    /// A page not translated yet: its URL in that language shows a notice.
    PendingTranslation,
}

impl WarningKind {
    /// The kind's name in the summary, plural.
    pub fn label(self) -> &'static str {
        match self {
            WarningKind::VanishedUrl => "vanished URLs",
            WarningKind::PlaceholderDomain => "placeholder domains",
            WarningKind::StatementReview => "accessibility statement due for review",
            WarningKind::StaleTranslation => "stale translations",
            WarningKind::StaleMessage => "stale messages",
            WarningKind::PendingTranslation => "pending translations",
        }
    }
}

/// A problem that does not stop a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What kind of problem.
    pub kind: WarningKind,
    /// Where.
    pub at: Location,
    /// What is wrong and what to do.
    pub message: String,
}

/// `FILE:LINE:COL: message`, as errors print.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// The summary block `build` and each watch rebuild print after the warnings themselves:
/// per kind, how many and where (`file:line:col` each). `None` when there are none, so a
/// clean build stays quiet.
pub fn summary(warnings: &[Warning]) -> Option<String> {
    if warnings.is_empty() {
        return None;
    }
    let mut by_kind: BTreeMap<WarningKind, Vec<&Location>> = BTreeMap::new();
    for w in warnings {
        by_kind.entry(w.kind).or_default().push(&w.at);
    }
    let mut text = format!("{} warning(s):\n", warnings.len());
    for (kind, places) in by_kind {
        let places: Vec<String> = places.iter().map(ToString::to_string).collect();
        text.push_str(&format!(
            "  {} ({}): {}\n",
            kind.label(),
            places.len(),
            places.join(", ")
        ));
    }
    Some(text)
}

/// The problems of the site at `root` that do not stop a build: an accessibility statement
/// due for review and addresses on domains reserved for examples (a base URL given by
/// `--base-url` or the environment is not site.yaml's). `build` and `build --watch` print
/// the same.
pub fn warnings(
    root: &std::path::Path,
    config: &SiteConfig,
    content: &Content,
    localized: &Localized,
    bundles: &Bundles,
    overrides: &config::Overrides,
) -> Vec<Warning> {
    let mut warnings: Vec<Warning> =
        render::a11y::statement_warnings(content, render::a11y::today())
            .into_iter()
            .map(|(at, message)| Warning {
                kind: WarningKind::StatementReview,
                at,
                message,
            })
            .collect();
    let overridden = overrides.base_url_flag.is_some() || overrides.base_url_env.is_some();
    warnings.extend(
        reserved_domains::in_loaded(root, &content.records)
            .iter()
            .filter(|p| {
                !(overridden && p.field == "base_url" && p.at.file.ends_with(config::CONFIG_PATH))
            })
            .map(|p| Warning {
                kind: WarningKind::PlaceholderDomain,
                at: p.at.clone(),
                message: p.message(),
            }),
    );
    let reference = config.reference_language();
    warnings.extend(translation_warnings(
        root, reference, content, localized, bundles,
    ));
    warnings
}

/// Translations a publisher should know of before uploading: stale pages and messages (the
/// reference text changed since they were marked) and pages that show a notice instead of a
/// translation, each as `check` words it. A language whose pages are all in progress
/// (`language_status`) is one warning, not one per page.
fn translation_warnings(
    root: &std::path::Path,
    reference: &str,
    content: &Content,
    localized: &Localized,
    bundles: &Bundles,
) -> Vec<Warning> {
    let mut out: Vec<Warning> = translation::stale_pages(reference, &content.pages)
        .iter()
        .map(|s| Warning {
            kind: WarningKind::StaleTranslation,
            at: s.at(),
            message: s.message(),
        })
        .collect();
    // A record that does not read is `check`'s error to report; the build does not depend on it.
    let states = translation::message_states(root, reference, bundles).unwrap_or_default();
    out.extend(
        states
            .iter()
            .filter(|t| matches!(t.state, translation::State::Stale { .. }))
            .map(|t| Warning {
                kind: WarningKind::StaleMessage,
                at: t.at.clone(),
                message: t.stale_message(reference),
            }),
    );
    let mut in_progress: BTreeMap<&str, usize> = BTreeMap::new();
    for page in &localized.pages {
        let Some(pending) = &page.pending else {
            continue;
        };
        if pending.cause == i18n::localize::PendingCause::Language {
            *in_progress.entry(page.lang.as_str()).or_default() += 1;
            continue;
        }
        let source = content
            .pages
            .iter()
            .find(|p| p.key == page.key && p.lang == pending.source_lang);
        out.push(Warning {
            kind: WarningKind::PendingTranslation,
            at: source.map_or_else(
                || Location::file(page.source.clone().unwrap_or_default()),
                |s| translation::front_field(s, &["translation", "pending"]).0,
            ),
            message: translation::pending_message(
                &page.lang,
                &page.url,
                &pending.source_lang,
                &pending.source_url,
            ),
        });
    }
    for (lang, n) in in_progress {
        out.push(Warning {
            kind: WarningKind::PendingTranslation,
            at: Location::file(config::CONFIG_PATH),
            message: format!(
                "`{lang}` is in progress (`language_status`): {n} page(s) show a notice linking to the `{reference}` page"
            ),
        });
    }
    out
}

/// A warning for each URL of `previous` (the manifest of the output being replaced) that
/// `now` does not publish, naming the file to put the alias in.
pub fn vanished(previous: &published::Manifest, now: &published::Manifest) -> Vec<Warning> {
    previous
        .vanished(now)
        .into_iter()
        .map(|v| Warning {
            kind: WarningKind::VanishedUrl,
            at: Location::file(&v.source),
            message: v.message(),
        })
        .collect()
}

/// Builds the site into `options.out`.
///
/// Fails with every problem found (file, line and column each); the previous output is left
/// untouched then.
pub fn build(options: &Options) -> Result<Report, Errors> {
    let start = Instant::now();
    site::check_out(&options.root, &options.out).map_err(|e| errs(vec![e]))?;
    let Built {
        config,
        content,
        bundles,
        localized,
        targets,
        templates,
        mut timings,
        ..
    } = prepare_with(&options.root, &options.overrides, true)?;
    let mut warnings = warnings(
        &options.root,
        &config,
        &content,
        &localized,
        &bundles,
        &options.overrides,
    );
    // What this build publishes, and the URLs it takes away from what the output it replaces
    // had published (reported once the build succeeds). Both lists go before the pages are
    // rendered: at 20,000 pages they are megabytes the stream does not need.
    let manifest = published::Manifest::of(&content, &localized);
    let gone = site::read_previous(&options.out, published::MANIFEST)
        .map(|text| vanished(&published::Manifest::parse(&text), &manifest))
        .unwrap_or_default();
    let manifest_file = render::OutputFile {
        path: published::MANIFEST.to_string(),
        bytes: manifest.to_text().into_bytes(),
    };
    drop(manifest);
    // Of the pages as written only their bodies are needed now; the records for shortcodes.
    let assets = all_assets(&options.root, &templates, &content);
    let Content { pages, records, .. } = content;
    let sources = Sources::new(pages, &records, &bundles, &localized, &targets);
    trim();
    // Markdown, rendering and writing are one streamed step: each page goes to the staging
    // directory as soon as it is rendered, and the site is swapped in only when every page
    // is good.
    let t = Instant::now();
    let written = write_site(
        &localized,
        &sources,
        &templates,
        &config,
        options,
        manifest_file,
        &assets,
    )?;
    warnings.extend(gone);
    let all = t.elapsed();
    // The three overlap; Markdown and rendering are their summed times spread over the
    // worker threads, writing the rest of the step.
    let threads = u32::try_from(rayon::current_num_threads().max(1)).unwrap_or(1);
    let markdown = (written.markdown_time / threads).min(all);
    let rendering = (written.render_time / threads).min(all - markdown);
    timings.search = written.search_add_time / threads + written.search_chunk_time;
    timings.markdown += markdown;
    timings.templates += rendering;
    timings.write = all - markdown - rendering;
    Ok(Report {
        pages_by_lang: written.pages_by_lang,
        files: written.files + 1,
        elapsed: start.elapsed(),
        warnings,
        timings,
    })
}

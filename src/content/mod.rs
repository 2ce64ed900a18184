//! Files under `content/` → [`Content`]: pages (one per Markdown file) and typed records.

pub mod front_matter;
pub mod records;
pub mod slug;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostic::{Location, relative};
use crate::source::SourceError;
pub use crate::source::{decode, leads_outside, locate, locate_in_front};
use crate::yaml::YamlError;
pub use front_matter::{FrontMatter, TranslationState};
use records::{RECORD_SECTIONS, Record, Records};

/// A problem in `content/`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// A file that cannot be read, or is not UTF-8.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// YAML that does not parse or has the wrong shape.
    #[error(transparent)]
    Yaml(#[from] YamlError),
    /// Front matter missing or unclosed.
    #[error("{at}: {message}")]
    FrontMatter {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A link or image that leads to nothing.
    #[error("{at}: {message}")]
    Link {
        /// Where the link starts.
        at: Location,
        /// What it points at and, where one is close, what was meant.
        message: String,
    },
    /// A file name, place or value that breaks a content rule.
    #[error("{at}: {message}")]
    Invalid {
        /// Where.
        at: Location,
        /// What is wrong and what was expected.
        message: String,
    },
}

impl ContentError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            ContentError::FrontMatter { at, .. }
            | ContentError::Link { at, .. }
            | ContentError::Invalid { at, .. } => at,
            ContentError::Yaml(e) => &e.at,
            ContentError::Source(e) => e.location(),
        }
    }
}

/// What a Markdown file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// `content/_index.<lang>.md`.
    Home,
    /// `content/<section>/_index.<lang>.md`.
    Section,
    /// `content/<section>/<id>.<lang>.md`, or a page made from a city record.
    Page,
}

/// One page in one language, as written.
#[derive(Debug, Clone)]
pub struct Page {
    /// Language-independent identity: `""` (home), `"partnerships"` (a section) or
    /// `"partnerships/strategic-alliance"`. Translations share it.
    pub key: String,
    /// Section directory, `None` for the home page.
    pub section: Option<String>,
    /// Id within the section (file stem), `None` for home and section pages.
    pub id: Option<String>,
    /// Home, section or page.
    pub kind: PageKind,
    /// Language code from the file name.
    pub lang: String,
    /// Root-relative source path; `None` for pages made from records alone (cities).
    pub source: Option<PathBuf>,
    /// Parsed front matter.
    pub front: FrontMatter,
    /// Markdown body (LF line ends, no BOM).
    pub body: String,
    /// Line of the source file on which the body starts.
    pub body_line: usize,
    /// The front matter's YAML as written (it starts on line 2), to point at a field.
    pub front_yaml: String,
    /// Set when the load left the body on disk ([`Bodies::OnDisk`]): `body` is empty then,
    /// and [`Page::body_text`] reads it again.
    pub on_disk: Option<BodyOnDisk>,
}

/// How much of each Markdown body a load keeps in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// Every body's text (`check` and `watch` read bodies again and again).
    Kept,
    /// None: `build` reads each body again when its page is rendered, so that the bodies of a
    /// large site are never in memory together (at 100,000 pages they are 160 MB). A page
    /// keeps what the stages before rendering need of its body ([`BodyOnDisk`]).
    OnDisk,
}

/// What a page loaded with [`Bodies::OnDisk`] keeps of its body.
#[derive(Debug, Clone)]
pub struct BodyOnDisk {
    /// The site's root, which the page's `source` is relative to.
    root: std::sync::Arc<Path>,
    /// The body's hash and first line: a file changed after it was loaded is an error when
    /// it is read again, never a page built from another version than the rest of the site
    /// saw (or with its errors placed on the wrong lines).
    hash: u64,
    line: usize,
    /// The body's tokens that may be links with a fragment ([`fragment_tokens`]).
    fragment_tokens: Vec<String>,
}

impl BodyOnDisk {
    fn of(root: &std::sync::Arc<Path>, body: &str, line: usize) -> BodyOnDisk {
        BodyOnDisk {
            root: std::sync::Arc::clone(root),
            hash: body_hash(body),
            line,
            fragment_tokens: fragment_tokens(body).map(str::to_string).collect(),
        }
    }

    /// The body of the page file `rel` (under the site's root) as it was loaded. Fails, at
    /// the line the body began on, when the file cannot be read or changed since.
    fn read(&self, rel: &Path) -> Result<String, ContentError> {
        let mut text = read_text(&self.root.join(rel), rel)?;
        let split = front_matter::split(rel, &text)?;
        if body_hash(split.body) != self.hash || split.body_line != self.line {
            return Err(ContentError::Invalid {
                at: Location::new(rel, self.line, 1),
                message: "this file changed while the site was being built: build again".into(),
            });
        }
        // The body is the file's tail: the front matter is cut off, the body not copied.
        let start = text.len() - split.body.len();
        text.drain(..start);
        Ok(text)
    }
}

/// The Markdown body `text`, or read again from the page file `rel` when `on_disk` is set.
fn body_of<'a>(
    text: &'a str,
    on_disk: Option<&BodyOnDisk>,
    rel: &Path,
) -> Result<std::borrow::Cow<'a, str>, ContentError> {
    match on_disk {
        None => Ok(std::borrow::Cow::Borrowed(text)),
        Some(d) => d.read(rel).map(std::borrow::Cow::Owned),
    }
}

impl Page {
    /// The Markdown body: the text in memory, or read again from the page's file when the
    /// load left it there ([`Bodies::OnDisk`]). Fails when the file cannot be read or changed
    /// since it was loaded.
    pub fn body_text(&self) -> Result<std::borrow::Cow<'_, str>, ContentError> {
        body_of(
            &self.body,
            self.on_disk.as_ref(),
            self.source.as_deref().unwrap_or(Path::new("")),
        )
    }

    /// The body's tokens that may be links with a fragment ([`fragment_tokens`]), also when
    /// the body was left on disk.
    pub fn fragment_tokens(&self) -> Vec<&str> {
        match &self.on_disk {
            Some(d) => d.fragment_tokens.iter().map(String::as_str).collect(),
            None => fragment_tokens(&self.body).collect(),
        }
    }

    /// What a build renders of `page`: its body, the rest dropped (copied when the page is
    /// shared).
    pub fn into_body(page: Arc<Page>) -> PageBody {
        let page = Arc::unwrap_or_clone(page);
        PageBody {
            file: page.source.unwrap_or_default(),
            line: page.body_line,
            text: page.body,
            on_disk: page.on_disk,
        }
    }
}

/// A page's Markdown body as a build renders it ([`Page::into_body`]).
pub struct PageBody {
    /// The page file, relative to the site's root.
    pub file: PathBuf,
    /// The line of `file` the body begins on.
    pub line: usize,
    text: String,
    on_disk: Option<BodyOnDisk>,
}

impl PageBody {
    /// The body ([`Page::body_text`]).
    pub fn text(&self) -> Result<std::borrow::Cow<'_, str>, ContentError> {
        body_of(&self.text, self.on_disk.as_ref(), &self.file)
    }
}

fn body_hash(body: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(body)
}

/// Tokens of `body` that could be link destinations with a fragment (`@/x#y`, `../x/#y`):
/// runs of characters around a `#` that is not a heading's, up to whitespace or a bracket.
pub fn fragment_tokens(body: &str) -> impl Iterator<Item = &str> {
    let bytes = body.as_bytes();
    let stop = |b: u8| b.is_ascii_whitespace() || matches!(b, b'(' | b')' | b'<' | b'>' | b'"');
    body.match_indices('#').filter_map(move |(i, _)| {
        let before = *bytes.get(i.checked_sub(1)?)?;
        if stop(before) || before == b'#' {
            return None;
        }
        let start = bytes[..i]
            .iter()
            .rposition(|&b| stop(b))
            .map_or(0, |s| s + 1);
        let end = bytes[i..]
            .iter()
            .position(|&b| stop(b))
            .map_or(bytes.len(), |e| i + e);
        body.get(start..end)
    })
}

/// Everything loaded from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// All pages, sorted by key then by language order. Shared: a rebuild that reloads one
    /// page keeps the others as they are (copies of 20,000 pages took longer than the rest
    /// of the reload).
    pub pages: Vec<Arc<Page>>,
    /// All records.
    pub records: Records,
    /// Images and other files beside the pages, published as they are.
    pub assets: Vec<Asset>,
    /// Pages held back from this run because they or another language version of theirs
    /// are `draft: true` (see [`Content::hold_drafts`]); empty when drafts are built.
    pub drafts: Vec<Arc<Page>>,
}

impl Content {
    /// Moves every page marked `draft: true`, and every other language version of it, out
    /// of `pages` into `drafts`: a page goes live in all its languages at once, never as one
    /// language's page whose translation is missing (to publish the Finnish page first, mark
    /// it `translation: pending` instead). A normal build then knows nothing of them: no
    /// page, listing, navigation entry, sitemap or feed entry, search record.
    pub fn hold_drafts(&mut self) {
        let held: std::collections::HashSet<String> = self
            .pages
            .iter()
            .filter(|p| p.front.draft)
            .map(|p| p.key.clone())
            .collect();
        if held.is_empty() {
            return;
        }
        let (drafts, pages) = std::mem::take(&mut self.pages)
            .into_iter()
            .partition(|p| held.contains(&p.key));
        self.pages = pages;
        self.drafts = drafts;
    }

    /// A copy with the held drafts back among the pages (in `languages` order), as a build
    /// with `--drafts` sees it; to learn where a link to a draft would lead.
    pub fn with_drafts(&self, languages: &[String]) -> Content {
        let mut pages: Vec<Arc<Page>> = self.pages.iter().chain(&self.drafts).cloned().collect();
        if !self.drafts.is_empty() {
            let lang_pos = |l: &str| languages.iter().position(|x| x == l);
            pages.sort_by(|a, b| (&a.key, lang_pos(&a.lang)).cmp(&(&b.key, lang_pos(&b.lang))));
        }
        Content {
            pages,
            records: self.records.clone(),
            assets: self.assets.clone(),
            drafts: Vec::new(),
        }
    }
}

/// A file under `content/` that is neither a page nor a record (an image, a PDF): published
/// once, at its path below `content/` (`content/themes/kartta.png` → `/themes/kartta.png`),
/// where every language version of every page reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Root-relative source path (`content/themes/kartta.png`).
    pub source: PathBuf,
    /// Output path, `/`-separated (`themes/kartta.png`).
    pub output: String,
}

impl Asset {
    fn of(rel: &Path) -> Asset {
        let below = rel.strip_prefix("content").unwrap_or(rel);
        Asset {
            source: rel.to_path_buf(),
            output: below
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        }
    }
}

/// Files an editor leaves behind while saving; never content.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913" // vim's write test file
}

/// What a path under `content/` holds.
enum SourceFile {
    Markdown {
        section: Option<String>,
        stem: String,
        lang: String,
    },
    Record {
        section: String,
        stem: String,
    },
    Asset,
}

/// Loads every page and record under `root/content`.
///
/// Reports every problem found, not just the first: unreadable or non-UTF-8 files, bad front
/// matter or YAML, file names without a configured language, files nested too deep, symlinks
/// that lead outside the root, records in sections that hold none.
pub fn load(root: &Path, config: &SiteConfig) -> Result<Content, Vec<ContentError>> {
    load_with(root, config, Bodies::Kept)
}

/// [`load`], keeping the pages' bodies in memory or not ([`Bodies`]).
pub fn load_with(
    root: &Path,
    config: &SiteConfig,
    bodies: Bodies,
) -> Result<Content, Vec<ContentError>> {
    let (files, mut errors) = list_files(root, config);
    let mut content = Content::default();
    let disk_root: Option<std::sync::Arc<Path>> = (bodies == Bodies::OnDisk).then(|| root.into());
    let loaded: Vec<Result<Loaded, ContentError>> = files
        .par_iter()
        .map(|(path, kind)| load_file(root, path, kind, disk_root.as_ref()))
        .collect();

    for item in loaded {
        match item {
            Ok(Loaded::Page(page)) => content.pages.push(Arc::from(page)),
            Ok(Loaded::Asset(asset)) => content.assets.push(asset),
            Ok(Loaded::Record(section, stem, source, text)) => {
                if let Err(e) = add_record(&mut content.records, &section, stem, source, text) {
                    errors.push(e);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    let lang_pos = |l: &str| config.languages.iter().position(|x| x == l);
    content
        .pages
        .sort_by(|a, b| (&a.key, lang_pos(&a.lang)).cmp(&(&b.key, lang_pos(&b.lang))));
    if errors.is_empty() {
        Ok(content)
    } else {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        Err(errors)
    }
}

/// `previous` with the files `changed` (root-relative) read again: what [`load`] returns when
/// only those files changed since `previous` was loaded from the same tree with the same
/// settings. The drafts `previous` held back come back among the pages (hold them again with
/// [`Content::hold_drafts`], as after [`load`]).
///
/// `None` when a file is not a page or record of `previous` that is still a plain file (it is
/// new, deleted, a directory or a symbolic link): only a full [`load`] knows the tree then.
/// A watch rebuild after a title or record edit reads one file, not the whole site.
pub fn reload(
    root: &Path,
    config: &SiteConfig,
    previous: &Content,
    changed: &[&Path],
) -> Option<Result<Content, Vec<ContentError>>> {
    let mut content = previous.with_drafts(&config.languages);
    let mut errors = Vec::new();
    for &rel in changed {
        let path = root.join(rel);
        if !path.symlink_metadata().is_ok_and(|m| m.is_file()) {
            return None;
        }
        let depth = rel.components().count().saturating_sub(1);
        let Ok(kind) = classify(rel, depth, config) else {
            return None;
        };
        let page = content
            .pages
            .iter()
            .position(|p| p.source.as_deref() == Some(rel));
        match (&kind, page) {
            (SourceFile::Markdown { .. }, Some(i)) => match load_file(root, &path, &kind, None) {
                Ok(Loaded::Page(page)) => content.pages[i] = Arc::from(page),
                Ok(_) => return None,
                Err(e) => errors.push(e),
            },
            (SourceFile::Record { .. }, _)
                if content.records.sources().iter().any(|(s, _)| *s == rel) =>
            {
                match load_file(root, &path, &kind, None) {
                    Ok(Loaded::Record(section, stem, source, text)) => {
                        if let Err(e) =
                            add_record(&mut content.records, &section, stem, source, text)
                        {
                            errors.push(e);
                        }
                    }
                    Ok(_) => return None,
                    Err(e) => errors.push(e),
                }
            }
            _ => return None,
        }
    }
    if errors.is_empty() {
        Some(Ok(content))
    } else {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        Some(Err(errors))
    }
}

fn list_files(root: &Path, config: &SiteConfig) -> (Vec<(PathBuf, SourceFile)>, Vec<ContentError>) {
    let content_dir = root.join("content");
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut walker = walkdir::WalkDir::new(&content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_editor_temp(&e.file_name().to_string_lossy()) || e.depth() == 0);
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(&content_dir);
                let at = Location::file(relative(root, path));
                let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this link leads back to a directory that contains it"
                        .to_string()
                } else if is_link
                    && e.io_error().and_then(std::io::Error::raw_os_error) == Some(libc::ELOOP)
                {
                    "symbolic link loop: following this link leads back to itself".to_string()
                } else if is_link
                    && e.io_error().map(std::io::Error::kind) == Some(std::io::ErrorKind::NotFound)
                {
                    let target = std::fs::read_link(path).unwrap_or_default();
                    format!(
                        "broken symbolic link: its target `{}` does not exist",
                        target.display()
                    )
                } else {
                    e.io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string)
                };
                errors.push(ContentError::Invalid { at, message });
                continue;
            }
        };
        let rel = relative(root, entry.path());
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {}
                _ => {
                    errors.push(ContentError::Invalid {
                        at: Location::file(&rel),
                        message: "symbolic link points outside the site root; refused".into(),
                    });
                    // Never read what lies behind it, not even to report on it.
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    continue;
                }
            }
        }
        if entry.file_type().is_dir() {
            if entry.depth() > 1 {
                errors.push(ContentError::Invalid {
                    at: Location::file(&rel),
                    message: "nested directory: content/ holds sections one level deep (content/<section>/<page>.<lang>.md)".into(),
                });
            }
            continue;
        }
        if entry.depth() == 1 && entry.file_name() == "site.yaml" {
            continue;
        }
        match classify(&rel, entry.depth(), config) {
            Ok(kind) => files.push((entry.path().to_path_buf(), kind)),
            Err(e) => errors.push(e),
        }
    }
    (files, errors)
}

fn classify(rel: &Path, depth: usize, config: &SiteConfig) -> Result<SourceFile, ContentError> {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let section = (depth == 2)
        .then(|| {
            rel.parent()
                .and_then(|p| p.file_name())
                .map(|s| s.to_string_lossy().into_owned())
        })
        .flatten();
    let invalid = |message: String| ContentError::Invalid {
        at: Location::file(rel),
        message,
    };
    if let Some(stem) = name.strip_suffix(".md") {
        let Some((stem, lang)) = stem.rsplit_once('.') else {
            return Err(invalid(format!(
                "a Markdown file is named <name>.<lang>.md, e.g. `{stem}.{}.md`",
                config.default_language()
            )));
        };
        if !config.languages.iter().any(|l| l == lang) {
            return Err(invalid(format!(
                "language `{lang}` is not configured in content/site.yaml (languages: {})",
                config.languages.join(", ")
            )));
        }
        if depth == 1 && stem != "_index" {
            return Err(invalid(
                "only the home page (_index.<lang>.md) lives directly in content/; put pages in a section directory".into(),
            ));
        }
        validate_id(stem).map_err(invalid)?;
        return Ok(SourceFile::Markdown {
            section,
            stem: stem.to_string(),
            lang: lang.to_string(),
        });
    }
    if let Some(stem) = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
    {
        let Some(section) = section else {
            return Err(invalid(
                "records live in a section directory, e.g. content/cities/oulu.yaml".into(),
            ));
        };
        if !RECORD_SECTIONS.contains(&section.as_str()) {
            return Err(invalid(format!(
                "section `{section}` holds no records; records live in {}",
                RECORD_SECTIONS.join(", ")
            )));
        }
        if stem == "_index" && section != "accessibility"
            || stem != "_index" && section == "accessibility"
        {
            return Err(invalid(format!("unexpected record name in `{section}`")));
        }
        validate_id(stem).map_err(invalid)?;
        return Ok(SourceFile::Record {
            section,
            stem: stem.to_string(),
        });
    }
    // Anything else is a file beside the pages (an image, a PDF), published as it is. Its
    // name becomes part of a URL: the same rule as ids, plus the extension.
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
    if ext.is_empty() || !ext.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(invalid(
            "a file beside the pages needs an extension (kartta.png, liite.pdf); content/ holds Markdown (.<lang>.md), YAML (.yaml) and such files".into(),
        ));
    }
    validate_id(stem).map_err(invalid)?;
    Ok(SourceFile::Asset)
}

/// Ids become URL parts and Fluent keys: lowercase ASCII letters, digits and hyphens.
fn validate_id(stem: &str) -> Result<(), String> {
    if stem == "_index"
        || (!stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
    {
        Ok(())
    } else {
        Err(format!(
            "`{stem}` is not a valid id: file names use lowercase a–z, digits and hyphens (e.g. `{}`)",
            slug::slugify(stem)
        ))
    }
}

enum Loaded {
    Page(Box<Page>),
    Asset(Asset),
    Record(String, String, PathBuf, String),
}

/// The text of the file at `path` (`rel` in messages).
fn read_text(path: &Path, rel: &Path) -> Result<String, ContentError> {
    let bytes = std::fs::read(path).map_err(|e| SourceError::Io {
        at: Location::file(rel),
        message: e.to_string(),
    })?;
    Ok(decode(rel, bytes)?)
}

/// Loads one file of `content/`; a page's body is left on disk (read again from under
/// `disk_root`) when that is given ([`Bodies::OnDisk`]).
fn load_file(
    root: &Path,
    path: &Path,
    kind: &SourceFile,
    disk_root: Option<&std::sync::Arc<Path>>,
) -> Result<Loaded, ContentError> {
    let rel = relative(root, path);
    // Assets are copied as they are when the site is written, never read here.
    if let SourceFile::Asset = kind {
        return Ok(Loaded::Asset(Asset::of(&rel)));
    }
    let text = read_text(path, &rel)?;
    match kind {
        SourceFile::Markdown {
            section,
            stem,
            lang,
        } => {
            let split = front_matter::split(&rel, &text)?;
            let front = front_matter::parse(&rel, split.yaml)?;
            let (key, kind, id) = match (section, stem.as_str()) {
                (None, _) => (String::new(), PageKind::Home, None),
                (Some(s), "_index") => (s.clone(), PageKind::Section, None),
                (Some(s), id) => (format!("{s}/{id}"), PageKind::Page, Some(id.to_string())),
            };
            Ok(Loaded::Page(Box::new(Page {
                key,
                section: section.clone(),
                id,
                kind,
                lang: lang.clone(),
                source: Some(rel),
                front,
                body: match disk_root {
                    None => split.body.to_string(),
                    Some(_) => String::new(),
                },
                body_line: split.body_line,
                front_yaml: split.yaml.to_string(),
                on_disk: disk_root.map(|r| BodyOnDisk::of(r, split.body, split.body_line)),
            })))
        }
        SourceFile::Record { section, stem } => {
            Ok(Loaded::Record(section.clone(), stem.clone(), rel, text))
        }
        SourceFile::Asset => Ok(Loaded::Asset(Asset::of(&rel))),
    }
}

fn add_record(
    records: &mut Records,
    section: &str,
    stem: String,
    source: PathBuf,
    text: String,
) -> Result<(), ContentError> {
    fn insert<T: serde::de::DeserializeOwned>(
        map: &mut BTreeMap<String, Record<T>>,
        stem: String,
        source: PathBuf,
        text: String,
    ) -> Result<(), ContentError> {
        let data = crate::yaml::parse(&source, &text, 1)?;
        map.insert(stem, Record { source, text, data });
        Ok(())
    }
    match section {
        "cities" => insert(&mut records.cities, stem, source, text),
        "contacts" => insert(&mut records.contacts, stem, source, text),
        "partnerships" => insert(&mut records.partnerships, stem, source, text),
        "themes" => insert(&mut records.themes, stem, source, text),
        "news" => insert(&mut records.news, stem, source, text),
        "bodies" => insert(&mut records.bodies, stem, source, text),
        _ => {
            let data = crate::yaml::parse(&source, &text, 1)?;
            records.accessibility = Some(Record { source, text, data });
            Ok(())
        }
    }
}

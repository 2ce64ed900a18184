//! Internal links are facts: every link and image in Markdown resolves, at build time, to a
//! page, a heading of a page, or a file the output holds. What resolves to nothing is an
//! error with a did-you-mean; external links (with a scheme, or `//host`) are not fetched.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::shortcodes;
use crate::content::{Content, fragment_tokens};
use crate::diagnostic::Hint;
use crate::i18n::Localized;
use crate::i18n::slug::slugify;
use crate::outputs;

/// What links may point at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    /// URL of each page below the base path (`/fi/teemat/kulttuuri/`) → index in
    /// `Localized::pages`. Shared with the next targets of a site whose pages stay where they
    /// are (a rebuild after a record, title or Fluent edit).
    pages: Arc<HashMap<String, usize>>,
    /// Site-relative paths of the other files the output holds (`/style.css`, `/sitemap.xml`).
    files: BTreeSet<String>,
    /// Heading ids of the pages some link points into with `#…`, by page index.
    anchors: HashMap<usize, Vec<String>>,
    /// The site's base URL: a link that starts with it is internal.
    base_url: String,
    /// The path of the base URL (`/kumppanuudet`, or empty) that every URL of the site has.
    base_path: String,
    /// Files beside the pages: source path (`content/themes/kartta.png`) → output path
    /// (`themes/kartta.png`). A relative link from a page's Markdown is looked up here first,
    /// against the Markdown file's directory, as an editor's Markdown preview does.
    content_files: HashMap<std::path::PathBuf, String>,
    /// Pages this run holds back as drafts, by URL below the base path → source file.
    draft_urls: HashMap<String, std::path::PathBuf>,
    /// The same by `(key, lang)`, for `@/` links.
    draft_keys: HashMap<(String, String), std::path::PathBuf>,
    /// Pages this run builds although they are drafts (`--drafts`, `serve`), by index →
    /// the file marked `draft: true`: a published page's link to one is still an error, so
    /// that the preview fails where the published build will.
    draft_pages: HashMap<usize, std::path::PathBuf>,
}

/// A page this run does not publish because it is a draft: a link to it is an error that
/// names it rather than a plain link to nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldDraft {
    /// Its URL (base path included) had it been built; `None` if it does not localize.
    pub url: Option<String>,
    /// Its key.
    pub key: String,
    /// Its language.
    pub lang: String,
    /// The file marked `draft: true` (this or another language version of the page).
    pub source: std::path::PathBuf,
}

/// The message for a link `dest` to a draft marked in `source`.
fn to_draft(dest: &str, source: &std::path::Path) -> String {
    format!(
        "link to `{dest}`: it leads to a draft (`draft: true` in {}), which a published page cannot link to; publish the draft first or remove the link",
        source.display()
    )
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Target<'a> {
    /// Outside the site (a scheme such as `https:` or `mailto:`, or `//host`): not checked.
    External,
    /// A page (index in `Localized::pages`), and the heading id after `#`, if any.
    Page {
        /// Index in `Localized::pages`.
        index: usize,
        /// The part after `#`.
        fragment: Option<&'a str>,
        /// The page's URL with the fragment, for `@/` links (others stay as written).
        rewritten: Option<String>,
    },
    /// A heading of the page itself (`#…`).
    Own(&'a str),
    /// A file of the output (an asset, the sitemap …).
    File {
        /// The link with the base path in front, when it was written without.
        rewritten: Option<String>,
    },
}

/// A link's destination taken apart: `path?query#fragment`.
struct Parts<'a> {
    /// Up to `?` or `#`.
    path: &'a str,
    /// Between `?` and `#`.
    query: Option<&'a str>,
    /// After `#`.
    fragment: Option<&'a str>,
}

impl<'a> Parts<'a> {
    fn of(written: &'a str) -> Parts<'a> {
        let (path, fragment) = written
            .split_once('#')
            .map_or((written, None), |(p, f)| (p, Some(f)));
        let (path, query) = path
            .split_once('?')
            .map_or((path, None), |(p, q)| (p, Some(q)));
        Parts {
            path,
            query,
            fragment,
        }
    }
}

/// Where an internal link leads below the base path.
struct SitePath {
    /// The path below the base path (`/fi/teemat/`).
    path: String,
    /// Whether the link was written without the base path (which the HTML then gets).
    needs_prefix: bool,
}

/// Ids that headings get: the `{#id}` given, else the slug of the text (`section` if empty);
/// a repeated id gets `-1`, `-2` … One helper, so that a link's fragment is checked against
/// exactly the ids the target page's HTML has.
#[derive(Debug, Default)]
pub struct HeadingIds {
    used: std::collections::HashSet<String>,
    /// In document order.
    pub ids: Vec<String>,
}

impl HeadingIds {
    /// The id of the next heading.
    pub fn assign(&mut self, given: Option<String>, text: &str) -> String {
        let base = given.unwrap_or_else(|| slugify(text));
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.push(id.clone());
        id
    }
}

/// The text of a heading as the renderer sees it: ” ’ quotes for Finnish and Swedish.
pub fn heading_text(lang: &str, t: &str) -> String {
    if super::uses_right_quotes(lang) && t.contains(['“', '‘']) {
        t.replace('“', "”").replace('‘', "’")
    } else {
        t.to_string()
    }
}

/// Heading ids of `body` (shortcodes already expanded) as [`super::render`] assigns them.
fn heading_ids(body: &str, lang: &str) -> Vec<String> {
    let mut ids = HeadingIds::default();
    let mut current: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(body, super::options()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                current = Some((id.map(|s| s.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&heading_text(lang, &t));
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((given, text)) = current.take() {
                    ids.assign(given, &text);
                }
            }
            _ => {}
        }
    }
    ids.ids
}

/// Whether the last segment of `path` names a file (`kartta.png`, `liite.pdf`) rather than a
/// page (`../teemat/`, `x.html`).
fn has_file_extension(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or(path);
    last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && !ext.is_empty()
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && !matches!(ext, "html" | "htm")
    })
}

/// Whether `dest` starts with a URL scheme (`https:`, `mailto:`) or is protocol-relative.
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let scheme: &str = dest.split(':').next().unwrap_or_default();
    dest.contains(':')
        && !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `base` (a page URL ending in `/`) joined with the relative `rel`, `.` and `..` resolved;
/// `None` when `..` climbs above the site root.
fn join(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = rel.is_empty() || rel.ends_with('/') || rel.ends_with("/.") || rel == ".";
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    Some(out)
}

impl Targets {
    /// The targets of `localized`: its pages, the site-wide files (chooser, 404, sitemap,
    /// robots.txt, feeds, search indexes), `assets` (output paths of static files) and the
    /// heading ids of every page a Markdown link points into with `#…`. `last`: targets of a
    /// localization with every page at the same URL and index as in `localized`, whose map of
    /// pages is then shared rather than made again.
    pub fn new(
        localized: &Localized,
        content: &Content,
        data: &shortcodes::Data,
        assets: impl IntoIterator<Item = String>,
        last: Option<&Targets>,
    ) -> Targets {
        let base_path = localized.base_path.trim_end_matches('/').to_string();
        let pages = match last.filter(|last| last.base_path == base_path) {
            Some(last) => Arc::clone(&last.pages),
            None => Arc::new(
                localized
                    .pages
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        (
                            p.url.strip_prefix(&base_path).unwrap_or(&p.url).to_string(),
                            i,
                        )
                    })
                    .collect(),
            ),
        };
        let mut files: BTreeSet<String> = [
            outputs::CHOOSER,
            outputs::NOT_FOUND,
            outputs::ROBOTS,
            outputs::SITEMAP,
        ]
        .into_iter()
        .map(String::from)
        .chain(
            localized
                .languages
                .iter()
                .flat_map(|l| [outputs::feed(l), outputs::search_index(l)]),
        )
        .chain(assets)
        .chain(content.assets.iter().map(|a| a.output.clone()))
        .map(|p| format!("/{}", p.trim_start_matches('/')))
        .collect();
        files.insert("/".into());
        // A link to an earlier URL of a page reaches it through the redirect: accepted, as a
        // bookmark would be.
        for alias in &localized.aliases {
            let below = alias.url.strip_prefix(&base_path).unwrap_or(&alias.url);
            files.insert(below.to_string());
            files.insert(format!("/{}", alias.output_path(&localized.base_path)));
        }
        let mut targets = Targets {
            pages,
            files,
            anchors: HashMap::new(),
            base_url: localized.base_url.clone(),
            base_path,
            content_files: content
                .assets
                .iter()
                .map(|a| (a.source.clone(), a.output.clone()))
                .collect(),
            draft_urls: HashMap::new(),
            draft_keys: HashMap::new(),
            draft_pages: HashMap::new(),
        };
        targets.anchors = targets.find_anchors(localized, content, data);
        targets
    }

    /// The output paths of the files beside the pages that some page's Markdown links or
    /// shows, relatively or by absolute URL (shortcodes are not expanded: they make no links
    /// to such files).
    pub fn linked_files(
        &self,
        localized: &Localized,
        content: &Content,
    ) -> std::collections::HashSet<String> {
        let outputs: std::collections::HashSet<&String> = self.content_files.values().collect();
        let mut used = std::collections::HashSet::new();
        for page in &localized.pages {
            let Some(src) = page.content_index.and_then(|i| content.pages.get(i)) else {
                continue;
            };
            for event in Parser::new_ext(&src.body, super::options()) {
                let (Event::Start(Tag::Link { dest_url, .. })
                | Event::Start(Tag::Image { dest_url, .. })) = event
                else {
                    continue;
                };
                let dest = Parts::of(&dest_url).path.to_string();
                let found = match self.below_base_url(&dest) {
                    Some(rest) => Some(rest.trim_start_matches('/').to_string()),
                    None if dest.starts_with('/') => Some(
                        dest.strip_prefix(&self.base_path)
                            .unwrap_or(&dest)
                            .trim_start_matches('/')
                            .to_string(),
                    ),
                    None => match self.beside_page(&dest, &page.url, localized) {
                        Some(Ok(output)) => Some(output),
                        _ => None,
                    },
                };
                if let Some(f) = found.filter(|f| outputs.contains(f)) {
                    used.insert(f);
                }
            }
        }
        used
    }

    /// Adds the pages this run holds back as drafts: a link to one fails naming it.
    pub fn hold_drafts(&mut self, drafts: impl IntoIterator<Item = HeldDraft>) {
        for d in drafts {
            if let Some(url) = &d.url {
                let below = url.strip_prefix(&self.base_path).unwrap_or(url);
                self.draft_urls.insert(below.to_string(), d.source.clone());
            }
            self.draft_keys.insert((d.key, d.lang), d.source);
        }
    }

    /// Marks the pages built although they are drafts: `(index, file marked draft)`.
    pub fn mark_drafts(&mut self, drafts: impl IntoIterator<Item = (usize, std::path::PathBuf)>) {
        self.draft_pages.extend(drafts);
    }

    /// Heading ids of the pages that some body links into with a fragment. A cheap scan for
    /// `…#…` tokens finds the candidates (a superset of the real links); only those targets'
    /// bodies are parsed again.
    fn find_anchors(
        &self,
        localized: &Localized,
        content: &Content,
        data: &shortcodes::Data,
    ) -> HashMap<usize, Vec<String>> {
        let mut wanted: BTreeSet<usize> = BTreeSet::new();
        for page in &localized.pages {
            let Some(ci) = page.content_index else {
                continue;
            };
            for dest in content.pages[ci].fragment_tokens() {
                if let Ok(Target::Page { index, .. }) =
                    self.resolve(dest, &page.url, &page.lang, localized)
                {
                    wanted.insert(index);
                }
            }
        }
        wanted
            .into_iter()
            .filter_map(|i| {
                let page = &localized.pages[i];
                let src = &content.pages[page.content_index?];
                let file = src.source.clone().unwrap_or_default();
                // Errors in the target's shortcodes, or in reading it again, are reported
                // when it is rendered.
                let body = src.body_text().ok()?;
                let text = shortcodes::expand(&file, &body, src.body_line, &page.lang, data)
                    .map_or_else(|_| body.to_string(), |e| e.text);
                Some((i, heading_ids(&text, &page.lang)))
            })
            .collect()
    }

    /// Whether these targets still hold after only the body of page `index` changed to
    /// `body`: every page its fragments point into has its ids known, and its own ids (if
    /// links point into it) are unchanged. When not, the whole site's targets are made anew.
    pub fn hold_after_edit(
        &self,
        localized: &Localized,
        index: usize,
        body: &str,
        data: &shortcodes::Data,
        file: &std::path::Path,
        line: usize,
    ) -> bool {
        let page = &localized.pages[index];
        let known = fragment_tokens(body).all(|dest| {
            match self.resolve(dest, &page.url, &page.lang, localized) {
                Ok(Target::Page { index: t, .. }) => {
                    self.anchors.contains_key(&t) || localized.pages[t].content_index.is_none()
                }
                _ => true,
            }
        });
        known
            && self.anchors.get(&index).is_none_or(|old| {
                let text = shortcodes::expand(file, body, line, &page.lang, data)
                    .map_or_else(|_| body.to_string(), |e| e.text);
                *old == heading_ids(&text, &page.lang)
            })
    }

    /// Where `dest`, written in a page at `from_url` in `lang`, leads.
    ///
    /// Fails with the message for a link to nothing: an unknown page key, URL or file; and
    /// for a link from a published page to a draft.
    pub fn resolve<'a>(
        &self,
        dest: &'a str,
        from_url: &str,
        lang: &str,
        localized: &Localized,
    ) -> Result<Target<'a>, String> {
        let target = self.resolve_any(dest, from_url, lang, localized)?;
        if let Target::Page { index, .. } = &target
            && let Some(source) = self.draft_pages.get(index)
        {
            let below = from_url.strip_prefix(&self.base_path).unwrap_or(from_url);
            let from_draft = self
                .pages
                .get(below)
                .is_some_and(|i| self.draft_pages.contains_key(i));
            if !from_draft {
                return Err(to_draft(dest, source));
            }
        }
        Ok(target)
    }

    /// [`Targets::resolve`] without the draft rule.
    fn resolve_any<'a>(
        &self,
        dest: &'a str,
        from_url: &str,
        lang: &str,
        localized: &Localized,
    ) -> Result<Target<'a>, String> {
        let from_origin = self.below_base_url(dest);
        if from_origin.is_none() && is_external(dest) {
            return Ok(Target::External);
        }
        let parts = Parts::of(from_origin.unwrap_or(dest));
        if let Some(key_path) = parts.path.strip_prefix("@/") {
            return self.resolve_key(dest, key_path, parts.fragment, lang, localized);
        }
        if parts.path.is_empty() && from_origin.is_none() {
            return Ok(parts.fragment.map_or(Target::External, Target::Own));
        }
        let relative = from_origin.is_none() && !parts.path.starts_with('/');
        if relative {
            match self.beside_page(parts.path, from_url, localized) {
                Some(Ok(output)) => {
                    return Ok(Target::File {
                        rewritten: Some(self.with_base_path(&format!("/{output}"), &parts)),
                    });
                }
                Some(Err(file)) if has_file_extension(parts.path) => {
                    return Err(self.no_such_file(dest, &file));
                }
                _ => {}
            }
        }
        let Some(site) = self.site_path(parts.path, from_origin.is_some(), from_url) else {
            return Err(format!(
                "link to `{dest}`: it climbs above the site root from {from_url}"
            ));
        };
        let rewritten = site
            .needs_prefix
            .then(|| self.with_base_path(&site.path, &parts));
        if let Some(index) = self.page_at(&site.path) {
            return Ok(Target::Page {
                index,
                fragment: parts.fragment,
                rewritten,
            });
        }
        if self.files.contains(&site.path) {
            return Ok(Target::File { rewritten });
        }
        let page_url = site.path.strip_suffix("index.html").unwrap_or(&site.path);
        if let Some(source) = self
            .draft_urls
            .get(page_url)
            .or_else(|| self.draft_urls.get(&format!("{page_url}/")))
        {
            return Err(to_draft(dest, source));
        }
        Err(self.not_found(dest, parts.path, &site.path, lang))
    }

    /// The file beside the Markdown of the page at `from_url` that the relative `path` names:
    /// `Ok(output path)` when it is one of the site's files, `Err(source path)` when not;
    /// `None` when the page has no source or `path` climbs out of `content/`.
    fn beside_page(
        &self,
        path: &str,
        from_url: &str,
        localized: &Localized,
    ) -> Option<Result<String, std::path::PathBuf>> {
        let below = from_url.strip_prefix(&self.base_path).unwrap_or(from_url);
        let page = &localized.pages[*self.pages.get(below)?];
        let dir = page.source.as_deref()?.parent()?;
        let dir = dir.to_string_lossy().replace('\\', "/");
        let joined = join(&format!("/{dir}/"), path)?;
        let file = std::path::PathBuf::from(joined.trim_start_matches('/'));
        if !file.starts_with("content") {
            return None;
        }
        Some(self.content_files.get(&file).cloned().ok_or(file))
    }

    /// The message for `dest`, a relative link to `file`, which is not beside the pages, with
    /// the closest file of that directory.
    fn no_such_file(&self, dest: &str, file: &std::path::Path) -> String {
        let dir = file.parent();
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let near: Vec<String> = self
            .content_files
            .keys()
            .filter(|f| f.parent() == dir)
            .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let hint = Hint::closest(&name, near.iter().map(String::as_str));
        format!(
            "link to `{dest}`: there is no file {} beside this page{hint}",
            file.display()
        )
    }

    /// The rest of `dest` when it starts with the site's base URL: `https://<site>/fi/…` is
    /// internal, the base URL (its path included) being the site's root.
    fn below_base_url<'a>(&self, dest: &'a str) -> Option<&'a str> {
        if self.base_url.is_empty() {
            return None;
        }
        dest.strip_prefix(self.base_url.trim_end_matches('/'))
            .filter(|r| r.is_empty() || r.starts_with(['/', '#', '?']))
    }

    /// Where the internal link `path` leads below the base path, written in the page at
    /// `from_url`, or after the base URL when `from_origin`; `None` when it climbs above the
    /// site root.
    fn site_path(&self, path: &str, from_origin: bool, from_url: &str) -> Option<SitePath> {
        if from_origin {
            return Some(SitePath {
                path: format!("/{}", path.trim_start_matches('/')),
                needs_prefix: false,
            });
        }
        let Some(rest) = path.strip_prefix('/') else {
            let from = from_url.strip_prefix(&self.base_path).unwrap_or(from_url);
            return join(from, path).map(|path| SitePath {
                path,
                needs_prefix: false,
            });
        };
        // An absolute link written without the base path gets it in front.
        let rest = format!("/{rest}");
        Some(match rest.strip_prefix(&self.base_path) {
            Some(r) if !self.base_path.is_empty() && (r.is_empty() || r.starts_with('/')) => {
                SitePath {
                    path: if r.is_empty() {
                        "/".into()
                    } else {
                        r.to_string()
                    },
                    needs_prefix: false,
                }
            }
            _ => SitePath {
                path: rest,
                needs_prefix: !self.base_path.is_empty(),
            },
        })
    }

    /// The link to `site_path` with the base path in front, its query and fragment kept.
    fn with_base_path(&self, site_path: &str, parts: &Parts) -> String {
        let mut url = format!("{}{site_path}", self.base_path);
        if let Some(q) = parts.query {
            url = format!("{url}?{q}");
        }
        if let Some(f) = parts.fragment {
            url = format!("{url}#{f}");
        }
        url
    }

    /// The index of the page at `site_path` (with or without `index.html` or the final `/`).
    fn page_at(&self, site_path: &str) -> Option<usize> {
        let page_url = site_path
            .strip_suffix("index.html")
            .filter(|p| p.ends_with('/'))
            .unwrap_or(site_path);
        self.pages
            .get(page_url)
            .or_else(|| self.pages.get(&format!("{page_url}/")))
            .copied()
    }

    /// The message for `dest` (`path` below the base path being `site_path`), which leads to
    /// no page or file, with the closest URL of the pages of `lang` and the files.
    fn not_found(&self, dest: &str, path: &str, site_path: &str, lang: &str) -> String {
        let own_lang = format!("/{lang}/");
        let hint = closest_url(
            site_path,
            self.pages
                .keys()
                .filter(|u| u.starts_with(&own_lang) || !site_path.starts_with(&own_lang))
                .chain(self.files.iter()),
        );
        let shown = if site_path == path {
            String::new()
        } else {
            format!(" ({site_path})")
        };
        format!("link to `{dest}`{shown}: no page or file has this URL{hint}")
    }

    fn resolve_key<'a>(
        &self,
        dest: &'a str,
        key_path: &str,
        fragment: Option<&'a str>,
        lang: &str,
        localized: &Localized,
    ) -> Result<Target<'a>, String> {
        let key = key_path
            .trim_end_matches('/')
            .trim_end_matches(".md")
            .trim_end_matches(&format!(".{lang}"))
            .trim_end_matches("/_index");
        let key = if key == "_index" { "" } else { key };
        match localized.position(key, lang) {
            Some(index) => {
                let url = &localized.pages[index].url;
                Ok(Target::Page {
                    index,
                    fragment,
                    rewritten: Some(
                        fragment.map_or_else(|| url.to_string(), |f| format!("{url}#{f}")),
                    ),
                })
            }
            None => {
                if let Some(source) = self.draft_keys.get(&(key.to_string(), lang.to_string())) {
                    return Err(to_draft(dest, source));
                }
                let keys: BTreeSet<&str> = localized
                    .pages
                    .iter()
                    .filter(|p| p.lang == lang)
                    .map(|p| p.key.as_str())
                    .collect();
                let hint = Hint::closest(key, keys).0.map_or_else(String::new, |k| {
                    if k.is_empty() {
                        " — did you mean `@/_index`?".to_string()
                    } else {
                        format!(" — did you mean `@/{k}`?")
                    }
                });
                Err(format!(
                    "link to `{dest}`: there is no such page in `{lang}`{hint}"
                ))
            }
        }
    }

    /// Checks `fragment` against the heading ids of page `index`.
    ///
    /// Fails with the message for a heading the page does not have. Pages whose headings come
    /// from a template alone (records, notices) are not checked.
    pub fn check_fragment(
        &self,
        dest: &str,
        index: usize,
        fragment: &str,
        localized: &Localized,
    ) -> Result<(), String> {
        let Some(ids) = self.anchors.get(&index) else {
            return Ok(());
        };
        check_id(dest, fragment, ids, &localized.pages[index].url)
    }
}

/// The URL among `candidates` closest to `url`, if the difference is a likely typo: judged by
/// the length of the last segment, since whole URLs share long prefixes.
fn closest_url<'a>(url: &str, candidates: impl Iterator<Item = &'a String>) -> Hint {
    let last = url.trim_end_matches('/').rsplit('/').next().unwrap_or(url);
    let limit = 2.max(last.chars().count() / 3);
    let best = candidates
        .map(|c| (crate::diagnostic::edit_distance(url, c), c))
        .filter(|(d, _)| *d <= limit)
        .min();
    Hint(best.map(|(_, c)| c.clone()))
}

/// Checks `fragment` of `dest` against `ids`, the heading ids of the page at `url`.
pub fn check_id(dest: &str, fragment: &str, ids: &[String], url: &str) -> Result<(), String> {
    if fragment.is_empty() || ids.iter().any(|i| i == fragment) {
        return Ok(());
    }
    let hint = Hint::closest(fragment, ids.iter().map(String::as_str));
    let known = if ids.is_empty() {
        "it has no headings".to_string()
    } else {
        format!("its headings are #{}", ids.join(", #"))
    };
    Err(format!(
        "link to `{dest}`: the page {url} has no heading `#{fragment}` ({known}){hint}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_join_against_the_page_url() {
        assert_eq!(
            join("/fi/teemat/x/", "../olematon/").as_deref(),
            Some("/fi/teemat/olematon/")
        );
        assert_eq!(
            join("/fi/teemat/x/", "kartta.png").as_deref(),
            Some("/fi/teemat/x/kartta.png")
        );
        assert_eq!(join("/fi/", "../../x"), None);
    }

    #[test]
    fn schemes_and_protocol_relative_links_are_external() {
        assert!(is_external("https://example.org/"));
        assert!(is_external("mailto:a@b.fi") && is_external("//cdn.example/x"));
        assert!(!is_external("/fi/x/") && !is_external("@/themes/x") && !is_external("a/b:c"));
    }

    #[test]
    fn fragment_tokens_skip_headings() {
        let body = "# Otsikko\n\n[a](@/themes/x#kohta) ja [b](#oma) ## ei\n";
        let tokens: Vec<&str> = fragment_tokens(body).collect();
        assert_eq!(tokens, vec!["@/themes/x#kohta"]);
    }

    #[test]
    fn repeated_headings_get_numbered_ids() {
        let ids = heading_ids("# A\n\n## A\n\n## Ä {#oma}\n", "fi");
        assert_eq!(ids, vec!["a", "a-1", "oma"]);
    }
}

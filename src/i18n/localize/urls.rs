//! Slugs and URLs: section slugs from the sections' own pages, page slugs from front matter,
//! and the titles that slugs derive from. Each draft becomes an [`LPage`] at a unique URL.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::error::{LocalizeError, invalid};
use super::facts::Facts;
use super::names::{capitalized, name_key_of};
use super::pairing::Draft;
use super::template::default_template;
use super::{LPage, Pending};
use crate::config::SiteConfig;
use crate::content::{ContentError, FrontMatter, PageKind, locate_in_front};
use crate::diagnostic::Location;
use crate::i18n::{Bundles, slug};

/// A page per draft, with its URL, title and template; links, facts and listings are
/// filled in later. A draft whose URL or title fails is left out, its error in `errors`.
/// Each draft's strings move into its page (at 100,000 pages, copies of them were 25 MB).
///
/// Each draft's URL and title are worked out on their own, in parallel ([`place`]); then, in
/// draft order, each URL is claimed by the first page at it.
pub(super) fn pages(
    drafts: Vec<Draft>,
    bundles: &Bundles,
    config: &SiteConfig,
    errors: &mut Vec<LocalizeError>,
) -> Vec<LPage> {
    let section_slugs = section_slugs(&drafts, errors);
    let sections: std::collections::HashSet<String> = drafts
        .iter()
        .filter(|d| d.kind == PageKind::Section)
        .map(|d| d.key.clone())
        .collect();
    // A sub-path deployment prefixes every URL: `/kumppanuudet/fi/…`; the origin is what the
    // absolute URLs add in front.
    let prefix = config.base_path();
    let origin = &config.base_url[..config.base_url.len() - prefix.len()];
    let mut claims = Claims {
        pages: Vec::with_capacity(drafts.len()),
        seen_urls: HashMap::with_capacity(drafts.len()),
        no_section: BTreeMap::new(),
    };
    // A batch at a time: the placed drafts of a batch are claimed before the next is placed,
    // so that a site's pages are never held twice (at 100,000 pages, placing all of them
    // first held 70 MB more at the peak of a build).
    let mut drafts = drafts.into_iter();
    loop {
        let batch: Vec<Draft<'_>> = drafts.by_ref().take(PLACED_AT_ONCE).collect();
        if batch.is_empty() {
            break;
        }
        let placed: Vec<Placed<'_>> = batch
            .into_par_iter()
            .map(|d| place(d, prefix, origin, &section_slugs, bundles))
            .collect();
        for p in placed {
            claims.claim(p, errors);
        }
    }
    let Claims {
        pages, no_section, ..
    } = claims;
    for ((section, lang), files) in no_section {
        // A section page written in another language is already reported as missing in this
        // one (`pairing`): that is the one cause, not a problem per page of the section.
        if sections.contains(&section) {
            continue;
        }
        let waiting = match files.len() {
            1 => String::new(),
            n => format!(" ({n} pages of the section wait for it)"),
        };
        errors.push(invalid(
            Location::file(&files[0]),
            format!(
                "section `{section}` has no page in `{lang}`: write content/{section}/_index.{lang}.md{waiting}"
            ),
        ));
    }
    pages
}

/// How many drafts are placed side by side before their URLs are claimed.
const PLACED_AT_ONCE: usize = 4096;

/// The pages made so far, in draft order, and the URLs they (or drafts that failed) took.
struct Claims {
    pages: Vec<LPage>,
    /// URL → the page at it (the URL shared with the page, not copied), or the file of a
    /// draft at it that failed.
    seen_urls: HashMap<Arc<str>, Result<usize, PathBuf>>,
    /// `(section, lang)` without a section page → the pages that need it: one error each.
    no_section: BTreeMap<(String, String), Vec<PathBuf>>,
}

impl Claims {
    /// Claims the URL of `p` for its page, or reports the page that holds it already.
    fn claim(&mut self, p: Placed<'_>, errors: &mut Vec<LocalizeError>) {
        let Placed {
            outcome,
            front,
            front_yaml,
            url_errors,
            named_errors,
            no_section: missing,
        } = p;
        errors.extend(url_errors);
        for (section, files) in missing {
            self.no_section.entry(section).or_default().extend(files);
        }
        let (url, source) = match &outcome {
            Outcome::Page(page) => (&page.url, page.source.as_deref()),
            Outcome::NoTitle { url, source } => (url, Some(source.as_path())),
            Outcome::NoUrl => return,
        };
        if let Some(other) = self.seen_urls.get(url) {
            let other = match other {
                Ok(i) => self.pages[*i].source.clone().unwrap_or_default(),
                Err(file) => file.clone(),
            };
            // The slug makes the URL: point at it, or at the title it was derived from.
            let file = source.unwrap_or(Path::new(""));
            let at = match &front.slug {
                Some(slug) => locate_in_front(file, front_yaml, "slug", slug),
                None => locate_in_front(file, front_yaml, "title", &front.title),
            };
            errors.push(invalid(
                at,
                format!(
                    "two pages map to the same URL {url}: this one and {}",
                    other.display()
                ),
            ));
            return;
        }
        errors.extend(named_errors);
        match outcome {
            Outcome::Page(page) => {
                self.seen_urls
                    .insert(Arc::clone(&page.url), Ok(self.pages.len()));
                self.pages.push(*page);
            }
            Outcome::NoTitle { url, source } => {
                self.seen_urls.insert(url, Err(source));
            }
            Outcome::NoUrl => {}
        }
    }
}

/// One draft made into a page with what it needs of no other page: its URL and permalink,
/// its title and notice; and the errors found on the way.
struct Placed<'a> {
    outcome: Outcome,
    /// The draft's front matter, to point at the slug or title that makes a URL clash.
    front: Cow<'a, FrontMatter>,
    front_yaml: &'a str,
    /// The problems of its URL.
    url_errors: Vec<LocalizeError>,
    /// The problems of its title and notice: not reported when another page holds its URL.
    named_errors: Vec<LocalizeError>,
    /// Its section, when the section has no page in its language.
    no_section: BTreeMap<(String, String), Vec<PathBuf>>,
}

/// What became of a draft on its own.
enum Outcome {
    /// A page (its URL still to be claimed).
    Page(Box<LPage>),
    /// A URL, but no title (the error is in `named_errors`).
    NoTitle { url: Arc<str>, source: PathBuf },
    /// Its slug or its section's failed.
    NoUrl,
}

/// [`Placed`] of `d`.
fn place<'a>(
    d: Draft<'a>,
    prefix: &str,
    origin: &str,
    section_slugs: &HashMap<(String, String), String>,
    bundles: &Bundles,
) -> Placed<'a> {
    let mut url_errors = Vec::new();
    let mut no_section = BTreeMap::new();
    let url = page_url(&d, prefix, section_slugs, &mut no_section, &mut url_errors);
    let mut named_errors = Vec::new();
    let (front, front_yaml) = (d.front.clone(), d.front_yaml);
    let outcome = match url {
        None => Outcome::NoUrl,
        Some(url) => {
            let source = d.source.clone().unwrap_or_default();
            match title(&d, bundles, &source, &mut named_errors) {
                None => Outcome::NoTitle {
                    url: url.into(),
                    source,
                },
                Some(title) => {
                    let pending = pending(&d, bundles, &source, &mut named_errors);
                    let permalink = format!("{origin}{url}").into();
                    let mut page = page(d, title, permalink, url.into());
                    page.pending = pending.map(Box::new);
                    Outcome::Page(Box::new(page))
                }
            }
        }
    };
    Placed {
        outcome,
        front,
        front_yaml,
        url_errors,
        named_errors,
        no_section,
    }
}

/// `(section key, lang)` → the section's slug in that language.
fn section_slugs(
    drafts: &[Draft],
    errors: &mut Vec<LocalizeError>,
) -> HashMap<(String, String), String> {
    let mut slugs = HashMap::new();
    for d in drafts.iter().filter(|d| d.kind == PageKind::Section) {
        match page_slug(d) {
            Ok(s) => {
                slugs.insert((d.key.clone(), d.lang.clone()), s);
            }
            Err(e) => errors.push(e.into()),
        }
    }
    slugs
}

/// The root-relative URL of `d`; `None` when its slug or its section's fails (a section's
/// own failure is already reported; a section without a page in `d`'s language is noted in
/// `no_section`, to be reported once).
fn page_url(
    d: &Draft,
    prefix: &str,
    section_slugs: &HashMap<(String, String), String>,
    no_section: &mut BTreeMap<(String, String), Vec<PathBuf>>,
    errors: &mut Vec<LocalizeError>,
) -> Option<String> {
    match d.kind {
        PageKind::Home => Some(format!("{prefix}/{}/", d.lang)),
        PageKind::Section => section_slugs
            .get(&(d.key.clone(), d.lang.clone()))
            .map(|s| format!("{prefix}/{}/{s}/", d.lang)),
        PageKind::Page => {
            let section = d.section.clone().unwrap_or_default();
            let Some(sslug) = section_slugs.get(&(section.clone(), d.lang.clone())) else {
                no_section
                    .entry((section, d.lang.clone()))
                    .or_default()
                    .push(d.source.clone().unwrap_or_default());
                return None;
            };
            match page_slug(d) {
                Ok(s) => Some(format!("{prefix}/{}/{sslug}/{s}/", d.lang)),
                Err(e) => {
                    errors.push(e.into());
                    None
                }
            }
        }
    }
}

/// The slug of `d`: its `slug`, checked, or one derived from its title.
fn page_slug(d: &Draft) -> Result<String, ContentError> {
    match &d.front.slug {
        Some(s) => {
            slug::validate(s).map_err(|message| ContentError::Invalid {
                at: d.at("slug", s),
                message,
            })?;
            Ok(s.clone())
        }
        None => {
            if d.front.title.trim().is_empty() {
                let file = d.source.clone().unwrap_or_default();
                return Err(ContentError::Invalid {
                    at: Location::new(file, 2, 1),
                    message: "`title` is missing or empty (and there is no `slug`)".into(),
                });
            }
            let s = slug::slugify(&d.front.title);
            if s.is_empty() {
                return Err(ContentError::Invalid {
                    at: d.at("title", &d.front.title),
                    message: "cannot derive a slug from the title; give a `slug`".into(),
                });
            }
            Ok(s)
        }
    }
}

/// The title of `d` in its language: the notice's for a pending version, the Fluent name
/// for a page named in Fluent, else the front matter's. `None` if there is none at all.
fn title(
    d: &Draft,
    bundles: &Bundles,
    source: &Path,
    errors: &mut Vec<LocalizeError>,
) -> Option<String> {
    if let Some(pending) = &d.pending {
        let mut args = fluent::FluentArgs::new();
        args.set("source", pending.lang.clone());
        return Some(
            match bundles.format(
                &d.lang,
                "pending-title",
                Some(&args),
                &Location::file(source),
            ) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(e.into());
                    d.front.title.clone()
                }
            },
        );
    }
    if let Some(named) = named_title(
        d.kind,
        d.section.as_deref(),
        d.id.as_deref(),
        &d.lang,
        bundles,
        source,
    ) {
        return Some(named.unwrap_or_else(|e| {
            errors.push(e.into());
            d.front.title.clone()
        }));
    }
    if d.front.title.trim().is_empty() {
        errors.push(invalid(
            Location::new(source, 2, 1),
            "`title` is missing or empty",
        ));
        return None;
    }
    Some(d.front.title.clone())
}

/// The title of a page named in Fluent (`theme-<id>`, `partnership-<id>` …): that name,
/// capitalized, so that a rename renames it here and in every listing and running text at
/// once. `None` when the page has no name in `lang`.
pub(super) fn named_title(
    kind: PageKind,
    section: Option<&str>,
    id: Option<&str>,
    lang: &str,
    bundles: &Bundles,
    source: &Path,
) -> Option<Result<String, crate::i18n::I18nError>> {
    let key = name_key_of(kind, section, id).filter(|k| bundles.has(lang, k))?;
    Some(
        bundles
            .name(lang, &key, None, &Location::file(source))
            .map(|name| capitalized(&name)),
    )
}

/// For a notice, what it says of its source page so far: the language and cause, and the
/// marker links show (Fluent `pending-marker`, by source language); [`super::nav`] adds the
/// source page's URL and title once every page has one.
fn pending(
    d: &Draft,
    bundles: &Bundles,
    source: &Path,
    errors: &mut Vec<LocalizeError>,
) -> Option<Pending> {
    let p = d.pending.as_ref()?;
    let mut args = fluent::FluentArgs::new();
    args.set("source", p.lang.clone());
    let marker = bundles
        .format(
            &d.lang,
            "pending-marker",
            Some(&args),
            &Location::file(source),
        )
        .unwrap_or_else(|e| {
            errors.push(e.into());
            String::new()
        });
    Some(Pending {
        source_lang: p.lang.clone(),
        source_url: "".into(),
        source_title: "".into(),
        cause: p.cause,
        marker,
    })
}

/// The page of `d` at `url`, before links, facts and listings.
fn page(d: Draft, title: String, permalink: Arc<str>, url: Arc<str>) -> LPage {
    let template = d
        .front
        .template
        .clone()
        .unwrap_or_else(|| default_template(&d));
    let template_at = d
        .front
        .template
        .as_ref()
        .map(|t| Box::new(d.at("template", t)));
    let description = d.front.description.clone();
    LPage {
        key: d.key,
        lang: d.lang,
        kind: d.kind,
        section: d.section,
        id: d.id,
        source: d.source,
        content_index: d.content_index,
        title: title.into(),
        description,
        permalink,
        url,
        template_at,
        template,
        pending: None,
        translations: Vec::new(),
        switcher: Vec::new(),
        facts: Arc::new(Facts::None {}),
        children: Vec::new(),
        breadcrumbs: Vec::new(),
    }
}

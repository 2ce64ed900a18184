//! Page checks: translations pending, stale or untracked, and links from one language's page
//! into another language's site where a version in the page's own language exists (a link to
//! no page at all is a build error, see `markdown/links.rs`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::Problem;
use crate::Built;
use crate::content::Page;
use crate::diagnostic::{Location, Severity};
use crate::i18n::localize::PendingCause;

/// The translations whose reference page changed since they were marked (`translated_from`
/// differs from the reference page's current hash), as `(page key, language)`: what the pair
/// view of `serve` highlights.
pub fn stale_translations(reference: &str, pages: &[Arc<Page>]) -> Vec<(String, String)> {
    crate::translation::stale_pages(reference, pages)
        .into_iter()
        .map(|s| (s.page.key.clone(), s.page.lang.clone()))
        .collect()
}

/// Runs the page checks on a site whose stages all succeeded.
pub fn check(root: &Path, stages: &Built, out: &mut Vec<Problem>) {
    let reference = stages.config.reference_language();
    let pages = &stages.content.pages;
    let by_key: HashMap<(&str, &str), &Page> = pages
        .iter()
        .map(|p| ((p.key.as_str(), p.lang.as_str()), &**p))
        .collect();

    // Pending: the notice page exists (localize made it); list it, do not fail. A page's own
    // marker is listed per page; a language in progress is one line per section.
    let mut in_progress: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for lp in &stages.localized.pages {
        let Some(pending) = &lp.pending else { continue };
        if pending.cause == PendingCause::Language {
            in_progress
                .entry((lp.lang.as_str(), lp.section.as_deref().unwrap_or("")))
                .or_default()
                .push(lp.url.as_ref());
            continue;
        }
        let (at, span) = match by_key.get(&(lp.key.as_str(), pending.source_lang.as_str())) {
            Some(source) => crate::translation::front_field(source, &["translation", "pending"]),
            None => (Location::file(lp.source.clone().unwrap_or_default()), 3),
        };
        out.push(Problem::new(
            Severity::Info,
            "pending",
            at,
            span,
            crate::translation::pending_message(
                &lp.lang,
                &lp.url,
                &pending.source_lang,
                &pending.source_url,
            ),
        ));
    }
    report_in_progress(root, &in_progress, reference, out);

    // Stale translations of reference pages, as `build` words them; untracked ones.
    for stale in crate::translation::stale_pages(reference, pages) {
        let (at, span) = crate::translation::front_field(stale.page, &["translated_from"]);
        out.push(Problem::new(
            Severity::Warning,
            "stale-translation",
            at,
            span,
            stale.message(),
        ));
    }
    for p in pages.iter().filter(|p| p.lang != reference) {
        let Some(file) = &p.source else { continue };
        let Some(r) = by_key.get(&(p.key.as_str(), reference)) else {
            continue;
        };
        let reference_file = r.source.clone().unwrap_or_default();
        match &p.front.translated_from {
            Some(_) => {}
            None => out.push(Problem::new(
                Severity::Info,
                "untracked-translation",
                Location::file(file),
                3,
                format!(
                    "no `translated_from:`: it is unknown whether this is up to date with {}; run `kumppani i18n mark-translated {}` once it is",
                    reference_file.display(),
                    file.display()
                ),
            )),
        }
    }

    check_links(stages, out);
}

/// One info per language in progress and section: how many of its pages are notices.
fn report_in_progress(
    root: &Path,
    in_progress: &BTreeMap<(&str, &str), Vec<&str>>,
    reference: &str,
    out: &mut Vec<Problem>,
) {
    let config = Path::new(crate::config::CONFIG_PATH);
    let text = std::fs::read_to_string(root.join(config)).unwrap_or_default();
    for ((lang, section), urls) in in_progress {
        let at = crate::source::locate(config, &text, "language_status", lang);
        let n = urls.len();
        let pages = if n == 1 {
            "1 page".to_string()
        } else {
            format!("{n} pages")
        };
        let place = if section.is_empty() {
            "of the home page".to_string()
        } else {
            format!("of section `{section}`")
        };
        let (verb, target) = if n == 1 {
            ("shows", "its")
        } else {
            ("show", "their")
        };
        out.push(Problem::new(
            Severity::Info,
            "pending",
            at,
            lang.chars().count(),
            format!(
                "`{lang}` is in progress: {pages} {place} not written in `{lang}` yet {verb} a notice linking to {target} `{reference}` page ({}{})",
                urls[0],
                if n > 1 { ", …" } else { "" }
            ),
        ));
    }
}

/// Absolute links `/fi/…` (or `<base_url>/fi/…`) in a page of another language.
fn check_links(stages: &Built, out: &mut Vec<Problem>) {
    let localized = &stages.localized;
    let by_url: HashMap<&str, usize> = localized
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.url.as_ref(), i))
        .collect();
    for page in &stages.content.pages {
        let Some(file) = &page.source else { continue };
        let mut options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
        options.insert(Options::ENABLE_STRIKETHROUGH);
        for (event, range) in Parser::new_ext(&page.body, options).into_offset_iter() {
            let Event::Start(Tag::Link { dest_url, .. }) = event else {
                continue;
            };
            let dest = dest_url
                .strip_prefix(&localized.base_url)
                .unwrap_or(&dest_url);
            let path = dest.split(['#', '?']).next().unwrap_or(dest);
            let Some(target_lang) = localized
                .languages
                .iter()
                .find(|l| path.starts_with(&format!("/{l}/")) || path == format!("/{l}"))
            else {
                continue;
            };
            if *target_lang == page.lang {
                continue;
            }
            let at = Location::at_offset(file, &page.body, range.start, page.body_line);
            let span = page.body[range.clone()]
                .lines()
                .next()
                .map_or(1, |l| l.chars().count());
            let mut with_slash = path.to_string();
            if !with_slash.ends_with('/') {
                with_slash.push('/');
            }
            // A link to no page fails the Markdown stage (see markdown/links.rs).
            let Some(&i) = by_url.get(with_slash.as_str()) else {
                continue;
            };
            let target = &localized.pages[i];
            let Some(own) = localized.get(&target.key, &page.lang) else {
                continue;
            };
            if own.pending.is_some() {
                continue;
            }
            let key_link = if target.key.is_empty() {
                "@/_index".to_string()
            } else {
                format!("@/{}", target.key)
            };
            out.push(Problem::new(
                Severity::Warning,
                "cross-language-link",
                at,
                span,
                format!(
                    "link from a `{}` page into the `{target_lang}` site ({}), but a `{}` version exists at {}: link to ({key_link}) instead",
                    page.lang, target.url, page.lang, own.url
                ),
            ));
        }
    }
}

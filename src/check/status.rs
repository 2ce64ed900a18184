//! `kumppani i18n status`: how much of the site each language has, for translators and for a
//! status page.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::{Error, Errors};

/// One language's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangStatus {
    /// Language code.
    pub lang: String,
    /// Reference messages this language defines.
    pub messages: usize,
    /// Messages in the reference language.
    pub messages_total: usize,
    /// Pages (written Markdown, by key) this language has.
    pub pages: usize,
    /// Pages in any language.
    pub pages_total: usize,
    /// Pages whose `translated_from` no longer matches the reference page, plus messages
    /// whose reference message changed since they were marked.
    pub stale: usize,
    /// The stale pages (this language's files).
    pub stale_pages: Vec<PathBuf>,
    /// Pages this language does not have: the file of the version that exists, and whether it
    /// says `translation: pending`.
    pub untranslated_pages: Vec<(PathBuf, bool)>,
    /// The stale messages.
    pub stale_messages: Vec<String>,
    /// Reference messages this language does not define.
    pub missing_messages: Vec<String>,
}

impl LangStatus {
    /// Messages and pages together, in percent (rounded down; 100 only when complete).
    pub fn percent(&self) -> usize {
        let total = self.messages_total + self.pages_total;
        if total == 0 {
            return 100;
        }
        (self.messages + self.pages) * 100 / total
    }
}

/// Counts, per configured language, messages and pages translated.
///
/// Fails when the configuration, content or Fluent files cannot be loaded.
pub fn status(root: &Path) -> Result<Vec<LangStatus>, Errors> {
    let config = SiteConfig::load(root).map_err(|e| Errors(vec![e.into()]))?;
    let content = crate::content::load(root, &config)
        .map_err(|e| Errors(e.into_iter().map(Error::from).collect()))?;
    let bundles = crate::i18n::bundles::load_bundles(root, &config)
        .map_err(|e| Errors(e.into_iter().map(Error::from).collect()))?;
    let reference = config.reference_language();
    let ref_messages = bundles
        .by_lang
        .get(reference)
        .map(|b| b.messages.keys().cloned().collect::<BTreeSet<_>>())
        .unwrap_or_default();
    let keys: BTreeSet<&str> = content.pages.iter().map(|p| p.key.as_str()).collect();
    let message_states = super::messages::states(root, &config, &bundles)?;
    let all_stale = crate::translation::stale_pages(reference, &content.pages);
    let mut rows = Vec::new();
    for lang in &config.languages {
        let defined = |k: &String| {
            bundles
                .by_lang
                .get(lang)
                .is_some_and(|b| b.messages.contains_key(k))
        };
        let missing_messages: Vec<String> = ref_messages
            .iter()
            .filter(|k| !defined(k))
            .cloned()
            .collect();
        let mine: Vec<_> = content.pages.iter().filter(|p| &p.lang == lang).collect();
        let stale_pages: Vec<PathBuf> = all_stale
            .iter()
            .filter(|s| s.page.lang == *lang)
            .filter_map(|s| s.page.source.clone())
            .collect();
        let untranslated_pages = keys
            .iter()
            .filter(|k| !mine.iter().any(|p| p.key == **k))
            .filter_map(|k| {
                let version = content
                    .pages
                    .iter()
                    .filter(|p| p.key == *k)
                    .min_by_key(|p| p.lang != reference)?;
                let f = &version.front;
                let pending = f.translation.is_some() || f.pending.iter().any(|l| l == lang);
                Some((version.source.clone()?, pending))
            })
            .collect();
        let stale_messages: Vec<String> = message_states
            .iter()
            .filter(|t| t.lang == *lang && matches!(t.state, super::messages::State::Stale { .. }))
            .map(|t| t.key.clone())
            .collect();
        rows.push(LangStatus {
            lang: lang.clone(),
            messages: ref_messages.len() - missing_messages.len(),
            messages_total: ref_messages.len(),
            pages: mine.len(),
            pages_total: keys.len(),
            stale: stale_pages.len() + stale_messages.len(),
            stale_pages,
            untranslated_pages,
            stale_messages,
            missing_messages,
        });
    }
    Ok(rows)
}

/// The table printed by `kumppani i18n status`.
pub fn table(rows: &[LangStatus]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<8} {:>10} {:>10} {:>6} {:>11}",
        "language", "messages", "pages", "stale", "translated"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:<8} {:>10} {:>10} {:>6} {:>10}%",
            r.lang,
            format!("{}/{}", r.messages, r.messages_total),
            format!("{}/{}", r.pages, r.pages_total),
            r.stale,
            r.percent()
        );
    }
    // Then what to do, by name.
    for r in rows {
        for p in &r.stale_pages {
            let _ = writeln!(out, "{}: stale page {}", r.lang, p.display());
        }
        for (p, pending) in &r.untranslated_pages {
            let what = if *pending { "pending" } else { "untranslated" };
            let _ = writeln!(out, "{}: {what} page {}", r.lang, p.display());
        }
        for k in &r.stale_messages {
            let _ = writeln!(out, "{}: stale message {k}", r.lang);
        }
        for k in &r.missing_messages {
            let _ = writeln!(out, "{}: missing message {k}", r.lang);
        }
    }
    out
}

//! `kumppani i18n status`: how much of the site each language has, for translators and for a
//! status page.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use super::translated::source_hash;
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
    /// Of `pages`, those whose `translated_from` no longer matches the reference page.
    pub stale: usize,
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
    let mut rows = Vec::new();
    for lang in &config.languages {
        let messages = bundles.by_lang.get(lang).map_or(0, |b| {
            ref_messages
                .iter()
                .filter(|k| b.messages.contains_key(*k))
                .count()
        });
        let mine: Vec<_> = content.pages.iter().filter(|p| &p.lang == lang).collect();
        let stale = mine
            .iter()
            .filter(|p| {
                let Some(h) = &p.front.translated_from else {
                    return false;
                };
                content
                    .pages
                    .iter()
                    .find(|r| r.key == p.key && r.lang == reference)
                    .is_some_and(|r| source_hash(&r.front.title, &r.body) != *h)
            })
            .count();
        rows.push(LangStatus {
            lang: lang.clone(),
            messages,
            messages_total: ref_messages.len(),
            pages: mine.len(),
            pages_total: keys.len(),
            stale,
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
    out
}

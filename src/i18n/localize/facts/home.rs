//! The home page: every partnership and the latest news.

use super::super::section::Section;
use super::{Facts, Resolver, sorted_news, sorted_partnerships};

/// The home page's listings.
pub(super) fn facts(r: &Resolver) -> Facts {
    let recs = &r.content.records;
    Facts::Home {
        partnerships: sorted_partnerships(recs)
            .iter()
            .filter_map(|id| r.site.link(&Section::Partnerships.key(id), r.lang))
            .collect(),
        news: sorted_news(recs)
            .iter()
            .filter_map(|id| r.site.link(&Section::News.key(id), r.lang))
            .collect(),
    }
}

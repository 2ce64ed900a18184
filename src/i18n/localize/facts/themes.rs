//! A theme page: the partnerships that work on it.

use super::super::section::Section;
use super::{Facts, Resolver, sorted_partnerships};

/// The facts of theme `id`: partnerships whose records name it, in partnership order.
pub(super) fn facts(r: &Resolver, id: &str) -> Facts {
    let recs = &r.content.records;
    let partnerships = sorted_partnerships(recs)
        .into_iter()
        .filter(|p| recs.partnerships[p].data.themes.iter().any(|t| t == id))
        .filter_map(|p| r.site.link(&Section::Partnerships.key(&p), r.lang))
        .collect();
    Facts::Theme { partnerships }
}

//! A city page: its region and the partnerships it is a member of.

use super::super::section::Section;
use super::{Facts, Resolver, sorted_partnerships};

/// The facts of city `id` (none for a page about a city without a record).
pub(super) fn facts(r: &mut Resolver, id: &str) -> Facts {
    let content = r.content;
    let recs = &content.records;
    let Some(rec) = recs.cities.get(id) else {
        return Facts::None {};
    };
    let region = r
        .message(rec, "region", &rec.data.region, "region-")
        .unwrap_or_default();
    let partnerships = sorted_partnerships(recs)
        .into_iter()
        .filter(|p| recs.partnerships[p].data.members.iter().any(|m| m == id))
        .filter_map(|p| r.site.link(&Section::Partnerships.key(&p), r.lang))
        .collect();
    Facts::City {
        region,
        partnerships,
    }
}

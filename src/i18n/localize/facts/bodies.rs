//! A body such as a secretariat: the decision that set it up, its term and members.

use super::super::section::Section;
use super::{Facts, MemberView, Resolver};

/// The facts of body `id`; `None` when it has no record.
pub(super) fn facts(r: &mut Resolver, id: &str) -> Option<Facts> {
    let (site, lang) = (r.site, r.lang);
    let content = r.content;
    let rec = r.record(&content.records.bodies, Section::Bodies, id)?;
    let b = &rec.data;
    Some(Facts::Body {
        partnership: b
            .partnership
            .as_ref()
            .and_then(|p| r.page_link(rec, "partnership", Section::Partnerships, p)),
        decision_number: b.decision.as_ref().map(|d| d.number.clone()),
        decision_date: b.decision.as_ref().map(|d| site.dates.format(lang, d.date)),
        decision_by: b
            .decision
            .as_ref()
            .and_then(|d| r.message(rec, "by", &d.by, "org-")),
        term_start: b.term_start.map(|d| site.dates.format(lang, d)),
        term_end: b.term_end.map(|d| site.dates.format(lang, d)),
        deadline: b.deadline.map(|d| site.dates.format(lang, d)),
        member_count: b.members.len(),
        members: b
            .members
            .iter()
            .filter_map(|m| {
                Some(MemberView {
                    person: r.contact(rec, "person", &m.person)?,
                    chair: m.chair,
                })
            })
            .collect(),
    })
}

//! A partnership page: its members, themes, people, bodies and news.

use super::super::error::invalid;
use super::super::section::Section;
use super::{CityLink, Facts, LeaderView, Resolver, sorted_news};
use crate::content::locate;

/// The facts of partnership `id`; `None` when it has no record.
pub(super) fn facts(r: &mut Resolver, id: &str) -> Option<Facts> {
    let (site, lang) = (r.site, r.lang);
    let content = r.content;
    let recs = &content.records;
    let rec = r.record(&recs.partnerships, Section::Partnerships, id)?;
    let p = &rec.data;
    let mut members: Vec<CityLink> = p
        .members
        .iter()
        .filter_map(|c| r.city(rec, "members", c))
        .collect();
    site.collators
        .sort_by_key(lang, &mut members, |c| c.name.as_str());
    let themes = p
        .themes
        .iter()
        .filter_map(|t| r.page_link(rec, "themes", Section::Themes, t))
        .collect();
    let contacts = p
        .contacts
        .iter()
        .filter_map(|c| r.contact(rec, "contacts", c))
        .collect();
    let leaders = p
        .leaders
        .iter()
        .filter_map(|l| {
            let role = r.message(rec, "role", &l.role, "role-")?;
            let person = r.contact(rec, "person", &l.person)?;
            Some(LeaderView { role, person })
        })
        .collect();
    let linked_to = p
        .linked_to
        .as_ref()
        .and_then(|l| r.message(rec, "linked_to", l, "programme-"));
    let bodies = recs
        .bodies
        .iter()
        .filter(|(_, b)| b.data.partnership.as_deref() == Some(id))
        .filter_map(|(b, _)| site.link(&Section::Bodies.key(b), lang))
        .collect();
    let news = sorted_news(recs)
        .into_iter()
        .filter(|n| recs.news[n].data.partnerships.iter().any(|x| x == id))
        .filter_map(|n| site.link(&Section::News.key(&n), lang))
        .collect();
    if !p.members.is_empty() && p.member_count.is_some() {
        r.errors.push(invalid(
            locate(&rec.source, &rec.text, "member_count", "member_count"),
            "`member_count` is derived from `members`; give one or the other, not both",
        ));
    }
    Some(Facts::Partnership {
        status: p.status,
        member_count: if p.members.is_empty() {
            p.member_count.unwrap_or(0) as usize
        } else {
            p.members.len()
        },
        members_named: !p.members.is_empty(),
        members,
        member_kind: p.member_kind,
        themes,
        contacts,
        leaders,
        first_meeting: p.first_meeting.map(|d| site.dates.format(lang, d)),
        as_of: p.as_of.map(|d| site.dates.format(lang, d)),
        linked_to,
        bodies,
        news,
    })
}

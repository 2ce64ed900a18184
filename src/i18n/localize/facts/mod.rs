//! The facts a page shows, resolved from the records by id: one file per record kind.

mod accessibility;
mod bodies;
mod cities;
mod contacts;
mod home;
mod news;
mod partnerships;
mod resolver;
mod themes;

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::error::{LocalizeError, invalid};
use super::nav::children_of;
use super::section::Section;
use super::{LPage, Link, Localized};
use crate::content::records::{Date, MemberKind, Records, Status};
use crate::content::{Content, PageKind};
use crate::diagnostic::Location;
use crate::i18n::Bundles;
use resolver::Resolver;

/// An item of the accessibility statement's non-accessible content, in one language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NonAccessibleView {
    /// Id from the record.
    pub id: String,
    /// WCAG 2.1 success criteria it fails.
    pub criteria: Vec<String>,
    /// Why, from the Fluent message `a11y-issue-<id>`.
    pub reason: String,
}

/// A person as a page shows them, in the page's language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContactView {
    /// Contact id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Localized role.
    pub role: String,
    /// Localized organisation, where the sources name one.
    pub organisation: Option<String>,
    /// Phone as published.
    pub phone: Option<String>,
    /// `tel:` URI in international form.
    pub tel: Option<String>,
    /// schema.org `Person` JSON-LD in the page language (safe to put inside `<script>`).
    pub json_ld: String,
}

/// A city in a listing.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CityLink {
    /// City id.
    pub id: String,
    /// Name in the page language (nominative).
    pub name: String,
    /// URL of the city page.
    pub url: String,
}

/// A leader of a partnership.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LeaderView {
    /// Localized role in the partnership (chair …).
    pub role: String,
    /// The person.
    pub person: ContactView,
}

/// A member of a body.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MemberView {
    /// The person.
    pub person: ContactView,
    /// Whether they chair the body.
    pub chair: bool,
}

/// The facts a page shows, by kind; templates read them as `record`.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Facts {
    /// No record.
    None {},
    /// A partnership page.
    Partnership {
        /// Running or planned.
        status: Status,
        /// Member cities sorted by the page language's collation.
        members: Vec<CityLink>,
        /// Number of members: derived from `members`, or the record's `member_count`.
        member_count: usize,
        /// What is counted.
        member_kind: MemberKind,
        /// Whether the members are named (else only counted).
        members_named: bool,
        /// Themes, in record order.
        themes: Vec<Link>,
        /// Contact people.
        contacts: Vec<ContactView>,
        /// Chair, vice-chair …
        leaders: Vec<LeaderView>,
        /// Date of the steering group's first meeting, `16.11.2023`.
        first_meeting: Option<String>,
        /// Date of the source the status and contacts are from.
        as_of: Option<String>,
        /// Localized name of the linked programme.
        linked_to: Option<String>,
        /// Bodies (secretariats) serving it.
        bodies: Vec<Link>,
        /// News items that concern it, newest first.
        news: Vec<Link>,
    },
    /// A theme page.
    Theme {
        /// Partnerships whose records name this theme.
        partnerships: Vec<Link>,
    },
    /// A city page.
    City {
        /// Localized region name.
        region: String,
        /// Partnerships whose records name this city (derived).
        partnerships: Vec<Link>,
    },
    /// A news item.
    News {
        /// Original publication date.
        date: String,
        /// ISO date for `<time datetime>` and feeds.
        date_iso: String,
        /// ISO date on which this language version was published (`published_in`, else
        /// `date`): the feed's `<published>`.
        published_iso: String,
        /// ISO date of the last change of this language version: `updated`, else its
        /// publication (never before it): the feed's `<updated>`, the sitemap's `<lastmod>`.
        updated_iso: String,
        /// Update date.
        updated: Option<String>,
        /// Publication date of this language version, where it differs.
        published_here: Option<String>,
        /// Localized publisher.
        publisher: Option<String>,
        /// The publisher in the genitive (”työ- ja elinkeinoministeriön”), for the line that
        /// says whose press release the item summarises.
        publisher_of: Option<String>,
        /// Contact people.
        contacts: Vec<ContactView>,
        /// Partnerships it concerns.
        partnerships: Vec<Link>,
    },
    /// A body such as the secretariat.
    Body {
        /// The partnership it serves.
        partnership: Option<Link>,
        /// Decision number.
        decision_number: Option<String>,
        /// Decision date.
        decision_date: Option<String>,
        /// Localized deciding organisation.
        decision_by: Option<String>,
        /// Term start.
        term_start: Option<String>,
        /// Term end, `None` = until further notice.
        term_end: Option<String>,
        /// Deadline.
        deadline: Option<String>,
        /// Members in decision order.
        members: Vec<MemberView>,
        /// Number of members (derived).
        member_count: usize,
    },
    /// The contacts section.
    Contacts {
        /// Everyone with a phone, sorted by name.
        contacts: Vec<ContactView>,
    },
    /// The accessibility statement.
    Accessibility {
        /// full | partial | none.
        compliance: crate::content::records::Compliance,
        /// Prepared on.
        prepared: String,
        /// Last reviewed on.
        reviewed: String,
        /// self | external.
        assessment: crate::content::records::Assessment,
        /// Feedback address.
        feedback_email: String,
        /// Localized supervising authority.
        supervisor: String,
        /// Its contact details.
        supervisor_contact: crate::content::records::SupervisorContact,
        /// The authority's instructions page in the page language, where it has one.
        supervisor_url: String,
        /// Content that is not accessible, with its reason in the page language.
        non_accessible: Vec<NonAccessibleView>,
    },
    /// The home page.
    Home {
        /// Partnerships in order.
        partnerships: Vec<Link>,
        /// Latest news first.
        news: Vec<Link>,
    },
}

/// Fills in every page's facts and listing; a page whose facts fail gets none, its errors
/// go to `errors`.
pub(super) fn attach(
    site: &mut Localized,
    content: &Content,
    bundles: &Bundles,
    errors: &mut Vec<LocalizeError>,
) {
    attach_where(site, content, bundles, errors, |_| true);
}

/// [`attach`] for the pages `which` picks; the others keep the facts and listing they have.
pub(super) fn attach_where(
    site: &mut Localized,
    content: &Content,
    bundles: &Bundles,
    errors: &mut Vec<LocalizeError>,
    which: impl Fn(&LPage) -> bool + Sync,
) {
    use rayon::prelude::*;
    let no_facts = Arc::new(Facts::None {});
    // Pages side by side; the errors then in page order, as one page after another gave them.
    // Each page's facts are put behind their `Arc` where they are made: a list of every
    // page's facts by value, moved into `Arc`s afterwards, held them twice (30 MB at 100,000
    // pages).
    let built: Vec<_> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            if !which(&site.pages[i]) {
                return None;
            }
            let facts = facts_for(site, i, content, bundles).map(|facts| match facts {
                Facts::None {} => Arc::clone(&no_facts),
                facts => Arc::new(facts),
            });
            Some((facts, children_of(site, i, content)))
        })
        .collect();
    for (page, made) in site.pages.iter_mut().zip(built) {
        let Some((facts, children)) = made else {
            continue;
        };
        page.facts = facts.unwrap_or_else(|mut e| {
            errors.append(&mut e);
            Arc::clone(&no_facts)
        });
        page.children = children;
    }
}

/// Whether the records reach `page`'s facts or listing: the home page; every page of the
/// sections whose pages are records, or whose listing the records order; the contacts' and
/// the accessibility statement's section pages. Elsewhere [`facts_for`] gives no facts and
/// the listing is of pages alone ([`children_of`]).
pub(super) fn reads_records(page: &LPage) -> bool {
    if page.kind == PageKind::Home {
        return true;
    }
    match page.section.as_deref().and_then(Section::from_dir) {
        Some(
            Section::Partnerships
            | Section::Themes
            | Section::Cities
            | Section::News
            | Section::Bodies,
        ) => true,
        Some(Section::Contacts | Section::Accessibility) => page.kind == PageKind::Section,
        Some(Section::Booklet) | None => false,
    }
}

/// Resolves the ids of page `i`'s record: every problem, or its facts.
pub(super) fn facts_for(
    site: &Localized,
    i: usize,
    content: &Content,
    bundles: &Bundles,
) -> Result<Facts, Vec<LocalizeError>> {
    let page = &site.pages[i];
    let mut r = Resolver {
        site,
        content,
        bundles,
        page,
        lang: page.lang.as_str(),
        errors: Vec::new(),
    };
    // `None`: the page lacks its record, stop with that error.
    let facts = if page.kind == PageKind::Home {
        Some(home::facts(&r))
    } else {
        match page.section.as_deref().and_then(Section::from_dir) {
            Some(section) => section_facts(&mut r, section, page.kind, page.id.as_deref()),
            None => Some(Facts::None {}),
        }
    };
    match facts {
        Some(facts) if r.errors.is_empty() => Ok(facts),
        _ => Err(r.errors),
    }
}

/// The facts of a page of `kind` with `id` in a known `section`.
fn section_facts(
    r: &mut Resolver,
    section: Section,
    kind: PageKind,
    id: Option<&str>,
) -> Option<Facts> {
    match (section, kind, id) {
        (Section::Partnerships, PageKind::Page, Some(id)) => partnerships::facts(r, id),
        (Section::Themes, PageKind::Page, Some(id)) => Some(themes::facts(r, id)),
        (Section::Cities, PageKind::Page, Some(id)) => Some(cities::facts(r, id)),
        (Section::News, PageKind::Page, Some(id)) => news::facts(r, id),
        (Section::Bodies, PageKind::Page, Some(id)) => bodies::facts(r, id),
        (Section::Contacts, PageKind::Section, _) => Some(contacts::facts(r)),
        (Section::Accessibility, PageKind::Section, _) => accessibility::facts(r),
        (
            Section::Partnerships
            | Section::Themes
            | Section::Cities
            | Section::News
            | Section::Bodies
            | Section::Contacts
            | Section::Accessibility
            | Section::Booklet,
            _,
            _,
        ) => Some(Facts::None {}),
    }
}

/// Partnership ids by record `order` (those without one last), then id.
pub(super) fn sorted_partnerships(recs: &Records) -> Vec<String> {
    let mut ids: Vec<(&Option<u32>, &String)> = recs
        .partnerships
        .iter()
        .map(|(id, r)| (&r.data.order, id))
        .collect();
    ids.sort_by(|a, b| (a.0.unwrap_or(u32::MAX), a.1).cmp(&(b.0.unwrap_or(u32::MAX), b.1)));
    ids.into_iter().map(|(_, id)| id.clone()).collect()
}

/// News ids, newest first.
pub(super) fn sorted_news(recs: &Records) -> Vec<String> {
    let mut ids: Vec<(Date, &String)> = recs.news.iter().map(|(id, r)| (r.data.date, id)).collect();
    ids.sort_by(|a, b| b.cmp(a));
    ids.into_iter().map(|(_, id)| id.clone()).collect()
}

/// A record of a kind that needs its page (partnership, news item, body, the accessibility
/// statement) without one in any language is an error.
pub(super) fn check_orphan_records(
    content: &Content,
    site: &Localized,
    errors: &mut Vec<LocalizeError>,
) {
    let recs = &content.records;
    let sources = |section: Section| -> Vec<(&String, &PathBuf)> {
        match section {
            Section::Partnerships => recs
                .partnerships
                .iter()
                .map(|(k, r)| (k, &r.source))
                .collect(),
            Section::News => recs.news.iter().map(|(k, r)| (k, &r.source)).collect(),
            Section::Bodies => recs.bodies.iter().map(|(k, r)| (k, &r.source)).collect(),
            // A theme record only orders its page and a city record makes its own; contacts
            // have no page each, and the statement is checked below.
            Section::Themes
            | Section::Cities
            | Section::Contacts
            | Section::Accessibility
            | Section::Booklet => Vec::new(),
        }
    };
    for section in Section::ALL {
        for (id, source) in sources(section) {
            if !site
                .languages
                .iter()
                .any(|l| site.get(&section.key(id), l).is_some())
            {
                errors.push(invalid(
                    Location::file(source),
                    format!(
                        "record without a page: write content/{}/{id}.{}.md (and its translations)",
                        section.dir(),
                        site.languages[0]
                    ),
                ));
            }
        }
    }
    let statement = Section::Accessibility.dir();
    if let Some(a) = &recs.accessibility
        && !site
            .languages
            .iter()
            .any(|l| site.get(statement, l).is_some())
    {
        errors.push(invalid(
            Location::file(&a.source),
            "record without a page: write content/accessibility/_index.<lang>.md",
        ));
    }
}

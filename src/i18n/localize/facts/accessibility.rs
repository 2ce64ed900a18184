//! The accessibility statement: its compliance, dates, supervisor and failing content.

use super::super::error::invalid;
use super::{Facts, NonAccessibleView, Resolver};
use crate::content::locate;
use crate::content::records::Compliance;
use crate::diagnostic::Location;

/// The statement's facts; `None` when `content/accessibility/_index.yaml` is missing.
pub(super) fn facts(r: &mut Resolver) -> Option<Facts> {
    let (site, lang) = (r.site, r.lang);
    let content = r.content;
    let Some(rec) = &content.records.accessibility else {
        r.errors.push(invalid(
            Location::file(r.page.source.clone().unwrap_or_default()),
            "the accessibility statement needs its facts in content/accessibility/_index.yaml",
        ));
        return None;
    };
    let a = &rec.data;
    // The declared level and the list of failures must tell the same story.
    let full = a.compliance == Compliance::Full;
    if full != a.non_accessible.is_empty() {
        let level = match a.compliance {
            Compliance::Full => "full",
            Compliance::Partial => "partial",
            Compliance::None => "none",
        };
        r.errors.push(invalid(
            locate(&rec.source, &rec.text, "compliance", level),
            if full {
                "`compliance: full` but `non_accessible` lists content that fails WCAG criteria: use `partial`"
            } else {
                "`compliance` is not `full`, so `non_accessible` must list the content that fails and the WCAG criteria"
            },
        ));
    }
    Some(Facts::Accessibility {
        compliance: a.compliance,
        prepared: site.dates.format(lang, a.prepared),
        reviewed: site.dates.format(lang, a.reviewed),
        assessment: a.assessment,
        feedback_email: a.feedback_email.clone(),
        supervisor: r
            .message(rec, "supervisor", &a.supervisor, "org-")
            .unwrap_or_default(),
        supervisor_url: a
            .supervisor_contact
            .url_in
            .get(lang)
            .unwrap_or(&a.supervisor_contact.url)
            .clone(),
        supervisor_contact: a.supervisor_contact.clone(),
        non_accessible: a
            .non_accessible
            .iter()
            .map(|item| NonAccessibleView {
                reason: r
                    .message(rec, "non_accessible", &item.id, "a11y-issue-")
                    .unwrap_or_default(),
                id: item.id.clone(),
                criteria: item.criteria.clone(),
            })
            .collect(),
    })
}

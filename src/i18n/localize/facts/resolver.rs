//! Looking up the ids a record names, for one page, collecting every one that is missing.

use std::collections::BTreeMap;

use super::super::error::{LocalizeError, invalid};
use super::super::json_ld;
use super::super::section::Section;
use super::super::tel::tel_uri;
use super::super::{LPage, Link, Localized};
use super::{CityLink, ContactView};
use crate::content::records::{Contact, Record};
use crate::content::{Content, PageKind, locate};
use crate::diagnostic::{Hint, Location};
use crate::i18n::Bundles;

/// Looks up ids for one page and collects what is missing.
pub(super) struct Resolver<'a> {
    /// The site, its URLs and titles known.
    pub site: &'a Localized,
    /// The records.
    pub content: &'a Content,
    /// Messages.
    pub bundles: &'a Bundles,
    /// The page whose facts these are.
    pub page: &'a LPage,
    /// Its language.
    pub lang: &'a str,
    /// Every problem found so far.
    pub errors: Vec<LocalizeError>,
}

impl Resolver<'_> {
    /// The page's own record `id` in `map`; a missing one is an error.
    pub fn record<'r, T>(
        &mut self,
        map: &'r BTreeMap<String, Record<T>>,
        section: Section,
        id: &str,
    ) -> Option<&'r Record<T>> {
        let rec = map.get(id);
        if rec.is_none() {
            self.errors.push(invalid(
                Location::file(self.page.source.clone().unwrap_or_default()),
                format!(
                    "this page needs its facts in content/{}/{id}.yaml, which does not exist",
                    section.dir()
                ),
            ));
        }
        rec
    }

    /// The city `id` that `field` of `rec` names.
    pub fn city<T>(&mut self, rec: &Record<T>, field: &str, id: &str) -> Option<CityLink> {
        if !self.content.records.cities.contains_key(id) {
            let hint = Hint::closest(id, self.content.records.cities.keys().map(String::as_str));
            self.errors.push(invalid(
                locate(&rec.source, &rec.text, field, id),
                format!("unknown city id `{id}` (cities are defined in content/cities/){hint}"),
            ));
            return None;
        }
        let page = self.site.get(&Section::Cities.key(id), self.lang)?;
        Some(CityLink {
            id: id.to_string(),
            name: page.title.to_string(),
            url: page.url.to_string(),
        })
    }

    /// A link to the page `id` of `section` that `field` of `rec` names.
    pub fn page_link<T>(
        &mut self,
        rec: &Record<T>,
        field: &str,
        section: Section,
        id: &str,
    ) -> Option<Link> {
        if let Some(l) = self.site.link(&section.key(id), self.lang) {
            return Some(l);
        }
        let section = section.dir();
        let ids: Vec<&str> = self
            .site
            .pages
            .iter()
            .filter(|p| p.section.as_deref() == Some(section) && p.kind == PageKind::Page)
            .filter_map(|p| p.id.as_deref())
            .collect();
        let hint = Hint::closest(id, ids);
        let kind = section.trim_end_matches('s');
        self.errors.push(invalid(
            locate(&rec.source, &rec.text, field, id),
            format!("unknown {kind} id `{id}` (no page content/{section}/{id}.<lang>.md){hint}"),
        ));
        None
    }

    /// The name `<prefix><id>` in the page language, for the id in `field` of `rec`.
    pub fn message<T>(
        &mut self,
        rec: &Record<T>,
        field: &str,
        id: &str,
        prefix: &str,
    ) -> Option<String> {
        let at = locate(&rec.source, &rec.text, field, id);
        // As a name: a message with case variants gives its nominative.
        match self
            .bundles
            .name(self.lang, &format!("{prefix}{id}"), None, &at)
        {
            Ok(s) => Some(s),
            Err(e) => {
                self.errors.push(e.into());
                None
            }
        }
    }

    /// The contact `id` that `field` of `rec` names.
    pub fn contact<T>(&mut self, rec: &Record<T>, field: &str, id: &str) -> Option<ContactView> {
        let Some(c) = self.content.records.contacts.get(id) else {
            let hint = Hint::closest(id, self.content.records.contacts.keys().map(String::as_str));
            self.errors.push(invalid(
                locate(&rec.source, &rec.text, field, id),
                format!(
                    "unknown contact id `{id}` (contacts are defined in content/contacts/){hint}"
                ),
            ));
            return None;
        };
        self.contact_view(id, c)
    }

    /// The person `c` as the page shows them.
    pub fn contact_view(&mut self, id: &str, c: &Record<Contact>) -> Option<ContactView> {
        let role = self.message(c, "role", &c.data.role, "role-")?;
        let organisation = match &c.data.organisation {
            Some(o) => Some(self.message(c, "organisation", o, "org-")?),
            None => None,
        };
        let tel = c.data.phone.as_deref().map(tel_uri);
        let json_ld = json_ld::person(&c.data.name, &role, organisation.as_deref(), tel.as_deref());
        Some(ContactView {
            id: id.to_string(),
            name: c.data.name.clone(),
            role,
            organisation,
            phone: c.data.phone.clone(),
            tel,
            json_ld,
        })
    }
}

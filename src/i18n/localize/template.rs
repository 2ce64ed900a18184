//! Which template renders a page whose front matter names none.

use super::pairing::Draft;
use super::section::Section;
use crate::content::PageKind;

/// The template for `d`: by its kind and section, `pending.html` for a notice.
pub(super) fn default_template(d: &Draft) -> String {
    if d.pending.is_some() {
        return "pending.html".into();
    }
    let section = d.section.as_deref().and_then(Section::from_dir);
    let name = match d.kind {
        PageKind::Home => "index.html",
        PageKind::Section => match section {
            Some(Section::Contacts) => "contacts.html",
            Some(Section::Accessibility) => "accessibility.html",
            Some(Section::Booklet) => "booklet.html",
            Some(
                Section::Partnerships
                | Section::Themes
                | Section::Cities
                | Section::News
                | Section::Bodies,
            )
            | None => "section.html",
        },
        PageKind::Page => match section {
            Some(Section::Partnerships) => "partnership.html",
            Some(Section::Themes) => "theme.html",
            Some(Section::Cities) => "city.html",
            Some(Section::News) => "news.html",
            Some(Section::Bodies) => "body.html",
            Some(Section::Booklet) => "chapter.html",
            Some(Section::Contacts | Section::Accessibility) | None => "page.html",
        },
    };
    name.into()
}

//! The sections kumppani itself knows: their records, templates, listings and facts.

/// A section with behaviour of its own. Its directory name (`partnerships`, …) is also its
/// key and the start of its pages' keys; a section of `content/site.yaml` not listed here is a
/// plain one. Matching on this enum, not on the names, makes a new kind fail to compile
/// wherever it must be handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `partnerships/`: one record per partnership.
    Partnerships,
    /// `themes/`: pages, with an optional record for their order.
    Themes,
    /// `cities/`: records only; their pages are made here.
    Cities,
    /// `news/`: one record per item.
    News,
    /// `bodies/`: one record per body (secretariat …).
    Bodies,
    /// `contacts/`: records of people; its section page is the directory.
    Contacts,
    /// `accessibility/`: the statement, its record is `_index.yaml`.
    Accessibility,
    /// `booklet/`: chapters of the printable booklet.
    Booklet,
}

impl Section {
    /// Every known section.
    pub const ALL: [Section; 8] = [
        Section::Partnerships,
        Section::Themes,
        Section::Cities,
        Section::News,
        Section::Bodies,
        Section::Contacts,
        Section::Accessibility,
        Section::Booklet,
    ];

    /// The directory under `content/`, which is also the section's key.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Partnerships => "partnerships",
            Section::Themes => "themes",
            Section::Cities => "cities",
            Section::News => "news",
            Section::Bodies => "bodies",
            Section::Contacts => "contacts",
            Section::Accessibility => "accessibility",
            Section::Booklet => "booklet",
        }
    }

    /// The known section in directory `dir`; `None` for a plain section.
    pub fn from_dir(dir: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.dir() == dir)
    }

    /// The key of the page with `id` in this section: `partnerships/<id>`.
    pub fn key(self, id: &str) -> String {
        format!("{}/{id}", self.dir())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_found_by_its_directory() {
        for s in Section::ALL {
            assert_eq!(Section::from_dir(s.dir()), Some(s));
        }
        assert_eq!(Section::from_dir("about"), None);
    }
}

//! The typed facts: one struct per record kind. The directory decides the kind.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize};

/// A calendar date, written `2024-05-23` in YAML and shown as `23.5.2024` in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31 (checked against the month).
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`; fails with a sentence saying what was expected.
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date: expected a date such as 2024-05-23");
        let mut parts = s.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day): (u16, u8, u8) = match (y.parse(), m.parse(), d.parse()) {
            (Ok(y), Ok(m), Ok(d)) => (y, m, d),
            _ => return Err(bad()),
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("`{s}` is not a date: there is no month {month}")),
        };
        if day == 0 || day > days {
            return Err(format!(
                "`{s}` is not a date: month {month} of {year} has {days} days"
            ));
        }
        Ok(Date { year, month, day })
    }

    /// ISO 8601 form, `2024-05-23`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Finnish and Swedish both write `23.5.2024`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.day, self.month, self.year)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// A record as loaded: where it came from, its text (to point at ids on error) and its data.
#[derive(Debug, Clone)]
pub struct Record<T> {
    /// Root-relative path of the `.yaml` file.
    pub source: PathBuf,
    /// The file's text, kept to locate ids when one is unknown.
    pub text: String,
    /// The parsed facts.
    pub data: T,
}

/// `content/cities/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct City {
    /// Region id; its name is the Fluent message `region-<id>`.
    pub region: String,
}

/// `content/contacts/<id>.yaml`: one person.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name, the same in every language.
    pub name: String,
    /// Role id; Fluent `role-<id>`.
    pub role: String,
    /// Organisation id; Fluent `org-<id>`. Absent when the sources name none (a person
    /// introduced by title alone).
    #[serde(default)]
    pub organisation: Option<String>,
    /// Phone number exactly as published, e.g. `0295 047 071`.
    #[serde(default)]
    pub phone: Option<String>,
}

/// Whether a partnership is running or still being prepared.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Running.
    #[default]
    Active,
    /// Announced, not yet started.
    Planned,
}

/// What `member_count` counts.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum MemberKind {
    /// Cities.
    #[default]
    City,
    /// City regions (MAL agreements).
    CityRegion,
}

/// Who leads a partnership, and in what role.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    /// Role id; Fluent `role-<id>`.
    pub role: String,
    /// Contact id.
    pub person: String,
}

/// `content/partnerships/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// Position in listings (then by id).
    #[serde(default)]
    pub order: Option<u32>,
    /// Running or planned.
    #[serde(default)]
    pub status: Status,
    /// Member city ids; every count shown is derived from this list.
    #[serde(default)]
    pub members: Vec<String>,
    /// Only when a source gives a number without names.
    #[serde(default)]
    pub member_count: Option<u32>,
    /// What `member_count` counts.
    #[serde(default)]
    pub member_kind: MemberKind,
    /// Theme ids.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Contact ids.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Chair, vice-chair …
    #[serde(default)]
    pub leaders: Vec<Leader>,
    /// Date of the first meeting of its steering group, where the sources give it (they
    /// give no start date).
    #[serde(default)]
    pub first_meeting: Option<Date>,
    /// Date of the source that the status and the contacts are taken from: they are shown as
    /// the situation on that date (”Tilanne 24.5.2024”).
    #[serde(default)]
    pub as_of: Option<Date>,
    /// Programme id it is linked to; Fluent `programme-<id>`.
    #[serde(default)]
    pub linked_to: Option<String>,
}

/// `content/themes/<id>.yaml` (optional).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Position in listings (then by id).
    #[serde(default)]
    pub order: Option<u32>,
}

/// `content/news/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct News {
    /// Original publication date.
    pub date: Date,
    /// Date of the last update, if any.
    #[serde(default)]
    pub updated: Option<Date>,
    /// Publication date of a language version where it differs from `date`.
    #[serde(default)]
    pub published_in: BTreeMap<String, Date>,
    /// Organisation id of the publisher; Fluent `org-<id>`.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Contact ids.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Partnership ids the item concerns.
    #[serde(default)]
    pub partnerships: Vec<String>,
}

/// The decision that appointed a body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Diary number, e.g. `TEM077:00/2023`.
    pub number: String,
    /// Date of the decision.
    pub date: Date,
    /// Organisation id of the deciding ministry.
    pub by: String,
}

/// One member of a body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyMember {
    /// Contact id.
    pub person: String,
    /// Whether this member chairs the body.
    #[serde(default)]
    pub chair: bool,
}

/// `content/bodies/<id>.yaml`: a working group such as the alliance secretariat.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The partnership it serves.
    #[serde(default)]
    pub partnership: Option<String>,
    /// The appointment decision.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Start of the term.
    #[serde(default)]
    pub term_start: Option<Date>,
    /// End of the term; absent means until further notice.
    #[serde(default)]
    pub term_end: Option<Date>,
    /// Deadline of its first task.
    #[serde(default)]
    pub deadline: Option<Date>,
    /// Members in the order of the decision.
    #[serde(default)]
    pub members: Vec<BodyMember>,
}

/// Compliance with WCAG 2.1 AA, as the accessibility statement declares it.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    /// Meets all criteria.
    Full,
    /// Meets them partially.
    Partial,
    /// Does not meet them.
    None,
}

/// Who assessed accessibility.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Assessment {
    /// The publisher.
    #[serde(rename = "self")]
    SelfAssessed,
    /// A third party.
    External,
}

/// `content/accessibility/_index.yaml`: the facts the Act on the Provision of Digital Services
/// (306/2019) requires in an accessibility statement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// Level of compliance.
    pub compliance: Compliance,
    /// When the statement was prepared.
    pub prepared: Date,
    /// When it was last reviewed.
    pub reviewed: Date,
    /// Self or external assessment.
    pub assessment: Assessment,
    /// Where to send feedback.
    pub feedback_email: String,
    /// Organisation id of the supervising authority.
    pub supervisor: String,
    /// How to reach the supervising authority (the law requires its contact details).
    pub supervisor_contact: SupervisorContact,
    /// Content that is not accessible; `[]` when there is none. Required, so that an empty
    /// list is a statement and not an omission.
    pub non_accessible: Vec<NonAccessible>,
}

/// The supervising authority's contact details: facts, the same in every language.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SupervisorContact {
    /// Web page with instructions for filing a complaint, in Finnish.
    pub url: String,
    /// The same page in other languages, where the authority has one (`sv: https://…`); a
    /// language without one links `url`.
    #[serde(default)]
    pub url_in: BTreeMap<String, String>,
    /// E-mail address.
    pub email: String,
    /// Switchboard, exactly as the authority writes it.
    pub phone: String,
}

/// One item of content that fails WCAG 2.1 criteria. Why it fails is words, so the reason is
/// the Fluent message `a11y-issue-<id>` in every language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonAccessible {
    /// Id of the item; its explanation is the Fluent message `a11y-issue-<id>`.
    pub id: String,
    /// WCAG 2.1 success criteria it fails, such as `1.1.1`.
    pub criteria: Vec<String>,
}

/// Every record of the site, keyed by id (file stem).
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// `cities/`.
    pub cities: BTreeMap<String, Record<City>>,
    /// `contacts/`.
    pub contacts: BTreeMap<String, Record<Contact>>,
    /// `partnerships/`.
    pub partnerships: BTreeMap<String, Record<Partnership>>,
    /// `themes/`.
    pub themes: BTreeMap<String, Record<Theme>>,
    /// `news/`.
    pub news: BTreeMap<String, Record<News>>,
    /// `bodies/`.
    pub bodies: BTreeMap<String, Record<Body>>,
    /// `accessibility/_index.yaml`.
    pub accessibility: Option<Record<Accessibility>>,
}

impl Records {
    /// Every record's file and text as loaded (`.yaml` and `.yml` alike), in path order.
    pub fn sources(&self) -> Vec<(&std::path::Path, &str)> {
        fn of<T>(
            map: &BTreeMap<String, Record<T>>,
        ) -> impl Iterator<Item = (&std::path::Path, &str)> {
            map.values().map(|r| (r.source.as_path(), r.text.as_str()))
        }
        let mut all: Vec<_> = of(&self.cities)
            .chain(of(&self.contacts))
            .chain(of(&self.partnerships))
            .chain(of(&self.themes))
            .chain(of(&self.news))
            .chain(of(&self.bodies))
            .chain(
                self.accessibility
                    .iter()
                    .map(|r| (r.source.as_path(), r.text.as_str())),
            )
            .collect();
        all.sort();
        all
    }

    /// The text of every record as loaded (`.yaml` and `.yml` alike), in section then id
    /// order: what checks that read records as written scan, so they see what the build saw.
    pub fn texts(&self) -> Vec<&str> {
        fn of<T>(map: &BTreeMap<String, Record<T>>) -> impl Iterator<Item = &str> {
            map.values().map(|r| r.text.as_str())
        }
        of(&self.cities)
            .chain(of(&self.contacts))
            .chain(of(&self.partnerships))
            .chain(of(&self.themes))
            .chain(of(&self.news))
            .chain(of(&self.bodies))
            .chain(self.accessibility.iter().map(|r| r.text.as_str()))
            .collect()
    }
}

/// The record kinds and the section directory each lives in.
pub const RECORD_SECTIONS: [&str; 7] = [
    "cities",
    "contacts",
    "partnerships",
    "themes",
    "news",
    "bodies",
    "accessibility",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_iso_and_print_finnish_style() {
        assert_eq!(Date::parse("2024-05-23").unwrap().to_string(), "23.5.2024");
        assert!(
            Date::parse("yesterday")
                .unwrap_err()
                .contains("expected a date such as")
        );
        assert!(
            Date::parse("2023-02-29")
                .unwrap_err()
                .contains("has 28 days")
        );
        assert!(Date::parse("2024-02-29").is_ok());
    }
}

//! Content + bundles → [`Localized`]: every page in every language, with its URL, its
//! translations and its facts resolved from the records. Ids are looked up here, once: an
//! unknown city, theme, contact or partnership fails here with the place it was written.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::bundles::Bundles;
use super::collate::Collators;
use super::slug;
use crate::Error;
use crate::config::SiteConfig;
use crate::content::records::{Date, MemberKind, Record, Status};
use crate::content::{Content, ContentError, FrontMatter, PageKind, TranslationState, locate};
use crate::diagnostic::{Hint, Location};

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

/// A link to a page in the same language.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    /// The page's title.
    pub title: String,
    /// Root-relative URL, base path included, e.g. `/fi/kumppanuudet/`.
    pub url: String,
}

/// One existing language version of a page, for hreflang and the language switcher.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alternate {
    /// Language code.
    pub lang: String,
    /// Root-relative URL, base path included.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Title in that language.
    pub title: String,
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

/// A language version that exists only as a notice, because its page is pending translation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pending {
    /// The language the page exists in.
    pub source_lang: String,
    /// URL of the existing page.
    pub source_url: String,
    /// Its title (in its own language).
    pub source_title: String,
}

/// One page in one language, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct LPage {
    /// Language-independent identity (see [`crate::content::Page::key`]).
    pub key: String,
    /// Language.
    pub lang: String,
    /// Home, section or page.
    pub kind: PageKind,
    /// Section directory.
    pub section: Option<String>,
    /// Id within the section.
    pub id: Option<String>,
    /// Source file, if any.
    #[serde(skip)]
    pub source: Option<PathBuf>,
    /// Index into `Content::pages` of the Markdown this page renders (none for notices and
    /// record-only pages).
    #[serde(skip)]
    pub content_index: Option<usize>,
    /// Title in this language.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Root-relative URL ending in `/`, base path included (`/kumppanuudet/fi/…/` under a
    /// sub-path).
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Template name.
    #[serde(skip)]
    pub template: String,
    /// Where front matter names the template, if it does.
    #[serde(skip)]
    pub template_at: Option<Location>,
    /// Set when this version is only a notice that the page is not translated yet.
    pub pending: Option<Pending>,
    /// Existing real versions (this one included), in configured language order; pending
    /// notices are left out, so hreflang never points at one. Shared with those versions.
    pub translations: Vec<Arc<Alternate>>,
    /// Every other language version, notices included: where the language switcher leads.
    pub switcher: Vec<Arc<Alternate>>,
    /// Facts from the records (one shared `Facts::None` for pages without a record).
    pub facts: Arc<Facts>,
    /// Pages of this section (for section pages), in listing order.
    pub children: Vec<Link>,
    /// Home → section → this page (the links shared by every page below them).
    pub breadcrumbs: Vec<Arc<Link>>,
    /// Records this page shows (`cities/oulu`, …): an edit to one re-renders it.
    #[serde(skip)]
    pub deps: Vec<String>,
}

/// Every page of the site in every language.
#[derive(Debug)]
pub struct Localized {
    /// Languages in configured order.
    pub languages: Vec<String>,
    /// All pages, sorted by key then language.
    pub pages: Vec<LPage>,
    /// `(key, lang)` → index in `pages`.
    pub index: HashMap<(String, String), usize>,
    /// Collation per language.
    pub collators: Collators,
    /// Date forms per language (CLDR).
    pub dates: super::dates::DateFormats,
    /// Site base URL, without a trailing slash.
    pub base_url: String,
    /// The base URL's path (`/kumppanuudet`, or empty at a host's root): every page URL starts
    /// with it, and [`crate::render::output_path`] takes it off again.
    pub base_path: String,
    /// Sections in navigation order that exist.
    pub nav_sections: Vec<String>,
    /// Organisation id of the publisher (`publisher:` in `content/site.yaml`); its name in
    /// every language is the Fluent message `org-<id>`, checked here.
    pub publisher: Option<String>,
}

impl Localized {
    /// The page with `key` in `lang`.
    pub fn get(&self, key: &str, lang: &str) -> Option<&LPage> {
        self.index
            .get(&(key.to_string(), lang.to_string()))
            .map(|&i| &self.pages[i])
    }

    /// A link to the page with `key` in `lang`.
    pub fn link(&self, key: &str, lang: &str) -> Option<Link> {
        self.get(key, lang).map(|p| Link {
            title: p.title.clone(),
            url: p.url.clone(),
        })
    }
}

/// One page in one language before URLs are known.
struct Draft<'a> {
    key: String,
    lang: String,
    kind: PageKind,
    section: Option<String>,
    id: Option<String>,
    source: Option<PathBuf>,
    content_index: Option<usize>,
    front: std::borrow::Cow<'a, FrontMatter>,
    /// The front matter as written, to point at a field ("" for record-only pages).
    front_yaml: &'a str,
    pending: Option<(String, PathBuf)>,
}

impl Draft<'_> {
    /// Where `field: value` is in this page's front matter (the file's start if not there).
    fn at(&self, field: &str, value: &str) -> Location {
        let file = self.source.clone().unwrap_or_default();
        crate::content::locate_in_front(&file, self.front_yaml, field, value)
    }
}

/// The Fluent message that names a content page of `page`'s kind, if its section names its
/// pages in Fluent (`theme-<id>`, `partnership-<id>`, `body-<id>`).
pub fn name_key(page: &crate::content::Page) -> Option<String> {
    name_key_of(page.kind, page.section.as_deref(), page.id.as_deref())
}

fn name_key_of(kind: PageKind, section: Option<&str>, id: Option<&str>) -> Option<String> {
    let (section, id) = (section?, id?);
    if kind != PageKind::Page {
        return None;
    }
    crate::markdown::shortcodes::NAME_KINDS
        .iter()
        .find(|k| k.2 == section)
        .map(|k| format!("{}-{id}", k.1))
}

/// `kulttuuri` → `Kulttuuri`: a name in running text is lower case, a title starts upper case.
pub(crate) fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The publisher's name must exist in every language: templates and prose show it.
fn check_publisher(bundles: &Bundles, config: &SiteConfig, errors: &mut Vec<Error>) {
    let Some(id) = &config.publisher else { return };
    let at = config
        .publisher_at
        .clone()
        .unwrap_or_else(|| Location::file(crate::config::CONFIG_PATH));
    for lang in &config.languages {
        if let Err(e) = bundles.name(lang, &format!("org-{id}"), None, &at) {
            errors.push(e.into());
        }
    }
}

/// Localizes `content` into every configured language.
///
/// Fails, with every problem, on: a page missing in a language without `translation: pending`,
/// two pages at one URL, a bad slug, an unknown id in a record, a record without its page, a
/// Fluent message a record needs that is missing in a language.
pub fn localize(
    content: &Content,
    bundles: &Bundles,
    config: &SiteConfig,
) -> Result<Localized, Vec<Error>> {
    let mut errors: Vec<Error> = Vec::new();
    let langs = &config.languages;
    let collators = Collators::new(langs);
    check_publisher(bundles, config, &mut errors);

    // 1. Group the written pages by key; add record-only city pages.
    let mut by_key: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (i, p) in content.pages.iter().enumerate() {
        by_key
            .entry(p.key.clone())
            .or_default()
            .insert(p.lang.clone(), i);
    }
    // Every written page once per language, and every city once per language.
    let mut drafts: Vec<Draft> =
        Vec::with_capacity(by_key.len() * langs.len() + content.records.cities.len() * langs.len());
    for (key, versions) in &by_key {
        let (first_lang, &first) = versions.iter().next().expect("a key has at least one page");
        let _ = first_lang;
        let base = &content.pages[first];
        let pending_source = versions
            .values()
            .map(|&i| &content.pages[i])
            .find(|p| p.front.translation == Some(TranslationState::Pending));
        for lang in langs {
            if let Some(&i) = versions.get(lang) {
                let p = &content.pages[i];
                drafts.push(Draft {
                    key: key.clone(),
                    lang: lang.clone(),
                    kind: p.kind,
                    section: p.section.clone(),
                    id: p.id.clone(),
                    source: p.source.clone(),
                    content_index: Some(i),
                    front: std::borrow::Cow::Borrowed(&p.front),
                    front_yaml: &p.front_yaml,
                    pending: None,
                });
            } else if let Some(src) = pending_source {
                drafts.push(Draft {
                    key: key.clone(),
                    lang: lang.clone(),
                    kind: src.kind,
                    section: src.section.clone(),
                    id: src.id.clone(),
                    source: src.source.clone(),
                    content_index: None,
                    front: std::borrow::Cow::Borrowed(&src.front),
                    front_yaml: &src.front_yaml,
                    pending: Some((src.lang.clone(), src.source.clone().unwrap_or_default())),
                });
            } else {
                let src = base.source.clone().unwrap_or_default();
                let twin = twin_path(&src, &base.lang, lang);
                errors.push(Error::Content(ContentError::Invalid {
                    at: Location::file(&src),
                    message: format!(
                        "this page has no `{lang}` version: write {} or mark this page `translation: pending`",
                        twin.display()
                    ),
                }));
            }
        }
    }
    drop(by_key);
    for (id, rec) in &content.records.cities {
        for lang in langs {
            let at = locate(&rec.source, &rec.text, "region", &rec.data.region);
            let title = match bundles.city(lang, id, None, &Location::file(&rec.source)) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(e.into());
                    continue;
                }
            };
            if let Err(e) = bundles.format(lang, &format!("region-{}", rec.data.region), None, &at)
            {
                errors.push(e.into());
            }
            drafts.push(Draft {
                key: format!("cities/{id}"),
                lang: lang.clone(),
                kind: PageKind::Page,
                section: Some("cities".into()),
                id: Some(id.clone()),
                source: Some(rec.source.clone()),
                content_index: None,
                front: std::borrow::Cow::Owned(FrontMatter {
                    title,
                    slug: None,
                    description: None,
                    template: None,
                    translation: None,
                    translated_from: None,
                }),
                front_yaml: "",
                pending: None,
            });
        }
    }

    // 2. URLs: section slugs from the sections' own pages, page slugs from front matter.
    let mut section_slugs: HashMap<(String, String), String> = HashMap::new();
    for d in drafts.iter().filter(|d| d.kind == PageKind::Section) {
        match page_slug(d) {
            Ok(s) => {
                section_slugs.insert((d.key.clone(), d.lang.clone()), s);
            }
            Err(e) => errors.push(e.into()),
        }
    }
    // A sub-path deployment prefixes every URL: `/kumppanuudet/fi/…`; the origin is what the
    // absolute URLs add in front.
    let prefix = config.base_path();
    let origin = &config.base_url[..config.base_url.len() - prefix.len()];
    let mut pages: Vec<LPage> = Vec::with_capacity(drafts.len());
    let mut seen_urls: HashMap<String, PathBuf> = HashMap::new();
    for d in &drafts {
        let url = match d.kind {
            PageKind::Home => format!("{prefix}/{}/", d.lang),
            PageKind::Section => match section_slugs.get(&(d.key.clone(), d.lang.clone())) {
                Some(s) => format!("{prefix}/{}/{s}/", d.lang),
                None => continue,
            },
            PageKind::Page => {
                let section = d.section.clone().unwrap_or_default();
                let Some(sslug) = section_slugs.get(&(section.clone(), d.lang.clone())) else {
                    errors.push(Error::Content(ContentError::Invalid {
                        at: Location::file(d.source.clone().unwrap_or_default()),
                        message: format!(
                            "section `{section}` has no page in `{}`: write content/{section}/_index.{}.md",
                            d.lang, d.lang
                        ),
                    }));
                    continue;
                };
                match page_slug(d) {
                    Ok(s) => format!("{prefix}/{}/{sslug}/{s}/", d.lang),
                    Err(e) => {
                        errors.push(e.into());
                        continue;
                    }
                }
            }
        };
        let source = d.source.clone().unwrap_or_default();
        if let Some(other) = seen_urls.insert(url.clone(), source.clone()) {
            // The slug makes the URL: point at it, or at the title it was derived from.
            let at = match &d.front.slug {
                Some(slug) => d.at("slug", slug),
                None => d.at("title", &d.front.title),
            };
            errors.push(Error::Content(ContentError::Invalid {
                at,
                message: format!(
                    "two pages map to the same URL {url}: this one and {}",
                    other.display()
                ),
            }));
            continue;
        }
        let title = if d.pending.is_some() {
            let mut args = fluent::FluentArgs::new();
            args.set(
                "source",
                d.pending.as_ref().map_or(String::new(), |p| p.0.clone()),
            );
            match bundles.format(
                &d.lang,
                "pending-title",
                Some(&args),
                &Location::file(&source),
            ) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(e.into());
                    d.front.title.clone()
                }
            }
        } else if let Some(key) = name_key_of(d.kind, d.section.as_deref(), d.id.as_deref())
            .filter(|k| bundles.has(&d.lang, k))
        {
            // The page is named in Fluent: its title is that name, so a rename renames it here
            // and in every listing and running text at once.
            match bundles.name(&d.lang, &key, None, &Location::file(&source)) {
                Ok(name) => capitalized(&name),
                Err(e) => {
                    errors.push(e.into());
                    d.front.title.clone()
                }
            }
        } else if d.front.title.trim().is_empty() {
            errors.push(Error::Content(ContentError::Invalid {
                at: Location::new(&source, 2, 1),
                message: "`title` is missing or empty".into(),
            }));
            continue;
        } else {
            d.front.title.clone()
        };
        let template = d
            .front
            .template
            .clone()
            .unwrap_or_else(|| default_template(d));
        pages.push(LPage {
            key: d.key.clone(),
            lang: d.lang.clone(),
            kind: d.kind,
            section: d.section.clone(),
            id: d.id.clone(),
            source: d.source.clone(),
            content_index: d.content_index,
            title,
            description: d.front.description.clone(),
            permalink: format!("{origin}{url}"),
            url,
            template_at: d.front.template.as_ref().map(|t| d.at("template", t)),
            template,
            pending: None,
            translations: Vec::new(),
            switcher: Vec::new(),
            facts: Arc::new(Facts::None {}),
            children: Vec::new(),
            breadcrumbs: Vec::new(),
            deps: Vec::new(),
        });
    }
    drop((seen_urls, section_slugs));
    // A page left out above (bad slug, URL clash) would make every record that names it
    // report a bogus "unknown id"; stop here with the real causes.
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        return Err(errors);
    }
    let lang_pos = |l: &str| langs.iter().position(|x| x == l).unwrap_or(usize::MAX);
    pages.sort_by(|a, b| (&a.key, lang_pos(&a.lang)).cmp(&(&b.key, lang_pos(&b.lang))));
    let index: HashMap<(String, String), usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.key.clone(), p.lang.clone()), i))
        .collect();
    let pending_of: HashMap<(String, String), String> = drafts
        .iter()
        .filter_map(|d| {
            d.pending
                .as_ref()
                .map(|(src, _)| ((d.key.clone(), d.lang.clone()), src.clone()))
        })
        .collect();
    // What the drafts borrowed or copied is in `pages` now.
    drop(drafts);

    let nav_sections: Vec<String> = config
        .sections
        .iter()
        .filter(|s| {
            langs
                .iter()
                .all(|l| index.contains_key(&((*s).clone(), l.clone())))
        })
        .cloned()
        .collect();
    let mut site = Localized {
        languages: langs.clone(),
        pages,
        index,
        collators,
        dates: super::dates::DateFormats::new(&config.date_locales().unwrap_or_default()),
        base_url: config.base_url.clone(),
        base_path: prefix.to_string(),
        nav_sections,
        publisher: config.publisher.clone(),
    };

    // 3. Translations, pending notices, breadcrumbs, listings and facts. What several pages
    // show of one page (its alternate, its breadcrumb link) is made once and shared: at
    // 20,000 pages the copies were a fifth of the localized site.
    let alternates: Vec<Arc<Alternate>> = site
        .pages
        .iter()
        .map(|p| {
            Arc::new(Alternate {
                lang: p.lang.clone(),
                url: p.url.clone(),
                permalink: p.permalink.clone(),
                title: p.title.clone(),
            })
        })
        .collect();
    let crumbs: HashMap<usize, Arc<Link>> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind != PageKind::Page)
        .map(|(i, p)| {
            let link = Link {
                title: p.title.clone(),
                url: p.url.clone(),
            };
            (i, Arc::new(link))
        })
        .collect();
    // These read only `site.index`, so the pages can be updated while they are in use.
    let index = &site.index;
    let crumb = |key: &str, lang: &str| -> Option<Arc<Link>> {
        let i = index.get(&(key.to_string(), lang.to_string()))?;
        crumbs.get(i).cloned()
    };
    for i in 0..site.pages.len() {
        let (key, lang) = (site.pages[i].key.clone(), site.pages[i].lang.clone());
        let alternate = |l: &String| -> Option<Arc<Alternate>> {
            let j = index.get(&(key.clone(), l.clone()))?;
            Some(Arc::clone(&alternates[*j]))
        };
        let translations: Vec<Arc<Alternate>> = langs
            .iter()
            .filter(|l| !pending_of.contains_key(&(key.clone(), (*l).clone())))
            .filter_map(alternate)
            .collect();
        let switcher: Vec<Arc<Alternate>> = langs
            .iter()
            .filter(|l| **l != lang)
            .filter_map(alternate)
            .collect();
        let pending = pending_of
            .get(&(key.clone(), lang.clone()))
            .and_then(|src| {
                site.get(&key, src).map(|p| Pending {
                    source_lang: src.clone(),
                    source_url: p.url.clone(),
                    source_title: p.title.clone(),
                })
            });
        let mut breadcrumbs = Vec::new();
        if site.pages[i].kind != PageKind::Home {
            breadcrumbs.extend(crumb("", &lang));
            if let (PageKind::Page, Some(s)) = (site.pages[i].kind, &site.pages[i].section) {
                breadcrumbs.extend(crumb(s, &lang));
            }
        }
        let page = &mut site.pages[i];
        page.translations = translations;
        page.switcher = switcher;
        page.pending = pending;
        page.breadcrumbs = breadcrumbs;
    }
    drop((alternates, crumbs));
    let mut facts_errors = Vec::new();
    let no_facts = Arc::new(Facts::None {});
    let built: Vec<(Arc<Facts>, Vec<Link>, Vec<String>)> = (0..site.pages.len())
        .map(|i| {
            let mut deps = Vec::new();
            let facts = match facts_for(&site, i, content, bundles, &mut deps) {
                Ok(Facts::None {}) => Arc::clone(&no_facts),
                Ok(facts) => Arc::new(facts),
                Err(mut e) => {
                    facts_errors.append(&mut e);
                    Arc::clone(&no_facts)
                }
            };
            let children = children_of(&site, i, content);
            (facts, children, deps)
        })
        .collect();
    for (page, (facts, children, deps)) in site.pages.iter_mut().zip(built) {
        page.facts = facts;
        page.children = children;
        page.deps = deps;
    }
    errors.append(&mut facts_errors);
    check_orphan_records(content, &site, &mut errors);

    if errors.is_empty() {
        Ok(site)
    } else {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        errors.dedup_by(|a, b| a.to_string() == b.to_string());
        Err(errors)
    }
}

fn twin_path(src: &Path, from: &str, to: &str) -> PathBuf {
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let twin = name
        .strip_suffix(&format!(".{from}.md"))
        .map_or(name.clone(), |s| format!("{s}.{to}.md"));
    src.with_file_name(twin)
}

fn page_slug(d: &Draft) -> Result<String, ContentError> {
    match &d.front.slug {
        Some(s) => {
            slug::validate(s).map_err(|message| ContentError::Invalid {
                at: d.at("slug", s),
                message,
            })?;
            Ok(s.clone())
        }
        None => {
            if d.front.title.trim().is_empty() {
                let file = d.source.clone().unwrap_or_default();
                return Err(ContentError::Invalid {
                    at: Location::new(file, 2, 1),
                    message: "`title` is missing or empty (and there is no `slug`)".into(),
                });
            }
            let s = slug::slugify(&d.front.title);
            if s.is_empty() {
                return Err(ContentError::Invalid {
                    at: d.at("title", &d.front.title),
                    message: "cannot derive a slug from the title; give a `slug`".into(),
                });
            }
            Ok(s)
        }
    }
}

fn default_template(d: &Draft) -> String {
    if d.pending.is_some() {
        return "pending.html".into();
    }
    match (d.kind, d.section.as_deref()) {
        (PageKind::Home, _) => "index.html".into(),
        (PageKind::Section, Some("contacts")) => "contacts.html".into(),
        (PageKind::Section, Some("accessibility")) => "accessibility.html".into(),
        (PageKind::Section, Some("booklet")) => "booklet.html".into(),
        (PageKind::Section, _) => "section.html".into(),
        (PageKind::Page, Some("partnerships")) => "partnership.html".into(),
        (PageKind::Page, Some("themes")) => "theme.html".into(),
        (PageKind::Page, Some("cities")) => "city.html".into(),
        (PageKind::Page, Some("news")) => "news.html".into(),
        (PageKind::Page, Some("bodies")) => "body.html".into(),
        (PageKind::Page, Some("booklet")) => "chapter.html".into(),
        (PageKind::Page, _) => "page.html".into(),
    }
}

/// Resolves ids for one page. `deps` collects the records it shows.
fn facts_for(
    site: &Localized,
    i: usize,
    content: &Content,
    bundles: &Bundles,
    deps: &mut Vec<String>,
) -> Result<Facts, Vec<Error>> {
    let page = &site.pages[i];
    let lang = page.lang.as_str();
    let recs = &content.records;
    let mut r = Resolver {
        site,
        content,
        bundles,
        lang,
        errors: Vec::new(),
        deps,
    };
    let facts = match (page.kind, page.section.as_deref(), page.id.as_deref()) {
        (PageKind::Home, _, _) => Facts::Home {
            partnerships: sorted_partnerships(recs)
                .iter()
                .filter_map(|id| site.link(&format!("partnerships/{id}"), lang))
                .collect(),
            news: sorted_news(recs)
                .iter()
                .filter_map(|id| site.link(&format!("news/{id}"), lang))
                .collect(),
        },
        (PageKind::Page, Some("partnerships"), Some(id)) => {
            let Some(rec) = r.record(&recs.partnerships, "partnerships", id, page) else {
                return Err(r.errors);
            };
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
                .filter_map(|t| r.page_link(rec, "themes", "themes", t))
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
                .filter_map(|(b, _)| site.link(&format!("bodies/{b}"), lang))
                .collect();
            let news = sorted_news(recs)
                .into_iter()
                .filter(|n| recs.news[n].data.partnerships.iter().any(|x| x == id))
                .filter_map(|n| site.link(&format!("news/{n}"), lang))
                .collect();
            if !p.members.is_empty() && p.member_count.is_some() {
                r.errors.push(Error::Content(ContentError::Invalid {
                    at: locate(&rec.source, &rec.text, "member_count", "member_count"),
                    message:
                        "`member_count` is derived from `members`; give one or the other, not both"
                            .into(),
                }));
            }
            Facts::Partnership {
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
            }
        }
        (PageKind::Page, Some("themes"), Some(id)) => {
            if recs.themes.contains_key(id) {
                r.deps.push(format!("themes/{id}"));
            }
            let partnerships = sorted_partnerships(recs)
                .into_iter()
                .filter(|p| recs.partnerships[p].data.themes.iter().any(|t| t == id))
                .filter_map(|p| {
                    r.deps.push(format!("partnerships/{p}"));
                    site.link(&format!("partnerships/{p}"), lang)
                })
                .collect();
            Facts::Theme { partnerships }
        }
        (PageKind::Page, Some("cities"), Some(id)) => {
            let Some(rec) = recs.cities.get(id) else {
                return Ok(Facts::None {});
            };
            r.deps.push(format!("cities/{id}"));
            let region = r
                .message(rec, "region", &rec.data.region, "region-")
                .unwrap_or_default();
            let partnerships = sorted_partnerships(recs)
                .into_iter()
                .filter(|p| recs.partnerships[p].data.members.iter().any(|m| m == id))
                .filter_map(|p| {
                    r.deps.push(format!("partnerships/{p}"));
                    site.link(&format!("partnerships/{p}"), lang)
                })
                .collect();
            Facts::City {
                region,
                partnerships,
            }
        }
        (PageKind::Page, Some("news"), Some(id)) => {
            let Some(rec) = r.record(&recs.news, "news", id, page) else {
                return Err(r.errors);
            };
            let n = &rec.data;
            for l in n.published_in.keys() {
                if !site.languages.contains(l) {
                    r.errors.push(Error::Content(ContentError::Invalid {
                        at: locate(&rec.source, &rec.text, "published_in", l),
                        message: format!(
                            "`{l}` is not a configured language ({})",
                            site.languages.join(", ")
                        ),
                    }));
                }
            }
            let published = n.published_in.get(lang).copied().unwrap_or(n.date);
            let updated = n.updated.map_or(published, |u| u.max(published));
            Facts::News {
                date: site.dates.format(lang, n.date),
                date_iso: n.date.iso(),
                published_iso: published.iso(),
                updated_iso: updated.iso(),
                updated: n.updated.map(|d| site.dates.format(lang, d)),
                published_here: n
                    .published_in
                    .get(lang)
                    .filter(|d| **d != n.date)
                    .map(|d| site.dates.format(lang, *d)),
                publisher: n
                    .publisher
                    .as_ref()
                    .and_then(|o| r.message(rec, "publisher", o, "org-")),
                publisher_of: n.publisher.as_ref().and_then(|o| {
                    let at = locate(&rec.source, &rec.text, "publisher", o);
                    bundles
                        .name(lang, &format!("org-{o}"), Some("genitive"), &at)
                        .map_err(|e| r.errors.push(e.into()))
                        .ok()
                }),
                contacts: n
                    .contacts
                    .iter()
                    .filter_map(|c| r.contact(rec, "contacts", c))
                    .collect(),
                partnerships: n
                    .partnerships
                    .iter()
                    .filter_map(|p| r.page_link(rec, "partnerships", "partnerships", p))
                    .collect(),
            }
        }
        (PageKind::Page, Some("bodies"), Some(id)) => {
            let Some(rec) = r.record(&recs.bodies, "bodies", id, page) else {
                return Err(r.errors);
            };
            let b = &rec.data;
            Facts::Body {
                partnership: b
                    .partnership
                    .as_ref()
                    .and_then(|p| r.page_link(rec, "partnership", "partnerships", p)),
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
            }
        }
        (PageKind::Section, Some("contacts"), _) => {
            let mut contacts: Vec<ContactView> = recs
                .contacts
                .iter()
                .filter(|(_, c)| c.data.phone.is_some())
                .filter_map(|(id, c)| {
                    r.deps.push(format!("contacts/{id}"));
                    r.contact_view(id, c)
                })
                .collect();
            // A directory lists people by surname, then first names: ”Kurki, Minna”.
            let mut keyed: Vec<(String, ContactView)> = contacts
                .into_iter()
                .map(|c| (surname_first(&c.name), c))
                .collect();
            site.collators
                .sort_by_key(lang, &mut keyed, |k| k.0.as_str());
            contacts = keyed.into_iter().map(|k| k.1).collect();
            Facts::Contacts { contacts }
        }
        (PageKind::Section, Some("accessibility"), _) => {
            let Some(rec) = &recs.accessibility else {
                return Err(vec![Error::Content(ContentError::Invalid {
                    at: Location::file(page.source.clone().unwrap_or_default()),
                    message: "the accessibility statement needs its facts in content/accessibility/_index.yaml".into(),
                })]);
            };
            r.deps.push("accessibility/_index".into());
            let a = &rec.data;
            // The declared level and the list of failures must tell the same story.
            let full = a.compliance == crate::content::records::Compliance::Full;
            if full != a.non_accessible.is_empty() {
                r.errors.push(Error::Content(ContentError::Invalid {
                    at: locate(
                        &rec.source,
                        &rec.text,
                        "compliance",
                        match a.compliance {
                            crate::content::records::Compliance::Full => "full",
                            crate::content::records::Compliance::Partial => "partial",
                            crate::content::records::Compliance::None => "none",
                        },
                    ),
                    message: if full {
                        "`compliance: full` but `non_accessible` lists content that fails WCAG criteria: use `partial`".into()
                    } else {
                        "`compliance` is not `full`, so `non_accessible` must list the content that fails and the WCAG criteria".into()
                    },
                }));
            }
            Facts::Accessibility {
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
            }
        }
        _ => Facts::None {},
    };
    if r.errors.is_empty() {
        Ok(facts)
    } else {
        Err(r.errors)
    }
}

/// Looks up ids for one page and collects what is missing.
struct Resolver<'a> {
    site: &'a Localized,
    content: &'a Content,
    bundles: &'a Bundles,
    lang: &'a str,
    errors: Vec<Error>,
    deps: &'a mut Vec<String>,
}

impl Resolver<'_> {
    fn record<'r, T>(
        &mut self,
        map: &'r BTreeMap<String, Record<T>>,
        section: &str,
        id: &str,
        page: &LPage,
    ) -> Option<&'r Record<T>> {
        self.deps.push(format!("{section}/{id}"));
        let rec = map.get(id);
        if rec.is_none() {
            self.errors.push(Error::Content(ContentError::Invalid {
                at: Location::file(page.source.clone().unwrap_or_default()),
                message: format!(
                    "this page needs its facts in content/{section}/{id}.yaml, which does not exist"
                ),
            }));
        }
        rec
    }

    fn city<T>(&mut self, rec: &Record<T>, field: &str, id: &str) -> Option<CityLink> {
        self.deps.push(format!("cities/{id}"));
        if !self.content.records.cities.contains_key(id) {
            let hint = Hint::closest(id, self.content.records.cities.keys().map(String::as_str));
            self.errors.push(Error::Content(ContentError::Invalid {
                at: locate(&rec.source, &rec.text, field, id),
                message: format!(
                    "unknown city id `{id}` (cities are defined in content/cities/){hint}"
                ),
            }));
            return None;
        }
        let page = self.site.get(&format!("cities/{id}"), self.lang)?;
        Some(CityLink {
            id: id.to_string(),
            name: page.title.clone(),
            url: page.url.clone(),
        })
    }

    fn page_link<T>(
        &mut self,
        rec: &Record<T>,
        field: &str,
        section: &str,
        id: &str,
    ) -> Option<Link> {
        let key = format!("{section}/{id}");
        self.deps.push(key.clone());
        match self.site.link(&key, self.lang) {
            Some(l) => Some(l),
            None => {
                let ids: Vec<&str> = self
                    .site
                    .pages
                    .iter()
                    .filter(|p| p.section.as_deref() == Some(section) && p.kind == PageKind::Page)
                    .filter_map(|p| p.id.as_deref())
                    .collect();
                let hint = Hint::closest(id, ids);
                let kind = section.trim_end_matches('s');
                self.errors.push(Error::Content(ContentError::Invalid {
                    at: locate(&rec.source, &rec.text, field, id),
                    message: format!(
                        "unknown {kind} id `{id}` (no page content/{section}/{id}.<lang>.md){hint}"
                    ),
                }));
                None
            }
        }
    }

    fn message<T>(
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

    fn contact<T>(&mut self, rec: &Record<T>, field: &str, id: &str) -> Option<ContactView> {
        self.deps.push(format!("contacts/{id}"));
        let Some(c) = self.content.records.contacts.get(id) else {
            let hint = Hint::closest(id, self.content.records.contacts.keys().map(String::as_str));
            self.errors.push(Error::Content(ContentError::Invalid {
                at: locate(&rec.source, &rec.text, field, id),
                message: format!(
                    "unknown contact id `{id}` (contacts are defined in content/contacts/){hint}"
                ),
            }));
            return None;
        };
        self.contact_view(id, c)
    }

    fn contact_view(
        &mut self,
        id: &str,
        c: &Record<crate::content::records::Contact>,
    ) -> Option<ContactView> {
        let role = self.message(c, "role", &c.data.role, "role-")?;
        let organisation = match &c.data.organisation {
            Some(o) => Some(self.message(c, "organisation", o, "org-")?),
            None => None,
        };
        let tel = c.data.phone.as_deref().map(tel_uri);
        let mut ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Person",
            "name": c.data.name,
            "jobTitle": role,
        });
        if let Some(o) = &organisation {
            ld["worksFor"] = serde_json::json!({ "@type": "Organization", "name": o });
        }
        if let Some(t) = &tel {
            ld["telephone"] = serde_json::Value::String(t.trim_start_matches("tel:").to_string());
        }
        // `<`, `>` and `&` as JSON escapes: nothing inside the script element can close it or
        // open a comment.
        let json_ld = ld
            .to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
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

/// `Anna-Kaisa Ikonen` → `Ikonen Anna-Kaisa`: the sort key of a directory. Finnish and
/// Swedish names in these records have the surname last.
fn surname_first(name: &str) -> String {
    match name.trim().rsplit_once(' ') {
        Some((first, last)) => format!("{last} {first}"),
        None => name.to_string(),
    }
}

/// `0295 047 071` → `tel:+358295047071`; a number already international keeps its `+`.
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    match digits.strip_prefix('0') {
        Some(rest) if !digits.starts_with('+') => format!("tel:+358{rest}"),
        _ => format!("tel:{digits}"),
    }
}

fn sorted_partnerships(recs: &crate::content::records::Records) -> Vec<String> {
    let mut ids: Vec<(&Option<u32>, &String)> = recs
        .partnerships
        .iter()
        .map(|(id, r)| (&r.data.order, id))
        .collect();
    ids.sort_by(|a, b| (a.0.unwrap_or(u32::MAX), a.1).cmp(&(b.0.unwrap_or(u32::MAX), b.1)));
    ids.into_iter().map(|(_, id)| id.clone()).collect()
}

fn sorted_news(recs: &crate::content::records::Records) -> Vec<String> {
    let mut ids: Vec<(Date, &String)> = recs.news.iter().map(|(id, r)| (r.data.date, id)).collect();
    ids.sort_by(|a, b| b.cmp(a));
    ids.into_iter().map(|(_, id)| id.clone()).collect()
}

/// A section's pages in listing order: record `order`, news newest first, cities by name,
/// the rest by id (so editors can number files).
fn children_of(site: &Localized, i: usize, content: &Content) -> Vec<Link> {
    let page = &site.pages[i];
    if page.kind != PageKind::Section {
        return Vec::new();
    }
    let section = page.key.as_str();
    let lang = page.lang.as_str();
    let recs = &content.records;
    let ids: Vec<String> = match section {
        "partnerships" => sorted_partnerships(recs),
        "news" => sorted_news(recs),
        _ => {
            let mut ids: Vec<(u32, String)> = site
                .pages
                .iter()
                .filter(|p| {
                    p.lang == lang
                        && p.kind == PageKind::Page
                        && p.section.as_deref() == Some(section)
                })
                .filter_map(|p| p.id.clone())
                .map(|id| {
                    let order = if section == "themes" {
                        recs.themes.get(&id).and_then(|t| t.data.order)
                    } else {
                        None
                    };
                    (order.unwrap_or(u32::MAX), id)
                })
                .collect();
            ids.sort();
            ids.into_iter().map(|(_, id)| id).collect()
        }
    };
    let mut links: Vec<Link> = ids
        .iter()
        .filter_map(|id| site.link(&format!("{section}/{id}"), lang))
        .collect();
    if section == "cities" {
        site.collators
            .sort_by_key(lang, &mut links, |l| l.title.as_str());
    }
    links
}

fn check_orphan_records(content: &Content, site: &Localized, errors: &mut Vec<Error>) {
    let recs = &content.records;
    let sections: [(&str, Vec<(&String, &PathBuf)>); 3] = [
        (
            "partnerships",
            recs.partnerships
                .iter()
                .map(|(k, r)| (k, &r.source))
                .collect(),
        ),
        (
            "news",
            recs.news.iter().map(|(k, r)| (k, &r.source)).collect(),
        ),
        (
            "bodies",
            recs.bodies.iter().map(|(k, r)| (k, &r.source)).collect(),
        ),
    ];
    for (section, list) in sections {
        for (id, source) in list {
            if !site
                .languages
                .iter()
                .any(|l| site.get(&format!("{section}/{id}"), l).is_some())
            {
                errors.push(Error::Content(ContentError::Invalid {
                    at: Location::file(source),
                    message: format!(
                        "record without a page: write content/{section}/{id}.{}.md (and its translations)",
                        site.languages[0]
                    ),
                }));
            }
        }
    }
    if let Some(a) = &recs.accessibility
        && !site
            .languages
            .iter()
            .any(|l| site.get("accessibility", l).is_some())
    {
        errors.push(Error::Content(ContentError::Invalid {
            at: Location::file(&a.source),
            message: "record without a page: write content/accessibility/_index.<lang>.md".into(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_international_tel_uris() {
        assert_eq!(tel_uri("0295 047 071"), "tel:+358295047071");
        assert_eq!(tel_uri("050 437 2718"), "tel:+358504372718");
        assert_eq!(tel_uri("+358 50 1"), "tel:+358501");
    }
}

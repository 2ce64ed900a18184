//! Content + bundles → [`Localized`]: every page in every language, with its URL, its
//! translations and its facts resolved from the records. Ids are looked up here, once: an
//! unknown city, theme, contact or partnership fails here with the place it was written.
//!
//! The steps, each in its file: pair the language versions of each page (`pairing`), give
//! each a URL and title (`urls`, `template`), link the pages to each other (`nav`), then
//! resolve each page's record (`facts`, one file per record kind, chosen by [`Section`]).
//! [`refresh`] redoes a few pages' own parts against a last localization, for the watch loop
//! to write the pages an editor looks at first; `relocalize_records`, `relocalize_fronts` and
//! `relocalize_bundles` bring a last localization up to date after an edit of records, of
//! titles and descriptions, or of Fluent names, each equal to what [`localize`] makes.

mod aliases;
mod error;
mod facts;
mod json_ld;
mod names;
mod nav;
mod pages;
mod pairing;
mod refresh;
mod section;
mod tel;
mod template;
mod urls;

pub use aliases::Alias;
pub use error::LocalizeError;
pub use facts::{CityLink, ContactView, Facts, LeaderView, MemberView, NonAccessibleView};
pub(crate) use names::capitalized;
pub use names::{NAME_KINDS, name_key};
pub use pages::{Alternate, LPage, Link, Localized, Pending, PendingCause};
pub use refresh::refresh;
pub use section::Section;
pub use tel::tel_uri;

use super::bundles::Bundles;
use super::collate::Collators;
use crate::config::SiteConfig;
use crate::diagnostic::Location;

/// Localizes `content` into every configured language.
///
/// Fails, with every problem, on: a page missing in a language without `translation: pending`,
/// two pages at one URL, a bad slug, an unknown id in a record, a record without its page, a
/// Fluent message a record needs that is missing in a language.
pub fn localize(
    content: &crate::content::Content,
    bundles: &Bundles,
    config: &SiteConfig,
) -> Result<Localized, Vec<LocalizeError>> {
    let mut errors: Vec<LocalizeError> = Vec::new();
    let langs = &config.languages;
    check_publisher(bundles, config, &mut errors);

    // 1. Every page once per language (a notice where it is pending), every city too.
    let drafts = pairing::drafts(content, bundles, config, &mut errors);
    // 2. URLs: section slugs from the sections' own pages, page slugs from front matter.
    let mut pages = urls::pages(drafts, bundles, config, &mut errors);
    // A page left out above (bad slug, URL clash) would make every record that names it
    // report a bogus "unknown id"; stop here with the real causes.
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        return Err(errors);
    }
    let lang_pos = |l: &str| langs.iter().position(|x| x == l).unwrap_or(usize::MAX);
    pages.sort_by(|a, b| (&a.key, lang_pos(&a.lang)).cmp(&(&b.key, lang_pos(&b.lang))));

    let mut site = Localized::of(pages, config);
    site.nav_sections = nav::nav_sections(config, &site);
    // 3. Translations, pending notices and breadcrumbs, then listings and facts.
    nav::link_pages(&mut site);
    facts::attach(&mut site, content, bundles, &mut errors);
    facts::check_orphan_records(content, &site, &mut errors);
    // 4. Earlier URLs, checked against every page's URL.
    site.aliases = aliases::collect(content, &site, &mut errors);
    done(site, errors)
}

/// What [`localize`] makes of `content` when `last` is the localization of `last_content`,
/// the same pages (and settings and bundles) with other records: `last` with the facts and
/// listings of the pages records reach resolved again (`facts::reads_records`). Records reach nothing else of a localization, but for
/// cities, whose records make pages: `None` when a city record changed. `copy`, when given, is
/// a copy of `last`'s pages, made ahead, which the new localization is made of.
pub fn relocalize_records(
    last: &Localized,
    copy: Option<Vec<LPage>>,
    last_content: &crate::content::Content,
    content: &crate::content::Content,
    bundles: &Bundles,
    config: &SiteConfig,
) -> Option<Result<Localized, Vec<LocalizeError>>> {
    fn cities(c: &crate::content::Content) -> impl Iterator<Item = (&str, &std::path::Path, &str)> {
        let all = c.records.cities.iter();
        all.map(|(id, r)| (id.as_str(), r.source.as_path(), r.text.as_str()))
    }
    if !cities(last_content).eq(cities(content)) {
        return None;
    }
    let mut errors: Vec<LocalizeError> = Vec::new();
    let mut site = Localized::of(copy_of(last, copy), config);
    site.nav_sections = last.nav_sections.clone();
    // The pages the records do not reach keep the facts and listing they have.
    facts::attach_where(
        &mut site,
        content,
        bundles,
        &mut errors,
        facts::reads_records,
    );
    facts::check_orphan_records(content, &site, &mut errors);
    site.aliases = last.aliases.clone();
    Some(done(site, errors))
}

/// What [`localize`] makes of `content` when `last` is the localization of `last_content`,
/// the same pages, records, settings and bundles but for the titles and descriptions in some
/// pages' front matter: `last` with those pages' own parts made again (as [`refresh`] makes
/// them), then navigation, and the links, facts and listings of the pages that may show a
/// changed title (`relinked`). `None` when anything else differs: another front matter field, a page added,
/// removed or moved (a title its slug is made from), or a pending notice of an edited page
/// (its text names the source's title).
///
/// `content` must hold the records of `last_content`: the caller knows when only pages were
/// saved.
pub fn relocalize_fronts(
    last: &Localized,
    copy: Option<Vec<LPage>>,
    last_content: &crate::content::Content,
    content: &crate::content::Content,
    bundles: &Bundles,
    config: &SiteConfig,
) -> Option<Result<Localized, Vec<LocalizeError>>> {
    let fronts = edited_fronts(last_content, content)?;
    let edited: Vec<usize> = (0..last.pages.len())
        .filter(|&i| {
            last.pages[i]
                .source
                .as_ref()
                .is_some_and(|s| fronts.contains_key(s))
        })
        .collect();
    let keys: std::collections::HashSet<&str> =
        edited.iter().map(|&i| last.pages[i].key.as_str()).collect();
    if last
        .pages
        .iter()
        .any(|p| p.pending.is_some() && keys.contains(p.key.as_str()))
    {
        return None;
    }
    let mut pages = copy_of(last, copy);
    for i in edited {
        pages[i] = refresh::own_parts(&last.pages[i], &fronts, bundles)?;
    }
    let mut errors: Vec<LocalizeError> = Vec::new();
    let site = relinked(pages, last, content, bundles, config, &mut errors);
    Some(done(site, errors))
}

/// What [`localize`] makes of `content` when `last` is its localization with other bundles
/// (the same pages, records and settings): `last` with every page's title made again from
/// `bundles` where Fluent names it (as [`refresh`] makes it), then navigation, and the links,
/// facts and listings of the pages that may show a changed name (`relinked`). `None` when a page is a pending notice
/// (its text is a message), a new name would move its page (a city's slug), or anything
/// fails: [`localize`] then finds every problem, in its order, as a build does.
pub fn relocalize_bundles(
    last: &Localized,
    copy: Option<Vec<LPage>>,
    content: &crate::content::Content,
    bundles: &Bundles,
    config: &SiteConfig,
) -> Option<Result<Localized, Vec<LocalizeError>>> {
    use rayon::prelude::*;
    if last.pages.iter().any(|p| p.pending.is_some()) {
        return None;
    }
    let no_fronts = std::collections::HashMap::new();
    let mut pages = copy_of(last, copy);
    pages
        .par_iter_mut()
        .try_for_each(|p| refresh::own_parts_in(p, &no_fronts, bundles))?;
    let mut errors: Vec<LocalizeError> = Vec::new();
    check_publisher(bundles, config, &mut errors);
    let site = relinked(pages, last, content, bundles, config, &mut errors);
    errors.is_empty().then_some(Ok(site))
}

/// `copy`, a copy of `last`'s pages made ahead (a watcher makes one while it waits for the next
/// save: copying 20,000 pages was a seventh of a record edit's rebuild), or one made now.
fn copy_of(last: &Localized, copy: Option<Vec<LPage>>) -> Vec<LPage> {
    use rayon::prelude::*;
    match copy {
        Some(pages) if pages.len() == last.pages.len() => pages,
        _ => last.pages.par_iter().cloned().collect(),
    }
}

/// The site of `pages`, the last localization's with some remade (in its order), linked and
/// resolved again as [`localize`] does it: navigation, links between pages, facts and listings
/// (of the pages that may show a changed title). The URLs are `last`'s, and so are the
/// aliases checked against them.
fn relinked(
    pages: Vec<LPage>,
    last: &Localized,
    content: &crate::content::Content,
    bundles: &Bundles,
    config: &SiteConfig,
    errors: &mut Vec<LocalizeError>,
) -> Localized {
    // The pages whose title changed: their listings, their other language versions and,
    // for a section or the home page, every breadcrumb show it.
    let retitled: Vec<&LPage> = pages
        .iter()
        .zip(&last.pages)
        .filter(|(now, was)| now.title != was.title)
        .map(|(_, was)| was)
        .collect();
    let crumbs = retitled
        .iter()
        .any(|p| p.kind != crate::content::PageKind::Page);
    let keys: std::collections::HashSet<String> = retitled.iter().map(|p| p.key.clone()).collect();
    let sections: std::collections::HashSet<String> =
        retitled.iter().filter_map(|p| p.section.clone()).collect();
    let mut site = Localized::of(pages, config);
    site.nav_sections = nav::nav_sections(config, &site);
    nav::link_pages_where(&mut site, |p| crumbs || keys.contains(&p.key));
    // Facts name only pages of records; the other pages keep theirs (none) and their listing.
    facts::attach_where(&mut site, content, bundles, errors, |p| {
        facts::reads_records(p)
            || (p.kind == crate::content::PageKind::Section && sections.contains(&p.key))
    });
    facts::check_orphan_records(content, &site, errors);
    site.aliases = last.aliases.clone();
    site
}

/// The front matter of each page of `content` whose title or description differs from
/// `last_content`'s, by source; `None` when the pages differ in anything else that
/// localization reads.
fn edited_fronts(
    last_content: &crate::content::Content,
    content: &crate::content::Content,
) -> Option<std::collections::HashMap<std::path::PathBuf, crate::content::FrontMatter>> {
    // Pages held back as drafts are not localized: only the others count.
    if last_content.pages.len() != content.pages.len() {
        return None;
    }
    let mut fronts = std::collections::HashMap::new();
    for (was, now) in last_content.pages.iter().zip(&content.pages) {
        if std::sync::Arc::ptr_eq(was, now) || was.front == now.front {
            continue;
        }
        let same_page = was.key == now.key && was.lang == now.lang && was.source == now.source;
        let mut own = was.front.clone();
        own.title.clone_from(&now.front.title);
        own.description.clone_from(&now.front.description);
        if !same_page || own != now.front {
            return None;
        }
        fronts.insert(now.source.clone()?, now.front.clone());
    }
    Some(fronts)
}

/// `site`, or every problem found making it, each once, in file order.
fn done(site: Localized, mut errors: Vec<LocalizeError>) -> Result<Localized, Vec<LocalizeError>> {
    if errors.is_empty() {
        Ok(site)
    } else {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        errors.dedup_by(|a, b| a.to_string() == b.to_string());
        Err(errors)
    }
}

impl Localized {
    /// The site of `pages` (sorted, with URLs and titles) under `config`, indexed by key and
    /// language; navigation, links, facts and aliases still to be made.
    fn of(pages: Vec<LPage>, config: &SiteConfig) -> Localized {
        let mut site = Localized {
            languages: config.languages.clone(),
            nav_sections: Vec::new(),
            pages,
            index: hashbrown::HashTable::new(),
            collators: Collators::new(&config.languages),
            dates: super::dates::DateFormats::new(&config.date_locales().unwrap_or_default()),
            base_url: config.base_url.clone(),
            base_path: config.base_path().to_string(),
            publisher: config.publisher.clone(),
            aliases: Vec::new(),
        };
        site.index_pages();
        site
    }
}

/// The publisher's name must exist in every language: templates and prose show it.
fn check_publisher(bundles: &Bundles, config: &SiteConfig, errors: &mut Vec<LocalizeError>) {
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Each page as a template and a listing see it (the listing is not serialised).
    fn seen(site: &Localized) -> Vec<(serde_json::Value, &Vec<Link>)> {
        site.pages
            .iter()
            .map(|p| (serde_json::to_value(p).unwrap_or_default(), &p.children))
            .collect()
    }

    fn copy_dir(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// A copy of the portal's content and Fluent files to edit, and its settings.
    struct Portal {
        dir: tempfile::TempDir,
        config: SiteConfig,
    }

    impl Portal {
        fn new() -> Portal {
            let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
            let dir = tempfile::tempdir().unwrap();
            for d in ["content", "i18n"] {
                copy_dir(&repo.join(d), &dir.path().join(d));
            }
            let config = SiteConfig::load_with(dir.path(), &Default::default()).unwrap();
            Portal { dir, config }
        }

        fn root(&self) -> &Path {
            self.dir.path()
        }

        /// The Fluent bundles as the files are now.
        fn bundles(&self) -> Bundles {
            crate::i18n::bundles::load_bundles(self.root(), &self.config).unwrap()
        }

        /// The content as a build loads it (drafts held back).
        fn load(&self) -> crate::content::Content {
            let mut c = crate::content::load(self.root(), &self.config).unwrap();
            c.hold_drafts();
            c
        }

        /// Replaces the first `from` in `file` with `to`; `from` must be there.
        fn edit(&self, file: &str, from: &str, to: &str) {
            let path = self.root().join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{file} has no {from:?}");
            std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        }
    }

    /// `again`, relocalized after an edit of `file`, is what `localize` made (`fresh`), and
    /// differs from the localization before the edit (`last`). Every page of it is at the
    /// URL and index it had in `last`: a watcher's rebuild keeps the link targets' map of
    /// pages (`Targets::new`) and the output folders of the pages.
    fn assert_relocalized(again: &Localized, fresh: &Localized, last: &Localized, file: &str) {
        assert!(seen(again) == seen(fresh), "{file}");
        assert_eq!(again.nav_sections, fresh.nav_sections);
        assert_eq!(again.aliases, fresh.aliases);
        assert_ne!(seen(again), seen(last), "{file}: the edit shows nowhere");
        let urls = |site: &Localized| site.pages.iter().map(|p| p.url.clone()).collect::<Vec<_>>();
        assert_eq!(urls(again), urls(last), "{file}");
    }

    /// A relocalization from the last localization and content to the new content.
    type Relocalize = fn(
        &Localized,
        Option<Vec<LPage>>,
        &crate::content::Content,
        &crate::content::Content,
        &Bundles,
        &SiteConfig,
    ) -> Option<Result<Localized, Vec<LocalizeError>>>;

    /// Makes each of `edits` (file, from, to) in `portal` in turn, and checks after each that
    /// `relocalize` from the content before gives what `localize` gives; the last content and
    /// its localization.
    fn each_content_edit(
        portal: &Portal,
        edits: &[(&str, &str, &str)],
        relocalize: Relocalize,
    ) -> (crate::content::Content, Localized) {
        let (bundles, config) = (&portal.bundles(), &portal.config);
        let mut last_content = portal.load();
        let mut last = localize(&last_content, bundles, config).unwrap();
        for &(file, from, to) in edits {
            portal.edit(file, from, to);
            let content = portal.load();
            let fresh = localize(&content, bundles, config).unwrap();
            let again = relocalize(
                &last,
                Some(last.pages.clone()),
                &last_content,
                &content,
                bundles,
                config,
            )
            .unwrap()
            .unwrap();
            assert_relocalized(&again, &fresh, &last, file);
            last = fresh;
            last_content = content;
        }
        (last_content, last)
    }

    #[test]
    fn a_refresh_whose_facts_fail_leaves_the_site_as_it_was() {
        let portal = Portal::new();
        let bundles = portal.bundles();
        let content = portal.load();
        let mut site = localize(&content, &bundles, &portal.config).unwrap();
        let before = seen(&site)
            .into_iter()
            .map(|(v, l)| (v, l.clone()))
            .collect::<Vec<_>>();
        // The page's description is saved, but its record names a city that does not exist.
        let i = site.position("partnerships/growth-cities", "fi").unwrap();
        let source = site.pages[i].source.clone().unwrap();
        let page = content
            .pages
            .iter()
            .find(|p| p.source.as_ref() == Some(&source));
        let mut front = page.unwrap().front.clone();
        front.description = Some("Uusi kuvaus.".to_string());
        let fronts = std::collections::HashMap::from([(source, front)]);
        let file = "content/partnerships/growth-cities.yaml";
        portal.edit(file, "members: [pori, ", "members: [nowhere, pori, ");
        let edited = portal.load();
        assert!(refresh(&mut site, &[i], &fronts, &edited, &bundles).is_none());
        let after: Vec<_> = seen(&site)
            .into_iter()
            .map(|(v, l)| (v, l.clone()))
            .collect();
        assert!(after == before, "the refreshed page stayed in the site");
    }

    #[test]
    fn relocalizing_after_record_edits_gives_what_localize_gives() {
        let portal = Portal::new();
        let (bundles, config) = (portal.bundles(), &portal.config);
        // A listing's order, a partnership's members, a contact's phone number (shown on the
        // partnership and contact pages), one after another.
        let edits = [
            ("content/themes/culture.yaml", "order: 6", "order: 0"),
            (
                "content/partnerships/growth-cities.yaml",
                "members: [pori, ",
                "members: [",
            ),
            (
                "content/contacts/katja-palonen.yaml",
                "0295 047 071",
                "0295 047 999",
            ),
        ];
        let (last_content, last) = each_content_edit(&portal, &edits, relocalize_records);
        // A record naming what does not exist: the same errors.
        let file = "content/partnerships/growth-cities.yaml";
        portal.edit(file, "members: [", "members: [atlantis, ");
        let content = portal.load();
        let messages = |r: Result<Localized, Vec<LocalizeError>>| -> Vec<String> {
            r.err()
                .unwrap_or_default()
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        let full = messages(localize(&content, &bundles, config));
        assert!(full.iter().any(|m| m.contains("atlantis")), "{full:?}");
        assert_eq!(
            messages(
                relocalize_records(&last, None, &last_content, &content, &bundles, config).unwrap()
            ),
            full
        );
        // A city record makes pages: localized again in full.
        let city = portal.root().join("content/cities/oulu.yaml");
        let text = std::fs::read_to_string(&city).unwrap();
        std::fs::write(&city, format!("{text}\n# edited\n")).unwrap();
        let edited = portal.load();
        assert!(relocalize_records(&last, None, &content, &edited, &bundles, config).is_none());
    }

    #[test]
    fn relocalizing_after_title_and_description_edits_gives_what_localize_gives() {
        let portal = Portal::new();
        let (bundles, config) = (portal.bundles(), &portal.config);
        // A chapter (the booklet's contents, its neighbours), a section (every Swedish page's
        // navigation and breadcrumbs), a news item (the news listing, the home page), a
        // description (the booklet's listing), one after another.
        let edits = [
            (
                "content/booklet/09-interviewees.fi.md",
                "title: Haastatellut",
                "title: Haastatellut henkilöt",
            ),
            (
                "content/themes/_index.sv.md",
                "title: Teman",
                "title: Temaområden",
            ),
            (
                "content/news/2024-05-23-new-partnerships.sv.md",
                "title: Staten och städerna stärker",
                "title: Staten och städerna fördjupar",
            ),
            (
                "content/booklet/09-interviewees.sv.md",
                "description: De stadsdirektörer",
                "description: Alla stadsdirektörer",
            ),
        ];
        let (last_content, last) = each_content_edit(&portal, &edits, relocalize_fronts);
        // Another field (the slug moves the page): localized again in full.
        portal.edit(
            "content/booklet/09-interviewees.fi.md",
            "slug: haastatellut",
            "slug: haastatellut-henkilot",
        );
        let moved = portal.load();
        assert!(relocalize_fronts(&last, None, &last_content, &moved, &bundles, config).is_none());
    }

    #[test]
    fn relocalizing_after_fluent_name_edits_gives_what_localize_gives() {
        let portal = Portal::new();
        let config = &portal.config;
        let content = portal.load();
        let bundles_now = || portal.bundles();
        let edit = |file: &str, from: &str, to: &str| portal.edit(file, from, to);
        let mut last = localize(&content, &bundles_now(), config).unwrap();
        // A city's name (its page, the city listing, partnership facts), a theme's name (its
        // page, the theme listing, partnership pages), the publisher's name.
        for (file, from, to) in [
            (
                "i18n/sv/names.ftl",
                "*[nominative] Uleåborg\n",
                "*[nominative] ULEÅBORG\n",
            ),
            (
                "i18n/fi/partnerships.ftl",
                "*[nominative] kulttuuri\n",
                "*[nominative] kulttuuriala\n",
            ),
            (
                "i18n/sv/organisations.ftl",
                "*[nominative] arbets- och näringsministeriet",
                "*[nominative] Arbets- och näringsministeriet",
            ),
        ] {
            edit(file, from, to);
            let bundles = bundles_now();
            let fresh = localize(&content, &bundles, config).unwrap();
            let again =
                relocalize_bundles(&last, Some(last.pages.clone()), &content, &bundles, config)
                    .unwrap()
                    .unwrap();
            assert_relocalized(&again, &fresh, &last, file);
            last = fresh;
        }
        // A region without its name: localized again in full, which reports it.
        edit(
            "i18n/sv/names.ftl",
            "region-pohjois-pohjanmaa =",
            "region-pohjois-pohjanmaa-x =",
        );
        assert!(localize(&content, &bundles_now(), config).is_err());
        assert!(relocalize_bundles(&last, None, &content, &bundles_now(), config).is_none());
        edit(
            "i18n/sv/names.ftl",
            "region-pohjois-pohjanmaa-x =",
            "region-pohjois-pohjanmaa =",
        );
        // A name the slug is made from: the page moves, localized again in full.
        edit(
            "i18n/sv/names.ftl",
            "*[nominative] ULEÅBORG\n",
            "*[nominative] Nya Uleåborg\n",
        );
        assert!(relocalize_bundles(&last, None, &content, &bundles_now(), config).is_none());
    }
}

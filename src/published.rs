//! What a build published: every page URL and alias with the page and source file behind it.
//! The list is kept in the output ([`MANIFEST`]), so that the next build can say which URLs
//! vanish and which file published them; a URL that disappears silently breaks every link
//! and bookmark to it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::Content;
use crate::i18n::Localized;

/// The manifest's path in the output: hidden, like the `.kumppani` marker beside it.
pub const MANIFEST: &str = ".kumppani-urls";

/// What published a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A page.
    Page,
    /// A page marked `draft: true`, built by `serve` or `build --drafts`: its URL may vanish
    /// from a normal build without a word.
    Draft,
    /// A redirect page of an `aliases:` entry.
    Alias,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Draft => "draft",
            Kind::Alias => "alias",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        [Kind::Page, Kind::Draft, Kind::Alias]
            .into_iter()
            .find(|k| k.name() == s)
    }
}

/// One published URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Page, draft or alias.
    pub kind: Kind,
    /// The page's language.
    pub lang: String,
    /// The page's key (for an alias, the key of the page it leads to).
    pub key: String,
    /// The file that published it (root-relative).
    pub source: PathBuf,
}

/// What `localized` (built from `content`) publishes, borrowed: each page's and each
/// alias's URL below the base path, with the kind, language, key and source file behind it.
fn published<'a>(
    content: &'a Content,
    localized: &'a Localized,
) -> impl Iterator<Item = (&'a str, Kind, &'a str, &'a str, &'a Path)> {
    let below = |url: &'a str| url.strip_prefix(&localized.base_path).unwrap_or(url);
    // A draft holds back every language version of its page (`Content::hold_drafts`).
    let drafts: std::collections::HashSet<&str> = content
        .pages
        .iter()
        .filter(|p| p.front.draft)
        .map(|p| p.key.as_str())
        .collect();
    let pages = localized.pages.iter().map(move |p| {
        let kind = if drafts.contains(p.key.as_str()) {
            Kind::Draft
        } else {
            Kind::Page
        };
        let source = p.source.as_deref().unwrap_or(Path::new(""));
        (below(&p.url), kind, p.lang.as_str(), p.key.as_str(), source)
    });
    let aliases = localized.aliases.iter().map(move |a| {
        let p = &localized.pages[a.page];
        let source = a.at.file.as_path();
        (
            below(&a.url),
            Kind::Alias,
            p.lang.as_str(),
            p.key.as_str(),
            source,
        )
    });
    pages.chain(aliases)
}

/// Every URL a build published, below the base path (`/fi/teemat/kulttuuri/`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// URL → what published it.
    pub urls: BTreeMap<String, Entry>,
}

/// A URL the previous build published that this one does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vanished {
    /// The URL, below the base path.
    pub url: String,
    /// The file to put the alias in: the one that now publishes the same page, else the one
    /// that published the URL.
    pub source: PathBuf,
    /// Where the same page (same key and language) is now, if it still exists.
    pub now_at: Option<String>,
}

impl Vanished {
    /// The warning's text after its place: what vanished and the alias that keeps it.
    pub fn message(&self) -> String {
        let alias = format!("`aliases: [\"{}\"]`", self.url);
        match &self.now_at {
            Some(new) => format!(
                "the URL {} that the previous build published is gone: this page is now at {new}; add {alias} to its front matter to keep the old address working",
                self.url
            ),
            None => format!(
                "the URL {} that the previous build published from this file is gone; add {alias} to the front matter of the page that replaces it to keep the old address working",
                self.url
            ),
        }
    }
}

impl Manifest {
    /// The URLs of `localized` (built from `content`): its pages and aliases.
    pub fn of(content: &Content, localized: &Localized) -> Manifest {
        let urls = published(content, localized)
            .map(|(url, kind, lang, key, source)| {
                let entry = Entry {
                    kind,
                    lang: lang.to_string(),
                    key: key.to_string(),
                    source: source.to_path_buf(),
                };
                (url.to_string(), entry)
            })
            .collect();
        Manifest { urls }
    }

    /// Whether two builds publish the same: then their manifests are equal, and the second
    /// need not be made (a watcher's rebuild after a title or record edit, say). Compared in
    /// place, without making either manifest.
    pub fn same(a: (&Content, &Localized), b: (&Content, &Localized)) -> bool {
        a.1.base_path == b.1.base_path && published(a.0, a.1).eq(published(b.0, b.1))
    }

    /// One line per URL: `URL <tab> kind <tab> lang <tab> key <tab> source`.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut text = String::new();
        for (url, e) in &self.urls {
            // Writing into a `String` cannot fail.
            let _ = writeln!(
                text,
                "{url}\t{}\t{}\t{}\t{}",
                e.kind.name(),
                e.lang,
                e.key,
                e.source.display()
            );
        }
        text
    }

    /// Reads [`Manifest::to_text`]'s lines; a line that is not one (an older or damaged
    /// file) is skipped: the manifest only feeds warnings.
    pub fn parse(text: &str) -> Manifest {
        let urls = text
            .lines()
            .filter_map(|line| {
                let mut f = line.split('\t');
                let (url, kind, lang, key, source) =
                    (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
                Some((
                    url.to_string(),
                    Entry {
                        kind: Kind::parse(kind)?,
                        lang: lang.to_string(),
                        key: key.to_string(),
                        source: PathBuf::from(source),
                    },
                ))
            })
            .collect();
        Manifest { urls }
    }

    /// The URLs of `self` (the previous build) that `now` does not publish, drafts left out.
    pub fn vanished(&self, now: &Manifest) -> Vec<Vanished> {
        let gone: Vec<(&String, &Entry)> = self
            .urls
            .iter()
            .filter(|(url, e)| e.kind != Kind::Draft && !now.urls.contains_key(*url))
            .collect();
        if gone.is_empty() {
            return Vec::new();
        }
        // Where each page is now, made only when a URL went (a watch rebuild asks every time).
        let pages: BTreeMap<(&str, &str), (&String, &Entry)> = now
            .urls
            .iter()
            .filter(|(_, e)| e.kind != Kind::Alias)
            .map(|(url, e)| ((e.key.as_str(), e.lang.as_str()), (url, e)))
            .collect();
        gone.into_iter()
            .map(|(url, e)| {
                let same = pages.get(&(e.key.as_str(), e.lang.as_str()));
                Vanished {
                    url: url.clone(),
                    source: same.map_or_else(|| e.source.clone(), |(_, n)| n.source.clone()),
                    now_at: same.map(|(u, _)| (*u).clone()),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: Kind, key: &str, source: &str) -> Entry {
        Entry {
            kind,
            lang: "fi".into(),
            key: key.into(),
            source: source.into(),
        }
    }

    #[test]
    fn the_manifest_reads_back_what_it_wrote() {
        let mut m = Manifest::default();
        m.urls.insert(
            "/fi/a/".into(),
            entry(Kind::Page, "s/a", "content/s/a.fi.md"),
        );
        m.urls.insert(
            "/fi/b/".into(),
            entry(Kind::Alias, "s/a", "content/s/a.fi.md"),
        );
        assert_eq!(Manifest::parse(&m.to_text()), m);
        assert_eq!(Manifest::parse("junk\n"), Manifest::default());
    }

    #[test]
    fn a_renamed_page_vanishes_with_its_new_url_and_a_draft_does_not() {
        let mut before = Manifest::default();
        before.urls.insert(
            "/fi/vanha/".into(),
            entry(Kind::Page, "s/a", "content/s/a.fi.md"),
        );
        before.urls.insert(
            "/fi/luonnos/".into(),
            entry(Kind::Draft, "s/d", "content/s/d.fi.md"),
        );
        before.urls.insert(
            "/fi/poistettu/".into(),
            entry(Kind::Page, "s/x", "content/s/x.fi.md"),
        );
        let mut now = Manifest::default();
        now.urls.insert(
            "/fi/uusi/".into(),
            entry(Kind::Page, "s/a", "content/s/a.fi.md"),
        );
        let gone = before.vanished(&now);
        assert_eq!(
            gone,
            vec![
                Vanished {
                    url: "/fi/poistettu/".into(),
                    source: "content/s/x.fi.md".into(),
                    now_at: None,
                },
                Vanished {
                    url: "/fi/vanha/".into(),
                    source: "content/s/a.fi.md".into(),
                    now_at: Some("/fi/uusi/".into()),
                },
            ]
        );
    }
}

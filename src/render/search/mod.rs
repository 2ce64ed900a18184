//! The static search of each language: a chunked inverted index built at build time from what
//! each page shows (the text of its `<main>`, its title and description), which the search
//! page (`templates/search/`) queries without a server.
//!
//! Files per language, under [`dir`] (names made only here and in `search.js`):
//! - `meta.json`: `{"docs": N, "chunks": C, "group": G, "prefix": P}`;
//! - `t/<n>.json`, `n < C`: the terms whose first [`normalise::PREFIX`] letters hash to `n`
//!   ([`normalise::chunk_of`]): `{term: {surface: [doc, score, doc, score, …]}}`, where the
//!   surface is the word as written (lower-case), `~` a place name's form in another case or
//!   language (from Fluent) and `+` the last part of a compound. A query downloads only the
//!   chunks of its terms, so its bytes do not grow with the site;
//! - `d/<g>.json`: docs `g·G … g·G+G-1`, each `[url, title, section, description]`.
//!
//! A score is the term's BM25 weight in the page (×10, rounded) plus 30 when the title holds
//! it; the browser multiplies it by the term's rarity (idf) and by 1.5 for the exact surface.

pub mod normalise;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use crate::i18n::bundles::Bundles;
use crate::i18n::localize::{LPage, Localized};

/// The folder of a language's search files, relative to the output root: `search/fi/`.
pub use crate::outputs::search_dir as dir;

/// The entry file of a language's search, `search/fi/meta.json` (what the search page names;
/// the other files are fetched relative to it).
pub use crate::outputs::search_index as path;

/// Docs per `d/<g>.json` file: a result list of ten fetches at most ten small files.
const GROUP: u32 = 16;

/// Pages per chunk, on average: at 10,000 pages a one-word query loads about 1/1,250 of the
/// terms.
const DOCS_PER_CHUNK: u32 = 8;

/// The text of an HTML fragment: tags dropped (each one a word break), the few entities
/// pulldown-cmark and Tera write decoded (one pass: pages are read at every build).
pub fn text_of(html: &str) -> String {
    const ENTITIES: [(&str, char); 7] = [
        ("&quot;", '"'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
        ("&nbsp;", ' '),
        ("&amp;", '&'),
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        text.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            text.push(' ');
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
        } else if let Some((entity, c)) = ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            text.push(*c);
            rest = &rest[entity.len()..];
        } else {
            text.push('&');
            rest = &rest[1..];
        }
    }
    text.push_str(rest);
    text
}

/// What a visitor sees of a page as its content: the inside of its `<main>` element (the
/// header, navigation and footer left out), or the whole page when it has none.
pub fn main_of(html: &str) -> &str {
    let Some(start) = html.find("<main") else {
        return html;
    };
    let inner = html[start..].find('>').map_or(start, |i| start + i + 1);
    let end = html
        .rfind("</main>")
        .filter(|e| *e >= inner)
        .unwrap_or(html.len());
    &html[inner..end]
}

/// Whether `page` is in its language's index: every real page (pending notices and search
/// pages left out).
fn is_indexed(page: &LPage) -> bool {
    page.pending.is_none() && page.section.as_deref() != Some("search")
}

/// Every form of every city name (each case, each language, from Fluent's `city-<id>`
/// messages): a word of a form → the words of all forms of that city.
#[derive(Default)]
struct PlaceNames {
    /// Folded word → city number.
    city_of: HashMap<String, usize>,
    /// Per city: the words (lower-case, not folded) of all its forms.
    forms: Vec<Vec<String>>,
}

impl PlaceNames {
    fn new(bundles: &Bundles) -> Self {
        let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let at = crate::diagnostic::Location::file(std::path::Path::new("i18n"));
        for (lang, bundle) in &bundles.by_lang {
            for (key, info) in &bundle.messages {
                let Some(id) = key.strip_prefix("city-") else {
                    continue;
                };
                let cases =
                    std::iter::once("nominative").chain(info.variants.iter().map(String::as_str));
                for case in cases {
                    if let Ok(name) = bundles.city(lang, id, Some(case), &at) {
                        by_id
                            .entry(id.to_string())
                            .or_default()
                            .extend(normalise::words(&name));
                    }
                }
            }
        }
        let mut names = PlaceNames::default();
        for (n, (_, mut words)) in by_id.into_iter().enumerate() {
            words.sort();
            words.dedup();
            for w in &words {
                // Short words ("s", "t" of S:t Michel) name no city alone.
                if w.chars().count() >= 3 {
                    names.city_of.insert(normalise::fold(w), n);
                }
            }
            names.forms.push(words);
        }
        names
    }
}

/// One page's occurrences of a word: in the title, and in the description and main text.
#[derive(Clone, Copy)]
struct Posting {
    doc: u32,
    title: u32,
    body: u32,
}

/// One page's words, counted (outside any lock).
struct Counted<'t> {
    doc: u32,
    /// Words in its title and body.
    length: u32,
    words: FastMap<std::borrow::Cow<'t, str>, Posting>,
}

/// A fast hash for short words (FNV-1a, 64 bits): the index hashes every word of every page,
/// and SipHash's protection against chosen keys is not needed for the site's own text.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Counts the words of page `doc`: `title`, and `body` (description, main text).
fn count<'t>(doc: u32, title: &'t str, body: [&'t str; 2]) -> Counted<'t> {
    let mut words: FastMap<std::borrow::Cow<'t, str>, Posting> = FastMap::default();
    let mut length = 0;
    for (text, in_title) in [(title, true), (body[0], false), (body[1], false)] {
        for w in normalise::words_borrowed(text) {
            length += 1;
            let p = words.entry(w).or_insert(Posting {
                doc,
                title: 0,
                body: 0,
            });
            if in_title {
                p.title += 1;
            } else {
                p.body += 1;
            }
        }
    }
    Counted { doc, length, words }
}

/// One language's index while pages are added: postings per word as written.
struct Index {
    lang: String,
    /// Word (lower-case) → its postings, in the order pages came.
    words: FastMap<String, Vec<Posting>>,
    /// Per doc: words in its title and body.
    lengths: Vec<u32>,
}

impl Index {
    fn new(lang: &str, docs: usize) -> Self {
        Index {
            lang: lang.to_string(),
            words: FastMap::default(),
            lengths: vec![0; docs],
        }
    }

    /// Adds one page's counted words.
    fn add(&mut self, counted: Counted<'_>) {
        if let Some(l) = self.lengths.get_mut(counted.doc as usize) {
            *l = counted.length;
        }
        for (w, p) in counted.words {
            match self.words.get_mut(w.as_ref()) {
                Some(list) => list.push(p),
                None => {
                    self.words.insert(w.into_owned(), vec![p]);
                }
            }
        }
    }

    /// The chunks: `chunks` JSON objects, `{term: {surface: [doc, score, …]}}`.
    fn chunks(&self, places: &PlaceNames, chunks: u32) -> Vec<Vec<u8>> {
        let lang = self.lang.as_str();
        let terms: HashMap<&str, Vec<String>> = self
            .words
            .keys()
            .map(|w| (w.as_str(), normalise::terms(lang, w)))
            .collect();
        let vocabulary: HashSet<&str> = terms
            .values()
            .flatten()
            .filter(|t| t.chars().count() >= 5)
            .map(String::as_str)
            .collect();
        let docs = self.lengths.len().max(1) as f64;
        let average = (self.lengths.iter().map(|l| f64::from(*l)).sum::<f64>() / docs).max(1.0);
        let score = |p: &Posting| -> u32 {
            // BM25's term weight (k1 = 1.2, b = 0.75), then a flat bonus for the title.
            let tf = f64::from(p.title + p.body);
            let length = f64::from(self.lengths.get(p.doc as usize).copied().unwrap_or(1));
            let weight = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average));
            let title = if p.title > 0 { 30 } else { 0 };
            ((weight * 10.0).round() as u32).max(1) + title
        };
        // Per city: the terms of all its forms, in this language.
        let city_terms: Vec<Vec<String>> = places
            .forms
            .iter()
            .map(|forms| {
                let mut t: Vec<String> = forms
                    .iter()
                    .flat_map(|f| normalise::terms(lang, f))
                    .collect();
                t.sort();
                t.dedup();
                t
            })
            .collect();
        // term → (surface, doc, score), sorted and written per chunk below.
        let mut index: FastMap<&str, Vec<(&str, u32, u32)>> = FastMap::default();
        for (word, postings) in &self.words {
            let own = &terms[word.as_str()];
            let aliases: Vec<&str> = places
                .city_of
                .get(&normalise::fold(word))
                .map(|&c| {
                    city_terms[c]
                        .iter()
                        .filter(|t| !own.contains(t))
                        .map(String::as_str)
                        .collect()
                })
                .unwrap_or_default();
            let parts: Vec<&str> = own
                .iter()
                .filter_map(|t| compound_part(t, &vocabulary))
                .filter(|p| !own.iter().any(|t| t == p))
                .collect();
            let scored: Vec<(u32, u32)> = postings.iter().map(|p| (p.doc, score(p))).collect();
            let derived = aliases
                .iter()
                .map(|a| (*a, "~"))
                .chain(parts.iter().map(|p| (*p, "+")));
            let plain = own.iter().map(|t| (t.as_str(), word.as_str()));
            for (term, surface) in derived.chain(plain) {
                let list = index.entry(term).or_default();
                list.extend(scored.iter().map(|&(d, s)| (surface, d, s)));
            }
        }
        let mut out: Vec<Vec<(&str, Vec<(&str, u32, u32)>)>> =
            (0..chunks).map(|_| Vec::new()).collect();
        for (term, list) in index {
            out[normalise::chunk_of(term, chunks) as usize].push((term, list));
        }
        out.into_par_iter()
            .map(|mut terms| {
                terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
                write_chunk(terms)
            })
            .collect()
    }
}

/// Writes one chunk: `{term: {surface: [doc, score, …], …}, …}`, terms in order, each
/// surface's docs in order (a doc's best score where a surface came twice).
fn write_chunk(terms: Vec<(&str, Vec<(&str, u32, u32)>)>) -> Vec<u8> {
    let mut out = Vec::new();
    let json = |out: &mut Vec<u8>, s: &str| {
        let _ = serde_json::to_writer(&mut *out, s);
    };
    out.push(b'{');
    for (n, (term, mut list)) in terms.into_iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        json(&mut out, term);
        out.extend_from_slice(b":{");
        // Best score first within a (surface, doc), then keep that one.
        list.sort_unstable_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
        list.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
        let mut i = 0;
        while i < list.len() {
            let surface = list[i].0;
            if i > 0 {
                out.push(b',');
            }
            json(&mut out, surface);
            out.extend_from_slice(b":[");
            let mut first = true;
            while i < list.len() && list[i].0 == surface {
                if !first {
                    out.push(b',');
                }
                first = false;
                let _ = write!(out, "{},{}", list[i].1, list[i].2);
                i += 1;
            }
            out.push(b']');
        }
        out.push(b'}');
    }
    out.push(b'}');
    out
}

/// The last part of a compound term that is itself a term of the site (`asetamispaatos` →
/// `paatos`, `ekosysteemisopimus` → `sopimus`): the longest such part of at least five
/// letters, after at least three.
fn compound_part<'v>(term: &str, vocabulary: &HashSet<&'v str>) -> Option<&'v str> {
    let chars: Vec<(usize, char)> = term.char_indices().collect();
    if chars.len() < 8 {
        return None;
    }
    (3..=chars.len() - 5)
        .map(|i| &term[chars[i].0..])
        .find_map(|part| vocabulary.get(part).copied())
}

/// The search files of a site, filled page by page from any thread and in any order (as
/// pages are rendered), then made language by language.
pub struct Indexes<'a> {
    site: &'a Localized,
    places: PlaceNames,
    /// Per page: its language's slot in `site.languages` and its doc number there (pages of a
    /// language numbered from 0 in page order), or `None` when it is not indexed.
    docs: Vec<Option<(usize, u32)>>,
    /// Per language: how many docs.
    counts: Vec<u32>,
    /// Per language: the index being built.
    building: Vec<Mutex<Index>>,
    /// Per language: the chunks, made once every page was added.
    made: Vec<OnceLock<Vec<Vec<u8>>>>,
    /// Time spent making chunks, in nanoseconds.
    chunk_nanos: AtomicU64,
}

/// One search file: its path (relative to the output root) and bytes.
pub struct SearchFile {
    /// Path under the output root.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl<'a> Indexes<'a> {
    /// Empty indexes for every language of `site`; place names from `bundles`.
    pub fn new(site: &'a Localized, bundles: &Bundles) -> Self {
        let mut counts = vec![0u32; site.languages.len()];
        let docs = site
            .pages
            .iter()
            .map(|page| {
                let slot = site.languages.iter().position(|l| *l == page.lang)?;
                if !is_indexed(page) {
                    return None;
                }
                let id = counts[slot];
                counts[slot] += 1;
                Some((slot, id))
            })
            .collect();
        let building = site
            .languages
            .iter()
            .zip(&counts)
            .map(|(lang, n)| Mutex::new(Index::new(lang, *n as usize)))
            .collect();
        Indexes {
            site,
            places: PlaceNames::new(bundles),
            docs,
            made: site.languages.iter().map(|_| OnceLock::new()).collect(),
            counts,
            building,
            chunk_nanos: AtomicU64::new(0),
        }
    }

    /// The time spent making the chunks so far (see [`Indexes::file`]).
    pub fn chunk_time(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.chunk_nanos.load(Ordering::Relaxed))
    }

    /// Adds page `i` (of `site.pages`), rendered as `html`, if its language's index holds it:
    /// its title, and its description and main content as one text.
    pub fn add(&self, i: usize, html: &[u8]) {
        let Some(Some((slot, id))) = self.docs.get(i) else {
            return;
        };
        let page = &self.site.pages[i];
        let html = String::from_utf8_lossy(html);
        let main = text_of(main_of(&html));
        let description = page.description.as_deref().unwrap_or("");
        let counted = count(*id, &page.title, [description, &main]);
        if let Ok(mut index) = self.building[*slot].lock() {
            index.add(counted);
        }
    }

    fn chunks_count(&self, slot: usize) -> u32 {
        (self.counts[slot] / DOCS_PER_CHUNK).clamp(1, 4096)
    }

    /// The paths of every search file of the site, known before any page is added.
    pub fn paths(&self) -> Vec<String> {
        let mut paths = Vec::new();
        for (slot, lang) in self.site.languages.iter().enumerate() {
            let dir = dir(lang);
            paths.push(path(lang));
            paths.extend((0..self.chunks_count(slot)).map(|n| format!("{dir}t/{n}.json")));
            let groups = self.counts[slot].div_ceil(GROUP);
            paths.extend((0..groups).map(|g| format!("{dir}d/{g}.json")));
        }
        paths
    }

    /// The bytes of search file `path` (one of [`Indexes::paths`]), once every page was
    /// added; `None` for any other path.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        let rest = path.strip_prefix("search/")?;
        let (lang, name) = rest.split_once('/')?;
        let slot = self.site.languages.iter().position(|l| l == lang)?;
        if name == "meta.json" {
            let meta = serde_json::json!({
                "docs": self.counts[slot],
                "chunks": self.chunks_count(slot),
                "group": GROUP,
                "prefix": normalise::PREFIX,
            });
            return Some(meta.to_string().into_bytes());
        }
        let number = |p: &str| -> Option<u32> { p.strip_suffix(".json")?.parse().ok() };
        if let Some(n) = name.strip_prefix("t/").and_then(number) {
            let chunks = self.made[slot].get_or_init(|| {
                let t = std::time::Instant::now();
                let made = match self.building[slot].lock() {
                    Ok(index) => index.chunks(&self.places, self.chunks_count(slot)),
                    Err(_) => Vec::new(),
                };
                // The postings are no longer needed.
                if let Ok(mut index) = self.building[slot].lock() {
                    index.words = FastMap::default();
                }
                let nanos = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
                self.chunk_nanos.fetch_add(nanos, Ordering::Relaxed);
                made
            });
            return chunks.get(n as usize).cloned();
        }
        let g = name.strip_prefix("d/").and_then(number)?;
        Some(self.docs_file(slot, g))
    }

    /// `d/<g>.json`: `[[url, title, section title, description], …]`.
    fn docs_file(&self, slot: usize, g: u32) -> Vec<u8> {
        let lang = &self.site.languages[slot];
        let range = g * GROUP..(g + 1) * GROUP;
        let docs: Vec<[&str; 4]> = self
            .site
            .pages
            .iter()
            .zip(&self.docs)
            .filter(|(_, d)| d.is_some_and(|(s, id)| s == slot && range.contains(&id)))
            .map(|(page, _)| {
                let section = page
                    .section
                    .as_deref()
                    .and_then(|s| self.site.get(s, lang))
                    .map_or("", |s| s.title.as_str());
                [
                    page.url.as_str(),
                    page.title.as_str(),
                    section,
                    page.description.as_deref().unwrap_or(""),
                ]
            })
            .collect();
        serde_json::to_vec(&docs).unwrap_or_default()
    }

    /// Every search file, once every page was added.
    pub fn files(&self) -> Vec<SearchFile> {
        self.paths()
            .into_par_iter()
            .filter_map(|path| {
                let bytes = self.file(&path)?;
                Some(SearchFile { path, bytes })
            })
            .collect()
    }
}

/// Every search file of `site`, from the rendered HTML of each page (`html_of(i)` for page
/// `i` of `site.pages`, `None` when it is not at hand: the page is then left out).
pub fn render(
    site: &Localized,
    bundles: &Bundles,
    html_of: &(dyn Fn(usize) -> Option<Vec<u8>> + Sync),
) -> Vec<SearchFile> {
    let indexes = Indexes::new(site, bundles);
    (0..site.pages.len()).into_par_iter().for_each(|i| {
        if indexes.docs[i].is_some()
            && let Some(html) = html_of(i)
        {
            indexes.add(i, &html);
        }
    });
    indexes.files()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_content_leaves_out_header_and_footer() {
        let html = "<header><nav>Valikko</nav></header><main id=\"main\" class=\"wrap\">\
                    <h1>Oulu</h1><p>Pohjois-Pohjanmaa &amp; muut</p></main><footer>Alatunniste</footer>";
        let text = text_of(main_of(html));
        assert!(
            text.contains("Oulu") && text.contains("Pohjois-Pohjanmaa & muut"),
            "{text}"
        );
        assert!(
            !text.contains("Valikko") && !text.contains("Alatunniste"),
            "{text}"
        );
    }

    #[test]
    fn a_compound_gives_its_last_part_when_that_is_a_word_of_the_site() {
        let vocabulary: HashSet<&str> = ["paatos", "sopimus"].into_iter().collect();
        let term = &normalise::terms("fi", "asettamispäätöksen")[0];
        assert_eq!(compound_part(term, &vocabulary), Some("paatos"));
        assert_eq!(compound_part("kaupunki", &vocabulary), None);
    }
}

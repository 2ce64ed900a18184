//! The static search of each language: a chunked inverted index built at build time from what
//! each page shows (the text of its `<main>`, its title and description), which the search
//! page (`templates/search/`) queries without a server.
//!
//! Files per language, under [`dir`] (names made only here and in `engine.js`):
//! - `meta.json`, the entry file, under a stable name (the search page names it; it is the one
//!   search file to revalidate): `{"docs": N, "chunks": C, "group": G, "prefix": P,
//!   "sections": [[id, title], …], "runs": [section, docs, …], "t": [hash, …], "d": [hash, …]}`
//!   (each doc's section as runs, for the section filter; the hash of each chunk and doc group);
//! - `t/<n>.<hash>.json`, `n < C`: the terms whose first [`normalise::PREFIX`] letters hash to
//!   `n` ([`normalise::chunk_of`]): `{term: {surface: [doc, score, doc, score, …]}}`, where the
//!   surface is the word as written (lower-case), `~` a place name's form in another case or
//!   language (from Fluent) and `+` a part of a word (the last part of a compound, a run of
//!   letters or digits of a code). A query downloads only the chunks of its terms, so its bytes
//!   do not grow with the site;
//! - `d/<g>.<hash>.json`: docs `g·G … g·G+G-1`, each `[url, title, section, description]`.
//!
//! The hash is of the file's bytes ([`crate::render::hashed_name`]): a file keeps its name
//! while its content does not change, so a server may cache it for a year.
//!
//! A score is the term's BM25 weight in the page (×10, rounded) plus 30 when the title holds
//! it; the browser multiplies it by the term's rarity (idf) and by 1.5 for the exact surface.

mod kept;
pub mod normalise;

pub use kept::KeptIndexes;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use super::OutputFile;
use crate::i18n::bundles::Bundles;
use crate::i18n::localize::{Facts, LPage, Localized};

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

/// [`main_of`] on bytes, found with `memchr`'s fast substring search: a page is searched
/// for its `<main>` at every build.
fn main_bytes(html: &[u8]) -> &[u8] {
    let Some(start) = memchr::memmem::find(html, b"<main") else {
        return html;
    };
    let inner = memchr::memchr(b'>', &html[start..]).map_or(start, |i| start + i + 1);
    let end = memchr::memmem::rfind(html, b"</main>")
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
#[derive(Default, Clone, PartialEq)]
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

/// A word's postings in one part of an index: per page, its doc number and its occurrences in
/// the title and in the rest, each an LEB128 number (about five bytes a posting where the
/// struct takes twelve: at 100,000 pages the postings are the largest thing a build holds at
/// its end).
#[derive(Default)]
struct Postings(Vec<u8>);

impl Postings {
    fn push(&mut self, p: Posting) {
        for mut n in [p.doc, p.title, p.body] {
            while n >= 0x80 {
                self.0.push((n as u8) | 0x80);
                n >>= 7;
            }
            self.0.push(n as u8);
        }
    }

    /// How many postings: each ends with the last byte of its third number.
    fn len(&self) -> usize {
        self.0.iter().filter(|b| **b < 0x80).count() / 3
    }

    fn iter(&self) -> impl Iterator<Item = Posting> + '_ {
        let mut bytes = self.0.iter();
        let mut number = move || -> Option<u32> {
            let (mut n, mut shift) = (0u32, 0);
            loop {
                let b = *bytes.next()?;
                n |= u32::from(b & 0x7f) << shift;
                if b < 0x80 {
                    return Some(n);
                }
                shift += 7;
            }
        };
        std::iter::from_fn(move || {
            Some(Posting {
                doc: number()?,
                title: number()?,
                body: number()?,
            })
        })
    }
}

/// Maps and sets keyed by the site's own words: `rustc-hash`'s hash, several times faster than
/// SipHash on short keys (the index hashes every word of every page), whose protection against
/// chosen keys is not needed here.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
type FastSet<K> = rustc_hash::FxHashSet<K>;

/// Calls `f` with each word of an HTML fragment, lower-cased, and where it starts and ends in
/// `html`: the words of
/// [`normalise::words`]`(`[`text_of`]`(html))`, read straight from the HTML (no text copy):
/// tags and the entities `text_of` decodes are word breaks, as the characters they stand
/// for are.
fn each_word_of_html<'h>(
    html: &'h str,
    mut f: impl FnMut(std::borrow::Cow<'h, str>, usize, usize),
) {
    const ENTITIES: [&str; 7] = [
        "&quot;", "&lt;", "&gt;", "&#39;", "&#x27;", "&nbsp;", "&amp;",
    ];
    let bytes = html.as_bytes();
    let mut word: Option<usize> = None;
    let mut upper = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (letter, lowers, width) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), b.is_ascii_uppercase(), 1)
        } else if b == 0xC3
            && let Some(&second) = bytes.get(i + 1)
        {
            // À–ÿ (ä, ö, å, é…), the commonest letters past ASCII here: known without the
            // Unicode tables.
            let (letter, lowers) = latin1_letter(second);
            (letter, lowers, 2)
        } else {
            let c = html[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), normalise::lowers(c), c.len_utf8())
        };
        if letter {
            if word.is_none() {
                word = Some(i);
                upper = false;
            }
            upper |= lowers;
            i += width;
            continue;
        }
        if let Some(start) = word.take() {
            f(lowered(&html[start..i], upper), start, i);
        }
        i += match b {
            b'<' => memchr::memchr(b'>', &bytes[i..]).map_or(bytes.len() - i, |e| e + 1),
            b'&' => ENTITIES
                .iter()
                .find(|e| html[i..].starts_with(**e))
                .map_or(1, |e| e.len()),
            _ => width,
        };
    }
    if let Some(start) = word {
        f(lowered(&html[start..], upper), start, html.len());
    }
}

/// Of the character U+00C0 + (`second` − 0x80), written `0xC3 second` in UTF-8: whether it
/// is a letter (all but `×` and `÷`) and whether lower-casing changes it (`À`–`Þ`).
fn latin1_letter(second: u8) -> (bool, bool) {
    let sign = second == 0x97 || second == 0xB7;
    (!sign, !sign && second < 0x9F)
}

/// `w`, lower-cased when `upper` (it holds a letter that lower-casing changes).
fn lowered(w: &str, upper: bool) -> std::borrow::Cow<'_, str> {
    if upper {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// Part of one language's index while pages are added: the postings of the pages one worker
/// thread added, per word as written. Each thread fills its own, so adding never waits on
/// another thread; [`make_chunks`] joins them once every page was added.
#[derive(Default)]
struct Index {
    /// Word (lower-case) → its postings.
    words: FastMap<String, Postings>,
}

impl Index {
    /// Adds the words of page `doc`.
    fn add(&mut self, doc: u32, words: &DocWords) {
        put_in(&mut self.words, doc, words);
    }
}

/// Puts the words of doc `doc` into the postings `words`.
fn put_in(words: &mut FastMap<String, Postings>, doc: u32, new: &DocWords) {
    for (w, title, body) in new.each() {
        let posting = Posting { doc, title, body };
        match words.get_mut(w) {
            Some(list) => list.push(posting),
            None => {
                let mut list = Postings::default();
                list.push(posting);
                words.insert(w.to_string(), list);
            }
        }
    }
}

/// Each word of the worker threads' `parts` once, with its postings from every part (moved,
/// not copied).
fn taken_words(mut parts: Vec<FastMap<String, Postings>>) -> Vec<(String, Vec<Postings>)> {
    // The largest first: most words are then found in it, looked up in the others once.
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut lists = Vec::new();
    for k in 0..parts.len() {
        let (done, rest) = parts.split_at_mut(k + 1);
        for (word, postings) in std::mem::take(&mut done[k]) {
            let mut all = vec![postings];
            all.extend(rest.iter_mut().filter_map(|p| p.remove(&word)));
            lists.push((word, all));
        }
    }
    lists
}

/// What a word gives its language's chunks besides its pages, from its folded form: its terms
/// ([`normalise::terms`]), the city it names, if any, and, of a word of letters and digits,
/// its runs of each (`tem077` → `tem`, `077`: a code's parts are typed alone too).
#[derive(Clone)]
struct Form {
    own: Vec<String>,
    city: Option<usize>,
    runs: Vec<String>,
}

impl Form {
    fn of(lang: &str, word: &str, places: &PlaceNames) -> Form {
        let folded = normalise::fold(word);
        Form {
            own: normalise::stems(lang, &folded),
            city: places.city_of.get(&folded).copied(),
            runs: letter_and_digit_runs(&folded),
        }
    }

    /// The own terms that count for compounds: those of at least five letters.
    fn vocabulary(&self) -> impl Iterator<Item = &str> {
        self.own
            .iter()
            .filter(|t| t.chars().count() >= 5)
            .map(String::as_str)
    }
}

/// Per city, the terms of all its forms in language `lang`: each is another term of a word
/// that names the city (`~`).
fn city_terms(lang: &str, places: &PlaceNames) -> Vec<Vec<String>> {
    places
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
        .collect()
}

/// The terms `word` (of form `form`) is found under, each with its surface: the other
/// forms' terms of the city it names (`~`), the last part of a compound that `in_vocabulary`
/// knows and the runs of a code (`+`), and its own terms (the word as written).
fn entries<'w>(
    word: &'w str,
    form: &'w Form,
    city_terms: &'w [Vec<String>],
    in_vocabulary: &dyn Fn(&str) -> bool,
) -> Vec<(&'w str, &'w str)> {
    let own = &form.own;
    let aliases = form.city.iter().flat_map(|&c| {
        city_terms[c]
            .iter()
            .filter(|t| !own.contains(t))
            .map(|t| (t.as_str(), "~"))
    });
    let parts = own
        .iter()
        .filter_map(|t| compound_part(t, in_vocabulary))
        .chain(form.runs.iter().map(String::as_str))
        .filter(|p| !own.iter().any(|t| t == p))
        .map(|p| (p, "+"));
    let plain = own.iter().map(|t| (t.as_str(), word));
    aliases.chain(parts).chain(plain).collect()
}

/// BM25 against a language's doc lengths: what a posting scores.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scoring {
    /// The average doc length in words.
    average: f64,
}

impl Scoring {
    fn of(lengths: &[u32]) -> Scoring {
        let docs = lengths.len().max(1) as f64;
        let average = (lengths.iter().map(|l| f64::from(*l)).sum::<f64>() / docs).max(1.0);
        Scoring { average }
    }

    /// `(doc, score)`: BM25's term weight (k1 = 1.2, b = 0.75) ×10, then a flat bonus for the
    /// title.
    fn score(self, p: &Posting, lengths: &[u32]) -> (u32, u32) {
        self.score_at(p, lengths.get(p.doc as usize).copied().unwrap_or(1))
    }

    /// [`Scoring::score`] in a doc of `length` words.
    fn score_at(self, p: &Posting, length: u32) -> (u32, u32) {
        let tf = f64::from(p.title + p.body);
        let length = f64::from(length);
        let weight = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / self.average));
        let title = if p.title > 0 { 30 } else { 0 };
        (p.doc, ((weight * 10.0).round() as u32).max(1) + title)
    }

    /// The pages of `lists` (one word's postings), scored, in doc order.
    fn scored(self, lists: &[Postings], lengths: &[u32]) -> Vec<(u32, u32)> {
        let count = lists.iter().map(Postings::len).sum::<usize>();
        let mut scored = Vec::with_capacity(count);
        for list in lists {
            scored.extend(list.iter().map(|p| self.score(&p, lengths)));
        }
        scored.sort_unstable_by_key(|d| d.0);
        scored
    }
}

/// One word of a language's index with what the chunks need of it.
struct Word {
    /// As written (lower-case): the surface of its own terms.
    word: String,
    form: Form,
    /// Its pages, in doc order, each with the word's score there.
    scored: Vec<(u32, u32)>,
}

/// The chunks of one language from each of its words' postings (`words`) and its docs'
/// `lengths`: `chunks` JSON objects, `{term: {surface: [doc, score, …]}}`, each given to
/// `emit` with its [`crate::render::content_hash`] as it is made, in order (so only a few are
/// in memory). Taken postings are freed as each word's scored list is made, not held beside
/// them.
fn make_chunks<E>(
    lang: &str,
    words: Vec<(String, Vec<Postings>)>,
    lengths: &[u32],
    places: &PlaceNames,
    chunks: u32,
    emit: &mut dyn FnMut(Vec<u8>, String) -> Result<(), E>,
) -> Result<(), E> {
    let words = scored_words(lang, words, lengths, places);
    let vocabulary: FastSet<&str> = words.iter().flat_map(|w| w.form.vocabulary()).collect();
    let city_terms = city_terms(lang, places);
    // term → its surfaces, each with the scored pages of one word.
    let mut index: FastMap<&str, Sources<'_>> = FastMap::default();
    for w in &words {
        for (term, surface) in entries(&w.word, &w.form, &city_terms, &|t| vocabulary.contains(t)) {
            index
                .entry(term)
                .or_default()
                .push((surface, w.scored.as_slice()));
        }
    }
    hashed_in_order(in_chunks(index, chunks), write_chunk, emit)
}

/// The terms of `index` by chunk ([`normalise::chunk_of`] among `chunks`), each chunk's in
/// order: what [`write_chunk`] takes.
fn in_chunks<'w>(
    index: FastMap<&'w str, Sources<'w>>,
    chunks: u32,
) -> Vec<Vec<(&'w str, Sources<'w>)>> {
    let mut out: Vec<Vec<(&str, Sources<'_>)>> = (0..chunks).map(|_| Vec::new()).collect();
    for (term, sources) in index {
        out[normalise::chunk_of(term, chunks) as usize].push((term, sources));
    }
    for terms in &mut out {
        terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    }
    out
}

/// The file `make` makes of each of `inputs`, with its [`crate::render::content_hash`],
/// given to `emit` in order: made a few at a time side by side, so that only those are in
/// memory together.
fn hashed_in_order<I: Send, E>(
    inputs: Vec<I>,
    make: impl Fn(I) -> Vec<u8> + Sync,
    emit: &mut dyn FnMut(Vec<u8>, String) -> Result<(), E>,
) -> Result<(), E> {
    let batch = 4 * rayon::current_num_threads();
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() {
        let step: Vec<I> = inputs.by_ref().take(batch).collect();
        let made: Vec<(Vec<u8>, String)> = step
            .into_par_iter()
            .map(|input| {
                let bytes = make(input);
                let hash = crate::render::content_hash(&bytes);
                (bytes, hash)
            })
            .collect();
        for (bytes, hash) in made {
            emit(bytes, hash)?;
        }
    }
    Ok(())
}

/// Each of `words` with its pages scored, in doc order (taken postings are freed as each
/// word's list is made), and its [`Form`].
fn scored_words(
    lang: &str,
    words: Vec<(String, Vec<Postings>)>,
    lengths: &[u32],
    places: &PlaceNames,
) -> Vec<Word> {
    let scoring = Scoring::of(lengths);
    words
        .into_par_iter()
        .map(|(word, postings)| {
            let scored = scoring.scored(&postings, lengths);
            drop(postings);
            Word {
                form: Form::of(lang, &word, places),
                scored,
                word,
            }
        })
        .collect()
}

/// The runs of letters and of digits of a word that has both (`tem077` → `tem`, `077`), else
/// none.
fn letter_and_digit_runs(word: &str) -> Vec<String> {
    let digit = |c: char| c.is_ascii_digit();
    if !word.contains(digit) || word.chars().all(digit) {
        return Vec::new();
    }
    let mut runs: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in word.chars() {
        match runs.last_mut() {
            Some(run) if last == Some(digit(c)) => run.push(c),
            _ => runs.push(c.to_string()),
        }
        last = Some(digit(c));
    }
    runs
}

/// A term's surfaces, each with the scored pages (doc order) of one word.
type Sources<'w> = Vec<(&'w str, &'w [(u32, u32)])>;

/// Appends `n` in decimal.
fn push_number(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Writes one chunk: `{term: {surface: [doc, score, …], …}, …}`, terms in order, each
/// surface's docs in order (a doc's best score where a surface came twice).
fn write_chunk(terms: Vec<(&str, Sources<'_>)>) -> Vec<u8> {
    let mut out = Vec::new();
    let json = |out: &mut Vec<u8>, s: &str| {
        let _ = serde_json::to_writer(&mut *out, s);
    };
    let mut merged: Vec<(u32, u32)> = Vec::new();
    out.push(b'{');
    for (n, (term, mut sources)) in terms.into_iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        json(&mut out, term);
        out.extend_from_slice(b":{");
        // Stable: a surface's words keep their order, and the merge below sorts them anyway.
        sources.sort_by(|a, b| a.0.cmp(b.0));
        let mut i = 0;
        while i < sources.len() {
            let surface = sources[i].0;
            let run = sources[i..].iter().take_while(|s| s.0 == surface).count();
            // One word: its pages are already in order, once each. Several (a place name's
            // other forms, compounds sharing a part): merged, a doc's best score kept.
            let docs: &[(u32, u32)] = if run == 1 {
                sources[i].1
            } else {
                merged.clear();
                for s in &sources[i..i + run] {
                    merged.extend_from_slice(s.1);
                }
                merged.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                merged.dedup_by_key(|d| d.0);
                &merged
            };
            if i > 0 {
                out.push(b',');
            }
            json(&mut out, surface);
            out.extend_from_slice(b":[");
            // Room for the pairs at once (a long list grew the chunk by doubling, copying it).
            out.reserve(docs.len() * 12);
            for (k, (doc, score)) in docs.iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                push_number(&mut out, *doc);
                out.push(b',');
                push_number(&mut out, *score);
            }
            out.push(b']');
            i += run;
        }
        out.push(b'}');
    }
    out.push(b'}');
    out
}

/// The last part of a compound term that is itself a term of the site (`asetamispaatos` →
/// `paatos`, `ekosysteemisopimus` → `sopimus`): the longest such part of at least five
/// letters, after at least three, that `in_vocabulary` knows.
fn compound_part<'t>(term: &'t str, in_vocabulary: &dyn Fn(&str) -> bool) -> Option<&'t str> {
    let letters = term.chars().count();
    if letters < 8 {
        return None;
    }
    term.char_indices()
        .skip(3)
        .take(letters - 7)
        .map(|(i, _)| &term[i..])
        .find(|part| in_vocabulary(part))
}

/// What one page gives its language's index: each of its words (lower-case) once, with its
/// occurrences in the title and in the rest, and the page's length in words. The words are
/// one string (`text`), each a span of it: one allocation a page, not one a word.
pub struct DocWords {
    text: String,
    /// Per word: its start and end in `text`, and its occurrences in the title and the rest.
    words: Vec<(u32, u32, u32, u32)>,
    length: u32,
}

impl DocWords {
    /// Whether `other` holds the same words, each as often, and the same length.
    fn same_words(&self, other: &DocWords) -> bool {
        self.length == other.length
            && self.words.len() == other.words.len()
            && self.each().eq(other.each())
    }

    /// Each word with its occurrences in the title and in the rest.
    fn each(&self) -> impl Iterator<Item = (&str, u32, u32)> {
        self.words
            .iter()
            .map(|&(from, to, title, body)| (&self.text[from as usize..to as usize], title, body))
    }
}

/// A page's [`DocWords`] while its words are counted: `at` finds a word seen before.
struct Counting<'w> {
    words: DocWords,
    at: FastMap<std::borrow::Cow<'w, str>, usize>,
}

impl<'w> Counting<'w> {
    /// Counts one occurrence of `w`, in the title or not, a word of the page's length.
    fn count(&mut self, w: std::borrow::Cow<'w, str>, in_title: bool) {
        self.also(w, in_title);
        self.words.length += 1;
    }

    /// Counts one occurrence of `w` that is not a word more of the page's length (a number
    /// joined from digit groups the page also has alone).
    fn also(&mut self, w: std::borrow::Cow<'w, str>, in_title: bool) {
        let words = &mut self.words;
        let n = match self.at.get(w.as_ref()) {
            Some(&n) => n,
            None => {
                let from = u32::try_from(words.text.len()).unwrap_or(u32::MAX);
                words.text.push_str(&w);
                let to = u32::try_from(words.text.len()).unwrap_or(u32::MAX);
                words.words.push((from, to, 0, 0));
                self.at.insert(w, words.words.len() - 1);
                words.words.len() - 1
            }
        };
        if in_title {
            words.words[n].2 += 1;
        } else {
            words.words[n].3 += 1;
        }
    }
}

/// What a page gives its index besides its HTML, each text with whether it counts as title:
/// its title, for a news item its date (a news item is about its day: a search for
/// `23.5.2024` ranks the item above the listings that show the same date), its description.
fn own_texts(page: &LPage) -> [(&str, bool); 3] {
    let date = match page.facts.as_ref() {
        Facts::News { date, .. } => date.as_str(),
        _ => "",
    };
    [
        (&page.title, true),
        (date, true),
        (page.description.as_deref().unwrap_or(""), false),
    ]
}

/// The words of the pages a watcher read back from its output, kept from one rebuild to the
/// next, so that a rebuild does not read and split every page it did not render again. An
/// entry holds while the page's file (by the hash of its bytes on disk) and its title,
/// description and date, which give words too, are the same.
#[derive(Default)]
pub struct WordCache {
    pages: Mutex<HashMap<String, CachedWords>>,
}

struct CachedWords {
    file: crate::render::FileHash,
    meta: u64,
    words: std::sync::Arc<DocWords>,
}

impl WordCache {
    fn get(
        &self,
        path: &str,
        file: &crate::render::FileHash,
        meta: u64,
    ) -> Option<std::sync::Arc<DocWords>> {
        let pages = self.pages.lock().ok()?;
        let c = pages.get(path)?;
        (c.file == *file && c.meta == meta).then(|| std::sync::Arc::clone(&c.words))
    }

    fn put(
        &self,
        path: String,
        file: crate::render::FileHash,
        meta: u64,
        words: std::sync::Arc<DocWords>,
    ) {
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert(path, CachedWords { file, meta, words });
        }
    }

    /// Drops the entries of `paths` (pages that were removed).
    pub fn forget(&self, paths: &[String]) {
        if let Ok(mut pages) = self.pages.lock() {
            for p in paths {
                pages.remove(p);
            }
        }
    }
}

/// The search files of a site, filled page by page from any thread and in any order (as
/// pages are rendered), then made language by language.
pub struct Indexes<'a> {
    site: &'a Localized,
    places: PlaceNames,
    /// Per page: its language's slot in `site.languages` and its doc number there (pages of a
    /// language numbered from 0 in page order), or `None` when it is not indexed.
    docs: Vec<Option<(usize, u32)>>,
    /// Per language: its pages (indexes into `site.pages`) in doc order.
    members: Vec<Vec<usize>>,
    /// Per language, per worker thread (and one more for any other thread): the part of the
    /// index that thread built ([`Index`]).
    building: Vec<Vec<Mutex<Index>>>,
    /// Per language: per doc, its words in title and body.
    lengths: Vec<Vec<AtomicU32>>,
    /// Time spent making chunks and doc files, in nanoseconds.
    chunk_nanos: AtomicU64,
    /// Set when a watcher keeps the index between rebuilds ([`Indexes::keeping`]).
    keeping: Option<Keeping>,
}

/// What [`Indexes`] gathers for a kept index: per language, per doc, the words added; the
/// kept index takes them in when the files are made ([`kept::KeptLang::update`]).
struct Keeping {
    kept: std::sync::Arc<KeptIndexes>,
    /// Per language, per doc: the doc's words (`None`: left out), unset for a doc not added,
    /// whose words the kept index holds ([`Indexes::kept_holds`]).
    docs: Vec<Vec<std::sync::OnceLock<Option<std::sync::Arc<DocWords>>>>>,
    /// Per language, once asked: whether the kept index numbers its docs as these indexes do.
    holds: Vec<std::sync::OnceLock<bool>>,
}

impl<'a> Indexes<'a> {
    /// Empty indexes for every language of `site`; place names from `bundles`.
    pub fn new(site: &'a Localized, bundles: &Bundles) -> Self {
        let mut members: Vec<Vec<usize>> = site.languages.iter().map(|_| Vec::new()).collect();
        let docs = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, page)| {
                let slot = site.languages.iter().position(|l| *l == page.lang)?;
                if !is_indexed(page) {
                    return None;
                }
                let id = u32::try_from(members[slot].len()).unwrap_or(u32::MAX);
                members[slot].push(i);
                Some((slot, id))
            })
            .collect();
        let threads = rayon::current_num_threads() + 1;
        Indexes {
            site,
            places: PlaceNames::new(bundles),
            docs,
            building: members
                .iter()
                .map(|_| (0..threads).map(|_| Mutex::default()).collect())
                .collect(),
            lengths: members
                .iter()
                .map(|m| m.iter().map(|_| AtomicU32::new(0)).collect())
                .collect(),
            members,
            chunk_nanos: AtomicU64::new(0),
            keeping: None,
        }
    }

    /// These indexes made from `kept`, brought up to the pages added (a watcher's rebuild:
    /// only the docs whose words changed are taken out and put in again).
    pub fn keeping(mut self, kept: std::sync::Arc<KeptIndexes>) -> Self {
        let docs = self
            .members
            .iter()
            .map(|m| m.iter().map(|_| std::sync::OnceLock::new()).collect())
            .collect();
        let holds = self
            .members
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        self.keeping = Some(Keeping { kept, docs, holds });
        self
    }

    /// Whether the kept index ([`Indexes::keeping`]) of page `i`'s language holds the docs
    /// of that language as these indexes number them: then a page not added keeps the
    /// words the kept index has for it (a body edit adds only the pages it rendered).
    pub fn kept_holds(&self, i: usize) -> bool {
        let (Some(keeping), Some(Some((slot, _)))) = (&self.keeping, self.docs.get(i)) else {
            return false;
        };
        *keeping.holds[*slot].get_or_init(|| {
            let held = keeping.kept.lang(&self.site.languages[*slot]);
            let held = held
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            held.numbers(self.members[*slot].iter().map(|&i| &self.site.pages[i].url))
        })
    }

    /// The time spent making the chunks and doc files so far (see [`Indexes::files`]).
    pub fn chunk_time(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.chunk_nanos.load(Ordering::Relaxed))
    }

    /// Adds page `i` (of `site.pages`), rendered as `html`, if its language's index holds it:
    /// its title, and its description and main content as one text.
    pub fn add(&self, i: usize, html: &[u8]) {
        let Some(words) = self.words_of(i, html) else {
            return;
        };
        if self.keeping.is_some() {
            self.add_shared(i, std::sync::Arc::new(words));
        } else {
            self.add_words(i, &words);
        }
    }

    /// Adds page `i`, whose output file has the hash `file_of(its output path)`
    /// ([`WordCache`]), with its words from `cache` when they hold, else from the bytes `read`
    /// gives (which `cache` then keeps). Leaves the page out when `read` gives none.
    pub fn add_cached(
        &self,
        i: usize,
        cache: &WordCache,
        file_of: impl FnOnce(&str) -> Option<crate::render::FileHash>,
        read: impl FnOnce() -> Option<Vec<u8>>,
    ) {
        if !matches!(self.docs.get(i), Some(Some(_))) {
            return;
        }
        let path = crate::render::output_path(&self.site.base_path, &self.site.pages[i].url);
        let file = file_of(&path);
        let meta = self.meta(i);
        if let Some(words) = file.and_then(|f| cache.get(&path, &f, meta)) {
            self.add_shared(i, words);
            return;
        }
        let Some(words) = read().and_then(|html| self.words_of(i, &html)) else {
            self.left_out(i);
            return;
        };
        let words = std::sync::Arc::new(words);
        if let Some(file) = file {
            cache.put(path, file, meta, std::sync::Arc::clone(&words));
        }
        self.add_shared(i, words);
    }

    /// Adds page `i`'s `words`: kept for the kept index when there is one, else added.
    fn add_shared(&self, i: usize, words: std::sync::Arc<DocWords>) {
        match (&self.keeping, self.docs.get(i)) {
            (Some(keeping), Some(Some((slot, doc)))) => {
                let _ = keeping.docs[*slot][*doc as usize].set(Some(words));
            }
            (Some(_), _) => {}
            (None, _) => self.add_words(i, &words),
        }
    }

    /// Page `i` has no words (its output could not be read): a kept index holds none for it
    /// either, as a fresh index would not.
    fn left_out(&self, i: usize) {
        if let (Some(keeping), Some(Some((slot, doc)))) = (&self.keeping, self.docs.get(i)) {
            let _ = keeping.docs[*slot][*doc as usize].set(None);
        }
    }

    /// What page `i` gives its index besides its HTML: its title, description and date.
    fn meta(&self, i: usize) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(own_texts(&self.site.pages[i]))
    }

    /// The words of page `i` rendered as `html`, or `None` when its language's index leaves
    /// it out.
    fn words_of(&self, i: usize, html: &[u8]) -> Option<DocWords> {
        self.docs.get(i)?.as_ref()?;
        let page = &self.site.pages[i];
        // Only `<main>` is read, so only it is checked for UTF-8 (what we rendered always is).
        let main = main_bytes(html);
        let main = std::str::from_utf8(main).map_or_else(
            |_| String::from_utf8_lossy(main),
            std::borrow::Cow::Borrowed,
        );
        let mut words = Counting {
            words: DocWords {
                text: String::new(),
                words: Vec::new(),
                length: 0,
            },
            at: FastMap::default(),
        };
        for (text, in_title) in own_texts(page) {
            for w in normalise::words_borrowed(text) {
                words.count(w, in_title);
            }
        }
        // Digit groups written apart (a phone number, 0295 047 071) are also one word,
        // 0295047071, as a visitor may type it.
        let mut digits = String::new();
        let mut last = 0;
        let mut joined = Vec::new();
        each_word_of_html(&main, |w, start, end| {
            let number = w.bytes().all(|b| b.is_ascii_digit());
            let gap = &main[last..start];
            let apart = gap == "&nbsp;" || gap.chars().all(|c| c == ' ' || c == '\u{a0}');
            if number && !digits.is_empty() && start > last && apart && digits.len() < 12 {
                digits.push_str(&w);
                joined.push(digits.clone());
            } else {
                digits.clear();
                if number {
                    digits.push_str(&w);
                }
            }
            last = end;
            words.count(w, false);
        });
        for d in joined {
            words.also(std::borrow::Cow::Owned(d), false);
        }
        Some(words.words)
    }

    /// Adds the words of page `i` to this thread's part of its language's index.
    fn add_words(&self, i: usize, words: &DocWords) {
        let Some(Some((slot, doc))) = self.docs.get(i) else {
            return;
        };
        let (slot, doc) = (*slot, *doc);
        let parts = &self.building[slot];
        // This thread's part: no other thread takes its lock while pages are added.
        let mine =
            rayon::current_thread_index().map_or(parts.len() - 1, |t| t.min(parts.len() - 1));
        let Ok(mut index) = parts[mine].lock() else {
            return;
        };
        index.add(doc, words);
        self.lengths[slot][doc as usize].store(words.length, Ordering::Relaxed);
    }

    fn chunks_count(&self, slot: usize) -> u32 {
        (self.doc_count(slot) / DOCS_PER_CHUNK).clamp(1, 4096)
    }

    fn doc_count(&self, slot: usize) -> u32 {
        u32::try_from(self.members[slot].len()).unwrap_or(u32::MAX)
    }

    /// The chunks of language `slot`, once every page was added, each given to `emit` as
    /// it is made, with its [`crate::render::content_hash`].
    fn chunks<E>(
        &self,
        slot: usize,
        emit: &mut dyn FnMut(Vec<u8>, String) -> Result<(), E>,
    ) -> Result<(), E> {
        let lang = &self.site.languages[slot];
        if let Some(keeping) = &self.keeping {
            let held = keeping.kept.lang(lang);
            let mut held = held
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let urls = self.members[slot]
                .iter()
                .map(|&i| std::sync::Arc::clone(&self.site.pages[i].url))
                .collect();
            let docs = keeping.docs[slot]
                .iter()
                .map(|d| d.get().cloned())
                .collect();
            let lengths = held.update(urls, docs);
            let chunks = self.chunks_count(slot);
            return held
                .chunks(lang, &lengths, &self.places, chunks, emit)
                .map(|_| ());
        }
        {
            // The threads' parts are taken: the postings are not needed after this.
            let parts: Vec<Index> = self.building[slot]
                .iter()
                .map(|m| {
                    m.lock()
                        .map(|mut i| std::mem::take(&mut *i))
                        .unwrap_or_default()
                })
                .collect();
            let parts: Vec<FastMap<String, Postings>> =
                parts.into_iter().map(|p| p.words).collect();
            let lengths: Vec<u32> = self.lengths[slot]
                .iter()
                .map(|l| l.load(Ordering::Relaxed))
                .collect();
            make_chunks(
                lang,
                taken_words(parts),
                &lengths,
                &self.places,
                self.chunks_count(slot),
                emit,
            )
        }
    }

    /// The search files of language `slot`, once every page was added, each given to `emit`
    /// as it is made: the chunks and doc groups under content-hashed names, and last the entry
    /// file that lists them.
    fn files_of<E>(
        &self,
        slot: usize,
        emit: &mut dyn FnMut(OutputFile) -> Result<(), E>,
    ) -> Result<(), E> {
        let dir = dir(&self.site.languages[slot]);
        // Puts file `n` of `kind` under its content-hashed name; returns the hash, which the
        // entry file lists (`t/3.1a2b3c4d5e.json` → `1a2b3c4d5e`).
        // The chunks come with their hash, made beside them.
        let mut put = |kind: &str, n: usize, bytes: Vec<u8>, hash: String| -> Result<String, E> {
            let name = crate::render::named_with(&format!("{kind}/{n}.json"), &hash);
            emit(OutputFile {
                path: format!("{dir}{name}"),
                bytes,
            })?;
            Ok(hash)
        };
        let mut t_hashes = Vec::new();
        self.chunks(slot, &mut |bytes, hash| {
            t_hashes.push(put("t", t_hashes.len(), bytes, hash)?);
            Ok(())
        })?;
        let mut d_hashes = Vec::new();
        self.doc_groups(slot, &mut |bytes, hash| {
            d_hashes.push(put("d", d_hashes.len(), bytes, hash)?);
            Ok(())
        })?;
        let (sections, runs) = self.sections(slot);
        let meta = serde_json::json!({
            "docs": self.doc_count(slot),
            "chunks": self.chunks_count(slot),
            "group": GROUP,
            "prefix": normalise::PREFIX,
            "sections": sections,
            "runs": runs,
            "t": t_hashes,
            "d": d_hashes,
        });
        emit(OutputFile {
            path: path(&self.site.languages[slot]),
            bytes: meta.to_string().into_bytes(),
        })
    }

    /// The sections of language `slot`'s docs, for the search page's section filter:
    /// `[[id, title], …]` in the order their first doc comes (`["", ""]` for pages outside any
    /// section), and each doc's section as runs, `[section, docs, section, docs, …]`: pages of
    /// a section come together, so this stays a few numbers however many pages there are.
    fn sections(&self, slot: usize) -> (Vec<[&str; 2]>, Vec<u32>) {
        let lang = &self.site.languages[slot];
        let mut sections: Vec<[&str; 2]> = Vec::new();
        let mut runs: Vec<u32> = Vec::new();
        for &i in &self.members[slot] {
            let id = self.site.pages[i].section.as_deref().unwrap_or("");
            let n = match sections.iter().position(|s| s[0] == id) {
                Some(n) => n,
                None => {
                    let title = self.site.get(id, lang).map_or("", |s| &*s.title);
                    sections.push([id, if id.is_empty() { "" } else { title }]);
                    sections.len() - 1
                }
            };
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            match runs.len() {
                len if len >= 2 && runs[len - 2] == n => runs[len - 1] += 1,
                _ => runs.extend([n, 1]),
            }
        }
        (sections, runs)
    }

    /// The doc groups of language `slot` (`d/<g>.json`), each given to `emit` with its hash,
    /// in order, made side by side (a language of 10,000 pages has 625). A kept index makes
    /// again only the groups whose docs show otherwise than when it made them.
    fn doc_groups<E>(
        &self,
        slot: usize,
        emit: &mut dyn FnMut(Vec<u8>, String) -> Result<(), E>,
    ) -> Result<(), E> {
        let groups: Vec<u32> = (0..self.doc_count(slot).div_ceil(GROUP)).collect();
        let Some(keeping) = &self.keeping else {
            return hashed_in_order(groups, |g| self.docs_file(slot, g), emit);
        };
        let keys: Vec<u128> = groups
            .par_iter()
            .map(|&g| self.group_key(slot, g))
            .collect();
        let held = keeping.kept.lang(&self.site.languages[slot]);
        let mut held = held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        held.groups(
            keys,
            |g| {
                let bytes = self.docs_file(slot, g);
                let hash = crate::render::content_hash(&bytes);
                (bytes, hash)
            },
            emit,
        )
    }

    /// What doc group `g` of language `slot` shows of each of its docs: `[url, title, section
    /// title, description]`.
    fn group_docs(&self, slot: usize, g: u32) -> Vec<[&str; 4]> {
        let lang = &self.site.languages[slot];
        let members = &self.members[slot];
        let from = (g as usize * GROUP as usize).min(members.len());
        let to = (from + GROUP as usize).min(members.len());
        members[from..to]
            .iter()
            .map(|&i| {
                let page = &self.site.pages[i];
                let section = page
                    .section
                    .as_deref()
                    .and_then(|s| self.site.get(s, lang))
                    .map_or("", |s| &*s.title);
                [
                    page.url.as_ref(),
                    &page.title,
                    section,
                    page.description.as_deref().unwrap_or(""),
                ]
            })
            .collect()
    }

    /// `d/<g>.json`: `[[url, title, section title, description], …]`.
    fn docs_file(&self, slot: usize, g: u32) -> Vec<u8> {
        serde_json::to_vec(&self.group_docs(slot, g)).unwrap_or_default()
    }

    /// A 128-bit hash of what doc group `g` of language `slot` shows: equal keys, equal files.
    /// The fields are put in one buffer and hashed at once: a streaming hash of 40,000 short
    /// fields per language cost more than the buffer.
    fn group_key(&self, slot: usize, g: u32) -> u128 {
        let mut bytes = Vec::with_capacity(1024);
        for doc in self.group_docs(slot, g) {
            for field in doc {
                bytes.extend_from_slice(&(field.len() as u64).to_le_bytes());
                bytes.extend_from_slice(field.as_bytes());
            }
        }
        xxhash_rust::xxh3::xxh3_128(&bytes)
    }

    /// The search files of the languages `lang` holds for, once their pages were added
    /// (languages in parallel), each given to `emit` as it is made: a build writes each one
    /// and drops it, so the files of a large site are never in memory together. Stops at
    /// `emit`'s first error.
    pub fn each_file<E: Send>(
        &self,
        lang: &(dyn Fn(&str) -> bool + Sync),
        emit: &(dyn Fn(OutputFile) -> Result<(), E> + Sync),
    ) -> Result<(), E> {
        // Wall time: the languages run side by side, so their summed times would count the
        // same second twice.
        let t = std::time::Instant::now();
        let done = (0..self.site.languages.len())
            .into_par_iter()
            .filter(|&slot| lang(&self.site.languages[slot]))
            .try_for_each(|slot| self.files_of(slot, &mut |f| emit(f)));
        add_nanos(&self.chunk_nanos, t);
        done
    }

    /// The search files of the languages `lang` holds for, once their pages were added,
    /// sorted by path.
    pub fn files(&self, lang: &(dyn Fn(&str) -> bool + Sync)) -> Vec<OutputFile> {
        let files = Mutex::new(Vec::new());
        let done = self.each_file(lang, &|f| {
            files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(f);
            Ok::<(), std::convert::Infallible>(())
        });
        if let Err(never) = done {
            match never {}
        }
        let mut files = files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// Adds the time since `since` to `sum`, in nanoseconds.
fn add_nanos(sum: &AtomicU64, since: std::time::Instant) {
    let nanos = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
    sum.fetch_add(nanos, Ordering::Relaxed);
}

/// The search files of the languages of `site` that `lang` holds for, each indexed page of
/// them added by `add(indexes, i)` (with [`Indexes::add`] or [`Indexes::add_cached`]); the
/// other languages are left alone (a body edit changes one language's index).
pub fn render_langs(
    site: &Localized,
    bundles: &Bundles,
    kept: Option<&std::sync::Arc<KeptIndexes>>,
    lang: &(dyn Fn(&str) -> bool + Sync),
    add: &(dyn Fn(&Indexes<'_>, usize) + Sync),
) -> Vec<OutputFile> {
    let mut indexes = Indexes::new(site, bundles);
    if let Some(kept) = kept {
        indexes = indexes.keeping(std::sync::Arc::clone(kept));
    }
    (0..site.pages.len()).into_par_iter().for_each(|i| {
        if indexes.docs[i].is_some() && lang(&site.pages[i].lang) {
            add(&indexes, i);
        }
    });
    indexes.files(lang)
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
    fn words_read_from_html_are_the_words_of_its_text() {
        let html = "<header>Valikko</header><main id=\"main\">\n<h1 class=\"x\">Ÿksi KAKSI</h1>\
                    <p>Tom&amp;Jerry &lt;b&gt; a&nbsp;b &#39;c&#x27; &amp;lt; &#8212; &unknown; \
                    Åbo–Turku, TEM077:00/2023 <a href=\"/fi/\">Palosen</a>ǅemal\u{a0}Ab</p>\
                    </main><footer>Alatunniste</footer><main";
        for html in [html, "tail<b", "<main>x</main>y", "ei tageja"] {
            let mut read = Vec::new();
            each_word_of_html(main_of(html), |w, start, end| {
                assert_eq!(w.as_ref(), main_of(html)[start..end].to_lowercase());
                read.push(w.into_owned());
            });
            let expected: Vec<String> = normalise::words(&text_of(main_of(html))).collect();
            assert_eq!(read, expected, "{html}");
            assert_eq!(main_bytes(html.as_bytes()), main_of(html).as_bytes());
        }
    }

    #[test]
    fn latin1_letters_are_known_as_the_unicode_tables_know_them() {
        for c in '\u{C0}'..='\u{FF}' {
            let mut utf8 = [0; 2];
            c.encode_utf8(&mut utf8);
            assert_eq!(utf8[0], 0xC3);
            let known = latin1_letter(utf8[1]);
            assert_eq!(known, (c.is_alphanumeric(), normalise::lowers(c)), "{c}");
        }
    }

    #[test]
    fn a_compound_gives_its_last_part_when_that_is_a_word_of_the_site() {
        let vocabulary: FastSet<&str> = ["paatos", "sopimus"].into_iter().collect();
        let term = &normalise::terms("fi", "asettamispäätöksen")[0];
        let known = |t: &str| vocabulary.contains(t);
        assert_eq!(compound_part(term, &known), Some("paatos"));
        assert_eq!(compound_part("kaupunki", &known), None);
    }
}

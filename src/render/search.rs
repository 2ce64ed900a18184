//! A static search index per language, built with `elasticlunr-rs` (the index format of
//! elasticlunr.js, which the search page loads). Words are stemmed with the language's
//! Snowball stemmer, the same algorithm the browser applies to the query (lunr-languages), so
//! inflected forms meet: "städernas" and "stad" share the stem "stad".

use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use crate::i18n::localize::Localized;
use crate::markdown::Fragment;

/// The output path of a language's index, `search/fi.json`.
pub fn path(lang: &str) -> String {
    format!("search/{lang}.json")
}

/// What a result shows: the index stores no documents, only this.
#[derive(Serialize)]
struct Doc<'a> {
    url: &'a str,
    title: &'a str,
    description: &'a str,
}

/// The text of an HTML fragment: tags dropped, the few entities pulldown-cmark writes decoded.
pub fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Folds what Snowball leaves apart but a searcher means as one word, after stemming.
/// Finnish consonant gradation (kaupunki/kaupungin, kunta/kunnan, sota/sodan) and Swedish
/// umlaut plurals (stad/städer, land/länder). The search page applies the same folds
/// (`fold-fi`, `fold-sv` in templates/search/search.js) to the query: keep both in step.
pub fn fold(lang: &str, stem: &str) -> String {
    match lang {
        "fi" => stem
            .replace("ng", "nk")
            .replace("kk", "k")
            .replace("pp", "p")
            .replace("tt", "t")
            .replace("nn", "nt")
            .replace("mm", "mp")
            .replace('d', "t"),
        "sv" => stem.replace('ä', "a").replace('ö', "o"),
        _ => stem.to_string(),
    }
}

fn fold_fi(t: String) -> Option<String> {
    Some(fold("fi", &t))
}

fn fold_sv(t: String) -> Option<String> {
    Some(fold("sv", &t))
}

/// A language with its Snowball pipeline plus our fold step, named `fold-<lang>` in the index.
/// `prepared` keeps every step's name (the search page reads the names from the index and runs
/// the same steps on the query) but passes tokens through: they arrive already processed by
/// [`memoized_tokenizer`].
struct Folded {
    inner: Box<dyn elasticlunr::Language>,
    prepared: bool,
}

impl elasticlunr::Language for Folded {
    fn name(&self) -> String {
        self.inner.name()
    }
    fn code(&self) -> String {
        self.inner.code()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        self.inner.tokenize(text)
    }
    fn make_pipeline(&self) -> elasticlunr::Pipeline {
        let mut p = self.inner.make_pipeline();
        match self.inner.code().as_str() {
            "fi" => p.queue.push(Box::new(elasticlunr::pipeline::FnWrapper(
                "fold-fi".into(),
                fold_fi,
            ))),
            "sv" => p.queue.push(Box::new(elasticlunr::pipeline::FnWrapper(
                "fold-sv".into(),
                fold_sv,
            ))),
            _ => {}
        }
        if self.prepared {
            for step in &mut p.queue {
                *step = Box::new(elasticlunr::pipeline::FnWrapper(step.name(), Some));
            }
        }
        p
    }
}

/// The language's pipeline (trimmer, stop words, stemmer, fold), as the index uses it.
pub fn language(lang: &str) -> Box<dyn elasticlunr::Language> {
    folded(lang, false)
}

fn folded(lang: &str, prepared: bool) -> Box<dyn elasticlunr::Language> {
    let inner = elasticlunr::lang::from_code(lang)
        .unwrap_or_else(|| Box::new(elasticlunr::lang::English::new()));
    Box::new(Folded { inner, prepared })
}

/// Writes every term frequency (`"tf":1.4142135623730951`) with at most three decimals and no
/// `.0` (`"tf":1.414`, `"tf":1`): the same ranking to a reader, and about a fifth of the
/// index's bytes. Only keys are unquoted `"tf":`; inside a JSON string a quote is escaped.
pub fn compact_tf(json: &str) -> String {
    const KEY: &str = "\"tf\":";
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(i) = rest.find(KEY) {
        out.push_str(&rest[..i + KEY.len()]);
        rest = &rest[i + KEY.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+')))
            .unwrap_or(rest.len());
        match rest[..end].parse::<f64>() {
            Ok(tf) => {
                let s = format!("{tf:.3}");
                out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
            }
            Err(_) => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Tokenizes and runs `lang`'s whole pipeline (trimmer, stop words, Snowball, fold), once per
/// distinct word: a site repeats a few thousand words millions of times, and the pipeline was
/// most of the build time at 10,000 pages.
fn memoized_tokenizer(lang: &str) -> elasticlunr::TokenizerFn {
    let language = language(lang);
    let pipeline = language.make_pipeline();
    let seen: std::cell::RefCell<std::collections::HashMap<String, Option<String>>> =
        std::cell::RefCell::default();
    Box::new(move |text: &str| {
        let mut seen = seen.borrow_mut();
        language
            .tokenize(text)
            .into_iter()
            .filter_map(|raw| {
                seen.entry(raw)
                    .or_insert_with_key(|raw| pipeline.run(vec![raw.clone()]).pop())
                    .clone()
            })
            .collect()
    })
}

/// `v` as JSON (strings escaped as serde_json does, which is what elasticlunr uses).
fn json<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Writes one trie node of the inverted index: `{"docs":{ref:{"tf":…},…},"df":n,char:node,…}`.
/// Every term of `terms` (sorted) starts with the node's prefix, `depth` bytes long; the first
/// may be the prefix itself (the node's own postings, already in ref order).
fn write_node(
    out: &mut dyn Write,
    depth: usize,
    terms: &[(String, Vec<(u32, u32)>)],
    refs: &[String],
) -> std::io::Result<()> {
    let (own, rest) = match terms.first() {
        Some((t, p)) if t.len() == depth => (p.as_slice(), &terms[1..]),
        _ => (&[][..], terms),
    };
    out.write_all(b"{\"docs\":{")?;
    for (n, (id, count)) in own.iter().enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        // sqrt of the count, written as `compact_tf` writes it.
        let tf = format!("{:.3}", f64::from(*count).sqrt());
        let tf = tf.trim_end_matches('0').trim_end_matches('.');
        write!(out, "{}:{{\"tf\":{tf}}}", json(&refs[*id as usize]))?;
    }
    write!(out, "}},\"df\":{}", own.len())?;
    let mut i = 0;
    while i < rest.len() {
        let Some(c) = rest[i].0[depth..].chars().next() else {
            i += 1;
            continue;
        };
        let next = depth + c.len_utf8();
        let end = rest[i..]
            .iter()
            .position(|(t, _)| !t[depth..].starts_with(c))
            .map_or(rest.len(), |p| i + p);
        write!(out, ",{}:", json(c.encode_utf8(&mut [0; 4])))?;
        write_node(out, next, &rest[i..end], refs)?;
        i = end;
    }
    out.write_all(b"}")
}

/// Whether `page` is in its language's index: every real page (pending notices and search
/// pages left out).
fn is_indexed(page: &crate::i18n::localize::LPage) -> bool {
    page.pending.is_none() && page.section.as_deref() != Some("search")
}

/// The search indexes of a site, one per language, filled page by page from any thread and in
/// any order (as pages are rendered), then written out language by language.
///
/// Only the posting lists are held while the pages stream, never the pages' text: a few MB
/// per language at 10,000 pages, where the text of every page was tens of MB.
pub struct Indexes<'a> {
    site: &'a Localized,
    /// Per page: its language's slot in `site.languages` and its document number there (pages
    /// of a language numbered from 0 in page order), or `None` when it is not indexed.
    docs: Vec<Option<(usize, u32)>>,
    /// Per language: the index being built; taken by [`Indexes::write`].
    building: Vec<std::sync::Mutex<Option<Index>>>,
}

impl<'a> Indexes<'a> {
    /// Empty indexes for every language of `site`.
    pub fn new(site: &'a Localized) -> Self {
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
            .map(|(lang, n)| std::sync::Mutex::new(Some(Index::new(lang, *n as usize))))
            .collect();
        Indexes {
            site,
            docs,
            building,
        }
    }

    /// Adds page `i` (of `site.pages`) with the body `fragment`, if its language's index holds
    /// it: its title, and its description and prose as one text.
    pub fn add(&self, i: usize, fragment: Option<&Fragment>) {
        let Some(Some((slot, id))) = self.docs.get(i) else {
            return;
        };
        let page = &self.site.pages[i];
        let description = page.description.as_deref().unwrap_or("");
        let body = fragment.map_or_else(String::new, |f| text_of(&f.html));
        let text = format!("{description} {body}");
        let counted = count_terms(&page.lang, &page.title, &text);
        if let Ok(mut index) = self.building[*slot].lock()
            && let Some(index) = index.as_mut()
        {
            index.add(*id, counted);
        }
    }

    /// Writes the JSON of `lang`'s index to `out`, once every page of it was added:
    /// `{"index": the elasticlunr index (fields title, body; refs are numbers), "docs": ref →
    /// URL, title and description}`. Its working set is freed; a second call for the same
    /// language writes `{}`.
    pub fn write(&self, lang: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let slot = self.site.languages.iter().position(|l| l == lang);
        let index = slot.and_then(|s| self.building[s].lock().ok().and_then(|mut b| b.take()));
        let (Some(slot), Some(index)) = (slot, index) else {
            return out.write_all(b"{}");
        };
        out.write_all(b"{\"index\":")?;
        index.write(out)?;
        out.write_all(b",\"docs\":")?;
        // Refs are short numbers, not URLs: the index repeats a ref in every posting, so this
        // keeps the file small (see the size figures in the issue 8 note).
        let docs: BTreeMap<String, Doc> = self
            .site
            .pages
            .iter()
            .zip(&self.docs)
            .filter(|(_, d)| d.is_some_and(|(s, _)| s == slot))
            .enumerate()
            .map(|(i, (page, _))| {
                (
                    i.to_string(),
                    Doc {
                        url: &page.url,
                        title: &page.title,
                        description: page.description.as_deref().unwrap_or(""),
                    },
                )
            })
            .collect();
        serde_json::to_writer(&mut *out, &docs)?;
        out.write_all(b"}")
    }

    /// [`Indexes::write`] into a string.
    pub fn finish(&self, lang: &str) -> String {
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = self.write(lang, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// The index of each language of `langs`, in that order, over every real page of that
/// language (pending notices and search pages left out): title, description and prose.
/// Pages are added in parallel, as [`crate::build`] adds them while it writes.
///
/// The JSON is byte for byte what `elasticlunr-rs` writes for the same documents (a test
/// compares them), but built from flat posting lists instead of its in-memory trie of maps,
/// which held about 70 MB per language at 10,000 pages: the largest thing in a build.
pub fn render(site: &Localized, fragments: &[Option<Fragment>], langs: &[&str]) -> Vec<String> {
    let indexes = Indexes::new(site);
    site.pages
        .par_iter()
        .enumerate()
        .filter(|(_, page)| langs.contains(&page.lang.as_str()))
        .for_each(|(i, _)| indexes.add(i, fragments.get(i).and_then(Option::as_ref)));
    langs.par_iter().map(|lang| indexes.finish(lang)).collect()
}

thread_local! {
    /// Each thread's memoized pipeline per language (see [`memoized_tokenizer`]): pages are
    /// tokenized on the thread that renders them, without a lock.
    static TOKENIZERS: std::cell::RefCell<HashMap<String, elasticlunr::TokenizerFn>> =
        std::cell::RefCell::default();
}

/// A document's terms after `lang`'s pipeline: per field (title, body) the token count and
/// each indexed term with its occurrences.
struct Counted {
    fields: [(usize, HashMap<String, u32>); 2],
}

fn count_terms(lang: &str, title: &str, text: &str) -> Counted {
    TOKENIZERS.with(|t| {
        let mut t = t.borrow_mut();
        let tokenize = t
            .entry(lang.to_string())
            .or_insert_with(|| memoized_tokenizer(lang));
        let field = |value: &str| {
            let tokens = tokenize(value);
            let length = tokens.len();
            let mut counts: HashMap<String, u32> = HashMap::new();
            for t in tokens {
                // An empty token counts in the length but is never indexed (as in elasticlunr).
                if !t.is_empty() {
                    *counts.entry(t).or_insert(0) += 1;
                }
            }
            (length, counts)
        };
        Counted {
            fields: [field(title), field(text)],
        }
    })
}

/// One language's index while documents are added: flat posting lists.
struct Index {
    lang: String,
    /// Per field: term → (document number, occurrences), in the order documents came.
    postings: [HashMap<String, Vec<(u32, u32)>>; 2],
    /// Per document: token count of each field.
    lengths: Vec<[usize; 2]>,
}

impl Index {
    fn new(lang: &str, docs: usize) -> Self {
        Index {
            lang: lang.to_string(),
            postings: Default::default(),
            lengths: vec![[0; 2]; docs],
        }
    }

    fn add(&mut self, id: u32, counted: Counted) {
        for (f, (length, counts)) in counted.fields.into_iter().enumerate() {
            if let Some(l) = self.lengths.get_mut(id as usize) {
                l[f] = length;
            }
            for (t, n) in counts {
                self.postings[f].entry(t).or_default().push((id, n));
            }
        }
    }

    /// Writes the JSON from the posting lists, in the order elasticlunr writes its trie.
    fn write(self, out: &mut dyn Write) -> std::io::Result<()> {
        const FIELDS: [&str; 2] = ["title", "body"];
        let Index {
            lang,
            mut postings,
            lengths,
        } = self;
        let refs: Vec<String> = (0..lengths.len()).map(|i| i.to_string()).collect();
        // elasticlunr keeps refs in string order ("0", "1", "10", "100", "11", …).
        let mut by_ref: Vec<u32> = (0..u32::try_from(refs.len()).unwrap_or(u32::MAX)).collect();
        by_ref.sort_by(|a, b| refs[*a as usize].cmp(&refs[*b as usize]));
        let rank: Vec<u32> = {
            let mut rank = vec![0; refs.len()];
            for (r, id) in by_ref.iter().enumerate() {
                rank[*id as usize] = u32::try_from(r).unwrap_or(u32::MAX);
            }
            rank
        };
        let language = folded(&lang, true);
        let pipeline: Vec<String> = language
            .make_pipeline()
            .queue
            .iter()
            .map(|s| s.name())
            .collect();
        write!(
            out,
            "{{\"fields\":{},\"pipeline\":{},\"ref\":\"id\",\"version\":{},\"index\":{{",
            json(&FIELDS.as_slice()),
            json(&pipeline),
            json(&elasticlunr::ELASTICLUNR_VERSION)
        )?;
        // Fields in name order: body, then title.
        for (n, f) in [1, 0].into_iter().enumerate() {
            if n > 0 {
                out.write_all(b",")?;
            }
            let mut terms: Vec<(String, Vec<(u32, u32)>)> = postings[f]
                .drain()
                .map(|(t, mut p)| {
                    p.sort_unstable_by_key(|(id, _)| rank[*id as usize]);
                    (t, p)
                })
                .collect();
            // Byte order of UTF-8 is code point order: the order of the trie's `char` keys.
            terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            write!(out, "{}:{{\"root\":", json(&FIELDS[f]))?;
            write_node(out, 0, &terms, &refs)?;
            out.write_all(b"}")?;
        }
        out.write_all(b"},\"documentStore\":{\"save\":false,\"docs\":{")?;
        for (n, id) in by_ref.iter().enumerate() {
            if n > 0 {
                out.write_all(b",")?;
            }
            write!(out, "{}:{{}}", json(&refs[*id as usize]))?;
        }
        out.write_all(b"},\"docInfo\":{")?;
        for (n, id) in by_ref.iter().enumerate() {
            if n > 0 {
                out.write_all(b",")?;
            }
            let [title, body] = lengths[*id as usize];
            write!(
                out,
                "{}:{{\"body\":{body},\"title\":{title}}}",
                json(&refs[*id as usize])
            )?;
        }
        write!(
            out,
            "}},\"length\":{}}},\"lang\":{}}}",
            refs.len(),
            json(&language.name())
        )
    }
}

#[cfg(test)]
mod tests {
    /// The elasticlunr index (JSON, term frequencies written short as by `compact_tf`) of
    /// `docs` (title, text), refs numbered from 0 in order, with `lang`'s pipeline.
    fn index_json<T: AsRef<str>, U: AsRef<str>>(
        lang: &str,
        docs: impl IntoIterator<Item = (T, U)>,
    ) -> String {
        let docs: Vec<(T, U)> = docs.into_iter().collect();
        let mut index = super::Index::new(lang, docs.len());
        for (id, (title, text)) in docs.iter().enumerate() {
            index.add(
                id as u32,
                super::count_terms(lang, title.as_ref(), text.as_ref()),
            );
        }
        let mut out = Vec::new();
        index.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The index as `elasticlunr-rs` builds it (what `render` did before it built its own).
    fn elasticlunr_index(lang: &str, docs: &[(String, String)]) -> String {
        let mut index = elasticlunr::IndexBuilder::with_language(super::folded(lang, true))
            .save_docs(false)
            .add_field_with_tokenizer("title", super::memoized_tokenizer(lang))
            .add_field_with_tokenizer("body", super::memoized_tokenizer(lang))
            .set_ref("id")
            .build();
        for (i, (title, body)) in docs.iter().enumerate() {
            index.add_doc(&i.to_string(), [title, body]);
        }
        super::compact_tf(&index.to_json())
    }

    #[test]
    fn own_index_is_byte_for_byte_elasticlunrs() {
        let words = [
            "kaupunki",
            "kaupungin",
            "kunta",
            "Tampere",
            "sopimus",
            "2024",
            "ja",
            "\"lainaus\"",
            "städernas",
            "stad",
            "ö",
            "é",
            "a-b",
            "x",
            "kaupunkien",
            "&",
            "<p>",
        ];
        // More than ten documents, so that refs sort as strings ("10" before "2"); repeated
        // words, so that term frequencies differ; an empty document and title.
        let docs: Vec<(String, String)> = (0..23)
            .map(|i| {
                let title = if i == 5 {
                    String::new()
                } else {
                    format!(
                        "{} {}",
                        words[i % words.len()],
                        words[(i * 7) % words.len()]
                    )
                };
                let body = (0..(i * 3) % 40)
                    .map(|j| words[(i + j * j) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ");
                (title, body)
            })
            .collect();
        for lang in ["fi", "sv"] {
            assert_eq!(
                index_json(lang, docs.iter().map(|(t, b)| (t, b))),
                elasticlunr_index(lang, &docs),
                "{lang}"
            );
        }
    }

    #[test]
    fn documents_added_in_any_order_give_the_same_index() {
        // Pages are rendered, and so added, in whatever order the threads take them.
        let docs: Vec<(String, String)> = (0..25)
            .map(|i| {
                (
                    format!("Sivu {i}"),
                    format!("kaupunki kaupungin {} kunta", "sopimus ".repeat(i % 4)),
                )
            })
            .collect();
        let write = |order: &[usize]| {
            let mut index = super::Index::new("fi", docs.len());
            for &i in order {
                let (title, text) = &docs[i];
                index.add(i as u32, super::count_terms("fi", title, text));
            }
            let mut out = Vec::new();
            index.write(&mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let in_order: Vec<usize> = (0..docs.len()).collect();
        let shuffled: Vec<usize> = (0..docs.len()).map(|i| (i * 7) % docs.len()).collect();
        let reversed: Vec<usize> = in_order.iter().rev().copied().collect();
        let expected = index_json("fi", docs.iter().map(|(t, b)| (t, b)));
        assert_eq!(write(&in_order), expected);
        assert_eq!(write(&shuffled), expected);
        assert_eq!(write(&reversed), expected);
    }

    #[test]
    fn term_frequencies_are_written_short() {
        assert_eq!(
            super::compact_tf(
                r#"{"a":{"docs":{"1":{"tf":1.0},"2":{"tf":1.4142135623730951}},"df":2},"t":{"f":{"tf":2.0}}}"#
            ),
            r#"{"a":{"docs":{"1":{"tf":1},"2":{"tf":1.414}},"df":2},"t":{"f":{"tf":2}}}"#
        );
    }

    #[test]
    fn finnish_and_swedish_inflections_share_stems() {
        let stem = |lang: &str, words: &[&str]| -> Vec<String> {
            let l = super::language(lang);
            l.make_pipeline()
                .run(words.iter().map(|w| w.to_string()).collect())
        };
        let fi = stem(
            "fi",
            &["kaupunki", "kaupungin", "kaupunkien", "kunta", "kunnan"],
        );
        assert_eq!(fi[0], fi[1]);
        assert_eq!(fi[0], fi[2]);
        assert_eq!(fi[3], fi[4]);
        let sv = stem("sv", &["stad", "städernas", "staden", "städer"]);
        assert!(sv.iter().all(|s| s == "stad"), "{sv:?}");
    }
}

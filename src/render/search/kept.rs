//! A watcher's search indexes, kept from one rebuild to the next: each language's postings
//! and the words each of its docs gave them. A rebuild then takes out the words of the docs
//! whose words changed and puts in their new ones, instead of adding every page of the
//! language again (at 10,000 pairs, adding the kept words of every page cost more than the
//! rest of a body edit's rebuild).
//!
//! The postings a kept index holds are exactly those a fresh index of the same docs would
//! hold (a word's postings in another order, which [`super::make_chunks`] sorts), so the
//! search files made from it are the same bytes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::{DocWords, FastMap, FastSet, Postings, put_in};

/// The indexes a watcher keeps, per language.
#[derive(Default)]
pub struct KeptIndexes {
    langs: Mutex<HashMap<String, Arc<Mutex<KeptLang>>>>,
}

/// One language's kept index.
#[derive(Default)]
pub(super) struct KeptLang {
    /// The URL of each doc, in doc order: the numbering the postings use. When a rebuild
    /// numbers the docs otherwise (a page added, removed or moved), the index starts over.
    urls: Vec<Arc<str>>,
    /// Per doc, the words its postings hold (`None`: a page left out, with no words).
    docs: Vec<Option<Arc<DocWords>>>,
    /// Word → its postings.
    pub(super) words: FastMap<String, Postings>,
}

impl KeptIndexes {
    /// The kept index of `lang`, locked for one rebuild's use (the languages are made side by
    /// side, each with its own lock).
    pub(super) fn lang(&self, lang: &str) -> Arc<Mutex<KeptLang>> {
        let mut langs = self.langs.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(langs.entry(lang.to_string()).or_default())
    }
}

impl KeptLang {
    /// Whether the docs are numbered as `urls` (in doc order) number them.
    pub(super) fn numbers<'u>(&self, urls: impl ExactSizeIterator<Item = &'u Arc<str>>) -> bool {
        self.urls.len() == urls.len() && self.urls.iter().zip(urls).all(|(a, b)| a == b)
    }

    /// Brings the index to the docs `urls` with the words `docs` (same length, doc order):
    /// each doc whose words are not the ones held (the same value, as the watcher's cache
    /// gives for an unchanged page, or equal words, as a template edit that leaves the text
    /// alone gives) is taken out and put in again. A doc
    /// given as `None` keeps the words held for it; that holds only while the numbering does
    /// ([`KeptLang::numbers`]), and a doc not given when it does not has no words.
    /// Returns each doc's length in words.
    pub(super) fn update(
        &mut self,
        urls: Vec<Arc<str>>,
        docs: Vec<Option<Option<Arc<DocWords>>>>,
    ) -> Vec<u32> {
        if self.urls != urls {
            *self = KeptLang {
                docs: vec![None; urls.len()],
                urls,
                words: FastMap::default(),
            };
        }
        // The docs whose words differ from those held (the same value, or equal words).
        let changed: Vec<(usize, Option<Arc<DocWords>>)> = self
            .docs
            .iter()
            .zip(docs)
            .enumerate()
            .filter_map(|(doc, (held, now))| {
                let now = now?;
                let same = match (held, &now) {
                    (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a.same_words(b),
                    (None, None) => true,
                    _ => false,
                };
                (!same).then_some((doc, now))
            })
            .collect();
        if !changed.is_empty() {
            self.take_out(changed.iter().map(|(doc, _)| *doc));
            for (doc, now) in changed {
                if let Some(new) = now.as_deref() {
                    put_in(&mut self.words, u32::try_from(doc).unwrap_or(u32::MAX), new);
                }
                self.docs[doc] = now;
            }
        }
        self.docs
            .iter()
            .map(|d| d.as_ref().map_or(0, |w| w.length))
            .collect()
    }

    /// Takes the docs `out` out of the postings of the words held for them, each list
    /// filtered once however many of them it holds (a template edit changes every doc: a
    /// pass per doc and word was quadratic); a word no doc has any more goes.
    fn take_out(&mut self, out: impl Iterator<Item = usize>) {
        let mut leaving = vec![false; self.docs.len()];
        let mut touched: FastSet<&str> = FastSet::default();
        for doc in out {
            leaving[doc] = true;
            if let Some(old) = &self.docs[doc] {
                touched.extend(old.each().map(|(w, _, _)| w));
            }
        }
        for w in touched {
            let Some(list) = self.words.get_mut(w) else {
                continue;
            };
            let mut kept = Postings::default();
            for p in list.iter().filter(|p| !leaving[p.doc as usize]) {
                kept.push(p);
            }
            if kept.0.is_empty() {
                self.words.remove(w);
            } else {
                *list = kept;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[(&str, u32, u32)]) -> Arc<DocWords> {
        let mut d = DocWords {
            text: String::new(),
            words: Vec::new(),
            length: 0,
        };
        for (w, title, body) in list {
            let from = d.text.len() as u32;
            d.text.push_str(w);
            d.words.push((from, d.text.len() as u32, *title, *body));
            d.length += title + body;
        }
        Arc::new(d)
    }

    fn given(docs: Vec<Option<Arc<DocWords>>>) -> Vec<Option<Option<Arc<DocWords>>>> {
        docs.into_iter().map(Some).collect()
    }

    /// Each word with its postings `(doc, title, body)`, sorted.
    type Listing = Vec<(String, Vec<(u32, u32, u32)>)>;

    fn postings(kept: &KeptLang) -> Listing {
        let mut all: Vec<_> = kept
            .words
            .iter()
            .map(|(w, p)| {
                let mut list: Vec<_> = p.iter().map(|p| (p.doc, p.title, p.body)).collect();
                list.sort_unstable();
                (w.clone(), list)
            })
            .collect();
        all.sort();
        all
    }

    #[test]
    fn an_updated_index_holds_what_a_fresh_one_of_the_same_docs_holds() {
        let urls: Vec<Arc<str>> = vec!["/a/".into(), "/b/".into(), "/c/".into()];
        let a = words(&[("oulu", 1, 2), ("kaupunki", 0, 1)]);
        let b = words(&[("kaupunki", 0, 3), ("turku", 0, 1)]);
        let c = words(&[("turku", 1, 0)]);
        let mut kept = KeptLang::default();
        let lengths = kept.update(
            urls.clone(),
            given(vec![Some(a.clone()), Some(b), Some(c.clone())]),
        );
        assert_eq!(lengths, [4, 4, 1]);
        // `b` loses `turku` and gains `lahti`; `c` is left out; `a` is the same value.
        let b2 = words(&[("kaupunki", 0, 1), ("lahti", 2, 0)]);
        let lengths = kept.update(
            urls.clone(),
            given(vec![Some(a.clone()), Some(b2.clone()), None]),
        );
        assert_eq!(lengths, [4, 3, 0]);
        let mut fresh = KeptLang::default();
        fresh.update(urls, given(vec![Some(a), Some(b2), None]));
        assert_eq!(postings(&kept), postings(&fresh));
        assert!(!kept.words.contains_key("turku"), "a word no doc has goes");
        assert_eq!(
            postings(&kept),
            [
                ("kaupunki".to_string(), vec![(0, 0, 1), (1, 0, 1)]),
                ("lahti".to_string(), vec![(1, 2, 0)]),
                ("oulu".to_string(), vec![(0, 1, 2)]),
            ]
        );
    }

    #[test]
    fn a_doc_not_given_keeps_its_words_while_the_numbering_holds() {
        let urls: Vec<Arc<str>> = vec!["/a/".into(), "/b/".into()];
        let a = words(&[("oulu", 0, 1)]);
        let b = words(&[("turku", 0, 2)]);
        let mut kept = KeptLang::default();
        kept.update(urls.clone(), given(vec![Some(a.clone()), Some(b)]));
        assert!(kept.numbers(urls.iter()));
        let b2 = words(&[("lahti", 0, 1)]);
        let lengths = kept.update(urls.clone(), vec![None, Some(Some(b2.clone()))]);
        assert_eq!(lengths, [1, 1]);
        let mut fresh = KeptLang::default();
        fresh.update(urls.clone(), given(vec![Some(a), Some(b2)]));
        assert_eq!(postings(&kept), postings(&fresh));
        assert!(!kept.numbers(urls[..1].iter()));
    }

    #[test]
    fn docs_numbered_otherwise_start_the_index_over() {
        let a = words(&[("oulu", 0, 1)]);
        let mut kept = KeptLang::default();
        kept.update(
            vec!["/a/".into(), "/b/".into()],
            given(vec![Some(a.clone()), Some(a.clone())]),
        );
        kept.update(vec!["/b/".into()], given(vec![Some(a)]));
        assert_eq!(postings(&kept), [("oulu".to_string(), vec![(0, 0, 1)])]);
    }
}

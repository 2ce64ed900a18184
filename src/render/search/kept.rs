//! A watcher's search indexes, kept from one rebuild to the next: each language's postings
//! and the words each of its docs gave them. A rebuild then takes out the words of the docs
//! whose words changed and puts in their new ones, instead of adding every page of the
//! language again (at 10,000 pairs, adding the kept words of every page cost more than the
//! rest of a body edit's rebuild).
//!
//! The postings a kept index holds are exactly those a fresh index of the same docs would
//! hold (a word's postings in another order, which [`super::make_chunks`] sorts), so the
//! search files made from it are the same bytes.
//!
//! It keeps the chunks it made too ([`Made`]), and makes again only those a rebuild changes:
//! the chunks that a word whose pages or scores changed is found in. A chunk made again is
//! made from every word found in it, with the same functions a build uses
//! ([`super::entries`], [`super::Scoring`], [`super::write_chunk`]): the bytes are those a
//! fresh index gives.

use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::{
    DocWords, FastMap, FastSet, Form, PlaceNames, Postings, Scoring, Sources, city_terms, entries,
    hashed_in_order, in_chunks, normalise, put_in, write_chunk,
};

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
    /// The words whose postings changed since the chunks were made.
    touched: FastSet<String>,
    /// The docs whose length changed since, each with its length then: each of their words
    /// may score otherwise.
    resized: Vec<(usize, u32)>,
    /// The chunks as last made, and what they were made from.
    made: Option<Made>,
    /// The doc groups as last made: per group, the key of what it shows, its bytes and hash.
    groups: Vec<(u128, Vec<u8>, String)>,
}

/// A language's chunks as last made from a [`KeptLang`], and what they were made from.
struct Made {
    scoring: Scoring,
    chunks: u32,
    places: PlaceNames,
    city_terms: Vec<Vec<String>>,
    /// Every word the postings hold: its form, and the chunks it is found in (in order).
    held: FastMap<String, (Form, Vec<u32>)>,
    /// Each term of at least five letters → how many held words have it as their own: the
    /// vocabulary compounds are split against.
    vocabulary: FastMap<String, u32>,
    /// Each chunk's bytes and hash.
    files: Vec<(Vec<u8>, String)>,
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
                ..KeptLang::default()
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
            if self.made.is_some() {
                for (doc, now) in &changed {
                    let was = self.docs[*doc].as_deref();
                    if let Some(length) = touch(&mut self.touched, was, now.as_deref()) {
                        self.resized.push((*doc, length));
                    }
                }
            }
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

    /// The chunks of the index, `chunks` of them, for docs of `lengths` and the place names
    /// `places`, each given to `emit` with its hash, in order: those the changes since they
    /// were last made reach are made again, the others are given as they were. All are made
    /// when the number of chunks changed. Returns how many were made.
    pub(super) fn chunks<E>(
        &mut self,
        lang: &str,
        lengths: &[u32],
        places: &PlaceNames,
        chunks: u32,
        emit: &mut dyn FnMut(Vec<u8>, String) -> Result<(), E>,
    ) -> Result<usize, E> {
        let scoring = Scoring::of(lengths);
        let touched = std::mem::take(&mut self.touched);
        let resized = std::mem::take(&mut self.resized);
        let (made, dirty) = match self.made.take() {
            Some(mut made) if made.chunks == chunks => {
                let touched = made.rescored(&self.docs, &resized, touched, scoring, lengths);
                let now = Now {
                    scoring,
                    lengths,
                    places,
                };
                let dirty = made.update(lang, &self.words, touched, now);
                (made, dirty)
            }
            _ => {
                let made = Made::new(lang, &self.words, places, chunks, scoring);
                (made, vec![true; chunks as usize])
            }
        };
        let made = self.made.insert(made);
        made.remake(&dirty, &self.words, lengths);
        for (bytes, hash) in &made.files {
            emit(bytes.clone(), hash.clone())?;
        }
        Ok(dirty.iter().filter(|d| **d).count())
    }

    /// The doc groups whose docs show what `keys` say (per group, in order), each given to
    /// `emit` with its hash: those whose key differs from the one held are made again by
    /// `make`, side by side.
    pub(super) fn groups<E>(
        &mut self,
        keys: Vec<u128>,
        make: impl Fn(u32) -> (Vec<u8>, String) + Sync,
        emit: &mut dyn FnMut(Vec<u8>, String) -> Result<(), E>,
    ) -> Result<(), E> {
        self.groups.truncate(keys.len());
        let again: Vec<u32> = (0..keys.len())
            .filter(|&g| self.groups.get(g).is_none_or(|held| held.0 != keys[g]))
            .filter_map(|g| u32::try_from(g).ok())
            .collect();
        let made: Vec<(u32, (Vec<u8>, String))> =
            again.into_par_iter().map(|g| (g, make(g))).collect();
        for (g, (bytes, hash)) in made {
            let g = g as usize;
            let group = (keys[g], bytes, hash);
            match self.groups.get_mut(g) {
                Some(held) => *held = group,
                None => self.groups.push(group),
            }
        }
        for (_, bytes, hash) in &self.groups {
            emit(bytes.clone(), hash.clone())?;
        }
        Ok(())
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

/// What the chunks are made for now: scores, page lengths and place names.
struct Now<'a> {
    scoring: Scoring,
    lengths: &'a [u32],
    places: &'a PlaceNames,
}

/// A word found in a chunk made again, its form and its pages scored (doc order).
type Scored<'w> = (&'w str, &'w Form, Vec<(u32, u32)>);

/// Adds to `touched` the words whose occurrences differ between a doc's words `was` and
/// `now` (all of both when one is `None`). When the doc's length changed, returns its length
/// then: its other words may score otherwise too ([`Made::rescored`]).
fn touch(
    touched: &mut FastSet<String>,
    was: Option<&DocWords>,
    now: Option<&DocWords>,
) -> Option<u32> {
    let (Some(a), Some(b)) = (was, now) else {
        let words = was.into_iter().chain(now).flat_map(DocWords::each);
        touched.extend(words.map(|(w, _, _)| w.to_string()));
        return None;
    };
    let old: FastMap<&str, (u32, u32)> = a.each().map(|(w, t, r)| (w, (t, r))).collect();
    let mut seen = 0;
    for (w, t, r) in b.each() {
        match old.get(w) {
            Some(&o) => {
                seen += 1;
                if o != (t, r) {
                    touched.insert(w.to_string());
                }
            }
            None => {
                touched.insert(w.to_string());
            }
        }
    }
    if seen < old.len() {
        let new: FastSet<&str> = b.each().map(|(w, _, _)| w).collect();
        touched.extend(
            old.keys()
                .filter(|w| !new.contains(*w))
                .map(|w| w.to_string()),
        );
    }
    (a.length != b.length).then_some(a.length)
}

impl Made {
    /// What the chunks of `words` are made from; none made yet.
    fn new(
        lang: &str,
        words: &FastMap<String, Postings>,
        places: &PlaceNames,
        chunks: u32,
        scoring: Scoring,
    ) -> Made {
        let held: FastMap<String, (Form, Vec<u32>)> = words
            .par_iter()
            .map(|(w, _)| (w.clone(), (Form::of(lang, w, places), Vec::new())))
            .collect();
        let mut vocabulary: FastMap<String, u32> = FastMap::default();
        for (form, _) in held.values() {
            for t in form.vocabulary() {
                *vocabulary.entry(t.to_string()).or_default() += 1;
            }
        }
        let mut made = Made {
            scoring,
            chunks,
            city_terms: city_terms(lang, places),
            places: places.clone(),
            held,
            vocabulary,
            files: vec![(Vec::new(), String::new()); chunks as usize],
        };
        let all: Vec<String> = made.held.keys().cloned().collect();
        made.reach(all);
        made
    }

    /// `touched` with the words of the `resized` docs (each with its length when the chunks
    /// were made; `docs` their words now) whose score there changed with the doc's length and
    /// the average (`scoring` now): in a long page, one word more rarely moves a rounded score.
    fn rescored(
        &self,
        docs: &[Option<Arc<DocWords>>],
        resized: &[(usize, u32)],
        mut touched: FastSet<String>,
        scoring: Scoring,
        lengths: &[u32],
    ) -> FastSet<String> {
        for &(doc, length) in resized {
            let (Some(Some(words)), Some(&now)) = (docs.get(doc), lengths.get(doc)) else {
                continue;
            };
            let id = u32::try_from(doc).unwrap_or(u32::MAX);
            for (w, title, body) in words.each() {
                let p = super::Posting {
                    doc: id,
                    title,
                    body,
                };
                if !touched.contains(w)
                    && self.scoring.score_at(&p, length) != scoring.score_at(&p, now)
                {
                    touched.insert(w.to_string());
                }
            }
        }
        touched
    }

    /// Brings what the chunks are made from up to `words`, whose postings changed since for
    /// the words `touched`, scored now by `scoring`: returns, per chunk, whether it must be
    /// made again.
    fn update(
        &mut self,
        lang: &str,
        words: &FastMap<String, Postings>,
        mut touched: FastSet<String>,
        now: Now<'_>,
    ) -> Vec<bool> {
        let Now {
            scoring,
            lengths,
            places,
        } = now;
        let renamed = self.renamed(lang, places);
        let moved = self.rescaled(words, &touched, scoring, lengths);
        touched.extend(moved);
        let mut dirty = vec![false; self.chunks as usize];
        let mut mark = |reach: &[u32]| {
            for &n in reach {
                dirty[n as usize] = true;
            }
        };
        // Words that came or went: the vocabulary changes with them.
        let mut flipped: FastSet<String> = FastSet::default();
        let mut again: Vec<String> = Vec::new();
        for (w, city) in renamed {
            if let Some((form, reach)) = self.held.get_mut(&w) {
                mark(reach);
                form.city = city;
                again.push(w);
            }
        }
        for w in touched {
            let was = self.held.remove(&w);
            if let Some((_, reach)) = &was {
                mark(reach);
            }
            let form = match (was, words.contains_key(&w)) {
                (Some((form, _)), true) => form,
                (None, true) => {
                    let form = Form::of(lang, &w, &self.places);
                    for t in form.vocabulary() {
                        let n = self.vocabulary.entry(t.to_string()).or_default();
                        *n += 1;
                        if *n == 1 {
                            flipped.insert(t.to_string());
                        }
                    }
                    form
                }
                (Some((form, _)), false) => {
                    for t in form.vocabulary() {
                        if let Some(n) = self.vocabulary.get_mut(t) {
                            *n -= 1;
                            if *n == 0 {
                                self.vocabulary.remove(t);
                                flipped.insert(t.to_string());
                            }
                        }
                    }
                    continue;
                }
                (None, false) => continue,
            };
            self.held.insert(w.clone(), (form, Vec::new()));
            again.push(w);
        }
        // A compound's last part is found against the vocabulary: a word whose terms end in
        // one that came or went may be found under another part.
        if !flipped.is_empty() {
            for (w, (form, reach)) in &self.held {
                let ends = |t: &String| {
                    flipped
                        .iter()
                        .any(|f| t.len() > f.len() && t.ends_with(f.as_str()))
                };
                if !reach.is_empty() && form.own.iter().any(ends) {
                    mark(reach);
                    again.push(w.clone());
                }
            }
        }
        for n in self.reach(again) {
            dirty[n as usize] = true;
        }
        dirty
    }

    /// The words not `touched` that score otherwise in some page with `scoring` now: the
    /// average length moved, and rounding tips over. (In a page whose length changed, its
    /// score was compared with the page's length then, in `rescored`: compared here with the
    /// length now, a difference touches it once more, which is only more work.)
    fn rescaled(
        &mut self,
        words: &FastMap<String, Postings>,
        touched: &FastSet<String>,
        scoring: Scoring,
        lengths: &[u32],
    ) -> Vec<String> {
        if scoring == self.scoring {
            return Vec::new();
        }
        let was = std::mem::replace(&mut self.scoring, scoring);
        words
            .par_iter()
            .filter(|(w, postings)| {
                !touched.contains(*w)
                    && postings
                        .iter()
                        .any(|p| was.score(&p, lengths) != scoring.score(&p, lengths))
            })
            .map(|(w, _)| w.clone())
            .collect()
    }

    /// After the place names changed to `places` (a city's name in Fluent): each held word
    /// that names another city now, or a city whose forms changed, with the city it names
    /// now. The other words are found under the terms they were.
    fn renamed(&mut self, lang: &str, places: &PlaceNames) -> Vec<(String, Option<usize>)> {
        if *places == self.places {
            return Vec::new();
        }
        let city_terms = city_terms(lang, places);
        let changed: Vec<bool> = (0..city_terms.len())
            .map(|c| self.city_terms.get(c) != Some(&city_terms[c]))
            .collect();
        let renamed = self
            .held
            .par_iter()
            .filter_map(|(w, (form, _))| {
                let city = places.city_of.get(&normalise::fold(w)).copied();
                let moved = city != form.city || city.is_some_and(|c| changed[c]);
                moved.then(|| (w.clone(), city))
            })
            .collect();
        self.places = places.clone();
        self.city_terms = city_terms;
        renamed
    }

    /// Finds again the chunks each of `words` (held) is found in; returns them all.
    fn reach(&mut self, words: Vec<String>) -> Vec<u32> {
        let vocabulary = &self.vocabulary;
        let known = |t: &str| vocabulary.contains_key(t);
        let found: Vec<(String, Vec<u32>)> = words
            .into_par_iter()
            .filter_map(|w| {
                let (form, _) = self.held.get(&w)?;
                let mut reach: Vec<u32> = entries(&w, form, &self.city_terms, &known)
                    .into_iter()
                    .map(|(term, _)| normalise::chunk_of(term, self.chunks))
                    .collect();
                reach.sort_unstable();
                reach.dedup();
                Some((w, reach))
            })
            .collect();
        let mut all = Vec::new();
        for (w, reach) in found {
            all.extend_from_slice(&reach);
            if let Some(held) = self.held.get_mut(&w) {
                held.1 = reach;
            }
        }
        all
    }

    /// Makes again each chunk `dirty` names, from every word of `words` found in it.
    fn remake(&mut self, dirty: &[bool], words: &FastMap<String, Postings>, lengths: &[u32]) {
        let wanted: Vec<usize> = (0..dirty.len()).filter(|&n| dirty[n]).collect();
        if wanted.is_empty() {
            return;
        }
        let scoring = self.scoring;
        // The words found in a chunk made again, with their pages scored.
        let scored: Vec<Scored<'_>> = self
            .held
            .par_iter()
            .filter(|(_, (_, reach))| reach.iter().any(|&n| dirty[n as usize]))
            .filter_map(|(w, (form, _))| {
                let postings = words.get(w)?;
                let scored = scoring.scored(std::slice::from_ref(postings), lengths);
                Some((w.as_str(), form, scored))
            })
            .collect();
        let vocabulary = &self.vocabulary;
        let known = |t: &str| vocabulary.contains_key(t);
        let mut index: FastMap<&str, Sources<'_>> = FastMap::default();
        for (w, form, scored) in &scored {
            for (term, surface) in entries(w, form, &self.city_terms, &known) {
                if dirty[normalise::chunk_of(term, self.chunks) as usize] {
                    index
                        .entry(term)
                        .or_default()
                        .push((surface, scored.as_slice()));
                }
            }
        }
        let mut terms = in_chunks(index, self.chunks);
        let inputs: Vec<Vec<(&str, Sources<'_>)>> = wanted
            .iter()
            .map(|&n| std::mem::take(&mut terms[n]))
            .collect();
        let mut made = Vec::with_capacity(wanted.len());
        let done: Result<(), std::convert::Infallible> =
            hashed_in_order(inputs, write_chunk, &mut |bytes, hash| {
                made.push((bytes, hash));
                Ok(())
            });
        if let Err(never) = done {
            match never {}
        }
        for (n, file) in wanted.into_iter().zip(made) {
            self.files[n] = file;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word with its occurrences in the title and in the rest.
    type Occurs<'w> = (&'w str, u32, u32);

    fn words(list: &[Occurs]) -> Arc<DocWords> {
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

    /// The chunks `kept` gives now, and how many it made again.
    fn kept_chunks(
        kept: &mut KeptLang,
        lengths: &[u32],
        places: &PlaceNames,
    ) -> (Vec<Vec<u8>>, usize) {
        let mut files = Vec::new();
        let made = kept.chunks("fi", lengths, places, CHUNKS, &mut |bytes, _| {
            files.push(bytes);
            Ok::<(), ()>(())
        });
        (files, made.unwrap_or_default())
    }

    /// The chunks a build makes of the same docs.
    fn built_chunks(
        urls: &[Arc<str>],
        docs: &[Option<Arc<DocWords>>],
        places: &PlaceNames,
    ) -> Vec<Vec<u8>> {
        let mut fresh = KeptLang::default();
        let lengths = fresh.update(urls.to_vec(), given(docs.to_vec()));
        let words = super::super::taken_words(vec![std::mem::take(&mut fresh.words)]);
        let mut files = Vec::new();
        let _ =
            super::super::make_chunks("fi", words, &lengths, places, CHUNKS, &mut |bytes, _| {
                files.push(bytes);
                Ok::<(), ()>(())
            });
        files
    }

    const CHUNKS: u32 = 16;

    #[test]
    fn kept_chunks_are_the_bytes_a_build_makes_and_only_those_reached_are_made_again() {
        let places = PlaceNames {
            city_of: [("oulu", 0), ("oulun", 0), ("uleaborg", 0)]
                .into_iter()
                .map(|(w, n)| (w.to_string(), n))
                .collect(),
            forms: vec![vec!["oulu".into(), "oulun".into(), "uleåborg".into()]],
        };
        let urls: Vec<Arc<str>> = (0..4).map(|n| format!("/{n}/").into()).collect();
        let mut docs = vec![
            Some(words(&[("ekosysteemisopimus", 1, 2), ("kaupunki", 0, 3)])),
            Some(words(&[("kaupunki", 0, 1), ("turku", 1, 1)])),
            Some(words(&[
                ("lahti", 0, 2),
                ("kuopio", 1, 0),
                ("tem077", 0, 1),
            ])),
            Some(words(&[("jyväskylä", 1, 1)])),
        ];
        let mut kept = KeptLang::default();
        let lengths = kept.update(urls.clone(), given(docs.clone()));
        let (files, made) = kept_chunks(&mut kept, &lengths, &places);
        assert_eq!(made, CHUNKS as usize, "the first time, every chunk is made");
        assert_eq!(files, built_chunks(&urls, &docs, &places));
        let edits: [(usize, &[Occurs]); 6] = [
            // `sopimus` comes: the compound is found under it too.
            (1, &[("kaupunki", 0, 1), ("sopimus", 0, 1)]),
            // A page grows: every score moves with the average length.
            (3, &[("jyväskylä", 1, 1), ("kasvu", 0, 40)]),
            // `sopimus` goes again, and Oulu's forms come.
            (1, &[("kaupunki", 0, 1), ("oulun", 1, 0)]),
            // The same length and one word for another: a few chunks.
            (2, &[("lahti", 0, 2), ("kuopio", 1, 0), ("kotka", 0, 1)]),
            // The same words: nothing to make.
            (2, &[("lahti", 0, 2), ("kuopio", 1, 0), ("kotka", 0, 1)]),
            // A long page one word longer: its other words keep their rounded scores.
            (3, &[("jyväskylä", 1, 1), ("kasvu", 0, 41)]),
        ];
        let mut counts = Vec::new();
        for (doc, now) in edits {
            docs[doc] = Some(words(now));
            let lengths = kept.update(urls.clone(), given(docs.clone()));
            let (files, made) = kept_chunks(&mut kept, &lengths, &places);
            assert_eq!(files, built_chunks(&urls, &docs, &places), "after {now:?}");
            counts.push(made);
        }
        assert!(counts[3] > 0 && counts[3] < 6, "{counts:?}");
        assert_eq!(counts[4], 0, "{counts:?}");
        assert!(counts[5] > 0 && counts[5] < 6, "{counts:?}");
        // One page a word longer, another a word shorter: the average stays, and the longer
        // page's other words score otherwise.
        docs[0] = Some(words(&[
            ("ekosysteemisopimus", 1, 2),
            ("kaupunki", 0, 3),
            ("uusi", 0, 1),
        ]));
        docs[1] = Some(words(&[("kaupunki", 0, 1)]));
        let lengths = kept.update(urls.clone(), given(docs.clone()));
        let made = kept.made.as_ref().unwrap();
        assert_eq!(Scoring::of(&lengths), made.scoring);
        // `kaupunki` keeps its counts in the shorter page, where it scores 16, not 15.
        assert!(!kept.touched.contains("kaupunki"));
        let touched = kept.touched.clone();
        let rescored = made.rescored(&kept.docs, &kept.resized, touched, made.scoring, &lengths);
        assert!(rescored.contains("kaupunki"), "{rescored:?}");
        let (files, _) = kept_chunks(&mut kept, &lengths, &places);
        assert_eq!(
            files,
            built_chunks(&urls, &docs, &places),
            "after a page grew"
        );
        let compound = |files: &[Vec<u8>]| {
            files
                .iter()
                .any(|f| String::from_utf8_lossy(f).contains(r#""sopimus":{"+":"#))
        };
        docs[1] = Some(words(&[("sopimus", 0, 1)]));
        let lengths = kept.update(urls.clone(), given(docs.clone()));
        assert!(compound(&kept_chunks(&mut kept, &lengths, &places).0));
    }

    #[test]
    fn after_a_city_is_renamed_kept_chunks_are_still_a_builds() {
        let oulu = |forms: &[&str]| PlaceNames {
            city_of: forms
                .iter()
                .map(|f| (normalise::fold(f), 0))
                .chain([("lahti".to_string(), 1), ("lahtis".to_string(), 1)])
                .collect(),
            forms: vec![
                forms.iter().map(|f| f.to_string()).collect(),
                vec!["lahti".into(), "lahtis".into()],
            ],
        };
        let urls: Vec<Arc<str>> = (0..3).map(|n| format!("/{n}/").into()).collect();
        let docs = vec![
            Some(words(&[("oulu", 0, 2), ("kuopio", 1, 0), ("kotka", 0, 1)])),
            Some(words(&[("uleåborgs", 1, 1), ("kaupunki", 0, 2)])),
            Some(words(&[("turku", 0, 1), ("lahti", 1, 3)])),
        ];
        let mut kept = KeptLang::default();
        let lengths = kept.update(urls.clone(), given(docs.clone()));
        let places = oulu(&["oulu", "oulun", "uleåborg"]);
        kept_chunks(&mut kept, &lengths, &places);
        // Another form of Oulu, which no page has (only its other forms' words are found
        // under it), and Lahti a city no more: the pages stay.
        let mut renamed = oulu(&["oulu", "oulun", "uleåborg", "ouluborg"]);
        renamed.city_of.retain(|_, c| *c == 0);
        renamed.forms.pop();
        let (files, made) = kept_chunks(&mut kept, &lengths, &renamed);
        assert_eq!(files, built_chunks(&urls, &docs, &renamed));
        assert!(made > 0 && made < CHUNKS as usize, "{made}");
        // And back.
        let (files, _) = kept_chunks(&mut kept, &lengths, &places);
        assert_eq!(files, built_chunks(&urls, &docs, &places));
    }

    #[test]
    fn an_edited_doc_touches_the_words_whose_counts_changed_and_tells_its_length_then() {
        let touched = |was: &[Occurs], now: &[Occurs]| {
            let mut t = FastSet::default();
            let resized = touch(&mut t, Some(&words(was)), Some(&words(now)));
            let mut t: Vec<String> = t.into_iter().collect();
            t.sort();
            (t, resized)
        };
        let was = [("kotka", 0, 1), ("kuopio", 1, 0), ("lahti", 0, 2)];
        // Same length: `kuopio` scores the same; `turku` went, `oulu` came.
        assert_eq!(
            touched(&was, &[("kotka", 0, 2), ("kuopio", 1, 0), ("lahti", 0, 1)]),
            (vec!["kotka".to_string(), "lahti".to_string()], None)
        );
        assert_eq!(
            touched(
                &[("turku", 0, 1), ("kuopio", 1, 0)],
                &[("kuopio", 1, 0), ("oulu", 0, 1)]
            ),
            (vec!["oulu".to_string(), "turku".to_string()], None)
        );
        // Another length: the doc's length then is told (its other words may score
        // otherwise, see `rescored`).
        assert_eq!(
            touched(&was, &[("kotka", 0, 1), ("kuopio", 1, 0), ("lahti", 0, 3)]),
            (vec!["lahti".to_string()], Some(4))
        );
        let mut all = FastSet::default();
        touch(&mut all, None, Some(&words(&was)));
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn only_the_doc_groups_whose_key_changed_are_made_again() {
        let mut kept = KeptLang::default();
        let made = std::sync::Mutex::new(Vec::new());
        let mut run = |keys: Vec<u128>| {
            made.lock().unwrap().clear();
            let mut files = Vec::new();
            let make = |g: u32| {
                made.lock().unwrap().push(g);
                (
                    format!("{g}:{}", keys[g as usize]).into_bytes(),
                    format!("h{g}"),
                )
            };
            let _ = kept.groups(keys.clone(), make, &mut |bytes, _| {
                files.push(String::from_utf8(bytes).unwrap());
                Ok::<(), ()>(())
            });
            let mut made = made.lock().unwrap().clone();
            made.sort();
            (files, made)
        };
        assert_eq!(
            run(vec![10, 20, 30]),
            (
                vec!["0:10".into(), "1:20".into(), "2:30".into()],
                vec![0, 1, 2]
            )
        );
        assert_eq!(
            run(vec![10, 25, 30]),
            (vec!["0:10".into(), "1:25".into(), "2:30".into()], vec![1])
        );
        assert_eq!(
            run(vec![10, 25]),
            (vec!["0:10".into(), "1:25".into()], vec![])
        );
        assert_eq!(
            run(vec![11, 25, 40, 50]),
            (
                vec!["0:11".into(), "1:25".into(), "2:40".into(), "3:50".into()],
                vec![0, 2, 3]
            )
        );
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

//! A static search index per language, built with `elasticlunr-rs` (the index format of
//! elasticlunr.js, which the search page loads). Words are stemmed with the language's
//! Snowball stemmer, the same algorithm the browser applies to the query (lunr-languages), so
//! inflected forms meet: "städernas" and "stad" share the stem "stad".

use serde::Serialize;
use std::collections::BTreeMap;

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

/// Builds the index of `lang` over every real page of that language (pending notices and
/// search pages left out): title, description and prose.
pub fn render(site: &Localized, fragments: &[Option<Fragment>], lang: &str) -> String {
    let mut index = elasticlunr::IndexBuilder::with_language(folded(lang, true))
        .save_docs(false)
        .add_field_with_tokenizer("title", memoized_tokenizer(lang))
        .add_field_with_tokenizer("body", memoized_tokenizer(lang))
        .set_ref("id")
        .build();
    // Refs are short numbers, not URLs: the index repeats a ref in every posting, so this
    // keeps the file small (see the size figures in the issue 8 note).
    let mut docs = BTreeMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        if page.lang != lang || page.pending.is_some() || page.section.as_deref() == Some("search")
        {
            continue;
        }
        let description = page.description.as_deref().unwrap_or("");
        let body = fragments
            .get(i)
            .and_then(Option::as_ref)
            .map_or_else(String::new, |f| text_of(&f.html));
        let id = docs.len().to_string();
        index.add_doc(&id, [page.title.as_str(), &format!("{description} {body}")]);
        docs.insert(
            id,
            Doc {
                url: &page.url,
                title: &page.title,
                description,
            },
        );
    }
    // `{"index": the elasticlunr index (fields title, body; refs are numbers), "docs": ref →
    // URL, title and description}`; written by hand to avoid parsing the index back.
    format!(
        "{{\"index\":{},\"docs\":{}}}",
        compact_tf(&index.to_json()),
        serde_json::to_string(&docs).unwrap_or_else(|_| "{}".into())
    )
}

#[cfg(test)]
mod tests {
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

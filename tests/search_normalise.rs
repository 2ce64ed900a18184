//! Issue 15: the build-time index and the browser's query pipeline make the same terms. The
//! search page's normaliser (templates/search/engine.js) runs in node over every distinct word
//! of the portal and of a generated corpus (src/bin/corpus.rs), as built; each word's term and
//! chunk must equal the Rust side's (src/render/search/normalise.rs).

mod support;

use std::process::Command;

use kumppani::render::search::{main_of, normalise, text_of};
use support::TestSite;

/// Every page's title and main text, as the index reads them.
fn texts_of(out: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let html = std::fs::read_to_string(e.path()).unwrap();
            let title = html
                .split_once("<title>")
                .and_then(|(_, t)| t.split_once("</title>"))
                .map_or("", |(t, _)| t);
            format!("{title} {}", text_of(main_of(&html)))
        })
        .collect()
}

#[test]
fn the_browser_normaliser_makes_the_same_terms_as_the_index() {
    if Command::new("node").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "node is missing");
        eprintln!("SKIPPED: node is missing");
        return;
    }
    let portal = TestSite::repo().build();
    let mut texts = texts_of(&portal.out());
    // A generated corpus, built: other words than the portal's, in the same templates.
    let corpus = tempfile::tempdir().unwrap();
    let made = Command::new(env!("CARGO_BIN_EXE_corpus"))
        .arg(corpus.path())
        .args(["300", "7"])
        .current_dir(support::repo_root())
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let built = Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(["build", "--root"])
        .arg(corpus.path())
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    texts.extend(texts_of(&corpus.path().join("public")));
    // And what visitors may type that no page holds: folded, mixed case, other scripts.
    texts.push("JYVASKYLA Uleaborgs ÅBO Ærø Straße Göteborgs naïve São Đakovo Ωmega 2023".into());

    let langs = ["fi", "sv", "en"];
    let chunks = 977;
    let input = serde_json::json!({ "texts": texts, "langs": langs, "chunks": chunks });
    let js = support::node::run("normalise.mjs", std::iter::empty::<&str>(), &input);

    let mut words: Vec<String> = texts.iter().flat_map(|t| normalise::words(t)).collect();
    words.sort();
    words.dedup();
    let js_words: Vec<&str> = js["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(words.len() > 5000, "{} distinct words", words.len());
    assert_eq!(
        words, js_words,
        "the two split the texts into different words"
    );
    for lang in langs {
        let js_terms = js["terms"][lang].as_array().unwrap();
        let js_chunks = js["chunk"][lang].as_array().unwrap();
        let mut differ = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let t = normalise::terms(lang, w);
            let c: Vec<u32> = t.iter().map(|t| normalise::chunk_of(t, chunks)).collect();
            if js_terms[i] != serde_json::json!(t) || js_chunks[i] != serde_json::json!(c) {
                differ.push(format!(
                    "{w}: Rust {t:?} {c:?}, browser {} {}",
                    js_terms[i], js_chunks[i]
                ));
            }
        }
        assert!(
            differ.is_empty(),
            "{lang}: {} words differ:\n{}",
            differ.len(),
            differ.join("\n")
        );
    }
}

//! Issue 6: bounded fuzzing of every input parser with proptest. The property is the same
//! everywhere: any input ends in `Ok` or in errors that carry a place inside the file, never
//! in a panic or a hang. Case counts are fixed so the whole file runs in seconds in release.
//!
//! Inputs are mixtures of random text and fragments of our own syntax (front matter fences,
//! YAML keys, shortcodes, `@/` links, Fluent entries), so the fuzzer spends its time near the
//! code paths that matter rather than in the first "expected `---`" check.

mod support;

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use kumppani::content::front_matter;
use kumppani::content::records::{Accessibility, Body, City, Contact, News, Partnership, Theme};
use kumppani::diagnostic::Location;
use kumppani::i18n::bundles::load_language;
use kumppani::markdown::{self, shortcodes};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// A fixed-seed runner: the same cases on every run, so CI failures reproduce. Set
/// `KUMPPANI_FUZZ_SCALE=N` for N times the cases (a longer hunt on a quiet machine).
fn runner(cases: u32) -> TestRunner {
    let scale: u32 = std::env::var("KUMPPANI_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    TestRunner::new_with_rng(
        Config {
            cases: cases * scale,
            failure_persistence: None,
            ..Config::default()
        },
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    )
}

/// Text made of pieces: our syntax's tokens, odd characters and random strings.
fn pieces(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(tokens).prop_map(str::to_string),
        2 => "[ -~]{0,12}",
        1 => "\\PC{0,8}",
        1 => proptest::sample::select(&["\n", "\r\n", "\t", "\u{feff}", "\0", "  ", "ä", "å", "ö", "\u{202e}"][..]).prop_map(str::to_string),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

const FRONT: &[&str] = &[
    "---\n",
    "---",
    "title: ",
    "slug: ",
    "description: ",
    "template: ",
    "translation: pending\n",
    "translated_from: ",
    "\"",
    "'",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "#",
    "|",
    ">",
    "&a",
    "*a",
    "!!str ",
    "\n  ",
    "title: x\n",
    "tittle: y\n",
    "~",
    "null",
    "2024-05-23",
    "...\n",
];

fn assert_place_inside(at: &Location, text: &str) {
    let lines = text.split('\n').count().max(1);
    assert!(
        at.line >= 1 && at.line <= lines + 1 && at.column >= 1,
        "{at} is outside a text of {lines} lines"
    );
}

/// Counts how often each branch was taken, so a fuzz target that never gets past the first
/// check fails instead of passing trivially.
#[derive(Default)]
struct Branches([AtomicUsize; 3]);

impl Branches {
    fn hit(&self, i: usize) {
        self.0[i].fetch_add(1, Ordering::Relaxed);
    }
    fn assert_all_taken(&self, what: &str) {
        let n: Vec<usize> = self.0.iter().map(|a| a.load(Ordering::Relaxed)).collect();
        assert!(n.iter().all(|&c| c > 0), "{what}: branches taken {n:?}");
    }
}

#[test]
fn front_matter_split_and_parse_never_panic() {
    // Half the cases start with a fence, so parsing is reached often.
    let text = (any::<bool>(), pieces(FRONT)).prop_map(
        |(fence, t)| {
            if fence { format!("---\n{t}") } else { t }
        },
    );
    let seen = Branches::default();
    runner(1500)
        .run(&text, |text| {
            let file = Path::new("content/x/a.fi.md");
            match front_matter::split(file, &text) {
                Ok(split) => {
                    assert!(split.body_line >= 3);
                    assert!(text.ends_with(split.body));
                    match front_matter::parse(file, split.yaml) {
                        Ok(_) => seen.hit(0),
                        Err(e) => {
                            seen.hit(1);
                            assert_place_inside(e.location(), &text);
                            assert!(!e.to_string().contains("Error("), "debug text: {e}");
                        }
                    }
                }
                Err(e) => {
                    seen.hit(2);
                    assert_place_inside(e.location(), &text);
                }
            }
            Ok(())
        })
        .unwrap();
    seen.assert_all_taken("front matter (parsed, refused YAML, refused split)");
}

#[test]
fn bytes_are_decoded_or_refused_at_the_first_bad_byte() {
    let bytes = proptest::collection::vec(
        prop_oneof![3 => any::<u8>(), 1 => Just(b'\n'), 2 => 0x61u8..0x7b],
        0..300,
    );
    runner(1000)
        .run(&bytes, |bytes| {
            let decoded = kumppani::content::decode(Path::new("a.md"), bytes.clone());
            match std::str::from_utf8(&bytes) {
                Ok(_) => assert!(decoded.is_ok()),
                Err(e) => {
                    let valid = &bytes[..e.valid_up_to()];
                    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                    let err = decoded.unwrap_err();
                    assert_eq!(err.location().line, line, "{err}");
                }
            }
            Ok(())
        })
        .unwrap();
}

const RECORD: &[&str] = &[
    "region: ",
    "name: ",
    "role: ",
    "organisation: ",
    "phone: ",
    "order: ",
    "status: ",
    "active",
    "planned",
    "members: ",
    "member_count: ",
    "member_kind: ",
    "themes: ",
    "contacts: ",
    "leaders:\n  - role: chair\n    person: x\n",
    "started: ",
    "linked_to: ",
    "date: ",
    "updated: ",
    "published_in:\n  sv: ",
    "publisher: ",
    "partnerships: ",
    "partnership: ",
    "decision:\n  number: \"1\"\n  date: ",
    "  by: tem\n",
    "term_start: ",
    "deadline: ",
    "members:\n  - person: a\n    chair: true\n",
    "compliance: partial\n",
    "2024-05-23",
    "2024-02-30",
    "9999-99-99",
    "yesterday",
    "-1",
    "4294967296",
    "[a, b]",
    "{}",
    "\n",
    "\n  ",
    ": ",
    "- ",
    "\"",
    "'",
    "&x ",
    "*x",
    "<<: ",
    "? ",
    "!!binary ",
    "%YAML 1.2\n",
];

fn check_record<T: serde::de::DeserializeOwned>(text: &str) {
    let file = Path::new("content/s/x.yaml");
    if let Err(e) = kumppani::yaml::parse::<T>(file, text, 1) {
        assert_place_inside(&e.at, text);
        assert!(!e.message.is_empty());
    }
}

#[test]
fn yaml_records_never_panic() {
    runner(800)
        .run(&pieces(RECORD), |text| {
            check_record::<City>(&text);
            check_record::<Contact>(&text);
            check_record::<Partnership>(&text);
            check_record::<Theme>(&text);
            check_record::<News>(&text);
            check_record::<Body>(&text);
            check_record::<Accessibility>(&text);
            Ok(())
        })
        .unwrap();
}

/// The repository's portal, run through every stage once, for Markdown's environment.
fn stages() -> &'static kumppani::Built {
    static STAGES: OnceLock<kumppani::Built> = OnceLock::new();
    STAGES.get_or_init(|| {
        let dir = Box::leak(Box::new(tempfile::tempdir().unwrap()));
        for d in ["content", "templates", "i18n"] {
            support::copy_tree(&support::repo_root().join(d), &dir.path().join(d));
        }
        kumppani::prepare(dir.path(), &Default::default()).expect("the portal builds")
    })
}

const MARKDOWN: &[&str] = &[
    "{{ city(id=\"helsinki\") }}",
    "{{ city(id=\"helsinki\", case=\"locative\") }}",
    "{{ members(of=\"strategic-alliance\") }}",
    "{{ count(of=\"vitality\") }}",
    "{{ t(key=\"phone-label\") }}",
    "{{ nope() }}",
    "{{ city(id=\"x\") }}",
    "{{",
    "}}",
    "{%",
    "(id=",
    "\"",
    "[a](@/themes/culture)",
    "[a](@/nope)",
    "[a](@/themes/culture#x)",
    "](javascript:x)",
    "](data:x)",
    "](https://example.fi)",
    "[",
    "]",
    "(",
    ")",
    "![",
    "![x](a.png)",
    "<",
    ">",
    "<b>",
    "&amp;",
    "&#9;",
    "&colon;",
    "# ",
    "## ",
    " {#id}",
    " {.c}",
    " {k=v}",
    "\n",
    "\n\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n",
    "[^1]",
    "[^1]: x\n",
    "```\n",
    "`",
    "*",
    "_",
    "~~",
    "\"",
    "'",
    "“",
    "‘",
    "\\",
    "<https://x.fi>",
];

#[test]
fn markdown_with_our_extensions_never_panics() {
    let st = stages();
    let data = shortcodes::Data {
        records: &st.content.records,
        bundles: &st.bundles,
        collators: &st.localized.collators,
        publisher: st.localized.publisher.as_deref(),
    };
    let file = Path::new("content/about/_index.fi.md");
    let seen = Branches::default();
    runner(1500)
        .run(&pieces(MARKDOWN), |body| {
            for lang in ["fi", "sv"] {
                let url = format!("/{lang}/");
                let env = markdown::Env {
                    lang,
                    site: &st.localized,
                    shortcodes: &data,
                    url: &url,
                    targets: &st.targets,
                };
                match markdown::render(file, &body, 6, &env) {
                    Ok(f) => {
                        seen.hit(if f.html.contains("<a href=\"/") { 0 } else { 2 });
                        assert!(!f.html.contains("<script"), "{}", f.html);
                        assert!(!f.html.contains("href=\"javascript"), "{}", f.html);
                    }
                    Err(errors) => {
                        seen.hit(1);
                        assert!(!errors.is_empty());
                        for e in &errors {
                            let at = e.location();
                            assert!(at.line >= 6 && at.column >= 1, "{at}");
                            assert!(at.line <= 6 + body.split('\n').count(), "{at}: {e}");
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    seen.assert_all_taken("Markdown (rendered with a resolved link, refused, rendered)");
}

const FLUENT: &[&str] = &[
    "key = value\n",
    "city-x = Oulu\n",
    "-term = T\n",
    "{ -term }",
    "{ $n }",
    "{ $n ->\n",
    "[one] yksi\n",
    "*[other] monta\n",
    "}\n",
    "    .attr = a\n",
    "# comment\n",
    "## group\n",
    "{",
    "}",
    "=",
    "-",
    ".",
    "\n",
    "  ",
    "\"",
    "{ \"\" }",
    "{ NUMBER($n) }",
    "{ city-x }",
    "{ key.attr }",
    "{{",
    "\\u0000",
    "ä",
    "\r\n",
];

#[test]
fn fluent_loading_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let lang_dir = dir.path().join("i18n").join("fi");
    std::fs::create_dir_all(&lang_dir).unwrap();
    runner(500)
        .run(
            &(pieces(FLUENT), proptest::collection::vec(any::<u8>(), 0..8)),
            |(text, noise)| {
                std::fs::write(lang_dir.join("a.ftl"), &text).unwrap();
                let mut bytes = text.clone().into_bytes();
                bytes.extend_from_slice(&noise);
                std::fs::write(lang_dir.join("b.ftl"), &bytes).unwrap();
                if let Err(errors) = load_language(dir.path(), "fi") {
                    assert!(!errors.is_empty());
                    for e in &errors {
                        assert!(e.location().line >= 1, "{e}");
                    }
                }
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn shortcode_expansion_never_panics_and_maps_offsets_back() {
    let st = stages();
    let data = shortcodes::Data {
        records: &st.content.records,
        bundles: &st.bundles,
        collators: &st.localized.collators,
        publisher: st.localized.publisher.as_deref(),
    };
    runner(1500)
        .run(&pieces(MARKDOWN), |body| {
            if let Ok(ex) = shortcodes::expand(Path::new("a.fi.md"), &body, 1, "fi", &data) {
                for i in 0..=ex.text.len() {
                    assert!(ex.map.original(i) <= body.len());
                }
            }
            Ok(())
        })
        .unwrap();
}

//! A catalogue of broken trees: each is a small edit of `tests/fixtures/check-clean/`, and
//! `build`, `check`, `build --watch` (started on the broken tree, and after the breaking edit
//! is saved into a running watch) and the overlay of `serve` must all report exactly the same
//! errors, each `file:line:column: message`. After the failed build the previous output is
//! untouched.

mod live;
mod support;

use live::{Line, Running, request};
use std::collections::BTreeSet;
use support::TestSite;

/// One edit of a file of the clean tree.
enum Edit {
    /// Replace the first occurrence of `.0` by `.1` (which must be there).
    Replace(&'static str, &'static str, &'static str),
    /// Write the whole file.
    Write(&'static str, &'static str),
    /// Remove the file.
    Remove(&'static str),
}

struct Case {
    name: &'static str,
    edits: &'static [Edit],
    /// Every error, as `file:line:column: message` (see [`expected`]).
    errors: &'static [&'static str],
}

const ABOUT_FI: &str = "content/pages/about.fi.md";
const ABOUT_SV: &str = "content/pages/about.sv.md";

const CASES: &[Case] = &[
    Case {
        name: "same-language absolute link to no page",
        edits: &[Edit::Replace(ABOUT_FI, "(@/_index)", "(/fi/sivut/tieto/)")],
        errors: &[
            "content/pages/about.fi.md:6:14: link to `/fi/sivut/tieto/`: no page or file has this URL — did you mean `/fi/sivut/tietoa/`?",
        ],
    },
    Case {
        name: "relative link to no page",
        edits: &[Edit::Replace(ABOUT_FI, "(@/_index)", "(../olematon/)")],
        errors: &[
            "content/pages/about.fi.md:6:14: link to `../olematon/` (/fi/sivut/olematon/): no page or file has this URL",
        ],
    },
    Case {
        name: "cross-language link to no page",
        edits: &[Edit::Replace(ABOUT_FI, "(@/_index)", "(/sv/sidor/omm/)")],
        errors: &[
            "content/pages/about.fi.md:6:14: link to `/sv/sidor/omm/`: no page or file has this URL — did you mean `/sv/sidor/om/`?",
        ],
    },
    Case {
        name: "@/ link to an unknown page",
        edits: &[Edit::Replace(ABOUT_FI, "(@/_index)", "(@/pages/abuot)")],
        errors: &[
            "content/pages/about.fi.md:6:14: link to `@/pages/abuot`: there is no such page in `fi` — did you mean `@/pages/about`?",
        ],
    },
    Case {
        name: "@/ link to a heading the page does not have",
        edits: &[
            Edit::Replace(ABOUT_SV, "(@/_index)", "(@/_index#valkommen)"),
            Edit::Write(
                "content/_index.sv.md",
                "---\ntitle: Startsida\ntranslated_from: b573a0a6993b00ee\n---\n\n## Välkomna\n\nVälkommen.\n",
            ),
        ],
        errors: &[
            "content/pages/about.sv.md:7:20: link to `@/_index#valkommen`: the page /sv/ has no heading `#valkommen` (its headings are #valkomna)",
        ],
    },
    Case {
        name: "link to a heading of the page itself that it does not have",
        edits: &[Edit::Replace(
            ABOUT_FI,
            "(@/_index).",
            "(@/_index).\n\n## Taustaa\n\nKatso [taustaa](#tausta).",
        )],
        errors: &[
            "content/pages/about.fi.md:10:7: link to `#tausta`: the page /fi/sivut/tietoa/ has no heading `#tausta` (its headings are #taustaa) — did you mean `taustaa`?",
        ],
    },
    Case {
        name: "image that does not exist",
        edits: &[Edit::Replace(
            ABOUT_FI,
            "(@/_index).",
            "(@/_index).\n\n![Kartta](kartta.png)",
        )],
        errors: &[
            "content/pages/about.fi.md:8:1: link to `kartta.png`: there is no file content/pages/kartta.png beside this page",
        ],
    },
    Case {
        name: "image beside the page under a mistyped name",
        edits: &[
            Edit::Write("content/pages/kartta.png", "PNG"),
            Edit::Replace(
                ABOUT_SV,
                "(@/_index).",
                "(@/_index).\n\n![Karta](karta.png)",
            ),
        ],
        errors: &[
            "content/pages/about.sv.md:9:1: link to `karta.png`: there is no file content/pages/karta.png beside this page — did you mean `kartta.png`?",
        ],
    },
    Case {
        name: "link to a draft",
        edits: &[
            Edit::Write(
                "content/pages/plan.fi.md",
                "---\ntitle: Suunnitelma\nslug: suunnitelma\ndraft: true\n---\n\nKesken.\n",
            ),
            Edit::Write(
                "content/pages/plan.sv.md",
                "---\ntitle: Plan\nslug: plan\n---\n\nPågår.\n",
            ),
            Edit::Replace(ABOUT_FI, "(@/_index)", "(@/pages/plan)"),
        ],
        errors: &[
            "content/pages/about.fi.md:6:14: link to `@/pages/plan`: it leads to a draft (`draft: true` in content/pages/plan.fi.md), which a published page cannot link to; publish the draft first or remove the link",
        ],
    },
    Case {
        name: "alias that is another page's URL",
        edits: &[Edit::Replace(
            ABOUT_FI,
            "slug: tietoa\n",
            "slug: tietoa\naliases: [\"/fi/sivut/\"]\n",
        )],
        errors: &[
            "content/pages/about.fi.md:4:12: alias `/fi/sivut/` is the URL of the page content/pages/_index.fi.md; a redirect cannot replace a page",
        ],
    },
    Case {
        name: "unknown front matter field",
        edits: &[Edit::Replace(ABOUT_FI, "title:", "tittle:")],
        errors: &[
            "content/pages/about.fi.md:2:1: unknown field `tittle` (expected one of title, slug, description, template, translation, pending, translated_from, draft, aliases) — did you mean `title`?",
        ],
    },
    Case {
        name: "front matter never closed",
        edits: &[Edit::Write(
            ABOUT_FI,
            "---\ntitle: Tietoa\nslug: tietoa\n\nTämä on sivu.\n",
        )],
        errors: &[
            "content/pages/about.fi.md:1:1: front matter is not closed: no line `---` after the opening one",
        ],
    },
    Case {
        name: "unknown shortcode",
        edits: &[Edit::Replace(
            ABOUT_FI,
            "Tämä on sivu",
            "Tämä on {{ ctiy(id=\"oulu\") }} sivu",
        )],
        errors: &[
            "content/pages/about.fi.md:6:9: unknown shortcode `ctiy` (known: {shortcodes}) — did you mean `city`?",
        ],
    },
    Case {
        name: "unknown shortcode argument",
        edits: &[Edit::Replace(
            ABOUT_FI,
            "Tämä on sivu",
            "Tämä on {{ city(id=\"oulu\", kase=\"locative\") }} sivu",
        )],
        errors: &[
            "content/pages/about.fi.md:6:28: unknown argument `kase` of shortcode `city` (it takes id, case) — did you mean `case`?",
        ],
    },
    Case {
        name: "shortcode without a required argument",
        edits: &[Edit::Replace(
            ABOUT_SV,
            "Det här är en sida",
            "Det här är {{ lang(text=\"kumppanuus\") }} en sida",
        )],
        errors: &["content/pages/about.sv.md:7:12: shortcode `lang` needs the argument `code`"],
    },
    Case {
        name: "unknown city id",
        edits: &[Edit::Replace(
            ABOUT_FI,
            "Tämä on sivu",
            "Tämä on {{ city(id=\"oulu\") }} sivu",
        )],
        errors: &[
            "content/pages/about.fi.md:6:9: unknown city id `oulu` (cities are defined in content/cities/)",
        ],
    },
    Case {
        name: "link that runs script",
        edits: &[Edit::Replace(
            ABOUT_SV,
            "(@/_index)",
            "(javascript:alert(1))",
        )],
        errors: &[
            "content/pages/about.sv.md:7:20: links with the `javascript:` scheme are refused (they can run code in the reader’s browser)",
        ],
    },
    Case {
        name: "translation missing without pending",
        edits: &[Edit::Remove(ABOUT_SV)],
        errors: &[
            "content/pages/about.fi.md:1:1: this page has no `sv` version: write content/pages/about.sv.md or mark this page `pending: [sv]`",
        ],
    },
    Case {
        name: "translation: pending on the translation",
        edits: &[Edit::Replace(
            ABOUT_SV,
            "slug: om\n",
            "slug: om\ntranslation: pending\n",
        )],
        errors: &[
            "content/pages/about.sv.md:4:1: `translation: pending` belongs on the source page content/pages/about.fi.md, as `pending: [sv]`, not on its `sv` translation: until the translation is ready, delete this file and mark the source page; once it is ready, remove this line",
        ],
    },
    Case {
        name: "translation: pending left after the translation exists",
        edits: &[Edit::Replace(
            ABOUT_FI,
            "slug: tietoa\n",
            "slug: tietoa\ntranslation: pending\n",
        )],
        errors: &[
            "content/pages/about.fi.md:4:1: `translation: pending`, but this page exists in every language (fi, sv): remove the line",
        ],
    },
    Case {
        name: "pending language left after its translation exists",
        edits: &[Edit::Replace(
            ABOUT_FI,
            "slug: tietoa\n",
            "slug: tietoa\npending: [sv]\n",
        )],
        errors: &[
            "content/pages/about.fi.md:4:11: `sv` is pending, but content/pages/about.sv.md exists: remove `sv` from `pending`",
        ],
    },
    Case {
        name: "language_status for a language that is not configured",
        edits: &[Edit::Replace(
            "content/site.yaml",
            "sections: [pages]\n",
            "sections: [pages]\nlanguage_status: { en: in-progress }\n",
        )],
        errors: &[
            "content/site.yaml:5:20: language_status names `en`, which is not one of the languages (fi, sv)",
        ],
    },
    Case {
        name: "Fluent syntax error",
        edits: &[Edit::Replace(
            "i18n/sv/ui.ftl",
            "kind-page = Sida",
            "kind-page Sida",
        )],
        errors: &["i18n/sv/ui.ftl:8:11: Fluent syntax error: Expected a token starting with \"=\""],
    },
    Case {
        name: "template syntax error",
        edits: &[Edit::Replace("templates/page.html", "{% block", "{% blok")],
        errors: &["templates/page.html:2:4: unknown tag `blok` — did you mean `block`?"],
    },
    Case {
        name: "unknown template filter",
        edits: &[Edit::Replace(
            "templates/page.html",
            "{{ page.title }}",
            "{{ page.title | uper }}",
        )],
        errors: &["templates/page.html:2:37: unknown filter `uper`"],
    },
    Case {
        name: "front matter quote never closed",
        edits: &[Edit::Replace(ABOUT_FI, "title: Tietoa", "title: \"Tietoa")],
        errors: &[
            "content/pages/about.fi.md:2:8: YAML syntax error: the quoted value that starts here is never closed: end it with \" on this line",
        ],
    },
    Case {
        name: "Fluent placeable never closed",
        edits: &[Edit::Replace(
            "i18n/sv/ui.ftl",
            "pending-body = Den här sidan",
            "pending-body = Den här sidan { $x",
        )],
        errors: &[
            "i18n/sv/ui.ftl:13:30: Fluent syntax error: this `{` is never closed: end the placeable with `}`",
        ],
    },
];

fn apply(site: &TestSite, edits: &[Edit]) {
    for e in edits {
        match e {
            Edit::Replace(path, from, to) => {
                let p = site.root.join(path);
                let text = std::fs::read_to_string(&p).unwrap();
                assert!(text.contains(from), "{path} lacks {from:?}");
                std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
            }
            Edit::Write(path, text) => std::fs::write(site.root.join(path), text).unwrap(),
            Edit::Remove(path) => std::fs::remove_file(site.root.join(path)).unwrap(),
        }
    }
}

/// The `error: …` lines of a report, without the prefix.
fn error_lines(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .map(str::to_string)
        .collect()
}

/// The errors of `case`; `{shortcodes}` stands for the list of known shortcodes, which grows.
fn expected(case: &Case) -> BTreeSet<String> {
    let names = kumppani::markdown::shortcodes::names()
        .collect::<Vec<_>>()
        .join(", ");
    case.errors
        .iter()
        .map(|s| s.replace("{shortcodes}", &names))
        .collect()
}

fn check_errors(site: TestSite) -> (TestSite, BTreeSet<String>) {
    let site = site.run(&["check", "--format", "json"]);
    assert!(!site.success(), "check passed");
    let json: serde_json::Value = serde_json::from_str(&site.stdout()).unwrap();
    let errors = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            format!(
                "{}:{}:{}: {}",
                p["file"].as_str().unwrap(),
                p["line"],
                p["column"],
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    (site, errors)
}

/// Waits for the first, failed build of a watch session and returns its stderr.
fn first_build_failed(child: &mut Running) -> String {
    let done = |l: &Line| matches!(l, Line::Err(s) if s.contains("fix and save to build"));
    if child.seen.iter().any(done) {
        return child.stderr_since(0);
    }
    child.wait_for(
        "a failed first build",
        |l| matches!(l, Line::Err(s) if s.contains("fix and save to build")),
    );
    child.stderr_since(0)
}

fn run_case(case: &Case) {
    let want = expected(case);
    let name = case.name;
    // build: fails with exactly these errors and leaves the previous output as it was.
    let site = TestSite::bare_fixture("check-clean").build();
    let before = site.snapshot();
    apply(&site, case.edits);
    let site = site.run(&["build"]);
    assert!(!site.success(), "{name}: build passed");
    assert_eq!(error_lines(&site.stderr()), want, "{name}: build");
    assert_eq!(
        site.snapshot(),
        before,
        "{name}: the failed build changed the output"
    );

    // check: the same errors.
    let (site, errors) = check_errors(site);
    assert_eq!(errors, want, "{name}: check");

    // build --watch started on the broken tree.
    {
        let mut child = Running::start(&site.root, &["build", "--watch"]);
        let text = first_build_failed(&mut child);
        assert_eq!(
            error_lines(&text),
            want,
            "{name}: build --watch, first build"
        );
    }

    // serve started on the broken tree: the overlay's error is the same report.
    {
        let mut child = Running::start(&site.root, &["serve", "--port", "0"]);
        let line = child.wait_out("serving ");
        let port: u16 = line
            .rsplit(':')
            .next()
            .and_then(|p| p.trim_end_matches('/').parse().ok())
            .unwrap();
        first_build_failed(&mut child);
        let (status, body) = request(port, "GET", "/_kumppani/events");
        assert_eq!(status, 200);
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        let overlay = json["error"].as_str().unwrap_or_default();
        assert_eq!(error_lines(overlay), want, "{name}: serve overlay");
        // Every URL is the error page, with the same report and the live-reload script.
        let (status, page) = request(port, "GET", "/fi/");
        assert_eq!(status, 503, "{name}: serve /fi/");
        assert!(page.contains("/_kumppani/reload.js"), "{name}: {page}");
        let shown = page
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let report = shown
            .split("<pre id=\"kumppani-report\">")
            .nth(1)
            .and_then(|r| r.split("</pre>").next())
            .unwrap_or_default();
        assert_eq!(error_lines(report), want, "{name}: serve's error page");
    }

    // build --watch on the clean tree, then the breaking edit saved while it runs.
    let clean = TestSite::bare_fixture("check-clean");
    let mut child = Running::start(&clean.root, &["build", "--watch"]);
    child.wait_out("built ");
    child.wait_out("watching ");
    child.settle();
    apply(&clean, case.edits);
    let text = child.failed();
    assert_eq!(
        error_lines(&text),
        want,
        "{name}: build --watch, after the edit"
    );
}

#[test]
fn every_broken_tree_fails_alike_in_build_check_watch_and_serve() {
    assert!(
        CASES.len() >= 15,
        "the catalogue holds {} trees",
        CASES.len()
    );
    for case in CASES {
        run_case(case);
    }
}

//! Issue 6, watch under stress: 1,000 saves in quick succession, some of them broken, end with
//! an output identical to a clean full build of the final state.

mod live;
mod support;

use std::time::{Duration, Instant};

use live::{Running, files};
use support::TestSite;

/// The files the saves rotate through, with a good and a broken version of each save.
struct Target {
    path: &'static str,
    /// Makes a good version from the original text and the save's number.
    good: fn(&str, usize) -> String,
    /// Makes a broken version (a user error the build must reject, not a panic).
    broken: fn(&str) -> String,
}

const TARGETS: [Target; 5] = [
    // A page body: the fast path.
    Target {
        path: "content/partnerships/strategic-alliance.fi.md",
        good: |s, i| format!("{s}\nTallennus {i}.\n"),
        broken: |s| s.replacen("title:", "tittle:", 1),
    },
    // Front matter: title (and so listings and the twin's switcher) changes.
    Target {
        path: "content/partnerships/vitality.fi.md",
        good: |s, i| s.replacen("title: ", &format!("title: {i} "), 1),
        broken: |s| s.replacen("---\n", "---\ntitle: [\n", 1),
    },
    // A record: the pages that show it.
    Target {
        path: "content/cities/oulu.yaml",
        good: |s, i| {
            if i % 2 == 0 {
                s.to_string()
            } else {
                s.replace("pohjois-pohjanmaa", "kainuu")
            }
        },
        broken: |s| format!("{s}\tregion: x\n"),
    },
    // Fluent: every Swedish page that names Uleåborg.
    Target {
        path: "i18n/sv/names.ftl",
        good: |s, i| {
            s.replace(
                "*[nominative] Uleåborg",
                &format!("*[nominative] Uleåborg {i}"),
            )
        },
        broken: |s| format!("{s}\nthis is junk\n"),
    },
    // A template: the pages that use it.
    Target {
        path: "templates/theme.html",
        good: |s, i| format!("{s}{{# tallennus {i} #}}\n"),
        broken: |s| s.replacen("{% endif %}", "{% endiff %}", 1),
    },
];

const SAVES: usize = 1_000;

#[test]
fn a_thousand_quick_saves_some_broken_end_equal_to_a_clean_build() {
    let site = TestSite::repo().build();
    let originals: Vec<String> = TARGETS
        .iter()
        .map(|t| std::fs::read_to_string(site.root.join(t.path)).unwrap())
        .collect();
    let mut child = Running::start(&site.root, &["build", "--watch"]);
    child.wait_out("built ");
    child.wait_out("watching ");

    let started = Instant::now();
    for i in 0..SAVES {
        let k = i % TARGETS.len();
        let t = &TARGETS[k];
        // Every seventh save is broken; the next save of the same file repairs it.
        let text = if i % 7 == 3 {
            (t.broken)(&originals[k])
        } else {
            (t.good)(&originals[k], i)
        };
        std::fs::write(site.root.join(t.path), text).unwrap();
        if i % 50 == 0 {
            // Now and then a pause as long as one debounce, so that rebuilds really interleave
            // with the saves instead of all landing in one batch.
            std::thread::sleep(Duration::from_millis(25));
        }
    }
    // The final state: every file in a good version.
    for (k, t) in TARGETS.iter().enumerate() {
        std::fs::write(site.root.join(t.path), (t.good)(&originals[k], SAVES + k)).unwrap();
    }
    let saving = started.elapsed();

    // A last save with a marker: once its rebuild is reported, every earlier save was seen.
    let sentinel = "content/about/_index.fi.md";
    let text = std::fs::read_to_string(site.root.join(sentinel)).unwrap();
    std::fs::write(
        site.root.join(sentinel),
        format!("{text}\nViimeinen tallennus.\n"),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let out = site.out();
    loop {
        child.settle();
        let about = files(&out)
            .get("fi/tietoa-palvelusta/index.html")
            .map(|(b, _)| String::from_utf8_lossy(b).contains("Viimeinen tallennus."))
            .unwrap_or(false);
        if about {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the watcher never caught up with the last save; it printed:\n{:#?}",
            child.seen
        );
    }
    child.settle();
    let printed = child.seen.clone();
    drop(child);
    assert!(
        !printed
            .iter()
            .any(|l| format!("{l:?}").contains("panicked")),
        "the watcher panicked:\n{printed:#?}"
    );
    let failures = printed
        .iter()
        .filter(|l| format!("{l:?}").contains("the last good output stays"))
        .count();
    eprintln!(
        "{SAVES} saves in {saving:?}; {} lines printed, {failures} failed rebuilds",
        printed.len()
    );

    // The watched output equals a clean build of the final sources.
    live::assert_equals_clean_build(&site.root, &out);
    let watched = files(&out);
    assert!(
        String::from_utf8_lossy(&watched["sv/partnerskap/strategiska-alliansen/index.html"].0)
            .contains(&format!("Uleåborg {}", SAVES + 3)),
        "the final Swedish name is not shown"
    );
}

//! Benchmark: the editor's loop under `build --watch`, on the repository's portal plus N
//! generated page pairs, for each kind of edit: a page's body, a page's title (front matter),
//! a record (a contact's phone number), a Fluent name (a Swedish city name) and a template
//! (the booklet's chapter template, used by every generated page).
//!
//! `cargo run --release --bin watch_bench -- [N…] [--closed] [--kind NAME]…` (default: 1000
//! 10000, every kind; `--kind title` measures only that kind, for a profile). Prints,
//! per N, the initial build time and, per kind of edit, the median and 90th percentile of
//! save → first affected file holding the change (polled every millisecond on one page that
//! shows the change), of save → rebuild done (event delivery and debounce included), and of
//! the rebuild alone. Timings belong here, never in a test: the machines are shared and noisy.
//!
//! The polled page counts as open in a browser, as `serve` learns from the page's live-reload
//! poll, so each rebuild writes it first; `--closed` measures `build --watch` without a
//! browser, where only the saved page itself goes first.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use kumppani::watch::{Event, OpenPages, Session, Watching};

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(from)
            .map_err(std::io::Error::other)?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// The repository's portal plus `n` Finnish–Swedish page pairs in the booklet section.
fn generate(dir: &Path, n: usize) -> std::io::Result<()> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for d in ["content", "templates", "i18n"] {
        copy_tree(&repo.join(d), &dir.join(d))?;
    }
    for i in 0..n {
        for (lang, title, slug, word) in [
            ("fi", "Sivu", "sivu", "Kappale"),
            ("sv", "Sida", "sida", "Stycke"),
        ] {
            std::fs::write(
                dir.join(format!("content/booklet/gen-{i:05}.{lang}.md")),
                format!(
                    "---\ntitle: {title} {i}\nslug: {slug}-{i}\ndescription: {title} {i}.\n---\n{word} {i}: lorem ipsum dolor sit amet, *consectetur* adipiscing elit.\n\n## {title}\n\n{word} kaksi, [linkki](@/booklet/01-relationship).\n"
                ),
            )?;
        }
    }
    Ok(())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// One kind of edit: which source to change, how, and which output file shows it.
struct Kind {
    name: &'static str,
    /// Saves made of this kind.
    samples: usize,
    /// The source file edited, relative to the site's root.
    source: fn(usize) -> String,
    /// The new text of the source for sample `s`, from its original text.
    edit: fn(&str, usize) -> String,
    /// The output file (relative to the output directory) that shows the edit of sample `s`.
    output: fn(&Outputs, usize) -> String,
    /// Whether the output's bytes hold the edit of sample `s`.
    holds: fn(&str, usize) -> bool,
}

/// The output paths the kinds of edit look at, read from the first build.
struct Outputs {
    /// Output path of generated page `i` in Finnish.
    generated_fi: Vec<String>,
    contacts_fi: String,
    oulu_sv: String,
}

fn gen_index(s: usize, n: usize) -> usize {
    (s * 7919) % n.max(1)
}

const KINDS: [Kind; 5] = [
    Kind {
        name: "body",
        samples: 25,
        source: |i| format!("content/booklet/gen-{i:05}.fi.md"),
        edit: |text, s| format!("{text}\nMuokkaus {s}.\n"),
        output: |o, i| o.generated_fi[i].clone(),
        holds: |html, s| html.contains(&format!("Muokkaus {s}.")),
    },
    Kind {
        name: "title",
        samples: 5,
        source: |i| format!("content/booklet/gen-{i:05}.fi.md"),
        edit: |text, s| text.replacen("\ntitle: Sivu ", &format!("\ntitle: Otsikko{s} Sivu "), 1),
        output: |o, i| o.generated_fi[i].clone(),
        holds: |html, s| html.contains(&format!("Otsikko{s} Sivu")),
    },
    Kind {
        name: "record",
        samples: 5,
        source: |_| "content/contacts/katja-palonen.yaml".into(),
        edit: |text, s| text.replace("0295 047 071", &format!("0295 047 1{s:02}")),
        output: |o, _| o.contacts_fi.clone(),
        // The shown number has no-break spaces; the `tel:` link is plain.
        holds: |html, s| html.contains(&format!("tel:+3582950471{s:02}")),
    },
    Kind {
        name: "fluent name",
        samples: 5,
        source: |_| "i18n/sv/names.ftl".into(),
        // Upper case keeps the slug (`uleaborg`), so only the shown name changes.
        edit: |text, s| {
            if s % 2 == 0 {
                text.replace("Uleåborg", "ULEÅBORG")
            } else {
                text.replace("ULEÅBORG", "Uleåborg")
            }
        },
        output: |o, _| o.oulu_sv.clone(),
        holds: |html, s| html.contains("ULEÅBORG") == (s % 2 == 0),
    },
    Kind {
        name: "template",
        samples: 5,
        source: |_| "templates/chapter.html".into(),
        edit: |text, s| {
            text.replacen(
                "{% block main %}",
                &format!("{{% block main %}}<!-- v{s} -->"),
                1,
            )
        },
        output: |o, i| o.generated_fi[i].clone(),
        holds: |html, s| html.contains(&format!("<!-- v{s} -->")),
    },
];

/// The output paths of the pages each kind of edit changes.
fn outputs(session: &Session, n: usize) -> Result<Outputs, String> {
    let localized = session.localized();
    let path_of = |pred: &dyn Fn(&kumppani::i18n::localize::LPage) -> bool, what: &str| {
        localized
            .pages
            .iter()
            .find(|p| pred(p))
            .map(|p| kumppani::render::output_path(&localized.base_path, &p.url))
            .ok_or_else(|| format!("no page for {what}"))
    };
    let mut generated_fi = Vec::with_capacity(n);
    let by_source: std::collections::HashMap<&Path, &kumppani::i18n::localize::LPage> = localized
        .pages
        .iter()
        .filter_map(|p| p.source.as_deref().map(|s| (s, p)))
        .collect();
    for i in 0..n {
        let src = PathBuf::from(format!("content/booklet/gen-{i:05}.fi.md"));
        let page = by_source
            .get(src.as_path())
            .ok_or_else(|| format!("no page for {}", src.display()))?;
        generated_fi.push(kumppani::render::output_path(
            &localized.base_path,
            &page.url,
        ));
    }
    Ok(Outputs {
        generated_fi,
        contacts_fi: path_of(&|p| p.lang == "fi" && p.key == "contacts", "contacts (fi)")?,
        oulu_sv: path_of(
            &|p| p.lang == "sv" && p.key == "cities/oulu",
            "cities/oulu (sv)",
        )?,
    })
}

/// Timings of one kind of edit, in milliseconds.
#[derive(Default)]
struct Timings {
    first_file: Vec<f64>,
    done: Vec<f64>,
    rebuild: Vec<f64>,
}

/// The message a rebuild sends back: when it was done, and its own duration, or the error.
type Done = Result<(Instant, u128), String>;

/// Saves `kind`'s edits one by one and measures each.
fn measure(
    root: &Path,
    out: &Path,
    outputs: &Outputs,
    n: usize,
    kind: &Kind,
    rx: &mpsc::Receiver<Done>,
    open: Option<&OpenPages>,
) -> Result<Timings, String> {
    let mut t = Timings::default();
    for s in 0..kind.samples {
        let i = gen_index(s, n);
        let src = root.join((kind.source)(i));
        let original = std::fs::read_to_string(&src).map_err(|e| e.to_string())?;
        let edited = (kind.edit)(&original, s);
        if edited == original {
            return Err(format!(
                "the {} edit changed nothing in {}",
                kind.name,
                src.display()
            ));
        }
        let page = (kind.output)(outputs, i);
        if let Some(open) = open {
            // What the page's live-reload poll tells `serve`.
            open.seen(&format!("/{page}"));
        }
        let target = out.join(&page);
        let saved = Instant::now();
        std::fs::write(&src, &edited).map_err(|e| e.to_string())?;
        // Poll the affected file until it holds the change (or the rebuild reports).
        let mut first = None;
        let mut result = None;
        while first.is_none() || result.is_none() {
            if first.is_none()
                && std::fs::read_to_string(&target).is_ok_and(|html| (kind.holds)(&html, s))
            {
                first = Some(saved.elapsed());
            }
            if result.is_none() {
                match rx.recv_timeout(Duration::from_millis(1)) {
                    Ok(r) => result = Some(r?),
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(e) => return Err(e.to_string()),
                }
            }
            if saved.elapsed() > Duration::from_secs(120) {
                return Err(format!("{}: no rebuild within 120 s", kind.name));
            }
            if result.is_some() && first.is_none() {
                // The rebuild is done: the file must hold the change now.
                let html = std::fs::read_to_string(&target).map_err(|e| e.to_string())?;
                if !(kind.holds)(&html, s) {
                    return Err(format!(
                        "{}: {} does not show the edit",
                        kind.name,
                        target.display()
                    ));
                }
                first = Some(saved.elapsed());
            }
        }
        let (done, millis) = result.unwrap_or((saved, 0));
        t.first_file
            .push(first.unwrap_or_default().as_secs_f64() * 1000.0);
        t.done.push((done - saved).as_secs_f64() * 1000.0);
        t.rebuild.push(millis as f64);
        // Put the source back for the next kind (the body kind appends; each title sample
        // starts from the original), and let the watcher go quiet so samples do not overlap.
        if kind.name != "body" && kind.name != "fluent name" {
            std::thread::sleep(Duration::from_millis(150));
            while rx.try_recv().is_ok() {}
            std::fs::write(&src, &original).map_err(|e| e.to_string())?;
            let _ = rx.recv_timeout(Duration::from_secs(120));
        }
        std::thread::sleep(Duration::from_millis(150));
        while rx.try_recv().is_ok() {}
    }
    Ok(t)
}

fn run(n: usize, closed: bool, only: &[String]) -> Result<(), String> {
    let tmp = std::env::temp_dir().join(format!("kumppani-bench-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    generate(&tmp, n).map_err(|e| e.to_string())?;
    let options = kumppani::Options {
        root: tmp.clone(),
        out: tmp.join("public"),
        force: false,
        overrides: kumppani::config::Overrides::default(),
    };
    let t = Instant::now();
    let (mut session, report) = Session::start(&options).map_err(|e| e.to_string())?;
    let initial = t.elapsed();
    let outputs = outputs(&session, n)?;
    let open = Arc::new(OpenPages::default());
    let watching = Watching::new(&tmp)
        .map_err(|e| e.to_string())?
        .showing_first(Arc::clone(&open), Arc::new(|_: &[String]| {}));
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    let stop2 = Arc::clone(&stop);
    let worker = std::thread::spawn(move || {
        watching.rebuild_on_change(&mut session, &stop2, |event| {
            let msg = match event {
                Event::Rebuilt(_, _, r) => Ok((Instant::now(), r.millis)),
                Event::Failed(_, _, e) => Err(e.to_string()),
                Event::Started(..) | Event::NotStarted(_) => return,
            };
            let _ = tx.send(msg);
        });
    });
    println!(
        "N={n} pairs ({} pages): initial build {} ms (debounce {} ms quiet included below); polled page {}",
        report.pages_by_lang.values().sum::<usize>(),
        initial.as_millis(),
        kumppani::watch::QUIET.as_millis(),
        if closed {
            "not open in a browser"
        } else {
            "open in a browser"
        },
    );
    let mut result = Ok(());
    for kind in KINDS
        .iter()
        .filter(|k| only.is_empty() || only.iter().any(|o| o == k.name))
    {
        let open = (!closed).then_some(open.as_ref());
        match measure(&tmp, &tmp.join("public"), &outputs, n, kind, &rx, open) {
            Ok(mut t) => {
                for v in [&mut t.first_file, &mut t.done, &mut t.rebuild] {
                    v.sort_by(f64::total_cmp);
                }
                println!(
                    "  {:<12} ({:>2} saves) save → first affected file: median {:>7.1} ms, p90 {:>7.1} ms; save → rebuild done: median {:>7.1} ms; rebuild alone: median {:>7.1} ms",
                    kind.name,
                    kind.samples,
                    percentile(&t.first_file, 0.5),
                    percentile(&t.first_file, 0.9),
                    percentile(&t.done, 0.5),
                    percentile(&t.rebuild, 0.5),
                );
            }
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    let _ = worker.join();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let closed = args.iter().any(|a| a == "--closed");
    let only: Vec<String> = args
        .windows(2)
        .filter(|w| w[0] == "--kind")
        .map(|w| w[1].clone())
        .collect();
    if let Some(k) = only
        .iter()
        .find(|o| !KINDS.iter().any(|k| k.name == o.as_str()))
    {
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        eprintln!("unknown kind `{k}`: one of {}", names.join(", "));
        return std::process::ExitCode::FAILURE;
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1000, 10_000]
    } else {
        sizes
    };
    for n in sizes {
        if let Err(e) = run(n, closed, &only) {
            eprintln!("N={n}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}

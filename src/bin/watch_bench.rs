//! Benchmark: the time from saving one page to its output being written, under
//! `build --watch`, on the repository's portal plus N generated page pairs.
//!
//! `cargo run --release --bin watch_bench -- [N…]` (default: 1000 10000). Prints, per N, the
//! initial build time and the median and 90th percentile of save → output written (event
//! delivery and debounce included) and of the rebuild alone.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use kumppani::watch::{Event, Session, Watching};

const SAMPLES: usize = 25;

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
        for (lang, title, word) in [("fi", "Sivu", "Kappale"), ("sv", "Sida", "Stycke")] {
            std::fs::write(
                dir.join(format!("content/booklet/gen-{i:05}.{lang}.md")),
                format!(
                    "---\ntitle: {title} {i}\ndescription: {title} {i}.\n---\n{word} {i}: lorem ipsum dolor sit amet, *consectetur* adipiscing elit.\n\n## {title}\n\n{word} kaksi, [linkki](@/booklet/01-relationship).\n"
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

fn run(n: usize) -> Result<(), String> {
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
    let watching = Watching::new(&tmp).map_err(|e| e.to_string())?;
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    let stop2 = Arc::clone(&stop);
    let worker = std::thread::spawn(move || {
        watching.rebuild_on_change(&mut session, &stop2, |event| {
            let msg = match event {
                Event::Rebuilt(_, _, r) => Ok((Instant::now(), r.millis, r.rendered)),
                Event::Failed(_, _, e) => Err(e.to_string()),
                Event::Started(..) | Event::NotStarted(_) => return,
            };
            let _ = tx.send(msg);
        });
    });
    let mut end_to_end = Vec::new();
    let mut rebuild = Vec::new();
    for s in 0..SAMPLES {
        let i = (s * 7919) % n.max(1);
        let src = tmp.join(format!("content/booklet/gen-{i:05}.fi.md"));
        let text = std::fs::read_to_string(&src).map_err(|e| e.to_string())?;
        let saved = Instant::now();
        std::fs::write(&src, format!("{text}\nMuokkaus {s}.\n")).map_err(|e| e.to_string())?;
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(Ok((done, millis, rendered))) => {
                if rendered != 1 {
                    return Err(format!("a one-page save re-rendered {rendered} pages"));
                }
                end_to_end.push((done - saved).as_secs_f64() * 1000.0);
                rebuild.push(millis as f64);
            }
            Ok(Err(e)) => return Err(e),
            Err(_) => return Err("no rebuild within 60 s".into()),
        }
        // Let the watcher go quiet so samples do not overlap.
        std::thread::sleep(Duration::from_millis(150));
        while rx.try_recv().is_ok() {}
    }
    stop.store(true, Ordering::Relaxed);
    let _ = worker.join();
    end_to_end.sort_by(f64::total_cmp);
    rebuild.sort_by(f64::total_cmp);
    println!(
        "N={n} pairs ({} pages): initial build {} ms; save → output written: median {:.1} ms, p90 {:.1} ms (debounce {} ms quiet included); rebuild alone: median {:.1} ms",
        report.pages_by_lang.values().sum::<usize>(),
        initial.as_millis(),
        percentile(&end_to_end, 0.5),
        percentile(&end_to_end, 0.9),
        kumppani::watch::QUIET.as_millis(),
        percentile(&rebuild, 0.5),
    );
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(())
}

fn main() -> std::process::ExitCode {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1000, 10_000]
    } else {
        sizes
    };
    for n in sizes {
        if let Err(e) = run(n) {
            eprintln!("N={n}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    std::process::ExitCode::SUCCESS
}

//! `bench`: builds generated corpora and prints wall time, pages per second, peak RSS and the
//! time of each stage, beside Hugo on the same pages when `hugo` is installed.
//!
//! Usage (from the repo root, after `cargo build --release`):
//! `target/release/bench [--pairs 1000,10000] [--runs 5] [--seed 1] [--dir /tmp/kumppani-bench] [--fresh] [--no-hugo] [--search-only]`
//!
//! Each build runs as a child process (`kumppani build --timings`, `hugo`), reaped with
//! `wait4` so its peak RSS is the kernel's `ru_maxrss`. One untimed warm-up build per tool
//! fills the page cache and the output directory; the timed runs then rebuild into the existing
//! output (what an editor or CI does), or into an emptied one with `--fresh` (emptying untimed).
//! Runs of the two tools alternate so that load from other processes hits both alike.
//!
//! Search figures, for the portal itself and for each size: the bytes a one-word query moves
//! with a cold cache (gzip, as a web server sends them: the search page, its scripts, the
//! index files the engine asks for and the result pages it reads excerpts from; listed by
//! `node tests/browser/payload.mjs`), the index build time (`search=` of `--timings`) beside
//! the whole build, and the index size on disk. `--search-only` skips the timed runs.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// One timed child run.
struct Run {
    wall: Duration,
    /// Peak resident set, KiB.
    rss_kib: u64,
    /// Stage times (ms) parsed from `timings …`, in order load, localize, markdown, templates,
    /// write, and then search (a part of the others).
    stages: Vec<f64>,
}

const STAGES: [&str; 6] = [
    "load",
    "localize",
    "markdown",
    "templates",
    "write",
    "search",
];

/// The one-word queries measured, per language: the commonest word of each, so the largest
/// chunk and a full page of results.
const QUERIES: [(&str, &str, &str); 2] = [
    ("fi", "kaupunki", "fi/haku/index.html"),
    ("sv", "stad", "sv/sok/index.html"),
];

/// Bytes of `bytes` gzipped as nginx sends them by default (`gzip_comp_level 1`).
fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(1));
    let _ = e.write_all(bytes);
    e.finish().map_or(0, |v| v.len())
}

/// Size and count of the files under `dir`, recursively.
fn disk_size(dir: &Path) -> (u64, usize) {
    let mut total = (0, 0);
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                let (b, n) = disk_size(&p);
                total.0 += b;
                total.1 += n;
            } else if let Ok(m) = e.metadata() {
                total.0 += m.len();
                total.1 += 1;
            }
        }
    }
    total
}

/// Prints the search figures of the site built into `out` (see the module doc); `wall_ms` and
/// `search_ms` are the build's wall time and index time.
fn search_figures(out: &Path, wall_ms: f64, search_ms: f64) -> Result<(), String> {
    let langs: Vec<&str> = QUERIES.iter().map(|q| q.0).collect();
    let (bytes, files) = langs
        .iter()
        .map(|l| disk_size(&out.join("search").join(l)))
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "  search index: built in {search_ms:.0} ms ({:.1}% of the {wall_ms:.0} ms build), {:.2} MB on disk in {files} files",
        100.0 * search_ms / wall_ms,
        bytes as f64 / 1e6
    );
    // The page's scripts, under their content-hashed names.
    let scripts: Vec<PathBuf> = std::fs::read_dir(out.join("search"))
        .map_err(|e| format!("{}: {e}", out.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "js"))
        .collect();
    for (lang, word, page) in QUERIES {
        let listed = Command::new("node")
            .arg("tests/browser/payload.mjs")
            .arg(out)
            .args([lang, word])
            .output()
            .map_err(|e| format!("node (needed for the payload figure): {e}"))?;
        if !listed.status.success() {
            return Err(format!(
                "payload.mjs: {}",
                String::from_utf8_lossy(&listed.stderr)
            ));
        }
        let report: serde_json::Value =
            serde_json::from_slice(&listed.stdout).map_err(|e| e.to_string())?;
        let mut paths: Vec<PathBuf> = vec![out.join(page)];
        paths.extend(scripts.iter().cloned());
        let mut seen = std::collections::HashSet::new();
        for f in report["files"].as_array().into_iter().flatten() {
            if let Some(f) = f.as_str()
                && seen.insert(f.to_string())
            {
                paths.push(out.join(f));
            }
        }
        let mut wire = 0;
        for p in &paths {
            let b = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            wire += gzipped(&b);
        }
        println!(
            "  one-word query `{word}` ({lang}), cold cache: {:.1} kB gzip in {} files (page, scripts, index, 10 result pages; {} results)",
            wire as f64 / 1000.0,
            paths.len(),
            report["results"]
        );
    }
    Ok(())
}

/// Runs `cmd` to completion; wall time, peak RSS and its stdout.
fn run(cmd: &mut Command) -> Result<(Duration, u64, String), String> {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut s) = child.stdout.take() {
        let _ = s.read_to_string(&mut out);
    }
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_string(&mut err);
    }
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our unreaped child; status and usage point to live locals.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if rc != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return Err(format!("{cmd:?} failed:\n{out}{err}"));
    }
    // ru_maxrss is in KiB on Linux.
    Ok((wall, usage.ru_maxrss as u64, out))
}

fn parse_stages(stdout: &str) -> Vec<f64> {
    let Some(line) = stdout.lines().find(|l| l.starts_with("timings ")) else {
        return Vec::new();
    };
    STAGES
        .iter()
        .map(|s| {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(&format!("{s}=")[..]))
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN)
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

struct Summary {
    wall_s: f64,
    rss_mib: f64,
    stages: Vec<f64>,
    walls: Vec<f64>,
}

fn summarize(runs: &[Run]) -> Summary {
    let walls: Vec<f64> = runs.iter().map(|r| r.wall.as_secs_f64()).collect();
    Summary {
        wall_s: median(walls.clone()),
        rss_mib: runs.iter().map(|r| r.rss_kib).max().unwrap_or(0) as f64 / 1024.0,
        stages: (0..STAGES.len())
            .map(|i| {
                median(
                    runs.iter()
                        .filter_map(|r| r.stages.get(i).copied())
                        .collect(),
                )
            })
            .collect(),
        walls,
    }
}

fn arg<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn main() -> ExitCode {
    match main_inner() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The command line, parsed.
struct Args {
    pairs: Vec<usize>,
    runs: usize,
    seed: String,
    dir: PathBuf,
    /// Empty the output before each timed run.
    fresh: bool,
    search_only: bool,
    no_hugo: bool,
}

fn parse_args() -> Result<Args, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pairs: Vec<usize> = arg(&args, "--pairs")
        .unwrap_or("1000,10000")
        .split(',')
        .map(|s| s.trim().parse().map_err(|_| format!("bad --pairs `{s}`")))
        .collect::<Result<_, _>>()?;
    let runs: usize = arg(&args, "--runs")
        .unwrap_or("5")
        .parse()
        .map_err(|_| "bad --runs")?;
    Ok(Args {
        pairs,
        runs,
        seed: arg(&args, "--seed").unwrap_or("1").to_string(),
        dir: PathBuf::from(arg(&args, "--dir").unwrap_or("/tmp/kumppani-bench")),
        fresh: args.iter().any(|a| a == "--fresh"),
        search_only: args.iter().any(|a| a == "--search-only"),
        no_hugo: args.iter().any(|a| a == "--no-hugo"),
    })
}

/// The programs the benchmark runs.
struct Tools {
    kumppani: PathBuf,
    corpus: PathBuf,
    /// Hugo's version line, when it is installed and wanted.
    hugo: Option<String>,
}

/// `kumppani` and `corpus` beside this executable; Hugo from the `PATH`.
fn tools(args: &Args) -> Result<Tools, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin = exe.parent().ok_or("no exe dir")?;
    let hugo = (!args.no_hugo)
        .then(|| Command::new("hugo").arg("version").output().ok())
        .flatten()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    Ok(Tools {
        kumppani: bin.join("kumppani"),
        corpus: bin.join("corpus"),
        hugo,
    })
}

/// The header: machine, tools and settings.
fn print_setup(args: &Args, tools: &Tools) {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("machine: {cores} cores, {cpu}");
    println!("kumppani: {}", tools.kumppani.display());
    println!(
        "hugo: {}",
        tools
            .hugo
            .as_deref()
            .unwrap_or("not installed (apt-get install -y hugo)")
    );
    println!(
        "runs: {} per size (medians), {} output, seed {}\n",
        args.runs,
        if args.fresh { "fresh" } else { "existing" },
        args.seed
    );
}

/// `kumppani build --root <root> --out <out> --timings`.
fn build_cmd(kumppani: &Path, root: &Path, out: &Path) -> Command {
    let mut c = Command::new(kumppani);
    c.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .arg("--timings");
    c
}

/// The portal itself, once (after a warm-up build): its search figures.
fn portal(args: &Args, tools: &Tools) -> Result<(), String> {
    let portal_out = args.dir.join("portal");
    let repo = std::env::current_dir().map_err(|e| e.to_string())?;
    let mut portal = build_cmd(&tools.kumppani, &repo, &portal_out);
    run(&mut portal)?;
    let (wall, _, out) = run(&mut portal)?;
    println!("portal:");
    search_figures(
        &portal_out,
        wall.as_secs_f64() * 1000.0,
        parse_stages(&out).get(5).copied().unwrap_or(f64::NAN),
    )?;
    println!();
    Ok(())
}

/// The figures of one corpus size: ours, and Hugo's when it ran.
struct Row {
    pairs: usize,
    ours: Summary,
    hugo: Option<Summary>,
}

/// Generates the corpus of `n` pairs, warms up, then times `args.runs` builds of each tool.
/// `None` with `--search-only`, after the search figures of the warm-up build.
fn size(n: usize, args: &Args, tools: &Tools) -> Result<Option<Row>, String> {
    let ours_root = args.dir.join(format!("kumppani-{n}"));
    let hugo_root = args.dir.join(format!("hugo-{n}"));
    let mut gen_cmd = Command::new(&tools.corpus);
    gen_cmd.arg(&ours_root).arg(n.to_string()).arg(&args.seed);
    if tools.hugo.is_some() {
        gen_cmd.arg("--hugo").arg(&hugo_root);
    }
    run(&mut gen_cmd)?;
    let ours_out = ours_root.join("public");
    let hugo_out = hugo_root.join("public");
    let ours_cmd = || build_cmd(&tools.kumppani, &ours_root, &ours_out);
    let hugo_cmd = || {
        let mut c = Command::new("hugo");
        c.arg("--quiet")
            .arg("-s")
            .arg(&hugo_root)
            .arg("-d")
            .arg(&hugo_out);
        c
    };
    let clear = |p: &Path| {
        if args.fresh {
            let _ = std::fs::remove_dir_all(p);
        }
    };
    // Warm-up: page cache, output directories.
    let (wall, _, out) = run(&mut ours_cmd())?;
    if args.search_only {
        println!("{n} pairs:");
        search_figures(
            &ours_out,
            wall.as_secs_f64() * 1000.0,
            parse_stages(&out).get(5).copied().unwrap_or(f64::NAN),
        )?;
        println!();
        return Ok(None);
    }
    if tools.hugo.is_some() {
        run(&mut hugo_cmd())?;
    }
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..args.runs {
        clear(&ours_out);
        let (wall, rss_kib, out) = run(&mut ours_cmd())?;
        ours.push(Run {
            wall,
            rss_kib,
            stages: parse_stages(&out),
        });
        if tools.hugo.is_some() {
            clear(&hugo_out);
            let (wall, rss_kib, _) = run(&mut hugo_cmd())?;
            theirs.push(Run {
                wall,
                rss_kib,
                stages: Vec::new(),
            });
        }
    }
    let row = Row {
        pairs: n,
        ours: summarize(&ours),
        hugo: (!theirs.is_empty()).then(|| summarize(&theirs)),
    };
    print_size(&row, &ours_out)?;
    Ok(Some(row))
}

/// `name  median … s  … pages/s  peak RSS … MiB  runs […]`.
fn print_tool(name: &str, s: &Summary, pages: usize) {
    println!(
        "  {name:<8}  median {:.3} s  {:.0} pages/s  peak RSS {:.0} MiB  runs {:?}",
        s.wall_s,
        pages as f64 / s.wall_s,
        s.rss_mib,
        s.walls
            .iter()
            .map(|w| format!("{w:.2}"))
            .collect::<Vec<_>>()
    );
}

/// The figures of one size, with the search figures of the output in `ours_out`.
fn print_size(row: &Row, ours_out: &Path) -> Result<(), String> {
    let (n, o) = (row.pairs, &row.ours);
    let pages = 2 * n;
    println!("{n} pairs ({pages} generated pages):");
    print_tool("kumppani", o, pages);
    let stages: Vec<String> = STAGES
        .iter()
        .zip(&o.stages)
        .map(|(s, ms)| format!("{s} {ms:.0} ms"))
        .collect();
    println!("  stages (medians): {}", stages.join(", "));
    search_figures(ours_out, o.wall_s * 1000.0, o.stages[5])?;
    if let Some(h) = &row.hugo {
        print_tool("hugo", h, pages);
        println!("  ours/hugo {:.3}", o.wall_s / h.wall_s);
    }
    println!();
    Ok(())
}

/// The Markdown table of every size, and how time scales from the first to the last.
fn print_table(table: &[Row]) {
    println!("| pairs | kumppani s | kumppani MiB | hugo s | hugo MiB | ours/hugo |");
    println!("|---|---|---|---|---|---|");
    for Row {
        pairs: n,
        ours: o,
        hugo: h,
    } in table
    {
        match h {
            Some(h) => println!(
                "| {n} | {:.3} | {:.0} | {:.3} | {:.0} | {:.3} |",
                o.wall_s,
                o.rss_mib,
                h.wall_s,
                h.rss_mib,
                o.wall_s / h.wall_s
            ),
            None => println!("| {n} | {:.3} | {:.0} | — | — | — |", o.wall_s, o.rss_mib),
        }
    }
    if let (Some(first), Some(last)) = (table.first(), table.last())
        && last.pairs > first.pairs
    {
        println!(
            "\nscaling: {} pairs take {:.2}× the time of {} pairs ({:.0}× the pages)",
            last.pairs,
            last.ours.wall_s / first.ours.wall_s,
            first.pairs,
            last.pairs as f64 / first.pairs as f64
        );
    }
}

fn main_inner() -> Result<(), String> {
    let args = parse_args()?;
    let tools = tools(&args)?;
    print_setup(&args, &tools);
    portal(&args, &tools)?;
    let mut table = Vec::new();
    for &n in &args.pairs {
        if let Some(row) = size(n, &args, &tools)? {
            table.push(row);
        }
    }
    print_table(&table);
    Ok(())
}

//! Issue 18, rebuilds without reading every old file: each output buffer has a record of its
//! files beside it (`.public.hashes-<inode>`: size, times, inode and hash of each file), so a
//! rebuild learns from one `stat` that a file is unchanged. The record must only ever save
//! reads: a file changed or deleted behind the tool's back is still rewritten.

mod support;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use support::TestSite;
use support::urls::files_under;

/// One output file's identity on disk: inode, mtime and ctime (ns). A rewrite changes it.
type Stamp = (u64, i128, i128);

fn stamp(m: &std::fs::Metadata) -> Stamp {
    let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
    (
        m.ino(),
        ns(m.mtime(), m.mtime_nsec()),
        ns(m.ctime(), m.ctime_nsec()),
    )
}

fn stamps(dir: &Path) -> BTreeMap<String, Stamp> {
    files_under(dir)
        .into_iter()
        .map(|rel| {
            let s = stamp(&std::fs::symlink_metadata(dir.join(&rel)).unwrap());
            (rel, s)
        })
        .collect()
}

/// The record of the directory `dir`, beside it.
fn record_of(dir: &Path) -> PathBuf {
    let ino = std::fs::metadata(dir).unwrap().ino();
    dir.parent().unwrap().join(format!(".public.hashes-{ino}"))
}

/// Asserts that the record of `dir` lists exactly its files, each with its size, stamp and
/// the hash of its bytes as they are.
fn assert_record_true(dir: &Path) {
    let text = std::fs::read_to_string(record_of(dir)).expect("a record beside the output");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("kumppani-hashes 2"));
    let mut listed = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.splitn(6, ' ').collect();
        let path = dir.join(f[5]);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", f[5]));
        let hash: String = xxhash_rust::xxh3::xxh3_128(&bytes)
            .to_be_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let (ino, mtime, ctime) = stamp(&std::fs::metadata(&path).unwrap());
        let now = [
            hash,
            bytes.len().to_string(),
            mtime.to_string(),
            ctime.to_string(),
            ino.to_string(),
        ];
        assert_eq!(f[..5], now, "the record is wrong about {}", f[5]);
        listed.push(f[5].to_string());
    }
    // In the order the files were made.
    listed.sort();
    let files: Vec<String> = stamps(dir).into_keys().collect();
    assert_eq!(listed, files, "the record does not list exactly the files");
}

const CHAPTER: &str = "content/booklet/02-dialogue.fi.md";
const CHAPTER_HTML: &str = "fi/kumppanuuskirjanen/kumppanuus-on-vuoropuhelua-yhteisten-haasteiden-ratkaisemiseksi/index.html";

#[test]
fn a_rebuild_after_one_page_changed_rewrites_only_that_pages_files_and_keeps_the_record_true() {
    // Twice: both buffers then hold this state, each with its record.
    let site = TestSite::repo().build().build();
    assert_record_true(&site.out());
    let back = site.root.join(".public.prev");
    assert_record_true(&back);
    let before = stamps(&back);
    let site = site
        .edit(CHAPTER, |t| {
            t.replacen("Yhteinen resepti", "Yhteinen RESEPTI", 1)
        })
        .build();
    let after = stamps(&site.out());
    let rewritten: Vec<&String> = after
        .iter()
        .filter(|(path, s)| before.get(*path) != Some(s))
        .map(|(path, _)| path)
        .collect();
    assert!(
        rewritten.iter().any(|p| *p == CHAPTER_HTML),
        "the changed page was not written: {rewritten:?}"
    );
    // The page, and the search files of its language that hold its words.
    for path in &rewritten {
        assert!(
            *path == CHAPTER_HTML || path.starts_with("search/fi/"),
            "{path} was rewritten though its bytes are the same"
        );
    }
    assert_record_true(&site.out());
}

/// The files of the clean build of `site`'s sources, built into a new directory.
fn clean_build(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let reference = site.root.parent().unwrap().join("reference");
    let _ = std::fs::remove_dir_all(&reference);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(["build", "--out"])
        .arg(&reference)
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert!(out.status.success());
    let clean = TestSite::snapshot_of(&reference);
    std::fs::remove_dir_all(&reference).unwrap();
    clean
}

/// Replaces the bytes of `path` with as many others, then sets its mtime to `mtime`.
fn tamper(path: &Path, mtime: Option<std::time::SystemTime>) {
    let mut bytes = std::fs::read(path).unwrap();
    for b in bytes.iter_mut().filter(|b| b.is_ascii_lowercase()) {
        *b = b.to_ascii_uppercase();
    }
    std::fs::write(path, &bytes).unwrap();
    if let Some(t) = mtime {
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(t).unwrap();
    }
}

#[test]
fn files_changed_or_deleted_behind_the_tools_back_are_rewritten() {
    let site = TestSite::repo().build().build();
    let clean = clean_build(&site);
    // In both buffers, so that both the next build and the one after meet them.
    for dir in [site.out(), site.root.join(".public.prev")] {
        let page = dir.join(CHAPTER_HTML);
        // Same size, its mtime set back to the recorded one (as `cp -p` or `rsync -t` would).
        let recorded = std::fs::metadata(&page).unwrap().modified().unwrap();
        tamper(&page, Some(recorded));
        // Same size, a new mtime.
        tamper(&dir.join("sv/index.html"), None);
        // Same size, an mtime in the past.
        tamper(
            &dir.join("sitemap.xml"),
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1)),
        );
        std::fs::remove_file(dir.join("fi/index.html")).unwrap();
        std::fs::remove_file(dir.join(".kumppani-urls")).unwrap();
    }
    let site = site.build();
    assert!(
        site.snapshot() == clean,
        "the first rebuild differs from a clean build"
    );
    assert_record_true(&site.out());
    let site = site.build();
    assert!(
        site.snapshot() == clean,
        "the second rebuild differs from a clean build"
    );
    assert_record_true(&site.out());
}

#[test]
fn a_damaged_or_missing_record_costs_reads_not_stale_files() {
    let site = TestSite::repo().build().build();
    let back = site.root.join(".public.prev");
    // A record of another format is not read.
    let record = record_of(&back);
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(
        &record,
        text.replacen("kumppani-hashes 2", "kumppani-hashes 0", 1),
    )
    .unwrap();
    tamper(&back.join(CHAPTER_HTML), None);
    let site = site.build();
    assert_record_true(&site.out());
    std::fs::remove_file(record_of(&site.out())).unwrap();
    tamper(&site.out().join("sv/index.html"), None);
    let site = site.build().build();
    assert!(site.snapshot() == clean_build(&site));
    assert_record_true(&site.out());
}

//! Issue 6, output safety: `--out` never replaces what is not ours, nothing outside the output
//! directory is deleted, and a build killed at any moment leaves the previous output complete.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use support::TestSite;

fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn user_dir(at: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::create_dir_all(at.join("photos")).unwrap();
    std::fs::write(at.join("thesis.docx"), b"years of work").unwrap();
    std::fs::write(at.join("photos/summer.jpg"), b"\xff\xd8 memories").unwrap();
    files_under(at)
}

fn sources(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    ["content", "templates", "i18n"]
        .iter()
        .flat_map(|d| {
            files_under(&site.root.join(d))
                .into_iter()
                .map(move |(p, b)| (format!("{d}/{p}"), b))
        })
        .collect()
}

#[test]
fn out_pointing_at_a_directory_of_user_files_is_refused_and_the_files_survive() {
    let site = TestSite::repo();
    let mine = site.root.parent().unwrap().join("mine");
    let before = user_dir(&mine);
    let site = site.run(&["build", "--out", "../mine"]);
    assert!(!site.success());
    assert_eq!(
        site.stderr(),
        "error: ../mine:1:1: refusing to replace a non-empty directory that is not a previous kumppani output (no .kumppani file); choose another --out or pass --force\n1 error(s); nothing was written\n"
    );
    assert_eq!(files_under(&mine), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn force_replaces_only_the_output_directory_and_siblings_survive() {
    let site = TestSite::repo();
    let parent = site.root.parent().unwrap().to_path_buf();
    let _ = user_dir(&parent.join("mine"));
    let sibling = user_dir(&parent.join("sibling"));
    std::fs::write(parent.join("notes.txt"), b"beside").unwrap();
    let src_before = sources(&site);
    let site = site.run(&["build", "--out", "../mine", "--force"]);
    assert!(site.success(), "{}", site.stderr());
    let out = files_under(&parent.join("mine"));
    assert!(!out.contains_key("thesis.docx") && out.contains_key("index.html"));
    assert!(out.contains_key(".kumppani"));
    assert_eq!(files_under(&parent.join("sibling")), sibling);
    assert_eq!(std::fs::read(parent.join("notes.txt")).unwrap(), b"beside");
    assert_eq!(sources(&site), src_before);
    // Now it is ours: a second build needs no --force.
    let site = site.run(&["build", "--out", "../mine"]);
    assert!(site.success(), "{}", site.stderr());
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_symlink_is_replaced_as_a_link_and_its_target_survives() {
    let site = TestSite::repo();
    let mine = site.root.parent().unwrap().join("mine");
    let before = user_dir(&mine);
    std::os::unix::fs::symlink(&mine, site.out()).unwrap();
    let site = site.run(&["build"]);
    assert!(!site.success());
    assert!(
        site.stderr()
            .contains("public:1:1: refusing to replace a non-empty directory"),
        "{}",
        site.stderr()
    );
    let site = site.run(&["build", "--force"]);
    assert!(site.success(), "{}", site.stderr());
    assert!(!site.out().symlink_metadata().unwrap().is_symlink());
    assert!(site.out().join("index.html").is_file());
    assert_eq!(files_under(&mine), before);
}

#[test]
fn an_empty_directory_is_accepted_without_force() {
    let site = TestSite::repo();
    std::fs::create_dir_all(site.root.join("public")).unwrap();
    site.build().assert_contains("index.html", "<html");
}

const HOLDS_SOURCES: &str = "refusing to use this as the output directory: it is, holds or lies inside the site's sources (content/, templates/, i18n/), which a build would replace or read back; choose a directory of its own, such as public/";

#[test]
fn force_never_replaces_the_sources_or_a_file() {
    let site = TestSite::repo();
    std::fs::write(site.root.join("README.txt"), b"mine").unwrap();
    let before = sources(&site);
    let cases: [(&str, String); 10] = [
        (".", format!("error: .:1:1: {HOLDS_SOURCES}")),
        ("..", format!("error: ..:1:1: {HOLDS_SOURCES}")),
        // Spellings that reach the root only through `..` in a path that does not exist yet.
        ("new/..", format!("error: new/..:1:1: {HOLDS_SOURCES}")),
        ("new/../../site", format!("error: new/../../site:1:1: {HOLDS_SOURCES}")),
        ("../site/x/../content", format!("error: ../site/x/../content:1:1: {HOLDS_SOURCES}")),
        (
            "new/.",
            "error: new/.:1:1: give the output directory by its name (not ending in `.` or `..`), such as public".to_string(),
        ),
        ("content", format!("error: content:1:1: {HOLDS_SOURCES}")),
        ("templates/", format!("error: templates/:1:1: {HOLDS_SOURCES}")),
        ("i18n/fi/out", format!("error: i18n/fi/out:1:1: {HOLDS_SOURCES}")),
        (
            "README.txt",
            "error: README.txt:1:1: refusing to replace a file with the output directory; choose another --out".to_string(),
        ),
    ];
    let mut site = site;
    for (out, want) in cases {
        site = site.run(&["build", "--out", out, "--force"]);
        assert!(!site.success(), "--out {out} was accepted");
        assert_eq!(
            site.stderr(),
            format!("{want}\n1 error(s); nothing was written\n"),
            "--out {out}"
        );
        assert_eq!(sources(&site), before, "--out {out} touched the sources");
    }
    assert_eq!(
        std::fs::read(site.root.join("README.txt")).unwrap(),
        b"mine"
    );
    assert!(!site.root.join("i18n/fi/out").exists());
    assert!(site.root.join("content/site.yaml").is_file());
}

/// The pid of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn leftovers_of_killed_builds_are_removed() {
    let site = TestSite::repo().build();
    // A leftover is found by its name, not by probing its pid (which another process may have
    // by now): the lock proves no other build is writing it. Ours included.
    let leftovers = [
        format!(".public.staging-{}", dead_pid()),
        format!(".public.old-{}", dead_pid()),
        format!(".public.staging-{}", std::process::id()),
    ];
    for name in &leftovers {
        std::fs::create_dir_all(site.root.join(name).join("fi")).unwrap();
        std::fs::write(site.root.join(name).join("fi/index.html"), b"half").unwrap();
    }
    let unrelated = site.root.join(".publicity");
    std::fs::create_dir_all(&unrelated).unwrap();
    let site = site.build();
    for name in &leftovers {
        assert!(!site.root.join(name).exists(), "{name} was left");
    }
    assert!(unrelated.exists());
}

#[test]
fn a_second_build_into_the_same_output_waits_for_the_first() {
    let site = TestSite::repo().build();
    let before = files_under(&site.out());
    // Another writer holds the output's lock.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(site.root.join(".public.lock"))
        .expect("a build leaves its lock file beside the output");
    lock.lock().unwrap();
    let site = site.edit("content/_index.fi.md", |s| {
        s.replace("kumppanuu", "KUMPPANUU")
    });
    let mut child = Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .arg("build")
        .current_dir(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the build did not wait for the lock"
    );
    assert_eq!(
        files_under(&site.out()),
        before,
        "the output changed under the lock"
    );
    drop(lock);
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_ne!(files_under(&site.out()), before);
}

/// A deterministic generator for the kill delays (64-bit LCG, Knuth's constants).
struct Lcg(u64);

impl Lcg {
    fn next_f64(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The portal with a few hundred more booklet chapters, so a build takes long enough to be
/// killed in each of its stages.
fn enlarged_portal() -> TestSite {
    let mut site = TestSite::repo();
    let para = "Kaupunkien ja valtion *kumppanuus* rakentuu [luottamukselle](@/booklet/_index) ja yhteiselle tiedolle. "
        .repeat(8)
        + "\n\n";
    let body = format!("## Luku\n\n{}", para.repeat(10));
    for i in 0..150 {
        for (lang, word) in [("fi", "Luku"), ("sv", "Kapitel")] {
            site = site.write(
                &format!("content/booklet/90-gen-{i:03}.{lang}.md"),
                format!("---\ntitle: {word} {i}\n---\n{body}"),
            );
        }
    }
    site
}

fn spawn_build(root: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(["build", "--out"])
        .arg(out)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Leftovers of killed builds. `.public.prev` is not one: it is the previous output, kept on
/// purpose as the next build's staging directory; nor is the lock file `.public.lock`, nor
/// the record of each of the two (`.public.hashes-<inode of the directory>`).
fn staging_dirs(root: &Path) -> Vec<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let records: Vec<String> = ["public", ".public.prev"]
        .iter()
        .filter_map(|d| std::fs::metadata(root.join(d)).ok())
        .map(|m| format!(".public.hashes-{}", m.ino()))
        .collect();
    std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(".public.")
                    && n != ".public.prev"
                    && n != ".public.lock"
                    && !records.iter().any(|r| *r == n)
            })
        })
        .collect()
}

#[test]
fn builds_killed_at_random_moments_leave_a_complete_output() {
    let site = enlarged_portal().build();
    let old = site.snapshot();
    assert!(old.len() > 400, "{}", old.len());
    // The next state differs (a title, seen on its page and in the menus), so a swap that
    // happened is visible; anything but exactly the old or the new files fails.
    let site = site.edit("content/about/_index.fi.md", |t| {
        t.replacen("title: Tietoa palvelusta", "title: Tietoa palvelusta 2", 1)
    });
    // The expected new output, built elsewhere.
    let reference = site.root.parent().unwrap().join("reference");
    let t = Instant::now();
    let status = spawn_build(&site.root, &reference).wait().unwrap();
    let mut duration = t.elapsed();
    assert!(status.success());
    let new = files_under(&reference);
    assert_ne!(new, old);

    let mut rng = Lcg(0x6b75_6d70_7061_6e69);
    let (mut killed, mut finished, mut swapped) = (0, 0, false);
    for round in 0..10 {
        // Up to 1.5 times the reference build: builds race each other for the CPU, and some
        // must get as far as the swap.
        let delay = duration.mul_f64(rng.next_f64() * 1.5);
        let mut child = spawn_build(&site.root, &site.out());
        std::thread::sleep(delay);
        match child.try_wait().unwrap() {
            Some(_) => {
                // Faster than the reference build: aim earlier so most rounds are kills.
                duration /= 2;
                finished += 1;
            }
            None => {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                killed += 1;
            }
        }
        let now = site.snapshot();
        if now == new {
            swapped = true;
        } else {
            assert!(
                !swapped && now == old,
                "round {round} (killed after {delay:?}): the output is neither the previous nor the new build"
            );
        }
    }
    assert!(killed >= 4, "only {killed} of 10 builds were killed");
    // The next build cleans up whatever the killed ones left and lands the new state; the
    // one after writes into the buffer the killed builds wrote into, its record gone.
    let site = site.build();
    assert!(site.snapshot() == new);
    assert_eq!(staging_dirs(&site.root), Vec::<PathBuf>::new());
    let site = site.build();
    assert!(
        site.snapshot() == new,
        "the build after the next one differs"
    );
    // And back: the old state again, through both buffers.
    let site = site.edit("content/about/_index.fi.md", |t| {
        t.replacen("title: Tietoa palvelusta 2", "title: Tietoa palvelusta", 1)
    });
    let site = site.build();
    assert!(site.snapshot() == old, "the old state, rebuilt, differs");
    let site = site.build();
    assert!(
        site.snapshot() == old,
        "the old state, rebuilt twice, differs"
    );
    assert_eq!(staging_dirs(&site.root), Vec::<PathBuf>::new());
    eprintln!(
        "{killed} killed, {finished} finished, new output seen: {swapped}, last delay bound {duration:?}"
    );
}

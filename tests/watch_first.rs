//! The order a watch rebuild writes in: the page open in a browser (and the saved page) go
//! out before the rest of the site, and a rebuild that fails after writing them puts their
//! last good bytes back. Driven through the library's `Session`, with the output directory
//! watched by inotify to see the order of the writes.

mod live;
mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use kumppani::watch::{Change, Session};
use notify::{EventKind, RecursiveMode, Watcher};
use support::TestSite;

const CHAPTER: &str = "templates/chapter.html";

fn start(site: &TestSite) -> Session {
    let options = kumppani::Options {
        root: site.root.clone(),
        out: site.out(),
        force: false,
        overrides: kumppani::config::Overrides::default(),
    };
    Session::start(&options).expect("the portal builds").0
}

/// Output paths (relative to the output) of the chapter pages, in page order.
fn chapters(session: &Session) -> Vec<(String, String)> {
    let localized = session.localized();
    localized
        .pages
        .iter()
        .filter(|p| p.template == "chapter.html")
        .map(|p| {
            let path = kumppani::render::output_path(&localized.base_path, &p.url);
            (p.url.clone(), path)
        })
        .collect()
}

/// The pages (`…/index.html`, relative to `out`) in the order their final names appeared.
fn pages_written(rx: &mpsc::Receiver<notify::Result<notify::Event>>, out: &Path) -> Vec<String> {
    let out = out.canonicalize().unwrap();
    let mut order: Vec<String> = Vec::new();
    while let Ok(event) = rx.recv_timeout(Duration::from_millis(300)) {
        let Ok(event) = event else { continue };
        if !matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_)) {
            continue;
        }
        for p in event.paths {
            let Ok(rel) = p.strip_prefix(&out) else {
                continue;
            };
            let rel = rel.to_string_lossy().into_owned();
            if rel.ends_with("/index.html") && !order.contains(&rel) {
                order.push(rel);
            }
        }
    }
    order
}

fn watch_output(
    out: &Path,
) -> (
    notify::RecommendedWatcher,
    mpsc::Receiver<notify::Result<notify::Event>>,
) {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).unwrap();
    watcher.watch(out, RecursiveMode::Recursive).unwrap();
    (watcher, rx)
}

#[test]
fn a_template_save_writes_the_page_open_in_a_browser_before_every_other_page() {
    let site = TestSite::repo();
    let mut session = start(&site);
    let chapters = chapters(&session);
    assert!(chapters.len() >= 10, "{chapters:?}");
    // The last chapter: without the ordering, rendering in parallel halves writes it late.
    let (open_url, open_path) = chapters.last().unwrap().clone();
    session.show_first(vec![open_url]);
    let (_watcher, rx) = watch_output(&site.out());
    let template = std::fs::read_to_string(site.root.join(CHAPTER)).unwrap();
    let edited = template.replacen("{% block main %}", "{% block main %}<!-- first -->", 1);
    std::fs::write(site.root.join(CHAPTER), edited).unwrap();
    let rebuild = session
        .rebuild(&[Change::Template("chapter.html".into())])
        .expect("the edited template renders");
    assert_eq!(rebuild.rendered, chapters.len(), "{rebuild}");
    let order = pages_written(&rx, &site.out());
    assert_eq!(order.len(), chapters.len(), "{order:?}");
    assert_eq!(order.first(), Some(&open_path), "{order:?}");
    for (_, path) in &chapters {
        let html = std::fs::read_to_string(site.out().join(path)).unwrap();
        assert!(html.contains("<!-- first -->"), "{path}");
    }
    live::assert_equals_clean_build(&site.root, &site.out());
}

#[test]
fn a_rebuild_that_fails_after_writing_the_open_page_puts_its_last_good_bytes_back() {
    let site = TestSite::repo();
    let mut session = start(&site);
    let chapters = chapters(&session);
    let (open_url, open_path) = chapters.last().unwrap().clone();
    let before: Vec<(PathBuf, Vec<u8>)> = chapters
        .iter()
        .map(|(_, p)| {
            let path = site.out().join(p);
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    session.show_first(vec![open_url]);
    let (_watcher, rx) = watch_output(&site.out());
    // The open (last) chapter renders; the second one asks for a message that does not exist.
    let template = std::fs::read_to_string(site.root.join(CHAPTER)).unwrap();
    let edited = template.replacen(
        "{% block main %}",
        "{% block main %}<!-- first -->{% if sequence and sequence.number == 2 %}{{ t(key=\"no-such-message\") }}{% endif %}",
        1,
    );
    std::fs::write(site.root.join(CHAPTER), edited).unwrap();
    let errors = session
        .rebuild(&[Change::Template("chapter.html".into())])
        .expect_err("the second chapter does not render");
    assert!(errors.to_string().contains("no-such-message"), "{errors}");
    // The open page was written first, and then given its last good bytes again.
    let order = pages_written(&rx, &site.out());
    assert_eq!(order.first(), Some(&open_path), "{order:?}");
    for (path, bytes) in &before {
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{}", path.display());
    }
    // Fixed, the next rebuild writes every chapter and equals a clean build.
    std::fs::write(site.root.join(CHAPTER), template).unwrap();
    session
        .rebuild(&[Change::Template("chapter.html".into())])
        .expect("the original template renders");
    live::assert_equals_clean_build(&site.root, &site.out());
}

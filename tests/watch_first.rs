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

/// Output paths (relative to the output) of the chapter pages, in page order.
fn chapters(session: &Session) -> Vec<(String, String)> {
    let localized = session.localized();
    localized
        .pages
        .iter()
        .filter(|p| p.template == "chapter.html")
        .map(|p| {
            let path = kumppani::render::output_path(&localized.base_path, &p.url);
            (p.url.to_string(), path)
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

/// Saves the chapter template so that every chapter changes and those where `condition`
/// holds ask for a message that does not exist, then rebuilds, which fails naming it.
/// Returns the template as it was and the pages written meanwhile, in order.
fn save_a_template_failing_where(
    site: &TestSite,
    session: &mut Session,
    condition: &str,
) -> (String, Vec<String>) {
    let (_watcher, rx) = watch_output(&site.out());
    let template = std::fs::read_to_string(site.root.join(CHAPTER)).unwrap();
    let edited = template.replacen(
        "{% block main %}",
        &format!(
            "{{% block main %}}<!-- edited -->{{% if sequence and {condition} %}}{{{{ t(key=\"no-such-message\") }}}}{{% endif %}}"
        ),
        1,
    );
    std::fs::write(site.root.join(CHAPTER), edited).unwrap();
    let errors = session
        .rebuild(&[Change::Template("chapter.html".into())])
        .expect_err("a chapter does not render");
    assert!(errors.to_string().contains("no-such-message"), "{errors}");
    (template, pages_written(&rx, &site.out()))
}

#[test]
fn a_template_save_writes_the_page_open_in_a_browser_before_every_other_page() {
    let site = TestSite::repo();
    let mut session = site.session();
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
    let mut session = site.session();
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
    // The open (last) chapter renders; the second one asks for a message that does not exist.
    let (template, order) =
        save_a_template_failing_where(&site, &mut session, "sequence.number == 2");
    // The open page was written first, and then given its last good bytes again.
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

/// Starts a session, opens the page with `key` in `lang` (as a browser's poll would), saves
/// `file` with `edit` applied and rebuilds: returns the rebuild and the page's output path.
fn save_with_page_open(
    site: &TestSite,
    key: &str,
    lang: &str,
    file: &str,
    change: Change,
    edit: impl Fn(&str) -> String,
) -> (kumppani::watch::Rebuild, String) {
    let mut session = site.session();
    let localized = session.localized();
    let page = localized
        .get(key, lang)
        .unwrap_or_else(|| panic!("no {key} in {lang}"));
    let path = kumppani::render::output_path(&localized.base_path, &page.url);
    session.show_first(vec![page.url.to_string()]);
    let text = std::fs::read_to_string(site.root.join(file)).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit changes {file}");
    std::fs::write(site.root.join(file), edited).unwrap();
    let rebuild = session.rebuild(&[change]).expect("the edit builds");
    (rebuild, path)
}

/// Saves `file` with `edit` while the page `key` in `lang` is open: the page is written
/// from the last localization with the edit put in, that guess is what the whole rebuild
/// makes too (it writes nothing again), the page shows `shows`, and the output equals a
/// clean build.
fn assert_guessed_exactly(
    key: &str,
    lang: &str,
    file: &str,
    change: Change,
    edit: impl Fn(&str) -> String,
    shows: &str,
) {
    let site = TestSite::repo();
    let (rebuild, path) = save_with_page_open(&site, key, lang, file, change, edit);
    assert_eq!(
        (rebuild.guessed, rebuild.guessed_wrong),
        (1, 0),
        "{rebuild}"
    );
    let html = std::fs::read_to_string(site.out().join(path)).unwrap();
    assert!(html.contains(shows), "{html}");
    live::assert_equals_clean_build(&site.root, &site.out());
}

#[test]
fn a_title_save_writes_the_page_from_the_last_localization_and_the_guess_is_exact() {
    let file = "content/booklet/01-relationship.fi.md";
    assert_guessed_exactly(
        "booklet/01-relationship",
        "fi",
        file,
        Change::Prose(file.into()),
        |t| t.replacen("\ntitle: ", "\ntitle: Uusi otsikko – ", 1),
        "<h1>Uusi otsikko – ",
    );
}

#[test]
fn a_record_save_writes_the_open_listing_from_the_last_localization_and_the_guess_is_exact() {
    let file = "content/contacts/katja-palonen.yaml";
    assert_guessed_exactly(
        "contacts",
        "fi",
        file,
        Change::Record(file.into()),
        |t| t.replace("0295 047 071", "0295 047 199"),
        "tel:+358295047199",
    );
}

#[test]
fn a_fluent_name_save_writes_the_open_city_page_from_the_last_localization_and_the_guess_is_exact()
{
    assert_guessed_exactly(
        "cities/oulu",
        "sv",
        "i18n/sv/names.ftl",
        Change::Fluent("sv".into()),
        |t| t.replace("Uleåborg", "ULEÅBORG"),
        "<h1>ULEÅBORG",
    );
}

#[test]
fn a_slug_save_is_not_guessed_and_builds_as_always() {
    let site = TestSite::repo();
    let file = "content/partnerships/strategic-alliance.fi.md";
    let (rebuild, _) = save_with_page_open(
        &site,
        "partnerships/strategic-alliance",
        "fi",
        file,
        Change::Prose(file.into()),
        |t| t.replacen("\nslug: ", "\nslug: uusi-", 1),
    );
    assert_eq!(
        (rebuild.guessed, rebuild.guessed_wrong),
        (0, 0),
        "{rebuild}"
    );
    live::assert_equals_clean_build(&site.root, &site.out());
}

#[test]
fn a_guess_that_misses_what_another_page_shows_is_written_again_by_the_whole_rebuild() {
    let site = TestSite::repo();
    // The second chapter is open; the first chapter's title is saved. The guess redoes the
    // second chapter's own parts, but its pager shows the first chapter's title from the last
    // localization: the whole rebuild writes it again, with the new title.
    let file = "content/booklet/01-relationship.fi.md";
    let mut session = site.session();
    let localized = session.localized();
    let open = localized.get("booklet/02-dialogue", "fi").unwrap();
    let path = kumppani::render::output_path(&localized.base_path, &open.url);
    session.show_first(vec![open.url.to_string()]);
    let text = std::fs::read_to_string(site.root.join(file)).unwrap();
    std::fs::write(
        site.root.join(file),
        text.replacen("\ntitle: ", "\ntitle: Uusi otsikko – ", 1),
    )
    .unwrap();
    let rebuild = session
        .rebuild(&[Change::Prose(file.into())])
        .expect("the edit builds");
    assert_eq!(
        (rebuild.guessed, rebuild.guessed_wrong),
        (2, 1),
        "{rebuild}"
    );
    let html = std::fs::read_to_string(site.out().join(path)).unwrap();
    assert!(
        html.contains("<span class=\"pager-title\">Uusi otsikko – "),
        "{html}"
    );
    live::assert_equals_clean_build(&site.root, &site.out());
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn a_streamed_rebuild_that_fails_in_a_late_step_gives_every_page_it_wrote_its_last_good_bytes() {
    let site = TestSite::repo();
    // Enough chapters that a template edit renders and writes them in several steps.
    for i in 0..300 {
        for (lang, title, slug) in [("fi", "Luku", "luku"), ("sv", "Kapitel", "kapitel")] {
            std::fs::write(
                site.root
                    .join(format!("content/booklet/gen-{i:03}.{lang}.md")),
                format!("---\ntitle: {title} {i}\nslug: {slug}-{i}\n---\n{title} {i}.\n"),
            )
            .unwrap();
        }
    }
    let mut session = site.session();
    let before = snapshot(&site.out());
    // Every chapter changes; the last one, rendered in the last step, fails.
    let (template, touched) =
        save_a_template_failing_where(&site, &mut session, "sequence.number == sequence.count");
    // Pages were streamed out before the error was met …
    assert!(touched.len() >= 256, "{} pages written", touched.len());
    // … and every one of them has its last good bytes again; nothing else changed.
    let after = snapshot(&site.out());
    assert_eq!(before.len(), after.len());
    for (path, bytes) in &before {
        assert!(after.get(path) == Some(bytes), "{} differs", path.display());
    }
    std::fs::write(site.root.join(CHAPTER), template).unwrap();
    session
        .rebuild(&[Change::Template("chapter.html".into())])
        .expect("the original template renders");
    live::assert_equals_clean_build(&site.root, &site.out());
}

#[test]
fn a_chapter_title_save_renders_again_only_the_pages_that_show_the_title() {
    let site = TestSite::repo();
    let file = "content/booklet/03-situation.fi.md";
    let (rebuild, _) = save_with_page_open(
        &site,
        "booklet/03-situation",
        "fi",
        file,
        Change::Prose(file.into()),
        |t| t.replacen("\ntitle: ", "\ntitle: Uusi otsikko – ", 1),
    );
    // The chapter; its Swedish version, whose language switcher names it; the Finnish table of
    // contents; the chapters before and after it, whose links name it. Not the Swedish table
    // of contents, whose cards show the Swedish titles.
    let session = site.session();
    let localized = session.localized();
    let chapter = localized.get("booklet/03-situation", "fi").unwrap();
    let toc = localized.get("booklet", "fi").unwrap();
    let at = toc
        .children
        .iter()
        .position(|l| l.url == chapter.url)
        .unwrap();
    let neighbours = usize::from(at > 0) + usize::from(at + 1 < toc.children.len());
    assert_eq!(neighbours, 2, "a chapter in the middle of the booklet");
    assert_eq!(rebuild.rendered, 3 + neighbours, "{rebuild}");
    live::assert_equals_clean_build(&site.root, &site.out());
}

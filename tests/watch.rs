//! `kumppani build --watch` as a child process on a copy of the repository's portal: each
//! save rewrites exactly the files it should, and the result always equals a clean build.

mod live;
mod support;

use live::{Running, changed, files};
use support::TestSite;

const ALLIANCE_FI: &str = "content/partnerships/strategic-alliance.fi.md";
const ALLIANCE_FI_OUT: &str = "fi/kumppanuudet/strateginen-allianssi/index.html";

fn start(site: &TestSite) -> Running {
    let mut child = Running::start(&site.root, &["build", "--watch"]);
    child.wait_out("built ");
    child.wait_out("watching ");
    child
}

fn write(site: &TestSite, path: &str, text: &str) {
    std::fs::write(site.root.join(path), text).unwrap();
}

fn read(site: &TestSite, path: &str) -> String {
    std::fs::read_to_string(site.root.join(path)).unwrap()
}

/// The lines of `text` that start with `prefix` (`error: `, `warning: `).
fn lines_starting(text: &str, prefix: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_string)
        .collect()
}

/// The watched output equals what a clean build of the same sources writes.
fn assert_matches_clean_build(site: &TestSite) {
    live::assert_equals_clean_build(&site.root, &site.out());
}

/// The alliance's Finnish page changed, and chunks of the Finnish search index (which holds
/// every page's words; under new content-hashed names, the old ones gone) with the entry file
/// that lists them, nothing else.
fn assert_alliance_page_and_finnish_search_changed(touched: &[String]) {
    assert_eq!(
        touched.first().map(String::as_str),
        Some(ALLIANCE_FI_OUT),
        "{touched:?}"
    );
    assert_search_changed(&touched[1..], &["search/fi/"]);
}

/// `touched` are search files of the language folders `dirs`: each folder's entry file and
/// chunks or doc groups, each changed one under a new content-hashed name (the old name gone).
fn assert_search_changed(touched: &[String], dirs: &[&str]) {
    for dir in dirs {
        assert!(touched.contains(&format!("{dir}meta.json")), "{touched:?}");
    }
    let hashed: Vec<&String> = touched
        .iter()
        .filter(|p| !p.ends_with("/meta.json"))
        .collect();
    assert!(hashed.len() >= 2, "{touched:?}");
    for p in hashed {
        let (dir, name) = p.rsplit_once('/').unwrap();
        let parts: Vec<&str> = name.split('.').collect();
        assert!(
            dirs.iter()
                .any(|d| [format!("{d}t"), format!("{d}d")].contains(&dir.to_string()))
                && parts.len() == 3
                && parts[1].len() == 10
                && parts[2] == "json",
            "not a content-hashed search file of {dirs:?}: {p}"
        );
    }
}

#[test]
fn body_edit_rewrites_only_that_page_and_errors_keep_the_last_output() {
    let site = TestSite::repo();
    let mut child = start(&site);
    let before = files(&site.out());

    let original = read(&site, ALLIANCE_FI);
    write(
        &site,
        ALLIANCE_FI,
        &format!("{original}\nTämä kappale lisättiin kesken katselun.\n"),
    );
    let line = child.rebuilt();
    assert!(line.contains(ALLIANCE_FI), "{line}");
    assert!(line.contains(" 1 page(s) re-rendered"), "{line}");
    let after = files(&site.out());
    assert_alliance_page_and_finnish_search_changed(&changed(&before, &after));
    assert!(String::from_utf8_lossy(&after[ALLIANCE_FI_OUT].0).contains("lisättiin kesken"));

    // A broken save: the error has file, line and column; nothing is written.
    child.settle();
    write(
        &site,
        ALLIANCE_FI,
        &original.replacen("slug: strateginen-allianssi", "slug: [strateginen", 1),
    );
    let errors = child.failed();
    assert!(
        errors.contains("content/partnerships/strategic-alliance.fi.md:2:"),
        "{errors}"
    );
    assert!(changed(&after, &files(&site.out())).is_empty());

    // The next good save recovers, without a restart.
    write(
        &site,
        ALLIANCE_FI,
        &original.replace("Allianssilla", "Korjattu Allianssilla"),
    );
    child.rebuilt();
    assert!(
        std::fs::read_to_string(site.out().join(ALLIANCE_FI_OUT))
            .unwrap()
            .contains("Korjattu Allianssilla")
    );
    child.settle();
    assert_matches_clean_build(&site);
}

#[test]
fn swedish_city_name_changes_swedish_pages_only() {
    let site = TestSite::repo();
    let mut child = start(&site);
    let before = files(&site.out());
    let showing: Vec<String> = before
        .iter()
        // `Uleåborgs stad` is an organisation (organisations.ftl), not the city's name.
        .filter(|(_, (b, _))| {
            String::from_utf8_lossy(b)
                .replace("Uleåborgs stad", "")
                .contains("Uleåborg")
        })
        .map(|(k, _)| k.clone())
        .collect();
    assert!(showing.len() > 2, "{showing:?}");
    assert!(
        showing
            .iter()
            .all(|p| p.starts_with("sv/") || p.starts_with("search/sv/")),
        "{showing:?}"
    );

    let names = "i18n/sv/names.ftl";
    // Same slug (`uleaborg`), so only the shown name changes.
    write(
        &site,
        names,
        &read(&site, names).replace("Uleåborg", "ULEÅBORG"),
    );
    let line = child.rebuilt();
    // Rendered again: the pages that show the name, and those whose template may show any
    // city's name (`city(id=page.id)`, the city pages of both languages); not every page.
    let swedish_pages = before
        .keys()
        .filter(|p| p.starts_with("sv/") && p.ends_with("index.html"))
        .count();
    let rendered = rendered_count(&line);
    assert!(
        rendered < swedish_pages,
        "{line} ({swedish_pages} Swedish pages)"
    );
    let after = files(&site.out());
    let (search, pages): (Vec<String>, Vec<String>) = changed(&before, &after)
        .into_iter()
        .partition(|p| p.starts_with("search/"));
    let shown_pages: Vec<String> = showing
        .iter()
        .filter(|p| !p.starts_with("search/"))
        .cloned()
        .collect();
    assert_eq!(pages, shown_pages);
    assert_search_changed(&search, &["search/sv/"]);
    let showing = shown_pages;
    for p in &showing {
        let text = String::from_utf8_lossy(&after[p].0);
        let text = text.replace("Uleåborgs stad", "");
        assert!(
            text.contains("ULEÅBORG") && !text.contains("Uleåborg"),
            "{p}"
        );
    }
    child.settle();
    assert_matches_clean_build(&site);
}

/// How many pages a rebuild summary (`rebuilt after …: N page(s) re-rendered, …`) says were
/// rendered again.
fn rendered_count(line: &str) -> usize {
    let (before, _) = line
        .split_once(" page(s) re-rendered")
        .unwrap_or_else(|| panic!("not a rebuild summary: {line}"));
    before.rsplit(' ').next().unwrap().parse().unwrap()
}

#[test]
fn a_swedish_message_that_finnish_pages_show_changes_them_too() {
    // Each Finnish page links its Swedish version with the Swedish `switch-to` text
    // (`t(key="switch-to", lang=alt.lang)`): a Swedish edit reaches Finnish pages.
    let site = TestSite::repo();
    let mut child = start(&site);
    let before = files(&site.out());
    let ui = "i18n/sv/ui.ftl";
    site.replace(ui, "switch-to = På svenska", "switch-to = Svenska sidor");
    child.rebuilt();
    let after = files(&site.out());
    let html = String::from_utf8_lossy(&after[ALLIANCE_FI_OUT].0);
    assert!(html.contains(">Svenska sidor</a>"), "{html}");
    let changed = changed(&before, &after);
    assert!(changed.iter().any(|p| p.starts_with("fi/")), "{changed:?}");
    // The Swedish pages link the Finnish versions: they show no Swedish `switch-to`.
    assert!(!changed.iter().any(|p| p.starts_with("sv/")), "{changed:?}");
    child.settle();
    assert_matches_clean_build(&site);
}

#[test]
fn template_change_rerenders_exactly_its_pages() {
    let site = TestSite::repo();
    let cities = std::fs::read_dir(site.root.join("content/cities"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".yaml")
        })
        .count();
    let mut child = start(&site);
    let before = files(&site.out());

    let template = "templates/city.html";
    let text = read(&site, template);
    let marker = "<!-- city template v2 -->";
    let at = text
        .find("{% block main %}")
        .expect("city.html has a main block")
        + "{% block main %}".len();
    write(
        &site,
        template,
        &format!("{}{marker}{}", &text[..at], &text[at..]),
    );
    let line = child.rebuilt();
    assert!(
        line.contains(&format!(" {} page(s) re-rendered", 2 * cities)),
        "{line}"
    );
    let after = files(&site.out());
    let with_marker: Vec<String> = after
        .iter()
        .filter(|(_, (b, _))| String::from_utf8_lossy(b).contains(marker))
        .map(|(k, _)| k.clone())
        .collect();
    assert_eq!(with_marker.len(), 2 * cities);
    assert_eq!(changed(&before, &after), with_marker);
    child.settle();
    assert_matches_clean_build(&site);
}

#[test]
fn added_then_deleted_page_comes_and_goes_with_its_listing_links() {
    let site = TestSite::repo();
    let mut child = start(&site);
    let listing = "fi/kumppanuuskirjanen/index.html";
    let page = "fi/kumppanuuskirjanen/lisasivu/index.html";

    std::fs::write(
        site.root.join("content/booklet/10-extra.fi.md"),
        "---\ntitle: Lisäsivu\n---\nLisäsivun teksti.\n",
    )
    .unwrap();
    std::fs::write(
        site.root.join("content/booklet/10-extra.sv.md"),
        "---\ntitle: Extrasida\n---\nExtrasidans text.\n",
    )
    .unwrap();
    child.rebuilt();
    child.settle();
    assert!(site.out().join(page).is_file());
    assert!(
        site.out()
            .join("sv/partnerskapshaftet/extrasida/index.html")
            .is_file()
    );
    let html = std::fs::read_to_string(site.out().join(listing)).unwrap();
    assert!(
        html.contains("href=\"/fi/kumppanuuskirjanen/lisasivu/\""),
        "{html}"
    );
    assert_matches_clean_build(&site);

    // Deleting, as an editor does: one language after the other would fail (no twin), so both.
    std::fs::remove_file(site.root.join("content/booklet/10-extra.fi.md")).unwrap();
    std::fs::remove_file(site.root.join("content/booklet/10-extra.sv.md")).unwrap();
    child.rebuilt();
    child.settle();
    assert!(!site.out().join(page).exists());
    assert!(!site.out().join("fi/kumppanuuskirjanen/lisasivu").exists());
    assert!(!site.out().join("sv/partnerskapshaftet/extrasida").exists());
    let html = std::fs::read_to_string(site.out().join(listing)).unwrap();
    assert!(!html.contains("lisasivu"), "{html}");
    assert_matches_clean_build(&site);
}

#[test]
fn atomic_rename_saves_and_editor_temp_files() {
    let site = TestSite::repo();
    let mut child = start(&site);
    let before = files(&site.out());
    // An editor's swap file alone causes no rebuild.
    std::fs::write(
        site.root
            .join("content/partnerships/.strategic-alliance.fi.md.swp"),
        "junk",
    )
    .unwrap();
    // vim/IDE style: write a temporary file, rename it over the original.
    let tmp = site
        .root
        .join("content/partnerships/strategic-alliance.fi.md~");
    let text = read(&site, ALLIANCE_FI).replace("Allianssilla", "Uudelleennimetty Allianssilla");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, site.root.join(ALLIANCE_FI)).unwrap();
    let line = child.rebuilt();
    assert!(!line.contains(".swp") && !line.contains('~'), "{line}");
    let after = files(&site.out());
    assert_alliance_page_and_finnish_search_changed(&changed(&before, &after));
    assert!(String::from_utf8_lossy(&after[ALLIANCE_FI_OUT].0).contains("Uudelleennimetty"));
    child.settle();
    assert_matches_clean_build(&site);
}

/// A Fluent edit keeps the Markdown of bodies it cannot reach; a table without a heading
/// above it is named by the Fluent message `table-label`, so its page is made again.
#[test]
fn a_fluent_edit_renames_a_table_that_has_no_heading() {
    let site = TestSite::repo();
    let chapter = "content/booklet/01-relationship.fi.md";
    let text = read(&site, chapter);
    let body_at = text.match_indices("---\n").nth(1).unwrap().0 + 4;
    assert!(!text.contains("{{"), "the body has no shortcodes");
    let table = "| Mittari | Arvo |\n|---|---|\n| Kumppanuudet | 7 |\n\n";
    write(
        &site,
        chapter,
        &format!("{}{table}{}", &text[..body_at], &text[body_at..]),
    );
    let mut child = start(&site);
    let page_of = |files: &std::collections::BTreeMap<String, (Vec<u8>, std::time::SystemTime)>| {
        files
            .iter()
            .filter(|(_, (b, _))| String::from_utf8_lossy(b).contains("<td>Kumppanuudet</td>"))
            .map(|(k, _)| k.clone())
            .collect::<Vec<_>>()
    };
    let before = files(&site.out());
    let page = page_of(&before);
    assert_eq!(page.len(), 1, "{page:?}");
    let page = &page[0];
    assert!(String::from_utf8_lossy(&before[page].0).contains(r#"aria-label="Taulukko""#));
    site.replace(
        "i18n/fi/ui.ftl",
        "table-label = Taulukko",
        "table-label = Taulukko, vieritä sivulle",
    );
    child.rebuilt();
    let after = files(&site.out());
    assert!(
        String::from_utf8_lossy(&after[page].0)
            .contains(r#"aria-label="Taulukko, vieritä sivulle""#),
        "{page}"
    );
    child.settle();
    assert_matches_clean_build(&site);
}

#[test]
fn record_edit_rerenders_the_pages_that_show_it() {
    let site = TestSite::repo();
    let mut child = start(&site);
    let before = files(&site.out());
    let showing: Vec<String> = before
        .iter()
        .filter(|(_, (b, _))| String::from_utf8_lossy(b).contains("Claes Krüger"))
        .map(|(k, _)| k.clone())
        .collect();
    assert!(showing.len() >= 2, "{showing:?}");
    let record = "content/contacts/claes-kruger.yaml";
    write(
        &site,
        record,
        &read(&site, record).replace("Claes Krüger", "Claes Krüger-Testinen"),
    );
    child.rebuilt();
    let after = files(&site.out());
    // The pages, and the search chunks that now hold the new name (the index reads what the
    // pages show, records included).
    let (search, pages): (Vec<String>, Vec<String>) = changed(&before, &after)
        .into_iter()
        .partition(|p| p.starts_with("search/"));
    assert_eq!(pages, showing);
    assert_search_changed(&search, &["search/fi/", "search/sv/"]);
    for p in &showing {
        assert!(String::from_utf8_lossy(&after[p].0).contains("Claes Krüger-Testinen"));
    }
    child.settle();
    assert_matches_clean_build(&site);
}

#[test]
fn a_site_that_does_not_build_at_start_is_built_once_fixed() {
    let site = TestSite::repo();
    let good = read(&site, ALLIANCE_FI);
    write(&site, ALLIANCE_FI, &good.replacen("slug: ", "slug: [", 1));
    let mut child = Running::start(&site.root, &["build", "--watch"]);
    child.wait_for(
        "the first build's errors",
        |l| matches!(l, live::Line::Err(s) if s.contains("fix and save to build")),
    );
    assert!(
        child
            .seen
            .iter()
            .any(|l| matches!(l, live::Line::Err(s) if s.contains("strategic-alliance.fi.md:2:"))),
        "{:#?}",
        child.seen
    );
    assert!(!site.out().exists());
    write(&site, ALLIANCE_FI, &good);
    child.wait_out("built ");
    child.wait_out("watching ");
    assert!(site.out().join(ALLIANCE_FI_OUT).is_file());
    assert_matches_clean_build(&site);
}

#[test]
fn a_message_missing_in_swedish_fails_the_preview_as_it_fails_build() {
    let site = TestSite::repo().build();
    let mut child = start(&site);
    let ui = "i18n/sv/ui.ftl";
    let original = read(&site, ui);
    child.settle();
    let before = files(&site.out());
    write(&site, ui, &original.replace("themes-heading = Teman\n", ""));
    let failed = child.failed();
    // The Fluent comparison of `check`, printed for the translator at once. It comes on
    // stderr after the rebuild's report: look at all of it.
    child.settle();
    let printed = |needle: &str| {
        child
            .seen
            .iter()
            .any(|l| matches!(l, live::Line::Err(s) if s.contains(needle)))
    };
    assert!(
        printed(
            "error[missing-message]: message `themes-heading` is missing in `sv`: add it to i18n/sv/ui.ftl"
        ) && printed("--> i18n/fi/ui.ftl:"),
        "{:#?}",
        child.seen
    );
    // Nothing was written: no page, URL or slug shows a stand-in for the message.
    let after = files(&site.out());
    assert!(changed(&before, &after).is_empty() && before.len() == after.len());
    // `build` of the same sources refuses with the same errors.
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(["build", "--out"])
        .arg(site.root.join("other"))
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert!(!build.status.success());
    let errors = |text: &str| lines_starting(text, "error: ");
    let build_errors = errors(&String::from_utf8_lossy(&build.stderr));
    assert!(
        build_errors
            .iter()
            .any(|l| l.contains("Fluent message `themes-heading` is missing in language `sv`")),
        "{build_errors:#?}"
    );
    assert_eq!(errors(&failed), build_errors);
    // Restored: the site builds again and the output equals a clean build.
    child.settle();
    write(&site, ui, &original);
    child.rebuilt();
    child.settle();
    assert_matches_clean_build(&site);
}

#[test]
fn watch_start_reports_content_and_fluent_errors_together_as_build_does() {
    let site = TestSite::bare_fixture("check-clean")
        .edit("content/pages/about.fi.md", |s| {
            s.replacen("title: ", "title: [", 1)
        })
        .edit("i18n/sv/ui.ftl", |s| s + "broken = {\n");
    let build = site.run(&["build"]);
    assert!(!build.success());
    let errors = |text: &str| lines_starting(text, "error: ");
    let build_errors = errors(&build.stderr());
    assert!(
        build_errors
            .iter()
            .any(|l| l.starts_with("error: content/pages/about.fi.md:"))
            && build_errors
                .iter()
                .any(|l| l.starts_with("error: i18n/sv/ui.ftl:")),
        "{build_errors:#?}"
    );
    let mut child = Running::start(&build.root, &["build", "--watch"]);
    let start = child.seen.len();
    child.wait_for(
        "the first build's errors",
        |l| matches!(l, live::Line::Err(s) if s.contains("fix and save to build")),
    );
    let printed = child.stderr_since(start);
    assert_eq!(errors(&printed), build_errors, "{printed}");
    assert!(
        printed.contains(&format!(
            "{} error(s); nothing was written; fix and save to build",
            build_errors.len()
        )),
        "{printed}"
    );
    drop(child);
    assert!(!build.out().exists());
}

#[test]
fn watch_start_prints_the_warnings_build_prints() {
    let site = TestSite::bare_fixture("check-clean")
        .edit("content/site.yaml", |s| {
            s.replace("https://kumppanuudet.fi", "https://kumppanuudet.example.fi")
        })
        .build();
    let warnings = |text: &str| lines_starting(text, "warning: ");
    let build_warnings = warnings(&site.stderr());
    assert!(
        build_warnings
            .iter()
            .any(|w| w.starts_with("warning: content/site.yaml:1:11: `base_url`")),
        "{build_warnings:#?}"
    );
    let mut child = Running::start(&site.root, &["build", "--watch"]);
    let start = child.seen.len();
    child.wait_out("watching ");
    // stdout and stderr are two pipes: the warnings may arrive after the `watching` line.
    let last = build_warnings.last().cloned().unwrap_or_default();
    if !warnings(&child.stderr_since(start)).contains(&last) {
        child.wait_for(
            "the last warning",
            |l| matches!(l, live::Line::Err(s) if *s == last),
        );
    }
    assert_eq!(warnings(&child.stderr_since(start)), build_warnings);
}

#[test]
fn title_edit_rerenders_the_page_and_every_page_that_names_it() {
    let site = TestSite::repo();
    let mut child = start(&site);
    let before = files(&site.out());
    let chapter = "content/booklet/02-dialogue.fi.md";
    let old = "Kumppanuus on vuoropuhelua yhteisten haasteiden ratkaisemiseksi";
    let new = "Kumppanuus on jatkuvaa vuoropuhelua";
    let naming: Vec<String> = before
        .iter()
        .filter(|(k, (b, _))| !k.starts_with("search/") && String::from_utf8_lossy(b).contains(old))
        .map(|(k, _)| k.clone())
        .collect();
    // The chapter itself, the booklet's table of contents and its neighbours' previous/next
    // links at least.
    assert!(naming.len() >= 3, "{naming:?}");
    // The slug is in the front matter, so only the shown title changes, not the URL.
    write(
        &site,
        chapter,
        &read(&site, chapter).replacen(&format!("title: {old}"), &format!("title: {new}"), 1),
    );
    child.rebuilt();
    let after = files(&site.out());
    let (search, pages): (Vec<String>, Vec<String>) = changed(&before, &after)
        .into_iter()
        .partition(|p| p.starts_with("search/"));
    assert_eq!(pages, naming);
    assert!(
        search.iter().all(|p| p.starts_with("search/fi/")),
        "{search:?}"
    );
    for p in &naming {
        let html = String::from_utf8_lossy(&after[p].0);
        assert!(html.contains(new) && !html.contains(old), "{p}");
    }
    child.settle();
    assert_matches_clean_build(&site);
}

/// Gives the gang-crime theme's Finnish page another slug and waits for the rebuild: the
/// output then has the page at its new path and nothing at its old one. Returns the output.
fn move_theme(
    site: &TestSite,
    child: &mut Running,
) -> std::collections::BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    site.replace(
        "content/themes/gang-crime.fi.md",
        "slug: jengiytymisen-ehkaisy",
        "slug: jengien-ehkaisy",
    );
    child.rebuilt();
    let after = files(&site.out());
    assert!(after.contains_key("fi/teemat/jengien-ehkaisy/index.html"));
    assert!(!after.contains_key("fi/teemat/jengiytymisen-ehkaisy/index.html"));
    after
}

/// Under a sub-path the output still holds the pages at their paths below it: a rebuild
/// keeps every page that is still made and removes the one that moved.
#[test]
fn a_slug_edit_under_a_sub_path_removes_only_the_old_page() {
    let site = TestSite::repo();
    site.replace(
        "content/site.yaml",
        "base_url: https://kaupunkikumppanuudet.example.fi",
        "base_url: https://kaupunkikumppanuudet.example.fi/kumppanuudet",
    );
    let mut child = start(&site);
    let before = files(&site.out());
    assert!(before.contains_key("fi/teemat/jengiytymisen-ehkaisy/index.html"));
    let after = move_theme(&site, &mut child);
    let gone: Vec<&String> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    assert!(
        gone.iter()
            .all(|k| k.starts_with("search/") || k.starts_with("fi/teemat/jengiytymisen-ehkaisy/")),
        "{gone:?}"
    );
    child.settle();
    assert_matches_clean_build(&site);
}

#[test]
fn slug_edit_moves_the_page_and_every_link_to_it_follows() {
    let site = TestSite::repo();
    let mut child = start(&site);
    let (old, new) = (
        "/fi/teemat/jengiytymisen-ehkaisy/",
        "/fi/teemat/jengien-ehkaisy/",
    );
    assert!(read(&site, ALLIANCE_FI).contains("@/themes/gang-crime"));
    assert!(String::from_utf8_lossy(&files(&site.out())[ALLIANCE_FI_OUT].0).contains(old));
    let after = move_theme(&site, &mut child);
    // The Markdown of a page whose body did not change links to the new URL: its fragment is
    // rendered again when a link target moves.
    let alliance = String::from_utf8_lossy(&after[ALLIANCE_FI_OUT].0);
    assert!(alliance.contains(new) && !alliance.contains(old));
    child.settle();
    assert_matches_clean_build(&site);
}

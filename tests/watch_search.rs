//! The search indexes a watch session keeps up to date: a rebuild reads back only the pages
//! that changed since the last one (the others' words are kept, by the hash of their file),
//! and after every kind of edit, one after another, the output equals a clean build byte for
//! byte, search files included.

mod live;
mod support;

use std::path::PathBuf;

use kumppani::watch::{Change, Session};
use support::TestSite;

const ALLIANCE_FI: &str = "content/partnerships/strategic-alliance.fi.md";
const VITALITY_FI: &str = "content/partnerships/vitality.fi.md";
const DIALOGUE_FI: &str = "content/booklet/02-dialogue.fi.md";

/// The bytes of every search file of `lang` in the output, concatenated.
fn search_bytes(site: &TestSite, lang: &str) -> String {
    let dir = site.out().join("search").join(lang);
    let mut all = String::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            all.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    all
}

fn rebuild(site: &TestSite, session: &mut Session, change: Change) {
    session.rebuild(&[change]).expect("the edit builds");
    live::assert_equals_clean_build(&site.root, &site.out());
}

/// Saves `file` (a Markdown page) with `from` replaced by `to`, and rebuilds.
fn save(site: &TestSite, session: &mut Session, file: &str, from: &str, to: &str) {
    site.replace(file, from, to);
    rebuild(site, session, Change::Prose(PathBuf::from(file)));
}

/// The paragraph the tests add to the alliance's Finnish page, and its word in the index.
const NEW_PARAGRAPH: &str = "\n\nKuukkelinpesä on uusi sana.\n\n";
const NEW_WORD: &str = "\"kuukkelinpesä\"";
/// The start the tests give the vitality page's description, and its word in the index.
const DESCRIPTION: &str = "description: Karhunkierros. ";
const DESCRIPTION_WORD: &str = "\"karhunkierros\"";

/// Saves the vitality page's description with the tests' start, and finds its word in the
/// Finnish index.
fn save_description(site: &TestSite, session: &mut Session) {
    save(site, session, VITALITY_FI, "description: ", DESCRIPTION);
    assert!(search_bytes(site, "fi").contains(DESCRIPTION_WORD));
}

#[test]
fn every_kind_of_edit_in_a_row_keeps_the_search_indexes_equal_to_a_clean_build() {
    let site = TestSite::repo();
    let mut session = site.session();

    // A body: the new word is found; every other page was read back once, its words kept.
    save(&site, &mut session, ALLIANCE_FI, "\n\n", NEW_PARAGRAPH);
    assert!(search_bytes(&site, "fi").contains(NEW_WORD));

    // Another body: the first page's words now come from what was kept.
    let owl = "\n\nTunturipöllö pesii täällä.\n\n";
    save(&site, &mut session, VITALITY_FI, "\n\n", owl);
    let fi = search_bytes(&site, "fi");
    assert!(fi.contains(NEW_WORD) && fi.contains("\"tunturipöllö\""));

    // A title (every page is localized again), a description, a record, a Fluent name.
    save(
        &site,
        &mut session,
        DIALOGUE_FI,
        "title: ",
        "title: Revontulet ja ",
    );
    assert!(search_bytes(&site, "fi").contains("\"revontulet\""));
    save_description(&site, &mut session);
    site.replace(
        "content/contacts/katja-palonen.yaml",
        "0295 047 071",
        "0295 047 099",
    );
    rebuild(
        &site,
        &mut session,
        Change::Record(PathBuf::from("content/contacts/katja-palonen.yaml")),
    );
    assert!(search_bytes(&site, "fi").contains("\"0295047099\""));
    site.replace("i18n/sv/names.ftl", "Uleåborg", "Ulebor");
    rebuild(&site, &mut session, Change::Fluent("sv".into()));

    // The first body put back: its word is gone from the index, the other one stays.
    save(&site, &mut session, ALLIANCE_FI, NEW_PARAGRAPH, "\n\n");
    let fi = search_bytes(&site, "fi");
    assert!(!fi.contains(NEW_WORD) && fi.contains("\"tunturipöllö\""));
}

#[test]
fn a_description_the_page_does_not_show_still_reaches_the_index_on_later_rebuilds() {
    let site = TestSite::repo();
    let mut session = site.session();
    // Templates that do not show a page's description: editing it leaves the page's bytes
    // as they were, but the index holds the description's words.
    for line in [
        "{% if page.description %}<meta name=\"description\" content=\"{{ page.description }}\">\n{% endif %}",
        "{% if page.description %}<meta property=\"og:description\" content=\"{{ page.description }}\">\n{% endif %}",
    ] {
        site.replace("templates/base.html", line, "");
    }
    rebuild(&site, &mut session, Change::Template("base.html".into()));
    // A body edit elsewhere: every other page's words are read back and kept.
    save(&site, &mut session, ALLIANCE_FI, "\n\n", NEW_PARAGRAPH);
    let vitality = site
        .out()
        .join("fi/kumppanuudet/elinvoimakumppanuus/index.html");
    let before = std::fs::read(&vitality).unwrap();
    // The description: the page is the same to the byte, its index words are not.
    save_description(&site, &mut session);
    assert_eq!(std::fs::read(&vitality).unwrap(), before);
    // Another body edit: the kept words of the unchanged file are not the page's any more.
    save(&site, &mut session, ALLIANCE_FI, NEW_PARAGRAPH, "\n\n");
    assert!(search_bytes(&site, "fi").contains(DESCRIPTION_WORD));
}

//! `kumppani build --watch` on a copy of the portal, through one save of every kind an editor
//! or translator makes, one after another: after each rebuild the output is byte for byte what
//! a clean build of the same sources writes. Each save is checked to have shown (its text is in
//! the output, or the text it removed is gone), so that no step passes by changing nothing.

mod live;
mod support;

use std::collections::BTreeMap;
use std::time::SystemTime;

use live::{Running, changed, files};
use support::TestSite;

/// One save: what it does to the sources, and how its effect shows in the output.
struct Save {
    what: &'static str,
    apply: fn(&TestSite),
    /// Text some output file holds after the save.
    shows: &'static str,
    /// Text no output file holds after the save (empty: none).
    hides: &'static str,
}

fn append(site: &TestSite, path: &str, text: &str) {
    let p = site.root.join(path);
    let old = std::fs::read_to_string(&p).unwrap();
    std::fs::write(p, format!("{old}\n{text}\n")).unwrap();
}

fn rename(site: &TestSite, from: &str, to: &str) {
    std::fs::rename(site.root.join(from), site.root.join(to)).unwrap();
}

const NEWS_FI: &str = "---
title: Kumppanuuksien yhteinen seminaari pidettiin Oulussa
slug: kumppanuusseminaari
description: Kaupunkien ja valtion edustajat kokoontuivat seminaariin.
---
Seminaarissa käsiteltiin kumppanuuksien seuraavia vaiheita.
";

const NEWS_SV: &str = "---
title: Partnerskapens gemensamma seminarium hölls i Uleåborg
slug: partnerskapsseminarium
description: Företrädare för städerna och staten samlades till ett seminarium.
---
Vid seminariet behandlades partnerskapens nästa steg.
";

const NEWS_YAML: &str = "date: 2024-06-12
publisher: tem
partnerships: [vitality]
";

const NEWS: &str = "content/news/2024-06-12-seminar";

fn saves() -> Vec<Save> {
    vec![
        Save {
            what: "a Swedish page's body",
            apply: |s| {
                append(
                    s,
                    "content/themes/culture.sv.md",
                    "Ett nytt stycke om kulturen.",
                )
            },
            shows: "Ett nytt stycke om kulturen.",
            hides: "",
        },
        Save {
            what: "a chapter's title (its slug is set)",
            apply: |s| {
                s.replace(
                    "content/booklet/09-interviewees.fi.md",
                    "title: Haastatellut",
                    "title: Haastatellut henkilöt",
                )
            },
            shows: "Haastatellut henkilöt",
            hides: "",
        },
        Save {
            what: "a page's description",
            apply: |s| {
                s.replace(
                    "content/booklet/09-interviewees.sv.md",
                    "description: De stadsdirektörer",
                    "description: Alla stadsdirektörer",
                );
            },
            shows: "Alla stadsdirektörer",
            hides: "",
        },
        Save {
            what: "a section's title (in every Swedish page's navigation)",
            apply: |s| {
                s.replace(
                    "content/themes/_index.sv.md",
                    "title: Teman",
                    "title: Temaområden",
                )
            },
            shows: "Temaområden",
            hides: "",
        },
        Save {
            what: "a theme's order",
            apply: |s| s.replace("content/themes/culture.yaml", "order: 6", "order: 0"),
            shows: "",
            hides: "",
        },
        Save {
            what: "a contact's organisation",
            apply: |s| {
                s.replace(
                    "content/contacts/katja-palonen.yaml",
                    "organisation: tem",
                    "organisation: vm",
                );
            },
            shows: "",
            hides: "",
        },
        Save {
            what: "a city's region (city records make pages)",
            apply: |s| {
                s.replace(
                    "content/cities/oulu.yaml",
                    "region: pohjois-pohjanmaa",
                    "region: kainuu",
                )
            },
            shows: "",
            hides: "",
        },
        Save {
            what: "a partnership's members",
            apply: |s| {
                s.replace(
                    "content/partnerships/vitality.yaml",
                    "members: [jyvaskyla, kuopio, lahti]",
                    "members: [jyvaskyla, kuopio]",
                );
            },
            shows: "",
            hides: "",
        },
        Save {
            what: "a news item added in both languages",
            apply: |s| {
                for (ext, text) in [("fi.md", NEWS_FI), ("sv.md", NEWS_SV), ("yaml", NEWS_YAML)] {
                    std::fs::write(s.root.join(format!("{NEWS}.{ext}")), text).unwrap();
                }
            },
            shows: "Partnerskapens gemensamma seminarium hölls i Uleåborg",
            hides: "",
        },
        Save {
            what: "the news item's date",
            apply: |s| {
                s.replace(
                    &format!("{NEWS}.yaml"),
                    "date: 2024-06-12",
                    "date: 2023-01-10",
                )
            },
            shows: "10.1.2023",
            hides: "",
        },
        Save {
            what: "a Markdown link to the new news item",
            apply: |s| {
                append(
                    s,
                    "content/partnerships/vitality.fi.md",
                    "Lue myös [seminaarista](@/news/2024-06-12-seminar).",
                );
            },
            shows: "seminaarista</a>",
            hides: "",
        },
        Save {
            what: "the news item's slug (the link follows)",
            apply: |s| {
                s.replace(
                    &format!("{NEWS}.fi.md"),
                    "slug: kumppanuusseminaari",
                    "slug: seminaari",
                );
            },
            shows: "/fi/uutiset/seminaari/",
            hides: "kumppanuusseminaari",
        },
        Save {
            what: "the news item removed in both languages (and the link to it)",
            apply: |s| {
                s.replace(
                    "content/partnerships/vitality.fi.md",
                    "Lue myös [seminaarista](@/news/2024-06-12-seminar).",
                    "",
                );
                for ext in ["fi.md", "sv.md", "yaml"] {
                    std::fs::remove_file(s.root.join(format!("{NEWS}.{ext}"))).unwrap();
                }
            },
            shows: "",
            hides: "Partnerskapens gemensamma seminarium",
        },
        Save {
            what: "a chapter moved to the front of the booklet (renamed)",
            apply: |s| {
                for lang in ["fi", "sv"] {
                    rename(
                        s,
                        &format!("content/booklet/09-interviewees.{lang}.md"),
                        &format!("content/booklet/00-interviewees.{lang}.md"),
                    );
                }
            },
            shows: "",
            hides: "",
        },
        Save {
            what: "a Swedish city name in Fluent",
            apply: |s| {
                s.replace(
                    "i18n/sv/names.ftl",
                    "*[nominative] Uleåborg\n",
                    "*[nominative] Uleåborg stad\n",
                )
            },
            shows: "Uleåborg stad",
            hides: "",
        },
        Save {
            what: "a Finnish interface string that Swedish pages show",
            apply: |s| {
                s.replace(
                    "i18n/fi/ui.ftl",
                    "switch-to = Suomeksi",
                    "switch-to = Suomeksi tästä",
                )
            },
            shows: "Suomeksi tästä",
            hides: "",
        },
        Save {
            what: "the publisher's Swedish name",
            apply: |s| {
                s.replace(
                    "i18n/sv/organisations.ftl",
                    "*[nominative] arbets- och näringsministeriet",
                    "*[nominative] Arbets- och näringsministeriet",
                );
            },
            shows: "Arbets- och näringsministeriet",
            hides: "",
        },
        Save {
            what: "an included template",
            apply: |s| {
                s.replace(
                    "templates/card.html",
                    "<li class=\"card\">",
                    "<li class=\"card card-x\">",
                )
            },
            shows: "card card-x",
            hides: "",
        },
        Save {
            what: "the style sheet (its cache-busted name changes on every page)",
            apply: |s| append(s, "templates/style.css", ".card-x { margin: 0; }"),
            shows: ".card-x { margin: 0; }",
            hides: "",
        },
        Save {
            what: "the search page's script (a cache-busted asset)",
            apply: |s| append(s, "templates/search/search.js", "// tallennus"),
            shows: "// tallennus",
            hides: "",
        },
        Save {
            what: "the home page's body (the one page without a slug)",
            apply: |s| append(s, "content/_index.sv.md", "Välkommen till portalen."),
            shows: "Välkommen till portalen.",
            hides: "",
        },
        Save {
            what: "a Swedish chapter withdrawn, its Finnish page marked pending",
            apply: |s| {
                s.replace(
                    "content/booklet/08-recipes.fi.md",
                    "---\n",
                    "---\ntranslation: pending\n",
                );
                std::fs::remove_file(s.root.join("content/booklet/08-recipes.sv.md")).unwrap();
            },
            shows: "",
            hides: "",
        },
        Save {
            what: "the base URL in the settings",
            apply: |s| {
                s.replace(
                    "content/site.yaml",
                    "base_url: https://kaupunkikumppanuudet.example.fi",
                    "base_url: https://kumppanuudet.example.fi",
                );
            },
            shows: "https://kumppanuudet.example.fi/",
            hides: "https://kaupunkikumppanuudet.example.fi/",
        },
        Save {
            what: "the order of the sections in the settings",
            apply: |s| {
                s.replace(
                    "content/site.yaml",
                    "sections: [partnerships, themes, cities,",
                    "sections: [themes, partnerships, cities,",
                );
            },
            shows: "",
            hides: "",
        },
    ]
}

type Files = BTreeMap<String, (Vec<u8>, SystemTime)>;

fn any_holds(files: &Files, text: &str) -> bool {
    files
        .values()
        .any(|(b, _)| String::from_utf8_lossy(b).contains(text))
}

#[test]
fn every_kind_of_save_one_after_another_leaves_what_a_clean_build_writes() {
    let site = TestSite::repo();
    let mut child = Running::start(&site.root, &["build", "--watch"]);
    child.wait_out("built ");
    child.wait_out("watching ");
    let mut before = files(&site.out());
    for save in saves() {
        (save.apply)(&site);
        child.rebuilt();
        // A save of several files may be seen in more than one rebuild: let them all end.
        child.settle();
        let after = files(&site.out());
        assert!(
            !changed(&before, &after).is_empty(),
            "{}: the output did not change",
            save.what
        );
        if !save.shows.is_empty() {
            assert!(
                any_holds(&after, save.shows),
                "{}: no page shows {:?}",
                save.what,
                save.shows
            );
        }
        if !save.hides.is_empty() {
            assert!(
                !any_holds(&after, save.hides),
                "{}: a page still shows {:?}",
                save.what,
                save.hides
            );
        }
        let check = std::panic::catch_unwind(|| {
            live::assert_equals_clean_build(&site.root, &site.out());
        });
        assert!(
            check.is_ok(),
            "after {}: the output differs from a clean build",
            save.what
        );
        before = after;
    }
    // Broken saves of each kind of source: the last good output stays as it is, and the fix
    // that follows leaves what a clean build writes.
    let broken = [
        (
            "content/partnerships/vitality.yaml",
            "members: [jyvaskyla, kuopio]",
            "members: [jyvaskyla, nowhere]",
        ),
        (
            "content/themes/culture.fi.md",
            "slug: kulttuuri",
            "slug: [kulttuuri",
        ),
        (
            "i18n/sv/ui.ftl",
            "switch-to = På svenska",
            "switch-to = { $",
        ),
        (
            "templates/card.html",
            "{% endif %}</li>",
            "{% endiff %}</li>",
        ),
    ];
    for (path, good, bad) in broken {
        site.replace(path, good, bad);
        child.failed();
        child.settle();
        let after = files(&site.out());
        assert_eq!(
            changed(&before, &after),
            Vec::<String>::new(),
            "a broken save of {path} changed the output"
        );
        site.replace(path, bad, good);
        child.rebuilt();
        child.settle();
        live::assert_equals_clean_build(&site.root, &site.out());
        before = files(&site.out());
    }
}

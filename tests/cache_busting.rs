//! Static files carry a hash of their bytes in their published name: the stylesheet's URL
//! changes when the CSS changes and not otherwise, in `build` and in `build --watch`, and the
//! old file goes away.

mod live;
mod support;

use support::TestSite;

/// The stylesheet's URL in `html`.
fn stylesheet(html: &str) -> String {
    let at = html
        .find("rel=\"stylesheet\" href=\"")
        .unwrap_or_else(|| panic!("no stylesheet link in {html}"));
    let rest = &html[at + "rel=\"stylesheet\" href=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The output file a root-relative URL names.
fn file_of(site: &TestSite, url: &str) -> std::path::PathBuf {
    site.out().join(url.trim_start_matches('/'))
}

#[test]
fn the_stylesheet_url_changes_with_the_css_and_only_then() {
    let site = TestSite::repo().build();
    let first = stylesheet(&site.read("fi/index.html"));
    assert!(
        first.starts_with("/style.")
            && first.ends_with(".css")
            && first.len() == "/style.0123456789.css".len(),
        "{first}"
    );
    let css = std::fs::read(site.root.join("templates/style.css")).unwrap();
    assert_eq!(std::fs::read(file_of(&site, &first)).unwrap(), css);
    // Every page, the chooser and the 404 page link the same file.
    for (path, html) in site.html_pages() {
        assert_eq!(stylesheet(&html), first, "{path}");
    }

    // Unchanged bytes: the same name, and the file is not rewritten.
    let before = site.snapshot();
    let site = site.build();
    assert_eq!(stylesheet(&site.read("sv/index.html")), first);
    assert!(
        site.snapshot() == before,
        "an unchanged rebuild changed the output"
    );

    // Changed bytes: a new name everywhere, and the old file is gone.
    let site = site
        .edit("templates/style.css", |s| {
            format!("{s}\n.cache-test {{ color: #000; }}\n")
        })
        .build();
    let second = stylesheet(&site.read("fi/index.html"));
    assert_ne!(second, first);
    assert!(
        std::fs::read_to_string(file_of(&site, &second))
            .unwrap()
            .contains(".cache-test"),
        "{second}"
    );
    assert!(
        !file_of(&site, &first).exists(),
        "{first} is still published"
    );
    for (path, html) in site.html_pages() {
        assert_eq!(stylesheet(&html), second, "{path}");
    }
    // The search scripts are hashed the same way.
    let search = site.read("fi/haku/index.html");
    let scripts = support::urls::attribute_values(&search, &["src"]);
    assert!(!scripts.is_empty(), "{search}");
    for src in scripts {
        let name = src.rsplit('/').next().unwrap();
        let parts: Vec<&str> = name.split('.').collect();
        assert!(
            parts.len() >= 3 && parts[parts.len() - 2].len() == 10,
            "{src} has no hash in its name"
        );
        assert!(file_of(&site, src).is_file(), "{src}");
    }
}

#[test]
fn watch_gives_every_page_the_new_stylesheet_url() {
    let site = TestSite::repo();
    let mut child = live::Running::start(&site.root, &["build", "--watch"]);
    child.wait_out("watching ");
    let first = stylesheet(&site.read("fi/index.html"));
    let site = site.edit("templates/style.css", |s| {
        format!("{s}\n.watch-test {{ color: #000; }}\n")
    });
    child.rebuilt();
    let second = stylesheet(&site.read("fi/kumppanuudet/index.html"));
    assert_ne!(second, first);
    assert!(file_of(&site, &second).is_file(), "{second}");
    assert!(
        !file_of(&site, &first).exists(),
        "{first} is still published"
    );
    assert_eq!(stylesheet(&site.read("index.html")), second);
    assert_eq!(stylesheet(&site.read("404.html")), second);
}

/// The files of a language's search folder (`search/fi/`), relative to the output, and the
/// ones its entry file `meta.json` names.
fn search_files(site: &TestSite, lang: &str) -> (Vec<String>, Vec<String>) {
    let dir = format!("search/{lang}/");
    let mut on_disk: Vec<String> = support::urls::files_under(&site.out())
        .into_iter()
        .filter(|p| p.starts_with(&dir) && !p.ends_with("meta.json"))
        .collect();
    on_disk.sort();
    let meta: serde_json::Value =
        serde_json::from_str(&site.read(&format!("{dir}meta.json"))).expect("meta.json is JSON");
    let mut named = Vec::new();
    for kind in ["t", "d"] {
        for (n, hash) in meta[kind].as_array().unwrap().iter().enumerate() {
            named.push(format!("{dir}{kind}/{n}.{}.json", hash.as_str().unwrap()));
        }
    }
    named.sort();
    (on_disk, named)
}

#[test]
fn search_files_carry_a_hash_of_their_bytes_and_keep_it_while_they_do_not_change() {
    let site = TestSite::repo().build();
    let (files, named) = search_files(&site, "fi");
    assert_eq!(files, named, "meta.json names exactly the files published");
    assert!(files.len() > 5, "{files:?}");
    for f in &files {
        let bytes = std::fs::read(site.out().join(f)).unwrap();
        let plain = f.split('.').next().unwrap().to_string() + ".json";
        assert_eq!(
            f.rsplit('/').next().unwrap(),
            kumppani::render::hashed_name(&plain, &bytes)
                .rsplit('/')
                .next()
                .unwrap(),
            "{f}"
        );
    }

    // Unchanged content: every name kept, nothing rewritten.
    let before = site.snapshot();
    let site = site.build();
    assert!(
        site.snapshot() == before,
        "an unchanged rebuild changed the output"
    );

    // A changed page: the chunks that hold its words get new names, the old files go, and the
    // entry file names exactly what is published.
    let site = site
        .edit("content/themes/culture.fi.md", |s| {
            format!("{s}\nKaupunginorkesterin konsertit ovat kaikille avoimia.\n")
        })
        .build();
    let (after, named) = search_files(&site, "fi");
    assert_eq!(after, named);
    assert!(
        after.iter().any(|f| !files.contains(f)),
        "no new chunk name"
    );
    assert!(
        files.iter().any(|f| !after.contains(f)),
        "no old chunk removed"
    );
    // The Swedish entry file, too, names exactly what is published.
    let (sv, sv_named) = search_files(&site, "sv");
    assert_eq!(sv, sv_named);
}

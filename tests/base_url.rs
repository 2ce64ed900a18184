//! Publishing under a base URL: `--base-url`, `KUMPPANI_BASE_URL` and `base_url` in
//! `content/site.yaml`, validated where they come from; a sub-path prefixes every URL the
//! generator writes, and templates write none by hand.

mod live;
mod support;

use std::process::Command;

use support::urls::{BASE, PREFIX, files_under, target_of, urls_in};
use support::{TestSite, repo_root};

#[test]
fn every_url_of_a_sub_path_build_starts_with_the_path_and_names_a_file() {
    let site = TestSite::repo().run(&["build", "--base-url", BASE]);
    assert!(site.success(), "{}", site.stderr());
    let out = site.out();
    let origin = BASE.trim_end_matches(PREFIX);
    let mut checked = 0;
    let mut problems = Vec::new();
    for rel in files_under(&out) {
        let ext = rel.rsplit('.').next().unwrap_or("");
        if !matches!(ext, "html" | "xml" | "css" | "js" | "json" | "txt") {
            continue;
        }
        let text = std::fs::read_to_string(out.join(&rel)).unwrap();
        let mut urls = urls_in(&rel, &text);
        if rel == "robots.txt" {
            urls.extend(
                text.lines()
                    .filter_map(|l| l.strip_prefix("Sitemap: "))
                    .map(String::from),
            );
            assert!(text.contains("Allow: /kumppanuudet/\n"), "{text}");
        }
        for url in urls {
            let local = match url.strip_prefix(origin) {
                Some(l) if url.starts_with(BASE) => l.to_string(),
                Some(_) => {
                    problems.push(format!(
                        "{rel}: {url} is on the site's host but not under {BASE}"
                    ));
                    continue;
                }
                None if url.starts_with("http") => continue, // another site
                None => url.clone(),
            };
            checked += 1;
            if !local.starts_with(PREFIX) {
                problems.push(format!("{rel}: {url} does not start with {PREFIX}"));
            } else if target_of(&out, &local).is_none() {
                problems.push(format!("{rel}: {url} names no file of the output"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Pages, navigation, assets, feeds, search and the sitemap were all seen.
    assert!(checked > 2000, "only {checked} URLs checked");
    let home = site.read("fi/index.html");
    assert!(
        home.contains(&format!("href=\"{PREFIX}fi/atom.xml\"")),
        "{home}"
    );
    assert!(
        home.contains("rel=\"stylesheet\" href=\"/kumppanuudet/"),
        "{home}"
    );
    assert!(
        home.contains("<link rel=\"canonical\" href=\"https://www.example.org/kumppanuudet/fi/\">"),
        "{home}"
    );
    let search = site.read("fi/haku/index.html");
    assert!(
        search.contains("data-index=\"/kumppanuudet/search/"),
        "{search}"
    );
    let chooser = site.read("index.html");
    assert!(
        chooser.contains("hreflang=\"sv\" href=\"https://www.example.org/kumppanuudet/sv/\""),
        "{chooser}"
    );
    assert!(chooser.contains("href=\"/kumppanuudet/sv/\""), "{chooser}");
    let feed = site.read("sv/atom.xml");
    assert!(
        feed.contains("<id>https://www.example.org/kumppanuudet/sv/atom.xml</id>"),
        "{feed}"
    );
    assert!(site.read("404.html").contains("href=\"/kumppanuudet/fi/\""));
}

#[test]
fn the_variable_sets_the_base_url_and_the_flag_outranks_it() {
    let site = TestSite::repo();
    let staging = Some("https://staging.example.fi/esikatselu");
    for (args, home_url, prefix) in [
        (
            &["build"][..],
            "https://staging.example.fi/esikatselu/fi/",
            "/esikatselu/",
        ),
        (
            &["build", "--base-url", "http://localhost:8080"][..],
            "http://localhost:8080/fi/",
            "/",
        ),
    ] {
        let (ok, stderr) = run_with_env(&site, args, staging);
        assert!(ok, "{stderr}");
        let home = site.read("fi/index.html");
        assert!(home.contains(&format!("href=\"{home_url}\"")), "{home}");
        assert!(
            home.contains(&format!("rel=\"stylesheet\" href=\"{prefix}style")),
            "{home}"
        );
    }
}

/// Runs `kumppani ARGS` in `site`'s root with `KUMPPANI_BASE_URL` set to `env` (or unset)
/// and returns its exit success and standard error.
fn run_with_env(site: &TestSite, args: &[&str], env: Option<&str>) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kumppani"));
    cmd.args(args).current_dir(&site.root);
    match env {
        Some(v) => cmd.env("KUMPPANI_BASE_URL", v),
        None => cmd.env_remove("KUMPPANI_BASE_URL"),
    };
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn invalid_base_urls_fail_with_the_place_of_the_value() {
    let site = TestSite::repo().build();
    let before = site.snapshot();
    for command in ["build", "check"] {
        for (args, env, says) in [
            (
                vec!["--base-url", "kaupunkikumppanuudet.example.fi"],
                None,
                "error: --base-url: base URL `kaupunkikumppanuudet.example.fi` has no scheme: write it as https://kaupunkikumppanuudet.example.fi",
            ),
            (
                vec!["--base-url", ""],
                None,
                "error: --base-url: base URL `` is empty: expected an absolute URL such as https://www.example.fi/",
            ),
            (
                vec!["--base-url", "https://www.example.fi/?lang=fi"],
                None,
                "error: --base-url: base URL `https://www.example.fi/?lang=fi` has a query (`?…`), which a base URL cannot carry",
            ),
            (
                vec![],
                Some("https://www.example.fi/#top"),
                "error: KUMPPANI_BASE_URL: base URL `https://www.example.fi/#top` has a fragment (`#…`)",
            ),
            (
                vec![],
                Some("ftp://www.example.fi/"),
                "error: KUMPPANI_BASE_URL: base URL `ftp://www.example.fi/` has the scheme `ftp`: expected http or https",
            ),
        ] {
            let mut all = vec![command];
            all.extend(args.iter().copied());
            let (ok, stderr) = run_with_env(&site, &all, env);
            assert!(!ok, "{all:?} {env:?} passed");
            // `check` labels the error with its code: `error[content]: …`.
            let says = match command {
                "check" => says.replace("error: ", "error[content]: "),
                _ => says.to_string(),
            };
            assert!(stderr.contains(&says), "{all:?} {env:?}:\n{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
    assert!(
        site.snapshot() == before,
        "a failed build changed the output"
    );
    for (value, says) in [
        (
            "kaupunkikumppanuudet.example.fi",
            "error: content/site.yaml:2:11: base_url `kaupunkikumppanuudet.example.fi` has no scheme",
        ),
        (
            "\"\"",
            "error: content/site.yaml:2:11: base_url `` is empty",
        ),
        (
            "https://kaupunkikumppanuudet.example.fi/?v=1",
            "error: content/site.yaml:2:11: base_url `https://kaupunkikumppanuudet.example.fi/?v=1` has a query",
        ),
    ] {
        let site = TestSite::repo().edit("content/site.yaml", |s| {
            s.replace(
                "base_url: https://kaupunkikumppanuudet.example.fi",
                &format!("base_url: {value}"),
            )
        });
        for command in ["build", "check"] {
            let (ok, stderr) = run_with_env(&site, &[command], None);
            assert!(!ok, "{command} with base_url {value} passed");
            let says = match command {
                "check" => says.replace("error: ", "error[content]: "),
                _ => says.to_string(),
            };
            let says = says.replace(
                "error[content]: content/site.yaml:2:11: ",
                "error[content]: ",
            );
            assert!(stderr.contains(&says), "{command} {value}:\n{stderr}");
            if command == "check" {
                assert!(stderr.contains("--> content/site.yaml:2:11"), "{stderr}");
            }
        }
        // The flag replaces the file's value, but the file must still be right for the
        // builds without it.
        let (ok, _) = run_with_env(&site, &["build", "--base-url", BASE], None);
        assert!(!ok, "a bad base_url in the file passed beside the flag");
    }
    assert!(
        std::fs::read_to_string(repo_root().join("content/site.yaml"))
            .unwrap()
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("base_url: ")),
        "the test assumes base_url on line 2 of content/site.yaml"
    );
}

/// Attribute values and CSS `url()`s in templates that are root-relative (`/…`), written by
/// hand instead of through `url(path=…)` / `asset(path=…)`, or glued to `base_url`.
fn hand_written_urls(name: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = format!("templates/{name}:{}", n + 1);
        for (i, _) in line.match_indices("=\"") {
            let value = &line[i + 2..];
            if value.starts_with('/')
                || value.starts_with("{{ base_url")
                || value.starts_with("{{base_url")
                || value.starts_with("{{ base_path")
                || value.starts_with("{{base_path")
            {
                found.push(format!("{at}: {}", &line[..line.len().min(i + 60)][i..]));
            }
        }
        for (i, _) in line.match_indices("url(") {
            let value = line[i + 4..].trim_start_matches(['"', '\'', ' ']);
            if value.starts_with('/') {
                found.push(format!("{at}: {}", &line[i..]));
            }
        }
    }
    found
}

#[test]
fn templates_write_no_root_relative_url_by_hand() {
    let dir = repo_root().join("templates");
    let mut found = Vec::new();
    for rel in files_under(&dir) {
        if rel.ends_with(".html") || rel.ends_with(".xml") || rel.ends_with(".css") {
            let text = std::fs::read_to_string(dir.join(&rel)).unwrap();
            found.extend(hand_written_urls(&rel, &text));
        }
    }
    assert!(
        found.is_empty(),
        "write these through url(path=…) or asset(path=…):\n{}",
        found.join("\n")
    );
    // The check itself finds what it is for.
    let bad = "<link href=\"/style.css\">\n<a href=\"{{ base_url }}/fi/\">\nbody { background: url(/x.png) }\n<a href=\"{{ url(path=\"fi/\") }}\">";
    assert_eq!(hand_written_urls("t.html", bad).len(), 3, "{bad}");
}

#[test]
fn an_unknown_asset_is_a_template_error_with_its_place() {
    let site = TestSite::repo()
        .edit("templates/head-assets.html", |s| {
            s.replace("asset(path=\"style.css\")", "asset(path=\"styles.css\")")
        })
        .build_fails()
        .assert_stderr("asset `styles.css` does not exist in templates/");
    assert!(
        site.stderr().contains("templates/head-assets.html:"),
        "{}",
        site.stderr()
    );
}

#[test]
fn serve_previews_a_sub_path_build_under_its_path() {
    let site = TestSite::repo();
    let mut child = live::Running::start(&site.root, &["serve", "--port", "0", "--base-url", BASE]);
    let line = child.wait_out("serving ");
    let port: u16 = line
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    child.wait_out("watching ");
    let page = support::http::get(port, "/kumppanuudet/fi/");
    assert_eq!(page.status, 200);
    assert!(
        String::from_utf8_lossy(&page.body).contains("href=\"/kumppanuudet/fi/atom.xml\""),
        "the page is not the sub-path build"
    );
    for (path, to) in [("/", "/kumppanuudet/"), ("/kumppanuudet", "/kumppanuudet/")] {
        let r = support::http::get(port, path);
        assert_eq!((r.status, r.header("location")), (301, to), "{path}");
    }
    let r = support::http::get(port, "/kumppanuudet/fi/kumppanuudet");
    assert_eq!(
        (r.status, r.header("location")),
        (301, "/kumppanuudet/fi/kumppanuudet/")
    );
    // Outside the path nothing is served, not even the files at the output's top.
    for path in ["/fi/", "/index.html", "/kumppanuudetx/fi/"] {
        assert_eq!(support::http::get(port, path).status, 404, "{path}");
    }
}

#[test]
fn serve_listens_on_another_interface_only_when_told_and_warns() {
    let site = TestSite::repo();
    let mut child = live::Running::start(
        &site.root,
        &["serve", "--port", "0", "--interface", "127.0.0.2"],
    );
    // Standard output and standard error arrive in no fixed order: wait for the last line
    // of the start, then look at everything printed before it.
    child.wait_out("watching ");
    let warning = "warning: --interface 127.0.0.2: the preview is reachable from other machines";
    assert!(
        child
            .seen
            .iter()
            .any(|l| matches!(l, live::Line::Err(s) if s.starts_with(warning))),
        "{:#?}",
        child.seen
    );
    let line = child
        .seen
        .iter()
        .find_map(|l| match l {
            live::Line::Out(s) if s.starts_with("serving ") => Some(s.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no serving line in {:#?}", child.seen));
    assert!(line.contains("http://127.0.0.2:"), "{line}");
    let port: u16 = line
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    let mut s = std::net::TcpStream::connect(("127.0.0.2", port)).unwrap();
    use std::io::{Read, Write};
    write!(s, "GET /fi/ HTTP/1.0\r\n\r\n").unwrap();
    let mut body = String::new();
    s.read_to_string(&mut body).unwrap();
    assert!(body.starts_with("HTTP/1.0 200"), "{body}");
    // Not on 127.0.0.1 as well.
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
}

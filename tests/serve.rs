//! `kumppani serve` as a child process: pretty URLs, 404, 405, no way out of the output
//! directory, and the reload script only in what is served.

mod live;
mod support;

use live::{Running, request};
use support::TestSite;

/// Starts `serve` on a free port; returns the child and the port.
fn serve(site: &TestSite, port: &str) -> (Running, u16) {
    let mut child = Running::start(&site.root, &["serve", "--port", port]);
    let line = child.wait_out("serving ");
    let port = line
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("no port in {line:?}"));
    child.wait_out("watching ");
    (child, port)
}

#[test]
fn serves_pretty_urls_404_and_only_get_and_head() {
    let site = TestSite::repo();
    let (_child, port) = serve(&site, "0");

    let (status, body) = request(port, "GET", "/fi/kumppanuudet/strateginen-allianssi/");
    assert_eq!(status, 200);
    assert!(body.contains("Strateginen allianssi"), "{body}");
    assert!(
        body.contains("/_kumppani/reload.js"),
        "the served page lacks the reload script"
    );

    let (status, _) = request(port, "GET", "/fi/kumppanuudet");
    assert_eq!(status, 301, "a directory without its slash redirects");

    let (status, body) = request(port, "GET", "/fi/ei-ole/");
    assert_eq!(status, 404);
    let page_404 = std::fs::read_to_string(site.out().join("404.html")).unwrap();
    let title = page_404
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap();
    assert!(body.contains(title), "404 body is not the 404 page: {body}");

    let (status, body) = request(port, "HEAD", "/fi/");
    assert_eq!(status, 200);
    assert!(body.is_empty());
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(request(port, method, "/fi/").0, 405, "{method}");
    }

    // The reload script exists only in what the server sends, never on disk.
    for (path, html) in site.html_pages() {
        assert!(
            !html.contains("_kumppani"),
            "{path} holds the reload script"
        );
    }
    let (status, js) = request(port, "GET", "/_kumppani/reload.js");
    assert_eq!(status, 200);
    assert!(js.contains("/_kumppani/events"));
}

#[test]
fn never_serves_a_file_outside_the_output() {
    let site = TestSite::repo();
    std::fs::write(site.root.join("Cargo.toml"), "SECRET = 1\n").unwrap();
    let (_child, port) = serve(&site, "0");
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/fi/..%2f..%2fCargo.toml",
        "/fi/%2e%2e/%2e%2e/Cargo.toml",
        "/..%5c..%5cCargo.toml",
        "//etc/passwd",
        "/fi/../../Cargo.toml",
        "/../content/site.yaml",
    ] {
        let (status, body) = request(port, "GET", path);
        assert!(
            !body.contains("SECRET") && !body.contains("root:") && !body.contains("languages:"),
            "{path} leaked a file: {status} {body}"
        );
        assert_ne!(status, 200, "{path}");
    }
}

#[test]
fn pair_view_and_events() {
    let site = TestSite::repo();
    let (mut child, port) = serve(&site, "0");
    let (status, body) = request(port, "GET", "/_pair/partnerships/strategic-alliance");
    assert_eq!(status, 200);
    assert!(
        body.contains("src=\"/fi/kumppanuudet/strateginen-allianssi/\""),
        "{body}"
    );
    assert!(
        body.contains("src=\"/sv/partnerskap/strategiska-alliansen/\""),
        "{body}"
    );
    assert_eq!(request(port, "GET", "/_pair/no/such-page").0, 404);

    let (_, state) = request(port, "GET", "/_kumppani/events");
    assert!(state.contains("\"error\":null"), "{state}");
    // A broken save is reported to the browser until fixed.
    let file = site
        .root
        .join("content/partnerships/strategic-alliance.fi.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replacen("slug: ", "slug: [", 1)).unwrap();
    child.failed();
    let (_, state) = request(port, "GET", "/_kumppani/events");
    assert!(state.contains("strategic-alliance.fi.md:2:"), "{state}");
    std::fs::write(&file, good).unwrap();
    child.rebuilt();
    let (_, state) = request(port, "GET", "/_kumppani/events");
    assert!(state.contains("\"error\":null"), "{state}");
}

#[test]
fn a_port_in_use_moves_to_the_next() {
    let site = TestSite::repo();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = Running::start(&site.root, &["serve", "--port", &port.to_string()]);
    let line = child.wait_out("port ");
    assert!(
        line.contains(&format!("port {port} is in use; using")),
        "{line}"
    );
    let line = child.wait_out("serving ");
    assert!(!line.ends_with(&format!(":{port}/")), "{line}");
}

#[test]
fn pair_view_highlights_a_stale_counterpart_and_messages_missing_in_a_language() {
    let site = TestSite::repo();
    let (mut child, port) = serve(&site, "0");
    let pair = "/_pair/partnerships/strategic-alliance";
    let (_, body) = request(port, "GET", pair);
    assert!(
        !body.contains("stale:") && !body.contains("class=\"missing\""),
        "{body}"
    );

    // The Finnish page changes after its Swedish twin was marked translated; a Swedish
    // message goes missing.
    let fi = site
        .root
        .join("content/partnerships/strategic-alliance.fi.md");
    let text = std::fs::read_to_string(&fi).unwrap();
    std::fs::write(&fi, format!("{text}\nUusi kappale.\n")).unwrap();
    child.wait_out("rebuilt after ");
    child.settle();
    // A new Finnish message no page renders yet: the site builds, the pair view lists it.
    // A Finnish message the Swedish one was translated from changes: listed as stale.
    let ui = site.root.join("i18n/fi/ui.ftl");
    let text = std::fs::read_to_string(&ui).unwrap().replace(
        "skip-link = Siirry sisältöön",
        "skip-link = Siirry pääsisältöön",
    );
    std::fs::write(&ui, format!("{text}\nnew-heading = Uusi otsikko\n")).unwrap();
    child.wait_out("rebuilt after ");
    child.settle();

    let (status, body) = request(port, "GET", pair);
    assert_eq!(status, 200);
    assert!(
        body.contains("<section class=\"stale\"><h2>sv: Strategiska alliansen — stale: the reference page changed since this was translated"),
        "{body}"
    );
    assert!(
        body.contains(
            "<li>message `new-heading` is missing in `sv`: add it to i18n/sv/ui.ftl</li>"
        ),
        "{body}"
    );
    assert!(
        body.contains(
            "<li>message `skip-link` in `sv` was translated from an earlier `fi` text (i18n/fi/ui.ftl:4:1 has changed since): `kumppani i18n diff --message skip-link --lang sv` shows what changed; update the translation, then run `kumppani i18n mark-translated --message skip-link --lang sv`</li>"
        ),
        "{body}"
    );

    // Marking the message again is a change the preview sees: the note goes.
    let marked = std::process::Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(["i18n", "mark-translated", "--message", "skip-link"])
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert!(marked.status.success());
    child.wait_out("rebuilt after ");
    child.settle();
    let (_, body) = request(port, "GET", pair);
    assert!(!body.contains("`skip-link`"), "{body}");
    assert!(body.contains("`new-heading`"), "{body}");
}

#[test]
fn serve_started_on_a_broken_site_shows_the_error_on_every_url_until_it_builds() {
    let about = "content/about/_index.fi.md";
    let site = TestSite::repo();
    let original = std::fs::read_to_string(site.root.join(about)).unwrap();
    let site = site.edit(about, |s| s + "\n[Ei](/fi/ei-ole/)\n");
    let line = original.lines().count() + 2;
    let mut child = Running::start(&site.root, &["serve", "--port", "0"]);
    let serving = child.wait_out("serving ");
    let port: u16 = serving
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .unwrap();
    child.wait_for(
        "the failed first build",
        |l| matches!(l, live::Line::Err(s) if s.contains("fix and save to build")),
    );
    for path in ["/fi/", "/sv/", "/fi/kumppanuudet/", "/"] {
        let (status, body) = request(port, "GET", path);
        assert_eq!(status, 503, "{path}");
        assert!(
            body.contains(&format!(
                "{about}:{line}:1: link to `/fi/ei-ole/`: no page or file has this URL"
            )),
            "{path}: {body}"
        );
        assert!(body.contains("/_kumppani/reload.js"), "{path}: {body}");
    }
    // Fixed: the site appears at once.
    std::fs::write(site.root.join(about), &original).unwrap();
    child.wait_out("built ");
    let (status, body) = request(port, "GET", "/fi/");
    assert_eq!(status, 200);
    assert!(!body.contains("kumppani-report"), "{body}");
    assert!(body.contains("/_kumppani/reload.js"));
}

/// The reload token in an events answer: `"generation":"<built>.<written ahead>"`.
fn token(state: &str) -> (u64, u64) {
    let json: serde_json::Value = serde_json::from_str(state).unwrap();
    let token = json["generation"]
        .as_str()
        .unwrap_or_else(|| panic!("{state}"));
    let (built, ahead) = token.split_once('.').unwrap();
    (built.parse().unwrap(), ahead.parse().unwrap())
}

#[test]
fn a_page_open_in_a_browser_is_written_first_and_told_to_reload_before_the_rebuild_ends() {
    let site = TestSite::repo();
    let (mut child, port) = serve(&site, "0");
    let page = "/fi/kumppanuuskirjanen/haastatellut/";
    let events = format!("/_kumppani/events?page={}", page.replace('/', "%2F"));
    // The page's first poll: it is open now.
    let (_, state) = request(port, "GET", &events);
    let (built, ahead) = token(&state);
    assert_eq!(ahead, 0, "{state}");
    // Its next poll waits for news while the chapter template is saved.
    let since = format!("{events}&since={built}.0");
    let poll = std::thread::spawn(move || request(port, "GET", &since));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let template = site.root.join("templates/chapter.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replacen("{% block main %}", "{% block main %}<!-- ahead -->", 1),
    )
    .unwrap();
    let (status, state) = poll.join().unwrap();
    assert_eq!(status, 200);
    // Woken by the page's own write (the second number), with the change on disk.
    let (_, ahead) = token(&state);
    assert_eq!(ahead, 1, "{state}");
    let html = std::fs::read_to_string(
        site.out()
            .join("fi/kumppanuuskirjanen/haastatellut/index.html"),
    )
    .unwrap();
    assert!(html.contains("<!-- ahead -->"));
    child.rebuilt();
    // A page no browser showed was never told anything ahead.
    let (_, state) = request(port, "GET", "/_kumppani/events?page=%2Fsv%2F");
    assert_eq!(token(&state).1, 0, "{state}");
}

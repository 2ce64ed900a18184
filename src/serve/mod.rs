//! `serve`: the output directory over HTTP on 127.0.0.1, with live reload and the pair view.
//!
//! The server never renders: it reads what the watch session wrote. Only served HTML gets
//! the reload script; the files in the output directory never hold it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::i18n::Localized;

/// The URL prefix of the server's own endpoints.
pub const PREFIX: &str = "/_kumppani/";

/// The script served HTML pages load: long-polls for rebuilds, reloads after each good one,
/// shows an overlay while the build is broken.
const RELOAD_JS: &str = include_str!("reload.js");

/// How long one long-poll waits before answering "nothing new".
const POLL: Duration = Duration::from_secs(25);

/// What the browser needs to know about the build.
#[derive(Debug, Default)]
struct State {
    /// Counts rebuilds and failures; a page reloads when it changes.
    generation: u64,
    /// The last failure's message, until a good rebuild.
    error: Option<String>,
    /// Page key → each language version, for the pair view.
    pairs: BTreeMap<String, Vec<Version>>,
    /// Messages missing in a language (the `missing-message` problems of `check`).
    missing: Vec<String>,
    /// The base URL's path of the last good build (`/kumppanuudet`, or empty): the site is
    /// served under it, as it will be published.
    base_path: String,
    /// Whether this session has built the site once; until then every URL shows the error.
    built: bool,
    /// Page URL → how many times a rebuild wrote it ahead of the rest of the site: the
    /// page reloads then, before the whole rebuild is done.
    ahead: BTreeMap<String, u64>,
}

impl State {
    /// What a page compares to know whether to reload: the generation, and the times its
    /// own file was written ahead of a rebuild.
    fn token(&self, page: &str) -> String {
        format!(
            "{}.{}",
            self.generation,
            self.ahead.get(page).copied().unwrap_or(0)
        )
    }
}

/// One language version of a page, as the pair view shows it.
#[derive(Debug, Clone)]
struct Version {
    lang: String,
    url: String,
    title: String,
    /// Only a notice that the page is not translated yet.
    pending: bool,
    /// Its reference page changed since it was translated.
    stale: bool,
}

/// What the pair view highlights beside the pages themselves.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// Messages missing in a language, and translated messages whose reference message
    /// changed since (read from `i18n/.translated/`), as `check` words them.
    pub missing: Vec<String>,
    /// `(page key, language)` of translations whose reference page changed since.
    pub stale: Vec<(String, String)>,
}

impl Notes {
    /// The notes for a good build of `session`, from the bundles it loaded (nothing is read
    /// again from disk).
    pub fn of(session: &crate::watch::Session) -> Notes {
        let mut problems = Vec::new();
        crate::check::fluent::compare(session.config(), session.bundles(), &mut problems);
        crate::check::messages::check(
            session.root(),
            session.config(),
            session.bundles(),
            &mut problems,
        );
        let missing = problems
            .into_iter()
            .filter(|p| p.code == "missing-message" || p.code == "stale-message")
            .map(|p| p.message)
            .collect();
        let stale = crate::check::pages::stale_translations(
            session.config().reference_language(),
            &session.content().pages,
        );
        Notes { missing, stale }
    }
}

/// The build state shared between the watch loop and the server threads.
#[derive(Debug, Default)]
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
    /// The pages browsers show, from their polls.
    open: Arc<crate::watch::OpenPages>,
}

impl Live {
    /// The pages open in a browser, which the watch loop writes first.
    pub fn open_pages(&self) -> Arc<crate::watch::OpenPages> {
        Arc::clone(&self.open)
    }

    /// A good build: remember its pages and what the pair view highlights, and wake every
    /// waiting browser.
    pub fn built(&self, localized: &Localized, notes: Notes) {
        let mut pairs: BTreeMap<String, Vec<Version>> = BTreeMap::new();
        for p in &localized.pages {
            pairs.entry(p.key.clone()).or_default().push(Version {
                lang: p.lang.clone(),
                url: p.url.to_string(),
                title: p.title.to_string(),
                pending: p.pending.is_some(),
                stale: notes.stale.iter().any(|(k, l)| *k == p.key && *l == p.lang),
            });
        }
        if let Ok(mut s) = self.state.lock() {
            s.generation += 1;
            s.error = None;
            s.built = true;
            s.pairs = pairs;
            s.missing = notes.missing;
            s.base_path = localized.base_path.clone();
        }
        self.changed.notify_all();
    }

    /// A rebuild wrote the pages at `urls` ahead of the rest: the browsers showing them
    /// reload now (and once more when the rebuild is done).
    pub fn ahead(&self, urls: &[String]) {
        if let Ok(mut s) = self.state.lock() {
            for url in urls {
                *s.ahead.entry(url.clone()).or_default() += 1;
            }
        }
        self.changed.notify_all();
    }

    /// A failed build: show `message` in every open page.
    pub fn failed(&self, message: String) {
        if let Ok(mut s) = self.state.lock() {
            s.generation += 1;
            s.error = Some(message);
        }
        self.changed.notify_all();
    }

    /// Waits until the reload token of `page` differs from `since` or the poll times out;
    /// returns the current token and error.
    fn wait(&self, since: Option<&str>, page: &str) -> (String, Option<String>) {
        let Ok(mut s) = self.state.lock() else {
            return (String::new(), None);
        };
        if let Some(since) = since {
            let deadline = std::time::Instant::now() + POLL;
            while s.token(page) == since {
                let left = deadline.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    break;
                }
                match self.changed.wait_timeout(s, left) {
                    Ok((g, _)) => s = g,
                    Err(_) => return (String::new(), None),
                }
            }
        }
        (s.token(page), s.error.clone())
    }

    fn base_path(&self) -> String {
        self.state
            .lock()
            .map(|s| s.base_path.clone())
            .unwrap_or_default()
    }

    /// The error of a session that has not built the site yet: the output directory may be
    /// missing or stale, so every URL answers with the error instead.
    fn unbuilt_error(&self) -> Option<String> {
        let s = self.state.lock().ok()?;
        if s.built { None } else { s.error.clone() }
    }

    fn pair(&self, key: &str) -> Option<(Vec<Version>, Vec<String>)> {
        let s = self.state.lock().ok()?;
        Some((s.pairs.get(key)?.clone(), s.missing.clone()))
    }
}

/// A server bound to a port, ready to run.
pub struct Serving {
    server: Server,
    /// The port it listens on.
    pub port: u16,
}

/// Binds 127.0.0.1 at `port`, or the next free port among the following 20.
///
/// Fails with the last error when none is free.
pub fn bind(port: u16) -> Result<Serving, String> {
    bind_on(std::net::IpAddr::from([127, 0, 0, 1]), port)
}

/// [`bind`] on `interface` instead of 127.0.0.1 (`serve --interface`).
///
/// Fails with the last error when none of the ports is free.
pub fn bind_on(interface: std::net::IpAddr, port: u16) -> Result<Serving, String> {
    let mut last = String::new();
    let last_port = if port == 0 {
        0
    } else {
        port.saturating_add(20)
    };
    for p in port..=last_port {
        match Server::http((interface, p)) {
            Ok(server) => {
                // Port 0 asks the system for a free port; report the one it chose.
                let port = server.server_addr().to_ip().map_or(p, |a| a.port());
                return Ok(Serving { server, port });
            }
            Err(e) => last = format!("{}: {e}", std::net::SocketAddr::new(interface, p)),
        }
    }
    Err(last)
}

impl Serving {
    /// Answers requests for files under `out` until the process ends; each request gets its
    /// own thread, since long-polls wait.
    pub fn run(self, out: PathBuf, live: Arc<Live>) {
        let out = Arc::new(out);
        for request in self.server.incoming_requests() {
            let out = Arc::clone(&out);
            let live = Arc::clone(&live);
            std::thread::spawn(move || handle(request, &out, &live));
        }
    }
}

/// A preview server answering on its own thread.
#[derive(Debug, Clone)]
pub struct Started {
    /// The port it listens on: the one asked for, or the next free one.
    pub port: u16,
    /// Its root URL, `http://<interface>:<port>/`.
    pub url: String,
}

/// Binds `interface` at `port` (or the next free port, see [`bind_on`]) and serves `out` on
/// a thread of its own, with `live` as the build state the browser sees.
///
/// Fails with the last bind error when no port is free.
pub fn start(
    interface: std::net::IpAddr,
    port: u16,
    out: PathBuf,
    live: Arc<Live>,
) -> Result<Started, String> {
    let serving = bind_on(interface, port)?;
    let port = serving.port;
    let url = format!("http://{}/", std::net::SocketAddr::new(interface, port));
    std::thread::spawn(move || serving.run(out, live));
    Ok(Started { port, url })
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let head = request.method() == &Method::Head;
    let len = body.len();
    let mut response = Response::from_data(if head { Vec::new() } else { body })
        .with_status_code(StatusCode(status));
    for h in [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    if status == 405
        && let Some(h) = header("Allow", "GET, HEAD")
    {
        response.add_header(h);
    }
    if head {
        // HEAD tells the length of what GET would send.
        let response = Response::new(
            StatusCode(status),
            response.headers().to_vec(),
            std::io::empty(),
            Some(len),
            None,
        );
        let _ = request.respond(response);
    } else {
        let _ = request.respond(response);
    }
}

fn redirect(request: Request, to: &str) {
    let mut response = Response::empty(StatusCode(301));
    if let Some(h) = header("Location", to) {
        response.add_header(h);
    }
    let _ = request.respond(response);
}

fn handle(request: Request, out: &Path, live: &Live) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"405 method not allowed: this server answers GET and HEAD only\n".to_vec(),
        );
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    if path == "/_kumppani/reload.js" {
        return respond(
            request,
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        );
    }
    if path == "/_kumppani/events" {
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        };
        let page = param("page").and_then(percent_decode).unwrap_or_default();
        if !page.is_empty() {
            live.open.seen(&page);
        }
        let page = page.strip_suffix("index.html").unwrap_or(&page);
        let since = param("since").and_then(percent_decode);
        let (generation, error) = live.wait(since.as_deref(), page);
        let body = serde_json::json!({ "generation": generation, "error": error });
        return respond(
            request,
            200,
            "application/json",
            body.to_string().into_bytes(),
        );
    }
    // Started on a broken site: every URL is the error page, with live reload, until the
    // first good build (then the page reloads into the real one).
    if let Some(error) = live.unbuilt_error() {
        return respond(
            request,
            503,
            "text/html; charset=utf-8",
            inject(error_page(&error).into_bytes()),
        );
    }
    if let Some(key) = path.strip_prefix("/_pair/") {
        let key = key.trim_end_matches('/');
        return match live.pair(&percent_decode(key).unwrap_or_default()) {
            Some((versions, missing)) => respond(
                request,
                200,
                "text/html; charset=utf-8",
                inject(pair_page(key, &versions, &missing).into_bytes()),
            ),
            None => not_found(request, out),
        };
    }
    // Under a sub-path the site lives at /kumppanuudet/…; `/` leads there, nothing else does.
    let base = live.base_path();
    let path = match path.strip_prefix(base.as_str()) {
        Some(rest) if rest.starts_with('/') => rest,
        Some("") => return redirect(request, &format!("{base}/")),
        _ if path == "/" => return redirect(request, &format!("{base}/")),
        _ => return not_found(request, out),
    };
    match resolve(out, path) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let ct = content_type(&file);
                let bytes = if ct.starts_with("text/html") {
                    inject(bytes)
                } else {
                    bytes
                };
                respond(request, 200, ct, bytes)
            }
            Err(_) => not_found(request, out),
        },
        Resolved::Directory => redirect(request, &format!("{base}{path}/")),
        Resolved::NotFound => not_found(request, out),
    }
}

fn not_found(request: Request, out: &Path) {
    let body = std::fs::read(out.join("404.html"))
        .map(inject)
        .unwrap_or_else(|_| b"404 not found\n".to_vec());
    respond(request, 404, "text/html; charset=utf-8", body)
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the output directory.
    File(PathBuf),
    /// A directory requested without its trailing slash.
    Directory,
    /// Nothing, or something outside the output directory.
    NotFound,
}

/// Decodes `%xx` escapes; `None` on a bad escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    // The crate keeps a `%` without two hex digits as it is; a URL with one is malformed,
    // and leads nowhere, as it always has.
    let well_formed = s
        .split('%')
        .skip(1)
        .all(|rest| rest.len() >= 2 && rest.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit));
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// Maps a request path to a file under `out`: pretty URLs (`/fi/x/` → `fi/x/index.html`).
///
/// Refuses anything that could leave `out`: `..` or `.` segments (also percent-encoded),
/// encoded slashes and backslashes, empty segments (`//etc/passwd`), NUL; and, after
/// following links, any file whose canonical path is not inside `out`.
pub fn resolve(out: &Path, path: &str) -> Resolved {
    let lower = path.to_ascii_lowercase();
    if !path.starts_with('/')
        || path.starts_with("//")
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
        || path.contains('\\')
    {
        return Resolved::NotFound;
    }
    let Some(decoded) = percent_decode(&path[1..]) else {
        return Resolved::NotFound;
    };
    let mut rel = PathBuf::new();
    let segments: Vec<&str> = decoded.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if seg.is_empty() && last {
            continue; // the trailing slash
        }
        if seg.is_empty() || *seg == "." || *seg == ".." || seg.contains(['\0', '\\', ':']) {
            return Resolved::NotFound;
        }
        rel.push(seg);
    }
    let Ok(root) = out.canonicalize() else {
        return Resolved::NotFound;
    };
    let mut target = root.join(&rel);
    if target.is_dir() {
        if !decoded.is_empty() && !decoded.ends_with('/') {
            return Resolved::Directory;
        }
        target.push("index.html");
    }
    match target.canonicalize() {
        Ok(t) if t.starts_with(&root) && t.is_file() => Resolved::File(t),
        _ => Resolved::NotFound,
    }
}

/// The `Content-Type` of a file in the output, from its extension.
fn content_type(path: &Path) -> &'static str {
    match mime_guess::from_path(path).first_raw() {
        // Every text file the site holds is UTF-8; saying so spares the browser a guess.
        Some("text/html") => "text/html; charset=utf-8",
        Some("text/css") => "text/css; charset=utf-8",
        Some("text/javascript") => "text/javascript; charset=utf-8",
        Some("text/plain") => "text/plain; charset=utf-8",
        // The sitemap and feeds declare their encoding themselves (RFC 7303 prefers this).
        Some("text/xml") => "application/xml",
        Some(other) => other,
        None => "application/octet-stream",
    }
}

/// The tag that loads the reload script.
pub const SCRIPT_TAG: &str = "<script src=\"/_kumppani/reload.js\" data-kumppani-live></script>";

/// Adds the reload script before `</body>` (or at the end).
pub fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let needle = b"</body>";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    html.splice(at..at, SCRIPT_TAG.bytes());
    html
}

/// The page every URL shows while the site does not build: the report, as the terminal
/// shows it.
fn error_page(report: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>kumppani: the build failed</title>\n</head>\n<body>\n<main>\n<h1>The site does not build yet</h1>\n<p>Fix the problems below and save; this page reloads when the site builds.</p>\n<pre id=\"kumppani-report\">{}</pre>\n</main>\n</body>\n</html>\n",
        escape(report)
    )
}

/// `s` escaped for HTML text and quoted attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Every language version of one page side by side; a version that is only a "not
/// translated yet" notice or whose reference page changed since it was translated is marked,
/// and messages missing in a language or stale are listed above.
fn pair_page(key: &str, versions: &[Version], missing: &[String]) -> String {
    let frames: String = versions
        .iter()
        .map(|v| {
            let (class, note) = if v.pending {
                (" class=\"pending\"", " — not translated yet")
            } else if v.stale {
                (
                    " class=\"stale\"",
                    " — stale: the reference page changed since this was translated",
                )
            } else {
                ("", "")
            };
            format!(
                "<section{class}><h2>{l}: {t}{note} <a href=\"{u}\">{u}</a></h2><iframe src=\"{u}\" title=\"{l}\"></iframe></section>",
                l = escape(&v.lang),
                t = escape(&v.title),
                u = escape(&v.url)
            )
        })
        .collect();
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>pair: {k}</title><style>\
body{{margin:0;font-family:sans-serif}}main{{display:flex;height:100vh}}\
section{{flex:1;display:flex;flex-direction:column;border-left:1px solid #999}}\
.pending h2,.stale h2{{background:#fd0}}h2{{font-size:14px;margin:0;padding:4px}}\
.missing{{background:#fd0;margin:0;padding:4px 8px;font-size:14px}}\
iframe{{flex:1;border:0;width:100%}}</style></head>\
<body>{notes}<main>{frames}</main></body></html>",
        k = escape(key),
        notes = missing_notes(missing)
    )
}

/// The list of messages missing in a language, above the frames; nothing when none is.
fn missing_notes(missing: &[String]) -> String {
    if missing.is_empty() {
        return String::new();
    }
    let items: String = missing
        .iter()
        .map(|m| format!("<li>{}</li>", escape(m)))
        .collect();
    format!("<ul class=\"missing\" aria-label=\"missing messages\">{items}</ul>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_pretty_urls_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("fi/x")).unwrap();
        std::fs::write(out.join("fi/x/index.html"), "x").unwrap();
        std::fs::write(out.join("index.html"), "i").unwrap();
        std::fs::write(dir.path().join("secret"), "s").unwrap();
        let root = out.canonicalize().unwrap();
        assert_eq!(
            resolve(&out, "/fi/x/"),
            Resolved::File(root.join("fi/x/index.html"))
        );
        assert_eq!(resolve(&out, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(resolve(&out, "/fi/x"), Resolved::Directory);
        for bad in [
            "/../secret",
            "/%2e%2e/secret",
            "/%2E%2E/secret",
            "/fi/..%2f..%2fsecret",
            "//etc/passwd",
            "/fi/./x/",
            "/fi\\..\\..\\secret",
            "/%00",
            "/nope/",
        ] {
            assert_eq!(resolve(&out, bad), Resolved::NotFound, "{bad}");
        }
    }

    #[test]
    fn content_types_are_the_ones_served_before_the_crate() {
        for (file, ct) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.xml", "application/xml"),
            ("a.json", "application/json"),
            ("a.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("a.ico", "image/x-icon"),
            ("a.woff2", "font/woff2"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a", "application/octet-stream"),
            (".kumppani", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), ct, "{file}");
        }
    }

    #[test]
    fn percent_decoding_refuses_bad_escapes_and_non_utf8() {
        assert_eq!(percent_decode("a%C3%A5b").as_deref(), Some("aåb"));
        assert_eq!(percent_decode("plain/x").as_deref(), Some("plain/x"));
        for bad in ["%", "%4", "%zz", "a%%41", "%ff"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn injects_before_body_end() {
        let html = inject(b"<html><body><p>x</p></body></html>".to_vec());
        let s = String::from_utf8(html).unwrap();
        assert!(s.ends_with(&format!("{SCRIPT_TAG}</body></html>")));
    }
}

//! The output of a sub-path build served as a publisher would: Debian's stock nginx with the
//! output directory at `/kumppanuudet/`. Every page, asset, feed and search file answers 200,
//! every URL the files hold leads to one, and a wrong path gets the 404 page.
//!
//! nginx runs in the foreground without a master process, with its own configuration, prefix,
//! logs and temp directories in a temporary directory, on a free loopback port, and is
//! stopped by its PID. `.ci/run` installs nginx when it is missing.

mod support;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::TestSite;
use support::urls::{BASE, PREFIX, files_under, target_of, urls_in};

const NGINX: &str = "/usr/sbin/nginx";

/// nginx, or a loud SKIPPED (a failure under `CI`, where `.ci/run` installs it).
fn nginx_available() -> bool {
    if Path::new(NGINX).is_file() {
        return true;
    }
    let message = format!(
        "\n!!! SKIPPED: nginx test: {NGINX} is missing; `bash .ci/run` installs it (apt-get install nginx)\n"
    );
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("{message}");
    false
}

/// A running nginx, killed by its PID when dropped.
struct Nginx {
    child: Child,
    port: u16,
    error_log: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // The child's own PID: nothing else is signalled.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    /// Serves `out` at `PREFIX` on a free loopback port, configured in `dir`.
    fn start(dir: &Path, out: &Path) -> Nginx {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free loopback port");
        for sub in ["conf", "logs", "temp"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        let d = dir.display();
        let out = out.canonicalize().unwrap();
        let prefix = PREFIX.trim_end_matches('/');
        // A stock configuration: static files, index.html for directories, the site's 404
        // page; the types nginx's own mime.types gives these extensions.
        let conf = format!(
            r#"daemon off;
master_process off;
pid {d}/logs/nginx.pid;
error_log {d}/logs/error.log warn;
events {{ worker_connections 64; }}
http {{
    types {{
        text/html html; text/css css; application/javascript js; application/json json;
        application/xml xml; application/atom+xml atom; text/plain txt;
    }}
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {d}/temp/body;
    proxy_temp_path {d}/temp/proxy;
    fastcgi_temp_path {d}/temp/fastcgi;
    uwsgi_temp_path {d}/temp/uwsgi;
    scgi_temp_path {d}/temp/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        location {prefix}/ {{
            alias {out}/;
            index index.html;
            error_page 404 {prefix}/404.html;
        }}
        location / {{ return 404; }}
    }}
}}
"#,
            out = out.display()
        );
        let conf_path = dir.join("conf/nginx.conf");
        std::fs::write(&conf_path, conf).unwrap();
        let child = Command::new(NGINX)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&conf_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start nginx");
        let nginx = Nginx {
            child,
            port,
            error_log: dir.join("logs/error.log"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "nginx did not listen on {port}: {}",
                std::fs::read_to_string(&nginx.error_log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        nginx
    }
}

/// The URL path under which nginx serves output file `rel`: directories for pages.
fn url_of(rel: &str) -> String {
    match rel.strip_suffix("index.html") {
        Some(dir) => format!("{PREFIX}{dir}"),
        None => format!("{PREFIX}{rel}"),
    }
}

#[test]
fn nginx_serves_a_sub_path_build_page_by_page() {
    if !nginx_available() {
        return;
    }
    let site = TestSite::repo().run(&["build", "--base-url", BASE]);
    assert!(site.success(), "{}", site.stderr());
    let out = site.out();
    let dir = tempfile::tempdir().unwrap();
    let nginx = Nginx::start(dir.path(), &out);

    // Every file of the output, at its URL (pages at their directory URL).
    let files: Vec<String> = files_under(&out)
        .into_iter()
        .filter(|f| !f.starts_with('.'))
        .collect();
    let mut urls: std::collections::BTreeSet<String> = files.iter().map(|f| url_of(f)).collect();
    // And every URL the files hold that lies under the site.
    let origin = BASE.trim_end_matches(PREFIX);
    for rel in &files {
        let Ok(text) = std::fs::read_to_string(out.join(rel)) else {
            continue;
        };
        for url in urls_in(rel, &text) {
            let local = url.strip_prefix(origin).map_or(url.clone(), String::from);
            if local.starts_with(PREFIX) {
                urls.insert(local.split(['#']).next().unwrap_or("").to_string());
            }
        }
    }
    let mut problems = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for url in &urls {
        let r = support::http::get(nginx.port, url);
        let (status, body) = (r.status, &r.body);
        let content_type = r.header("content-type").to_string();
        if status != 200 {
            problems.push(format!("{url}: {status}"));
            continue;
        }
        // What nginx sent is the file the URL names.
        if let Some(file) = target_of(&out, url)
            && std::fs::read(&file).unwrap() != *body
        {
            problems.push(format!("{url}: the body is not {}", file.display()));
        }
        kinds.insert(content_type);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(urls.len() > 140, "only {} URLs fetched", urls.len());
    for kind in [
        "text/html",
        "text/css",
        "application/javascript",
        "application/json",
        "application/xml",
        "text/plain",
    ] {
        assert!(kinds.contains(kind), "no {kind} fetched: {kinds:?}");
    }
    // The feeds and the stylesheet are among them.
    for must in ["/kumppanuudet/fi/atom.xml", "/kumppanuudet/sv/atom.xml"] {
        assert!(urls.contains(must), "{must} not fetched");
    }
    assert!(
        urls.iter()
            .any(|u| u.starts_with("/kumppanuudet/style") && u.ends_with(".css")),
        "no stylesheet fetched"
    );

    // A wrong path under the sub-path: the site's own bilingual 404 page.
    let not_found = std::fs::read(out.join("404.html")).unwrap();
    for wrong in [
        "/kumppanuudet/fi/ei-ole-olemassa/",
        "/kumppanuudet/nope.css",
    ] {
        let r = support::http::get(nginx.port, wrong);
        assert_eq!(r.status, 404, "{wrong}");
        assert_eq!(r.header("content-type"), "text/html", "{wrong}");
        assert!(r.body == not_found, "{wrong} did not get 404.html");
    }
    let log = std::fs::read_to_string(&nginx.error_log).unwrap_or_default();
    assert!(!log.contains("[emerg]"), "{log}");
}

//! A real browser: headless Chromium (Debian's `chromium`) opens a page from `kumppani serve`,
//! the Markdown source is edited, and the new text appears without a manual reload; a broken
//! save shows the error overlay. Skipped, with a message, only when Chromium is not installed.

mod live;
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use live::Running;
use support::{TestSite, repo_root};

fn chromium() -> Option<String> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).is_file())
        .map(str::to_string)
}

#[test]
fn live_reload_and_error_overlay_in_chromium() {
    let Some(chromium) = chromium() else {
        println!(
            "SKIPPED live_reload_and_error_overlay_in_chromium: no Chromium (apt-get install -y chromium)"
        );
        return;
    };
    let site = TestSite::repo();
    let mut child = Running::start(&site.root, &["serve", "--port", "0"]);
    let line = child.wait_out("serving ");
    let base = line.rsplit(" at ").next().unwrap().to_string();
    child.wait_out("watching ");
    let profile = tempfile::tempdir().unwrap();
    let mut node = Command::new("node")
        .arg("--experimental-websocket")
        .arg(repo_root().join("tests/browser/live_reload.mjs"))
        .arg(&chromium)
        .arg(format!("{base}fi/kumppanuudet/strateginen-allianssi/"))
        .arg(
            site.root
                .join("content/partnerships/strategic-alliance.fi.md"),
        )
        .arg(profile.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("node is needed to drive Chromium (apt-get install -y nodejs)");
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(s) = node.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = node.kill();
            let _ = node.wait();
            panic!("the browser test did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let out = node.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        status.success(),
        "browser test failed:\n{stdout}\n{stderr}\nkumppani printed: {:#?}",
        child.seen
    );
    assert!(stdout.contains("ok: live reload"), "{stdout}");
}

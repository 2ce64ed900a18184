//! Runs a script of `tests/browser/` in node: JSON in on standard input, JSON out.

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `node SCRIPT ARGS…` in `tests/browser/` with `input` on standard input and returns
/// what it printed, parsed. Panics with the script's standard error when it fails.
pub fn run<I, S>(script: &str, args: I, input: &serde_json::Value) -> serde_json::Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = Command::new("node")
        .arg(script)
        .args(args)
        .current_dir(super::repo_root().join("tests/browser"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{script} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON from node")
}

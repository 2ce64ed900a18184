//! A `kumppani` child process that keeps running (`build --watch`, `serve`), read line by
//! line, with every wait bounded and the child killed when the guard drops.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant, SystemTime};

/// Longest any wait may take; a failing test fails instead of hanging.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// One line the child printed.
#[derive(Debug, Clone)]
pub enum Line {
    /// On stdout.
    Out(String),
    /// On stderr.
    Err(String),
}

/// The running child; killed on drop.
pub struct Running {
    child: Child,
    lines: Receiver<Line>,
    /// Everything read so far, for failure messages.
    pub seen: Vec<Line>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    /// Starts `kumppani <args>` in `root`.
    pub fn start(root: &Path, args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kumppani"))
            .args(args)
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kumppani");
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let t = tx.clone();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = t.send(Line::Out(l));
            }
        });
        std::thread::spawn(move || {
            for l in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx.send(Line::Err(l));
            }
        });
        Running {
            child,
            lines: rx,
            seen: Vec::new(),
        }
    }

    /// Waits (at most [`TIMEOUT`]) for a line that `pred` accepts; returns it.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Line) -> bool) -> Line {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if pred(&l) {
                        return l;
                    }
                }
                Err(_) => panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the child printed:\n{:#?}",
                    self.seen
                ),
            }
        }
    }

    /// Waits for a stdout line starting with `prefix`.
    pub fn wait_out(&mut self, prefix: &str) -> String {
        match self.wait_for(
            prefix,
            |l| matches!(l, Line::Out(s) if s.starts_with(prefix)),
        ) {
            Line::Out(s) | Line::Err(s) => s,
        }
    }

    /// Waits for the next rebuild line.
    pub fn rebuilt(&mut self) -> String {
        self.wait_out("rebuilt after ")
    }

    /// Waits for a failed rebuild and returns every stderr line up to its summary.
    pub fn failed(&mut self) -> String {
        let start = self.seen.len();
        self.wait_for(
            "a failed rebuild",
            |l| matches!(l, Line::Err(s) if s.contains("the last good output stays")),
        );
        self.stderr_since(start)
    }

    /// Every stderr line read since line `start` of [`Running::seen`], joined.
    pub fn stderr_since(&self, start: usize) -> String {
        self.seen[start..]
            .iter()
            .filter_map(|l| match l {
                Line::Err(s) => Some(s.as_str()),
                Line::Out(_) => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Reads and drops lines until the child has been quiet for a moment, so that the next
    /// wait sees only what the next edit causes.
    pub fn settle(&mut self) {
        while let Ok(l) = self.lines.recv_timeout(Duration::from_millis(300)) {
            self.seen.push(l);
        }
    }
}

/// Every file under `dir` with its bytes and modification time.
pub fn files(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let mtime = e.metadata().unwrap().modified().unwrap();
            (rel, (std::fs::read(e.path()).unwrap(), mtime))
        })
        .collect()
}

/// Paths whose bytes or mtime differ, or that exist on one side only.
pub fn changed(
    before: &BTreeMap<String, (Vec<u8>, SystemTime)>,
    after: &BTreeMap<String, (Vec<u8>, SystemTime)>,
) -> Vec<String> {
    before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Asserts that `out` holds exactly what a clean `kumppani build` of `root` writes, file by
/// file and byte for byte.
pub fn assert_equals_clean_build(root: &Path, out: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean");
    let status = Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(["build", "--out"])
        .arg(&clean)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let bytes = |m: BTreeMap<String, (Vec<u8>, SystemTime)>| {
        m.into_iter()
            .map(|(k, v)| (k, v.0))
            .collect::<BTreeMap<_, _>>()
    };
    let watched = bytes(files(out));
    let clean = bytes(files(&clean));
    assert_eq!(
        watched.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>(),
        "the watched output has other files than a clean build"
    );
    for (k, v) in &watched {
        assert!(
            v == &clean[k],
            "{k} differs from a clean build:\n--- watched\n{}\n--- clean\n{}",
            String::from_utf8_lossy(v),
            String::from_utf8_lossy(&clean[k])
        );
    }
}

/// One raw HTTP/1.1 request, so that the path reaches the server exactly as written.
pub fn request(port: u16, method: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

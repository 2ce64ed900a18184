//! `TestSite`: builds a small site in a temporary directory with the real binary and reads
//! the output, in the manner of mdBook's `BookTest`.
#![allow(dead_code)]

pub mod http;
pub mod node;
pub mod urls;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `from` into `to` recursively (files overwrite).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A site in a temporary directory.
pub struct TestSite {
    _dir: tempfile::TempDir,
    /// Site root.
    pub root: PathBuf,
    /// Output of the last command.
    pub last: Option<Output>,
}

impl TestSite {
    /// A copy of the repository's own portal (content, templates, i18n).
    pub fn repo() -> TestSite {
        let site = TestSite::empty();
        for dir in ["content", "templates", "i18n"] {
            copy_tree(&repo_root().join(dir), &site.root.join(dir));
        }
        site
    }

    /// The portal with two wide tables on the privacy page, in both languages: one before its
    /// first heading, one under its last (”Sähköposti”, ”E-post”). One cell is a word wider than
    /// any phone.
    pub fn with_wide_tables() -> TestSite {
        let wide = "| Kaupunki | Teema | Kuvaus |\n|---|---|---|\n| Oulu | Kasvu | \
                    Pitkäpitkäpitkäpitkäpitkäpitkäpitkäpitkäpitkäpitkäpitkäpitkäpitkäpitkäsana \
                    ja vielä kaksi saraketta |\n";
        let add = |s: String| {
            let (front, body) = s[3..].split_once("\n---\n").unwrap();
            format!("---{front}\n---\n\n{wide}\n{body}\n{wide}")
        };
        TestSite::repo()
            .edit("content/privacy/_index.fi.md", add)
            .edit("content/privacy/_index.sv.md", add)
    }

    /// `tests/fixtures/<name>` laid over the repository's templates and UI strings, so fixtures
    /// hold only the content and names their case needs.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_tree(&repo_root().join("templates"), &site.root.join("templates"));
        // The strings the templates use: the UI and the layout (names are the fixture's own).
        for lang in ["fi", "sv"] {
            std::fs::create_dir_all(site.root.join("i18n").join(lang)).unwrap();
            for file in ["ui.ftl", "layout.ftl"] {
                let from = repo_root().join("i18n").join(lang).join(file);
                std::fs::copy(from, site.root.join("i18n").join(lang).join(file)).unwrap();
            }
        }
        copy_tree(&repo_root().join("tests/fixtures").join(name), &site.root);
        site
    }

    /// `tests/fixtures/<name>` alone: a whole site with its own templates and Fluent files.
    pub fn bare_fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_tree(&repo_root().join("tests/fixtures").join(name), &site.root);
        site
    }

    fn empty() -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        TestSite {
            _dir: dir,
            root,
            last: None,
        }
    }

    /// A watch session on this site (`build --watch` driven through the library), built once.
    pub fn session(&self) -> kumppani::watch::Session {
        let options = kumppani::Options {
            root: self.root.clone(),
            out: self.out(),
            force: false,
            overrides: kumppani::config::Overrides::default(),
        };
        kumppani::watch::Session::start(&options)
            .expect("the site builds")
            .0
    }

    /// The default output directory.
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Runs `kumppani <args>` in the site root.
    pub fn run(mut self, args: &[&str]) -> TestSite {
        let output = Command::new(env!("CARGO_BIN_EXE_kumppani"))
            .args(args)
            .current_dir(&self.root)
            .output()
            .expect("run kumppani");
        self.last = Some(output);
        self
    }

    /// `kumppani build`, which must succeed.
    pub fn build(self) -> TestSite {
        let site = self.run(&["build"]);
        assert!(site.success(), "build failed:\n{}", site.stderr());
        site
    }

    /// `kumppani build`, which must fail with a non-zero exit code.
    pub fn build_fails(self) -> TestSite {
        let site = self.run(&["build"]);
        assert!(
            !site.success(),
            "build should have failed:\n{}",
            site.stdout()
        );
        assert!(
            site.stderr().contains("error:"),
            "no error printed:\n{}",
            site.stderr()
        );
        assert!(
            !site.stderr().contains("panicked"),
            "panic:\n{}",
            site.stderr()
        );
        site
    }

    /// Whether the last command exited 0.
    pub fn success(&self) -> bool {
        self.last.as_ref().is_some_and(|o| o.status.success())
    }

    /// Standard error of the last command.
    pub fn stderr(&self) -> String {
        self.last
            .as_ref()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .unwrap_or_default()
    }

    /// Standard output of the last command.
    pub fn stdout(&self) -> String {
        self.last
            .as_ref()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    }

    /// Asserts that standard error contains `needle`.
    pub fn assert_stderr(self, needle: &str) -> TestSite {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr()
        );
        self
    }

    /// Text of an output file.
    pub fn read(&self, path: &str) -> String {
        let p = self.out().join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
    }

    /// Asserts an output file contains `needle`.
    pub fn assert_contains(self, path: &str, needle: &str) -> TestSite {
        let text = self.read(path);
        assert!(text.contains(needle), "{path} lacks {needle:?}:\n{text}");
        self
    }

    /// Asserts an output file does not contain `needle`.
    pub fn assert_not_contains(self, path: &str, needle: &str) -> TestSite {
        let text = self.read(path);
        assert!(!text.contains(needle), "{path} contains {needle:?}");
        self
    }

    /// Replaces a source file's text through `f`.
    pub fn edit(self, path: &str, f: impl FnOnce(String) -> String) -> TestSite {
        let p = self.root.join(path);
        let text =
            std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
        std::fs::write(&p, f(text)).unwrap();
        self
    }

    /// Replaces the first `from` in the source file `path` with `to`; `from` must be there.
    pub fn replace(&self, path: &str, from: &str, to: &str) {
        let p = self.root.join(path);
        let text =
            std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
        assert!(text.contains(from), "{path} has no {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    }

    /// Writes a source file.
    pub fn write(self, path: &str, bytes: impl AsRef<[u8]>) -> TestSite {
        let p = self.root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// Every output file with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        Self::snapshot_of(&self.out())
    }

    /// Every file under `out` with its bytes.
    pub fn snapshot_of(out: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    /// Every output HTML page as (path, text).
    pub fn html_pages(&self) -> Vec<(String, String)> {
        self.snapshot()
            .into_iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
            .collect()
    }
}

/// The `href` of every `<a …>` in `html` whose attributes contain `attr`.
pub fn hrefs_with(html: &str, attr: &str) -> Vec<String> {
    html.split("<a ")
        .skip(1)
        .filter_map(|a| a.split_once('>').map(|(attrs, _)| attrs))
        .filter(|attrs| attrs.contains(attr))
        .filter_map(|attrs| {
            attrs
                .split("href=\"")
                .nth(1)?
                .split('"')
                .next()
                .map(str::to_string)
        })
        .collect()
}

/// `(hreflang, href)` of every `<link rel="alternate">` in `html`.
pub fn alternates(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .filter_map(|s| {
            let (lang, rest) = s.split_once('"')?;
            let href = rest.split("href=\"").nth(1)?.split('"').next()?;
            Some((lang.to_string(), href.to_string()))
        })
        .collect()
}

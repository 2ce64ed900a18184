//! Writes [`Rendered`] to the output directory: the only stage that touches disk.
//!
//! The whole site is written to a staging directory beside the target and swapped in with one
//! atomic exchange only when every file is written, so a failed or killed build leaves the
//! previous output complete.
//!
//! Double buffering: after the exchange the staging directory holds the previous output; it is
//! kept beside the target as `.<name>.prev` and becomes the next build's staging directory,
//! where only files whose bytes differ are written and files no longer produced are removed.
//! A rebuild of a large, mostly unchanged site then costs reads, not thousands of file
//! creations and deletions (which dominated the write stage at 20,000 pages). The price is a
//! second copy of the output on disk.
//!
//! Each buffer has a record of its files beside it (see [`hashes`]): a file whose `stat` is
//! the recorded one is compared by the hash of the new bytes, never read.

mod atomic;
mod hashes;

pub use atomic::{remove_output, write_atomic};

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use hashes::Hashes;

use rayon::prelude::*;

use crate::diagnostic::Location;
use crate::render::Rendered;

/// The file that marks a directory as kumppani's output, so `--out` never replaces anything else.
pub const MARKER: &str = ".kumppani";

/// A problem writing the output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// An I/O failure.
    #[error("{at}: cannot write: {message}")]
    Io {
        /// The path.
        at: Location,
        /// The operating system's words.
        message: String,
    },
    /// The output directory holds something that is not a previous build.
    #[error(
        "{at}: refusing to replace a non-empty directory that is not a previous kumppani output (no {MARKER} file); choose another --out or pass --force"
    )]
    NotOurs {
        /// The directory.
        at: Location,
    },
    /// The output directory would hold the site's own sources.
    #[error(
        "{at}: refusing to use this as the output directory: it is, holds or lies inside the site's sources (content/, templates/, i18n/), which a build would replace or read back; choose a directory of its own, such as public/"
    )]
    HoldsSources {
        /// The directory.
        at: Location,
    },
    /// The output path does not end in a name.
    #[error(
        "{at}: give the output directory by its name (not ending in `.` or `..`), such as public"
    )]
    NotNamed {
        /// The path.
        at: Location,
    },
    /// The output path names something that is not a directory.
    #[error("{at}: refusing to replace a file with the output directory; choose another --out")]
    NotADirectory {
        /// The path.
        at: Location,
    },
}

impl WriteError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            WriteError::Io { at, .. }
            | WriteError::NotOurs { at }
            | WriteError::HoldsSources { at }
            | WriteError::NotADirectory { at }
            | WriteError::NotNamed { at } => at,
        }
    }
}

fn io(path: &Path, e: std::io::Error) -> WriteError {
    WriteError::Io {
        at: Location::file(path),
        message: e.to_string(),
    }
}

/// The file `name` of the previous output at `out`, if `out` is one (it holds the marker)
/// and the file is there: what the build about to replace it had published.
pub fn read_previous(out: &Path, name: &str) -> Option<String> {
    if !out.join(MARKER).is_file() {
        return None;
    }
    std::fs::read_to_string(out.join(name)).ok()
}

/// Whether `out` may be replaced: it does not exist, is empty, or holds our marker.
pub fn may_replace(out: &Path) -> bool {
    match std::fs::read_dir(out) {
        Err(_) => true,
        Ok(mut entries) => out.join(MARKER).is_file() || entries.next().is_none(),
    }
}

/// Refuses an output directory that is the site root, a source directory, an ancestor of
/// either, or lies inside a source directory: replacing it would delete the sources, and
/// `--force` must never mean that. Also refuses a path that does not end in a name (`.`,
/// `..`): the staging directory is named after it and put beside it.
pub fn check_out(root: &Path, out: &Path) -> Result<(), WriteError> {
    let roots = spellings(root);
    let outs = spellings(out);
    for r in &roots {
        let sources = ["content", "templates", "i18n"].map(|d| r.join(d));
        for o in &outs {
            // The root, a source directory or anything holding one is never replaced; nor
            // is a directory inside the sources, where the output would be read back.
            if r.starts_with(o) || sources.iter().any(|s| s.starts_with(o) || o.starts_with(s)) {
                return Err(WriteError::HoldsSources {
                    at: Location::file(out),
                });
            }
        }
    }
    // `Path::components` drops a trailing `.`; look at the text too.
    let text = out.to_string_lossy();
    if text == "."
        || text.ends_with("/.")
        || !matches!(
            out.components().next_back(),
            Some(std::path::Component::Normal(_))
        )
    {
        return Err(WriteError::NotNamed {
            at: Location::file(out),
        });
    }
    Ok(())
}

/// The ways a path may resolve: `..` taken lexically, and through symbolic links (the longest
/// existing ancestor canonicalized). A path that does not exist yet still has both.
fn spellings(p: &Path) -> Vec<PathBuf> {
    use std::path::Component;
    let Ok(abs) = std::path::absolute(p) else {
        return Vec::new();
    };
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut all = vec![lexical.clone()];
    for start in [abs, lexical] {
        // Canonicalize the longest existing ancestor, then put the missing rest back.
        let mut existing = start.clone();
        let mut rest = Vec::new();
        while existing.symlink_metadata().is_err() {
            let Some(name) = existing.file_name().map(ToOwned::to_owned) else {
                break;
            };
            rest.push(name);
            existing.pop();
        }
        if let Ok(mut real) = existing.canonicalize() {
            real.extend(rest.iter().rev());
            all.push(real);
        }
    }
    all
}

/// Writes `rendered` into `out` through a staging directory and an atomic swap.
///
/// Fails without touching `out` when `out` is a non-empty directory that is not a previous
/// output (unless `force`), or when any file cannot be written.
pub fn write(rendered: &Rendered, out: &Path, force: bool) -> Result<(), WriteError> {
    let paths: Vec<&str> = rendered.files.iter().map(|f| f.path.as_str()).collect();
    let produce = |i: usize| Some(Cow::Borrowed(rendered.files[i].bytes.as_slice()));
    // Every file of `rendered` exists, so the write is always complete.
    write_with(&paths, &[], &rendered.assets, out, force, produce).map(|_| ())
}

/// A file that [`write_with`] makes last, once every other file is made, and writes piece by
/// piece: large files made from what the others gathered (the sitemap, the search indexes).
pub struct Streamed<'a> {
    /// Path relative to the output directory, `/`-separated.
    pub path: &'a str,
    /// Writes the file's bytes.
    pub write: &'a WriteFn<'a>,
}

/// Files that [`write_with_late`] makes after every other file, in folders that hold only
/// them, their names known only once they are made (the content-hashed search files).
pub struct Late<'a> {
    /// The folders, relative to the output directory, `/`-separated, ending in `/`: a file in
    /// them that `make` does not name is removed.
    pub dirs: &'a [String],
    /// Makes the files, giving each to the sink it is called with as soon as it is made
    /// (which writes it), so they are never in memory together.
    pub make: &'a (dyn Fn(&Sink<'_>) -> Result<(), WriteError> + Sync + 'a),
}

/// Takes one file [`Late::make`] made and writes it.
pub type Sink<'s> = dyn Fn(crate::render::OutputFile) -> Result<(), WriteError> + Sync + 's;

impl<'a> Late<'a> {
    /// The files `make` makes, in the folders `dirs`.
    pub fn new(
        dirs: &'a [String],
        make: &'a (dyn Fn(&Sink<'_>) -> Result<(), WriteError> + Sync + 'a),
    ) -> Self {
        Late { dirs, make }
    }
}

/// Whether [`write_with`] swapped the new output in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Every file was made and written; the new output is in place.
    Complete,
    /// At least one file could not be made (the producer recorded why); `out` is untouched.
    Incomplete,
}

/// Writes the files named by `paths` (relative, `/`-separated) and `assets` into `out`, like
/// [`write`], but asks `produce(i)` for the bytes of `paths[i]` only when that file is written,
/// in parallel: each page then lives in memory only between its rendering and its write,
/// instead of the whole site at once (about 90 MB at 20,000 pages).
///
/// `produce` returns `None` for a file it could not make, after recording the reason itself;
/// the remaining files are still made (so every problem is found), and the swap does not happen.
/// The staging directory (the back buffer) may then be half-synced, which is harmless: the next
/// build compares bytes.
///
/// The `streamed` files are written after every file of `paths` was produced and written,
/// and only when all of them were.
pub fn write_with<'a, F>(
    paths: &[&str],
    streamed: &[Streamed<'_>],
    assets: &[(PathBuf, String)],
    out: &Path,
    force: bool,
    produce: F,
) -> Result<Written, WriteError>
where
    F: Fn(usize) -> Option<Cow<'a, [u8]>> + Sync,
{
    write_with_late(paths, streamed, None, assets, out, force, produce)
}

/// [`write_with`], and then, like the `streamed` files, the `late` files (when every file
/// was made): files already there with the same bytes are left alone, and the files of the
/// late folders that `late` no longer makes are removed.
pub fn write_with_late<'a, F>(
    paths: &[&str],
    streamed: &[Streamed<'_>],
    late: Option<&Late<'_>>,
    assets: &[(PathBuf, String)],
    out: &Path,
    force: bool,
    produce: F,
) -> Result<Written, WriteError>
where
    F: Fn(usize) -> Option<Cow<'a, [u8]>> + Sync,
{
    // The swap would put a user's file where the site goes and then delete it: never.
    if out.symlink_metadata().is_ok() && !out.is_dir() {
        return Err(WriteError::NotADirectory {
            at: Location::file(out),
        });
    }
    if !force && !may_replace(out) {
        return Err(WriteError::NotOurs {
            at: Location::file(out),
        });
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    // The previous-but-one output, left by the last swap: the cheapest place to stage into.
    let back = parent.join(format!(".{name}.prev"));
    let _lock = OutputLock::acquire(&parent, &name)?;
    clean_leftovers(&parent, &name);
    let reuse = std::fs::symlink_metadata(&back).is_ok_and(|m| m.is_dir());
    let staging = if reuse {
        back.clone()
    } else {
        parent.join(format!(".{name}.staging-{}", std::process::id()))
    };
    std::fs::create_dir_all(&staging).map_err(|e| io(&staging, e))?;
    let record = hashes::record_path(&parent, &name, &staging);
    // A staging directory of our own was just made: it holds nothing to compare with.
    let hashes = Hashes::take(record.clone(), !reuse);
    let result = fill(paths, streamed, late, assets, &produce, &staging, &hashes)
        .and_then(|complete| hashes.finish().map(|()| complete))
        .and_then(|complete| {
            if complete {
                swap(&staging, out, &back).map(|()| Written::Complete)
            } else {
                Ok(Written::Incomplete)
            }
        });
    // A half-synced back buffer is harmless (the next build compares bytes); a fresh staging
    // directory is removed.
    if !matches!(result, Ok(Written::Complete)) && !reuse {
        let _ = std::fs::remove_dir_all(&staging);
        if let Some(record) = record {
            let _ = std::fs::remove_file(record);
        }
    }
    result
}

/// Holds the output's lock file, `.<name>.lock` beside it, for as long as it lives: one
/// writer at a time per output directory. A second `kumppani build` (or a watch session)
/// waits for the first one to finish; the lock goes with the process, so a killed build
/// never leaves it held.
struct OutputLock {
    _file: std::fs::File,
}

impl OutputLock {
    fn acquire(parent: &Path, name: &str) -> Result<OutputLock, WriteError> {
        let path = parent.join(format!(".{name}.lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| io(&path, e))?;
        file.lock().map_err(|e| io(&path, e))?;
        Ok(OutputLock { _file: file })
    }
}

/// Removes staging and old directories that killed builds left behind. Called with the
/// output's lock held, so no other build is writing any of them.
fn clean_leftovers(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    // The records of the two buffers stay; any other one (a killed build's temporary file,
    // the record of a directory since removed) goes.
    let records: Vec<PathBuf> = [name.to_string(), format!(".{name}.prev")]
        .iter()
        .filter_map(|d| hashes::record_path(parent, name, &parent.join(d)))
        .collect();
    let record = hashes::record_prefix(name);
    if let Ok(entries) = std::fs::read_dir(parent) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if prefixes.iter().any(|p| n.starts_with(p.as_str())) {
                let _ = std::fs::remove_dir_all(e.path());
            } else if n.starts_with(&record) && !records.contains(&e.path()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Makes `dir` hold exactly the files of `paths` (bytes from `produce`) and `assets` (and the
/// marker): files whose bytes already match are left alone, others written, anything else
/// removed. `dir` may be empty, missing, or a previous output. The `streamed` files come
/// last. Returns whether every file was produced.
fn fill<'a, F>(
    paths: &[&str],
    streamed: &[Streamed<'_>],
    late: Option<&Late<'_>>,
    assets: &[(PathBuf, String)],
    produce: &F,
    dir: &Path,
    hashes: &Hashes,
) -> Result<bool, WriteError>
where
    F: Fn(usize) -> Option<Cow<'a, [u8]>> + Sync,
{
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let files: HashSet<&str> = paths
        .iter()
        .copied()
        .chain(streamed.iter().map(|s| s.path))
        .chain(assets.iter().map(|a| a.1.as_str()))
        .chain([MARKER])
        .collect();
    let mut dirs: Vec<&str> = files
        .iter()
        .flat_map(|p| p.match_indices('/').map(|(i, _)| &p[..i]))
        .collect();
    dirs.sort_unstable();
    dirs.dedup();
    let late_dirs: Vec<&str> = late
        .map(|l| l.dirs.iter().map(|d| d.trim_end_matches('/')).collect())
        .unwrap_or_default();
    remove_stale(dir, &files, &dirs.iter().copied().collect(), &late_dirs)?;
    // Missing directories are made by the writers as they need them, side by side and between
    // pages being rendered: made one after the other up front, the mkdirs of a fresh build
    // (one per page, each slow on a busy disk) were a serial step of their own.
    let missing = AtomicBool::new(false);
    (0..paths.len()).into_par_iter().try_for_each(|i| {
        let Some(bytes) = produce(i) else {
            missing.store(true, Ordering::Relaxed);
            return Ok(());
        };
        hashes.put(dir, paths[i], &bytes)
    })?;
    let missing = missing.into_inner();
    if !missing {
        streamed
            .par_iter()
            .try_for_each(|s| put_streamed(dir, s, hashes))?;
        if let Some(late) = late {
            put_late(dir, late, hashes)?;
        }
    }
    assets.par_iter().try_for_each(|(src, rel)| {
        let bytes = std::fs::read(src).map_err(|e| io(src, e))?;
        hashes.put(dir, rel, &bytes)
    })?;
    let text = "This directory is written by kumppani build and replaced whole on every build.\n";
    hashes.put(dir, MARKER, text.as_bytes())?;
    Ok(!missing)
}

/// What makes a streamed file's bytes.
pub type WriteFn<'a> = dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Sync + 'a;

/// Writes a streamed file at `path`: its bytes are compared with the file already there as
/// they come, so an unchanged file is only read, never written (like the other files).
fn put_streamed(dir: &Path, s: &Streamed<'_>, hashes: &Hashes) -> Result<(), WriteError> {
    let path = &dir.join(s.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    let mut changed = std::io::BufWriter::with_capacity(64 * 1024, Changed::new(path));
    let result = match (s.write)(&mut changed) {
        Ok(()) => changed
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)
            .and_then(Changed::finish),
        Err(e) => {
            // Taken apart, not flushed: what is buffered must not start a new file now.
            let _ = changed.into_parts();
            Err(e)
        }
    };
    let hash = result.map_err(|e| {
        let _ = std::fs::remove_file(Changed::new_path(path));
        io(path, e)
    })?;
    hashes.note(path, s.path, hash)
}

/// A writer to `path` that writes nothing while the bytes match the file there; at the first
/// difference it starts a new file beside it, the matching part copied from the old one, and
/// [`Changed::finish`] puts it in place.
struct Changed<'p> {
    path: &'p Path,
    /// The file at `path`, while every byte so far matched it.
    old: Option<std::fs::File>,
    /// How many bytes matched.
    matched: u64,
    /// The new file, once the bytes differ.
    new: Option<std::fs::File>,
    scratch: Vec<u8>,
    /// Every byte written, hashed for the record.
    hasher: xxhash_rust::xxh3::Xxh3Default,
}

impl<'p> Changed<'p> {
    fn new(path: &'p Path) -> Self {
        let old = std::fs::symlink_metadata(path)
            .is_ok_and(|m| m.is_file())
            .then(|| std::fs::File::open(path).ok())
            .flatten();
        Changed {
            path,
            old,
            matched: 0,
            new: None,
            scratch: Vec::new(),
            hasher: xxhash_rust::xxh3::Xxh3Default::new(),
        }
    }

    /// Where the new file is made: not an output path, so a killed build's leftover is
    /// removed by the next build.
    fn new_path(path: &Path) -> PathBuf {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        path.with_file_name(format!(".{name}.new"))
    }

    /// The new file, started with the bytes that matched.
    fn diverge(&mut self) -> std::io::Result<&mut std::fs::File> {
        if self.new.is_none() {
            let mut new = std::fs::File::create(Self::new_path(self.path))?;
            if self.matched > 0 {
                let old = std::fs::File::open(self.path)?;
                std::io::copy(&mut std::io::Read::take(old, self.matched), &mut new)?;
            }
            self.old = None;
            self.new = Some(new);
        }
        Ok(self.new.as_mut().expect("made above"))
    }

    /// Puts the new file in place when the bytes differed, or the old file had more of them;
    /// returns the hash of the bytes.
    fn finish(mut self) -> std::io::Result<hashes::Hash> {
        let hash = hashes::finish(&self.hasher);
        if let Some(old) = &mut self.old {
            // Unchanged only if the old file ends here too.
            if std::io::Read::read(old, &mut [0])? == 0 {
                return Ok(hash);
            }
        }
        self.diverge()?;
        std::fs::rename(Self::new_path(self.path), self.path)?;
        Ok(hash)
    }
}

impl std::io::Write for Changed<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.hasher.update(buf);
        if let Some(old) = &mut self.old {
            self.scratch.resize(buf.len(), 0);
            if std::io::Read::read_exact(old, &mut self.scratch).is_ok() && self.scratch == buf {
                self.matched += buf.len() as u64;
                return Ok(buf.len());
            }
        }
        self.diverge()?.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes the `late` files into `dir` (those whose bytes changed), then removes every other
/// file of the late folders.
fn put_late(dir: &Path, late: &Late<'_>, hashes: &Hashes) -> Result<(), WriteError> {
    let made: std::sync::Mutex<HashSet<String>> = std::sync::Mutex::default();
    // The folders made so far; the lock is held while one is made, so that no file of it
    // is written before it exists.
    let parents: std::sync::Mutex<HashSet<String>> = std::sync::Mutex::default();
    (late.make)(&|f: crate::render::OutputFile| {
        if let Some((parent, _)) = f.path.rsplit_once('/') {
            let mut known = parents
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if !known.contains(parent) {
                let p = dir.join(parent);
                std::fs::create_dir_all(&p).map_err(|e| io(&p, e))?;
                known.insert(parent.to_string());
            }
        }
        hashes.put(dir, &f.path, &f.bytes)?;
        made.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(f.path);
        Ok(())
    })?;
    let made = made
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for d in late.dirs {
        for entry in walkdir::WalkDir::new(dir.join(d))
            .min_depth(1)
            .into_iter()
            .flatten()
        {
            let rel = relative_slash(dir, entry.path());
            if entry.file_type().is_file() && !made.contains(rel.as_str()) {
                std::fs::remove_file(entry.path()).map_err(|e| io(entry.path(), e))?;
            }
        }
    }
    Ok(())
}

/// `path` relative to `dir`, `/`-separated, as output paths are written.
fn relative_slash(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Removes from `dir` every file not in `files` and every directory not in `dirs` (paths
/// relative to `dir`, `/`-separated), except what lies in the `late` folders (see
/// [`put_late`]).
fn remove_stale(
    dir: &Path,
    files: &HashSet<&str>,
    dirs: &HashSet<&str>,
    late: &[&str],
) -> Result<(), WriteError> {
    let mut walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| WriteError::Io {
            at: Location::file(e.path().unwrap_or(dir)),
            message: e.to_string(),
        })?;
        let rel = relative_slash(dir, entry.path());
        let in_late = late
            .iter()
            .any(|l| rel == *l || rel.strip_prefix(l).is_some_and(|r| r.starts_with('/')));
        if in_late {
            continue;
        }
        if entry.file_type().is_dir() {
            if !dirs.contains(rel.as_str()) {
                walk.skip_current_dir();
                std::fs::remove_dir_all(entry.path()).map_err(|e| io(entry.path(), e))?;
            }
        } else if !files.contains(rel.as_str()) {
            std::fs::remove_file(entry.path()).map_err(|e| io(entry.path(), e))?;
        }
    }
    Ok(())
}

/// Puts `staging` in place of `out` in one step when the platform allows; the previous output
/// is then kept as the back buffer `back` for the next build.
fn swap(staging: &Path, out: &Path, back: &Path) -> Result<(), WriteError> {
    if out.exists() {
        if exchange(staging, out).is_ok() {
            // `staging` now holds the previous output: keep it as the next staging directory.
            if staging != back && std::fs::rename(staging, back).is_err() {
                let _ = std::fs::remove_dir_all(staging);
            }
            return Ok(());
        }
        // No atomic exchange here (another OS or file system): move the old output aside first.
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = out.with_file_name(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(out, &old).map_err(|e| io(out, e))?;
        if let Err(e) = std::fs::rename(staging, out) {
            let _ = std::fs::rename(&old, out);
            return Err(io(out, e));
        }
        let _ = std::fs::remove_dir_all(&old);
        return Ok(());
    }
    std::fs::rename(staging, out).map_err(|e| io(out, e))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::{Streamed, Written, write_with};
    use std::borrow::Cow;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Writes `pages` (path, bytes) and one streamed file `big.json` holding `streamed` into
    /// `out`; the streamed writer records how many pages were made before it ran.
    fn build(out: &Path, pages: &[(&str, &str)], streamed: &str) -> (Written, usize) {
        let made = AtomicUsize::new(0);
        let seen = AtomicUsize::new(usize::MAX);
        let paths: Vec<&str> = pages.iter().map(|p| p.0).collect();
        let write = |w: &mut dyn std::io::Write| {
            seen.store(made.load(Ordering::SeqCst), Ordering::SeqCst);
            // In pieces, as the sitemap and the indexes write.
            for piece in streamed.as_bytes().chunks(3) {
                w.write_all(piece)?;
            }
            Ok(())
        };
        let files = [Streamed {
            path: "search/big.json",
            write: &write,
        }];
        let written = write_with(&paths, &files, &[], out, false, |i| {
            made.fetch_add(1, Ordering::SeqCst);
            Some(Cow::Borrowed(pages[i].1.as_bytes()))
        })
        .expect("written");
        (written, seen.load(Ordering::SeqCst))
    }

    fn names_under(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn streamed_files_come_after_every_page_and_change_only_when_their_bytes_do() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let pages = [("fi/index.html", "<p>a</p>"), ("sv/index.html", "<p>b</p>")];
        let (written, seen) = build(&out, &pages, r#"{"index":1}"#);
        assert_eq!(written, Written::Complete);
        assert_eq!(seen, 2, "the streamed file was made before every page was");
        let big = out.join("search/big.json");
        assert_eq!(std::fs::read_to_string(&big).unwrap(), r#"{"index":1}"#);
        let all = [
            ".kumppani",
            "fi/index.html",
            "search/big.json",
            "sv/index.html",
        ];
        assert_eq!(names_under(&out), all);
        // Twice more with the same bytes: the staging directory is the previous output, so
        // the third build writes into the directory of the first one.
        let before = std::fs::metadata(&big).unwrap();
        build(&out, &pages, r#"{"index":1}"#);
        build(&out, &pages, r#"{"index":1}"#);
        let after = std::fs::metadata(&big).unwrap();
        assert_eq!(
            (before.ino(), before.mtime_nsec()),
            (after.ino(), after.mtime_nsec()),
            "an unchanged streamed file was rewritten"
        );
        // Same length, other bytes: replaced.
        build(&out, &pages, r#"{"index":2}"#);
        build(&out, &pages, r#"{"index":2}"#);
        assert_eq!(std::fs::read_to_string(&big).unwrap(), r#"{"index":2}"#);
        assert_eq!(names_under(&out), all, "a temporary file was left behind");
    }

    #[test]
    fn a_streamed_file_that_differs_late_grows_or_shrinks_is_written_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let pages = [("fi/index.html", "<p>a</p>")];
        // Longer than a few 64 KB pieces, so the matching part is copied from the old file.
        let base: String = (0..40_000).map(|i| format!("{i},")).collect();
        let late = format!("{}X", &base[..base.len() - 1]);
        let longer = format!("{base}more");
        let shorter = base[..base.len() / 2].to_string();
        for bytes in [&base, &late, &longer, &shorter, &base] {
            // Twice: the second build writes over the output of the one before the first.
            build(&out, &pages, bytes);
            build(&out, &pages, bytes);
            let written = std::fs::read_to_string(out.join("search/big.json")).unwrap();
            assert!(
                written == *bytes,
                "{} bytes, expected {}",
                written.len(),
                bytes.len()
            );
        }
        assert_eq!(
            names_under(&out),
            [".kumppani", "fi/index.html", "search/big.json"]
        );
    }

    #[test]
    fn a_failing_streamed_writer_fails_the_write_and_keeps_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let pages = [("fi/index.html", "<p>a</p>")];
        build(&out, &pages, "old");
        let fail = |w: &mut dyn std::io::Write| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        };
        let files = [Streamed {
            path: "search/big.json",
            write: &fail,
        }];
        let err = write_with(&["fi/index.html"], &files, &[], &out, false, |_| {
            Some(Cow::Borrowed(b"<p>new</p>".as_slice()))
        })
        .expect_err("the writer failed");
        assert!(
            err.to_string()
                .contains("search/big.json:1:1: cannot write: disk full"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("fi/index.html")).unwrap(),
            "<p>a</p>"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("search/big.json")).unwrap(),
            "old"
        );
        assert!(
            names_under(tmp.path()).iter().all(|n| !n.ends_with(".new")),
            "a half-written file was left behind: {:?}",
            names_under(tmp.path())
        );
    }

    #[test]
    fn streamed_files_are_not_made_when_a_page_could_not_be() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let called = AtomicUsize::new(0);
        let write = |w: &mut dyn std::io::Write| {
            called.fetch_add(1, Ordering::SeqCst);
            w.write_all(b"{}")
        };
        let files = [Streamed {
            path: "search/big.json",
            write: &write,
        }];
        let written = write_with(&["a.html", "b.html"], &files, &[], &out, false, |i| {
            (i == 0).then_some(Cow::Borrowed(b"a".as_slice()))
        })
        .expect("no I/O error");
        assert_eq!(written, Written::Incomplete);
        assert_eq!(called.load(Ordering::SeqCst), 0);
        assert!(!out.exists(), "an incomplete build was swapped in");
    }
}

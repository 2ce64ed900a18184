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

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

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
    write_with(&paths, &rendered.assets, out, force, produce).map(|_| ())
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
pub fn write_with<'a, F>(
    paths: &[&str],
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
    clean_leftovers(&parent, &name);
    let reuse = std::fs::symlink_metadata(&back).is_ok_and(|m| m.is_dir());
    let staging = if reuse {
        back.clone()
    } else {
        parent.join(format!(".{name}.staging-{}", std::process::id()))
    };
    let result = fill(paths, assets, &produce, &staging).and_then(|complete| {
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
    }
    result
}

/// Removes staging and old directories that killed builds left behind.
fn clean_leftovers(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    if let Ok(entries) = std::fs::read_dir(parent) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            // A directory whose build is still running (another `kumppani build` or a watch
            // session writing the same output) is not a leftover.
            let owner = prefixes
                .iter()
                .find_map(|p| n.strip_prefix(p.as_str()))
                .and_then(|pid| pid.parse::<i32>().ok());
            let running = owner.is_some_and(|pid| {
                pid != std::process::id() as i32
                    // SAFETY: kill with signal 0 only checks that the process exists.
                    && unsafe { libc::kill(pid, 0) } == 0
            });
            if prefixes.iter().any(|p| n.starts_with(p.as_str())) && !running {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// Makes `dir` hold exactly the files of `paths` (bytes from `produce`) and `assets` (and the
/// marker): files whose bytes already match are left alone, others written, anything else
/// removed. `dir` may be empty, missing, or a previous output. Returns whether every file was
/// produced.
fn fill<'a, F>(
    paths: &[&str],
    assets: &[(PathBuf, String)],
    produce: &F,
    dir: &Path,
) -> Result<bool, WriteError>
where
    F: Fn(usize) -> Option<Cow<'a, [u8]>> + Sync,
{
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let files: HashSet<&str> = paths
        .iter()
        .copied()
        .chain(assets.iter().map(|a| a.1.as_str()))
        .chain([MARKER])
        .collect();
    let mut dirs: Vec<&str> = files
        .iter()
        .flat_map(|p| p.match_indices('/').map(|(i, _)| &p[..i]))
        .collect();
    dirs.sort_unstable();
    dirs.dedup();
    let existing = remove_stale(dir, &files, &dirs.iter().copied().collect())?;
    // Only the missing ones: on a rebuild every directory exists, and a mkdir per page to learn
    // that was a measurable share of the write stage.
    for d in dirs.iter().filter(|d| !existing.contains(**d)) {
        let d = dir.join(d);
        std::fs::create_dir_all(&d).map_err(|e| io(&d, e))?;
    }
    let missing = AtomicBool::new(false);
    (0..paths.len()).into_par_iter().try_for_each(|i| {
        let Some(bytes) = produce(i) else {
            missing.store(true, Ordering::Relaxed);
            return Ok(());
        };
        let path = dir.join(paths[i]);
        if unchanged(&path, &bytes) {
            return Ok(());
        }
        std::fs::write(&path, &bytes).map_err(|e| io(&path, e))
    })?;
    assets.par_iter().try_for_each(|(src, rel)| {
        let path = dir.join(rel);
        let bytes = std::fs::read(src).map_err(|e| io(src, e))?;
        if unchanged(&path, &bytes) {
            return Ok(());
        }
        std::fs::write(&path, &bytes).map_err(|e| io(&path, e))
    })?;
    let marker = dir.join(MARKER);
    let text = "This directory is written by kumppani build and replaced whole on every build.\n";
    if !unchanged(&marker, text.as_bytes()) {
        std::fs::write(&marker, text).map_err(|e| io(&marker, e))?;
    }
    Ok(!missing.into_inner())
}

/// Removes from `dir` every file not in `files` and every directory not in `dirs` (paths
/// relative to `dir`, `/`-separated); returns the directories of `dirs` that exist.
fn remove_stale(
    dir: &Path,
    files: &HashSet<&str>,
    dirs: &HashSet<&str>,
) -> Result<HashSet<String>, WriteError> {
    let mut existing = HashSet::new();
    let mut walk = walkdir::WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| WriteError::Io {
            at: Location::file(e.path().unwrap_or(dir)),
            message: e.to_string(),
        })?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if entry.file_type().is_dir() {
            if !dirs.contains(rel.as_str()) {
                walk.skip_current_dir();
                std::fs::remove_dir_all(entry.path()).map_err(|e| io(entry.path(), e))?;
            } else {
                existing.insert(rel);
            }
        } else if !files.contains(rel.as_str()) {
            std::fs::remove_file(entry.path()).map_err(|e| io(entry.path(), e))?;
        }
    }
    Ok(existing)
}

/// Whether the regular file at `path` holds exactly `bytes` (sizes are compared first, so a
/// changed page is rarely read whole).
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
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
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

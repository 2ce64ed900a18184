//! `build --watch`: a full build, then incremental rebuilds on every save.
//!
//! [`classify`] says what a changed path is; [`Session`] keeps the last good stage outputs and
//! renders again only the pages a change affects; [`watch`] turns file-system events into
//! debounced batches of changes.

mod classify;
mod session;

pub use classify::{Change, classify};
pub use session::{Rebuild, Session, referenced_templates, write_atomic};

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::Errors;

/// The directories under the root that hold inputs.
pub const WATCHED: [&str; 3] = ["content", "templates", "i18n"];

/// How long the file system must stay quiet before a batch of events is built: editors save
/// in bursts (write a temporary file, rename it, touch a backup) within a few milliseconds.
pub const QUIET: Duration = Duration::from_millis(20);

/// The longest a batch waits for quiet, so a busy file system still gets rebuilds.
pub const MAX_WAIT: Duration = Duration::from_millis(100);

/// The watcher could not be set up.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot watch: {message}")]
pub struct WatchError {
    /// The directory.
    pub path: PathBuf,
    /// What the operating system said.
    pub message: String,
}

/// What one batch of changes led to.
pub enum Outcome<'a> {
    /// The site was rebuilt.
    Rebuilt(&'a Session, &'a Rebuild),
    /// The changes do not build; the previous output stays.
    Failed(&'a Session, &'a Errors),
}

/// Watches the inputs of `session`'s site until `stop` is set, rebuilding after each batch of
/// changes and telling `on` about it.
pub fn watch(
    session: &mut Session,
    root: &std::path::Path,
    stop: &AtomicBool,
    mut on: impl FnMut(Outcome<'_>),
) -> Result<(), WatchError> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // The receiver is gone only when the watch ends.
        let _ = tx.send(res);
    })
    .map_err(|e| WatchError {
        path: root.to_path_buf(),
        message: e.to_string(),
    })?;
    // Watch canonical paths so that events come back under a prefix we can strip.
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for dir in WATCHED {
        let path = canonical_root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| WatchError {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
        }
    }
    while !stop.load(Ordering::Relaxed) {
        let first = match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(ev) => ev,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut changes = BTreeSet::new();
        let mut add = |ev: notify::Result<notify::Event>| {
            if let Ok(ev) = ev {
                if matches!(ev.kind, notify::EventKind::Access(_)) {
                    return;
                }
                for p in ev.paths {
                    let c = match p.strip_prefix(&canonical_root) {
                        Ok(rel) => classify(std::path::Path::new(""), rel),
                        Err(_) => classify(root, &p),
                    };
                    if c != Change::Ignored {
                        changes.insert(c);
                    }
                }
            }
        };
        add(first);
        // Debounce: wait for a quiet moment, but not forever.
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            match rx.recv_timeout(QUIET) {
                Ok(ev) => add(ev),
                Err(_) => break,
            }
        }
        if changes.is_empty() {
            continue;
        }
        let changes: Vec<Change> = changes.into_iter().collect();
        match session.rebuild(&changes) {
            Ok(r) => on(Outcome::Rebuilt(session, &r)),
            Err(e) => on(Outcome::Failed(session, &e)),
        }
    }
    Ok(())
}

//! `build --watch`: a full build, then incremental rebuilds on every save.
//!
//! [`classify`] says what a changed path is; [`plan()`](plan::plan) what a batch of changes
//! asks to redo; [`Session`] keeps the last good stage outputs and
//! renders again only the pages a change affects; [`Watching`] turns file-system events,
//! debounced by `notify-debouncer-full`, into batches of changes.

mod classify;
mod messages;
mod open;
pub mod plan;
mod session;

pub use classify::{Change, classify};
pub use open::OpenPages;
pub use session::{Ahead, Rebuild, Session, referenced_templates};

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::Errors;

/// The directories under the root that hold inputs.
pub const WATCHED: [&str; 3] = ["content", "templates", "i18n"];

/// How long a file must stay quiet before its events are built: editors save in bursts
/// (write a temporary file, rename it, touch a backup) within a few milliseconds.
pub const QUIET: Duration = Duration::from_millis(20);

/// The watcher could not be set up.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot watch: {message}")]
pub struct WatchError {
    /// The directory.
    pub path: PathBuf,
    /// What the operating system said.
    pub message: String,
}

/// What the watch loop tells its caller, which prints it (and, under `serve`, tells the
/// browser): the first build, then each batch of changes.
pub enum Event<'a> {
    /// The first build succeeded; incremental rebuilds follow.
    Started(&'a Session, &'a crate::Report),
    /// The first build failed; the next save retries it from scratch.
    NotStarted(&'a Errors),
    /// The batch's changes were rebuilt.
    Rebuilt(&'a [Change], &'a Session, &'a Rebuild),
    /// The batch's changes do not build; the previous output stays.
    Failed(&'a [Change], &'a Session, &'a Errors),
}

/// Why [`Watching::run`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Stopped after the site had been built.
    Stopped,
    /// Stopped before the site ever built.
    NeverBuilt,
}

/// File-system watches on a site's inputs, installed and ready: a save made after
/// [`Watching::new`] returns is never missed.
pub struct Watching {
    // Kept alive: dropping it ends the watches.
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: mpsc::Receiver<DebounceEventResult>,
    root: PathBuf,
    canonical_root: PathBuf,
    /// The pages open in a browser (under `serve`): each rebuild writes them first.
    open: Arc<OpenPages>,
    /// Told which of them a rebuild wrote ahead of the rest.
    ahead: Option<Ahead>,
}

impl Watching {
    /// Watches `content/`, `templates/` and `i18n/` under `root`, recursively.
    pub fn new(root: &std::path::Path) -> Result<Watching, WatchError> {
        let (tx, rx) = mpsc::channel();
        // A file's events come out once it has been quiet for `QUIET`, merged (one rename,
        // one removal of a whole directory) and with the kernel's lost-event notices.
        let mut debouncer = new_debouncer(QUIET, None, tx).map_err(|e| WatchError {
            path: root.to_path_buf(),
            message: e.to_string(),
        })?;
        // Watch canonical paths so that events come back under a prefix we can strip.
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        for dir in WATCHED {
            let path = canonical_root.join(dir);
            if path.is_dir() {
                debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| WatchError {
                        path: path.clone(),
                        message: e.to_string(),
                    })?;
            }
        }
        Ok(Watching {
            _debouncer: debouncer,
            events: rx,
            root: root.to_path_buf(),
            canonical_root,
            open: Arc::default(),
            ahead: None,
        })
    }

    /// Rebuilds write the pages `open` names first (the ones browsers show, under `serve`)
    /// and tell `ahead` their URLs as soon as they are written.
    #[must_use]
    pub fn showing_first(mut self, open: Arc<OpenPages>, ahead: Ahead) -> Watching {
        self.open = open;
        self.ahead = Some(ahead);
        self
    }

    /// Waits for the next batch of changes: the files that went quiet for [`QUIET`] together.
    /// `None` when `stop` is set.
    pub fn next_batch(&self, stop: &AtomicBool) -> Option<Vec<Change>> {
        loop {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let first = match self.events.recv_timeout(Duration::from_millis(100)) {
                Ok(events) => events,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            };
            let mut changes = BTreeSet::new();
            self.add(first, &mut changes);
            // Other files that went quiet meanwhile join the batch.
            while let Ok(more) = self.events.try_recv() {
                self.add(more, &mut changes);
            }
            if !changes.is_empty() {
                return Some(changes.into_iter().collect());
            }
        }
    }

    fn add(&self, events: DebounceEventResult, changes: &mut BTreeSet<Change>) {
        let Ok(events) = events else { return };
        for ev in events {
            // The kernel dropped events (a full inotify queue): what changed is unknown.
            if ev.need_rescan() {
                changes.insert(Change::Rescan);
                continue;
            }
            // Reads and opens change nothing.
            if matches!(ev.kind, notify::EventKind::Access(_)) {
                continue;
            }
            for p in &ev.paths {
                let c = match p.strip_prefix(&self.canonical_root) {
                    Ok(rel) => classify(std::path::Path::new(""), rel),
                    Err(_) => classify(&self.root, p),
                };
                if c != Change::Ignored {
                    changes.insert(c);
                }
            }
        }
    }

    /// Builds the site, then rebuilds it after each batch until `stop` is set, telling `on`
    /// what happened each time. A site that does not build yet is waited for: each batch
    /// retries the full build until one succeeds.
    pub fn run(
        &self,
        options: &crate::Options,
        stop: &AtomicBool,
        mut on: impl FnMut(Event<'_>),
    ) -> Ended {
        let mut session = loop {
            match Session::start(options) {
                Ok((session, report)) => {
                    on(Event::Started(&session, &report));
                    break session;
                }
                Err(errors) => {
                    on(Event::NotStarted(&errors));
                    if self.next_batch(stop).is_none() {
                        return Ended::NeverBuilt;
                    }
                }
            }
        };
        self.rebuild_on_change(&mut session, stop, on);
        Ended::Stopped
    }

    /// Rebuilds `session` after each batch until `stop` is set, telling `on` each batch's
    /// changes and outcome ([`Event::Rebuilt`] or [`Event::Failed`]).
    pub fn rebuild_on_change(
        &self,
        session: &mut Session,
        stop: &AtomicBool,
        mut on: impl FnMut(Event<'_>),
    ) {
        if let Some(ahead) = &self.ahead {
            session.tell_ahead(Arc::clone(ahead));
        }
        session.idle();
        while let Some(changes) = self.next_batch(stop) {
            session.show_first(self.open.urls());
            match session.rebuild(&changes) {
                Ok(r) => on(Event::Rebuilt(&changes, session, &r)),
                Err(e) => on(Event::Failed(&changes, session, &e)),
            }
            // Told first: the work ahead waits on nobody.
            session.idle();
        }
    }
}

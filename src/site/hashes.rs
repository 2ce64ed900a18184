//! The record of an output directory's files, kept beside it (`.<name>.hashes-<inode>`): for
//! each file its size, times, inode and a hash of its bytes, so that the next build into that
//! directory learns from one `stat` that a file still holds what it wrote, and compares the
//! hash of the new bytes instead of reading the old file (at 100,000 pages, reading them cost
//! as much as writing them).
//!
//! A record can only ever cost a read, never leave a stale file:
//! - It is taken (read and removed) before its directory is touched, and the new one, written
//!   line by line to a temporary file as the files are made, gets its name only after every
//!   file of the directory is, so a killed build leaves none (the next build then compares
//!   bytes, as without a record).
//! - A file is trusted only if its stamp is the one recorded, and its change time (`ctime`,
//!   which any write moves and no tool can set back, unlike `mtime`) is older than the record
//!   file itself: a write in the same clock tick as the one recorded (timestamps are coarse)
//!   is then caught, as git does for its index.
//! - It is named after the inode of the directory it describes, which renames keep: it follows
//!   its directory through the swaps of the double buffer.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::{Xxh3Default, xxh3_128};

use super::{WriteError, io};

/// The first line of a record file: the format, so that another one is never misread
/// (format 1 held SHA-256 hashes: such a record vouches for nothing).
const HEADER: &str = "kumppani-hashes 2";

/// A file's bytes hashed: their XXH3-128, big-endian. A change detector, not a seal: the
/// record is this tool's own, and SHA-256 of every file written cost a few per cent of a
/// build.
pub(super) type Hash = [u8; 16];

/// The hash of `bytes`.
pub(super) fn hash(bytes: &[u8]) -> Hash {
    xxh3_128(bytes).to_be_bytes()
}

/// The hash of the bytes fed to `hasher`.
pub(super) fn finish(hasher: &Xxh3Default) -> Hash {
    hasher.digest128().to_be_bytes()
}

/// What one `stat` says of a file, to know that it was not written since it was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    /// Bytes.
    size: u64,
    /// Last modification, nanoseconds since the epoch.
    mtime: i128,
    /// Last change of the inode (any write, rename or `chmod`), nanoseconds since the epoch.
    ctime: i128,
    /// The inode: a file replaced by another has a new one.
    ino: u64,
}

impl Stamp {
    /// The stamp of the file `m` describes.
    #[cfg(unix)]
    pub(super) fn of(m: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Stamp {
            size: m.size(),
            mtime: ns(m.mtime(), m.mtime_nsec()),
            ctime: ns(m.ctime(), m.ctime_nsec()),
            ino: m.ino(),
        }
    }

    /// The stamp of the file `m` describes (no change time or inode here: the mtime stands in).
    #[cfg(not(unix))]
    pub(super) fn of(m: &std::fs::Metadata) -> Stamp {
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Stamp {
            size: m.len(),
            mtime,
            ctime: mtime,
            ino: 0,
        }
    }
}

/// One recorded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    stamp: Stamp,
    hash: Hash,
}

/// The record file of the directory `dir`, whose output is named `name`, in `parent`; `None`
/// when `dir` cannot be looked at (no record is then used or written).
pub(super) fn record_path(parent: &Path, name: &str, dir: &Path) -> Option<PathBuf> {
    let meta = std::fs::symlink_metadata(dir).ok()?;
    Some(parent.join(format!(".{name}.hashes-{}", ino(&meta))))
}

/// The record file prefix of an output named `name`: any such file is a record (or a killed
/// build's half-written one).
pub(super) fn record_prefix(name: &str) -> String {
    format!(".{name}.hashes-")
}

#[cfg(unix)]
fn ino(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

#[cfg(not(unix))]
fn ino(_: &std::fs::Metadata) -> u64 {
    0
}

/// The previous record of a directory and the new one being made, while a build writes into
/// it. Shared by the writing threads.
pub(super) struct Hashes {
    /// What the previous record vouches for: trusted entries only, by [`key`] of the path
    /// (no copy of 100,000 paths; two paths of one key cannot both pass, as each entry's stamp
    /// names its file's inode).
    known: HashMap<u64, Entry>,
    /// The new record, written line by line as files are made (at 100,000 files, holding
    /// the lines until the end was 14 MB); `None` when no record is written.
    made: Mutex<Option<Writing>>,
    /// The record file.
    path: Option<PathBuf>,
    /// The directory was empty when the build began: no file is looked for before it is made.
    fresh: bool,
}

impl Hashes {
    /// Takes the record at `path` (reads it, then removes it: the directory is about to
    /// change). A missing, unreadable or foreign record vouches for nothing. With `path` `None`
    /// nothing is read or written. `fresh`: the directory is new and empty.
    pub(super) fn take(path: Option<PathBuf>, fresh: bool) -> Hashes {
        let known = path.as_deref().map(read).unwrap_or_default();
        if let Some(p) = &path {
            let _ = std::fs::remove_file(p);
        }
        let made = path.as_deref().map(Writing::start);
        Hashes {
            known,
            made: Mutex::new(made),
            path,
            fresh,
        }
    }

    /// The hash the record vouches `rel` holds, if the file's `stamp` is the recorded one.
    fn vouched(&self, rel: &str, stamp: Stamp) -> Option<Hash> {
        self.known
            .get(&key(rel))
            .filter(|e| e.stamp == stamp)
            .map(|e| e.hash)
    }

    /// Notes that `rel` now holds bytes hashing to `hash`, as the file at `path` stamped now.
    pub(super) fn note(&self, path: &Path, rel: &str, hash: Hash) -> Result<(), WriteError> {
        let meta = std::fs::symlink_metadata(path).map_err(|e| io(path, e))?;
        self.add(rel, Stamp::of(&meta), hash);
        Ok(())
    }

    fn add(&self, rel: &str, stamp: Stamp, hash: Hash) {
        if let Ok(mut made) = self.made.lock()
            && let Some(w) = made.as_mut()
        {
            w.line(rel, Entry { stamp, hash });
        }
    }

    /// Makes the file `rel` in `dir` hold `bytes`: left alone when it already does (known from
    /// the record without reading it, else by comparing bytes), written otherwise (its folders
    /// made when missing).
    pub(super) fn put(&self, dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let path = dir.join(rel);
        let hash = hash(bytes);
        if !self.fresh
            && let Ok(m) = std::fs::symlink_metadata(&path)
            && m.is_file()
            && m.len() == bytes.len() as u64
        {
            let stamp = Stamp::of(&m);
            let same = match self.vouched(rel, stamp) {
                Some(h) => h == hash,
                None => std::fs::read(&path).is_ok_and(|old| old == bytes),
            };
            if same {
                self.add(rel, stamp, hash);
                return Ok(());
            }
        }
        // A page of a new directory is alone in its own folder, which does not exist yet: made
        // first, rather than found missing by a failed open (20,000 of them at 10,000 pairs).
        if self.fresh
            && rel.ends_with("/index.html")
            && let Some(parent) = path.parent()
        {
            let _ = std::fs::create_dir(parent);
        }
        let mut file = match std::fs::File::create(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let parent = path.parent().unwrap_or(dir);
                std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
                std::fs::File::create(&path)
            }
            made => made,
        }
        .map_err(|e| io(&path, e))?;
        file.write_all(bytes).map_err(|e| io(&path, e))?;
        let meta = file.metadata().map_err(|e| io(&path, e))?;
        self.add(rel, Stamp::of(&meta), hash);
        Ok(())
    }

    /// Writes the new record beside the directory: of the files this build made or found
    /// unchanged (after a build that did not make every file, the others are compared again
    /// next time).
    pub(super) fn finish(self) -> Result<(), WriteError> {
        let Some(path) = self.path else {
            return Ok(());
        };
        match self.made.into_inner().ok().flatten() {
            Some(w) => w.finish(&path),
            None => Ok(()),
        }
    }
}

/// The key of a path in [`Hashes::known`].
fn key(rel: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(rel)
}

/// The entries of the record at `path` that may be trusted (see the module doc); none when
/// it is missing or not a record.
fn read(path: &Path) -> HashMap<u64, Entry> {
    let (Ok(text), Ok(meta)) = (std::fs::read_to_string(path), std::fs::metadata(path)) else {
        return HashMap::new();
    };
    let written = Stamp::of(&meta).mtime;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return HashMap::new();
    }
    let mut known = HashMap::new();
    for line in lines {
        // A malformed line means a record not made by this version: trust none of it.
        let Some((rel, entry)) = parse(line) else {
            return HashMap::new();
        };
        if entry.stamp.ctime < written && entry.stamp.mtime < written {
            known.insert(key(rel), entry);
        }
    }
    known
}

/// One line: `hash size mtime ctime inode path`.
fn parse(line: &str) -> Option<(&str, Entry)> {
    let mut f = line.splitn(6, ' ');
    let hex = f.next()?;
    let mut hash = [0u8; 16];
    if hex.len() != 32 {
        return None;
    }
    for (i, b) in hash.iter_mut().enumerate() {
        *b = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    let stamp = Stamp {
        size: f.next()?.parse().ok()?,
        mtime: f.next()?.parse().ok()?,
        ctime: f.next()?.parse().ok()?,
        ino: f.next()?.parse().ok()?,
    };
    Some((f.next()?, Entry { stamp, hash }))
}

/// A record being written: a temporary file beside the record (named like one, so a killed
/// build's leftover is removed with the stale records), renamed to the record's name once
/// every file of its directory is made.
struct Writing {
    /// The temporary file and its buffered writer; or why it could not be made or written
    /// (reported by [`Writing::finish`]).
    file: std::io::Result<(tempfile::NamedTempFile, std::io::BufWriter<std::fs::File>)>,
}

impl Writing {
    /// Starts the record that goes to `path`, with its header.
    fn start(path: &Path) -> Writing {
        let dir = path.parent().unwrap_or(Path::new("."));
        let prefix = path.file_name().unwrap_or_default().to_string_lossy();
        let file = tempfile::Builder::new()
            .prefix(&format!("{prefix}-tmp"))
            .tempfile_in(dir)
            .and_then(|tmp| {
                let mut w = std::io::BufWriter::with_capacity(64 * 1024, tmp.reopen()?);
                writeln!(w, "{HEADER}")?;
                Ok((tmp, w))
            });
        Writing { file }
    }

    /// Adds the line of `rel`: `hash size mtime ctime inode path`.
    fn line(&mut self, rel: &str, e: Entry) {
        // A path with a line break cannot be read back: left out, that file is compared.
        if rel.contains(['\n', '\r']) {
            return;
        }
        let Ok((_, w)) = &mut self.file else {
            return;
        };
        let mut line = || -> std::io::Result<()> {
            for b in e.hash {
                write!(w, "{b:02x}")?;
            }
            let s = e.stamp;
            writeln!(w, " {} {} {} {} {rel}", s.size, s.mtime, s.ctime, s.ino)
        };
        if let Err(e) = line() {
            self.file = Err(e);
        }
    }

    /// Flushes the record and gives it its name, `path`.
    fn finish(self, path: &Path) -> Result<(), WriteError> {
        let (tmp, mut w) = self.file.map_err(|e| io(path, e))?;
        w.flush().map_err(|e| io(path, e))?;
        drop(w);
        tmp.persist(path).map_err(|e| io(path, e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An output directory `out` in a temporary folder, its record's path beside it, and a
    /// build into it (a new record) that has written `a.html`.
    fn written_aaaa() -> (tempfile::TempDir, PathBuf, PathBuf, Hashes) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        std::fs::create_dir(&dir).unwrap();
        let record = tmp.path().join(".out.hashes-1");
        let hashes = Hashes::take(Some(record.clone()), false);
        hashes.put(&dir, "a.html", b"aaaa").unwrap();
        (tmp, dir, record, hashes)
    }

    #[test]
    fn a_record_vouches_for_a_file_only_while_its_stamp_is_the_recorded_one() {
        let (_tmp, dir, record, hashes) = written_aaaa();
        hashes.put(&dir, "b.html", b"bbbb").unwrap();
        // The record must be younger than the files to vouch for them (one clock tick).
        std::thread::sleep(std::time::Duration::from_millis(20));
        hashes.finish().unwrap();
        // Rewritten behind the tool's back, same size: its ctime moved.
        std::fs::write(dir.join("b.html"), b"BBBB").unwrap();
        let hashes = Hashes::take(Some(record.clone()), false);
        assert!(
            !record.exists(),
            "a record in use must not outlive a killed build"
        );
        let stamp = |rel: &str| Stamp::of(&std::fs::metadata(dir.join(rel)).unwrap());
        assert_eq!(
            hashes.vouched("a.html", stamp("a.html")),
            Some(hash(b"aaaa"))
        );
        assert_eq!(hashes.vouched("b.html", stamp("b.html")), None);
        hashes.put(&dir, "a.html", b"aaaa").unwrap();
        hashes.put(&dir, "b.html", b"bbbb").unwrap();
        assert_eq!(std::fs::read(dir.join("b.html")).unwrap(), b"bbbb");
    }

    #[test]
    fn a_file_written_in_the_tick_of_the_record_is_not_vouched_for() {
        let (_tmp, dir, record, hashes) = written_aaaa();
        hashes.finish().unwrap();
        // Make the record exactly as old as the file, as when both fall in one tick.
        let mtime = std::fs::metadata(dir.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        let f = std::fs::File::options().write(true).open(&record).unwrap();
        f.set_modified(mtime).unwrap();
        let hashes = Hashes::take(Some(record), false);
        let stamp = Stamp::of(&std::fs::metadata(dir.join("a.html")).unwrap());
        assert_eq!(hashes.vouched("a.html", stamp), None);
    }

    #[test]
    fn a_foreign_or_damaged_record_vouches_for_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let record = tmp.path().join(".out.hashes-1");
        let line = format!("{} 4 1 1 1 a.html\n", "00".repeat(16));
        for text in [
            format!("something else\n{line}"),
            format!("{HEADER}\n{line}garbage\n"),
        ] {
            std::fs::write(&record, text).unwrap();
            assert!(Hashes::take(Some(record.clone()), false).known.is_empty());
        }
        std::fs::write(&record, format!("{HEADER}\n{line}")).unwrap();
        assert_eq!(Hashes::take(Some(record), false).known.len(), 1);
    }
}

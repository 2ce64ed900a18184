//! Replacing one file whole: the new bytes go to a temporary file beside it, which is then
//! renamed over it, so a reader (the browser, the server, the author's editor) never sees half
//! a file and a crash leaves the old one.

use std::io::Write as _;
use std::path::Path;

use super::WriteError;
use crate::diagnostic::Location;

fn io(p: &Path, e: std::io::Error) -> WriteError {
    WriteError::Io {
        at: Location::file(p),
        message: e.to_string(),
    }
}

/// Writes `bytes` to `path` atomically, creating its directory when missing. A file it replaces
/// keeps its permissions; a new one gets those `std::fs::write` would give (0666 less umask).
///
/// Each call has a temporary file of its own (a random name), so two writers of one path never
/// collide: the last rename wins. Fails with the path and the operating system's words.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A leading dot: watchers and `content/` loading take it for an editor's temporary file.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".kumppani-tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| io(dir, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(|e| io(path, e))?;
    }
    tmp.write_all(bytes).map_err(|e| io(path, e))?;
    // Dropping the temporary file on failure removes it.
    tmp.persist(path).map_err(|e| io(path, e.error))?;
    Ok(())
}

/// Removes the output file `rel` (relative to `out`) and the directories it leaves empty, up
/// to `out`. A file already gone is no problem.
pub fn remove_output(out: &Path, rel: &str) {
    let path = out.join(rel);
    let _ = std::fs::remove_file(&path);
    // remove_dir fails on a directory that still holds something: the walk stops there.
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn two_concurrent_atomic_writes_to_one_path_both_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        let a = vec![b'a'; 64 * 1024];
        let b = vec![b'b'; 64 * 1024];
        for _ in 0..200 {
            let (ra, rb) = std::thread::scope(|s| {
                let ta = s.spawn(|| write_atomic(&path, &a));
                let tb = s.spawn(|| write_atomic(&path, &b));
                (ta.join().unwrap(), tb.join().unwrap())
            });
            assert_eq!((ra, rb), (Ok(()), Ok(())));
            let now = std::fs::read(&path).unwrap();
            assert!(now == a || now == b, "a torn file");
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("page.html")]);
    }

    #[test]
    fn removing_an_output_removes_the_directories_it_leaves_empty_and_no_more() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for f in ["fi/a/b/index.html", "fi/keep.html"] {
            std::fs::create_dir_all(out.join(f).parent().unwrap()).unwrap();
            std::fs::write(out.join(f), "x").unwrap();
        }
        remove_output(&out, "fi/a/b/index.html");
        assert!(!out.join("fi/a").exists());
        assert!(out.join("fi/keep.html").exists());
        remove_output(&out, "fi/keep.html");
        remove_output(&out, "fi/keep.html");
        assert!(out.is_dir(), "the output directory itself stays");
        assert!(!out.join("fi").exists());
    }
}

//! What a changed path means for the build (after Zola's `detect_change_kind`).

use std::path::{Component, Path, PathBuf};

use crate::content::is_editor_temp;

/// What a changed file asks the build to redo.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// A Markdown file under `content/` (root-relative path).
    Prose(PathBuf),
    /// Anything else under `content/` but `site.yaml` and files beside the pages: a YAML
    /// record, a directory.
    Record(PathBuf),
    /// A file beside the pages under `content/` (`content/themes/kartta.png`): one that is
    /// known only needs copying again; a new or deleted one changes what links may reach.
    Asset(PathBuf),
    /// A file under `templates/`: its name inside that directory.
    Template(String),
    /// An `.ftl` file (or the directory) of one language under `i18n/`.
    Fluent(String),
    /// `content/site.yaml`.
    Config,
    /// The watcher lost events (the kernel's queue overflowed): any input may have changed,
    /// so everything is built again.
    Rescan,
    /// Not an input: editor temporary files, files outside the watched directories.
    Ignored,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Prose(p) | Change::Record(p) | Change::Asset(p) => {
                write!(f, "{}", p.display())
            }
            Change::Template(n) => write!(f, "templates/{n}"),
            Change::Fluent(l) => write!(f, "i18n/{l}"),
            Change::Config => write!(f, "content/site.yaml"),
            Change::Rescan => write!(f, "every input (the watcher lost events)"),
            Change::Ignored => write!(f, "(ignored)"),
        }
    }
}

/// Classifies `path`, root-relative or absolute under `root`.
///
/// Pure: looks only at the path, never at the disk, so a deleted file is classified as
/// its kind of input too.
pub fn classify(root: &Path, path: &Path) -> Change {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    // `i18n/.translated/<lang>.yaml` records which reference messages `<lang>` was translated
    // from: marking changes what is stale, as an .ftl edit does. (The kept texts beside it
    // are read only by `i18n diff`; the hidden directory is otherwise ignored.)
    if let [i18n, dir, name] = &parts[..]
        && i18n == "i18n"
        && dir == ".translated"
        && !is_editor_temp(name)
        && let Some(lang) = name.strip_suffix(".yaml")
    {
        return Change::Fluent(lang.to_string());
    }
    // Editors write beside the file (`.x.swp`, `x~`, `4913`) or into hidden directories.
    if parts.is_empty() || parts.iter().any(|p| is_editor_temp(p)) {
        return Change::Ignored;
    }
    let rel: PathBuf = parts.iter().collect();
    match parts[0].as_str() {
        "content" => {
            if parts.len() == 1 {
                // The whole directory: reload everything it holds.
                Change::Record(rel)
            } else if parts.len() == 2 && parts[1] == "site.yaml" {
                Change::Config
            } else if parts[parts.len() - 1].ends_with(".md") {
                Change::Prose(rel)
            } else if is_asset_name(&parts[parts.len() - 1]) {
                Change::Asset(rel)
            } else {
                Change::Record(rel)
            }
        }
        "templates" if parts.len() > 1 => Change::Template(parts[1..].join("/")),
        "i18n" if parts.len() > 1 => {
            let last = &parts[parts.len() - 1];
            if parts.len() == 2 || last.ends_with(".ftl") {
                Change::Fluent(parts[1].clone())
            } else {
                Change::Ignored
            }
        }
        _ => Change::Ignored,
    }
}

/// Whether a file under `content/` named `name` is one beside the pages (it has an
/// extension, and is neither Markdown nor YAML).
fn is_asset_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && !ext.is_empty() && !matches!(ext, "md" | "yaml" | "yml")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_beside_the_pages_are_assets_and_their_editor_leftovers_ignored() {
        assert_eq!(
            c("/site/content/themes/kartta.png"),
            Change::Asset("content/themes/kartta.png".into())
        );
        assert_eq!(c("/site/content/themes/.#kartta.png"), Change::Ignored);
        assert_eq!(c("/site/content/themes/kartta.png~"), Change::Ignored);
        assert_eq!(c("/site/content/themes/.kartta.png.swp"), Change::Ignored);
        assert_eq!(
            c("/site/content/themes/x.yaml"),
            Change::Record("content/themes/x.yaml".into())
        );
        assert_eq!(
            c("/site/content/themes"),
            Change::Record("content/themes".into())
        );
    }

    fn c(p: &str) -> Change {
        classify(Path::new("/site"), Path::new(p))
    }

    #[test]
    fn markdown_is_prose() {
        assert_eq!(
            c("/site/content/partnerships/vitality.fi.md"),
            Change::Prose("content/partnerships/vitality.fi.md".into())
        );
        assert_eq!(
            c("content/_index.sv.md"),
            Change::Prose("content/_index.sv.md".into())
        );
    }

    #[test]
    fn yaml_is_record_but_site_yaml_is_config() {
        assert_eq!(
            c("/site/content/cities/oulu.yaml"),
            Change::Record("content/cities/oulu.yaml".into())
        );
        assert_eq!(c("/site/content/site.yaml"), Change::Config);
        // A deleted section directory reloads content.
        assert_eq!(
            c("/site/content/news"),
            Change::Record("content/news".into())
        );
    }

    #[test]
    fn templates_by_name() {
        assert_eq!(
            c("/site/templates/page.html"),
            Change::Template("page.html".into())
        );
        assert_eq!(
            c("/site/templates/partials/nav.html"),
            Change::Template("partials/nav.html".into())
        );
        assert_eq!(c("/site/templates"), Change::Ignored);
    }

    #[test]
    fn fluent_by_language() {
        assert_eq!(c("/site/i18n/sv/names.ftl"), Change::Fluent("sv".into()));
        assert_eq!(c("/site/i18n/fi"), Change::Fluent("fi".into()));
        assert_eq!(c("/site/i18n/fi/notes.txt"), Change::Ignored);
        assert_eq!(
            c("/site/i18n/.translated/sv.yaml"),
            Change::Fluent("sv".into())
        );
        assert_eq!(c("/site/i18n/.translated"), Change::Ignored);
        assert_eq!(c("/site/i18n/.translated/texts/0a.txt"), Change::Ignored);
    }

    #[test]
    fn editor_files_and_outsiders_are_ignored() {
        for p in [
            "/site/content/partnerships/.vitality.fi.md.swp",
            "/site/content/partnerships/vitality.fi.md~",
            "/site/content/partnerships/4913",
            "/site/templates/#page.html#",
            "/site/i18n/sv/.names.ftl.tmp",
            "/site/content/.git/index",
            "/site/public/fi/index.html",
            "/site/Cargo.toml",
            "/elsewhere/x.md",
        ] {
            assert_eq!(c(p), Change::Ignored, "{p}");
        }
    }
}

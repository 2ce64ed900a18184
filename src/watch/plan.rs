//! [`plan`]: what a batch of changes asks a [`Session`](super::Session) to redo, decided
//! without touching the disk.
//!
//! The session reads the changed Markdown files first ([`Probe`]), because whether a save
//! changed only a body or also the front matter is in the bytes; everything else is decided
//! here, from the changes and those probes, so that each rule has a test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::Change;

/// A changed Markdown file, as the session found it on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// No page of the last good build comes from this file.
    New,
    /// The file is gone: listings and links change.
    Deleted,
    /// The file does not decode, or its front matter does not split or parse: content
    /// loading reports it, as `build` does.
    Invalid,
    /// Its front-matter fields differ from the last good build's.
    FrontMatter,
    /// Only the body changed (and perhaps the front matter's comments or spacing).
    Body(BodyEdit),
}

/// A body-only edit of a known page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyEdit {
    /// Index in the last good build's `content.pages`.
    pub page: usize,
    /// The new Markdown body.
    pub body: String,
    /// The file's line (1-based) where the body starts.
    pub body_line: usize,
    /// The front matter's text: the same fields, perhaps other comments or spacing.
    pub front_yaml: String,
}

/// What the changes make stale, stage by stage; the stages before the earliest stale one
/// are reused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stale {
    /// `content/site.yaml` changed: every stage runs again.
    pub config: bool,
    /// Pages or records changed (or the config): content is loaded again.
    pub content: bool,
    /// Languages whose `.ftl` files changed: bundles are loaded again.
    pub langs: BTreeSet<String>,
    /// Names (inside `templates/`) of changed templates and static files.
    pub templates: BTreeSet<String>,
    /// The watcher lost events: every input may have changed, templates included.
    pub rescan: bool,
}

/// What one rebuild redoes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Only bodies of known pages changed: no URL, title or listing moved, so only those
    /// pages (and the search files) are rendered again.
    Bodies(Vec<BodyEdit>),
    /// Only templates or static files changed: content, URLs and bodies stay; the templates
    /// are loaded again and the pages that use a changed one are rendered again.
    Templates(BTreeSet<String>),
    /// Recompute from the earliest stale stage, then render the pages whose view, body,
    /// template or language strings changed.
    Stages(Stale),
    /// Only files beside the pages changed: copy them again, nothing else (the session falls
    /// back to [`without_bodies`] when one is new or deleted, since links to it change).
    Assets(Vec<PathBuf>),
}

/// The Markdown files to probe before [`plan`], when every change is a Markdown file (only
/// then can a body-only rebuild be the plan); `None` when one is anything else.
pub fn to_probe<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Option<Vec<&'a Path>> {
    let mut paths = Vec::new();
    for change in changes {
        match change {
            Change::Prose(p) => paths.push(p.as_path()),
            Change::Ignored => {}
            _ => return None,
        }
    }
    Some(paths)
}

/// The plan for `changes`, given the [`Probe`] of each Markdown file that [`to_probe`]
/// named. Pure: reads neither the disk nor the clock.
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
/// use kumppani::watch::{Change, plan::{plan, Plan}};
///
/// let changes = [Change::Template("page.html".into())];
/// assert!(matches!(plan(&changes, &BTreeMap::new()), Plan::Templates(_)));
/// ```
pub fn plan<'a>(
    changes: impl IntoIterator<Item = &'a Change> + Clone,
    probes: &BTreeMap<PathBuf, Probe>,
) -> Plan {
    let body_edits = to_probe(changes.clone()).and_then(|paths| {
        paths
            .into_iter()
            .map(|p| match probes.get(p) {
                Some(Probe::Body(edit)) => Some(edit.clone()),
                _ => None,
            })
            .collect::<Option<Vec<BodyEdit>>>()
    });
    if let Some(assets) = only_assets(changes.clone()) {
        return Plan::Assets(assets);
    }
    match body_edits {
        Some(edits) => Plan::Bodies(edits),
        None => without_bodies(changes),
    }
}

/// The files of `changes` when every change is a file beside the pages (or ignored).
fn only_assets<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for change in changes {
        match change {
            Change::Asset(p) => paths.push(p.clone()),
            Change::Ignored => {}
            _ => return None,
        }
    }
    (!paths.is_empty()).then_some(paths)
}

/// The plan for `changes` when a body-only rebuild is not possible (or turned out not to
/// be, as when an edit moves a heading that links point at).
pub fn without_bodies<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Plan {
    let mut stale = Stale::default();
    for change in changes {
        match change {
            Change::Config => {
                stale.config = true;
                stale.content = true;
            }
            Change::Rescan => {
                stale.config = true;
                stale.content = true;
                stale.rescan = true;
            }
            Change::Prose(_) | Change::Record(_) | Change::Asset(_) => stale.content = true,
            Change::Fluent(lang) => {
                stale.langs.insert(lang.clone());
            }
            Change::Template(name) => {
                stale.templates.insert(name.clone());
            }
            Change::Ignored => {}
        }
    }
    if !stale.content && stale.langs.is_empty() {
        return Plan::Templates(stale.templates);
    }
    Plan::Stages(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "content/partnerships/vitality.fi.md";

    #[test]
    fn a_saved_file_beside_the_pages_is_only_copied_unless_other_inputs_changed() {
        let png = Change::Asset("content/themes/kartta.png".into());
        assert_eq!(
            plan(&[png.clone(), Change::Ignored], &BTreeMap::new()),
            Plan::Assets(vec!["content/themes/kartta.png".into()])
        );
        let with_page = [png.clone(), Change::Prose(PAGE.into())];
        assert!(matches!(plan(&with_page, &BTreeMap::new()), Plan::Stages(s) if s.content));
        assert!(matches!(without_bodies(&[png]), Plan::Stages(s) if s.content));
    }

    fn edit() -> BodyEdit {
        BodyEdit {
            page: 3,
            body: "New body.\n".into(),
            body_line: 4,
            front_yaml: "title: Vitality\n".into(),
        }
    }

    fn probed(path: &str, probe: Probe) -> BTreeMap<PathBuf, Probe> {
        BTreeMap::from([(PathBuf::from(path), probe)])
    }

    fn content_only() -> Plan {
        Plan::Stages(Stale {
            content: true,
            ..Stale::default()
        })
    }

    #[test]
    fn a_body_edit_renders_only_that_page() {
        let changes = [Change::Prose(PAGE.into())];
        assert_eq!(to_probe(&changes), Some(vec![Path::new(PAGE)]));
        assert_eq!(
            plan(&changes, &probed(PAGE, Probe::Body(edit()))),
            Plan::Bodies(vec![edit()])
        );
    }

    #[test]
    fn a_front_matter_edit_reloads_content() {
        let changes = [Change::Prose(PAGE.into())];
        assert_eq!(
            plan(&changes, &probed(PAGE, Probe::FrontMatter)),
            content_only()
        );
        // A broken front matter too: content loading reports it as `build` does.
        assert_eq!(
            plan(&changes, &probed(PAGE, Probe::Invalid)),
            content_only()
        );
    }

    #[test]
    fn a_new_or_deleted_page_reloads_content() {
        let changes = [Change::Prose(PAGE.into())];
        assert_eq!(
            plan(&changes, &probed(PAGE, Probe::Deleted)),
            content_only()
        );
        assert_eq!(plan(&changes, &probed(PAGE, Probe::New)), content_only());
        // Not probed at all: never a body-only rebuild.
        assert_eq!(plan(&changes, &BTreeMap::new()), content_only());
    }

    #[test]
    fn one_body_edit_beside_another_change_is_not_body_only() {
        let other = "content/news/x.sv.md";
        let changes = [Change::Prose(PAGE.into()), Change::Prose(other.into())];
        let mut probes = probed(PAGE, Probe::Body(edit()));
        probes.insert(other.into(), Probe::FrontMatter);
        assert_eq!(plan(&changes, &probes), content_only());
        let changes = [
            Change::Prose(PAGE.into()),
            Change::Template("page.html".into()),
        ];
        assert_eq!(to_probe(&changes), None);
        assert_eq!(
            plan(&changes, &probed(PAGE, Probe::Body(edit()))),
            Plan::Stages(Stale {
                content: true,
                templates: BTreeSet::from(["page.html".to_string()]),
                ..Stale::default()
            })
        );
    }

    #[test]
    fn a_record_edit_reloads_content() {
        let changes = [Change::Record("content/cities/oulu.yaml".into())];
        assert_eq!(to_probe(&changes), None);
        assert_eq!(plan(&changes, &BTreeMap::new()), content_only());
    }

    #[test]
    fn a_fluent_edit_reloads_that_languages_bundle() {
        let changes = [Change::Fluent("sv".into())];
        assert_eq!(
            plan(&changes, &BTreeMap::new()),
            Plan::Stages(Stale {
                langs: BTreeSet::from(["sv".to_string()]),
                ..Stale::default()
            })
        );
    }

    #[test]
    fn a_template_or_static_file_edit_reloads_templates_only() {
        for name in ["partials/nav.html", "static/style.css"] {
            let changes = [Change::Template(name.into())];
            assert_eq!(
                plan(&changes, &BTreeMap::new()),
                Plan::Templates(BTreeSet::from([name.to_string()]))
            );
        }
    }

    #[test]
    fn a_config_edit_redoes_every_stage() {
        let changes = [Change::Config, Change::Ignored];
        assert_eq!(
            plan(&changes, &BTreeMap::new()),
            Plan::Stages(Stale {
                config: true,
                content: true,
                ..Stale::default()
            })
        );
    }

    #[test]
    fn a_rescan_redoes_everything() {
        let changes = [Change::Prose(PAGE.into()), Change::Rescan];
        assert_eq!(to_probe(&changes), None);
        assert_eq!(
            plan(&changes, &probed(PAGE, Probe::Body(edit()))),
            Plan::Stages(Stale {
                config: true,
                content: true,
                rescan: true,
                ..Stale::default()
            })
        );
    }

    #[test]
    fn no_change_renders_no_page() {
        // What is left is the search files, which come out the same.
        assert_eq!(
            plan(&[Change::Ignored], &BTreeMap::new()),
            Plan::Bodies(Vec::new())
        );
    }
}

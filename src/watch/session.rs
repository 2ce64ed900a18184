//! [`Session`]: the last good stage outputs in memory, and incremental rebuilds from them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::Change;
use super::messages::Shown;
use super::plan::{self, BodyEdit, Plan, Probe, Stale};
use crate::config::SiteConfig;
use crate::content::{Content, front_matter};
use crate::diagnostic::Location;
use crate::i18n::localize::LPage;
use crate::i18n::{Bundles, Localized};
use crate::markdown::Fragment;
use crate::published::{MANIFEST, Manifest};
use crate::render::{self, OutputFile, Templates};
use crate::site::WriteError;
use crate::{Error, Errors, Options};

type Hash = crate::render::FileHash;

/// Told the URLs of the pages a rebuild wrote ahead of the rest of the site (`serve` reloads
/// the browsers that show them).
pub type Ahead = Arc<dyn Fn(&[String]) + Send + Sync>;

fn hash(bytes: &[u8]) -> Hash {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// The inputs that changed, as shown to the user.
    pub changed: Vec<String>,
    /// Pages rendered again (special pages included).
    pub rendered: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files removed because their page is gone.
    pub removed: usize,
    /// Milliseconds from the start of the rebuild to the last file written.
    pub millis: u128,
    /// URLs the rebuild made vanish (the others are the start's, printed then).
    pub warnings: Vec<crate::Warning>,
    /// Pages written from the last localization with the edit put in, before the whole
    /// site was localized again (see [`crate::i18n::localize::refresh`]).
    pub guessed: usize,
    /// Of those, the ones the whole rebuild made differently and wrote again.
    pub guessed_wrong: usize,
}

impl std::fmt::Display for Rebuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "rebuilt after {}: {} page(s) re-rendered, {} file(s) written, {} removed in {} ms",
            self.changed.join(", "),
            self.rendered,
            self.written,
            self.removed,
            self.millis
        )
    }
}

/// The last good state of the site, kept between saves.
pub struct Session {
    root: PathBuf,
    /// The run's settings over `content/site.yaml` (`--base-url`), reapplied on a config edit.
    overrides: crate::config::Overrides,
    /// Every stage's output of the last good build, as `build` makes it.
    built: crate::Built,
    /// What each template uses of the others and of Fluent.
    template_uses: Arc<TemplateUses>,
    /// Per language: hash of what every page of that language shows from others (nav …).
    shared: BTreeMap<String, Hash>,
    /// The output directory and the hashes of what it holds.
    disk: Disk,
    /// Changes not yet built into a good state (a failed rebuild keeps them here).
    pending: BTreeSet<Change>,
    /// The URLs the output holds (written there too); only a full rebuild changes them.
    manifest: Manifest,
    /// Warnings for the URLs the last full rebuild made vanish, until reported.
    vanished: Vec<crate::Warning>,
    /// URLs of the pages open in a browser: rendered and written before the others.
    open: Vec<String>,
    /// Told what was written ahead of the rest.
    ahead: Option<Ahead>,
    /// `(guessed, guessed_wrong)` of the last rebuild.
    guesses: (usize, usize),
    /// Bundles and templates the guess loaded after a Fluent save, for the rebuild that
    /// follows it (loaded once, not twice).
    preloaded: Option<(Arc<Bundles>, Templates)>,
    /// A copy of the last good localization's pages, made while the watcher waits
    /// ([`Session::idle`]), that the next record, title or Fluent edit makes its localization
    /// of instead of copying them then.
    spare: Option<Vec<LPage>>,
}

/// The stage outputs a rebuild computes before rendering.
struct Fresh {
    config: SiteConfig,
    content: Content,
    bundles: Arc<Bundles>,
    localized: Localized,
    fragments: Vec<Option<Fragment>>,
    targets: crate::markdown::links::Targets,
    /// `None` when the previous templates stay valid.
    templates: Option<Templates>,
    /// Whether the last localization was brought up to date (records, titles or Fluent
    /// alone changed): then every page kept its key, language, source and URL, and the
    /// aliases are the last ones, so the site publishes what it did.
    relocalized: bool,
}

impl Session {
    /// Builds the whole site into `options.out` (staged swap, like `build`) and keeps every
    /// stage's output for later rebuilds.
    pub fn start(options: &Options) -> Result<(Session, crate::Report), Errors> {
        let start = Instant::now();
        // Every stage as `build` runs it, so that the same tree gives the same errors.
        let built = crate::prepare(&options.root, &options.overrides)?;
        let mut rendered = built.render()?;
        // The files beside the pages too, as `build` copies them.
        rendered.assets = crate::all_assets(&options.root, &built.templates, &built.content);
        let manifest = Manifest::of(&built.content, &built.localized);
        let previous = crate::site::read_previous(&options.out, MANIFEST);
        rendered.files.push(manifest_file(&manifest));
        crate::site::write(&rendered, &options.out, options.force)
            .map_err(|e| Errors(vec![e.into()]))?;
        let mut warnings = crate::warnings(
            &options.root,
            &built.config,
            &built.content,
            &built.localized,
            &built.bundles,
            &options.overrides,
        );
        if let Some(text) = &previous {
            warnings.extend(crate::vanished(&Manifest::parse(text), &manifest));
        }
        let outputs =
            rendered
                .files
                .iter()
                .map(|f| (f.path.clone(), hash(&f.bytes)))
                .chain(rendered.assets.iter().filter_map(|(src, rel)| {
                    std::fs::read(src).ok().map(|b| (rel.clone(), hash(&b)))
                }))
                .collect();
        let report = crate::Report {
            pages_by_lang: rendered.pages_by_lang.clone(),
            files: rendered.files.len() + rendered.assets.len() + 1,
            elapsed: start.elapsed(),
            warnings,
            timings: crate::Timings::default(),
        };
        let template_uses = Arc::new(TemplateUses::of(&built.templates));
        let shared = shared(&built.localized);
        Ok((
            Session {
                root: options.root.clone(),
                overrides: options.overrides.clone(),
                built,
                template_uses,
                shared,
                disk: Disk {
                    out: options.out.clone(),
                    outputs,
                    streamed: Vec::new(),
                    words: render::search::WordCache::default(),
                    index: Arc::default(),
                    current: true,
                    page_dirs: None,
                },
                pending: BTreeSet::new(),
                manifest,
                vanished: Vec::new(),
                open: Vec::new(),
                ahead: None,
                guesses: (0, 0),
                preloaded: None,
                spare: None,
            },
            report,
        ))
    }

    /// Work done ahead while the watcher waits for the next save: a copy of the last good
    /// localization's pages for the next relocalization. Cheap when done already.
    pub fn idle(&mut self) {
        if self.spare.is_none() {
            self.spare = Some(self.built.localized.pages.par_iter().cloned().collect());
        }
    }

    /// The content of the last good build.
    pub fn content(&self) -> &crate::content::Content {
        &self.built.content
    }

    /// The site root it builds.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }

    /// The site configuration of the last good build.
    pub fn config(&self) -> &SiteConfig {
        &self.built.config
    }

    /// The Fluent bundles of the last good build.
    pub fn bundles(&self) -> &Bundles {
        &self.built.bundles
    }

    /// The localized pages of the last good build.
    pub fn localized(&self) -> &Localized {
        &self.built.localized
    }

    /// The output directory.
    pub fn out(&self) -> &Path {
        &self.disk.out
    }

    /// The URLs (`/fi/kaupungit/oulu/`) of the pages open in a browser: the next rebuilds
    /// render and write them first, with the edited pages, before the rest of the site.
    pub fn show_first(&mut self, urls: Vec<String>) {
        self.open = urls;
    }

    /// After each rebuild writes pages ahead of the rest, `ahead` is told their URLs.
    pub fn tell_ahead(&mut self, ahead: Ahead) {
        self.ahead = Some(ahead);
    }

    /// Tells [`Session::tell_ahead`]'s listener the URLs of `pages` of `localized`, when
    /// `written` files changed.
    fn told(&self, localized: &Localized, pages: impl IntoIterator<Item = usize>, written: usize) {
        if let Some(ahead) = self.ahead.as_ref().filter(|_| written > 0) {
            let urls: Vec<String> = pages
                .into_iter()
                .map(|i| localized.pages[i].url.to_string())
                .collect();
            ahead(&urls);
        }
    }

    /// Rebuilds after `changes` (plus any left by failed rebuilds), writing only files whose
    /// bytes changed and removing the outputs of pages that are gone. What to redo is
    /// [`plan::plan`]'s decision, from the changes and the changed Markdown files.
    ///
    /// On failure nothing is written, the last good state stays, and the changes are kept so
    /// that the next call retries them.
    pub fn rebuild(&mut self, changes: &[Change]) -> Result<Rebuild, Errors> {
        let start = Instant::now();
        self.pending.extend(
            changes
                .iter()
                .filter(|c| !matches!(c, Change::Ignored))
                .cloned(),
        );
        let changed: Vec<String> = self.pending.iter().map(ToString::to_string).collect();
        let plan = plan::plan(&self.pending, &self.probes());
        self.guesses = (0, 0);
        self.disk.streamed.clear();
        let done = self.carry_out(plan);
        if done.is_err() {
            // The pages written ahead or streamed out get their last good state again.
            self.disk.undo_streamed(&self.built);
            // The kept search index may hold words of pages that were not committed: the
            // next rebuild makes it again from every page.
            self.disk.index = Arc::default();
            self.disk.current = false;
        }
        let (rendered, written, removed) = done?;
        self.disk.streamed.clear();
        self.pending.clear();
        Ok(Rebuild {
            changed,
            rendered,
            written,
            removed,
            millis: start.elapsed().as_millis(),
            warnings: std::mem::take(&mut self.vanished),
            guessed: self.guesses.0,
            guessed_wrong: self.guesses.1,
        })
    }

    /// Does what `plan` says: `(pages rendered, files written, files removed)`.
    fn carry_out(&mut self, plan: Plan) -> Result<(usize, usize, usize), Errors> {
        match plan {
            Plan::Bodies(edits) => match self.fast_prose(edits)? {
                Some(done) => Ok(done),
                None => {
                    let plan = plan::without_bodies(&self.pending);
                    self.carry_out(plan)
                }
            },
            Plan::Templates(changed) => self.templates_only(&changed),
            Plan::Assets(paths) => match self.copy_known(&paths)? {
                Some(done) => Ok(done),
                None => {
                    let plan = plan::without_bodies(&self.pending);
                    self.carry_out(plan)
                }
            },
            Plan::Stages(stale) => {
                let guess = self.write_guess(&stale);
                let done = self.full(&stale);
                let wrong = guess
                    .1
                    .iter()
                    .filter(|(path, h)| self.disk.outputs.get(path) != Some(h))
                    .count();
                self.guesses = (guess.1.len(), wrong);
                done
            }
        }
    }

    /// Before a rebuild that localizes the site again: the pages the editor looks at (saved,
    /// open in a browser), localized again against the last localization with the edit put
    /// in ([`crate::i18n::localize::refresh`]), rendered and written, and their listener
    /// told. Only for a title or description in front matter, records and Fluent strings:
    /// nothing is guessed when a page was added, removed or moved, its body changed, or the
    /// settings or templates changed. Returns what was written (to undo should the rebuild
    /// fail) and each written file's path and hash (to learn whether the guess was right).
    fn write_guess(&mut self, stale: &Stale) -> (Early, Vec<(String, Hash)>) {
        let none = (Early::default(), Vec::new());
        let Some(edit) = self.edit_to_guess(stale) else {
            return none;
        };
        let first = self.first_pages(&self.built.localized, 0..self.built.localized.pages.len());
        let Some(pages) = crate::i18n::localize::refresh(
            &mut self.built.localized,
            &first,
            &edit.fronts,
            &edit.records,
            &edit.bundles,
        ) else {
            return none;
        };
        let templates = edit.templates.as_ref().unwrap_or(&self.built.templates);
        // Rendered with the refreshed pages in place, then the last good state is put back.
        let mut old = Vec::with_capacity(first.len());
        for (&i, page) in first.iter().zip(pages) {
            old.push(std::mem::replace(&mut self.built.localized.pages[i], page));
        }
        let made = render_first(
            &self.built.localized,
            &self.built.fragments,
            templates,
            first.clone(),
        );
        for (&i, page) in first.iter().zip(old) {
            self.built.localized.pages[i] = page;
        }
        self.preloaded = edit.templates.map(|t| (edit.bundles, t));
        let hashes: Vec<(String, Hash)> = made
            .iter()
            .flat_map(|(_, files)| files.iter().map(|f| (f.path.clone(), hash(&f.bytes))))
            .collect();
        match self.disk.write_ahead(made) {
            Ok(early) => {
                self.told(&self.built.localized, first, early.written);
                (early, hashes)
            }
            Err(_) => none,
        }
    }

    /// What [`Session::write_guess`] needs of the pending changes, read from disk: the saved
    /// front matter of each Markdown file, the records and bundles as saved. `None` when the
    /// changes are not all of the kinds it guesses for.
    fn edit_to_guess(&self, stale: &Stale) -> Option<GuessedEdit> {
        if stale.config || stale.rescan || !stale.templates.is_empty() {
            return None;
        }
        let mut fronts = HashMap::new();
        let mut records = Vec::new();
        for change in &self.pending {
            match change {
                Change::Prose(rel) => {
                    let (path, front) = self.saved_title(rel)?;
                    fronts.insert(path, front);
                }
                Change::Record(rel) => records.push(rel.as_path()),
                Change::Fluent(_) | Change::Ignored => {}
                _ => return None,
            }
        }
        let only_records = Content {
            records: self.built.content.records.clone(),
            ..Content::default()
        };
        let records = if records.is_empty() {
            only_records
        } else {
            crate::content::reload(&self.root, &self.built.config, &only_records, &records)?.ok()?
        };
        let (bundles, templates) = if stale.langs.is_empty() {
            (Arc::clone(&self.built.bundles), None)
        } else {
            let bundles = load_bundles(&self.root, &self.built.config).ok()?;
            let templates = render::load_templates(&self.root, Arc::clone(&bundles)).ok()?;
            (bundles, Some(templates))
        };
        Some(GuessedEdit {
            fronts,
            records,
            bundles,
            templates,
        })
    }

    /// The saved front matter of the Markdown file `rel`, when it differs from the last good
    /// build's only in `title` and `description` and the body is the same.
    fn saved_title(&self, rel: &Path) -> Option<(PathBuf, front_matter::FrontMatter)> {
        let page = self
            .built
            .content
            .pages
            .iter()
            .find(|p| p.source.as_deref() == Some(rel))?;
        let text = crate::content::decode(rel, std::fs::read(self.root.join(rel)).ok()?).ok()?;
        let split = front_matter::split(rel, &text).ok()?;
        let front = front_matter::parse(rel, split.yaml).ok()?;
        let mut same = front.clone();
        same.title.clone_from(&page.front.title);
        same.description.clone_from(&page.front.description);
        (same == page.front && split.body == page.body).then(|| (rel.to_path_buf(), front))
    }

    /// Copies the saved files beside the pages, when each is one the last good build knows
    /// and is still there; `None` (nothing done) when one is new or deleted, so that links
    /// are checked again.
    fn copy_known(&mut self, paths: &[PathBuf]) -> Result<Option<(usize, usize, usize)>, Errors> {
        let mut known = Vec::new();
        for p in paths {
            let asset = self.built.content.assets.iter().find(|a| &a.source == p);
            match asset {
                Some(a) if self.root.join(p).is_file() => {
                    known.push((self.root.join(p), a.output.clone()));
                }
                _ => return Ok(None),
            }
        }
        Ok(Some((0, self.disk.copy_assets(&known)?, 0)))
    }

    /// What [`plan::plan`] needs to know of the changed Markdown files, read from disk.
    fn probes(&self) -> BTreeMap<PathBuf, Probe> {
        let Some(paths) = plan::to_probe(&self.pending) else {
            return BTreeMap::new();
        };
        paths
            .into_iter()
            .map(|rel| (rel.to_path_buf(), self.probe(rel)))
            .collect()
    }

    /// How the Markdown file `rel` differs from the page the last good build made of it.
    fn probe(&self, rel: &Path) -> Probe {
        let Some(i) = self
            .built
            .content
            .pages
            .iter()
            .position(|p| p.source.as_deref() == Some(rel))
        else {
            return Probe::New;
        };
        let Ok(bytes) = std::fs::read(self.root.join(rel)) else {
            return Probe::Deleted;
        };
        let Ok(text) = crate::content::decode(rel, bytes) else {
            return Probe::Invalid;
        };
        let Ok(split) = front_matter::split(rel, &text) else {
            return Probe::Invalid;
        };
        match front_matter::parse(rel, split.yaml) {
            Err(_) => Probe::Invalid,
            Ok(front) if front != self.built.content.pages[i].front => Probe::FrontMatter,
            Ok(_) => Probe::Body(BodyEdit {
                page: i,
                body: split.body.to_string(),
                body_line: split.body_line,
                front_yaml: split.yaml.to_string(),
            }),
        }
    }

    /// The common save: only the body of existing Markdown files changed. Then no URL, title
    /// or listing moved, and only those pages are rendered again. `None` when an edit moves
    /// what links point at, so that the whole site's links must be checked again.
    fn fast_prose(
        &mut self,
        edits: Vec<BodyEdit>,
    ) -> Result<Option<(usize, usize, usize)>, Errors> {
        // Render the new bodies against the unchanged site before touching the state.
        let Some(new_fragments) = self.render_bodies(&edits)? else {
            return Ok(None);
        };
        let targets: Vec<(usize, Option<&Fragment>)> =
            new_fragments.iter().map(|(t, f)| (*t, Some(f))).collect();
        let files = render::render_pages(&self.built.localized, &targets, &self.built.templates)
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Errors(vec![e.into()]))?;
        // The same outline checks as a clean build, before anything is written.
        let a11y_errors = render::a11y::check_pages(&self.built.localized, &files);
        if !a11y_errors.is_empty() {
            return Err(crate::errs(a11y_errors));
        }
        let mut written = self.disk.write_changed(&files)?;
        self.told(
            &self.built.localized,
            new_fragments.iter().map(|(t, _)| *t),
            written,
        );
        for edit in edits {
            let page = Arc::make_mut(&mut self.built.content.pages[edit.page]);
            page.body = edit.body;
            page.body_line = edit.body_line;
            // Same fields, but comments or spacing may differ: keep error places right.
            page.front_yaml = edit.front_yaml;
        }
        // The languages of the pages rendered again (a pending notice shows its source's body
        // in another language): only their search indexes can change.
        let langs: BTreeSet<String> = new_fragments
            .iter()
            .map(|(t, _)| self.built.localized.pages[*t].lang.clone())
            .collect();
        // A few pages: looked up once for every page of their languages.
        let rendered: Vec<(usize, &[u8])> = new_fragments
            .iter()
            .zip(&files)
            .map(|((t, _), file)| (*t, file.bytes.as_slice()))
            .collect();
        for (t, f) in new_fragments {
            self.built.fragments[t] = Some(f);
        }
        // The page is out first (what an editor waits for); then the search files of its
        // language, from the pages just rendered and the kept words of the rest.
        let disk = &self.disk;
        let localized = &self.built.localized;
        let indexes = render::search::render_langs(
            localized,
            &self.built.templates.bundles,
            Some(&disk.index),
            &|lang| langs.contains(lang),
            &|indexes, i| {
                // The pages just rendered from their HTML; the others are what the kept index
                // holds (or, before it holds this language, what the output holds).
                if let Some((_, html)) = rendered.iter().find(|(t, _)| *t == i) {
                    indexes.add(i, html);
                } else if !indexes.kept_holds(i) {
                    indexes.add_cached(
                        i,
                        &disk.words,
                        |path| disk.outputs.get(path).copied(),
                        || page_on_disk(&disk.out, localized, i),
                    );
                }
            },
        );
        written += self.disk.write_changed(&indexes)?;
        // Search files carry a hash of their bytes in their names: the ones no longer made go.
        let dirs: Vec<String> = langs.iter().map(|l| render::search::dir(l)).collect();
        let made: HashSet<&str> = indexes.iter().map(|f| f.path.as_str()).collect();
        let keep = |p: &str| !dirs.iter().any(|d| p.starts_with(d.as_str())) || made.contains(p);
        let removed = self.disk.remove_stale(&keep);
        Ok(Some((files.len(), written, removed)))
    }

    /// The Markdown of each localized page whose body `edits` changed, rendered against the
    /// unchanged site: `(page index, fragment)`. `None` when an edit moves what links point
    /// at, so that the whole site's links must be checked again. Fails with every Markdown
    /// error.
    fn render_bodies(&self, edits: &[BodyEdit]) -> Result<Option<Vec<(usize, Fragment)>>, Errors> {
        let edit_of = |content_index: Option<usize>| {
            content_index.and_then(|ci| edits.iter().find(|e| e.page == ci))
        };
        let data = crate::markdown::shortcodes::Data {
            records: &self.built.content.records,
            bundles: &self.built.bundles,
            collators: &self.built.localized.collators,
            publisher: self.built.localized.publisher.as_deref(),
        };
        let mut new_fragments = Vec::new();
        let mut errors = Vec::new();
        for (t, page) in self.built.localized.pages.iter().enumerate() {
            let Some(edit) = edit_of(page.content_index) else {
                continue;
            };
            let (body, body_line) = (&edit.body, edit.body_line);
            let file = page.source.clone().unwrap_or_default();
            // A changed heading that links point into, or a new link into a page whose
            // headings were not gathered: the whole site's links are checked again.
            if !self.built.targets.hold_after_edit(
                &self.built.localized,
                t,
                body,
                &data,
                &file,
                body_line,
            ) {
                return Ok(None);
            }
            let env = crate::markdown::Env {
                lang: &page.lang,
                site: &self.built.localized,
                shortcodes: &data,
                url: &page.url,
                targets: &self.built.targets,
            };
            match crate::markdown::render(&file, body, body_line, &env) {
                Ok(f) => new_fragments.push((t, f)),
                Err(e) => errors.extend(e.into_iter().map(crate::Error::from)),
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        Ok(Some(new_fragments))
    }

    /// Any other change: recompute from the earliest stage it affects, then render only the
    /// pages whose view, body, template or language strings changed.
    fn full(&mut self, stale: &Stale) -> Result<(usize, usize, usize), Errors> {
        let fresh = self.recompute(stale)?;
        let template_uses = if stale.templates.is_empty() && !stale.rescan {
            Arc::clone(&self.template_uses)
        } else {
            Arc::new(TemplateUses::of(fresh.templates_ref(&self.built.templates)))
        };
        let templates = fresh.templates_ref(&self.built.templates);
        // The saved and open pages are out before the rest is even sorted out.
        let first = self.first_pages(&fresh.localized, 0..fresh.localized.pages.len());
        let made = render_first(&fresh.localized, &fresh.fragments, templates, first);
        let early = self.disk.write_ahead(made)?;
        self.told(&fresh.localized, early.pages.iter().copied(), early.written);
        let shared = shared(&fresh.localized);
        let targets = self.changed_pages(&fresh, stale, &template_uses, &shared);
        let targets = early.others(targets);
        let rest = self
            .disk
            .stream(
                &fresh.localized,
                &fresh.fragments,
                templates,
                &fresh.config,
                ToStream {
                    targets: &targets,
                    ahead: &early.pages,
                    was: self.disk.current.then_some(&self.built.localized),
                },
            )
            .and_then(|(mut files, rendered, streamed)| {
                // Made only when the URLs moved: the output holds the last one.
                let was = (&self.built.content, &self.built.localized);
                let same = self.disk.current
                    && (fresh.relocalized
                        || Manifest::same(was, (&fresh.content, &fresh.localized)));
                let manifest = (!same).then(|| Manifest::of(&fresh.content, &fresh.localized));
                files.extend(manifest.as_ref().map(manifest_file));
                let assets = crate::all_assets(&self.root, templates, &fresh.content);
                // A relocalized site has the last one's URLs: its pages' folders are known.
                let (written, removed) = self.disk.write_outputs(
                    &fresh.localized,
                    &files,
                    &assets,
                    fresh.relocalized,
                )?;
                self.disk.current = true;
                Ok((rendered, written + streamed, removed, manifest))
            });
        let (rendered, written, removed, manifest) = rest?;
        let (rendered, written) = (rendered + early.pages.len(), written + early.written);
        self.commit(fresh, template_uses, shared);
        if let Some(manifest) = manifest {
            self.vanished = crate::vanished(&self.manifest, &manifest);
            drop_aside(std::mem::replace(&mut self.manifest, manifest));
        } else {
            // Every URL is where it was: none vanished.
            self.vanished.clear();
        }
        Ok((rendered, written, removed))
    }

    /// The pages among `candidates` that the editor looks at: those made from a saved
    /// Markdown file and those open in a browser. A rebuild writes them first.
    fn first_pages(
        &self,
        localized: &Localized,
        candidates: impl IntoIterator<Item = usize>,
    ) -> Vec<usize> {
        let saved: HashSet<&Path> = self
            .pending
            .iter()
            .filter_map(|c| match c {
                Change::Prose(p) => Some(p.as_path()),
                _ => None,
            })
            .collect();
        let open: HashSet<&str> = self.open.iter().map(String::as_str).collect();
        candidates
            .into_iter()
            .filter(|&i| {
                let p = &localized.pages[i];
                open.contains(p.url.as_ref())
                    || p.source.as_deref().is_some_and(|s| saved.contains(s))
            })
            .collect()
    }

    /// The stage outputs after the changes `stale` names: each stage from the earliest it
    /// affects, the earlier ones reused. Fails with every error of the first failing stage.
    fn recompute(&mut self, stale: &Stale) -> Result<Fresh, Errors> {
        let config = if stale.config {
            SiteConfig::load_with(&self.root, &self.overrides)
                .map_err(|e| Errors(vec![e.into()]))?
        } else {
            self.built.config.clone()
        };
        let mut reloaded_in_place = false;
        let content = if stale.content {
            // Only the saved pages and records are read again when nothing else can differ.
            let reloaded = content_files(&self.pending)
                .filter(|_| !stale.config && !stale.rescan)
                .and_then(|changed| {
                    crate::content::reload(&self.root, &config, &self.built.content, &changed)
                });
            reloaded_in_place = reloaded.is_some();
            let mut content = reloaded
                .unwrap_or_else(|| crate::content::load(&self.root, &config))
                .map_err(|e| Errors(e.into_iter().map(Error::from).collect()))?;
            // As `build` does (`prepare`).
            if !self.overrides.drafts {
                content.hold_drafts();
            }
            Some(content)
        } else {
            None
        };
        // The guess of this rebuild may have loaded the saved bundles and their templates.
        let (preloaded, loaded) = match self.preloaded.take().filter(|_| !stale.config) {
            Some((bundles, templates)) => (Some(bundles), Some(templates)),
            None => (None, None),
        };
        let bundles = match preloaded {
            Some(bundles) => bundles,
            None if stale.config || !stale.langs.is_empty() => load_bundles(&self.root, &config)?,
            None => Arc::clone(&self.built.bundles),
        };
        let reuse_templates = !stale.config
            && stale.langs.is_empty()
            && stale.templates.is_empty()
            && Arc::ptr_eq(&bundles, &self.built.bundles);
        // Which part alone changed, if one did: the last localization is then brought up to
        // date.
        let only = Only::of(&self.pending, stale, reloaded_in_place);
        let content = content.unwrap_or_else(|| self.built.content.clone());
        let previous = reuse_templates.then_some(&self.built.templates);
        // Site settings reach every body: then nothing of the last build's Markdown can be
        // kept (what Fluent reaches, `kept_fragments` knows).
        let last = (!stale.config).then_some(&self.built);
        // The spare copy is of the last good localization's pages, which the guess put back
        // as they were.
        let copy = if only == Only::Mixed {
            None
        } else {
            self.spare.take()
        };
        let stages = Stages {
            config,
            content,
            bundles,
            loaded,
            only,
            copy,
        };
        finish_stages(&self.root, stages, previous, last)
    }

    /// The indexes of the pages of `fresh` to render again: new pages, and those whose view,
    /// body, template, language strings or shared navigation changed.
    fn changed_pages(
        &self,
        fresh: &Fresh,
        stale: &Stale,
        template_uses: &TemplateUses,
        shared: &BTreeMap<String, Hash>,
    ) -> Vec<usize> {
        // After a Fluent edit, the templates that may show a changed message, in any language
        // (a page shows other languages' messages too); all when the languages changed.
        let messages =
            (!stale.langs.is_empty()).then(|| fresh.bundles.changed_since(&self.built.bundles));
        let shows_changed: HashSet<&str> = match &messages {
            None => HashSet::new(),
            Some(ids) => {
                let names: HashSet<&str> = fresh
                    .localized
                    .pages
                    .iter()
                    .map(|p| p.template.as_str())
                    .collect();
                names
                    .into_iter()
                    .filter(|t| {
                        ids.as_ref()
                            .is_none_or(|ids| template_uses.may_show(t, ids))
                    })
                    .collect()
            }
        };
        let borrowed = Borrowed::new(&fresh.localized, &self.built.localized);
        // The languages whose pages all show another navigation (a handful: compared once).
        let shared_changed: Vec<&str> = fresh
            .localized
            .languages
            .iter()
            .filter(|l| shared.get(*l) != self.shared.get(*l))
            .map(String::as_str)
            .collect();
        fresh
            .localized
            .pages
            .par_iter()
            .enumerate()
            .filter(|(i, p)| {
                stale.config
                    || shows_changed.contains(p.template.as_str())
                    || (!stale.templates.is_empty()
                        && template_uses.uses_any(&p.template, &stale.templates))
                    || shared_changed.contains(&p.lang.as_str())
                    || match borrowed.own[*i] {
                        None => true,
                        Some(o) => {
                            fresh.fragments[*i] != self.built.fragments[o]
                                || self.built.localized.pages[o].template != p.template
                                || !borrowed.same(*i, o)
                        }
                    }
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Makes `fresh` and what was derived from it the last good state.
    fn commit(
        &mut self,
        fresh: Fresh,
        template_uses: Arc<TemplateUses>,
        shared: BTreeMap<String, Hash>,
    ) {
        let Fresh {
            config,
            content,
            bundles,
            localized,
            fragments,
            targets,
            templates,
            relocalized: _,
        } = fresh;
        // The spare copy is of the localization replaced.
        if let Some(spare) = self.spare.take() {
            drop_aside(spare);
        }
        self.built.targets = targets;
        self.built.config = config;
        self.built.bundles = bundles;
        drop_aside((
            std::mem::replace(&mut self.built.content, content),
            std::mem::replace(&mut self.built.localized, localized),
            std::mem::replace(&mut self.built.fragments, fragments),
        ));
        if let Some(t) = templates {
            self.built.templates = t;
        }
        self.template_uses = template_uses;
        self.shared = shared;
    }

    /// Only templates changed: content, URLs and bodies stay; render the pages whose
    /// template uses a changed one.
    fn templates_only(
        &mut self,
        changed: &BTreeSet<String>,
    ) -> Result<(usize, usize, usize), Errors> {
        let templates = render::load_templates(&self.root, Arc::clone(&self.built.bundles))
            .map_err(crate::errs)?;
        let uses = Arc::new(TemplateUses::of(&templates));
        // A static file's published name holds its hash: when one changed, every page that may
        // link it (through `asset()`) is rendered again.
        let renamed = templates.assets != self.built.templates.assets;
        let targets: Vec<usize> = self
            .built
            .localized
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| renamed || uses.uses_any(&p.template, changed))
            .map(|(i, _)| i)
            .collect();
        let first = self.first_pages(&self.built.localized, targets.iter().copied());
        let made = render_first(
            &self.built.localized,
            &self.built.fragments,
            &templates,
            first,
        );
        let early = self.disk.write_ahead(made)?;
        self.told(
            &self.built.localized,
            early.pages.iter().copied(),
            early.written,
        );
        let targets = early.others(targets);
        let rest = self
            .disk
            .stream(
                &self.built.localized,
                &self.built.fragments,
                &templates,
                &self.built.config,
                ToStream {
                    targets: &targets,
                    ahead: &early.pages,
                    was: self.disk.current.then_some(&self.built.localized),
                },
            )
            .and_then(|(files, rendered, streamed)| {
                let assets = crate::all_assets(&self.root, &templates, &self.built.content);
                let (written, removed) =
                    self.disk
                        .write_outputs(&self.built.localized, &files, &assets, true)?;
                let written = streamed + written;
                // (The manifest is not made here: after a failed rebuild, the output's is
                // still not known to be the last good build's.)
                Ok((rendered, written, removed, ()))
            });
        let (rendered, written, removed, ()) = rest?;
        let (rendered, written) = (rendered + early.pages.len(), written + early.written);
        self.built.templates = templates;
        self.template_uses = uses;
        Ok((rendered, written, removed))
    }
}

/// The output directory and what the session knows it holds.
struct Disk {
    out: PathBuf,
    /// Output path → hash of the bytes on disk.
    outputs: FxHashMap<String, Hash>,
    /// The pages the running rebuild has written so far, ahead of the rest or streamed out
    /// ([`Disk::write_ahead`], [`Disk::stream`]): a failed rebuild gives them their last
    /// good state again ([`Disk::undo_streamed`]).
    streamed: Vec<String>,
    /// The words of the pages read back from the output for the search indexes, by the hash
    /// of their bytes: a rebuild reads and splits only the pages that changed since.
    words: render::search::WordCache,
    /// The search indexes as the last rebuild made them, which the next brings up to date.
    index: Arc<render::search::KeptIndexes>,
    /// Whether the sitemap and the URL manifest in the output are those of the last good
    /// build, so that a rebuild that would make the same need not make them. Not after a
    /// failed rebuild, which may have written its own.
    current: bool,
    /// Each page's output folder ([`render::output_dir`]) of the localization last written,
    /// kept while the pages stay where they are (indexing 20,000 of them took 3 ms).
    page_dirs: Option<FxHashSet<String>>,
}

/// What [`Disk::stream`] renders, and what it need not make again.
struct ToStream<'a> {
    /// The pages to render (indexes of the localized pages).
    targets: &'a [usize],
    /// The pages this rebuild wrote ahead of the rest: out already, read back for the search
    /// index.
    ahead: &'a HashSet<usize>,
    /// The site whose sitemap the output holds, when known.
    was: Option<&'a Localized>,
}

/// Pages a streamed rebuild renders side by side before it writes them and renders the
/// next ones: the first pages are out long before the last, and only these are in memory.
const STEP: usize = 256;

impl Disk {
    /// Renders `pages.targets` [`STEP`] at a time, checks their outline and writes each step
    /// before rendering the next; then makes the site-wide files (chooser, 404, feeds,
    /// sitemap, search indexes) from every page: the rendered ones as they went out, those
    /// written ahead of the rest read back from the output, and the others as the kept search
    /// index holds them (or read back, when it holds none). Returns those files, not yet
    /// written (the sitemap only when the output does not hold the same), the pages rendered
    /// and the files written.
    ///
    /// After an error, the later steps are rendered for their errors only (every error is
    /// reported, once each, as `build` reports them) and nothing more is written; the pages
    /// written before are in `streamed`, for [`Disk::undo_streamed`].
    fn stream(
        &mut self,
        localized: &Localized,
        fragments: &[Option<Fragment>],
        templates: &Templates,
        config: &SiteConfig,
        pages: ToStream<'_>,
    ) -> Result<(Vec<OutputFile>, usize, usize), Errors> {
        let ToStream {
            targets,
            ahead,
            was,
        } = pages;
        let renderer = render::Renderer::new(localized, templates, config)
            .keeping_index(Arc::clone(&self.index));
        let mut errors: Vec<Error> = Vec::new();
        let mut written = 0;
        for step in targets.chunks(STEP) {
            let made: Vec<Result<OutputFile, Vec<render::RenderError>>> = step
                .par_iter()
                .map(|&i| {
                    let path = render::output_path(&localized.base_path, &localized.pages[i].url);
                    let bytes = renderer.page(i, fragments[i].as_ref())?;
                    Ok(OutputFile { path, bytes })
                })
                .collect();
            let mut files = Vec::with_capacity(made.len());
            for m in made {
                match m {
                    Ok(f) => files.push(f),
                    Err(e) => errors.extend(e.into_iter().map(Error::from)),
                }
            }
            if errors.is_empty() {
                self.streamed.extend(files.iter().map(|f| f.path.clone()));
                written += self.write_changed(&files)?;
            }
        }
        if !errors.is_empty() {
            // Each problem once, as `build` reports it (many pages share a template line).
            errors.sort_by(|a, b| a.location().cmp(b.location()));
            errors.dedup_by(|a, b| a.to_string() == b.to_string());
            return Err(Errors(errors));
        }
        // The pages not rendered here: those written ahead are read back; of the others,
        // untouched since the last rebuild, the kept index holds the words.
        let rendered: HashSet<usize> = targets.iter().copied().collect();
        (0..localized.pages.len())
            .into_par_iter()
            .filter(|i| !rendered.contains(i) && (ahead.contains(i) || !renderer.kept_holds(*i)))
            .for_each(|i| {
                renderer.index_page(
                    i,
                    &self.words,
                    |path| self.outputs.get(path).copied(),
                    || page_on_disk(&self.out, localized, i),
                );
            });
        let mut files = renderer.specials().map_err(crate::errs)?;
        // The late files (the sitemap) but those the output holds as they would be made.
        files.extend(
            renderer
                .late_paths()
                .into_iter()
                .filter(|p| was.is_none_or(|was| !renderer.late_same(p, was)))
                .map(|p| renderer.late_file(p)),
        );
        files.extend(renderer.late_files());
        Ok((files, targets.len(), written))
    }

    /// Gives the pages a failed rebuild wrote their last good state again: rendered
    /// from `old`, the last good build (whose pages are in memory, so no old bytes were kept),
    /// or removed when `old` has no page there.
    fn undo_streamed(&mut self, old: &crate::Built) {
        let paths = std::mem::take(&mut self.streamed);
        if paths.is_empty() {
            return;
        }
        let base = &old.localized.base_path;
        let index: HashMap<String, usize> = old
            .localized
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (render::output_path(base, &p.url), i))
            .collect();
        let mut again = Vec::new();
        for path in paths {
            match index.get(&path) {
                Some(&i) => again.push((i, old.fragments[i].as_ref())),
                None => {
                    crate::site::remove_output(&self.out, &path);
                    self.outputs.remove(&path);
                }
            }
        }
        let files: Vec<OutputFile> = render::render_pages(&old.localized, &again, &old.templates)
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        // Best effort: the files that cannot be written keep the hash the record holds.
        let _ = self.write_changed(&files);
    }

    /// Writes `made`, pages rendered ahead of the rest ([`render_first`]), recording them
    /// among the pages to undo should the rebuild fail. Writes nothing when they did not
    /// render: they are then rendered with the rest, so that one render reports every error.
    fn write_ahead(
        &mut self,
        made: Option<(Vec<usize>, Vec<OutputFile>)>,
    ) -> Result<Early, Errors> {
        let Some((pages, files)) = made else {
            return Ok(Early::default());
        };
        self.streamed.extend(files.iter().map(|f| f.path.clone()));
        Ok(Early {
            written: self.write_changed(&files)?,
            pages: pages.into_iter().collect(),
        })
    }

    /// Writes the changed `files` and `assets`, then removes what `localized` no longer
    /// makes: `(written, removed)`. `same_urls`: its pages are where the last written
    /// localization's were, so their folders are those known. Fails on the first write error.
    fn write_outputs(
        &mut self,
        localized: &Localized,
        files: &[OutputFile],
        assets: &[(PathBuf, String)],
        same_urls: bool,
    ) -> Result<(usize, usize), Errors> {
        if !same_urls {
            self.page_dirs = None;
        }
        let mut written = self.write_changed(files)?;
        written += self.copy_assets(assets)?;
        let dirs = self
            .page_dirs
            .take()
            .unwrap_or_else(|| page_dirs(localized));
        let keep = Keep::new(&dirs, files, assets);
        let removed = self.remove_stale(&|p| keep.holds(p));
        self.page_dirs = Some(dirs);
        Ok((written, removed))
    }

    /// Writes each file whose bytes differ from what is on disk: temporary file, then rename.
    /// Hashing and writing run in parallel (a template edit rewrites thousands of files, and
    /// each write is a handful of system calls); the files written are recorded even when
    /// another write fails, so the record matches the disk. Fails with the first write error.
    fn write_changed(&mut self, files: &[OutputFile]) -> Result<usize, Errors> {
        let outputs = &self.outputs;
        let out = &self.out;
        let results: Vec<(&OutputFile, Hash, Result<(), WriteError>)> = files
            .par_iter()
            .map(|f| (f, hash(&f.bytes)))
            .filter(|(f, h)| outputs.get(&f.path) != Some(h))
            .map(|(f, h)| {
                (
                    f,
                    h,
                    crate::site::write_atomic(&out.join(&f.path), &f.bytes),
                )
            })
            .collect();
        let mut written = 0;
        let mut first_error = None;
        for (f, h, result) in results {
            match result {
                Ok(()) => {
                    self.outputs.insert(f.path.clone(), h);
                    written += 1;
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(Errors(vec![e.into()])),
            None => Ok(written),
        }
    }

    fn copy_assets(&mut self, assets: &[(PathBuf, String)]) -> Result<usize, Errors> {
        let mut written = 0;
        for (src, rel) in assets {
            let bytes = std::fs::read(src).map_err(|e| {
                Errors(vec![
                    WriteError::Io {
                        at: Location::file(src),
                        message: e.to_string(),
                    }
                    .into(),
                ])
            })?;
            written += self.write_changed(&[OutputFile {
                path: rel.clone(),
                bytes,
            }])?;
        }
        Ok(written)
    }

    /// Removes the outputs `keep` does not hold (no page or asset makes them any more), and
    /// directories left empty.
    fn remove_stale(&mut self, keep: &dyn Fn(&str) -> bool) -> usize {
        let stale: Vec<String> = self.outputs.keys().filter(|p| !keep(p)).cloned().collect();
        for p in &stale {
            crate::site::remove_output(&self.out, p);
            self.outputs.remove(p);
        }
        self.words.forget(&stale);
        stale.len()
    }
}

/// A saved edit, read for [`Session::write_guess`].
struct GuessedEdit {
    /// Saved front matter by source file.
    fronts: HashMap<PathBuf, front_matter::FrontMatter>,
    /// The records as saved (no pages).
    records: Content,
    bundles: Arc<Bundles>,
    /// Loaded again with the new bundles when they changed.
    templates: Option<Templates>,
}

/// Pages a rebuild wrote ahead of the rest (their paths are in [`Disk::streamed`]).
#[derive(Default)]
struct Early {
    /// How many files changed.
    written: usize,
    /// The pages they are (indexes of the localized pages).
    pages: HashSet<usize>,
}

impl Early {
    /// `targets` without the pages already written.
    fn others(&self, targets: Vec<usize>) -> Vec<usize> {
        targets
            .into_iter()
            .filter(|i| !self.pages.contains(i))
            .collect()
    }
}

/// The pages `first` rendered and their outline checked; `None` when one fails.
fn render_first(
    localized: &Localized,
    fragments: &[Option<Fragment>],
    templates: &Templates,
    first: Vec<usize>,
) -> Option<(Vec<usize>, Vec<OutputFile>)> {
    if first.is_empty() {
        return None;
    }
    let with_fragments: Vec<(usize, Option<&Fragment>)> =
        first.iter().map(|&i| (i, fragments[i].as_ref())).collect();
    let files = render::render_pages(localized, &with_fragments, templates)
        .into_iter()
        .collect::<Result<Vec<OutputFile>, _>>()
        .ok()?;
    render::a11y::check_pages(localized, &files)
        .is_empty()
        .then_some((first, files))
}

impl Fresh {
    fn templates_ref<'a>(&'a self, old: &'a Templates) -> &'a Templates {
        self.templates.as_ref().unwrap_or(old)
    }
}

/// The HTML of page `i` as the output holds it (`None` when it cannot be read).
fn page_on_disk(out: &Path, localized: &Localized, i: usize) -> Option<Vec<u8>> {
    let page = localized.pages.get(i)?;
    std::fs::read(out.join(render::output_path(&localized.base_path, &page.url))).ok()
}

/// The output paths a full rebuild makes: every page's, `files` (the site-wide files),
/// `assets`, the manifest and the sitemap. Borrowed from them: at 20,000 pages a set of
/// copied paths cost more than the rest of a small rebuild's bookkeeping.
struct Keep<'a> {
    /// Each page's output folder ([`page_dirs`]).
    pages: &'a FxHashSet<String>,
    /// The other files' output paths.
    others: FxHashSet<&'a str>,
}

/// Each page's output folder ([`render::output_dir`]).
fn page_dirs(localized: &Localized) -> FxHashSet<String> {
    localized
        .pages
        .iter()
        .map(|p| render::output_dir(&localized.base_path, &p.url).to_string())
        .collect()
}

impl<'a> Keep<'a> {
    fn new(
        pages: &'a FxHashSet<String>,
        files: &'a [OutputFile],
        assets: &'a [(PathBuf, String)],
    ) -> Self {
        let others = files
            .iter()
            .map(|f| f.path.as_str())
            .chain(assets.iter().map(|a| a.1.as_str()))
            // Made by every build; a rebuild that would make the same ones keeps them as the
            // output holds them. The other site-wide files publish no other URL.
            .chain([MANIFEST, render::sitemap::PATH])
            .collect();
        Keep { pages, others }
    }

    /// Whether the output at `path` is made (see [`render::output_path`]). Pages first: they
    /// are most of the output.
    fn holds(&self, path: &str) -> bool {
        path.strip_suffix("index.html")
            .is_some_and(|dir| self.pages.contains(dir))
            || self.others.contains(path)
    }
}

/// The manifest as the file the output keeps.
fn manifest_file(manifest: &Manifest) -> OutputFile {
    OutputFile {
        path: MANIFEST.to_string(),
        bytes: manifest.to_text().into_bytes(),
    }
}

/// The bundles, exactly as `build` loads them: the preview fails where `build` fails (a
/// message missing in a language included), so nothing that `build` refuses is ever shown as
/// a page, in a URL or in a slug; the error is in the terminal and the browser's overlay.
fn load_bundles(root: &Path, config: &SiteConfig) -> Result<Arc<Bundles>, Errors> {
    let bundles = crate::i18n::bundles::load_bundles(root, config)
        .map_err(|e| Errors(e.into_iter().map(Error::from).collect()))?;
    Ok(Arc::new(bundles))
}

/// The inputs of [`finish_stages`], as the earlier stages of a rebuild left them.
struct Stages {
    config: SiteConfig,
    content: Content,
    bundles: Arc<Bundles>,
    /// Templates already loaded with `bundles`, if any.
    loaded: Option<Templates>,
    /// What alone changed since `last`, if one part did.
    only: Only,
    /// A copy of `last`'s localized pages, if one was made ahead.
    copy: Option<Vec<LPage>>,
}

/// The one part of the sources a rebuild's saves changed (templates aside), when there is one:
/// the last localization is then brought up to date rather than made again, where the
/// relocalization of that part applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Only {
    /// Records (reloaded in place): facts and listings again, unless a city record changed.
    Records,
    /// Pages (reloaded, records as they were): when only titles and descriptions changed.
    Pages,
    /// Fluent files: names again, unless one moves a page.
    Bundles,
    /// Anything else, or more than one part: localized in full.
    Mixed,
}

impl Only {
    /// What alone the `pending` changes (`stale` says what they reach) changed, templates
    /// aside: records or pages, read again in place (`reloaded`) with the same languages, or
    /// Fluent files with the pages and records as they were.
    fn of(pending: &BTreeSet<Change>, stale: &Stale, reloaded: bool) -> Only {
        let all = |kind: fn(&Change) -> bool| {
            pending
                .iter()
                .all(|c| kind(c) || matches!(c, Change::Template(_) | Change::Ignored))
        };
        if stale.config || stale.rescan || (stale.content && !(reloaded && stale.langs.is_empty()))
        {
            Only::Mixed
        } else if stale.content && all(|c| matches!(c, Change::Record(_))) {
            Only::Records
        } else if stale.content && all(|c| matches!(c, Change::Prose(_))) {
            Only::Pages
        } else if !stale.content
            && !stale.langs.is_empty()
            && all(|c| matches!(c, Change::Fluent(_)))
        {
            Only::Bundles
        } else {
            Only::Mixed
        }
    }
}

/// Localize, Markdown and (unless `previous` can be kept, or `loaded` holds them) templates.
/// `last`, the last good build with the same settings, lends the fragments that the change
/// cannot have altered (see [`kept_fragments`]).
fn finish_stages(
    root: &Path,
    stages: Stages,
    previous: Option<&Templates>,
    last: Option<&crate::Built>,
) -> Result<Fresh, Errors> {
    let Stages {
        config,
        content,
        bundles,
        loaded,
        only,
        copy,
    } = stages;
    let relocalized = last.and_then(|last| {
        use crate::i18n::localize::{relocalize_bundles, relocalize_fronts, relocalize_records};
        let (was, was_content) = (&last.localized, &last.content);
        match only {
            Only::Records => {
                relocalize_records(was, copy, was_content, &content, &bundles, &config)
            }
            Only::Pages => relocalize_fronts(was, copy, was_content, &content, &bundles, &config),
            Only::Bundles => relocalize_bundles(was, copy, &content, &bundles, &config),
            Only::Mixed => None,
        }
    });
    let brought_up = relocalized.is_some();
    let localized = relocalized
        .unwrap_or_else(|| crate::i18n::localize(&content, &bundles, &config))
        .map_err(crate::errs)?;
    let templates = match (previous, loaded) {
        (Some(_), _) => None,
        (None, Some(t)) => Some(t),
        (None, None) => {
            Some(render::load_templates(root, Arc::clone(&bundles)).map_err(crate::errs)?)
        }
    };
    if let Some(t) = templates.as_ref().or(previous) {
        crate::check_assets(&content, t, &localized).map_err(crate::errs)?;
    }
    let assets = templates
        .as_ref()
        .or(previous)
        .map_or(&[][..], |t| t.assets.as_slice());
    // A relocalized site has every page where the last one had it.
    let same_places = last.filter(|_| brought_up).map(|last| &last.targets);
    let targets = crate::link_targets(&content, &bundles, &config, &localized, assets, same_places);
    let kept = last.and_then(|last| {
        let same_bundles = Arc::ptr_eq(&bundles, &last.bundles);
        kept_fragments(last, &content, same_bundles, &localized, &targets)
    });
    let reuse = |i: usize| kept.as_ref().and_then(|k| k.get(i).cloned().flatten());
    let fragments =
        crate::render_markdown_reusing(&content, &bundles, &localized, &targets, &reuse)?;
    Ok(Fresh {
        config,
        content,
        bundles,
        localized,
        fragments,
        targets,
        templates,
        relocalized: brought_up,
    })
}

/// The fragments of `last` that a rebuild of `content`, localized as `localized`, may keep,
/// by page index of `localized`; `None` when none may be kept.
///
/// A page's Markdown reads its own body, URL and language, the records and the Fluent
/// bundles (through shortcodes), and of other pages only what links resolve against: the
/// link targets (every page's URL and index, the files, the heading ids linked into) and
/// each page's key and language (`@/` links). So when the targets are the same, and every
/// page keeps its place, key, language and URL (a title, a description, a template name, a
/// record or a Fluent message changed, say), a page whose body did not change keeps its
/// fragment, unless what changed reaches its body: records and Fluent messages reach it
/// through its shortcodes, and Fluent also through the name of a table without a heading
/// above it (`table-label`), so a body with a table (`|`) is made again when the bundles
/// (`same_bundles` false) changed. The caller has checked that the settings are the same.
fn kept_fragments(
    last: &crate::Built,
    content: &Content,
    same_bundles: bool,
    localized: &Localized,
    targets: &crate::markdown::links::Targets,
) -> Option<Vec<Option<Fragment>>> {
    let old = &last.localized;
    let same_places = old.pages.len() == localized.pages.len()
        && old.pages.iter().zip(&localized.pages).all(|(a, b)| {
            a.key == b.key && a.lang == b.lang && a.url == b.url && a.pending == b.pending
        });
    if !same_places || *targets != last.targets {
        return None;
    }
    // Records reach a body only through its shortcodes (`{{ … }}`), Fluent messages through
    // them and a table's name.
    let same_records = content.records.sources() == last.content.records.sources();
    let untouched = |text: &str| {
        let shortcodes = text.contains("{{");
        (same_records || !shortcodes) && (same_bundles || !(shortcodes || text.contains('|')))
    };
    fn page(c: &Content, i: Option<usize>) -> Option<&Arc<crate::content::Page>> {
        i.and_then(|i| c.pages.get(i))
    }
    // The same source file and body (a page not read again is the same value).
    let same_body = |a: Option<&Arc<crate::content::Page>>,
                     b: Option<&Arc<crate::content::Page>>| match (a, b) {
        (Some(a), Some(b)) => {
            Arc::ptr_eq(a, b)
                || (a.source.as_deref().map(Path::as_os_str)
                    == b.source.as_deref().map(Path::as_os_str)
                    && a.body == b.body)
        }
        (None, None) => true,
        _ => false,
    };
    Some(
        localized
            .pages
            .iter()
            .zip(&old.pages)
            .enumerate()
            .map(|(i, (new, was))| {
                let now = page(content, new.content_index);
                let same = same_body(now, page(&last.content, was.content_index))
                    && ((same_records && same_bundles) || now.is_some_and(|p| untouched(&p.body)));
                if same {
                    last.fragments.get(i).cloned().flatten()
                } else {
                    None
                }
            })
            .collect(),
    )
}

/// The pages and records among `changes` (root-relative paths); `None` when a change may
/// add or remove content files (a file beside the pages, the settings, a lost event), which
/// only a full load sees.
fn content_files(changes: &BTreeSet<Change>) -> Option<Vec<&Path>> {
    let mut paths = Vec::new();
    for change in changes {
        match change {
            Change::Prose(p) | Change::Record(p) => paths.push(p.as_path()),
            Change::Template(_) | Change::Fluent(_) | Change::Ignored => {}
            Change::Asset(_) | Change::Config | Change::Rescan => return None,
        }
    }
    Some(paths)
}

/// Frees `value` on another thread: the last state of a large site took as long to free as
/// writing a rebuild's changed pages. Freed here when no thread can be started.
fn drop_aside<T: Send + 'static>(value: T) {
    // On failure the closure, and `value` in it, is dropped right away.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// What the pages of a rebuild's localization (`now`) show of themselves and borrow of others,
/// against the last one (`was`).
struct Borrowed<'a> {
    now: &'a Localized,
    was: &'a Localized,
    /// Per page of `now`: the index of its last version, when that showed the same of itself
    /// ([`same_own_view`]).
    own: Vec<Option<usize>>,
    /// Per page of `now`: whether it lists the same pages as its last version, in the same
    /// order and with the same links (compared once: 10,000 chapters share one list).
    same_list: Vec<bool>,
    /// The URLs of the pages of `now` that are new or show another card in a listing
    /// ([`render::same_card`]) than their last version.
    changed: HashSet<&'a str>,
    /// The URLs of the pages next to a link that changed in a list of the same length (their
    /// previous or next link changed), and of those links.
    near: HashSet<&'a str>,
    /// What each page reads of others, of `now` and `was`: made when a page first needs
    /// them (each indexes every page of each language).
    views: std::sync::OnceLock<(render::BorrowedViews<'a>, render::BorrowedViews<'a>)>,
}

impl<'a> Borrowed<'a> {
    fn new(now: &'a Localized, was: &'a Localized) -> Borrowed<'a> {
        let own: Vec<Option<usize>> = now
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, p)| {
                // Most rebuilds keep every page where it was.
                let here = was
                    .pages
                    .get(i)
                    .filter(|w| w.key == p.key && w.lang == p.lang);
                here.map(|_| i)
                    .or_else(|| was.position(&p.key, &p.lang))
                    .filter(|&o| same_own_view(&was.pages[o], p))
            })
            .collect();
        let same_list: Vec<bool> = now
            .pages
            .par_iter()
            .zip(&own)
            .map(|(p, o)| o.is_some_and(|o| p.children == was.pages[o].children))
            .collect();
        let changed = now
            .pages
            .iter()
            .zip(&own)
            .filter(|(p, o)| {
                o.is_none()
                    && !was
                        .position(&p.key, &p.lang)
                        .is_some_and(|w| render::same_card(&was.pages[w], p))
            })
            .map(|(p, _)| p.url.as_ref())
            .collect();
        let mut near = HashSet::new();
        for (i, p) in now.pages.iter().enumerate() {
            let list = &p.children;
            let Some(last) = own[i]
                .map(|o| &was.pages[o].children)
                .filter(|last| !same_list[i] && last.len() == list.len())
            else {
                continue;
            };
            for (k, (a, b)) in list.iter().zip(last).enumerate() {
                if a != b {
                    let around = k.saturating_sub(1)..(k + 2).min(list.len());
                    near.extend(list[around].iter().map(|l| l.url.as_ref()));
                }
            }
        }
        Borrowed {
            now,
            was,
            own,
            same_list,
            changed,
            near,
            views: std::sync::OnceLock::new(),
        }
    }

    /// Whether page `i` of `now`, which shows the same of itself as page `o` of `was`,
    /// borrows the same of other pages. Its cards are those of its listed pages and its place
    /// is in its section's list.
    /// - When its list changed, or a page in it shows another card, it is taken as changed:
    ///   its cards almost always are, and rendering it costs less than the maps that would
    ///   compare them (every page of a language by URL, 4 ms at 20,000 pages).
    /// - Else, when its section page is the same with the same list (or one of the same
    ///   length whose changed links are not next to it), nothing it borrows changed.
    /// - Else the views are compared ([`render::BorrowedViews::same`]).
    fn same(&self, i: usize, o: usize) -> bool {
        let p = &self.now.pages[i];
        // Beside its own list, the home page's cards are in its facts, the same as its last
        // version's.
        let lists = self.same_list[i]
            && !render::card_lists(p)
                .iter()
                .flat_map(|(_, links)| links.iter())
                .any(|l| self.changed.contains(l.url.as_ref()));
        let place = || match p.section.as_deref() {
            None => true,
            Some(section) => self.now.position(section, &p.lang).is_some_and(|s| {
                // A list that grew or shrank numbers its pages again.
                self.own[s].is_some_and(|t| {
                    self.same_list[s]
                        || (self.now.pages[s].children.len() == self.was.pages[t].children.len()
                            && !self.near.contains(p.url.as_ref()))
                })
            }),
        };
        if !lists {
            return false;
        }
        if place() {
            return true;
        }
        let (now, was) = self.views.get_or_init(|| {
            (
                render::BorrowedViews::new(self.now),
                render::BorrowedViews::new(self.was),
            )
        });
        now.same(i, was, o)
    }
}

/// Whether two versions of a page show their template the same of themselves: every field
/// the template context holds of it. Named field by field, so that a field added to
/// [`LPage`] does not compile until it is named here (compared, or left out with the reason).
fn same_own_view(a: &LPage, b: &LPage) -> bool {
    let LPage {
        key,
        lang,
        kind,
        section,
        id,
        title,
        description,
        url,
        permalink,
        pending,
        translations,
        switcher,
        facts,
        breadcrumbs,
        // Not in the context: where the page comes from and which template renders it (a
        // change of template is checked on its own), and the listing, which the template
        // reads as cards ([`render::BorrowedViews`]).
        source: _,
        content_index: _,
        template: _,
        template_at: _,
        children: _,
    } = a;
    *key == b.key
        && *lang == b.lang
        && *kind == b.kind
        && *section == b.section
        && *id == b.id
        && *title == b.title
        && *description == b.description
        && *url == b.url
        && *permalink == b.permalink
        && *pending == b.pending
        && same_arcs(translations, &b.translations)
        && same_arcs(switcher, &b.switcher)
        && (Arc::ptr_eq(facts, &b.facts) || *facts == b.facts)
        && same_arcs(breadcrumbs, &b.breadcrumbs)
}

/// Whether two lists hold equal values, the same `Arc` (a page a relocalization did not
/// touch keeps its links) found equal without comparing what it holds.
fn same_arcs<T: PartialEq>(a: &[Arc<T>], b: &[Arc<T>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| Arc::ptr_eq(x, y) || x == y)
}

/// Per language, what every page shows of other pages: navigation, section URLs, the
/// languages and the base URL.
fn shared(localized: &Localized) -> BTreeMap<String, Hash> {
    localized
        .languages
        .iter()
        .map(|lang| {
            // As links show them: a pending section by its source title and marker.
            let nav: Vec<(&str, crate::i18n::localize::Link)> = localized
                .nav_sections
                .iter()
                .filter_map(|s| localized.get(s, lang))
                .map(|p| (p.key.as_str(), p.link()))
                .collect();
            let sections: Vec<(&str, &str)> = localized
                .pages
                .iter()
                .filter(|p| &p.lang == lang && p.kind == crate::content::PageKind::Section)
                .map(|p| (p.key.as_str(), p.url.as_ref()))
                .collect();
            let all =
                serde_json::to_vec(&(&localized.languages, &localized.base_url, nav, sections))
                    .unwrap_or_default();
            (lang.clone(), hash(&all))
        })
        .collect()
}

/// What each template uses of the other templates and of Fluent, read from its source.
#[derive(Debug, Default)]
struct TemplateUses {
    /// Template name → every template it uses, itself included (extends/include/import).
    templates: HashMap<String, BTreeSet<String>>,
    /// Template name → the Fluent messages it may show itself.
    messages: HashMap<String, Shown>,
}

impl TemplateUses {
    /// Read from the sources `templates` were made of (not the files again, which may have
    /// changed since).
    fn of(templates: &Templates) -> TemplateUses {
        let texts = &templates.sources;
        let direct: HashMap<&String, Vec<String>> = texts
            .iter()
            .map(|(name, text)| (name, referenced_templates(text)))
            .collect();
        let uses = direct
            .keys()
            .map(|&name| {
                let mut seen = BTreeSet::new();
                let mut stack = vec![name.clone()];
                while let Some(n) = stack.pop() {
                    if seen.insert(n.clone())
                        && let Some(next) = direct.get(&n)
                    {
                        stack.extend(next.iter().cloned());
                    }
                }
                (name.clone(), seen)
            })
            .collect();
        let messages = texts
            .iter()
            .map(|(name, text)| (name.clone(), Shown::of(text)))
            .collect();
        TemplateUses {
            templates: uses,
            messages,
        }
    }

    /// Whether template `t` uses one of the templates `changed` (an unknown one: yes).
    fn uses_any(&self, t: &str, changed: &BTreeSet<String>) -> bool {
        self.templates
            .get(t)
            .is_none_or(|u| u.iter().any(|x| changed.contains(x)))
    }

    /// Whether template `t`, or one it uses, may show one of the messages `ids` (an unknown
    /// one: yes).
    fn may_show(&self, t: &str, ids: &BTreeSet<String>) -> bool {
        self.templates.get(t).is_none_or(|u| {
            u.iter()
                .any(|x| self.messages.get(x).is_none_or(|m| m.any_of(ids)))
        })
    }
}

/// The names in `{% extends "x" %}`, `{% include "x" %}` and `{% import "x" as m %}` tags.
pub fn referenced_templates(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        rest = &rest[start + 2..];
        let tag = rest.trim_start_matches(['-', '+']).trim_start();
        let Some(after) = ["extends", "include", "import"]
            .iter()
            .find_map(|k| tag.strip_prefix(k))
        else {
            continue;
        };
        let after = after.trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = after[1..].find(q) {
            out.push(after[1..1 + end].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_extends_include_import() {
        let t = r#"{% extends "base.html" %}{%- include 'body.html' -%}
{% import "macros.html" as m %}{% block x %}{% endblock %}{{ "include" }}"#;
        assert_eq!(
            referenced_templates(t),
            vec!["base.html", "body.html", "macros.html"]
        );
    }
}

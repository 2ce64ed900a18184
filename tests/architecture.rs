//! The shape of `src/`, checked on the source itself: the modules depend on each other in one
//! direction (no cycle), and no function is longer than a screenful and a half.
//!
//! Every `.rs` file is parsed with `syn`; a module is a top-level file or folder of `src/`
//! (`src/render/feed.rs` belongs to `render`), and `lib` is what `src/lib.rs` defines itself
//! (the aggregate error, `build`). A path `crate::x::…` (or `x::…` in `lib.rs`, where the modules
//! are declared) is an edge to `x`; `crate::Item` is an edge to `lib`. `main.rs` and `src/bin/`
//! are the crate's users, not modules, and are checked for length only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::spanned::Spanned;
use syn::visit::Visit;

/// The longest function allowed, in lines from `fn` to its closing brace.
const MAX_FN_LINES: usize = 100;

struct SourceFile {
    path: PathBuf,
    /// The top-level module the file belongs to; `None` for `main.rs` and `src/bin/`.
    module: Option<String>,
    syntax: syn::File,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn sources() -> Vec<SourceFile> {
    let root = src();
    let mut files: Vec<SourceFile> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("src/ is readable"))
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(&root).unwrap().to_path_buf();
            let text = std::fs::read_to_string(e.path()).unwrap();
            let syntax = syn::parse_file(&text)
                .unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
            SourceFile {
                module: module_of(&rel),
                path: e.path().to_path_buf(),
                syntax,
            }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(files.len() > 20, "src/ has only {} files", files.len());
    files
}

fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first {
        "main.rs" | "bin" => None,
        "lib.rs" => Some("lib".into()),
        file => Some(file.trim_end_matches(".rs").into()),
    }
}

/// The names of the top-level modules: `src/x.rs` and `src/x/`.
fn module_names(files: &[SourceFile]) -> BTreeSet<String> {
    files
        .iter()
        .filter_map(|f| f.module.clone())
        .filter(|m| m != "lib")
        .collect()
}

/// Collects the modules a file's paths name.
struct Refs<'a> {
    modules: &'a BTreeSet<String>,
    /// Whether the file is `lib.rs`, where a module is named without `crate::`.
    in_lib: bool,
    found: BTreeSet<String>,
}

impl Refs<'_> {
    fn segments(&mut self, first: &str, second: Option<&str>) {
        if first == "crate" {
            match second {
                Some(m) if self.modules.contains(m) => self.found.insert(m.to_string()),
                Some(_) => self.found.insert("lib".to_string()),
                None => false,
            };
        } else if self.in_lib && self.modules.contains(first) {
            self.found.insert(first.to_string());
        }
    }

    fn use_tree(&mut self, tree: &syn::UseTree, first: Option<&str>) {
        match tree {
            syn::UseTree::Path(p) => {
                let name = p.ident.to_string();
                match first {
                    None => self.use_tree(&p.tree, Some(&name)),
                    Some(f) => self.segments(f, Some(&name)),
                }
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                match first {
                    None => self.segments(&name, None),
                    Some(f) => self.segments(f, Some(&name)),
                }
            }
            syn::UseTree::Rename(r) => {
                if let Some(f) = first {
                    self.segments(f, Some(&r.ident.to_string()));
                }
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(t, first);
                }
            }
            syn::UseTree::Glob(_) => {
                if let Some(f) = first {
                    self.segments(f, None);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Refs<'_> {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if path.leading_colon.is_none() && names.len() > 1 {
            self.segments(&names[0], names.get(1).map(String::as_str));
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_use_tree(&mut self, tree: &'ast syn::UseTree) {
        self.use_tree(tree, None);
    }
}

/// Module → the modules it names.
fn dependencies(files: &[SourceFile]) -> BTreeMap<String, BTreeSet<String>> {
    let modules = module_names(files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = &file.module else { continue };
        let mut refs = Refs {
            modules: &modules,
            in_lib: module == "lib",
            found: BTreeSet::new(),
        };
        refs.visit_file(&file.syntax);
        refs.found.remove(module);
        graph.entry(module.clone()).or_default().extend(refs.found);
    }
    graph
}

/// A cycle of `graph`, as the modules along it (the first repeated at the end), if any.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = stack.iter().position(|n| n == node).unwrap();
                let mut cycle = stack[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_modules_depend_on_each_other_in_one_direction() {
    let files = sources();
    let graph = dependencies(&files);
    // The scanner sees the edges it must see, or an empty graph would pass.
    for (from, to) in [
        ("lib", "render"),
        ("render", "content"),
        ("content", "source"),
    ] {
        assert!(
            graph.get(from).is_some_and(|d| d.contains(to)),
            "{from} -> {to} not found in {graph:?}"
        );
    }
    if let Some(cycle) = find_cycle(&graph) {
        let map: Vec<String> = graph
            .iter()
            .map(|(m, d)| {
                format!(
                    "{m} -> {}",
                    d.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            })
            .collect();
        panic!(
            "module cycle: {}\n\ndependencies:\n{}",
            cycle.join(" -> "),
            map.join("\n")
        );
    }
}

#[test]
fn a_cycle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        find_cycle(&graph).unwrap(),
        vec!["a", "b", "c", "a"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    );
    let mut acyclic = graph.clone();
    acyclic.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&acyclic), None);
}

/// Every function's name, file, first line and length in lines.
struct Lengths {
    file: PathBuf,
    found: Vec<(String, usize, usize)>,
}

impl Lengths {
    fn add(&mut self, sig: &syn::Signature, body: &syn::Block) {
        let start = sig.span().start().line;
        let end = body.span().end().line;
        self.found
            .push((sig.ident.to_string(), start, end + 1 - start));
    }
}

impl<'ast> Visit<'ast> for Lengths {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.add(&f.sig, &f.block);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.add(&f.sig, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(body) = &f.default {
            self.add(&f.sig, body);
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

#[test]
fn no_function_is_longer_than_the_limit() {
    let mut too_long = Vec::new();
    let mut counted = 0;
    for file in sources() {
        let mut lengths = Lengths {
            file: file.path.clone(),
            found: Vec::new(),
        };
        lengths.visit_file(&file.syntax);
        counted += lengths.found.len();
        for (name, line, n) in lengths.found {
            if n > MAX_FN_LINES {
                let rel = lengths.file.strip_prefix(src().parent().unwrap()).unwrap();
                too_long.push(format!("{}:{line}: {name} has {n} lines", rel.display()));
            }
        }
    }
    assert!(counted > 300, "only {counted} functions found");
    assert!(
        too_long.is_empty(),
        "functions over {MAX_FN_LINES} lines:\n{}",
        too_long.join("\n")
    );
}

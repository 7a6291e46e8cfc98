//! The crate's shape, checked on its sources: layers point one way down the pipeline, no file
//! in `src/` is over 600 lines, no function over 80.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The modules of the crate in pipeline order: a module may use the ones before it, never the
/// ones after. `span` and `error` are the foundation, `lexicon` the leaf layer of shared
/// recognisers, `pipeline` the entry point above every stage.
const LAYERS: &[&str] = &[
    "span",
    "error",
    "lexicon",
    "script",
    "decode",
    "extract",
    "normalize",
    "document",
    "corpus",
    "agency",
    "segment",
    "features",
    "similarity",
    "align",
    "reuse",
    "diffusion",
    "graph",
    "report",
    "pipeline",
];

/// Functions allowed over 80 lines, with the reason (none today).
const LONG_FUNCTIONS: &[(&str, &str)] = &[];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

fn src() -> (PathBuf, Vec<PathBuf>) {
    let root = common::root().join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files.sort();
    (root, files)
}

/// The top-level module a source file belongs to (`src/agency/registry.rs` → `agency`); `None`
/// for the crate root and the binary.
fn module_of(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).unwrap();
    let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    let name = first.trim_end_matches(".rs").to_owned();
    (name != "lib" && name != "bin").then_some(name)
}

/// The names lib.rs re-exports (`crate::Span`), by the module they come from.
fn reexports(root: &Path) -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string(root.join("lib.rs")).unwrap();
    let mut out = BTreeMap::new();
    for block in lib.split("pub use ").skip(1) {
        let block = &block[..block.find(';').unwrap()];
        let (module, names) = block.split_once("::").unwrap();
        for name in names.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = name.trim();
            if !name.is_empty() {
                out.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    out
}

/// Every module a file refers to with `crate::…`, comments left out.
fn references(text: &str, names: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, _) in line.match_indices("crate::") {
            if line[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue; // `policy_align::…` or another crate's path
            }
            let rest = &line[i + "crate::".len()..];
            let first: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if first.is_empty() {
                continue; // `crate::{…}`, below
            }
            let module = names.get(&first).cloned().unwrap_or(first);
            out.push(module);
        }
        // `use crate::{a::X, b::Y}` names several modules.
        if let Some(group) = line.trim_start().strip_prefix("use crate::{") {
            for part in group.split(',') {
                let m = part.trim().split("::").next().unwrap_or("");
                let m = m.trim_end_matches([';', '}']);
                if !m.is_empty() {
                    out.push(names.get(m).cloned().unwrap_or_else(|| m.to_owned()));
                }
            }
        }
    }
    out
}

#[test]
fn layers_point_down_the_pipeline() {
    let (root, files) = src();
    let names = reexports(&root);
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut upward = Vec::new();
    for file in &files {
        let Some(module) = module_of(&root, file) else { continue };
        let own = rank(&module).unwrap_or_else(|| panic!("{module} is not in LAYERS"));
        let text = std::fs::read_to_string(file).unwrap();
        for target in references(&text, &names) {
            let Some(r) = rank(&target) else {
                panic!("{}: crate::{target} is not a module in LAYERS", file.display())
            };
            if r > own {
                upward.push(format!("{} ({module}) uses {target}", file.display()));
            }
        }
    }
    assert!(upward.is_empty(), "imports up the pipeline:\n{}", upward.join("\n"));
}

#[test]
fn the_layer_check_sees_an_upward_import() {
    let names = BTreeMap::from([("Comparison".to_owned(), "pipeline".to_owned())]);
    let refs = references(
        "use crate::document::Document;\n// crate::pipeline in a comment\nuse crate::{agency::X, Comparison};",
        &names,
    );
    assert_eq!(refs, ["document", "agency", "pipeline"]);
}

#[test]
fn files_and_functions_are_short() {
    let (_, files) = src();
    let mut long = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > 600 {
            long.push(format!("{}: {} lines", file.display(), lines.len()));
        }
        for (name, len) in functions(&lines) {
            if len > 80 && !LONG_FUNCTIONS.iter().any(|(n, _)| *n == name) {
                long.push(format!("{}: fn {name} has {len} lines", file.display()));
            }
        }
    }
    assert!(long.is_empty(), "too long:\n{}", long.join("\n"));
}

/// The functions of a rustfmt-formatted file with their length in lines, from `fn` to the
/// closing brace at the same indentation.
fn functions(lines: &[&str]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let sig = ["pub(crate) fn ", "pub(super) fn ", "pub fn ", "fn "]
            .iter()
            .find_map(|p| trimmed.strip_prefix(p));
        let Some(sig) = sig else { continue };
        let name: String = sig.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        // The body opens on the signature's last line; a declaration without one is skipped.
        let Some(open) = (i..lines.len()).find(|&k| lines[k].trim_end().ends_with('{') || lines[k].ends_with(';'))
        else {
            continue;
        };
        if !lines[open].trim_end().ends_with('{') {
            continue;
        }
        let close = format!("{indent}}}");
        if let Some(end) = (open + 1..lines.len()).find(|&k| lines[k] == close) {
            out.push((name, end - i + 1));
        }
    }
    out
}

#[test]
fn the_length_check_measures_functions() {
    let text = "fn a() {\n    1;\n}\n\nimpl X {\n    pub fn b(\n        x: u8,\n    ) -> u8 {\n        x\n    }\n    fn c();\n}\n";
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(functions(&lines), [("a".to_owned(), 3), ("b".to_owned(), 5)]);
}

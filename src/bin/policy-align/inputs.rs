//! Reading the documents a command is given (files, `-` for standard input, directories, or the
//! bundled pair), and what the tool says on standard error: warnings, notes, progress.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use policy_align::{Document, corpus};
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the tool prints on standard error besides errors.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// No warnings, notes or progress.
    pub quiet: bool,
}

impl Ui {
    /// Prints the parser's warnings about a document, each with its file and line.
    pub fn warnings(&self, doc: &Document) {
        if self.quiet {
            return;
        }
        for w in &doc.warnings {
            match w.line {
                Some(line) => eprintln!("policy-align: warning: {}:{line}: {}", doc.name, w.message),
                None => eprintln!("policy-align: warning: {}: {}", doc.name, w.message),
            }
        }
    }

    /// Prints a note (a file ignored or skipped, a summary).
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("policy-align: {message}");
        }
    }

    /// A progress bar over `total` steps, drawn on standard error (when it is a terminal) once
    /// the run has taken a second.
    pub fn progress(&self, total: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len}") {
            bar.set_style(style);
        }
        Progress {
            bar,
            start: Instant::now(),
            quiet: self.quiet,
            shown: false,
        }
    }
}

/// A progress bar that appears only for runs over a second.
pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    quiet: bool,
    shown: bool,
}

impl Progress {
    /// Sets the position and the step's name.
    pub fn set(&mut self, step: &'static str, position: usize) {
        if !self.quiet && !self.shown && self.start.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.set_message(step);
        self.bar.set_position(position as u64);
    }

    /// Clears the bar.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

/// Reads and parses one document: a file, or standard input for `-`.
pub fn read(path: &Path) -> Result<Document, String> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("standard input: cannot read: {e}"))?;
        return Document::from_bytes(&bytes, "<stdin>").map_err(|e| e.to_string());
    }
    Document::from_path(path).map_err(|e| e.to_string())
}

/// The documents of `paths`, or the two bundled documents when there are none. At most one
/// path may be `-`.
pub fn documents(ui: &Ui, paths: &[PathBuf]) -> Result<Vec<Document>, String> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err("standard input (-) can be read once only".into());
    }
    // Parsed at once on the thread pool; the first failure in the order given is reported.
    let parsed: Vec<Result<Document, String>> = if paths.is_empty() {
        corpus::BUNDLED
            .par_iter()
            .map(|b| b.parse().map_err(|e| e.to_string()))
            .collect()
    } else {
        paths.par_iter().map(|p| read(p)).collect()
    };
    let docs: Vec<Document> = parsed.into_iter().collect::<Result<_, _>>()?;
    for doc in &docs {
        ui.warnings(doc);
    }
    Ok(docs)
}

/// Two documents: the bundled pair when `paths` is empty, else `LEFT RIGHT`.
pub fn pair(ui: &Ui, paths: &[PathBuf]) -> Result<(Document, Document), String> {
    if !matches!(paths.len(), 0 | 2) {
        return Err(format!(
            "expected two files (LEFT RIGHT) or none for the bundled pair, got {}",
            paths.len()
        ));
    }
    let mut docs = documents(ui, paths)?.into_iter();
    match (docs.next(), docs.next()) {
        (Some(left), Some(right)) => Ok((left, right)),
        _ => Err("expected two documents".into()),
    }
}

/// Entries of a directory left out, and why.
pub type Ignored = Vec<(PathBuf, &'static str)>;

/// The extensions of the documents a directory stands for (any case).
pub const DOCUMENT_EXTENSIONS: [&str; 6] = ["txt", "pdf", "docx", "html", "htm", "shtml"];

/// The files of the inputs: a file stands for itself, a directory for its documents (`.txt`,
/// `.pdf`, `.docx`, `.html`, `.htm`, `.shtml`, any case), in name order. Returns them with the
/// entries of directories left out and why.
pub fn expand(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Ignored), String> {
    let mut files = Vec::new();
    let mut ignored = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let entries = std::fs::read_dir(input).map_err(|e| format!("{}: cannot read: {e}", input.display()))?;
        let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        found.sort();
        for path in found {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if path.is_dir() {
                ignored.push((path, "a directory (sub-directories are not read)"));
            } else if name.starts_with('.') {
                ignored.push((path, "a hidden file"));
            } else if path
                .extension()
                .is_some_and(|x| DOCUMENT_EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)))
            {
                files.push(path);
            } else {
                ignored.push((path, "not a document (.txt, .pdf, .docx, .html)"));
            }
        }
    }
    Ok((files, ignored))
}

//! The program's sources: the main file, every file it loads by a literal
//! path (`doFile`, `doRelativeFile`) and every `<Name>.io` beside it that the
//! Importer may load for a capitalised name it uses, found transitively, each
//! parsed once so that a syntax error anywhere refuses the build with the
//! diagnostic `io` would print.

use io_runtime::host::MemoryHost;
use io_runtime::program::{self, Image, Source};
use io_runtime::Vm;

/// What collecting the sources found wrong.
pub enum SourceError {
    /// The main file could not be read.
    Unreadable(String),
    /// A syntax error: the diagnostic, as `io` prints it.
    Syntax(String),
}

/// The image of the program at `path` (its text read from there unless
/// given), and a warning for each literal load whose file does not exist at
/// build time (left to fail, or not, at run time).
pub fn collect(path: &str, text: Option<String>) -> Result<(Image, Vec<String>), SourceError> {
    let text = match text {
        Some(t) => t,
        None => {
            read(path).map_err(|e| SourceError::Unreadable(format!("cannot read {path}: {e}")))?
        }
    };
    let mut vm = Vm::new(Box::new(MemoryHost::default()));
    let main = Source {
        path: path.to_string(),
        text,
    };
    let mut files: Vec<Source> = Vec::new();
    let mut warnings = Vec::new();
    let mut todo = vec![main.clone()];
    while let Some(src) = todo.pop() {
        let msg = program::parse(&mut vm, &src.text, &src.path).map_err(SourceError::Syntax)?;
        // (A name's file that does not exist is simply not imported.)
        let imports = program::import_candidates(&vm, msg, &main.path)
            .into_iter()
            .filter(|p| std::path::Path::new(p).is_file());
        let literal = program::literal_loads(&vm, msg, &src.path);
        let literal_count = literal.len();
        for (i, load) in literal.into_iter().chain(imports).enumerate() {
            if load == main.path || files.iter().any(|f| f.path == load) {
                continue;
            }
            match read(&load) {
                Ok(text) => {
                    let s = Source { path: load, text };
                    files.push(s.clone());
                    todo.push(s);
                }
                Err(e) if i < literal_count => warnings.push(format!(
                    "{}: {load} (loaded by literal path) is not embedded: {e}",
                    src.path
                )),
                Err(_) => {}
            }
        }
    }
    Ok((
        Image {
            main,
            files,
            aot: Vec::new(),
        },
        warnings,
    ))
}

fn read(path: &str) -> std::io::Result<String> {
    std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned())
}

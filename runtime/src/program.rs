//! A whole program as the command lines and built modules run it: its source
//! files (the image `ioc build` embeds), the files it loads by literal path,
//! syntax-error diagnostics, and the exit code of a run. `io`, `ioc` and the
//! runner inside every built module share this room, so that a program run
//! from source and the same program built into a module behave alike.

use crate::fxhash::FxHashSet;
use crate::parse::ParseError;
use crate::report;
use crate::symbol::Sym;
use crate::value::Value;
use crate::vm::Vm;

/// One source file: the path as the program names it, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// A program's sources: the main file first, then every file it loads by a
/// literal path (`doFile("lib.io")`), found before the program runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub main: Source,
    pub files: Vec<Source>,
    /// Compiled functions: (index of a code chain of the main file, in
    /// `code_chains` order; digest of its ops). Function k is entry k.
    pub aot: Vec<(u32, u64)>,
}

const MAGIC: &[u8; 8] = b"IOIMAGE2";

impl Image {
    /// The image as bytes: magic, file count, then per file its path and text,
    /// each as a little-endian u32 length and the bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let all: Vec<&Source> = std::iter::once(&self.main).chain(&self.files).collect();
        out.extend((all.len() as u32).to_le_bytes());
        for s in all {
            for part in [s.path.as_bytes(), s.text.as_bytes()] {
                out.extend((part.len() as u32).to_le_bytes());
                out.extend(part);
            }
        }
        out.extend((self.aot.len() as u32).to_le_bytes());
        for &(chain, digest) in &self.aot {
            out.extend(chain.to_le_bytes());
            out.extend(digest.to_le_bytes());
        }
        out
    }

    /// The image `encode` wrote, or None for anything else.
    pub fn decode(bytes: &[u8]) -> Option<Image> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let mut r = Reader(rest);
        let n = r.u32()?;
        let mut all = Vec::new();
        for _ in 0..n {
            let path = String::from_utf8(r.bytes()?.to_vec()).ok()?;
            let text = String::from_utf8(r.bytes()?.to_vec()).ok()?;
            all.push(Source { path, text });
        }
        let n = r.u32()?;
        let mut aot = Vec::new();
        for _ in 0..n {
            let chain = r.u32()?;
            let lo = r.u32()? as u64;
            let hi = r.u32()? as u64;
            aot.push((chain, lo | hi << 32));
        }
        if !r.0.is_empty() || all.is_empty() {
            return None;
        }
        let main = all.remove(0);
        Some(Image {
            main,
            files: all,
            aot,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u32(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Some(u32::from_le_bytes(*head))
    }
    fn bytes(&mut self) -> Option<&[u8]> {
        let n = self.u32()? as usize;
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
}

/// A syntax error as `file:line:col: message`, the offending line and a caret.
pub fn format_parse_error(label: &str, src: &str, e: &ParseError) -> String {
    let line_text = src
        .lines()
        .nth(e.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let caret_pad: String = line_text
        .chars()
        .take(e.col.saturating_sub(1) as usize)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{label}:{}:{}: syntax error: {}\n{line_text}\n{caret_pad}^\n",
        e.line, e.col, e.message
    )
}

/// Parse `src` (labelled `label`): its message tree, or the diagnostic.
pub fn parse(vm: &mut Vm, src: &str, label: &str) -> Result<Value, String> {
    crate::parse::parse(vm, src, label).map_err(|e| format_parse_error(label, src, &e))
}

/// `path` as `doRelativeFile` in the file labelled `file` reads it: from
/// the folder of that file (as is when it is absolute or the file is in the
/// current folder).
pub fn relative_to(file: &str, path: &str) -> String {
    let dir = launch_dir(file);
    if path.starts_with('/') || dir == "." {
        path.to_string()
    } else {
        format!("{dir}/{path}")
    }
}

/// The file the Importer reads for the capitalised name `name` in `folder`.
pub fn import_path(folder: &str, name: &str) -> String {
    if folder == "." || folder.is_empty() {
        format!("{name}.io")
    } else {
        format!("{}/{name}.io", folder.trim_end_matches('/'))
    }
}

/// The files the Importer may read for a message tree run from `main`: for
/// every capitalised message name, `<Name>.io` in the program's folder.
pub fn import_candidates(vm: &Vm, root: Value, main: &str) -> Vec<String> {
    let folder = launch_dir(main);
    let mut found = Vec::new();
    let mut seen: FxHashSet<Sym> = FxHashSet::default();
    for m in messages(vm, root) {
        let name = vm.syms.name(m.name);
        if name.starts_with(|c: char| c.is_ascii_uppercase()) && seen.insert(m.name) {
            found.push(import_path(&folder, name));
        }
    }
    found
}

/// The paths a message tree (parsed from the file labelled `file`) loads by
/// literal: the string argument of every `doFile("...")`, and of every
/// `doRelativeFile("...")` taken from the file's folder, in order of
/// appearance, each once: the paths those sends will read.
pub fn literal_loads(vm: &Vm, root: Value, file: &str) -> Vec<String> {
    let do_file = vm.syms.lookup("doFile");
    let relative = [
        vm.syms.lookup("doRelativeFile"),
        vm.syms.lookup("relativeDoFile"),
    ];
    let mut found = Vec::new();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for m in messages(vm, root) {
        let is_relative = relative.contains(&Some(m.name));
        if Some(m.name) != do_file && !is_relative {
            continue;
        }
        let Some(path) = m.args.first().and_then(|&a| literal_string(vm, a)) else {
            continue;
        };
        let path = if is_relative {
            relative_to(file, &path)
        } else {
            path
        };
        if seen.insert(path.clone()) {
            found.push(path);
        }
    }
    found
}

/// Every message of a tree (chains and arguments), in the order of the
/// source, each once.
fn messages(vm: &Vm, root: Value) -> Vec<&crate::heap::MessageData> {
    let mut out = Vec::new();
    let mut visited: FxHashSet<Value> = FxHashSet::default();
    let mut todo = vec![root];
    while let Some(v) = todo.pop() {
        let Some(m) = vm.as_message(v) else { continue };
        if !visited.insert(v) {
            continue;
        }
        out.push(m);
        todo.push(m.next);
        todo.extend(m.args.iter().rev().copied());
    }
    out
}

/// The text of a message that is a lone string literal.
fn literal_string(vm: &Vm, arg: Value) -> Option<String> {
    let m = vm.as_message(arg)?;
    if !m.next.is_nil() || !m.args.is_empty() {
        return None;
    }
    let lit = m.cached?;
    let s = vm.as_seq(lit)?;
    String::from_utf8(s.bytes.clone()).ok()
}

/// Make `image` the program of `vm`: its loaded files are served to
/// `doFile` from memory, and its main file is parsed and compiled: the top
/// level and every method and block body in it get their bytecode and
/// inline-cache tables now (a built module keeps them in its snapshot). Answers
/// the main file's message tree, or the diagnostic of a syntax error.
pub fn load_image(vm: &mut Vm, image: &Image) -> Result<Value, String> {
    for f in &image.files {
        vm.embedded_files.insert(
            f.path.clone(),
            crate::vm::Embedded::Source(f.text.clone().into_bytes()),
        );
    }
    let msg = parse(vm, &image.main.text, &image.main.path)?;
    let chains = code_chains(vm, msg);
    for &chain in &chains {
        vm.code_for(chain);
    }
    for (func, &(i, digest)) in image.aot.iter().enumerate() {
        if let Some(&chain) = chains.get(i as usize) {
            let code = vm.code_for(chain);
            if crate::vm::aot::ops_digest(&code) == digest {
                code.aot.set(func as u32);
            }
        }
    }
    Ok(msg)
}

/// The message chains of a tree that become code: the tree itself and the
/// body (last argument) of every `method(...)` and `block(...)` in it.
pub fn code_chains(vm: &Vm, root: Value) -> Vec<crate::value::ObjRef> {
    let makers = [vm.syms.lookup("method"), vm.syms.lookup("block")];
    // (An empty program parses to nil: no chain at all.)
    let mut chains: Vec<crate::value::ObjRef> = vm.message_ref(root).into_iter().collect();
    for m in messages(vm, root) {
        if makers.contains(&Some(m.name)) {
            chains.extend(m.args.last().and_then(|b| vm.message_ref(*b)));
        }
    }
    chains
}

/// Run a parsed program in the Lobby; answers the process exit code: 0,
/// `System exit`'s code, or 1 after reporting an uncaught exception.
pub fn run_main(vm: &mut Vm, msg: Value) -> i32 {
    let lobby = vm.lobby();
    vm.extra_roots.push(msg);
    let res = vm.eval_message(msg, lobby, lobby);
    vm.extra_roots.pop();
    exit_code(vm, res)
}

/// The exit code for the outcome of running code, reporting an uncaught
/// exception on standard error.
pub fn exit_code(vm: &mut Vm, res: Result<Value, Value>) -> i32 {
    let code = match res {
        Ok(_) => 0,
        Err(e) => match vm.exit_code {
            Some(c) => c,
            None => {
                let text = report::exception_report(vm, e);
                vm.host.write_stderr(text.as_bytes());
                1
            }
        },
    };
    vm.host.flush();
    code
}

/// Parse and run `src` (labelled `label`) in the Lobby; the exit code.
pub fn run_source(vm: &mut Vm, src: &str, label: &str) -> i32 {
    match parse(vm, src, label) {
        Ok(msg) => run_main(vm, msg),
        Err(text) => {
            vm.host.flush();
            vm.host.write_stderr(text.as_bytes());
            1
        }
    }
}

/// The folder a program's path lies in (`.` for a bare file name): what
/// `System launchPath` answers.
pub fn launch_dir(path: &str) -> String {
    std::path::Path::new(path)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| ".".into())
}

/// Evaluate one REPL entry; the text printed for it (result or error report).
pub fn repl_eval(vm: &mut Vm, src: &str) -> Option<String> {
    let msg = match crate::parse::parse(vm, src, "Command Line") {
        Ok(m) => m,
        Err(e) => return Some(format_parse_error("Command Line", src, &e)),
    };
    let lobby = vm.lobby();
    vm.extra_roots.push(msg);
    let res = vm.eval_message(msg, lobby, lobby);
    vm.extra_roots.pop();
    match res {
        Ok(v) => {
            let set = vm.sym("_");
            if let Some(l) = lobby.as_obj() {
                vm.heap.set_slot(l, set, v);
            }
            let text = match vm.send_sync(v, crate::symbol::sym::as_string) {
                Ok(s) => vm.display_string(s),
                Err(e) => return Some(crate::report::exception_report(vm, e)),
            };
            Some(format!("==> {text}\n"))
        }
        Err(e) => {
            if vm.exit_code.is_some() {
                return None;
            }
            Some(crate::report::exception_report(vm, e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_start_from_the_calling_files_folder() {
        assert_eq!(relative_to("app.io", "lib.io"), "lib.io");
        assert_eq!(relative_to("src/app.io", "lib/x.io"), "src/lib/x.io");
        assert_eq!(relative_to("src/app.io", "/abs.io"), "/abs.io");
    }

    #[test]
    fn image_round_trips_and_rejects_garbage() {
        let img = Image {
            main: Source {
                path: "app.io".into(),
                text: "writeln(1)".into(),
            },
            files: vec![Source {
                path: "lib/x.io".into(),
                text: "x := 2".into(),
            }],
            aot: vec![(3, 0x0123_4567_89ab_cdef)],
        };
        let bytes = img.encode();
        assert_eq!(Image::decode(&bytes), Some(img));
        assert_eq!(Image::decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(Image::decode(b"IOIMAGE2\x00\x00\x00\x00"), None);
        assert_eq!(Image::decode(b"nonsense"), None);
    }
}

//! What `io` and `ioc` share: running a file or a string with diagnostics and
//! exit codes, and the interactive REPL.

use io_runtime::host::StdHost;
use io_runtime::program;
use io_runtime::Vm;
use std::io::IsTerminal;

static MAX_STEPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Limit every VM this process makes to `n` steps (0: unlimited).
pub fn set_max_steps(n: u64) {
    MAX_STEPS.store(n, std::sync::atomic::Ordering::Relaxed);
}

static MAX_HEAP: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Limit the live heap of every VM this process makes to about `bytes`
/// (0: unlimited; see `io_runtime::embed::set_heap_limit`).
pub fn set_max_heap(bytes: u64) {
    MAX_HEAP.store(bytes, std::sync::atomic::Ordering::Relaxed);
}

/// A size such as `4096`, `512K`, `64M` or `2G` (powers of 1024), in bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.split_at(i),
        None => (s, ""),
    };
    let n: u64 = digits.parse().ok()?;
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return None,
    };
    n.checked_mul(1u64 << shift)
}

pub fn new_vm(args: Vec<String>, launch_path: String) -> Vm {
    let mut vm = Vm::new(Box::new(StdHost::new()));
    let steps = MAX_STEPS.load(std::sync::atomic::Ordering::Relaxed);
    if steps > 0 {
        vm.fuel = Some(steps);
    }
    let heap = MAX_HEAP.load(std::sync::atomic::Ordering::Relaxed);
    if heap > 0 {
        io_runtime::embed::set_heap_limit(&mut vm, Some(heap as usize));
    }
    vm.args = args;
    vm.launch_path = launch_path;
    vm
}

pub use io_runtime::program::format_parse_error;

pub fn run_file(path: &str, script_args: &[String]) -> i32 {
    let src = match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("io: cannot read {path}: {e}");
            return 1;
        }
    };
    let mut args = vec![path.to_string()];
    args.extend(script_args.iter().cloned());
    let dir = program::launch_dir(path);
    let mut vm = new_vm(args, dir);
    program::run_source(&mut vm, &src, path)
}

pub fn run_expr(code: &str, extra: &[String]) -> i32 {
    let mut args = vec!["-e".to_string()];
    args.extend(extra.iter().cloned());
    let mut vm = new_vm(args, ".".into());
    program::run_source(&mut vm, code, "Command Line")
}

/// True if the text has an unclosed bracket or triple quote (the REPL asks for more).
pub fn needs_more_input(src: &str) -> bool {
    match io_runtime::parse::lexer::lex(src) {
        Err(e) => e.message.starts_with("unterminated"),
        Ok(tokens) => {
            let mut depth: i64 = 0;
            for t in tokens {
                match t.kind {
                    io_runtime::parse::lexer::TokKind::Open(_) => depth += 1,
                    io_runtime::parse::lexer::TokKind::Close(_) => depth -= 1,
                    _ => {}
                }
            }
            depth > 0
        }
    }
}

pub use io_runtime::program::repl_eval;

/// One line read by the REPL.
#[cfg_attr(target_family = "wasm", allow(dead_code))]
enum Line {
    Text(String),
    Interrupted,
    End,
}

/// Where the REPL reads lines: a line editor with history on a native
/// terminal, plain standard input elsewhere (and under WebAssembly).
struct LineReader {
    #[cfg(not(target_family = "wasm"))]
    editor: Option<rustyline::DefaultEditor>,
    history: Option<String>,
}

impl LineReader {
    fn new() -> LineReader {
        let history = std::env::var("HOME")
            .ok()
            .map(|h| format!("{h}/.io_history"));
        #[cfg(not(target_family = "wasm"))]
        {
            let mut editor = rustyline::DefaultEditor::new().ok();
            if let (Some(e), Some(h)) = (editor.as_mut(), &history) {
                let _ = e.load_history(h);
            }
            LineReader { editor, history }
        }
        #[cfg(target_family = "wasm")]
        LineReader { history }
    }

    fn read(&mut self, prompt: &str) -> Line {
        #[cfg(not(target_family = "wasm"))]
        if let Some(e) = self.editor.as_mut() {
            return match e.readline(prompt) {
                Ok(l) => Line::Text(l),
                Err(rustyline::error::ReadlineError::Interrupted) => Line::Interrupted,
                Err(_) => Line::End,
            };
        }
        use std::io::{BufRead, Write};
        if std::io::stdin().is_terminal() {
            print!("{prompt}");
            let _ = std::io::stdout().flush();
        }
        let mut l = String::new();
        match std::io::stdin().lock().read_line(&mut l) {
            Ok(0) | Err(_) => Line::End,
            Ok(_) => Line::Text(l.trim_end_matches(['\n', '\r']).to_string()),
        }
    }

    fn remember(&mut self, entry: &str) {
        #[cfg(not(target_family = "wasm"))]
        if let Some(e) = self.editor.as_mut() {
            let _ = e.add_history_entry(entry);
        }
        let _ = entry;
    }

    fn save(&mut self) {
        #[cfg(not(target_family = "wasm"))]
        if let (Some(e), Some(h)) = (self.editor.as_mut(), &self.history) {
            let _ = e.save_history(h);
        }
        let _ = &self.history;
    }
}

/// The interactive loop: `Io> ` prompt, `==> ` results, line editing and history.
pub fn repl() -> i32 {
    let mut vm = new_vm(Vec::new(), ".".into());
    let interactive = std::io::stdin().is_terminal();
    if interactive {
        println!("Io {}", env!("CARGO_PKG_VERSION"));
    }
    let mut rl = LineReader::new();
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { "Io> " } else { "... " };
        match rl.read(prompt) {
            Line::Text(line) => {
                if !buffer.is_empty() {
                    buffer.push('\n');
                }
                buffer.push_str(&line);
                if needs_more_input(&buffer) {
                    continue;
                }
                let src = std::mem::take(&mut buffer);
                if src.trim().is_empty() {
                    continue;
                }
                rl.remember(src.as_str());
                if src.trim() == "exit" {
                    break;
                }
                if let Some(out) = repl_eval(&mut vm, &src) {
                    vm.host.write_stdout(out.as_bytes());
                }
                vm.host.flush();
                if let Some(code) = vm.exit_code {
                    return code;
                }
            }
            Line::Interrupted => {
                buffer.clear();
                continue;
            }
            Line::End => break,
        }
    }
    rl.save();
    vm.host.flush();
    0
}

/// Print the bytecode of a file's top-level chain.
pub fn dump_bytecode(path: &str) -> i32 {
    let src = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("ioc: cannot read {path}: {e}");
            return 1;
        }
    };
    let mut vm = new_vm(vec![path.to_string()], ".".into());
    match io_runtime::parse::parse(&mut vm, &src, path) {
        Ok(m) => {
            if let Some(r) = m.as_obj() {
                let code = vm.code_for(r);
                print!("{}", io_runtime::vm::code::disassemble(&vm, &code));
            }
            0
        }
        Err(e) => {
            eprint!("{}", format_parse_error(path, &src, &e));
            1
        }
    }
}

#[cfg(test)]
mod size_tests {
    use super::parse_size;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("512K"), Some(512 << 10));
        assert_eq!(parse_size("64M"), Some(64 << 20));
        assert_eq!(parse_size("64MB"), Some(64 << 20));
        assert_eq!(parse_size("2g"), Some(2 << 30));
        assert_eq!(parse_size("2GiB"), Some(2 << 30));
        assert_eq!(parse_size("12X"), None);
        assert_eq!(parse_size("M"), None);
        assert_eq!(parse_size(""), None);
    }
}

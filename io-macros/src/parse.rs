//! Stage two: the Io text parsed by io-runtime's own parser (in a VM made
//! for the compiler), every syntax error collected, and the message tree
//! flattened into nodes, children first (io-compiler's
//! `backend::rust::tree`).

use crate::source::Source;
use io_compiler::backend::rust::tree::{self, CaptureAt};
pub use io_compiler::backend::rust::tree::{Lit, Parsed};
use io_runtime::host::MemoryHost;
use io_runtime::parse::lexer::{self, TokKind};
use io_runtime::parse::ParseError;
use io_runtime::{Value, Vm};
use std::cell::RefCell;

thread_local! {
    /// One booted VM per compiler thread, shared by every expansion.
    static VM: RefCell<Option<Vm>> = const { RefCell::new(None) };
}

/// Run `f` with the compiler's VM.
pub fn with_vm<R>(f: impl FnOnce(&mut Vm) -> R) -> R {
    VM.with(|cell| {
        let mut slot = cell.borrow_mut();
        let vm = slot.get_or_insert_with(|| Vm::new(Box::new(MemoryHost::default())));
        f(vm)
    })
}

/// Parse the source; all syntax errors as (line, column, message).
pub fn parse(vm: &mut Vm, src: &Source) -> Result<Parsed, Vec<ParseError>> {
    match io_runtime::parse::parse(vm, &src.text, "io!") {
        Ok(head) => Ok(flatten(vm, src, head)),
        Err(first) => Err(all_errors(vm, &src.text, first)),
    }
}

/// Every statement at the top level parsed alone (the others blanked out,
/// so positions stay), for the errors after the first.
fn all_errors(vm: &mut Vm, text: &str, first: ParseError) -> Vec<ParseError> {
    let Ok(tokens) = lexer::lex(text) else {
        return vec![first];
    };
    // Statement ranges as (line, col) of the first token and just past the last.
    let mut ranges: Vec<((u32, u32), (u32, u32))> = Vec::new();
    let mut depth: i64 = 0;
    let mut start: Option<(u32, u32)> = None;
    let mut end = (0, 0);
    for t in &tokens {
        let at_top_end = matches!(t.kind, TokKind::Terminator) && depth <= 0;
        if at_top_end {
            if let Some(s) = start.take() {
                ranges.push((s, end));
            }
            continue;
        }
        match t.kind {
            TokKind::Open(_) => depth += 1,
            TokKind::Close(_) => depth -= 1,
            _ => {}
        }
        start.get_or_insert((t.line, t.col));
        end = end_of(t);
    }
    if let Some(s) = start {
        ranges.push((s, end));
    }
    let mut errors: Vec<ParseError> = Vec::new();
    if ranges.len() > 1 {
        let lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
        for (i, _) in ranges.iter().enumerate() {
            let mut kept = lines.clone();
            for (j, &(s, e)) in ranges.iter().enumerate() {
                if j != i {
                    blank(&mut kept, s, e);
                }
            }
            let alone: String = kept
                .into_iter()
                .map(|l| l.into_iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("\n");
            if let Err(e) = io_runtime::parse::parse(vm, &alone, "io!") {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
        }
    }
    if !errors.contains(&first) {
        errors.insert(0, first);
    }
    errors.sort_by_key(|e| (e.line, e.col));
    errors
}

/// Just past the token (line, column).
fn end_of(t: &lexer::Token) -> (u32, u32) {
    let (mut line, mut col) = (t.line, t.col);
    for ch in t.text.chars() {
        if ch == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

/// Spaces over [s, e) (1-based positions), newlines kept.
fn blank(lines: &mut [Vec<char>], s: (u32, u32), e: (u32, u32)) {
    for (i, line) in lines.iter_mut().enumerate() {
        let n = i as u32 + 1;
        if n < s.0 || n > e.0 {
            continue;
        }
        let from = if n == s.0 { s.1 as usize - 1 } else { 0 };
        let to = if n == e.0 {
            (e.1 as usize - 1).min(line.len())
        } else {
            line.len()
        };
        for c in line.iter_mut().take(to).skip(from) {
            *c = ' ';
        }
    }
}

/// The tree as the Rust backend's nodes, `$name` captures marked.
fn flatten(vm: &Vm, src: &Source, head: Value) -> Parsed {
    let captures: Vec<CaptureAt> = src
        .captures
        .iter()
        .map(|c| CaptureAt {
            name: &c.name,
            line: c.line,
            col: c.col,
        })
        .collect();
    tree::flatten(vm, head, &captures)
}

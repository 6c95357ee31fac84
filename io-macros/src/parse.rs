//! Stage two: the Io text parsed by io-runtime's own parser (in a VM made
//! for the compiler), every syntax error collected, and the message tree
//! flattened into nodes, children first.

use crate::source::Source;
use io_runtime::heap::Payload;
use io_runtime::host::MemoryHost;
use io_runtime::parse::lexer::{self, TokKind};
use io_runtime::parse::ParseError;
use io_runtime::{Value, Vm};
use std::cell::RefCell;
use std::collections::HashMap;

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

/// A literal a node answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Send,
    Num(f64),
    Str(Vec<u8>),
    Nil,
    True,
    False,
    Capture(u32),
}

#[derive(Clone, Debug)]
pub struct Node {
    pub name: String,
    pub lit: Lit,
    /// Io position (in the text).
    pub line: u32,
    pub col: u32,
    pub args: Vec<u32>,
    pub next: Option<u32>,
}

pub struct Parsed {
    pub nodes: Vec<Node>,
    pub head: Option<u32>,
    /// Capture names, by index.
    pub captures: Vec<String>,
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

/// The tree as nodes, children first (an explicit work list).
fn flatten(vm: &Vm, src: &Source, head: Value) -> Parsed {
    let capture_at: HashMap<(u32, u32), &str> = src
        .captures
        .iter()
        .map(|c| ((c.line, c.col), c.name.as_str()))
        .collect();
    let mut capture_names: Vec<String> = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: HashMap<u32, u32> = HashMap::new();
    let Some(h) = vm.message_ref(head) else {
        return Parsed {
            nodes,
            head: None,
            captures: capture_names,
        };
    };
    // (message, children pushed?)
    let mut work: Vec<(io_runtime::value::ObjRef, bool)> = vec![(h, false)];
    while let Some((m, expanded)) = work.pop() {
        if index.contains_key(&m.0) {
            continue;
        }
        let md = vm.message(m);
        let kids: Vec<io_runtime::value::ObjRef> = md
            .args
            .iter()
            .chain(std::iter::once(&md.next))
            .filter_map(|&v| vm.message_ref(v))
            .collect();
        if !expanded {
            work.push((m, true));
            for k in kids.into_iter().rev() {
                if !index.contains_key(&k.0) {
                    work.push((k, false));
                }
            }
            continue;
        }
        let name = vm.syms.name(md.name).to_string();
        let mut lit = match md.cached {
            None => Lit::Send,
            Some(v) if v == Value::NIL => Lit::Nil,
            Some(v) if v == Value::TRUE => Lit::True,
            Some(v) if v == Value::FALSE => Lit::False,
            Some(v) => match (v.as_num(), vm.heap.obj(v).map(|o| &o.payload)) {
                (Some(x), _) => Lit::Num(x),
                (None, Some(Payload::Seq(s))) => Lit::Str(s.bytes.clone()),
                _ => Lit::Send,
            },
        };
        let mut node_name = name.clone();
        if lit == Lit::Send && md.args.is_empty() {
            if let Some(&cname) = capture_at.get(&(md.line, md.col)) {
                if name == format!("_{cname}") {
                    let i = match capture_names.iter().position(|c| c == cname) {
                        Some(i) => i,
                        None => {
                            capture_names.push(cname.to_string());
                            capture_names.len() - 1
                        }
                    };
                    lit = Lit::Capture(i as u32);
                    node_name = cname.to_string();
                }
            }
        }
        let args = md
            .args
            .iter()
            .filter_map(|&a| vm.message_ref(a))
            .filter_map(|a| index.get(&a.0).copied())
            .collect();
        let next = vm
            .message_ref(md.next)
            .and_then(|n| index.get(&n.0).copied());
        let (line, col) = (md.line, md.col);
        nodes.push(Node {
            name: node_name,
            lit,
            line,
            col,
            args,
            next,
        });
        index.insert(m.0, nodes.len() as u32 - 1);
    }
    let head = index.get(&h.0).copied();
    Parsed {
        nodes,
        head,
        captures: capture_names,
    }
}

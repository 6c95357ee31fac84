//! The Rust backend's input: a parsed message tree (as io-runtime's parser
//! builds it in a VM) flattened into nodes, children first, each with the
//! literal it answers and its place in the Io text.

use io_runtime::heap::Payload;
use io_runtime::value::ObjRef;
use io_runtime::{Value, Vm};
use std::collections::HashMap;

/// A literal a node answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    Send,
    Num(f64),
    Str(Vec<u8>),
    Nil,
    True,
    False,
    /// A value passed in from outside the Io (by index among the captures).
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

/// A place in the text where a value passed in from outside stands: a
/// bare send of `_name` there is the capture `name`.
pub struct CaptureAt<'a> {
    pub name: &'a str,
    /// 1-based line and column of the `_name` identifier.
    pub line: u32,
    pub col: u32,
}

/// The tree whose first message is `head`, as nodes, children first (an
/// explicit work list, no recursion on depth).
pub fn flatten(vm: &Vm, head: Value, captures: &[CaptureAt]) -> Parsed {
    let capture_at: HashMap<(u32, u32), &str> =
        captures.iter().map(|c| ((c.line, c.col), c.name)).collect();
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
    let mut work: Vec<(ObjRef, bool)> = vec![(h, false)];
    while let Some((m, expanded)) = work.pop() {
        if index.contains_key(&m.0) {
            continue;
        }
        let md = vm.message(m);
        let kids: Vec<ObjRef> = md
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

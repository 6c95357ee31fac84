//! Io code compiled into a Rust program by `io!`: the message tree as static
//! data (`Tree`), which `Script` rebuilds as Message objects in a VM without
//! parsing anything, with the Rust values the code names (`$name`) as
//! literals. The macro writes the nodes children first, so one pass in index
//! order builds them (no recursion on the code's depth).

use super::convert::ToIo;
use crate::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// No node (an absent `next`, or an empty tree).
pub const NONE: u32 = u32::MAX;

/// What a message answers without a send.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lit {
    /// None: a real send.
    Send,
    Num(f64),
    Str(&'static [u8]),
    Nil,
    True,
    False,
    /// The Rust value passed in at this index of the script's captures.
    Capture(u32),
}

/// One message.
#[derive(Clone, Copy, Debug)]
pub struct Node {
    pub name: &'static str,
    pub lit: Lit,
    pub line: u32,
    pub col: u32,
    /// Indices of the argument messages (all smaller than this node's).
    pub args: &'static [u32],
    /// Index of the next message in the chain, or NONE.
    pub next: u32,
}

/// A method that `io!` also compiled to Rust: `name := method(a, b, ...)`
/// at the top level of the code, whose body is arithmetic on Numbers only.
/// `Io::call` runs `f` instead of the interpreter while the slot still holds
/// the method the script defined, every argument is a Number and the Number
/// proto was not changed. `f` takes the arguments and the fuel left, which
/// each loop iteration spends; it answers None when the fuel ran out.
#[derive(Clone, Copy)]
pub struct Fast {
    pub name: &'static str,
    pub arity: u32,
    /// The block's other compiled methods it calls directly (all it may
    /// reach): each must still be what the receiver finds under its name.
    pub calls: &'static [&'static str],
    /// Names the block's compiled methods read from the receiver: each must
    /// be a Number there when the call starts; `f` gets them after the
    /// arguments.
    pub reads: &'static [&'static str],
    /// The arguments that are Lists of Numbers (by position): `f` gets
    /// a copy of each one's items, in this order (and 0 in its place among
    /// the Numbers). What it leaves in them is written back to the Lists
    /// when it answers; when it gives up (None), nothing is.
    pub lists: &'static [u32],
    /// Those of `lists` that `f` may write (`atPut`): only they are
    /// written back.
    pub written: &'static [u32],
    pub f: FastFn,
}

/// The Rust version of a method: its Numbers (arguments, then the
/// receiver's slots it reads), copies of its Lists' items, and the fuel it
/// may spend; None when it gives up (the interpreter then runs the call).
pub type FastFn = fn(&[f64], &mut [&mut [f64]], &mut u64) -> Option<f64>;

/// The compiled form of an `io!` block.
pub struct Tree {
    /// The file the code came from (for stack traces).
    pub label: &'static str,
    pub nodes: &'static [Node],
    /// Index of the first message, or NONE for empty code.
    pub head: u32,
    /// The number of `$name` captures the code has.
    pub captures: u32,
    pub fast: &'static [Fast],
}

/// An `io!` block ready to run: its tree and the Rust values it captured.
pub struct Script<'a> {
    pub tree: &'static Tree,
    pub captures: Vec<&'a dyn ToIo>,
}

impl<'a> Script<'a> {
    pub fn new(tree: &'static Tree, captures: Vec<&'a dyn ToIo>) -> Script<'a> {
        Script { tree, captures }
    }

    /// Build the message tree in `vm`; the first message (nil when empty).
    /// Allocation never collects, so the half-built tree needs no rooting.
    pub fn build(&self, vm: &mut Vm) -> Value {
        let tree = self.tree;
        let label: Rc<str> = tree.label.into();
        let mut built: Vec<Value> = Vec::with_capacity(tree.nodes.len());
        for node in tree.nodes {
            let name = vm.sym(node.name);
            let m = vm.new_message(name, &label, node.line, node.col);
            let cached = match node.lit {
                Lit::Send => None,
                Lit::Num(x) => Some(Value::num(x)),
                Lit::Str(b) => Some(vm.symbol_string(b)),
                Lit::Nil => Some(Value::NIL),
                Lit::True => Some(Value::TRUE),
                Lit::False => Some(Value::FALSE),
                Lit::Capture(i) => Some(match self.captures.get(i as usize) {
                    Some(c) => c.to_io(vm),
                    None => Value::NIL,
                }),
            };
            let args: Vec<Value> = node
                .args
                .iter()
                .filter_map(|&a| built.get(a as usize).copied())
                .collect();
            let next = built.get(node.next as usize).copied().unwrap_or(Value::NIL);
            let md = vm.message_mut(m);
            md.cached = cached;
            md.args = args;
            md.next = next;
            built.push(Value::obj(m));
        }
        built.get(tree.head as usize).copied().unwrap_or(Value::NIL)
    }
}

/// The tree of a block that did not compile (what `io!` expands to next to
/// its compile errors).
pub static EMPTY: Tree = Tree {
    label: "",
    nodes: &[],
    head: NONE,
    captures: 0,
    fast: &[],
};

//! Operator shuffling: rewrites flat message chains into operator trees by the
//! levels in `OperatorTable operators` (lower binds tighter; all operators are
//! left-associative) and turns assignment operators into `setSlot` /
//! `setSlotWithType` / `updateSlot` / `newSlot` sends.
//!
//! Works on one chain at a time from an explicit work list, so nesting depth in
//! the source never becomes Rust recursion.

use super::ParseError;
use crate::fxhash::FxHashMap as HashMap;
use crate::symbol::{sym, Sym};
use crate::value::{ObjRef, Value};
use crate::vm::Vm;

/// Snapshot of the OperatorTable taken when parsing starts.
pub struct OpTable {
    pub levels: HashMap<Sym, u8>,
    pub assign: HashMap<Sym, Sym>,
}

/// Built-in defaults, also used to populate the runtime OperatorTable at boot.
pub const DEFAULT_LEVELS: &[(&str, u8)] = &[
    ("?", 0),
    ("@", 0),
    ("@@", 0),
    ("**", 1),
    ("*", 2),
    ("/", 2),
    ("%", 2),
    ("+", 3),
    ("-", 3),
    ("<<", 4),
    (">>", 4),
    ("<", 5),
    ("<=", 5),
    (">", 5),
    (">=", 5),
    ("==", 6),
    ("!=", 6),
    ("&", 7),
    ("^", 8),
    ("|", 9),
    ("and", 10),
    ("&&", 10),
    ("or", 11),
    ("||", 11),
    ("..", 12),
    ("+=", 13),
    ("-=", 13),
    ("*=", 13),
    ("/=", 13),
    ("%=", 13),
    ("&=", 13),
    ("^=", 13),
    ("|=", 13),
    ("<<=", 13),
    (">>=", 13),
    ("return", 14),
];

pub const DEFAULT_ASSIGN: &[(&str, &str)] =
    &[(":=", "setSlot"), ("=", "updateSlot"), ("::=", "newSlot")];

impl OpTable {
    pub fn defaults(vm: &mut Vm) -> OpTable {
        let mut levels = HashMap::default();
        for (n, l) in DEFAULT_LEVELS {
            levels.insert(vm.syms.intern(n), *l);
        }
        let mut assign = HashMap::default();
        for (n, m) in DEFAULT_ASSIGN {
            assign.insert(vm.syms.intern(n), vm.syms.intern(m));
        }
        OpTable { levels, assign }
    }

    /// Read the table from `OperatorTable` in the VM; defaults if it is missing.
    pub fn from_vm(vm: &mut Vm) -> OpTable {
        match vm.operator_table_snapshot() {
            Some(t) => t,
            None => OpTable::defaults(vm),
        }
    }
}

/// Shuffle the chain starting at `head` and, through a work list, every argument chain.
pub fn shuffle(vm: &mut Vm, ops: &OpTable, head: ObjRef) -> Result<ObjRef, ParseError> {
    // Each work item is a message whose argument chains need shuffling, or the root.
    let new_head = shuffle_chain(vm, ops, head)?;
    let mut work: Vec<ObjRef> = Vec::new();
    collect_arg_owners(vm, new_head, &mut work);
    while let Some(owner) = work.pop() {
        let n = vm.message(owner).args.len();
        for i in 0..n {
            let Some(a) = vm.message(owner).args[i].non_nil() else {
                continue;
            };
            let a2 = shuffle_chain(vm, ops, a)?;
            vm.message_mut(owner).args[i] = Value::obj(a2);
            collect_arg_owners(vm, a2, &mut work);
        }
    }
    Ok(new_head)
}

/// Push every message of the chain that has arguments. Arguments added by the
/// shuffler itself hold messages of the same level, which are already shuffled,
/// so only original argument chains are pushed (marked by `ORIGINAL`).
fn collect_arg_owners(vm: &mut Vm, head: ObjRef, work: &mut Vec<ObjRef>) {
    // Walk this level's tree: chain via `next`, operator arguments created here
    // are followed too (they are in `shuffled` set), original args are queued.
    let mut stack = vec![head];
    while let Some(m) = stack.pop() {
        let mut cur = Some(m);
        while let Some(c) = cur {
            let md = vm.message(c);
            if md.shuffled_args {
                for a in &md.args {
                    if let Some(r) = a.non_nil() {
                        stack.push(r);
                    }
                }
            } else if !md.args.is_empty() {
                work.push(c);
            }
            cur = md.next.non_nil();
            vm.message_mut(c).shuffled_args = false;
        }
    }
}

fn chain_items(vm: &Vm, head: ObjRef) -> Vec<ObjRef> {
    let mut items = Vec::new();
    let mut cur = Some(head);
    while let Some(c) = cur {
        items.push(c);
        cur = vm.message(c).next.non_nil();
    }
    items
}

fn link(vm: &mut Vm, items: &[ObjRef]) -> Option<ObjRef> {
    for w in items.windows(2) {
        vm.message_mut(w[0]).next = Value::obj(w[1]);
    }
    if let Some(&last) = items.last() {
        vm.message_mut(last).next = Value::NIL;
    }
    items.first().copied()
}

fn perr(vm: &Vm, m: ObjRef, msg: &str) -> ParseError {
    let md = vm.message(m);
    ParseError {
        message: msg.to_string(),
        line: md.line,
        col: md.col,
    }
}

/// Shuffle one chain (this level only).
fn shuffle_chain(vm: &mut Vm, ops: &OpTable, head: ObjRef) -> Result<ObjRef, ParseError> {
    let items = chain_items(vm, head);
    let mut out: Vec<ObjRef> = Vec::with_capacity(items.len());
    let mut stmt: Vec<ObjRef> = Vec::new();
    for &m in &items {
        if vm.message(m).name == sym::semicolon {
            let s = statement(vm, ops, std::mem::take(&mut stmt))?;
            out.extend(s);
            out.push(m);
        } else {
            stmt.push(m);
        }
    }
    let s = statement(vm, ops, stmt)?;
    out.extend(s);
    Ok(link(vm, &out).unwrap_or(head))
}

/// Shuffle one statement (no `;` inside); returns its messages in chain order.
fn statement(vm: &mut Vm, ops: &OpTable, items: Vec<ObjRef>) -> Result<Vec<ObjRef>, ParseError> {
    // Peel assignments left to right, remembering the prefix and setter of each.
    let mut pending: Vec<(Vec<ObjRef>, ObjRef)> = Vec::new();
    let mut items = items;
    loop {
        let pos = items
            .iter()
            .position(|&m| ops.assign.contains_key(&vm.message(m).name));
        let Some(i) = pos else { break };
        let op = items[i];
        let op_name = vm.message(op).name;
        let op_text = vm.syms.name(op_name).to_string();
        if i == 0 {
            return Err(perr(
                vm,
                op,
                &format!("{op_text} requires an expression to its left."),
            ));
        }
        let target = items[i - 1];
        let mut value: Vec<ObjRef> = items[i + 1..].to_vec();
        let op_args = std::mem::take(&mut vm.message_mut(op).args);
        if !op_args.is_empty() {
            if op_args.len() > 1 {
                return Err(perr(vm, op, "Assign operator passed multiple arguments"));
            }
            if value.is_empty() {
                // `a :=(expr)`: the argument is the value
                let arg = op_args[0].as_obj().expect("args are messages");
                value = chain_items(vm, arg);
            } else {
                // `a :=(expr) rest`: group the argument in front of the rest
                let md = vm.message(op);
                let (label, line, col) = (md.label.clone(), md.line, md.col);
                let g = vm.new_message(sym::empty, &label, line, col);
                vm.message_mut(g).args = op_args;
                value.insert(0, g);
            }
        }
        if value.is_empty() {
            return Err(perr(
                vm,
                op,
                &format!("{op_text} must be followed by a value."),
            ));
        }
        let mut setter = ops.assign[&op_name];
        let tmd = vm.message(target);
        let (label, line, col) = (tmd.label.clone(), tmd.line, tmd.col);
        let name_arg = if tmd.args.is_empty() && tmd.cached.is_none() {
            let name_sym = tmd.name;
            let text = vm.syms.name(name_sym).to_string();
            if setter == sym::set_slot && text.starts_with(|c: char| c.is_ascii_uppercase()) {
                setter = sym::set_slot_with_type;
            }
            let quoted = format!("\"{text}\"");
            let qs = vm.syms.intern(&quoted);
            let lit = vm.new_message(qs, &label, line, col);
            let s = vm.symbol_string(text.as_bytes());
            vm.message_mut(lit).cached = Some(s);
            lit
        } else {
            // `f(x) := v`: the slot name is computed at run time
            let (tname, args, cached) = (tmd.name, tmd.args.clone(), tmd.cached);
            let copy = vm.new_message(tname, &label, line, col);
            let cm = vm.message_mut(copy);
            cm.args = args;
            cm.cached = cached;
            copy
        };
        // The target message becomes the setter send.
        let tm = vm.message_mut(target);
        tm.name = setter;
        tm.cached = None;
        tm.args = vec![Value::obj(name_arg), Value::NIL];
        tm.shuffled_args = false;
        let mut prefix: Vec<ObjRef> = items[..i - 1].to_vec();
        prefix.push(target);
        pending.push((prefix, target));
        items = value;
    }
    let mut chain = expression(vm, ops, items)?;
    while let Some((prefix, setter)) = pending.pop() {
        let head = link(vm, &chain).expect("value chains are non-empty");
        vm.message_mut(setter).args[1] = Value::obj(head);
        // The name argument and value are this level's: mark the setter so the
        // name literal is not re-queued, but the value chain is walked for its
        // original args via the shuffled flag.
        vm.message_mut(setter).shuffled_args = true;
        chain = expression(vm, ops, prefix)?;
    }
    Ok(chain)
}

struct Pending {
    op: ObjRef,
    prefix: bool,
    /// Level used when later operators decide whether to reduce this one.
    pop_level: u16,
}

fn is_operator(vm: &Vm, ops: &OpTable, m: ObjRef) -> Option<u8> {
    let md = vm.message(m);
    if md.cached.is_some() || !md.args.is_empty() {
        return None;
    }
    ops.levels.get(&md.name).copied()
}

/// `a +(b) c` -> `a +((b) c)`: an operator that already has arguments gets
/// them moved into a grouping message, which starts its right operand
/// (`2 +(3) * 4` is 14, `a == 0 and(b)` is `(a == 0) and(b)`).
fn group_operator_args(vm: &mut Vm, ops: &OpTable, items: Vec<ObjRef>) -> Vec<ObjRef> {
    let mut out = Vec::with_capacity(items.len());
    for (i, &m) in items.iter().enumerate() {
        out.push(m);
        let md = vm.message(m);
        let rewrite = i > 0
            && md.cached.is_none()
            && !md.args.is_empty()
            && ops.levels.contains_key(&md.name);
        if rewrite {
            let (label, line, col) = (md.label.clone(), md.line, md.col);
            let g = vm.new_message(sym::empty, &label, line, col);
            let args = std::mem::take(&mut vm.message_mut(m).args);
            vm.message_mut(g).args = args;
            out.push(g);
        }
    }
    out
}

/// Precedence parsing of one assignment-free statement, by an explicit operator stack.
fn expression(vm: &mut Vm, ops: &OpTable, items: Vec<ObjRef>) -> Result<Vec<ObjRef>, ParseError> {
    let items = group_operator_args(vm, ops, items);
    let mut output: Vec<Vec<ObjRef>> = Vec::new();
    let mut opstack: Vec<Pending> = Vec::new();
    let mut expect_operand = true;
    let reduce = |vm: &mut Vm, output: &mut Vec<Vec<ObjRef>>, p: Pending| {
        let rhs = output.pop().unwrap_or_default();
        let rhs_head = link(vm, &rhs);
        let om = vm.message_mut(p.op);
        om.args = rhs_head.map(Value::obj).into_iter().collect();
        om.shuffled_args = true;
        if p.prefix {
            output.push(vec![p.op]);
        } else {
            let mut lhs = output.pop().unwrap_or_default();
            lhs.push(p.op);
            output.push(lhs);
        }
    };
    for &m in &items {
        match is_operator(vm, ops, m) {
            Some(l) if expect_operand => opstack.push(Pending {
                op: m,
                prefix: true,
                pop_level: l as u16,
            }),
            Some(l) => {
                while opstack.last().is_some_and(|top| top.pop_level <= l as u16) {
                    let p = opstack.pop().expect("non-empty");
                    reduce(vm, &mut output, p);
                }
                let pop_level = if l == 0 { u16::MAX } else { l as u16 };
                opstack.push(Pending {
                    op: m,
                    prefix: false,
                    pop_level,
                });
                expect_operand = true;
            }
            None => {
                if expect_operand {
                    output.push(vec![m]);
                } else {
                    output.last_mut().expect("an operand precedes").push(m);
                }
                expect_operand = false;
            }
        }
    }
    if expect_operand && !opstack.is_empty() {
        // trailing operator with nothing after it: it gets no argument
        output.push(Vec::new());
    }
    while let Some(p) = opstack.pop() {
        reduce(vm, &mut output, p);
    }
    Ok(output.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use crate::host::MemoryHost;
    use crate::value::Value;
    use crate::vm::Vm;

    /// Compact structural form: `name(arg, arg) next`, `;` between statements.
    fn show(vm: &Vm, m: Value) -> String {
        let mut out = String::new();
        // explicit stack of (message, pending text) to stay iterative
        enum Item {
            Msg(Value),
            Text(&'static str),
        }
        let mut stack = vec![Item::Msg(m)];
        while let Some(it) = stack.pop() {
            match it {
                Item::Text(t) => out.push_str(t),
                Item::Msg(m) => {
                    let Some(md) = vm.as_message(m) else { continue };
                    out.push_str(vm.syms.name(md.name));
                    if !md.next.is_nil() {
                        stack.push(Item::Msg(md.next));
                        stack.push(Item::Text(" "));
                    }
                    if !md.args.is_empty() {
                        stack.push(Item::Text(")"));
                        for (i, a) in md.args.iter().enumerate().rev() {
                            stack.push(Item::Msg(*a));
                            if i > 0 {
                                stack.push(Item::Text(", "));
                            }
                        }
                        stack.push(Item::Text("("));
                    }
                }
            }
        }
        out
    }

    fn shuffled(src: &str) -> String {
        let mut vm = Vm::new(Box::new(MemoryHost::default()));
        let m = crate::parse::parse(&mut vm, src, "test").expect("parses");
        show(&vm, m)
    }

    #[test]
    fn precedence_and_left_associativity() {
        assert_eq!(shuffled("1 + 2 * 3"), "1 +(2 *(3))");
        assert_eq!(shuffled("a - b - c"), "a -(b) -(c)");
        assert_eq!(shuffled("2 ** 3 ** 2"), "2 **(3) **(2)");
        assert_eq!(shuffled("1 + 2 == 3 and x"), "1 +(2) ==(3) and(x)");
        assert_eq!(shuffled("a + b c"), "a +(b c)");
    }

    #[test]
    fn prefix_operators_take_the_rest_of_the_operand() {
        assert_eq!(shuffled("-3 abs"), "-(3 abs)");
        assert_eq!(shuffled("3 - -2"), "3 -(-(2))");
        assert_eq!(shuffled("return a + b"), "return(a +(b))");
        assert_eq!(shuffled("x return y"), "x return(y)");
    }

    #[test]
    fn level_zero_operators_swallow_the_rest() {
        assert_eq!(shuffled("obj ?foo bar"), "obj ?(foo bar)");
        assert_eq!(shuffled("obj @foo + 1"), "obj @(foo +(1))");
    }

    #[test]
    fn assignment_becomes_set_slot() {
        assert_eq!(shuffled("a := b c; d"), "setSlot(\"a\", b c) ; d");
        assert_eq!(shuffled("A := 1"), "setSlotWithType(\"A\", 1)");
        assert_eq!(shuffled("x = 1 + 2"), "updateSlot(\"x\", 1 +(2))");
        assert_eq!(shuffled("x ::= 3"), "newSlot(\"x\", 3)");
        assert_eq!(shuffled("x := y := 3"), "setSlot(\"x\", setSlot(\"y\", 3))");
        assert_eq!(shuffled("o a := 1"), "o setSlot(\"a\", 1)");
        assert_eq!(shuffled("f(a := 1 + 2)"), "f(setSlot(\"a\", 1 +(2)))");
    }

    #[test]
    fn grouped_operator_arguments() {
        assert_eq!(shuffled("a +(b) c"), "a +((b) c)");
        assert_eq!(shuffled("a +(b)"), "a +((b))");
        assert_eq!(shuffled("a == 0 and(b)"), "a ==(0) and((b))");
        assert_eq!(shuffled("2 +(3) * 4"), "2 +((3) *(4))");
    }

    #[test]
    fn assignment_errors_are_reported() {
        let mut vm = Vm::new(Box::new(MemoryHost::default()));
        for src in [":= 3", "a :=", "a := (1, 2)"] {
            let _ = crate::parse::parse(&mut vm, src, "t");
        }
        assert!(crate::parse::parse(&mut vm, ":= 3", "t").is_err());
        assert!(crate::parse::parse(&mut vm, "a :=", "t").is_err());
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let n = 100_000;
        let src = format!("{}1{}", "(".repeat(n), ")".repeat(n));
        let mut vm = Vm::new(Box::new(MemoryHost::default()));
        let m = crate::parse::parse(&mut vm, &src, "deep").expect("parses");
        assert!(!m.is_nil());
        let src = format!("{}1", "- ".repeat(n));
        assert!(crate::parse::parse(&mut vm, &src, "deep").is_ok());
    }
}

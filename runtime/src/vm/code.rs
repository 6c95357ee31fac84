//! Bytecode: the one opcode table, code blocks with their send sites and inline
//! cache side table, and lowering from Message chains.
//!
//! A code block is compiled from one message chain and cached on its first
//! message. The chain's messages are sent left to right to the register `R`;
//! a send's arguments are compiled inline after its `Send` op and evaluated only
//! when the looked-up slot asks for them (CFunctions: all; methods: as many as
//! they have parameters; lazy primitives and plain values: none), so the
//! interpreter never needs a frame per argument. Lowering uses an explicit
//! work list. Code is immutable once built; inline caches live in `ics`.

use crate::heap::MessageData;
use crate::symbol::{sym, Sym};
use crate::value::{ObjRef, Value};
use crate::vm::ic::SiteCache;
use crate::vm::Vm;
use std::cell::{Cell, OnceCell};
use std::fmt::Write;
use std::rc::Rc;

/// The opcode table: each opcode with its operands and what it does. The enum,
/// its names and the disassembler are generated from this one list.
macro_rules! opcodes {
    ($( $(#[doc = $doc:expr])* $name:ident $({ $($field:ident : $ty:ty),* })? ),* $(,)?) => {
        #[derive(Copy, Clone, Debug, PartialEq)]
        pub enum Op {
            $( $(#[doc = $doc])* $name $({ $($field: $ty),* })? ),*
        }
        impl Op {
            pub fn name(&self) -> &'static str {
                match self { $( Op::$name { .. } => stringify!($name) ),* }
            }
        }
    };
}

opcodes! {
    /// R = the frame's target (start of a chain, or after `;` in a chain).
    Target,
    /// R = the frame's locals (start of an argument chain, or after `;` in one).
    Locals,
    /// R = constant `k` (a literal cached on a message).
    Const { k: u32 },
    /// Set R from `from` (the start of a chain: R as it is, the target or the
    /// locals), look up site's name on R, push [receiver, slot value, slot
    /// context, n] where n is how many arguments to evaluate; jump to `call`
    /// when n is 0.
    Send { site: u32, call: u32, from: SendFrom },
    /// Push R as argument `index` of the pending send; jump to `call` when it was the last one needed.
    Arg { site: u32, index: u32, call: u32 },
    /// Activate the pending send of `site` with the pushed arguments; R = result.
    Call { site: u32 },
    /// Inline control flow (`if`, `while`, `loop`): continue when the site's name
    /// still finds the built-in on R, else jump to `generic` (the ordinary send).
    Guard { site: u32, generic: u32 },
    /// The ordinary send of site's message to R, as written (where an
    /// inlined form's guard failed): run in a frame of its own whose code is
    /// compiled from that message on first use; R = its result.
    SendMessage { site: u32 },
    /// Push nil (the result slot of an inline loop).
    PushNil,
    /// Store R in the top stack slot.
    StoreTop,
    /// Pop the top stack slot into R.
    PopToR,
    /// Push R.
    PushR,
    /// `n repeat`: replace the count on top with a counted loop [0, n - 1, 1, nil].
    RepeatSetup,
    /// Counted loop over [i, end, step, result] on top: when i is past end jump to
    /// `exit`, else bind the counter (a Sym index, u32::MAX for none) in the locals.
    CountNext { counter: u32, exit: u32 },
    /// i += step in the counted loop on top.
    CountStep,
    /// Loop over a List, [list, next index, result] on top: when the index
    /// is past the list's end (as it is now) jump to `exit`, else R = the
    /// item there and the index moves on.
    EachNext { exit: u32 },
    /// R = the index of the item the last EachNext gave.
    EachIndex,
    /// R = the item the last EachNext gave (again).
    EachItem,
    /// Set the slot `name` (a Sym index) of the locals to R.
    Bind { name: u32 },
    /// Leave an inline loop: R = its result slot, then drop its `n` slots.
    LoopExit { n: u32 },
    /// `name := value` (setSlot with a literal name): pop the receiver and
    /// set the slot named by `site` in it to R. `k` is the name's constant.
    SetSlot { site: u32, k: u32 },
    /// `name = value` (updateSlot with a literal name): pop the receiver and
    /// update the slot named by `site` where the built-in would, to R.
    UpdateSlot { site: u32, k: u32 },
    /// Jump to `to` when R is false or nil.
    JumpIfFalse { to: u32 },
    /// R = true when R is neither false nor nil, else false (`and`, `or`).
    ToBool,
    Jump { to: u32 },
    /// End of the code block: the frame's result is R.
    End,
}

/// Where a Send takes its receiver: R, or (fused with the op that would
/// have set R first) the frame's target or locals.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum SendFrom {
    R,
    Target,
    Locals,
}

/// One message send in a code block.
pub struct Site {
    pub name: Sym,
    /// The Message object (for `call message`, lazy arguments and stack traces).
    pub msg: Value,
    pub argc: u32,
    /// The Call op is the last thing before End: an activation may reuse the frame.
    pub tail: bool,
    /// The code of `msg` sent on its own (see SendMessage), once needed.
    pub alone: OnceCell<Rc<Code>>,
}

/// An inline loop, for break and continue: ops strictly between `start`
/// (its PushNil) and `end` (its PopToR) belong to it.
#[derive(Clone, Copy, Debug)]
pub struct LoopInfo {
    pub start: u32,
    pub end: u32,
    /// Where `continue` goes.
    pub cont: u32,
    /// Stack height (above the frame base) before the loop's slots.
    pub depth: u32,
    /// How many stack slots the loop keeps (1, 3 for `foreach`, 4 for
    /// counted loops).
    pub slots: u32,
}

pub struct Code {
    pub ops: Vec<Op>,
    /// Inline loops, innermost after outer ones.
    pub loops: Vec<LoopInfo>,
    pub sites: Vec<Site>,
    pub consts: Vec<Value>,
    /// Inline caches, one per site (a side table: ops never change).
    pub ics: Box<[Cell<SiteCache>]>,
    pub label: Rc<str>,
    /// The compiled function of this code (`aot::NO_AOT` for none).
    pub aot: Cell<u32>,
    /// Entries in a row that left compiled code where they entered it.
    pub aot_misses: Cell<u32>,
}

impl Code {
    /// The operand stack height (above the frame's base) before each op.
    pub fn depths(&self) -> Vec<u32> {
        stack_depths(&self.ops, &self.sites)
    }
}

/// Stack height before each op: sends push 4 and their arguments, and
/// Call pops them. (Lowering is structured: every path to an op leaves the
/// same height.)
fn stack_depths(ops: &[Op], sites: &[Site]) -> Vec<u32> {
    let mut depth_at = vec![0u32; ops.len()];
    let mut d: i64 = 0;
    for (pc, op) in ops.iter().enumerate() {
        depth_at[pc] = d.max(0) as u32;
        match *op {
            Op::Send { .. } => d += 4,
            Op::Arg { .. } | Op::PushNil | Op::PushR => d += 1,
            Op::SetSlot { .. } | Op::UpdateSlot { .. } => d -= 1,
            Op::RepeatSetup => d += 3,
            Op::Call { site } => d -= 4 + sites.get(site as usize).map_or(0, |s| s.argc) as i64,
            Op::PopToR => d -= 1,
            Op::LoopExit { n } => d -= n as i64,
            _ => {}
        }
    }
    depth_at
}

enum Task {
    /// Emit the message and what follows it in its chain (the flag: in an
    /// argument chain).
    Next(ObjRef, bool),
    /// Emit the ordinary send of one message (arguments inline, then Call).
    Send(ObjRef),
    /// Emit the fallback of an inlined form: its message sent as written.
    Fallback(ObjRef),
    Emit(Op),
    /// Emit a jump (conditional or not) to a label resolved later.
    JumpTo {
        label: usize,
        if_false: bool,
    },
    Label(usize),
    Guard {
        m: ObjRef,
        generic: usize,
    },
    /// Record the current pc for loop `id`: where its slots start, or where its range starts.
    MarkSlots(usize),
    MarkStart(usize),
    CountNext {
        counter: u32,
        label: usize,
    },
    EachNext {
        label: usize,
    },
    /// Start an argument chain.
    ArgChain(ObjRef),
    ArgEnd {
        site: u32,
        index: u32,
    },
    FinishCall {
        site: u32,
        send_pc: usize,
    },
}

struct LoopSpec {
    slots_pc: usize,
    start_pc: usize,
    cont: usize,
    done: usize,
    slots: u32,
}

struct Builder {
    ops: Vec<Op>,
    sites: Vec<Site>,
    consts: Vec<Value>,
    /// pcs of the Arg ops of each site, patched when its Call is emitted
    arg_pcs: Vec<Vec<usize>>,
    /// label -> (position once known, pcs of jumps waiting for it)
    labels: Vec<(Option<usize>, Vec<usize>)>,
    /// The position a label was last bound to.
    bound_at: Option<usize>,
    loops: Vec<LoopSpec>,
}

impl Builder {
    fn label(&mut self) -> usize {
        self.labels.push((None, Vec::new()));
        self.labels.len() - 1
    }

    fn site(&mut self, md: &MessageData, m: ObjRef) -> u32 {
        self.sites.push(Site {
            name: md.name,
            msg: Value::obj(m),
            argc: md.args.len() as u32,
            tail: false,
            alone: OnceCell::new(),
        });
        self.arg_pcs.push(Vec::new());
        (self.sites.len() - 1) as u32
    }

    /// A site for a slot name that the code reads or writes itself.
    fn slot_site(&mut self, name: Sym, m: ObjRef) -> u32 {
        self.sites.push(Site {
            name,
            msg: Value::obj(m),
            argc: 0,
            tail: false,
            alone: OnceCell::new(),
        });
        self.arg_pcs.push(Vec::new());
        (self.sites.len() - 1) as u32
    }

    fn constant(&mut self, v: Value) -> u32 {
        if let Some(i) = self.consts.iter().position(|&c| c == v) {
            return i as u32;
        }
        self.consts.push(v);
        (self.consts.len() - 1) as u32
    }
}

/// Compile the chain starting at `head`.
pub fn lower(vm: &Vm, head: ObjRef) -> Code {
    lower_from(vm, head, Task::Next(head, false))
}

/// Compile message `m` alone (not what follows it) as an ordinary send to
/// the frame's target.
pub fn lower_alone(vm: &Vm, m: ObjRef) -> Code {
    lower_from(vm, m, Task::Send(m))
}

fn lower_from(vm: &Vm, head: ObjRef, first: Task) -> Code {
    let mut b = Builder {
        ops: Vec::new(),
        sites: Vec::new(),
        consts: Vec::new(),
        arg_pcs: Vec::new(),
        labels: Vec::new(),
        bound_at: None,
        loops: Vec::new(),
    };
    let label = vm.message(head).label.clone();
    b.ops.push(Op::Target);
    let mut work = vec![first];
    // A message reached twice in one lowering would make a cycle: the chain
    // stops there.
    let mut seen: crate::fxhash::FxHashMap<ObjRef, ()> = Default::default();
    while let Some(t) = work.pop() {
        match t {
            Task::Next(m, _) if seen.insert(m, ()).is_some() => {}
            Task::Next(m, is_arg) => {
                let md: &MessageData = vm.message(m);
                if md.name == sym::semicolon && md.cached.is_none() {
                    b.ops.push(if is_arg { Op::Locals } else { Op::Target });
                } else if let Some(v) = md.cached {
                    let k = b.constant(v);
                    b.ops.push(Op::Const { k });
                } else {
                    if let Some(n) = md
                        .next
                        .non_nil()
                        .filter(|&n| vm.as_message(Value::obj(n)).is_some())
                    {
                        work.push(Task::Next(n, is_arg));
                    }
                    let all_msgs = md.args.iter().all(|a| vm.as_message(*a).is_some());
                    let n = md.args.len();
                    if md.name == sym::empty && n == 1 && all_msgs {
                        push_inline_paren(&mut b, &mut work, md, m);
                    } else if md.name == sym::if_ && (1..=3).contains(&n) && all_msgs {
                        push_inline_if(&mut b, &mut work, md, m);
                    } else if (md.name == sym::and || md.name == sym::or) && n == 1 && all_msgs {
                        push_inline_logic(&mut b, &mut work, md, m);
                    } else if let Some(slot) = assigned_slot(vm, md).filter(|_| all_msgs) {
                        push_inline_assign(&mut b, &mut work, md, m, slot);
                    } else if all_msgs && inlinable_foreach(vm, md) {
                        push_inline_foreach(&mut b, &mut work, vm, md, m);
                    } else if all_msgs && inlinable_loop(vm, md) {
                        push_inline_loop(&mut b, &mut work, vm, md, m);
                    } else {
                        work.push(Task::Send(m));
                    }
                    continue;
                }
                if let Some(n) = md
                    .next
                    .non_nil()
                    .filter(|&n| vm.as_message(Value::obj(n)).is_some())
                {
                    work.push(Task::Next(n, is_arg));
                }
            }
            Task::Fallback(m) => {
                let md: &MessageData = vm.message(m);
                let site = b.site(md, m);
                b.ops.push(Op::SendMessage { site });
            }
            Task::Send(m) => {
                let md: &MessageData = vm.message(m);
                let site = b.site(md, m);
                // The op setting R just before becomes part of the Send, unless
                // a jump lands between the two.
                let mut from = SendFrom::R;
                if b.bound_at != Some(b.ops.len()) {
                    match b.ops.last() {
                        Some(Op::Target) => from = SendFrom::Target,
                        Some(Op::Locals) => from = SendFrom::Locals,
                        _ => {}
                    }
                    if from != SendFrom::R {
                        b.ops.pop();
                    }
                }
                let send_pc = b.ops.len();
                b.ops.push(Op::Send {
                    site,
                    call: 0,
                    from,
                });
                work.push(Task::FinishCall { site, send_pc });
                for (i, a) in md.args.iter().enumerate().rev() {
                    work.push(Task::ArgEnd {
                        site,
                        index: i as u32,
                    });
                    match a
                        .non_nil()
                        .filter(|&a| vm.as_message(Value::obj(a)).is_some())
                    {
                        Some(a) => work.push(Task::ArgChain(a)),
                        None => work.push(Task::Emit(Op::Const {
                            k: b.constant(Value::NIL),
                        })),
                    }
                }
            }
            Task::Emit(op) => b.ops.push(op),
            Task::JumpTo { label, if_false } => {
                let pc = b.ops.len();
                let to = b.labels[label].0.unwrap_or(0) as u32;
                b.ops.push(if if_false {
                    Op::JumpIfFalse { to }
                } else {
                    Op::Jump { to }
                });
                if b.labels[label].0.is_none() {
                    b.labels[label].1.push(pc);
                }
            }
            Task::Label(label) => {
                let here = b.ops.len();
                b.labels[label].0 = Some(here);
                b.bound_at = Some(here);
                for pc in std::mem::take(&mut b.labels[label].1) {
                    match &mut b.ops[pc] {
                        Op::Jump { to } | Op::JumpIfFalse { to } => *to = here as u32,
                        Op::Guard { generic, .. } => *generic = here as u32,
                        Op::CountNext { exit, .. } | Op::EachNext { exit } => *exit = here as u32,
                        _ => {}
                    }
                }
            }
            Task::Guard { m, generic } => {
                let md: &MessageData = vm.message(m);
                let site = b.site(md, m);
                b.labels[generic].1.push(b.ops.len());
                b.ops.push(Op::Guard { site, generic: 0 });
            }
            Task::MarkSlots(id) => b.loops[id].slots_pc = b.ops.len(),
            Task::MarkStart(id) => b.loops[id].start_pc = b.ops.len(),
            Task::CountNext { counter, label } => {
                b.labels[label].1.push(b.ops.len());
                b.ops.push(Op::CountNext { counter, exit: 0 });
            }
            Task::EachNext { label } => {
                b.labels[label].1.push(b.ops.len());
                b.ops.push(Op::EachNext { exit: 0 });
            }
            Task::ArgChain(a) => {
                // (A chain that starts with a literal sets R itself.)
                let literal = vm.message(a).cached.is_some();
                if !literal || seen.contains_key(&a) {
                    b.ops.push(Op::Locals);
                }
                work.push(Task::Next(a, true));
            }
            Task::ArgEnd { site, index } => {
                b.arg_pcs[site as usize].push(b.ops.len());
                b.ops.push(Op::Arg {
                    site,
                    index,
                    call: 0,
                });
            }
            Task::FinishCall { site, send_pc } => {
                let call = b.ops.len() as u32;
                b.ops.push(Op::Call { site });
                if let Op::Send { call: c, .. } = &mut b.ops[send_pc] {
                    *c = call;
                }
                for &pc in &b.arg_pcs[site as usize] {
                    if let Op::Arg { call: c, .. } = &mut b.ops[pc] {
                        *c = call;
                    }
                }
            }
        }
    }
    b.ops.push(Op::End);
    // A Call is in tail position when only jumps lie between it and End.
    for pc in 0..b.ops.len() {
        if let Op::Call { site } = b.ops[pc] {
            let mut next = pc + 1;
            let mut hops = 0;
            while let Some(Op::Jump { to }) = b.ops.get(next) {
                next = *to as usize;
                hops += 1;
                if hops > 64 {
                    break;
                }
            }
            if matches!(b.ops.get(next), Some(Op::End)) {
                b.sites[site as usize].tail = true;
            }
        }
    }
    let depth_at = stack_depths(&b.ops, &b.sites);
    let loops = b
        .loops
        .iter()
        .map(|l| LoopInfo {
            start: l.start_pc as u32,
            end: b.labels[l.done].0.unwrap_or(l.start_pc) as u32,
            cont: b.labels[l.cont].0.unwrap_or(l.start_pc) as u32,
            depth: depth_at.get(l.slots_pc).copied().unwrap_or(0),
            slots: l.slots,
        })
        .collect();
    let ics = (0..b.sites.len())
        .map(|_| Cell::new(SiteCache::EMPTY))
        .collect();
    Code {
        loops,
        ops: b.ops,
        sites: b.sites,
        consts: b.consts,
        ics,
        label,
        aot: Cell::new(crate::vm::aot::NO_AOT),
        aot_misses: Cell::new(0),
    }
}

/// `if(c, a, b)` as jumps, behind a guard that falls back to the ordinary send.
fn push_inline_if(b: &mut Builder, work: &mut Vec<Task>, md: &MessageData, m: ObjRef) {
    let generic = b.label();
    let els = b.label();
    let end = b.label();
    let args = &md.args;
    let arg = |i: usize| args[i].as_obj().expect("checked to be messages");
    // Pushed in reverse: guard, cond, jump-if-false, then, jump end, else, jump end, generic, end.
    work.push(Task::Label(end));
    work.push(Task::Fallback(m));
    work.push(Task::Label(generic));
    work.push(Task::JumpTo {
        label: end,
        if_false: false,
    });
    match args.len() {
        3 => work.push(Task::ArgChain(arg(2))),
        _ => work.push(Task::Emit(Op::Const {
            k: b.constant(Value::FALSE),
        })),
    }
    work.push(Task::Label(els));
    work.push(Task::JumpTo {
        label: end,
        if_false: false,
    });
    if args.len() >= 2 {
        work.push(Task::ArgChain(arg(1)));
    } else {
        work.push(Task::Emit(Op::Const {
            k: b.constant(Value::TRUE),
        }));
    }
    work.push(Task::JumpTo {
        label: els,
        if_false: true,
    });
    work.push(Task::ArgChain(arg(0)));
    work.push(Task::Guard { m, generic });
}

/// `body`, run when a guard on `m` holds, else `m` sent as written: the
/// tasks in order.
fn guarded(b: &mut Builder, m: ObjRef, body: impl IntoIterator<Item = Task>) -> Vec<Task> {
    let generic = b.label();
    let end = b.label();
    let mut seq = vec![Task::Guard { m, generic }];
    seq.extend(body);
    seq.extend([
        Task::JumpTo {
            label: end,
            if_false: false,
        },
        Task::Label(generic),
        Task::Fallback(m),
        Task::Label(end),
    ]);
    seq
}

/// `(expr)` (the message without a name) as its argument, behind a guard.
fn push_inline_paren(b: &mut Builder, work: &mut Vec<Task>, md: &MessageData, m: ObjRef) {
    let arg = md.args[0].as_obj().expect("checked to be a message");
    let seq = guarded(b, m, [Task::ArgChain(arg)]);
    work.extend(seq.into_iter().rev());
}

/// `a and(b)` / `a or(b)` as jumps behind a guard: `and` answers false
/// for a false or nil receiver, `or` true for any other, without
/// evaluating b; otherwise b's truth, as true or false.
fn push_inline_logic(b: &mut Builder, work: &mut Vec<Task>, md: &MessageData, m: ObjRef) {
    let generic = b.label();
    let eval = b.label();
    let end = b.label();
    let arg = md.args[0].as_obj().expect("checked to be a message");
    let is_and = md.name == sym::and;
    let short = b.constant(Value::bool(!is_and));
    let mut seq = vec![Task::Guard { m, generic }];
    if is_and {
        // falsy: false; truthy: b
        seq.push(Task::JumpTo {
            label: eval,
            if_false: true,
        });
        seq.push(Task::ArgChain(arg));
        seq.push(Task::Emit(Op::ToBool));
        seq.push(Task::JumpTo {
            label: end,
            if_false: false,
        });
        seq.push(Task::Label(eval));
        seq.push(Task::Emit(Op::Const { k: short }));
    } else {
        // truthy: true; falsy: b
        seq.push(Task::JumpTo {
            label: eval,
            if_false: true,
        });
        seq.push(Task::Emit(Op::Const { k: short }));
        seq.push(Task::JumpTo {
            label: end,
            if_false: false,
        });
        seq.push(Task::Label(eval));
        seq.push(Task::ArgChain(arg));
        seq.push(Task::Emit(Op::ToBool));
    }
    seq.push(Task::JumpTo {
        label: end,
        if_false: false,
    });
    seq.push(Task::Label(generic));
    seq.push(Task::Fallback(m));
    seq.push(Task::Label(end));
    work.extend(seq.into_iter().rev());
}

/// The slot that `setSlot("name", value)` or `updateSlot("name", value)`
/// assigns (what `name := value` and `name = value` parse to), when the
/// name is a literal.
fn assigned_slot(vm: &Vm, md: &MessageData) -> Option<(Sym, Value)> {
    if (md.name != sym::set_slot && md.name != sym::update_slot) || md.args.len() != 2 {
        return None;
    }
    let name = vm.as_message(md.args[0])?;
    if !name.args.is_empty() || !name.next.is_nil() {
        return None;
    }
    let literal = name.cached?;
    let text = vm.string_of(literal)?;
    Some((vm.syms.lookup(&text)?, literal))
}

/// An assignment as the receiver pushed, the value evaluated and one op
/// writing the slot, behind a guard that falls back to the ordinary send.
fn push_inline_assign(
    b: &mut Builder,
    work: &mut Vec<Task>,
    md: &MessageData,
    m: ObjRef,
    (slot, name): (Sym, Value),
) {
    let site = b.slot_site(slot, m);
    let k = b.constant(name);
    let value = md.args[1].as_obj().expect("checked to be a message");
    let op = if md.name == sym::set_slot {
        Op::SetSlot { site, k }
    } else {
        Op::UpdateSlot { site, k }
    };
    let body = [Task::Emit(Op::PushR), Task::ArgChain(value), Task::Emit(op)];
    let seq = guarded(b, m, body);
    work.extend(seq.into_iter().rev());
}

/// A counter argument must be a bare name.
fn is_name(vm: &Vm, v: Value) -> bool {
    vm.as_message(v)
        .is_some_and(|a| a.args.is_empty() && a.next.is_nil() && a.cached.is_none())
}

fn inlinable_loop(vm: &Vm, md: &MessageData) -> bool {
    let n = md.args.len();
    match md.name {
        x if x == sym::while_ => (1..=2).contains(&n),
        x if x == sym::loop_ => n == 1,
        x if x == sym::for_ => (4..=5).contains(&n) && is_name(vm, md.args[0]),
        x if x == sym::repeat => n == 1 || (n == 2 && is_name(vm, md.args[0])),
        _ => false,
    }
}

/// `while(cond, body)`, `loop(body)`, `for(i, a, b, [step], body)` and
/// `n repeat([i], body)` as jumps around their stack slots, behind a guard.
fn push_inline_loop(b: &mut Builder, work: &mut Vec<Task>, vm: &Vm, md: &MessageData, m: ObjRef) {
    let again = b.label();
    let cont = b.label();
    let done = b.label();
    let counted = md.name == sym::for_ || md.name == sym::repeat;
    let slots = if counted { 4 } else { 1 };
    let id = b.loops.len();
    b.loops.push(LoopSpec {
        slots_pc: 0,
        start_pc: 0,
        cont: if counted { cont } else { again },
        done,
        slots,
    });
    let arg = |i: usize| md.args[i].as_obj().expect("checked to be messages");
    let n = md.args.len();
    // Emitted in this order; pushed onto the work list reversed at the end.
    let mut seq: Vec<Task> = vec![Task::MarkSlots(id)];
    let counter_of = |i: usize| -> u32 { vm.as_message(md.args[i]).map_or(u32::MAX, |a| a.name.0) };
    let body;
    let mut counter = u32::MAX;
    if md.name == sym::for_ {
        counter = counter_of(0);
        seq.push(Task::ArgChain(arg(1)));
        seq.push(Task::Emit(Op::PushR));
        seq.push(Task::ArgChain(arg(2)));
        seq.push(Task::Emit(Op::PushR));
        if n == 5 {
            seq.push(Task::ArgChain(arg(3)));
        } else {
            seq.push(Task::Emit(Op::Const {
                k: b.constant(Value::num(1.0)),
            }));
        }
        seq.push(Task::Emit(Op::PushR));
        seq.push(Task::MarkStart(id));
        seq.push(Task::Emit(Op::PushNil));
        body = Some(arg(n - 1));
    } else if md.name == sym::repeat {
        if n == 2 {
            counter = counter_of(0);
        }
        seq.push(Task::Emit(Op::PushR));
        seq.push(Task::MarkStart(id));
        seq.push(Task::Emit(Op::RepeatSetup));
        body = Some(arg(n - 1));
    } else {
        seq.push(Task::MarkStart(id));
        seq.push(Task::Emit(Op::PushNil));
        body = if md.name == sym::while_ {
            md.args.get(1).and_then(|a| a.as_obj())
        } else {
            Some(arg(0))
        };
    }
    seq.push(Task::Label(again));
    if counted {
        seq.push(Task::CountNext {
            counter,
            label: done,
        });
    } else if md.name == sym::while_ {
        seq.push(Task::ArgChain(arg(0)));
        seq.push(Task::JumpTo {
            label: done,
            if_false: true,
        });
    }
    match body {
        Some(bm) => seq.push(Task::ArgChain(bm)),
        None => seq.push(Task::Emit(Op::Const {
            k: b.constant(Value::NIL),
        })),
    }
    if md.name != sym::loop_ {
        seq.push(Task::Emit(Op::StoreTop));
    }
    seq.push(Task::Label(cont));
    if counted {
        seq.push(Task::Emit(Op::CountStep));
    }
    seq.push(Task::JumpTo {
        label: again,
        if_false: false,
    });
    seq.push(Task::Label(done));
    seq.push(Task::Emit(Op::LoopExit { n: slots }));
    let seq = guarded(b, m, seq);
    work.extend(seq.into_iter().rev());
}

/// `list foreach(v, body)` and `list foreach(i, v, body)` with bare names.
fn inlinable_foreach(vm: &Vm, md: &MessageData) -> bool {
    let n = md.args.len();
    md.name == sym::foreach
        && (2..=3).contains(&n)
        && md.args[..n - 1].iter().all(|&a| is_name(vm, a))
}

/// `list foreach([i], v, body)` as a loop over the list's slots
/// [list, next index, result], behind a guard (which holds only on a List
/// whose `foreach` is the built-in): the names are bound in the locals as
/// the built-in binds them, the index first.
fn push_inline_foreach(
    b: &mut Builder,
    work: &mut Vec<Task>,
    vm: &Vm,
    md: &MessageData,
    m: ObjRef,
) {
    let again = b.label();
    let done = b.label();
    let id = b.loops.len();
    b.loops.push(LoopSpec {
        slots_pc: 0,
        start_pc: 0,
        cont: again,
        done,
        slots: 3,
    });
    let n = md.args.len();
    let name_of = |i: usize| vm.as_message(md.args[i]).map_or(u32::MAX, |a| a.name.0);
    let value = name_of(n - 2);
    let index = if n == 3 { name_of(0) } else { u32::MAX };
    let body = md.args[n - 1].as_obj().expect("checked to be a message");
    let zero = b.constant(Value::num(0.0));
    let mut each = vec![
        Task::MarkSlots(id),
        Task::Emit(Op::PushR),
        Task::Emit(Op::Const { k: zero }),
        Task::Emit(Op::PushR),
        Task::MarkStart(id),
        Task::Emit(Op::PushNil),
        Task::Label(again),
        Task::EachNext { label: done },
    ];
    // (With one name twice, it holds the item: the index is bound first.)
    if index != u32::MAX && index != value {
        each.push(Task::Emit(Op::EachIndex));
        each.push(Task::Emit(Op::Bind { name: index }));
        each.push(Task::Emit(Op::EachItem));
    }
    each.extend([
        Task::Emit(Op::Bind { name: value }),
        Task::ArgChain(body),
        Task::Emit(Op::StoreTop),
        Task::JumpTo {
            label: again,
            if_false: false,
        },
        Task::Label(done),
        Task::Emit(Op::LoopExit { n: 3 }),
    ]);
    let seq = guarded(b, m, each);
    work.extend(seq.into_iter().rev());
}

/// Human-readable listing of a code block (`--dump-bytecode`).
pub fn disassemble(vm: &Vm, code: &Code) -> String {
    let mut s = String::new();
    for (pc, op) in code.ops.iter().enumerate() {
        let _ = write!(s, "{pc:4}  {:<7}", op.name());
        match *op {
            Op::Const { k } => {
                let _ = write!(s, " {}", vm.debug_value(code.consts[k as usize]));
            }
            Op::Send { site, call, from } => {
                let st = &code.sites[site as usize];
                let from = match from {
                    SendFrom::R => "",
                    SendFrom::Target => "target ",
                    SendFrom::Locals => "locals ",
                };
                let _ = write!(
                    s,
                    " {from}site {site} '{}' argc {} -> {call}{}",
                    vm.syms.name(st.name),
                    st.argc,
                    if st.tail { " tail" } else { "" }
                );
            }
            Op::Arg { site, index, call } => {
                let _ = write!(s, " site {site} arg {index} -> {call}");
            }
            Op::Call { site } => {
                let _ = write!(s, " site {site}");
            }
            Op::Guard { site, generic } => {
                let _ = write!(s, " site {site} else -> {generic}");
            }
            Op::SendMessage { site } => {
                let _ = write!(s, " site {site}");
            }
            Op::JumpIfFalse { to } | Op::Jump { to } => {
                let _ = write!(s, " -> {to}");
            }
            Op::CountNext { counter, exit } => {
                let _ = write!(s, " counter {counter} exit -> {exit}");
            }
            Op::EachNext { exit } => {
                let _ = write!(s, " exit -> {exit}");
            }
            Op::Bind { name } => {
                let _ = write!(s, " '{}'", vm.syms.name(Sym(name)));
            }
            Op::LoopExit { n } => {
                let _ = write!(s, " {n}");
            }
            Op::SetSlot { site, .. } | Op::UpdateSlot { site, .. } => {
                let _ = write!(s, " '{}'", vm.syms.name(code.sites[site as usize].name));
            }
            Op::Target
            | Op::Locals
            | Op::End
            | Op::PushNil
            | Op::StoreTop
            | Op::PopToR
            | Op::PushR
            | Op::RepeatSetup
            | Op::CountStep
            | Op::EachIndex
            | Op::EachItem
            | Op::ToBool => {}
        }
        s.push('\n');
    }
    s
}

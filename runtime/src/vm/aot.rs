//! Code compiled ahead of time (the specialiser of `ioc build`) runs on the
//! interpreter's own heap frame. The interpreter hands a code frame to it as
//! an `AotFrame` (register, receiver, locals, pc) at a loop head or at the
//! start of a body; the compiled function keeps the register and the
//! frame's operand stack in its own locals, does in straight-line wasm what
//! it can prove, and calls the helpers below for the rest. It leaves at any
//! op it cannot do, before that op has had any effect, by writing the
//! register, the pc and the operand stack back: the interpreter then goes on
//! at that pc as if it had run everything itself (deoptimisation is a
//! return).
//!
//! A send to an Io method is made by `aot_invoke`: it makes the activation
//! record and pushes the callee's heap frame exactly as the interpreter
//! does, then runs the callee's compiled function on it (a nested wasm
//! call). When the callee finishes there, its frame is popped and the
//! caller goes on with the answer; when it leaves (for anything compiled
//! code cannot do), its frame stays where it stopped, and every compiled
//! caller leaves in turn just after its call. So every compiled activation
//! always has its heap frame, the interpreter is never entered from
//! compiled code, compiled code never suspends and never collects (a call
//! that would collect first is left to the interpreter), and the native
//! stack is empty whenever a coroutine switches.
//!
//! Every helper answers either what the op computes, or `FAIL` (the op is
//! left to the interpreter, nothing was done), or `RAISED` (a native raised;
//! the exception is in `AotFrame::exception` and the frame is as after the
//! call). Helpers read the code's sites and constants through the frame's
//! `code`, so compiled code names sites and constants by index only, never
//! by heap address.

use crate::heap::{OnNumbers, Payload, FLAG_DIRECT};
use crate::symbol::Sym;
use crate::value::Value;
use crate::vm::code::{Code, Op};
use crate::vm::frame::{Frame, Kind};
use crate::vm::ic;
use crate::vm::{Args, Flow, NativeCall, Vm};

/// `Code::aot` of code that has no compiled function.
pub const NO_AOT: u32 = u32::MAX;
/// A helper's answer when the op is left to the interpreter.
pub const FAIL: u64 = u64::MAX;
/// A helper's answer when a native raised.
pub const RAISED: u64 = u64::MAX - 1;
/// `aot_invoke`'s answer when the call is under way in the interpreter:
/// the callee's frame is on the frame stack (with the exception it raised
/// in `AotFrame::exception`, if any); the caller leaves after the call.
pub const PENDING: u64 = u64::MAX - 2;
/// `aot_get`'s and `aot_call`'s answer when the send activates an Io
/// method or block: compiled code calls `aot_invoke` with what the frame's
/// scratch words hold (value, holder, receiver).
pub const METHOD: u64 = u64::MAX - 3;
/// The Number operators compiled code does itself (as f64 instructions or
/// by their formulas), in the order of `Watch::ops`.
pub const NUMBER_OPS: [&str; crate::heap::NUMBER_OPS] = [
    "+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "%", "mod", "**", "pow", "min", "max",
];
/// `AotFrame::exception` when no native raised (an exception may be any
/// value, nil included: `System exit` raises nil).
pub const NO_EXCEPTION: u64 = FAIL;
/// Most arguments compiled code passes to a call (in `AotFrame::args`).
pub const MAX_ARGS: usize = 8;
/// Most slots of the locals object that compiled code keeps (in
/// `AotFrame::kept`).
pub const MAX_KEPT: usize = 16;
/// Most compiled activations nested on the native stack: a call deeper
/// than this is left to the interpreter (which enters compiled code again
/// with an empty native stack).
pub const MAX_NESTING: u32 = 16;

/// A code frame as compiled code sees it. The layout is read by compiled
/// code at the offsets in `offsets` (pinned by a test).
#[repr(C)]
pub struct AotFrame {
    pub r: u64,
    pub target: u64,
    pub locals: u64,
    /// NO_EXCEPTION, or the exception a native raised.
    pub exception: u64,
    /// What `aot_lookup_call` or `aot_get` found: the slot value, its holder, the receiver.
    pub scratch: [u64; 3],
    pub pc: u32,
    /// The frame's stack base.
    pub base: u32,
    /// The arguments of a call (written by compiled code).
    pub args: [u64; MAX_ARGS],
    /// The address of the heap's first object record (the records are
    /// `Layout::object_size` apart): set on entry by `aot_enter_frame` and
    /// again by every helper that may allocate (which may move them).
    pub objects: u32,
    /// Where the slot a helper just read or assigned is, when it is an own
    /// slot of the receiver: the receiver's shape (0 for none) and the
    /// slot's index. Compiled code remembers it per site, and reads or
    /// writes that slot itself on a receiver of that shape.
    pub memo_shape: u32,
    pub memo_index: u32,
    /// The address of the runtime's `Layout`.
    pub layout: u32,
    /// The address of the compiled function's memos (see `aot_enter_frame`).
    pub memos: u32,
    /// The values of the slots of the locals object that compiled code
    /// keeps (see `MAX_KEPT`), and whether the locals object has each
    /// (they are written into it before anything may look at it).
    pub kept: [u64; MAX_KEPT],
    pub has: [u32; MAX_KEPT],
    pub code: *const Code,
}

impl AotFrame {
    /// The first `argc` of `args`.
    fn call_args(&self, argc: u32) -> Args {
        let n = (argc as usize).min(MAX_ARGS);
        self.args[..n]
            .iter()
            .map(|&w| Value::from_bits(w))
            .collect()
    }

    /// Code frame `f`, running `code` from `pc` with register `r`.
    pub fn new(f: &Frame, code: &std::rc::Rc<Code>, pc: u32, r: Value) -> Self {
        AotFrame {
            r: r.bits(),
            target: f.target.bits(),
            locals: f.locals.bits(),
            exception: NO_EXCEPTION,
            scratch: [0; 3],
            pc,
            base: f.base,
            args: [0; MAX_ARGS],
            objects: 0,
            memo_shape: 0,
            memo_index: 0,
            layout: 0,
            memos: 0,
            kept: [0; MAX_KEPT],
            has: [0; MAX_KEPT],
            code: std::rc::Rc::as_ptr(code),
        }
    }
}

/// Byte offsets of `AotFrame`'s fields, as compiled code reads them.
pub mod offsets {
    pub const R: u32 = 0;
    pub const TARGET: u32 = 8;
    pub const LOCALS: u32 = 16;
    pub const EXCEPTION: u32 = 24;
    pub const SCRATCH: u32 = 32;
    pub const PC: u32 = 56;
    pub const ARGS: u32 = 64;
    pub const OBJECTS: u32 = 128;
    pub const MEMO_SHAPE: u32 = 132;
    pub const MEMO_INDEX: u32 = 136;
    pub const LAYOUT: u32 = 140;
    pub const MEMOS: u32 = 144;
    pub const KEPT: u32 = 152;
    pub const HAS: u32 = KEPT + 8 * super::MAX_KEPT as u32;
    /// In `Layout`.
    pub const LAYOUT_OBJECT_SIZE: u32 = 0;
    pub const LAYOUT_SHAPE: u32 = 4;
    pub const LAYOUT_FLAGS: u32 = 8;
    pub const LAYOUT_ENTRIES: u32 = 12;
    pub const LAYOUT_CAP: u32 = 16;
    pub const LAYOUT_HEAP_PTR: u32 = 20;
    pub const LAYOUT_INLINE: u32 = 24;
    pub const LAYOUT_INLINE_CAP: u32 = 28;
    pub const LAYOUT_ENTRY_SIZE: u32 = 32;
    pub const LAYOUT_VALUE: u32 = 36;
    /// In `Watch`.
    pub const WATCH_VERSION: u32 = 0;
    pub const WATCH_NUMBER_PROTO: u32 = 16;
    pub const WATCH_OPS: u32 = 24;
    pub const WATCH_STRUCTURE: u32 = WATCH_OPS + 8 * crate::heap::NUMBER_OPS as u32;
}

/// Where compiled code finds, in an object record, its shape, its flags
/// and the values of its own slots: byte offsets for the target the
/// runtime was built for (found by `layout`, read by compiled code at the
/// offsets in `offsets`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// The size of an object record (records sit in one array).
    pub object_size: u32,
    pub shape: u32,
    pub flags: u32,
    /// The slot table (`Slots::entries`) in a record.
    pub entries: u32,
    /// In the slot table: the word holding its capacity. Above
    /// `inline_cap`, the slots are in a buffer whose address is the word at
    /// `heap_ptr`; else they are inline, at `inline`.
    pub cap: u32,
    pub heap_ptr: u32,
    pub inline: u32,
    pub inline_cap: u32,
    /// The size of a slot (name and value), and where its value is in it.
    pub entry_size: u32,
    pub value: u32,
}

type Entries = smallvec::SmallVec<[(Sym, Value); 4]>;

thread_local! {
    /// The memos of each compiled function (see `Vm::aot_enter_frame`),
    /// after a word holding the collector's count at their last entry.
    static MEMOS: std::cell::RefCell<Vec<Box<[u64]>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The words of a slot table as it sits in memory.
fn words_of(t: &Entries) -> Vec<usize> {
    let n = std::mem::size_of::<Entries>() / std::mem::size_of::<usize>();
    let p = (t as *const Entries).cast::<usize>();
    // SAFETY: `n` words lie inside `*t` (aligned as a usize at least);
    // only the words the table has written are compared with anything.
    (0..n)
        .map(|i| unsafe { std::ptr::read_volatile(p.add(i)) })
        .collect()
}

/// Find the layout of slot tables by looking at two of them (one inline,
/// one spilled to the heap): None when it is not what compiled code can
/// read (it then enters nothing).
fn probe_layout() -> Option<Layout> {
    let word = std::mem::size_of::<usize>();
    let entry = (Sym(1), Value::NIL);
    let mut small = Entries::new();
    small.push(entry);
    let inline_cap = small.inline_size();
    let inline = (small.as_ptr() as usize).checked_sub(&small as *const Entries as usize)?;
    let mut big = Entries::new();
    for _ in 0..=inline_cap {
        big.push(entry);
    }
    let (ptr, cap) = (big.as_ptr() as usize, big.capacity());
    let big_words = words_of(&big);
    let small_words = words_of(&small);
    let only = |ws: &[usize], w: usize| {
        let mut at = ws
            .iter()
            .enumerate()
            .filter(|&(_, &x)| x == w)
            .map(|(i, _)| i);
        match (at.next(), at.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        }
    };
    let heap_ptr = only(&big_words, ptr)?;
    let cap_at = big_words
        .iter()
        .enumerate()
        .position(|(i, &x)| x == cap && i != heap_ptr)?;
    // (An inline table keeps its length in the capacity word.)
    let inline_ok = small_words.get(cap_at) == Some(&small.len())
        && cap > inline_cap
        && small.len() <= inline_cap
        && !big.as_ptr().is_null();
    if !inline_ok
        || inline + inline_cap * std::mem::size_of::<(Sym, Value)>()
            > std::mem::size_of::<Entries>()
    {
        return None;
    }
    let u = |x: usize| u32::try_from(x).ok();
    Some(Layout {
        object_size: u(std::mem::size_of::<crate::heap::Object>())?,
        shape: u(std::mem::offset_of!(crate::heap::Object, shape))?,
        flags: u(std::mem::offset_of!(crate::heap::Object, flags))?,
        entries: u(std::mem::offset_of!(crate::heap::Object, slots)
            + std::mem::offset_of!(crate::heap::Slots, entries))?,
        cap: u(cap_at * word)?,
        heap_ptr: u(heap_ptr * word)?,
        inline: u(inline)?,
        inline_cap: u(inline_cap)?,
        entry_size: u(std::mem::size_of::<(Sym, Value)>())?,
        value: u(std::mem::offset_of!((Sym, Value), 1))?,
    })
}

/// The layout compiled code reads objects with (None: it enters nothing).
pub fn layout() -> Option<&'static Layout> {
    static LAYOUT: std::sync::OnceLock<Option<Layout>> = std::sync::OnceLock::new();
    LAYOUT.get_or_init(probe_layout).as_ref()
}

/// How the host runs compiled function `func` on a frame (the runner calls
/// into the module's compiled code; nothing else has compiled code).
pub type AotEnter = fn(&mut Vm, u32, &mut AotFrame);

/// Watch the Number proto (at boot): compiled code does its operators as
/// wasm instructions for as long as it does not change.
pub fn watch_number_proto(vm: &mut Vm) {
    let number = vm.p.number;
    vm.heap.set_flag(number, crate::heap::FLAG_WATCHED, true);
}

/// A stable digest of a code block's ops, so that a compiled function is
/// attached only to the very code it was compiled from.
pub fn ops_digest(code: &Code) -> u64 {
    // FNV-1a over the ops' debug text (operands included).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for op in &code.ops {
        for b in format!("{op:?};").bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    h ^ code.ops.len() as u64
}

fn code_of(frame: &AotFrame) -> &Code {
    // SAFETY: the interpreter holds an Rc of the code for the whole call.
    unsafe { &*frame.code }
}

/// Whether a lookup on `recv` found its slot in the frame's locals object
/// through `recv`'s protos: compiled code may hold that slot's value in its
/// frame only, so the helper leaves the op to the interpreter (which
/// runs after the kept slots are written back).
fn inherited_local(frame: &AotFrame, recv: Value, holder: Value) -> bool {
    holder.bits() == frame.locals && recv.bits() != frame.locals
}

impl Vm {
    /// Fill the frame's `objects`, `layout` and `memos` words (compiled
    /// code calls this on entry): 0 when the layout of objects is not
    /// known, and the compiled code then does nothing. The memos of
    /// compiled function `func` are `words` words that it keeps from one
    /// activation to the next (where it found slots, what its guards held
    /// for), zeroed whenever the collector ran since its last entry (it
    /// may have freed an object a memo names, and reused its record).
    pub fn aot_enter_frame(&self, frame: &mut AotFrame, func: u32, words: u32) -> u32 {
        let Some(l) = layout() else {
            return 0;
        };
        frame.layout = l as *const Layout as usize as u32;
        self.aot_refresh(frame);
        let collections = self.heap.collections as u64 + 1;
        frame.memos = MEMOS.with(|m| {
            let mut m = m.borrow_mut();
            let func = func as usize;
            if m.len() <= func {
                m.resize_with(func + 1, Default::default);
            }
            let area = &mut m[func];
            if area.len() != words as usize + 1 {
                *area = vec![0; words as usize + 1].into_boxed_slice();
            }
            if area[0] != collections {
                area.fill(0);
                area[0] = collections;
            }
            area[1..].as_ptr() as usize as u32
        });
        1
    }

    /// Note where the object records are now in the frame (after anything
    /// that may have allocated).
    pub fn aot_refresh(&self, frame: &mut AotFrame) {
        frame.objects =
            self.heap.get(crate::value::ObjRef(0)) as *const crate::heap::Object as usize as u32;
    }

    /// Leave in the frame's memo where `recv`'s own slot `name` is, if it
    /// has one (else no memo).
    fn memo_own(&self, frame: &mut AotFrame, recv: Value, name: Sym) {
        frame.memo_shape = 0;
        if let Some(o) = recv.as_obj() {
            let obj = self.heap.get(o);
            if let Some(i) = obj.slots.find(name) {
                frame.memo_shape = obj.shape;
                frame.memo_index = i as u32;
            }
        }
    }

    /// Height of the frame's operand stack.
    pub fn aot_stack_len(&self, frame: &AotFrame) -> u32 {
        (self.stack.len() as u32).saturating_sub(frame.base)
    }

    pub fn aot_stack_get(&self, frame: &AotFrame, i: u32) -> u64 {
        let at = frame.base as usize + i as usize;
        self.stack.get(at).map_or(Value::NIL, |v| *v).bits()
    }

    /// Make the operand stack `n` high (new slots nil).
    pub fn aot_stack_set_len(&mut self, frame: &AotFrame, n: u32) {
        self.stack
            .resize(frame.base as usize + n as usize, Value::NIL);
    }

    /// Set slot `i` of the operand stack (made that high first, new slots
    /// nil, when it is lower).
    pub fn aot_stack_put(&mut self, frame: &AotFrame, i: u32, v: u64) {
        let at = frame.base as usize + i as usize;
        if self.stack.len() <= at {
            self.stack.resize(at + 1, Value::NIL);
        }
        self.stack[at] = Value::from_bits(v);
    }

    /// Constant `k` of the code.
    pub fn aot_const(&self, frame: &AotFrame, k: u32) -> u64 {
        code_of(frame)
            .consts
            .get(k as usize)
            .map_or(Value::NIL, |v| *v)
            .bits()
    }

    /// A send without arguments of `site` to `recv`: the slot's value when
    /// it is not activated, a Number's unary formula, a direct native's
    /// answer (PENDING when it answered a flow, with the operand stack
    /// `depth` high), or METHOD for an Io method.
    pub fn aot_get(&mut self, frame: &mut AotFrame, site: u32, recv: u64, depth: u32) -> u64 {
        frame.memo_shape = 0;
        let code = code_of(frame);
        let (Some(s), Some(cell)) = (code.sites.get(site as usize), code.ics.get(site as usize))
        else {
            return FAIL;
        };
        let recv = Value::from_bits(recv);
        let Some(f) = ic::lookup_site(&self.heap, cell, recv, s.name, self.p.number) else {
            return FAIL;
        };
        let holder = Value::obj(f.holder);
        if inherited_local(frame, recv, holder) {
            return FAIL;
        }
        if !self.activated(f.value, s.name, holder) {
            if f.via == ic::Holder::Recv && holder == recv {
                frame.memo_shape = self.heap.get(f.holder).shape;
                frame.memo_index = f.index;
            }
            return f.value.bits();
        }
        let nat = match self.heap.obj(f.value).map(|o| &o.payload) {
            Some(Payload::Native(nat)) => nat,
            Some(Payload::Block(b)) => {
                // (A method whose whole body is a literal answers it.)
                if let Some(v) = self.literal_body(b.body) {
                    return v.bits();
                }
                frame.scratch = [f.value.bits(), holder.bits(), f.receiver.bits()];
                return METHOD;
            }
            _ => return FAIL,
        };
        if let (OnNumbers::Unary(g), Some(x)) = (nat.on_numbers, f.receiver.as_num()) {
            return Value::num(g(x)).bits();
        }
        if !self.direct(frame, f.value, f.receiver) || self.gc_due() {
            return FAIL;
        }
        let f_native = nat.f;
        let msg = s.msg;
        let args = Args::new();
        self.aot_call_native(frame, f_native, f.receiver, holder, msg, args, depth)
    }

    /// Whether a collection is due: compiled code never collects, so a call
    /// that may allocate is then left to the interpreter, which collects
    /// first.
    fn gc_due(&self) -> bool {
        self.heap.allocated_since_gc >= self.heap.gc_threshold
    }

    /// Whether compiled code calls native `v` directly, for receiver `recv`
    /// (never on the locals object, whose kept slots it holds in the frame).
    fn direct(&self, frame: &AotFrame, v: Value, recv: Value) -> bool {
        recv.bits() != frame.locals && self.heap.obj(v).is_some_and(|o| o.flags & FLAG_DIRECT != 0)
    }

    #[allow(clippy::too_many_arguments)]
    fn aot_call_native(
        &mut self,
        frame: &mut AotFrame,
        f: crate::heap::NativeFn,
        target: Value,
        holder: Value,
        msg: Value,
        args: Args,
        depth: u32,
    ) -> u64 {
        let mut call = NativeCall {
            target,
            locals: Value::from_bits(frame.locals),
            msg,
            args,
            slot_context: holder,
        };
        match self.call_native(f, &mut call) {
            Ok(Flow::Value(v)) => v.bits(),
            Err(e) => {
                frame.exception = e.bits();
                RAISED
            }
            // A flow (a send, an evaluation, a switch, a stop) is the
            // interpreter's to perform, once the caller has left just
            // after the call, with its operand stack as after the call.
            Ok(flow) => {
                self.aot_flow = Some(flow);
                self.stack
                    .resize(frame.base as usize + depth as usize, Value::NIL);
                PENDING
            }
        }
    }

    /// The address of the heap's `Watch`, with the Number proto and the
    /// built-in native of each operator of `NUMBER_OPS` found again if the
    /// Number proto changed since they were last found. Compiled code reads
    /// it on entry (an operator it does must still be the built-in) and
    /// after each call it makes (the version must not have moved).
    pub fn aot_watch(&mut self) -> *const crate::heap::Watch {
        if self.heap.watch.checked != self.heap.watch.version {
            let mut ops = [FAIL; crate::heap::NUMBER_OPS];
            for (slot, name) in ops.iter_mut().zip(NUMBER_OPS) {
                let Some(n) = self.syms.lookup(name) else {
                    continue;
                };
                let Some(f) = self.lookup(Value::num(0.0), n) else {
                    continue;
                };
                if let Some(Payload::Native(nat)) = self.heap.obj(f.value).map(|o| &o.payload) {
                    let binary =
                        matches!(nat.on_numbers, OnNumbers::Arith(_) | OnNumbers::Compare(_));
                    if nat.name == n && binary {
                        *slot = f.value.bits();
                    }
                }
            }
            let w = &mut self.heap.watch;
            w.ops = ops;
            w.number_proto = Value::obj(self.p.number).bits();
            w.checked = w.version;
        }
        &*self.heap.watch
    }

    /// Native `native`'s binary formula applied to two Numbers.
    pub fn aot_arith(&self, native: u64, a: f64, b: f64) -> u64 {
        match self.heap.obj(Value::from_bits(native)).map(|o| &o.payload) {
            Some(Payload::Native(nat)) => match nat.on_numbers {
                OnNumbers::Arith(g) => Value::num(g(a, b)).bits(),
                OnNumbers::Compare(g) => Value::bool(g(a, b)).bits(),
                _ => FAIL,
            },
            _ => FAIL,
        }
    }

    /// An inlined form's guard: 1 while `site`'s name finds the built-in on
    /// `recv`, 2 when it finds it in a proto of `recv` (not through a
    /// locals object's `self`), so that it finds the same on every
    /// receiver of that shape until `Watch::structure` moves (not for
    /// `foreach`, which also asks that the receiver be a List).
    pub fn aot_guard(&self, frame: &AotFrame, site: u32, recv: u64) -> u32 {
        let code = code_of(frame);
        let (Some(s), Some(cell)) = (code.sites.get(site as usize), code.ics.get(site as usize))
        else {
            return 0;
        };
        let found = ic::lookup_site(
            &self.heap,
            cell,
            Value::from_bits(recv),
            s.name,
            self.p.number,
        );
        let recv = Value::from_bits(recv);
        let Some(f) = found else {
            return 0;
        };
        if inherited_local(frame, recv, Value::obj(f.holder))
            || !self.guard_holds(s.name, recv, f.value)
        {
            return 0;
        }
        let by_shape = matches!(f.via, ic::Holder::Fixed(_))
            && f.receiver == recv
            && s.name != crate::symbol::sym::foreach;
        1 + by_shape as u32
    }

    /// `SetSlot`/`UpdateSlot` done where the interpreter does it inline: 1
    /// when done. The Number proto is never written here, so compiled
    /// arithmetic stays valid for the whole call.
    pub fn aot_assign(&mut self, frame: &mut AotFrame, pc: u32, recv: u64, v: u64) -> u32 {
        frame.memo_shape = 0;
        let done = self.assign(frame, pc, recv, v);
        if done == 1 {
            if let Some(name) = Self::name_at(frame, pc) {
                self.memo_own(frame, Value::from_bits(recv), name);
            }
        }
        done
    }

    fn assign(&mut self, frame: &AotFrame, pc: u32, recv: u64, v: u64) -> u32 {
        let code = code_of(frame);
        let (recv, v) = (Value::from_bits(recv), Value::from_bits(v));
        let number = Value::obj(self.p.number);
        if recv == number {
            return 0;
        }
        let (site, k, method) = match code.ops.get(pc as usize) {
            Some(&Op::SetSlot { site, k }) => {
                if self.set_slot_inline(code, site, recv, v) {
                    return 1;
                }
                (site, k, crate::symbol::sym::set_slot)
            }
            Some(&Op::UpdateSlot { site, k }) => {
                let (Some(s), Some(cell)) =
                    (code.sites.get(site as usize), code.ics.get(site as usize))
                else {
                    return 0;
                };
                let found = ic::lookup_site(&self.heap, cell, recv, s.name, self.p.number);
                let Some(found) = found else {
                    return 0;
                };
                if found.holder == self.p.number
                    || inherited_local(frame, recv, Value::obj(found.holder))
                {
                    return 0;
                }
                if self.update_found(found, s.name, v) {
                    return 1;
                }
                (site, k, crate::symbol::sym::update_slot)
            }
            _ => return 0,
        };
        // Where the interpreter calls the built-in (a slot found in a
        // proto, a new slot), so does compiled code, when it answers a value.
        let Some(f) = self.lookup(recv, method) else {
            return 0;
        };
        let holder = Value::obj(f.holder);
        let native = match self.heap.obj(f.value).map(|o| &o.payload) {
            Some(Payload::Native(nat)) if self.direct(frame, f.value, f.receiver) => nat.f,
            _ => return 0,
        };
        let (Some(&name), Some(s)) = (code.consts.get(k as usize), code.sites.get(site as usize))
        else {
            return 0;
        };
        let mut call = NativeCall {
            target: f.receiver,
            locals: Value::from_bits(frame.locals),
            msg: s.msg,
            args: [name, v].into_iter().collect(),
            slot_context: holder,
        };
        // (Neither built-in has done anything when it raises: the
        // interpreter makes the same call again and raises.)
        matches!(self.call_native(native, &mut call), Ok(Flow::Value(_))) as u32
    }

    /// The slot name the op at `pc` reads or writes (or counts with).
    fn name_at(frame: &AotFrame, pc: u32) -> Option<Sym> {
        let code = code_of(frame);
        match *code.ops.get(pc as usize)? {
            Op::Send { site, .. } | Op::SetSlot { site, .. } | Op::UpdateSlot { site, .. } => {
                code.sites.get(site as usize).map(|s| s.name)
            }
            Op::CountNext { counter, .. } | Op::Bind { name: counter } if counter != u32::MAX => {
                Some(Sym(counter))
            }
            _ => None,
        }
    }

    /// The locals object's own slot named by the op at `pc`, or `FAIL`
    /// when it has none (compiled code keeps it in the frame).
    pub fn aot_local_get(&self, frame: &AotFrame, pc: u32) -> u64 {
        let (Some(name), Some(l)) = (
            Self::name_at(frame, pc),
            Value::from_bits(frame.locals).as_obj(),
        ) else {
            return FAIL;
        };
        self.heap.get(l).get_local(name).map_or(FAIL, |v| v.bits())
    }

    /// Write a kept slot back: the locals object's own slot named by the op at `pc`.
    pub fn aot_local_put(&mut self, frame: &AotFrame, pc: u32, v: u64) {
        if let (Some(name), Some(l)) = (
            Self::name_at(frame, pc),
            Value::from_bits(frame.locals).as_obj(),
        ) {
            self.heap.set_slot(l, name, Value::from_bits(v));
        }
    }

    /// 1 when `v`, read from a slot of the locals object, answers itself
    /// (it is not activated).
    pub fn aot_plain(&self, frame: &AotFrame, v: u64) -> u32 {
        let locals = Value::from_bits(frame.locals);
        // (Kept names are never `self`, the one name read specially.)
        !self.activated(Value::from_bits(v), crate::symbol::sym::nil, locals) as u32
    }

    /// Bind the name of the op at `pc` (a counted loop's counter, a
    /// `Bind`) to `v` in the locals: 1 when done.
    pub fn aot_bind(&mut self, frame: &AotFrame, pc: u32, v: u64) -> u32 {
        let Some(name) = Self::name_at(frame, pc) else {
            return 0;
        };
        match Value::from_bits(frame.locals).as_obj() {
            Some(l) if l != self.p.number => {
                self.heap.set_slot(l, name, Value::from_bits(v));
                1
            }
            _ => 0,
        }
    }

    /// Item `i` of `list` for an inlined `foreach`, or `FAIL` past its end.
    pub fn aot_each_at(&self, list: u64, i: f64) -> u64 {
        self.each_item(Value::from_bits(list), i)
            .map_or(FAIL, |v| v.bits())
    }

    /// Look `site`'s name up on `recv` for a call with arguments: 1 when it
    /// finds an answering native or an Io method or block that takes them
    /// all, with the slot value, its holder and the receiver left in the
    /// frame's scratch words.
    pub fn aot_lookup_call(&self, frame: &mut AotFrame, site: u32, recv: u64) -> u32 {
        let code = code_of(frame);
        let (Some(s), Some(cell)) = (code.sites.get(site as usize), code.ics.get(site as usize))
        else {
            return 0;
        };
        let Some(f) = ic::lookup_site(
            &self.heap,
            cell,
            Value::from_bits(recv),
            s.name,
            self.p.number,
        ) else {
            return 0;
        };
        let holder = Value::obj(f.holder);
        let callable = self.direct(frame, f.value, f.receiver) || self.as_block(f.value).is_some();
        if inherited_local(frame, Value::from_bits(recv), holder)
            || !self.activated(f.value, s.name, holder)
            || !callable
            || s.argc as usize > MAX_ARGS
            || self.args_wanted(f.value, s.argc) != s.argc
            || self.gc_due()
        {
            return 0;
        }
        frame.scratch = [f.value.bits(), holder.bits(), f.receiver.bits()];
        1
    }

    /// Call the direct native `native` (found by `aot_lookup_call`) for
    /// `site` with the `argc` arguments in the frame's `args` (PENDING when
    /// it answered a flow, as for `aot_get`); METHOD when it is an Io
    /// method or block instead.
    #[allow(clippy::too_many_arguments)]
    pub fn aot_call(
        &mut self,
        frame: &mut AotFrame,
        site: u32,
        recv: u64,
        native: u64,
        holder: u64,
        argc: u32,
        depth: u32,
    ) -> u64 {
        let Some(s) = code_of(frame).sites.get(site as usize) else {
            return FAIL;
        };
        let msg = s.msg;
        let f = match self.heap.obj(Value::from_bits(native)).map(|o| &o.payload) {
            Some(Payload::Native(nat)) => nat.f,
            Some(Payload::Block(_)) => return METHOD,
            _ => return FAIL,
        };
        let args = frame.call_args(argc);
        let (recv, holder) = (Value::from_bits(recv), Value::from_bits(holder));
        self.aot_call_native(frame, f, recv, holder, msg, args, depth)
    }

    /// Activate the Io method or block `value` (found on `recv` in
    /// `holder`) for `site` with the `argc` arguments in the frame's
    /// `args`, pushing its frame as the interpreter does, and run it in
    /// compiled code where it has some: its answer when it finished there,
    /// PENDING when it goes on in the interpreter (the caller's operand
    /// stack is then `depth` high), or FAIL when nothing was done (a
    /// collection is due, the frame stack is full, or the value is not a
    /// block with code).
    #[allow(clippy::too_many_arguments)]
    pub fn aot_invoke(
        &mut self,
        frame: &mut AotFrame,
        site: u32,
        recv: u64,
        value: u64,
        holder: u64,
        argc: u32,
        depth: u32,
    ) -> u64 {
        let Some(s) = code_of(frame).sites.get(site as usize) else {
            return FAIL;
        };
        let (msg, tail) = (s.msg, s.tail);
        let value = Value::from_bits(value);
        let Some((body, pass_stops)) = self.as_block(value).map(|b| (b.body, b.pass_stops)) else {
            return FAIL;
        };
        if let Some(v) = self.literal_body(body) {
            return v.bits();
        }
        // A call in tail position that replaces the caller's frame is the
        // interpreter's to make (the caller's frame goes).
        let replaces = |k: Kind| k == Kind::Activation { pass_stops: false } && !pass_stops;
        if tail && self.frames.last().is_some_and(|f| replaces(f.kind)) {
            return FAIL;
        }
        if self.gc_due() || self.frames.len() + 1 >= self.max_depth {
            return FAIL;
        }
        let args = frame.call_args(argc);
        let (recv, holder) = (Value::from_bits(recv), Value::from_bits(holder));
        let Some(act) = self.new_activation(value, recv, holder, &args, msg) else {
            return FAIL;
        };
        // The caller's operand stack, as the interpreter would have it
        // after the call.
        self.stack
            .resize(frame.base as usize + depth as usize, Value::NIL);
        let code = act.code.clone();
        self.push_activation(act, msg);
        let fi = self.frames.len() - 1;
        let Some(enter) = self.aot_enter else {
            return PENDING;
        };
        if code.aot.get() == NO_AOT || self.aot_nesting >= MAX_NESTING {
            return PENDING;
        }
        self.aot_nesting += 1;
        let mut st = AotFrame::new(&self.frames[fi], &code, 0, Value::NIL);
        enter(self, code.aot.get(), &mut st);
        self.aot_nesting -= 1;
        let (to, v) = (st.pc as usize, Value::from_bits(st.r));
        if to >= code.ops.len() {
            return PENDING;
        }
        if st.exception != NO_EXCEPTION {
            self.save(fi, to, v);
            frame.exception = st.exception;
            return PENDING;
        }
        let done = self.frames.len() == fi + 1 && self.aot_flow.is_none();
        if done && matches!(code.ops[to], Op::End) {
            self.pop_frame();
            return v.bits();
        }
        self.save(fi, to, v);
        PENDING
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::offset_of;

    #[test]
    fn frame_layout_is_what_compiled_code_reads() {
        assert_eq!(offset_of!(AotFrame, r) as u32, offsets::R);
        assert_eq!(offset_of!(AotFrame, target) as u32, offsets::TARGET);
        assert_eq!(offset_of!(AotFrame, locals) as u32, offsets::LOCALS);
        assert_eq!(offset_of!(AotFrame, exception) as u32, offsets::EXCEPTION);
        assert_eq!(offset_of!(AotFrame, scratch) as u32, offsets::SCRATCH);
        assert_eq!(offset_of!(AotFrame, pc) as u32, offsets::PC);
        assert_eq!(offset_of!(AotFrame, args) as u32, offsets::ARGS);
        assert_eq!(offset_of!(AotFrame, objects) as u32, offsets::OBJECTS);
        assert_eq!(offset_of!(AotFrame, memo_shape) as u32, offsets::MEMO_SHAPE);
        assert_eq!(offset_of!(AotFrame, memo_index) as u32, offsets::MEMO_INDEX);
        assert_eq!(offset_of!(AotFrame, layout) as u32, offsets::LAYOUT);
        assert_eq!(offset_of!(AotFrame, memos) as u32, offsets::MEMOS);
        assert_eq!(offset_of!(AotFrame, kept) as u32, offsets::KEPT);
        assert_eq!(offset_of!(AotFrame, has) as u32, offsets::HAS);
        assert_eq!(
            offset_of!(Layout, object_size) as u32,
            offsets::LAYOUT_OBJECT_SIZE
        );
        assert_eq!(offset_of!(Layout, shape) as u32, offsets::LAYOUT_SHAPE);
        assert_eq!(offset_of!(Layout, flags) as u32, offsets::LAYOUT_FLAGS);
        assert_eq!(offset_of!(Layout, entries) as u32, offsets::LAYOUT_ENTRIES);
        assert_eq!(offset_of!(Layout, cap) as u32, offsets::LAYOUT_CAP);
        assert_eq!(
            offset_of!(Layout, heap_ptr) as u32,
            offsets::LAYOUT_HEAP_PTR
        );
        assert_eq!(offset_of!(Layout, inline) as u32, offsets::LAYOUT_INLINE);
        assert_eq!(
            offset_of!(Layout, inline_cap) as u32,
            offsets::LAYOUT_INLINE_CAP
        );
        assert_eq!(
            offset_of!(Layout, entry_size) as u32,
            offsets::LAYOUT_ENTRY_SIZE
        );
        assert_eq!(offset_of!(Layout, value) as u32, offsets::LAYOUT_VALUE);
        use crate::heap::Watch;
        assert_eq!(offset_of!(Watch, version) as u32, offsets::WATCH_VERSION);
        assert_eq!(
            offset_of!(Watch, number_proto) as u32,
            offsets::WATCH_NUMBER_PROTO
        );
        assert_eq!(offset_of!(Watch, ops) as u32, offsets::WATCH_OPS);
        assert_eq!(
            offset_of!(Watch, structure) as u32,
            offsets::WATCH_STRUCTURE
        );
    }

    #[test]
    fn the_layout_of_objects_is_found() {
        let l = layout().expect("the layout of slot tables is found");
        assert!(l.inline_cap >= 1 && l.entry_size == 16);
        // An object's slot values are where the layout says.
        let mut vm = Vm::new(Box::new(crate::host::MemoryHost::default()));
        let mut frame = AotFrame {
            r: 0,
            target: 0,
            locals: 0,
            exception: NO_EXCEPTION,
            scratch: [0; 3],
            pc: 0,
            base: 0,
            args: [0; MAX_ARGS],
            objects: 0,
            memo_shape: 0,
            memo_index: 0,
            layout: 0,
            memos: 0,
            kept: [0; MAX_KEPT],
            has: [0; MAX_KEPT],
            code: std::ptr::null(),
        };
        assert_eq!(vm.aot_enter_frame(&mut frame, 0, 4), 1);
        for n in [1, 3, 9] {
            let o = vm.heap.alloc(&[], Payload::None);
            for i in 0..n {
                vm.heap
                    .set_slot(o, Sym(1000 + i), Value::num(i as f64 * 1.5));
            }
            let obj = vm.heap.get(o) as *const crate::heap::Object as usize;
            let base = vm.heap.get(crate::value::ObjRef(0)) as *const crate::heap::Object as usize;
            assert_eq!(base + o.0 as usize * l.object_size as usize, obj);
            let ents = obj + l.entries as usize;
            // SAFETY: reads inside the live object record and its slot buffer.
            unsafe {
                let cap = *((ents + l.cap as usize) as *const usize);
                let data = if cap > l.inline_cap as usize {
                    *((ents + l.heap_ptr as usize) as *const usize)
                } else {
                    ents + l.inline as usize
                };
                for i in 0..n {
                    let at = data + i as usize * l.entry_size as usize + l.value as usize;
                    assert_eq!(*(at as *const u64), Value::num(i as f64 * 1.5).bits());
                }
                let shape = *((obj + l.shape as usize) as *const u32);
                assert_eq!(shape, vm.heap.get(o).shape);
            }
        }
    }

    #[test]
    fn natives_that_look_at_frames_are_not_called_directly() {
        let vm = Vm::new(Box::new(crate::host::MemoryHost::default()));
        let lobby = Value::obj(vm.p.lobby);
        let flagged = |proto: &str, name: &str| {
            let p = vm.syms.lookup(proto).and_then(|s| vm.lookup(lobby, s));
            let p = p.expect("the proto is found from the Lobby").value;
            let n = vm.syms.lookup(name).expect("the name is a symbol");
            let f = vm.lookup(p, n).expect("the proto has the native");
            vm.heap.get(f.value.as_obj().expect("an object")).flags & FLAG_DIRECT != 0
        };
        for (proto, name) in [("List", "at"), ("List", "append"), ("Object", "clone")] {
            assert!(flagged(proto, name), "{proto} {name} is not flagged");
        }
        // Lazy natives, and those that switch coroutines or capture
        // continuations, leave compiled code first.
        for (proto, name) in [
            ("Object", "yield"),
            ("Object", "callcc"),
            ("Object", "if"),
            ("List", "foreach"),
            ("Block", "call"),
        ] {
            assert!(!flagged(proto, name), "{proto} {name} is flagged");
        }
    }

    #[test]
    fn sentinels_are_never_values() {
        for w in [FAIL, RAISED, PENDING, METHOD] {
            let v = Value::from_bits(w);
            assert!(v.is_num() && v.as_num().is_some_and(|x| x.is_nan()));
            assert_ne!(Value::num(f64::NAN).bits(), w);
        }
    }
}

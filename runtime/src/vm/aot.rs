//! Code compiled ahead of time (the specialiser of `ioc build`) runs on the
//! interpreter's own heap frame. The interpreter hands a code frame to it as
//! an `AotFrame` (register, receiver, locals, pc) at a loop head or at the
//! start of a body; the compiled function keeps the register and the
//! frame's operand stack in its own locals, does in straight-line wasm what
//! it can prove, and calls the helpers below for the rest. It leaves at any
//! op it cannot do, before that op has had any effect, by writing the
//! register, the pc and the operand stack back: the interpreter then goes on
//! at that pc as if it had run everything itself (deoptimisation is a
//! return). So compiled code never runs Io code, never suspends and never
//! collects: the native stack is empty whenever a coroutine switches.
//!
//! Every helper answers either what the op computes, or `FAIL` (the op is
//! left to the interpreter, nothing was done), or `RAISED` (a native raised;
//! the exception is in `AotFrame::exception` and the frame is as after the
//! call). Helpers read the code's sites and constants through the frame's
//! `code`, so compiled code names sites and constants by index only, never
//! by heap address.

use crate::heap::{OnNumbers, Payload, FLAG_ANSWERS};
use crate::symbol::Sym;
use crate::value::Value;
use crate::vm::code::{Code, Op};
use crate::vm::ic;
use crate::vm::{Args, Flow, NativeCall, Vm};

/// `Code::aot` of code that has no compiled function.
pub const NO_AOT: u32 = u32::MAX;
/// A helper's answer when the op is left to the interpreter.
pub const FAIL: u64 = u64::MAX;
/// A helper's answer when a native raised.
pub const RAISED: u64 = u64::MAX - 1;

/// A code frame as compiled code sees it. The layout is read by compiled
/// code at the offsets in `offsets` (pinned by a test).
#[repr(C)]
pub struct AotFrame {
    pub r: u64,
    pub target: u64,
    pub locals: u64,
    /// NIL, or the exception a native raised.
    pub exception: u64,
    /// What `lookup_native` found: the slot value, its holder, the receiver.
    pub scratch: [u64; 3],
    pub pc: u32,
    /// The frame's stack base.
    pub base: u32,
    pub code: *const Code,
}

/// Byte offsets of `AotFrame`'s fields, as compiled code reads them.
pub mod offsets {
    pub const R: u32 = 0;
    pub const TARGET: u32 = 8;
    pub const LOCALS: u32 = 16;
    pub const EXCEPTION: u32 = 24;
    pub const SCRATCH: u32 = 32;
    pub const PC: u32 = 56;
}

/// How the host runs compiled function `func` on a frame (the runner calls
/// into the module's compiled code; nothing else has compiled code).
pub type AotEnter = fn(&mut Vm, u32, &mut AotFrame);

/// Natives that answer at once (a value or an exception, never a frame or a
/// switch), which compiled code calls directly.
const ANSWERING: &[(&str, &[&str])] =
    &[("List", &["at", "atPut", "size", "first", "last", "append"])];

/// Flag the natives of `ANSWERING` (at boot).
pub fn mark_answering_natives(vm: &mut Vm) {
    for &(proto, names) in ANSWERING {
        let lobby = Value::obj(vm.p.lobby);
        let Some(f) = vm.syms.lookup(proto).and_then(|s| vm.lookup(lobby, s)) else {
            continue;
        };
        let Some(p) = f.value.as_obj() else { continue };
        for name in names {
            let Some(n) = vm.syms.lookup(name) else {
                continue;
            };
            if let Some(nat) = vm.heap.get(p).get_local(n).and_then(|v| v.as_obj()) {
                if matches!(vm.heap.get(nat).payload, Payload::Native(_)) {
                    vm.heap.get_mut(nat).flags |= FLAG_ANSWERS;
                }
            }
        }
    }
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
/// through `recv`'s protos: compiled code may hold that slot's value in a
/// wasm local only, so the helper leaves the op to the interpreter (which
/// runs after the kept slots are written back).
fn inherited_local(frame: &AotFrame, recv: Value, holder: Value) -> bool {
    holder.bits() == frame.locals && recv.bits() != frame.locals
}

impl Vm {
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

    pub fn aot_stack_put(&mut self, frame: &AotFrame, i: u32, v: u64) {
        if let Some(slot) = self.stack.get_mut(frame.base as usize + i as usize) {
            *slot = Value::from_bits(v);
        }
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
    /// it is not activated, a Number's unary formula, or an answering
    /// native's answer.
    pub fn aot_get(&mut self, frame: &mut AotFrame, site: u32, recv: u64) -> u64 {
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
            return f.value.bits();
        }
        let Some(Payload::Native(nat)) = self.heap.obj(f.value).map(|o| &o.payload) else {
            return FAIL;
        };
        if let (OnNumbers::Unary(g), Some(x)) = (nat.on_numbers, f.receiver.as_num()) {
            return Value::num(g(x)).bits();
        }
        if !self.answers(f.value) {
            return FAIL;
        }
        let f_native = nat.f;
        let msg = s.msg;
        self.aot_call_native(frame, f_native, f.receiver, holder, msg, Args::new())
    }

    fn answers(&self, v: Value) -> bool {
        self.heap
            .obj(v)
            .is_some_and(|o| o.flags & FLAG_ANSWERS != 0)
    }

    fn aot_call_native(
        &mut self,
        frame: &mut AotFrame,
        f: crate::heap::NativeFn,
        target: Value,
        holder: Value,
        msg: Value,
        args: Args,
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
            // (Answering natives answer nothing else.)
            Ok(_) => {
                frame.exception = self
                    .error("a compiled call was answered with a flow it cannot take")
                    .bits();
                RAISED
            }
        }
    }

    /// The built-in Number native that `site`'s name finds, when it has a
    /// binary formula on Numbers (compiled code applies the formula).
    pub fn aot_number_op(&self, frame: &AotFrame, site: u32) -> u64 {
        let Some(s) = code_of(frame).sites.get(site as usize) else {
            return FAIL;
        };
        let Some(f) = self.lookup(Value::num(0.0), s.name) else {
            return FAIL;
        };
        match self.heap.obj(f.value).map(|o| &o.payload) {
            Some(Payload::Native(nat))
                if nat.name == s.name
                    && matches!(nat.on_numbers, OnNumbers::Arith(_) | OnNumbers::Compare(_)) =>
            {
                f.value.bits()
            }
            _ => FAIL,
        }
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

    /// The Number proto as a value.
    pub fn aot_number_proto(&self) -> u64 {
        Value::obj(self.p.number).bits()
    }

    /// An inlined form's guard: 1 while `site`'s name finds the built-in on `recv`.
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
        found.is_some_and(|f| {
            !inherited_local(frame, Value::from_bits(recv), Value::obj(f.holder))
                && self.is_inlined_builtin(s.name, f.value)
        }) as u32
    }

    /// `SetSlot`/`UpdateSlot` done where the interpreter does it inline: 1
    /// when done. The Number proto is never written here, so compiled
    /// arithmetic stays valid for the whole call.
    pub fn aot_assign(&mut self, frame: &AotFrame, pc: u32, recv: u64, v: u64) -> u32 {
        let code = code_of(frame);
        let (recv, v) = (Value::from_bits(recv), Value::from_bits(v));
        let number = Value::obj(self.p.number);
        if recv == number {
            return 0;
        }
        match code.ops.get(pc as usize) {
            Some(&Op::SetSlot { site, .. }) => self.set_slot_inline(code, site, recv, v) as u32,
            Some(&Op::UpdateSlot { site, .. }) => {
                let (Some(s), Some(cell)) =
                    (code.sites.get(site as usize), code.ics.get(site as usize))
                else {
                    return 0;
                };
                let found = ic::lookup_site(&self.heap, cell, recv, s.name, self.p.number);
                if found.is_none_or(|f| {
                    f.holder == self.p.number || inherited_local(frame, recv, Value::obj(f.holder))
                }) {
                    return 0;
                }
                self.update_slot_inline(code, site, recv, v) as u32
            }
            _ => 0,
        }
    }

    /// The slot name the op at `pc` reads or writes (or counts with).
    fn name_at(frame: &AotFrame, pc: u32) -> Option<Sym> {
        let code = code_of(frame);
        match *code.ops.get(pc as usize)? {
            Op::Send { site, .. } | Op::SetSlot { site, .. } | Op::UpdateSlot { site, .. } => {
                code.sites.get(site as usize).map(|s| s.name)
            }
            Op::CountNext { counter, .. } if counter != u32::MAX => Some(Sym(counter)),
            _ => None,
        }
    }

    /// The locals object's own slot named by the op at `pc`, or `FAIL`
    /// when it has none (compiled code keeps it in a wasm local).
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

    /// Bind the counter of the counted loop at `pc` to `i` in the locals: 1 when done.
    pub fn aot_count_set(&mut self, frame: &AotFrame, pc: u32, i: f64) -> u32 {
        let Some(&Op::CountNext { counter, .. }) = code_of(frame).ops.get(pc as usize) else {
            return 0;
        };
        match Value::from_bits(frame.locals).as_obj() {
            Some(l) if l != self.p.number => {
                self.heap.set_slot(l, Sym(counter), Value::num(i));
                1
            }
            _ => 0,
        }
    }

    /// Look `site`'s name up on `recv` for a call with arguments: 1 when it
    /// finds an answering native that takes them all, with the slot value,
    /// its holder and the receiver left in the frame's scratch words.
    pub fn aot_lookup_native(&self, frame: &mut AotFrame, site: u32, recv: u64) -> u32 {
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
        if inherited_local(frame, Value::from_bits(recv), holder)
            || !self.activated(f.value, s.name, holder)
            || !self.answers(f.value)
            || self.args_wanted(f.value, s.argc) != s.argc
        {
            return 0;
        }
        frame.scratch = [f.value.bits(), holder.bits(), f.receiver.bits()];
        1
    }

    /// Call the answering native `native` (found by `aot_lookup_native`)
    /// for `site` with its arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn aot_call(
        &mut self,
        frame: &mut AotFrame,
        site: u32,
        recv: u64,
        native: u64,
        holder: u64,
        args: &[u64],
    ) -> u64 {
        let Some(s) = code_of(frame).sites.get(site as usize) else {
            return FAIL;
        };
        let msg = s.msg;
        let f = match self.heap.obj(Value::from_bits(native)).map(|o| &o.payload) {
            Some(Payload::Native(nat)) => nat.f,
            _ => return FAIL,
        };
        let args: Args = args.iter().map(|&w| Value::from_bits(w)).collect();
        self.aot_call_native(
            frame,
            f,
            Value::from_bits(recv),
            Value::from_bits(holder),
            msg,
            args,
        )
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
    }

    #[test]
    fn every_answering_native_is_flagged_at_boot() {
        let vm = Vm::new(Box::new(crate::host::MemoryHost::default()));
        let lobby = Value::obj(vm.p.lobby);
        for &(proto, names) in ANSWERING {
            let p = vm.syms.lookup(proto).and_then(|s| vm.lookup(lobby, s));
            let p = p.expect("the proto is found from the Lobby").value;
            for name in names {
                let n = vm.syms.lookup(name).expect("the name is a symbol");
                let f = vm.lookup(p, n).expect("the proto has the native");
                assert!(vm.answers(f.value), "{proto} {name} is not flagged");
            }
        }
    }

    #[test]
    fn sentinels_are_never_values() {
        for w in [FAIL, RAISED] {
            let v = Value::from_bits(w);
            assert!(v.is_num() && v.as_num().is_some_and(|x| x.is_nan()));
            assert_ne!(Value::num(f64::NAN).bits(), w);
        }
    }
}

//! The interpreter: one loop over the frame stack. Sends look up slots through
//! the inline caches, evaluate as many inline arguments as the slot asks for,
//! then either answer a value, call a native, or push an activation frame.
//! Stop statuses (break/continue/return) and exceptions unwind frames here.

use super::code::{Code, Op, SendFrom};
use super::entry::FrameState;
use super::frame::{Exec, Frame, Kind};
use super::ic;
use super::{Args, Cont, Flow, NResult, NativeCall, Resume, Stop, Vm};
use crate::heap::{CallData, OnNumbers, Payload};
use crate::symbol::{sym, Sym};
use crate::value::Value;
use std::rc::Rc;

/// Compiled code that leaves fewer ops than this past where it was entered,
/// 64 entries in a row, stops being entered.
const SHORT_RUN: usize = 8;

/// Outcome of code run by the host.
pub type RunResult = Result<Value, Value>;

/// What the interpreter does next; handlers return one instead of calling
/// each other, so no chain of natives nests Rust calls.
enum Step {
    /// Continue running the top frame's code.
    Run,
    Done(RunResult),
    Deliver(Value),
    Native(NResult),
    Raise(Value),
    Unwind(Unwind),
}

/// Where a host-started run ends: when coroutine `coro` is back to `depth` frames.
#[derive(Copy, Clone)]
pub(crate) struct Entry {
    pub coro: crate::value::ObjRef,
    pub depth: usize,
}

/// A method or block activation made but not yet pushed.
pub(crate) struct Activation {
    pub code: Rc<Code>,
    pub locals: Value,
    pub body: Value,
    pub pass_stops: bool,
}

enum Unwind {
    Stop(Stop, Value),
    Raise(Value),
}

impl Vm {
    /// Evaluate the message chain `msg` with `target` and `locals` to completion.
    pub fn eval_message(&mut self, msg: Value, target: Value, locals: Value) -> RunResult {
        if self.depth() == 0 {
            self.halted = false;
        }
        let Some(m) = self.message_ref(msg) else {
            return Ok(Value::NIL);
        };
        let code = self.code_for(m);
        let state = FrameState {
            r: Value::NIL,
            target,
            locals,
            stack: &[],
        };
        self.run_top(code, 0, msg, state)
    }

    /// Run `code` from `pc` in a new host-started frame (owned by the
    /// message `owner`) with the given register, receiver, locals and
    /// operand stack, until that frame finishes.
    pub(crate) fn run_top(
        &mut self,
        code: Rc<Code>,
        pc: u32,
        owner: Value,
        state: FrameState,
    ) -> RunResult {
        let entry = Entry {
            coro: self.current,
            depth: self.depth(),
        };
        let base = self.stack.len() as u32;
        self.stack.extend_from_slice(state.stack);
        self.frames.push(Frame {
            exec: Exec::Code { code, pc },
            kind: Kind::Top,
            r: state.r,
            target: state.target,
            locals: state.locals,
            base,
            msg: Value::NIL,
            owner,
        });
        self.run(entry)
    }

    /// Send `name` (no arguments) to `target` and run it to completion (for hosts).
    pub fn send_sync(&mut self, target: Value, name: Sym) -> RunResult {
        let msg = self.synthetic_message(name);
        self.extra_roots.push(target);
        let r = self.eval_message(msg, target, target);
        self.extra_roots.pop();
        r
    }

    /// Parse and run source text in the Lobby.
    pub fn do_string(&mut self, src: &str, label: &str) -> RunResult {
        let msg = self.compile(src, label)?;
        let lobby = Value::obj(self.p.lobby);
        self.extra_roots.push(msg);
        let r = self.eval_message(msg, lobby, lobby);
        self.extra_roots.pop();
        r
    }

    /// Run until the frame at depth `entry` finishes.
    pub(crate) fn run(&mut self, entry: Entry) -> RunResult {
        loop {
            match self.run_code(entry) {
                Some(res) => return res,
                None => continue,
            }
        }
    }

    /// Execute ops of the top frame until the frame stack changes shape.
    /// Returns Some when the entry frame has finished.
    // Under WebAssembly never inlined into `run`: returning from it and
    // calling it again must be a real call (see `spins`).
    #[cfg_attr(target_family = "wasm", inline(never))]
    fn run_code(&mut self, entry: Entry) -> Option<RunResult> {
        let mut fi = self.frames.len() - 1;
        let (mut code, mut pc) = match &self.frames[fi].exec {
            Exec::Code { code, pc } => (code.clone(), *pc as usize),
            Exec::Native(_) => unreachable!("a native frame is never on top while running"),
        };
        let mut r = self.frames[fi].r;
        // Run the code's compiled function from pc, where it has one; go
        // on from where it left.
        // True when compiled code left a call under way: the callee's frame
        // is then on top.
        macro_rules! compiled {
            () => {{
                if code.aot.get() != super::aot::NO_AOT && self.fuel.is_none() {
                    match self.run_compiled(fi, &code, pc, r) {
                        Ok(_) if self.aot_flow.is_some() => {
                            let flow = self.aot_flow.take().map(Ok);
                            let st = Step::Native(flow.unwrap_or(Ok(Flow::Value(Value::NIL))));
                            return self.drive(st, entry);
                        }
                        Ok((p, v)) => {
                            pc = p;
                            r = v;
                            self.frames.len() != fi + 1
                        }
                        Err(e) => {
                            let st = self.raise(e, entry);
                            return self.drive(st, entry);
                        }
                    }
                } else {
                    false
                }
            }};
        }
        // Backward jumps taken and frames entered in this call. Under
        // WebAssembly, every 2^16 of them the call returns to `run`, which
        // calls it again: engines that optimise a function only for its next
        // call (V8 tiers wasm up that way) then run the loop in optimised
        // code. Native code needs no such return, and pays nothing for it.
        const RETURN: bool = cfg!(target_family = "wasm");
        let mut spins: u32 = 0;
        // Go on with whatever code frame is now on top (after a coroutine switch).
        macro_rules! reload {
            () => {{
                loop {
                    fi = self.frames.len() - 1;
                    match &self.frames[fi].exec {
                        Exec::Code { code: c, pc: p } => {
                            if RETURN {
                                spins += 1;
                                if spins == 1 << 16 {
                                    return None;
                                }
                            }
                            code = c.clone();
                            pc = *p as usize;
                        }
                        Exec::Native(_) => return None,
                    }
                    r = self.frames[fi].r;
                    if !(pc == 0 && compiled!()) {
                        break;
                    }
                }
                continue;
            }};
        }
        // Go on after a native called from this frame (see `native_answered`).
        macro_rules! answer {
            ($answered:expr) => {
                match $answered {
                    Ok(v) => {
                        r = v;
                        continue;
                    }
                    Err(None) => reload!(),
                    Err(out) => return out,
                }
            };
        }
        if pc == 0 && compiled!() {
            return None;
        }
        loop {
            let op = code.ops[pc];
            pc += 1;
            match op {
                Op::Target => r = self.frames[fi].target,
                Op::Locals => r = self.frames[fi].locals,
                Op::Const { k } => r = code.consts[k as usize],
                Op::Send { site, call, from } => {
                    match from {
                        SendFrom::R => {}
                        SendFrom::Target => r = self.frames[fi].target,
                        SendFrom::Locals => r = self.frames[fi].locals,
                    }
                    if let Some(f) = &mut self.fuel {
                        if *f == 0 {
                            self.save(fi, pc - 1, r);
                            let st = self.halt("step limit exceeded", entry);
                            return self.drive(st, entry);
                        }
                        *f -= 1;
                    }
                    let s = &code.sites[site as usize];
                    let cell = &code.ics[site as usize];
                    let found = ic::lookup_site(&self.heap, cell, r, s.name, self.p.number);
                    let (value, holder) = match found {
                        Some(f) => {
                            r = f.receiver;
                            (f.value, Value::obj(f.holder))
                        }
                        None => match self.lookup(r, sym::forward) {
                            Some(f) => {
                                r = f.receiver;
                                (f.value, Value::obj(f.holder))
                            }
                            None => {
                                let msg = s.msg;
                                let who = self.effective_self(r);
                                let text = format!(
                                    "'{}' does not respond to message '{}'",
                                    self.type_name(who),
                                    self.syms.name(s.name)
                                );
                                let e = self.error(text);
                                self.set_caught_message(e, msg);
                                self.save(fi, pc, r);
                                let st = self.raise(e, entry);
                                return self.drive(st, entry);
                            }
                        },
                    };
                    if s.argc == 0 {
                        // No arguments: a plain value or a native is dealt with here.
                        if !self.activated(value, s.name, holder) {
                            r = value;
                            pc = call as usize + 1;
                            continue;
                        }
                        let vo = value.as_obj().expect("activatable values are objects");
                        // (Unless a collection is due: the Call op collects first.)
                        let gc_due = self.heap.allocated_since_gc >= self.heap.gc_threshold;
                        match &self.heap.get(vo).payload {
                            Payload::Native(nat) => {
                                if let (OnNumbers::Unary(g), Some(x)) = (nat.on_numbers, r.as_num())
                                {
                                    r = Value::num(g(x));
                                    pc = call as usize + 1;
                                    continue;
                                }
                                if !gc_due {
                                    let f = nat.f;
                                    pc = call as usize + 1;
                                    self.save(fi, pc, r);
                                    let (recv, msg) = (r, s.msg);
                                    let res = self.call_native_from(
                                        fi,
                                        f,
                                        recv,
                                        holder,
                                        msg,
                                        Args::new(),
                                    );
                                    answer!(self.native_answered(res, fi, entry));
                                }
                            }
                            Payload::Block(b) => {
                                if let Some(v) = self.literal_body(b.body) {
                                    r = v;
                                    pc = call as usize + 1;
                                    continue;
                                }
                                if !gc_due {
                                    pc = call as usize + 1;
                                    self.save(fi, pc, r);
                                    let (msg, tail) = (s.msg, s.tail);
                                    let st = self.activate(
                                        value,
                                        r,
                                        holder,
                                        Args::new(),
                                        msg,
                                        tail,
                                        entry,
                                    );
                                    return self.drive(st, entry);
                                }
                            }
                            _ => {}
                        }
                    }
                    let n = self.args_wanted(value, s.argc);
                    self.stack.extend([r, value, holder, Value::num(n as f64)]);
                    if n == 0 {
                        for _ in 0..s.argc {
                            self.stack.push(Value::NIL);
                        }
                        pc = call as usize;
                    }
                }
                Op::Arg { site, index, call } => {
                    self.stack.push(r);
                    let argc = code.sites[site as usize].argc as usize;
                    let hdr = self.stack.len() - (index as usize + 1) - 1;
                    let n = self.stack[hdr].as_num().unwrap_or(0.0) as usize;
                    if index as usize + 1 >= n {
                        for _ in n..argc {
                            self.stack.push(Value::NIL);
                        }
                        pc = call as usize;
                    }
                }
                Op::Call { site } => {
                    // Collect while the receiver and arguments are still on the stack.
                    if self.heap.allocated_since_gc >= self.heap.gc_threshold {
                        self.save(fi, pc - 1, r);
                        if let Some(st) = self.maybe_collect(entry) {
                            return self.drive(st, entry);
                        }
                    }
                    let s = &code.sites[site as usize];
                    let argc = s.argc as usize;
                    let base = self.stack.len() - argc - 4;
                    let recv = self.stack[base];
                    let value = self.stack[base + 1];
                    let holder = self.stack[base + 2];
                    let n = self.stack[base + 3].as_num().unwrap_or(0.0) as usize;
                    if !self.activated(value, s.name, holder) {
                        self.stack.truncate(base);
                        r = value;
                        continue;
                    }
                    if n == 1 {
                        if let Some(v) = self.on_numbers(value, recv, self.stack[base + 4]) {
                            self.stack.truncate(base);
                            r = v;
                            continue;
                        }
                    }
                    let args: Args = self.stack[base + 4..base + 4 + n].iter().copied().collect();
                    self.stack.truncate(base);
                    let msg = s.msg;
                    let tail = s.tail;
                    self.save(fi, pc, r);
                    let vo = value.as_obj().expect("activatable values are objects");
                    match &self.heap.get(vo).payload {
                        // A native that answers at once keeps this loop going.
                        Payload::Native(nat) => {
                            let f = nat.f;
                            let res = self.call_native_from(fi, f, recv, holder, msg, args);
                            answer!(self.native_answered(res, fi, entry));
                        }
                        // A method whose whole body is a literal answers it (no record is needed).
                        Payload::Block(b) => {
                            if let Some(v) = self.literal_body(b.body) {
                                r = v;
                                continue;
                            }
                        }
                        _ => {}
                    }
                    let st = self.activate(value, recv, holder, args, msg, tail, entry);
                    return self.drive(st, entry);
                }
                Op::Guard { site, generic } => {
                    let cell = &code.ics[site as usize];
                    let name = code.sites[site as usize].name;
                    let found = ic::lookup_site(&self.heap, cell, r, name, self.p.number);
                    if !found.is_some_and(|f| self.guard_holds(name, r, f.value)) {
                        pc = generic as usize;
                    }
                }
                Op::SetSlot { site, k } | Op::UpdateSlot { site, k } => {
                    let recv = self.stack.pop().unwrap_or(Value::NIL);
                    let update = matches!(op, Op::UpdateSlot { .. });
                    let done = if update {
                        self.update_slot_inline(&code, site, recv, r)
                    } else {
                        self.set_slot_inline(&code, site, recv, r)
                    };
                    if !done {
                        // The built-in does the rest (new slots, errors).
                        self.save(fi, pc, r);
                        let method = if update {
                            sym::update_slot
                        } else {
                            sym::set_slot
                        };
                        let args: Args = [code.consts[k as usize], r].into_iter().collect();
                        let msg = code.sites[site as usize].msg;
                        let native = self.lookup(recv, method).and_then(|f| {
                            match &self.heap.obj(f.value)?.payload {
                                Payload::Native(nat) => Some((nat.f, f)),
                                _ => None,
                            }
                        });
                        let res = match native {
                            Some((nf, f)) => {
                                let holder = Value::obj(f.holder);
                                self.call_native_from(fi, nf, f.receiver, holder, msg, args)
                            }
                            None => Ok(Flow::Send {
                                target: recv,
                                name: method,
                                args,
                                cont: None,
                            }),
                        };
                        answer!(self.native_answered(res, fi, entry));
                    }
                }
                Op::SendMessage { site } => {
                    let s = &code.sites[site as usize];
                    let owner = s.msg;
                    let alone = match s.alone.get() {
                        Some(c) => c.clone(),
                        None => {
                            let m = owner.as_obj().expect("a site's message is an object");
                            let c = Rc::new(super::code::lower_alone(self, m));
                            s.alone.get_or_init(|| c).clone()
                        }
                    };
                    self.save(fi, pc, r);
                    if let Some(e) = self.too_deep() {
                        let st = self.raise(e, entry);
                        return self.drive(st, entry);
                    }
                    let locals = self.frames[fi].locals;
                    self.frames.push(Frame {
                        exec: Exec::Code { code: alone, pc: 0 },
                        kind: Kind::Eval,
                        r: Value::NIL,
                        target: r,
                        locals,
                        base: self.stack.len() as u32,
                        msg: Value::NIL,
                        owner,
                    });
                    reload!();
                }
                Op::PushNil => self.stack.push(Value::NIL),
                Op::StoreTop => {
                    if let Some(top) = self.stack.last_mut() {
                        *top = r;
                    }
                }
                Op::PopToR => r = self.stack.pop().unwrap_or(Value::NIL),
                Op::PushR => self.stack.push(r),
                Op::RepeatSetup => {
                    let n = self
                        .stack
                        .pop()
                        .and_then(|v| self.as_number(v))
                        .unwrap_or(0.0);
                    self.stack.extend([
                        Value::num(0.0),
                        Value::num(n.floor() - 1.0),
                        Value::num(1.0),
                        Value::NIL,
                    ]);
                }
                Op::CountNext { counter, exit } => {
                    let len = self.stack.len();
                    let num = |v: Value| self.as_number(v);
                    let (i, end, step) = match (
                        num(self.stack[len - 4]),
                        num(self.stack[len - 3]),
                        num(self.stack[len - 2]),
                    ) {
                        (Some(i), Some(e), Some(s)) => (i, e, s),
                        _ => {
                            let e = self.error("for() needs Number start, end and step");
                            self.save(fi, pc, r);
                            let st = self.raise(e, entry);
                            return self.drive(st, entry);
                        }
                    };
                    if step == 0.0 {
                        let e = self.error("for() step must not be 0");
                        self.save(fi, pc, r);
                        let st = self.raise(e, entry);
                        return self.drive(st, entry);
                    }
                    self.stack[len - 4] = Value::num(i);
                    if (step > 0.0 && i > end) || (step < 0.0 && i < end) {
                        pc = exit as usize;
                    } else if counter != u32::MAX {
                        match self.frames[fi].locals.as_obj() {
                            Some(l) => {
                                self.heap.set_slot(l, Sym(counter), Value::num(i));
                            }
                            None => {
                                let e = self.error("a loop counter needs an object context");
                                self.save(fi, pc, r);
                                let st = self.raise(e, entry);
                                return self.drive(st, entry);
                            }
                        }
                    }
                }
                Op::CountStep => {
                    let len = self.stack.len();
                    let i = self.stack[len - 4].as_num().unwrap_or(0.0);
                    let step = self.stack[len - 2].as_num().unwrap_or(1.0);
                    self.stack[len - 4] = Value::num(i + step);
                }
                Op::EachNext { exit } => {
                    let len = self.stack.len();
                    let i = self.stack[len - 2].as_num().unwrap_or(f64::INFINITY);
                    match self.each_item(self.stack[len - 3], i) {
                        Some(item) => {
                            r = item;
                            self.stack[len - 2] = Value::num(i + 1.0);
                        }
                        None => pc = exit as usize,
                    }
                }
                Op::EachIndex => {
                    let i = self.stack[self.stack.len() - 2].as_num().unwrap_or(0.0);
                    r = Value::num(i - 1.0);
                }
                Op::EachItem => {
                    let len = self.stack.len();
                    let i = self.stack[len - 2].as_num().unwrap_or(0.0);
                    r = self
                        .each_item(self.stack[len - 3], i - 1.0)
                        .unwrap_or(Value::NIL);
                }
                Op::Bind { name } => {
                    if let Some(l) = self.frames[fi].locals.as_obj() {
                        self.heap.set_slot(l, Sym(name), r);
                    }
                }
                Op::LoopExit { n } => {
                    r = self.stack.last().copied().unwrap_or(Value::NIL);
                    let len = self.stack.len();
                    self.stack.truncate(len.saturating_sub(n as usize));
                }
                Op::JumpIfFalse { to } => {
                    if !r.truthy() {
                        pc = to as usize;
                    }
                }
                Op::ToBool => r = Value::bool(r.truthy()),
                Op::Jump { to } => {
                    // A backward jump closes a loop iteration: it costs fuel like a send.
                    if (to as usize) < pc {
                        if let Some(f) = &mut self.fuel {
                            if *f == 0 {
                                self.save(fi, pc - 1, r);
                                let st = self.halt("step limit exceeded", entry);
                                return self.drive(st, entry);
                            }
                            *f -= 1;
                        }
                        if RETURN {
                            spins += 1;
                            if spins == 1 << 16 {
                                self.save(fi, to as usize, r);
                                return None;
                            }
                        }
                        pc = to as usize;
                        if compiled!() {
                            reload!();
                        }
                        continue;
                    }
                    pc = to as usize
                }
                Op::End => {
                    self.save(fi, pc, r);
                    let st = self.finish_frame(r, entry);
                    return self.drive(st, entry);
                }
            }
        }
    }

    /// Run the compiled function of `code` on frame `fi` from `pc` with
    /// register `r`: the pc and register to go on with, or the exception a
    /// native it called raised (the frame then stands after that call).
    /// Code that keeps leaving where it entered, or a few ops on, stops
    /// being entered.
    #[inline(never)]
    fn run_compiled(
        &mut self,
        fi: usize,
        code: &Rc<Code>,
        pc: usize,
        r: Value,
    ) -> Result<(usize, Value), Value> {
        let Some(enter) = self.aot_enter else {
            return Ok((pc, r));
        };
        let mut st = super::aot::AotFrame::new(&self.frames[fi], code, pc as u32, r);
        enter(self, code.aot.get(), &mut st);
        let (to, v) = (st.pc as usize, Value::from_bits(st.r));
        if to >= code.ops.len() {
            // (Never: compiled code leaves at one of the code's ops.)
            code.aot.set(super::aot::NO_AOT);
            return Ok((pc, r));
        }
        // A miss: no progress, or so little before leaving (a loop whose
        // every turn sends to an Io method or yields at once) that entering
        // costs more than it gains.
        let finished = matches!(code.ops[to], Op::End) || self.frames.len() != fi + 1;
        if !finished && (pc..pc + SHORT_RUN).contains(&to) {
            code.aot_misses.set(code.aot_misses.get() + 1);
            if code.aot_misses.get() >= 64 {
                code.aot.set(super::aot::NO_AOT);
            }
        } else {
            code.aot_misses.set(0);
        }
        self.save(fi, to, v);
        if st.exception != super::aot::NO_EXCEPTION {
            return Err(Value::from_bits(st.exception));
        }
        Ok((to, v))
    }

    /// What native `f` answers for Number `a` and Number argument `b`, when
    /// it has a formula for Numbers.
    #[inline(always)]
    fn on_numbers(&self, f: Value, a: Value, b: Value) -> Option<Value> {
        let (Some(a), Some(b)) = (a.as_num(), b.as_num()) else {
            return None;
        };
        match &self.heap.obj(f)?.payload {
            Payload::Native(nat) => match nat.on_numbers {
                OnNumbers::Arith(g) => Some(Value::num(g(a, b))),
                OnNumbers::Compare(g) => Some(Value::bool(g(a, b))),
                _ => None,
            },
            _ => None,
        }
    }

    /// The exception for one frame too many, when the frame stack is full.
    pub(crate) fn too_deep(&mut self) -> Option<Value> {
        if self.frames.len() < self.max_depth {
            return None;
        }
        let text = format!("Stack overflow: frame depth exceeded {}", self.max_depth);
        Some(self.error(text))
    }

    /// The value a method answers without running when its whole body is a literal.
    #[inline(always)]
    pub(crate) fn literal_body(&self, body: Value) -> Option<Value> {
        let m = self.as_message(body)?;
        if m.next.is_nil() {
            m.cached
        } else {
            None
        }
    }

    /// Whether `v` is the built-in `name` that compiled code inlines.
    #[inline(always)]
    /// Whether an inlined form's guard holds: `name` found `v` on `recv`,
    /// the built-in it inlines (for `foreach`, on a List).
    pub(crate) fn guard_holds(&self, name: Sym, recv: Value, v: Value) -> bool {
        self.is_inlined_builtin(name, v) && (name != sym::foreach || self.as_list(recv).is_some())
    }

    /// Item `i` of list `list` as an inlined `foreach` reaches it (None past
    /// its end as it is now).
    pub(crate) fn each_item(&self, list: Value, i: f64) -> Option<Value> {
        let items = self.as_list(list)?;
        if i >= 0.0 && i < items.len() as f64 {
            Some(items[i as usize])
        } else {
            None
        }
    }

    pub(crate) fn is_inlined_builtin(&self, name: Sym, v: Value) -> bool {
        let Some(o) = self.heap.obj(v) else {
            return false;
        };
        o.flags & crate::heap::FLAG_INLINED != 0
            && matches!(&o.payload, Payload::Native(n) if n.name == name)
    }

    /// `name := v` on `recv` where the slot exists or can be added here.
    #[inline(always)]
    pub(crate) fn set_slot_inline(
        &mut self,
        code: &Code,
        site: u32,
        recv: Value,
        v: Value,
    ) -> bool {
        let Some(o) = recv.as_obj() else {
            return false;
        };
        let cell = &code.ics[site as usize];
        if let Some(f) = ic::probe_site(&self.heap, cell, recv) {
            if f.via == ic::Holder::Recv && f.holder == o {
                self.heap.touched(o);
                self.heap.wrote(code.sites[site as usize].name);
                if let Some(slot) = self.heap.get_mut(o).slots.entries.get_mut(f.index as usize) {
                    slot.1 = v;
                    return true;
                }
            }
        }
        let name = code.sites[site as usize].name;
        self.heap.set_slot(o, name, v);
        // Remember where the slot is for the next time.
        let obj = self.heap.get(o);
        if let Some(i) = obj.slots.find(name) {
            ic::remember(
                cell,
                ic::Ic {
                    recv_shape: obj.shape,
                    index: i as u32,
                    ..ic::Ic::EMPTY
                },
            );
        }
        true
    }

    /// `name = v` on `recv` when the slot is the receiver's own, or (from a
    /// method's locals) its self's own and self's `updateSlot` is built in.
    #[inline(always)]
    pub(crate) fn update_slot_inline(
        &mut self,
        code: &Code,
        site: u32,
        recv: Value,
        v: Value,
    ) -> bool {
        let cell = &code.ics[site as usize];
        let name = code.sites[site as usize].name;
        let Some(found) = ic::lookup_site(&self.heap, cell, recv, name, self.p.number) else {
            return false;
        };
        self.update_found(found, name, v)
    }

    /// `name = v` where the lookup of `name` found `found`: done (true) when
    /// the slot is the receiver's own, or its self's own and self's
    /// `updateSlot` is built in.
    #[inline(always)]
    pub(crate) fn update_found(&mut self, found: ic::Found, name: Sym, v: Value) -> bool {
        match found.via {
            ic::Holder::Recv => {}
            ic::Holder::SelfObj => {
                let own = self.lookup(found.receiver, sym::update_slot);
                if !own.is_some_and(|f| self.is_inlined_builtin(sym::update_slot, f.value)) {
                    return false;
                }
            }
            ic::Holder::Fixed(_) => return false,
        }
        self.heap.touched(found.holder);
        self.heap.wrote(name);
        match self
            .heap
            .get_mut(found.holder)
            .slots
            .entries
            .get_mut(found.index as usize)
        {
            Some(slot) => {
                slot.1 = v;
                true
            }
            None => false,
        }
    }

    /// Whether the slot value `value`, found for message `name` in `holder`,
    /// is activated: plain values answer themselves, and so does a record's
    /// `self`, whatever it is.
    #[inline(always)]
    pub(crate) fn activated(&self, value: Value, name: Sym, holder: Value) -> bool {
        let Some(vo) = value.as_obj() else {
            return false;
        };
        // (nil, true and false are objects 0, 1 and 2, never activatable)
        vo.0 > 2
            && self.heap.get(vo).is_activatable()
            && !(name == sym::self_ && self.heap.obj(holder).is_some_and(|h| h.is_locals()))
    }

    /// Call native `f` for a send made by code frame `fi`.
    #[inline(always)]
    fn call_native_from(
        &mut self,
        fi: usize,
        f: crate::heap::NativeFn,
        target: Value,
        slot_context: Value,
        msg: Value,
        args: Args,
    ) -> NResult {
        let mut call = NativeCall {
            target,
            locals: self.frames[fi].locals,
            msg,
            args,
            slot_context,
        };
        self.call_native(f, &mut call)
    }

    /// What a native called from code frame `fi` answered: Ok(v) when the
    /// frame's code goes on with v as R; otherwise what run_code returns.
    #[inline]
    fn native_answered(
        &mut self,
        res: NResult,
        fi: usize,
        entry: Entry,
    ) -> Result<Value, Option<RunResult>> {
        match res {
            // (A native may have put a frame under this one: then the value
            // goes through the ordinary delivery.)
            Ok(Flow::Value(v)) if self.frames.len() == fi + 1 => Ok(v),
            // A plain coroutine switch (yield, resume): go straight on with
            // the other coroutine's top frame.
            Ok(Flow::Switch {
                to,
                answer,
                cont: None,
            }) if to.as_obj().is_some() => {
                let t = to.as_obj().expect("checked");
                let st = match self.switch_to(t, answer) {
                    Ok(v) => {
                        let above = !self.at_floor(entry);
                        match self.frames.last_mut() {
                            Some(f) if above && matches!(f.exec, Exec::Code { .. }) => {
                                f.r = v;
                                return Err(None);
                            }
                            _ => Step::Deliver(v),
                        }
                    }
                    Err(e) => Step::Raise(e),
                };
                Err(self.drive(st, entry))
            }
            other => Err(self.drive(Step::Native(other), entry)),
        }
    }

    /// The trampoline: perform steps until code can run again or the entry frame is done.
    fn drive(&mut self, mut step: Step, entry: Entry) -> Option<RunResult> {
        loop {
            step = match step {
                Step::Run => return None,
                Step::Done(r) => return Some(r),
                Step::Deliver(v) => self.deliver(v, entry),
                Step::Native(res) => self.handle_native(res, entry),
                Step::Raise(e) => self.raise(e, entry),
                Step::Unwind(u) => self.unwind(u, entry),
            }
        }
    }

    #[inline]
    pub(crate) fn save(&mut self, fi: usize, pc: usize, r: Value) {
        let f = &mut self.frames[fi];
        f.r = r;
        if let Exec::Code { pc: p, .. } = &mut f.exec {
            *p = pc as u32;
        }
    }

    /// How many of `argc` arguments to evaluate before activating `value`.
    pub(crate) fn args_wanted(&self, value: Value, argc: u32) -> u32 {
        let Some(o) = value.as_obj() else { return 0 };
        let obj = self.heap.get(o);
        if !obj.is_activatable() {
            return 0;
        }
        match &obj.payload {
            Payload::Native(n) => {
                if n.lazy {
                    0
                } else {
                    argc
                }
            }
            Payload::Block(b) => argc.min(b.args.len() as u32),
            _ => 0,
        }
    }

    /// Collect garbage if enough was allocated. Only called at safe points.
    fn maybe_collect(&mut self, entry: Entry) -> Option<Step> {
        if self.heap.allocated_since_gc >= self.heap.gc_threshold {
            self.collect_garbage();
            if let Some(max) = self.max_objects {
                if self.heap.len() > max {
                    return Some(self.halt("heap limit exceeded", entry));
                }
            }
        }
        None
    }

    /// Stop evaluation for an engine limit: unwinds past every Io handler.
    fn halt(&mut self, why: &str, entry: Entry) -> Step {
        let e = self.error(format!("evaluation stopped: {why}"));
        self.halted = true;
        self.abandon_to_entry(entry);
        Step::Done(Err(e))
    }

    pub fn collect_garbage(&mut self) -> usize {
        let roots = self.roots();
        let freed = self.heap.collect(&roots);
        crate::protos::js::release_dead(self);
        freed
    }

    /// What the collector marks from: the frames and stacks, the scheduler,
    /// the protos and the VM's own tables.
    pub fn roots(&self) -> Vec<Value> {
        let mut roots: Vec<Value> =
            Vec::with_capacity(self.stack.len() + self.frames.len() * 6 + 64);
        roots.extend(self.stack.iter().copied());
        for f in &self.frames {
            f.roots(&mut roots);
        }
        if let Some(u) = &self.under {
            u.roots(&mut roots);
        }
        roots.extend([
            Value::obj(self.current),
            Value::obj(self.sched.queue),
            Value::obj(self.sched.timers),
        ]);
        roots.extend(self.extra_roots.iter().copied());
        roots.extend(self.embedded_files.values().filter_map(|f| match f {
            crate::vm::Embedded::Parsed(tree) => Some(*tree),
            crate::vm::Embedded::Source(_) => None,
        }));
        let p = self.p;
        for r in [
            p.object,
            p.lobby,
            p.protos,
            p.core,
            p.number,
            p.sequence,
            p.list,
            p.map,
            p.block,
            p.message,
            p.call,
            p.cfunction,
            p.locals,
            p.exception,
            p.system,
            p.operator_table,
            p.nil,
            p.true_,
            p.false_,
            p.normal,
            p.break_,
            p.continue_,
            p.return_,
            p.coroutine,
            p.scheduler,
            p.continuation,
        ] {
            roots.push(Value::obj(r));
        }
        roots.extend(self.symbol_strings.values().map(|&r| Value::obj(r)));
        roots.extend(self.synthetic_msgs_values());
        self.js.roots(&mut roots);
        roots
    }

    /// Activate a looked-up slot value (native, block or activatable object).
    #[allow(clippy::too_many_arguments)]
    fn activate(
        &mut self,
        value: Value,
        recv: Value,
        holder: Value,
        args: Args,
        msg: Value,
        tail: bool,
        entry: Entry,
    ) -> Step {
        let Some(o) = value.as_obj() else {
            return Step::Deliver(value);
        };
        match &self.heap.get(o).payload {
            Payload::Native(n) => {
                let f = n.f;
                let locals = self.frames.last().map_or(Value::NIL, |f| f.locals);
                let mut call = NativeCall {
                    target: recv,
                    locals,
                    msg,
                    args,
                    slot_context: holder,
                };
                let res = self.call_native(f, &mut call);
                Step::Native(res)
            }
            Payload::Block(_) => self.activate_block(value, recv, holder, args, msg, tail, entry),
            _ => {
                // An activatable plain object runs its `activate` slot.
                match self.lookup(value, sym::activate) {
                    Some(f) if f.value != value && self.as_native_or_block(f.value) => {
                        // An Io `activate` method runs for the original receiver; a
                        // native one (a Message evaluating itself) for the object.
                        let av = f.value;
                        let h = Value::obj(f.holder);
                        let is_native = matches!(
                            self.heap.obj(av).map(|o| &o.payload),
                            Some(Payload::Native(_))
                        );
                        let target = if is_native { value } else { recv };
                        self.activate(av, target, h, args, msg, false, entry)
                    }
                    _ => Step::Deliver(value),
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn activate_block(
        &mut self,
        block: Value,
        recv: Value,
        holder: Value,
        args: Args,
        msg: Value,
        tail: bool,
        entry: Entry,
    ) -> Step {
        let Some(act) = self.new_activation(block, recv, holder, &args, msg) else {
            return Step::Deliver(Value::NIL);
        };
        // Tail call: the current activation is finished once this one is.
        if tail && self.depth() > self.floor(entry) + 1 {
            if let Some(top) = self.frames.last() {
                if matches!(top.kind, Kind::Activation { pass_stops: false }) && !act.pass_stops {
                    let done_locals = top.locals;
                    self.pop_frame();
                    // The finished activation no longer needs its caller: cutting the
                    // link keeps chains of tail calls from holding every record alive.
                    self.forget_sender(done_locals);
                }
            }
        }
        if let Some(e) = self.too_deep() {
            return Step::Raise(e);
        }
        self.push_activation(act, msg);
        Step::Run
    }

    /// The activation record of `block` sent as `msg` to `recv` (its Call
    /// made, its formals bound to `args`) and the code of its body; the
    /// sender is the top frame. None for a block without a body message.
    pub(crate) fn new_activation(
        &mut self,
        block: Value,
        recv: Value,
        holder: Value,
        args: &[Value],
        msg: Value,
    ) -> Option<Activation> {
        let (nformals, body, scope, pass_stops) = match self.as_block(block) {
            Some(b) => (b.args.len(), b.body, b.scope, b.pass_stops),
            None => return None,
        };
        let sender = self.frames.last().map_or(Value::NIL, |f| f.locals);
        let call = self.new_call(CallData {
            sender,
            target: recv,
            message: msg,
            activated: block,
            slot_context: holder,
            stop_status: Value::NIL,
        });
        let selfv = scope.unwrap_or(recv);
        let locals = self.new_locals(selfv, call);
        for i in 0..nformals {
            let name = match self.as_block(block) {
                Some(b) => b.args[i],
                None => break,
            };
            let v = args.get(i).copied().unwrap_or(Value::NIL);
            self.heap.set_slot(locals, name, v);
        }
        let bm = self.message_ref(body)?;
        let code = self.code_for(bm);
        Some(Activation {
            code,
            locals: Value::obj(locals),
            body,
            pass_stops,
        })
    }

    /// Push the frame of activation `act` (made for a send of `msg`).
    pub(crate) fn push_activation(&mut self, act: Activation, msg: Value) {
        self.frames.push(Frame {
            exec: Exec::Code {
                code: act.code,
                pc: 0,
            },
            kind: Kind::Activation {
                pass_stops: act.pass_stops,
            },
            r: Value::NIL,
            target: act.locals,
            locals: act.locals,
            base: self.stack.len() as u32,
            msg,
            owner: act.body,
        });
    }

    /// Act on what a native answered. The native was called from the top frame
    /// (a code frame paused after its Call op, or a native frame being resumed,
    /// which `resume_native` has already popped).
    fn handle_native(&mut self, res: NResult, entry: Entry) -> Step {
        let flow = match res {
            Ok(f) => f,
            Err(e) => return Step::Raise(e),
        };
        // Every evaluation a native asks for costs fuel, so native loops over
        // bodies that send nothing still run out.
        if !matches!(flow, Flow::Value(_) | Flow::Stop(..)) {
            if let Some(f) = &mut self.fuel {
                if *f == 0 {
                    return self.halt("step limit exceeded", entry);
                }
                *f -= 1;
            }
        }
        match flow {
            Flow::Value(v) => Step::Deliver(v),
            Flow::Stop(kind, v) => Step::Unwind(Unwind::Stop(kind, v)),
            Flow::Eval {
                msg,
                target,
                locals,
                cont,
            } => {
                self.push_cont(cont);
                let Some(m) = self.message_ref(msg) else {
                    return Step::Deliver(Value::NIL);
                };
                if let Some(e) = self.too_deep() {
                    return Step::Raise(e);
                }
                let code = self.code_for(m);
                self.frames.push(Frame {
                    exec: Exec::Code { code, pc: 0 },
                    kind: Kind::Eval,
                    r: Value::NIL,
                    target,
                    locals,
                    base: self.stack.len() as u32,
                    msg: Value::NIL,
                    owner: msg,
                });
                Step::Run
            }
            Flow::Activate {
                block,
                target,
                args,
                msg,
                cont,
            } => {
                self.push_cont(cont);
                let holder = block;
                if self.as_block(block).is_some() {
                    self.activate_block(block, target, holder, args, msg, false, entry)
                } else {
                    self.activate(block, target, holder, args, msg, false, entry)
                }
            }
            Flow::Send {
                target,
                name,
                args,
                cont,
            } => {
                self.push_cont(cont);
                self.send(target, name, args, entry)
            }
            Flow::Switch { to, answer, cont } => {
                self.push_cont(cont);
                let Some(to) = to.as_obj() else {
                    let e = self.error("resume: not a Coroutine");
                    return Step::Raise(e);
                };
                match self.switch_to(to, answer) {
                    Ok(v) => Step::Deliver(v),
                    Err(e) => Step::Raise(e),
                }
            }
            Flow::Invoke {
                continuation,
                value,
            } => match self.invoke_continuation(continuation) {
                Ok(()) => Step::Deliver(value),
                Err(e) => Step::Raise(e),
            },
        }
    }

    /// Frames of the running coroutine that belong to code below this run.
    #[inline]
    fn floor(&self, entry: Entry) -> usize {
        if self.current == entry.coro {
            entry.depth
        } else {
            0
        }
    }

    #[inline]
    fn at_floor(&self, entry: Entry) -> bool {
        self.depth() <= self.floor(entry)
    }

    /// The running coroutine has no frames left above the floor: the run is
    /// done, or a coroutine's body ended.
    fn bottom_reached(&mut self, res: RunResult, entry: Entry) -> Step {
        if self.current == entry.coro {
            Step::Done(res)
        } else {
            self.coro_end(res, entry)
        }
    }

    /// A coroutine's body ended with `res`: record it, then go on with the
    /// nearest waiting parent, else the next runnable coroutine; with nothing
    /// left, the run's own coroutine goes on with an exception.
    fn coro_end(&mut self, res: RunResult, entry: Entry) -> Step {
        let done = self.current;
        let catches = self.coro(Value::obj(done)).is_some_and(|c| c.catches);
        match res {
            Ok(v) => {
                self.heap.set_slot(done, sym::result, v);
            }
            Err(e) => {
                self.heap.set_slot(done, sym::exception, e);
                if !catches {
                    let text = crate::report::exception_report(self, e);
                    self.host.write_stderr(text.as_bytes());
                }
            }
        }
        if let Some(c) = self.coro_mut(done) {
            c.status = super::coro::Status::Finished;
        }
        // A parent goes on where it stopped, and is no longer waiting its turn.
        let next = match self.live_parent(done) {
            Some(p) => {
                if let Some(q) = self.queue_mut() {
                    q.retain(|c| *c != Value::obj(p));
                }
                Some(p)
            }
            None => self.next_runnable(),
        };
        if let Some(n) = next {
            match self.switch_to(n, Value::NIL) {
                Ok(v) => return Step::Deliver(v),
                Err(e) => return self.raise_in_entry(e, entry),
            }
        }
        let e = self.error("Scheduler: nothing left to resume so we are exiting");
        self.raise_in_entry(e, entry)
    }

    /// Go back to the run's own coroutine and raise `e` where it waits; if it
    /// cannot go on (Io code freed or restarted it), the run ends with `e`.
    fn raise_in_entry(&mut self, e: Value, entry: Entry) -> Step {
        let waiting =
            self.coro_status(Value::obj(entry.coro)) == Some(super::coro::Status::Suspended);
        if waiting && self.switch_to(entry.coro, Value::NIL).is_ok() {
            return Step::Raise(e);
        }
        self.force_entry(entry);
        Step::Done(Err(e))
    }

    /// Make the run's own coroutine the running one again, whatever state
    /// Io code left it in, with its frames cut back to the run's floor.
    fn force_entry(&mut self, entry: Entry) {
        if self.current != entry.coro {
            let waiting =
                self.coro_status(Value::obj(entry.coro)) == Some(super::coro::Status::Suspended);
            if !(waiting && self.switch_to(entry.coro, Value::NIL).is_ok()) {
                self.frames.clear();
                self.stack.clear();
                self.under = None;
                if let Some(c) = self.coro_mut(self.current) {
                    c.status = super::coro::Status::Finished;
                }
                self.current = entry.coro;
                if let Payload::Coro(c) = &mut self.heap.get_mut(entry.coro).payload {
                    c.status = super::coro::Status::Running;
                    std::mem::swap(&mut self.frames, &mut c.frames);
                    std::mem::swap(&mut self.stack, &mut c.stack);
                    std::mem::swap(&mut self.under, &mut c.under);
                }
            }
        }
        while self.depth() > entry.depth {
            self.pop_frame();
        }
    }

    /// Drop everything above the run's floor, going back to the run's own
    /// coroutine if another one is running (engine limits).
    fn abandon_to_entry(&mut self, entry: Entry) {
        if self.current != entry.coro {
            self.frames.clear();
            self.stack.clear();
            self.under = None;
            if let Some(c) = self.coro_mut(self.current) {
                c.status = super::coro::Status::Finished;
            }
        }
        self.force_entry(entry);
    }

    /// Send `name` to `target` with already-evaluated arguments.
    fn send(&mut self, target: Value, name: Sym, args: Args, entry: Entry) -> Step {
        let msg = self.synthetic_message(name);
        match self.lookup(target, name) {
            Some(f) => {
                let target = f.receiver;
                let activatable = f
                    .value
                    .as_obj()
                    .is_some_and(|o| self.heap.get(o).is_activatable());
                if activatable {
                    self.activate(
                        f.value,
                        target,
                        Value::obj(f.holder),
                        args,
                        msg,
                        false,
                        entry,
                    )
                } else {
                    Step::Deliver(f.value)
                }
            }
            None => match self.lookup(target, sym::forward) {
                // As for any send, an object without the slot may forward it.
                Some(f) => self.activate(
                    f.value,
                    f.receiver,
                    Value::obj(f.holder),
                    args,
                    msg,
                    false,
                    entry,
                ),
                None => {
                    let text = format!(
                        "'{}' does not respond to message '{}'",
                        self.type_name(target),
                        self.syms.name(name)
                    );
                    let e = self.error(text);
                    Step::Raise(e)
                }
            },
        }
    }

    fn push_cont(&mut self, cont: Option<Cont>) {
        if let Some(c) = cont {
            let (target, locals) = self
                .frames
                .last()
                .map_or((Value::NIL, Value::NIL), |f| (f.target, f.locals));
            self.frames.push(Frame {
                exec: Exec::Native(c),
                kind: Kind::Native,
                r: Value::NIL,
                target,
                locals,
                base: self.stack.len() as u32,
                msg: Value::NIL,
                owner: Value::NIL,
            });
        }
    }

    /// Pop the top frame and return its result to whoever waits for it.
    fn finish_frame(&mut self, v: Value, entry: Entry) -> Step {
        self.pop_frame();
        if self.at_floor(entry) {
            return self.bottom_reached(Ok(v), entry);
        }
        Step::Deliver(v)
    }

    /// Give `v` to the top frame: a code frame takes it as R; a native frame is resumed.
    fn deliver(&mut self, v: Value, entry: Entry) -> Step {
        if self.at_floor(entry) {
            return self.bottom_reached(Ok(v), entry);
        }
        let top = self.frames.len() - 1;
        match &self.frames[top].exec {
            Exec::Code { .. } => {
                self.frames[top].r = v;
                Step::Run
            }
            Exec::Native(_) => self.resume_native(Resume::Value(v), entry),
        }
    }

    /// Resume the native frame on top with `how`.
    fn resume_native(&mut self, how: Resume, entry: Entry) -> Step {
        let f = self.pop_frame().expect("native frame");
        let Exec::Native(mut c) = f.exec else {
            unreachable!("resume_native on a code frame")
        };
        let res = (c.f)(self, &mut c.state, how);
        // A native resumed with a stop or raise that answers the same stop/raise
        // continues unwinding from its parent.
        if self.current == entry.coro && self.depth() < entry.depth {
            return Step::Done(match res {
                Ok(Flow::Value(v)) => Ok(v),
                Err(e) => Err(e),
                _ => Ok(Value::NIL),
            });
        }
        Step::Native(res)
    }

    /// If the code frame `fi` is paused inside an inline loop, let the loop take
    /// a break or continue: reset the stack, set R and the pc. True if taken.
    fn inline_loop_takes(&mut self, fi: usize, k: Stop, v: Value) -> bool {
        let f = &self.frames[fi];
        let Exec::Code { code, pc } = &f.exec else {
            return false;
        };
        let at = pc.saturating_sub(1);
        let Some(l) = code
            .loops
            .iter()
            .rev()
            .find(|l| l.start < at && at < l.end)
            .copied()
        else {
            return false;
        };
        let base = f.base as usize + l.depth as usize;
        let f = &mut self.frames[fi];
        if k == Stop::Break {
            self.stack.truncate(base);
            f.r = v;
            if let Exec::Code { pc, .. } = &mut f.exec {
                *pc = l.end + 1;
            }
        } else {
            self.stack.truncate(base + l.slots as usize);
            if let Exec::Code { pc, .. } = &mut f.exec {
                *pc = l.cont;
            }
        }
        true
    }

    /// Run a native; an error it made itself records the message being sent.
    #[inline]
    pub(crate) fn call_native(
        &mut self,
        f: crate::heap::NativeFn,
        call: &mut NativeCall,
    ) -> NResult {
        let res = f(self, call);
        if let Err(e) = res {
            if e == self.last_error && !e.is_nil() {
                self.set_caught_message(e, call.msg);
                self.last_error = Value::NIL;
            }
        }
        res
    }

    fn as_native_or_block(&self, v: Value) -> bool {
        matches!(
            self.heap.obj(v).map(|o| &o.payload),
            Some(Payload::Native(_)) | Some(Payload::Block(_))
        )
    }

    /// For a Locals object, the `self` it forwards to; otherwise the value itself.
    pub(crate) fn effective_self(&self, v: Value) -> Value {
        let mut v = v;
        for _ in 0..64 {
            match self.heap.obj(v) {
                Some(o) if o.is_locals() => match o.get_local(sym::self_) {
                    Some(s) => v = s,
                    None => break,
                },
                _ => break,
            }
        }
        v
    }

    fn forget_sender(&mut self, locals: Value) {
        let call = self.heap.obj(locals).and_then(|l| l.get_local(sym::call));
        if let Some(c) = call.and_then(|c| c.as_obj()) {
            if let Payload::Call(cd) = &mut self.heap.get_mut(c).payload {
                cd.sender = Value::NIL;
            }
        }
    }

    pub fn set_caught_message(&mut self, e: Value, msg: Value) {
        if let Some(r) = e.as_obj() {
            self.heap.set_slot(r, sym::caught_message, msg);
        }
    }

    /// Start unwinding for exception `e`, recording the Io stack first.
    fn raise(&mut self, e: Value, _entry: Entry) -> Step {
        self.record_stack(e);
        if let Some(r) = e.as_obj() {
            if self
                .heap
                .get(r)
                .get_local(sym::coroutine)
                .is_none_or(|c| c.is_nil())
            {
                let c = Value::obj(self.current);
                self.heap.set_slot(r, sym::coroutine, c);
            }
        }
        Step::Unwind(Unwind::Raise(e))
    }

    /// Store a list of stack lines on the exception (once).
    fn record_stack(&mut self, e: Value) {
        let Some(er) = e.as_obj() else { return };
        if !matches!(self.heap.get(er).payload, Payload::None) {
            return;
        }
        if self.heap.get(er).get_local(sym::stack).is_some() {
            return;
        }
        let mut lines: Vec<Value> = Vec::new();
        let mut sites: Vec<(Option<Value>, Value)> = Vec::new();
        // The message being sent when the error happened: described by name alone.
        if let Some(cm) = self.heap.get(er).get_local(sym::caught_message) {
            sites.push((None, cm));
        }
        for f in self.frames.iter().rev() {
            if matches!(f.kind, Kind::Activation { .. }) && !f.msg.is_nil() {
                let target = self
                    .heap
                    .obj(f.locals)
                    .and_then(|l| l.get_local(sym::call))
                    .and_then(|c| match &self.heap.obj(c)?.payload {
                        Payload::Call(cd) => Some(cd.target),
                        _ => None,
                    })
                    .unwrap_or(Value::NIL);
                sites.push((Some(target), f.msg));
                if sites.len() >= 100 {
                    break;
                }
            }
        }
        for (target, m) in sites {
            let Some(md) = self.as_message(m) else {
                continue;
            };
            let name = self.syms.name(md.name).to_string();
            let label = md.label.to_string();
            let line = md.line;
            let file = label.rsplit('/').next().unwrap_or(&label).to_string();
            let desc = match target {
                Some(t) => format!("{} {}", self.type_name(t), name),
                None => name,
            };
            let text = format!("{desc:<36} {file} {line}");
            lines.push(self.str_value(&text));
        }
        let list = self.new_list(lines);
        self.heap.set_slot(er, sym::stack, list);
    }

    /// Unwind frames for a stop status or an exception.
    fn unwind(&mut self, mut u: Unwind, entry: Entry) -> Step {
        if self.halted {
            let e = match u {
                Unwind::Raise(e) | Unwind::Stop(_, e) => e,
            };
            self.abandon_to_entry(entry);
            return Step::Done(Err(e));
        }
        loop {
            if self.at_floor(entry) {
                let res = match u {
                    Unwind::Raise(e) => Err(e),
                    Unwind::Stop(_, v) => Ok(v),
                };
                return self.bottom_reached(res, entry);
            }
            let top = self.frames.len() - 1;
            let kind = self.frames[top].kind;
            match (kind, &u) {
                (Kind::Native, _) => {
                    let how = match u {
                        Unwind::Raise(e) => Resume::Raise(e),
                        Unwind::Stop(k, v) => Resume::Stop(k, v),
                    };
                    // Resume it: it may handle the unwind or pass it on.
                    let f = self.pop_frame().expect("top");
                    let Exec::Native(mut c) = f.exec else {
                        unreachable!()
                    };
                    match (c.f)(self, &mut c.state, how) {
                        Ok(Flow::Stop(k, v)) => u = Unwind::Stop(k, v),
                        Err(e) => {
                            self.record_stack(e);
                            u = Unwind::Raise(e)
                        }
                        other => return Step::Native(other),
                    }
                }
                (_, Unwind::Stop(k @ (Stop::Break | Stop::Continue), v))
                    if self.inline_loop_takes(top, *k, *v) =>
                {
                    return Step::Run;
                }
                (Kind::Activation { pass_stops: false }, Unwind::Stop(_, v))
                | (Kind::Top, Unwind::Stop(_, v)) => {
                    let v = *v;
                    return self.finish_frame(v, entry);
                }
                _ => {
                    self.pop_frame();
                }
            }
        }
    }
}

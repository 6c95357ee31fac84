//! The wasm backend: one function per compiled chain, added with walrus to
//! the pre-initialised module, and `io_aot.enter`, the dispatch over them
//! that the runtime calls (see io_runtime::vm::aot for the contract).
//!
//! A compiled function runs the chain's ops on the interpreter's frame: the
//! register and the operand stack live in wasm locals, loaded from the
//! frame on entry. Each op either is done in wasm (numbers checked and
//! computed as f64, control flow as branches) or through a runtime helper,
//! or is left: the function writes the register, the operand stack and the
//! op's pc back and returns, and the interpreter goes on from there. Ops
//! are laid out in pc order, each inline loop of the chain as a wasm loop
//! (see `structure`): forward jumps are plain branches, backward jumps
//! branch to their loop's head. A `br_table` on the pc enters the code
//! where the interpreter asks (the start or a loop head), and takes any
//! backward jump that heads no wasm loop. What `passes::numbers` knows to
//! be a Number is not checked again.

use crate::passes::numbers::Known;
use crate::passes::sites::{Inline, Plan};
use crate::passes::{Analysis, Unit};
use io_runtime::heap::{FLAG_WATCHED, GUARDED_NAMES};
use io_runtime::vm::aot::{offsets, FAIL, METHOD, PENDING, RAISED};
use io_runtime::vm::code::{Op, SendFrom};
use std::collections::BTreeMap;
use walrus::ir::{BinaryOp, Block, InstrSeqId, LoadKind, Loop, MemArg, StoreKind, UnaryOp};
use walrus::{FunctionBuilder, FunctionId, LocalId, MemoryId, Module, ValType};

const NIL: i64 = 0xFFFC_0000_0000_0000u64 as i64;
const TRUE: i64 = 0xFFFC_0000_0000_0001u64 as i64;
const FALSE: i64 = 0xFFFC_0000_0000_0002u64 as i64;
const CANON_NAN: i64 = 0x7FF8_0000_0000_0000;

/// The runtime's helpers, by the names the runner exports them under.
struct Helpers {
    stack_len: FunctionId,
    stack_get: FunctionId,
    stack_set_len: FunctionId,
    stack_put: FunctionId,
    konst: FunctionId,
    get: FunctionId,
    watch: FunctionId,
    arith: FunctionId,
    guard: FunctionId,
    assign: FunctionId,
    bind: FunctionId,
    each_at: FunctionId,
    lookup_call: FunctionId,
    call: FunctionId,
    invoke: FunctionId,
    local_get: FunctionId,
    local_put: FunctionId,
    plain: FunctionId,
    enter_frame: FunctionId,
}

/// Export names of the helpers (removed from the exports once linked).
const HELPERS: &[&str] = &[
    "io_aot_stack_len",
    "io_aot_stack_get",
    "io_aot_stack_set_len",
    "io_aot_stack_put",
    "io_aot_const",
    "io_aot_get",
    "io_aot_watch",
    "io_aot_arith",
    "io_aot_guard",
    "io_aot_assign",
    "io_aot_bind",
    "io_aot_each_at",
    "io_aot_lookup_call",
    "io_aot_call",
    "io_aot_invoke",
    "io_aot_local_get",
    "io_aot_local_put",
    "io_aot_plain",
    "io_aot_enter_frame",
];

fn helpers(m: &Module) -> Result<Helpers, String> {
    let f = |name: &str| -> Result<FunctionId, String> {
        m.exports
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| match e.item {
                walrus::ExportItem::Function(f) => Some(f),
                _ => None,
            })
            .ok_or_else(|| format!("the runtime exports no {name}"))
    };
    Ok(Helpers {
        stack_len: f("io_aot_stack_len")?,
        stack_get: f("io_aot_stack_get")?,
        stack_set_len: f("io_aot_stack_set_len")?,
        stack_put: f("io_aot_stack_put")?,
        konst: f("io_aot_const")?,
        get: f("io_aot_get")?,
        watch: f("io_aot_watch")?,
        arith: f("io_aot_arith")?,
        guard: f("io_aot_guard")?,
        assign: f("io_aot_assign")?,
        bind: f("io_aot_bind")?,
        each_at: f("io_aot_each_at")?,
        lookup_call: f("io_aot_lookup_call")?,
        call: f("io_aot_call")?,
        invoke: f("io_aot_invoke")?,
        local_get: f("io_aot_local_get")?,
        local_put: f("io_aot_local_put")?,
        plain: f("io_aot_plain")?,
        enter_frame: f("io_aot_enter_frame")?,
    })
}

/// Add the compiled functions of `analysis` to `m` and define
/// `io_aot.enter` over them (with none, `enter` does nothing). Answers
/// how many functions were added.
pub fn link(m: &mut Module, analysis: Option<&Analysis>) -> Result<usize, String> {
    let enter = m
        .imports
        .iter()
        .find(|i| i.module == "io_aot" && i.name == "enter")
        .and_then(|i| match i.kind {
            walrus::ImportKind::Function(f) => Some(f),
            _ => None,
        })
        .ok_or("the runtime imports no io_aot.enter")?;
    let h = helpers(m)?;
    let mem = m
        .memories
        .iter()
        .next()
        .ok_or("the runtime has no memory")?
        .id();
    let mut funcs = Vec::new();
    for unit in analysis
        .iter()
        .flat_map(|a| a.units.iter())
        .filter(|u| u.compiled())
    {
        let func = funcs.len() as u32;
        funcs.push(emit(m, &h, mem, unit, func));
    }
    let dispatch = dispatch(m, &funcs);
    m.replace_imported_func(enter, |(body, args)| {
        body.local_get(args[0])
            .local_get(args[1])
            .local_get(args[2])
            .call(dispatch);
    })
    .map_err(|e| format!("defining io_aot.enter: {e}"))?;
    let exports: Vec<walrus::ExportId> = m
        .exports
        .iter()
        .filter(|e| HELPERS.contains(&e.name.as_str()))
        .map(|e| e.id())
        .collect();
    for id in exports {
        m.exports.delete(id);
    }
    Ok(funcs.len())
}

/// A function `(which, vm, frame)` that calls compiled function `which`
/// of `funcs` with `(vm, frame)` through a `br_table` (nothing for any
/// other `which`).
fn dispatch(m: &mut Module, funcs: &[FunctionId]) -> FunctionId {
    use ValType::I32;
    let mut fb = FunctionBuilder::new(&mut m.types, &[I32, I32, I32], &[]);
    let (which, vm, frame) = (m.locals.add(I32), m.locals.add(I32), m.locals.add(I32));
    // block $none { block $f(n-1) { ... block $f0 { br_table } call f0;
    // return } ... call f(n-1); return }
    let none = fb.dangling_instr_seq(None).id();
    let blocks: Vec<InstrSeqId> = funcs
        .iter()
        .map(|_| fb.dangling_instr_seq(None).id())
        .collect();
    let body = fb.func_body_id();
    fb.instr_seq(body).instr(Block { seq: none });
    for (k, &f) in funcs.iter().enumerate() {
        let parent = blocks.get(k + 1).copied().unwrap_or(none);
        fb.instr_seq(parent)
            .instr(Block { seq: blocks[k] })
            .local_get(vm)
            .local_get(frame)
            .call(f)
            .return_();
    }
    let first = blocks.first().copied().unwrap_or(none);
    fb.instr_seq(first)
        .local_get(which)
        .br_table(blocks.clone().into_boxed_slice(), none);
    fb.finish(vec![which, vm, frame], &mut m.funcs)
}

/// The locals and ids one function's emission works with.
struct Emitter<'a> {
    fb: FunctionBuilder,
    h: &'a Helpers,
    mem: MemoryId,
    unit: &'a Unit,
    depths: Vec<u32>,
    vm: LocalId,
    frame: LocalId,
    r: LocalId,
    pc: LocalId,
    target: LocalId,
    locals: LocalId,
    nproto: LocalId,
    t: LocalId,
    fa: LocalId,
    fb2: LocalId,
    s: Vec<LocalId>,
    /// The Number native of each operator used (by index in `NUMBER_OPS`).
    ops: BTreeMap<u8, LocalId>,
    /// Segment starts (pcs), in order, and the chain's inline loops that
    /// are wasm loops (see `structure`).
    starts: Vec<usize>,
    loops: Vec<(usize, usize)>,
    /// Per segment: the sequence its code goes in, and the block whose end
    /// is its start (what a forward jump to it branches to; for a loop's
    /// head, the block just before the wasm loop).
    seg_seq: Vec<InstrSeqId>,
    seg_block: Vec<InstrSeqId>,
    /// The wasm loop of each loop head (by pc): a backward jump to it
    /// branches there.
    heads: BTreeMap<usize, InstrSeqId>,
    /// The loop whose head dispatches on the pc: entry, and backward jumps
    /// to a pc that heads no wasm loop.
    dispatch: InstrSeqId,
    /// 1 from entry (or a jump through `dispatch`) until the code reaches
    /// the pc entered at: the heads of loops that hold other entries then
    /// dispatch on the pc again.
    entering: LocalId,
    /// The blocks whose ends write the frame back (see `leave_into`): the
    /// end of the `d`th writes operand stack slot `d - 1`, then goes on to
    /// the end of the one before (the end of the first writes the rest),
    /// so code that leaves with `d` slots branches to the `d`th and only
    /// the slots live there are read. Then the pc and stack height written.
    leave: Vec<InstrSeqId>,
    exit_pc: LocalId,
    exit_depth: LocalId,
    /// 1 when leaving with a call under way: the runtime has set the
    /// operand stack's height already (the callee's frame is above it).
    keep_len: LocalId,
    /// The address of the runtime's `Watch`, and its version on entry.
    watch: LocalId,
    epoch: LocalId,
    /// How many slots of the locals object are kept (their values, and
    /// whether the locals object has each, are in the frame's `kept` and
    /// `has`), and the functions of this chain that write them into the
    /// locals object and read them from it.
    nkept: usize,
    kept_fns: (FunctionId, FunctionId),
    /// The frame's words of the kept slots' values, and of whether the
    /// locals object has each.
    kept_l: Vec<Word>,
    has_l: Vec<Word>,
    /// The memos (byte offsets in the function's memo area, which the
    /// runtime keeps from one activation to the next and zeroes when the
    /// collector runs; its address is in `marea`, its size `nwords` words).
    /// Per kept slot: the last object value found plain (not activatable),
    /// and `Watch::structure` + 1 then (which moves when a value's
    /// activatability changes).
    plain: Vec<(u32, u32)>,
    /// Per guard: the receiver it last held for, and `Watch::structure` + 1
    /// then (what it finds on that receiver cannot change until that moves),
    /// and the shape of receivers it holds for as well (i32; 0 for none; 1
    /// is every Number's).
    guards: BTreeMap<usize, (u32, u32, u32)>,
    marea: LocalId,
    nwords: u32,
    /// The function's index in the dispatch.
    func: u32,
    /// Scratch.
    tmp64: LocalId,
    /// The address of the runtime's `Layout` (see io_runtime::vm::aot).
    lay: LocalId,
    /// Scratch: an object record's address, and another i32.
    oaddr: LocalId,
    tmp32: LocalId,
    /// Per slot read or assignment on an object other than the locals
    /// object (by pc): the shape of the receiver the runtime last found the
    /// slot as an own slot of (0 for none), and the slot's index (i32s),
    /// so that it is read or written in place on a receiver of that shape.
    memos: BTreeMap<usize, (u32, u32)>,
}

fn mem_arg(offset: u32, align: u32) -> MemArg {
    MemArg { align, offset }
}

/// Loads of a whole word at an offset from the address on the stack.
trait LoadWord {
    fn load_i64(&mut self, mem: MemoryId, offset: u32) -> &mut Self;
    fn load_i32(&mut self, mem: MemoryId, offset: u32) -> &mut Self;
}

impl LoadWord for walrus::InstrSeqBuilder<'_> {
    fn load_i64(&mut self, mem: MemoryId, offset: u32) -> &mut Self {
        self.load(mem, LoadKind::I64 { atomic: false }, mem_arg(offset, 8))
    }
    fn load_i32(&mut self, mem: MemoryId, offset: u32) -> &mut Self {
        self.load(mem, LoadKind::I32 { atomic: false }, mem_arg(offset, 4))
    }
}

fn emit(m: &mut Module, h: &Helpers, mem: MemoryId, unit: &Unit, func: u32) -> FunctionId {
    use ValType::{F64, I32, I64};
    let code = &unit.code;
    let depths = code.depths();
    let deepest = depths.iter().copied().max().unwrap_or(0) as usize + 8;
    let mut fb = FunctionBuilder::new(&mut m.types, &[I32, I32], &[]);
    let none = fb.dangling_instr_seq(None).id();
    let dispatch = fb.dangling_instr_seq(None).id();
    let leave = (0..=deepest_slot(&depths, deepest))
        .map(|_| fb.dangling_instr_seq(None).id())
        .collect();
    let mut add = |ty| m.locals.add(ty);
    let (vm, frame) = (add(I32), add(I32));
    let (r, pc, target, locals, nproto, t) =
        (add(I64), add(I32), add(I64), add(I64), add(I64), add(I64));
    let (fa, fb2) = (add(F64), add(F64));
    let s: Vec<LocalId> = (0..deepest).map(|_| add(I64)).collect();
    let (exit_pc, exit_depth) = (add(I32), add(I32));
    let (keep_len, watch, epoch) = (add(I32), add(I32), add(I64));
    let nkept = unit.kept.names.len();
    let kept_fns = kept_fns(m, h, mem, unit);
    let mut add = |ty| m.locals.add(ty);
    let mut nwords = 0u32;
    let mut word = |n: u32| {
        nwords += n;
        8 * (nwords - n)
    };
    let plain = unit
        .kept
        .names
        .iter()
        .map(|_| {
            let w = word(2);
            (w, w + 8)
        })
        .collect();
    let guards = code
        .ops
        .iter()
        .enumerate()
        .filter(|&(_, op)| matches!(op, Op::Guard { .. }))
        .map(|(pc, _)| {
            let w = word(3);
            (pc, (w, w + 8, w + 16))
        })
        .collect();
    let memos = code
        .ops
        .iter()
        .enumerate()
        .filter(|&(pc, _)| memoized(unit, pc))
        .map(|(pc, _)| {
            let w = word(1);
            (pc, (w, w + 4))
        })
        .collect();
    let (lay, oaddr, tmp32) = (add(I32), add(I32), add(I32));
    let kept_l: Vec<Word> = (0..nkept)
        .map(|k| Word(offsets::KEPT + 8 * k as u32, I64))
        .collect();
    let has_l: Vec<Word> = (0..nkept)
        .map(|k| Word(offsets::HAS + 4 * k as u32, I32))
        .collect();
    let (marea, tmp64) = (add(I32), add(I64));
    let mut ops = BTreeMap::new();
    for plan in &unit.sites {
        if let Plan::Number(_, i) | Plan::Formula(i) = *plan {
            ops.entry(i).or_insert_with(|| add(I64));
        }
    }
    let (starts, loops) = structure(&code.ops);
    let entering = add(I32);
    let mut e = Emitter {
        fb,
        h,
        mem,
        unit,
        depths,
        vm,
        frame,
        r,
        pc,
        target,
        locals,
        nproto,
        t,
        fa,
        fb2,
        s,
        ops,
        starts,
        loops,
        seg_seq: Vec::new(),
        seg_block: Vec::new(),
        heads: BTreeMap::new(),
        dispatch,
        entering,
        leave,
        exit_pc,
        exit_depth,
        keep_len,
        watch,
        epoch,
        nkept,
        kept_fns,
        kept_l,
        has_l,
        plain,
        guards,
        marea,
        nwords,
        func,
        tmp64,
        lay,
        oaddr,
        tmp32,
        memos,
    };
    e.body(none);
    e.fb.finish(vec![vm, frame], &mut m.funcs)
}

impl Emitter<'_> {
    /// The function's body; `none` is the block left when the pc is no
    /// segment's start (nothing is entered).
    fn body(&mut self, none: InstrSeqId) {
        let body = self.fb.func_body_id();
        let (vm, frame) = (self.vm, self.frame);
        // Prologue: the frame's state into locals.
        for (local, off) in [
            (self.r, offsets::R),
            (self.target, offsets::TARGET),
            (self.locals, offsets::LOCALS),
        ] {
            self.fb
                .instr_seq(body)
                .local_get(frame)
                .load_i64(self.mem, off)
                .local_set(local);
        }
        let mem = self.mem;
        self.fb
            .instr_seq(body)
            .local_get(frame)
            .load_i32(mem, offsets::PC)
            .local_set(self.pc);
        // The layout of objects must be known, or nothing is entered.
        let (enter_frame, lay) = (self.h.enter_frame, self.lay);
        self.fb
            .instr_seq(body)
            .local_get(vm)
            .local_get(frame)
            .i32_const(self.func as i32)
            .i32_const(self.nwords as i32)
            .call(enter_frame)
            .unop(UnaryOp::I32Eqz)
            .if_else(
                None,
                |then| {
                    then.return_();
                },
                |_| {},
            )
            .local_get(frame)
            .load_i32(mem, offsets::LAYOUT)
            .local_set(lay)
            .local_get(frame)
            .load_i32(mem, offsets::MEMOS)
            .local_set(self.marea);
        // Number operators must still be the built-ins, or nothing is entered.
        let watch = self.watch;
        self.fb
            .instr_seq(body)
            .local_get(vm)
            .local_get(frame)
            .call(self.h.watch)
            .local_tee(watch)
            .load_i64(mem, offsets::WATCH_NUMBER_PROTO)
            .local_set(self.nproto)
            .local_get(watch)
            .load_i64(mem, offsets::WATCH_VERSION)
            .local_set(self.epoch);
        let named: Vec<(u8, LocalId)> = self.ops.iter().map(|(&k, &v)| (k, v)).collect();
        for (index, local) in named {
            self.fb
                .instr_seq(body)
                .local_get(watch)
                .load_i64(mem, offsets::WATCH_OPS + 8 * index as u32)
                .local_tee(local)
                .i64_const(FAIL as i64)
                .binop(BinaryOp::I64Eq)
                .if_else(
                    None,
                    |then| {
                        then.return_();
                    },
                    |_| {},
                );
        }
        // The operand stack: as high as at the deepest entry, at most.
        let entry_depth = self
            .starts
            .iter()
            .map(|&p| self.depths[p] as usize)
            .max()
            .unwrap_or(0);
        let height = self.t;
        self.fb
            .instr_seq(body)
            .local_get(vm)
            .local_get(frame)
            .call(self.h.stack_len)
            .unop(UnaryOp::I64ExtendUI32)
            .local_tee(height)
            .i64_const(entry_depth as i64)
            .binop(BinaryOp::I64GtU)
            .if_else(
                None,
                |then| {
                    then.return_();
                },
                |_| {},
            );
        for i in 0..entry_depth {
            let slot = self.s[i];
            let get = self.h.stack_get;
            self.fb
                .instr_seq(body)
                .local_get(height)
                .i64_const(i as i64)
                .binop(BinaryOp::I64GtU)
                .if_else(
                    None,
                    |then| {
                        then.local_get(vm)
                            .local_get(frame)
                            .i32_const(i as i32)
                            .call(get)
                            .local_set(slot);
                    },
                    |_| {},
                );
        }
        // The kept slots of the locals object (the target must be that
        // object, for what reaches it as the target to be kept too).
        if self.nkept > 0 {
            let (tg, lc) = (self.target, self.locals);
            self.fb
                .instr_seq(body)
                .local_get(tg)
                .local_get(lc)
                .binop(BinaryOp::I64Ne)
                .if_else(
                    None,
                    |then| {
                        then.return_();
                    },
                    |_| {},
                );
        }
        self.load_kept(body);
        // block $leave_0 { ... block $leave_D { block $none { loop
        // $dispatch { <the chain> } } return } put s[D-1] ... } write back
        let dispatch = self.dispatch;
        let leave = self.leave.clone();
        self.fb
            .instr_seq(body)
            .i32_const(1)
            .local_set(self.entering);
        self.fb.instr_seq(body).instr(Block { seq: leave[0] });
        let (vm, frame, put) = (self.vm, self.frame, self.h.stack_put);
        for d in 1..leave.len() {
            let slot = self.s[d - 1];
            self.fb
                .instr_seq(leave[d - 1])
                .instr(Block { seq: leave[d] })
                .local_get(vm)
                .local_get(frame)
                .i32_const(d as i32 - 1)
                .local_get(slot)
                .call(put);
        }
        let last = leave[leave.len() - 1];
        self.fb.instr_seq(last).instr(Block { seq: none }).return_();
        self.write_back(body);
        self.fb.instr_seq(none).instr(Loop { seq: dispatch });
        // Only where code is entered (the start, and the loop heads, where
        // the interpreter enters it and backward jumps go) is a target of
        // the dispatch: every other segment start is reached by falling
        // through or by forward branches alone.
        let n = self.unit.code.ops.len();
        let mut entries = vec![false; n];
        entries[0] = true;
        for (p, to) in edges(&self.unit.code.ops) {
            if to <= p {
                entries[to] = true;
            }
        }
        self.nest(none, &entries);
        for (p, &entry) in entries.iter().enumerate() {
            let j = match self.starts.binary_search(&p) {
                Ok(j) => j,
                Err(j) => j - 1,
            };
            let seq = self.seg_seq[j];
            if p == self.starts[j] && entry {
                self.entered(seq, p, none);
            }
            self.op(seq, j, p);
        }
    }

    /// Lay out the blocks and loops the segments' code goes in. Each region
    /// (the chain, in `$dispatch`, and each wasm loop) is its items (its
    /// segments, and the loops directly in it) in pc order:
    /// `block B_m-1 { ... block B_1 { block D { dispatch } item 0 } item 1
    /// ... } item m-1`, a loop item being `loop { its region }`. `D`
    /// dispatches on the pc (to the end of the block before the item that
    /// holds it): always in the chain's region (`none` for a pc that is no
    /// entry), and at the head of a loop that holds entries other than its
    /// head while `entering`.
    fn nest(&mut self, none: InstrSeqId, entries: &[bool]) {
        let n = self.unit.code.ops.len();
        let nseg = self.starts.len();
        // Regions: 0 is the chain; 1 + i is loop i (parents come first).
        let mut spans = vec![(0usize, n - 1)];
        spans.extend(self.loops.iter().copied());
        let inner = |at: usize, spans: &[(usize, usize)], skip: usize| -> usize {
            (0..spans.len())
                .rev()
                .find(|&r| r != skip && spans[r].0 <= at && at <= spans[r].1)
                .unwrap_or(0)
        };
        let seg_region: Vec<usize> = self
            .starts
            .iter()
            .map(|&p| inner(p, &spans, usize::MAX))
            .collect();
        let seqs: Vec<InstrSeqId> = (0..spans.len())
            .map(|r| {
                if r == 0 {
                    self.dispatch
                } else {
                    self.fb.dangling_instr_seq(None).id()
                }
            })
            .collect();
        // (segment or loop, start pc)
        let mut items: Vec<Vec<(Result<usize, usize>, usize)>> = vec![Vec::new(); spans.len()];
        for (j, &r) in seg_region.iter().enumerate() {
            items[r].push((Ok(j), self.starts[j]));
        }
        for r in 1..spans.len() {
            let parent = inner(spans[r].0, &spans[..r], usize::MAX);
            items[parent].push((Err(r), spans[r].0));
        }
        self.seg_seq = vec![seqs[0]; nseg];
        self.seg_block = vec![seqs[0]; nseg];
        for r in 0..spans.len() {
            let list = &mut items[r];
            list.sort_by_key(|&(_, at)| at);
            let list = list.clone();
            let m = list.len();
            let blocks: Vec<InstrSeqId> = (0..m)
                .map(|_| self.fb.dangling_instr_seq(None).id())
                .collect();
            let container = |k: usize| if k + 1 < m { blocks[k + 1] } else { seqs[r] };
            for k in (0..m).rev() {
                self.fb
                    .instr_seq(container(k))
                    .instr(Block { seq: blocks[k] });
            }
            for (k, &(item, _)) in list.iter().enumerate() {
                match item {
                    Ok(j) => {
                        self.seg_seq[j] = container(k);
                        if r == 0 || k > 0 {
                            self.seg_block[j] = blocks[k];
                        }
                    }
                    Err(c) => {
                        self.fb.instr_seq(container(k)).instr(Loop { seq: seqs[c] });
                        let j = self.starts.binary_search(&spans[c].0).unwrap_or(0);
                        self.seg_block[j] = blocks[k];
                        self.heads.insert(spans[c].0, seqs[c]);
                    }
                }
            }
            // The dispatch, in D (blocks[0]).
            let (from, to) = spans[r];
            let target = |p: usize| {
                let k = list.partition_point(|&(_, at)| at <= p).saturating_sub(1);
                blocks[k]
            };
            let d = blocks[0];
            if r == 0 {
                let table: Box<[InstrSeqId]> = (0..n)
                    .map(|p| if entries[p] { target(p) } else { none })
                    .collect();
                let pc = self.pc;
                self.fb.instr_seq(d).local_get(pc).br_table(table, none);
            } else if (from + 1..=to).any(|p| entries[p]) {
                let table: Box<[InstrSeqId]> = (from..=to)
                    .map(|p| if entries[p] { target(p) } else { d })
                    .collect();
                let (pc, entering) = (self.pc, self.entering);
                self.fb
                    .instr_seq(d)
                    .local_get(entering)
                    .unop(UnaryOp::I32Eqz)
                    .br_if(d)
                    .local_get(pc)
                    .i32_const(from as i32)
                    .binop(BinaryOp::I32Sub)
                    .br_table(table, d);
            }
        }
    }

    /// At a pc where code is entered: when entering, what is known there
    /// (see `passes::numbers`) checked, and nothing entered unless it
    /// holds; then the pc reached (no loop head on the way dispatches
    /// again).
    fn entered(&mut self, seq: InstrSeqId, p: usize, none: InstrSeqId) {
        let d = self.depths[p] as usize;
        let known = self.unit.numbers.before(p).cloned();
        // (values that must be Numbers: locals, and kept slots' words)
        let mut nums: Vec<LocalId> = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut has: Vec<Word> = Vec::new();
        if let Some(k) = &known {
            if k.r {
                nums.push(self.r);
            }
            for i in 0..d.min(self.s.len()) {
                if k.slot(i as u32) {
                    nums.push(self.s[i]);
                }
            }
            for i in 0..self.nkept {
                if k.num[i] {
                    words.push(self.kept_l[i]);
                }
                if k.has[i] {
                    has.push(self.has_l[i]);
                }
            }
        }
        let entering = self.entering;
        if !nums.is_empty() || !words.is_empty() || !has.is_empty() {
            let ok = self.fb.dangling_instr_seq(None).id();
            let (frame, mem, t) = (self.frame, self.mem, self.tmp64);
            let mut b = self.fb.instr_seq(ok);
            b.local_get(entering).unop(UnaryOp::I32Eqz).br_if(ok);
            b.i32_const(1);
            for v in nums {
                is_num(&mut b, v);
                b.binop(BinaryOp::I32And);
            }
            for w in words {
                w.get(&mut b, frame, mem);
                b.local_set(t);
                is_num(&mut b, t);
                b.binop(BinaryOp::I32And);
            }
            for h in has {
                h.get(&mut b, frame, mem);
                b.binop(BinaryOp::I32And);
            }
            b.br_if(ok).br(none);
            self.fb.instr_seq(seq).instr(Block { seq: ok });
        }
        self.fb.instr_seq(seq).i32_const(0).local_set(entering);
    }

    /// Whether `what` holds of what is known before the op at `p`.
    fn knows(&self, p: usize, what: impl FnOnce(&Known) -> bool) -> bool {
        self.unit.numbers.before(p).is_some_and(what)
    }

    /// Code that leaves for the interpreter at `pc` with stack height `d`.
    fn leave_into(&mut self, seq: InstrSeqId, pc: usize, d: u32) {
        let (xpc, xd) = (self.exit_pc, self.exit_depth);
        let leave = self.leave[(d as usize).min(self.leave.len() - 1)];
        self.fb
            .instr_seq(seq)
            .i32_const(pc as i32)
            .local_set(xpc)
            .i32_const(d as i32)
            .local_set(xd)
            .br(leave);
    }

    /// After the operand stack's slots (see `leave`): the kept slots, the
    /// stack's height (`exit_depth`, unless the runtime set it), the
    /// register and the pc written back to the frame.
    fn write_back(&mut self, seq: InstrSeqId) {
        let (vm, frame, mem) = (self.vm, self.frame, self.mem);
        let (xpc, xd) = (self.exit_pc, self.exit_depth);
        self.store_kept(seq);
        let set_len = self.h.stack_set_len;
        self.fb.instr_seq(seq).local_get(self.keep_len).if_else(
            None,
            |_| {},
            |els| {
                els.local_get(vm)
                    .local_get(frame)
                    .local_get(xd)
                    .call(set_len);
            },
        );
        self.fb
            .instr_seq(seq)
            .local_get(frame)
            .local_get(self.r)
            .store(
                mem,
                StoreKind::I64 { atomic: false },
                mem_arg(offsets::R, 8),
            )
            .local_get(frame)
            .local_get(xpc)
            .store(
                mem,
                StoreKind::I32 { atomic: false },
                mem_arg(offsets::PC, 4),
            );
    }

    /// Leave at `pc` when `v` is the locals object itself (reached another
    /// way than as the locals: its kept slots are only in the frame).
    fn not_locals(&mut self, seq: InstrSeqId, pc: usize, d: u32, v: LocalId) {
        if self.nkept == 0 {
            return;
        }
        let l = self.locals;
        self.check(seq, pc, d, |b| {
            b.local_get(v).local_get(l).binop(BinaryOp::I64Ne);
        });
    }

    /// Unless the i32 that `cond` pushes is true, leave at `pc` with height `d`.
    fn check(
        &mut self,
        seq: InstrSeqId,
        pc: usize,
        d: u32,
        cond: impl FnOnce(&mut walrus::InstrSeqBuilder),
    ) {
        let ok = self.fb.dangling_instr_seq(None).id();
        {
            let mut b = self.fb.instr_seq(ok);
            cond(&mut b);
            b.br_if(ok);
        }
        self.leave_into(ok, pc, d);
        self.fb.instr_seq(seq).instr(Block { seq: ok });
    }

    /// Go to `to` from segment `j`: forward, to the end of the block
    /// before it; backward, to the head of its wasm loop, or else through
    /// the dispatch.
    fn jump(&mut self, seq: InstrSeqId, j: usize, to: usize) {
        let k = self.starts.binary_search(&to).unwrap_or(0);
        if k > j {
            let b = self.seg_block[k];
            self.fb.instr_seq(seq).br(b);
        } else if let Some(&head) = self.heads.get(&to) {
            self.fb.instr_seq(seq).br(head);
        } else {
            let (pc, d, entering) = (self.pc, self.dispatch, self.entering);
            self.fb
                .instr_seq(seq)
                .i32_const(to as i32)
                .local_set(pc)
                .i32_const(1)
                .local_set(entering)
                .br(d);
        }
    }

    fn op(&mut self, seq: InstrSeqId, j: usize, p: usize) {
        let code = self.unit.code.clone();
        let d = self.depths[p];
        let (vm, frame, r) = (self.vm, self.frame, self.r);
        let s = self.s.clone();
        let slot = |i: u32| s[i as usize];
        match code.ops[p] {
            Op::Target => {
                let t = self.target;
                self.fb.instr_seq(seq).local_get(t).local_set(r);
            }
            Op::Locals => {
                let l = self.locals;
                self.fb.instr_seq(seq).local_get(l).local_set(r);
            }
            Op::Const { k } => {
                let v = code.consts[k as usize];
                if v.is_num() {
                    self.fb
                        .instr_seq(seq)
                        .i64_const(v.bits() as i64)
                        .local_set(r);
                } else {
                    let f = self.h.konst;
                    self.fb
                        .instr_seq(seq)
                        .local_get(vm)
                        .local_get(frame)
                        .i32_const(k as i32)
                        .call(f)
                        .local_set(r);
                }
            }
            Op::Send { site, call, from } => self.send(seq, p, site, call, from),
            Op::Arg { .. } | Op::PushR => {
                self.fb.instr_seq(seq).local_get(r).local_set(slot(d));
            }
            Op::Call { site } => self.call(seq, p, site),
            Op::Guard { site, .. }
                if self.unit.kept.on_locals[p]
                    && self.knows(p, |k| k.guards.contains(&code.sites[site as usize].name.0)) =>
            {
                // (held on the locals object, and nothing written since)
            }
            Op::Guard { site, generic } => {
                let f = self.h.guard;
                let skip = self.fb.dangling_instr_seq(None).id();
                let (at, g, gs) = self.guards[&p];
                let (watch, mem, tmp) = (self.watch, self.mem, self.tmp32);
                let (marea, tmp64, oaddr) = (self.marea, self.tmp64, self.oaddr);
                use ValType::{I32, I64};
                // Held before for this receiver, or for receivers of its
                // shape, and nothing changed since.
                let slow = self.fb.dangling_instr_seq(None).id();
                {
                    let mut b = self.fb.instr_seq(slow);
                    structure_now(&mut b, watch, mem);
                    mget(&mut b, marea, mem, g, I64);
                    b.binop(BinaryOp::I64Ne).br_if(slow).local_get(r);
                    mget(&mut b, marea, mem, at, I64);
                    b.binop(BinaryOp::I64Eq).br_if(skip);
                }
                self.shape_of(slow, r);
                {
                    let mut b = self.fb.instr_seq(slow);
                    mget(&mut b, marea, mem, gs, I32);
                    b.binop(BinaryOp::I32Eq).br_if(skip);
                }
                self.fb.instr_seq(skip).instr(Block { seq: slow });
                let fail = self.fb.dangling_instr_seq(None).id();
                self.fb
                    .instr_seq(fail)
                    .local_get(vm)
                    .local_get(frame)
                    .i32_const(site as i32)
                    .local_get(r)
                    .call(f)
                    .local_tee(tmp)
                    .unop(UnaryOp::I32Eqz)
                    .br_if(fail);
                {
                    let mut b = self.fb.instr_seq(fail);
                    structure_now(&mut b, watch, mem);
                    b.local_set(tmp64);
                    mset(&mut b, marea, mem, g, I64, tmp64);
                    mset(&mut b, marea, mem, at, I64, r);
                }
                self.shape_of(fail, r);
                {
                    let mut b = self.fb.instr_seq(fail);
                    b.i32_const(0)
                        .local_get(tmp)
                        .i32_const(2)
                        .binop(BinaryOp::I32Eq)
                        .select(None)
                        .local_set(oaddr);
                    mset(&mut b, marea, mem, gs, I32, oaddr);
                    b.br(skip);
                }
                self.fb.instr_seq(skip).instr(Block { seq: fail });
                self.jump(skip, j, generic as usize);
                self.fb.instr_seq(seq).instr(Block { seq: skip });
            }
            Op::PushNil => {
                self.fb.instr_seq(seq).i64_const(NIL).local_set(slot(d));
            }
            Op::StoreTop => {
                self.fb.instr_seq(seq).local_get(r).local_set(slot(d - 1));
            }
            Op::PopToR => {
                self.fb.instr_seq(seq).local_get(slot(d - 1)).local_set(r);
            }
            Op::LoopExit { .. } => {
                self.fb.instr_seq(seq).local_get(slot(d - 1)).local_set(r);
            }
            Op::RepeatSetup => {
                let n = slot(d - 1);
                if !self.knows(p, |k| k.slot(d - 1)) {
                    self.check(seq, p, d, |b| {
                        is_num(b, n);
                    });
                }
                let fa = self.fa;
                self.fb
                    .instr_seq(seq)
                    .local_get(n)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .unop(UnaryOp::F64Floor)
                    .f64_const(1.0)
                    .binop(BinaryOp::F64Sub)
                    .local_set(fa);
                box_f64(&mut self.fb.instr_seq(seq), fa);
                self.fb
                    .instr_seq(seq)
                    .local_set(slot(d))
                    .i64_const(0.0f64.to_bits() as i64)
                    .local_set(n)
                    .i64_const(1.0f64.to_bits() as i64)
                    .local_set(slot(d + 1))
                    .i64_const(NIL)
                    .local_set(slot(d + 2));
            }
            Op::CountNext { counter, exit } => {
                let (i, end, step) = (slot(d - 4), slot(d - 3), slot(d - 2));
                let known = self.knows(p, |k| k.slot(d - 4) && k.slot(d - 3) && k.slot(d - 2));
                self.check(seq, p, d, |b| {
                    if known {
                        b.i32_const(1);
                    } else {
                        is_num(b, i);
                        is_num(b, end);
                        b.binop(BinaryOp::I32And);
                        is_num(b, step);
                        b.binop(BinaryOp::I32And);
                    }
                    b.local_get(step)
                        .unop(UnaryOp::F64ReinterpretI64)
                        .f64_const(0.0)
                        .binop(BinaryOp::F64Ne)
                        .binop(BinaryOp::I32And);
                });
                // past the end: (step > 0 and i > end) or (step < 0 and i < end)
                let past = self.fb.dangling_instr_seq(None).id();
                {
                    let f = |b: &mut walrus::InstrSeqBuilder, x: LocalId| {
                        b.local_get(x).unop(UnaryOp::F64ReinterpretI64);
                    };
                    let mut b = self.fb.instr_seq(past);
                    f(&mut b, step);
                    b.f64_const(0.0).binop(BinaryOp::F64Gt);
                    f(&mut b, i);
                    f(&mut b, end);
                    b.binop(BinaryOp::F64Gt).binop(BinaryOp::I32And);
                    f(&mut b, step);
                    b.f64_const(0.0).binop(BinaryOp::F64Lt);
                    f(&mut b, i);
                    f(&mut b, end);
                    b.binop(BinaryOp::F64Lt)
                        .binop(BinaryOp::I32And)
                        .binop(BinaryOp::I32Or)
                        .unop(UnaryOp::I32Eqz)
                        .br_if(past);
                }
                self.jump(past, j, exit as usize);
                self.fb.instr_seq(seq).instr(Block { seq: past });
                if counter != u32::MAX {
                    self.bind(seq, (p, d), i);
                }
            }
            Op::Bind { .. } => self.bind(seq, (p, d), r),
            Op::EachNext { exit } => {
                let (list, i) = (slot(d - 3), slot(d - 2));
                let t = self.t;
                self.each_at(seq, (p, d), (list, i), 0.0);
                let past = self.fb.dangling_instr_seq(None).id();
                self.fb
                    .instr_seq(past)
                    .local_get(t)
                    .i64_const(FAIL as i64)
                    .binop(BinaryOp::I64Ne)
                    .br_if(past);
                self.jump(past, j, exit as usize);
                self.fb.instr_seq(seq).instr(Block { seq: past });
                let fa = self.fa;
                self.fb
                    .instr_seq(seq)
                    .local_get(t)
                    .local_set(r)
                    .local_get(i)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .f64_const(1.0)
                    .binop(BinaryOp::F64Add)
                    .local_set(fa);
                box_f64(&mut self.fb.instr_seq(seq), fa);
                self.fb.instr_seq(seq).local_set(i);
            }
            Op::EachItem => {
                let (list, i) = (slot(d - 3), slot(d - 2));
                let t = self.t;
                self.each_at(seq, (p, d), (list, i), -1.0);
                self.check(seq, p, d, |b| {
                    b.local_get(t).i64_const(FAIL as i64).binop(BinaryOp::I64Ne);
                });
                self.fb.instr_seq(seq).local_get(t).local_set(r);
            }
            Op::EachIndex => {
                let i = slot(d - 2);
                if !self.knows(p, |k| k.slot(d - 2)) {
                    self.check(seq, p, d, |b| is_num(b, i));
                }
                let fa = self.fa;
                self.fb
                    .instr_seq(seq)
                    .local_get(i)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .f64_const(-1.0)
                    .binop(BinaryOp::F64Add)
                    .local_set(fa);
                box_f64(&mut self.fb.instr_seq(seq), fa);
                self.fb.instr_seq(seq).local_set(r);
            }
            Op::CountStep => {
                let (i, step) = (slot(d - 4), slot(d - 2));
                if !self.knows(p, |k| k.slot(d - 4) && k.slot(d - 2)) {
                    self.check(seq, p, d, |b| {
                        is_num(b, i);
                        is_num(b, step);
                        b.binop(BinaryOp::I32And);
                    });
                }
                let fa = self.fa;
                self.fb
                    .instr_seq(seq)
                    .local_get(i)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .local_get(step)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .binop(BinaryOp::F64Add)
                    .local_set(fa);
                box_f64(&mut self.fb.instr_seq(seq), fa);
                self.fb.instr_seq(seq).local_set(i);
            }
            Op::SetSlot { .. } | Op::UpdateSlot { .. } => {
                let f = self.h.assign;
                let recv = slot(d - 1);
                let kept = self.unit.kept.at[p];
                let done = self.fb.dangling_instr_seq(None).id();
                let mem = self.mem;
                // A kept slot the locals object has is assigned in place;
                // anything else through the runtime.
                if let Some(k) = kept.filter(|&k| self.knows(p, |n| n.has[k])) {
                    // (the locals object has it)
                    let kl = self.kept_l[k];
                    let mut b = self.fb.instr_seq(done);
                    kl.set(&mut b, frame, mem, r);
                    b.br(done);
                } else if let Some(k) = kept {
                    let (kl, hl) = (self.kept_l[k], self.has_l[k]);
                    let mut b = self.fb.instr_seq(done);
                    hl.get(&mut b, frame, mem);
                    b.if_else(
                        None,
                        |then| {
                            kl.set(then, frame, mem, r);
                            then.br(done);
                        },
                        |_| {},
                    );
                } else if !self.unit.kept.on_locals[p] {
                    self.not_locals(done, p, d, recv);
                }
                // An own slot where the runtime last found it, of an
                // object that is not watched.
                if let Some(&(shape, index)) = self.memos.get(&p) {
                    let miss = self.fb.dangling_instr_seq(None).id();
                    self.shape_is(miss, recv, shape);
                    let (oaddr, mem) = (self.oaddr, self.mem);
                    self.fb.instr_seq(miss).local_get(oaddr);
                    self.layout_field(miss, offsets::LAYOUT_FLAGS);
                    self.fb
                        .instr_seq(miss)
                        .binop(BinaryOp::I32Add)
                        .load(
                            mem,
                            LoadKind::I32_8 {
                                kind: walrus::ir::ExtendedLoad::ZeroExtend,
                            },
                            mem_arg(0, 1),
                        )
                        .i32_const(FLAG_WATCHED as i32)
                        .binop(BinaryOp::I32And)
                        .br_if(miss);
                    self.slot_addr(miss, index);
                    self.fb
                        .instr_seq(miss)
                        .local_get(r)
                        .store(mem, StoreKind::I64 { atomic: false }, mem_arg(0, 8))
                        .br(done);
                    self.fb.instr_seq(done).instr(Block { seq: miss });
                }
                self.check(done, p, d, |b| {
                    b.local_get(vm)
                        .local_get(frame)
                        .i32_const(p as i32)
                        .local_get(recv)
                        .local_get(r)
                        .call(f);
                });
                self.take_memo(done, p);
                if let (Some(k), Op::SetSlot { .. }) = (kept, code.ops[p]) {
                    // (`:=` made it the locals object's own)
                    let (kl, hl) = (self.kept_l[k], self.has_l[k]);
                    let mut b = self.fb.instr_seq(done);
                    kl.set(&mut b, frame, mem, r);
                    hl.set_i32(&mut b, frame, mem, 1);
                }
                self.fb.instr_seq(seq).instr(Block { seq: done });
            }
            Op::JumpIfFalse { to } => {
                let go = self.fb.dangling_instr_seq(None).id();
                self.fb
                    .instr_seq(go)
                    .local_get(r)
                    .i64_const(NIL)
                    .binop(BinaryOp::I64Ne)
                    .local_get(r)
                    .i64_const(FALSE)
                    .binop(BinaryOp::I64Ne)
                    .binop(BinaryOp::I32And)
                    .br_if(go);
                self.jump(go, j, to as usize);
                self.fb.instr_seq(seq).instr(Block { seq: go });
            }
            Op::Jump { to } => self.jump(seq, j, to as usize),
            Op::ToBool => {
                self.fb
                    .instr_seq(seq)
                    .i64_const(TRUE)
                    .i64_const(FALSE)
                    .local_get(r)
                    .i64_const(NIL)
                    .binop(BinaryOp::I64Ne)
                    .local_get(r)
                    .i64_const(FALSE)
                    .binop(BinaryOp::I64Ne)
                    .binop(BinaryOp::I32And)
                    .select(None)
                    .local_set(r);
            }
            Op::SendMessage { .. } | Op::End => self.leave_into(seq, p, d),
        }
    }

    fn send(&mut self, seq: InstrSeqId, p: usize, site: u32, call: u32, from: SendFrom) {
        let (vm, frame, r) = (self.vm, self.frame, self.r);
        let d = self.depths[p];
        match from {
            SendFrom::R => {}
            SendFrom::Target => {
                let t = self.target;
                self.fb.instr_seq(seq).local_get(t).local_set(r);
            }
            SendFrom::Locals => {
                let l = self.locals;
                self.fb.instr_seq(seq).local_get(l).local_set(r);
            }
        }
        let plan = self.unit.plan(site);
        let s = self.s.clone();
        let hdr = |i: u32| s[(d + i) as usize];
        match plan {
            Plan::Get => {
                let (t, f) = (self.t, self.h.get);
                let outer = seq;
                let seq = self.fb.dangling_instr_seq(None).id();
                // A kept slot the locals object has: its value, unless it
                // is activated (then the interpreter sends it).
                let kept = self.unit.kept.at[p];
                if let Some(k) = kept.filter(|&k| self.knows(p, |n| n.num[k] && n.has[k])) {
                    // A Number the locals object has.
                    let (kl, mem) = (self.kept_l[k], self.mem);
                    let mut b = self.fb.instr_seq(seq);
                    kl.get(&mut b, frame, mem);
                    b.local_set(r);
                    self.fb.instr_seq(outer).instr(Block { seq });
                    return;
                }
                if let Some(k) = kept {
                    let value = t;
                    let (seen, at) = self.plain[k];
                    let (plain, done) = (self.h.plain, seq);
                    let (watch, mem) = (self.watch, self.mem);
                    let structure = |b: &mut walrus::InstrSeqBuilder| structure_now(b, watch, mem);
                    let slow = self.fb.dangling_instr_seq(None).id();
                    let (kl, hl) = (self.kept_l[k], self.has_l[k]);
                    let mut b = self.fb.instr_seq(slow);
                    hl.get(&mut b, frame, mem);
                    b.unop(UnaryOp::I32Eqz).br_if(slow);
                    kl.get(&mut b, frame, mem);
                    b.local_set(value);
                    is_num(&mut b, value);
                    b.if_else(
                        None,
                        |then| {
                            then.local_get(value).local_set(r).br(done);
                        },
                        |_| {},
                    );
                    // (Found plain before, and nothing changed since.)
                    let (marea, tmp64) = (self.marea, self.tmp64);
                    b.local_get(value);
                    mget(&mut b, marea, mem, seen, ValType::I64);
                    b.binop(BinaryOp::I64Eq);
                    structure(&mut b);
                    mget(&mut b, marea, mem, at, ValType::I64);
                    b.binop(BinaryOp::I64Eq)
                        .binop(BinaryOp::I32And)
                        .if_else(
                            None,
                            |then| {
                                then.local_get(value).local_set(r).br(done);
                            },
                            |_| {},
                        )
                        .local_get(vm)
                        .local_get(frame)
                        .local_get(value)
                        .call(plain)
                        .if_else(
                            None,
                            |then| {
                                then.local_get(value).local_set(r);
                                mset(then, marea, mem, seen, ValType::I64, value);
                                structure(then);
                                then.local_set(tmp64);
                                mset(then, marea, mem, at, ValType::I64, tmp64);
                                then.br(done);
                            },
                            |_| {},
                        );
                    self.leave_into(slow, p, d);
                    self.fb.instr_seq(seq).instr(Block { seq: slow });
                } else if !self.unit.kept.on_locals[p] {
                    self.not_locals(seq, p, d, r);
                }
                // A Number in the own slot where the runtime last found it.
                if let Some(&(shape, index)) = self.memos.get(&p) {
                    let miss = self.fb.dangling_instr_seq(None).id();
                    self.shape_is(miss, r, shape);
                    self.slot_addr(miss, index);
                    let mem = self.mem;
                    let mut b = self.fb.instr_seq(miss);
                    b.load_i64(mem, 0).local_tee(t);
                    is_num(&mut b, t);
                    b.unop(UnaryOp::I32Eqz)
                        .br_if(miss)
                        .local_get(t)
                        .local_set(r)
                        .br(seq);
                    self.fb.instr_seq(seq).instr(Block { seq: miss });
                }
                let after = call as usize + 1;
                let da = self.depths.get(after).copied().unwrap_or(d);
                self.fb
                    .instr_seq(seq)
                    .local_get(vm)
                    .local_get(frame)
                    .i32_const(site as i32)
                    .local_get(r)
                    .i32_const(da as i32)
                    .call(f)
                    .local_set(t);
                self.answered(seq, (p, d), (after, da));
                self.take_memo(seq, p);
                // An Io method: activated through the runtime, its value,
                // holder and receiver from the scratch words.
                let (value, holder, recv) = (hdr(0), hdr(1), hdr(2));
                let method = self.fb.dangling_instr_seq(None).id();
                self.fb
                    .instr_seq(method)
                    .local_get(t)
                    .i64_const(METHOD as i64)
                    .binop(BinaryOp::I64Ne)
                    .br_if(method);
                let mem = self.mem;
                for (local, w) in [(value, 0u32), (holder, 1), (recv, 2)] {
                    self.fb
                        .instr_seq(method)
                        .local_get(frame)
                        .load_i64(mem, offsets::SCRATCH + 8 * w)
                        .local_set(local);
                }
                let call_site = Callee {
                    site,
                    argc: 0,
                    recv,
                    value,
                    holder,
                };
                self.invoke(method, (p, d), (after, da), call_site);
                self.fb.instr_seq(method).local_get(r).local_set(t);
                self.fb.instr_seq(seq).instr(Block { seq: method });
                self.fb.instr_seq(seq).local_get(t).local_set(r);
                self.fb.instr_seq(outer).instr(Block { seq });
            }
            Plan::Number(_, i) | Plan::Formula(i) => {
                if from != SendFrom::R || !self.knows(p, |k| k.r) {
                    self.check(seq, p, d, |b| {
                        is_num(b, r);
                    });
                }
                let native = self.ops[&i];
                let np = self.nproto;
                self.fb
                    .instr_seq(seq)
                    .local_get(r)
                    .local_set(hdr(0))
                    .local_get(native)
                    .local_set(hdr(1))
                    .local_get(np)
                    .local_set(hdr(2))
                    .i64_const(1.0f64.to_bits() as i64)
                    .local_set(hdr(3));
            }
            Plan::Call => {
                let f = self.h.lookup_call;
                self.check(seq, p, d, |b| {
                    b.local_get(vm)
                        .local_get(frame)
                        .i32_const(site as i32)
                        .local_get(r)
                        .call(f);
                });
                let argc = self.unit.code.sites[site as usize].argc;
                let mem = self.mem;
                for (k, w) in [(0u32, 2u32), (1, 0), (2, 1)] {
                    self.fb
                        .instr_seq(seq)
                        .local_get(frame)
                        .load_i64(mem, offsets::SCRATCH + 8 * w)
                        .local_set(hdr(k));
                }
                self.fb
                    .instr_seq(seq)
                    .i64_const((argc as f64).to_bits() as i64)
                    .local_set(hdr(3));
            }
            Plan::Leave => self.leave_into(seq, p, d),
        }
    }

    fn call(&mut self, seq: InstrSeqId, p: usize, site: u32) {
        let (vm, frame, r) = (self.vm, self.frame, self.r);
        let d = self.depths[p];
        let plan = self.unit.plan(site);
        let argc = self.unit.code.sites[site as usize].argc;
        let s = self.s.clone();
        let base = d - argc - 4;
        let at = |i: u32| s[(base + i) as usize];
        match plan {
            // (the Send did it all)
            Plan::Get | Plan::Leave => {}
            Plan::Number(op, _) => {
                let (a, b) = (at(0), at(4));
                if !self.knows(p, |k| k.slot(base + 4)) {
                    self.check(seq, p, d, |c| {
                        is_num(c, b);
                    });
                }
                let (fa, fb2) = (self.fa, self.fb2);
                self.fb
                    .instr_seq(seq)
                    .local_get(a)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .local_set(fa)
                    .local_get(b)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .local_set(fb2);
                let compare = |bop| (true, bop);
                let (is_cmp, bop) = match op {
                    Inline::Add => (false, BinaryOp::F64Add),
                    Inline::Sub => (false, BinaryOp::F64Sub),
                    Inline::Mul => (false, BinaryOp::F64Mul),
                    Inline::Div => (false, BinaryOp::F64Div),
                    Inline::Eq => compare(BinaryOp::F64Eq),
                    Inline::Ne => compare(BinaryOp::F64Ne),
                    Inline::Lt => compare(BinaryOp::F64Lt),
                    Inline::Le => compare(BinaryOp::F64Le),
                    Inline::Gt => compare(BinaryOp::F64Gt),
                    Inline::Ge => compare(BinaryOp::F64Ge),
                };
                let mut b = self.fb.instr_seq(seq);
                if is_cmp {
                    b.i64_const(TRUE)
                        .i64_const(FALSE)
                        .local_get(fa)
                        .local_get(fb2)
                        .binop(bop)
                        .select(None)
                        .local_set(r);
                } else {
                    b.local_get(fa).local_get(fb2).binop(bop).local_set(fa);
                    box_f64(&mut b, fa);
                    b.local_set(r);
                }
            }
            Plan::Formula(_) => {
                let (a, b) = (at(0), at(4));
                if !self.knows(p, |k| k.slot(base + 4)) {
                    self.check(seq, p, d, |c| {
                        is_num(c, b);
                    });
                }
                let (f, native) = (self.h.arith, at(1));
                self.fb
                    .instr_seq(seq)
                    .local_get(vm)
                    .local_get(frame)
                    .local_get(native)
                    .local_get(a)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .local_get(b)
                    .unop(UnaryOp::F64ReinterpretI64)
                    .call(f)
                    .local_set(r);
            }
            Plan::Call => {
                let (f, t, mem) = (self.h.call, self.t, self.mem);
                let after = p + 1;
                let da = self.depths.get(after).copied().unwrap_or(base);
                for i in 0..argc {
                    self.fb
                        .instr_seq(seq)
                        .local_get(frame)
                        .local_get(at(4 + i))
                        .store(
                            mem,
                            StoreKind::I64 { atomic: false },
                            mem_arg(offsets::ARGS + 8 * i, 8),
                        );
                }
                self.fb
                    .instr_seq(seq)
                    .local_get(vm)
                    .local_get(frame)
                    .i32_const(site as i32)
                    .local_get(at(0))
                    .local_get(at(1))
                    .local_get(at(2))
                    .i32_const(argc as i32)
                    .i32_const(da as i32)
                    .call(f)
                    .local_set(t);
                self.answered(seq, (p, d), (after, da));
                // An Io method or block.
                let method = self.fb.dangling_instr_seq(None).id();
                self.fb
                    .instr_seq(method)
                    .local_get(t)
                    .i64_const(METHOD as i64)
                    .binop(BinaryOp::I64Ne)
                    .br_if(method);
                let callee = Callee {
                    site,
                    argc,
                    recv: at(0),
                    value: at(1),
                    holder: at(2),
                };
                self.invoke(method, (p, d), (after, da), callee);
                self.fb.instr_seq(method).local_get(r).local_set(t);
                self.fb.instr_seq(seq).instr(Block { seq: method });
                self.fb.instr_seq(seq).local_get(t).local_set(r);
            }
        }
    }

    /// What a helper that sends answered, in `t`: leave at `at` for FAIL
    /// (nothing was done), after the call for RAISED, and after the call
    /// with the operand stack as the runtime left it for PENDING (a flow
    /// for the interpreter to perform).
    fn answered(&mut self, seq: InstrSeqId, (p, d): (usize, u32), (after, da): (usize, u32)) {
        let t = self.t;
        self.check(seq, p, d, |b| {
            b.local_get(t).i64_const(FAIL as i64).binop(BinaryOp::I64Ne);
        });
        self.check(seq, after, da, |b| {
            b.local_get(t)
                .i64_const(RAISED as i64)
                .binop(BinaryOp::I64Ne);
        });
        self.pending(seq, (after, da), false);
    }

    /// When `t` is PENDING, leave after the call with the operand stack as
    /// the runtime left it; `kept_written`: the kept slots are in the
    /// locals object already (and the callee may have changed them there).
    fn pending(&mut self, seq: InstrSeqId, (after, da): (usize, u32), kept_written: bool) {
        let pending = self.fb.dangling_instr_seq(None).id();
        self.fb
            .instr_seq(pending)
            .local_get(self.t)
            .i64_const(PENDING as i64)
            .binop(BinaryOp::I64Ne)
            .br_if(pending)
            .i32_const(1)
            .local_set(self.keep_len);
        if kept_written {
            let (frame, mem) = (self.frame, self.mem);
            let mut b = self.fb.instr_seq(pending);
            for &hl in &self.has_l {
                hl.set_i32(&mut b, frame, mem, 0);
            }
        }
        self.leave_into(pending, after, da);
        self.fb.instr_seq(seq).instr(Block { seq: pending });
    }

    /// Activate an Io method or block through the runtime (its arguments
    /// already in the frame's `args`), leaving R its answer. The kept
    /// slots are written back before and read again after (the callee may
    /// see or change the locals object). Leaves at `at` when the runtime
    /// did nothing, and at `after` when the call goes on in the
    /// interpreter (or raised there) or when the callee changed the Number
    /// proto.
    fn invoke(
        &mut self,
        seq: InstrSeqId,
        (p, d): (usize, u32),
        (after, da): (usize, u32),
        c: Callee,
    ) {
        let (vm, frame, r, t) = (self.vm, self.frame, self.r, self.t);
        self.store_kept(seq);
        let f = self.h.invoke;
        self.fb
            .instr_seq(seq)
            .local_get(vm)
            .local_get(frame)
            .i32_const(c.site as i32)
            .local_get(c.recv)
            .local_get(c.value)
            .local_get(c.holder)
            .i32_const(c.argc as i32)
            .i32_const(da as i32)
            .call(f)
            .local_set(t);
        self.check(seq, p, d, |b| {
            b.local_get(t).i64_const(FAIL as i64).binop(BinaryOp::I64Ne);
        });
        self.pending(seq, (after, da), true);
        self.load_kept(seq);
        self.fb.instr_seq(seq).local_get(t).local_set(r);
        let (epoch, watch, mem) = (self.epoch, self.watch, self.mem);
        self.check(seq, after, da, |b| {
            b.local_get(watch)
                .load_i64(mem, offsets::WATCH_VERSION)
                .local_get(epoch)
                .binop(BinaryOp::I64Eq);
        });
    }

    /// Bind the name of the op at `p` (a counter, a `Bind`) to `v` in the
    /// locals: in the frame when kept and the locals object has it,
    /// else through the runtime (leaving at `p` when it cannot).
    fn bind(&mut self, seq: InstrSeqId, (p, d): (usize, u32), v: LocalId) {
        let (vm, frame, f) = (self.vm, self.frame, self.h.bind);
        let kept = self.unit.kept.at[p];
        let done = self.fb.dangling_instr_seq(None).id();
        let mem = self.mem;
        if let Some(k) = kept.filter(|&k| self.knows(p, |n| n.has[k])) {
            let kl = self.kept_l[k];
            kl.set(&mut self.fb.instr_seq(seq), frame, mem, v);
            return;
        }
        if let Some(k) = kept {
            let (kl, hl) = (self.kept_l[k], self.has_l[k]);
            let mut b = self.fb.instr_seq(done);
            hl.get(&mut b, frame, mem);
            b.if_else(
                None,
                |then| {
                    kl.set(then, frame, mem, v);
                    then.br(done);
                },
                |_| {},
            );
        }
        self.check(done, p, d, |b| {
            b.local_get(vm)
                .local_get(frame)
                .i32_const(p as i32)
                .local_get(v)
                .call(f);
        });
        if let Some(k) = kept {
            let (kl, hl) = (self.kept_l[k], self.has_l[k]);
            let mut b = self.fb.instr_seq(done);
            kl.set(&mut b, frame, mem, v);
            hl.set_i32(&mut b, frame, mem, 1);
        }
        self.fb.instr_seq(seq).instr(Block { seq: done });
    }

    /// T = item `i + delta` of `list` for an inlined `foreach` (FAIL past
    /// its end); leaves at `p` when `i` is not a Number.
    fn each_at(
        &mut self,
        seq: InstrSeqId,
        (p, d): (usize, u32),
        (list, i): (LocalId, LocalId),
        delta: f64,
    ) {
        if !self.knows(p, |k| k.slot(d - 2)) {
            self.check(seq, p, d, |b| is_num(b, i));
        }
        let (vm, frame, f, t) = (self.vm, self.frame, self.h.each_at, self.t);
        self.fb
            .instr_seq(seq)
            .local_get(vm)
            .local_get(frame)
            .local_get(list)
            .local_get(i)
            .unop(UnaryOp::F64ReinterpretI64)
            .f64_const(delta)
            .binop(BinaryOp::F64Add)
            .call(f)
            .local_set(t);
    }

    /// Push a field of the runtime's `Layout` (i32).
    fn layout_field(&mut self, seq: InstrSeqId, off: u32) {
        let (lay, mem) = (self.lay, self.mem);
        self.fb.instr_seq(seq).local_get(lay).load_i32(mem, off);
    }

    /// Leave in `oaddr` the address of the record of the object `v` is
    /// (of object 0 when `v` is not an object), and push its shape (1, the
    /// shape of every Number, when `v` is not an object).
    fn shape_of(&mut self, seq: InstrSeqId, v: LocalId) {
        let (frame, mem, oaddr) = (self.frame, self.mem, self.oaddr);
        self.fb
            .instr_seq(seq)
            .local_get(v)
            .unop(UnaryOp::I32WrapI64)
            .i32_const(0);
        is_obj(&mut self.fb.instr_seq(seq), v);
        self.fb.instr_seq(seq).select(None);
        self.layout_field(seq, offsets::LAYOUT_OBJECT_SIZE);
        self.fb
            .instr_seq(seq)
            .binop(BinaryOp::I32Mul)
            .local_get(frame)
            .load_i32(mem, offsets::OBJECTS)
            .binop(BinaryOp::I32Add)
            .local_tee(oaddr);
        self.layout_field(seq, offsets::LAYOUT_SHAPE);
        self.fb
            .instr_seq(seq)
            .binop(BinaryOp::I32Add)
            .load_i32(mem, 0)
            .i32_const(1);
        is_obj(&mut self.fb.instr_seq(seq), v);
        self.fb.instr_seq(seq).select(None);
    }

    /// Push the address of the value of own slot `index` (a local) of the
    /// object whose record is at `oaddr`.
    fn slot_addr(&mut self, seq: InstrSeqId, index: u32) {
        let (mem, oaddr, ents) = (self.mem, self.oaddr, self.tmp32);
        self.fb.instr_seq(seq).local_get(oaddr);
        self.layout_field(seq, offsets::LAYOUT_ENTRIES);
        self.fb
            .instr_seq(seq)
            .binop(BinaryOp::I32Add)
            .local_tee(ents);
        // the slots' buffer, or the inline slots
        self.layout_field(seq, offsets::LAYOUT_HEAP_PTR);
        self.fb
            .instr_seq(seq)
            .binop(BinaryOp::I32Add)
            .load_i32(mem, 0)
            .local_get(ents);
        self.layout_field(seq, offsets::LAYOUT_INLINE);
        self.fb
            .instr_seq(seq)
            .binop(BinaryOp::I32Add)
            .local_get(ents);
        self.layout_field(seq, offsets::LAYOUT_CAP);
        self.fb
            .instr_seq(seq)
            .binop(BinaryOp::I32Add)
            .load_i32(mem, 0);
        self.layout_field(seq, offsets::LAYOUT_INLINE_CAP);
        self.fb.instr_seq(seq).binop(BinaryOp::I32GtU).select(None);
        mget(
            &mut self.fb.instr_seq(seq),
            self.marea,
            mem,
            index,
            ValType::I32,
        );
        self.layout_field(seq, offsets::LAYOUT_ENTRY_SIZE);
        self.fb
            .instr_seq(seq)
            .binop(BinaryOp::I32Mul)
            .binop(BinaryOp::I32Add);
        self.layout_field(seq, offsets::LAYOUT_VALUE);
        self.fb.instr_seq(seq).binop(BinaryOp::I32Add);
    }

    /// Branch out of `miss` unless `v` is an object of shape `shape` (a
    /// local), leaving its record's address in `oaddr`.
    fn shape_is(&mut self, miss: InstrSeqId, v: LocalId, shape: u32) {
        self.shape_of(miss, v);
        let (marea, mem) = (self.marea, self.mem);
        let mut b = self.fb.instr_seq(miss);
        mget(&mut b, marea, mem, shape, ValType::I32);
        b.binop(BinaryOp::I32Ne).br_if(miss);
    }

    /// The memo of the op at `p` from what the runtime left in the frame.
    fn take_memo(&mut self, seq: InstrSeqId, p: usize) {
        let Some(&(shape, index)) = self.memos.get(&p) else {
            return;
        };
        let (frame, mem, marea) = (self.frame, self.mem, self.marea);
        let store = StoreKind::I32 { atomic: false };
        self.fb
            .instr_seq(seq)
            .local_get(marea)
            .local_get(frame)
            .load_i32(mem, offsets::MEMO_SHAPE)
            .store(mem, store, mem_arg(shape, 4))
            .local_get(marea)
            .local_get(frame)
            .load_i32(mem, offsets::MEMO_INDEX)
            .store(mem, store, mem_arg(index, 4));
    }

    /// Write the kept slots the locals object has into it.
    fn store_kept(&mut self, seq: InstrSeqId) {
        if self.nkept > 0 {
            let (vm, frame) = (self.vm, self.frame);
            let f = self.kept_fns.0;
            self.fb
                .instr_seq(seq)
                .local_get(vm)
                .local_get(frame)
                .call(f);
        }
    }

    /// Read the kept slots from the locals object (and whether it has each).
    fn load_kept(&mut self, seq: InstrSeqId) {
        if self.nkept > 0 {
            let (vm, frame) = (self.vm, self.frame);
            let f = self.kept_fns.1;
            self.fb
                .instr_seq(seq)
                .local_get(vm)
                .local_get(frame)
                .call(f);
        }
    }
}

/// A word of the frame: a kept slot's value (i64, in `kept`) or whether
/// the locals object has it (i32, in `has`). Compiled code reads and
/// writes them in place (holding them in locals instead made engines keep
/// fewer values in registers, and large loops slower).
#[derive(Clone, Copy)]
struct Word(u32, ValType);

impl Word {
    fn get(self, b: &mut walrus::InstrSeqBuilder, frame: LocalId, mem: MemoryId) {
        mget(b, frame, mem, self.0, self.1);
    }

    fn set(self, b: &mut walrus::InstrSeqBuilder, frame: LocalId, mem: MemoryId, v: LocalId) {
        mset(b, frame, mem, self.0, self.1, v);
    }

    fn set_i32(self, b: &mut walrus::InstrSeqBuilder, frame: LocalId, mem: MemoryId, c: i32) {
        b.local_get(frame).i32_const(c).store(
            mem,
            StoreKind::I32 { atomic: false },
            mem_arg(self.0, 4),
        );
    }
}

/// Push the word at byte `off` of the area at `marea` (a memo area, or a
/// frame) of type `ty`, i64 or i32.
fn mget(b: &mut walrus::InstrSeqBuilder, marea: LocalId, mem: MemoryId, off: u32, ty: ValType) {
    let (kind, align) = match ty {
        ValType::I64 => (LoadKind::I64 { atomic: false }, 8),
        _ => (LoadKind::I32 { atomic: false }, 4),
    };
    b.local_get(marea).load(mem, kind, mem_arg(off, align));
}

/// Set the word at byte `off` of the area at `marea` to local `v` (of type
/// `ty`).
fn mset(
    b: &mut walrus::InstrSeqBuilder,
    marea: LocalId,
    mem: MemoryId,
    off: u32,
    ty: ValType,
    v: LocalId,
) {
    let (kind, align) = match ty {
        ValType::I64 => (StoreKind::I64 { atomic: false }, 8),
        _ => (StoreKind::I32 { atomic: false }, 4),
    };
    b.local_get(marea)
        .local_get(v)
        .store(mem, kind, mem_arg(off, align));
}

/// Push kept slot `k`'s value (from the frame).
fn kept_get(b: &mut walrus::InstrSeqBuilder, frame: LocalId, mem: MemoryId, k: usize) {
    mget(b, frame, mem, offsets::KEPT + 8 * k as u32, ValType::I64);
}

/// Set kept slot `k`'s value to `v`.
fn kept_set(b: &mut walrus::InstrSeqBuilder, frame: LocalId, mem: MemoryId, k: usize, v: LocalId) {
    mset(b, frame, mem, offsets::KEPT + 8 * k as u32, ValType::I64, v);
}

/// Push whether the locals object has kept slot `k` (i32).
fn has_get(b: &mut walrus::InstrSeqBuilder, frame: LocalId, mem: MemoryId, k: usize) {
    mget(b, frame, mem, offsets::HAS + 4 * k as u32, ValType::I32);
}

/// The two functions `(vm, frame)` of a chain that write its kept slots
/// (those the locals object has) from the frame into the locals object,
/// and read them (and whether it has each) from it into the frame.
fn kept_fns(m: &mut Module, h: &Helpers, mem: MemoryId, unit: &Unit) -> (FunctionId, FunctionId) {
    use ValType::{I32, I64};
    let names = &unit.kept.names;
    let mut store = FunctionBuilder::new(&mut m.types, &[I32, I32], &[]);
    let (vm, frame) = (m.locals.add(I32), m.locals.add(I32));
    {
        let mut b = store.func_body();
        for (k, &(_, pc)) in names.iter().enumerate() {
            has_get(&mut b, frame, mem, k);
            b.if_else(
                None,
                |then| {
                    then.local_get(vm).local_get(frame).i32_const(pc as i32);
                    kept_get(then, frame, mem, k);
                    then.call(h.local_put);
                },
                |_| {},
            );
        }
    }
    let store = store.finish(vec![vm, frame], &mut m.funcs);
    let mut load = FunctionBuilder::new(&mut m.types, &[I32, I32], &[]);
    let (vm, frame, v) = (m.locals.add(I32), m.locals.add(I32), m.locals.add(I64));
    {
        let mut b = load.func_body();
        for (k, &(_, pc)) in names.iter().enumerate() {
            b.local_get(vm)
                .local_get(frame)
                .i32_const(pc as i32)
                .call(h.local_get)
                .local_set(v);
            kept_set(&mut b, frame, mem, k, v);
            b.local_get(frame)
                .local_get(v)
                .i64_const(FAIL as i64)
                .binop(BinaryOp::I64Ne)
                .store(
                    mem,
                    StoreKind::I32 { atomic: false },
                    mem_arg(offsets::HAS + 4 * k as u32, 4),
                );
        }
    }
    let load = load.finish(vec![vm, frame], &mut m.funcs);
    (store, load)
}

/// Whether the op at `pc` reads or assigns a slot in place where the
/// runtime last found it (see `Emitter::memos`): a slot read, `:=` or `=`
/// that is not of a kept slot (nor of a name a guard looks up, whose
/// writes the runtime notes).
fn memoized(unit: &Unit, pc: usize) -> bool {
    if unit.kept.at.get(pc).is_some_and(|k| k.is_some()) {
        return false;
    }
    let code = &unit.code;
    match code.ops[pc] {
        Op::Send { site, .. } => unit.sites.get(site as usize) == Some(&Plan::Get),
        Op::SetSlot { site, .. } | Op::UpdateSlot { site, .. } => code
            .sites
            .get(site as usize)
            .is_some_and(|s| !GUARDED_NAMES.contains(&s.name)),
        _ => false,
    }
}

/// A call of an Io method: its site, argument count, and the locals
/// holding its receiver, the slot value and the slot's holder.
struct Callee {
    site: u32,
    argc: u32,
    recv: LocalId,
    value: LocalId,
    holder: LocalId,
}

/// The jumps of `ops` (from, to), to pcs within them.
fn edges(ops: &[Op]) -> impl Iterator<Item = (usize, usize)> + '_ {
    ops.iter().enumerate().filter_map(move |(p, op)| {
        let to = match *op {
            Op::Jump { to } | Op::JumpIfFalse { to } => to,
            Op::Guard { generic, .. } => generic,
            Op::CountNext { exit, .. } | Op::EachNext { exit } => exit,
            _ => return None,
        } as usize;
        (to < ops.len()).then_some((p, to))
    })
}

/// The segment starts of `ops` (pc 0, every jump target, and the pc after
/// each wasm loop) and its wasm loops, `(head, last)` ordered by head:
/// each pc that backward jumps go to heads one, over the ops from it to the
/// last such jump, unless it would overlap another without nesting in it,
/// or a jump from outside it goes into it past its head (its backward
/// jumps then go through the dispatch).
fn structure(ops: &[Op]) -> (Vec<usize>, Vec<(usize, usize)>) {
    let edges: Vec<(usize, usize)> = edges(ops).collect();
    let mut last: BTreeMap<usize, usize> = BTreeMap::new();
    for &(p, to) in &edges {
        if to <= p {
            let e = last.entry(to).or_insert(p);
            *e = (*e).max(p);
        }
    }
    let mut loops: Vec<(usize, usize)> = Vec::new();
    for (&h, &e) in &last {
        let nests = loops.iter().all(|&(h2, e2)| e2 < h || (h2 <= h && e <= e2));
        let closed = edges
            .iter()
            .all(|&(p, to)| !(h < to && to <= e) || (h <= p && p <= e));
        if nests && closed && e + 1 < ops.len() {
            loops.push((h, e));
        }
    }
    let mut starts = vec![0usize];
    starts.extend(edges.iter().map(|&(_, to)| to));
    starts.extend(loops.iter().map(|&(_, e)| e + 1));
    starts.sort_unstable();
    starts.dedup();
    (starts, loops)
}

/// How many operand stack slots any op of the code can leave with.
fn deepest_slot(depths: &[u32], slots: usize) -> usize {
    (depths.iter().copied().max().unwrap_or(0) as usize + 1).min(slots)
}

/// Push whether the value in `v` is a Number (i32).
/// Push `Watch::structure` + 1 (what memos record: never 0, the value
/// wasm locals start with).
fn structure_now(b: &mut walrus::InstrSeqBuilder, watch: LocalId, mem: MemoryId) {
    b.local_get(watch)
        .load_i64(mem, offsets::WATCH_STRUCTURE)
        .i64_const(1)
        .binop(BinaryOp::I64Add);
}

/// Push whether the value in `v` is an object (i32).
fn is_obj(b: &mut walrus::InstrSeqBuilder, v: LocalId) {
    b.local_get(v)
        .i64_const(48)
        .binop(BinaryOp::I64ShrU)
        .i64_const(0xFFFC)
        .binop(BinaryOp::I64Eq);
}

fn is_num(b: &mut walrus::InstrSeqBuilder, v: LocalId) {
    b.local_get(v)
        .i64_const(48)
        .binop(BinaryOp::I64ShrU)
        .i64_const(0xFFFC)
        .binop(BinaryOp::I64Ne);
}

/// Push the value of the f64 in `x` (NaNs canonical, as `Value::num`).
fn box_f64(b: &mut walrus::InstrSeqBuilder, x: LocalId) {
    b.i64_const(CANON_NAN)
        .local_get(x)
        .unop(UnaryOp::I64ReinterpretF64)
        .local_get(x)
        .local_get(x)
        .binop(BinaryOp::F64Ne)
        .select(None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use io_runtime::Value;

    #[test]
    fn immediates_match_the_runtime() {
        assert_eq!(NIL as u64, Value::NIL.bits());
        assert_eq!(TRUE as u64, Value::TRUE.bits());
        assert_eq!(FALSE as u64, Value::FALSE.bits());
        assert_eq!(CANON_NAN as u64, Value::num(f64::NAN).bits());
    }
}

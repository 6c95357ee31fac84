//! Locals: which slots of the frame's locals object compiled code keeps
//! outside it (in its activation's `AotFrame::kept`). An op's receiver is known to be the locals object when it
//! comes from the frame's locals or target (compiled code is entered only
//! where the two are one object, as in every method body and top level),
//! followed through the register and the operand stack. Every slot name
//! read, assigned or counted on that receiver is kept (loaded when the
//! code is entered, written back whenever it leaves), except `self`, whose
//! value steers lookups, and the names of inlined built-ins, whose values
//! the guards read.

use super::Analysis;
use io_runtime::symbol::Sym;
use io_runtime::vm::aot::MAX_KEPT;
use io_runtime::vm::code::{Op, SendFrom};
use std::collections::BTreeSet;

/// The kept slots of one code chain.
#[derive(Default)]
pub struct Kept {
    /// Each kept name, with the pc of an op that names it (the runtime reads
    /// the name from that op, so compiled code never carries a symbol).
    pub names: Vec<(Sym, u32)>,
    /// Per pc: the kept name the op reads or writes on the locals object.
    pub at: Vec<Option<usize>>,
    /// Per pc: whether the op's receiver is known to be the locals object.
    pub on_locals: Vec<bool>,
}

const NEVER_KEPT: [Sym; 13] = io_runtime::heap::GUARDED_NAMES;

pub fn run(analysis: &mut Analysis) {
    for unit in analysis.units.iter_mut().filter(|u| u.compiled()) {
        let code = &unit.code;
        let depths = code.depths();
        let n = code.ops.len();
        let mut starts = BTreeSet::new();
        for op in &code.ops {
            match *op {
                Op::Jump { to } | Op::JumpIfFalse { to } => {
                    starts.insert(to as usize);
                }
                Op::Guard { generic, .. } => {
                    starts.insert(generic as usize);
                }
                Op::CountNext { exit, .. } | Op::EachNext { exit } => {
                    starts.insert(exit as usize);
                }
                _ => {}
            }
        }
        let mut kept = Kept {
            names: Vec::new(),
            at: vec![None; n],
            on_locals: vec![false; n],
        };
        let mut r_is_locals = false;
        let mut stack: Vec<bool> = Vec::new();
        let name_at = |kept: &mut Kept, pc: usize, name: Sym| {
            if NEVER_KEPT.contains(&name) {
                return;
            }
            let i = match kept.names.iter().position(|&(s, _)| s == name) {
                Some(i) => i,
                // (Every call writes the kept slots back and reads them
                // again: past a few, the code grows faster than it gains.)
                None if kept.names.len() >= MAX_KEPT => return,
                None => {
                    kept.names.push((name, pc as u32));
                    kept.names.len() - 1
                }
            };
            kept.at[pc] = Some(i);
        };
        for (pc, &d) in depths.iter().enumerate().take(n) {
            if starts.contains(&pc) {
                r_is_locals = false;
            }
            let d = d as usize;
            stack.resize(stack.len().max(d + 4), false);
            let below = |k: usize| d.checked_sub(k).map(|i| stack[i]).unwrap_or(false);
            match code.ops[pc] {
                Op::Target | Op::Locals => r_is_locals = true,
                Op::Send { site, from, .. } => {
                    let recv = match from {
                        SendFrom::R => r_is_locals,
                        SendFrom::Target | SendFrom::Locals => true,
                    };
                    kept.on_locals[pc] = recv;
                    let s = &code.sites[site as usize];
                    if recv && s.argc == 0 {
                        name_at(&mut kept, pc, s.name);
                    }
                    r_is_locals = false;
                }
                Op::SetSlot { site, .. } | Op::UpdateSlot { site, .. } => {
                    let recv = below(1);
                    kept.on_locals[pc] = recv;
                    if recv {
                        name_at(&mut kept, pc, code.sites[site as usize].name);
                    }
                }
                Op::Guard { .. } => kept.on_locals[pc] = r_is_locals,
                Op::CountNext { counter, .. } | Op::Bind { name: counter } => {
                    kept.on_locals[pc] = true;
                    if counter != u32::MAX {
                        name_at(&mut kept, pc, Sym(counter));
                    }
                }
                Op::EachNext { .. } | Op::EachIndex | Op::EachItem => r_is_locals = false,
                Op::Arg { .. } | Op::PushR => stack[d] = r_is_locals,
                Op::PushNil => stack[d] = false,
                Op::RepeatSetup => {
                    for slot in stack.iter_mut().skip(d.saturating_sub(1)).take(4) {
                        *slot = false;
                    }
                }
                Op::PopToR | Op::LoopExit { .. } => r_is_locals = below(1),
                Op::Const { .. } | Op::Call { .. } | Op::ToBool | Op::SendMessage { .. } => {
                    r_is_locals = false
                }
                Op::StoreTop => {
                    if d > 0 {
                        stack[d - 1] = r_is_locals;
                    }
                }
                Op::JumpIfFalse { .. } | Op::Jump { .. } | Op::CountStep | Op::End => {}
            }
        }
        unit.kept = kept;
    }
}

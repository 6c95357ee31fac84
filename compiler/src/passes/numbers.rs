//! Numbers: what compiled code knows to be a Number before each op (the
//! register, the operand stack's slots, the values of the kept slots) and
//! which kept slots the locals object is known to have, so that it checks
//! a value where it enters (a read of something else, a guard that leaves
//! when it fails) and not again at each use. A forward analysis over the
//! chain's jumps, from nothing known at its start; a pc where the
//! interpreter may enter compiled code is checked for what is known there
//! when it is entered (code that finds otherwise enters nothing).
//!
//! It also follows which inlined forms' guards on the locals object have
//! held since compiled code last called the runtime (only the runtime
//! writes the slots a guard looks up): such a guard need not check again.

use super::sites::{Inline, Plan};
use super::{Analysis, Unit};
use io_runtime::vm::code::{Op, SendFrom};
use std::collections::BTreeSet;

/// What is known before one op.
#[derive(Clone, Debug, PartialEq)]
pub struct Known {
    /// The register holds a Number.
    pub r: bool,
    /// Each operand stack slot holds a Number (as deep as compiled code
    /// keeps slots; only those below the op's depth mean anything).
    pub slots: Vec<bool>,
    /// Each kept slot's value (where compiled code holds it) is a Number.
    pub num: Vec<bool>,
    /// The locals object has each kept slot.
    pub has: Vec<bool>,
    /// The names (of sites) whose guards held on the locals object with
    /// no call of the runtime since.
    pub guards: BTreeSet<u32>,
}

impl Known {
    fn none(width: usize, nkept: usize) -> Known {
        Known {
            r: false,
            slots: vec![false; width],
            num: vec![false; nkept],
            has: vec![false; nkept],
            guards: BTreeSet::new(),
        }
    }

    /// What holds on both `self` and `other`; whether `self` changed.
    fn meet(&mut self, other: &Known) -> bool {
        let before = self.clone();
        self.r &= other.r;
        for (a, b) in [
            (&mut self.slots, &other.slots),
            (&mut self.num, &other.num),
            (&mut self.has, &other.has),
        ] {
            for (x, y) in a.iter_mut().zip(b) {
                *x &= *y;
            }
        }
        self.guards = self.guards.intersection(&other.guards).copied().collect();
        *self != before
    }

    /// Nothing known of the kept slots (after code that may have changed
    /// them in the locals object: compiled code reads them again).
    fn forget_kept(&mut self) {
        self.num.iter_mut().for_each(|x| *x = false);
        self.has.iter_mut().for_each(|x| *x = false);
    }

    fn set(&mut self, slot: u32, v: bool) {
        if let Some(x) = self.slots.get_mut(slot as usize) {
            *x = v;
        }
    }

    pub fn slot(&self, slot: u32) -> bool {
        self.slots.get(slot as usize).copied().unwrap_or(false)
    }
}

/// Per pc, what is known before the op (None: no path reaches it).
#[derive(Default)]
pub struct Numbers {
    pub at: Vec<Option<Known>>,
}

impl Numbers {
    /// What is known before the op at `pc` (nothing, when unreached).
    pub fn before(&self, pc: usize) -> Option<&Known> {
        self.at.get(pc).and_then(|k| k.as_ref())
    }
}

pub fn run(analysis: &mut Analysis) {
    for unit in analysis.units.iter_mut().filter(|u| u.compiled()) {
        unit.numbers = numbers(unit);
    }
}

fn numbers(unit: &Unit) -> Numbers {
    let code = &unit.code;
    let n = code.ops.len();
    let depths = code.depths();
    let width = depths.iter().copied().max().unwrap_or(0) as usize + 8;
    let nkept = unit.kept.names.len();
    let mut at: Vec<Option<Known>> = vec![None; n];
    if n == 0 {
        return Numbers { at };
    }
    at[0] = Some(Known::none(width, nkept));
    // (where the interpreter may enter: what it did meanwhile is unknown)
    let mut entry = vec![false; n];
    entry[0] = true;
    for (p, op) in code.ops.iter().enumerate() {
        let to = match *op {
            Op::Jump { to } | Op::JumpIfFalse { to } => to,
            Op::Guard { generic, .. } => generic,
            Op::CountNext { exit, .. } | Op::EachNext { exit } => exit,
            _ => continue,
        } as usize;
        if to <= p && to < n {
            entry[to] = true;
        }
    }
    let mut work = vec![0usize];
    let mut queued = vec![false; n];
    queued[0] = true;
    loop {
        flow(unit, (&depths, &entry), &mut at, &mut work, &mut queued);
        // A loop head no path from the start reaches (in an argument of a
        // lazy send, say) is entered knowing nothing.
        let Some(p) = (0..n).find(|&p| entry[p] && at[p].is_none()) else {
            break;
        };
        at[p] = Some(Known::none(width, nkept));
        work.push(p);
        queued[p] = true;
    }
    Numbers { at }
}

/// Run the analysis from the pcs in `work` until nothing changes.
fn flow(
    unit: &Unit,
    (depths, entry): (&[u32], &[bool]),
    at: &mut [Option<Known>],
    work: &mut Vec<usize>,
    queued: &mut [bool],
) {
    let n = at.len();
    while let Some(p) = work.pop() {
        queued[p] = false;
        let Some(known) = at[p].clone() else { continue };
        for (to, mut out) in step(unit, p, depths[p], known) {
            if to >= n {
                continue;
            }
            if entry[to] {
                out.guards.clear();
            }
            let changed = match &mut at[to] {
                Some(k) => k.meet(&out),
                none => {
                    *none = Some(out);
                    true
                }
            };
            if changed && !queued[to] {
                queued[to] = true;
                work.push(to);
            }
        }
    }
}

/// The ops that may follow the op at `p` (of stack depth `d`) in compiled
/// code, with what is known there.
fn step(unit: &Unit, p: usize, d: u32, mut k: Known) -> Vec<(usize, Known)> {
    let code = &unit.code;
    let next = p + 1;
    if !pure(unit, p, &k) {
        k.guards.clear();
    }
    match code.ops[p] {
        Op::Target | Op::Locals | Op::ToBool | Op::EachItem => k.r = false,
        Op::Const { k: c } => k.r = code.consts.get(c as usize).is_some_and(|v| v.is_num()),
        Op::Send { site, from, .. } => {
            if from != SendFrom::R {
                k.r = false;
            }
            match unit.plan(site) {
                Plan::Get => match unit.kept.at[p] {
                    // (the value held here, when the locals object has it)
                    Some(kk) if k.has[kk] => k.r = k.num[kk],
                    // (else the runtime's read, which may call a method)
                    _ => {
                        k.r = false;
                        k.forget_kept();
                    }
                },
                Plan::Number(..) | Plan::Formula(_) => {
                    // (the receiver checked)
                    k.r = true;
                    k.set(d, true);
                    k.set(d + 1, false);
                    k.set(d + 2, false);
                    k.set(d + 3, true);
                }
                Plan::Call => {
                    k.set(d, false);
                    k.set(d + 1, false);
                    k.set(d + 2, false);
                    k.set(d + 3, true);
                }
                Plan::Leave => return Vec::new(),
            }
        }
        Op::Arg { .. } | Op::PushR => {
            let r = k.r;
            k.set(d, r);
        }
        Op::Call { site } => {
            let argc = code.sites.get(site as usize).map_or(0, |s| s.argc);
            let base = d.saturating_sub(argc + 4);
            match unit.plan(site) {
                Plan::Get => {}
                Plan::Leave => return Vec::new(),
                Plan::Number(op, _) => {
                    k.set(base + 4, true);
                    k.r = matches!(op, Inline::Add | Inline::Sub | Inline::Mul | Inline::Div);
                }
                Plan::Formula(_) => {
                    k.set(base + 4, true);
                    k.r = false;
                }
                Plan::Call => {
                    k.r = false;
                    k.forget_kept();
                }
            }
        }
        Op::Guard { site, generic } => {
            let failed = k.clone();
            if unit.kept.on_locals[p] {
                if let Some(s) = code.sites.get(site as usize) {
                    k.guards.insert(s.name.0);
                }
            }
            return vec![(next, k), (generic as usize, failed)];
        }
        Op::SendMessage { .. } | Op::End => return Vec::new(),
        Op::PushNil => k.set(d, false),
        Op::StoreTop => {
            let r = k.r;
            k.set(d.saturating_sub(1), r);
        }
        Op::PopToR | Op::LoopExit { .. } => k.r = k.slot(d.saturating_sub(1)),
        Op::RepeatSetup => {
            k.set(d.saturating_sub(1), true);
            k.set(d, true);
            k.set(d + 1, true);
            k.set(d + 2, false);
        }
        Op::CountNext { counter, exit } => {
            for i in 2..=4 {
                k.set(d.saturating_sub(i), true);
            }
            let past = k.clone();
            if counter != u32::MAX {
                bind(unit, p, &mut k, true);
            }
            return vec![(next, k), (exit as usize, past)];
        }
        Op::CountStep => {
            k.set(d.saturating_sub(4), true);
            k.set(d.saturating_sub(2), true);
        }
        Op::EachNext { exit } => {
            k.set(d.saturating_sub(2), true);
            let past = k.clone();
            k.r = false;
            return vec![(next, k), (exit as usize, past)];
        }
        Op::EachIndex => {
            k.set(d.saturating_sub(2), true);
            k.r = true;
        }
        Op::Bind { .. } => {
            let r = k.r;
            bind(unit, p, &mut k, r);
        }
        Op::SetSlot { .. } => {
            if let Some(kk) = unit.kept.at[p] {
                k.num[kk] = k.r;
                k.has[kk] = true;
            }
        }
        Op::UpdateSlot { .. } => {
            if let Some(kk) = unit.kept.at[p] {
                // (assigned in place when the locals object has it; else
                // elsewhere, the value held here unchanged)
                k.num[kk] = k.r && (k.has[kk] || k.num[kk]);
            }
        }
        Op::JumpIfFalse { to } => return vec![(next, k.clone()), (to as usize, k)],
        Op::Jump { to } => return vec![(to as usize, k)],
    }
    vec![(next, k)]
}

/// Whether the op at `p` goes on without calling the runtime (so without
/// writing any slot a guard looks up: compiled code writes in place only
/// kept slots and slots with memos, never of those names).
fn pure(unit: &Unit, p: usize, k: &Known) -> bool {
    let code = &unit.code;
    let kept_has = || unit.kept.at[p].is_some_and(|kk| k.has[kk]);
    match code.ops[p] {
        Op::Target
        | Op::Locals
        | Op::Const { .. }
        | Op::Arg { .. }
        | Op::PushR
        | Op::PushNil
        | Op::StoreTop
        | Op::PopToR
        | Op::LoopExit { .. }
        | Op::JumpIfFalse { .. }
        | Op::Jump { .. }
        | Op::ToBool
        | Op::RepeatSetup
        | Op::CountStep
        | Op::EachIndex
        | Op::Guard { .. } => true,
        Op::Send { site, .. } => match unit.plan(site) {
            Plan::Number(..) | Plan::Formula(_) => true,
            Plan::Get => kept_has(),
            Plan::Call | Plan::Leave => false,
        },
        Op::Call { site } => matches!(unit.plan(site), Plan::Number(..) | Plan::Get),
        Op::SetSlot { .. } | Op::UpdateSlot { .. } | Op::Bind { .. } => kept_has(),
        Op::CountNext { counter, .. } => counter == u32::MAX || kept_has(),
        Op::EachNext { .. } | Op::EachItem | Op::SendMessage { .. } | Op::End => false,
    }
}

/// A name bound in the locals to a value (a Number when `num`): a kept
/// slot then holds it, and the locals object has it.
fn bind(unit: &Unit, p: usize, k: &mut Known, num: bool) {
    if let Some(kk) = unit.kept.at[p] {
        k.num[kk] = num;
        k.has[kk] = true;
    }
}

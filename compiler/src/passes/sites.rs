//! Sites: how compiled code does each send of a compiled chain. A send
//! without arguments reads the slot (or applies a Number's unary formula,
//! calls an answering native, or activates an Io method) through the
//! runtime; a Number operator with one argument is an f64 instruction
//! behind a check that both sides are Numbers (or the operator's own
//! formula, through the runtime); a send of up to `MAX_ARGS` arguments
//! calls the native it finds when that native answers at once, or
//! activates the Io method or block it finds; anything else leaves for the
//! interpreter.

use super::Analysis;
use io_runtime::vm::aot::{MAX_ARGS, NUMBER_OPS};
use io_runtime::Vm;

/// An f64 instruction that a Number operator is.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Inline {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Plan {
    /// No arguments: the runtime's slot read.
    Get,
    /// A Number operator done inline (with its index in `NUMBER_OPS`).
    Number(Inline, u8),
    /// A Number operator with a formula the runtime applies (with its
    /// index in `NUMBER_OPS`).
    Formula(u8),
    /// A call with arguments (at most `aot::MAX_ARGS`) of an answering
    /// native or an Io method or block.
    Call,
    /// Left to the interpreter.
    Leave,
}

const INLINE: &[(&str, Inline)] = &[
    ("+", Inline::Add),
    ("-", Inline::Sub),
    ("*", Inline::Mul),
    ("/", Inline::Div),
    ("==", Inline::Eq),
    ("!=", Inline::Ne),
    ("<", Inline::Lt),
    ("<=", Inline::Le),
    (">", Inline::Gt),
    (">=", Inline::Ge),
];

pub fn run(vm: &Vm, analysis: &mut Analysis) {
    for unit in analysis.units.iter_mut().filter(|u| u.compiled()) {
        unit.sites = unit
            .code
            .sites
            .iter()
            .map(|s| {
                let name = vm.syms.name(s.name);
                match s.argc {
                    0 => Plan::Get,
                    1 => match NUMBER_OPS.iter().position(|n| *n == name) {
                        Some(i) => match INLINE.iter().find(|(n, _)| *n == name) {
                            Some(&(_, op)) => Plan::Number(op, i as u8),
                            None => Plan::Formula(i as u8),
                        },
                        None => Plan::Call,
                    },
                    n if n as usize <= MAX_ARGS => Plan::Call,
                    _ => Plan::Leave,
                }
            })
            .collect();
    }
}

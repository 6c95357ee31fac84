//! Sites: how compiled code does each send of a compiled chain. A send
//! without arguments reads the slot (or applies a Number's unary formula,
//! or calls an answering native) through the runtime; a Number operator
//! with one argument is an f64 instruction behind a check that both sides
//! are Numbers (or the operator's own formula, through the runtime); a
//! send of one or two arguments calls the native it finds when that
//! native answers at once; anything else leaves for the interpreter.

use super::Analysis;
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
    /// A Number operator done inline.
    Number(Inline),
    /// A Number operator with a formula the runtime applies.
    Formula,
    /// A call of an answering native with `argc` (1 or 2) arguments.
    Native,
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

const FORMULAS: &[&str] = &["%", "mod", "**", "pow", "min", "max"];

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
                    1 => match INLINE.iter().find(|(n, _)| *n == name) {
                        Some(&(_, op)) => Plan::Number(op),
                        None if FORMULAS.contains(&name) => Plan::Formula,
                        None => Plan::Native,
                    },
                    2 => Plan::Native,
                    _ => Plan::Leave,
                }
            })
            .collect();
    }
}

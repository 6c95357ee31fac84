//! Regions: every code chain of the program, with whether it is compiled.
//! A chain is compiled when it is of a size the backend takes: compiled
//! code is entered at the start of a body and at loop heads, and calls
//! compiled bodies directly; everything else stays bytecode, with the
//! reason.

use super::{Analysis, Unit};
use io_runtime::program;
use io_runtime::{Value, Vm};

/// The largest chain compiled, in ops (engines refuse functions of more
/// than about 7 MB, and a large function makes a large native stack frame
/// for every compiled call nested in it).
pub const MAX_OPS: usize = 2_500;

pub fn run(vm: &mut Vm, root: Value) -> Analysis {
    let chains = program::code_chains(vm, root);
    let mut units = Vec::new();
    for (i, &chain) in chains.iter().enumerate() {
        let code = vm.code_for(chain);
        let m = vm.message(chain);
        let location = format!("{}:{}:{}", m.label, m.line, m.col);
        let what = if i == 0 { "top level" } else { "body" };
        let interpreted = if code.ops.len() > MAX_OPS {
            Some(format!(
                "{} ops, more than the {MAX_OPS} compiled",
                code.ops.len()
            ))
        } else {
            None
        };
        units.push(Unit {
            chain: i as u32,
            code,
            location,
            what,
            interpreted,
            sites: Vec::new(),
            kept: Default::default(),
            numbers: Default::default(),
        });
    }
    Analysis { units }
}

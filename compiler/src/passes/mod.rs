//! Whole-program analysis for the specialiser: the passes over the
//! bytecode of a program (as the runtime lowers it) that decide what is
//! compiled to wasm and how each send is done there. Each pass is one file
//! with one `run`; `pipeline` lists them in order.

pub mod locals;
pub mod numbers;
pub mod regions;
pub mod sites;

use io_runtime::vm::code::Code;
use io_runtime::Vm;
use std::rc::Rc;

/// One code chain of the program (the top level, or a method or block body).
pub struct Unit {
    /// Its index in `program::code_chains` order.
    pub chain: u32,
    pub code: Rc<Code>,
    /// Where the chain starts, as `file:line:column`, and what it is.
    pub location: String,
    pub what: &'static str,
    /// Why it stays with the interpreter (None: compiled).
    pub interpreted: Option<String>,
    /// How each send site is done in compiled code (by site index).
    pub sites: Vec<sites::Plan>,
    /// The slots of the locals object kept outside it (in the frame).
    pub kept: locals::Kept,
    /// What is known to be a Number before each op.
    pub numbers: numbers::Numbers,
}

impl Unit {
    pub fn compiled(&self) -> bool {
        self.interpreted.is_none()
    }

    /// How send site `site` is done in compiled code.
    pub fn plan(&self, site: u32) -> sites::Plan {
        self.sites
            .get(site as usize)
            .copied()
            .unwrap_or(sites::Plan::Leave)
    }
}

/// The analysis of a program, chains in order.
pub struct Analysis {
    pub units: Vec<Unit>,
}

/// Run the passes, in order, over the program whose top level is `root`.
pub fn pipeline(vm: &mut Vm, root: io_runtime::Value) -> Analysis {
    let mut analysis = regions::run(vm, root);
    sites::run(vm, &mut analysis);
    locals::run(&mut analysis);
    numbers::run(&mut analysis);
    analysis
}

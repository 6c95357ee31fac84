//! The specialiser's analysis stage of `ioc build`: the program is loaded
//! on a native VM booted exactly as the module's is, so that its code
//! chains lower to the same bytecode, and the passes decide what is
//! compiled. The chains compiled travel in the image (by index and digest),
//! so the module's VM attaches each function to the code it came from; the
//! functions themselves are emitted by the backend when linking.

use crate::passes::{self, Analysis};
use io_runtime::host::MemoryHost;
use io_runtime::program::{self, Image};
use io_runtime::vm::aot::ops_digest;
use io_runtime::Vm;

/// Analyse `image`'s program and record in it the chains to compile.
pub fn analyse(image: &mut Image) -> Result<Analysis, String> {
    let mut vm = Vm::new(Box::new(MemoryHost::default()));
    let root = program::load_image(&mut vm, image)?;
    let analysis = passes::pipeline(&mut vm, root);
    image.aot = analysis
        .units
        .iter()
        .filter(|u| u.compiled())
        .map(|u| (u.chain, ops_digest(&u.code)))
        .collect();
    Ok(analysis)
}

/// `--report`: a line per code chain, compiled or not and why.
pub fn report(analysis: &Analysis) -> Vec<String> {
    analysis
        .units
        .iter()
        .map(|u| match &u.interpreted {
            None => format!(
                "{}: {} compiled ({} ops, {} sends)",
                u.location,
                u.what,
                u.code.ops.len(),
                u.code.sites.len()
            ),
            Some(why) => format!("{}: {} interpreted: {why}", u.location, u.what),
        })
        .collect()
}

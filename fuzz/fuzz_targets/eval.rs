//! Evaluation fuzz target: any program, run under the engine limits, must end
//! in Ok or Err: no panic, abort, hang or runaway memory.
//!
//! Every input gets a fresh VM, so no input can change what the next one sees
//! and every crash reproduces from its input alone.

#![no_main]

use io_runtime::host::MemoryHost;
use io_runtime::Vm;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let mut vm = Vm::new(Box::new(MemoryHost::default()));
    vm.fuel = Some(20_000);
    vm.max_depth = 2_000;
    vm.max_objects = Some(200_000);
    vm.max_alloc = 1 << 20;
    let _ = vm.do_string(&src, "fuzz");
});

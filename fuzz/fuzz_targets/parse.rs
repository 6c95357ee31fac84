//! Parser fuzz target: any text must parse to Ok or Err, never panic.
//!
//! One VM serves the whole process (booting runs the Io standard library);
//! the messages each input builds are collected every few hundred inputs.

#![no_main]

use io_runtime::host::MemoryHost;
use io_runtime::Vm;
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

thread_local! {
    static VM: RefCell<(Vm, u32)> =
        RefCell::new((Vm::new(Box::new(MemoryHost::default())), 0));
}

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    VM.with(|cell| {
        let (vm, count) = &mut *cell.borrow_mut();
        let _ = io_runtime::parse::parse(vm, &src, "fuzz");
        *count += 1;
        if *count % 256 == 0 {
            vm.collect_garbage();
        }
    });
});

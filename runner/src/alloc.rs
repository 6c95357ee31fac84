//! The runner's allocator: the system allocator, which while the module is
//! being pre-initialised also zeroes every block it frees.
//!
//! The snapshot stores the module's memory as data, less its runs of zeros.
//! Booting the VM allocates and frees far more than it keeps (parse trees
//! of the standard library's files, their bytecode, the image itself), and
//! a freed block keeps its bytes: without this, all of that would ship in
//! every module. After initialisation the allocator is the system one plus
//! one test per free.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Allocator;

/// Set while the module is being initialised.
static ZERO_FREED: AtomicBool = AtomicBool::new(false);

/// Zero every block freed from now until `zero_freed(false)`.
pub fn zero_freed(on: bool) {
    ZERO_FREED.store(on, Ordering::Relaxed);
}

// SAFETY: every call is passed on to `System` with the same arguments, and
// a block is only written (zeroed) while it is still allocated.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }

    #[inline(never)]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ZERO_FREED.load(Ordering::Relaxed) {
            // (Through an opaque copy of the pointer: the compiler would
            // otherwise drop a write to a block that is freed next.)
            unsafe { std::hint::black_box(ptr).write_bytes(0, layout.size()) };
        }
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline(never)]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !ZERO_FREED.load(Ordering::Relaxed) {
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // A block that moves is freed by the system allocator with its bytes:
        // move it here instead, zeroing the old block before it is freed.
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return std::ptr::null_mut();
        };
        let new = unsafe { System.alloc(new_layout) };
        if !new.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

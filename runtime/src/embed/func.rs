//! Rust functions and closures as Io methods. Each registered function is a
//! CFunction object whose native is one trampoline; the trampoline finds the
//! closure through the object it was found as (the slot the send looked up,
//! or the CFunction itself when it is activated directly). A closure answers
//! a value or an error text, which becomes an Io exception.

use super::convert::{FromIo, ToIo};
use crate::value::Value;
use crate::vm::{Flow, NResult, NativeCall, Vm};
use std::cell::RefCell;
use std::fmt::Display;
use std::rc::Rc;

/// A closure as the VM calls it: the VM, the receiver (`self`), the
/// evaluated arguments; it answers a value or the text of an Io exception.
pub type RawFn = Box<dyn FnMut(&mut Vm, Value, &[Value]) -> Result<Value, String>>;

pub(crate) type Shared = Rc<RefCell<RawFn>>;

/// What a Rust function may answer to Io: a value, or a Result whose error
/// becomes an Io exception with the error's text.
pub trait IntoIoResult {
    fn into_io_result(self, vm: &mut Vm) -> Result<Value, String>;
}

impl<T: ToIo> IntoIoResult for T {
    fn into_io_result(self, vm: &mut Vm) -> Result<Value, String> {
        Ok(self.to_io(vm))
    }
}

impl<T: ToIo, E: Display> IntoIoResult for Result<T, E> {
    fn into_io_result(self, vm: &mut Vm) -> Result<Value, String> {
        match self {
            Ok(v) => Ok(v.to_io(vm)),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// A Rust closure usable as an Io method: `FnMut(A, B, ...) -> R` for up to
/// six arguments that convert from Io (`FromIo`) and an answer that converts
/// to Io (`IntoIoResult`). A missing argument is nil.
pub trait RustFn<Args>: 'static {
    fn into_raw(self, name: String) -> RawFn;
}

fn arg<T: FromIo>(vm: &Vm, name: &str, args: &[Value], i: usize) -> Result<T, String> {
    let v = args.get(i).copied().unwrap_or(Value::NIL);
    T::from_io(vm, v).map_err(|e| format!("{name}: argument {}: {e}", i + 1))
}

macro_rules! rust_fns {
    ($(($($a:ident $i:tt),*))*) => {$(
        impl<F, R, $($a),*> RustFn<($($a,)*)> for F
        where
            F: FnMut($($a),*) -> R + 'static,
            R: IntoIoResult,
            $($a: FromIo,)*
        {
            #[allow(unused_variables, non_snake_case)]
            fn into_raw(mut self, name: String) -> RawFn {
                Box::new(move |vm: &mut Vm, _this: Value, args: &[Value]| {
                    $(let $a: $a = arg(vm, &name, args, $i)?;)*
                    self($($a),*).into_io_result(vm)
                })
            }
        }
    )*};
}

rust_fns! {
    ()
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, G 5)
}

/// The native of every registered Rust function.
pub(crate) fn trampoline(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let Some(f) = find(vm, call) else {
        return vm.err("a Rust function was called in a way its closure cannot be found");
    };
    let Ok(mut f) = f.try_borrow_mut() else {
        return vm.err("a Rust function was called again while it was running");
    };
    let args: Vec<Value> = call.args.to_vec();
    match f(vm, call.target, &args) {
        Ok(v) => Ok(Flow::Value(v)),
        Err(text) => vm.err(text),
    }
}

/// The closure of the CFunction being called.
fn find(vm: &Vm, call: &NativeCall) -> Option<Shared> {
    let fns = &vm.embed.fns;
    // Activated directly (a Flow::Activate): the context is the CFunction.
    if let Some(r) = call.slot_context.as_obj() {
        if let Some(&i) = fns.by_object.get(&r) {
            return fns.closures.get(i).cloned();
        }
    }
    // Found by a send: the holder's slot of the message's name.
    let name = vm.as_message(call.msg)?.name;
    let holder = vm.heap.obj(call.slot_context)?;
    let native = holder.get_local(name)?.as_obj()?;
    let &i = fns.by_object.get(&native)?;
    fns.closures.get(i).cloned()
}

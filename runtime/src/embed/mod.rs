//! Embedding Io in a Rust program: a VM handle (`Io`), conversions between
//! Rust and Io values (`ToIo`, `FromIo`), Rust closures as Io methods, Io
//! methods called from Rust, Io exceptions and engine limits as one Rust
//! error type (`Error`), rooted handles, the coroutine scheduler driven from
//! Rust, and the scripts the `io!` macro (crate io-macros) compiles.
//!
//! This room only drives the interpreter through its public entry points; it
//! must not run Io code on the Rust stack of a native (a Rust closure called
//! from Io gets the VM for conversions, not for evaluating Io).

pub mod convert;
pub mod exact;
pub mod func;
pub mod script;
#[cfg(test)]
mod tests;

pub use convert::{ConvError, FromIo, ToIo};
pub use func::{IntoIoResult, RawFn, RustFn};
pub use script::{Fast, FastFn, Lit, Node, Script, Tree, EMPTY, NONE};

use crate::fxhash::FxHashMap as HashMap;
use crate::heap::Payload;
use crate::host::Host;
use crate::symbol::{sym, Sym};
use crate::value::{ObjRef, Value};
use crate::vm::Vm;
use smallvec::SmallVec;
use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

/// Why an evaluation ended without a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// An Io exception nobody caught: its type (`Exception` or a clone's
    /// `type`), its `error` text, and the Io stack (innermost first, as
    /// `file:line:column` lines).
    Exception {
        type_name: String,
        message: String,
        stack: Vec<String>,
    },
    /// The fuel budget (`Io::set_fuel`) ran out.
    OutOfFuel,
    /// The live heap passed the limit (`Io::set_heap_limit`).
    HeapLimit,
    /// Io code called `System exit(code)`.
    Exit(i32),
    /// A value crossing into Rust did not have the type asked for.
    Conversion(ConvError),
    /// Source handed over at run time (`Io::eval_str`) did not parse.
    Syntax {
        message: String,
        line: u32,
        col: u32,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Exception {
                type_name,
                message,
                stack,
            } => {
                write!(f, "{type_name}: {message}")?;
                for line in stack {
                    write!(f, "\n  {line}")?;
                }
                Ok(())
            }
            Error::OutOfFuel => f.write_str("evaluation stopped: step limit exceeded"),
            Error::HeapLimit => f.write_str("evaluation stopped: heap limit exceeded"),
            Error::Exit(code) => write!(f, "Io code exited with code {code}"),
            Error::Conversion(e) => write!(f, "conversion: {e}"),
            Error::Syntax { message, line, col } => {
                write!(f, "syntax error on line {line} column {col}: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<ConvError> for Error {
    fn from(e: ConvError) -> Self {
        Error::Conversion(e)
    }
}

/// The embedding's bookkeeping, kept on the VM (so natives reach it).
#[derive(Default)]
pub struct EmbedState {
    pub(crate) fns: Fns,
    /// A List object kept in `Vm::extra_roots`: handles' values and the
    /// registered CFunctions live there.
    roots: Option<ObjRef>,
    /// Free places in `roots` (dropped handles), shared with the handles.
    freed: Rc<RefCell<Vec<u32>>>,
    free: Vec<u32>,
    /// Trees without captures, built once per VM (kept in `roots`).
    trees: HashMap<usize, Value>,
    /// The message used by `Io::call`, one per (name, argument count).
    call_msgs: HashMap<(Sym, usize), Value>,
    /// Rust versions of methods, by (holder, slot name): their index in
    /// `fast_entries`.
    fast: HashMap<(ObjRef, Sym), usize>,
    fast_entries: Vec<FastEntry>,
    /// The last call a Rust version answered, when its receiver held the
    /// method itself: the next call with the same receiver and name checks
    /// that slot instead of looking the name up.
    memo: Option<CallMemo>,
    /// The Number proto's version (`Heap::watch`) after boot: Rust versions
    /// of methods run only while it is unchanged.
    boot_version: u64,
    /// Calls answered by a Rust version (see `Io::specialised_calls`).
    fast_calls: u64,
    /// Set by `Io::set_compiled(false)`: every call runs on the interpreter.
    interpreter_only: bool,
    /// What `while`, `if`, `setSlot` and `updateSlot` were, seen from a method's
    /// locals and from the Lobby, after boot: the Rust versions compile
    /// them as loops and assignments, so they run only while these hold.
    boot_forms: Vec<(Value, Sym, Option<Value>)>,
    /// The heap's structure counter (`Watch::structure`, which a write of
    /// any of those names bumps) when `boot_forms` last held: while it
    /// stays, they still do.
    forms_held_at: Option<u64>,
    /// The names `Io::call` was last given, interned (most recent last).
    names: Vec<(Box<str>, Sym)>,
    /// The names of the arguments of calls from Rust (see `arg_name`).
    arg_syms: Vec<Sym>,
    /// Where the Rust versions of methods get the copies of their Lists.
    scratch: Vec<f64>,
    /// The shape of the sender of a call from Rust, by argument count
    /// (see `Io::new_sender`).
    sender_shapes: Vec<Option<u32>>,
}

/// Calls from Rust with fewer arguments than this make their senders with
/// a known shape.
const SENDER_SHAPES: usize = 8;

/// How many names `EmbedState::names` keeps.
const NAMES_KEPT: usize = 16;

/// The values of a call's arguments, on the Rust stack when few.
pub type ArgValues = SmallVec<[Value; 8]>;

/// See `EmbedState::memo`.
#[derive(Clone, Copy)]
struct CallMemo {
    target: Value,
    name: Sym,
    /// The index of the slot in the receiver's slots.
    slot: u32,
    /// The index of the entry in `fast_entries`.
    entry: usize,
}

/// The most List arguments a Rust version takes (`Fast::lists`).
pub const MAX_LISTS: usize = 4;

/// The most Numbers a Rust version takes without a heap allocation.
const INLINE_NUMBERS: usize = 8;

/// A method's Rust version, as `install_fast` noted it.
struct FastEntry {
    method: Value,
    f: script::FastFn,
    arity: u32,
    /// The arguments that are Lists of Numbers (see `Fast::lists`).
    lists: &'static [u32],
    /// Those it may write (see `Fast::written`).
    written: &'static [u32],
    /// The names of the methods it calls and of the slots it reads.
    calls: Vec<Sym>,
    reads: Vec<Sym>,
}

#[derive(Default)]
pub(crate) struct Fns {
    pub(crate) closures: Vec<func::Shared>,
    pub(crate) by_object: HashMap<ObjRef, usize>,
}

/// A value kept alive for Rust: the collector does not free it while the
/// handle lives. Read it with `Io::value`; it converts into Io as itself.
pub struct Handle {
    index: u32,
    value: Value,
    freed: Rc<RefCell<Vec<u32>>>,
}

impl Handle {
    /// The value (valid while the handle lives).
    pub fn value(&self) -> Value {
        self.value
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.freed.borrow_mut().push(self.index);
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "Handle({:?})", self.value)
    }
}

/// Arguments for `Io::call`: a tuple of values that convert to Io, or a
/// slice of `Value`s.
pub trait Args {
    fn to_values(&self, vm: &mut Vm) -> Vec<Value>;

    /// The values, without a heap allocation for up to eight (what
    /// `Io::call` uses).
    fn to_arg_values(&self, vm: &mut Vm) -> ArgValues {
        ArgValues::from_vec(self.to_values(vm))
    }
}

impl Args for [Value] {
    fn to_values(&self, _vm: &mut Vm) -> Vec<Value> {
        self.to_vec()
    }
    fn to_arg_values(&self, _vm: &mut Vm) -> ArgValues {
        ArgValues::from_slice(self)
    }
}

impl Args for Vec<Value> {
    fn to_values(&self, _vm: &mut Vm) -> Vec<Value> {
        self.clone()
    }
    fn to_arg_values(&self, _vm: &mut Vm) -> ArgValues {
        ArgValues::from_slice(self)
    }
}

impl<const N: usize> Args for [Value; N] {
    fn to_values(&self, _vm: &mut Vm) -> Vec<Value> {
        self.to_vec()
    }
    fn to_arg_values(&self, _vm: &mut Vm) -> ArgValues {
        ArgValues::from_slice(self)
    }
}

macro_rules! arg_tuples {
    ($(($($t:ident $i:tt),*))*) => {$(
        impl<$($t: ToIo),*> Args for ($($t,)*) {
            #[allow(unused_variables)]
            fn to_values(&self, vm: &mut Vm) -> Vec<Value> {
                vec![$(self.$i.to_io(vm)),*]
            }
            #[allow(unused_variables, unused_mut)]
            fn to_arg_values(&self, vm: &mut Vm) -> ArgValues {
                let mut out = ArgValues::new();
                $(out.push(self.$i.to_io(vm));)*
                out
            }
        }
    )*};
}

arg_tuples! {
    ()
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
}

/// An Io virtual machine embedded in a Rust program.
///
/// Code runs in the Lobby: slots it assigns at its top level stay for the
/// code evaluated after it. Values handed out as `Value` are valid until the
/// next evaluation (a collection may free them); keep them with `keep`.
pub struct Io {
    vm: Vm,
}

impl Default for Io {
    fn default() -> Self {
        Io::new()
    }
}

impl Io {
    /// A VM whose output goes to the process's stdout and stderr.
    pub fn new() -> Io {
        Io::with_host(Box::new(crate::host::StdHost::new()))
    }

    /// A VM on the given host (e.g. `host::MemoryHost` to capture output).
    pub fn with_host(host: Box<dyn Host>) -> Io {
        let mut vm = Vm::new(host);
        let roots = vm.new_list(Vec::new());
        // At the bottom of extra_roots: every other user pushes and pops
        // above it.
        vm.extra_roots.insert(0, roots);
        vm.embed.roots = roots.as_obj();
        vm.embed.freed = Rc::new(RefCell::new(Vec::new()));
        vm.embed.boot_version = vm.heap.watch.version;
        let places = [Value::obj(vm.p.locals), vm.lobby()];
        for name in ["while", "if", "setSlot", "updateSlot"] {
            let s = vm.sym(name);
            for place in places {
                let found = vm.get_slot(place, s);
                vm.embed.boot_forms.push((place, s, found));
            }
        }
        Io { vm }
    }

    /// The VM itself, for what this handle does not cover.
    pub fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    pub fn vm_ref(&self) -> &Vm {
        &self.vm
    }

    pub fn lobby(&self) -> Value {
        self.vm.lobby()
    }

    // ---- limits ------------------------------------------------------------

    /// Allow `steps` more interpreter steps (sends and loop iterations) in
    /// all; None: unlimited. When they run out, the evaluation under way
    /// ends with `Error::OutOfFuel` and the VM stays usable (give it more
    /// fuel to go on evaluating).
    pub fn set_fuel(&mut self, steps: Option<u64>) {
        self.vm.fuel = steps;
    }

    /// Steps left (None: unlimited).
    pub fn fuel(&self) -> Option<u64> {
        self.vm.fuel
    }

    /// Limit the live heap to about `bytes` (None: unlimited). The
    /// collector counts live objects, each `heap_object_size()` bytes, and
    /// no single List or Sequence may grow past the limit either; an
    /// evaluation that needs more ends with `Error::HeapLimit` (checked at
    /// each collection) and the VM stays usable.
    pub fn set_heap_limit(&mut self, bytes: Option<usize>) {
        set_heap_limit(&mut self.vm, bytes);
    }

    // ---- values ------------------------------------------------------------

    /// Keep `v` alive until the handle is dropped.
    pub fn keep(&mut self, v: Value) -> Handle {
        self.reclaim_handles();
        let index = self.root(v);
        Handle {
            index,
            value: v,
            freed: self.vm.embed.freed.clone(),
        }
    }

    /// Convert a Rust value into an Io value (valid until the next evaluation).
    pub fn to_io<T: ToIo + ?Sized>(&mut self, v: &T) -> Value {
        v.to_io(&mut self.vm)
    }

    /// Convert an Io value into a Rust value.
    pub fn from_io<T: FromIo>(&self, v: Value) -> Result<T, Error> {
        Ok(T::from_io(&self.vm, v)?)
    }

    /// Set the Lobby slot `name` (a global of the code run later).
    pub fn set<T: ToIo + ?Sized>(&mut self, name: &str, v: &T) {
        let v = v.to_io(&mut self.vm);
        let lobby = self.vm.p.lobby;
        self.vm.set_slot_str(lobby, name, v);
    }

    /// The slot `name` as seen from the Lobby, converted (nil when absent).
    pub fn get<T: FromIo>(&mut self, name: &str) -> Result<T, Error> {
        let s = self.vm.sym(name);
        let v = self.vm.get_slot(self.vm.lobby(), s).unwrap_or(Value::NIL);
        self.from_io(v)
    }

    /// Run the collector now; answers the number of objects freed.
    pub fn collect_garbage(&mut self) -> usize {
        self.reclaim_handles();
        self.vm.collect_garbage()
    }

    // ---- evaluation ----------------------------------------------------------

    /// Run an `io!` block in the Lobby and convert its value.
    pub fn eval<T: FromIo>(&mut self, script: &Script) -> Result<T, Error> {
        let msg = self.script_message(script);
        let v = self.run_message(msg)?;
        self.install_fast(script);
        self.from_io(v)
    }

    /// Parse `src` now and run it in the Lobby (for code that only exists at
    /// run time, such as a configuration file; `io!` parses at compile time).
    pub fn eval_str<T: FromIo>(&mut self, src: &str, label: &str) -> Result<T, Error> {
        let msg = match crate::parse::parse(&mut self.vm, src, label) {
            Ok(m) => m,
            Err(e) => {
                return Err(Error::Syntax {
                    message: e.message,
                    line: e.line,
                    col: e.col,
                })
            }
        };
        let v = self.run_message(msg)?;
        self.from_io(v)
    }

    /// Send `name` with `args` to `target` and convert the answer.
    pub fn call<T: FromIo, A: Args + ?Sized>(
        &mut self,
        target: Value,
        name: &str,
        args: &A,
    ) -> Result<T, Error> {
        let args = args.to_arg_values(&mut self.vm);
        let v = self.call_values(target, name, &args)?;
        self.from_io(v)
    }

    /// Call the Lobby's method `name` (a function defined at the top level).
    pub fn call_global<T: FromIo, A: Args + ?Sized>(
        &mut self,
        name: &str,
        args: &A,
    ) -> Result<T, Error> {
        let lobby = self.lobby();
        self.call(lobby, name, args)
    }

    /// Send `name` with evaluated `args` to `target`; the raw answer.
    pub fn call_values(
        &mut self,
        target: Value,
        name: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        let name = self.name_sym(name);
        if let Some(x) = self.try_fast(target, name, args) {
            return Ok(Value::num(x));
        }
        let msg = self.call_message(name, args.len());
        // The arguments are slots of a fresh sender object, which the
        // message's argument messages read.
        let sender = self.new_sender(args);
        self.vm.extra_roots.push(Value::obj(sender));
        self.vm.extra_roots.push(target);
        let r = self.vm.eval_message(msg, target, Value::obj(sender));
        self.vm.extra_roots.truncate(self.vm.extra_roots.len() - 2);
        self.outcome(r)
    }

    /// How many calls from Rust the Rust versions of methods compiled by
    /// `io!` answered (the others ran on the interpreter).
    pub fn specialised_calls(&self) -> u64 {
        self.vm.embed.fast_calls
    }

    /// Whether calls from Rust may run the Rust versions of methods that
    /// `io!` compiled (on by default). Off, every call runs on the
    /// interpreter: to compare the two, or to rule one out.
    pub fn set_compiled(&mut self, on: bool) {
        self.vm.embed.interpreter_only = !on;
    }

    // ---- Rust functions --------------------------------------------------------

    /// Make `f` the Lobby's method `name`: Io code calls it as `name(a, b)`.
    pub fn register<A, F: RustFn<A>>(&mut self, name: &str, f: F) {
        let lobby = self.lobby();
        self.register_on(lobby, name, f);
    }

    /// Make `f` the method `name` of `target`.
    pub fn register_on<A, F: RustFn<A>>(&mut self, target: Value, name: &str, f: F) {
        let raw = f.into_raw(name.to_string());
        self.register_raw(target, name, raw);
    }

    /// Make a closure that sees the VM, the receiver and the raw arguments
    /// the method `name` of `target`.
    pub fn register_raw(&mut self, target: Value, name: &str, f: RawFn) {
        let Some(holder) = target.as_obj() else {
            return;
        };
        let s = self.vm.sym(name);
        let native = self.vm.new_native(s, func::trampoline, "Rust", false);
        self.root(Value::obj(native));
        let fns = &mut self.vm.embed.fns;
        fns.closures.push(Rc::new(RefCell::new(f)));
        fns.by_object.insert(native, fns.closures.len() - 1);
        self.vm.heap.set_slot(holder, s, Value::obj(native));
        self.vm.heap.touched(holder);
    }

    // ---- coroutines -------------------------------------------------------------

    /// Whether some coroutine is waiting to run (queued or on a timer).
    pub fn has_pending_coroutines(&self) -> bool {
        self.vm.first_runnable_in_queue().is_some()
            || matches!(&self.vm.heap.get(self.vm.sched.timers).payload, Payload::List(l) if !l.is_empty())
    }

    /// Run the coroutines waiting to run once each (until each yields,
    /// waits or ends); sleeps until the next timer when only timers are
    /// left. Answers whether some are still pending.
    pub fn step_coroutines(&mut self) -> Result<bool, Error> {
        if self.vm.first_runnable_in_queue().is_some() {
            let y = self.vm.sym("yield");
            let m = self.vm.synthetic_message(y);
            let lobby = self.lobby();
            let r = self.vm.eval_message(m, lobby, lobby);
            self.outcome(r)?;
        } else if self.has_pending_coroutines() {
            self.vm.idle_until_next_timer();
        }
        Ok(self.has_pending_coroutines())
    }

    /// Run coroutines until none is left to run.
    pub fn run_coroutines(&mut self) -> Result<(), Error> {
        while self.step_coroutines()? {}
        Ok(())
    }

    // ---- internals -----------------------------------------------------------------

    fn run_message(&mut self, msg: Value) -> Result<Value, Error> {
        let lobby = self.lobby();
        self.vm.extra_roots.push(msg);
        let r = self.vm.eval_message(msg, lobby, lobby);
        self.vm.extra_roots.pop();
        self.outcome(r)
    }

    /// An interpreter outcome as a Rust result.
    fn outcome(&mut self, r: Result<Value, Value>) -> Result<Value, Error> {
        self.reclaim_handles();
        match r {
            Ok(v) => Ok(v),
            Err(e) => {
                if let Some(code) = self.vm.exit_code.take() {
                    self.vm.halted = false;
                    return Err(Error::Exit(code));
                }
                let err = exception_error(&self.vm, e);
                if self.vm.halted {
                    self.vm.halted = false;
                    if let Error::Exception { message, .. } = &err {
                        if message.ends_with("step limit exceeded") {
                            return Err(Error::OutOfFuel);
                        }
                        if message.ends_with("heap limit exceeded") {
                            return Err(Error::HeapLimit);
                        }
                    }
                }
                Err(err)
            }
        }
    }

    fn script_message(&mut self, script: &Script) -> Value {
        let key = script.tree as *const Tree as usize;
        if script.tree.captures == 0 {
            if let Some(&m) = self.vm.embed.trees.get(&key) {
                return m;
            }
        }
        let m = script.build(&mut self.vm);
        if script.tree.captures == 0 {
            self.root(m);
            self.vm.embed.trees.insert(key, m);
        }
        m
    }

    fn call_message(&mut self, name: Sym, argc: usize) -> Value {
        if let Some(&m) = self.vm.embed.call_msgs.get(&(name, argc)) {
            return m;
        }
        let label: Rc<str> = "[Rust]".into();
        let m = self.vm.new_message(name, &label, 0, 0);
        let mut args = Vec::with_capacity(argc);
        for i in 0..argc {
            let s = self.arg_sym(i);
            args.push(Value::obj(self.vm.new_message(s, &label, 0, 0)));
        }
        self.vm.message_mut(m).args = args;
        self.root(Value::obj(m));
        self.vm.embed.call_msgs.insert((name, argc), Value::obj(m));
        Value::obj(m)
    }

    /// Put `v` in the roots list; its index there.
    fn root(&mut self, v: Value) -> u32 {
        let Some(list) = self.vm.embed.roots else {
            return u32::MAX;
        };
        let free = self.vm.embed.free.pop();
        match &mut self.vm.heap.get_mut(list).payload {
            Payload::List(items) => match free {
                Some(i) if (i as usize) < items.len() => {
                    items[i as usize] = v;
                    i
                }
                _ => {
                    items.push(v);
                    (items.len() - 1) as u32
                }
            },
            _ => u32::MAX,
        }
    }

    /// Let the collector have the values of dropped handles.
    fn reclaim_handles(&mut self) {
        let freed: Vec<u32> = std::mem::take(&mut *self.vm.embed.freed.borrow_mut());
        if freed.is_empty() {
            return;
        }
        let Some(list) = self.vm.embed.roots else {
            return;
        };
        if let Payload::List(items) = &mut self.vm.heap.get_mut(list).payload {
            for &i in &freed {
                if let Some(slot) = items.get_mut(i as usize) {
                    *slot = Value::NIL;
                }
            }
        }
        self.vm.embed.free.extend(freed);
    }

    /// Note the Rust versions of the methods a script defined.
    fn install_fast(&mut self, script: &Script) {
        for fast in script.tree.fast {
            let s = self.vm.sym(fast.name);
            let lobby = self.vm.p.lobby;
            let Some(method) = self.vm.heap.get(lobby).get_local(s) else {
                continue;
            };
            if self.vm.as_block(method).is_none() {
                continue;
            }
            if fast.lists.len() > MAX_LISTS {
                continue;
            }
            let known = self.vm.embed.fast.get(&(lobby, s)).copied();
            let entry = FastEntry {
                method,
                f: fast.f,
                arity: fast.arity,
                lists: fast.lists,
                written: fast.written,
                calls: fast.calls.iter().map(|c| self.vm.syms.intern(c)).collect(),
                reads: fast.reads.iter().map(|r| self.vm.syms.intern(r)).collect(),
            };
            let embed = &mut self.vm.embed;
            match known {
                Some(i) if embed.fast_entries[i].method == method => {
                    embed.fast_entries[i] = entry;
                }
                _ => {
                    self.root(method);
                    let embed = &mut self.vm.embed;
                    match known {
                        Some(i) => embed.fast_entries[i] = entry,
                        None => {
                            embed.fast_entries.push(entry);
                            let i = embed.fast_entries.len() - 1;
                            embed.fast.insert((lobby, s), i);
                        }
                    }
                }
            }
        }
    }

    /// The answer of the Rust version of `target name(args)`, when its
    /// guards hold: the slot still holds the method it was made from, the
    /// arguments and the slots it reads from the receiver are Numbers, the
    /// Number proto is as it was built, and so
    /// are `while`, `if`, `setSlot` and `updateSlot`, and every compiled
    /// method it calls is still what the receiver finds under its name.
    /// Its loops and calls spend the VM's
    /// fuel; when that runs out, the call goes to the interpreter (the Rust
    /// version only computes: it has no effects to undo), which ends it
    /// with the step limit error.
    fn try_fast(&mut self, target: Value, name: Sym, args: &[Value]) -> Option<f64> {
        if self.vm.embed.fast.is_empty() || self.vm.embed.interpreter_only {
            return None;
        }
        let mut scratch = std::mem::take(&mut self.vm.embed.scratch);
        let x = self.run_fast(target, name, args, &mut scratch);
        scratch.clear();
        self.vm.embed.scratch = scratch;
        x
    }

    fn run_fast(
        &mut self,
        target: Value,
        name: Sym,
        args: &[Value],
        scratch: &mut Vec<f64>,
    ) -> Option<f64> {
        let vm = &self.vm;
        let embed = &vm.embed;
        // The method the receiver finds under `name`, and its entry.
        let own = |m: &CallMemo| {
            let method = embed.fast_entries.get(m.entry)?.method;
            let slots = &vm.heap.obj(target)?.slots.entries;
            (slots.get(m.slot as usize)? == &(name, method)).then_some(m.entry)
        };
        let memo = embed.memo.filter(|m| m.target == target && m.name == name);
        let (holder, index, memo) = match memo.and_then(|m| own(&m)) {
            Some(i) => (target.as_obj()?, i, memo),
            None => {
                let found = vm.lookup(target, name)?;
                let &i = embed.fast.get(&(found.holder, name))?;
                if found.value != embed.fast_entries.get(i)?.method {
                    return None;
                }
                let memo = (Value::obj(found.holder) == target).then_some(CallMemo {
                    target,
                    name,
                    slot: found.index,
                    entry: i,
                });
                (found.holder, i, memo)
            }
        };
        let entry = embed.fast_entries.get(index)?;
        if args.len() != entry.arity as usize {
            return None;
        }
        if vm.heap.watch.version != embed.boot_version {
            return None;
        }
        let structure = vm.heap.watch.structure;
        if embed.forms_held_at != Some(structure) {
            for &(place, s, was) in &embed.boot_forms {
                if vm.get_slot(place, s) != was {
                    return None;
                }
            }
        }
        for &s in &entry.calls {
            let want = embed
                .fast
                .get(&(holder, s))
                .and_then(|&i| embed.fast_entries.get(i))
                .map(|e| e.method);
            if want.is_none() || vm.get_slot(target, s) != want {
                return None;
            }
        }
        // The Numbers: the arguments (0 for a List), then the slots read.
        let count = args.len() + entry.reads.len();
        let mut inline = [0.0f64; INLINE_NUMBERS];
        let mut spilled = Vec::new();
        let xs: &mut [f64] = if count <= INLINE_NUMBERS {
            &mut inline[..count]
        } else {
            spilled.resize(count, 0.0);
            &mut spilled
        };
        // The List arguments, copied one after the other into `scratch`:
        // the Rust version works on the copies, which are written back
        // only if it finishes. (A Number's value is its bits.)
        let mut lists = [(ObjRef(0), 0usize, false); MAX_LISTS];
        let mut nlists = 0;
        for (i, a) in args.iter().enumerate() {
            let i = i as u32;
            if !entry.lists.contains(&i) {
                xs[i as usize] = a.as_num()?;
                continue;
            }
            let r = a.as_obj()?;
            if nlists == MAX_LISTS || lists[..nlists].iter().any(|&(l, _, _)| l == r) {
                return None;
            }
            let Payload::List(items) = &vm.heap.get(r).payload else {
                return None;
            };
            // (Checked without a branch per item.)
            if items.iter().fold(false, |others, v| others | !v.is_num()) {
                return None;
            }
            scratch.extend(items.iter().map(|v| f64::from_bits(v.bits())));
            lists[nlists] = (r, items.len(), entry.written.contains(&i));
            nlists += 1;
        }
        for (x, &s) in xs[args.len()..].iter_mut().zip(&entry.reads) {
            *x = vm.get_slot(target, s)?.as_num()?;
        }
        let f = entry.f;
        let fuel = self.vm.fuel;
        let mut budget = fuel.unwrap_or(u64::MAX);
        let mut slices: [&mut [f64]; MAX_LISTS] = Default::default();
        let mut rest = scratch.as_mut_slice();
        for (slice, &(_, len, _)) in slices.iter_mut().zip(&lists[..nlists]) {
            let (one, more) = std::mem::take(&mut rest).split_at_mut(len);
            *slice = one;
            rest = more;
        }
        let x = f(xs, &mut slices[..nlists], &mut budget);
        if let Some(f) = &mut self.vm.fuel {
            *f = match (x, budget) {
                // Given up for another reason than fuel: the interpreter
                // runs the call from the start, on the fuel there was.
                (None, b) if b > 0 => fuel.unwrap_or(b),
                // Out of fuel: the interpreter, which spends at least as
                // much per iteration, stops at once.
                _ => budget,
            };
        }
        let x = x?;
        self.vm.embed.forms_held_at = Some(structure);
        self.vm.embed.memo = memo;
        for (&(r, _, written), items) in lists[..nlists].iter().zip(slices) {
            if !written {
                continue;
            }
            if let Payload::List(l) = &mut self.vm.heap.get_mut(r).payload {
                for (slot, &n) in l.iter_mut().zip(items.iter()) {
                    *slot = Value::num(n);
                }
            }
        }
        self.vm.embed.fast_calls += 1;
        Some(x)
    }

    /// `name` interned, through a memo of the last few names (so that a
    /// call does not hash the name each time).
    fn name_sym(&mut self, name: &str) -> Sym {
        let names = &mut self.vm.embed.names;
        // (Names are short: compared byte by byte, without a call.)
        let same =
            |n: &str| n.len() == name.len() && n.bytes().zip(name.bytes()).all(|(a, b)| a == b);
        if let Some(&(_, s)) = names.iter().rev().find(|(n, _)| same(n)) {
            return s;
        }
        let s = self.vm.syms.intern(name);
        let names = &mut self.vm.embed.names;
        if names.len() >= NAMES_KEPT {
            names.remove(0);
        }
        names.push((name.into(), s));
        s
    }

    /// A fresh object whose slots are the arguments of a call from Rust
    /// (under `arg_name`s), made at once with the shape that setting them
    /// one by one gives (found the first time).
    fn new_sender(&mut self, args: &[Value]) -> ObjRef {
        let proto = [Value::obj(self.vm.p.object)];
        let mut slots: SmallVec<[(Sym, Value); SENDER_SHAPES]> = SmallVec::new();
        for (i, &a) in args.iter().enumerate() {
            slots.push((self.arg_sym(i), a));
        }
        let known = self
            .vm
            .embed
            .sender_shapes
            .get(args.len())
            .copied()
            .flatten();
        if let Some(shape) = known {
            return self
                .vm
                .heap
                .alloc_with_slots(shape, &proto, &slots, Payload::None);
        }
        let sender = self.vm.heap.alloc(&proto, Payload::None);
        for &(s, a) in &slots {
            self.vm.heap.set_slot(sender, s, a);
        }
        if args.len() < SENDER_SHAPES {
            let shape = self.vm.heap.get(sender).shape;
            let shapes = &mut self.vm.embed.sender_shapes;
            shapes.resize(SENDER_SHAPES, None);
            shapes[args.len()] = Some(shape);
        }
        sender
    }

    /// The name of argument `i` of a call made from Rust, interned.
    fn arg_sym(&mut self, i: usize) -> Sym {
        while self.vm.embed.arg_syms.len() <= i {
            let n = self.vm.embed.arg_syms.len();
            let s = self.vm.syms.intern(&arg_name(n));
            self.vm.embed.arg_syms.push(s);
        }
        self.vm.embed.arg_syms[i]
    }
}

/// The name of argument `i` of a call made from Rust.
fn arg_name(i: usize) -> String {
    format!("\u{1}arg{i}")
}

/// The size the heap limit counts per live object.
pub fn heap_object_size() -> usize {
    std::mem::size_of::<crate::heap::Object>() + 32
}

/// Limit the live heap of `vm` to about `bytes` (see `Io::set_heap_limit`).
pub fn set_heap_limit(vm: &mut Vm, bytes: Option<usize>) {
    match bytes {
        Some(b) => {
            vm.max_objects = Some((b / heap_object_size()).max(1));
            vm.max_alloc = vm.max_alloc.min((b / 8).max(1));
            // Collect often enough that the limit is checked before the
            // process itself runs out of memory.
            vm.heap.gc_threshold = vm
                .heap
                .gc_threshold
                .min((b / heap_object_size() / 4).max(1000));
        }
        None => {
            vm.max_objects = None;
            vm.max_alloc = 1 << 31;
        }
    }
}

/// An Io exception as a Rust error.
pub fn exception_error(vm: &Vm, e: Value) -> Error {
    if e.is_nil() {
        return Error::Exception {
            type_name: "Exception".into(),
            message: "nil".into(),
            stack: Vec::new(),
        };
    }
    let type_name = vm.type_name(e);
    let message = crate::report::error_text(vm, e);
    let stack = vm
        .heap
        .obj(e)
        .and_then(|o| o.get_local(sym::stack))
        .and_then(|l| vm.as_list(l))
        .map(|l| l.iter().filter_map(|&s| vm.string_of(s)).collect())
        .unwrap_or_default();
    Error::Exception {
        type_name,
        message,
        stack,
    }
}

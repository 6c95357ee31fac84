//! The virtual machine: the heap, the interned names, the well-known protos,
//! the host, and the frame stack the interpreter works on.
//!
//! Natives (Rust-written methods) get a `NativeCall` and answer a `Flow`: a
//! value, or what the interpreter should do next (evaluate a message, activate
//! a block, send a message) with a continuation to resume them. A native never
//! re-enters the interpreter on the Rust stack.

pub mod aot;
pub mod code;
pub mod coro;
pub mod entry;
pub mod frame;
pub mod ic;
pub mod interp;

use crate::fxhash::FxHashMap as HashMap;
use crate::heap::{
    BlockData, CallData, Heap, MessageData, Native, NativeFn, Payload, SeqData, FLAG_ACTIVATABLE,
    FLAG_LOCALS,
};
use crate::host::Host;
use crate::parse::shuffle::OpTable;
use crate::symbol::{sym, Sym, Symbols};
use crate::value::{ObjRef, Value};
use code::Code;
use frame::Frame;
use smallvec::SmallVec;
use std::rc::Rc;

pub type Args = SmallVec<[Value; 4]>;

/// What a native is called with.
pub struct NativeCall {
    pub target: Value,
    /// The caller's locals (where lazy arguments are evaluated).
    pub locals: Value,
    /// The Message being sent (nil for sends made by the VM itself).
    pub msg: Value,
    /// Evaluated arguments (empty for lazy natives; read `msg`'s arguments instead).
    pub args: Args,
    pub slot_context: Value,
}

#[derive(Copy, Clone, PartialEq, Debug)]
pub enum Stop {
    Break,
    Continue,
    Return,
}

/// How a suspended native is resumed.
#[derive(Copy, Clone, Debug)]
pub enum Resume {
    Value(Value),
    Stop(Stop, Value),
    Raise(Value),
}

pub type ContState = [Value; 8];
pub type ContFn = fn(&mut Vm, &mut ContState, Resume) -> NResult;

#[derive(Copy, Clone)]
pub struct Cont {
    pub f: ContFn,
    pub state: ContState,
}

pub enum Flow {
    Value(Value),
    /// Evaluate the message chain `msg` with `target` and `locals`, then resume `cont`
    /// (or return the result directly when there is no continuation).
    Eval {
        msg: Value,
        target: Value,
        locals: Value,
        cont: Option<Cont>,
    },
    /// Activate `block` with evaluated `args` (self = `target` for methods), then resume `cont`.
    Activate {
        block: Value,
        target: Value,
        args: Args,
        msg: Value,
        cont: Option<Cont>,
    },
    /// Send `name` with evaluated `args` to `target`, then resume `cont`.
    Send {
        target: Value,
        name: Sym,
        args: Args,
        cont: Option<Cont>,
    },
    /// break / continue / return.
    Stop(Stop, Value),
    /// Suspend the running coroutine and run coroutine `to` (starting it if it
    /// is fresh or finished). `cont`, if any, is pushed first; when the
    /// suspended coroutine goes on, its top frame receives `answer`.
    Switch {
        to: Value,
        answer: Value,
        cont: Option<Cont>,
    },
    /// Replace the running stacks with those captured by continuation
    /// `continuation`, whose `callcc` then answers `value`.
    Invoke {
        continuation: Value,
        value: Value,
    },
}

/// A native's answer: a flow, or an Io exception (the exception object).
pub type NResult = Result<Flow, Value>;

/// Well-known objects.
#[derive(Default, Clone, Copy)]
pub struct Protos {
    pub object: ObjRef,
    pub lobby: ObjRef,
    pub protos: ObjRef,
    pub core: ObjRef,
    pub number: ObjRef,
    pub sequence: ObjRef,
    pub list: ObjRef,
    pub map: ObjRef,
    pub block: ObjRef,
    pub message: ObjRef,
    pub call: ObjRef,
    pub cfunction: ObjRef,
    pub locals: ObjRef,
    pub exception: ObjRef,
    pub system: ObjRef,
    pub operator_table: ObjRef,
    pub nil: ObjRef,
    pub true_: ObjRef,
    pub false_: ObjRef,
    pub normal: ObjRef,
    pub break_: ObjRef,
    pub continue_: ObjRef,
    pub return_: ObjRef,
    /// The Coroutine proto, which is also the main coroutine.
    pub coroutine: ObjRef,
    pub scheduler: ObjRef,
    pub continuation: ObjRef,
}

/// A file a built module carries.
pub enum Embedded {
    Source(Vec<u8>),
    /// Its message tree, parsed when the module was built.
    Parsed(Value),
}

/// What `Vm::parser` holds: crate::parse::parse.
pub type ParseFn = fn(&mut Vm, &str, &str) -> Result<Value, crate::parse::ParseError>;

pub struct Vm {
    pub heap: Heap,
    pub syms: Symbols,
    pub p: Protos,
    pub host: Box<dyn Host>,
    /// The running coroutine's frames (the live top of them) and value stack.
    pub frames: Vec<Frame>,
    pub stack: Vec<Value>,
    /// The running coroutine's frozen frames below `frames` (after a callcc).
    pub under: Option<coro::Under>,
    /// The running coroutine.
    pub current: ObjRef,
    /// Coroutine switches so far.
    pub switches: u64,
    /// The run queue and timer lists.
    pub sched: coro::Sched,
    /// Bumped by every Message mutation; compiled code from an older epoch is rebuilt.
    pub message_epoch: u32,
    /// Interned immutable strings (literals and symbols).
    pub symbol_strings: HashMap<Vec<u8>, ObjRef>,
    /// Slot-name symbol of each interned string (they are never freed).
    string_syms: crate::fxhash::FxHashMap<ObjRef, Sym>,
    /// Messages the VM sends on its own behalf, one per name.
    synthetic_msgs: HashMap<Sym, ObjRef>,
    /// Deepest frame stack allowed before a "Stack overflow" exception.
    pub max_depth: usize,
    /// Exit code requested by `System exit`.
    pub exit_code: Option<i32>,
    /// Values kept alive for the host (results being handed out, etc.).
    pub extra_roots: Vec<Value>,
    pub args: Vec<String>,
    pub launch_path: String,
    /// Files served to `doFile` and the Importer from memory, by the path
    /// the program names (the files a built module carries); others are
    /// read from the host.
    pub embedded_files: HashMap<String, Embedded>,
    /// Parses source text into a message tree (see `compile`). None in a
    /// module built without the parser (see shake::drop_parser).
    pub parser: Option<ParseFn>,
    /// Largest sequence/list a single native may build (items); larger requests raise.
    pub max_alloc: usize,
    /// Sends left before evaluation stops with an engine error (None: unlimited).
    pub fuel: Option<u64>,
    /// Most live objects allowed before evaluation stops with an engine error (None: unlimited).
    pub max_objects: Option<usize>,
    /// Set when an engine limit stopped evaluation: unwinding skips every handler.
    pub halted: bool,
    /// The exception `error` made last: when a native fails with it, the
    /// interpreter records the message being sent as its caughtMessage.
    pub last_error: Value,
    /// Lookups made outside compiled code go through this cache.
    pub lookup_cache: ic::LookupCache,
    /// The shapes of fresh activation records and Calls, once one is made
    /// (always the same: small objects share shapes).
    record_shapes: RecordShapes,
    /// Names whose file the Importer is running (a file that uses its own
    /// name before defining it fails instead of importing itself again).
    pub importing: Vec<Sym>,
    /// Runs compiled functions (set by a host whose module has them).
    pub aot_enter: Option<aot::AotEnter>,
    /// Compiled activations nested on the native stack (see aot::MAX_NESTING).
    pub aot_nesting: u32,
    /// A flow that a native called from compiled code answered, for the
    /// interpreter to perform once compiled code has left.
    pub aot_flow: Option<Flow>,
    /// What an embedding Rust program registered (see `embed`).
    pub embed: crate::embed::EmbedState,
    /// The JavaScript bridge's Io blocks and protos (see `protos::js`).
    pub js: crate::protos::js::JsState,
}

#[derive(Default)]
struct RecordShapes {
    locals: Option<u32>,
    call: Option<u32>,
}

impl Vm {
    /// A VM booted with the standard library (`protos::STD_SOURCES`).
    pub fn new(host: Box<dyn Host>) -> Vm {
        Vm::with_library(host, crate::protos::STD_SOURCES)
    }

    /// A VM booted with `library` as the Io half of the standard library
    /// (name and source of each file, in load order): `protos::STD_SOURCES`,
    /// or a copy of it handed over at run time, so that a program that
    /// boots from its own copy does not carry the sources in its code.
    pub fn with_library(host: Box<dyn Host>, library: &[(&str, &str)]) -> Vm {
        let mut vm = Vm {
            heap: Heap::new(),
            syms: Symbols::new(),
            p: Protos::default(),
            host,
            frames: Vec::new(),
            stack: Vec::new(),
            under: None,
            current: ObjRef(0),
            switches: 0,
            sched: coro::Sched {
                queue: ObjRef(0),
                timers: ObjRef(0),
            },
            message_epoch: 1,
            symbol_strings: HashMap::default(),
            string_syms: Default::default(),
            synthetic_msgs: HashMap::default(),
            max_depth: 3_000_000,
            exit_code: None,
            extra_roots: Vec::new(),
            args: Vec::new(),
            launch_path: ".".into(),
            embedded_files: HashMap::default(),
            parser: Some(crate::parse::parse),
            max_alloc: 1 << 31,
            fuel: None,
            max_objects: None,
            halted: false,
            last_error: Value::NIL,
            lookup_cache: Default::default(),
            record_shapes: RecordShapes::default(),
            importing: Vec::new(),
            aot_enter: None,
            aot_nesting: 0,
            aot_flow: None,
            embed: Default::default(),
            js: Default::default(),
        };
        crate::protos::boot(&mut vm, library);
        aot::watch_number_proto(&mut vm);
        vm
    }

    // ---- objects -------------------------------------------------------

    pub fn sym(&mut self, s: &str) -> Sym {
        self.syms.intern(s)
    }

    pub fn new_object(&mut self, proto: ObjRef) -> ObjRef {
        self.heap.alloc(&[Value::obj(proto)], Payload::None)
    }

    pub fn set_slot(&mut self, o: ObjRef, name: Sym, v: Value) {
        self.heap.set_slot(o, name, v);
    }

    pub fn set_slot_str(&mut self, o: ObjRef, name: &str, v: Value) {
        let s = self.syms.intern(name);
        self.heap.set_slot(o, s, v);
    }

    /// Register a native method on `o`.
    pub fn add_native(&mut self, o: ObjRef, name: &str, f: NativeFn, type_name: &'static str) {
        self.add_native_flags(o, name, f, type_name, false)
    }

    pub fn add_lazy_native(&mut self, o: ObjRef, name: &str, f: NativeFn, type_name: &'static str) {
        self.add_native_flags(o, name, f, type_name, true)
    }

    fn add_native_flags(
        &mut self,
        o: ObjRef,
        name: &str,
        f: NativeFn,
        type_name: &'static str,
        lazy: bool,
    ) {
        let s = self.syms.intern(name);
        let nf = self.new_native(s, f, type_name, lazy);
        self.heap.set_slot(o, s, Value::obj(nf));
    }

    pub fn new_native(
        &mut self,
        name: Sym,
        f: NativeFn,
        type_name: &'static str,
        lazy: bool,
    ) -> ObjRef {
        let proto = self.p.cfunction;
        let r = self.heap.alloc(
            &[Value::obj(proto)],
            Payload::Native(Box::new(Native {
                f,
                name,
                type_name,
                lazy,
                on_numbers: crate::heap::OnNumbers::None,
            })),
        );
        self.heap.set_flag(r, FLAG_ACTIVATABLE, true);
        r
    }

    /// A fresh mutable or immutable string object.
    pub fn new_string(&mut self, bytes: Vec<u8>, mutable: bool) -> Value {
        let proto = self.p.sequence;
        Value::obj(self.heap.alloc(
            &[Value::obj(proto)],
            Payload::Seq(Box::new(SeqData {
                bytes,
                mutable,
                ..Default::default()
            })),
        ))
    }

    /// The slot name a string value denotes (fast for interned strings).
    pub fn sym_of(&mut self, v: Value) -> Option<Sym> {
        let r = v.as_obj()?;
        if let Some(&s) = self.string_syms.get(&r) {
            return Some(s);
        }
        let text = self.string_of(v)?;
        let s = self.syms.intern(&text);
        if self.symbol_strings.get(text.as_bytes()) == Some(&r) {
            self.string_syms.insert(r, s);
        }
        Some(s)
    }

    pub fn str_value(&mut self, s: &str) -> Value {
        self.new_string(s.as_bytes().to_vec(), false)
    }

    /// The interned immutable string with these bytes (literals, slot names).
    pub fn symbol_string(&mut self, bytes: &[u8]) -> Value {
        if let Some(&r) = self.symbol_strings.get(bytes) {
            return Value::obj(r);
        }
        let v = self.new_string(bytes.to_vec(), false);
        let r = v.as_obj().expect("string is an object");
        self.symbol_strings.insert(bytes.to_vec(), r);
        v
    }

    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        self.charge(items.len());
        let proto = self.p.list;
        Value::obj(self.heap.alloc(&[Value::obj(proto)], Payload::List(items)))
    }

    /// Account for `items` words of work or memory a native spent at once:
    /// big copies bring the next collection closer and cost fuel, so that
    /// neither memory nor time runs away while sends stay few.
    pub fn charge(&mut self, items: usize) {
        if items < 64 {
            return;
        }
        self.heap.allocated_since_gc += items / 8;
        self.charge_time(items);
    }

    /// Account for a native's pass over `items` values: it costs fuel (one
    /// send's worth per 1024), so that a limited run stays limited in time.
    #[inline]
    pub fn charge_time(&mut self, items: usize) {
        if let Some(f) = &mut self.fuel {
            *f = f.saturating_sub((items / 1024) as u64);
        }
    }

    pub fn new_message(&mut self, name: Sym, label: &Rc<str>, line: u32, col: u32) -> ObjRef {
        let proto = self.p.message;
        self.heap.alloc(
            &[Value::obj(proto)],
            Payload::Message(Box::new(MessageData {
                name,
                args: Vec::new(),
                next: Value::NIL,
                cached: None,
                label: label.clone(),
                line,
                col,
                code: None,
                shuffled_args: false,
            })),
        )
    }

    pub fn new_block(&mut self, args: Vec<Sym>, body: Value, scope: Option<Value>) -> Value {
        let proto = self.p.block;
        let locals_shape = 0;
        let r = self.heap.alloc(
            &[Value::obj(proto)],
            Payload::Block(Box::new(BlockData {
                args,
                body,
                scope,
                pass_stops: false,
                locals_shape,
            })),
        );
        if scope.is_none() {
            self.heap.set_flag(r, FLAG_ACTIVATABLE, true);
        }
        Value::obj(r)
    }

    pub fn new_call(&mut self, data: CallData) -> Value {
        let proto = [Value::obj(self.p.call)];
        let payload = Payload::Call(Box::new(data));
        let r = match self.record_shapes.call {
            Some(shape) => self.heap.alloc_with_shape(shape, &proto, payload),
            None => {
                let r = self.heap.alloc(&proto, payload);
                self.record_shapes.call = Some(self.heap.get(r).shape);
                r
            }
        };
        Value::obj(r)
    }

    /// A fresh activation record whose `self` is `selfv`.
    pub fn new_locals(&mut self, selfv: Value, call: Value) -> ObjRef {
        let proto = [Value::obj(self.p.locals)];
        let slots = [(sym::self_, selfv), (sym::call, call)];
        let r = match self.record_shapes.locals {
            Some(shape) => self
                .heap
                .alloc_with_slots(shape, &proto, &slots, Payload::None),
            None => {
                let r = self.heap.alloc(&proto, Payload::None);
                for (name, v) in slots {
                    self.heap.set_slot(r, name, v);
                }
                self.record_shapes.locals = Some(self.heap.get(r).shape);
                r
            }
        };
        self.heap.set_flag(r, FLAG_LOCALS, true);
        r
    }

    /// Message payload of a message object. Panics only on VM-internal misuse:
    /// callers pass references they created as messages.
    pub fn message(&self, m: ObjRef) -> &MessageData {
        match &self.heap.get(m).payload {
            Payload::Message(md) => md,
            _ => panic!("internal: not a message"),
        }
    }

    pub fn message_mut(&mut self, m: ObjRef) -> &mut MessageData {
        match &mut self.heap.get_mut(m).payload {
            Payload::Message(md) => md,
            _ => panic!("internal: not a message"),
        }
    }

    pub fn as_message(&self, v: Value) -> Option<&MessageData> {
        match &self.heap.obj(v)?.payload {
            Payload::Message(md) => Some(md),
            _ => None,
        }
    }

    /// `v` as a message reference, if it is a Message (nil and others are not).
    pub fn message_ref(&self, v: Value) -> Option<ObjRef> {
        self.as_message(v)?;
        v.as_obj()
    }

    pub fn as_seq(&self, v: Value) -> Option<&SeqData> {
        match &self.heap.obj(v)?.payload {
            Payload::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_list(&self, v: Value) -> Option<&Vec<Value>> {
        match &self.heap.obj(v)?.payload {
            Payload::List(l) => Some(l),
            _ => None,
        }
    }

    pub fn as_block(&self, v: Value) -> Option<&BlockData> {
        match &self.heap.obj(v)?.payload {
            Payload::Block(b) => Some(b),
            _ => None,
        }
    }

    /// Number value of a Number (the Number proto itself counts as 0).
    pub fn as_number(&self, v: Value) -> Option<f64> {
        if let Some(n) = v.as_num() {
            return Some(n);
        }
        match &self.heap.obj(v)?.payload {
            Payload::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// Text of a string value, lossily decoded.
    pub fn string_of(&self, v: Value) -> Option<String> {
        self.as_seq(v)
            .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
    }

    /// Bump the message epoch so that cached code is rebuilt.
    pub fn messages_changed(&mut self) {
        self.message_epoch = self.message_epoch.wrapping_add(1);
    }

    /// Compiled code for the chain starting at message `m`.
    pub fn code_for(&mut self, m: ObjRef) -> Rc<Code> {
        debug_assert!(self.as_message(Value::obj(m)).is_some());
        let epoch = self.message_epoch;
        if let Some((c, e)) = &self.message(m).code {
            if *e == epoch {
                return c.clone();
            }
        }
        let c = Rc::new(code::lower(self, m));
        self.message_mut(m).code = Some((c.clone(), epoch));
        c
    }

    pub fn synthetic_message(&mut self, name: Sym) -> Value {
        if let Some(&m) = self.synthetic_msgs.get(&name) {
            return Value::obj(m);
        }
        let label: Rc<str> = "[internal]".into();
        let m = self.new_message(name, &label, 0, 0);
        self.synthetic_msgs.insert(name, m);
        Value::obj(m)
    }

    // ---- lookup --------------------------------------------------------

    pub fn lookup(&self, recv: Value, name: Sym) -> Option<ic::Found> {
        self.lookup_cache
            .lookup(&self.heap, recv, name, self.p.number)
    }

    pub fn get_slot(&self, recv: Value, name: Sym) -> Option<Value> {
        self.lookup(recv, name).map(|f| f.value)
    }

    pub fn proto_chain_has(&self, v: Value, target: Value) -> bool {
        if v == target {
            return true;
        }
        let mut seen: Vec<ObjRef> = Vec::new();
        let mut stack: Vec<ObjRef> = match v.as_obj() {
            Some(r) => vec![r],
            None => vec![self.p.number],
        };
        if v.is_num() && Value::obj(self.p.number) == target {
            return true;
        }
        while let Some(o) = stack.pop() {
            if seen.contains(&o) {
                continue;
            }
            seen.push(o);
            for p in self.heap.get(o).protos.iter() {
                if *p == target {
                    return true;
                }
                if let Some(r) = p.as_obj() {
                    stack.push(r);
                }
            }
        }
        false
    }

    // ---- types and errors ------------------------------------------------

    /// The `type` of a value: its `type` slot if that is a string, else the primitive's name.
    pub fn type_name(&self, v: Value) -> String {
        if v.is_num() {
            return "Number".into();
        }
        if let Some(t) = self.get_slot(v, sym::type_) {
            if let Some(s) = self.string_of(t) {
                return s;
            }
        }
        self.tag_name(v).into()
    }

    pub fn tag_name(&self, v: Value) -> &'static str {
        match self.heap.obj(v).map(|o| &o.payload) {
            None | Some(Payload::Number(_)) => "Number",
            Some(Payload::Seq(_)) => "Sequence",
            Some(Payload::List(_)) => "List",
            Some(Payload::Map(_)) => "Map",
            Some(Payload::Block(_)) => "Block",
            Some(Payload::Message(_)) => "Message",
            Some(Payload::Native(_)) => "CFunction",
            Some(Payload::Time(_)) | Some(Payload::Weak(_)) => "Object",
            Some(Payload::Call(_)) => "Call",
            Some(Payload::Coro(_)) => "Coroutine",
            Some(Payload::Continuation(_)) => "Continuation",
            Some(Payload::Js(_)) => "JSObject",
            Some(Payload::None) => "Object",
        }
    }

    /// A new Exception carrying `text`.
    pub fn error(&mut self, text: impl Into<String>) -> Value {
        let proto = self.p.exception;
        let e = self.new_object(proto);
        let s = self.str_value(&text.into());
        self.heap.set_slot(e, sym::error, s);
        self.last_error = Value::obj(e);
        Value::obj(e)
    }

    pub fn err<T>(&mut self, text: impl Into<String>) -> Result<T, Value> {
        Err(self.error(text))
    }

    pub fn debug_value(&self, v: Value) -> String {
        if let Some(n) = v.as_num() {
            return crate::protos::number::format_number(n);
        }
        if let Some(s) = self.as_seq(v) {
            return format!("{:?}", String::from_utf8_lossy(&s.bytes));
        }
        if v == Value::NIL {
            return "nil".into();
        }
        if v == Value::TRUE {
            return "true".into();
        }
        if v == Value::FALSE {
            return "false".into();
        }
        format!("{}_{:?}", self.tag_name(v), v)
    }

    /// Snapshot of `OperatorTable operators` / `assignOperators` for the parser.
    pub fn operator_table_snapshot(&mut self) -> Option<OpTable> {
        let ot = Value::obj(self.p.operator_table);
        let levels_map = self.get_slot(ot, sym::operators)?;
        let assign_map = self.get_slot(ot, sym::assign_operators)?;
        let mut levels = HashMap::default();
        let mut assign = HashMap::default();
        let entries: Vec<(Value, Value)> = match &self.heap.obj(levels_map)?.payload {
            Payload::Map(m) => m.entries.clone(),
            _ => return None,
        };
        for (k, v) in entries {
            if let (Some(name), Some(l)) = (self.string_of(k), self.as_number(v)) {
                if (0.0..32.0).contains(&l) {
                    let s = self.syms.intern(&name);
                    levels.insert(s, l as u8);
                }
            }
        }
        let entries: Vec<(Value, Value)> = match &self.heap.obj(assign_map)?.payload {
            Payload::Map(m) => m.entries.clone(),
            _ => return None,
        };
        for (k, v) in entries {
            if let (Some(name), Some(to)) = (self.string_of(k), self.string_of(v)) {
                let a = self.syms.intern(&name);
                let b = self.syms.intern(&to);
                assign.insert(a, b);
            }
        }
        Some(OpTable { levels, assign })
    }

    /// Parse source into a message; a syntax error becomes an Io exception.
    pub fn compile(&mut self, src: &str, label: &str) -> Result<Value, Value> {
        let Some(parse) = self.parser else {
            return Err(self.error(format!(
                "cannot run {label}: this module was built without the Io parser, \
                 and runs only the files it was built with (build with -O0 to keep it)"
            )));
        };
        match parse(self, src, label) {
            Ok(m) => Ok(m),
            Err(e) => {
                let text = format!(
                    "compile error: {} on line {} character {}",
                    e.message, e.line, e.col
                );
                Err(self.error(text))
            }
        }
    }
}

impl Vm {
    /// The message tree of the file at `path` (for `doFile` and the
    /// Importer): one of the files the program was built with, else one
    /// read through the host. None when there is no such file; a syntax
    /// error is an Io exception.
    pub fn load_file(&mut self, path: &str) -> Option<Result<Value, Value>> {
        let bytes = match self.embedded_files.get(path) {
            Some(&Embedded::Parsed(tree)) => {
                // (A fresh copy, as parsing again would give.)
                return Some(Ok(crate::protos::message::deep_copy(self, tree)));
            }
            Some(Embedded::Source(bytes)) => bytes.clone(),
            None => self.host.read_file(path).ok()?,
        };
        let src = String::from_utf8_lossy(&bytes).into_owned();
        Some(self.compile(&src, path))
    }

    pub(crate) fn synthetic_msgs_values(&self) -> Vec<Value> {
        self.synthetic_msgs
            .values()
            .map(|&m| Value::obj(m))
            .collect()
    }
}

impl Vm {
    pub fn lobby(&self) -> Value {
        Value::obj(self.p.lobby)
    }

    /// Text for showing a value to a user without running Io code where it can be avoided.
    pub fn display_string(&self, v: Value) -> String {
        match crate::protos::object::direct_text(self, v) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => self.debug_value(v),
        }
    }
}

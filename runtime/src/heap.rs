//! The object heap: an arena of prototype objects indexed by `ObjRef`, their
//! shapes, and the precise mark-and-sweep collector.
//!
//! Every object has an ordered proto list, an ordered slot table and an optional
//! primitive payload. `shape` certifies the layout (own slot keys in order and the
//! proto list): objects with equal shapes have identical layouts, and any
//! structural change (slot added or removed, protos changed) gives the object a
//! different shape. Writing the value of an existing slot keeps the shape. Inline
//! caches rely on this and on shape ids never being reused.
//!
//! This room must not evaluate Io code; the collector runs only when the
//! interpreter asks for it at a safe point, with the roots the VM hands it.

use crate::fxhash::FxHashMap;
use crate::fxhash::FxHashMap as HashMap;
use crate::symbol::{sym, Sym};
use crate::value::{ObjRef, Value};
use crate::vm::code::Code;
use smallvec::SmallVec;
use std::rc::Rc;

pub const FLAG_ACTIVATABLE: u8 = 1;
pub const FLAG_LOCALS: u8 = 2;
const FLAG_MARK: u8 = 4;
/// The shape of a free record, which no object has: a free record is all
/// zeros (see `Heap::forget_free_records`).
const FREE: u32 = 0;
/// A built-in native that compiled code inlines (`if`, the loops, the
/// assignments): an inlined form runs only while its name finds one.
pub const FLAG_INLINED: u8 = 16;
/// A built-in native that never looks at the frame stack, which compiled
/// code calls directly (see vm::aot): it may run before the caller's frame
/// is written back, and whatever flow it answers other than a value, the
/// interpreter performs once the caller has left.
pub const FLAG_DIRECT: u8 = 32;
/// An object whose slots compiled code relies on (the Number proto, whose
/// operators it does as wasm instructions): any change to its slots or
/// protos bumps the version in `Heap::watch`.
pub const FLAG_WATCHED: u8 = 64;

/// Shape of every Number receiver (numbers are unboxed, their only proto is Number).
pub const NUMBER_SHAPE: u32 = 1;
/// Slot tables larger than this stop sharing shapes (dictionary mode).
const MAX_SHARED_SLOTS: usize = 48;
/// Slot tables larger than this get a hash index.
const INDEX_THRESHOLD: usize = 12;

pub type NativeFn = fn(&mut crate::vm::Vm, &mut crate::vm::NativeCall) -> crate::vm::NResult;

pub struct Native {
    pub f: NativeFn,
    pub name: Sym,
    pub type_name: &'static str,
    pub lazy: bool,
    /// The answer, without a call, when receiver and arguments are Numbers.
    pub on_numbers: OnNumbers,
}

/// A native's formula on Numbers: the interpreter applies it directly to a
/// Number receiver with Number arguments (no arguments for `Unary`, one
/// otherwise), which gives what calling the native would.
#[derive(Clone, Copy)]
pub enum OnNumbers {
    None,
    Unary(fn(f64) -> f64),
    Arith(fn(f64, f64) -> f64),
    Compare(fn(f64, f64) -> bool),
}

pub struct BlockData {
    pub args: Vec<Sym>,
    /// Body message, or nil for an empty body.
    pub body: Value,
    /// Captured locals for a `block`; None for a `method`.
    pub scope: Option<Value>,
    pub pass_stops: bool,
    /// Shared shape for fresh activation records of this block.
    pub locals_shape: u32,
}

pub struct MessageData {
    pub name: Sym,
    pub args: Vec<Value>,
    /// Next message in the chain, or nil.
    pub next: Value,
    pub cached: Option<Value>,
    pub label: Rc<str>,
    pub line: u32,
    pub col: u32,
    /// Bytecode compiled from the chain starting here, with the message epoch it was made in.
    pub code: Option<(Rc<Code>, u32)>,
    /// Set by the shuffler on messages whose arguments it built (cleared after).
    pub shuffled_args: bool,
}

pub struct CallData {
    pub sender: Value,
    pub target: Value,
    pub message: Value,
    pub activated: Value,
    pub slot_context: Value,
    pub stop_status: Value,
}

/// How a Sequence's bytes divide into items (native byte order).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum ItemType {
    #[default]
    U8,
    U16,
    U32,
    U64,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
}

/// What a Sequence's items mean: text in some encoding, or plain numbers.
/// Text with one-byte items is UTF-8 (`Ascii` and `Utf8` differ only in name).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Encoding {
    Ascii,
    #[default]
    Utf8,
    Ucs2,
    Ucs4,
    Number,
}

#[derive(Clone, Default)]
pub struct SeqData {
    /// The items' raw bytes; text with one-byte items is UTF-8.
    pub bytes: Vec<u8>,
    pub mutable: bool,
    pub item_type: ItemType,
    pub encoding: Encoding,
}

#[derive(Default, Clone)]
pub struct MapData {
    /// key bytes -> (key object, value), insertion ordered through `order`.
    pub entries: Vec<(Value, Value)>,
    pub index: HashMap<Vec<u8>, usize>,
}

pub enum Payload {
    None,
    Number(f64),
    /// Seconds, for Date (since 1970) and Duration objects.
    Time(f64),
    /// A reference the collector does not follow (WeakLink); cleared when its object dies.
    Weak(Value),
    Seq(Box<SeqData>),
    List(Vec<Value>),
    Map(Box<MapData>),
    Block(Box<BlockData>),
    Message(Box<MessageData>),
    Native(Box<Native>),
    Call(Box<CallData>),
    /// A coroutine: its saved stacks while it is not running.
    Coro(Box<crate::vm::coro::CoroData>),
    /// A captured continuation (callcc).
    Continuation(Box<crate::vm::coro::Captured>),
    /// A JavaScript value, by the handle its host gave out (JSObject). The
    /// handle is released when the object dies (see `Heap::js_released`).
    Js(u32),
}

impl Payload {
    /// The values this payload holds strongly (what the collector marks
    /// from it; a weak link's target is not among them).
    pub fn children(&self, out: &mut impl Extend<Value>) {
        match self {
            Payload::List(items) => out.extend(items.iter().copied()),
            Payload::Map(m) => out.extend(m.entries.iter().flat_map(|&(k, v)| [k, v])),
            Payload::Block(b) => out.extend(std::iter::once(b.body).chain(b.scope)),
            Payload::Message(m) => {
                out.extend(m.args.iter().copied().chain([m.next]).chain(m.cached))
            }
            Payload::Call(c) => out.extend([
                c.sender,
                c.target,
                c.message,
                c.activated,
                c.slot_context,
                c.stop_status,
            ]),
            Payload::Coro(c) => c.roots(out),
            Payload::Continuation(k) => k.roots(out),
            Payload::None
            | Payload::Number(_)
            | Payload::Time(_)
            | Payload::Weak(_)
            | Payload::Js(_)
            | Payload::Seq(_)
            | Payload::Native(_) => {}
        }
    }
}

#[derive(Default)]
pub struct Slots {
    pub entries: SmallVec<[(Sym, Value); 4]>,
    index: Option<Box<FxHashMap<Sym, u32>>>,
}

impl Slots {
    #[inline]
    pub fn find(&self, name: Sym) -> Option<usize> {
        if let Some(ix) = &self.index {
            return ix.get(&name).map(|&i| i as usize);
        }
        self.entries.iter().position(|e| e.0 == name)
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    fn push(&mut self, name: Sym, v: Value) {
        self.entries.push((name, v));
        if let Some(ix) = &mut self.index {
            ix.insert(name, (self.entries.len() - 1) as u32);
        } else if self.entries.len() > INDEX_THRESHOLD {
            let mut ix =
                FxHashMap::with_capacity_and_hasher(self.entries.len() * 2, Default::default());
            for (i, e) in self.entries.iter().enumerate() {
                ix.insert(e.0, i as u32);
            }
            self.index = Some(Box::new(ix));
        }
    }
    fn remove(&mut self, i: usize) {
        self.entries.remove(i);
        if self.index.is_some() {
            let mut ix =
                FxHashMap::with_capacity_and_hasher(self.entries.len() * 2, Default::default());
            for (i, e) in self.entries.iter().enumerate() {
                ix.insert(e.0, i as u32);
            }
            self.index = Some(Box::new(ix));
        }
    }
    fn clear(&mut self) {
        self.entries.clear();
        self.index = None;
    }
}

pub struct Object {
    pub shape: u32,
    pub flags: u8,
    pub protos: SmallVec<[Value; 1]>,
    pub slots: Slots,
    pub payload: Payload,
}

impl Object {
    #[inline]
    pub fn is_activatable(&self) -> bool {
        self.flags & FLAG_ACTIVATABLE != 0
    }
    #[inline]
    pub fn is_locals(&self) -> bool {
        self.flags & FLAG_LOCALS != 0
    }
    #[inline]
    pub fn get_local(&self, name: Sym) -> Option<Value> {
        self.slots.find(name).map(|i| self.slots.entries[i].1)
    }
}

/// Shape bookkeeping: transitions between shared shapes.
#[derive(Default)]
struct Shapes {
    next: u32,
    roots: FxHashMap<u64, u32>,
    transitions: FxHashMap<(u32, Sym), u32>,
}

impl Shapes {
    fn fresh(&mut self) -> u32 {
        self.next = self.next.wrapping_add(1).max(2);
        self.next
    }
}

pub struct Heap {
    objects: Vec<Object>,
    /// Free records, for reuse (the last one first). Left empty by
    /// `forget_free_records` while `free_count` is not 0: the next
    /// allocation lists them again.
    free: Vec<u32>,
    free_count: usize,
    shapes: Shapes,
    /// Objects allocated since the last collection.
    pub allocated_since_gc: usize,
    pub gc_threshold: usize,
    pub live_after_gc: usize,
    pub collections: usize,
    /// What compiled code reads of the watched objects (boxed: its address
    /// never changes).
    pub watch: Box<Watch>,
    /// Handles of JavaScript values whose JSObject died, for the VM to
    /// hand back to its host.
    pub js_released: Vec<u32>,
}

/// The number of Number operators in `Watch::ops` (see vm::aot::NUMBER_OPS).
pub const NUMBER_OPS: usize = 16;

/// The watched objects' version, and what compiled code reads of them as of
/// `checked`. The layout is read by compiled code (see vm::aot::offsets).
#[repr(C)]
pub struct Watch {
    /// Bumped by every change to the slots or protos of a watched object.
    pub version: u64,
    /// The version `number_proto` and `ops` were found at.
    pub checked: u64,
    pub number_proto: u64,
    /// The built-in native of each Number operator, or a NaN sentinel
    /// where Number's slot holds something else.
    pub ops: [u64; NUMBER_OPS],
    /// Bumped by every change that may change what an inlined form's guard
    /// finds (a write of a slot named in `GUARDED_NAMES` on any object, a
    /// removal of slots, a change of protos) or whether a value is
    /// activatable.
    pub structure: u64,
}

/// The names of the inlined forms (and `self`, which steers a lookup from
/// a locals object): a guard looks them up, so writing them is noted in
/// `Watch::structure`.
pub const GUARDED_NAMES: [Sym; 13] = [
    sym::self_,
    sym::if_,
    sym::while_,
    sym::loop_,
    sym::for_,
    sym::repeat,
    sym::set_slot,
    sym::update_slot,
    sym::and,
    sym::or,
    sym::forward,
    sym::empty,
    sym::foreach,
];

const GUARDED_MASK: u128 = {
    let mut m = 0u128;
    let mut i = 0;
    while i < GUARDED_NAMES.len() {
        assert!(GUARDED_NAMES[i].0 < 128);
        m |= 1 << GUARDED_NAMES[i].0;
        i += 1;
    }
    m
};

/// Whether `name` is one of `GUARDED_NAMES`.
#[inline(always)]
pub fn guarded_name(name: Sym) -> bool {
    name.0 < 128 && GUARDED_MASK >> name.0 & 1 != 0
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    pub fn new() -> Heap {
        let shapes = Shapes {
            next: NUMBER_SHAPE,
            ..Default::default()
        };
        Heap {
            objects: Vec::with_capacity(1 << 16),
            free: Vec::new(),
            free_count: 0,
            shapes,
            allocated_since_gc: 0,
            gc_threshold: 200_000,
            live_after_gc: 0,
            collections: 0,
            watch: Box::new(Watch {
                version: 0,
                checked: u64::MAX,
                number_proto: 0,
                ops: [0; NUMBER_OPS],
                structure: 0,
            }),
            js_released: Vec::new(),
        }
    }

    /// Note a change to `r`'s slots or protos (see `FLAG_WATCHED`).
    #[inline(always)]
    pub fn touched(&mut self, r: ObjRef) {
        if self.objects[r.0 as usize].flags & FLAG_WATCHED != 0 {
            self.watch.version += 1;
        }
    }

    /// Note a write of a slot named `name` (on any object).
    #[inline(always)]
    pub fn wrote(&mut self, name: Sym) {
        if guarded_name(name) {
            self.watch.structure += 1;
        }
    }

    #[inline]
    pub fn get(&self, r: ObjRef) -> &Object {
        &self.objects[r.0 as usize]
    }
    #[inline]
    pub fn get_mut(&mut self, r: ObjRef) -> &mut Object {
        &mut self.objects[r.0 as usize]
    }
    /// The object a value refers to, if it is an object.
    #[inline]
    pub fn obj(&self, v: Value) -> Option<&Object> {
        v.as_obj().map(|r| &self.objects[r.0 as usize])
    }
    pub fn len(&self) -> usize {
        self.objects.len() - self.free_count
    }

    /// Every live object.
    pub fn live(&self) -> impl Iterator<Item = (ObjRef, &Object)> {
        self.objects
            .iter()
            .enumerate()
            .filter(|(_, o)| o.shape != FREE)
            .map(|(i, o)| (ObjRef(i as u32), o))
    }

    /// Every live coroutine object.
    pub fn coroutines(&self) -> impl Iterator<Item = (ObjRef, &crate::vm::coro::CoroData)> {
        self.live().filter_map(|(r, o)| match &o.payload {
            Payload::Coro(c) => Some((r, &**c)),
            _ => None,
        })
    }

    /// Put `value` in every slot, of every live object, whose name `keep`
    /// refuses (layouts stay as they are). Answers how many slots changed.
    pub fn replace_slots(&mut self, keep: impl Fn(Sym) -> bool, value: Value) -> usize {
        let mut replaced = 0;
        for o in self.objects.iter_mut() {
            if o.shape == FREE {
                continue;
            }
            for e in o.slots.entries.iter_mut() {
                if !keep(e.0) && e.1 != value {
                    e.1 = value;
                    replaced += 1;
                }
            }
        }
        self.watch.version += 1;
        self.watch.structure += 1;
        replaced
    }

    /// Remove, from every live object, the slots whose names `keep`
    /// refuses (each object that loses one gets a fresh shape). Answers
    /// how many slots went.
    pub fn retain_slots(&mut self, keep: impl Fn(Sym) -> bool) -> usize {
        let mut removed = 0;
        for i in 0..self.objects.len() {
            let o = &self.objects[i];
            if o.shape == FREE || o.slots.entries.iter().all(|e| keep(e.0)) {
                continue;
            }
            let r = ObjRef(i as u32);
            let gone: Vec<Sym> = o
                .slots
                .entries
                .iter()
                .map(|e| e.0)
                .filter(|&n| !keep(n))
                .collect();
            removed += gone.len();
            for name in gone {
                self.remove_slot(r, name);
            }
        }
        self.watch.structure += 1;
        removed
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// True if `r` indexes a live object (used to validate cached references).
    pub fn is_live(&self, r: ObjRef) -> bool {
        self.objects
            .get(r.0 as usize)
            .is_some_and(|o| o.shape != FREE)
    }

    fn root_shape(&mut self, protos: &[Value]) -> u32 {
        if protos.len() == 1 {
            let key = protos[0].bits();
            if let Some(&s) = self.shapes.roots.get(&key) {
                return s;
            }
            let s = self.shapes.fresh();
            self.shapes.roots.insert(key, s);
            s
        } else {
            self.shapes.fresh()
        }
    }

    /// A fresh shape id that no object has had before.
    pub fn fresh_shape(&mut self) -> u32 {
        self.shapes.fresh()
    }

    /// A new object with `slots`, given the shape that setting them one by
    /// one on a fresh object with `protos` gives.
    pub fn alloc_with_slots(
        &mut self,
        shape: u32,
        protos: &[Value],
        slots: &[(Sym, Value)],
        payload: Payload,
    ) -> ObjRef {
        let r = self.alloc_with_shape(shape, protos, payload);
        let o = &mut self.objects[r.0 as usize];
        for &(name, v) in slots {
            o.slots.push(name, v);
        }
        r
    }

    pub fn alloc(&mut self, protos: &[Value], payload: Payload) -> ObjRef {
        let shape = self.root_shape(protos);
        self.alloc_with_shape(shape, protos, payload)
    }

    pub fn alloc_with_shape(&mut self, shape: u32, protos: &[Value], payload: Payload) -> ObjRef {
        self.allocated_since_gc += 1;
        let obj = Object {
            shape,
            flags: 0,
            protos: SmallVec::from_slice(protos),
            slots: Slots::default(),
            payload,
        };
        if self.free_count > 0 && self.free.is_empty() {
            self.list_free_records();
        }
        if let Some(i) = self.free.pop() {
            self.free_count -= 1;
            self.objects[i as usize] = obj;
            ObjRef(i)
        } else {
            self.objects.push(obj);
            ObjRef((self.objects.len() - 1) as u32)
        }
    }

    /// Set a slot on `r`, adding it if absent. Returns true if the slot was added.
    pub fn set_slot(&mut self, r: ObjRef, name: Sym, v: Value) -> bool {
        self.touched(r);
        self.wrote(name);
        let o = &mut self.objects[r.0 as usize];
        if let Some(i) = o.slots.find(name) {
            o.slots.entries[i].1 = v;
            return false;
        }
        let old = o.shape;
        let shared = o.slots.len() < MAX_SHARED_SLOTS;
        let new_shape = if shared {
            match self.shapes.transitions.get(&(old, name)) {
                Some(&s) => s,
                None => {
                    let s = self.shapes.fresh();
                    self.shapes.transitions.insert((old, name), s);
                    s
                }
            }
        } else {
            self.shapes.fresh()
        };
        let o = &mut self.objects[r.0 as usize];
        o.shape = new_shape;
        o.slots.push(name, v);
        true
    }

    pub fn remove_slot(&mut self, r: ObjRef, name: Sym) -> bool {
        self.touched(r);
        self.wrote(name);
        let s = self.shapes.fresh();
        let o = &mut self.objects[r.0 as usize];
        match o.slots.find(name) {
            Some(i) => {
                o.slots.remove(i);
                o.shape = s;
                true
            }
            None => false,
        }
    }

    pub fn remove_all_slots(&mut self, r: ObjRef) {
        self.touched(r);
        self.watch.structure += 1;
        let s = self.shapes.fresh();
        let o = &mut self.objects[r.0 as usize];
        o.slots.clear();
        o.shape = s;
    }

    pub fn set_protos(&mut self, r: ObjRef, protos: &[Value]) {
        self.touched(r);
        self.watch.structure += 1;
        let s = self.shapes.fresh();
        let o = &mut self.objects[r.0 as usize];
        o.protos = SmallVec::from_slice(protos);
        o.shape = s;
    }

    pub fn set_flag(&mut self, r: ObjRef, flag: u8, on: bool) {
        let o = &mut self.objects[r.0 as usize];
        if flag & FLAG_ACTIVATABLE != 0 && (o.flags & FLAG_ACTIVATABLE != 0) != on {
            // (Compiled code remembers which values are plain.)
            self.watch.structure += 1;
        }
        let o = &mut self.objects[r.0 as usize];
        if on {
            o.flags |= flag;
        } else {
            o.flags &= !flag;
        }
    }

    /// Overwrite the record of every free object with zeros, and forget
    /// the list of them (the next allocation lists them again). A freed
    /// record otherwise keeps bytes of the object it held in its unused
    /// parts, and with the list, that is what a snapshot of the heap
    /// (`ioc build`) would store for every object that boot made and
    /// dropped. (Nothing reads a free record: an inline cache guards only
    /// objects its receiver's shape keeps alive.)
    pub fn forget_free_records(&mut self) {
        for o in self.objects.iter_mut() {
            if o.shape != FREE {
                continue;
            }
            let p: *mut Object = o;
            // SAFETY: `p` is a valid, exclusively borrowed record. It is
            // dropped, its bytes overwritten, and a valid record written in
            // its place before anything reads it again.
            unsafe {
                std::ptr::drop_in_place(p);
                std::ptr::write_bytes(p, 0, 1);
                std::ptr::write(
                    p,
                    Object {
                        shape: FREE,
                        flags: 0,
                        protos: SmallVec::new(),
                        slots: Slots::default(),
                        payload: Payload::None,
                    },
                );
            }
        }
        self.free = Vec::new();
    }

    /// The free list, from the records (in index order, as `collect`
    /// leaves it).
    fn list_free_records(&mut self) {
        self.free = (0..self.objects.len() as u32)
            .filter(|&i| self.objects[i as usize].shape == FREE)
            .collect();
    }

    /// Mark from `roots`, then free every unmarked object. Returns the number freed.
    pub fn collect(&mut self, roots: &[Value]) -> usize {
        let mut work: Vec<u32> = Vec::with_capacity(1024);
        for v in roots {
            if let Some(r) = v.as_obj() {
                work.push(r.0);
            }
        }
        let push = |v: Value, objects: &mut Vec<Object>, work: &mut Vec<u32>| {
            if let Some(r) = v.as_obj() {
                if let Some(o) = objects.get_mut(r.0 as usize) {
                    if o.flags & FLAG_MARK == 0 {
                        work.push(r.0);
                    }
                }
            }
        };
        while let Some(i) = work.pop() {
            let o = &mut self.objects[i as usize];
            if o.flags & FLAG_MARK != 0 || o.shape == FREE {
                continue;
            }
            o.flags |= FLAG_MARK;
            // Gather children first to keep the borrow simple.
            let mut kids: SmallVec<[Value; 16]> = SmallVec::new();
            kids.extend(o.protos.iter().copied());
            kids.extend(o.slots.entries.iter().map(|e| e.1));
            o.payload.children(&mut kids);
            for k in kids {
                push(k, &mut self.objects, &mut work);
            }
        }
        // Weak references to objects that were not reached become nil.
        let dead: Vec<usize> = self
            .objects
            .iter()
            .enumerate()
            .filter_map(|(i, o)| match o.payload {
                Payload::Weak(t) if o.flags & FLAG_MARK != 0 => {
                    let target_alive = t.as_obj().is_none_or(|r| {
                        self.objects
                            .get(r.0 as usize)
                            .is_some_and(|x| x.flags & FLAG_MARK != 0)
                    });
                    (!target_alive).then_some(i)
                }
                _ => None,
            })
            .collect();
        for i in dead {
            self.objects[i].payload = Payload::Weak(Value::NIL);
        }
        if self.free_count > 0 && self.free.is_empty() {
            self.list_free_records();
        }
        let mut freed = 0;
        for (i, o) in self.objects.iter_mut().enumerate() {
            if o.shape == FREE {
                continue;
            }
            if o.flags & FLAG_MARK != 0 {
                o.flags &= !FLAG_MARK;
            } else {
                if let Payload::Js(h) = o.payload {
                    self.js_released.push(h);
                }
                o.shape = FREE;
                o.flags = 0;
                o.payload = Payload::None;
                o.slots = Slots::default();
                o.protos = SmallVec::new();
                self.free.push(i as u32);
                self.free_count += 1;
                freed += 1;
            }
        }
        self.collections += 1;
        self.allocated_since_gc = 0;
        self.live_after_gc = self.len();
        self.gc_threshold = (self.live_after_gc * 2).max(200_000);
        freed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(h: &mut Heap, protos: &[Value]) -> ObjRef {
        h.alloc(protos, Payload::None)
    }

    #[test]
    fn gc_reclaims_cycles_and_keeps_reachable() {
        let mut h = Heap::new();
        let root = obj(&mut h, &[]);
        let a = obj(&mut h, &[Value::obj(root)]);
        let b = obj(&mut h, &[Value::obj(a)]);
        h.set_slot(a, Sym(1), Value::obj(b)); // a <-> b cycle, reachable from root? no
        let kept = obj(&mut h, &[]);
        h.set_slot(root, Sym(2), Value::obj(kept));
        let before = h.len();
        let freed = h.collect(&[Value::obj(root)]);
        assert_eq!(freed, 2);
        assert_eq!(h.len(), before - 2);
        assert!(h.is_live(kept) && h.is_live(root));
        assert!(!h.is_live(a) && !h.is_live(b));
        // freed slots are reused
        let c = obj(&mut h, &[]);
        assert!(c == a || c == b);
    }

    #[test]
    fn forgotten_free_records_stay_free_and_are_reused() {
        let mut h = Heap::new();
        let root = obj(&mut h, &[]);
        let dead: Vec<ObjRef> = (0..3).map(|_| obj(&mut h, &[Value::obj(root)])).collect();
        for i in 0..10 {
            h.set_slot(dead[1], Sym(i), Value::num(i as f64));
        }
        h.collect(&[Value::obj(root)]);
        h.forget_free_records();
        assert!(h.free.is_empty());
        assert!(h.is_live(root) && dead.iter().all(|&d| !h.is_live(d)));
        assert_eq!(h.len(), 1);
        let again = obj(&mut h, &[Value::obj(root)]);
        assert!(dead.contains(&again));
        assert!(h.get(again).slots.is_empty());
        assert_eq!(h.len(), 2);
        // The records still free are listed again: a collection frees the
        // new object and counts every free record once.
        assert_eq!(h.collect(&[Value::obj(root)]), 1);
        assert_eq!(h.len(), 1);
        let reused: Vec<ObjRef> = (0..3).map(|_| obj(&mut h, &[])).collect();
        assert!(reused.iter().all(|r| dead.contains(r)));
        assert_eq!(h.len(), 4);
    }

    #[test]
    fn weak_references_are_cleared_when_their_object_dies() {
        let mut h = Heap::new();
        let root = obj(&mut h, &[]);
        let target = obj(&mut h, &[]);
        let weak = h.alloc(&[], Payload::Weak(Value::obj(target)));
        h.set_slot(root, Sym(1), Value::obj(weak));
        h.collect(&[Value::obj(root), Value::obj(target)]);
        assert!(matches!(h.get(weak).payload, Payload::Weak(v) if v == Value::obj(target)));
        h.collect(&[Value::obj(root)]);
        assert!(matches!(h.get(weak).payload, Payload::Weak(v) if v == Value::NIL));
    }

    #[test]
    fn shapes_are_shared_by_layout_and_change_on_structure() {
        let mut h = Heap::new();
        let p = obj(&mut h, &[]);
        let x = obj(&mut h, &[Value::obj(p)]);
        let y = obj(&mut h, &[Value::obj(p)]);
        assert_eq!(h.get(x).shape, h.get(y).shape);
        h.set_slot(x, Sym(5), Value::num(1.0));
        assert_ne!(h.get(x).shape, h.get(y).shape);
        h.set_slot(y, Sym(5), Value::num(2.0));
        assert_eq!(h.get(x).shape, h.get(y).shape);
        let s = h.get(x).shape;
        h.set_slot(x, Sym(5), Value::num(3.0));
        assert_eq!(h.get(x).shape, s, "value writes keep the shape");
        h.remove_slot(x, Sym(5));
        assert_ne!(h.get(x).shape, s);
        assert_ne!(h.get(x).shape, h.get(y).shape);
    }

    #[test]
    fn large_slot_tables_are_indexed() {
        let mut h = Heap::new();
        let o = obj(&mut h, &[]);
        for i in 0..100 {
            h.set_slot(o, Sym(i), Value::num(i as f64));
        }
        assert_eq!(h.get(o).get_local(Sym(77)), Some(Value::num(77.0)));
        h.remove_slot(o, Sym(10));
        assert_eq!(h.get(o).get_local(Sym(77)), Some(Value::num(77.0)));
        assert_eq!(h.get(o).get_local(Sym(10)), None);
    }
}

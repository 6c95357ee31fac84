//! Slot lookup and the inline caches that remember it.
//!
//! Lookup is depth-first through protos in list order, each object visited at
//! most once; a miss on an activation record (Locals) continues on its `self`.
//! An inline cache entry records what a lookup depended on: the receiver's
//! shape, the shape of `self` when the lookup passed through a Locals object,
//! and the shapes of every other object it walked (identified by reference),
//! plus where the slot was found. A hit reads the slot's current value, so value
//! writes never invalidate; any structural change anywhere on the walked chain
//! changes a shape and fails the entry. Entries are plain data (`Copy`).

use crate::heap::{Heap, NUMBER_SHAPE};
use crate::symbol::{sym, Sym};
use crate::value::{ObjRef, Value};
use std::cell::Cell;

pub const MAX_GUARDS: usize = 6;

#[derive(Copy, Clone, PartialEq, Debug)]
pub enum Holder {
    Recv,
    SelfObj,
    Fixed(ObjRef),
}

#[derive(Copy, Clone, Debug)]
pub struct Ic {
    /// 0 marks an empty entry.
    pub recv_shape: u32,
    /// Shape of the Locals' `self` when the lookup passed through it, else 0.
    pub self_shape: u32,
    /// Where `self` sits in the Locals' slot table.
    pub self_index: u32,
    pub guards: [(ObjRef, u32); MAX_GUARDS],
    pub nguards: u8,
    pub holder: Holder,
    pub index: u32,
}

impl Ic {
    pub const EMPTY: Ic = Ic {
        recv_shape: 0,
        self_shape: 0,
        self_index: 0,
        guards: [(ObjRef(0), 0); MAX_GUARDS],
        nguards: 0,
        holder: Holder::Recv,
        index: 0,
    };
}

/// Result of a lookup: the slot's value and the object that holds it.
#[derive(Copy, Clone, Debug)]
pub struct Found {
    pub value: Value,
    pub holder: ObjRef,
    /// Where the holder was found, and the slot's index in it.
    pub via: Holder,
    pub index: u32,
    /// Who the message is effectively sent to: the receiver, or the `self` a
    /// Locals object forwarded the lookup to.
    pub receiver: Value,
}

#[inline]
fn shape_of(heap: &Heap, v: Value) -> u32 {
    match v.as_obj() {
        Some(r) => heap.get(r).shape,
        None => NUMBER_SHAPE,
    }
}

/// A cache entry, read in place (a copy would cost more than the probe
/// itself).
#[inline(always)]
pub fn entry<T: Copy>(cell: &Cell<T>) -> &T {
    // SAFETY: the cells are only written with `Cell::set`, on a cache miss,
    // after the probe that used this reference has returned; nothing reached
    // from a probe can write a cache cell, and `Ic` holds no interior
    // mutability, so no write happens while the reference lives.
    unsafe { &*cell.as_ptr() }
}

/// Try the cache entry for `recv`.
#[inline(always)]
pub fn probe(heap: &Heap, ic: &Ic, recv: Value) -> Option<Found> {
    if ic.recv_shape == 0 || shape_of(heap, recv) != ic.recv_shape {
        return None;
    }
    let mut selfv = Value::NIL;
    if ic.self_shape != 0 {
        let o = heap.get(recv.as_obj()?);
        selfv = o.slots.entries.get(ic.self_index as usize)?.1;
        if shape_of(heap, selfv) != ic.self_shape {
            return None;
        }
    }
    // (Every guarded object is live while the receiver has its shape: a
    // shape names the protos, and each guard's shape names the next ones.)
    for &(r, s) in &ic.guards[..ic.nguards as usize] {
        if heap.get(r).shape != s {
            return None;
        }
    }
    let holder = match ic.holder {
        Holder::Recv => recv.as_obj()?,
        Holder::SelfObj => selfv.as_obj()?,
        Holder::Fixed(r) => r,
    };
    let value = heap.get(holder).slots.entries.get(ic.index as usize)?.1;
    let receiver = if ic.self_shape != 0 { selfv } else { recv };
    Some(Found {
        value,
        holder,
        via: ic.holder,
        index: ic.index,
        receiver,
    })
}

/// A send site's cache: two entries, the most recently filled first, so a
/// site that sees two layouts (a method's locals before and after a loop
/// adds one, two kinds of receiver) keeps both.
#[derive(Copy, Clone, Debug)]
pub struct SiteCache {
    pub entries: [Ic; 2],
}

impl SiteCache {
    pub const EMPTY: SiteCache = SiteCache {
        entries: [Ic::EMPTY; 2],
    };
}

/// Try both entries of a site's cache for `recv`.
#[inline(always)]
pub fn probe_site(heap: &Heap, cell: &Cell<SiteCache>, recv: Value) -> Option<Found> {
    let c = entry(cell);
    if let Some(f) = probe(heap, &c.entries[0], recv) {
        return Some(f);
    }
    probe(heap, &c.entries[1], recv)
}

/// Add entry `e` to a site's cache, keeping the newer of the two it had.
pub fn remember(cell: &Cell<SiteCache>, e: Ic) {
    let old = cell.get();
    cell.set(SiteCache {
        entries: [e, old.entries[0]],
    });
}

/// Lookup of `name` on `recv` for a send site: from its cache when an entry
/// holds, else in full, remembering the result when it can be cached.
#[inline(always)]
pub fn lookup_site(
    heap: &Heap,
    cell: &Cell<SiteCache>,
    recv: Value,
    name: Sym,
    number_proto: ObjRef,
) -> Option<Found> {
    if let Some(f) = probe_site(heap, cell, recv) {
        return Some(f);
    }
    lookup_and_remember(heap, cell, recv, name, number_proto)
}

#[inline(never)]
fn lookup_and_remember(
    heap: &Heap,
    cell: &Cell<SiteCache>,
    recv: Value,
    name: Sym,
    number_proto: ObjRef,
) -> Option<Found> {
    let mut e = Ic::EMPTY;
    let found = lookup(heap, recv, name, number_proto, Some(&mut e));
    if e.recv_shape != 0 {
        remember(cell, e);
    }
    found
}

/// The lookup cache for sends made outside compiled code (natives looking
/// up `init`, `updateSlot`, a slot by name): entries like a send site's,
/// indexed by the receiver's shape and the name.
pub struct LookupCache {
    names: Box<[Cell<Sym>]>,
    ics: Box<[Cell<Ic>]>,
}

const LOOKUP_CACHE_SIZE: usize = 1024;

impl Default for LookupCache {
    fn default() -> Self {
        LookupCache {
            names: (0..LOOKUP_CACHE_SIZE)
                .map(|_| Cell::new(Sym(u32::MAX)))
                .collect(),
            ics: (0..LOOKUP_CACHE_SIZE)
                .map(|_| Cell::new(Ic::EMPTY))
                .collect(),
        }
    }
}

impl LookupCache {
    /// `lookup` of `name` on `recv`, answered from the cache when its entry holds.
    pub fn lookup(
        &self,
        heap: &Heap,
        recv: Value,
        name: Sym,
        number_proto: ObjRef,
    ) -> Option<Found> {
        let h = shape_of(heap, recv).wrapping_mul(0x9e37_79b9) ^ name.0.wrapping_mul(0x85eb_ca6b);
        let i = (h >> 7) as usize % LOOKUP_CACHE_SIZE;
        if self.names[i].get() == name {
            if let Some(f) = probe(heap, entry(&self.ics[i]), recv) {
                return Some(f);
            }
        }
        let mut e = Ic::EMPTY;
        let found = lookup(heap, recv, name, number_proto, Some(&mut e));
        if e.recv_shape != 0 {
            self.names[i].set(name);
            self.ics[i].set(e);
        }
        found
    }
}

/// Full lookup of `name` on `recv`, filling `ic` when the path is cacheable.
pub fn lookup(
    heap: &Heap,
    recv: Value,
    name: Sym,
    number_proto: ObjRef,
    ic: Option<&mut Ic>,
) -> Option<Found> {
    let mut entry = Ic {
        recv_shape: shape_of(heap, recv),
        ..Ic::EMPTY
    };
    let mut cacheable = true;
    let mut visited: smallvec::SmallVec<[ObjRef; 16]> = smallvec::SmallVec::new();
    let mut stack: smallvec::SmallVec<[ObjRef; 16]> = smallvec::SmallVec::new();
    let mut start = recv;
    let mut hops = 0;
    let found = 'search: loop {
        // `start` is the receiver (hops == 0) or a Locals' self (hops >= 1).
        let dynamic = start;
        match start.as_obj() {
            Some(r) => stack.push(r),
            None => stack.push(number_proto),
        }
        while let Some(o) = stack.pop() {
            if visited.contains(&o) {
                continue;
            }
            visited.push(o);
            let obj = heap.get(o);
            let is_dynamic = Value::obj(o) == dynamic;
            if !is_dynamic {
                if (entry.nguards as usize) < MAX_GUARDS {
                    entry.guards[entry.nguards as usize] = (o, obj.shape);
                    entry.nguards += 1;
                } else {
                    cacheable = false;
                }
            }
            if let Some(i) = obj.slots.find(name) {
                entry.index = i as u32;
                // (A fixed holder keeps its guard: removing one of its
                // slots moves the others.)
                entry.holder = if !is_dynamic {
                    Holder::Fixed(o)
                } else if hops == 0 {
                    Holder::Recv
                } else {
                    Holder::SelfObj
                };
                break 'search Some(Found {
                    value: obj.slots.entries[i].1,
                    holder: o,
                    via: entry.holder,
                    index: i as u32,
                    receiver: start,
                });
            }
            for p in obj.protos.iter().rev() {
                if let Some(pr) = p.as_obj() {
                    stack.push(pr);
                }
            }
        }
        // Miss: an activation record forwards to its self.
        let obj = match dynamic.as_obj() {
            Some(r) => heap.get(r),
            None => break None,
        };
        if !obj.is_locals() {
            break None;
        }
        let Some(self_index) = obj.slots.find(sym::self_) else {
            break None;
        };
        let selfv = obj.slots.entries[self_index].1;
        hops += 1;
        if hops == 1 {
            entry.self_shape = shape_of(heap, selfv);
            entry.self_index = self_index as u32;
        } else {
            cacheable = false;
        }
        if hops > 64 {
            break None;
        }
        start = selfv;
    };
    if let (Some(ic), Some(_)) = (ic, found) {
        if cacheable {
            *ic = entry;
        }
    }
    found
}

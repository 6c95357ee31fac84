//! Conversions between Rust values and Io values: `ToIo` makes an Io value
//! (it may allocate), `FromIo` reads one (it never runs Io code). Numbers are
//! f64 both ways; integers convert from Numbers that are whole and in range.
//! User types implement the two traits, usually with `Vm::object_with` and
//! `Vm::slot_as`.

use super::Handle;
use crate::heap::Payload;
use crate::value::Value;
use crate::vm::Vm;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A value that did not have the type a Rust conversion asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvError {
    /// What the Rust side wanted, e.g. `Number` or `whole Number`.
    pub expected: String,
    /// What the Io value was: its type name, and a short rendering.
    pub found: String,
}

impl ConvError {
    pub fn new(vm: &Vm, expected: impl Into<String>, v: Value) -> ConvError {
        let mut shown = vm.debug_value(v);
        if shown.len() > 40 {
            let mut cut = 40;
            while !shown.is_char_boundary(cut) {
                cut -= 1;
            }
            shown.truncate(cut);
            shown.push('…');
        }
        ConvError {
            expected: expected.into(),
            found: format!("{} {}", vm.type_name(v), shown),
        }
    }
}

impl fmt::Display for ConvError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "expected {}, got {}", self.expected, self.found)
    }
}

impl std::error::Error for ConvError {}

/// A Rust value that can be made into an Io value.
pub trait ToIo {
    fn to_io(&self, vm: &mut Vm) -> Value;
}

/// A Rust value that can be read from an Io value.
pub trait FromIo: Sized {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError>;
}

impl<T: ToIo + ?Sized> ToIo for &T {
    fn to_io(&self, vm: &mut Vm) -> Value {
        (**self).to_io(vm)
    }
}

impl<T: ToIo + ?Sized> ToIo for Box<T> {
    fn to_io(&self, vm: &mut Vm) -> Value {
        (**self).to_io(vm)
    }
}

impl ToIo for Value {
    fn to_io(&self, _vm: &mut Vm) -> Value {
        *self
    }
}

impl FromIo for Value {
    fn from_io(_vm: &Vm, v: Value) -> Result<Self, ConvError> {
        Ok(v)
    }
}

impl ToIo for Handle {
    fn to_io(&self, vm: &mut Vm) -> Value {
        let _ = vm;
        self.value()
    }
}

impl ToIo for () {
    fn to_io(&self, _vm: &mut Vm) -> Value {
        Value::NIL
    }
}

/// Any Io value is accepted and dropped.
impl FromIo for () {
    fn from_io(_vm: &Vm, _v: Value) -> Result<Self, ConvError> {
        Ok(())
    }
}

impl ToIo for f64 {
    fn to_io(&self, _vm: &mut Vm) -> Value {
        Value::num(*self)
    }
}

impl FromIo for f64 {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        match v.as_num() {
            Some(n) => Ok(n),
            None => Err(ConvError::new(vm, "Number", v)),
        }
    }
}

impl ToIo for f32 {
    fn to_io(&self, _vm: &mut Vm) -> Value {
        Value::num(*self as f64)
    }
}

impl FromIo for f32 {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        f64::from_io(vm, v).map(|n| n as f32)
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl ToIo for $t {
            fn to_io(&self, _vm: &mut Vm) -> Value {
                Value::num(*self as f64)
            }
        }

        impl FromIo for $t {
            fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
                match v.as_num() {
                    Some(n) if n.fract() == 0.0 && n >= <$t>::MIN as f64 && n <= <$t>::MAX as f64 => {
                        Ok(n as $t)
                    }
                    _ => Err(ConvError::new(vm, concat!("whole Number fitting ", stringify!($t)), v)),
                }
            }
        }
    )*};
}

integers!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl ToIo for bool {
    fn to_io(&self, _vm: &mut Vm) -> Value {
        Value::bool(*self)
    }
}

/// Only `true` and `false` convert (Io's truthiness is `Value::truthy`).
impl FromIo for bool {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        if v == Value::TRUE {
            Ok(true)
        } else if v == Value::FALSE {
            Ok(false)
        } else {
            Err(ConvError::new(vm, "true or false", v))
        }
    }
}

impl ToIo for str {
    fn to_io(&self, vm: &mut Vm) -> Value {
        vm.str_value(self)
    }
}

impl ToIo for String {
    fn to_io(&self, vm: &mut Vm) -> Value {
        vm.str_value(self)
    }
}

impl FromIo for String {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        match vm.as_seq(v) {
            Some(s) => Ok(String::from_utf8_lossy(&s.bytes).into_owned()),
            None => Err(ConvError::new(vm, "Sequence", v)),
        }
    }
}

impl<T: ToIo> ToIo for Option<T> {
    fn to_io(&self, vm: &mut Vm) -> Value {
        match self {
            Some(x) => x.to_io(vm),
            None => Value::NIL,
        }
    }
}

/// nil is None; anything else converts as T.
impl<T: FromIo> FromIo for Option<T> {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        if v.is_nil() {
            Ok(None)
        } else {
            T::from_io(vm, v).map(Some)
        }
    }
}

fn list_of<'a, T: ToIo + 'a>(vm: &mut Vm, items: impl Iterator<Item = &'a T>) -> Value {
    let values: Vec<Value> = items.map(|x| x.to_io(vm)).collect();
    vm.new_list(values)
}

impl<T: ToIo> ToIo for [T] {
    fn to_io(&self, vm: &mut Vm) -> Value {
        list_of(vm, self.iter())
    }
}

impl<T: ToIo, const N: usize> ToIo for [T; N] {
    fn to_io(&self, vm: &mut Vm) -> Value {
        list_of(vm, self.iter())
    }
}

impl<T: ToIo> ToIo for Vec<T> {
    fn to_io(&self, vm: &mut Vm) -> Value {
        list_of(vm, self.iter())
    }
}

impl<T: FromIo> FromIo for Vec<T> {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        match vm.as_list(v) {
            Some(items) => items.iter().map(|&x| T::from_io(vm, x)).collect(),
            None => Err(ConvError::new(vm, "List", v)),
        }
    }
}

fn map_of<'a, K, V>(vm: &mut Vm, entries: impl Iterator<Item = (&'a K, &'a V)>) -> Value
where
    K: AsRef<str> + 'a,
    V: ToIo + 'a,
{
    let map = crate::protos::map::new_map(vm);
    for (k, v) in entries {
        let v = v.to_io(vm);
        crate::protos::map::map_put(vm, map, k.as_ref().as_bytes(), v);
    }
    map
}

fn map_entries<T: FromIo>(vm: &Vm, v: Value) -> Result<Vec<(String, T)>, ConvError> {
    let entries = match vm.heap.obj(v).map(|o| &o.payload) {
        Some(Payload::Map(m)) => &m.entries,
        _ => return Err(ConvError::new(vm, "Map", v)),
    };
    entries
        .iter()
        .map(|&(k, x)| Ok((String::from_io(vm, k)?, T::from_io(vm, x)?)))
        .collect()
}

/// A Map with string keys (in the map's order).
impl<K: AsRef<str>, V: ToIo, S> ToIo for HashMap<K, V, S> {
    fn to_io(&self, vm: &mut Vm) -> Value {
        map_of(vm, self.iter())
    }
}

impl<V: FromIo, S: std::hash::BuildHasher + Default> FromIo for HashMap<String, V, S> {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        Ok(map_entries(vm, v)?.into_iter().collect())
    }
}

impl<K: AsRef<str>, V: ToIo> ToIo for BTreeMap<K, V> {
    fn to_io(&self, vm: &mut Vm) -> Value {
        map_of(vm, self.iter())
    }
}

impl<V: FromIo> FromIo for BTreeMap<String, V> {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        Ok(map_entries(vm, v)?.into_iter().collect())
    }
}

macro_rules! tuples {
    ($(($($t:ident $i:tt),+))*) => {$(
        /// A List of the items.
        impl<$($t: ToIo),+> ToIo for ($($t,)+) {
            fn to_io(&self, vm: &mut Vm) -> Value {
                let items = vec![$(self.$i.to_io(vm)),+];
                vm.new_list(items)
            }
        }
    )*};
}

tuples! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
}

/// Helpers for user types' conversions.
impl Vm {
    /// A new object (a clone of Object) with these slots.
    pub fn object_with(&mut self, slots: &[(&str, Value)]) -> Value {
        let proto = self.p.object;
        let o = self.new_object(proto);
        for (name, v) in slots {
            self.set_slot_str(o, name, *v);
        }
        Value::obj(o)
    }

    /// The slot `name` of `v` (found through its protos), converted.
    pub fn slot_as<T: FromIo>(&self, v: Value, name: &str) -> Result<T, ConvError> {
        let found = self
            .syms
            .lookup(name)
            .and_then(|s| self.get_slot(v, s))
            .ok_or_else(|| ConvError {
                expected: format!("a slot named {name}"),
                found: format!("{} without it", self.type_name(v)),
            })?;
        T::from_io(self, found)
    }
}

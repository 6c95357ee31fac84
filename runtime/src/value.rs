//! Values: one 64-bit word. A value is either an unboxed f64 Number or a reference
//! to a heap object (nil, true and false are heap objects at fixed indices).
//!
//! Encoding (NaN-boxing): every f64 except the NaN space is stored as its own
//! bits; all NaNs are canonicalised to `CANON_NAN`. Object references live in
//! the negative quiet-NaN space `0xFFFC_0000_xxxx_xxxx` with the object index in
//! the low 32 bits. This room must not know anything about objects beyond the index.

use std::fmt;

const OBJ_TAG: u64 = 0xFFFC_0000_0000_0000;
const TAG_MASK: u64 = 0xFFFF_0000_0000_0000;
const CANON_NAN: u64 = 0x7FF8_0000_0000_0000;

/// Index of a heap object.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Default)]
pub struct ObjRef(pub u32);

#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct Value(u64);

impl Value {
    pub const NIL: Value = Value(OBJ_TAG);
    pub const TRUE: Value = Value(OBJ_TAG | 1);
    pub const FALSE: Value = Value(OBJ_TAG | 2);

    #[inline]
    pub fn num(x: f64) -> Value {
        if x.is_nan() {
            Value(CANON_NAN)
        } else {
            Value(x.to_bits())
        }
    }
    #[inline]
    pub fn obj(r: ObjRef) -> Value {
        Value(OBJ_TAG | r.0 as u64)
    }
    #[inline]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }
    #[inline]
    pub fn is_num(self) -> bool {
        self.0 & TAG_MASK != OBJ_TAG
    }
    #[inline]
    pub fn as_num(self) -> Option<f64> {
        if self.is_num() {
            Some(f64::from_bits(self.0))
        } else {
            None
        }
    }
    #[inline]
    pub fn as_obj(self) -> Option<ObjRef> {
        if self.is_num() {
            None
        } else {
            Some(ObjRef(self.0 as u32))
        }
    }
    /// The object referred to, unless this is nil or a number (for optional links).
    #[inline]
    pub fn non_nil(self) -> Option<ObjRef> {
        if self == Value::NIL {
            None
        } else {
            self.as_obj()
        }
    }
    #[inline]
    pub fn is_nil(self) -> bool {
        self == Value::NIL
    }
    /// Io truthiness: only nil and false are false.
    #[inline]
    pub fn truthy(self) -> bool {
        self != Value::NIL && self != Value::FALSE
    }
    pub fn bits(self) -> u64 {
        self.0
    }
    pub fn from_bits(b: u64) -> Value {
        Value(b)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_num() {
            Some(n) => write!(f, "{n}"),
            None => write!(f, "#{}", self.0 as u32),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for x in [
            0.0,
            -0.0,
            1.5,
            -7.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
        ] {
            let v = Value::num(x);
            assert!(v.is_num());
            assert_eq!(v.as_num().unwrap().to_bits(), x.to_bits());
        }
        assert!(Value::num(f64::NAN).as_num().unwrap().is_nan());
        assert!(Value::num(-f64::NAN).is_num());
    }

    #[test]
    fn objects_round_trip() {
        let v = Value::obj(ObjRef(12345));
        assert!(!v.is_num());
        assert_eq!(v.as_obj(), Some(ObjRef(12345)));
        assert!(!Value::NIL.truthy() && !Value::FALSE.truthy() && Value::TRUE.truthy());
        assert!(Value::num(0.0).truthy());
    }

    #[test]
    fn value_is_one_word() {
        assert_eq!(std::mem::size_of::<Value>(), 8);
    }
}

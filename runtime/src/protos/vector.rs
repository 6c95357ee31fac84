//! Sequences as arrays of numbers: item types (`uint8` ... `float64`),
//! encodings (`ascii utf8 ucs2 ucs4 number`), conversions between text
//! encodings, and the numeric vector methods (element-wise arithmetic and
//! math, sums and means, comparisons). `Vector` is a mutable float32
//! Sequence with the `number` encoding; `vector(1, 2, 3)` builds one.
//!
//! Items are stored in native byte order. Text with one-byte items is UTF-8;
//! `ucs2` text holds UTF-16 code units and `ucs4` text code points. Numbers
//! written into integer items are truncated toward zero and wrapped to the
//! item's width.

use super::sequence::{check_len, mutable_recv, new_seq, not_a_sequence};
use super::*;
use crate::heap::{Encoding, ItemType, SeqData};
use std::borrow::Cow;

pub const METHODS: MethodTable = &[
    ("setItemType", set_item_type, false),
    ("setEncoding", set_encoding, false),
    ("convertToItemType", convert_to_item_type, false),
    ("asUCS2", as_ucs2, false),
    ("asUCS4", as_ucs4, false),
    ("asFixedSizeType", as_fixed_size_type, false),
    ("convertToFixedSizeType", convert_to_fixed_size_type, false),
    // element-wise arithmetic
    ("+", add, false),
    ("-", sub, false),
    ("*", mul, false),
    ("/", div, false),
    ("**", pow, false),
    ("+=", add_eq, false),
    ("addEquals", add_eq, false),
    ("-=", sub_eq, false),
    ("*=", mul_eq, false),
    ("/=", div_eq, false),
    ("**=", pow_eq, false),
    ("Min", min_eq, false),
    ("Max", max_eq, false),
    // element-wise math, in place
    ("abs", abs, false),
    ("acos", acos, false),
    ("asin", asin, false),
    ("atan", atan, false),
    ("ceil", ceil, false),
    ("floor", floor, false),
    ("cos", cos, false),
    ("cosh", cosh, false),
    ("sin", sin, false),
    ("sinh", sinh, false),
    ("tan", tan, false),
    ("tanh", tanh, false),
    ("log", log, false),
    ("log10", log10, false),
    ("sqrt", sqrt, false),
    ("square", square, false),
    ("negate", negate, false),
    ("normalize", normalize, false),
    ("rangeFill", range_fill, false),
    ("setItemsToDouble", set_items_to_double, false),
    ("setItemsToLong", set_items_to_long, false),
    ("removeEvenIndexes", remove_even_indexes, false),
    ("removeOddIndexes", remove_odd_indexes, false),
    ("duplicateIndexes", duplicate_indexes, false),
    ("bitwiseAnd", bitwise_and, false),
    ("bitwiseOr", bitwise_or, false),
    ("bitwiseXor", bitwise_xor, false),
    ("bitwiseNot", bitwise_not, false),
    ("logicalOr", logical_or, false),
    // reductions
    ("sum", sum, false),
    ("product", product, false),
    ("mean", mean, false),
    ("meanSquare", mean_square, false),
    ("min", min, false),
    ("max", max, false),
    ("dotProduct", dot_product, false),
    ("distanceTo", distance_to, false),
];

/// Install the vector methods on Sequence, the `Vector` proto (in Core) and
/// the `vector(...)` constructor (in the Lobby).
pub fn install_all(vm: &mut Vm) {
    let s = vm.p.sequence;
    install_direct(vm, s, "Sequence", METHODS);
    let proto = vm.p.sequence;
    let v = vm.heap.alloc(
        &[Value::obj(proto)],
        Payload::Seq(Box::new(SeqData {
            bytes: Vec::new(),
            mutable: true,
            item_type: ItemType::F32,
            encoding: Encoding::Number,
        })),
    );
    let t = vm.symbol_string(b"Vector");
    vm.set_slot(v, crate::symbol::sym::type_, t);
    let core = vm.p.core;
    vm.set_slot_str(core, "Vector", Value::obj(v));
    let lobby = vm.p.lobby;
    vm.add_native(lobby, "vector", vector, "Object");
}

// ---- item types and encodings --------------------------------------------------------

pub const ITEM_TYPES: [(ItemType, &str); 10] = [
    (ItemType::U8, "uint8"),
    (ItemType::U16, "uint16"),
    (ItemType::U32, "uint32"),
    (ItemType::U64, "uint64"),
    (ItemType::I8, "int8"),
    (ItemType::I16, "int16"),
    (ItemType::I32, "int32"),
    (ItemType::I64, "int64"),
    (ItemType::F32, "float32"),
    (ItemType::F64, "float64"),
];

pub fn item_size(t: ItemType) -> usize {
    match t {
        ItemType::U8 | ItemType::I8 => 1,
        ItemType::U16 | ItemType::I16 => 2,
        ItemType::U32 | ItemType::I32 | ItemType::F32 => 4,
        ItemType::U64 | ItemType::I64 | ItemType::F64 => 8,
    }
}

pub fn item_type_name(t: ItemType) -> &'static str {
    ITEM_TYPES
        .iter()
        .find(|(x, _)| *x == t)
        .map_or("uint8", |(_, n)| n)
}

pub fn item_type_named(name: &[u8]) -> Option<ItemType> {
    ITEM_TYPES
        .iter()
        .find(|(_, n)| n.as_bytes() == name)
        .map(|(t, _)| *t)
}

fn is_float(t: ItemType) -> bool {
    matches!(t, ItemType::F32 | ItemType::F64)
}

fn encoding_named(name: &[u8]) -> Option<Encoding> {
    Some(match name {
        b"ascii" => Encoding::Ascii,
        b"utf8" => Encoding::Utf8,
        b"ucs2" => Encoding::Ucs2,
        b"ucs4" => Encoding::Ucs4,
        b"number" => Encoding::Number,
        _ => return None,
    })
}

/// The name `encoding` answers. One-byte text reports `ascii` when it was
/// set so or when every byte is ASCII, and `utf8` otherwise.
pub fn encoding_name(s: &SeqData) -> &'static str {
    match s.encoding {
        Encoding::Number => "number",
        Encoding::Ucs2 => "ucs2",
        Encoding::Ucs4 => "ucs4",
        Encoding::Ascii => "ascii",
        Encoding::Utf8 if s.bytes.is_ascii() => "ascii",
        Encoding::Utf8 => "utf8",
    }
}

/// True for plain byte text (UTF-8, one-byte items): the common case.
#[inline]
pub fn is_byte_text(s: &SeqData) -> bool {
    s.item_type == ItemType::U8 && s.encoding != Encoding::Number
}

/// True when the items are numbers rather than characters.
#[inline]
pub fn is_numeric(s: &SeqData) -> bool {
    s.encoding == Encoding::Number
}

/// Number of items.
#[inline]
pub fn count(s: &SeqData) -> usize {
    s.bytes.len() / item_size(s.item_type)
}

/// Item `i` as a number (0 past the end).
pub fn read(b: &[u8], t: ItemType, i: usize) -> f64 {
    let n = item_size(t);
    let Some(x) = i.checked_mul(n).and_then(|at| b.get(at..at + n)) else {
        return 0.0;
    };
    let mut w = [0u8; 8];
    w[..n].copy_from_slice(x);
    match t {
        ItemType::U8 => w[0] as f64,
        ItemType::I8 => w[0] as i8 as f64,
        ItemType::U16 => u16::from_ne_bytes([w[0], w[1]]) as f64,
        ItemType::I16 => i16::from_ne_bytes([w[0], w[1]]) as f64,
        ItemType::U32 => u32::from_ne_bytes([w[0], w[1], w[2], w[3]]) as f64,
        ItemType::I32 => i32::from_ne_bytes([w[0], w[1], w[2], w[3]]) as f64,
        ItemType::F32 => f32::from_ne_bytes([w[0], w[1], w[2], w[3]]) as f64,
        ItemType::U64 => u64::from_ne_bytes(w) as f64,
        ItemType::I64 => i64::from_ne_bytes(w) as f64,
        ItemType::F64 => f64::from_ne_bytes(w),
    }
}

/// A number as the bytes of one item of type `t`.
pub fn item_bytes(t: ItemType, x: f64) -> ([u8; 8], usize) {
    let int = if x.is_nan() { 0 } else { x as i64 };
    let mut w = [0u8; 8];
    let n = item_size(t);
    match t {
        ItemType::U8 | ItemType::I8 => w[0] = int as u8,
        ItemType::U16 | ItemType::I16 => w[..2].copy_from_slice(&(int as u16).to_ne_bytes()),
        ItemType::U32 | ItemType::I32 => w[..4].copy_from_slice(&(int as u32).to_ne_bytes()),
        ItemType::I64 => w = int.to_ne_bytes(),
        ItemType::U64 => {
            let u = if x >= 9_223_372_036_854_775_808.0 {
                x as u64
            } else {
                int as u64
            };
            w = u.to_ne_bytes();
        }
        ItemType::F32 => w[..4].copy_from_slice(&(x as f32).to_ne_bytes()),
        ItemType::F64 => w = x.to_ne_bytes(),
    }
    (w, n)
}

/// Set item `i` (which must exist) to `x`.
pub fn write(b: &mut [u8], t: ItemType, i: usize, x: f64) {
    let (w, n) = item_bytes(t, x);
    if let Some(dst) = i.checked_mul(n).and_then(|at| b.get_mut(at..at + n)) {
        dst.copy_from_slice(&w[..n]);
    }
}

/// All items as numbers.
pub fn values(s: &SeqData) -> Vec<f64> {
    (0..count(s))
        .map(|i| read(&s.bytes, s.item_type, i))
        .collect()
}

/// Numbers as the bytes of items of type `t`.
pub fn encode_values(t: ItemType, xs: &[f64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xs.len() * item_size(t));
    for &x in xs {
        let (w, n) = item_bytes(t, x);
        out.extend_from_slice(&w[..n]);
    }
    out
}

/// One item's text as a vector prints it: `%f` for float items, the
/// integer for the others.
fn number_item_text(t: ItemType, x: f64, out: &mut String) {
    use std::fmt::Write as _;
    if x.is_nan() {
        out.push_str("nan");
    } else if x.is_infinite() {
        out.push_str(if x > 0.0 { "inf" } else { "-inf" });
    } else if is_float(t) {
        let _ = write!(out, "{x:.6}");
    } else {
        let _ = write!(out, "{x:.0}");
    }
}

/// How the items of a sequence read as text.
enum TextForm {
    Bytes,
    Utf16,
    Ucs4,
    Numbers,
}

fn text_form(s: &SeqData) -> TextForm {
    if s.encoding == Encoding::Number {
        return TextForm::Numbers;
    }
    match item_size(s.item_type) {
        1 => TextForm::Bytes,
        2 => TextForm::Utf16,
        4 => TextForm::Ucs4,
        _ => TextForm::Numbers,
    }
}

/// The text a sequence shows when printed or converted to a string: the
/// bytes themselves for one-byte text, UTF-8 for `ucs2`/`ucs4` text, and the
/// items joined by `, ` for numbers.
pub fn display_bytes(s: &SeqData) -> Cow<'_, [u8]> {
    match text_form(s) {
        TextForm::Bytes => Cow::Borrowed(&s.bytes),
        TextForm::Utf16 | TextForm::Ucs4 => Cow::Owned(text_of(s).into_bytes()),
        TextForm::Numbers => {
            let mut out = String::new();
            for i in 0..count(s) {
                if i > 0 {
                    out.push_str(", ");
                }
                number_item_text(s.item_type, read(&s.bytes, s.item_type, i), &mut out);
            }
            Cow::Owned(out.into_bytes())
        }
    }
}

/// The sequence as text (invalid text is replaced, not refused).
pub fn text_of(s: &SeqData) -> String {
    match text_form(s) {
        TextForm::Bytes => String::from_utf8_lossy(&s.bytes).into_owned(),
        TextForm::Utf16 => {
            let units: Vec<u16> = (0..count(s))
                .map(|i| read(&s.bytes, ItemType::U16, i) as u16)
                .collect();
            String::from_utf16_lossy(&units)
        }
        TextForm::Ucs4 => (0..count(s))
            .map(|i| char::from_u32(read(&s.bytes, ItemType::U32, i) as u32).unwrap_or('\u{fffd}'))
            .collect(),
        TextForm::Numbers => String::from_utf8_lossy(&display_bytes(s)).into_owned(),
    }
}

/// One item of a text sequence as a string of its own (for asList).
pub fn item_as_text(s: &SeqData, i: usize) -> Vec<u8> {
    match text_form(s) {
        TextForm::Bytes => s.bytes.get(i..i + 1).unwrap_or_default().to_vec(),
        TextForm::Utf16 | TextForm::Ucs4 => {
            let t = if item_size(s.item_type) == 2 {
                ItemType::U16
            } else {
                ItemType::U32
            };
            let c = read(&s.bytes, t, i) as u32;
            let ch = char::from_u32(c).unwrap_or('\u{fffd}');
            ch.to_string().into_bytes()
        }
        TextForm::Numbers => {
            let c = read(&s.bytes, s.item_type, i) as u32;
            let ch = char::from_u32(c).unwrap_or('\u{fffd}');
            ch.to_string().into_bytes()
        }
    }
}

/// Text in the given fixed-width form: (item type, encoding, bytes).
fn encode_text(text: &str, to: Encoding) -> (ItemType, Encoding, Vec<u8>) {
    match to {
        Encoding::Ucs2 => {
            let units: Vec<f64> = text.encode_utf16().map(|u| u as f64).collect();
            (ItemType::U16, to, encode_values(ItemType::U16, &units))
        }
        Encoding::Ucs4 => {
            let cps: Vec<f64> = text.chars().map(|c| c as u32 as f64).collect();
            (ItemType::U32, to, encode_values(ItemType::U32, &cps))
        }
        _ => (ItemType::U8, to, text.as_bytes().to_vec()),
    }
}

/// The narrowest fixed-width encoding that holds every character of `text`.
fn narrowest(text: &str) -> Encoding {
    let widest = text.chars().map(|c| c as u32).max().unwrap_or(0);
    if widest < 0x80 {
        Encoding::Ascii
    } else if widest <= 0xffff {
        Encoding::Ucs2
    } else {
        Encoding::Ucs4
    }
}

// ---- receivers and arguments ------------------------------------------------------

fn seq_of(vm: &Vm, v: Value) -> Option<&SeqData> {
    vm.as_seq(v)
}

fn recv_data(vm: &mut Vm, call: &NativeCall) -> Result<SeqData, Value> {
    match seq_of(vm, call.target) {
        Some(s) => Ok(s.clone()),
        None => not_a_sequence(vm, call),
    }
}

/// Run `f` on the receiver's data, which must be a mutable Sequence.
fn edit_data<R>(
    vm: &mut Vm,
    call: &NativeCall,
    f: impl FnOnce(&mut SeqData) -> R,
) -> Result<R, Value> {
    let r = mutable_recv(vm, call)?;
    match &mut vm.heap.get_mut(r).payload {
        Payload::Seq(s) => Ok(f(s)),
        _ => not_a_sequence(vm, call),
    }
}

fn name_bytes_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Vec<u8>, Value> {
    match seq_of(vm, arg(call, i)) {
        Some(s) => Ok(s.bytes.clone()),
        None => type_error(vm, call, i, "Sequence"),
    }
}

/// Reinterpret the bytes with another item type (padding with zero bytes to
/// a whole number of items) and keep the encoding consistent with it.
fn retype(s: &mut SeqData, t: ItemType) {
    let n = item_size(t);
    let rem = s.bytes.len() % n;
    if rem != 0 {
        s.bytes.resize(s.bytes.len() + n - rem, 0);
    }
    s.item_type = t;
    s.encoding = if is_float(t) || s.encoding == Encoding::Number {
        Encoding::Number
    } else {
        match n {
            1 if s.encoding == Encoding::Ascii => Encoding::Ascii,
            1 => Encoding::Utf8,
            2 => Encoding::Ucs2,
            4 => Encoding::Ucs4,
            _ => Encoding::Number,
        }
    };
}

fn set_item_type(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_bytes_arg(vm, call, 0)?;
    let Some(t) = item_type_named(&name) else {
        let n = String::from_utf8_lossy(&name).into_owned();
        return vm.err(format!("invalid item type name '{n}'"));
    };
    let len = seq_of(vm, call.target).map_or(0, |s| s.bytes.len());
    check_len(vm, len + item_size(t))?;
    edit_data(vm, call, |s| retype(s, t))?;
    value(call.target)
}

fn set_encoding(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_bytes_arg(vm, call, 0)?;
    let Some(e) = encoding_named(&name) else {
        let n = String::from_utf8_lossy(&name).into_owned();
        return vm.err(format!("invalid encoding name '{n}'"));
    };
    let len = seq_of(vm, call.target).map_or(0, |s| s.bytes.len());
    check_len(vm, len + 4)?;
    edit_data(vm, call, |s| {
        match e {
            Encoding::Ascii | Encoding::Utf8 => retype(s, ItemType::U8),
            Encoding::Ucs2 => retype(s, ItemType::U16),
            Encoding::Ucs4 => retype(s, ItemType::U32),
            Encoding::Number => {}
        }
        s.encoding = e;
    })?;
    value(call.target)
}

fn convert_to_item_type(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = name_bytes_arg(vm, call, 0)?;
    let Some(t) = item_type_named(&name) else {
        let n = String::from_utf8_lossy(&name).into_owned();
        return vm.err(format!("invalid item type name '{n}'"));
    };
    let n = seq_of(vm, call.target).map_or(0, count);
    check_len(vm, n.saturating_mul(item_size(t)))?;
    edit_data(vm, call, |s| {
        let xs = values(s);
        s.bytes = encode_values(t, &xs);
        s.item_type = t;
        if is_float(t) {
            s.encoding = Encoding::Number;
        } else if s.encoding != Encoding::Number {
            s.encoding = match item_size(t) {
                1 => Encoding::Utf8,
                2 => Encoding::Ucs2,
                4 => Encoding::Ucs4,
                _ => Encoding::Number,
            };
        }
    })?;
    value(call.target)
}

fn converted(vm: &mut Vm, call: &NativeCall, to: Option<Encoding>) -> Result<SeqData, Value> {
    let s = recv_data(vm, call)?;
    let text = text_of(&s);
    let to = to.unwrap_or_else(|| narrowest(&text));
    check_len(vm, text.len().saturating_mul(4))?;
    let (item_type, encoding, bytes) = encode_text(&text, to);
    Ok(SeqData {
        bytes,
        mutable: true,
        item_type,
        encoding,
    })
}

fn answer_new(vm: &mut Vm, d: SeqData) -> NResult {
    value(new_seq(vm, d))
}

fn as_ucs2(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = converted(vm, call, Some(Encoding::Ucs2))?;
    answer_new(vm, d)
}

fn as_ucs4(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = converted(vm, call, Some(Encoding::Ucs4))?;
    answer_new(vm, d)
}

fn as_fixed_size_type(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = converted(vm, call, None)?;
    answer_new(vm, d)
}

fn convert_to_fixed_size_type(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = converted(vm, call, None)?;
    edit_data(vm, call, |s| {
        s.bytes = d.bytes;
        s.item_type = d.item_type;
        s.encoding = d.encoding;
    })?;
    value(call.target)
}

// ---- element-wise arithmetic ----------------------------------------------------------

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Min,
    Max,
}

#[inline]
fn apply(op: Op, a: f64, b: f64) -> f64 {
    match op {
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul => a * b,
        Op::Div => a / b,
        Op::Pow => a.powf(b),
        Op::Min => {
            if b < a {
                b
            } else {
                a
            }
        }
        Op::Max => {
            if b > a {
                b
            } else {
                a
            }
        }
    }
}

#[inline]
fn apply32(op: Op, a: f32, b: f32) -> f32 {
    match op {
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul => a * b,
        Op::Div => a / b,
        _ => apply(op, a as f64, b as f64) as f32,
    }
}

/// The other operand: a number (applied to every item) or a sequence's items.
enum Operand {
    Scalar(f64),
    Items(ItemType, Vec<u8>),
}

fn operand(vm: &mut Vm, call: &NativeCall) -> Result<Operand, Value> {
    let v = arg(call, 0);
    if let Some(n) = vm.as_number(v) {
        return Ok(Operand::Scalar(n));
    }
    match seq_of(vm, v) {
        Some(s) => Ok(Operand::Items(s.item_type, s.bytes.clone())),
        None => type_error(vm, call, 0, "Sequence or Number"),
    }
}

fn f32_at(b: &[u8]) -> f32 {
    f32::from_ne_bytes([b[0], b[1], b[2], b[3]])
}

/// Apply `op` to the items of `s` with `other`, over the shorter length.
fn combine(s: &mut SeqData, op: Op, other: &Operand) {
    let t = s.item_type;
    match other {
        Operand::Items(ItemType::F32, ob) if t == ItemType::F32 => {
            for (x, y) in s.bytes.chunks_exact_mut(4).zip(ob.chunks_exact(4)) {
                let r = apply32(op, f32_at(x), f32_at(y));
                x.copy_from_slice(&r.to_ne_bytes());
            }
        }
        Operand::Scalar(k) if t == ItemType::F32 => {
            for x in s.bytes.chunks_exact_mut(4) {
                let r = apply(op, f32_at(x) as f64, *k) as f32;
                x.copy_from_slice(&r.to_ne_bytes());
            }
        }
        Operand::Scalar(k) => {
            for i in 0..count(s) {
                let r = apply(op, read(&s.bytes, t, i), *k);
                write(&mut s.bytes, t, i, r);
            }
        }
        Operand::Items(ot, ob) => {
            let n = count(s).min(ob.len() / item_size(*ot));
            for i in 0..n {
                let r = apply(op, read(&s.bytes, t, i), read(ob, *ot, i));
                write(&mut s.bytes, t, i, r);
            }
        }
    }
}

fn require_numeric(vm: &mut Vm, call: &NativeCall) -> Result<(), Value> {
    match seq_of(vm, call.target) {
        Some(s) if is_numeric(s) => Ok(()),
        Some(_) => vm.err("Io Assertion 'operation not valid on non-number encodings'"),
        None => not_a_sequence(vm, call),
    }
}

fn in_place(vm: &mut Vm, call: &NativeCall, op: Op) -> NResult {
    require_numeric(vm, call)?;
    let other = operand(vm, call)?;
    edit_data(vm, call, |s| combine(s, op, &other))?;
    value(call.target)
}

fn fresh(vm: &mut Vm, call: &NativeCall, op: Op) -> NResult {
    require_numeric(vm, call)?;
    let other = operand(vm, call)?;
    let mut d = recv_data(vm, call)?;
    d.mutable = true;
    combine(&mut d, op, &other);
    answer_new(vm, d)
}

fn add(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    fresh(vm, call, Op::Add)
}
fn sub(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    fresh(vm, call, Op::Sub)
}
fn mul(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    fresh(vm, call, Op::Mul)
}
fn div(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    fresh(vm, call, Op::Div)
}
fn pow(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    fresh(vm, call, Op::Pow)
}
fn add_eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_place(vm, call, Op::Add)
}
fn sub_eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_place(vm, call, Op::Sub)
}
fn mul_eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_place(vm, call, Op::Mul)
}
fn div_eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_place(vm, call, Op::Div)
}
fn pow_eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_place(vm, call, Op::Pow)
}
fn min_eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_place(vm, call, Op::Min)
}
fn max_eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_place(vm, call, Op::Max)
}

// ---- element-wise math in place ---------------------------------------------------------

/// Replace every item `x` (at index `i`) with `f(i, x)`.
fn map_items(vm: &mut Vm, call: &NativeCall, f: impl Fn(usize, f64) -> f64) -> NResult {
    edit_data(vm, call, |s| {
        let t = s.item_type;
        for i in 0..count(s) {
            let x = read(&s.bytes, t, i);
            write(&mut s.bytes, t, i, f(i, x));
        }
    })?;
    value(call.target)
}

macro_rules! unary {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(fn $name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
            map_items(vm, call, |_, x: f64| $f(x))
        })*
    };
}

unary! {
    abs => f64::abs,
    acos => f64::acos,
    asin => f64::asin,
    atan => f64::atan,
    ceil => f64::ceil,
    floor => f64::floor,
    cos => f64::cos,
    cosh => f64::cosh,
    sin => f64::sin,
    sinh => f64::sinh,
    tan => f64::tan,
    tanh => f64::tanh,
    log => f64::ln,
    log10 => f64::log10,
    sqrt => f64::sqrt,
    square => |x: f64| x * x,
    negate => |x: f64| -x,
}

/// Divide every item by the vector's length (square root of the sum of squares).
fn normalize(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = recv_data(vm, call)?;
    let len = values(&s).iter().map(|x| x * x).sum::<f64>().sqrt();
    map_items(vm, call, |_, x| x / len)
}

fn range_fill(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    map_items(vm, call, |i, _| i as f64)
}

fn set_items_to_double(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = num_arg(vm, call, 0)?;
    map_items(vm, call, |_, _| n)
}

fn set_items_to_long(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = num_arg(vm, call, 0)?.trunc();
    map_items(vm, call, |_, _| n)
}

/// Keep the items whose index has the given parity.
fn keep_parity(vm: &mut Vm, call: &NativeCall, keep_odd: bool) -> NResult {
    edit_data(vm, call, |s| {
        let n = item_size(s.item_type);
        let mut out = Vec::with_capacity(s.bytes.len() / 2 + n);
        for (i, item) in s.bytes.chunks_exact(n).enumerate() {
            if (i % 2 == 1) == keep_odd {
                out.extend_from_slice(item);
            }
        }
        s.bytes = out;
    })?;
    value(call.target)
}

fn remove_even_indexes(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    keep_parity(vm, call, true)
}

fn remove_odd_indexes(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    keep_parity(vm, call, false)
}

fn duplicate_indexes(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let len = seq_of(vm, call.target).map_or(0, |s| s.bytes.len());
    check_len(vm, len.saturating_mul(2))?;
    edit_data(vm, call, |s| {
        let n = item_size(s.item_type);
        let mut out = Vec::with_capacity(s.bytes.len() * 2);
        for item in s.bytes.chunks_exact(n) {
            out.extend_from_slice(item);
            out.extend_from_slice(item);
        }
        s.bytes = out;
    })?;
    value(call.target)
}

/// Combine the receiver's bytes with the argument's, byte by byte.
fn bytewise(vm: &mut Vm, call: &NativeCall, f: fn(u8, u8) -> u8) -> NResult {
    let other = match seq_of(vm, arg(call, 0)) {
        Some(s) => s.bytes.clone(),
        None => return type_error(vm, call, 0, "Sequence"),
    };
    edit_data(vm, call, |s| {
        for (a, b) in s.bytes.iter_mut().zip(other.iter()) {
            *a = f(*a, *b);
        }
    })?;
    value(call.target)
}

fn bitwise_and(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    bytewise(vm, call, |a, b| a & b)
}

fn bitwise_or(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    bytewise(vm, call, |a, b| a | b)
}

fn bitwise_xor(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    bytewise(vm, call, |a, b| a ^ b)
}

fn bitwise_not(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    edit_data(vm, call, |s| s.bytes.iter_mut().for_each(|b| *b = !*b))?;
    value(call.target)
}

/// Each item becomes 1 if it or the argument's item is non-zero, else 0.
fn logical_or(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (ot, ob) = match seq_of(vm, arg(call, 0)) {
        Some(s) => (s.item_type, s.bytes.clone()),
        None => return type_error(vm, call, 0, "Sequence"),
    };
    edit_data(vm, call, |s| {
        let t = s.item_type;
        let n = count(s).min(ob.len() / item_size(ot));
        for i in 0..n {
            let yes = read(&s.bytes, t, i) != 0.0 || read(&ob, ot, i) != 0.0;
            write(&mut s.bytes, t, i, if yes { 1.0 } else { 0.0 });
        }
    })?;
    value(call.target)
}

// ---- reductions ---------------------------------------------------------------------------

fn reduce_items(vm: &mut Vm, call: &NativeCall, f: impl Fn(&[f64]) -> f64) -> NResult {
    let xs = match seq_of(vm, call.target) {
        Some(s) => values(s),
        None => return not_a_sequence(vm, call),
    };
    value(Value::num(f(&xs)))
}

fn sum(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    reduce_items(vm, call, |xs| xs.iter().sum())
}

fn product(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    reduce_items(vm, call, |xs| xs.iter().product())
}

fn mean(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    reduce_items(vm, call, |xs| xs.iter().sum::<f64>() / xs.len() as f64)
}

fn mean_square(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    reduce_items(vm, call, |xs| {
        xs.iter().map(|x| x * x).sum::<f64>() / xs.len() as f64
    })
}

fn min(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    reduce_items(vm, call, |xs| {
        xs.iter()
            .copied()
            .reduce(|a, b| if b < a { b } else { a })
            .unwrap_or(0.0)
    })
}

fn max(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    reduce_items(vm, call, |xs| {
        xs.iter()
            .copied()
            .reduce(|a, b| if b > a { b } else { a })
            .unwrap_or(0.0)
    })
}

/// The items of the receiver and of the Sequence argument, as numbers.
fn both_values(vm: &mut Vm, call: &NativeCall) -> Result<(Vec<f64>, Vec<f64>), Value> {
    let b = match seq_of(vm, arg(call, 0)) {
        Some(s) => values(s),
        None => return type_error(vm, call, 0, "Sequence"),
    };
    let a = values(&recv_data(vm, call)?);
    Ok((a, b))
}

fn dot_product(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (a, b) = both_values(vm, call)?;
    let d: f64 = a.iter().zip(b.iter()).map(|(x, y)| x * y).sum();
    value(Value::num(d))
}

fn distance_to(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (a, b) = both_values(vm, call)?;
    let d: f64 = a.iter().zip(b.iter()).map(|(x, y)| (x - y) * (x - y)).sum();
    value(Value::num(d.sqrt()))
}

/// Element-wise comparison of two number sequences: true when `holds` is
/// true for every pair of items (over the shorter length).
pub fn all_items(a: &SeqData, b: &SeqData, holds: fn(f64, f64) -> bool) -> bool {
    let n = count(a).min(count(b));
    (0..n).all(|i| {
        holds(
            read(&a.bytes, a.item_type, i),
            read(&b.bytes, b.item_type, i),
        )
    })
}

// ---- constructor ------------------------------------------------------------------------------

/// `vector(x, y, ...)`: a new Vector holding the arguments.
fn vector(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut xs = Vec::with_capacity(call.args.len());
    for i in 0..call.args.len() {
        xs.push(num_arg(vm, call, i)?);
    }
    let core = vm.p.core;
    let name = vm.sym("Vector");
    let proto = vm
        .heap
        .get(core)
        .get_local(name)
        .filter(|v| seq_of(vm, *v).is_some())
        .unwrap_or(Value::obj(vm.p.sequence));
    let r = vm.heap.alloc(
        &[proto],
        Payload::Seq(Box::new(SeqData {
            bytes: encode_values(ItemType::F32, &xs),
            mutable: true,
            item_type: ItemType::F32,
            encoding: Encoding::Number,
        })),
    );
    value(Value::obj(r))
}

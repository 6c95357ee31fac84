//! Sequence: strings and byte buffers. Immutable sequences are the symbols
//! (literals, `asString`/`asSymbol` results); mutable ones are buffers made by
//! `asMutable`, `Sequence clone` and friends. Methods that change a sequence in
//! place raise on an immutable receiver.
//!
//! Text is kept as UTF-8 bytes, and sizes and indexes count bytes. Upstream
//! stores literals with non-ASCII text in a fixed-width encoding, so there
//! `size`, `at` and slicing count characters for such literals; here they count
//! bytes for every sequence.
//!
//! Sequences whose items are not single bytes (vectors, `ucs2`/`ucs4` text,
//! see vector.rs) are handled item by item by the structural methods (size,
//! at, atPut, append, slicing, removing, reversing, sorting, foreach,
//! asList); the text methods (searching, splitting, case, paths, ...) work on
//! their raw bytes. Not provided: binary packing (`pack`, `unpack`,
//! `asStruct`, `withStruct`).

use super::vector::{self as vec_, count, display_bytes, is_byte_text, is_numeric, item_size};
use super::*;
use crate::heap::{Encoding, ItemType};
use crate::symbol::Sym;
use crate::vm::{Args, Stop};

pub const METHODS: MethodTable = &[
    // printing
    ("print", print, false),
    ("cPrint", print, false),
    ("linePrint", line_print, false),
    ("println", line_print, false),
    // size and kind
    ("size", size, false),
    ("sizeInBytes", size_in_bytes, false),
    ("itemSize", item_size_of, false),
    ("itemType", item_type, false),
    ("encoding", encoding, false),
    ("isEmpty", is_empty, false),
    ("isZero", is_zero, false),
    ("isMutable", is_mutable, false),
    ("isSymbol", is_symbol, false),
    // conversion
    ("asString", as_string, false),
    ("asSymbol", as_string, false),
    ("asUTF8", as_utf8, false),
    ("asMutable", as_mutable, false),
    ("asBuffer", as_mutable, false),
    ("itemCopy", as_mutable, false),
    ("asNumber", as_number, false),
    ("asList", as_list, false),
    ("asMessage", as_message, false),
    ("asSimpleString", as_simple_string, false),
    ("asJson", as_json, false),
    ("asHex", as_hex, false),
    ("asBase64", as_base64, false),
    ("fromBase64", from_base64, false),
    ("percentEncoded", percent_encoded, false),
    ("percentDecoded", percent_decoded, false),
    ("urlEncoded", url_encoded, false),
    ("urlDecoded", url_decoded, false),
    ("fromBase", from_base, false),
    ("toBase", to_base, false),
    ("hash", hash, false),
    ("parseJson", parse_json, false),
    // items
    ("at", at, false),
    ("byteAt", byte_at, false),
    ("bitAt", bit_at, false),
    ("bitCount", bit_count, false),
    ("contains", contains, false),
    ("foreach", foreach, true),
    // building
    ("..", dot_dot, false),
    ("cloneAppendSeq", clone_append_seq, false),
    ("with", with, false),
    ("repeated", repeated, false),
    ("reverse", reverse, false),
    ("alignLeft", align_left, false),
    ("alignRight", align_right, false),
    ("alignCenter", align_center, false),
    ("interpolate", interpolate, false),
    // changing in place
    ("appendSeq", append_seq, false),
    ("append", append, false),
    ("atPut", at_put, false),
    ("atInsertSeq", at_insert_seq, false),
    ("prependSeq", prepend_seq, false),
    ("insertSeqEvery", insert_seq_every, false),
    ("removeSlice", remove_slice, false),
    ("removeAt", remove_at, false),
    ("removeLast", remove_last, false),
    ("removePrefix", remove_prefix, false),
    ("removeSuffix", remove_suffix, false),
    ("removeSeq", remove_seq, false),
    ("replaceSeq", replace_seq, false),
    ("replaceFirstSeq", replace_first_seq, false),
    ("replaceMap", replace_map, false),
    ("copy", copy, false),
    ("setSize", set_size, false),
    ("preallocateToSize", preallocate_to_size, false),
    ("empty", empty, false),
    ("zero", zero, false),
    ("leaveThenRemove", leave_then_remove, false),
    ("reverseInPlace", reverse_in_place, false),
    ("sort", sort, false),
    ("lowercase", lowercase, false),
    ("uppercase", uppercase, false),
    ("capitalize", capitalize, false),
    ("makeFirstCharacterUppercase", capitalize, false),
    ("makeFirstCharacterLowercase", make_first_lowercase, false),
    ("clipBeforeSeq", clip_before_seq, false),
    ("clipAfterSeq", clip_after_seq, false),
    ("clipBeforeEndOfSeq", clip_before_end_of_seq, false),
    ("clipAfterStartOfSeq", clip_after_start_of_seq, false),
    ("strip", strip, false),
    ("lstrip", lstrip, false),
    ("rstrip", rstrip, false),
    ("escape", escape, false),
    ("unescape", unescape, false),
    ("translate", translate, false),
    ("appendPathSeq", append_path_seq, false),
    ("alignLeftInPlace", align_left_in_place, false),
    ("interpolateInPlace", interpolate_in_place, false),
    // searching
    ("findSeq", find_seq, false),
    ("reverseFindSeq", reverse_find_seq, false),
    ("findSeqs", find_seqs, false),
    ("findNthSeq", find_nth_seq, false),
    ("containsSeq", contains_seq, false),
    ("containsAnyCaseSeq", contains_any_case_seq, false),
    ("beginsWithSeq", begins_with_seq, false),
    ("endsWithSeq", ends_with_seq, false),
    ("occurrencesOfSeq", occurrences_of_seq, false),
    // slicing and splitting
    ("afterSeq", after_seq, false),
    ("beforeSeq", before_seq, false),
    ("betweenSeq", between_seq, false),
    ("between", between_seq, false),
    ("exclusiveSlice", exclusive_slice, false),
    ("exSlice", exclusive_slice, false),
    ("slice", exclusive_slice, false),
    ("inclusiveSlice", inclusive_slice, false),
    ("inSlice", inclusive_slice, false),
    ("splitAt", split_at, false),
    ("split", split, false),
    ("splitNoEmpties", split_no_empties, false),
    ("orderedSplit", ordered_split, false),
    ("slicesBetween", slices_between, false),
    ("whiteSpaceStrings", white_space_strings, false),
    // case and comparison
    ("asUppercase", as_uppercase, false),
    ("asLowercase", as_lowercase, false),
    ("asCapitalized", as_capitalized, false),
    ("isLowercase", is_lowercase, false),
    ("isUppercase", is_uppercase, false),
    ("isEqualAnyCase", is_equal_any_case, false),
    ("<", lt, false),
    ("<=", le, false),
    (">", gt, false),
    (">=", ge, false),
    // paths
    ("lastPathComponent", last_path_component, false),
    ("pathExtension", path_extension, false),
    ("fileName", file_name, false),
    ("pathComponent", path_component, false),
    ("cloneAppendPath", clone_append_path, false),
    ("asOSPath", as_path_copy, false),
    ("asIoPath", as_path_copy, false),
];

pub fn install_all(vm: &mut Vm) {
    let s = vm.p.sequence;
    install_direct(vm, s, "Sequence", METHODS);
    vec_::install_all(vm);
}

/// Characters `strip` and friends remove by default.
const WHITESPACE: &[u8] = b" \t\n\r";

// ---- receivers, arguments and results -------------------------------------------------

pub(super) fn not_a_sequence<T>(vm: &mut Vm, call: &NativeCall) -> Result<T, Value> {
    let name = method_name(vm, call);
    let t = vm.type_name(call.target);
    vm.err(format!("'{name}' needs a Sequence receiver, not a '{t}'"))
}

/// A copy of the receiver's bytes.
fn recv(vm: &mut Vm, call: &NativeCall) -> Result<Vec<u8>, Value> {
    match vm.as_seq(call.target) {
        Some(s) => Ok(s.bytes.clone()),
        None => not_a_sequence(vm, call),
    }
}

/// The receiver's bytes and whether it is mutable.
fn recv_kind(vm: &mut Vm, call: &NativeCall) -> Result<(Vec<u8>, bool), Value> {
    match vm.as_seq(call.target) {
        Some(s) => Ok((s.bytes.clone(), s.mutable)),
        None => not_a_sequence(vm, call),
    }
}

/// Run `f` on the receiver's bytes (and whether it is mutable) without copying them.
fn with_recv<R>(
    vm: &mut Vm,
    call: &NativeCall,
    f: impl FnOnce(&[u8], bool) -> R,
) -> Result<R, Value> {
    match vm.as_seq(call.target) {
        Some(s) => Ok(f(&s.bytes, s.mutable)),
        None => not_a_sequence(vm, call),
    }
}

/// The receiver as a buffer that may be changed; immutable receivers raise.
pub(super) fn mutable_recv(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    match (
        vm.as_seq(call.target).map(|s| s.mutable),
        call.target.as_obj(),
    ) {
        (Some(true), Some(r)) => Ok(r),
        (Some(_), _) => {
            let name = method_name(vm, call);
            vm.err(format!(
                "'{name}' cannot be called on an immutable Sequence"
            ))
        }
        (None, _) => not_a_sequence(vm, call),
    }
}

/// Change a buffer's bytes in place.
fn edit<R>(vm: &mut Vm, r: ObjRef, f: impl FnOnce(&mut Vec<u8>) -> R) -> Option<R> {
    match &mut vm.heap.get_mut(r).payload {
        Payload::Seq(s) => Some(f(&mut s.bytes)),
        _ => None,
    }
}

/// Replace a buffer's bytes.
fn set_bytes(vm: &mut Vm, r: ObjRef, bytes: Vec<u8>) {
    edit(vm, r, |b| *b = bytes);
}

fn bytes_of(vm: &Vm, v: Value) -> Vec<u8> {
    vm.as_seq(v).map(|s| s.bytes.clone()).unwrap_or_default()
}

/// Refuse to build a sequence larger than the allocation limit.
pub(super) fn check_len(vm: &mut Vm, n: usize) -> Result<(), Value> {
    if n > vm.max_alloc {
        return vm.err(format!(
            "Sequence of {n} items is larger than the allocation limit"
        ));
    }
    Ok(())
}

/// An integer argument (truncated toward zero).
fn long_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<i64, Value> {
    Ok(num_arg(vm, call, i)? as i64)
}

/// A size or index argument: negative numbers raise.
fn size_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<usize, Value> {
    let n = long_arg(vm, call, i)?;
    if n < 0 {
        return vm.err(format!(
            "IoMessage_locals_sizetArgAt_ attempt to get size_t value from negative number {n}"
        ));
    }
    Ok(n as usize)
}

/// An optional integer argument (absent or nil gives None).
fn opt_long_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Option<i64>, Value> {
    match call.args.get(i) {
        Some(v) if !v.is_nil() => Ok(Some(long_arg(vm, call, i)?)),
        _ => Ok(None),
    }
}

/// A new Sequence with this data.
pub(super) fn new_seq(vm: &mut Vm, d: SeqData) -> Value {
    let proto = vm.p.sequence;
    Value::obj(
        vm.heap
            .alloc(&[Value::obj(proto)], Payload::Seq(Box::new(d))),
    )
}

/// Item type and encoding of a sequence.
type Kind = (ItemType, Encoding);

fn kind_of(s: &SeqData) -> Kind {
    (s.item_type, s.encoding)
}

/// The receiver's data (a copy).
fn recv_data(vm: &mut Vm, call: &NativeCall) -> Result<SeqData, Value> {
    match vm.as_seq(call.target) {
        Some(s) => Ok(s.clone()),
        None => not_a_sequence(vm, call),
    }
}

/// True if the receiver is plain byte text (the fast paths).
fn recv_is_bytes(vm: &mut Vm, call: &NativeCall) -> Result<bool, Value> {
    match vm.as_seq(call.target) {
        Some(s) => Ok(is_byte_text(s)),
        None => not_a_sequence(vm, call),
    }
}

/// A result with the receiver's kind: `like` for byte text, otherwise a
/// new sequence with the same item type and encoding.
fn like_kind(vm: &mut Vm, kind: Kind, mutable: bool, bytes: Vec<u8>) -> Value {
    if kind.0 == ItemType::U8 && kind.1 != Encoding::Number {
        return like(vm, mutable, bytes);
    }
    new_seq(
        vm,
        SeqData {
            bytes,
            mutable,
            item_type: kind.0,
            encoding: kind.1,
        },
    )
}

/// Change a sequence's data in place.
fn edit_data<R>(vm: &mut Vm, r: ObjRef, f: impl FnOnce(&mut SeqData) -> R) -> Option<R> {
    match &mut vm.heap.get_mut(r).payload {
        Payload::Seq(s) => Some(f(s)),
        _ => None,
    }
}

/// Results at most this long are looked up among the interned strings.
const INTERN_LOOKUP_MAX: usize = 128;

/// An immutable sequence with these bytes: the interned one if it exists
/// (for short texts), otherwise a fresh one. Results are not interned
/// themselves, so they can be collected.
fn immutable(vm: &mut Vm, bytes: Vec<u8>) -> Value {
    if bytes.len() <= INTERN_LOOKUP_MAX {
        if let Some(&r) = vm.symbol_strings.get(&bytes) {
            return Value::obj(r);
        }
    }
    vm.new_string(bytes, false)
}

/// A result that is mutable when the receiver is.
fn like(vm: &mut Vm, mutable: bool, bytes: Vec<u8>) -> Value {
    if mutable {
        vm.new_string(bytes, true)
    } else {
        immutable(vm, bytes)
    }
}

/// Text of a value that needs no Io code to compute: numbers, sequences,
/// nil, true and false.
fn plain_text(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    if let Some(s) = vm.as_seq(v) {
        return Some(display_bytes(s).into_owned());
    }
    if let Some(t) = super::object::direct_text(vm, v) {
        return Some(t);
    }
    match v {
        Value::NIL => Some(b"nil".to_vec()),
        Value::TRUE => Some(b"true".to_vec()),
        Value::FALSE => Some(b"false".to_vec()),
        _ => None,
    }
}

/// Position an index refers to: negative counts from the end, both ends clamp.
fn wrap_pos(len: usize, pos: i64) -> usize {
    let n = len as i64;
    if pos > n - 1 {
        return len;
    }
    if pos < 0 {
        return (n + pos).max(0) as usize;
    }
    pos as usize
}

// ---- byte searching ---------------------------------------------------------------------

/// First occurrence of `needle` at or after `from`. An empty haystack (or an
/// empty remainder) never matches, as upstream.
fn find_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    let rest = &hay[from..];
    if rest.is_empty() || rest.len() < needle.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(from);
    }
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Last occurrence of `needle` that starts no later than `before - size + 1`
/// (upstream's window), or None.
fn rfind_before(hay: &[u8], needle: &[u8], before: usize) -> Option<usize> {
    if before > hay.len() || before < needle.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(before);
    }
    let last_start = (before + 1 - needle.len()).min(hay.len() - needle.len());
    (0..=last_start)
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}

fn eq_any_case(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.eq_ignore_ascii_case(b)
}

fn find_any_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| eq_any_case(&hay[i..i + needle.len()], needle))
}

/// All non-overlapping occurrences of `old` replaced by `new`, left to right.
fn replace_all(hay: &[u8], old: &[u8], new: &[u8]) -> Vec<u8> {
    if old.is_empty() || hay.len() < old.len() {
        return hay.to_vec();
    }
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    while i < hay.len() {
        if hay[i..].starts_with(old) {
            out.extend_from_slice(new);
            i += old.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    out
}

/// Size of `replace_all`'s result, computed without building it.
fn replaced_len(hay: &[u8], old: &[u8], new: &[u8]) -> usize {
    if old.is_empty() {
        return hay.len();
    }
    let n = count_occurrences(hay, old);
    hay.len() - n * old.len() + n.saturating_mul(new.len())
}

fn count_occurrences(hay: &[u8], needle: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(j) = find_from(hay, needle, i) {
        n += 1;
        i = j + needle.len();
    }
    n
}

/// Pieces between separators (the first separator matching at a position
/// wins). A separator at the very end leaves no empty last piece.
fn split_bytes(hay: &[u8], seps: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut last = 0;
    let mut i = 0;
    while i < hay.len() {
        match seps.iter().find(|s| hay[i..].starts_with(s)) {
            Some(sep) => {
                out.push(hay[last..i].to_vec());
                last = i + sep.len();
                i = last;
            }
            None => i += 1,
        }
    }
    if last != hay.len() {
        out.push(hay[last..].to_vec());
    }
    out
}

// ---- printing and kind -----------------------------------------------------------------

fn print(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    write_recv(vm, call, false)
}

fn line_print(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    write_recv(vm, call, true)
}

/// Write the receiver's bytes to stdout, then a newline if asked.
fn write_recv(vm: &mut Vm, call: &NativeCall, newline: bool) -> NResult {
    match vm.heap.obj(call.target).map(|o| &o.payload) {
        Some(Payload::Seq(s)) if is_byte_text(s) => vm.host.write_stdout(&s.bytes),
        Some(Payload::Seq(s)) => {
            let text = display_bytes(s).into_owned();
            vm.host.write_stdout(&text)
        }
        _ => return not_a_sequence(vm, call),
    }
    if newline {
        vm.host.write_stdout(b"\n");
    }
    value(call.target)
}

fn size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    match vm.as_seq(call.target) {
        Some(s) => value(Value::num(count(s) as f64)),
        None => not_a_sequence(vm, call),
    }
}

fn size_in_bytes(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    match vm.as_seq(call.target) {
        Some(s) => value(Value::num(s.bytes.len() as f64)),
        None => not_a_sequence(vm, call),
    }
}

fn item_size_of(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = recv_kind_only(vm, call)?;
    value(Value::num(item_size(d.0) as f64))
}

fn item_type(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = recv_kind_only(vm, call)?;
    value(vm.symbol_string(vec_::item_type_name(d.0).as_bytes()))
}

fn encoding(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let name = match vm.as_seq(call.target) {
        Some(s) => vec_::encoding_name(s),
        None => return not_a_sequence(vm, call),
    };
    value(vm.symbol_string(name.as_bytes()))
}

fn recv_kind_only(vm: &mut Vm, call: &NativeCall) -> Result<Kind, Value> {
    match vm.as_seq(call.target) {
        Some(s) => Ok(kind_of(s)),
        None => not_a_sequence(vm, call),
    }
}

fn is_empty(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    match vm.as_seq(call.target) {
        Some(s) => value(Value::bool(s.bytes.is_empty())),
        None => not_a_sequence(vm, call),
    }
}

fn is_zero(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = recv_data(vm, call)?;
    value(Value::bool(vec_::values(&d).iter().all(|&x| x == 0.0)))
}

fn is_mutable(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (_, m) = recv_kind(vm, call)?;
    value(Value::bool(m))
}

fn is_symbol(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (_, m) = recv_kind(vm, call)?;
    value(Value::bool(!m))
}

// ---- conversion ----------------------------------------------------------------------------

fn as_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = recv_data(vm, call)?;
    if !is_byte_text(&d) {
        let text = display_bytes(&d).into_owned();
        return value(immutable(vm, text));
    }
    if !d.mutable {
        return value(call.target);
    }
    value(immutable(vm, d.bytes))
}

fn as_utf8(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = recv_data(vm, call)?;
    if !is_byte_text(&d) {
        let text = display_bytes(&d).into_owned();
        return value(vm.new_string(text, true));
    }
    if !d.mutable {
        return value(call.target);
    }
    value(vm.new_string(d.bytes, true))
}

fn as_mutable(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut d = recv_data(vm, call)?;
    d.mutable = true;
    value(new_seq(vm, d))
}

/// Parse a number the way C's strtod does: leading whitespace skipped, the
/// longest numeric prefix used (decimal, `0x` hex, `inf`, `nan`), the rest
/// ignored. None if nothing parses or the value is out of range.
pub fn parse_number_prefix(b: &[u8]) -> Option<f64> {
    let mut i = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        i += 1;
    }
    let mut neg = false;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        neg = b[i] == b'-';
        i += 1;
    }
    let rest = &b[i..];
    let sign = if neg { -1.0 } else { 1.0 };
    let lower: Vec<u8> = rest
        .iter()
        .take(8)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if lower.starts_with(b"inf") {
        return Some(sign * f64::INFINITY);
    }
    if lower.starts_with(b"nan") {
        return Some(f64::NAN);
    }
    if (lower.starts_with(b"0x")) && rest.len() > 2 && rest[2].is_ascii_hexdigit() {
        return parse_hex_float(&rest[2..]).map(|x| sign * x);
    }
    let mut j = 0;
    let mut text = String::new();
    let mut digits = 0;
    let mut nonzero = false;
    while j < rest.len() && rest[j].is_ascii_digit() {
        text.push(rest[j] as char);
        nonzero |= rest[j] != b'0';
        j += 1;
        digits += 1;
    }
    if j < rest.len() && rest[j] == b'.' {
        text.push('.');
        j += 1;
        while j < rest.len() && rest[j].is_ascii_digit() {
            text.push(rest[j] as char);
            nonzero |= rest[j] != b'0';
            j += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if j < rest.len() && (rest[j] == b'e' || rest[j] == b'E') {
        let mut k = j + 1;
        let mut exp = String::from("e");
        if k < rest.len() && (rest[k] == b'+' || rest[k] == b'-') {
            exp.push(rest[k] as char);
            k += 1;
        }
        let start = k;
        while k < rest.len() && rest[k].is_ascii_digit() {
            exp.push(rest[k] as char);
            k += 1;
        }
        if k > start {
            text.push_str(&exp);
        }
    }
    if text.starts_with('.') {
        text.insert(0, '0');
    }
    let x: f64 = text.parse().ok()?;
    if x.is_infinite() || (x == 0.0 && nonzero) {
        return None;
    }
    Some(sign * x)
}

/// Hex digits with an optional fraction and binary exponent (`1f.8p3`).
fn parse_hex_float(b: &[u8]) -> Option<f64> {
    let mut x = 0.0f64;
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_hexdigit() {
        x = x * 16.0 + (b[i] as char).to_digit(16).unwrap_or(0) as f64;
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let mut scale = 1.0 / 16.0;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            x += scale * (b[i] as char).to_digit(16).unwrap_or(0) as f64;
            scale /= 16.0;
            i += 1;
        }
    }
    if i < b.len() && (b[i] == b'p' || b[i] == b'P') {
        let mut k = i + 1;
        let mut neg = false;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            neg = b[k] == b'-';
            k += 1;
        }
        let mut e: i32 = 0;
        let start = k;
        while k < b.len() && b[k].is_ascii_digit() {
            e = e.saturating_mul(10).saturating_add((b[k] - b'0') as i32);
            k += 1;
        }
        if k > start {
            x *= 2f64.powi(if neg { -e } else { e });
        }
    }
    if x.is_infinite() {
        return None;
    }
    Some(x)
}

/// Hex digits after a leading `0x` as an unsigned 64-bit integer (saturating).
fn parse_hex_int(b: &[u8]) -> Option<f64> {
    let mut n: u64 = 0;
    let mut any = false;
    for &c in b {
        match (c as char).to_digit(16) {
            Some(d) => {
                n = n.saturating_mul(16).saturating_add(d as u64);
                any = true;
            }
            None => break,
        }
    }
    any.then_some(n as f64)
}

fn as_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let n = if b.len() > 2 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X') {
        parse_hex_int(&b[2..])
    } else {
        parse_number_prefix(&b)
    };
    value(Value::num(n.unwrap_or(f64::NAN)))
}

fn as_list(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = recv_data(vm, call)?;
    let items = if is_numeric(&d) {
        vec_::values(&d).into_iter().map(Value::num).collect()
    } else {
        (0..count(&d))
            .map(|i| {
                let t = vec_::item_as_text(&d, i);
                immutable(vm, t)
            })
            .collect()
    };
    value(vm.new_list(items))
}

fn as_message(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let label = match call.args.first() {
        Some(_) => str_arg(vm, call, 0)?,
        None => "[asMessage]".to_string(),
    };
    let src = String::from_utf8_lossy(&b).into_owned();
    let m = vm.compile(&src, &label)?;
    value(m)
}

/// Backslash escapes for control characters, `"` and `\`.
fn escape_bytes(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + 8);
    for &c in b {
        let esc: &[u8] = match c {
            b'"' => b"\\\"",
            0x07 => b"\\a",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x0b => b"\\v",
            0 => b"\\0",
            b'\\' => b"\\\\",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.extend_from_slice(esc);
    }
    out
}

/// Decode backslash escapes as string literals do: `\n`-style letters, `\xH`
/// and `\xHH`, `\<digit>` (that byte value); any other `\c` gives `c`, and a
/// trailing lone backslash stays.
fn unescape_bytes(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&next) = b.get(i + 1) else {
            out.push(b'\\');
            break;
        };
        i += 2;
        let decoded = match next {
            b'a' => 0x07,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'v' => 0x0b,
            b'x' => match b.get(i).and_then(|&h| (h as char).to_digit(16)) {
                Some(d1) => {
                    i += 1;
                    match b.get(i).and_then(|&h| (h as char).to_digit(16)) {
                        Some(d2) => {
                            i += 1;
                            (d1 * 16 + d2) as u8
                        }
                        None => d1 as u8,
                    }
                }
                None => b'x',
            },
            d if d.is_ascii_digit() => d - b'0',
            other => other,
        };
        out.push(decoded);
    }
    out
}

fn as_simple_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = recv_data(vm, call)?;
    let b = display_bytes(&d).into_owned();
    let mut out = Vec::with_capacity(b.len() + 2);
    out.push(b'"');
    out.extend(escape_bytes(&b));
    out.push(b'"');
    value(immutable(vm, out))
}

fn as_json(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let d = recv_data(vm, call)?;
    let b = display_bytes(&d).into_owned();
    let mut out = Vec::with_capacity(b.len() + 2);
    out.push(b'"');
    for &c in &b {
        let esc: &[u8] = match c {
            b'\\' => b"\\\\",
            b'"' => b"\\\"",
            b'/' => b"\\/",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\t' => b"\\t",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.extend_from_slice(esc);
    }
    out.push(b'"');
    value(immutable(vm, out))
}

fn as_hex(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    check_len(vm, b.len().saturating_mul(2))?;
    let mut out = String::with_capacity(b.len() * 2);
    for c in b {
        out.push_str(&format!("{c:02x}"));
    }
    value(vm.new_string(out.into_bytes(), true))
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 text; a newline after every `per_line` characters (when > 0) and
/// at the end.
fn base64_encode(b: &[u8], per_line: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() / 3 * 4 + 8);
    let groups_per_line = per_line / 4;
    let mut groups = 0;
    for chunk in b.chunks(3) {
        let n = chunk.len();
        let x = (chunk[0] as u32) << 16
            | (chunk.get(1).copied().unwrap_or(0) as u32) << 8
            | chunk.get(2).copied().unwrap_or(0) as u32;
        out.push(BASE64[(x >> 18) as usize & 63]);
        out.push(BASE64[(x >> 12) as usize & 63]);
        out.push(if n > 1 {
            BASE64[(x >> 6) as usize & 63]
        } else {
            b'='
        });
        out.push(if n > 2 { BASE64[x as usize & 63] } else { b'=' });
        if n == 3 {
            groups += 1;
            if groups_per_line > 0 && groups == groups_per_line {
                out.push(b'\n');
                groups = 0;
            }
        }
    }
    out.push(b'\n');
    out
}

/// Decode base64, skipping characters outside the alphabet.
fn base64_decode(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in b {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn as_base64(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let per_line = match call.args.first() {
        Some(_) => long_arg(vm, call, 0)?.max(0) as usize,
        None => 0,
    };
    check_len(vm, b.len().saturating_mul(2))?;
    let out = base64_encode(&b, per_line);
    value(vm.new_string(out, true))
}

fn from_base64(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let out = base64_decode(&b);
    value(vm.new_string(out, true))
}

fn url_encode(b: &[u8], form: bool) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::with_capacity(b.len());
    for &c in b {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') {
            out.push(c);
        } else if form && c == b' ' {
            out.push(b'+');
        } else {
            out.extend_from_slice(&[b'%', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]]);
        }
    }
    out
}

fn url_decode(b: &[u8], form: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' && i + 2 < b.len() {
            let hi = (b[i + 1] as char).to_digit(16);
            let lo = (b[i + 2] as char).to_digit(16);
            if let (Some(h), Some(l)) = (hi, lo) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
            out.push(c);
        } else if form && c == b'+' {
            out.push(b' ');
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

fn percent_encoded(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    check_len(vm, b.len().saturating_mul(3))?;
    let out = url_encode(&b, false);
    value(immutable(vm, out))
}

fn percent_decoded(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let out = url_decode(&b, false);
    value(immutable(vm, out))
}

fn url_encoded(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    check_len(vm, b.len().saturating_mul(3))?;
    let out = url_encode(&b, true);
    value(immutable(vm, out))
}

fn url_decoded(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let out = url_decode(&b, true);
    value(immutable(vm, out))
}

/// `fromBase(base)`: the text as an integer in that base (2..36, or 0 to
/// pick 8, 10 or 16 from the prefix). Leading blanks and a sign are allowed;
/// anything else that is not a digit raises.
fn from_base(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let mut base = long_arg(vm, call, 0)?;
    let text = String::from_utf8_lossy(&b).into_owned();
    if base != 0 && !(2..=36).contains(&base) {
        return vm.err(format!("conversion from base {base} not supported"));
    }
    let shown_base = base;
    let failed = |vm: &mut Vm| -> NResult {
        vm.err(format!(
            "conversion of \"{text}\" to base {shown_base} failed"
        ))
    };
    let mut i = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        i += 1;
    }
    let mut neg = false;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        neg = b[i] == b'-';
        i += 1;
    }
    let hex_prefix = b.get(i) == Some(&b'0')
        && matches!(b.get(i + 1), Some(b'x') | Some(b'X'))
        && b.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit());
    if (base == 16 || base == 0) && hex_prefix {
        i += 2;
        base = 16;
    } else if base == 0 {
        base = if b.get(i) == Some(&b'0') { 8 } else { 10 };
    }
    let mut n: u64 = 0;
    let mut digits = 0;
    let mut overflow = false;
    while i < b.len() {
        let Some(d) = (b[i] as char).to_digit(36).filter(|&d| (d as i64) < base) else {
            break;
        };
        match n
            .checked_mul(base as u64)
            .and_then(|x| x.checked_add(d as u64))
        {
            Some(x) => n = x,
            None => overflow = true,
        }
        digits += 1;
        i += 1;
    }
    if overflow {
        return vm.err(format!("resulting value \"{text}\" was out of range"));
    }
    if b.is_empty() || digits == 0 || i != b.len() {
        return failed(vm);
    }
    let x = n as f64;
    value(Value::num(if neg { -x } else { x }))
}

/// `toBase(base)`: the text read as a decimal number, written in base 2..36.
fn to_base(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let base = long_arg(vm, call, 0)?;
    if !(2..=36).contains(&base) {
        return vm.err(format!("conversion to base {base} not supported"));
    }
    let x = parse_number_prefix(&b).unwrap_or(0.0);
    let mut n = if x.is_nan() || x <= 0.0 { 0 } else { x as u64 };
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % base as u64) as usize]);
        n /= base as u64;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    value(vm.new_string(out, true))
}

fn hash(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let mut h: u32 = 0x811c_9dc5;
    for c in b {
        h ^= c as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    value(Value::num(h as f64))
}

// ---- items -----------------------------------------------------------------------------

fn at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = size_arg(vm, call, 0)?;
    match vm.as_seq(call.target) {
        Some(s) if is_byte_text(s) => {
            value(s.bytes.get(i).map_or(Value::NIL, |&c| Value::num(c as f64)))
        }
        Some(s) if i < count(s) => value(Value::num(vec_::read(&s.bytes, s.item_type, i))),
        Some(_) => value(Value::NIL),
        None => not_a_sequence(vm, call),
    }
}

fn byte_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = size_arg(vm, call, 0)?;
    let c = with_recv(vm, call, |b, _| b.get(i).copied().unwrap_or(0))?;
    value(Value::num(c as f64))
}

fn bit_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = size_arg(vm, call, 0)?;
    let bit = with_recv(vm, call, |b, _| {
        b.get(i / 8).map_or(0, |&c| (c >> (i % 8)) & 1)
    })?;
    value(Value::num(bit as f64))
}

fn bit_count(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let n: u32 = b.iter().map(|c| c.count_ones()).sum();
    value(Value::num(n as f64))
}

fn contains(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = num_arg(vm, call, 0)?;
    let d = recv_data(vm, call)?;
    let found = vec_::values(&d).contains(&n);
    value(Value::bool(found))
}

// foreach([index,] value, body) binds the names in the caller's locals;
// foreach(message) sends the message to each item. Items are byte values.
// state = [sequence, next index, index name, value name, body, locals, last result]
fn foreach(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if vm.as_seq(call.target).is_none() {
        return not_a_sequence(vm, call);
    }
    let n = msg_argc(vm, call);
    let name_at = |vm: &Vm, i: usize| -> Value {
        let s = vm
            .as_message(msg_arg(vm, call, i))
            .map_or(crate::symbol::sym::empty, |m| m.name);
        Value::num(s.0 as f64)
    };
    let nil = Value::NIL;
    let (iname, vname, body) = match n {
        0 => return vm.err("[Sequence foreach] requires 2 arguments\n"),
        1 => (nil, nil, msg_arg(vm, call, 0)),
        2 => (nil, name_at(vm, 0), msg_arg(vm, call, 1)),
        _ => (name_at(vm, 0), name_at(vm, 1), msg_arg(vm, call, 2)),
    };
    let mut st = state(&[
        call.target,
        Value::num(0.0),
        iname,
        vname,
        body,
        call.locals,
        nil,
    ]);
    foreach_step(vm, &mut st)
}

fn foreach_step(vm: &mut Vm, st: &mut ContState) -> NResult {
    let i = st[1].as_num().unwrap_or(0.0) as usize;
    let Some(x) = vm
        .as_seq(st[0])
        .and_then(|s| (i < count(s)).then(|| vec_::read(&s.bytes, s.item_type, i)))
    else {
        return value(st[6]);
    };
    st[1] = Value::num((i + 1) as f64);
    let item = Value::num(x);
    let locals = st[5];
    let target = if st[3].is_nil() {
        item
    } else {
        if let Some(l) = locals.as_obj() {
            if let Some(n) = st[2].as_num() {
                vm.heap.set_slot(l, Sym(n as u32), Value::num(i as f64));
            }
            if let Some(n) = st[3].as_num() {
                vm.heap.set_slot(l, Sym(n as u32), item);
            }
        }
        locals
    };
    Ok(Flow::Eval {
        msg: st[4],
        target,
        locals,
        cont: cont(foreach_cont, *st),
    })
}

fn foreach_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            st[6] = v;
            foreach_step(vm, st)
        }
        Resume::Stop(Stop::Continue, _) => foreach_step(vm, st),
        Resume::Stop(Stop::Break, v) => value(v),
        other => pass_on(other),
    }
}

// ---- texts of arguments ---------------------------------------------------------------------
//
// Methods that take any object and use its `asString` gather the texts of
// their arguments first: numbers, sequences, nil, true and false directly,
// other objects by sending them `asString`. Then `finish` applies the method.
// state = [receiver, items (a List), next item, text so far (a mutable
//          Sequence), op, extra]

const OP_APPEND: u8 = 0;
const OP_CONCAT: u8 = 1;
const OP_INSERT: u8 = 2;
const OP_EVERY: u8 = 3;
const OP_PREPEND: u8 = 4;

fn gather(vm: &mut Vm, recv: Value, items: &[Value], op: u8, extra: Value) -> NResult {
    let mut text = Vec::new();
    for (i, &v) in items.iter().enumerate() {
        match plain_text(vm, v) {
            Some(t) => text.extend(t),
            None => {
                let list = vm.new_list(items.to_vec());
                let acc = vm.new_string(text, true);
                let st = state(&[
                    recv,
                    list,
                    Value::num(i as f64),
                    acc,
                    Value::num(op as f64),
                    extra,
                ]);
                return gather_step(vm, st);
            }
        }
    }
    finish(vm, op, recv, extra, text)
}

fn gather_step(vm: &mut Vm, mut st: ContState) -> NResult {
    loop {
        let i = st[2].as_num().unwrap_or(0.0) as usize;
        let item = vm.as_list(st[1]).and_then(|l| l.get(i).copied());
        let Some(v) = item else {
            let text = bytes_of(vm, st[3]);
            let op = st[4].as_num().unwrap_or(0.0) as u8;
            return finish(vm, op, st[0], st[5], text);
        };
        st[2] = Value::num((i + 1) as f64);
        match plain_text(vm, v) {
            Some(t) => add_text(vm, st[3], &t)?,
            None => {
                return Ok(Flow::Send {
                    target: v,
                    name: sym::as_string,
                    args: Args::new(),
                    cont: cont(gather_cont, st),
                })
            }
        }
    }
}

fn gather_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            let t = plain_text(vm, v).unwrap_or_else(|| vm.display_string(v).into_bytes());
            add_text(vm, st[3], &t)?;
            gather_step(vm, *st)
        }
        other => pass_on(other),
    }
}

fn add_text(vm: &mut Vm, acc: Value, t: &[u8]) -> Result<(), Value> {
    let len = vm.as_seq(acc).map_or(0, |s| s.bytes.len());
    check_len(vm, len + t.len())?;
    if let Some(r) = acc.as_obj() {
        edit(vm, r, |b| b.extend_from_slice(t));
    }
    Ok(())
}

fn finish(vm: &mut Vm, op: u8, recv: Value, extra: Value, text: Vec<u8>) -> NResult {
    let (len, mutable) = match vm.as_seq(recv) {
        Some(s) => (s.bytes.len(), s.mutable),
        None => return vm.err("expected a Sequence receiver"),
    };
    let Some(r) = recv.as_obj() else {
        return vm.err("expected a Sequence receiver");
    };
    match op {
        OP_CONCAT => {
            if text.is_empty() && !mutable {
                return value(recv);
            }
            check_len(vm, len + text.len())?;
            let mut out = Vec::with_capacity(len + text.len());
            if let Some(s) = vm.as_seq(recv) {
                out.extend_from_slice(&display_bytes(s));
            }
            out.extend(text);
            value(immutable(vm, out))
        }
        OP_APPEND => {
            check_len(vm, len + text.len())?;
            edit(vm, r, |b| b.extend(text));
            value(recv)
        }
        OP_INSERT | OP_PREPEND => {
            let at = if op == OP_PREPEND {
                0
            } else {
                extra.as_num().unwrap_or(0.0) as usize
            };
            if at > len {
                return vm.err("insert index out of sequence bounds");
            }
            check_len(vm, len + text.len())?;
            edit(vm, r, |b| {
                b.splice(at..at, text);
            });
            value(recv)
        }
        _ => {
            let every = extra.as_num().unwrap_or(0.0) as usize;
            if every == 0 {
                return vm.err("aNumberOfItems must be > 0");
            }
            if every > len {
                return vm.err("aNumberOfItems out of sequence bounds");
            }
            check_len(vm, len + (len / every).saturating_mul(text.len()))?;
            edit(vm, r, |b| {
                let mut out = Vec::with_capacity(b.len() + b.len() / every * text.len());
                for chunk in b.chunks(every) {
                    out.extend_from_slice(chunk);
                    if chunk.len() == every {
                        out.extend_from_slice(&text);
                    }
                }
                *b = out;
            });
            value(recv)
        }
    }
}

// ---- building new sequences -----------------------------------------------------------------

/// `a .. b`: the receiver's text followed by `b asString`, as an immutable sequence.
fn dot_dot(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if vm.as_seq(call.target).is_none() {
        return not_a_sequence(vm, call);
    }
    let v = arg(call, 0);
    gather(vm, call.target, &[v], OP_CONCAT, Value::NIL)
}

fn clone_append_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (b, _) = recv_kind(vm, call)?;
    let v = arg(call, 0);
    let Some(t) = super::object::direct_text(vm, v) else {
        let name = method_name(vm, call);
        let ty = vm.type_name(v);
        return vm.err(format!(
            "argument 0 to method '{name}' must be a number or string, not a '{ty}'"
        ));
    };
    if t.is_empty() {
        return value(call.target);
    }
    check_len(vm, b.len() + t.len())?;
    let mut out = b;
    out.extend(t);
    value(immutable(vm, out))
}

fn with(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (mut b, m) = recv_kind(vm, call)?;
    for i in 0..call.args.len() {
        let t = bytes_arg(vm, call, i)?;
        check_len(vm, b.len() + t.len())?;
        b.extend(t);
    }
    value(like(vm, m, b))
}

fn repeated(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let n = num_arg(vm, call, 0)?.floor();
    let n = if n.is_nan() || n < 0.0 { 0 } else { n as usize };
    if !b.is_empty() {
        check_len(vm, b.len().saturating_mul(n))?;
    }
    let out = if b.is_empty() {
        Vec::new()
    } else {
        b.repeat(n)
    };
    value(vm.new_string(out, true))
}

/// Reverse the order of the items (of `n` bytes each).
fn reverse_items(b: &mut Vec<u8>, n: usize) {
    if n == 1 {
        b.reverse();
        return;
    }
    let mut out = Vec::with_capacity(b.len());
    for item in b.chunks_exact(n).rev() {
        out.extend_from_slice(item);
    }
    *b = out;
}

fn reverse(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut d = recv_data(vm, call)?;
    reverse_items(&mut d.bytes, item_size(d.item_type));
    d.mutable = true;
    value(new_seq(vm, d))
}

/// The padding argument of the align methods (nil or empty means one space).
fn pad_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<Vec<u8>, Value> {
    match call.args.get(i) {
        Some(v) if !v.is_nil() => {
            let p = bytes_arg(vm, call, i)?;
            Ok(if p.is_empty() { b" ".to_vec() } else { p })
        }
        _ => Ok(b" ".to_vec()),
    }
}

/// `b` padded on the right with repeats of `pad` to `width` (never cut).
fn pad_right(vm: &mut Vm, mut b: Vec<u8>, width: f64, pad: &[u8]) -> Result<Vec<u8>, Value> {
    let w = if width.is_nan() || width < 0.0 {
        0
    } else {
        width.min(usize::MAX as f64) as usize
    };
    if w > b.len() {
        check_len(vm, w)?;
        let mut k = 0;
        while b.len() < w {
            b.push(pad[k % pad.len()]);
            k += 1;
        }
    }
    Ok(b)
}

fn align_left(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let width = num_arg(vm, call, 0)?;
    let pad = pad_arg(vm, call, 1)?;
    let out = pad_right(vm, b, width, &pad)?;
    value(vm.new_string(out, true))
}

fn align_left_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    let b = recv(vm, call)?;
    let width = num_arg(vm, call, 0)?;
    let pad = pad_arg(vm, call, 1)?;
    let out = pad_right(vm, b, width, &pad)?;
    set_bytes(vm, r, out);
    value(call.target)
}

/// Padding (repeats of `pad`, cut to size) that brings `len` up to `width`.
fn left_padding(vm: &mut Vm, len: usize, width: f64, pad: &[u8]) -> Result<Vec<u8>, Value> {
    pad_right(vm, Vec::new(), width - len as f64, pad)
}

fn align_right(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let width = num_arg(vm, call, 0)?;
    let pad = pad_arg(vm, call, 1)?;
    let mut out = left_padding(vm, b.len(), width, &pad)?;
    out.extend(b);
    value(vm.new_string(out, true))
}

fn align_center(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let width = num_arg(vm, call, 0)?;
    let pad = pad_arg(vm, call, 1)?;
    let left_width = ((b.len() as f64 + width) / 2.0).floor();
    let mut out = left_padding(vm, b.len(), left_width, &pad)?;
    out.extend(b);
    let out = pad_right(vm, out, width, &pad)?;
    value(vm.new_string(out, true))
}

// interpolate([context]): each `#{code}` replaced by `(code) asString`, the
// code run in the context (default: the caller's).
// state = [receiver, buffer being rewritten, search position, context,
//          end of the current `#{...}`, in place?]
fn interpolate(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let buf = vm.new_string(b, true);
    interpolate_start(vm, call, buf, false)
}

fn interpolate_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    mutable_recv(vm, call)?;
    interpolate_start(vm, call, call.target, true)
}

fn interpolate_start(vm: &mut Vm, call: &NativeCall, buf: Value, in_place: bool) -> NResult {
    let ctx = match call.args.first() {
        Some(&c) if !c.is_nil() => c,
        _ => call.locals,
    };
    let st = state(&[
        call.target,
        buf,
        Value::num(0.0),
        ctx,
        Value::num(0.0),
        Value::bool(in_place),
    ]);
    interpolate_step(vm, st)
}

fn interpolate_step(vm: &mut Vm, mut st: ContState) -> NResult {
    loop {
        let b = bytes_of(vm, st[1]);
        let from = st[2].as_num().unwrap_or(0.0) as usize;
        let Some(start) = find_from(&b, b"#{", from) else {
            return interpolate_done(vm, &st);
        };
        let Some(end) = find_from(&b, b"}", start) else {
            return interpolate_done(vm, &st);
        };
        st[2] = Value::num(start as f64);
        st[4] = Value::num(end as f64);
        let code = &b[start + 2..end];
        if code.is_empty() {
            splice_text(vm, &mut st, b"")?;
            continue;
        }
        let src = String::from_utf8_lossy(code).into_owned();
        let msg = vm.compile(&src, "interpolate")?;
        let ctx = st[3];
        return Ok(Flow::Eval {
            msg,
            target: ctx,
            locals: ctx,
            cont: cont(interpolate_value_cont, st),
        });
    }
}

fn interpolate_value_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let v = match how {
        Resume::Value(v) => v,
        other => return pass_on(other),
    };
    match plain_text(vm, v) {
        Some(t) => {
            splice_text(vm, st, &t)?;
            interpolate_step(vm, *st)
        }
        None => Ok(Flow::Send {
            target: v,
            name: sym::as_string,
            args: Args::new(),
            cont: cont(interpolate_text_cont, *st),
        }),
    }
}

fn interpolate_text_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    let v = match how {
        Resume::Value(v) => v,
        other => return pass_on(other),
    };
    match vm.as_seq(v) {
        Some(s) => {
            let t = s.bytes.clone();
            splice_text(vm, st, &t)?;
            interpolate_step(vm, *st)
        }
        None => vm.err("bad asString results"),
    }
}

/// Replace the current `#{...}` with `t` and move the search past it.
fn splice_text(vm: &mut Vm, st: &mut ContState, t: &[u8]) -> Result<(), Value> {
    let start = st[2].as_num().unwrap_or(0.0) as usize;
    let end = st[4].as_num().unwrap_or(0.0) as usize;
    let len = vm.as_seq(st[1]).map_or(0, |s| s.bytes.len());
    if start > end || end >= len {
        // The buffer changed while the code ran: stop here.
        st[2] = Value::num(len as f64 + 1.0);
        return Ok(());
    }
    check_len(vm, len - (end + 1 - start) + t.len())?;
    if let Some(r) = st[1].as_obj() {
        edit(vm, r, |b| {
            b.splice(start..=end, t.iter().copied());
        });
    }
    st[2] = Value::num((start + t.len()) as f64);
    Ok(())
}

fn interpolate_done(vm: &mut Vm, st: &ContState) -> NResult {
    if st[5].truthy() {
        return value(st[0]);
    }
    let b = bytes_of(vm, st[1]);
    value(immutable(vm, b))
}

// ---- changing in place ------------------------------------------------------------------------

fn append_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    if call.args.is_empty() {
        return vm.err("requires at least one argument");
    }
    if !recv_is_bytes(vm, call)? {
        return append_items(vm, call, r);
    }
    let items = call.args.to_vec();
    gather(vm, call.target, &items, OP_APPEND, Value::NIL)
}

/// appendSeq on a sequence of numbers or wide characters: each argument's
/// items (or the argument itself, for a Number) appended as items.
fn append_items(vm: &mut Vm, call: &NativeCall, r: ObjRef) -> NResult {
    let mut xs = Vec::new();
    for (i, &v) in call.args.iter().enumerate() {
        if let Some(n) = vm.as_number(v) {
            xs.push(n);
            continue;
        }
        match vm.as_seq(v) {
            Some(s) if is_byte_text(s) => xs.extend(
                String::from_utf8_lossy(&s.bytes)
                    .chars()
                    .map(|c| c as u32 as f64),
            ),
            Some(s) => xs.extend(vec_::values(s)),
            None => return type_error(vm, call, i, "Sequence"),
        }
    }
    push_items(vm, call, r, &xs)
}

/// Append numbers as items of the receiver's type.
fn push_items(vm: &mut Vm, call: &NativeCall, r: ObjRef, xs: &[f64]) -> NResult {
    let (n, t) = match vm.as_seq(call.target) {
        Some(s) => (count(s), s.item_type),
        None => return not_a_sequence(vm, call),
    };
    check_len(vm, (n + xs.len()).saturating_mul(item_size(t)))?;
    let add = vec_::encode_values(t, xs);
    edit(vm, r, |b| {
        let whole = b.len() - b.len() % item_size(t);
        b.truncate(whole);
        b.extend(add)
    });
    value(call.target)
}

fn append(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    if call.args.is_empty() {
        return vm.err("requires at least one argument");
    }
    if !recv_is_bytes(vm, call)? {
        let mut xs = Vec::with_capacity(call.args.len());
        for i in 0..call.args.len() {
            xs.push(num_arg(vm, call, i)?);
        }
        return push_items(vm, call, r, &xs);
    }
    let mut items = Vec::with_capacity(call.args.len());
    for i in 0..call.args.len() {
        items.push(num_arg(vm, call, i)? as i64 as u8);
    }
    let len = bytes_of(vm, call.target).len();
    check_len(vm, len + items.len())?;
    edit(vm, r, |b| b.extend(items));
    value(call.target)
}

fn at_put(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = long_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    let x = num_arg(vm, call, 1)?;
    if i < 0 {
        return vm.err("index out of bounds");
    }
    let i = i as usize;
    let width = vm.as_seq(call.target).map_or(1, |s| item_size(s.item_type));
    check_len(vm, i.saturating_add(1).saturating_mul(width))?;
    edit_data(vm, r, |s| {
        let n = item_size(s.item_type);
        let end = (i + 1) * n;
        if s.bytes.len() < end {
            s.bytes.resize(end, 0);
        }
        vec_::write(&mut s.bytes, s.item_type, i, x);
    });
    value(call.target)
}

fn at_insert_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = size_arg(vm, call, 0)?;
    mutable_recv(vm, call)?;
    if call.args.len() < 2 {
        return vm.err("requires 2 arguments");
    }
    let v = arg(call, 1);
    gather(vm, call.target, &[v], OP_INSERT, Value::num(i as f64))
}

fn prepend_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    mutable_recv(vm, call)?;
    let items = call.args.to_vec();
    gather(vm, call.target, &items, OP_PREPEND, Value::NIL)
}

fn insert_seq_every(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = size_arg(vm, call, 1)?;
    mutable_recv(vm, call)?;
    let v = arg(call, 0);
    gather(vm, call.target, &[v], OP_EVERY, Value::num(n as f64))
}

fn remove_slice(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let start = long_arg(vm, call, 0)?;
    let end = long_arg(vm, call, 1)?;
    let r = mutable_recv(vm, call)?;
    edit_data(vm, r, |d| {
        let len = count(d);
        let n = item_size(d.item_type);
        let s = wrap_pos(len, start);
        let e = wrap_pos(len, end);
        if e >= s && s < len {
            let stop = (e + 1).min(len);
            d.bytes.drain(s * n..stop * n);
        }
    });
    value(call.target)
}

fn remove_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = long_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    let removed = edit_data(vm, r, |d| {
        let len = count(d);
        let n = item_size(d.item_type);
        let p = wrap_pos(len, i);
        (p < len).then(|| {
            let x = vec_::read(&d.bytes, d.item_type, p);
            d.bytes.drain(p * n..(p + 1) * n);
            x
        })
    })
    .flatten();
    value(removed.map_or(Value::NIL, Value::num))
}

fn remove_last(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit_data(vm, r, |d| {
        let len = count(d);
        if len > 0 {
            d.bytes.truncate((len - 1) * item_size(d.item_type));
        }
    });
    value(call.target)
}

fn remove_prefix(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| {
        if b.starts_with(&p) {
            b.drain(..p.len());
        }
    });
    value(call.target)
}

fn remove_suffix(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| {
        if b.ends_with(&p) {
            b.truncate(b.len() - p.len());
        }
    });
    value(call.target)
}

fn remove_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let old = bytes_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    let b = bytes_of(vm, call.target);
    set_bytes(vm, r, replace_all(&b, &old, b""));
    value(call.target)
}

fn replace_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let old = bytes_arg(vm, call, 0)?;
    let new = bytes_arg(vm, call, 1)?;
    let r = mutable_recv(vm, call)?;
    let b = bytes_of(vm, call.target);
    check_len(vm, replaced_len(&b, &old, &new))?;
    set_bytes(vm, r, replace_all(&b, &old, &new));
    value(call.target)
}

fn replace_first_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let old = bytes_arg(vm, call, 0)?;
    let new = bytes_arg(vm, call, 1)?;
    let from = opt_long_arg(vm, call, 2)?.unwrap_or(0);
    let r = mutable_recv(vm, call)?;
    let b = bytes_of(vm, call.target);
    if from >= 0 {
        if let Some(i) = find_from(&b, &old, from as usize) {
            check_len(vm, b.len() - old.len() + new.len())?;
            edit(vm, r, |b| {
                b.splice(i..i + old.len(), new);
            });
        }
    }
    value(call.target)
}

fn replace_map(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let pairs = match vm.heap.obj(arg(call, 0)).map(|o| &o.payload) {
        Some(Payload::Map(m)) => m.entries.clone(),
        _ => return type_error(vm, call, 0, "Map"),
    };
    let r = mutable_recv(vm, call)?;
    let mut b = bytes_of(vm, call.target);
    for (k, v) in pairs {
        let key = bytes_of(vm, k);
        let Some(new) = vm.as_seq(v).map(|s| s.bytes.clone()) else {
            let name = method_name(vm, call);
            let t = vm.type_name(v);
            return vm.err(format!(
                "argument 0 to method '{name}' must be a Map with Sequence values, not '{t}'"
            ));
        };
        check_len(vm, replaced_len(&b, &key, &new))?;
        b = replace_all(&b, &key, &new);
    }
    set_bytes(vm, r, b);
    value(call.target)
}

fn copy(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    let Some(src) = vm.as_seq(arg(call, 0)).cloned() else {
        return type_error(vm, call, 0, "Sequence");
    };
    edit_data(vm, r, |d| {
        d.bytes = src.bytes;
        d.item_type = src.item_type;
        d.encoding = src.encoding;
    });
    value(call.target)
}

fn set_size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = size_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    let width = vm.as_seq(call.target).map_or(1, |s| item_size(s.item_type));
    check_len(vm, n.saturating_mul(width))?;
    edit_data(vm, r, |d| {
        let bytes = n.saturating_mul(item_size(d.item_type));
        d.bytes.resize(bytes, 0)
    });
    value(call.target)
}

fn preallocate_to_size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = size_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    let width = vm.as_seq(call.target).map_or(1, |s| item_size(s.item_type));
    check_len(vm, n.saturating_mul(width))?;
    edit_data(vm, r, |d| {
        let bytes = n.saturating_mul(item_size(d.item_type));
        d.bytes.reserve(bytes.saturating_sub(d.bytes.len()))
    });
    value(call.target)
}

fn empty(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| b.clear());
    value(call.target)
}

fn zero(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| b.fill(0));
    value(call.target)
}

fn leave_then_remove(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let keep = size_arg(vm, call, 0)?;
    let drop = size_arg(vm, call, 1)?;
    let r = mutable_recv(vm, call)?;
    if keep == 0 && drop == 0 {
        return vm.err("either aNumberToLeave or aNumberToRemove must be > 0");
    }
    edit(vm, r, |b| {
        let period = keep.saturating_add(drop);
        let mut i = 0;
        b.retain(|_| {
            let k = i % period < keep;
            i += 1;
            k
        });
    });
    value(call.target)
}

fn reverse_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit_data(vm, r, |d| {
        reverse_items(&mut d.bytes, item_size(d.item_type))
    });
    value(call.target)
}

fn sort(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit_data(vm, r, |d| {
        if is_byte_text(d) || d.item_type == ItemType::U8 {
            d.bytes.sort_unstable();
        } else {
            let mut xs = vec_::values(d);
            xs.sort_by(|a, b| a.total_cmp(b));
            d.bytes = vec_::encode_values(d.item_type, &xs);
        }
    });
    value(call.target)
}

fn lowercase(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| b.make_ascii_lowercase());
    value(call.target)
}

fn uppercase(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| b.make_ascii_uppercase());
    value(call.target)
}

fn capitalize(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| {
        if let Some(c) = b.first_mut() {
            c.make_ascii_uppercase();
        }
    });
    value(call.target)
}

fn make_first_lowercase(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| {
        if let Some(c) = b.first_mut() {
            c.make_ascii_lowercase();
        }
    });
    value(call.target)
}

/// The clip methods: cut the receiver around the first occurrence of the argument.
fn clip(vm: &mut Vm, call: &NativeCall, how: fn(&mut Vec<u8>, usize, usize)) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| {
        if let Some(i) = find_from(b, &p, 0) {
            how(b, i, p.len());
        }
    });
    value(call.target)
}

fn clip_before_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    clip(vm, call, |b, i, _| {
        b.drain(..i);
    })
}

fn clip_after_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    clip(vm, call, |b, i, n| b.truncate(i + n))
}

fn clip_before_end_of_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    clip(vm, call, |b, i, n| {
        if n > 0 {
            b.drain(..i + n);
        }
    })
}

fn clip_after_start_of_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    clip(vm, call, |b, i, _| b.truncate(i))
}

/// The characters to strip: the argument, or whitespace without one.
fn strip_set(vm: &mut Vm, call: &NativeCall) -> Result<Vec<u8>, Value> {
    if call.args.is_empty() {
        Ok(WHITESPACE.to_vec())
    } else {
        bytes_arg(vm, call, 0)
    }
}

fn strip_with(vm: &mut Vm, call: &NativeCall, left: bool, right: bool) -> NResult {
    let set = strip_set(vm, call)?;
    let r = mutable_recv(vm, call)?;
    edit(vm, r, |b| {
        if right {
            let keep = b
                .iter()
                .rposition(|c| !set.contains(c))
                .map_or(0, |i| i + 1);
            b.truncate(keep);
        }
        if left {
            let skip = b.iter().position(|c| !set.contains(c)).unwrap_or(b.len());
            b.drain(..skip);
        }
    });
    value(call.target)
}

fn strip(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    strip_with(vm, call, true, true)
}

fn lstrip(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    strip_with(vm, call, true, false)
}

fn rstrip(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    strip_with(vm, call, false, true)
}

fn escape(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    let b = bytes_of(vm, call.target);
    check_len(vm, b.len().saturating_mul(2))?;
    set_bytes(vm, r, escape_bytes(&b));
    value(call.target)
}

fn unescape(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let r = mutable_recv(vm, call)?;
    let b = bytes_of(vm, call.target);
    set_bytes(vm, r, unescape_bytes(&b));
    value(call.target)
}

/// `translate(from, to)`: each byte found in `from` becomes the byte at the
/// same position in `to`; other bytes are left alone.
fn translate(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let from = bytes_arg(vm, call, 0)?;
    let to = bytes_arg(vm, call, 1)?;
    let r = mutable_recv(vm, call)?;
    if from.len() != to.len() {
        return vm.err("translation strings must be of the same length");
    }
    let mut map: [u8; 256] = [0; 256];
    for (i, m) in map.iter_mut().enumerate() {
        *m = i as u8;
    }
    for (&f, &t) in from.iter().zip(to.iter()) {
        map[f as usize] = t;
    }
    edit(vm, r, |b| {
        for c in b.iter_mut() {
            *c = map[*c as usize];
        }
    });
    value(call.target)
}

/// `a` joined with `b` by exactly one `/`.
fn join_path(a: &[u8], b: &[u8]) -> Vec<u8> {
    let a_sep = a.last() == Some(&b'/');
    let b_sep = b.first() == Some(&b'/');
    let mut out = a.to_vec();
    match (a_sep, b_sep) {
        (false, false) => {
            if !a.is_empty() {
                out.push(b'/');
            }
            out.extend_from_slice(b);
        }
        (true, true) => out.extend_from_slice(&b[1..]),
        _ => out.extend_from_slice(b),
    }
    out
}

fn append_path_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let r = mutable_recv(vm, call)?;
    let b = bytes_of(vm, call.target);
    check_len(vm, b.len() + p.len() + 1)?;
    set_bytes(vm, r, join_path(&b, &p));
    value(call.target)
}

// ---- searching --------------------------------------------------------------------------------

fn find_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let from = opt_long_arg(vm, call, 1)?.unwrap_or(0);
    let found = with_recv(vm, call, |b, _| {
        if from < 0 {
            None
        } else {
            find_from(b, &p, from as usize)
        }
    })?;
    value(found.map_or(Value::NIL, |i| Value::num(i as f64)))
}

fn reverse_find_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let before = opt_long_arg(vm, call, 1)?;
    let found = with_recv(vm, call, |b, _| {
        let before = before.unwrap_or(b.len() as i64);
        if before < 0 {
            None
        } else {
            rfind_before(b, &p, before as usize)
        }
    })?;
    value(found.map_or(Value::NIL, |i| Value::num(i as f64)))
}

/// `findSeqs(list, [start])`: an object whose `index` and `match` slots tell
/// the earliest occurrence of any of the sequences, or nil.
fn find_seqs(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let Some(items) = vm.as_list(arg(call, 0)).cloned() else {
        return type_error(vm, call, 0, "List");
    };
    let from = opt_long_arg(vm, call, 1)?.unwrap_or(0).max(0) as usize;
    let b = recv(vm, call)?;
    let mut best: Option<(usize, Value)> = None;
    for item in items {
        let Some(p) = vm.as_seq(item).map(|s| s.bytes.clone()) else {
            let t = vm.type_name(item);
            return vm.err(format!("requires Sequences as arguments, not {t}s"));
        };
        if let Some(i) = find_from(&b, &p, from) {
            if best.is_none_or(|(j, _)| i < j) {
                best = Some((i, item));
            }
        }
    }
    match best {
        Some((i, item)) => {
            let proto = vm.p.object;
            let o = vm.new_object(proto);
            vm.set_slot_str(o, "index", Value::num(i as f64));
            vm.set_slot_str(o, "match", item);
            value(Value::obj(o))
        }
        None => value(Value::NIL),
    }
}

/// `findNthSeq(seq, n)`: index of the n-th (1-based) occurrence, counting
/// overlapping ones, or nil.
fn find_nth_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let mut n = num_arg(vm, call, 1)?;
    let found = with_recv(vm, call, |b, _| {
        let mut base = 0;
        while base <= b.len() {
            let i = find_from(&b[base..], &p, 0)?;
            if n == 1.0 {
                return Some(base + i);
            }
            n -= 1.0;
            base += i + 1;
        }
        None
    })?;
    value(found.map_or(Value::NIL, |i| Value::num(i as f64)))
}

fn contains_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let found = with_recv(vm, call, |b, _| find_from(b, &p, 0).is_some())?;
    value(Value::bool(found))
}

fn contains_any_case_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let found = with_recv(vm, call, |b, _| find_any_case(b, &p).is_some())?;
    value(Value::bool(found))
}

fn begins_with_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let yes = with_recv(vm, call, |b, _| b.starts_with(&p))?;
    value(Value::bool(yes))
}

fn ends_with_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    // As upstream, the empty sequence is not a suffix of anything.
    let yes = with_recv(vm, call, |b, _| !p.is_empty() && b.ends_with(&p))?;
    value(Value::bool(yes))
}

fn occurrences_of_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    if p.is_empty() {
        return vm.err("empty string argument");
    }
    let n = with_recv(vm, call, |b, _| count_occurrences(b, &p))?;
    value(Value::num(n as f64))
}

// ---- slicing and splitting ----------------------------------------------------------------------

fn after_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let found = with_recv(vm, call, |b, m| {
        find_from(b, &p, 0).map(|i| (b[i + p.len()..].to_vec(), m))
    })?;
    match found {
        Some((rest, m)) => value(like(vm, m, rest)),
        None => value(Value::NIL),
    }
}

fn before_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let (head, m) = with_recv(vm, call, |b, m| {
        (find_from(b, &p, 0).map(|i| b[..i].to_vec()), m)
    })?;
    match head {
        Some(h) => value(like(vm, m, h)),
        None if m => {
            let b = bytes_of(vm, call.target);
            value(vm.new_string(b, true))
        }
        None => value(call.target),
    }
}

/// `betweenSeq(start, end)`: the text after the first `start` up to the
/// following `end`; a nil start means from the beginning, a nil end to the end.
fn between_seq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let (s, e) = (arg(call, 0), arg(call, 1));
    let start = if s.is_nil() {
        0
    } else {
        let Some(p) = vm.as_seq(s).map(|x| x.bytes.clone()) else {
            let t = vm.type_name(s);
            return vm.err(format!(
                "Nil or Sequence argument required for arg 0, not a {t}"
            ));
        };
        if p.is_empty() {
            0
        } else {
            match find_from(&b, &p, 0) {
                Some(i) => i + p.len(),
                None => return value(Value::NIL),
            }
        }
    };
    let end = if e.is_nil() {
        b.len()
    } else {
        let Some(p) = vm.as_seq(e).map(|x| x.bytes.clone()) else {
            let t = vm.type_name(e);
            return vm.err(format!(
                "Nil or Sequence argument required for arg 1, not a {t}"
            ));
        };
        match find_from(&b, &p, start) {
            Some(i) => i,
            None => return value(Value::NIL),
        }
    };
    let out = b[start.min(end)..end].to_vec();
    value(vm.new_string(out, true))
}

/// Items from `start` up to (not including) `end` of `n` bytes each.
fn slice_items(b: &[u8], n: usize, start: i64, end: i64) -> Vec<u8> {
    let len = b.len() / n;
    let s = wrap_pos(len, start);
    let e = wrap_pos(len, end).max(s);
    b[s * n..e * n].to_vec()
}

/// The slice methods: `end_of(len)` gives the exclusive end index.
fn slice_with(vm: &mut Vm, call: &NativeCall, end_of: impl Fn(i64) -> i64) -> NResult {
    let start = long_arg(vm, call, 0)?;
    let d = vm
        .as_seq(call.target)
        .map(|s| (kind_of(s), s.mutable, count(s)));
    let Some((kind, m, len)) = d else {
        return not_a_sequence(vm, call);
    };
    let end = end_of(len as i64);
    let out = with_recv(vm, call, |b, _| {
        slice_items(b, item_size(kind.0), start, end)
    })?;
    value(like_kind(vm, kind, m, out))
}

fn exclusive_slice(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let end = match call.args.get(1) {
        Some(_) => Some(long_arg(vm, call, 1)?),
        None => None,
    };
    slice_with(vm, call, |len| end.unwrap_or(len))
}

fn inclusive_slice(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let end = match call.args.get(1) {
        Some(_) => Some(long_arg(vm, call, 1)?),
        None => None,
    };
    slice_with(vm, call, |len| match end {
        None | Some(-1) => len,
        Some(e) => e.saturating_add(1),
    })
}

fn split_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = long_arg(vm, call, 0)?;
    let (head, tail) = with_recv(vm, call, |b, _| {
        let p = wrap_pos(b.len(), i);
        (b[..p].to_vec(), b[p..].to_vec())
    })?;
    let head = immutable(vm, head);
    let tail = immutable(vm, tail);
    value(vm.new_list(vec![head, tail]))
}

/// The separators given to split: the arguments, or whitespace without any.
fn separators(vm: &mut Vm, call: &NativeCall) -> Result<Vec<Vec<u8>>, Value> {
    if call.args.is_empty() {
        return Ok([b" ", b"\t", b"\n", b"\r"]
            .iter()
            .map(|s| s.to_vec())
            .collect());
    }
    let mut seps = Vec::with_capacity(call.args.len());
    for &v in call.args.iter() {
        match vm.as_seq(v) {
            Some(s) => seps.push(s.bytes.clone()),
            None => {
                let t = vm.type_name(v);
                return vm.err(format!("requires Sequences as arguments, not {t}s"));
            }
        }
    }
    if seps.iter().any(|s| s.is_empty()) {
        return vm.err("empty string argument");
    }
    Ok(seps)
}

fn split_with(vm: &mut Vm, call: &NativeCall, keep_empty: bool) -> NResult {
    let seps = separators(vm, call)?;
    let b = recv(vm, call)?;
    let items = split_bytes(&b, &seps)
        .into_iter()
        .filter(|p| keep_empty || !p.is_empty())
        .map(|p| vm.new_string(p, true))
        .collect();
    value(vm.new_list(items))
}

fn split(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    split_with(vm, call, true)
}

fn split_no_empties(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    split_with(vm, call, false)
}

/// `orderedSplit(sep1, sep2, ...)`: splits at each separator in turn; a
/// separator that is not found contributes a nil piece.
fn ordered_split(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (b, m) = recv_kind(vm, call)?;
    if call.args.is_empty() {
        return value(vm.new_list(vec![call.target]));
    }
    let mut seps = Vec::with_capacity(call.args.len());
    for i in 0..call.args.len() {
        seps.push(bytes_arg(vm, call, i)?);
    }
    let mut out = Vec::new();
    let mut i = 0;
    let mut skipped = 0;
    for sep in &seps {
        let Some(j) = find_from(&b, sep, i) else {
            skipped += 1;
            continue;
        };
        let piece = like(vm, m, b[i..j].to_vec());
        out.push(piece);
        out.extend(std::iter::repeat_n(Value::NIL, skipped));
        skipped = 0;
        i = j + sep.len();
    }
    if b.is_empty() {
        out.push(Value::NIL);
    } else {
        let rest = like(vm, m, b[i.min(b.len())..].to_vec());
        out.push(rest);
    }
    out.extend(std::iter::repeat_n(Value::NIL, skipped));
    value(vm.new_list(out))
}

/// `slicesBetween(start, end)`: every piece enclosed by start ... end.
fn slices_between(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = bytes_arg(vm, call, 0)?;
    let e = bytes_arg(vm, call, 1)?;
    let (b, m) = recv_kind(vm, call)?;
    let mut out = Vec::new();
    let mut last = 0;
    while let Some(i) = find_from(&b, &s, last) {
        let Some(j) = find_from(&b, &e, i + s.len()) else {
            break;
        };
        let piece = like(vm, m, b[i + s.len()..j].to_vec());
        out.push(piece);
        last = j + e.len();
    }
    value(vm.new_list(out))
}

fn white_space_strings(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    let items = [" ", "\t", "\n", "\r"]
        .iter()
        .map(|s| vm.symbol_string(s.as_bytes()))
        .collect();
    value(vm.new_list(items))
}

// ---- case and comparison ------------------------------------------------------------------------

fn as_uppercase(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    value(immutable(vm, b.to_ascii_uppercase()))
}

fn as_lowercase(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    value(immutable(vm, b.to_ascii_lowercase()))
}

fn as_capitalized(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let (mut b, m) = recv_kind(vm, call)?;
    let changed = b.first().is_some_and(|c| c.is_ascii_lowercase());
    if !m && !changed {
        return value(call.target);
    }
    if let Some(c) = b.first_mut() {
        c.make_ascii_uppercase();
    }
    value(like(vm, m, b))
}

fn is_lowercase(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    value(Value::bool(!b.iter().any(|c| c.is_ascii_uppercase())))
}

fn is_uppercase(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    value(Value::bool(!b.iter().any(|c| c.is_ascii_lowercase())))
}

fn is_equal_any_case(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let yes = with_recv(vm, call, |b, _| eq_any_case(b, &p))?;
    value(Value::bool(yes))
}

/// Compare the receiver with the Sequence argument: text compares
/// lexicographically (answering `text(order)`), numbers item by item
/// (answering whether `items` holds for every pair).
fn compare_with(
    vm: &mut Vm,
    call: &NativeCall,
    text: fn(std::cmp::Ordering) -> bool,
    items: fn(f64, f64) -> bool,
) -> NResult {
    let p = match vm.as_seq(arg(call, 0)) {
        Some(s) => s.clone(),
        None => return type_error(vm, call, 0, "Sequence"),
    };
    let d = recv_data(vm, call)?;
    if is_numeric(&d) {
        return value(Value::bool(vec_::all_items(&d, &p, items)));
    }
    let yes = if is_byte_text(&d) && is_byte_text(&p) {
        text(d.bytes.cmp(&p.bytes))
    } else {
        text(
            vec_::values(&d)
                .partial_cmp(&vec_::values(&p))
                .unwrap_or(std::cmp::Ordering::Equal),
        )
    };
    value(Value::bool(yes))
}

fn lt(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    compare_with(vm, call, |o| o.is_lt(), |a, b| a < b)
}

fn le(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    compare_with(vm, call, |o| o.is_le(), |a, b| a <= b)
}

fn gt(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    compare_with(vm, call, |o| o.is_gt(), |a, b| a > b)
}

fn ge(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    compare_with(vm, call, |o| o.is_ge(), |a, b| a >= b)
}

// ---- paths ----------------------------------------------------------------------------------------

/// Where the last path component starts; trailing slashes belong to it.
fn last_component_start(b: &[u8]) -> usize {
    let mut end = b.len();
    while end > 0 && b[end - 1] == b'/' {
        end -= 1;
    }
    match b[..end].iter().rposition(|&c| c == b'/') {
        Some(i) => i + 1,
        None if end == 0 && !b.is_empty() => 1,
        None => 0,
    }
}

fn last_path_component(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let start = last_component_start(&b).min(b.len());
    value(vm.new_string(b[start..].to_vec(), true))
}

fn path_component(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let start = last_component_start(&b);
    let end = start.saturating_sub(1).min(b.len());
    value(immutable(vm, b[..end].to_vec()))
}

fn path_extension(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    let ext = match b.iter().rposition(|&c| c == b'.') {
        Some(i) if i + 1 < b.len() => b[i + 1..].to_vec(),
        _ => Vec::new(),
    };
    value(immutable(vm, ext))
}

/// The last `/`-separated piece without its final extension.
fn file_name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    if b.is_empty() {
        return value(call.target);
    }
    let pieces = split_bytes(&b, &[b"/".to_vec()]);
    let last = pieces.last().cloned().unwrap_or_default();
    let mut parts = split_bytes(&last, &[b".".to_vec()]);
    if parts.len() > 1 {
        parts.pop();
    }
    let name = parts.join(&b'.');
    value(immutable(vm, name))
}

fn clone_append_path(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = bytes_arg(vm, call, 0)?;
    let b = recv(vm, call)?;
    check_len(vm, b.len() + p.len() + 1)?;
    value(immutable(vm, join_path(&b, &p)))
}

fn as_path_copy(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    value(immutable(vm, b))
}

// ---- JSON -------------------------------------------------------------------------------------------

/// `parseJson`: objects become Maps, arrays Lists, null nil.
fn parse_json(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = recv(vm, call)?;
    if b.iter().all(|c| c.is_ascii_whitespace()) {
        return vm.err("Can't parse empty string.");
    }
    let mut p = JsonParser { b: &b, i: 0 };
    match p.value(vm, 0) {
        Some(v) => {
            p.skip_ws();
            if p.i == b.len() {
                value(v)
            } else {
                vm.err("Can't parse JSON.")
            }
        }
        None => vm.err("Can't parse JSON."),
    }
}

/// Deepest nesting `parseJson` accepts.
const JSON_MAX_DEPTH: usize = 512;

struct JsonParser<'a> {
    b: &'a [u8],
    i: usize,
}

impl JsonParser<'_> {
    fn skip_ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.skip_ws();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn word(&mut self, w: &[u8]) -> bool {
        if self.b[self.i..].starts_with(w) {
            self.i += w.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, vm: &mut Vm, depth: usize) -> Option<Value> {
        if depth > JSON_MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        match *self.b.get(self.i)? {
            b'{' => {
                self.i += 1;
                let map = super::map::new_map(vm);
                if self.eat(b'}') {
                    return Some(map);
                }
                loop {
                    self.skip_ws();
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    let v = self.value(vm, depth + 1)?;
                    super::map::map_put(vm, map, &key, v);
                    if self.eat(b',') {
                        continue;
                    }
                    return self.eat(b'}').then_some(map);
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(vm.new_list(items));
                }
                loop {
                    items.push(self.value(vm, depth + 1)?);
                    if self.eat(b',') {
                        continue;
                    }
                    return self.eat(b']').then(|| vm.new_list(items));
                }
            }
            b'"' => {
                let s = self.string()?;
                Some(vm.new_string(s, false))
            }
            b't' => self.word(b"true").then_some(Value::TRUE),
            b'f' => self.word(b"false").then_some(Value::FALSE),
            b'n' => self.word(b"null").then_some(Value::NIL),
            _ => self.number(),
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        while self.i < self.b.len()
            && matches!(
                self.b[self.i],
                b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'
            )
        {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        text.parse::<f64>().ok().map(Value::num)
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.b.get(self.i..self.i + 4)?;
        let s = std::str::from_utf8(h).ok()?;
        let n = u32::from_str_radix(s, 16).ok()?;
        self.i += 4;
        Some(n)
    }

    fn string(&mut self) -> Option<Vec<u8>> {
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let c = *self.b.get(self.i)?;
            self.i += 1;
            match c {
                b'"' => return Some(out),
                b'\\' => {
                    let e = *self.b.get(self.i)?;
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0c),
                        b'u' => {
                            let mut n = self.hex4()?;
                            if (0xd800..0xdc00).contains(&n) && self.word(b"\\u") {
                                let lo = self.hex4()?;
                                n = 0x10000
                                    + ((n - 0xd800) << 10)
                                    + (lo.wrapping_sub(0xdc00) & 0x3ff);
                            }
                            let ch = char::from_u32(n).unwrap_or('\u{fffd}');
                            let mut buf = [0; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }
}

//! Number: IEEE doubles, always unboxed. Arithmetic, comparison, math, bit
//! operations (on 64-bit integers), digits in other bases, C-locale character
//! classes, the limits of C's types as a 64-bit native build has them (C `long`
//! is 64 bits; upstream's wasm32 build answers 32-bit values for `longMax`,
//! `longMin` and `unsignedLongMax`), `repeat`, and the print formats upstream
//! uses. `combinations`, `permutations` and `isInASequenceSet` are in std/Number.io.

use super::*;
use crate::heap::OnNumbers;
use crate::vm::Stop;

pub const METHODS: MethodTable = &[
    ("+", add, false),
    ("-", sub, false),
    ("*", mul, false),
    ("/", div, false),
    ("%", modulo, false),
    ("mod", modulo, false),
    ("**", pow, false),
    ("pow", pow, false),
    ("==", num_eq, false),
    ("!=", num_ne, false),
    ("<", num_lt, false),
    ("<=", num_le, false),
    (">", num_gt, false),
    (">=", num_ge, false),
    ("compare", num_compare, false),
    ("asString", as_string, false),
    ("asSimpleString", as_string, false),
    ("asJson", as_string, false),
    ("asNumber", this_num, false),
    ("abs", abs, false),
    ("sqrt", sqrt, false),
    ("floor", floor, false),
    ("ceil", ceil, false),
    ("round", round, false),
    ("roundDown", round_down, false),
    ("sin", sin, false),
    ("cos", cos, false),
    ("tan", tan, false),
    ("asin", asin, false),
    ("acos", acos, false),
    ("atan", atan, false),
    ("atan2", atan2, false),
    ("exp", exp, false),
    ("log", log, false),
    ("log10", log10, false),
    ("log2", log2, false),
    ("squared", squared, false),
    ("cubed", cubed, false),
    ("negate", negate, false),
    ("min", min, false),
    ("max", max, false),
    ("clip", clip, false),
    ("between", between, false),
    ("isNan", is_nan, false),
    ("isEven", is_even, false),
    ("isOdd", is_odd, false),
    ("toggle", toggle, false),
    ("factorial", factorial, false),
    ("&", bit_and, false),
    ("bitwiseAnd", bit_and, false),
    ("|", bit_or, false),
    ("bitwiseOr", bit_or, false),
    ("^", bit_xor, false),
    ("bitwiseXor", bit_xor, false),
    ("<<", shl, false),
    ("shiftLeft", shl, false),
    (">>", shr, false),
    ("shiftRight", shr, false),
    ("bitwiseComplement", bit_not, false),
    ("asCharacter", as_character, false),
    ("repeat", repeat, true),
    ("minMax", min_max, false),
    ("at", bit_at, false),
    ("toBase", to_base, false),
    ("toBaseWholeBytes", to_base_whole_bytes, false),
    ("asHex", as_hex, false),
    ("asBinary", as_binary, false),
    ("asOctal", as_octal, false),
    ("asBuffer", as_buffer, false),
    ("asUint32Buffer", as_uint32_buffer, false),
    ("isLetter", is_letter, false),
    ("isDigit", is_digit, false),
    ("isSpace", is_space, false),
    ("isUppercase", is_uppercase, false),
    ("isLowercase", is_lowercase, false),
    ("isAlphaNumeric", is_alpha_numeric, false),
    ("isPunctuation", is_punctuation, false),
    ("isControlCharacter", is_control_character, false),
    ("isGraph", is_graph, false),
    ("isPrint", is_print, false),
    ("isHexDigit", is_hex_digit, false),
    ("asLowercase", as_lowercase, false),
    ("asUppercase", as_uppercase, false),
    ("floatMax", float_max, false),
    ("floatMin", float_min, false),
    ("integerMax", integer_max, false),
    ("integerMin", integer_min, false),
    ("longMax", long_max, false),
    ("longMin", long_min, false),
    ("shortMax", short_max, false),
    ("shortMin", short_min, false),
    ("unsignedIntMax", unsigned_int_max, false),
    ("unsignedLongMax", unsigned_long_max, false),
];

pub fn install_all(vm: &mut Vm) {
    let n = vm.p.number;
    install_direct(vm, n, "Number", METHODS);
    for &(name, fast) in ON_NUMBERS {
        let name = vm.sym(name);
        let native = vm.heap.get(n).get_local(name).and_then(|v| v.as_obj());
        if let Some(Payload::Native(nat)) = native.map(|r| &mut vm.heap.get_mut(r).payload) {
            nat.on_numbers = fast;
        }
    }
    let constants = vm.new_object(vm.p.object);
    vm.set_slot_str(constants, "pi", Value::num(std::f64::consts::PI));
    vm.set_slot_str(constants, "e", Value::num(std::f64::consts::E));
    vm.set_slot_str(constants, "inf", Value::num(f64::INFINITY));
    vm.set_slot_str(constants, "nan", Value::num(f64::NAN));
    vm.set_slot_str(n, "constants", Value::obj(constants));
}

/// The canonical print form of a number, as upstream prints it.
pub fn format_number(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if x == x.trunc() && x.abs() <= LIMIT {
        if x == 0.0 {
            return "0".into();
        }
        return format!("{x:.0}");
    }
    if x.abs() > LIMIT {
        let s = format!("{x:.6e}");
        return match s.split_once('e') {
            Some((m, e)) => {
                let (sign, digits) = match e.strip_prefix('-') {
                    Some(d) => ('-', d),
                    None => ('+', e),
                };
                format!("{m}e{sign}{digits:0>2}")
            }
            None => s,
        };
    }
    let s = format!("{x:.16}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        return "0".into();
    }
    s.to_string()
}

#[inline]
fn recv(vm: &Vm, call: &NativeCall) -> f64 {
    vm.as_number(call.target).unwrap_or(0.0)
}

// Each arithmetic native `f` comes with `f::on_numbers`, its formula on
// plain doubles, which the interpreter applies directly when the receiver
// and the arguments are Numbers (see ON_NUMBERS).
macro_rules! binary {
    ($name:ident, |$a:ident, $b:ident| $e:expr) => {
        fn $name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
            let a = recv(vm, call);
            let b = num_arg(vm, call, 0)?;
            value(Value::num($name::on_numbers(a, b)))
        }
        mod $name {
            pub fn on_numbers($a: f64, $b: f64) -> f64 {
                $e
            }
        }
    };
}

macro_rules! unary {
    ($name:ident, |$a:ident| $e:expr) => {
        fn $name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
            let a = recv(vm, call);
            value(Value::num($name::on_numbers(a)))
        }
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            pub fn on_numbers($a: f64) -> f64 {
                $e
            }
        }
    };
}

/// Number's natives that the interpreter computes itself when the receiver
/// and the argument are Numbers (the same formulas as the natives).
const ON_NUMBERS: &[(&str, OnNumbers)] = &[
    ("+", OnNumbers::Arith(add::on_numbers)),
    ("-", OnNumbers::Arith(sub::on_numbers)),
    ("*", OnNumbers::Arith(mul::on_numbers)),
    ("/", OnNumbers::Arith(div::on_numbers)),
    ("%", OnNumbers::Arith(modulo::on_numbers)),
    ("mod", OnNumbers::Arith(modulo::on_numbers)),
    ("**", OnNumbers::Arith(pow::on_numbers)),
    ("pow", OnNumbers::Arith(pow::on_numbers)),
    ("min", OnNumbers::Arith(min::on_numbers)),
    ("max", OnNumbers::Arith(max::on_numbers)),
    ("==", OnNumbers::Compare(|a, b| a == b)),
    ("!=", OnNumbers::Compare(|a, b| a != b)),
    ("<", OnNumbers::Compare(|a, b| a < b)),
    ("<=", OnNumbers::Compare(|a, b| a <= b)),
    (">", OnNumbers::Compare(|a, b| a > b)),
    (">=", OnNumbers::Compare(|a, b| a >= b)),
    ("abs", OnNumbers::Unary(abs::on_numbers)),
    ("sqrt", OnNumbers::Unary(sqrt::on_numbers)),
    ("floor", OnNumbers::Unary(floor::on_numbers)),
    ("ceil", OnNumbers::Unary(ceil::on_numbers)),
    ("sin", OnNumbers::Unary(sin::on_numbers)),
    ("cos", OnNumbers::Unary(cos::on_numbers)),
    ("squared", OnNumbers::Unary(squared::on_numbers)),
    ("negate", OnNumbers::Unary(negate::on_numbers)),
];

macro_rules! predicate {
    ($name:ident, |$a:ident| $e:expr) => {
        fn $name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
            let $a = recv(vm, call);
            value(Value::bool($e))
        }
    };
}

binary!(add, |a, b| a + b);
binary!(sub, |a, b| a - b);
binary!(mul, |a, b| a * b);
binary!(div, |a, b| a / b);
binary!(modulo, |a, b| a % b);
binary!(pow, |a, b| a.powf(b));
binary!(atan2, |a, b| a.atan2(b));
binary!(min, |a, b| a.min(b));
binary!(max, |a, b| a.max(b));
binary!(bit_and, |a, b| ((a as i64) & (b as i64)) as f64);
binary!(bit_or, |a, b| ((a as i64) | (b as i64)) as f64);
binary!(bit_xor, |a, b| ((a as i64) ^ (b as i64)) as f64);
binary!(shl, |a, b| (a as i64).wrapping_shl(b as u32) as f64);
binary!(shr, |a, b| (a as i64).wrapping_shr(b as u32) as f64);

unary!(this_num, |a| a);
unary!(abs, |a| a.abs());
unary!(sqrt, |a| a.sqrt());
unary!(floor, |a| a.floor());
unary!(ceil, |a| a.ceil());
unary!(round, |a| a.round());
unary!(round_down, |a| (a + 0.5).floor());
unary!(sin, |a| a.sin());
unary!(cos, |a| a.cos());
unary!(tan, |a| a.tan());
unary!(asin, |a| a.asin());
unary!(acos, |a| a.acos());
unary!(atan, |a| a.atan());
unary!(exp, |a| a.exp());
unary!(log10, |a| a.log10());
unary!(log2, |a| a.log2());
unary!(squared, |a| a * a);
unary!(cubed, |a| a * a * a);
unary!(negate, |a| -a);
unary!(toggle, |a| if a == 0.0 { 1.0 } else { 0.0 });
unary!(bit_not, |a| !(a as i64) as f64);
unary!(factorial, |a| {
    let mut r: f64 = 1.0;
    let mut i = 2.0;
    // Past 170! the product is infinite: stop there rather than count on.
    while i <= a.trunc() && r.is_finite() {
        r *= i;
        i += 1.0;
    }
    r
});

// Limits of the C types of a 64-bit native build (C `long` is 64 bits wide).
unary!(float_max, |_a| f32::MAX as f64);
unary!(float_min, |_a| f32::MIN_POSITIVE as f64);
unary!(integer_max, |_a| i32::MAX as f64);
unary!(integer_min, |_a| i32::MIN as f64);
unary!(long_max, |_a| i64::MAX as f64);
unary!(long_min, |_a| i64::MIN as f64);
unary!(short_max, |_a| i16::MAX as f64);
unary!(short_min, |_a| i16::MIN as f64);
unary!(unsigned_int_max, |_a| u32::MAX as f64);
unary!(unsigned_long_max, |_a| u64::MAX as f64);

/// The receiver as a character code for the C-locale classification
/// functions: its integer part when that is an ASCII code, else None.
fn ascii_code(a: f64) -> Option<u8> {
    let t = a.trunc();
    if (0.0..=127.0).contains(&t) {
        Some(t as u8)
    } else {
        None
    }
}

macro_rules! char_class {
    ($name:ident, |$c:ident| $e:expr) => {
        predicate!($name, |a| ascii_code(a).is_some_and(|$c| $e));
    };
}

char_class!(is_letter, |c| c.is_ascii_alphabetic());
char_class!(is_digit, |c| c.is_ascii_digit());
char_class!(is_space, |c| matches!(c, b' ' | b'\t'..=b'\r'));
char_class!(is_uppercase, |c| c.is_ascii_uppercase());
char_class!(is_lowercase, |c| c.is_ascii_lowercase());
char_class!(is_alpha_numeric, |c| c.is_ascii_alphanumeric());
char_class!(is_punctuation, |c| c.is_ascii_punctuation());
char_class!(is_control_character, |c| c.is_ascii_control());
char_class!(is_graph, |c| c.is_ascii_graphic());
char_class!(is_print, |c| c == b' ' || c.is_ascii_graphic());
char_class!(is_hex_digit, |c| c.is_ascii_hexdigit());

unary!(as_lowercase, |a| match ascii_code(a) {
    Some(c) => c.to_ascii_lowercase() as f64,
    None => a.trunc(),
});
unary!(as_uppercase, |a| match ascii_code(a) {
    Some(c) => c.to_ascii_uppercase() as f64,
    None => a.trunc(),
});

predicate!(is_nan, |a| a.is_nan());
predicate!(is_even, |a| (a.trunc() as i64) % 2 == 0);
predicate!(is_odd, |a| (a.trunc() as i64) % 2 != 0);

fn log(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    if call.args.is_empty() {
        return value(Value::num(a.ln()));
    }
    let b = num_arg(vm, call, 0)?;
    value(Value::num(a.ln() / b.ln()))
}

fn clip(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let lo = num_arg(vm, call, 0)?;
    let hi = num_arg(vm, call, 1)?;
    value(Value::num(a.max(lo).min(hi)))
}

fn min_max(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let lo = num_arg(vm, call, 0)?;
    let hi = num_arg(vm, call, 1)?;
    value(Value::num(a.min(hi).max(lo)))
}

/// The integer part as 64 bits; negative values in two's complement.
fn as_bits(a: f64) -> u64 {
    if a < 0.0 {
        a as i64 as u64
    } else {
        a as u64
    }
}

fn bit_at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let i = num_arg(vm, call, 0)?;
    if !(0.0..64.0).contains(&i) {
        return vm.err(format!(
            "Number at: bit index {} is not within 0-63",
            format_number(i)
        ));
    }
    value(Value::num(((as_bits(a) >> (i as u32)) & 1) as f64))
}

fn base_arg(vm: &mut Vm, call: &NativeCall) -> Result<u32, Value> {
    let b = num_arg(vm, call, 0)?;
    if !(2.0..37.0).contains(&b) {
        let text = format_number(b.trunc());
        return vm.err(format!("conversion to base {text} not supported"));
    }
    Ok(b as u32)
}

/// Digits of the integer part in `base` (2..=36), lowercase.
fn digits_in_base(a: f64, base: u32) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = as_bits(a);
    let b = u64::from(base);
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % b) as usize]);
        n /= b;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `digits_in_base`, left-padded with zeros to whole bytes: to a multiple of
/// the number of digits one byte needs in that base.
fn whole_bytes_in_base(a: f64, base: u32) -> String {
    let digits = digits_in_base(a, base);
    let mut per_byte = 1;
    let mut reach = u64::from(base);
    while reach < 256 {
        reach *= u64::from(base);
        per_byte += 1;
    }
    let width = digits.len().div_ceil(per_byte) * per_byte;
    format!("{digits:0>width$}")
}

fn to_base(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let base = base_arg(vm, call)?;
    let s = digits_in_base(a, base);
    value(vm.str_value(&s))
}

fn to_base_whole_bytes(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let base = base_arg(vm, call)?;
    let s = whole_bytes_in_base(a, base);
    value(vm.str_value(&s))
}

fn in_base(vm: &mut Vm, call: &NativeCall, base: u32) -> NResult {
    let s = whole_bytes_in_base(recv(vm, call), base);
    value(vm.str_value(&s))
}

fn as_hex(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_base(vm, call, 16)
}

fn as_binary(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_base(vm, call, 2)
}

fn as_octal(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    in_base(vm, call, 8)
}

/// The 8 bytes of the double (little-endian), or the first `n` of them.
fn as_buffer(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let bytes = a.to_le_bytes();
    let n = if call.args.is_empty() {
        8.0
    } else {
        num_arg(vm, call, 0)?.trunc()
    };
    if !(0.0..=8.0).contains(&n) {
        return vm.err(format!(
            "Number asBuffer: byte count {} is not within 0-8",
            format_number(n)
        ));
    }
    value(vm.new_string(bytes[..n as usize].to_vec(), true))
}

/// The integer part as a 4-byte little-endian unsigned integer (wrapping).
fn as_uint32_buffer(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let bytes = (as_bits(a) as u32).to_le_bytes();
    value(vm.new_string(bytes.to_vec(), true))
}

fn between(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let lo = num_arg(vm, call, 0)?;
    let hi = num_arg(vm, call, 1)?;
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    value(Value::bool(a >= lo && a <= hi))
}

/// Comparisons against a non-Number fall back to Object's ordering.
fn cmp(vm: &Vm, call: &NativeCall) -> std::cmp::Ordering {
    super::object::compare_values(vm, call.target, arg(call, 0))
}

fn num_eq(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if let (Some(a), Some(b)) = (call.target.as_num(), arg(call, 0).as_num()) {
        return value(Value::bool(a == b));
    }
    value(Value::bool(cmp(vm, call).is_eq()))
}
fn num_ne(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if let (Some(a), Some(b)) = (call.target.as_num(), arg(call, 0).as_num()) {
        return value(Value::bool(a != b));
    }
    value(Value::bool(!cmp(vm, call).is_eq()))
}
fn num_lt(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if let (Some(a), Some(b)) = (call.target.as_num(), arg(call, 0).as_num()) {
        return value(Value::bool(a < b));
    }
    value(Value::bool(cmp(vm, call).is_lt()))
}
fn num_le(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if let (Some(a), Some(b)) = (call.target.as_num(), arg(call, 0).as_num()) {
        return value(Value::bool(a <= b));
    }
    value(Value::bool(cmp(vm, call).is_le()))
}
fn num_gt(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if let (Some(a), Some(b)) = (call.target.as_num(), arg(call, 0).as_num()) {
        return value(Value::bool(a > b));
    }
    value(Value::bool(cmp(vm, call).is_gt()))
}
fn num_ge(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if let (Some(a), Some(b)) = (call.target.as_num(), arg(call, 0).as_num()) {
        return value(Value::bool(a >= b));
    }
    value(Value::bool(cmp(vm, call).is_ge()))
}
fn num_compare(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(Value::num(cmp(vm, call) as i32 as f64))
}

fn as_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    let s = if call.args.is_empty() {
        format_number(a)
    } else {
        let w = num_arg(vm, call, 0)?.trunc().abs();
        let p = if call.args.len() > 1 {
            num_arg(vm, call, 1)?.trunc().abs()
        } else {
            6.0
        };
        let limit = vm.max_alloc as f64;
        if w.is_nan() || p.is_nan() || w > limit || p > limit {
            return vm.err("Number asString: field width or precision too large");
        }
        format_fixed(a, w as usize, p as usize)
    };
    value(vm.str_value(&s))
}

/// C's `%*.*f`: `x` with `prec` fraction digits, right-aligned in `width` columns.
pub fn format_fixed(x: f64, width: usize, prec: usize) -> String {
    let mut s = if x.is_nan() {
        "nan".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        // A double's exact decimal expansion has fewer than 1100 fraction
        // digits; any further ones are zeros.
        let shown = prec.min(1100);
        let mut s = format!("{x:.shown$}");
        s.extend(std::iter::repeat_n('0', prec - shown));
        s
    };
    if s.len() < width {
        let pad = " ".repeat(width - s.len());
        s.insert_str(0, &pad);
    }
    s
}

/// The character with this code. Sequences hold bytes, so codes up to 255 give
/// that single byte (as upstream's 8-bit strings do, and as `at`/`foreach`
/// read bytes back); larger code points are encoded as UTF-8. nil for
/// negative, fractional or non-character values.
fn as_character(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    if !(0.0..=f64::from(u32::MAX)).contains(&a) || a.fract() != 0.0 {
        return value(Value::NIL);
    }
    if a <= 255.0 {
        return value(vm.symbol_string(&[a as u8]));
    }
    match char::from_u32(a as u32) {
        Some(c) => {
            let s = c.to_string();
            value(vm.str_value(&s))
        }
        None => value(Value::NIL),
    }
}

// repeat: state = [count, i, body, locals, counter name, last]
fn repeat(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let count = recv(vm, call).floor();
    let n = msg_argc(vm, call);
    let (name, body) = if n >= 2 {
        let nm = vm
            .as_message(msg_arg(vm, call, 0))
            .map(|m| vm.syms.name(m.name).to_string())
            .unwrap_or_default();
        (vm.symbol_string(nm.as_bytes()), msg_arg(vm, call, 1))
    } else {
        (Value::NIL, msg_arg(vm, call, 0))
    };
    let mut st = state(&[
        Value::num(count),
        Value::num(0.0),
        body,
        call.locals,
        name,
        Value::NIL,
    ]);
    repeat_step(vm, &mut st)
}

fn repeat_step(vm: &mut Vm, st: &mut ContState) -> NResult {
    let count = st[0].as_num().unwrap_or(0.0);
    let i = st[1].as_num().unwrap_or(0.0);
    if i >= count {
        return value(st[5]);
    }
    st[1] = Value::num(i + 1.0);
    if !st[4].is_nil() {
        let name = vm.string_of(st[4]).unwrap_or_default();
        let s = vm.sym(&name);
        if let Some(l) = st[3].as_obj() {
            vm.heap.set_slot(l, s, Value::num(i));
        }
    }
    Ok(Flow::Eval {
        msg: st[2],
        target: st[3],
        locals: st[3],
        cont: cont(repeat_cont, *st),
    })
}

fn repeat_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            st[5] = v;
            repeat_step(vm, st)
        }
        Resume::Stop(Stop::Continue, _) => repeat_step(vm, st),
        Resume::Stop(Stop::Break, v) => value(v),
        other => pass_on(other),
    }
}

#[cfg(test)]
mod tests {
    use super::format_fixed;
    use super::format_number as f;

    #[test]
    fn fixed_like_printf() {
        assert_eq!(format_fixed(1.0, 0, 6), "1.000000");
        assert_eq!(format_fixed(1.0, 10, 6), "  1.000000");
        assert_eq!(format_fixed(1234.5678, 0, 2), "1234.57");
        assert_eq!(format_fixed(137846528820.0, 20, 1), "      137846528820.0");
        assert_eq!(format_fixed(-137846528820.0, 20, 0), "       -137846528820");
        assert_eq!(format_fixed(2.5, 0, 0), "2");
        assert_eq!(format_fixed(f64::NEG_INFINITY, 6, 2), "  -inf");
        assert_eq!(format_fixed(0.5, 0, 1200).len(), 1202);
    }

    #[test]
    fn formats_like_upstream() {
        assert_eq!(f(3.0), "3");
        assert_eq!(f(-7.0), "-7");
        assert_eq!(f(0.1), "0.1");
        assert_eq!(f(1.1), "1.1000000000000001");
        assert_eq!(f(2.25 + 0.89), "3.1400000000000001");
        assert_eq!(f(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(f(0.1 + 0.2), "0.3");
        assert_eq!(f(1e-7), "0.0000001");
        assert_eq!(f(1e-20), "0");
        assert_eq!(f(-0.0), "0");
        assert_eq!(f(2f64.powi(63)), "9223372036854775808");
        assert_eq!(f(2f64.powi(64)), "1.844674e+19");
        assert_eq!(f(1e19), "1.000000e+19");
        assert_eq!(f(2f64.powi(100)), "1.267651e+30");
        assert_eq!(f(f64::INFINITY), "inf");
        assert_eq!(f(123456789.123), "123456789.1229999959468842");
    }
}

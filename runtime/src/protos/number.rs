//! Number: IEEE doubles, always unboxed. Arithmetic, comparison, math, bit
//! operations (on 64-bit integers), `repeat`, and the print format upstream uses.

use super::*;
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
];

pub fn install_all(vm: &mut Vm) {
    let n = vm.p.number;
    install(vm, n, "Number", METHODS);
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

macro_rules! binary {
    ($name:ident, |$a:ident, $b:ident| $e:expr) => {
        fn $name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
            let $a = recv(vm, call);
            let $b = num_arg(vm, call, 0)?;
            value(Value::num($e))
        }
    };
}

macro_rules! unary {
    ($name:ident, |$a:ident| $e:expr) => {
        fn $name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
            let $a = recv(vm, call);
            value(Value::num($e))
        }
    };
}

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
    let mut r = 1.0;
    let mut i = 2.0;
    while i <= a.trunc() {
        r *= i;
        i += 1.0;
    }
    r
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
        let w = num_arg(vm, call, 0)?.abs() as usize;
        let p = if call.args.len() > 1 {
            num_arg(vm, call, 1)?.abs() as usize
        } else {
            6
        };
        format!("{a:>w$.p$}")
    };
    value(vm.str_value(&s))
}

fn as_character(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let a = recv(vm, call);
    if a < 0.0 || a.fract() != 0.0 {
        return value(Value::NIL);
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
    use super::format_number as f;

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

//! Duration: a length of time in seconds (a Number payload), seen as years of
//! 365 days, days, hours, minutes and seconds. `+` and `-` are in std/Date.io.

use super::date::{set_time, time_value};
use super::*;

pub const METHODS: MethodTable = &[
    ("years", years, false),
    ("setYears", set_years, false),
    ("days", days, false),
    ("setDays", set_days, false),
    ("hours", hours, false),
    ("setHours", set_hours, false),
    ("minutes", minutes, false),
    ("setMinutes", set_minutes, false),
    ("seconds", seconds, false),
    ("setSeconds", set_seconds, false),
    ("asNumber", as_number, false),
    ("totalSeconds", as_number, false),
    ("fromNumber", from_number, false),
    ("asString", as_string, false),
    ("+=", add_in_place, false),
    ("-=", sub_in_place, false),
];

/// The default format of `asString`.
pub const DEFAULT_FORMAT: &str = "%Y years %d days %H:%M:%S";

pub fn install_all(vm: &mut Vm) {
    let object = Value::obj(vm.p.object);
    let d = vm.heap.alloc(&[object], Payload::Time(0.0));
    let ty = vm.symbol_string(b"Duration");
    vm.set_slot(d, sym::type_, ty);
    let core = vm.p.core;
    vm.set_slot_str(core, "Duration", Value::obj(d));
    install_direct(vm, d, "Duration", METHODS);
}

/// A new Duration (a clone of Core's Duration) of `seconds`.
pub fn new_duration(vm: &mut Vm, seconds: f64) -> Option<Value> {
    let proto = super::date::core_proto(vm, "Duration")?;
    let r = vm.heap.alloc(&[proto], Payload::Time(seconds));
    Some(Value::obj(r))
}

const YEAR: f64 = 365.0 * 86_400.0;
const DAY: f64 = 86_400.0;
const HOUR: f64 = 3_600.0;
const MINUTE: f64 = 60.0;

/// [years, days, hours, minutes, seconds]: each whole unit taken off in turn
/// (truncating toward zero, so a negative duration has negative parts); the
/// seconds keep the fraction.
pub fn components(t: f64) -> [f64; 5] {
    let mut rest = t;
    let mut parts = [0.0; 5];
    for (i, unit) in [YEAR, DAY, HOUR, MINUTE].into_iter().enumerate() {
        let n = (rest / unit).trunc();
        parts[i] = n;
        rest -= n * unit;
    }
    parts[4] = rest;
    parts
}

fn from_components(p: &[f64; 5]) -> f64 {
    p[0] * YEAR + p[1] * DAY + p[2] * HOUR + p[3] * MINUTE + p[4]
}

/// Replace the %Y (years), %y (years, 4 digits), %d (days), %H, %M (2 digits)
/// and %S (seconds with 6 decimals) in `format`. Seconds are C's `%02f`: the
/// width 2 never pads, so 6.25 seconds read `6.250000`, as upstream prints them.
pub fn format_duration(t: f64, format: &str) -> String {
    let [y, d, h, m, s] = components(t);
    let int = |x: f64, width: usize| format!("{:0width$}", x as i64);
    let secs = if s.is_finite() {
        format!("{s:02.6}")
    } else if s.is_nan() {
        "nan".to_string()
    } else if s > 0.0 {
        "inf".to_string()
    } else {
        "-inf".to_string()
    };
    format
        .replace("%Y", &int(y, 1))
        .replace("%y", &int(y, 4))
        .replace("%d", &int(d, 2))
        .replace("%H", &int(h, 2))
        .replace("%M", &int(m, 2))
        .replace("%S", &secs)
}

fn this_seconds(vm: &mut Vm, call: &NativeCall) -> Result<f64, Value> {
    match vm.heap.obj(call.target).map(|o| &o.payload) {
        Some(Payload::Time(t)) if !call.target.is_num() => Ok(*t),
        _ => {
            let name = method_name(vm, call);
            let ty = vm.type_name(call.target);
            vm.err(format!("Duration {name}: a '{ty}' is not a Duration"))
        }
    }
}

fn duration_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<f64, Value> {
    match time_value(vm, arg(call, i), "Duration") {
        Some(t) => Ok(t),
        None => type_error(vm, call, i, "Duration"),
    }
}

fn part(vm: &mut Vm, call: &NativeCall, i: usize) -> NResult {
    let t = this_seconds(vm, call)?;
    value(Value::num(components(t)[i]))
}

fn set_part(vm: &mut Vm, call: &NativeCall, i: usize) -> NResult {
    let t = this_seconds(vm, call)?;
    let v = num_arg(vm, call, 0)?;
    let mut p = components(t);
    p[i] = v;
    set_time(vm, call, from_components(&p))
}

fn years(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    part(vm, call, 0)
}
fn days(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    part(vm, call, 1)
}
fn hours(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    part(vm, call, 2)
}
fn minutes(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    part(vm, call, 3)
}
fn seconds(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    part(vm, call, 4)
}
fn set_years(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_part(vm, call, 0)
}
fn set_days(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_part(vm, call, 1)
}
fn set_hours(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_part(vm, call, 2)
}
fn set_minutes(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_part(vm, call, 3)
}
fn set_seconds(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_part(vm, call, 4)
}

fn as_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_seconds(vm, call)?;
    value(Value::num(t))
}

fn from_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this_seconds(vm, call)?;
    let t = num_arg(vm, call, 0)?;
    set_time(vm, call, t)
}

fn as_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_seconds(vm, call)?;
    let format = if call.args.is_empty() {
        DEFAULT_FORMAT.to_string()
    } else {
        str_arg(vm, call, 0)?
    };
    let text = format_duration(t, &format);
    value(vm.symbol_string(text.as_bytes()))
}

fn add_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_seconds(vm, call)?;
    let d = duration_arg(vm, call, 0)?;
    set_time(vm, call, t + d)
}

fn sub_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_seconds(vm, call)?;
    let d = duration_arg(vm, call, 0)?;
    set_time(vm, call, t - d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_components() {
        assert_eq!(
            format_duration(90.0, DEFAULT_FORMAT),
            "0 years 00 days 00:01:30.000000"
        );
        let t = 2.0 * YEAR + 3.0 * DAY + 4.0 * HOUR + 5.0 * MINUTE + 6.25;
        assert_eq!(
            format_duration(t, DEFAULT_FORMAT),
            "2 years 03 days 04:05:6.250000"
        );
        assert_eq!(format_duration(t, "%y|%d"), "0002|03");
        assert_eq!(components(-90.0), [0.0, 0.0, 0.0, -1.0, -30.0]);
    }
}

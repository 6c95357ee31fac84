//! Date: a point in time, held as seconds since 1970-01-01 00:00:00 UTC in a
//! Number payload. The calendar is proleptic Gregorian and local time is UTC:
//! the runtime has no portable way to learn the host's time zone (it also
//! runs on wasm32-unknown-unknown), so `zone` is "UTC" and the offset is 0.
//! Formatting (`asString`) and parsing (`fromString`) follow C's strftime and
//! strptime in the C locale.

use super::*;

pub const METHODS: MethodTable = &[
    ("clock", clock, false),
    ("now", now, false),
    ("copy", copy, false),
    ("cpuSecondsToRun", cpu_seconds_to_run, true),
    ("asNumber", as_number, false),
    ("fromNumber", from_number, false),
    ("year", year, false),
    ("setYear", set_year, false),
    ("month", month, false),
    ("setMonth", set_month, false),
    ("day", day, false),
    ("setDay", set_day, false),
    ("hour", hour, false),
    ("setHour", set_hour, false),
    ("minute", minute, false),
    ("setMinute", set_minute, false),
    ("second", second, false),
    ("setSecond", set_second, false),
    ("zone", zone, false),
    ("gmtOffset", gmt_offset, false),
    ("gmtOffsetSeconds", gmt_offset_seconds, false),
    ("isDST", is_dst, false),
    ("isDaylightSavingsTime", is_dst, false),
    ("convertToUTC", this_date, false),
    ("convertToLocal", this_date, false),
    ("setToUTC", this_date, false),
    ("isValidTime", is_valid_time, false),
    ("secondsSince", seconds_since, false),
    ("secondsSinceNow", seconds_since_now, false),
    ("isPast", is_past, false),
    ("asString", as_string, false),
    ("fromString", from_string, false),
    ("asSerialization", as_serialization, false),
    ("fromSerialization", from_serialization, false),
    ("+", add, false),
    ("-", sub, false),
    ("+=", add_in_place, false),
    ("-=", sub_in_place, false),
];

/// The default `format` slot of Date.
pub const DEFAULT_FORMAT: &str = "%Y-%m-%d %H:%M:%S %Z";

pub fn install_all(vm: &mut Vm) {
    let object = Value::obj(vm.p.object);
    let t = micro_now(vm);
    let d = vm.heap.alloc(&[object], Payload::Time(t));
    let ty = vm.symbol_string(b"Date");
    vm.set_slot(d, sym::type_, ty);
    let f = vm.symbol_string(DEFAULT_FORMAT.as_bytes());
    vm.set_slot_str(d, "format", f);
    let core = vm.p.core;
    vm.set_slot_str(core, "Date", Value::obj(d));
    install_direct(vm, d, "Date", METHODS);
}

// ---- the calendar ------------------------------------------------------------

const SECONDS_PER_DAY: i64 = 86_400;
/// Times are clamped to this many seconds either side of 1970 when broken
/// into calendar fields (about 285 million years; all integers up to here are
/// exact doubles).
const TIME_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
/// Years a setter accepts.
const YEAR_LIMIT: f64 = 100_000_000.0;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Days from 1970-01-01 to the given date. Days past the end of the month
/// simply carry on into the next ones (as C's mktime normalizes them).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // 0..=399
    let mp = (month + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month 1-12, day 1-31) of a day number counted from 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub fn is_leap_year(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A time broken into calendar fields (UTC).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fields {
    pub year: i64,
    /// 1-12
    pub month: i64,
    /// 1-31
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
    /// Whole seconds, 0-59.
    pub second: i64,
    /// Fraction of the second, in [0, 1).
    pub frac: f64,
    /// 0 = Sunday.
    pub weekday: i64,
    /// 0-365
    pub yday: i64,
    /// Days since 1970-01-01.
    pub days: i64,
}

pub fn fields(t: f64) -> Fields {
    let t = if t.is_nan() {
        0.0
    } else {
        t.clamp(-TIME_LIMIT, TIME_LIMIT)
    };
    let whole = t.floor();
    let frac = t - whole;
    let secs = whole as i64;
    let days = secs.div_euclid(SECONDS_PER_DAY);
    let sod = secs.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    Fields {
        year,
        month,
        day,
        hour: sod / 3600,
        minute: sod / 60 % 60,
        second: sod % 60,
        frac,
        weekday: (days + 4).rem_euclid(7),
        yday: days - days_from_civil(year, 1, 1),
        days,
    }
}

/// Seconds since 1970 of the given fields (weekday, yday and days are ignored).
pub fn time_of(f: &Fields) -> f64 {
    let days = days_from_civil(f.year, f.month, f.day);
    let secs = days * SECONDS_PER_DAY + f.hour * 3600 + f.minute * 60 + f.second;
    secs as f64 + f.frac
}

/// Seconds and microseconds as one number, computed the same way everywhere
/// so that times taken from the clock survive serialization exactly.
fn from_micros(sec: i64, usec: i64) -> f64 {
    sec as f64 + usec as f64 / 1_000_000.0
}

/// Whole seconds and microseconds of a time.
fn to_micros(t: f64) -> (i64, i64) {
    let t = if t.is_nan() {
        0.0
    } else {
        t.clamp(-TIME_LIMIT, TIME_LIMIT)
    };
    let mut sec = t.floor() as i64;
    let mut usec = ((t - t.floor()) * 1_000_000.0).round() as i64;
    if usec >= 1_000_000 {
        sec += 1;
        usec -= 1_000_000;
    }
    (sec, usec)
}

/// The current time, to the microsecond.
fn micro_now(vm: &mut Vm) -> f64 {
    let (sec, usec) = to_micros(vm.host.now());
    from_micros(sec, usec)
}

// ---- strftime ------------------------------------------------------------------

/// ISO 8601 week-based year and week number (1-53).
fn iso_week(f: &Fields) -> (i64, i64) {
    let monday_based = (f.weekday + 6) % 7;
    let thursday = f.days - monday_based + 3;
    let (y, _, _) = civil_from_days(thursday);
    (y, (thursday - days_from_civil(y, 1, 1)) / 7 + 1)
}

/// Format a time like C's strftime in the C locale, in UTC. Flags `-` (no
/// padding), `_` (pad with spaces), `0` (pad with zeros) and `^` (uppercase)
/// may follow the `%`; unknown conversions are copied unchanged.
pub fn strftime(t: f64, format: &str) -> String {
    let f = fields(t);
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut flag = None;
        while let Some(&k) = chars.peek() {
            if matches!(k, '-' | '_' | '0' | '^' | '#') {
                flag = Some(k);
                chars.next();
            } else {
                break;
            }
        }
        let Some(conv) = chars.next() else {
            out.push('%');
            break;
        };
        let num = |n: i64, width: usize, pad: char| -> String {
            let (width, pad) = match flag {
                Some('-') => (0, pad),
                Some('_') => (width, ' '),
                Some('0') => (width, '0'),
                _ => (width, pad),
            };
            let digits = n.unsigned_abs().to_string();
            let sign = if n < 0 { "-" } else { "" };
            let fill = width.saturating_sub(digits.len() + sign.len());
            if pad == '0' {
                format!("{sign}{}{digits}", "0".repeat(fill))
            } else {
                format!("{}{sign}{digits}", " ".repeat(fill))
            }
        };
        let hour12 = if f.hour % 12 == 0 { 12 } else { f.hour % 12 };
        let text = match conv {
            'a' => WEEKDAYS[f.weekday as usize][..3].to_string(),
            'A' => WEEKDAYS[f.weekday as usize].to_string(),
            'b' | 'h' => MONTHS[(f.month - 1) as usize][..3].to_string(),
            'B' => MONTHS[(f.month - 1) as usize].to_string(),
            'c' => strftime(t, "%a %b %e %H:%M:%S %Y"),
            'C' => num(f.year.div_euclid(100), 2, '0'),
            'd' => num(f.day, 2, '0'),
            'D' | 'x' => strftime(t, "%m/%d/%y"),
            'e' => num(f.day, 2, ' '),
            'F' => strftime(t, "%Y-%m-%d"),
            'G' => num(iso_week(&f).0, 1, '0'),
            'g' => num(iso_week(&f).0.rem_euclid(100), 2, '0'),
            'H' => num(f.hour, 2, '0'),
            'I' => num(hour12, 2, '0'),
            'j' => num(f.yday + 1, 3, '0'),
            'k' => num(f.hour, 2, ' '),
            'l' => num(hour12, 2, ' '),
            'm' => num(f.month, 2, '0'),
            'M' => num(f.minute, 2, '0'),
            'n' => "\n".to_string(),
            'p' => if f.hour < 12 { "AM" } else { "PM" }.to_string(),
            'P' => if f.hour < 12 { "am" } else { "pm" }.to_string(),
            'r' => strftime(t, "%I:%M:%S %p"),
            'R' => strftime(t, "%H:%M"),
            's' => num(
                f.days * SECONDS_PER_DAY + f.hour * 3600 + f.minute * 60 + f.second,
                1,
                '0',
            ),
            'S' => num(f.second, 2, '0'),
            't' => "\t".to_string(),
            'T' | 'X' => strftime(t, "%H:%M:%S"),
            'u' => num(if f.weekday == 0 { 7 } else { f.weekday }, 1, '0'),
            'U' => num((f.yday + 7 - f.weekday) / 7, 2, '0'),
            'V' => num(iso_week(&f).1, 2, '0'),
            'w' => num(f.weekday, 1, '0'),
            'W' => num((f.yday + 7 - (f.weekday + 6) % 7) / 7, 2, '0'),
            'y' => num(f.year.rem_euclid(100), 2, '0'),
            'Y' => num(f.year, 1, '0'),
            'z' => "+0000".to_string(),
            'Z' => "UTC".to_string(),
            '%' => "%".to_string(),
            other => {
                out.push('%');
                if let Some(k) = flag {
                    out.push(k);
                }
                out.push(other);
                continue;
            }
        };
        if flag == Some('^') {
            // (Every field is ASCII: names of days and months, digits.)
            out.push_str(&text.to_ascii_uppercase());
        } else {
            out.push_str(&text);
        }
    }
    out
}

// ---- strptime ------------------------------------------------------------------

/// Replace the composite conversions of a strptime format by their parts.
fn expand_format(format: &str) -> String {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('T') | Some('X') => out.push_str("%H:%M:%S"),
            Some('D') | Some('x') => out.push_str("%m/%d/%y"),
            Some('R') => out.push_str("%H:%M"),
            Some('F') => out.push_str("%Y-%m-%d"),
            Some('c') => out.push_str("%a %b %e %H:%M:%S %Y"),
            Some('r') => out.push_str("%I:%M:%S %p"),
            Some(k) => {
                out.push('%');
                out.push(k);
            }
            None => out.push('%'),
        }
    }
    out
}

struct Scan<'a> {
    s: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    fn skip_space(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    /// An unsigned number of 1..=max_digits digits within [lo, hi], after
    /// optional blanks (and a sign when `signed`).
    fn number(&mut self, max_digits: usize, lo: i64, hi: i64, signed: bool) -> Option<i64> {
        self.skip_space();
        let mut neg = false;
        if signed && self.i < self.s.len() && matches!(self.s[self.i], b'-' | b'+') {
            neg = self.s[self.i] == b'-';
            self.i += 1;
        }
        let start = self.i;
        let mut n: i64 = 0;
        while self.i < self.s.len()
            && self.i - start < max_digits
            && self.s[self.i].is_ascii_digit()
        {
            n = n * 10 + i64::from(self.s[self.i] - b'0');
            self.i += 1;
        }
        if self.i == start {
            return None;
        }
        let n = if neg { -n } else { n };
        (lo..=hi).contains(&n).then_some(n)
    }

    /// Index of the longest of `names` (full or three-letter) found here, ignoring case.
    fn name(&mut self, names: &[&str]) -> Option<usize> {
        self.skip_space();
        let rest = &self.s[self.i..];
        let starts =
            |w: &str| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w.as_bytes());
        for (k, full) in names.iter().enumerate() {
            if starts(full) {
                self.i += full.len();
                return Some(k);
            }
        }
        for (k, full) in names.iter().enumerate() {
            if starts(&full[..3]) {
                self.i += 3;
                return Some(k);
            }
        }
        None
    }
}

/// Parse `text` with a strptime-style `format`; None when it does not match.
/// Fields the format does not mention default to 1900-01-01 00:00:00 UTC.
pub fn strptime(text: &str, format: &str) -> Option<f64> {
    let format = expand_format(format);
    let mut sc = Scan {
        s: text.as_bytes(),
        i: 0,
    };
    let (mut year, mut month, mut day) = (1900i64, 1i64, 1i64);
    let (mut hour, mut minute, mut second) = (0i64, 0i64, 0i64);
    let mut century: Option<i64> = None;
    let mut year2: Option<i64> = None;
    let mut yday: Option<i64> = None;
    let mut date_given = false;
    let mut pm: Option<bool> = None;
    let mut offset = 0i64;
    let mut epoch: Option<i64> = None;
    let fmt = format.as_bytes();
    let mut k = 0;
    while k < fmt.len() {
        let c = fmt[k];
        k += 1;
        if c.is_ascii_whitespace() {
            sc.skip_space();
            continue;
        }
        if c != b'%' {
            if sc.i < sc.s.len() && sc.s[sc.i] == c {
                sc.i += 1;
                continue;
            }
            return None;
        }
        // Flags and the E/O modifiers change nothing when parsing.
        while k < fmt.len() && matches!(fmt[k], b'-' | b'_' | b'0' | b'^' | b'#' | b'E' | b'O') {
            k += 1;
        }
        let &conv = fmt.get(k)?;
        k += 1;
        match conv {
            b'Y' => {
                year = sc.number(4, -9999, 9999, true)?;
                year2 = None;
            }
            b'y' => year2 = Some(sc.number(2, 0, 99, false)?),
            b'C' => century = Some(sc.number(2, 0, 99, false)?),
            b'm' => {
                month = sc.number(2, 1, 12, false)?;
                date_given = true;
            }
            b'd' | b'e' => {
                day = sc.number(2, 1, 31, false)?;
                date_given = true;
            }
            b'H' | b'k' => {
                hour = sc.number(2, 0, 23, false)?;
                pm = None;
            }
            b'I' | b'l' => {
                hour = sc.number(2, 1, 12, false)?;
                pm.get_or_insert(false);
            }
            b'M' => minute = sc.number(2, 0, 59, false)?,
            b'S' => second = sc.number(2, 0, 61, false)?,
            b'j' => yday = Some(sc.number(3, 1, 366, false)?),
            b'b' | b'B' | b'h' => {
                month = sc.name(&MONTHS)? as i64 + 1;
                date_given = true;
            }
            b'a' | b'A' => {
                sc.name(&WEEKDAYS)?;
            }
            b'p' | b'P' => {
                sc.skip_space();
                let rest = &sc.s[sc.i..];
                let is = |w: &[u8]| rest.len() >= 2 && rest[..2].eq_ignore_ascii_case(w);
                let after = if is(b"AM") {
                    false
                } else if is(b"PM") {
                    true
                } else {
                    return None;
                };
                sc.i += 2;
                pm = Some(after);
            }
            b'Z' => {
                sc.skip_space();
                while sc.i < sc.s.len() && sc.s[sc.i].is_ascii_alphabetic() {
                    sc.i += 1;
                }
            }
            b'z' => {
                sc.skip_space();
                if sc.i < sc.s.len() && sc.s[sc.i] == b'Z' {
                    sc.i += 1;
                    offset = 0;
                } else {
                    let neg = match sc.s.get(sc.i) {
                        Some(b'+') => false,
                        Some(b'-') => true,
                        _ => return None,
                    };
                    sc.i += 1;
                    let h = sc.number(2, 0, 99, false)?;
                    if sc.s.get(sc.i) == Some(&b':') {
                        sc.i += 1;
                    }
                    let m = if sc.s.get(sc.i).is_some_and(u8::is_ascii_digit) {
                        sc.number(2, 0, 59, false)?
                    } else {
                        0
                    };
                    let east = h * 3600 + m * 60;
                    offset = if neg { -east } else { east };
                }
            }
            b's' => epoch = Some(sc.number(16, -(1 << 52), 1 << 52, true)?),
            b'n' | b't' => sc.skip_space(),
            b'%' => {
                if sc.s.get(sc.i) != Some(&b'%') {
                    return None;
                }
                sc.i += 1;
            }
            _ => return None,
        }
    }
    if let Some(e) = epoch {
        return Some(e as f64);
    }
    if let Some(y) = year2 {
        year = match century {
            Some(c) => c * 100 + y,
            None if y < 69 => 2000 + y,
            None => 1900 + y,
        };
    } else if let Some(c) = century {
        year = c * 100 + year.rem_euclid(100);
    }
    if let Some(after) = pm {
        hour = hour % 12 + if after { 12 } else { 0 };
    }
    let days = match yday {
        Some(n) if !date_given => days_from_civil(year, 1, 1) + n - 1,
        _ => days_from_civil(year, month, day),
    };
    let secs = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset;
    Some(secs as f64)
}

// ---- natives ----------------------------------------------------------------------

/// The proto bound to `name` in Core (Date, Duration).
pub(crate) fn core_proto(vm: &mut Vm, name: &str) -> Option<Value> {
    let s = vm.sym(name);
    let core = vm.p.core;
    vm.heap.get(core).get_local(s)
}

/// A new Date (a clone of Core's Date) at `seconds` since 1970.
pub fn new_date(vm: &mut Vm, seconds: f64) -> Option<Value> {
    let proto = core_proto(vm, "Date")?;
    let r = vm.heap.alloc(&[proto], Payload::Time(seconds));
    Some(Value::obj(r))
}

/// Seconds of a Date or Duration object, if `v` is one (inherits from the
/// Core proto called `kind` and carries a time).
pub(crate) fn time_value(vm: &mut Vm, v: Value, kind: &str) -> Option<f64> {
    if v.is_num() {
        return None;
    }
    let proto = core_proto(vm, kind)?;
    let t = match vm.heap.obj(v).map(|o| &o.payload) {
        Some(Payload::Time(t)) => *t,
        _ => return None,
    };
    vm.proto_chain_has(v, proto).then_some(t)
}

/// The receiver's time.
fn this_time(vm: &mut Vm, call: &NativeCall) -> Result<f64, Value> {
    match vm.heap.obj(call.target).map(|o| &o.payload) {
        Some(Payload::Time(t)) if !call.target.is_num() => Ok(*t),
        _ => {
            let name = method_name(vm, call);
            let ty = vm.type_name(call.target);
            vm.err(format!("Date {name}: a '{ty}' is not a Date"))
        }
    }
}

/// Store a new time in the receiver; answers the receiver.
pub(crate) fn set_time(vm: &mut Vm, call: &NativeCall, t: f64) -> NResult {
    match call.target.as_obj() {
        Some(r) if matches!(vm.heap.get(r).payload, Payload::Time(_)) => {
            vm.heap.get_mut(r).payload = Payload::Time(t);
            value(call.target)
        }
        _ => {
            let name = method_name(vm, call);
            let ty = vm.type_name(call.target);
            vm.err(format!("{name}: a '{ty}' has no time to set"))
        }
    }
}

/// A copy of the receiver (same protos as a clone) holding `t`.
fn new_like(vm: &mut Vm, call: &NativeCall, t: f64) -> Value {
    let d = super::object::raw_clone(vm, call.target);
    if let Some(r) = d.as_obj() {
        vm.heap.get_mut(r).payload = Payload::Time(t);
    }
    d
}

fn date_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<f64, Value> {
    match time_value(vm, arg(call, i), "Date") {
        Some(t) => Ok(t),
        None => type_error(vm, call, i, "Date"),
    }
}

fn duration_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<f64, Value> {
    match time_value(vm, arg(call, i), "Duration") {
        Some(t) => Ok(t),
        None => type_error(vm, call, i, "Duration"),
    }
}

/// Seconds on a monotonic clock (for timing).
fn clock(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    value(Value::num(vm.host.clock()))
}

/// Sets the receiver to the current time.
fn now(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = micro_now(vm);
    set_time(vm, call, t)
}

fn copy(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = date_arg(vm, call, 0)?;
    set_time(vm, call, t)
}

fn this_date(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this_time(vm, call)?;
    value(call.target)
}

/// cpuSecondsToRun(expr): seconds spent evaluating expr, by the host's clock.
fn cpu_seconds_to_run(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if msg_argc(vm, call) != 1 {
        return vm.err("Date cpuSecondsToRun takes one argument");
    }
    let start = vm.host.clock();
    eval_arg(
        vm,
        call,
        0,
        cont(cpu_seconds_cont, state(&[Value::num(start)])),
    )
}

fn cpu_seconds_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(_) => {
            let start = st[0].as_num().unwrap_or(0.0);
            value(Value::num(vm.host.clock() - start))
        }
        other => pass_on(other),
    }
}

fn as_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    value(Value::num(t))
}

fn from_number(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = num_arg(vm, call, 0)?;
    set_time(vm, call, t)
}

macro_rules! getter {
    ($name:ident, |$f:ident| $e:expr) => {
        fn $name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
            let $f = fields(this_time(vm, call)?);
            value(Value::num($e as f64))
        }
    };
}

getter!(year, |f| f.year);
getter!(month, |f| f.month);
getter!(day, |f| f.day);
getter!(hour, |f| f.hour);
getter!(minute, |f| f.minute);
getter!(second, |f| f.second as f64 + f.frac);

/// Change calendar fields of the receiver with `set` after checking the
/// argument lies in [lo, hi] (`what` names it in the error).
fn set_field(
    vm: &mut Vm,
    call: &NativeCall,
    what: &str,
    lo: f64,
    hi: f64,
    set: fn(&mut Fields, f64),
) -> NResult {
    let t = this_time(vm, call)?;
    let v = num_arg(vm, call, 0)?;
    if !(v >= lo && v <= hi) {
        return vm.err(format!("{what} must be within range {lo}-{hi}"));
    }
    let mut f = fields(t);
    set(&mut f, v);
    set_time(vm, call, time_of(&f))
}

fn set_year(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_field(vm, call, "year", -YEAR_LIMIT, YEAR_LIMIT, |f, v| {
        f.year = v.trunc() as i64
    })
}

fn set_month(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_field(vm, call, "month", 1.0, 12.0, |f, v| {
        f.month = v.trunc() as i64
    })
}

fn set_day(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let f = fields(t);
    let last = days_in_month(f.year, f.month);
    set_field(vm, call, "day", 1.0, last as f64, |f, v| {
        f.day = v.trunc() as i64
    })
}

fn set_hour(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_field(vm, call, "hour", 0.0, 23.0, |f, v| {
        f.hour = v.trunc() as i64
    })
}

fn set_minute(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_field(vm, call, "minute", 0.0, 59.0, |f, v| {
        f.minute = v.trunc() as i64
    })
}

/// setSecond keeps a fraction of a second.
fn set_second(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let v = num_arg(vm, call, 0)?;
    if !(0.0..60.0).contains(&v) {
        return vm.err("second must be within range 0-59");
    }
    let mut f = fields(t);
    f.second = v.trunc() as i64;
    f.frac = v.fract();
    set_time(vm, call, time_of(&f))
}

fn zone(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this_time(vm, call)?;
    value(vm.symbol_string(b"UTC"))
}

fn gmt_offset(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this_time(vm, call)?;
    value(vm.symbol_string(b"+0000"))
}

fn gmt_offset_seconds(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this_time(vm, call)?;
    value(Value::num(0.0))
}

fn is_dst(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this_time(vm, call)?;
    value(Value::FALSE)
}

/// isValidTime(h, m, s): negative values count back from the next unit.
fn is_valid_time(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut h = num_arg(vm, call, 0)?.trunc();
    let mut m = num_arg(vm, call, 1)?.trunc();
    let mut s = num_arg(vm, call, 2)?.trunc();
    if h < 0.0 {
        h += 24.0;
    }
    if m < 0.0 {
        m += 60.0;
    }
    if s < 0.0 {
        s += 60.0;
    }
    let ok = (0.0..24.0).contains(&h) && (0.0..60.0).contains(&m) && (0.0..60.0).contains(&s);
    value(Value::bool(ok))
}

fn seconds_since(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let other = date_arg(vm, call, 0)?;
    value(Value::num(t - other))
}

/// Seconds from the receiver to now (positive for past dates).
fn seconds_since_now(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let now = micro_now(vm);
    value(Value::num(now - t))
}

fn is_past(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let now = micro_now(vm);
    value(Value::bool(now - t > 0.0))
}

/// asString([format]): the argument, else the `format` slot, else the default.
fn as_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let format = if call.args.is_empty() {
        let s = vm.sym("format");
        vm.get_slot(call.target, s)
            .and_then(|f| vm.string_of(f))
            .unwrap_or_else(|| DEFAULT_FORMAT.to_string())
    } else {
        str_arg(vm, call, 0)?
    };
    let text = strftime(t, &format);
    value(vm.symbol_string(text.as_bytes()))
}

fn from_string(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this_time(vm, call)?;
    let text = str_arg(vm, call, 0)?;
    let format = str_arg(vm, call, 1)?;
    match strptime(&text, &format) {
        Some(t) => set_time(vm, call, t),
        None => vm.err(format!(
            "Date fromString: \"{text}\" does not match the format \"{format}\""
        )),
    }
}

/// Four little-endian int32s: seconds (low 32 bits), microseconds, and the
/// zone (minutes west of UTC, DST flag), always 0 here.
fn as_serialization(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let (sec, usec) = to_micros(t);
    let mut bytes = Vec::with_capacity(16);
    for n in [sec as i32, usec as i32, 0, 0] {
        bytes.extend_from_slice(&n.to_le_bytes());
    }
    value(vm.new_string(bytes, true))
}

fn from_serialization(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    this_time(vm, call)?;
    let bytes = bytes_arg(vm, call, 0)?;
    if bytes.len() != 16 {
        return vm.err("Expected a serialization sequence comprising 4 int32 items.");
    }
    let word = |i: usize| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&bytes[i * 4..i * 4 + 4]);
        i32::from_le_bytes(b)
    };
    let t = from_micros(i64::from(word(0)), i64::from(word(1)));
    set_time(vm, call, t)
}

fn add(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let d = duration_arg(vm, call, 0)?;
    value(new_like(vm, call, t + d))
}

/// Date - Duration is a Date; Date - Date is the Duration between them.
fn sub(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let a = arg(call, 0);
    if let Some(d) = time_value(vm, a, "Duration") {
        return value(new_like(vm, call, t - d));
    }
    if let Some(other) = time_value(vm, a, "Date") {
        return match super::duration::new_duration(vm, t - other) {
            Some(d) => value(d),
            None => vm.err("Date -: Duration is missing from Core"),
        };
    }
    type_error(vm, call, 0, "Date or Duration")
}

fn add_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let d = duration_arg(vm, call, 0)?;
    set_time(vm, call, t + d)
}

fn sub_in_place(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let t = this_time(vm, call)?;
    let d = duration_arg(vm, call, 0)?;
    set_time(vm, call, t - d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips() {
        for days in [-800_000, -1, 0, 1, 59, 365, 11_016, 19_782, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2001, 2, 29), days_from_civil(2001, 3, 1));
    }

    #[test]
    fn formats_like_strftime() {
        // 2004-09-06 15:07:13 UTC, a Monday.
        let t = 1_094_483_233.0;
        assert_eq!(strftime(t, DEFAULT_FORMAT), "2004-09-06 15:07:13 UTC");
        assert_eq!(
            strftime(t, "%a %A %b %B %y %j %p %I"),
            "Mon Monday Sep September 04 250 PM 03"
        );
        assert_eq!(strftime(t, "%x %X %%"), "09/06/04 15:07:13 %");
        assert_eq!(strftime(t, "%c"), "Mon Sep  6 15:07:13 2004");
        assert_eq!(
            strftime(t, "%U %W %V %G %u %w %e|%-d|%_m"),
            "36 36 37 2004 1 1  6|6| 9"
        );
        assert_eq!(
            strftime(0.0, "%Y-%m-%d %H:%M:%S %Z"),
            "1970-01-01 00:00:00 UTC"
        );
        assert_eq!(
            strftime(-1.0, "%Y-%m-%d %H:%M:%S %s"),
            "1969-12-31 23:59:59 -1"
        );
        assert_eq!(strftime(0.0, "%q %"), "%q %");
    }

    #[test]
    fn parses_like_strptime() {
        let t = 1_094_483_233.0;
        assert_eq!(strptime("2004/09/06", "%Y/%m/%d"), Some(1_094_428_800.0));
        assert_eq!(strptime("2004-09-06 15:07:13 UTC", DEFAULT_FORMAT), Some(t));
        assert_eq!(strptime("Mon Sep  6 15:07:13 2004", "%c"), Some(t));
        assert_eq!(
            strptime("06 september 04 3:07:13 pm", "%d %B %y %I:%M:%S %p"),
            Some(t)
        );
        assert_eq!(
            strptime("2004-09-06T17:07:13+02:00", "%Y-%m-%dT%H:%M:%S%z"),
            Some(t)
        );
        assert_eq!(strptime("2004 250", "%Y %j"), Some(1_094_428_800.0));
        assert_eq!(strptime("1094483233", "%s"), Some(t));
        assert_eq!(strptime("2004/13/06", "%Y/%m/%d"), None);
        assert_eq!(strptime("2004-09", "%Y/%m"), None);
    }
}

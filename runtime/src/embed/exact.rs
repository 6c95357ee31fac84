//! Whole-number arithmetic for the Rust versions of methods that `io!`
//! compiles: a local that only ever holds whole numbers (loop counters,
//! List indices, `size`) is an i64 there, and each operation answers what
//! the f64 operation of the interpreter answers, or None (the Rust version
//! then gives up, and the interpreter runs the call) where the two could
//! differ: past 2^53, where f64 stops being exact, and where f64 answers
//! -0 (a product of 0 and a negative number), which an i64 cannot hold.

/// The largest magnitude an i64 local may hold: every whole number up to
/// it is an f64 exactly.
pub const MAX: i64 = 1 << 53;

/// Whether `x` is a whole number that an i64 local stands for exactly
/// (not -0, which is an f64 only).
#[inline]
pub fn is_whole(x: f64) -> bool {
    x.fract() == 0.0 && x.abs() <= MAX as f64 && !(x == 0.0 && x.is_sign_negative())
}

#[inline(always)]
fn in_range(r: i64) -> Option<i64> {
    if r.unsigned_abs() <= MAX as u64 {
        Some(r)
    } else {
        None
    }
}

/// `a + b`, for `a` and `b` within ±`MAX`.
#[inline(always)]
pub fn add(a: i64, b: i64) -> Option<i64> {
    in_range(a.wrapping_add(b))
}

/// `a - b`, for `a` and `b` within ±`MAX`.
#[inline(always)]
pub fn sub(a: i64, b: i64) -> Option<i64> {
    in_range(a.wrapping_sub(b))
}

/// `a * b`, for `a` and `b` within ±`MAX` (None for what would be -0).
#[inline(always)]
pub fn mul(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_mul(b)?;
    if r == 0 && (a < 0 || b < 0) {
        return None;
    }
    in_range(r)
}

/// `a abs`.
#[inline(always)]
pub fn abs(a: i64) -> i64 {
    a.wrapping_abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_what_f64_answers_or_none() {
        let cases: [(i64, i64); 8] = [
            (3, 4),
            (-7, 2),
            (0, -5),
            (-5, 0),
            (MAX, 1),
            (MAX, -1),
            (-MAX, -1),
            (1 << 30, 1 << 30),
        ];
        for (a, b) in cases {
            let (x, y) = (a as f64, b as f64);
            for (got, want) in [(add(a, b), x + y), (sub(a, b), x - y), (mul(a, b), x * y)] {
                if let Some(r) = got {
                    assert_eq!((r as f64).to_bits(), want.to_bits(), "{a} {b}");
                }
            }
        }
        assert_eq!(mul(0, -5), None);
        assert_eq!(add(MAX, 1), None);
        assert_eq!(mul(MAX, MAX), None);
        assert!(is_whole(3.0) && !is_whole(-0.0) && !is_whole(0.5) && !is_whole(f64::NAN));
        assert!(!is_whole(f64::INFINITY) && !is_whole(1e300));
    }
}

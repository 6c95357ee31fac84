//! The snapshot's memory in one compressed data segment, unpacked by the
//! module's start function.
//!
//! A booted heap is sparse and repetitive: object records, message data
//! and tables hold short runs of zeros and the same few words (shapes,
//! protos, tags) over and over. As plain data segments each run of
//! non-zero bytes costs a segment header; compressed (LZ77 with runs of
//! zeros skipped), the memory takes about a third of those bytes, and
//! compresses as well again with gzip or brotli in transit.
//!
//! The packed bytes are placed inside the longest run of zeros of the
//! memory image (the heap's spare capacity, the free memory above it),
//! which no record writes into or copies from. The start function, which
//! runs when the module is instantiated and before any export, unpacks the
//! records to their addresses and zeroes the packed bytes again: the memory
//! is then exactly the snapshot's.
//!
//! Packed format: records from the lowest address that holds data, each a
//! token byte `LLLLMMMM`, then
//! - the literal count `L` (15: 15 plus a LEB128 number) and that many
//!   bytes, written at the current address;
//! - when `M` is not 0, a match of `M + 3` bytes (`M` = 15: 18 plus a
//!   LEB128 number) and its distance back, LEB128: distance 0 skips that
//!   many bytes (they are zero), any other copies them from that far back
//!   (overlapping copies repeat, as in LZ77).

use walrus::ir::{BinaryOp, ExtendedLoad, LoadKind, MemArg, StoreKind, UnaryOp};
use walrus::{
    ConstExpr, DataKind, FunctionBuilder, FunctionId, InstrSeqBuilder, LocalId, MemoryId, Module,
};

/// The shortest match (and run of zeros) a record encodes; shorter ones
/// are literals.
const MIN_MATCH: usize = 4;

/// Runs of zeros from this long on are skipped without looking for a match.
const SKIP_MIN: usize = 64;

/// How far back matches are looked for, and how many places with the same
/// first four bytes are tried.
const WINDOW: usize = 1 << 20;
const DEPTH: usize = 48;

/// Copies from this long on are done with `memory.copy`, shorter ones byte
/// by byte (a call of `memory.copy` costs more than a few bytes).
const COPY_MIN: i32 = 32;

/// Replace the active data segments of `m` by one packed segment and a
/// start function that unpacks it. Answers false, leaving `m` as it was,
/// when the module's data is not all plain active segments of one memory or
/// its image has no run of zeros long enough for the packed bytes.
pub fn pack(m: &mut Module) -> bool {
    let Some(mem) = single_memory(m) else {
        return false;
    };
    let mut segments = Vec::new();
    for d in m.data.iter() {
        match &d.kind {
            DataKind::Active {
                memory,
                offset: ConstExpr::Value(walrus::ir::Value::I32(at)),
            } if *memory == mem => segments.push((d.id(), *at as u32, &d.value)),
            _ => return false,
        }
    }
    let memory = m.memories.get(mem);
    if memory.page_size_log2.is_some() {
        return false;
    }
    let Some(size) = usize::try_from(memory.initial)
        .ok()
        .and_then(|p| p.checked_mul(65536))
    else {
        return false;
    };
    let Some(lo) = segments.iter().map(|s| s.1 as usize).min() else {
        return false;
    };
    let mut image = vec![0u8; size.saturating_sub(lo)];
    for (_, at, bytes) in &segments {
        let start = *at as usize - lo;
        match image.get_mut(start..start + bytes.len()) {
            Some(place) => place.copy_from_slice(bytes),
            None => return false,
        }
    }
    let Some(zone) = longest_zero_run(&image) else {
        return false;
    };
    let packed = encode(&image, zone.clone());
    if packed.is_empty() || packed.len() > zone.len() {
        return false;
    }
    let (Ok(at), Ok(len), Ok(lo)) = (
        u32::try_from(lo + zone.start),
        u32::try_from(packed.len()),
        u32::try_from(lo),
    ) else {
        return false;
    };
    let ids: Vec<walrus::DataId> = segments.iter().map(|s| s.0).collect();
    for id in ids {
        m.data.delete(id);
    }
    let offset = ConstExpr::Value(walrus::ir::Value::I32(at as i32));
    m.data.add(
        DataKind::Active {
            memory: mem,
            offset,
        },
        packed,
    );
    let unpack = unpacker(m, mem, at, len, lo, m.start);
    m.start = Some(unpack);
    true
}

/// The module's one memory.
fn single_memory(m: &Module) -> Option<MemoryId> {
    let mut it = m.memories.iter();
    let first = it.next()?;
    match it.next() {
        None => Some(first.id()),
        Some(_) => None,
    }
}

/// The longest run of zeros in `image` that starts at a multiple of 8.
fn longest_zero_run(image: &[u8]) -> Option<std::ops::Range<usize>> {
    let mut best: Option<std::ops::Range<usize>> = None;
    let mut i = 0;
    while i < image.len() {
        if image[i] != 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < image.len() && image[i] == 0 {
            i += 1;
        }
        let aligned = start.next_multiple_of(8).min(i);
        if best.as_ref().is_none_or(|b| i - aligned > b.len()) {
            best = Some(aligned..i);
        }
    }
    best.filter(|b| !b.is_empty())
}

/// `image` packed (see the module's comment). `zone`, a run of zeros of
/// `image`, is skipped whole: no record writes into it or copies from it.
pub fn encode(image: &[u8], zone: std::ops::Range<usize>) -> Vec<u8> {
    let mut e = Encoder {
        image,
        zone,
        out: Vec::new(),
        literals: 0,
        head: vec![u32::MAX; 1 << 16],
        prev: vec![u32::MAX; WINDOW.min(image.len()).max(1)],
    };
    let n = image.len();
    let mut i = 0;
    while i < n {
        let zeros = e.zeros_at(i);
        if i + zeros == n {
            // (The memory beyond is zero already.)
            break;
        }
        if zeros >= SKIP_MIN {
            e.record(i, zeros, 0);
            i += zeros;
            continue;
        }
        let (mut len, mut dist) = e.longest_match(i);
        if zeros >= MIN_MATCH && zeros >= len {
            e.record(i, zeros, 0);
            e.insert(i, zeros);
            i += zeros;
            continue;
        }
        if len < MIN_MATCH {
            e.literal(i);
            i += 1;
            continue;
        }
        // A longer match one byte on is worth a literal first.
        if i + 1 < n && e.zeros_at(i + 1) < MIN_MATCH {
            let (next, next_dist) = e.longest_match(i + 1);
            if next > len + 1 {
                e.literal(i);
                i += 1;
                (len, dist) = (next, next_dist);
            }
        }
        e.record(i, len, dist);
        e.insert(i, len);
        i += len;
    }
    if e.literals > 0 {
        e.record(i, 0, 0);
    }
    e.out
}

struct Encoder<'a> {
    image: &'a [u8],
    zone: std::ops::Range<usize>,
    out: Vec<u8>,
    /// Bytes before the current place not yet written in a record.
    literals: usize,
    /// The last place each hash of four bytes was seen, and before that
    /// (per place, modulo the window).
    head: Vec<u32>,
    prev: Vec<u32>,
}

impl Encoder<'_> {
    /// How many zeros start at `i`.
    fn zeros_at(&self, i: usize) -> usize {
        self.image[i..].iter().take_while(|&&b| b == 0).count()
    }

    /// Where bytes from `i` on may be written or read: up to the zone when
    /// `i` is before it.
    fn limit(&self, i: usize) -> usize {
        if i < self.zone.start {
            self.zone.start
        } else {
            self.image.len()
        }
    }

    fn hash(&self, i: usize) -> Option<usize> {
        let b = self.image.get(i..i + 4)?;
        let w = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        Some((w.wrapping_mul(0x9e37_79b1) >> 16) as usize)
    }

    /// Note the places `i..i + len` for later matches.
    fn insert(&mut self, i: usize, len: usize) {
        for p in i..i + len {
            if let Some(h) = self.hash(p) {
                let slot = p % self.prev.len();
                self.prev[slot] = self.head[h];
                self.head[h] = p as u32;
            }
        }
    }

    /// The longest earlier copy of the bytes at `i`: (length, distance).
    fn longest_match(&self, i: usize) -> (usize, usize) {
        let Some(h) = self.hash(i) else {
            return (0, 0);
        };
        let end = self.limit(i);
        let (mut best, mut dist) = (0, 0);
        let mut c = self.head[h];
        for _ in 0..DEPTH {
            if c == u32::MAX {
                break;
            }
            let c_at = c as usize;
            if c_at >= i || i - c_at > WINDOW {
                break;
            }
            let room = (end - i).min(self.limit(c_at) - c_at);
            if room > best && self.image[c_at + best] == self.image[i + best] {
                let len = self.image[c_at..c_at + room]
                    .iter()
                    .zip(&self.image[i..i + room])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best {
                    (best, dist) = (len, i - c_at);
                }
            }
            let next = self.prev[c_at % self.prev.len()];
            if next != u32::MAX && next >= c {
                break;
            }
            c = next;
        }
        (best, dist)
    }

    fn literal(&mut self, i: usize) {
        self.literals += 1;
        self.insert(i, 1);
    }

    /// A record: the pending literals before `i`, then a match of `len`
    /// bytes from `dist` back (a skip of zeros for distance 0; none for
    /// length 0).
    fn record(&mut self, i: usize, len: usize, dist: usize) {
        let l = self.literals;
        let m = if len == 0 { 0 } else { (len - 3).min(15) };
        self.out.push(((l.min(15) as u8) << 4) | m as u8);
        if l >= 15 {
            leb128(&mut self.out, l - 15);
        }
        self.out.extend_from_slice(&self.image[i - l..i]);
        self.literals = 0;
        if len > 0 {
            if m == 15 {
                leb128(&mut self.out, len - 18);
            }
            leb128(&mut self.out, dist);
        }
    }
}

/// What `encode` packed, for an image of `len` bytes (the unpacker's
/// reading, in Rust; None for bytes `encode` cannot have written).
pub fn decode(packed: &[u8], len: usize) -> Option<Vec<u8>> {
    let mut image = vec![0u8; len];
    decode_into(packed, &mut image)?;
    Some(image)
}

/// Unpack `packed` over `image`, which holds zeros wherever the packed
/// image does and nothing is written.
fn decode_into(packed: &[u8], image: &mut [u8]) -> Option<()> {
    let len = image.len();
    let (mut src, mut dst) = (0usize, 0usize);
    while src < packed.len() {
        let token = packed[src];
        src += 1;
        let mut l = usize::from(token >> 4);
        if l == 15 {
            l += read_leb128(packed, &mut src)?;
        }
        let bytes = packed.get(src..src.checked_add(l)?)?;
        image
            .get_mut(dst..dst.checked_add(l)?)?
            .copy_from_slice(bytes);
        (src, dst) = (src + l, dst + l);
        let m = usize::from(token & 15);
        if m == 0 {
            continue;
        }
        let mut n = m + 3;
        if m == 15 {
            n += read_leb128(packed, &mut src)?;
        }
        let dist = read_leb128(packed, &mut src)?;
        if dist == 0 {
            dst = dst.checked_add(n)?;
            continue;
        }
        let from = dst.checked_sub(dist)?;
        if dst.checked_add(n)? > len {
            return None;
        }
        for k in 0..n {
            image[dst + k] = image[from + k];
        }
        dst += n;
    }
    Some(())
}

fn leb128(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_leb128(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut n = 0usize;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= usize::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

/// The unpacker's locals.
struct Locals {
    src: LocalId,
    dst: LocalId,
    /// A byte count being copied, and the token.
    n: LocalId,
    token: LocalId,
    /// Where a match copies from.
    from: LocalId,
    /// A LEB128 number being read: its value, shift and current byte.
    num: LocalId,
    shift: LocalId,
    byte: LocalId,
}

fn byte_arg() -> MemArg {
    MemArg {
        align: 0,
        offset: 0,
    }
}

/// The start function: unpack the `len` bytes at `at` to the memory from
/// `lo` on, zero them, then call the module's former start function.
fn unpacker(
    m: &mut Module,
    mem: MemoryId,
    at: u32,
    len: u32,
    lo: u32,
    then: Option<FunctionId>,
) -> FunctionId {
    use walrus::ValType::I32;
    let mut fb = FunctionBuilder::new(&mut m.types, &[], &[]);
    let mut local = || m.locals.add(I32);
    let l = Locals {
        src: local(),
        dst: local(),
        n: local(),
        token: local(),
        from: local(),
        num: local(),
        shift: local(),
        byte: local(),
    };
    let end = local();
    let mut body = fb.func_body();
    body.i32_const(at as i32)
        .local_set(l.src)
        .i32_const(at.wrapping_add(len) as i32)
        .local_set(end)
        .i32_const(lo as i32)
        .local_set(l.dst);
    body.loop_(None, |records| {
        let next = records.id();
        // The token.
        records
            .local_get(l.src)
            .load(
                mem,
                LoadKind::I32_8 {
                    kind: ExtendedLoad::ZeroExtend,
                },
                byte_arg(),
            )
            .local_set(l.token);
        add(records, l.src, 1);
        // The literals.
        records
            .local_get(l.token)
            .i32_const(4)
            .binop(BinaryOp::I32ShrU)
            .local_set(l.n);
        extend_if_15(records, mem, &l, 15);
        records.local_get(l.src).local_set(l.from);
        copy(records, mem, &l, true);
        records.local_get(l.from).local_set(l.src);
        // The match, if any.
        records
            .local_get(l.token)
            .i32_const(15)
            .binop(BinaryOp::I32And)
            .local_tee(l.n)
            .if_else(
                None,
                |matched| {
                    matched
                        .local_get(l.n)
                        .i32_const(3)
                        .binop(BinaryOp::I32Add)
                        .local_set(l.n);
                    extend_if_15(matched, mem, &l, 18);
                    read_leb128_into(matched, mem, &l);
                    matched.local_get(l.num).if_else(
                        None,
                        |copied| {
                            copied
                                .local_get(l.dst)
                                .local_get(l.num)
                                .binop(BinaryOp::I32Sub)
                                .local_set(l.from);
                            copy(copied, mem, &l, false);
                        },
                        |skipped| {
                            skipped
                                .local_get(l.dst)
                                .local_get(l.n)
                                .binop(BinaryOp::I32Add)
                                .local_set(l.dst);
                        },
                    );
                },
                |_| {},
            );
        records
            .local_get(l.src)
            .local_get(end)
            .binop(BinaryOp::I32LtU)
            .br_if(next);
    });
    body.i32_const(at as i32)
        .i32_const(0)
        .i32_const(len as i32)
        .memory_fill(mem);
    if let Some(f) = then {
        body.call(f);
    }
    fb.finish(vec![], &mut m.funcs)
}

/// `v += k`.
fn add(seq: &mut InstrSeqBuilder, v: LocalId, k: i32) {
    seq.local_get(v)
        .i32_const(k)
        .binop(BinaryOp::I32Add)
        .local_set(v);
}

/// When `n` is `full`, add the LEB128 number that follows.
fn extend_if_15(seq: &mut InstrSeqBuilder, mem: MemoryId, l: &Locals, full: i32) {
    seq.local_get(l.n)
        .i32_const(full)
        .binop(BinaryOp::I32Eq)
        .if_else(
            None,
            |more| {
                read_leb128_into(more, mem, l);
                more.local_get(l.n)
                    .local_get(l.num)
                    .binop(BinaryOp::I32Add)
                    .local_set(l.n);
            },
            |_| {},
        );
}

/// Copy `n` bytes from `from` to `dst`, moving both past them. With
/// `apart` the two ranges never overlap; otherwise they may, and the copy
/// goes byte by byte forward (unless they are `n` apart or more).
fn copy(seq: &mut InstrSeqBuilder, mem: MemoryId, l: &Locals, apart: bool) {
    seq.local_get(l.n)
        .i32_const(COPY_MIN)
        .binop(BinaryOp::I32GeU);
    if !apart {
        seq.local_get(l.dst)
            .local_get(l.from)
            .binop(BinaryOp::I32Sub)
            .local_get(l.n)
            .binop(BinaryOp::I32GeU)
            .binop(BinaryOp::I32And);
    }
    seq.if_else(
        None,
        |long| {
            long.local_get(l.dst)
                .local_get(l.from)
                .local_get(l.n)
                .memory_copy(mem, mem)
                .local_get(l.dst)
                .local_get(l.n)
                .binop(BinaryOp::I32Add)
                .local_set(l.dst)
                .local_get(l.from)
                .local_get(l.n)
                .binop(BinaryOp::I32Add)
                .local_set(l.from)
                .i32_const(0)
                .local_set(l.n);
        },
        |_| {},
    );
    seq.block(None, |done| {
        let done_id = done.id();
        done.loop_(None, |bytes| {
            let again = bytes.id();
            bytes
                .local_get(l.n)
                .unop(UnaryOp::I32Eqz)
                .br_if(done_id)
                .local_get(l.dst)
                .local_get(l.from)
                .load(
                    mem,
                    LoadKind::I32_8 {
                        kind: ExtendedLoad::ZeroExtend,
                    },
                    byte_arg(),
                )
                .store(mem, StoreKind::I32_8 { atomic: false }, byte_arg());
            add(bytes, l.dst, 1);
            add(bytes, l.from, 1);
            add(bytes, l.n, -1);
            bytes.br(again);
        });
    });
}

/// Read a LEB128 number at `src` into `num`, moving `src` past it.
fn read_leb128_into(seq: &mut InstrSeqBuilder, mem: MemoryId, l: &Locals) {
    seq.i32_const(0)
        .local_set(l.num)
        .i32_const(0)
        .local_set(l.shift);
    seq.loop_(None, |more| {
        let again = more.id();
        more.local_get(l.src)
            .load(
                mem,
                LoadKind::I32_8 {
                    kind: ExtendedLoad::ZeroExtend,
                },
                byte_arg(),
            )
            .local_set(l.byte);
        add(more, l.src, 1);
        more.local_get(l.num)
            .local_get(l.byte)
            .i32_const(0x7f)
            .binop(BinaryOp::I32And)
            .local_get(l.shift)
            .binop(BinaryOp::I32Shl)
            .binop(BinaryOp::I32Or)
            .local_set(l.num);
        add(more, l.shift, 7);
        more.local_get(l.byte)
            .i32_const(0x80)
            .binop(BinaryOp::I32And)
            .br_if(again);
    });
}

#[cfg(test)]
mod tests {
    use super::{decode, decode_into, encode, longest_zero_run};

    /// A sparse, repetitive image with a long run of zeros in the middle.
    fn image() -> Vec<u8> {
        let mut image = vec![0u8; 20_000];
        let mut x = 12345u32;
        for (i, b) in image.iter_mut().enumerate() {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let record = [1, 0, 0, 0, 32, 0, 0, 0, 9, 0, 0xfc, 0xff];
            *b = match i {
                5000..15_000 => 0,
                _ if i % 120 < 12 => record[i % 120],
                _ if i % 97 == 3 => (x >> 24) as u8,
                _ if (3000..3400).contains(&i) => (x >> 16) as u8 | 1,
                _ => 0,
            };
        }
        image[19_999] = 7;
        image
    }

    #[test]
    fn packing_round_trips_and_leaves_the_zone_alone() {
        let image = image();
        let zone = longest_zero_run(&image).expect("a run of zeros");
        assert!(zone.start <= 5000 && zone.end == 15_000 && zone.start.is_multiple_of(8));
        let packed = encode(&image, zone.clone());
        assert!(packed.len() < image.len() / 4, "{} bytes", packed.len());
        assert_eq!(decode(&packed, image.len()).as_ref(), Some(&image));
        // Nothing is written into the zone or copied from it: with other
        // bytes there (the packed ones), the rest unpacks the same.
        let mut filled = vec![0u8; image.len()];
        filled[zone.clone()].fill(0xaa);
        decode_into(&packed, &mut filled).expect("decodes");
        assert!(filled[zone.clone()].iter().all(|&b| b == 0xaa));
        filled[zone].fill(0);
        assert_eq!(filled, image);
    }

    #[test]
    fn bad_packed_bytes_are_refused() {
        assert_eq!(decode(&[], 4), Some(vec![0; 4]));
        assert_eq!(encode(&[0; 100], 0..100), Vec::<u8>::new());
        let mut tail = vec![0u8; 200];
        tail[..3].copy_from_slice(&[5, 6, 7]);
        let packed = encode(&tail, 8..200);
        assert_eq!(packed, [0x30, 5, 6, 7]);
        assert_eq!(decode(&packed, 200), Some(tail));
        // A literal past the end, a match from before the start, a bad number.
        assert_eq!(decode(&[0x50, 1, 2, 3, 4, 5], 4), None);
        assert_eq!(decode(&[0x01, 9], 16), None);
        assert_eq!(decode(&[0xf0, 0x80], 4), None);
    }
}

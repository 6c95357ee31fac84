//! The snapshot's memory in one packed data segment, unpacked by the
//! module's start function.
//!
//! A booted heap is sparse: object records, message data and tables are
//! full of short runs of zeros. As data segments, each run of non-zero
//! bytes costs a segment header (an opcode, a 3- or 4-byte address, a
//! length); packed, it costs two LEB128 numbers (the zeros before it and its
//! length), usually two bytes. The packed bytes are placed in a run of
//! zeros of the memory image that is longer than they are (the heap's spare
//! capacity, the free memory above it), and the start function, which runs
//! when the module is instantiated and before any export, writes the
//! non-zero runs to their addresses and zeroes the packed bytes again: the
//! memory is then exactly the snapshot's.
//!
//! Packed format: records of (zeros: LEB128, n: LEB128, n bytes), from the
//! lowest address that holds data.

use walrus::ir::{BinaryOp, ExtendedLoad, LoadKind, MemArg, StoreKind, UnaryOp};
use walrus::{ConstExpr, DataKind, FunctionBuilder, FunctionId, LocalId, MemoryId, Module};

/// Zeros in a row that end a record's bytes (shorter runs stay in them:
/// two zeros cost as much as the two numbers of a new record).
const MIN_GAP: usize = 2;

/// Records' bytes from this long on are copied with `memory.copy`, shorter
/// ones byte by byte (a call of `memory.copy` costs more than a few bytes).
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
    let packed = encode(&image);
    if packed.is_empty() {
        return false;
    }
    let Some(at) = zero_run(&image, packed.len()).map(|i| lo + i) else {
        return false;
    };
    let (Ok(at), Ok(len), Ok(lo)) = (
        u32::try_from(at),
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

/// `image` packed as records (see the module's comment).
pub fn encode(image: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut zeros = 0;
    while i < image.len() {
        if image[i] == 0 {
            zeros += 1;
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut run = 0;
        while i < image.len() && run < MIN_GAP {
            if image[i] == 0 {
                run += 1;
            } else {
                run = 0;
                end = i + 1;
            }
            i += 1;
        }
        leb128(&mut out, zeros);
        leb128(&mut out, end - start);
        out.extend_from_slice(&image[start..end]);
        zeros = i - end;
    }
    out
}

/// What `encode` packed, for an image of `len` bytes (the unpacker's
/// reading in Rust; None for bytes `encode` cannot have written).
pub fn decode(packed: &[u8], len: usize) -> Option<Vec<u8>> {
    let mut image = vec![0u8; len];
    let (mut src, mut dst) = (0usize, 0usize);
    while src < packed.len() {
        dst = dst.checked_add(read_leb128(packed, &mut src)?)?;
        let n = read_leb128(packed, &mut src)?;
        let bytes = packed.get(src..src.checked_add(n)?)?;
        image
            .get_mut(dst..dst.checked_add(n)?)?
            .copy_from_slice(bytes);
        src += n;
        dst += n;
    }
    Some(image)
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

/// Where `image` has `len` zeros in a row (8-byte aligned), preferring the
/// longest such run.
fn zero_run(image: &[u8], len: usize) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
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
        let aligned = start.next_multiple_of(8);
        let room = i.saturating_sub(aligned);
        if room >= len.max(1) && best.is_none_or(|(_, r)| room > r) {
            best = Some((aligned, room));
        }
    }
    best.map(|(at, _)| at)
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
        shift: local(),
        byte: local(),
    };
    let end = local();
    let byte = |offset| MemArg { align: 0, offset };
    let mut body = fb.func_body();
    body.i32_const(at as i32)
        .local_set(l.src)
        .i32_const(at.wrapping_add(len) as i32)
        .local_set(end)
        .i32_const(lo as i32)
        .local_set(l.dst);
    body.loop_(None, |records| {
        let next = records.id();
        // The zeros before the record's bytes.
        read_leb128_into(records, mem, &l);
        records
            .local_get(l.dst)
            .local_get(l.n)
            .binop(BinaryOp::I32Add)
            .local_set(l.dst);
        read_leb128_into(records, mem, &l);
        // A long record in one copy.
        records
            .local_get(l.n)
            .i32_const(COPY_MIN)
            .binop(BinaryOp::I32GeU)
            .if_else(
                None,
                |long| {
                    long.local_get(l.dst)
                        .local_get(l.src)
                        .local_get(l.n)
                        .memory_copy(mem, mem)
                        .local_get(l.dst)
                        .local_get(l.n)
                        .binop(BinaryOp::I32Add)
                        .local_set(l.dst)
                        .local_get(l.src)
                        .local_get(l.n)
                        .binop(BinaryOp::I32Add)
                        .local_set(l.src)
                        .i32_const(0)
                        .local_set(l.n);
                },
                |_| {},
            );
        // The rest byte by byte.
        records.block(None, |done| {
            let done_id = done.id();
            done.loop_(None, |copy| {
                let again = copy.id();
                copy.local_get(l.n)
                    .unop(UnaryOp::I32Eqz)
                    .br_if(done_id)
                    .local_get(l.dst)
                    .local_get(l.src)
                    .load(
                        mem,
                        LoadKind::I32_8 {
                            kind: ExtendedLoad::ZeroExtend,
                        },
                        byte(0),
                    )
                    .store(mem, StoreKind::I32_8 { atomic: false }, byte(0));
                for v in [l.dst, l.src] {
                    copy.local_get(v)
                        .i32_const(1)
                        .binop(BinaryOp::I32Add)
                        .local_set(v);
                }
                copy.local_get(l.n)
                    .i32_const(1)
                    .binop(BinaryOp::I32Sub)
                    .local_set(l.n)
                    .br(again);
            });
        });
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

/// The unpacker's locals: where it reads and writes, and a number being read.
struct Locals {
    src: LocalId,
    dst: LocalId,
    n: LocalId,
    shift: LocalId,
    byte: LocalId,
}

/// Read a LEB128 number at `src` into `n`, moving `src` past it.
fn read_leb128_into(seq: &mut walrus::InstrSeqBuilder, mem: MemoryId, l: &Locals) {
    seq.i32_const(0)
        .local_set(l.n)
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
                MemArg {
                    align: 0,
                    offset: 0,
                },
            )
            .local_set(l.byte)
            .local_get(l.src)
            .i32_const(1)
            .binop(BinaryOp::I32Add)
            .local_set(l.src)
            .local_get(l.n)
            .local_get(l.byte)
            .i32_const(0x7f)
            .binop(BinaryOp::I32And)
            .local_get(l.shift)
            .binop(BinaryOp::I32Shl)
            .binop(BinaryOp::I32Or)
            .local_set(l.n)
            .local_get(l.shift)
            .i32_const(7)
            .binop(BinaryOp::I32Add)
            .local_set(l.shift)
            .local_get(l.byte)
            .i32_const(0x80)
            .binop(BinaryOp::I32And)
            .br_if(again);
    });
}

#[cfg(test)]
mod tests {
    use super::{decode, encode, zero_run};

    #[test]
    fn packing_round_trips() {
        let mut image = vec![0u8; 3000];
        for (i, b) in image.iter_mut().enumerate() {
            if i % 7 == 0 || (1000..1300).contains(&i) || i % 131 == 5 {
                *b = (i % 251) as u8 | 1;
            }
        }
        image[2999] = 9;
        let packed = encode(&image);
        assert!(packed.len() < image.len());
        assert_eq!(decode(&packed, image.len()), Some(image));
        assert_eq!(encode(&[0; 100]), Vec::<u8>::new());
        assert_eq!(decode(&[], 4), Some(vec![0; 4]));
        assert_eq!(decode(&[0x80], 4), None);
        assert_eq!(decode(&[0, 5, 1], 4), None);
    }

    #[test]
    fn packed_bytes_go_in_a_long_enough_run_of_zeros() {
        let mut image = vec![1u8; 100];
        image[10..30].fill(0);
        image[40..90].fill(0);
        assert_eq!(zero_run(&image, 20), Some(40));
        assert_eq!(zero_run(&image, 50), Some(40));
        assert_eq!(zero_run(&image, 51), None);
        assert_eq!(zero_run(&image, 45), Some(40));
    }
}

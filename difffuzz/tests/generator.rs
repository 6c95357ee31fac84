//! The generator is deterministic per seed, and what it writes parses.

use difffuzz::gen;
use io_runtime::host::MemoryHost;
use io_runtime::Vm;

#[test]
fn same_seed_same_programs() {
    for seed in [0, 1, 42, u64::MAX] {
        assert_eq!(gen::batch(seed, 0, 30), gen::batch(seed, 0, 30));
        for i in [0, 7, 1000] {
            assert_eq!(gen::program(seed, i).code, gen::program(seed, i).code);
        }
    }
}

#[test]
fn a_batch_is_its_programs_in_order() {
    let whole = gen::batch(9, 10, 5);
    let mut parts = gen::prelude();
    for i in 10..15 {
        parts.push_str(&gen::program(9, i).code);
    }
    parts.push_str("\"== end\" println\n");
    assert_eq!(whole, parts);
}

#[test]
fn seeds_and_indexes_give_different_programs() {
    let a = gen::program(1, 0).code;
    let b = gen::program(2, 0).code;
    let c = gen::program(1, 1).code;
    // Only the case number differs between c and a's wrapper, so compare bodies.
    let body = |s: &str| s.lines().skip(5).collect::<Vec<_>>().join("\n");
    assert_ne!(body(&a), body(&b));
    assert_ne!(body(&a), body(&c));
}

#[test]
fn generated_programs_parse() {
    let mut vm = Vm::new(Box::new(MemoryHost::default()));
    for seed in 0..4u64 {
        let src = gen::batch(seed, 0, 250);
        if let Err(e) = io_runtime::parse::parse(&mut vm, &src, "gen.io") {
            let line = src
                .lines()
                .nth(e.line.saturating_sub(1) as usize)
                .unwrap_or("");
            panic!("seed {seed}: {} at {}:{}: {line}", e.message, e.line, e.col);
        }
    }
}

#[test]
fn standalone_files_parse_and_name_their_seed() {
    let mut vm = Vm::new(Box::new(MemoryHost::default()));
    let src = gen::standalone(5, 123, "a note\non two lines");
    assert!(src.starts_with("// difffuzz reproduction: --seed 5, case 123"));
    assert!(src.contains("// on two lines\n"));
    io_runtime::parse::parse(&mut vm, &src, "one.io").expect("parses");
}

#[test]
fn every_snippet_kind_shows_up() {
    let src = gen::batch(3, 0, 400);
    for needle in [
        "while(",
        "for(",
        "repeat(",
        "loop(",
        "break",
        "continue",
        "return ",
        "block(",
        " call(",
        "foreach(",
        " map(",
        " append(",
        " atPut(",
        " at(",
        " .. ",
        "raise(",
        "try(",
        " error",
        "catch(",
        "setSlot(",
        "updateSlot(",
        "getSlot(",
        " clone do(",
        "coroDo(",
        "yield",
        " @@",
        " @",
        "wait(0)",
        "Number setSlot(",
    ] {
        assert!(src.contains(needle), "no {needle:?} in 400 programs");
    }
}

//! Interned names. Slot names and message names are `Sym`s: a u32 index into the
//! table. Symbols are never freed. This room knows nothing of heap objects.

use crate::fxhash::FxHashMap as HashMap;
use std::cell::OnceCell;

#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Sym(pub u32);

/// The table: every name's text in one string, and a map from text to
/// symbol, which is made from the names when first needed. A snapshot of
/// the heap (`ioc build`) need not store the map: `forget_map` drops it.
#[derive(Default)]
pub struct Symbols {
    /// The names one after another; symbol i is `text[ends[i - 1]..ends[i]]`.
    text: String,
    ends: Vec<u32>,
    map: OnceCell<HashMap<Box<str>, Sym>>,
}

impl Symbols {
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(sym) = self.lookup(s) {
            return sym;
        }
        let sym = Sym(self.ends.len() as u32);
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
        if let Some(map) = self.map.get_mut() {
            map.insert(s.into(), sym);
        }
        sym
    }
    pub fn lookup(&self, s: &str) -> Option<Sym> {
        let map = self.map.get_or_init(|| {
            (0..self.ends.len() as u32)
                .map(|i| (Box::from(self.name(Sym(i))), Sym(i)))
                .collect()
        });
        map.get(s).copied()
    }
    pub fn name(&self, sym: Sym) -> &str {
        let i = sym.0 as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// Drop the map from text to symbol (and spare capacity), keeping the
    /// names.
    pub fn forget_map(&mut self) {
        self.map = OnceCell::new();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Names the VM refers to by constant, interned first so their indices are fixed.
macro_rules! known_symbols {
    ($($id:ident = $text:expr),* $(,)?) => {
        #[allow(non_upper_case_globals, dead_code)]
        pub mod sym {
            use super::Sym;
            known_symbols!(@consts 0u32; $($id)*);
        }
        pub const KNOWN: &[&str] = &[$($text),*];
    };
    (@consts $n:expr; $id:ident $($rest:ident)*) => {
        pub const $id: Sym = Sym($n);
        known_symbols!(@consts $n + 1u32; $($rest)*);
    };
    (@consts $n:expr;) => {};
}

known_symbols! {
    empty = "",
    self_ = "self",
    call = "call",
    forward = "forward",
    type_ = "type",
    init = "init",
    semicolon = ";",
    set_slot = "setSlot",
    set_slot_with_type = "setSlotWithType",
    update_slot = "updateSlot",
    new_slot = "newSlot",
    activate = "activate",
    error = "error",
    nested_exception = "nestedException",
    caught_message = "caughtMessage",
    stack = "callStack",
    if_ = "if",
    while_ = "while",
    loop_ = "loop",
    for_ = "for",
    repeat = "repeat",
    and = "and",
    or = "or",
    return_ = "return",
    operator_table = "OperatorTable",
    operators = "operators",
    assign_operators = "assignOperators",
    nil = "nil",
    true_ = "true",
    false_ = "false",
    as_string = "asString",
    print = "print",
    compare = "compare",
    coroutine = "coroutine",
    proto = "proto",
    run_message = "runMessage",
    run_target = "runTarget",
    run_locals = "runLocals",
    parent_coroutine = "parentCoroutine",
    result = "result",
    exception = "exception",
    handler_stack = "handlerStack",
    foreach = "foreach",
}

impl Symbols {
    pub fn new() -> Symbols {
        let mut s = Symbols::default();
        for name in KNOWN {
            s.intern(name);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn known_symbols_have_fixed_indices() {
        let mut s = Symbols::new();
        assert_eq!(s.intern("self"), sym::self_);
        assert_eq!(s.intern("forward"), sym::forward);
        assert_eq!(s.name(sym::proto), "proto");
        let a = s.intern("zzz");
        assert_eq!(s.intern("zzz"), a);
    }

    #[test]
    fn a_forgotten_map_is_made_again() {
        let mut s = Symbols::new();
        let a = s.intern("alpha");
        let e = s.intern("");
        s.forget_map();
        assert_eq!(s.lookup("alpha"), Some(a));
        assert_eq!(s.lookup("beta"), None);
        assert_eq!(s.name(a), "alpha");
        assert_eq!(s.intern("alpha"), a);
        assert_eq!(s.intern(""), e);
        let b = s.intern("beta");
        assert_eq!(b.0 as usize, s.len() - 1);
        assert_eq!((s.name(b), s.lookup("beta")), ("beta", Some(b)));
    }
}

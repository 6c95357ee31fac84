//! Interned names. Slot names and message names are `Sym`s: a u32 index into the
//! table. Symbols are never freed. This room knows nothing of heap objects.

use crate::fxhash::FxHashMap as HashMap;
use std::rc::Rc;

#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Sym(pub u32);

/// The table: each name's text is one allocation, shared by the index and
/// the map.
#[derive(Default)]
pub struct Symbols {
    names: Vec<Rc<str>>,
    map: HashMap<Rc<str>, Sym>,
}

impl Symbols {
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.map.get(s) {
            return sym;
        }
        let sym = Sym(self.names.len() as u32);
        let text: Rc<str> = s.into();
        self.names.push(text.clone());
        self.map.insert(text, sym);
        sym
    }
    pub fn lookup(&self, s: &str) -> Option<Sym> {
        self.map.get(s).copied()
    }
    pub fn name(&self, sym: Sym) -> &str {
        &self.names[sym.0 as usize]
    }
    pub fn len(&self) -> usize {
        self.names.len()
    }
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
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
}

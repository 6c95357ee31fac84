//! Tree-shaking a booted heap before it is stored in a module (`ioc build`).
//!
//! A slot can be reached only through its name. A name is *used* when it
//! names a message in reachable code, is the literal name given to a
//! reflective message (`getSlot("x")`, `perform("x")`), or is one the VM
//! looks up itself (`KNOWN` and `RUNTIME_NAMES`). Code is reachable when it
//! hangs from the VM's roots through protos, payloads and slots whose names
//! are used. Every slot whose name is not used can go, and with it the code
//! and natives that only it held.
//!
//! A program that can name a slot in a way its code does not show (a
//! reflective message with a computed name, source evaluated at run time,
//! slot tables listed) keeps everything: `analyse` says which message did
//! it, and where.

use crate::fxhash::{FxHashMap, FxHashSet};
use crate::heap::{OnNumbers, Payload};
use crate::symbol::{Sym, KNOWN};
use crate::value::Value;
use crate::vm::{Embedded, NResult, NativeCall, Vm};

/// Names the runtime's own code looks up or sends (beyond `symbol::KNOWN`).
pub const RUNTIME_NAMES: &[&str] = &[
    // The importer (protos/importer.rs).
    "autoImportingForward",
    "Importer",
    "searchPaths",
    // Messages natives send to the items they print or convert.
    "asSimpleString",
    "asJson",
    "item",
    // Coroutines and the JavaScript bridge (whose invoker of callbacks is
    // Io source: protos/js.rs).
    "callWithArgList",
    "getSlot",
    "yield",
    "block",
    "args",
    "k",
    "_",
    // File's own slots (protos/file.rs).
    "path",
    "_stream",
    "_position",
    "_mode",
    "_standardStream",
    // What a left-out slot holds (`prune`).
    "leftOut",
];

/// Names the runtime looks up only in some natives: once the first name is
/// used (the native's slot name, or the proto whose natives do it), so are
/// the others.
pub const NAMES_FOR: &[(&str, &[&str])] = &[
    ("Date", &["Duration", "format", "fromNumber", "clone"]),
    ("lastDataChangeDate", &["Date", "fromNumber", "clone"]),
    ("lastInfoChangeDate", &["Date", "fromNumber", "clone"]),
    ("lastAccessDate", &["Date", "fromNumber", "clone"]),
    ("vector", &["Vector"]),
];

/// Names whose use makes the JavaScript bridge's own objects (the JSObject
/// proto, the blocks JavaScript holds) reachable: JavaScript values enter
/// the program only through them.
const JS_NAMES: &[&str] = &["JS", "JSObject"];

/// Messages that evaluate source, or change the folders the Importer loads
/// files from (files the build did not embed): any use keeps everything.
const REFLECTS: &[&str] = &[
    "addSearchPath",
    "searchPaths",
    "doString",
    "doInContext",
    "eval",
    "fromString",
    "fromSerialization",
    "asMessage",
    "interpolate",
    "interpolateInPlace",
];

/// Messages whose first argument names a slot whose value they read or
/// send: a literal name is a use of it, any other argument keeps
/// everything. (Messages that only ask whether a slot exists or list the
/// names see no difference: a left-out slot keeps its name.)
const NAMES_BY_ARGUMENT: &[&str] = &[
    "getSlot",
    "getLocalSlot",
    "perform",
    "performWithArgList",
    "delegateTo",
    "delegateToMethod",
    "setName",
];

/// Messages that load a file named by their first argument: a literal path
/// names a file the build embedded (and this analysis reads), any other
/// argument keeps everything.
const LOADS_BY_ARGUMENT: &[&str] = &["doFile", "doRelativeFile", "relativeDoFile"];

/// What a program can reach.
pub enum Reach {
    /// Every used name (a slot named otherwise can go), and of them, the
    /// names the program's code uses (rather than the runtime itself).
    Names {
        used: FxHashSet<Sym>,
        in_code: FxHashSet<Sym>,
    },
    /// Nothing can go: the message `what` at `at` (file:line:column) can
    /// name slots the code does not show.
    Everything { what: String, at: String },
}

/// Which names the program loaded in `vm` can use (see the module docs).
pub fn analyse(vm: &mut Vm) -> Reach {
    let reflects: FxHashSet<Sym> = REFLECTS.iter().map(|n| vm.sym(n)).collect();
    let by_argument: FxHashSet<Sym> = NAMES_BY_ARGUMENT.iter().map(|n| vm.sym(n)).collect();
    let loads: FxHashSet<Sym> = LOADS_BY_ARGUMENT.iter().map(|n| vm.sym(n)).collect();
    let mut used: FxHashSet<Sym> = FxHashSet::default();
    let mut in_code: FxHashSet<Sym> = FxHashSet::default();
    let runtime_names: Vec<Sym> = KNOWN
        .iter()
        .chain(RUNTIME_NAMES)
        .map(|n| vm.sym(n))
        .collect();
    // What each name brings with it once used: names, and roots.
    let mut brings: FxHashMap<Sym, (Vec<Sym>, Vec<Value>)> = FxHashMap::default();
    for &(name, others) in NAMES_FOR {
        let others: Vec<Sym> = others.iter().map(|n| vm.sym(n)).collect();
        brings.entry(vm.sym(name)).or_default().0.extend(others);
    }
    let mut js_roots = Vec::new();
    vm.js.roots(&mut js_roots);
    for name in JS_NAMES {
        brings.entry(vm.sym(name)).or_default().1 = js_roots.clone();
    }
    // Slot values not followed yet, by the name that would reach them.
    let mut waiting: FxHashMap<Sym, Vec<Value>> = FxHashMap::default();
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    let js_roots: FxHashSet<Value> = js_roots.into_iter().collect();
    let mut work: Vec<Value> = vm
        .roots()
        .into_iter()
        .filter(|v| !js_roots.contains(v))
        .collect();
    use_names(
        runtime_names,
        &mut used,
        &mut waiting,
        &mut brings,
        &mut work,
    );
    // The files the build embedded run later (`doFile`, the Importer): their
    // code counts as reachable.
    work.extend(embedded_trees(vm).into_iter().filter_map(|(_, tree)| tree));
    while let Some(v) = work.pop() {
        let Some(r) = v.as_obj() else { continue };
        if !seen.insert(r.0) {
            continue;
        }
        let o = vm.heap.get(r);
        work.extend(o.protos.iter().copied());
        for &(name, value) in &o.slots.entries {
            if used.contains(&name) {
                work.push(value);
            } else {
                waiting.entry(name).or_default().push(value);
            }
        }
        o.payload.children(&mut work);
        let Payload::Message(m) = &o.payload else {
            continue;
        };
        let (name, first) = (m.name, m.args.first().copied());
        let mut names = vec![name];
        if reflects.contains(&name) {
            return everything(vm, v);
        }
        if by_argument.contains(&name) || loads.contains(&name) {
            match first.and_then(|a| literal_name(vm, a)) {
                Some(named) if by_argument.contains(&name) => names.push(named),
                Some(_) => {}
                // The name of the message being handled (a forward) names
                // a message in the code, or one made where this analysis
                // keeps everything anyway.
                None if by_argument.contains(&name)
                    && first.is_some_and(|a| handled_message_name(vm, a)) => {}
                None => return everything(vm, v),
            }
        }
        in_code.extend(names.iter().copied());
        use_names(names, &mut used, &mut waiting, &mut brings, &mut work);
    }
    Reach::Names { used, in_code }
}

/// Note `names` as used: what waited on them, and what they bring, is to
/// be followed.
fn use_names(
    mut names: Vec<Sym>,
    used: &mut FxHashSet<Sym>,
    waiting: &mut FxHashMap<Sym, Vec<Value>>,
    brings: &mut FxHashMap<Sym, (Vec<Sym>, Vec<Value>)>,
    work: &mut Vec<Value>,
) {
    while let Some(name) = names.pop() {
        if used.insert(name) {
            work.extend(waiting.remove(&name).unwrap_or_default());
            if let Some((others, roots)) = brings.remove(&name) {
                names.extend(others);
                work.extend(roots);
            }
        }
    }
}

/// The name a literal string argument gives, interned.
fn literal_name(vm: &mut Vm, arg: Value) -> Option<Sym> {
    let m = match &vm.heap.obj(arg)?.payload {
        Payload::Message(m) if m.next.is_nil() && m.args.is_empty() => m.cached?,
        _ => return None,
    };
    let text = match &vm.heap.obj(m)?.payload {
        Payload::Seq(s) => String::from_utf8(s.bytes.clone()).ok()?,
        _ => return None,
    };
    Some(vm.sym(&text))
}

/// Whether `arg` is the chain `call message name`.
fn handled_message_name(vm: &Vm, arg: Value) -> bool {
    let mut names = Vec::new();
    let mut m = arg;
    while let Some(Payload::Message(data)) = vm.heap.obj(m).map(|o| &o.payload) {
        if !data.args.is_empty() {
            return false;
        }
        names.push(vm.syms.name(data.name));
        m = data.next;
    }
    names == ["call", "message", "name"]
}

fn everything(vm: &Vm, message: Value) -> Reach {
    match vm.heap.obj(message).map(|o| &o.payload) {
        Some(Payload::Message(m)) => Reach::Everything {
            what: vm.syms.name(m.name).to_string(),
            at: format!("{}:{}:{}", m.label, m.line, m.col),
        },
        _ => Reach::Everything {
            what: String::new(),
            at: String::new(),
        },
    }
}

/// Leave out the value of every slot whose name is not in `keep`: the slot
/// keeps its name (so `hasSlot` and `slotNames` answer as before) and holds
/// a method that raises, and what only it held is collected. Answers how
/// many slots were left out.
pub fn prune(vm: &mut Vm, keep: &FxHashSet<Sym>) -> usize {
    let name = vm.sym("leftOut");
    let left_out = Value::obj(vm.new_native(name, left_out, "Object", false));
    let removed = vm.heap.replace_slots(|name| keep.contains(&name), left_out);
    // Without `JS` or `JSObject`, no JavaScript value can enter the
    // program: the bridge's own objects (the JSObject proto) go too.
    if !JS_NAMES.iter().any(|n| keep.contains(&vm.sym(n))) {
        vm.js = Default::default();
    }
    // The literal strings interned for code that is now garbage go too
    // (the table is a cache: a literal made later gets a fresh object).
    let literals = std::mem::take(&mut vm.symbol_strings);
    vm.collect_garbage();
    vm.symbol_strings = literals
        .into_iter()
        .filter(|&(_, r)| vm.heap.is_live(r))
        .collect();
    removed
}

/// Leave the parser out when no code can need it (after `prune`): parse the files the program was built with now, so that
/// `doFile` and the Importer run their trees. Answers the parser's
/// function (in a wasm module, its index in the function table) when it
/// went. Code that names `OperatorTable` (`in_code` of `Reach::Names`)
/// keeps it: a change of operators changes how the files parse later.
pub fn drop_parser(vm: &mut Vm, in_code: &FxHashSet<Sym>) -> Option<usize> {
    if in_code.contains(&crate::symbol::sym::operator_table) {
        return None;
    }
    for (path, tree) in embedded_trees(vm) {
        // (A file that does not parse keeps the parser: its syntax error is
        // reported when the program loads it.)
        let tree = tree?;
        vm.embedded_files.insert(path, Embedded::Parsed(tree));
    }
    // The bridge runs JavaScript's callbacks through a message it parses.
    if vm.js.proto.is_some() && crate::protos::js::invoker(vm).is_err() {
        return None;
    }
    vm.parser.take().map(|f| f as usize)
}

/// The files the build embedded, by path, with their message trees (a
/// file held as source is parsed now; None for one that does not parse).
fn embedded_trees(vm: &mut Vm) -> Vec<(String, Option<Value>)> {
    // (Each file's tree, or its source to parse.)
    let mut files: Vec<(String, Result<Value, Vec<u8>>)> = vm
        .embedded_files
        .iter()
        .map(|(path, file)| match file {
            &Embedded::Parsed(tree) => (path.clone(), Ok(tree)),
            Embedded::Source(bytes) => (path.clone(), Err(bytes.clone())),
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
        .into_iter()
        .map(|(path, file)| {
            let tree = match file {
                Ok(tree) => Some(tree),
                Err(source) => {
                    let text = String::from_utf8_lossy(&source);
                    crate::program::parse(vm, &text, &path).ok()
                }
            };
            (path, tree)
        })
        .collect()
}

/// What a left-out slot holds.
fn left_out(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    vm.err(
        "this slot's value was left out of the module by ioc build's tree-shaking \
         (no code in the program names it; build with -O0 to keep everything)",
    )
}

/// The addresses of the functions of every live native (its own and its
/// formula on Numbers): in a wasm module, their indices in the function
/// table.
pub fn native_functions(vm: &Vm) -> FxHashSet<usize> {
    let mut fns = FxHashSet::default();
    for (_, o) in vm.heap.live() {
        if let Payload::Native(n) = &o.payload {
            fns.insert(n.f as usize);
            match n.on_numbers {
                OnNumbers::None => {}
                OnNumbers::Unary(f) => {
                    fns.insert(f as usize);
                }
                OnNumbers::Arith(f) => {
                    fns.insert(f as usize);
                }
                OnNumbers::Compare(f) => {
                    fns.insert(f as usize);
                }
            }
        }
    }
    fns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::MemoryHost;

    fn loaded(src: &str) -> (Vm, Value) {
        let mut vm = Vm::new(Box::new(MemoryHost::default()));
        let main = crate::program::parse(&mut vm, src, "shake.io").expect("parses");
        vm.extra_roots.push(main);
        (vm, main)
    }

    fn names(vm: &mut Vm) -> FxHashSet<Sym> {
        match analyse(vm) {
            Reach::Names { used, .. } => used,
            Reach::Everything { what, at } => panic!("keeps everything for {what} at {at}"),
        }
    }

    #[test]
    fn a_program_reaches_the_names_it_sends_and_what_they_send() {
        let (mut vm, _) = loaded("x := 3\nx println\nlist(1, 2) sort print\n");
        let used = names(&mut vm);
        for n in ["println", "sort", "print", "setSlot", "asString"] {
            assert!(used.contains(&vm.sym(n)), "{n} should be used");
        }
        for n in [
            "reverseFindSeq",
            "asUppercase",
            "sqrt",
            "openForReading",
            "Duration",
        ] {
            assert!(!used.contains(&vm.sym(n)), "{n} should not be used");
        }
        // A proto whose natives look names up brings them.
        let (mut vm, _) = loaded("Date now year println\n");
        let used = names(&mut vm);
        assert!(used.contains(&vm.sym("Duration")));
    }

    #[test]
    fn a_literal_slot_name_is_a_use_and_a_computed_one_keeps_everything() {
        let (mut vm, _) = loaded("Object getSlot(\"asUppercase\") println\n");
        let used = names(&mut vm);
        assert!(used.contains(&vm.sym("asUppercase")));
        let (mut vm, _) = loaded("n := \"asUpper\" .. \"case\"\nObject getSlot(n) println\n");
        match analyse(&mut vm) {
            Reach::Everything { what, at } => {
                assert_eq!(what, "getSlot");
                assert_eq!(at, "shake.io:2:8");
            }
            Reach::Names { .. } => panic!("a computed name must keep everything"),
        }
        let (mut vm, _) = loaded("doString(\"1 println\")\n");
        assert!(matches!(analyse(&mut vm), Reach::Everything { .. }));
        // A forward that sends on the message it handles names nothing new.
        let (mut vm, _) = loaded(
            "P := Object clone do(forward := method(\"x\" perform(call message name)))\n\
             P asUppercase println\n",
        );
        names(&mut vm);
        let (mut vm, _) = loaded("P := Object clone do(n := \"a\")\nP perform(P n)\n");
        assert!(matches!(analyse(&mut vm), Reach::Everything { .. }));
    }

    #[test]
    fn pruned_programs_run_as_before() {
        let src = "Point := Object clone do(x := 1; y := 2; sum := method(x + y))\n\
                   p := Point clone\n\
                   p x = 5\n\
                   e := try(Exception raise(\"boom\"))\n\
                   result := list(p sum, list(3, 1, 2) sort join(\",\"), e error,\n\
                       \"abc\" hasSlot(\"asUppercase\")) join(\" \")\n";
        let (mut vm, main) = loaded(src);
        let used = names(&mut vm);
        let before = vm.heap.len();
        let removed = prune(&mut vm, &used);
        assert!(removed > 100, "only {removed} slots removed");
        assert!(vm.heap.len() < before);
        // No JavaScript value can enter: the JSObject proto went.
        assert!(vm.js.proto.is_none());
        vm.extra_roots.pop();
        assert_eq!(crate::program::run_main(&mut vm, main), 0);
        let result = vm.do_string("result", "later.io").expect("result");
        assert_eq!(vm.display_string(result), "7 1,2,3 boom true");
        // A left-out slot keeps its name and raises when used.
        let e = vm
            .do_string("\"abc\" asUppercase", "later.io")
            .expect_err("a left-out slot raises");
        let report = crate::report::exception_report(&vm, e);
        assert!(report.contains("left out of the module"), "{report}");
        // A program that names JS keeps it.
        let (mut vm, _) = loaded("JS get(\"document\")\n");
        let used = names(&mut vm);
        prune(&mut vm, &used);
        assert!(vm.js.proto.is_some_and(|p| vm.heap.is_live(p)));
    }

    /// `src` loaded with `files` embedded as a build embeds them (and
    /// `onDisk.io` on the host), shaken, with the parser left out if it can
    /// be, then run: whether the parser went, and the VM.
    fn shaken_with_files(src: &str, files: &[(&str, &str)]) -> (bool, Vm) {
        let mut host = MemoryHost::default();
        host.files.insert("onDisk.io".into(), b"1\n".to_vec());
        let mut vm = Vm::new(Box::new(host));
        let main = crate::program::parse(&mut vm, src, "shake.io").expect("parses");
        vm.extra_roots.push(main);
        for (path, text) in files {
            vm.embedded_files
                .insert(path.to_string(), Embedded::Source(text.as_bytes().to_vec()));
        }
        let Reach::Names { used, in_code } = analyse(&mut vm) else {
            panic!("keeps everything");
        };
        prune(&mut vm, &used);
        let dropped = drop_parser(&mut vm, &in_code).is_some();
        let lobby = vm.lobby();
        if let Err(e) = vm.eval_message(main, lobby, lobby) {
            panic!("{}", crate::report::exception_report(&vm, e));
        }
        (dropped, vm)
    }

    #[test]
    fn without_the_parser_the_files_built_with_still_load() {
        let src = "Greeter hello
                   n := 0
                   twice := list(doFile(\"count.io\"), doFile(\"count.io\")) join(\",\")
                   missing := try(doFile(\"absent.io\")) error
                   unparsed := try(doFile(\"onDisk.io\")) error
";
        let files = [
            (
                "Greeter.io",
                "Greeter := Object clone do(hello := method(\"hi\"))\n",
            ),
            ("count.io", "n = n + 1\n"),
        ];
        let (dropped, mut vm) = shaken_with_files(src, &files);
        assert!(dropped);
        assert!(vm.parser.is_none());
        let lobby = vm.lobby();
        let get = |vm: &mut Vm, name: &str| {
            let name = vm.sym(name);
            let v = vm.get_slot(lobby, name).expect("slot");
            vm.display_string(v)
        };
        // The Importer ran Greeter.io, and each doFile ran count.io again.
        assert!(vm
            .get_slot(lobby, vm.syms.lookup("Greeter").unwrap())
            .is_some());
        assert_eq!(get(&mut vm, "twice"), "1,2");
        // A file the build did not embed is read from the host, and cannot
        // be parsed now.
        assert_eq!(get(&mut vm, "missing"), "unable to read file 'absent.io'");
        let unparsed = get(&mut vm, "unparsed");
        assert!(unparsed.contains("without the Io parser"), "{unparsed}");

        // A program that names JS has the message the bridge runs its
        // callbacks with made now: it is there without the parser.
        let (dropped, mut vm) = shaken_with_files("bridge := JS\n", &[]);
        assert!(dropped && vm.parser.is_none());
        assert!(crate::protos::js::invoker(&mut vm).is_ok());

        // Code that names OperatorTable keeps the parser.
        let src = "OperatorTable addOperator(\"+++\", 6)\n";
        let (dropped, vm) = shaken_with_files(src, &[]);
        assert!(!dropped && vm.parser.is_some());
        // So does a file that does not parse (its error shows when it loads).
        let (dropped, _) = shaken_with_files("1\n", &[("./bad.io", "a := (\n")]);
        assert!(!dropped);
    }

    #[test]
    fn every_name_the_runtime_looks_up_by_text_is_listed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![root];
        let mut missing = Vec::new();
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let file = p.file_name().unwrap().to_string_lossy();
            if file == "shake.rs" || file.ends_with("tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // (Test modules come last in a file.)
            let text = text.split("#[cfg(test)]").next().unwrap();
            for (i, _) in text.match_indices("sym(\"") {
                let rest = &text[i + 5..];
                let name = &rest[..rest.find('"').unwrap()];
                let conditional = NAMES_FOR.iter().any(|(_, names)| names.contains(&name));
                if !KNOWN.contains(&name) && !RUNTIME_NAMES.contains(&name) && !conditional {
                    missing.push(format!("{}: {name}", p.display()));
                }
            }
        }
        assert!(missing.is_empty(), "not in RUNTIME_NAMES: {missing:?}");
    }
}

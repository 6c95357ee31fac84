//! Any input ends in a value, an Io exception or a parse error: never a panic
//! or a hang. Random programs are made from Io tokens by a fixed-seed
//! generator, and run with fuel, depth and heap limits; inputs that once hung
//! the interpreter are kept as regressions.

use io_runtime::host::MemoryHost;
use io_runtime::Vm;

fn limited_vm() -> Vm {
    let mut vm = Vm::new(Box::new(MemoryHost::default()));
    vm.fuel = Some(20_000);
    vm.max_depth = 2_000;
    vm.max_objects = Some(200_000);
    vm.max_alloc = 1 << 20;
    vm
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

const TOKENS: &[&str] = &[
    "x",
    "y",
    "o",
    "l",
    "s",
    "n",
    ":=",
    "=",
    "::=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "==",
    "!=",
    "<",
    ">",
    "and",
    "or",
    "..",
    "(",
    ")",
    "(",
    ")",
    ",",
    ";",
    "\n",
    "1",
    "0",
    "2.5",
    "-1",
    "\"a\"",
    "\"\"",
    "nil",
    "true",
    "false",
    "if",
    "while",
    "loop",
    "for",
    "repeat",
    "break",
    "continue",
    "return",
    "method",
    "block",
    "call",
    "self",
    "clone",
    "Object",
    "List",
    "list",
    "Map",
    "append",
    "at",
    "size",
    "foreach",
    "map",
    "select",
    "println",
    "asString",
    "try",
    "Exception",
    "raise",
    "catch",
    "setSlot",
    "getSlot",
    "doString",
    "message",
    "do",
    "[",
    "]",
    "{",
    "}",
    "?",
    "@",
    "setProtos",
    "protos",
    "switch",
    "sort",
    "reverse",
    "join",
];

#[test]
fn random_token_programs_never_panic_or_hang() {
    let mut rng = Lcg(0x5EED);
    let mut vm = limited_vm();
    for i in 0..3_000 {
        let len = 1 + (rng.next() % 40) as usize;
        let src: Vec<&str> = (0..len).map(|_| rng.pick(TOKENS)).collect();
        let src = src.join(" ");
        let _ = io_runtime::parse::parse(&mut vm, &src, "gen");
        vm.fuel = Some(20_000);
        let _ = vm.do_string(&src, "gen");
        if i % 200 == 199 {
            vm = limited_vm();
        }
    }
}

#[test]
fn inputs_that_once_hung_now_stop() {
    let cases = [
        "loop(1)",
        "loop",
        "n := 0; loop(5, break(n setProtos)) println",
        "while(true)",
        "for(i, 1, 1e300, nil)",
        "1e300 repeat(nil)",
        "f := method(f); f",
        "f := method(n, f(n + 1) + 1); f(0)",
        "l := list(1); l append(l); l println",
        "m := message(a); m setNext(m); m doInContext(Lobby)",
        "s := \"a\"; loop(s = s .. s)",
        // coroutines, the scheduler and continuations
        "loop(yield)",
        "coroDo(loop(yield)); loop(yield)",
        "coroFor(Coroutine freeStack) run",
        "coroFor(Coroutine run) run",
        "Coroutine yieldingCoros setSize(100000); yield",
        "Coroutine yieldingCoros setSize(100000); pause",
        "Scheduler timers setSize(100000); yield",
        "Scheduler timers append(list(1/0, coroFor(1))); pause",
        "Coroutine currentCoroutine setHandlerStack(list setSize(100000)); loop(callcc(block(k, k)))",
        "f := method(n, if(n == 0, 0, callcc(block(k, f(n - 1))))); f(100000)",
        "k := callcc(block(c, c)); k invoke(k)",
        "o := Object clone; o m := method(self @m + 1); (o @m) + 1",
        "l := list setSize(100000); loop(l clone)",
        "l := list setSize(100000); 6000 repeat(l contains(1))",
    ];
    for src in cases {
        let mut vm = limited_vm();
        let _ = vm.do_string(src, "case");
        // However the case ended, the VM runs the next program as usual.
        vm.fuel = Some(20_000);
        let r = vm.do_string("1 + 1", "after");
        assert!(
            matches!(r, Ok(v) if v.as_num() == Some(2.0)),
            "the VM is unusable after: {src}"
        );
    }
}

#[test]
fn the_vm_stays_usable_after_a_limit_stops_it() {
    let mut vm = limited_vm();
    assert!(vm.do_string("loop(1)", "a").is_err());
    vm.fuel = Some(20_000);
    let v = vm.do_string("1 + 2", "b").expect("runs");
    assert_eq!(v.as_num(), Some(3.0));
}

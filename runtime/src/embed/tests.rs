use super::*;
use crate::host::MemoryHost;
use std::collections::HashMap as StdHashMap;

fn io() -> Io {
    Io::with_host(Box::new(MemoryHost::default()))
}

#[test]
fn values_cross_from_io_to_rust() {
    let mut io = io();
    assert_eq!(io.eval_str::<f64>("1 + 2", "t"), Ok(3.0));
    assert_eq!(io.eval_str::<i64>("6 * 7", "t"), Ok(42));
    assert_eq!(
        io.eval_str::<String>("\"ab\" .. \"cd\"", "t").unwrap(),
        "abcd"
    );
    assert_eq!(io.eval_str::<bool>("3 > 2", "t"), Ok(true));
    assert_eq!(io.eval_str::<Option<f64>>("nil", "t"), Ok(None));
    assert_eq!(io.eval_str::<Option<f64>>("5", "t"), Ok(Some(5.0)));
    assert_eq!(
        io.eval_str::<Vec<String>>("list(\"x\", \"y\")", "t")
            .unwrap(),
        vec!["x".to_string(), "y".to_string()]
    );
    let m: StdHashMap<String, f64> = io
        .eval_str("Map clone atPut(\"a\", 1) atPut(\"b\", 2)", "t")
        .unwrap();
    assert_eq!(m.get("a"), Some(&1.0));
    assert_eq!(m.get("b"), Some(&2.0));
    // A value of the wrong type is a conversion error, not a panic.
    match io.eval_str::<f64>("\"text\"", "t") {
        Err(Error::Conversion(e)) => assert_eq!(e.expected, "Number"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        io.eval_str::<u8>("300", "t"),
        Err(Error::Conversion(_))
    ));
    assert!(matches!(
        io.eval_str::<i32>("1.5", "t"),
        Err(Error::Conversion(_))
    ));
}

#[test]
fn values_cross_from_rust_to_io() {
    let mut io = io();
    io.set("n", &21);
    io.set("name", "Ada");
    io.set("items", &vec![1.5, 2.5]);
    io.set("missing", &None::<f64>);
    let mut prices = StdHashMap::new();
    prices.insert("tea", 3.0);
    io.set("prices", &prices);
    io.set("flag", &true);
    assert_eq!(io.eval_str::<f64>("n * 2", "t"), Ok(42.0));
    assert_eq!(
        io.eval_str::<String>("\"hi \" .. name", "t").unwrap(),
        "hi Ada"
    );
    assert_eq!(
        io.eval_str::<f64>("items at(0) + items at(1)", "t"),
        Ok(4.0)
    );
    assert_eq!(io.eval_str::<bool>("missing isNil", "t"), Ok(true));
    assert_eq!(io.eval_str::<f64>("prices at(\"tea\")", "t"), Ok(3.0));
    assert_eq!(io.eval_str::<bool>("flag", "t"), Ok(true));
    assert_eq!(io.get::<f64>("n"), Ok(21.0));
}

#[derive(Debug, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

impl ToIo for Point {
    fn to_io(&self, vm: &mut Vm) -> Value {
        vm.object_with(&[("x", Value::num(self.x)), ("y", Value::num(self.y))])
    }
}

impl FromIo for Point {
    fn from_io(vm: &Vm, v: Value) -> Result<Self, ConvError> {
        Ok(Point {
            x: vm.slot_as(v, "x")?,
            y: vm.slot_as(v, "y")?,
        })
    }
}

#[test]
fn user_types_convert_through_the_traits() {
    let mut io = io();
    io.set("p", &Point { x: 1.0, y: 2.0 });
    let q: Point = io.eval_str("q := p clone; q x = p y * 10; q", "t").unwrap();
    assert_eq!(q, Point { x: 20.0, y: 2.0 });
    assert!(matches!(
        io.eval_str::<Point>("Object clone", "t"),
        Err(Error::Conversion(_))
    ));
}

#[test]
fn a_rust_closure_is_called_from_io() {
    let mut io = io();
    let mut seen = Vec::new();
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let log2 = log.clone();
    io.register("shout", move |s: String, times: usize| {
        log2.borrow_mut().push(s.clone());
        s.to_uppercase().repeat(times)
    });
    io.register("half", |x: f64| -> Result<f64, String> {
        if x < 0.0 {
            Err(format!("negative: {x}"))
        } else {
            Ok(x / 2.0)
        }
    });
    assert_eq!(
        io.eval_str::<String>("shout(\"ab\", 2)", "t").unwrap(),
        "ABAB"
    );
    // From inside a method of another object, through perform, and as a
    // value taken out of its slot.
    let r: f64 = io
        .eval_str(
            "o := Object clone do(f := method(v, Lobby half(v) + 1)); o f(10)",
            "t",
        )
        .unwrap();
    assert_eq!(r, 6.0);
    assert_eq!(io.eval_str::<f64>("perform(\"half\", 8)", "t"), Ok(4.0));
    assert_eq!(
        io.eval_str::<f64>("h := getSlot(\"half\"); h(12)", "t"),
        Ok(6.0)
    );
    // An error from the closure is an Io exception, which Io can catch.
    let caught: String = io.eval_str("e := try(half(-1)); e error", "t").unwrap();
    assert_eq!(caught, "negative: -1");
    // A wrong argument type is reported the same way.
    match io.eval_str::<f64>("half(\"x\")", "t") {
        Err(Error::Exception { message, .. }) => {
            assert!(
                message.starts_with("half: argument 1: expected Number"),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
    seen.extend(log.borrow().iter().cloned());
    assert_eq!(seen, vec!["ab".to_string()]);
}

#[test]
fn a_raw_closure_sees_the_receiver() {
    let mut io = io();
    let object = Value::obj(io.vm().p.object);
    io.register_raw(
        object,
        "tagged",
        Box::new(|vm, this, args| {
            let tag: String = vm.slot_as(this, "tag").map_err(|e| e.to_string())?;
            Ok(vm.str_value(&format!("{tag}:{}", args.len())))
        }),
    );
    let s: String = io
        .eval_str("Object clone do(tag := \"k\") tagged(1, 2)", "t")
        .unwrap();
    assert_eq!(s, "k:2");
}

#[test]
fn io_methods_are_called_from_rust() {
    let mut io = io();
    io.eval_str::<()>(
        "add := method(a, b, a + b)\nAcc := Object clone do(total := 0; put := method(n, total = total + n; self))",
        "t",
    )
    .unwrap();
    assert_eq!(io.call_global::<f64, _>("add", &(2, 3)), Ok(5.0));
    assert_eq!(
        io.call_global::<String, _>("add", &("a", "b")).ok(),
        None,
        "Sequence + fails"
    );
    let acc: Value = io.get("Acc").unwrap();
    let acc = io.keep(acc);
    for n in 1..=4 {
        io.call::<Value, _>(acc.value(), "put", &(n,)).unwrap();
    }
    io.collect_garbage();
    assert_eq!(io.vm_ref().slot_as::<f64>(acc.value(), "total"), Ok(10.0));
    // Unknown methods raise as in Io.
    match io.call_global::<f64, _>("nope", &()) {
        Err(Error::Exception { message, .. }) => assert!(message.contains("nope"), "{message}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_io_exception_surfaces_with_its_message_and_stack() {
    let mut io = io();
    let err = io
        .eval_str::<f64>(
            "inner := method(Exception raise(\"boom\"))\nouter := method(inner; 1)\nouter",
            "rules.io",
        )
        .unwrap_err();
    match &err {
        Error::Exception {
            type_name,
            message,
            stack,
        } => {
            assert_eq!(type_name, "Exception");
            assert_eq!(message, "boom");
            assert!(stack.iter().any(|l| l.contains("rules.io")), "{stack:?}");
            assert!(stack.len() >= 2, "{stack:?}");
            assert!(stack[0].contains("inner"), "{stack:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().starts_with("Exception: boom"));
    // A custom exception type keeps its name.
    let err = io
        .eval_str::<f64>("MyError := Exception clone; MyError raise(\"bad\")", "t")
        .unwrap_err();
    assert!(matches!(err, Error::Exception { ref type_name, .. } if type_name == "MyError"));
    // The VM goes on.
    assert_eq!(io.eval_str::<f64>("1 + 1", "t"), Ok(2.0));
}

#[test]
fn syntax_errors_in_run_time_source_are_errors() {
    let mut io = io();
    assert!(matches!(
        io.eval_str::<f64>("f(1,", "t"),
        Err(Error::Syntax { line: 1, .. })
    ));
}

#[test]
fn fuel_stops_an_endless_loop_and_the_vm_stays_usable() {
    let mut io = io();
    io.set_fuel(Some(100_000));
    assert_eq!(
        io.eval_str::<f64>("i := 0; loop(i = i + 1)", "t"),
        Err(Error::OutOfFuel)
    );
    // Io handlers cannot catch it.
    assert_eq!(
        io.eval_str::<Value>("e := try(while(true, nil)); e", "t"),
        Err(Error::OutOfFuel)
    );
    // An endless recursion too.
    assert_eq!(
        io.eval_str::<Value>("f := method(n, f(n + 1)); f(0)", "t")
            .err(),
        Some(Error::OutOfFuel)
    );
    io.set_fuel(Some(100_000));
    assert_eq!(io.eval_str::<f64>("i > 0", "t").ok(), None);
    assert_eq!(io.eval_str::<bool>("i > 0", "t"), Ok(true));
    assert_eq!(io.eval_str::<f64>("2 + 2", "t"), Ok(4.0));
    io.set_fuel(None);
    assert_eq!(
        io.eval_str::<f64>("s := 0; for(k, 1, 1000, s = s + k); s", "t"),
        Ok(500500.0)
    );
}

#[test]
fn heap_limit_stops_an_endless_allocation_and_the_vm_stays_usable() {
    let mut io = io();
    io.set_heap_limit(Some(64 << 20));
    assert_eq!(
        io.eval_str::<Value>("l := list; loop(l append(Object clone))", "t"),
        Err(Error::HeapLimit)
    );
    // Nested lists, each keeping the one before it alive.
    assert_eq!(
        io.eval_str::<Value>("o := list; loop(o = list(o, o))", "t"),
        Err(Error::HeapLimit)
    );
    io.eval_str::<()>("l = nil; o = nil", "t").unwrap();
    io.collect_garbage();
    assert_eq!(io.eval_str::<f64>("list(1, 2, 3) size", "t"), Ok(3.0));
}

#[test]
fn coroutines_run_inside_embedded_code() {
    let mut io = io();
    // Actors and futures inside one evaluation.
    let r: f64 = io
        .eval_str(
            "Worker := Object clone do(square := method(n, yield; n * n))\n\
             a := Worker clone; b := Worker clone\n\
             fa := a @square(3); fb := b @square(4)\n\
             fa + (fb + 0)",
            "t",
        )
        .unwrap();
    assert_eq!(r, 25.0);
    // Coroutines left queued are driven by the embedder, step by step.
    io.eval_str::<()>(
        "log := list\n\
         Counter := Object clone do(run := method(n, for(i, 1, n, log append(i); yield)))\n\
         Counter clone @@run(3)\n\
         Counter clone @@run(2)",
        "t",
    )
    .unwrap();
    assert_eq!(io.eval_str::<Vec<f64>>("log", "t"), Ok(vec![]));
    assert!(io.has_pending_coroutines());
    assert_eq!(io.step_coroutines(), Ok(true));
    let after_one: Vec<f64> = io.eval_str("log", "t").unwrap();
    assert!(
        !after_one.is_empty() && after_one.len() < 5,
        "{after_one:?}"
    );
    io.run_coroutines().unwrap();
    assert!(!io.has_pending_coroutines());
    let mut all: Vec<f64> = io.eval_str("log", "t").unwrap();
    all.sort_by(f64::total_cmp);
    assert_eq!(all, vec![1.0, 1.0, 2.0, 2.0, 3.0]);
}

#[test]
fn a_script_tree_is_rebuilt_without_parsing() {
    // What `io!{ x := 1 + $n; x }` expands to.
    static NODES: [Node; 6] = [
        Node {
            name: "n",
            lit: Lit::Capture(0),
            line: 1,
            col: 10,
            args: &[],
            next: NONE,
        },
        Node {
            name: "1",
            lit: Lit::Num(1.0),
            line: 1,
            col: 6,
            args: &[],
            next: NONE,
        },
        Node {
            name: "+",
            lit: Lit::Send,
            line: 1,
            col: 8,
            args: &[0],
            next: NONE,
        },
        Node {
            name: "x",
            lit: Lit::Send,
            line: 1,
            col: 13,
            args: &[],
            next: NONE,
        },
        Node {
            name: ";",
            lit: Lit::Send,
            line: 1,
            col: 12,
            args: &[],
            next: 3,
        },
        Node {
            name: "setSlot",
            lit: Lit::Send,
            line: 1,
            col: 1,
            args: &[6, 7],
            next: 4,
        },
    ];
    // Indices 6 and 7 are out of range on purpose: a bad tree builds
    // something (here setSlot without arguments) rather than panicking.
    static TREE: Tree = Tree {
        label: "t.rs",
        nodes: &NODES,
        head: 5,
        captures: 1,
        fast: &[],
    };
    let mut io = io();
    let n = 41.0;
    let script = Script::new(&TREE, vec![&n]);
    assert!(io.eval::<Value>(&script).is_err());
}

#[test]
fn fuel_stops_coroutines_that_never_end_and_the_vm_stays_usable() {
    let mut io = io();
    io.eval_str::<()>(
        "Spinner := Object clone do(spin := method(loop(yield)))\nSpinner clone @@spin",
        "t",
    )
    .unwrap();
    io.set_fuel(Some(50_000));
    assert_eq!(io.run_coroutines(), Err(Error::OutOfFuel));
    io.set_fuel(Some(50_000));
    assert_eq!(io.eval_str::<f64>("1 + 1", "t"), Ok(2.0));
    // An endless loop inside an actor, waited on through a future.
    assert_eq!(
        io.eval_str::<f64>(
            "Busy := Object clone do(work := method(loop(nil))); f := Busy clone @work; f + 1",
            "t"
        ),
        Err(Error::OutOfFuel)
    );
    io.set_fuel(Some(50_000));
    assert_eq!(io.eval_str::<f64>("2 + 2", "t"), Ok(4.0));
}

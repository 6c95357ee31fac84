//! JS and JSObject against a small JavaScript stand-in: a host whose
//! `js` answers from a table of fake objects, so that the bridge's
//! conversions, forwarding, errors, callbacks and handle release are seen
//! without a browser (the page itself is tested by tests/browser).

use super::{next_timer_in, run_callback, run_ready, Callback};
use crate::host::{Host, JsCallback, JsError, JsOp, JsResult, JsValue, Reenter};
use crate::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq)]
enum Func {
    Add,
    Boom,
    Keep,
    ArrayOf,
    /// Calls its argument (an Io block) with 20 and 22, at once.
    CallWith,
}

#[derive(Default)]
struct FakeObject {
    props: HashMap<String, JsValue>,
    func: Option<Func>,
    /// Items, for arrays.
    items: Vec<JsValue>,
}

#[derive(Default)]
struct Fake {
    objects: Vec<Option<FakeObject>>,
    kept: Vec<JsValue>,
    released: Vec<u32>,
    out: String,
    now: f64,
}

impl Fake {
    fn add(&mut self, o: FakeObject) -> u32 {
        self.objects.push(Some(o));
        (self.objects.len() - 1) as u32
    }
    fn func(&mut self, f: Func) -> JsValue {
        JsValue::Handle(self.add(FakeObject {
            func: Some(f),
            ..Default::default()
        }))
    }
    fn get(&self, h: u32) -> Result<&FakeObject, JsError> {
        self.objects
            .get(h as usize)
            .and_then(Option::as_ref)
            .ok_or_else(|| JsError::Invalid(format!("no handle {h}")))
    }
    fn prop(&self, h: u32, key: &str) -> Result<JsValue, JsError> {
        let o = self.get(h)?;
        if key == "length" && o.func.is_none() && !o.items.is_empty() {
            return Ok(JsValue::Number(o.items.len() as f64));
        }
        Ok(o.props.get(key).cloned().unwrap_or(JsValue::Undefined))
    }
    fn apply(&mut self, f: Func, args: &[JsValue]) -> JsResult {
        match f {
            Func::Add => match args {
                [JsValue::Number(a), JsValue::Number(b)] => Ok(JsValue::Number(a + b)),
                _ => Err(JsError::Thrown("TypeError: add wants two numbers".into())),
            },
            Func::Boom => Err(JsError::Thrown("TypeError: boom".into())),
            Func::Keep => {
                self.kept.extend(args.iter().cloned());
                Ok(JsValue::Undefined)
            }
            Func::ArrayOf => Ok(JsValue::Handle(self.add(FakeObject {
                items: args.to_vec(),
                ..Default::default()
            }))),
            // (Answered by the host, which can call back into Io.)
            Func::CallWith => Ok(JsValue::Undefined),
        }
    }
}

/// A page stand-in: globalThis holds `document` (with a `title`), the
/// functions `add`, `boom` (throws) and `keep` (remembers its arguments),
/// and `Array` with `of`.
struct FakeHost(Rc<RefCell<Fake>>);

fn fake() -> (Vm, Rc<RefCell<Fake>>) {
    let state = Rc::new(RefCell::new(Fake::default()));
    {
        let mut f = state.borrow_mut();
        f.objects.push(None); // handle 0 is never given out
        let global = f.add(FakeObject::default());
        let mut document = FakeObject::default();
        document
            .props
            .insert("title".into(), JsValue::String("Start".into()));
        let document = JsValue::Handle(f.add(document));
        let add = f.func(Func::Add);
        let boom = f.func(Func::Boom);
        let keep = f.func(Func::Keep);
        let call_with = f.func(Func::CallWith);
        let of = f.func(Func::ArrayOf);
        let mut array = FakeObject::default();
        array.props.insert("of".into(), of);
        let array = JsValue::Handle(f.add(array));
        let g = f.objects[global as usize].as_mut().expect("global");
        for (k, v) in [
            ("document", document),
            ("add", add),
            ("boom", boom),
            ("keep", keep),
            ("callWith", call_with),
            ("Array", array),
        ] {
            g.props.insert(k.into(), v);
        }
    }
    let vm = Vm::new(Box::new(FakeHost(state.clone())));
    (vm, state)
}

impl Host for FakeHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.0
            .borrow_mut()
            .out
            .push_str(&String::from_utf8_lossy(bytes));
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        self.write_stdout(bytes)
    }
    fn read_file(&mut self, _path: &str) -> std::io::Result<Vec<u8>> {
        Err(std::io::ErrorKind::NotFound.into())
    }
    fn env_var(&mut self, _name: &str) -> Option<String> {
        None
    }
    fn clock(&mut self) -> f64 {
        self.0.borrow().now
    }
    fn now(&mut self) -> f64 {
        self.0.borrow().now
    }
    fn random_u64(&mut self) -> u64 {
        4
    }
    fn js(
        &mut self,
        op: JsOp,
        target: u32,
        key: &str,
        args: &[JsValue],
        reenter: &mut Reenter<'_>,
    ) -> JsResult {
        let calls_back = matches!(op, JsOp::Call | JsOp::Send)
            && {
                let f = self.0.borrow();
                let p = f.prop(target, key);
                matches!(p, Ok(JsValue::Handle(h)) if f.get(h).ok().and_then(|o| o.func) == Some(Func::CallWith))
            };
        if calls_back {
            let Some(JsValue::Callback(id)) = args.first().cloned() else {
                return Err(JsError::Thrown("TypeError: not a function".into()));
            };
            let args = vec![JsValue::Number(20.0), JsValue::Number(22.0)];
            return match reenter(self, id, args) {
                JsCallback::Value(v) => Ok(v),
                JsCallback::Raised(text) => Err(JsError::Thrown(format!("Error: {text}"))),
            };
        }
        let mut f = self.0.borrow_mut();
        let callee = |f: &Fake, v: JsValue| match v {
            JsValue::Handle(h) => f.get(h).ok().and_then(|o| o.func),
            _ => None,
        };
        match op {
            JsOp::Global => Ok(JsValue::Handle(1)),
            JsOp::Get => f.prop(target, key),
            JsOp::Set => {
                let v = args.first().cloned().unwrap_or(JsValue::Undefined);
                f.get(target)?;
                if let Some(Some(o)) = f.objects.get_mut(target as usize) {
                    o.props.insert(key.to_string(), v);
                }
                Ok(JsValue::Undefined)
            }
            JsOp::Call => {
                let p = f.prop(target, key)?;
                match callee(&f, p) {
                    Some(func) => f.apply(func, args),
                    None => Err(JsError::Thrown(format!(
                        "TypeError: {key} is not a function"
                    ))),
                }
            }
            JsOp::Apply => match f.get(target)?.func {
                Some(func) => f.apply(func, args),
                None => Err(JsError::Thrown("TypeError: not a function".into())),
            },
            JsOp::New => Err(JsError::Thrown("TypeError: not a constructor".into())),
            JsOp::Release => {
                f.released.push(target);
                Ok(JsValue::Undefined)
            }
            JsOp::TypeOf => {
                let t = if f.get(target)?.func.is_some() {
                    "function"
                } else {
                    "object"
                };
                Ok(JsValue::String(t.into()))
            }
            JsOp::InstanceOf => Ok(JsValue::Bool(false)),
            JsOp::Send => {
                let p = f.prop(target, key)?;
                match callee(&f, p.clone()) {
                    Some(func) => f.apply(func, args),
                    None if args.is_empty() => Ok(p),
                    None => Err(JsError::Invalid(format!("{key} is not a function"))),
                }
            }
        }
    }
}

fn run(vm: &mut Vm, src: &str) -> Result<Value, String> {
    vm.do_string(src, "test")
        .map_err(|e| crate::report::error_text(vm, e))
}

fn text(vm: &mut Vm, src: &str) -> String {
    let v = run(vm, src).unwrap_or_else(|e| panic!("{src}: {e}"));
    vm.display_string(v)
}

#[test]
fn globals_properties_and_functions_cross() {
    let (mut vm, _) = fake();
    assert_eq!(text(&mut vm, "JS isAvailable"), "true");
    assert_eq!(text(&mut vm, "JS document get(\"title\")"), "Start");
    // Unknown messages go on to JavaScript: a property is read, a function called.
    assert_eq!(text(&mut vm, "JS document title"), "Start");
    assert_eq!(text(&mut vm, "JS add(2, 3.5)"), "5.5");
    // setName(v) sets `name` when there is no such function.
    run(&mut vm, "JS document setTitle(\"Changed\")").expect("set");
    assert_eq!(text(&mut vm, "JS document title"), "Changed");
    assert_eq!(text(&mut vm, "JS document type"), "JSObject");
    assert_eq!(text(&mut vm, "JS document typeOf"), "object");
    assert_eq!(text(&mut vm, "JS get(\"add\") typeOf"), "function");
    assert_eq!(text(&mut vm, "JS get(\"add\") call(1, 2)"), "3");
    assert_eq!(text(&mut vm, "JS document missing"), "nil");
}

#[test]
fn javascript_errors_are_io_exceptions() {
    let (mut vm, _) = fake();
    assert_eq!(text(&mut vm, "try(JS boom) error"), "TypeError: boom");
    assert_eq!(
        text(&mut vm, "try(JS document title(1)) error"),
        "JSObject: 'title' is not a function of this JavaScript value, and cannot take arguments"
    );
    let e = run(&mut vm, "JS keep(Object clone)").expect_err("an Object cannot cross");
    assert!(e.contains("cannot be passed to JavaScript"), "{e}");
    // A clone of a JSObject stands for its value; an object with one among
    // its protos too, found past the others.
    assert_eq!(text(&mut vm, "JS document clone title"), "Start");
    assert_eq!(
        text(&mut vm, "Element clone appendProto(JS document) title"),
        "Start"
    );
    // The JSObject proto itself stands for no value.
    let e = run(&mut vm, "JSObject get(\"x\")").expect_err("no value");
    assert!(e.contains("stands for no JavaScript value"), "{e}");
}

#[test]
fn values_convert_both_ways() {
    let (mut vm, state) = fake();
    run(&mut vm, "JS keep(1, \"two\", true, nil, list(3, \"four\"))").expect("keep");
    let kept = std::mem::take(&mut state.borrow_mut().kept);
    assert_eq!(
        kept[..4],
        [
            JsValue::Number(1.0),
            JsValue::String("two".into()),
            JsValue::Bool(true),
            JsValue::Null,
        ]
    );
    let JsValue::Handle(array) = kept[4] else {
        panic!("a List crosses as an array handle")
    };
    assert_eq!(
        state.borrow().get(array).map(|o| o.items.clone()).ok(),
        Some(vec![JsValue::Number(3.0), JsValue::String("four".into())])
    );
}

#[test]
fn blocks_become_callbacks_that_run_on_coroutines() {
    let (mut vm, state) = fake();
    run(
        &mut vm,
        "double := block(x, x * 2); JS keep(double, double)",
    )
    .expect("keep");
    let kept = std::mem::take(&mut state.borrow_mut().kept);
    // The same block is the same callback (so a listener can be removed).
    assert_eq!(kept[0], kept[1]);
    let JsValue::Callback(id) = kept[0] else {
        panic!("a Block crosses as a callback")
    };
    match run_callback(&mut vm, id, vec![JsValue::Number(21.0)]) {
        Ok(Callback::Value(v)) => assert_eq!(v, JsValue::Number(42.0)),
        _ => panic!("the block answers"),
    }

    run(&mut vm, "JS keep(block(x, Exception raise(\"bad \" .. x)))").expect("keep");
    let JsValue::Callback(id) = state.borrow_mut().kept.remove(0) else {
        panic!("a callback")
    };
    match run_callback(&mut vm, id, vec![JsValue::String("input".into())]) {
        Ok(Callback::Raised(e)) => {
            assert_eq!(crate::report::error_text(&vm, e), "bad input")
        }
        _ => panic!("the block raises"),
    }
}

#[test]
fn a_callback_may_wait_on_a_timer_without_blocking() {
    let (mut vm, state) = fake();
    run(
        &mut vm,
        "JS keep(block(\"before\" println; wait(2); \"after\" println))",
    )
    .expect("keep");
    let JsValue::Callback(id) = state.borrow_mut().kept.remove(0) else {
        panic!("a callback")
    };
    assert!(matches!(
        run_callback(&mut vm, id, Vec::new()),
        Ok(Callback::Suspended)
    ));
    assert_eq!(state.borrow().out, "before\n");
    // The timer is due in two seconds; nothing runs before.
    assert_eq!(next_timer_in(&mut vm), Some(2.0));
    state.borrow_mut().now = 1.0;
    assert_eq!(run_ready(&mut vm), Ok(false));
    assert_eq!(state.borrow().out, "before\n");
    state.borrow_mut().now = 2.5;
    assert_eq!(run_ready(&mut vm), Ok(false));
    assert_eq!(state.borrow().out, "before\nafter\n");
    assert_eq!(next_timer_in(&mut vm), None);
}

#[test]
fn dead_wrappers_release_their_handles() {
    let (mut vm, state) = fake();
    run(&mut vm, "JS document; JS document; nil").expect("get");
    vm.collect_garbage();
    let released = state.borrow().released.clone();
    assert!(released.len() >= 2, "released {released:?}");
    // The global handle is given out by the host for each request; kept
    // wrappers are not released.
    run(&mut vm, "kept := JS document").expect("keep");
    let before = state.borrow().released.len();
    vm.collect_garbage();
    let after = state.borrow().released.clone();
    assert!(
        !after[before..].contains(&2),
        "the kept document (handle 2) was released: {after:?}"
    );
}

#[test]
fn javascript_may_call_a_block_during_a_request() {
    let (mut vm, state) = fake();
    // The block runs at once, while Io waits in `callWith`, and prints
    // through the host lent back to it.
    assert_eq!(
        text(
            &mut vm,
            "JS callWith(block(a, b, (\"got \" .. a) println; a + b))"
        ),
        "42"
    );
    assert_eq!(state.borrow().out, "got 20\n");
    // Nested: the block itself asks JavaScript again.
    assert_eq!(
        text(
            &mut vm,
            "JS callWith(block(a, b, JS add(a, b) + JS callWith(block(x, y, x))))"
        ),
        "62"
    );
    // An exception in the block is thrown in JavaScript, and comes back as one.
    assert_eq!(
        text(
            &mut vm,
            "try(JS callWith(block(a, b, Exception raise(\"no\")))) error"
        ),
        "Error: no"
    );
    // Output printed after the request still comes out.
    run(&mut vm, "\"after\" println").expect("print");
    assert!(state.borrow().out.ends_with("after\n"));
}

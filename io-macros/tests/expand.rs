//! What io! blocks do when they run.

use io_macros::io;
use io_runtime::embed::{Error, Io};
use io_runtime::host::MemoryHost;

fn vm() -> Io {
    Io::with_host(Box::new(MemoryHost::default()))
}

#[test]
fn tokens_run_with_newlines_as_statement_ends() {
    let mut vm = vm();
    let r: f64 = vm
        .eval(&io! {
            x := 1 + 2
            y := x * 10
            y + 1
        })
        .unwrap();
    assert_eq!(r, 31.0);
    let s: String = vm
        .eval(&io! { list(1, 2, 3) map(v, v * 2) join(",") })
        .unwrap();
    assert_eq!(s, "2,4,6");
}

#[test]
fn the_string_form_carries_what_rust_tokens_cannot() {
    let mut vm = vm();
    let r: String = vm
        .eval(&io!(r#"
            # an Io comment, and a string with an unbalanced bracket
            s := "(" .. "x"
            s .. "]"
            "#))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r, "(x]");
}

#[test]
fn rust_values_are_passed_in() {
    let mut vm = vm();
    let limit = 10;
    let name = "Ada";
    let weights = vec![1.5, 2.5];
    let total: f64 = vm
        .eval(&io! {
            sum := 0
            for(i, 1, $limit, sum = sum + i)
            sum + $weights at(0) + $weights at(1)
        })
        .unwrap();
    assert_eq!(total, 59.0);
    let greeting: String = vm.eval(&io!(r#""hi " .. $name"#)).unwrap();
    assert_eq!(greeting, "hi Ada");
    // Captures are read each time the block runs, methods included.
    for n in [1.0, 2.0] {
        let twice: f64 = vm
            .eval(&io! { o := Object clone do(f := method($n * 2)); o f })
            .unwrap();
        assert_eq!(twice, n * 2.0);
    }
}

#[test]
fn errors_carry_the_rust_file_and_line() {
    let mut vm = vm();
    let line = line!() + 3;
    let err = vm
        .eval::<f64>(&io! {
            boom := method(Exception raise("from io!"))
            boom
        })
        .unwrap_err();
    match err {
        Error::Exception { message, stack, .. } => {
            assert_eq!(message, "from io!");
            // The line of the send that raised, in this file.
            let want = format!("expand.rs {}", line + 1);
            assert!(stack.iter().any(|l| l.ends_with(&want)), "{stack:?} {want}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_block_without_captures_is_built_once() {
    let mut vm = vm();
    let make = || io! { counter := if(Lobby hasSlot("counter"), counter + 1, 1) };
    for _ in 0..3 {
        vm.eval::<f64>(&make()).unwrap();
    }
    assert_eq!(vm.get::<f64>("counter"), Ok(3.0));
}

#[test]
fn a_rust_closure_called_from_an_io_block() {
    let mut vm = vm();
    let rate = 0.2;
    vm.register("tax", move |amount: f64| amount * rate);
    let r: f64 = vm.eval(&io! { tax(100) + tax(50) }).unwrap();
    assert!((r - 30.0).abs() < 1e-9);
}

#[test]
fn coroutines_in_an_io_block() {
    let mut vm = vm();
    let r: f64 = vm
        .eval(&io! {
            Worker := Object clone do(work := method(n, yield; n + 1))
            f := Worker clone @work(41)
            f + 0
        })
        .unwrap();
    assert_eq!(r, 42.0);
}

#[test]
fn fuel_stops_an_endless_io_block() {
    let mut vm = vm();
    vm.set_fuel(Some(50_000));
    assert_eq!(vm.eval::<f64>(&io! { loop(nil) }), Err(Error::OutOfFuel));
    vm.set_fuel(Some(50_000));
    assert_eq!(vm.eval::<f64>(&io! { 6 * 7 }), Ok(42.0));
}

#[test]
fn a_specialised_method_deoptimises_when_its_slot_is_redefined() {
    let mut vm = vm();
    vm.eval::<()>(&io! {
        hyp := method(a, b, (a * a + b * b) sqrt)
        poly := method(x,
            acc := 0
            i := 0
            while(i < 4, acc = acc * x + i; i = i + 1)
            acc)
    })
    .unwrap();
    assert_eq!(vm.call_global::<f64, _>("hyp", &(3, 4)), Ok(5.0));
    assert_eq!(vm.call_global::<f64, _>("poly", &(2,)), Ok(11.0));
    assert_eq!(vm.specialised_calls(), 2);
    // Arguments that are not Numbers go to the interpreter (which raises).
    assert!(vm.call_global::<f64, _>("hyp", &("x", 4)).is_err());
    assert_eq!(vm.specialised_calls(), 2);
    // Io redefines the method: calls now run the new one.
    vm.eval_str::<()>("hyp := method(a, b, a + b)", "config.io")
        .unwrap();
    assert_eq!(vm.call_global::<f64, _>("hyp", &(3, 4)), Ok(7.0));
    assert_eq!(vm.specialised_calls(), 2);
    // Io changes Number's `*`: the Rust version of poly no longer holds.
    assert_eq!(vm.call_global::<f64, _>("poly", &(2,)), Ok(11.0));
    assert_eq!(vm.specialised_calls(), 3);
    vm.eval::<()>(&io! { Number setSlot("*", method(n, 0)) })
        .unwrap();
    assert_eq!(vm.call_global::<f64, _>("poly", &(2,)), Ok(3.0));
    assert_eq!(vm.specialised_calls(), 3);
}

#[test]
fn a_compiled_loop_spends_fuel_and_stops_when_it_runs_out() {
    let mut vm = vm();
    vm.eval::<()>(&io! {
        count := method(n, i := 0; while(i < n, i = i + 1); i)
    })
    .unwrap();
    vm.set_fuel(Some(100_000));
    assert_eq!(vm.call_global::<f64, _>("count", &(1000,)), Ok(1000.0));
    assert_eq!(vm.specialised_calls(), 1);
    let left = vm.fuel().unwrap();
    assert!(left <= 99_000, "{left}");
    // An endless loop compiled to Rust stops like the interpreter's.
    assert_eq!(
        vm.call_global::<f64, _>("count", &(f64::INFINITY,)),
        Err(Error::OutOfFuel)
    );
    vm.set_fuel(Some(100_000));
    assert_eq!(vm.call_global::<f64, _>("count", &(3,)), Ok(3.0));
}

#[test]
fn the_readme_example() {
    let mut vm = vm();
    vm.register("shout", |s: String| s.to_uppercase());
    let limit = 10;
    let total: f64 = vm
        .eval(&io! {
            double := method(x, x * 2)          // also compiled to Rust
            sum := 0
            for(i, 1, $limit, sum = sum + i)    // $limit: the Rust value
            shout("done") println
            sum
        })
        .unwrap();
    let twice: f64 = vm.call_global("double", &(total,)).unwrap();
    assert_eq!((total, twice), (55.0, 110.0));
    assert_eq!(vm.specialised_calls(), 1);
}

#[test]
fn compiled_methods_call_each_other_directly_behind_guards() {
    let mut vm = vm();
    vm.eval::<()>(&io! {
        sq := method(x, x * x)
        hyp := method(a, b, (sq(a) + sq(b)) sqrt)
        fib := method(n, if(n < 2, n, fib(n - 1) + fib(n - 2)))
        down := method(n, if(n < 1, 0, down(n - 1) + 1))
    })
    .unwrap();
    assert_eq!(vm.call_global::<f64, _>("hyp", &(3, 4)), Ok(5.0));
    assert_eq!(vm.call_global::<f64, _>("fib", &(20,)), Ok(6765.0));
    assert_eq!(vm.specialised_calls(), 2);
    // Recursion deeper than the Rust version allows goes to the
    // interpreter, whose frames are on the heap.
    assert_eq!(vm.call_global::<f64, _>("down", &(100_000,)), Ok(100_000.0));
    assert_eq!(vm.specialised_calls(), 2);
    // Io redefines a method that hyp calls: hyp runs on the interpreter.
    vm.eval_str::<()>("sq := method(x, x)", "config.io")
        .unwrap();
    assert_eq!(vm.call_global::<f64, _>("hyp", &(9, 16)), Ok(5.0));
    assert_eq!(vm.specialised_calls(), 2);
    assert_eq!(vm.call_global::<f64, _>("fib", &(10,)), Ok(55.0));
    assert_eq!(vm.specialised_calls(), 3);
}

#[test]
fn compiled_methods_read_number_slots_of_the_receiver_behind_guards() {
    let mut vm = vm();
    vm.eval::<()>(&io! {
        gain := 2
        offset := 1
        scale := method(x, x * gain + offset)
        twice := method(x, scale(x) * 2)
    })
    .unwrap();
    assert_eq!(vm.call_global::<f64, _>("scale", &(3,)), Ok(7.0));
    assert_eq!(vm.call_global::<f64, _>("twice", &(3,)), Ok(14.0));
    assert_eq!(vm.specialised_calls(), 2);
    // The slots are read when each call starts.
    vm.eval_str::<()>("gain := 10", "config.io").unwrap();
    assert_eq!(vm.call_global::<f64, _>("scale", &(3,)), Ok(31.0));
    assert_eq!(vm.specialised_calls(), 3);
    // A slot that is no longer a Number sends the call to the interpreter.
    vm.eval_str::<()>("offset := method(5)", "config.io")
        .unwrap();
    assert_eq!(vm.call_global::<f64, _>("twice", &(3,)), Ok(70.0));
    vm.eval_str::<()>("offset := \"x\"", "config.io").unwrap();
    assert!(vm.call_global::<f64, _>("scale", &(3,)).is_err());
    assert_eq!(vm.specialised_calls(), 3);
}

#[test]
fn empty_blocks_answer_nil() {
    let mut vm = vm();
    assert_eq!(vm.eval::<Option<f64>>(&io! {}), Ok(None));
    assert_eq!(vm.eval::<Option<f64>>(&io!("")), Ok(None));
    assert_eq!(vm.eval::<Option<f64>>(&io!("  # only a comment")), Ok(None));
}

#[test]
fn a_list_argument_is_worked_on_as_numbers_and_written_back() {
    let mut vm = vm();
    vm.eval::<()>(&io! {
        scale := method(xs, k,
            i := 0
            while(i < xs size, xs atPut(i, xs at(i) * k); i = i + 1)
            xs at(0) + xs at(xs size - 1))
        past := method(xs, i, xs atPut(1, 7); xs at(i))
        keep := list(1, 2, 3)
    })
    .unwrap();
    let keep = vm.eval::<io_runtime::Value>(&io! { keep }).unwrap();
    assert_eq!(vm.call_global::<f64, _>("scale", &(keep, 10)), Ok(40.0));
    assert_eq!(vm.specialised_calls(), 1);
    // The List itself changed, as the interpreter would have left it.
    assert_eq!(
        vm.eval::<Vec<f64>>(&io! { keep }),
        Ok(vec![10.0, 20.0, 30.0])
    );
    // A List holding something else than Numbers goes to the interpreter.
    let mixed = vm
        .eval::<io_runtime::Value>(&io! { list(1, "two") })
        .unwrap();
    assert!(vm.call_global::<f64, _>("scale", &(mixed, 2)).is_err());
    assert_eq!(vm.specialised_calls(), 1);
    // Past the end, `at` is nil in Io: the Rust version gives up before
    // anything is written, and the interpreter runs the whole call (its
    // atPut happens once, and `nil` is the answer).
    let short = vm
        .eval::<io_runtime::Value>(&io! { short := list(1, 2) })
        .unwrap();
    assert_eq!(
        vm.call_global::<Option<f64>, _>("past", &(short, 0)),
        Ok(Some(1.0))
    );
    assert_eq!(vm.specialised_calls(), 2);
    assert_eq!(
        vm.call_global::<Option<f64>, _>("past", &(short, 5)),
        Ok(None)
    );
    assert_eq!(vm.specialised_calls(), 2);
    assert_eq!(vm.eval::<Vec<f64>>(&io! { short }), Ok(vec![1.0, 7.0]));
    assert_eq!(
        vm.eval::<Vec<f64>>(&io! { keep }),
        Ok(vec![10.0, 20.0, 30.0])
    );
}

#[test]
fn a_compiled_loop_stops_being_used_once_io_redefines_while() {
    let mut vm = vm();
    vm.eval::<()>(&io! {
        count := method(n,
            i := 0
            while(i < n, i = i + 1)
            i)
    })
    .unwrap();
    assert_eq!(vm.call_global::<f64, _>("count", &(5,)), Ok(5.0));
    assert_eq!(vm.call_global::<f64, _>("count", &(6,)), Ok(6.0));
    assert_eq!(vm.specialised_calls(), 2);
    // A `while` in the Lobby (which a method's locals do not find first)
    // is enough for the Rust version to step aside.
    vm.eval_str::<()>("while := method(c, b, nil)", "config.io")
        .unwrap();
    assert_eq!(vm.call_global::<f64, _>("count", &(5,)), Ok(5.0));
    assert_eq!(vm.specialised_calls(), 2);
    // The locals' `while` now is a method (its arguments evaluated once):
    // the interpreter runs `count`.
    vm.eval_str::<()>("Locals while := method(c, b, nil)", "config.io")
        .unwrap();
    assert_eq!(vm.call_global::<f64, _>("count", &(5,)), Ok(1.0));
    assert_eq!(vm.specialised_calls(), 2);
}

#[test]
fn compiled_versions_can_be_turned_off() {
    let mut vm = vm();
    vm.set_compiled(false);
    vm.eval::<()>(&io! { hyp := method(a, b, (a * a + b * b) sqrt) })
        .unwrap();
    assert_eq!(vm.call_global::<f64, _>("hyp", &(3, 4)), Ok(5.0));
    assert_eq!(vm.specialised_calls(), 0);
    vm.set_compiled(true);
    assert_eq!(vm.call_global::<f64, _>("hyp", &(3, 4)), Ok(5.0));
    assert_eq!(vm.specialised_calls(), 1);
}

/// The same script in a VM that runs the Rust versions and in one that
/// does not.
fn both_vms(script: &io_runtime::embed::Script) -> (Io, Io) {
    let mut fast = vm();
    fast.eval::<()>(script).unwrap();
    let mut slow = vm();
    slow.set_compiled(false);
    slow.eval::<()>(script).unwrap();
    (fast, slow)
}

#[test]
fn whole_number_locals_answer_what_the_interpreter_does() {
    let (mut fast, mut slow) = both_vms(&io! {
        // `k` is halved, so it is no whole number; `i`, `j` and `ix` are.
        pick := method(xs, n,
            k := 8
            i := 0
            while(i < n, k = k / 2; i = i + 1)
            ix := i * 2 - 1
            j := xs size - 1
            xs at(k) + xs at(ix) + xs at(j))
        // Past 2^53 a Number is no longer exact: `i + 1` is `i`.
        big := method(x, i := 9007199254740992; i = i + 1; i + x)
        // 0 times a negative number is -0, and 1 / -0 is -infinity.
        negz := method(a, z := 0; m := z - 1; w := z * m; a / w)
        // A whole number's `abs`, `floor` and `ceil`.
        ints := method(a, i := 0 - 3; i abs + i floor + i ceil + a)
        keep := list(10, 20, 30, 40)
    });
    let keep_fast = fast.eval::<io_runtime::Value>(&io! { keep }).unwrap();
    let keep_slow = slow.eval::<io_runtime::Value>(&io! { keep }).unwrap();
    for n in [1.0, 2.0, 3.0] {
        let want = slow.call_global::<Option<f64>, _>("pick", &(keep_slow, n));
        let got = fast.call_global::<Option<f64>, _>("pick", &(keep_fast, n));
        assert_eq!(got, want, "pick {n}");
    }
    // n = 1: k = 4, out of range: `at` is nil there, and nil + 1 raises.
    assert!(fast
        .call_global::<f64, _>("pick", &(keep_fast, 1.0))
        .is_err());
    assert_eq!(
        fast.call_global::<f64, _>("pick", &(keep_fast, 2.0)),
        Ok(110.0)
    );
    assert_eq!(
        fast.call_global::<f64, _>("big", &(0,)),
        Ok(9007199254740992.0)
    );
    assert_eq!(
        fast.call_global::<f64, _>("negz", &(1,)),
        Ok(f64::NEG_INFINITY)
    );
    assert_eq!(fast.call_global::<f64, _>("ints", &(1,)), Ok(-2.0));
    for (name, a) in [("big", 0.0), ("negz", 1.0), ("ints", 1.0)] {
        assert_eq!(
            fast.call_global::<f64, _>(name, &(a,)),
            slow.call_global::<f64, _>(name, &(a,)),
            "{name}"
        );
    }
    assert!(fast.specialised_calls() > 0);
    assert_eq!(slow.specialised_calls(), 0);
}

#[test]
fn an_index_out_of_range_raises_what_the_interpreter_raises() {
    let (mut fast, mut slow) = both_vms(&io! {
        get := method(xs, i, xs at(i) + 1)
        put := method(xs, i, xs atPut(0, 5); xs atPut(i, 1); xs at(0))
        half := method(xs, i, xs at(i / 2))
    });
    let xs_fast = fast
        .eval::<io_runtime::Value>(&io! { list(1, 2, 3) })
        .unwrap();
    let xs_slow = slow
        .eval::<io_runtime::Value>(&io! { list(1, 2, 3) })
        .unwrap();
    let _kept = (fast.keep(xs_fast), slow.keep(xs_slow));
    assert_eq!(fast.call_global::<f64, _>("get", &(xs_fast, 2)), Ok(4.0));
    assert_eq!(fast.specialised_calls(), 1);
    for (name, i) in [
        ("get", 3.0),
        ("get", -1.0),
        ("get", 0.5),
        ("put", 3.0),
        ("put", -4.0),
        ("half", 1.0),
        ("half", 7.0),
    ] {
        let want = slow.call_global::<Option<f64>, _>(name, &(xs_slow, i));
        let got = fast.call_global::<Option<f64>, _>(name, &(xs_fast, i));
        assert_eq!(got, want, "{name} {i}");
        assert_eq!(
            fast.from_io::<Vec<f64>>(xs_fast),
            slow.from_io::<Vec<f64>>(xs_slow),
            "{name} {i}"
        );
    }
    // Out of range is an exception for atPut (whose first write is not
    // done twice: the Rust version gave up before the interpreter ran).
    assert!(matches!(
        fast.call_global::<f64, _>("put", &(xs_fast, 3)),
        Err(Error::Exception { .. })
    ));
    assert_eq!(fast.specialised_calls(), 1);
}

#[test]
fn a_list_that_changes_size_or_holds_other_values_between_calls() {
    let (mut fast, mut slow) = both_vms(&io! {
        total := method(xs,
            s := 0
            i := 0
            while(i < xs size, s = s + xs at(i); i = i + 1)
            s)
        double := method(xs,
            i := 0
            while(i < xs size, xs atPut(i, xs at(i) * 2); i = i + 1)
            xs size)
        xs := list(1, 2, 3)
    });
    for vm in [&mut fast, &mut slow] {
        let xs = vm.eval::<io_runtime::Value>(&io! { xs }).unwrap();
        assert_eq!(vm.call_global::<f64, _>("total", &(xs,)), Ok(6.0));
        vm.eval_str::<()>("xs append(4)", "config.io").unwrap();
        assert_eq!(vm.call_global::<f64, _>("total", &(xs,)), Ok(10.0));
        assert_eq!(vm.call_global::<f64, _>("double", &(xs,)), Ok(4.0));
        vm.eval_str::<()>("xs removeAt(0)", "config.io").unwrap();
        assert_eq!(vm.call_global::<f64, _>("total", &(xs,)), Ok(18.0));
        // A String among the Numbers: the interpreter runs the call, and
        // raises where it reaches it.
        vm.eval_str::<()>("xs atPut(1, \"x\")", "config.io")
            .unwrap();
        assert!(vm.call_global::<f64, _>("total", &(xs,)).is_err());
        assert!(vm.call_global::<f64, _>("double", &(xs,)).is_err());
        // (`double` doubled the item before the String, as Io does.)
        let left: Vec<io_runtime::Value> = vm.from_io(xs).unwrap();
        assert_eq!(vm.from_io::<f64>(left[0]), Ok(8.0));
        vm.eval_str::<()>("xs atPut(1, 1)", "config.io").unwrap();
        assert_eq!(vm.call_global::<f64, _>("total", &(xs,)), Ok(17.0));
    }
    assert_eq!(fast.specialised_calls(), 5);
    assert_eq!(slow.specialised_calls(), 0);
}

#[test]
fn a_local_assigned_only_in_a_loop_is_looked_up_when_the_loop_did_not_run() {
    let (mut fast, mut slow) = both_vms(&io! {
        y := 7
        last := method(n,
            i := 0
            while(i < n, y := i; i = i + 1)
            y)
    });
    for vm in [&mut fast, &mut slow] {
        // No iteration: `y` is the Lobby's.
        assert_eq!(vm.call_global::<f64, _>("last", &(0,)), Ok(7.0));
        assert_eq!(vm.call_global::<f64, _>("last", &(3,)), Ok(2.0));
    }
}

#[test]
fn repeated_calls_notice_a_removed_or_moved_method() {
    let mut vm = vm();
    vm.eval::<()>(&io! {
        hyp := method(a, b, (a * a + b * b) sqrt)
        Child := Lobby clone
    })
    .unwrap();
    for _ in 0..3 {
        assert_eq!(vm.call_global::<f64, _>("hyp", &(3, 4)), Ok(5.0));
    }
    // A receiver that inherits the method runs the Rust version too.
    let child = vm.eval::<io_runtime::Value>(&io! { Child }).unwrap();
    assert_eq!(vm.call::<f64, _>(child, "hyp", &(6, 8)), Ok(10.0));
    assert_eq!(vm.specialised_calls(), 4);
    // The child overrides it: calls on the child run the override, calls
    // on the Lobby still the Rust version.
    vm.eval_str::<()>("Child hyp := method(a, b, a - b)", "config.io")
        .unwrap();
    assert_eq!(vm.call::<f64, _>(child, "hyp", &(6, 8)), Ok(-2.0));
    assert_eq!(vm.call_global::<f64, _>("hyp", &(3, 4)), Ok(5.0));
    assert_eq!(vm.specialised_calls(), 5);
    // Removed, then defined again in another place of the Lobby's slots.
    vm.eval_str::<()>("Lobby removeSlot(\"hyp\")", "config.io")
        .unwrap();
    assert!(vm.call_global::<f64, _>("hyp", &(3, 4)).is_err());
    vm.eval_str::<()>("pad := 1; hyp := method(a, b, a * b)", "config.io")
        .unwrap();
    assert_eq!(vm.call_global::<f64, _>("hyp", &(3, 4)), Ok(12.0));
    assert_eq!(vm.specialised_calls(), 5);
}

#[test]
fn a_local_assigned_in_both_branches_of_an_if_is_compiled() {
    let (mut fast, mut slow) = both_vms(&io! {
        y := 7
        pick := method(n, if(n < 1, y := 1, y := n * 2); y + 1)
        maybe := method(n, if(n < 1, y := 1, 0); y + 1)
    });
    for vm in [&mut fast, &mut slow] {
        assert_eq!(vm.call_global::<f64, _>("pick", &(0,)), Ok(2.0));
        assert_eq!(vm.call_global::<f64, _>("pick", &(3,)), Ok(7.0));
        // Assigned in one branch only: the Lobby's `y` when it did not run.
        assert_eq!(vm.call_global::<f64, _>("maybe", &(0,)), Ok(2.0));
        assert_eq!(vm.call_global::<f64, _>("maybe", &(3,)), Ok(8.0));
    }
    assert_eq!(fast.specialised_calls(), 2);
}

//! Entry points for code compiled ahead of time (the specialiser of
//! `ioc build`): what compiled code calls when it leaves straight-line wasm.
//! `entry_alloc` makes an object, `entry_send` performs a generic send with
//! arguments already evaluated, and `resume_at` deoptimises: it rebuilds the
//! heap frame of a code block at a bytecode pc, with the register, receiver,
//! locals and operand stack the compiled code had there, and runs the
//! interpreter from that point to the end of the block. The runner exports
//! them by name.

use crate::heap::Payload;
use crate::symbol::Sym;
use crate::value::Value;
use crate::vm::interp::RunResult;
use crate::vm::Vm;
use std::rc::Rc;

/// The state of a compiled activation at a bytecode pc.
pub struct FrameState<'a> {
    /// The register (the value the next message is sent to).
    pub r: Value,
    pub target: Value,
    pub locals: Value,
    /// The operand stack of the frame, bottom first.
    pub stack: &'a [Value],
}

impl Vm {
    /// A new plain object whose proto is `proto` (nil if it is not an object).
    pub fn entry_alloc(&mut self, proto: Value) -> Value {
        match proto.as_obj() {
            Some(p) => Value::obj(self.new_object(p)),
            None => Value::NIL,
        }
    }

    /// Send `name` to `target` with `args` (already evaluated), run to completion.
    pub fn entry_send(&mut self, target: Value, name: Sym, args: &[Value]) -> RunResult {
        let label: Rc<str> = "[compiled]".into();
        let msg = self.new_message(name, &label, 0, 0);
        let mut arg_msgs = Vec::with_capacity(args.len());
        for &a in args {
            let m = self.new_message(name, &label, 0, 0);
            if let Payload::Message(md) = &mut self.heap.get_mut(m).payload {
                md.cached = Some(a);
            }
            arg_msgs.push(Value::obj(m));
        }
        if let Payload::Message(md) = &mut self.heap.get_mut(msg).payload {
            md.args = arg_msgs;
        }
        let roots = self.extra_roots.len();
        self.extra_roots.push(target);
        self.extra_roots.extend_from_slice(args);
        let r = self.eval_message(Value::obj(msg), target, target);
        self.extra_roots.truncate(roots);
        r
    }

    /// Deoptimise: continue the code compiled from the message chain `owner`
    /// at `pc` in a rebuilt heap frame, and run it to its end. A pc outside
    /// the code is an error, never a jump into nowhere.
    pub fn resume_at(&mut self, owner: Value, pc: u32, state: FrameState) -> RunResult {
        let Some(m) = self.message_ref(owner) else {
            return Err(self.new_string(b"resume_at: not a message".to_vec(), false));
        };
        let code = self.code_for(m);
        if pc as usize >= code.ops.len() {
            return Err(self.new_string(b"resume_at: pc outside the code".to_vec(), false));
        }
        self.run_top(code, pc, owner, state)
    }
}

#[cfg(test)]
mod tests {
    use super::FrameState;
    use crate::host::MemoryHost;
    use crate::{Value, Vm};

    fn vm() -> Vm {
        Vm::new(Box::new(MemoryHost::default()))
    }

    fn state(r: Value, vm: &Vm) -> FrameState<'static> {
        let lobby = vm.lobby();
        FrameState {
            r,
            target: lobby,
            locals: lobby,
            stack: &[],
        }
    }

    #[test]
    fn alloc_makes_a_child_of_the_proto() {
        let mut vm = vm();
        let proto = vm
            .do_string("P := Object clone do(k := 7); P", "t")
            .ok()
            .unwrap();
        let o = vm.entry_alloc(proto);
        assert_ne!(o, proto);
        let k = vm.sym("k");
        assert_eq!(vm.get_slot(o, k).and_then(|v| v.as_num()), Some(7.0));
        assert!(vm.entry_alloc(Value::num(1.0)).is_nil());
    }

    #[test]
    fn send_passes_evaluated_arguments() {
        let mut vm = vm();
        let lobby = vm.lobby();
        vm.do_string("add3 := method(a, b, c, a * 100 + b * 10 + c)", "t")
            .ok()
            .unwrap();
        let name = vm.sym("add3");
        let args = [1.0, 2.0, 3.0].map(Value::num);
        let r = vm.entry_send(lobby, name, &args).ok().unwrap();
        assert_eq!(r.as_num(), Some(123.0));
    }

    #[test]
    fn resume_at_pc_zero_runs_the_whole_chain_and_the_last_pc_answers_the_register() {
        let mut vm = vm();
        let lobby = vm.lobby();
        let msg = vm.compile("x := 40; x = x + 2; x", "t").ok().unwrap();
        let r = vm.resume_at(msg, 0, state(lobby, &vm)).ok().unwrap();
        assert_eq!(r.as_num(), Some(42.0));
        let last = vm.code_for(msg.as_obj().unwrap()).ops.len() as u32 - 1;
        let r = vm.resume_at(msg, last, state(Value::num(5.0), &vm));
        assert_eq!(r.ok().and_then(|v| v.as_num()), Some(5.0));
        assert!(vm.resume_at(msg, last + 1, state(lobby, &vm)).is_err());
        assert!(vm.resume_at(lobby, 0, state(lobby, &vm)).is_err());
    }
}

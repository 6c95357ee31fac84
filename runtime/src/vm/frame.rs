//! Heap frames. All Io execution state lives here and in the value stack; the
//! Rust stack is empty between interpreter steps.

use crate::value::Value;
use crate::vm::code::Code;
use crate::vm::Cont;
use std::rc::Rc;

#[derive(Clone)]
pub enum Exec {
    /// Running bytecode: the next op is `pc`.
    Code { code: Rc<Code>, pc: u32 },
    /// A native waiting for the frame above it to finish.
    Native(Cont),
}

#[derive(Copy, Clone, PartialEq, Debug)]
pub enum Kind {
    /// Code run by the host (a program, `doString` from Rust): catches stop statuses.
    Top,
    /// A method or block body.
    Activation { pass_stops: bool },
    /// A message evaluated for a native (an argument, a loop body).
    Eval,
    /// A suspended native.
    Native,
}

#[derive(Clone)]
pub struct Frame {
    pub exec: Exec,
    pub kind: Kind,
    /// Result register: the value the next message is sent to.
    pub r: Value,
    pub target: Value,
    pub locals: Value,
    /// Stack height when the frame started.
    pub base: u32,
    /// The message whose send made this frame (nil for host-started code).
    pub msg: Value,
    /// The message the code was compiled from (keeps it alive).
    pub owner: Value,
}

impl Frame {
    pub fn roots(&self, out: &mut impl Extend<Value>) {
        out.extend([self.r, self.target, self.locals, self.msg, self.owner]);
        match &self.exec {
            Exec::Code { code, .. } => out.extend(code.consts.iter().copied()),
            Exec::Native(c) => out.extend(c.state.iter().copied()),
        }
    }
}

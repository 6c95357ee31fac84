//! Front end: source text to a Message tree of runtime objects.
//!
//! `lexer` makes tokens, `parse` builds the raw message chains, and `shuffle`
//! rewrites operators and assignments by the runtime-visible OperatorTable.
//! Everything here works with explicit work lists: no recursion on
//! program-controlled depth. Nothing here evaluates Io code.

pub mod lexer;
pub mod shuffle;

use crate::symbol::{sym, Sym};
use crate::value::{ObjRef, Value};
use crate::vm::Vm;
use lexer::{TokKind, Token};
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub line: u32,
    pub col: u32,
}

impl From<lexer::LexError> for ParseError {
    fn from(e: lexer::LexError) -> Self {
        ParseError {
            message: e.message,
            line: e.line,
            col: e.col,
        }
    }
}

/// Parse and shuffle `src`; returns the first message of the program (nil when empty).
pub fn parse(vm: &mut Vm, src: &str, label: &str) -> Result<Value, ParseError> {
    let tokens = lexer::lex(src)?;
    let label: Rc<str> = label.into();
    let head = build(vm, &tokens, &label)?;
    match head {
        None => Ok(Value::NIL),
        Some(h) => {
            let ops = shuffle::OpTable::from_vm(vm);
            let h = shuffle::shuffle(vm, &ops, h)?;
            Ok(Value::obj(h))
        }
    }
}

/// One open bracket while building.
struct Level {
    /// Message that receives the arguments (None at top level).
    owner: Option<ObjRef>,
    close: u8,
    open_line: u32,
    open_col: u32,
    args: Vec<Value>,
    head: Option<ObjRef>,
    tail: Option<ObjRef>,
    /// Last message appended, if it can still take `(args)`.
    can_take_args: Option<ObjRef>,
    saw_comma: bool,
}

impl Level {
    fn new(owner: Option<ObjRef>, close: u8, line: u32, col: u32) -> Level {
        Level {
            owner,
            close,
            open_line: line,
            open_col: col,
            args: Vec::new(),
            head: None,
            tail: None,
            can_take_args: None,
            saw_comma: false,
        }
    }
}

fn append(vm: &mut Vm, lv: &mut Level, m: ObjRef) {
    match lv.tail {
        Some(t) => vm.message_mut(t).next = Value::obj(m),
        None => lv.head = Some(m),
    }
    lv.tail = Some(m);
}

/// Remove a trailing `;` message from the chain of a level.
fn trim_terminator(vm: &mut Vm, lv: &mut Level) {
    let (Some(head), Some(tail)) = (lv.head, lv.tail) else {
        return;
    };
    if vm.message(tail).name != sym::semicolon {
        return;
    }
    if head == tail {
        lv.head = None;
        lv.tail = None;
        return;
    }
    // find the message before tail
    let mut cur = head;
    loop {
        let next = vm.message(cur).next;
        if next == Value::obj(tail) {
            vm.message_mut(cur).next = Value::NIL;
            lv.tail = Some(cur);
            return;
        }
        match next.non_nil() {
            Some(n) => cur = n,
            None => return,
        }
    }
}

fn close_name(c: u8) -> &'static str {
    match c {
        b')' => "()",
        b']' => "[]",
        _ => "{}",
    }
}

fn build(vm: &mut Vm, tokens: &[Token], label: &Rc<str>) -> Result<Option<ObjRef>, ParseError> {
    let mut stack: Vec<Level> = vec![Level::new(None, 0, 1, 1)];
    for tok in tokens {
        let lv = stack.last_mut().expect("level stack never empty");
        match &tok.kind {
            TokKind::Ident | TokKind::Operator => {
                let name = vm.syms.intern(&tok.text);
                let m = vm.new_message(name, label, tok.line, tok.col);
                match name {
                    n if n == sym::nil => vm.message_mut(m).cached = Some(Value::NIL),
                    n if n == sym::true_ => vm.message_mut(m).cached = Some(Value::TRUE),
                    n if n == sym::false_ => vm.message_mut(m).cached = Some(Value::FALSE),
                    _ => {}
                }
                append(vm, lv, m);
                lv.can_take_args = Some(m);
            }
            TokKind::Number(x) => {
                let name = vm.syms.intern(&tok.text);
                let m = vm.new_message(name, label, tok.line, tok.col);
                vm.message_mut(m).cached = Some(Value::num(*x));
                append(vm, lv, m);
                lv.can_take_args = Some(m);
            }
            TokKind::Str(bytes) => {
                let name = vm.syms.intern(&tok.text);
                let m = vm.new_message(name, label, tok.line, tok.col);
                let s = vm.symbol_string(bytes);
                vm.message_mut(m).cached = Some(s);
                append(vm, lv, m);
                lv.can_take_args = Some(m);
            }
            TokKind::Open(c) => {
                let owner = match (c, lv.can_take_args) {
                    (b'(', Some(m)) => m,
                    _ => {
                        let name = match c {
                            b'(' => sym::empty,
                            b'[' => vm.syms.intern("squareBrackets"),
                            _ => vm.syms.intern("curlyBrackets"),
                        };
                        let m = vm.new_message(name, label, tok.line, tok.col);
                        append(vm, lv, m);
                        m
                    }
                };
                let close = match c {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                lv.can_take_args = None;
                stack.push(Level::new(Some(owner), close, tok.line, tok.col));
            }
            TokKind::Comma => {
                if lv.owner.is_none() {
                    return Err(err("unexpected ','", tok));
                }
                trim_terminator(vm, lv);
                match lv.head.take() {
                    Some(h) => lv.args.push(Value::obj(h)),
                    None => return Err(err("missing argument in argument list", tok)),
                }
                lv.tail = None;
                lv.can_take_args = None;
                lv.saw_comma = true;
            }
            TokKind::Close(c) => {
                if lv.owner.is_none() || lv.close != *c {
                    let what = if lv.owner.is_none() {
                        close_name(*c)
                    } else {
                        close_name(lv.close)
                    };
                    return Err(err(&format!("unmatched {what}"), tok));
                }
                let mut lv = stack.pop().expect("checked above");
                trim_terminator(vm, &mut lv);
                match lv.head {
                    Some(h) => lv.args.push(Value::obj(h)),
                    None if lv.saw_comma => {
                        return Err(err("missing argument in argument list", tok))
                    }
                    None => {}
                }
                let owner = lv.owner.expect("checked above");
                vm.message_mut(owner).args = lv.args;
                let parent = stack.last_mut().expect("top level remains");
                parent.can_take_args = None;
            }
            TokKind::Terminator => {
                if let Some(t) = lv.tail {
                    if vm.message(t).name != sym::semicolon {
                        let m = vm.new_message(sym::semicolon, label, tok.line, tok.col);
                        append(vm, lv, m);
                    }
                }
                lv.can_take_args = None;
            }
        }
    }
    if stack.len() > 1 {
        let lv = stack.last().expect("len > 1");
        return Err(ParseError {
            message: format!("unmatched {}", close_name(lv.close)),
            line: lv.open_line,
            col: lv.open_col,
        });
    }
    let mut top = stack.pop().expect("top level");
    trim_terminator(vm, &mut top);
    Ok(top.head)
}

fn err(msg: &str, tok: &Token) -> ParseError {
    ParseError {
        message: msg.to_string(),
        line: tok.line,
        col: tok.col,
    }
}

/// The name of a message as text (for diagnostics and tests).
pub fn name_of(vm: &Vm, m: ObjRef) -> Sym {
    vm.message(m).name
}

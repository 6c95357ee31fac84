//! File: a path on the file system. Whole-file reads and writes go straight
//! to the host; `open` emulates a stream: the file's bytes are loaded into a
//! private buffer (local slot `_stream`) read from a position (local slot
//! `_position`), and writes update both the buffer and the file at once.
//! The open mode (`_mode`: `r`, `r+` or `a+`) is inherited by clones; the
//! stream is not. Every failure is an Io exception with the system's text.

use super::*;
use crate::vm::Args;
use std::io;

pub const METHODS: MethodTable = &[
    ("setPath", set_path, false),
    ("name", name, false),
    ("exists", exists, false),
    ("size", size, false),
    ("isDirectory", is_directory, false),
    ("isRegularFile", is_regular_file, false),
    ("isLink", is_link, false),
    ("isPipe", is_special, false),
    ("isSocket", is_special, false),
    ("lastDataChangeDate", last_data_change_date, false),
    ("lastInfoChangeDate", last_data_change_date, false),
    ("lastAccessDate", last_access_date, false),
    ("stat", this_file, false),
    ("contents", contents, false),
    ("asBuffer", contents, false),
    ("setContents", set_contents, false),
    ("appendToContents", append_to_contents, false),
    ("create", create, false),
    ("remove", remove, false),
    ("moveTo", move_to, false),
    ("copyToPath", copy_to_path, false),
    ("copyToPathWithoutYielding", copy_to_path, false),
    ("truncateToSize", truncate_to_size, false),
    ("open", open, false),
    ("openForReading", open_for_reading, false),
    ("openForUpdating", open_for_updating, false),
    ("openForAppending", open_for_appending, false),
    ("close", close, false),
    ("isOpen", is_open, false),
    ("mode", mode, false),
    ("flush", this_file, false),
    ("readLine", read_line, false),
    ("readLines", read_lines, false),
    ("readBufferOfLength", read_buffer_of_length, false),
    ("readStringOfLength", read_string_of_length, false),
    ("readToBufferLength", read_to_buffer_length, false),
    ("at", at, false),
    ("atPut", at_put, false),
    ("write", write, false),
    ("rewind", rewind, false),
    ("position", position, false),
    ("setPosition", set_position, false),
    ("positionAtEnd", position_at_end, false),
    ("isAtEnd", is_at_end, false),
    ("foreach", foreach, true),
    ("foreachLine", foreach_line, true),
    ("parentDirectory", parent_directory, false),
    ("standardOutput", standard_output, false),
    ("standardError", standard_error, false),
];

const PATH: &str = "path";
const STREAM: &str = "_stream";
const POSITION: &str = "_position";
const MODE: &str = "_mode";
/// 1 for standard output, 2 for standard error (files made by standardOutput/standardError).
const STD_STREAM: &str = "_standardStream";

pub fn install_all(vm: &mut Vm) {
    let object = vm.p.object;
    let f = vm.new_object(object);
    let t = vm.symbol_string(b"File");
    vm.set_slot(f, sym::type_, t);
    let empty = vm.symbol_string(b"");
    vm.set_slot_str(f, PATH, empty);
    let m = vm.symbol_string(b"r+");
    vm.set_slot_str(f, MODE, m);
    let core = vm.p.core;
    vm.set_slot_str(core, "File", Value::obj(f));
    install_direct(vm, f, "File", METHODS);
}

// ---- helpers shared with Directory -------------------------------------------

/// The system's description of an I/O error, without the error number.
pub fn os_text(e: &io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s,
    }
}

/// An Io exception `<what>: <system text>`.
pub fn io_err<T>(vm: &mut Vm, what: String, e: io::Error) -> Result<T, Value> {
    let text = os_text(&e);
    vm.err(format!("{what}: {text}"))
}

/// The receiver's `path` slot as text.
pub fn path_of(vm: &mut Vm, target: Value) -> Result<String, Value> {
    let s = vm.sym(PATH);
    let p = vm.get_slot(target, s).unwrap_or(Value::NIL);
    match vm.string_of(p) {
        Some(text) => Ok(text),
        None => {
            let t = vm.type_name(target);
            vm.err(format!("{t} path is not a Sequence"))
        }
    }
}

/// setPath(aSequence): stores an immutable copy; returns self.
pub fn set_path(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = bytes_arg(vm, call, 0)?;
    let r = target_obj(vm, call)?;
    let v = vm.new_string(b, false);
    vm.set_slot_str(r, PATH, v);
    value(call.target)
}

/// name: the last component of the path (trailing separators ignored).
pub fn name(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let n = last_component(&p).to_string();
    value(vm.new_string(n.into_bytes(), false))
}

pub fn target_obj(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    match call.target.non_nil() {
        Some(r) if !call.target.is_num() => Ok(r),
        _ => {
            let name = method_name(vm, call);
            vm.err(format!("'{name}' needs an object receiver"))
        }
    }
}

pub fn last_component(p: &str) -> &str {
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return if p.is_empty() { "" } else { "/" };
    }
    match t.rfind('/') {
        Some(i) => &t[i + 1..],
        None => t,
    }
}

/// The directory holding `p`, or None for `.` and the root.
pub fn parent_path(p: &str) -> Option<String> {
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        // "" stands for the current directory; "/" has no parent.
        return None;
    }
    if t == "." {
        return None;
    }
    if t == ".." || t.ends_with("/..") {
        return Some(format!("{t}/.."));
    }
    match t.rfind('/') {
        None => Some(".".to_string()),
        Some(i) => {
            let head = t[..i].trim_end_matches('/');
            if head.is_empty() {
                Some("/".to_string())
            } else {
                Some(head.to_string())
            }
        }
    }
}

/// `dir` joined with an entry name, as directory listings name their items.
pub fn child_path(dir: &str, name: &str) -> String {
    if dir.is_empty() || dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// A File or Directory (by `is_dir`) for `path`: a clone of the one in Core.
pub fn new_item(vm: &mut Vm, path: &str, is_dir: bool) -> Result<Value, Value> {
    let proto_name = if is_dir { "Directory" } else { "File" };
    let core = Value::obj(vm.p.core);
    let s = vm.sym(proto_name);
    let proto = match vm.get_slot(core, s).and_then(|v| v.non_nil()) {
        Some(p) => p,
        None => return vm.err(format!("Core {proto_name} is missing")),
    };
    let o = vm.new_object(proto);
    let p = vm.str_value(path);
    vm.set_slot_str(o, PATH, p);
    Ok(Value::obj(o))
}

// ---- information -------------------------------------------------------------------

/// The path to test: the optional argument, else the receiver's path.
fn path_or_arg(vm: &mut Vm, call: &NativeCall) -> Result<String, Value> {
    if call.args.is_empty() {
        path_of(vm, call.target)
    } else {
        str_arg(vm, call, 0)
    }
}

fn exists(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_or_arg(vm, call)?;
    value(Value::bool(vm.host.stat(&p).is_ok()))
}

fn stat(vm: &mut Vm, call: &NativeCall) -> Result<crate::host::FileInfo, Value> {
    let p = path_of(vm, call.target)?;
    match vm.host.stat(&p) {
        Ok(i) => Ok(i),
        Err(e) => io_err(vm, format!("unable to stat file '{p}'"), e),
    }
}

fn size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    if let Some(s) = stream_of(vm, call.target) {
        let n = seq_len(vm, s);
        return value(Value::num(n as f64));
    }
    let p = path_of(vm, call.target)?;
    match vm.host.stat(&p) {
        Ok(i) => value(Value::num(i.size as f64)),
        Err(e) => io_err(vm, format!("unable to open file '{p}'"), e),
    }
}

fn is_directory(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let d = vm.host.stat(&p).map(|i| i.is_dir).unwrap_or(false);
    value(Value::bool(d))
}

fn is_regular_file(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let f = vm.host.stat(&p).map(|i| i.is_file).unwrap_or(false);
    value(Value::bool(f))
}

fn is_link(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let l = vm.host.stat(&p).map(|i| i.is_symlink).unwrap_or(false);
    value(Value::bool(l))
}

/// isPipe, isSocket: true for entries that are neither files nor directories.
fn is_special(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let s = vm
        .host
        .stat(&p)
        .map(|i| !i.is_file && !i.is_dir)
        .unwrap_or(false);
    value(Value::bool(s))
}

fn last_data_change_date(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let secs = stat(vm, call)?.modified;
    date_from_seconds(vm, secs)
}

fn last_access_date(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let secs = stat(vm, call)?.accessed;
    date_from_seconds(vm, secs)
}

/// A Date for seconds since the Unix epoch (`Date clone fromNumber(secs)`),
/// or the Number itself while Date cannot make one.
fn date_from_seconds(vm: &mut Vm, secs: f64) -> NResult {
    let core = Value::obj(vm.p.core);
    let d = vm.sym("Date");
    let from = vm.sym("fromNumber");
    match vm.get_slot(core, d) {
        Some(date) if vm.get_slot(date, from).is_some() => Ok(Flow::Send {
            target: date,
            name: vm.sym("clone"),
            args: Args::new(),
            cont: cont(date_clone_cont, state(&[Value::num(secs)])),
        }),
        _ => value(Value::num(secs)),
    }
}

fn date_clone_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(d) => {
            let mut args = Args::new();
            args.push(st[0]);
            Ok(Flow::Send {
                target: d,
                name: vm.sym("fromNumber"),
                args,
                cont: None,
            })
        }
        other => pass_on(other),
    }
}

fn this_file(_vm: &mut Vm, call: &mut NativeCall) -> NResult {
    value(call.target)
}

fn parent_directory(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let parent = if p.is_empty() { None } else { parent_path(&p) };
    match parent {
        Some(d) => value(new_item(vm, &d, true)?),
        None => value(Value::NIL),
    }
}

// ---- whole-file operations ------------------------------------------------------

fn read_all(vm: &mut Vm, p: &str) -> Result<Vec<u8>, Value> {
    match vm.host.read_file(p) {
        Ok(b) if b.len() > vm.max_alloc => {
            vm.err(format!("file '{p}' is larger than the allocation limit"))
        }
        Ok(b) => Ok(b),
        // Some hosts (WASI) report reading a directory as a bad descriptor.
        Err(_) if vm.host.stat(p).map(|i| i.is_dir).unwrap_or(false) => {
            vm.err(format!("unable to read file '{p}': Is a directory"))
        }
        Err(e) => io_err(vm, format!("unable to read file '{p}'"), e),
    }
}

/// contents, asBuffer: the whole file as a mutable Sequence.
fn contents(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let b = read_all(vm, &p)?;
    value(vm.new_string(b, true))
}

/// The bytes of each argument, which must be Sequences.
fn seq_args(vm: &mut Vm, call: &NativeCall) -> Result<Vec<u8>, Value> {
    let mut out = Vec::new();
    for i in 0..call.args.len() {
        let b = bytes_arg(vm, call, i)?;
        if out.len() + b.len() > vm.max_alloc {
            return vm.err("write is larger than the allocation limit");
        }
        out.extend_from_slice(&b);
    }
    Ok(out)
}

/// setContents(seq): replaces the file's contents; closes the file; returns self.
fn set_contents(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let b = bytes_arg(vm, call, 0)?;
    forget_stream(vm, call.target);
    if let Err(e) = vm.host.write_file(&p, &b) {
        return io_err(vm, format!("unable to write file '{p}'"), e);
    }
    value(call.target)
}

/// appendToContents(seq, ...): appends the arguments; closes the file; returns self.
fn append_to_contents(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let b = seq_args(vm, call)?;
    forget_stream(vm, call.target);
    if let Err(e) = vm.host.append_file(&p, &b) {
        return io_err(vm, format!("unable to append to file '{p}'"), e);
    }
    value(call.target)
}

/// create: makes an empty file unless one exists; self, or nil when that fails.
fn create(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    match vm.host.stat(&p) {
        Ok(i) if i.is_dir => value(Value::NIL),
        Ok(_) => value(call.target),
        Err(_) => match vm.host.write_file(&p, b"") {
            Ok(()) => value(call.target),
            Err(_) => value(Value::NIL),
        },
    }
}

/// remove: deletes the file (or empty directory); missing files are no error.
fn remove(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    forget_stream(vm, call.target);
    let res = match vm.host.stat(&p) {
        Err(_) => return value(call.target),
        Ok(i) if i.is_dir && !i.is_symlink => vm.host.remove_dir(&p),
        Ok(_) => vm.host.remove_file(&p),
    };
    match res {
        Err(e) if vm.host.stat(&p).is_ok() => io_err(vm, format!("error removing file '{p}'"), e),
        _ => value(call.target),
    }
}

/// moveTo(path): renames the file, replacing a file at the destination. The
/// receiver keeps its path.
fn move_to(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let from = path_of(vm, call.target)?;
    let to = str_arg(vm, call, 0)?;
    if from != to {
        if let Err(e) = vm.host.rename(&from, &to) {
            return io_err(vm, format!("error moving file '{from}' to '{to}'"), e);
        }
    }
    value(call.target)
}

/// copyToPath(path): writes this file's contents to path; returns self.
fn copy_to_path(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let from = path_of(vm, call.target)?;
    let to = str_arg(vm, call, 0)?;
    let b = read_all(vm, &from)?;
    if let Err(e) = vm.host.write_file(&to, &b) {
        return io_err(vm, format!("unable to write file '{to}'"), e);
    }
    value(call.target)
}

/// truncateToSize(n): cuts the file to n bytes (or pads it with zeros).
fn truncate_to_size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = num_arg(vm, call, 0)?;
    if !(0.0..=vm.max_alloc as f64).contains(&n) {
        return vm.err(format!("truncateToSize: invalid size {n}"));
    }
    let n = n as usize;
    let p = path_of(vm, call.target)?;
    let mut b = read_all(vm, &p)?;
    b.resize(n, 0);
    if let Err(e) = vm.host.write_file(&p, &b) {
        return io_err(vm, format!("unable to truncate file '{p}'"), e);
    }
    if let Some(s) = stream_of(vm, call.target) {
        edit_seq(vm, s, |buf| buf.resize(n, 0));
    }
    value(call.target)
}

// ---- the stream emulation ---------------------------------------------------------

fn local(vm: &mut Vm, target: Value, name: &str) -> Option<Value> {
    let s = vm.sym(name);
    let r = target.non_nil()?;
    if target.is_num() {
        return None;
    }
    vm.heap.get(r).get_local(s)
}

/// The buffer of an open file.
fn stream_of(vm: &mut Vm, target: Value) -> Option<ObjRef> {
    let v = local(vm, target, STREAM)?;
    vm.as_seq(v)?;
    v.as_obj()
}

fn std_stream(vm: &mut Vm, target: Value) -> Option<u8> {
    let s = vm.sym(STD_STREAM);
    let v = vm.get_slot(target, s)?;
    match v.as_num() {
        Some(1.0) => Some(1),
        Some(2.0) => Some(2),
        _ => None,
    }
}

fn seq_len(vm: &Vm, s: ObjRef) -> usize {
    vm.as_seq(Value::obj(s)).map_or(0, |d| d.bytes.len())
}

fn edit_seq(vm: &mut Vm, s: ObjRef, f: impl FnOnce(&mut Vec<u8>)) {
    if let Payload::Seq(d) = &mut vm.heap.get_mut(s).payload {
        f(&mut d.bytes);
    }
}

fn get_position(vm: &mut Vm, target: Value) -> usize {
    local(vm, target, POSITION)
        .and_then(|v| v.as_num())
        .map_or(0, |n| n.max(0.0) as usize)
}

fn put_position(vm: &mut Vm, target: Value, pos: usize) {
    if let Some(r) = target.as_obj() {
        vm.set_slot_str(r, POSITION, Value::num(pos as f64));
    }
}

fn mode_text(vm: &mut Vm, target: Value) -> String {
    let s = vm.sym(MODE);
    vm.get_slot(target, s)
        .and_then(|v| vm.string_of(v))
        .unwrap_or_else(|| "r+".to_string())
}

fn set_mode(vm: &mut Vm, target: Value, m: &str) {
    if let Some(r) = target.as_obj() {
        let v = vm.symbol_string(m.as_bytes());
        vm.set_slot_str(r, MODE, v);
    }
}

/// Drops the stream state of the receiver (close).
fn forget_stream(vm: &mut Vm, target: Value) {
    if let Some(r) = target.as_obj() {
        if target.is_num() {
            return;
        }
        let s = vm.sym(STREAM);
        vm.heap.remove_slot(r, s);
        let p = vm.sym(POSITION);
        vm.heap.remove_slot(r, p);
    }
}

/// Opens the receiver's file in its current mode: loads its bytes, creating
/// the file first unless the mode is read-only.
fn open_stream(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    let r = target_obj(vm, call)?;
    if !call.args.is_empty() {
        let b = bytes_arg(vm, call, 0)?;
        let v = vm.new_string(b, false);
        vm.set_slot_str(r, PATH, v);
    }
    forget_stream(vm, call.target);
    let p = path_of(vm, call.target)?;
    let m = mode_text(vm, call.target);
    let bytes = match vm.host.stat(&p) {
        Ok(i) if i.is_dir => {
            return vm.err(format!("unable to open file path '{p}': Is a directory"));
        }
        Ok(_) => read_all(vm, &p)?,
        Err(e) if m == "r" => return io_err(vm, format!("unable to open file path '{p}'"), e),
        Err(_) => {
            if let Err(e) = vm.host.write_file(&p, b"") {
                return io_err(vm, format!("unable to create file '{p}'"), e);
            }
            Vec::new()
        }
    };
    let buf = vm.new_string(bytes, true);
    vm.set_slot_str(r, STREAM, buf);
    put_position(vm, call.target, 0);
    buf.as_obj()
        .map_or_else(|| vm.err("internal: buffer is not an object"), Ok)
}

/// The buffer of the receiver, opening it for reading when it is closed.
fn reading_stream(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    if let Some(s) = stream_of(vm, call.target) {
        return Ok(s);
    }
    if std_stream(vm, call.target).is_some() {
        let p = path_of(vm, call.target)?;
        return vm.err(format!("file '{p}' cannot be read"));
    }
    set_mode(vm, call.target, "r");
    let plain = NativeCall {
        target: call.target,
        locals: call.locals,
        msg: call.msg,
        args: Args::new(),
        slot_context: call.slot_context,
    };
    open_stream(vm, &plain)
}

/// The buffer of a file open for reading, or an error if it is not open.
fn open_stream_of(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    match stream_of(vm, call.target) {
        Some(s) => Ok(s),
        None => {
            let p = path_of(vm, call.target)?;
            vm.err(format!("file '{p}' not yet open"))
        }
    }
}

fn open(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    open_stream(vm, call)?;
    value(call.target)
}

fn open_for_reading(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_mode(vm, call.target, "r");
    open(vm, call)
}

fn open_for_updating(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_mode(vm, call.target, "r+");
    open(vm, call)
}

fn open_for_appending(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    set_mode(vm, call.target, "a+");
    open(vm, call)
}

fn close(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    forget_stream(vm, call.target);
    value(call.target)
}

fn is_open(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let open = stream_of(vm, call.target).is_some() || std_stream(vm, call.target).is_some();
    value(Value::bool(open))
}

/// mode: `read`, `update` or `append`.
fn mode(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let m = mode_text(vm, call.target);
    let name: &[u8] = match m.as_str() {
        "r" => b"read",
        "r+" => b"update",
        "a+" => b"append",
        _ => return value(Value::NIL),
    };
    value(vm.symbol_string(name))
}

/// The next line of an open file without its line ending, advancing the position.
fn next_line(vm: &mut Vm, target: Value, s: ObjRef) -> Option<Vec<u8>> {
    let pos = get_position(vm, target);
    let bytes = &vm.as_seq(Value::obj(s))?.bytes;
    if pos >= bytes.len() {
        return None;
    }
    let rest = &bytes[pos..];
    let (line, used) = match rest.iter().position(|&c| c == b'\n') {
        Some(i) => (&rest[..i], i + 1),
        None => (rest, rest.len()),
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line).to_vec();
    put_position(vm, target, pos + used);
    Some(line)
}

fn read_line(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = reading_stream(vm, call)?;
    match next_line(vm, call.target, s) {
        Some(l) => value(vm.new_string(l, true)),
        None => value(Value::NIL),
    }
}

fn read_lines(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = reading_stream(vm, call)?;
    let mut lines = Vec::new();
    while let Some(l) = next_line(vm, call.target, s) {
        lines.push(vm.new_string(l, true));
    }
    value(vm.new_list(lines))
}

/// Up to n bytes from the position of an open file, advancing it.
fn take_bytes(vm: &mut Vm, call: &NativeCall, n_arg: usize) -> Result<Vec<u8>, Value> {
    let n = num_arg(vm, call, n_arg)?;
    let s = reading_stream(vm, call)?;
    let pos = get_position(vm, call.target);
    let len = seq_len(vm, s);
    let n = if n.is_nan() || n < 0.0 { 0 } else { n as usize };
    let end = pos.saturating_add(n).min(len);
    let out = if pos < end {
        vm.as_seq(Value::obj(s))
            .map(|d| d.bytes[pos..end].to_vec())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    put_position(vm, call.target, pos.max(end));
    Ok(out)
}

fn read_buffer_of_length(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = take_bytes(vm, call, 0)?;
    if b.is_empty() {
        return value(Value::NIL);
    }
    value(vm.new_string(b, true))
}

fn read_string_of_length(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = take_bytes(vm, call, 0)?;
    if b.is_empty() {
        return value(Value::NIL);
    }
    value(vm.new_string(b, false))
}

/// readToBufferLength(buffer, n): appends up to n bytes to buffer; answers the count.
fn read_to_buffer_length(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let buf = arg(call, 0);
    let target = match (vm.as_seq(buf).map(|d| d.mutable), buf.as_obj()) {
        (Some(true), Some(r)) => r,
        (Some(false), _) => return vm.err("readToBufferLength needs a mutable Sequence"),
        _ => return type_error(vm, call, 0, "Sequence"),
    };
    let b = take_bytes(vm, call, 1)?;
    let n = b.len();
    if seq_len(vm, target) + n > vm.max_alloc {
        return vm.err("readToBufferLength: buffer larger than the allocation limit");
    }
    edit_seq(vm, target, |d| d.extend_from_slice(&b));
    value(Value::num(n as f64))
}

/// A byte offset argument: a whole number from 0.
fn offset_arg(vm: &mut Vm, call: &NativeCall, i: usize) -> Result<usize, Value> {
    let n = num_arg(vm, call, i)?;
    if !(0.0..=vm.max_alloc as f64).contains(&n) {
        return vm.err(format!("invalid file position {n}"));
    }
    Ok(n as usize)
}

/// at(i): the byte at offset i, or nil past the end.
fn at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = offset_arg(vm, call, 0)?;
    let s = reading_stream(vm, call)?;
    let b = vm
        .as_seq(Value::obj(s))
        .and_then(|d| d.bytes.get(i).copied());
    put_position(vm, call.target, if b.is_some() { i + 1 } else { i });
    value(b.map_or(Value::NIL, |c| Value::num(c as f64)))
}

/// atPut(i, byte): writes one byte at offset i of a file open for writing.
fn at_put(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = offset_arg(vm, call, 0)?;
    let c = num_arg(vm, call, 1)? as i64 as u8;
    writable_stream(vm, call)?;
    put_position(vm, call.target, i);
    write_bytes(vm, call, &[c])?;
    value(call.target)
}

/// The buffer of a file open for writing.
fn writable_stream(vm: &mut Vm, call: &NativeCall) -> Result<ObjRef, Value> {
    let s = open_stream_of(vm, call)?;
    if mode_text(vm, call.target) == "r" {
        let p = path_of(vm, call.target)?;
        return vm.err(format!("file '{p}' not open for write"));
    }
    Ok(s)
}

/// Writes at the position (or at the end in append mode), keeping the buffer
/// and the file in step.
fn write_bytes(vm: &mut Vm, call: &NativeCall, b: &[u8]) -> Result<(), Value> {
    let s = writable_stream(vm, call)?;
    let p = path_of(vm, call.target)?;
    let len = seq_len(vm, s);
    let append = mode_text(vm, call.target) == "a+";
    let pos = if append {
        len
    } else {
        get_position(vm, call.target)
    };
    let end = pos.saturating_add(b.len());
    if end > vm.max_alloc {
        return vm.err(format!(
            "file '{p}' would be larger than the allocation limit"
        ));
    }
    let res = if pos == len {
        edit_seq(vm, s, |d| d.extend_from_slice(b));
        vm.host.append_file(&p, b)
    } else {
        edit_seq(vm, s, |d| {
            if d.len() < end {
                d.resize(end, 0);
            }
            d[pos..end].copy_from_slice(b);
        });
        let whole = vm
            .as_seq(Value::obj(s))
            .map(|d| d.bytes.clone())
            .unwrap_or_default();
        vm.host.write_file(&p, &whole)
    };
    if let Err(e) = res {
        return io_err(vm, format!("error writing to file '{p}'"), e);
    }
    put_position(vm, call.target, end);
    Ok(())
}

/// write(seq, ...): writes the arguments' bytes; returns self.
fn write(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let b = seq_args(vm, call)?;
    match std_stream(vm, call.target) {
        Some(1) => vm.host.write_stdout(&b),
        Some(_) => vm.host.write_stderr(&b),
        None => write_bytes(vm, call, &b)?,
    }
    value(call.target)
}

fn rewind(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    open_stream_of(vm, call)?;
    put_position(vm, call.target, 0);
    value(call.target)
}

fn position(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    open_stream_of(vm, call)?;
    let p = get_position(vm, call.target);
    value(Value::num(p as f64))
}

fn set_position(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let i = offset_arg(vm, call, 0)?;
    open_stream_of(vm, call)?;
    put_position(vm, call.target, i);
    value(call.target)
}

fn position_at_end(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = open_stream_of(vm, call)?;
    let n = seq_len(vm, s);
    put_position(vm, call.target, n);
    value(call.target)
}

fn is_at_end(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let s = open_stream_of(vm, call)?;
    let n = seq_len(vm, s);
    let p = get_position(vm, call.target);
    value(Value::bool(p >= n))
}

fn standard_stream(vm: &mut Vm, which: u8) -> NResult {
    let (path, n): (&[u8], f64) = if which == 1 {
        (b"<standard output>", 1.0)
    } else {
        (b"<standard error>", 2.0)
    };
    let f = new_item(vm, "", false)?;
    let r = f.as_obj().map_or_else(|| vm.err("internal: no File"), Ok)?;
    let p = vm.symbol_string(path);
    vm.set_slot_str(r, PATH, p);
    let m = vm.symbol_string(b"w");
    vm.set_slot_str(r, MODE, m);
    vm.set_slot_str(r, STD_STREAM, Value::num(n));
    value(f)
}

fn standard_output(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    standard_stream(vm, 1)
}

fn standard_error(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    standard_stream(vm, 2)
}

// ---- foreach, foreachLine ------------------------------------------------------------
//
// Forms: (body) evaluates body with each item as target; (item, body) and
// (index, item, body) bind the names in the caller's locals. Reading starts
// at the position of an open file (the start of a closed one, which is then
// opened for reading) and advances it.
// state = [file, count, index name, item name, body, locals, result, lines?]

fn foreach(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    each_start(vm, call, false)
}

fn foreach_line(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    each_start(vm, call, true)
}

fn name_value(vm: &Vm, call: &NativeCall, i: usize) -> Value {
    let s = vm
        .as_message(msg_arg(vm, call, i))
        .map(|m| m.name)
        .unwrap_or(sym::empty);
    Value::num(s.0 as f64)
}

fn each_start(vm: &mut Vm, call: &NativeCall, lines: bool) -> NResult {
    let n = msg_argc(vm, call);
    if n == 0 {
        let name = method_name(vm, call);
        return vm.err(format!("File {name} requires 1 to 3 arguments"));
    }
    reading_stream(vm, call)?;
    let (iname, vname) = match n {
        1 => (Value::NIL, Value::NIL),
        2 => (Value::NIL, name_value(vm, call, 0)),
        _ => (name_value(vm, call, 0), name_value(vm, call, 1)),
    };
    let body = msg_arg(vm, call, n.min(3) - 1);
    let mut st = state(&[
        call.target,
        Value::num(0.0),
        iname,
        vname,
        body,
        call.locals,
        Value::NIL,
        Value::bool(lines),
    ]);
    each_step(vm, &mut st)
}

fn each_step(vm: &mut Vm, st: &mut ContState) -> NResult {
    let file = st[0];
    // The body may have closed the file: that ends the loop.
    let s = match stream_of(vm, file) {
        Some(s) => s,
        None => return value(st[6]),
    };
    let item = if st[7] == Value::TRUE {
        match next_line(vm, file, s) {
            Some(l) => vm.new_string(l, true),
            None => return value(st[6]),
        }
    } else {
        let pos = get_position(vm, file);
        match vm
            .as_seq(Value::obj(s))
            .and_then(|d| d.bytes.get(pos).copied())
        {
            Some(c) => {
                put_position(vm, file, pos + 1);
                Value::num(c as f64)
            }
            None => return value(st[6]),
        }
    };
    let count = st[1];
    st[1] = Value::num(count.as_num().unwrap_or(0.0) + 1.0);
    let locals = st[5];
    if st[3].is_nil() {
        return Ok(Flow::Eval {
            msg: st[4],
            target: item,
            locals,
            cont: cont(each_cont, *st),
        });
    }
    if let Some(l) = locals.as_obj() {
        if let Some(n) = st[2].as_num() {
            vm.heap.set_slot(l, crate::symbol::Sym(n as u32), count);
        }
        if let Some(n) = st[3].as_num() {
            vm.heap.set_slot(l, crate::symbol::Sym(n as u32), item);
        }
    }
    Ok(Flow::Eval {
        msg: st[4],
        target: locals,
        locals,
        cont: cont(each_cont, *st),
    })
}

fn each_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(v) => {
            st[6] = v;
            each_step(vm, st)
        }
        Resume::Stop(Stop::Continue, _) => each_step(vm, st),
        Resume::Stop(Stop::Break, v) => value(v),
        other => pass_on(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_pieces() {
        assert_eq!(last_component("a/b/c.txt"), "c.txt");
        assert_eq!(last_component("a/b/"), "b");
        assert_eq!(last_component("/"), "/");
        assert_eq!(last_component(""), "");
        assert_eq!(parent_path("a/b").as_deref(), Some("a"));
        assert_eq!(parent_path("a").as_deref(), Some("."));
        assert_eq!(parent_path("/a").as_deref(), Some("/"));
        assert_eq!(parent_path("/"), None);
        assert_eq!(parent_path("."), None);
        assert_eq!(parent_path("..").as_deref(), Some("../.."));
        assert_eq!(child_path(".", "x"), "./x");
        assert_eq!(child_path("/", "x"), "/x");
        assert_eq!(
            os_text(&io::Error::from_raw_os_error(2)),
            io::Error::from_raw_os_error(2)
                .to_string()
                .split(" (os error")
                .next()
                .unwrap_or("")
        );
    }
}

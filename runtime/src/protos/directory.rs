//! Directory: a path naming a directory, with listings, creation, removal and
//! a recursive walk; and Path, which joins and inspects path strings. All
//! file system access goes through the host; failures are Io exceptions with
//! the system's text.

use super::file::{child_path, io_err, name, new_item, parent_path, path_of, set_path, target_obj};
use super::*;
use crate::symbol::Sym;

pub const METHODS: MethodTable = &[
    ("setPath", set_path, false),
    ("name", name, false),
    ("exists", exists, false),
    ("items", items, false),
    ("localItems", local_items, false),
    ("size", size, false),
    ("at", at, false),
    ("create", create, false),
    ("createSubdirectory", create_subdirectory, false),
    ("remove", remove, false),
    ("moveTo", move_to, false),
    ("parentDirectory", parent_directory, false),
    ("currentWorkingDirectory", current_working_directory, false),
    (
        "setCurrentWorkingDirectory",
        set_current_working_directory,
        false,
    ),
    ("walk", walk, true),
];

pub const PATH_METHODS: MethodTable = &[("with", path_with, false)];

pub fn install_all(vm: &mut Vm) {
    let object = vm.p.object;
    let core = vm.p.core;

    let d = vm.new_object(object);
    let t = vm.symbol_string(b"Directory");
    vm.set_slot(d, sym::type_, t);
    let dot = vm.symbol_string(b".");
    vm.set_slot_str(d, "path", dot);
    vm.set_slot_str(core, "Directory", Value::obj(d));
    install_direct(vm, d, "Directory", METHODS);

    let p = vm.new_object(object);
    let t = vm.symbol_string(b"Path");
    vm.set_slot(p, sym::type_, t);
    vm.set_slot_str(core, "Path", Value::obj(p));
    install_direct(vm, p, "Path", PATH_METHODS);
}

/// One entry of a directory listing.
struct Entry {
    path: String,
    is_dir: bool,
    is_link: bool,
}

/// The entries of `dir`, sorted by name.
fn scan(vm: &mut Vm, dir: &str) -> Result<Vec<Entry>, Value> {
    let mut names = match vm.host.list_dir(dir) {
        Ok(n) => n,
        Err(e) => return io_err(vm, format!("unable to open directory '{dir}'"), e),
    };
    if names.len() > vm.max_alloc {
        return vm.err(format!("directory '{dir}' has too many entries"));
    }
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        let path = child_path(dir, &n);
        let info = vm.host.stat(&path).unwrap_or_default();
        out.push(Entry {
            path,
            is_dir: info.is_dir,
            is_link: info.is_symlink,
        });
    }
    Ok(out)
}

/// File and Directory objects for the entries of `dir`, after `.` and `..` if `dots`.
fn entry_items(vm: &mut Vm, dir: &str, dots: bool) -> Result<Vec<Value>, Value> {
    let entries = scan(vm, dir)?;
    let mut out = Vec::with_capacity(entries.len() + 2);
    if dots {
        for n in [".", ".."] {
            let p = child_path(dir, n);
            out.push(new_item(vm, &p, true)?);
        }
    }
    for e in entries {
        out.push(new_item(vm, &e.path, e.is_dir)?);
    }
    Ok(out)
}

fn exists(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = if call.args.is_empty() {
        path_of(vm, call.target)?
    } else {
        str_arg(vm, call, 0)?
    };
    let d = vm.host.stat(&p).map(|i| i.is_dir).unwrap_or(false);
    value(Value::bool(d))
}

/// items: every entry, `.` and `..` first, then by name.
fn items(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let l = entry_items(vm, &p, true)?;
    value(vm.new_list(l))
}

/// localItems: the entries without `.` and `..`.
fn local_items(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    let l = entry_items(vm, &p, false)?;
    value(vm.new_list(l))
}

/// size: the number of entries, counting `.` and `..`.
fn size(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    match vm.host.list_dir(&p) {
        Ok(n) => value(Value::num(n.len() as f64 + 2.0)),
        Err(e) => io_err(vm, format!("unable to open directory '{p}'"), e),
    }
}

/// The path of entry `name` below the receiver.
fn entry_path(vm: &mut Vm, call: &NativeCall) -> Result<String, Value> {
    let dir = path_of(vm, call.target)?;
    let n = str_arg(vm, call, 0)?;
    Ok(join_path(&dir, &n))
}

/// at(name): a File or Directory for an existing entry, else nil.
fn at(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = entry_path(vm, call)?;
    match vm.host.stat(&p) {
        Ok(i) => value(new_item(vm, &p, i.is_dir)?),
        Err(_) => value(Value::NIL),
    }
}

/// create: makes the directory unless it exists; self, or nil when that fails.
fn create(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    if vm.host.stat(&p).map(|i| i.is_dir).unwrap_or(false) {
        return value(call.target);
    }
    match vm.host.create_dir(&p) {
        Ok(()) => value(call.target),
        Err(_) => value(Value::NIL),
    }
}

/// createSubdirectory(name): the Directory for name, made if missing.
fn create_subdirectory(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = entry_path(vm, call)?;
    match vm.host.stat(&p) {
        Ok(i) if i.is_dir => return value(new_item(vm, &p, true)?),
        Ok(_) => {
            return vm.err(format!(
                "unable to create directory '{p}' on top of an existing file"
            ))
        }
        Err(_) => {}
    }
    if let Err(e) = vm.host.create_dir(&p) {
        return io_err(vm, format!("unable to create directory '{p}'"), e);
    }
    value(new_item(vm, &p, true)?)
}

/// remove: deletes the directory and everything below it (links are removed,
/// not followed); returns self.
fn remove(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let root = path_of(vm, call.target)?;
    match vm.host.stat(&root) {
        Ok(i) if i.is_dir => {}
        Ok(_) => {
            return vm.err(format!(
                "unable to remove directory '{root}': Not a directory"
            ))
        }
        Err(e) => return io_err(vm, format!("unable to open directory '{root}'"), e),
    }
    if vm.host.stat(&root).map(|i| i.is_symlink).unwrap_or(false) {
        if let Err(e) = vm.host.remove_file(&root) {
            return io_err(vm, format!("unable to remove directory '{root}'"), e);
        }
        return value(call.target);
    }
    // Depth first without recursion: a directory is removed once its entries are.
    let mut stack: Vec<(String, bool)> = vec![(root, false)];
    while let Some((p, emptied)) = stack.pop() {
        if emptied {
            if let Err(e) = vm.host.remove_dir(&p) {
                return io_err(vm, format!("unable to remove directory '{p}'"), e);
            }
            continue;
        }
        let entries = scan(vm, &p)?;
        stack.push((p, true));
        for e in entries {
            if e.is_dir && !e.is_link {
                stack.push((e.path, false));
            } else if let Err(err) = vm.host.remove_file(&e.path) {
                return io_err(vm, format!("error removing file '{}'", e.path), err);
            }
        }
    }
    value(call.target)
}

/// moveTo(path): renames the directory and takes the new path; returns self.
fn move_to(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let from = path_of(vm, call.target)?;
    let to = bytes_arg(vm, call, 0)?;
    let to_text = String::from_utf8_lossy(&to).into_owned();
    if !vm.host.stat(&from).map(|i| i.is_dir).unwrap_or(false) {
        return vm.err(format!(
            "unable to move directory '{from}': No such directory"
        ));
    }
    if let Err(e) = vm.host.rename(&from, &to_text) {
        return io_err(
            vm,
            format!("unable to move directory '{from}' to '{to_text}'"),
            e,
        );
    }
    let r = target_obj(vm, call)?;
    let v = vm.new_string(to, false);
    vm.set_slot_str(r, "path", v);
    value(call.target)
}

/// parentDirectory: the Directory holding this one, nil for `.` and the root.
fn parent_directory(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = path_of(vm, call.target)?;
    match parent_path(&p) {
        Some(d) => value(new_item(vm, &d, true)?),
        None => value(Value::NIL),
    }
}

fn current_working_directory(vm: &mut Vm, _call: &mut NativeCall) -> NResult {
    match vm.host.current_dir() {
        Ok(p) => value(vm.str_value(&p)),
        Err(_) => value(vm.symbol_string(b".")),
    }
}

/// setCurrentWorkingDirectory(path): true on success, false otherwise.
fn set_current_working_directory(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let p = str_arg(vm, call, 0)?;
    value(Value::bool(vm.host.set_current_dir(&p).is_ok()))
}

// ---- walk --------------------------------------------------------------------------
//
// walk(message) sends message to every File and Directory below the receiver
// (`.` and `..` excluded); walk(item, body) and walk(index, item, body) bind
// the names in a fresh context that inherits the caller's locals. A
// directory's entries come first, then each subdirectory in name order is
// walked in turn (listed again after its parent's entries were visited).
// Linked directories are visited but not entered.
// state = [pending directories (List of paths, last first), entries of the
//          current directory (List), next index, current directory, item name,
//          body, context, index name]

fn walk(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let n = msg_argc(vm, call);
    if n == 0 {
        return vm.err("Directory walk requires 1 to 3 arguments");
    }
    let root = path_of(vm, call.target)?;
    let (iname, vname) = match n {
        1 => (Value::NIL, Value::NIL),
        2 => (Value::NIL, name_value(vm, call, 0)),
        _ => (name_value(vm, call, 0), name_value(vm, call, 1)),
    };
    let body = msg_arg(vm, call, n.min(3) - 1);
    let ctx = if n == 1 {
        call.locals
    } else {
        make_context(vm, call.locals)
    };
    let root_v = vm.str_value(&root);
    let pending = vm.new_list(vec![root_v]);
    let empty = vm.new_list(Vec::new());
    let mut st = state(&[
        pending,
        empty,
        Value::num(0.0),
        Value::NIL,
        vname,
        body,
        ctx,
        iname,
    ]);
    walk_step(vm, &mut st)
}

fn name_value(vm: &Vm, call: &NativeCall, i: usize) -> Value {
    let s = vm
        .as_message(msg_arg(vm, call, i))
        .map(|m| m.name)
        .unwrap_or(sym::empty);
    Value::num(s.0 as f64)
}

/// A context for a body: it inherits `sender` (and, as locals, its `self`).
fn make_context(vm: &mut Vm, sender: Value) -> Value {
    let ctx = vm.heap.alloc(&[sender], Payload::None);
    if let Some(s) = sender.as_obj() {
        let o = vm.heap.get(s);
        if o.is_locals() {
            if let Some(selfv) = o.get_local(sym::self_) {
                vm.heap.set_slot(ctx, sym::self_, selfv);
                vm.heap.set_flag(ctx, crate::heap::FLAG_LOCALS, true);
            }
        }
    }
    Value::obj(ctx)
}

fn list_mut(vm: &mut Vm, l: Value) -> Option<&mut Vec<Value>> {
    let r = l.as_obj()?;
    match &mut vm.heap.get_mut(r).payload {
        Payload::List(items) => Some(items),
        _ => None,
    }
}

fn walk_step(vm: &mut Vm, st: &mut ContState) -> NResult {
    loop {
        let i = st[2].as_num().unwrap_or(0.0) as usize;
        let item = vm.as_list(st[1]).and_then(|l| l.get(i).copied());
        if let Some(item) = item {
            st[2] = Value::num(i as f64 + 1.0);
            return walk_visit(vm, st, i, item);
        }
        // The current directory is done: queue its subdirectories.
        if let Some(cur) = vm.string_of(st[3]) {
            st[3] = Value::NIL;
            let subdirs: Vec<String> = scan(vm, &cur)?
                .into_iter()
                .filter(|e| e.is_dir && !e.is_link)
                .map(|e| e.path)
                .collect();
            let mut vals: Vec<Value> = subdirs.iter().rev().map(|p| vm.str_value(p)).collect();
            if let Some(l) = list_mut(vm, st[0]) {
                l.append(&mut vals);
            }
        }
        let next = match list_mut(vm, st[0]).and_then(|l| l.pop()) {
            Some(d) => d,
            None => return value(Value::NIL),
        };
        let dir = vm.string_of(next).unwrap_or_default();
        let entries = entry_items(vm, &dir, false)?;
        st[1] = vm.new_list(entries);
        st[2] = Value::num(0.0);
        st[3] = next;
    }
}

fn walk_visit(vm: &mut Vm, st: &mut ContState, index: usize, item: Value) -> NResult {
    let ctx = st[6];
    if st[4].is_nil() {
        return Ok(Flow::Eval {
            msg: st[5],
            target: item,
            locals: ctx,
            cont: cont(walk_cont, *st),
        });
    }
    if let Some(c) = ctx.as_obj() {
        if let Some(n) = st[7].as_num() {
            vm.heap.set_slot(c, Sym(n as u32), Value::num(index as f64));
        }
        if let Some(n) = st[4].as_num() {
            vm.heap.set_slot(c, Sym(n as u32), item);
        }
    }
    Ok(Flow::Eval {
        msg: st[5],
        target: ctx,
        locals: ctx,
        cont: cont(walk_cont, *st),
    })
}

fn walk_cont(vm: &mut Vm, st: &mut ContState, how: Resume) -> NResult {
    match how {
        Resume::Value(_) | Resume::Stop(Stop::Continue, _) => walk_step(vm, st),
        Resume::Stop(Stop::Break, _) => value(Value::NIL),
        other => pass_on(other),
    }
}

// ---- Path ---------------------------------------------------------------------------

/// `a` and `b` joined by exactly one `/` (nothing added to an empty `a`).
fn join_path(a: &str, b: &str) -> String {
    match (a.ends_with('/'), b.starts_with('/')) {
        (true, true) => format!("{a}{}", &b[1..]),
        (false, false) if !a.is_empty() => format!("{a}/{b}"),
        _ => format!("{a}{b}"),
    }
}

/// Path with(part, ...): the non-nil parts joined with single separators.
fn path_with(vm: &mut Vm, call: &mut NativeCall) -> NResult {
    let mut out = String::new();
    for i in 0..call.args.len() {
        if call.args[i].is_nil() {
            continue;
        }
        let part = str_arg(vm, call, i)?;
        if out.len() + part.len() + 1 > vm.max_alloc {
            return vm.err("Path with: result larger than the allocation limit");
        }
        out = join_path(&out, &part);
    }
    value(vm.new_string(out.into_bytes(), false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::MemoryHost;

    fn text(vm: &mut Vm, src: &str) -> String {
        match vm.do_string(src, "test") {
            Ok(v) => vm.display_string(v),
            Err(e) => format!("raised: {}", crate::report::exception_report(vm, e)),
        }
    }

    #[test]
    fn files_and_directories_on_a_memory_host() {
        let mut vm = Vm::new(Box::new(MemoryHost::default()));
        let script = r#"
            d := Directory with("/w/sub") createIfAbsent
            File with("/w/a.txt") setContents("one\ntwo\n")
            File with("/w/sub/b.io") open write("x") close
            File with("/w/a.txt") appendToContents("three")
            found := list()
            Directory with("/w") walk(f, found append(f path))
            Directory setCurrentWorkingDirectory("/w")
            list(found join(" "), File with("a.txt") readLines join(","),
                Directory currentWorkingDirectory, Directory clone fileNames join(","),
                Directory with("/w") size) join(" | ")
        "#;
        assert_eq!(
            text(&mut vm, script),
            "/w/a.txt /w/sub /w/sub/b.io | one,two,three | /w | a.txt | 4"
        );
        assert_eq!(
            text(&mut vm, "Directory with(\"/w\") remove exists"),
            "false"
        );
        assert!(text(&mut vm, "File with(\"/none\") contents").contains("No such file"));
    }

    #[test]
    fn joins() {
        assert_eq!(join_path("", "a"), "a");
        assert_eq!(join_path("a", "b"), "a/b");
        assert_eq!(join_path("a/", "/b"), "a/b");
        assert_eq!(join_path("a/", "b"), "a/b");
        assert_eq!(join_path("/", "b"), "/b");
    }
}

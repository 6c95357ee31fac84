//! The Rust backend: Rust versions of the methods an Io block defines at
//! its top level, `name := method(a, b, body)`, when the body cannot
//! suspend and is only arithmetic on Numbers (the `io!` macro of crate
//! io-macros expands to them). Its input is the block's message tree as
//! `tree::Parsed`; its output is Rust items and `io_runtime::embed::Fast`
//! entries, as tokens.
//!
//! A method is compiled when its body is made only of what this backend
//! knows to be plain arithmetic: its arguments and locals as f64, the
//! operators `+ - * /`, `sqrt abs floor ceil`, parentheses, `:=` and `=` on
//! locals, `while(a < b, ...)` loops as Rust loops, `if(a < b, x, y)` as a
//! Rust `if`, and calls of the block's other compiled methods as direct Rust
//! calls. None of that can suspend: the walk over the tree that builds the
//! Rust is the whole of the decision. (The specialiser's `passes` work on a
//! program's bytecode, and its compiled code leaves any op it cannot do to
//! the interpreter at run time, mid-body; a Rust version can only give up
//! as a whole, so this backend decides, from the tree, when the Rust crate
//! compiles.) The last statement must be an arithmetic expression (the
//! method's answer). Each loop iteration and call spends one unit of the
//! VM's fuel; calls nest at most `MAX_CALLS` deep (deeper, the Rust version
//! gives up and the interpreter runs the call). Anything else leaves the
//! method to the interpreter. An argument used as a List (`xs at(i)`,
//! `xs atPut(i, v)` as a statement, `xs size`) and nothing else is a List of
//! Numbers: the Rust version works on a copy of its items, and gives up (the
//! interpreter then runs the call from the start) at an index that is not a
//! whole number within the list; its copy is written back to the List only
//! when it finishes. At run time, `Io::call` runs the Rust version only
//! behind guards (see `io_runtime::embed::Fast`).
//!
//! A local that is only ever assigned whole numbers (whole literals, `size`,
//! and `+ - *` of such) is an i64 (loop counters and List indices, which
//! then need no conversion and one bounds comparison); its arithmetic is
//! `io_runtime::embed::exact`'s, which gives up where f64 would answer
//! otherwise. A local assigned anything else is an f64 (the method is
//! compiled again until no local changes). A local is read only where it
//! is sure to have been assigned (not after a loop that alone assigns it,
//! or an `if` only one of whose branches does, nor before its assignment in
//! a loop): Io would look such a name up on the receiver there, so the
//! method stays interpreted.

pub mod tree;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
pub use tree::{Lit, Node, Parsed};

/// Deepest expression compiled (deeper ones stay interpreted).
const MAX_DEPTH: u32 = 48;

/// Deepest nesting of calls between compiled methods.
const MAX_CALLS: u32 = 400;

/// A top-level `name := method(...)` of the block.
struct Candidate<'a> {
    name: String,
    node: &'a Node,
    /// Its parameters used as Lists, by position.
    lists: Vec<usize>,
}

/// The compiled methods of a block: the items (Rust functions) and the
/// `io_runtime::embed::Fast` entries (expressions), in the order of their
/// definitions.
pub fn compile(parsed: &Parsed) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let Some(head) = parsed.head else {
        return (Vec::new(), Vec::new());
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    for stmt in statements(&parsed.nodes, head) {
        let n = &parsed.nodes[stmt as usize];
        let ends = |next: Option<u32>| next.is_none_or(|i| parsed.nodes[i as usize].name == ";");
        if n.name != "setSlot" || n.args.len() != 2 || !ends(n.next) {
            continue;
        }
        let Lit::Str(name) = &parsed.nodes[n.args[0] as usize].lit else {
            continue;
        };
        let Ok(name) = std::str::from_utf8(name) else {
            continue;
        };
        let m = &parsed.nodes[n.args[1] as usize];
        if m.name != "method" || m.args.is_empty() || m.next.is_some() {
            continue;
        }
        // A later definition of the same name wins, as in Io.
        candidates.retain(|c| c.name != name);
        let lists = list_params(&parsed.nodes, m);
        if lists.len() > io_runtime::embed::MAX_LISTS {
            continue;
        }
        candidates.push(Candidate {
            name: name.to_string(),
            node: m,
            lists,
        });
    }
    // Compile until no method calls one that did not compile.
    let mut compiled: Vec<Option<Compiled>>;
    let mut allowed: Vec<bool> = vec![true; candidates.len()];
    let mut reads: Vec<String> = Vec::new();
    let mut last_round = false;
    loop {
        // (A method with List parameters is called from Rust only.)
        let callable: Vec<(String, usize, usize)> = candidates
            .iter()
            .enumerate()
            .filter(|(i, c)| allowed[*i] && c.lists.is_empty())
            .map(|(i, c)| (c.name.clone(), c.node.args.len() - 1, i))
            .collect();
        compiled = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if allowed[i] {
                    method(&parsed.nodes, c, i, &callable, &mut reads)
                } else {
                    None
                }
            })
            .collect();
        let mut changed = false;
        for (i, c) in compiled.iter().enumerate() {
            if allowed[i] && c.is_none() {
                allowed[i] = false;
                changed = true;
            }
        }
        if !changed {
            if last_round {
                break;
            }
            // Once more, with every read name known to every method (a
            // call passes them all).
            last_round = true;
        } else {
            reads.clear();
            last_round = false;
        }
    }
    let mut items = Vec::new();
    let mut entries = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let Some(done) = &compiled[i] else {
            continue;
        };
        items.push(done.items.clone());
        // Every method it may reach, for the guards.
        let mut reach: Vec<usize> = Vec::new();
        let mut work = vec![i];
        while let Some(k) = work.pop() {
            if let Some(done) = &compiled[k] {
                for &callee in &done.calls {
                    if callee != i && !reach.contains(&callee) {
                        reach.push(callee);
                        work.push(callee);
                    }
                }
            }
        }
        let calls: Vec<&str> = reach.iter().map(|&k| candidates[k].name.as_str()).collect();
        let name = &c.name;
        let arity = (c.node.args.len() - 1) as u32;
        let lists = c.lists.iter().map(|&p| p as u32);
        let written = done.written.iter().map(|&p| p as u32);
        let f = entry_name(i);
        entries.push(quote! {
            ::io_runtime::embed::Fast {
                name: #name, arity: #arity, calls: &[#(#calls),*], reads: &[#(#reads),*],
                lists: &[#(#lists),*], written: &[#(#written),*], f: #f,
            }
        });
    }
    (items, entries)
}

fn entry_name(i: usize) -> Ident {
    format_ident!("__io_fast_{}", i)
}

fn body_name(i: usize) -> Ident {
    format_ident!("__io_fast_{}_at", i)
}

/// The statements of the chain starting at `at` (split at `;`).
fn statements(nodes: &[Node], at: u32) -> Vec<u32> {
    let mut out = vec![at];
    let mut cur = Some(at);
    while let Some(i) = cur {
        let n = &nodes[i as usize];
        if n.name == ";" && n.lit == Lit::Send && n.args.is_empty() {
            if let Some(next) = n.next {
                out.push(next);
            }
        }
        cur = n.next;
    }
    out
}

/// The parameters of method `m` that its body sends `at`, `atPut` or
/// `size` to, by position.
fn list_params(nodes: &[Node], m: &Node) -> Vec<usize> {
    let Some((&body, params)) = m.args.split_last() else {
        return Vec::new();
    };
    let names: Vec<&str> = params
        .iter()
        .map(|&p| nodes[p as usize].name.as_str())
        .collect();
    let mut found = Vec::new();
    for n in tree(nodes, body) {
        let next = n.next.map(|k| &nodes[k as usize]);
        if let (Some(p), Some(next)) = (names.iter().position(|&x| x == n.name), next) {
            if n.lit == Lit::Send
                && n.args.is_empty()
                && matches!(next.name.as_str(), "at" | "atPut" | "size")
                && !found.contains(&p)
            {
                found.push(p);
            }
        }
    }
    found.sort_unstable();
    found
}

/// The slice of List parameter `k` in the Rust version.
fn list_var(k: usize) -> Ident {
    format_ident!("l{}", k)
}

/// What a compiled expression is in Rust: an i64 standing for a whole
/// Number (see `io_runtime::embed::exact`), or an f64.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    Num,
}

/// A compiled expression and its Rust type.
struct Ex {
    code: TokenStream,
    ty: Ty,
    /// For an i64 sum or difference: the same without the range check of
    /// its last operation, for use as a List index, whose bounds check
    /// covers it (an exact sum within a List's bounds is what f64 answers).
    index: Option<TokenStream>,
}

impl Ex {
    fn new(code: TokenStream, ty: Ty) -> Ex {
        Ex {
            code,
            ty,
            index: None,
        }
    }

    /// The value as an f64 (an i64 converts exactly).
    fn num(&self) -> TokenStream {
        let c = &self.code;
        match self.ty {
            Ty::Int => quote!((#c as f64)),
            Ty::Num => c.clone(),
        }
    }
}

/// The index into List parameter `k` of `index`, which must be a whole
/// number within the List; the Rust version gives up otherwise (the
/// interpreter then runs the call, and answers nil or raises as Io does).
/// An i64 index needs one comparison; an f64 one is converted first.
fn list_index(k: usize, index: Ex) -> TokenStream {
    let l = list_var(k);
    let code = index.index.unwrap_or(index.code);
    match index.ty {
        Ty::Int => quote! {{
            let j: i64 = #code;
            if j as u64 >= #l.len() as u64 {
                return ::core::option::Option::None;
            }
            j as usize
        }},
        Ty::Num => quote! {{
            let i: f64 = #code;
            let j = i as i64;
            if j as f64 != i || j as u64 >= #l.len() as u64 {
                return ::core::option::Option::None;
            }
            j as usize
        }},
    }
}

/// A local or parameter of the method being compiled.
struct Var {
    name: String,
    ty: Ty,
    /// Whether it is sure to have been assigned at the point being
    /// compiled (a parameter always is). Reading one that is not is left
    /// to the interpreter: Io would look the name up on the receiver.
    defined: bool,
}

struct Method<'a> {
    nodes: &'a [Node],
    /// Names in scope (arguments, then locals as they are assigned).
    vars: Vec<Var>,
    /// Every name the body assigns with `:=` or `=` anywhere.
    assigned: Vec<String>,
    /// Locals found (by an earlier attempt) to hold non-whole Numbers.
    floats: &'a [String],
    /// Locals found by this attempt to hold non-whole Numbers.
    demoted: Vec<String>,
    /// The compiled methods it may call: (name, arity, index).
    callable: &'a [(String, usize, usize)],
    /// The indices of those it calls.
    calls: Vec<usize>,
    /// Names read from the receiver (Number slots), shared by the block's
    /// methods: each method gets them all, after its arguments.
    reads: &'a mut Vec<String>,
    /// The parameters used as Lists: (name, index among them).
    lists: Vec<(String, usize)>,
    /// The indices (among the List parameters) of those it writes.
    written: Vec<usize>,
}

/// A method compiled to Rust.
struct Compiled {
    items: TokenStream,
    /// The indices of the methods it calls.
    calls: Vec<usize>,
    /// The positions of the List parameters it writes.
    written: Vec<usize>,
}

/// Method `index` as Rust.
fn method(
    nodes: &[Node],
    c: &Candidate,
    index: usize,
    callable: &[(String, usize, usize)],
    reads: &mut Vec<String>,
) -> Option<Compiled> {
    // Locals start as whole numbers; each attempt that finds one assigned
    // something else makes it an f64 and tries again.
    let mut floats: Vec<String> = Vec::new();
    loop {
        let (done, demoted) = attempt(nodes, c, index, callable, reads, &floats)?;
        if demoted.is_empty() {
            return Some(done);
        }
        let before = floats.len();
        for d in demoted {
            if !floats.contains(&d) {
                floats.push(d);
            }
        }
        if floats.len() == before {
            return None;
        }
    }
}

/// A method compiled, and the locals found not to be whole numbers.
type Attempt = (Compiled, Vec<String>);

fn attempt(
    nodes: &[Node],
    c: &Candidate,
    index: usize,
    callable: &[(String, usize, usize)],
    reads: &mut Vec<String>,
    floats: &[String],
) -> Option<Attempt> {
    let m = c.node;
    let (params, body) = m.args.split_at(m.args.len() - 1);
    let lists = c
        .lists
        .iter()
        .enumerate()
        .map(|(k, &p)| (nodes[params[p] as usize].name.clone(), k))
        .collect();
    let mut f = Method {
        nodes,
        vars: Vec::new(),
        assigned: assigned_names(nodes, body[0]),
        floats,
        demoted: Vec::new(),
        callable,
        calls: Vec::new(),
        reads,
        lists,
        written: Vec::new(),
    };
    for &p in params {
        let p = &nodes[p as usize];
        if p.lit != Lit::Send || !p.args.is_empty() || p.next.is_some() || !io_name(&p.name) {
            return None;
        }
        if f.vars.iter().any(|v| v.name == p.name) {
            return None;
        }
        f.vars.push(Var {
            name: p.name.clone(),
            ty: Ty::Num,
            defined: true,
        });
    }
    let arity = params.len();
    let stmts = statements(nodes, body[0]);
    let (last, init) = stmts.split_last()?;
    let mut code = Vec::new();
    for &s in init {
        code.push(f.statement(s)?);
    }
    let answer = f.expr(*last, 0)?.num();
    let args = (0..arity).map(var);
    let nreads = f.reads.len();
    let reads = (0..nreads).map(read_var);
    let locals = (arity..f.vars.len()).map(|i| {
        let v = var(i);
        match f.vars[i].ty {
            Ty::Int => quote!(let mut #v: i64 = 0;),
            Ty::Num => quote!(let mut #v: f64 = 0.0;),
        }
    });
    let entry = entry_name(index);
    let at = body_name(index);
    let max = MAX_CALLS;
    let lists = if c.lists.is_empty() {
        quote!()
    } else {
        let ls: Vec<Ident> = (0..c.lists.len()).map(list_var).collect();
        quote! {
            let [#(#ls,)* ..] = l else {
                return ::core::option::Option::None;
            };
            #(let #ls: &mut [f64] = &mut **#ls;)*
        }
    };
    let items = quote! {
        fn #entry(a: &[f64], l: &mut [&mut [f64]], fuel: &mut u64) -> ::core::option::Option<f64> {
            #at(a, l, fuel, 0)
        }
        #[allow(unused_mut, unused_assignments, unused_parens, unused_variables, irrefutable_let_patterns, clippy::all)]
        fn #at(a: &[f64], l: &mut [&mut [f64]], fuel: &mut u64, depth: u32) -> ::core::option::Option<f64> {
            #lists
            if depth > #max || *fuel == 0 {
                return ::core::option::Option::None;
            }
            *fuel -= 1;
            let &[#(mut #args,)* #(#reads,)* ..] = a else {
                return ::core::option::Option::None;
            };
            #(#locals)*
            #(#code)*
            ::core::option::Option::Some(#answer)
        }
    };
    let mut written: Vec<usize> = f.written.iter().map(|&k| c.lists[k]).collect();
    written.sort_unstable();
    let done = Compiled {
        items,
        calls: f.calls,
        written,
    };
    Some((done, f.demoted))
}

/// Every name that the body starting at `at` assigns (`:=`, `=`).
fn assigned_names(nodes: &[Node], at: u32) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in tree(nodes, at) {
        if matches!(n.name.as_str(), "setSlot" | "updateSlot") && n.lit == Lit::Send {
            if let Some(Lit::Str(s)) = n.args.first().map(|&a| &nodes[a as usize].lit) {
                if let Ok(s) = std::str::from_utf8(s) {
                    if !out.iter().any(|o| o == s) {
                        out.push(s.to_string());
                    }
                }
            }
        }
    }
    out
}

/// The nodes of the tree starting at `at`: its arguments and the rest of
/// its chain, depth first (at most as many as there are nodes).
fn tree(nodes: &[Node], at: u32) -> Vec<&Node> {
    let mut out = Vec::new();
    let mut todo = vec![at];
    while let Some(i) = todo.pop() {
        if out.len() == nodes.len() {
            break;
        }
        let n = &nodes[i as usize];
        out.push(n);
        todo.extend(n.args.iter().copied());
        todo.extend(n.next);
    }
    out
}

fn read_var(j: usize) -> Ident {
    format_ident!("r{}", j)
}

fn var(i: usize) -> Ident {
    format_ident!("v{}", i)
}

fn io_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !matches!(s, "self" | "call" | "nil" | "true" | "false")
}

/// The Number literal `x` as Rust: an i64 when it is a whole number an
/// i64 local stands for exactly.
fn literal(x: f64) -> Ex {
    if io_runtime::embed::exact::is_whole(x) {
        let i = proc_macro2::Literal::i64_suffixed(x as i64);
        Ex::new(quote!(#i), Ty::Int)
    } else {
        let x = proc_macro2::Literal::f64_suffixed(x);
        Ex::new(quote!(#x), Ty::Num)
    }
}

impl<'a> Method<'a> {
    fn node(&self, i: u32) -> &'a Node {
        &self.nodes[i as usize]
    }

    /// Which locals are sure to be assigned (to restore after code that
    /// may not run).
    fn defined(&self) -> Vec<bool> {
        self.vars.iter().map(|v| v.defined).collect()
    }

    fn restore(&mut self, was: &[bool]) {
        for (i, v) in self.vars.iter_mut().enumerate() {
            v.defined = was.get(i).copied().unwrap_or(false);
        }
    }

    /// One statement up to `;` (a loop, or an expression whose value is dropped).
    fn statement(&mut self, s: u32) -> Option<TokenStream> {
        let n = self.node(s);
        if n.name == "while" && n.args.len() == 2 && self.ends_statement(n.next) {
            let (cond, body) = (n.args[0], n.args[1]);
            let cond = self.condition(cond)?;
            // (The body may not run: what it assigns is not sure after it,
            // nor, the second time round, in the condition.)
            let was = self.defined();
            let mut code = Vec::new();
            for st in statements(self.nodes, body) {
                code.push(self.statement(st)?);
            }
            self.restore(&was);
            return Some(quote! {
                while #cond {
                    if *fuel == 0 {
                        return ::core::option::Option::None;
                    }
                    *fuel -= 1;
                    #(#code)*
                }
            });
        }
        if let (Some(k), Some(put)) = (self.list_of(n), n.next.map(|i| self.node(i))) {
            if put.name == "atPut" && put.args.len() == 2 && self.ends_statement(put.next) {
                let index = self.expr(put.args[0], 1)?;
                let index = list_index(k, index);
                let value = self.expr(put.args[1], 1)?.num();
                let l = list_var(k);
                if !self.written.contains(&k) {
                    self.written.push(k);
                }
                // (Io evaluates the index, then the value.)
                return Some(quote! {{
                    let j: usize = #index;
                    let v: f64 = #value;
                    #l[j] = v;
                }});
            }
        }
        let e = self.expr(s, 0)?.code;
        Some(quote!(let _ = #e;))
    }

    /// The index among the List parameters of `n`, a bare send of one's name.
    fn list_of(&self, n: &Node) -> Option<usize> {
        if n.lit != Lit::Send || !n.args.is_empty() {
            return None;
        }
        self.lists
            .iter()
            .find(|(name, _)| *name == n.name)
            .map(|&(_, k)| k)
    }

    fn ends_statement(&self, next: Option<u32>) -> bool {
        match next {
            None => true,
            Some(i) => self.node(i).name == ";",
        }
    }

    /// `a < b` and the like, on Numbers.
    fn condition(&mut self, at: u32) -> Option<TokenStream> {
        let mut cur = at;
        let mut n = self.node(at);
        // The comparison is the last message of the chain.
        let mut before = Vec::new();
        while let Some(next) = n.next {
            before.push(cur);
            cur = next;
            n = self.node(next);
        }
        let op = match n.name.as_str() {
            "<" => quote!(<),
            ">" => quote!(>),
            "<=" => quote!(<=),
            ">=" => quote!(>=),
            "==" => quote!(==),
            "!=" => quote!(!=),
            _ => return None,
        };
        if n.args.len() != 1 || before.is_empty() {
            return None;
        }
        // (Io evaluates the receiver, then the argument.)
        let lhs = self.chain_until(at, cur, 1)?;
        let rhs = self.expr(n.args[0], 1)?;
        if lhs.ty == Ty::Int && rhs.ty == Ty::Int {
            let (l, r) = (lhs.code, rhs.code);
            return Some(quote!((#l #op #r)));
        }
        let (l, r) = (lhs.num(), rhs.num());
        Some(quote!((#l #op #r)))
    }

    fn expr(&mut self, at: u32, depth: u32) -> Option<Ex> {
        self.chain_until(at, u32::MAX, depth)
    }

    /// The chain from `at` up to (not including) `stop`, or up to `;`.
    fn chain_until(&mut self, at: u32, stop: u32, depth: u32) -> Option<Ex> {
        if depth > MAX_DEPTH {
            return None;
        }
        let first = self.node(at);
        let cur = first.next;
        if let Some(k) = self.list_of(first) {
            // A List parameter: only `at(i)` and `size` of it are values.
            let op = self.node(cur?);
            let acc = match (op.name.as_str(), op.args.len()) {
                ("at", 1) => {
                    let index = self.expr(op.args[0], depth + 1)?;
                    let index = list_index(k, index);
                    let l = list_var(k);
                    Ex::new(quote!(#l[#index]), Ty::Num)
                }
                ("size", 0) => {
                    let l = list_var(k);
                    Ex::new(quote!((#l.len() as i64)), Ty::Int)
                }
                _ => return None,
            };
            return self.rest_of_chain(acc, op.next, stop, depth);
        }
        if first.lit == Lit::Send
            && first.name.as_str() != ""
            && self.lists.iter().any(|(name, _)| *name == first.name)
        {
            return None;
        }
        let acc = match (&first.lit, first.name.as_str()) {
            (Lit::Num(x), _) => literal(*x),
            (Lit::Send, "") if first.args.len() == 1 => {
                let inner = self.expr(first.args[0], depth + 1)?;
                let c = inner.code;
                let mut e = Ex::new(quote!((#c)), inner.ty);
                e.index = inner.index.map(|i| quote!((#i)));
                e
            }
            (Lit::Send, "setSlot" | "updateSlot") if first.args.len() == 2 => {
                let Lit::Str(name) = &self.node(first.args[0]).lit else {
                    return None;
                };
                let name = String::from_utf8(name.clone()).ok()?;
                let value = self.expr(first.args[1], depth + 1)?;
                let i = match self.vars.iter().position(|v| v.name == name) {
                    // `=` needs the local to exist already.
                    Some(i) if first.name == "setSlot" || self.vars[i].defined => i,
                    None if first.name == "setSlot" && io_name(&name) => {
                        let ty = if self.floats.contains(&name) {
                            Ty::Num
                        } else {
                            Ty::Int
                        };
                        self.vars.push(Var {
                            name,
                            ty,
                            defined: false,
                        });
                        self.vars.len() - 1
                    }
                    _ => return None,
                };
                let slot = &mut self.vars[i];
                slot.defined = true;
                let ty = slot.ty;
                if ty == Ty::Int && value.ty == Ty::Num {
                    // Not a whole number after all: the next attempt makes
                    // it an f64.
                    self.demoted.push(slot.name.clone());
                }
                let v = var(i);
                let value = match ty {
                    Ty::Int if value.ty == Ty::Int => value.code,
                    Ty::Int => quote!(0),
                    Ty::Num => value.num(),
                };
                Ex::new(quote!({ #v = #value; #v }), ty)
            }
            (Lit::Send, "if") if first.args.len() == 3 => {
                let cond = self.condition(first.args[0])?;
                // One branch runs: what both assign is sure after it.
                let was = self.defined();
                let yes = self.expr(first.args[1], depth + 1)?;
                let after_yes = self.defined();
                self.restore(&was);
                let no = self.expr(first.args[2], depth + 1)?;
                let both: Vec<bool> = self
                    .defined()
                    .iter()
                    .enumerate()
                    .map(|(i, &d)| d && after_yes.get(i).copied().unwrap_or(false))
                    .collect();
                self.restore(&both);
                if yes.ty == Ty::Int && no.ty == Ty::Int {
                    let (y, n) = (yes.code, no.code);
                    Ex::new(quote!((if #cond { #y } else { #n })), Ty::Int)
                } else {
                    let (y, n) = (yes.num(), no.num());
                    Ex::new(quote!((if #cond { #y } else { #n })), Ty::Num)
                }
            }
            (Lit::Send, name)
                if first.args.is_empty() && self.vars.iter().any(|v| v.name == name) =>
            {
                let i = self.vars.iter().position(|v| v.name == name)?;
                if !self.vars[i].defined {
                    return None;
                }
                let v = var(i);
                Ex::new(quote!(#v), self.vars[i].ty)
            }
            (Lit::Send, name)
                if first.args.is_empty() && self.assigned.iter().any(|a| a == name) =>
            {
                // A local that may or may not exist yet here.
                return None;
            }
            (Lit::Send, name)
                if first.args.is_empty()
                    && io_name(name)
                    && !self
                        .callable
                        .iter()
                        .any(|(n, arity, _)| n == name && *arity == 0) =>
            {
                // A Number slot of the receiver, read when the call starts.
                let j = match self.reads.iter().position(|r| r == name) {
                    Some(j) => j,
                    None => {
                        self.reads.push(name.to_string());
                        self.reads.len() - 1
                    }
                };
                let r = read_var(j);
                Ex::new(quote!(#r), Ty::Num)
            }
            (Lit::Send, name) => {
                // A call of another compiled method (or itself).
                let &(_, _, k) = self
                    .callable
                    .iter()
                    .find(|(n, arity, _)| n == name && *arity == first.args.len())?;
                let mut args = Vec::new();
                for &a in &first.args {
                    args.push(self.expr(a, depth + 1)?.num());
                }
                if !self.calls.contains(&k) {
                    self.calls.push(k);
                }
                let at = body_name(k);
                let passed = (0..self.reads.len()).map(read_var);
                Ex::new(
                    quote!(#at(&[#(#args,)* #(#passed),*], &mut [], fuel, depth + 1)?),
                    Ty::Num,
                )
            }
            _ => return None,
        };
        self.rest_of_chain(acc, cur, stop, depth)
    }

    /// The operators and unary methods after the first value of a chain.
    fn rest_of_chain(
        &mut self,
        mut acc: Ex,
        mut cur: Option<u32>,
        stop: u32,
        depth: u32,
    ) -> Option<Ex> {
        while let Some(i) = cur {
            if i == stop {
                break;
            }
            let n = self.node(i);
            if n.name == ";" && n.lit == Lit::Send {
                break;
            }
            if n.lit != Lit::Send {
                return None;
            }
            acc = match (n.name.as_str(), n.args.len()) {
                (op @ ("+" | "-" | "*"), 1) => {
                    let rhs = self.expr(n.args[0], depth + 1)?;
                    if acc.ty == Ty::Int && rhs.ty == Ty::Int {
                        let f = Ident::new(
                            match op {
                                "+" => "add",
                                "-" => "sub",
                                _ => "mul",
                            },
                            Span::call_site(),
                        );
                        let (a, b) = (acc.code, rhs.code);
                        let mut e =
                            Ex::new(quote!(::io_runtime::embed::exact::#f(#a, #b)?), Ty::Int);
                        e.index = match op {
                            "+" => Some(quote!(#a.wrapping_add(#b))),
                            "-" => Some(quote!(#a.wrapping_sub(#b))),
                            _ => None,
                        };
                        e
                    } else {
                        let op: TokenStream = op.parse().ok()?;
                        let (a, b) = (acc.num(), rhs.num());
                        Ex::new(quote!((#a #op #b)), Ty::Num)
                    }
                }
                ("/", 1) => {
                    let rhs = self.expr(n.args[0], depth + 1)?;
                    let (a, b) = (acc.num(), rhs.num());
                    Ex::new(quote!((#a / #b)), Ty::Num)
                }
                ("abs", 0) if acc.ty == Ty::Int => {
                    let a = acc.code;
                    Ex::new(quote!(::io_runtime::embed::exact::abs(#a)), Ty::Int)
                }
                // (A whole number is its own floor and ceiling.)
                ("floor" | "ceil", 0) if acc.ty == Ty::Int => acc,
                (m @ ("sqrt" | "abs" | "floor" | "ceil"), 0) => {
                    let m = Ident::new(m, Span::call_site());
                    let a = acc.num();
                    Ex::new(quote!((#a).#m()), Ty::Num)
                }
                _ => return None,
            };
            cur = n.next;
        }
        Some(acc)
    }
}

#[cfg(test)]
mod tests {
    use super::tree;
    use io_runtime::host::MemoryHost;
    use io_runtime::Vm;

    fn parsed(io: &str) -> tree::Parsed {
        let mut vm = Vm::new(Box::new(MemoryHost::default()));
        let head = io_runtime::parse::parse(&mut vm, io, "test").expect("Io that parses");
        tree::flatten(&vm, head, &[])
    }

    fn names(io: &str) -> Vec<String> {
        super::compile(&parsed(io))
            .1
            .into_iter()
            .map(|t| t.to_string())
            .collect()
    }

    fn items(io: &str) -> String {
        super::compile(&parsed(io))
            .0
            .into_iter()
            .map(|t| t.to_string())
            .collect()
    }
    #[test]
    fn whole_number_locals_are_i64_and_others_f64() {
        let got = items(
            "f := method(xs,\n i := 0\n k := 8\n s := 0\n\
             while(i < xs size, s = s + xs at(i + 1); k = k / 2; i = i + 1)\n s + k)",
        );
        // i (v1) is whole; k (v2) is halved and s (v3) sums Numbers.
        assert!(got.contains("let mut v1 : i64"), "{got}");
        assert!(got.contains("let mut v2 : f64"), "{got}");
        assert!(got.contains("let mut v3 : f64"), "{got}");
        // The index `i + 1` needs only the bounds check.
        assert!(got.contains("v1 . wrapping_add (1i64)"), "{got}");
    }

    #[test]
    fn a_local_that_may_not_exist_yet_leaves_the_method_interpreted() {
        assert_eq!(
            names("f := method(n, i := 0; while(i < n, y := i; i = i + 1); y)").len(),
            0
        );
        assert_eq!(
            names("f := method(n, i := 0; while(i < n, i = i + y; y := 1); i)").len(),
            0
        );
        assert_eq!(names("f := method(n, if(n < 1, y := 1, 2); y)").len(), 0);
        assert_eq!(
            names("f := method(n, if(n < 1, y := 1, y := 2); y)").len(),
            1
        );
        assert_eq!(
            names("f := method(n, y := 0; if(n < 1, y = 1, 2); y)").len(),
            1
        );
    }

    #[test]
    fn arithmetic_methods_compile_and_others_do_not() {
        let got = names(
            "hyp := method(a, b, (a * a + b * b) sqrt)\n\
             poly := method(x,\n acc := 0\n i := 0\n while(i < 4, acc = acc * x + i; i = i + 1)\n acc)\n\
             say := method(x, x println)\n\
             glob := method(x, x + y)",
        );
        // `say` sends println; `glob` reads the receiver's `y`.
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(got[0].contains("\"hyp\""), "{got:#?}");
        assert!(got[1].contains("\"poly\""), "{got:#?}");
        assert!(got[2].contains("\"glob\""), "{got:#?}");
        assert!(got[2].contains("reads : & [\"y\"]"), "{got:#?}");
    }
}

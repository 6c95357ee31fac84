//! Stage four: the expansion. A `Script` over static nodes, or, when the Io
//! has errors, one `compile_error!` per error at its token and a stub
//! `Script` (so the surrounding Rust still type-checks and reports its own
//! errors, unknown `$names` included).

use crate::parse::{self, Lit, Parsed};
use crate::source::{self, Source};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};

pub fn expand(input: TokenStream) -> TokenStream {
    let src = match syn::parse2::<syn::LitStr>(input.clone()) {
        Ok(lit) => source::from_string(&lit.value(), lit.span()),
        Err(_) => match source::from_tokens(input) {
            Ok(s) => s,
            Err(errors) => return stub(&errors, None),
        },
    };
    let mut errors: Vec<(Span, String)> = Vec::new();
    let mut names: Vec<(String, Ident)> = Vec::new();
    for c in &src.captures {
        match syn::parse_str::<Ident>(&c.name) {
            Ok(_) => {
                if !names.iter().any(|(n, _)| *n == c.name) {
                    names.push((c.name.clone(), Ident::new(&c.name, c.span)));
                }
            }
            Err(_) => errors.push((c.span, format!("`${}` is not a Rust name", c.name))),
        }
    }
    let parsed = parse::with_vm(|vm| parse::parse(vm, &src));
    let parsed = match parsed {
        Ok(p) => p,
        Err(es) => {
            for e in es {
                let span = src.span_at(e.line, e.col);
                let (l, c) = src.rust_position(e.line, e.col);
                let text = if src.from_string {
                    format!(
                        "Io syntax error: {} (line {} column {} of the Io, line {l} of this file)",
                        e.message, e.line, e.col
                    )
                } else {
                    format!("Io syntax error: {} (line {l} column {c})", e.message)
                };
                errors.push((span, text));
            }
            return stub(&errors, Some(&names));
        }
    };
    if !errors.is_empty() {
        return stub(&errors, Some(&names));
    }
    script(&src, &parsed, &names)
}

fn stub(errors: &[(Span, String)], names: Option<&[(String, Ident)]>) -> TokenStream {
    let errs = errors
        .iter()
        .map(|(span, text)| quote_spanned!(*span=> ::core::compile_error!(#text);));
    let uses = names
        .unwrap_or_default()
        .iter()
        .map(|(_, id)| quote_spanned!(id.span()=> let _ = &#id;));
    quote! {{
        #(#errs)*
        #(#uses)*
        ::io_runtime::embed::Script::new(&::io_runtime::embed::EMPTY, ::std::vec::Vec::new())
    }}
}

fn script(src: &Source, parsed: &Parsed, names: &[(String, Ident)]) -> TokenStream {
    let nodes = parsed.nodes.iter().map(|n| {
        let name = &n.name;
        let lit = match &n.lit {
            Lit::Send => quote!(::io_runtime::embed::Lit::Send),
            Lit::Num(x) => {
                let bits = Literal::u64_suffixed(x.to_bits());
                quote!(::io_runtime::embed::Lit::Num(f64::from_bits(#bits)))
            }
            Lit::Str(b) => {
                let b = Literal::byte_string(b);
                quote!(::io_runtime::embed::Lit::Str(#b))
            }
            Lit::Nil => quote!(::io_runtime::embed::Lit::Nil),
            Lit::True => quote!(::io_runtime::embed::Lit::True),
            Lit::False => quote!(::io_runtime::embed::Lit::False),
            Lit::Capture(i) => quote!(::io_runtime::embed::Lit::Capture(#i)),
        };
        let (line, col) = src.rust_position(n.line, n.col);
        let args = &n.args;
        let next = n.next.unwrap_or(u32::MAX);
        quote! {
            ::io_runtime::embed::Node {
                name: #name, lit: #lit, line: #line, col: #col, args: &[#(#args),*], next: #next,
            }
        }
    });
    let count = parsed.nodes.len();
    let head = parsed.head.unwrap_or(u32::MAX);
    let ncaptures = parsed.captures.len() as u32;
    let captures = parsed.captures.iter().filter_map(|c| {
        let (_, id) = names.iter().find(|(n, _)| n == c)?;
        Some(quote_spanned!(id.span()=> &#id as &dyn ::io_runtime::embed::ToIo))
    });
    // Names written in the Io but lost from the tree are still checked.
    let unused = names
        .iter()
        .filter(|(n, _)| !parsed.captures.contains(n))
        .map(|(_, id)| quote_spanned!(id.span()=> let _ = &#id;));
    let (fast_items, fast) = io_compiler::backend::rust::compile(parsed);
    quote! {{
        #(#unused)*
        #(#fast_items)*
        static NODES: [::io_runtime::embed::Node; #count] = [#(#nodes),*];
        static TREE: ::io_runtime::embed::Tree = ::io_runtime::embed::Tree {
            label: ::core::file!(),
            nodes: &NODES,
            head: #head,
            captures: #ncaptures,
            fast: &[#(#fast),*],
        };
        ::io_runtime::embed::Script::new(&TREE, ::std::vec![#(#captures),*])
    }}
}

//! Stage one: the macro's input as Io source text. Tokens are laid out at
//! the lines and columns they have in the Rust file (Io ends a statement at
//! a newline, so the layout matters), and each token's place in the text is
//! kept with its span, so that a position in the Io maps back to a token.
//! `$name` (a Rust value passed in) is written `_name`, the same width, and
//! noted as a capture.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

/// A Rust name the Io code uses as `$name`.
pub struct Capture {
    pub name: String,
    pub span: Span,
    /// Where the `_name` identifier stands in the text (1-based line, column).
    pub line: u32,
    pub col: u32,
}

/// A token's place in the text.
struct Placed {
    line: u32,
    col: u32,
    end_col: u32,
    span: Span,
}

pub struct Source {
    pub text: String,
    /// Line of the Rust file where the text's line 1 is.
    pub first_line: u32,
    /// Column offset added to Io columns on the text's first line (string
    /// form: where the string's contents start).
    pub first_col: u32,
    pub captures: Vec<Capture>,
    placed: Vec<Placed>,
    /// The span errors point at when no token is nearer (the string literal
    /// or the whole input).
    pub whole: Span,
    /// True for the string-literal form (columns are those of the string).
    pub from_string: bool,
}

impl Source {
    /// The span of the token at (or else nearest before) an Io position.
    pub fn span_at(&self, line: u32, col: u32) -> Span {
        if self.from_string {
            return self.whole;
        }
        let mut best: Option<&Placed> = None;
        for p in &self.placed {
            if p.line == line && p.col <= col {
                if col < p.end_col {
                    return p.span;
                }
                best = Some(p);
            }
        }
        if let Some(p) = best {
            return p.span;
        }
        // Nothing on that line at or before the column: the first token after.
        self.placed
            .iter()
            .find(|p| (p.line, p.col) >= (line, col))
            .or(self.placed.last())
            .map_or(self.whole, |p| p.span)
    }

    /// The Rust file's line and column for an Io position.
    pub fn rust_position(&self, line: u32, col: u32) -> (u32, u32) {
        let l = self.first_line + line.saturating_sub(1);
        let c = if line == 1 { col + self.first_col } else { col };
        (l, c)
    }
}

/// The Io text of the string-literal form.
pub fn from_string(value: &str, span: Span) -> Source {
    let start = span.start();
    let mut captures = Vec::new();
    let text = mark_string_captures(value, span, &mut captures);
    Source {
        text,
        first_line: start.line.max(1) as u32,
        first_col: 0,
        captures,
        placed: Vec::new(),
        whole: span,
        from_string: true,
    }
}

/// `$name` in a string's Io: found with the Io lexer, so that `$` inside an
/// Io string or comment is left alone.
fn mark_string_captures(value: &str, span: Span, out: &mut Vec<Capture>) -> String {
    let Ok(tokens) = io_runtime::parse::lexer::lex(value) else {
        return value.to_string();
    };
    let mut lines: Vec<Vec<char>> = value.split('\n').map(|l| l.chars().collect()).collect();
    for pair in tokens.windows(2) {
        let (op, id) = (&pair[0], &pair[1]);
        let is_op = matches!(op.kind, io_runtime::parse::lexer::TokKind::Operator);
        let is_id = matches!(id.kind, io_runtime::parse::lexer::TokKind::Ident);
        if !(is_op && is_id && op.text.ends_with('$')) {
            continue;
        }
        let op_end = op.col + op.text.chars().count() as u32;
        if op.line != id.line || op_end != id.col {
            continue;
        }
        let Some(line) = lines.get_mut(id.line as usize - 1) else {
            continue;
        };
        let dollar = id.col as usize - 2;
        if line.get(dollar) != Some(&'$') {
            continue;
        }
        line[dollar] = '_';
        out.push(Capture {
            name: id.text.clone(),
            span,
            line: id.line,
            col: id.col - 1,
        });
    }
    lines
        .into_iter()
        .map(|l| l.into_iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes tokens at their positions.
struct Writer {
    text: String,
    line: u32,
    /// Column of the next character, 0-based (as Rust spans count).
    col: u32,
    first_line: u32,
    placed: Vec<Placed>,
}

impl Writer {
    fn put(&mut self, s: &str, span: Span) -> (u32, u32) {
        let at = span.start();
        let want_line = (at.line as u32).saturating_sub(self.first_line) + 1;
        let want_col = at.column as u32;
        if want_line > self.line {
            for _ in self.line..want_line {
                self.text.push('\n');
            }
            self.line = want_line;
            self.col = 0;
        }
        if want_line == self.line && want_col >= self.col {
            for _ in self.col..want_col {
                self.text.push(' ');
            }
            self.col = want_col;
        } else if !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
            // Spans out of order (tokens made by another macro): keep the
            // tokens apart.
            self.text.push(' ');
            self.col += 1;
        }
        let (line, col) = (self.line, self.col + 1);
        for ch in s.chars() {
            self.text.push(ch);
            if ch == '\n' {
                self.line += 1;
                self.col = 0;
            } else {
                self.col += 1;
            }
        }
        if self.line == line {
            self.placed.push(Placed {
                line,
                col,
                end_col: self.col + 1,
                span,
            });
        } else {
            self.placed.push(Placed {
                line,
                col,
                end_col: u32::MAX,
                span,
            });
        }
        (line, col)
    }
}

/// A group being written: its tokens, and the closing delimiter to write
/// when they end.
type Level = (
    std::iter::Peekable<proc_macro2::token_stream::IntoIter>,
    Option<(char, Span)>,
);

/// The Io text of the token form. Errors: Rust literals Io has no form for.
pub fn from_tokens(input: TokenStream) -> Result<Source, Vec<(Span, String)>> {
    let first_line = input
        .clone()
        .into_iter()
        .next()
        .map_or(1, |t| t.span().start().line.max(1) as u32);
    let mut w = Writer {
        text: String::new(),
        line: 1,
        col: 0,
        first_line,
        placed: Vec::new(),
    };
    let mut captures = Vec::new();
    let mut errors = Vec::new();
    // An explicit stack of token iterators (no recursion on nesting depth),
    // each with the closing delimiter to write when it ends.
    let mut stack: Vec<Level> = vec![(input.into_iter().peekable(), None)];
    while let Some((iter, _)) = stack.last_mut() {
        let Some(tt) = iter.next() else {
            if let Some((_, Some((close, span)))) = stack.pop() {
                w.put(&close.to_string(), span);
            }
            continue;
        };
        match tt {
            TokenTree::Ident(id) => {
                w.put(&id.to_string(), id.span());
            }
            TokenTree::Punct(p) if p.as_char() == '$' => {
                let next_ident = match iter.peek() {
                    Some(TokenTree::Ident(id)) => Some(id.clone()),
                    _ => None,
                };
                match next_ident {
                    Some(id) if adjacent(p.span(), id.span()) => {
                        iter.next();
                        let name = id.to_string();
                        let (line, col) = w.put(&format!("_{name}"), p.span());
                        captures.push(Capture {
                            name,
                            span: id.span(),
                            line,
                            col,
                        });
                    }
                    _ => {
                        w.put("$", p.span());
                    }
                }
            }
            TokenTree::Punct(p) => {
                w.put(&p.as_char().to_string(), p.span());
            }
            TokenTree::Literal(lit) => {
                let s = lit.to_string();
                if let Some(why) = not_io_literal(&s) {
                    errors.push((lit.span(), why));
                }
                w.put(&s, lit.span());
            }
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => (Some('('), Some(')')),
                    Delimiter::Bracket => (Some('['), Some(']')),
                    Delimiter::Brace => (Some('{'), Some('}')),
                    Delimiter::None => (None, None),
                };
                if let Some(o) = open {
                    w.put(&o.to_string(), g.span_open());
                }
                let close = close.map(|c| (c, g.span_close()));
                stack.push((g.stream().into_iter().peekable(), close));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Source {
        text: w.text,
        first_line,
        first_col: 0,
        captures,
        placed: w.placed,
        whole: Span::call_site(),
        from_string: false,
    })
}

fn adjacent(a: Span, b: Span) -> bool {
    let (e, s) = (a.end(), b.start());
    e.line == s.line && e.column == s.column
}

/// Why a Rust literal is no Io literal (None when it is one).
fn not_io_literal(s: &str) -> Option<String> {
    let first = s.chars().next()?;
    if first == '\'' {
        return Some("Io has no character literals: use a string".into());
    }
    if s.starts_with('r') || s.starts_with("br") || s.starts_with('b') || s.starts_with('c') {
        return Some(
            "Io has no raw, byte or C strings: use \"...\", or pass all the Io as one string literal"
                .into(),
        );
    }
    if first.is_ascii_digit() && !is_io_number(s) {
        return Some("not an Io number (no suffixes or `_` separators)".into());
    }
    None
}

fn is_io_number(s: &str) -> bool {
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        return !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit());
    }
    let b = s.as_bytes();
    let digits = |i: &mut usize| {
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
    };
    let mut i = 0;
    digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        digits(&mut i);
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        digits(&mut i);
        if i == start {
            return false;
        }
    }
    i == b.len()
}

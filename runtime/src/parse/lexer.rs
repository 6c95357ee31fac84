//! The lexer room: turns Io source text into a flat list of [`Token`]s.
//!
//! What it does: it scans the source once, left to right, and recognises
//! identifiers, operators, decimal and hex numbers, mono-quoted strings (with
//! escapes decoded) and triple-quoted raw strings, brackets, commas and
//! terminators. Whitespace, line continuations (`\` before a newline) and
//! comments (`//`, `#`, and nesting `/* ... */`) are skipped. A run of `;`
//! and/or newlines collapses into one [`TokKind::Terminator`]; terminators
//! that carry no meaning (at the start of the file, just after an opening
//! bracket or comma, just before a closing bracket or comma) are dropped here
//! so that the parser never sees them. Every token records the 1-based line
//! and column (counted in characters) where it starts.
//!
//! What it must not do: it allocates no runtime objects and knows nothing of
//! the VM (tokens hold plain Rust strings, bytes and floats); it does not
//! check bracket matching (that is the parser's job); and it never recurses
//! — every construct, including nested block comments, is scanned with
//! loops, so arbitrarily deep input cannot overflow the stack. It must never
//! panic, whatever the input: malformed input yields a [`LexError`].

/// The kind of a token, with the decoded value where there is one.
#[derive(Debug, Clone, PartialEq)]
pub enum TokKind {
    /// Identifier; text in [`Token::text`].
    Ident,
    /// Operator-char run; text in [`Token::text`].
    Operator,
    /// Decimal or hex literal value; [`Token::text`] holds the source spelling.
    Number(f64),
    /// Mono-quoted `"..."` (escapes decoded) or triple-quoted `"""..."""`
    /// (raw); [`Token::text`] holds the source spelling including quotes.
    Str(Vec<u8>),
    /// `b'('`, `b'['` or `b'{'`.
    Open(u8),
    /// `b')'`, `b']'` or `b'}'`.
    Close(u8),
    /// `,`.
    Comma,
    /// A run of `;` and/or newlines collapsed into one token (text `";"`).
    Terminator,
}

/// One token of Io source.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokKind,
    pub text: String,
    /// 1-based line where the token starts.
    pub line: u32,
    /// 1-based column (in characters) where the token starts.
    pub col: u32,
    /// True only for `"""` strings.
    pub triple: bool,
}

/// A lexical error, positioned at the start of the offending construct.
#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    pub message: String,
    pub line: u32,
    pub col: u32,
}

/// Turns Io source text into tokens.
pub fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    Lexer::new(src).run()
}

/// Characters that make up operators.
fn is_op_char(c: char) -> bool {
    matches!(
        c,
        ':' | '\''
            | '~'
            | '!'
            | '@'
            | '$'
            | '%'
            | '^'
            | '&'
            | '*'
            | '-'
            | '+'
            | '='
            | '|'
            | '\\'
            | '<'
            | '>'
            | '?'
            | '/'
    )
}

/// Characters that make up identifiers.
fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':') || !c.is_ascii()
}

/// Blanks that may sit between a `\` and the newline it continues.
fn is_continuation_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r')
}

struct Lexer<'a> {
    src: &'a str,
    chars: Vec<char>,
    /// Byte offset of each char, plus one final entry equal to `src.len()`.
    offs: Vec<usize>,
    /// Index into `chars` of the next unread char.
    pos: usize,
    line: u32,
    col: u32,
    toks: Vec<Token>,
    /// Position of the first `;`/newline of a terminator run not yet emitted.
    pending: Option<(u32, u32)>,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        let mut chars = Vec::with_capacity(src.len());
        let mut offs = Vec::with_capacity(src.len() + 1);
        for (off, c) in src.char_indices() {
            chars.push(c);
            offs.push(off);
        }
        offs.push(src.len());
        Lexer {
            src,
            chars,
            offs,
            pos: 0,
            line: 1,
            col: 1,
            toks: Vec::new(),
            pending: None,
        }
    }

    /// The char `k` places ahead of the current one, if any.
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos.saturating_add(k)).copied()
    }

    fn at(&self, idx: usize) -> Option<char> {
        self.chars.get(idx).copied()
    }

    /// Consumes one char, keeping line and column up to date.
    fn bump(&mut self) {
        if let Some(&c) = self.chars.get(self.pos) {
            self.pos += 1;
            if c == '\n' {
                self.line = self.line.saturating_add(1);
                self.col = 1;
            } else {
                self.col = self.col.saturating_add(1);
            }
        }
    }

    /// Consumes chars up to (not including) index `end`.
    fn bump_to(&mut self, end: usize) {
        while self.pos < end && self.pos < self.chars.len() {
            self.bump();
        }
    }

    /// If a line continuation (`\`, optional blanks, newline) starts at
    /// `idx`, returns the index just past its newline.
    fn continuation_end(&self, idx: usize) -> Option<usize> {
        if self.at(idx) != Some('\\') {
            return None;
        }
        let mut k = idx + 1;
        while self.at(k).is_some_and(is_continuation_blank) {
            k += 1;
        }
        if self.at(k) == Some('\n') {
            Some(k + 1)
        } else {
            None
        }
    }

    fn error(message: impl Into<String>, line: u32, col: u32) -> LexError {
        LexError {
            message: message.into(),
            line,
            col,
        }
    }

    /// Source text from char index `start` to the current position.
    fn text_from(&self, start: usize) -> &'a str {
        let src: &'a str = self.src;
        let a = self.offs.get(start).copied().unwrap_or(src.len());
        let b = self.offs.get(self.pos).copied().unwrap_or(src.len());
        src.get(a..b).unwrap_or("")
    }

    /// Appends a (non-terminator) token, first emitting any pending
    /// terminator unless it is meaningless at this point.
    fn push(&mut self, kind: TokKind, start: usize, line: u32, col: u32, triple: bool) {
        if let Some((tl, tc)) = self.pending.take() {
            let prev_ok = self
                .toks
                .last()
                .is_some_and(|t| !matches!(t.kind, TokKind::Open(_) | TokKind::Comma));
            let next_ok = !matches!(kind, TokKind::Close(_) | TokKind::Comma);
            if prev_ok && next_ok {
                self.push_terminator(tl, tc);
            }
        }
        let text = self.text_from(start).to_string();
        self.toks.push(Token {
            kind,
            text,
            line,
            col,
            triple,
        });
    }

    fn push_terminator(&mut self, line: u32, col: u32) {
        self.toks.push(Token {
            kind: TokKind::Terminator,
            text: ";".to_string(),
            line,
            col,
            triple: false,
        });
    }

    fn run(mut self) -> Result<Vec<Token>, LexError> {
        while let Some(c) = self.peek(0) {
            let (line, col) = (self.line, self.col);
            let start = self.pos;
            match c {
                ' ' | '\t' | '\x0B' | '\x0C' | '\r' => self.bump(),
                '\n' | ';' => {
                    if self.pending.is_none() {
                        self.pending = Some((line, col));
                    }
                    self.bump();
                }
                '\\' if self.continuation_end(start).is_some() => {
                    let end = self.continuation_end(start).unwrap_or(start + 1);
                    self.bump_to(end);
                }
                '#' => self.skip_line_comment(),
                '/' if self.peek(1) == Some('/') => self.skip_line_comment(),
                '/' if self.peek(1) == Some('*') => self.skip_block_comment()?,
                '"' => self.lex_string()?,
                '0' if matches!(self.peek(1), Some('x' | 'X')) => self.lex_hex()?,
                '0'..='9' => self.lex_number(),
                '.' if self.peek(1).is_some_and(|d| d.is_ascii_digit()) => self.lex_number(),
                '(' | '[' | '{' => {
                    self.bump();
                    self.push(TokKind::Open(c as u8), start, line, col, false);
                }
                ')' | ']' | '}' => {
                    self.bump();
                    self.push(TokKind::Close(c as u8), start, line, col, false);
                }
                ',' => {
                    self.bump();
                    self.push(TokKind::Comma, start, line, col, false);
                }
                c if is_op_char(c) => self.lex_operator(),
                c if is_ident_char(c) => {
                    self.lex_ident_run();
                    self.push(TokKind::Ident, start, line, col, false);
                }
                c => {
                    let shown: String = if c.is_control() {
                        c.escape_default().collect()
                    } else {
                        c.to_string()
                    };
                    return Err(Self::error(
                        format!("unexpected character '{shown}'"),
                        line,
                        col,
                    ));
                }
            }
        }
        if let Some((tl, tc)) = self.pending.take() {
            let prev_ok = self
                .toks
                .last()
                .is_some_and(|t| !matches!(t.kind, TokKind::Open(_) | TokKind::Comma));
            if prev_ok {
                self.push_terminator(tl, tc);
            }
        }
        Ok(self.toks)
    }

    /// Skips a `//` or `#` comment up to, not including, the newline.
    fn skip_line_comment(&mut self) {
        while let Some(c) = self.peek(0) {
            if c == '\n' {
                break;
            }
            self.bump();
        }
    }

    /// Skips a nesting `/* ... */` comment; the current char is its `/`.
    fn skip_block_comment(&mut self) -> Result<(), LexError> {
        let (line, col) = (self.line, self.col);
        self.bump();
        self.bump();
        let mut depth: usize = 1;
        loop {
            match (self.peek(0), self.peek(1)) {
                (None, _) => return Err(Self::error("unterminated comment", line, col)),
                (Some('/'), Some('*')) => {
                    depth += 1;
                    self.bump();
                    self.bump();
                }
                (Some('*'), Some('/')) => {
                    depth -= 1;
                    self.bump();
                    self.bump();
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => self.bump(),
            }
        }
    }

    /// Consumes the maximal run of identifier chars from the current position.
    fn lex_ident_run(&mut self) {
        while self.peek(0).is_some_and(is_ident_char) {
            self.bump();
        }
    }

    /// Lexes an operator run; the current char is an operator char that
    /// starts neither a comment nor a line continuation.
    fn lex_operator(&mut self) {
        let (line, col, start) = (self.line, self.col, self.pos);
        let mut k = start;
        while let Some(c) = self.at(k) {
            if !is_op_char(c) {
                break;
            }
            if c == '/' && matches!(self.at(k + 1), Some('/' | '*')) {
                break;
            }
            if c == '\\' && self.continuation_end(k).is_some() {
                break;
            }
            k += 1;
        }
        if k == start {
            // Defensive: the caller guarantees at least one char, but never
            // loop forever if that promise is broken.
            k = start + 1;
        }
        self.bump_to(k);
        self.push(TokKind::Operator, start, line, col, false);
    }

    /// Lexes a decimal number (or, when identifier chars follow it
    /// directly, the identifier it is the start of).
    fn lex_number(&mut self) {
        let (line, col, start) = (self.line, self.col, self.pos);
        let is_digit = |c: Option<char>| c.is_some_and(|d| d.is_ascii_digit());
        let mut k = start;
        while is_digit(self.at(k)) {
            k += 1;
        }
        if self.at(k) == Some('.') && is_digit(self.at(k + 1)) {
            k += 1;
            while is_digit(self.at(k)) {
                k += 1;
            }
        }
        if matches!(self.at(k), Some('e' | 'E')) {
            let mut e = k + 1;
            if matches!(self.at(e), Some('+' | '-')) {
                e += 1;
            }
            if is_digit(self.at(e)) {
                k = e;
                while is_digit(self.at(k)) {
                    k += 1;
                }
            }
        }
        if self.at(k).is_some_and(is_ident_char) {
            // e.g. `1..2`, `2x`: the whole identifier run is an identifier.
            self.lex_ident_run();
            self.push(TokKind::Ident, start, line, col, false);
            return;
        }
        self.bump_to(k);
        // The spelling is digits, '.', 'e'/'E' and a sign only, which
        // Rust's float parser always accepts; fall back to 0 defensively.
        let value = self.text_from(start).parse::<f64>().unwrap_or(0.0);
        self.push(TokKind::Number(value), start, line, col, false);
    }

    /// Lexes `0x`/`0X` followed by hex digits.
    fn lex_hex(&mut self) -> Result<(), LexError> {
        let (line, col, start) = (self.line, self.col, self.pos);
        self.bump();
        self.bump();
        let mut value = 0.0f64;
        let mut digits = 0usize;
        while let Some(d) = self.peek(0).and_then(|c| c.to_digit(16)) {
            value = value * 16.0 + f64::from(d);
            digits += 1;
            self.bump();
        }
        if digits == 0 {
            return Err(Self::error("malformed hex number", line, col));
        }
        self.push(TokKind::Number(value), start, line, col, false);
        Ok(())
    }

    /// Lexes a mono- or triple-quoted string; the current char is `"`.
    fn lex_string(&mut self) -> Result<(), LexError> {
        let (line, col, start) = (self.line, self.col, self.pos);
        if self.peek(1) == Some('"') && self.peek(2) == Some('"') {
            self.bump_to(start + 3);
            let body_start = self.pos;
            loop {
                match self.peek(0) {
                    None => return Err(Self::error("unterminated triple quote", line, col)),
                    Some('"') if self.peek(1) == Some('"') && self.peek(2) == Some('"') => break,
                    Some(_) => self.bump(),
                }
            }
            let body = self.text_from(body_start).as_bytes().to_vec();
            let end = self.pos + 3;
            self.bump_to(end);
            self.push(TokKind::Str(body), start, line, col, true);
            return Ok(());
        }

        self.bump();
        let mut buf: Vec<u8> = Vec::new();
        let unterminated = || Self::error("unterminated quote", line, col);
        loop {
            let c = self.peek(0).ok_or_else(unterminated)?;
            self.bump();
            match c {
                '"' => break,
                '\\' => {
                    let e = self.peek(0).ok_or_else(unterminated)?;
                    self.bump();
                    match e {
                        'a' => buf.push(7),
                        'b' => buf.push(8),
                        'f' => buf.push(12),
                        'n' => buf.push(b'\n'),
                        'r' => buf.push(b'\r'),
                        't' => buf.push(b'\t'),
                        'v' => buf.push(11),
                        'x' => match self.peek(0).and_then(|h| h.to_digit(16)) {
                            Some(h1) => {
                                self.bump();
                                let mut v = h1;
                                if let Some(h2) = self.peek(0).and_then(|h| h.to_digit(16)) {
                                    self.bump();
                                    v = v * 16 + h2;
                                }
                                // At most two hex digits, so v <= 255.
                                buf.push(u8::try_from(v).unwrap_or(u8::MAX));
                            }
                            None => buf.push(b'x'),
                        },
                        '0'..='9' => buf.push(e as u8 - b'0'),
                        other => push_char(&mut buf, other),
                    }
                }
                other => push_char(&mut buf, other),
            }
        }
        self.push(TokKind::Str(buf), start, line, col, false);
        Ok(())
    }
}

/// Appends the UTF-8 encoding of `c`.
fn push_char(buf: &mut Vec<u8>, c: char) {
    let mut tmp = [0u8; 4];
    buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Token> {
        match lex(src) {
            Ok(t) => t,
            Err(e) => panic!("lex({src:?}) failed: {e:?}"),
        }
    }

    fn kinds(src: &str) -> Vec<TokKind> {
        toks(src).into_iter().map(|t| t.kind).collect()
    }

    fn texts(src: &str) -> Vec<String> {
        toks(src).into_iter().map(|t| t.text).collect()
    }

    fn pos(src: &str) -> Vec<(u32, u32)> {
        toks(src).into_iter().map(|t| (t.line, t.col)).collect()
    }

    fn err(src: &str) -> LexError {
        match lex(src) {
            Ok(t) => panic!("lex({src:?}) should fail, got {t:?}"),
            Err(e) => e,
        }
    }

    fn s(bytes: &[u8]) -> TokKind {
        TokKind::Str(bytes.to_vec())
    }

    use TokKind::{Close, Comma, Ident, Number, Open, Operator, Terminator};

    #[test]
    fn empty_and_blank() {
        assert!(toks("").is_empty());
        assert!(toks("   \t\x0B\x0C\r ").is_empty());
        assert!(toks("\n\n;;\n").is_empty());
        assert!(toks("// only a comment").is_empty());
    }

    #[test]
    fn identifiers() {
        assert_eq!(kinds("foo"), vec![Ident]);
        assert_eq!(
            texts("x.y foo:bar héllo _a1"),
            vec!["x.y", "foo:bar", "héllo", "_a1"]
        );
        assert_eq!(texts("漢字 a"), vec!["漢字", "a"]);
        assert_eq!(texts(".foo"), vec![".foo"]);
    }

    #[test]
    fn assignment_operators() {
        assert_eq!(kinds("x := 1"), vec![Ident, Operator, Number(1.0)]);
        assert_eq!(texts("x := 1"), vec!["x", ":=", "1"]);
        assert_eq!(texts("x ::= 1"), vec!["x", "::=", "1"]);
        // `:` continues an identifier run (matches upstream).
        assert_eq!(kinds("a:=1"), vec![Ident, Operator, Number(1.0)]);
        assert_eq!(texts("a:=1"), vec!["a:", "=", "1"]);
    }

    #[test]
    fn operators() {
        assert_eq!(texts("a+b"), vec!["a", "+", "b"]);
        assert_eq!(
            texts("<= >= != == ++ -- ** ' ~ ! @ $ % ^ & | ? \\"),
            vec![
                "<=", ">=", "!=", "==", "++", "--", "**", "'", "~", "!", "@", "$", "%", "^", "&",
                "|", "?", "\\"
            ]
        );
        assert_eq!(kinds("a /b"), vec![Ident, Operator, Ident]);
        assert_eq!(texts("a */ b"), vec!["a", "*/", "b"]);
        // Operators stop before comments.
        assert_eq!(texts("a +// c\nb"), vec!["a", "+", ";", "b"]);
        assert_eq!(texts("a +/* c */b"), vec!["a", "+", "b"]);
        assert_eq!(texts("1-2"), vec!["1", "-", "2"]);
        assert_eq!(kinds("-1"), vec![Operator, Number(1.0)]);
    }

    #[test]
    fn numbers() {
        assert_eq!(kinds("123"), vec![Number(123.0)]);
        assert_eq!(kinds("123.456"), vec![Number(123.456)]);
        assert_eq!(kinds(".5"), vec![Number(0.5)]);
        assert_eq!(kinds("1.5e3"), vec![Number(1500.0)]);
        assert_eq!(kinds("1e-4"), vec![Number(1e-4)]);
        assert_eq!(kinds("123e4"), vec![Number(123e4)]);
        assert_eq!(kinds("1.5E+3"), vec![Number(1500.0)]);
        assert_eq!(texts("1.5E+3"), vec!["1.5E+3"]);
        assert_eq!(kinds("0"), vec![Number(0.0)]);
        assert_eq!(kinds("007"), vec![Number(7.0)]);
        assert_eq!(kinds("1e999"), vec![Number(f64::INFINITY)]);
    }

    #[test]
    fn numbers_followed_by_things() {
        assert_eq!(kinds("1..2"), vec![Ident]);
        assert_eq!(texts("1..2"), vec!["1..2"]);
        assert_eq!(texts("2x"), vec!["2x"]);
        assert_eq!(kinds("1."), vec![Ident]);
        assert_eq!(kinds("3 sqrt"), vec![Number(3.0), Ident]);
        assert_eq!(
            kinds("f(1)"),
            vec![Ident, Open(b'('), Number(1.0), Close(b')')]
        );
        assert_eq!(kinds("1+2"), vec![Number(1.0), Operator, Number(2.0)]);
        assert_eq!(kinds("1,2"), vec![Number(1.0), Comma, Number(2.0)]);
        assert_eq!(kinds("1;2"), vec![Number(1.0), Terminator, Number(2.0)]);
        // An `e` that does not start an exponent is an identifier char.
        assert_eq!(texts("1e+"), vec!["1e", "+"]);
        assert_eq!(texts("1e"), vec!["1e"]);
    }

    #[test]
    fn hex_numbers() {
        assert_eq!(kinds("0x10"), vec![Number(16.0)]);
        assert_eq!(kinds("0XfF"), vec![Number(255.0)]);
        assert_eq!(kinds("0x10+1"), vec![Number(16.0), Operator, Number(1.0)]);
        assert_eq!(texts("0x10+1"), vec!["0x10", "+", "1"]);
        assert_eq!(texts("0x1g"), vec!["0x1", "g"]);
        let e = err("a 0x");
        assert_eq!(e.message, "malformed hex number");
        assert_eq!((e.line, e.col), (1, 3));
        assert_eq!(err("0xz").message, "malformed hex number");
    }

    #[test]
    fn mono_strings() {
        assert_eq!(kinds(r#""hello""#), vec![s(b"hello")]);
        assert_eq!(texts(r#""hello""#), vec![r#""hello""#]);
        assert_eq!(kinds(r#""""#), vec![s(b"")]);
        assert_eq!(kinds("\"a\nb\""), vec![s(b"a\nb")]);
        assert_eq!(kinds("\"é\""), vec![s("é".as_bytes())]);
        assert!(!toks("\"x\"")[0].triple);
        assert_eq!(kinds(r#""a" "b""#), vec![s(b"a"), s(b"b")]);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            kinds(r#""\a\b\f\n\r\t\v""#),
            vec![s(&[7, 8, 12, b'\n', b'\r', b'\t', 11])]
        );
        assert_eq!(kinds(r#""\"\\""#), vec![s(b"\"\\")]);
        assert_eq!(kinds(r#""\x41""#), vec![s(b"A")]);
        assert_eq!(kinds(r#""\x4""#), vec![s(&[4])]);
        assert_eq!(kinds(r#""\x41B""#), vec![s(b"AB")]);
        assert_eq!(kinds(r#""\xff""#), vec![s(&[255])]);
        assert_eq!(kinds(r#""\xZ""#), vec![s(b"xZ")]);
        assert_eq!(kinds(r#""\x""#), vec![s(b"x")]);
        assert_eq!(kinds(r#""\0""#), vec![s(&[0])]);
        assert_eq!(kinds(r#""\1\9""#), vec![s(&[1, 9])]);
        assert_eq!(kinds(r#""\q\é""#), vec![s("qé".as_bytes())]);
        assert_eq!(kinds("\"\\\n\""), vec![s(b"\n")]);
    }

    #[test]
    fn triple_strings() {
        let t = toks("\"\"\"a \"b\"\nc\"\"\"");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, s(b"a \"b\"\nc"));
        assert!(t[0].triple);
        assert_eq!(t[0].text, "\"\"\"a \"b\"\nc\"\"\"");
        assert_eq!(kinds(r#""""\n\x41""""#), vec![s(br"\n\x41")]);
        assert_eq!(kinds(r#""""""""#), vec![s(b"")]);
        assert_eq!(kinds("\"\"\"é\"\"\" x"), vec![s("é".as_bytes()), Ident]);
    }

    #[test]
    fn string_errors() {
        let e = err("a \"abc");
        assert_eq!(e.message, "unterminated quote");
        assert_eq!((e.line, e.col), (1, 3));
        let e = err("a\n  \"abc\\");
        assert_eq!(e.message, "unterminated quote");
        assert_eq!((e.line, e.col), (2, 3));
        let e = err("x \"\"\"abc\"\"");
        assert_eq!(e.message, "unterminated triple quote");
        assert_eq!((e.line, e.col), (1, 3));
        assert_eq!(err("\"").message, "unterminated quote");
        assert_eq!(err("\"\"\"").message, "unterminated triple quote");
    }

    #[test]
    fn brackets_and_commas() {
        assert_eq!(
            kinds("([{}]),"),
            vec![
                Open(b'('),
                Open(b'['),
                Open(b'{'),
                Close(b'}'),
                Close(b']'),
                Close(b')'),
                Comma
            ]
        );
        // Matching is not checked here.
        assert_eq!(kinds(")("), vec![Close(b')'), Open(b'(')]);
    }

    #[test]
    fn comments() {
        assert_eq!(texts("a // x y z\nb"), vec!["a", ";", "b"]);
        assert_eq!(texts("a # x y z\nb"), vec!["a", ";", "b"]);
        assert_eq!(texts("a /* x\ny */ b"), vec!["a", "b"]);
        assert_eq!(texts("a /* x /* y */ z */ b"), vec!["a", "b"]);
        assert_eq!(texts("a /*/ x */ b"), vec!["a", "b"]);
        assert_eq!(texts("a/**/b"), vec!["a", "b"]);
        assert_eq!(texts("a // c"), vec!["a"]);
    }

    #[test]
    fn comment_errors() {
        let e = err("a\n  /* x /* y */ z");
        assert_eq!(e.message, "unterminated comment");
        assert_eq!((e.line, e.col), (2, 3));
        assert_eq!(err("/*").message, "unterminated comment");
        assert_eq!(err("/*/").message, "unterminated comment");
    }

    #[test]
    fn shebang() {
        assert_eq!(
            texts("#!/usr/bin/env io\nwriteln(1)"),
            vec!["writeln", "(", "1", ")"]
        );
        assert_eq!(pos("#!/usr/bin/env io\nwriteln"), vec![(2, 1)]);
    }

    #[test]
    fn terminators_collapse() {
        assert_eq!(kinds("a;;\n;b"), vec![Ident, Terminator, Ident]);
        assert_eq!(
            kinds("a ; // c\n /* d */ ; \n b"),
            vec![Ident, Terminator, Ident]
        );
        let t = toks("a  ;;\n;b");
        assert_eq!(t[1].text, ";");
        assert_eq!((t[1].line, t[1].col), (1, 4));
        let t = toks("a\n\nb");
        assert_eq!((t[1].line, t[1].col), (1, 2));
    }

    #[test]
    fn terminators_dropped() {
        assert_eq!(kinds("\n\n;a"), vec![Ident]);
        assert_eq!(kinds("// c\n# d\na"), vec![Ident]);
        assert_eq!(
            kinds("foo(\n a,\n b\n)"),
            vec![Ident, Open(b'('), Ident, Comma, Ident, Close(b')')]
        );
        assert_eq!(kinds("[;a;]"), vec![Open(b'['), Ident, Close(b']')]);
        assert_eq!(kinds("{\na\n}"), vec![Open(b'{'), Ident, Close(b'}')]);
        assert_eq!(
            kinds("f(a\n,\nb)"),
            vec![Ident, Open(b'('), Ident, Comma, Ident, Close(b')')]
        );
        assert_eq!(kinds("(\n)"), vec![Open(b'('), Close(b')')]);
        // Trailing terminator kept.
        assert_eq!(kinds("a\n"), vec![Ident, Terminator]);
        assert_eq!(kinds("a;\n // c\n"), vec![Ident, Terminator]);
        // Not kept after an opener at end of file.
        assert_eq!(kinds("(\n"), vec![Open(b'(')]);
        // Kept between a closer and an opener.
        assert_eq!(kinds(")\n("), vec![Close(b')'), Terminator, Open(b'(')]);
    }

    #[test]
    fn line_continuation() {
        assert_eq!(texts("a \\\n b"), vec!["a", "b"]);
        assert_eq!(texts("a \\ \t\r\n b"), vec!["a", "b"]);
        assert_eq!(texts("a +\\\n b"), vec!["a", "+", "b"]);
        assert_eq!(pos("a \\\n b"), vec![(1, 1), (2, 2)]);
        // A `\` not before a newline is an operator.
        assert_eq!(texts("a \\ b"), vec!["a", "\\", "b"]);
        assert_eq!(texts("a \\"), vec!["a", "\\"]);
        assert_eq!(texts("a \\x\nb"), vec!["a", "\\", "x", ";", "b"]);
    }

    #[test]
    fn positions() {
        assert_eq!(pos("a b\n  c"), vec![(1, 1), (1, 3), (1, 4), (2, 3)]);
        // Columns count characters, not bytes.
        assert_eq!(pos("é + x"), vec![(1, 1), (1, 3), (1, 5)]);
        assert_eq!(pos("\"ééé\" x"), vec![(1, 1), (1, 7)]);
        // After multi-line strings and comments.
        assert_eq!(pos("\"a\nbc\" x"), vec![(1, 1), (2, 5)]);
        assert_eq!(pos("\"\"\"a\n\nbc\"\"\" x"), vec![(1, 1), (3, 7)]);
        assert_eq!(pos("/* a\n /* b\n */ */ x"), vec![(3, 8)]);
        assert_eq!(pos("a // c\n  b"), vec![(1, 1), (1, 7), (2, 3)]);
        assert_eq!(pos("\ta"), vec![(1, 2)]);
    }

    #[test]
    fn unexpected_characters() {
        let e = err("a `b");
        assert_eq!(e.message, "unexpected character '`'");
        assert_eq!((e.line, e.col), (1, 3));
        let e = err("a\n\x01");
        assert_eq!(e.message, "unexpected character '\\u{1}'");
        assert_eq!((e.line, e.col), (2, 1));
        assert_eq!(err("\0").message, "unexpected character '\\u{0}'");
        assert_eq!(err("\x7f").message, "unexpected character '\\u{7f}'");
    }

    #[test]
    fn small_program() {
        let src = "Account := Object clone do(\n  balance ::= 0\n  deposit := method(v, balance = balance + v)\n)\nAccount deposit(10.5) println\n";
        assert_eq!(
            texts(src),
            vec![
                "Account", ":=", "Object", "clone", "do", "(", "balance", "::=", "0", ";",
                "deposit", ":=", "method", "(", "v", ",", "balance", "=", "balance", "+", "v", ")",
                ")", ";", "Account", "deposit", "(", "10.5", ")", "println", ";"
            ]
        );
    }

    #[test]
    fn deep_nesting_no_stack_overflow() {
        let n = 100_000;
        let src = format!("{}{}", "(".repeat(n), ")".repeat(n));
        let t = toks(&src);
        assert_eq!(t.len(), 2 * n);
        assert_eq!(t[n - 1].kind, Open(b'('));
        assert_eq!(t[n].kind, Close(b')'));
        assert_eq!(t[2 * n - 1].col, u32::try_from(2 * n).unwrap());

        let src = format!("{}{} x", "/*".repeat(n), "*/".repeat(n));
        assert_eq!(texts(&src), vec!["x"]);
    }

    /// Checks structural invariants of a successful lex.
    fn check_invariants(src: &str, t: &[Token]) {
        if let Some(first) = t.first() {
            assert_ne!(first.kind, Terminator, "{src:?}");
        }
        let mut last = (0u32, 0u32);
        for (i, tok) in t.iter().enumerate() {
            assert!(tok.line >= 1 && tok.col >= 1, "{src:?}");
            assert!(
                (tok.line, tok.col) > last,
                "{src:?}: positions not increasing"
            );
            last = (tok.line, tok.col);
            assert!(!tok.text.is_empty(), "{src:?}");
            if i > 0 {
                let prev = &t[i - 1].kind;
                if tok.kind == Terminator {
                    assert!(
                        !matches!(prev, Terminator | Open(_) | Comma),
                        "{src:?}: bad terminator after {prev:?}"
                    );
                }
                if *prev == Terminator {
                    assert!(!matches!(tok.kind, Close(_) | Comma), "{src:?}");
                }
            }
        }
    }

    #[test]
    fn random_inputs_never_panic() {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u32
        };
        let alphabet: &[&str] = &[
            "a", "1", "0x", ".", ":", "=", "/", "*", "#", "\"", "\"\"\"", "\\", "\n", ";", " ",
            "(", ")", "[", "]", "{", "}", ",", "e", "-", "+", "x", "é", "漢", "\r", "\t", "`",
            "\x01", "9", "F",
        ];
        for round in 0..600 {
            let len = (next() % 40) as usize;
            let src = if round % 2 == 0 {
                // Raw pseudo-random bytes, made valid UTF-8.
                let bytes: Vec<u8> = (0..len).map(|_| (next() & 0xff) as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            } else {
                // Pieces of Io syntax, more likely to reach deep states.
                (0..len)
                    .map(|_| alphabet[next() as usize % alphabet.len()])
                    .collect::<String>()
            };
            let result = std::panic::catch_unwind(|| lex(&src));
            match result {
                Ok(Ok(t)) => check_invariants(&src, &t),
                Ok(Err(e)) => {
                    assert!(e.line >= 1 && e.col >= 1, "{src:?}");
                    assert!(!e.message.is_empty());
                }
                Err(_) => panic!("lex panicked on {src:?}"),
            }
        }
    }
}

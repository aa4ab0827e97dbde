//! A box-and-break pretty printer with the layout rules of OCaml's `Format` module, which moc
//! prints its signatures and its interpreter's values with: text, break hints `(spaces,
//! offset)` and nested boxes that are horizontal, vertical, horizontal-or-vertical (all
//! breaks or none), packed (break only where the next piece would pass the margin) or
//! structural (packed, and also breaking where that moves the text back to the left).
//! Margin 78 and maximum indentation 68, `Format`'s defaults, which moc keeps for both its
//! signatures and its script values. The printers in `signature` and `script_value`
//! describe their documents with it; this module knows nothing about types.

pub(crate) mod marks;

/// `Format`'s default margin, the one moc's printers use.
pub(crate) const DEFAULT_MARGIN: i64 = 78;
const MAX_INDENT: i64 = 68;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BoxKind {
    /// Never breaks (`@[<h>`).
    H,
    /// Every break is a new line (`@[<v>`).
    V,
    /// All breaks on one line when the whole box fits, else every break is a new line
    /// (`@[<hv>`).
    HV,
    /// A break is a new line only when what follows it (up to the next break) does not fit
    /// (`@[<hov>`).
    HOV,
    /// `Format`'s structural box (`@[` and `@[<n>`): as `HOV`, and a break also becomes a new
    /// line when the current line is indented deeper than the line the break would start.
    B,
}

#[derive(Clone, Debug)]
enum Token {
    Text(String),
    /// `(spaces when not broken, indentation offset when broken)`.
    Break(i64, i64),
    Open(BoxKind, i64),
    Close,
}

/// A document being built.
#[derive(Clone, Debug, Default)]
pub(crate) struct Doc {
    tokens: Vec<Token>,
}

impl Doc {
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.tokens.push(Token::Text(s.to_string()));
        self
    }

    pub fn brk(&mut self, spaces: i64, offset: i64) -> &mut Self {
        self.tokens.push(Token::Break(spaces, offset));
        self
    }

    /// `Format.pp_print_space`.
    pub fn space(&mut self) -> &mut Self {
        self.brk(1, 0)
    }

    /// `Format.pp_print_cut`.
    pub fn cut(&mut self) -> &mut Self {
        self.brk(0, 0)
    }

    pub fn open(&mut self, kind: BoxKind, indent: i64) -> &mut Self {
        self.tokens.push(Token::Open(kind, indent));
        self
    }

    pub fn close(&mut self) -> &mut Self {
        self.tokens.push(Token::Close);
        self
    }

    /// Appends another document.
    pub fn append(&mut self, other: &Doc) -> &mut Self {
        self.tokens.extend(other.tokens.iter().cloned());
        self
    }

    /// Lays the document out at `Format`'s default margin.
    pub fn render(&self) -> String {
        self.render_at(DEFAULT_MARGIN)
    }

    /// Lays the document out at a margin.
    pub fn render_at(&self, margin: i64) -> String {
        let sizes = self.sizes();
        let mut out = Layout {
            out: String::new(),
            margin,
            space_left: margin,
            current_indent: 0,
            is_new_line: true,
            boxes: vec![(BoxKind::HOV, margin)],
        };
        for (token, size) in self.tokens.iter().zip(sizes) {
            out.token(token, size);
        }
        out.out
    }

    /// The size `Format` gives each token: a box, its width on one line; a break, its spaces
    /// plus everything up to the next break of the same box (or the box's end).
    fn sizes(&self) -> Vec<i64> {
        let width = |t: &Token| match t {
            Token::Text(s) => i64::try_from(s.chars().count()).unwrap_or(i64::MAX / 4),
            Token::Break(n, _) => *n,
            _ => 0,
        };
        let mut sizes = vec![0i64; self.tokens.len()];
        // Pending items: (token index, running total at that point); a box's own breaks are
        // above it on the stack.
        let mut stack: Vec<(usize, i64)> = Vec::new();
        let mut total = 0i64;
        for (i, token) in self.tokens.iter().enumerate() {
            match token {
                Token::Text(_) => {
                    sizes[i] = width(token);
                }
                Token::Break(..) => {
                    if let Some(&(j, start)) = stack.last() {
                        if matches!(self.tokens[j], Token::Break(..)) {
                            sizes[j] = total - start;
                            stack.pop();
                        }
                    }
                    stack.push((i, total));
                }
                Token::Open(..) => stack.push((i, total)),
                Token::Close => {
                    if let Some(&(j, start)) = stack.last() {
                        if matches!(self.tokens[j], Token::Break(..)) {
                            sizes[j] = total - start;
                            stack.pop();
                        }
                    }
                    if let Some((j, start)) = stack.pop() {
                        sizes[j] = total - start;
                    }
                }
            }
            total += width(token);
        }
        for (j, start) in stack {
            sizes[j] = total - start;
        }
        sizes
    }
}

struct Layout {
    out: String,
    margin: i64,
    space_left: i64,
    current_indent: i64,
    /// Nothing but indentation since the last new line (a structural box then keeps a break
    /// on the line).
    is_new_line: bool,
    /// Open boxes: kind as decided when opened, and `Format`'s width (space left at the
    /// box's indentation).
    boxes: Vec<(BoxKind, i64)>,
}

/// Kind `Fits`: a box that turned out to fit on the line.
const FITS: Option<BoxKind> = None;

impl Layout {
    fn token(&mut self, token: &Token, size: i64) {
        match token {
            Token::Text(s) => {
                self.out.push_str(s);
                self.space_left -= size;
                self.is_new_line = false;
            }
            Token::Open(kind, offset) => {
                let insertion = self.margin - self.space_left;
                if insertion > MAX_INDENT {
                    self.force_break();
                }
                let width = self.space_left - offset;
                let kind = match kind {
                    BoxKind::V => Some(BoxKind::V),
                    other if size > self.space_left => Some(*other),
                    _ => FITS,
                };
                // `Fits` behaves as a horizontal box.
                self.boxes.push((kind.unwrap_or(BoxKind::H), width));
            }
            Token::Close => {
                if self.boxes.len() > 1 {
                    self.boxes.pop();
                }
            }
            Token::Break(spaces, offset) => {
                let Some(&(kind, width)) = self.boxes.last() else {
                    return;
                };
                let new_line = match kind {
                    BoxKind::H => false,
                    BoxKind::V | BoxKind::HV => true,
                    BoxKind::HOV => size > self.space_left,
                    BoxKind::B => {
                        !self.is_new_line
                            && (size > self.space_left
                                || self.current_indent > self.margin - width + offset)
                    }
                };
                if new_line {
                    self.new_line(width, *offset);
                } else {
                    self.same_line(*spaces);
                }
            }
        }
    }

    fn same_line(&mut self, spaces: i64) {
        for _ in 0..spaces.max(0) {
            self.out.push(' ');
        }
        self.space_left -= spaces;
    }

    fn new_line(&mut self, width: i64, offset: i64) {
        self.out.push('\n');
        self.is_new_line = true;
        let indent = (self.margin - width + offset).min(MAX_INDENT);
        self.current_indent = indent;
        self.space_left = self.margin - indent;
        for _ in 0..indent.max(0) {
            self.out.push(' ');
        }
    }

    fn force_break(&mut self) {
        if let Some(&(kind, width)) = self.boxes.last() {
            if width > self.space_left && kind != BoxKind::H {
                self.new_line(width, 0);
            }
        }
    }
}

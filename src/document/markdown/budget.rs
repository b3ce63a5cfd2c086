//! The budget a plan's front matter is read under: its size, how deep it nests, how many
//! aliases it uses and how many values it holds once every alias is expanded.
//!
//! The block is written by the plan's author, so it is checked here before anything is built
//! from it: YAML with the parser's event stream (no tree, no alias expanded), TOML with a scan
//! of its brackets. Nothing here recurses on the block's structure.

use yaml_rust2::parser::{Event, Parser};

/// Most bytes between the delimiters.
pub const MAX_BYTES: usize = 1 << 20;
/// Deepest nesting of lists and maps (YAML, aliases expanded) or of arrays and tables (TOML).
pub const MAX_DEPTH: usize = 64;
/// Most aliases (`*name`) in a YAML block.
pub const MAX_ALIASES: usize = 1_000;
/// Most values (scalars, lists, maps) in a YAML block, every alias counted as the values it
/// stands for.
pub const MAX_NODES: usize = 100_000;

/// The budget a front-matter block broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// More than [`MAX_BYTES`] bytes; the size in bytes.
    Bytes(usize),
    /// Nested deeper than [`MAX_DEPTH`].
    Depth,
    /// More than [`MAX_ALIASES`] aliases.
    Aliases,
    /// More than [`MAX_NODES`] values, or more than four times [`MAX_BYTES`] of text, aliases
    /// expanded.
    Nodes,
}

/// Walks the YAML events of `body` (the parser keeps its own stack, so this does not recurse)
/// and checks the block against the budget before anything is built from it. Aliases are
/// counted as what they stand for, without expanding them: each anchored value's size and
/// height are remembered once. A syntax error ends the walk with `Ok`: the loader then stops
/// at the same place, having done no more than the walk checked.
pub(super) fn yaml_budget(body: &str) -> Result<(), Budget> {
    let mut walk = YamlWalk::default();
    let mut parser = Parser::new_from_str(body);
    loop {
        let event = match parser.next_token() {
            Ok((event, _)) => event,
            // The scanner counts flow nesting (`[[[…`, `{{{…`) in a byte and looks ahead past
            // it before the walk sees the 65th level: nesting it refuses is over budget too,
            // not a syntax error.
            Err(e) if e.info() == "recursion limit exceeded" => return Err(Budget::Depth),
            Err(_) => return Ok(()),
        };
        if matches!(event, Event::StreamEnd) {
            return Ok(());
        }
        walk.event(&event)?;
    }
}

/// What a YAML value costs the loader: the values it builds (an alias as many as it stands
/// for) and the bytes of text in them.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    nodes: usize,
    bytes: usize,
}

impl Cost {
    fn add(&mut self, other: Cost) {
        self.nodes = self.nodes.saturating_add(other.nodes);
        self.bytes = self.bytes.saturating_add(other.bytes);
    }
}

/// A finished or open YAML value: its cost, its height (1 for a scalar) and its anchor id.
#[derive(Debug, Clone, Copy, Default)]
struct Value {
    anchor: usize,
    cost: Cost,
    height: usize,
}

/// The state of [`yaml_budget`]'s walk.
#[derive(Debug, Default)]
struct YamlWalk {
    /// Open lists and maps, innermost last.
    open: Vec<Value>,
    /// Each finished anchored value, by anchor id (the parser numbers anchors from 1).
    anchors: Vec<Value>,
    /// What the loader will build, anchored values twice (it keeps a copy to expand aliases).
    total: Cost,
    aliases: usize,
}

/// Most bytes of text in a YAML block once aliases are expanded: each anchored value is also
/// copied once, so a block within [`MAX_BYTES`] stays well within this.
pub(super) const MAX_EXPANDED_BYTES: usize = 4 * MAX_BYTES;

impl YamlWalk {
    fn event(&mut self, event: &Event) -> Result<(), Budget> {
        let one = Cost { nodes: 1, bytes: 0 };
        let done = match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.open.len() >= MAX_DEPTH {
                    return Err(Budget::Depth);
                }
                self.open.push(Value {
                    anchor: *anchor,
                    cost: one,
                    height: 0,
                });
                self.total.add(one);
                return Ok(());
            }
            Event::DocumentStart => {
                self.total.add(one);
                return Ok(());
            }
            Event::SequenceEnd | Event::MappingEnd => match self.open.pop() {
                Some(v) => Value {
                    height: v.height + 1,
                    ..v
                },
                None => return Ok(()),
            },
            Event::Scalar(text, _, anchor, _) => {
                let cost = Cost {
                    nodes: 1,
                    bytes: text.len(),
                };
                self.total.add(cost);
                Value {
                    anchor: *anchor,
                    cost,
                    height: 1,
                }
            }
            Event::Alias(id) => {
                self.aliases += 1;
                if self.aliases > MAX_ALIASES {
                    return Err(Budget::Aliases);
                }
                // An alias to an anchor not yet finished is one bad value to the loader.
                let target = id
                    .checked_sub(1)
                    .and_then(|i| self.anchors.get(i))
                    .filter(|v| v.anchor > 0)
                    .copied()
                    .unwrap_or(Value {
                        anchor: 0,
                        cost: one,
                        height: 1,
                    });
                self.total.add(target.cost);
                Value {
                    anchor: 0,
                    ..target
                }
            }
            _ => return Ok(()),
        };
        if self.open.len() + done.height > MAX_DEPTH {
            return Err(Budget::Depth);
        }
        if done.anchor > 0 {
            self.total.add(done.cost);
            if self.anchors.len() < done.anchor {
                self.anchors.resize(done.anchor, Value::default());
            }
            self.anchors[done.anchor - 1] = done;
        }
        if self.total.nodes > MAX_NODES || self.total.bytes > MAX_EXPANDED_BYTES {
            return Err(Budget::Nodes);
        }
        if let Some(parent) = self.open.last_mut() {
            parent.cost.add(done.cost);
            parent.height = parent.height.max(done.height);
        }
        Ok(())
    }
}

/// Checks TOML `body` for nesting of arrays and tables deeper than [`MAX_DEPTH`] before it is
/// parsed: a scan of `[` and `{` against their closers, strings and comments skipped. A closer
/// of the other kind closes nothing here, so a block the scan misreads is counted deeper, not
/// shallower. Dotted keys are bounded by the `toml` parser itself (80 parts).
pub(super) fn toml_budget(body: &str) -> Result<(), Budget> {
    let bytes = body.as_bytes();
    let mut open: Vec<u8> = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'#' => i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n),
            b'[' | b'{' => {
                if open.len() >= MAX_DEPTH {
                    return Err(Budget::Depth);
                }
                open.push(if b == b'[' { b']' } else { b'}' });
            }
            b']' | b'}' if open.last() == Some(&b) => {
                open.pop();
            }
            b'"' | b'\'' => i = toml_string_end(bytes, i - 1),
            _ => {}
        }
    }
    Ok(())
}

/// Where the TOML string opening at byte `at` of `bytes` ends: past its closing quotes, or at
/// the end of the line for an unclosed one-line string, or at the end of the text.
fn toml_string_end(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let escapes = quote == b'"';
    let multi_line = bytes[at..].starts_with(&[quote; 3]);
    let mut i = at + if multi_line { 3 } else { 1 };
    while let Some(&b) = bytes.get(i) {
        if escapes && b == b'\\' {
            i += 2;
        } else if !multi_line && (b == quote || b == b'\n') {
            return i + 1;
        } else if multi_line && bytes[i..].starts_with(&[quote; 3]) {
            // Up to two quotes may end the text before the closing three.
            while bytes.get(i) == Some(&quote) {
                i += 1;
            }
            return i;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

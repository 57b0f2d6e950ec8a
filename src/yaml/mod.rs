//! YAML with a position for every value: a tree parser and a serde reader
//! over it that collects every problem. Passports and front matter use it.

mod de;
mod tree;

#[cfg(test)]
pub use de::parse_count;
pub use de::{
    CheckedScalar, Invalid, Problem, ScalarRule, Whole, control_character, control_hint,
    deserialize_checked, digit_groups, if_unknown, parse_decimal, parse_whole, read,
};
pub use tree::{Node, Pos, SyntaxProblem, Value, parse};

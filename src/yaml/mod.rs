//! YAML with a position for every value: a tree parser and a serde reader
//! over it that collects every problem. Passports and front matter use it.

mod de;
mod tree;

pub use de::{
    CONTROL_HINT, CheckedScalar, Invalid, Problem, ScalarRule, control_character,
    deserialize_checked, digit_groups, parse_count, parse_decimal, read,
};
pub use tree::{Node, Pos, SyntaxProblem, Value, parse};

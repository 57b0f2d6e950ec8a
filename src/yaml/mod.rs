//! YAML with a position for every value: a tree parser and a serde reader
//! over it that collects every problem. Passports and front matter use it.

mod de;
mod tree;

pub use de::{
    CheckedScalar, Invalid, Problem, ScalarRule, deserialize_checked, digit_groups, parse_count,
    parse_decimal, read,
};
pub use tree::{Node, SyntaxProblem, Value, parse};

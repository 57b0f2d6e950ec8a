//! How a command ends when it does not succeed, and its exit code: one
//! type every stage and command returns, below all of them.

use crate::diagnostic::Diagnostic;
use crate::messages::Message;

/// How a run ends when it does not succeed; each maps to an exit code.
#[derive(Debug)]
pub enum Failure {
    /// The content has errors; nothing was published (exit 1).
    Content(Vec<Diagnostic>),
    /// The command line or the configuration is wrong (exit 2); the
    /// message is printed as it is, one line starting with its place.
    Usage(Message),
    /// A file operation failed (exit 3).
    Io(Message),
}

impl Failure {
    /// The exit code of the contract.
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Content(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Io(_) => 3,
        }
    }
}

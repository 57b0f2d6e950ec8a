//! The integration tests, one binary (as rust-analyzer and Cargo itself
//! do: one link instead of a dozen, and helpers compiled once). Each
//! module runs the real `hromada` binary on sites in temporary folders.

mod common;

mod browser;
mod charts;
mod deploy;
mod docs;
mod donors;
mod downloads;
mod editions;
mod errors;
mod forms;
mod hostile;
mod i18n;
mod maps;
mod messages;
mod pdf;
mod serve;
mod site;

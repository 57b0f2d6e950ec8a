//! The default theme is embedded with `include_dir!`, which cargo does not
//! know reads files: rebuild when any of them changes.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}

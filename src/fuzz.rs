//! What the property tests that fuzz the readers share. Each reader's
//! module has its own `never_panics` tests (YAML and passports, front
//! matter and Markdown, PO files, `site.toml`, GeoJSON, spreadsheets);
//! the suite runs them briefly and `bench/fuzz` for ten minutes.

/// `text` with `cut` bytes from `at` (each moved to a character boundary)
/// replaced by `insert`: a valid file edited at random.
pub fn edited(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let mut text = text.to_string();
    let at = at.min(text.len());
    let start = (0..=at)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let end = (start + cut..=text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(text.len());
    text.replace_range(start..end, insert);
    text
}

/// `bytes` with `cut` bytes from `at` replaced by `insert`.
pub fn edited_bytes(bytes: &[u8], at: usize, cut: usize, insert: &[u8]) -> Vec<u8> {
    let start = at.min(bytes.len());
    let end = (start + cut).min(bytes.len());
    [&bytes[..start], insert, &bytes[end..]].concat()
}

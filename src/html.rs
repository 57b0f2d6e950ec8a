//! Escaping text for HTML and XML, the one way every page, chart and
//! cell does it.

/// Escapes text for HTML and XML: the five characters that can open markup
/// or end an attribute. (Tera's default also escapes `/`, which bloats URLs.)
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text`, escaped as [`escape`] does, to `out`: markup made
/// piece by piece (a table's rows) grows one buffer instead of a string
/// per value.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    // Copies the runs between special characters whole: most text has
    // none. They are ASCII, so bytes are searched, not decoded characters.
    while let Some(i) = first_special(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// 1 if `b` is one of the characters [`escape`] replaces, else 0: a
/// number, not a boolean, so that [`first_special`] can or 16 of them
/// together without a branch (the compiler makes that vector code).
fn special(b: u8) -> u8 {
    (b == b'&') as u8
        | (b == b'<') as u8
        | (b == b'>') as u8
        | (b == b'"') as u8
        | (b == b'\'') as u8
}

/// Where the first character [`escape`] replaces is in `bytes`, tested
/// 16 bytes at a time: a site escapes megabytes, and most has none.
fn first_special(bytes: &[u8]) -> Option<usize> {
    let (blocks, tail) = bytes.as_chunks::<16>();
    for (n, block) in blocks.iter().enumerate() {
        if block.iter().fold(0, |any, &b| any | special(b)) != 0 {
            return (block.iter().position(|&b| special(b) != 0)).map(|i| n * 16 + i);
        }
    }
    let start = blocks.len() * 16;
    (tail.iter().position(|&b| special(b) != 0)).map(|i| start + i)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape(r#"<a href="x">Тарас & 'Ко'</a> / ʼ"#),
            "&lt;a href=&quot;x&quot;&gt;Тарас &amp; &#39;Ко&#39;&lt;/a&gt; / ʼ"
        );
        assert_eq!(escape("Громада"), "Громада");
        assert_eq!(escape(""), "");
        assert_eq!(escape("&&"), "&amp;&amp;");
        // Past a block of 16 bytes, and at its last byte.
        let long = "Громада громад".repeat(3);
        assert_eq!(
            escape(&format!("{long}<{long}")),
            format!("{long}&lt;{long}")
        );
        assert_eq!(escape("0123456789abcde\"x"), "0123456789abcde&quot;x");
    }
}

//! Escaping text for HTML and XML, the one way every page, chart and
//! cell does it.

/// Escapes text for HTML and XML: the five characters that can open markup
/// or end an attribute. (Tera's default also escapes `/`, which bloats URLs.)
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Copies the runs between special characters whole: most text has
    // none. They are ASCII, so bytes are searched, not decoded characters.
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
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
    out
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
    }
}

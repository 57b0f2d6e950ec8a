//! Text written into the site's CSV files, made safe for the spreadsheets
//! people open them in: one guard for the open data and every chart's CSV.

use std::borrow::Cow;

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a
/// tab or a return first) gets a leading apostrophe, as OWASP advises for
/// CSV files people open in Excel; other text is returned as it is.
pub fn safe(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn every_formula_start_is_quoted_and_plain_text_is_not() {
        for bad in ["=HYPERLINK(1)", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe(bad), format!("'{bad}"));
        }
        for good in ["Ужгород", "1 = 1", "", "'quoted"] {
            assert_eq!(safe(good), good);
        }
    }
}

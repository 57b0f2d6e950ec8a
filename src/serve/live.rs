//! What the preview adds to every page: the live-reload script, and while
//! the site has errors, a panel listing them (file, line, message, hint)
//! over the last good version of the page.

/// The live-reload script, served at `/__hromada/live.js`.
pub const SCRIPT: &str = include_str!("live.js");

/// The address of the script.
pub const SCRIPT_PATH: &str = "/__hromada/live.js";

/// The address the script polls for the site's version.
pub const WAIT_PATH: &str = "/__hromada/wait";

/// `html` with the live-reload script for `version` and, when there are
/// `problems`, the panel showing them, before `</body>`.
pub fn inject(html: &[u8], version: u64, problems: &[String]) -> Vec<u8> {
    add(html, version, problems, true)
}

fn add(html: &[u8], version: u64, problems: &[String], below: bool) -> Vec<u8> {
    let mut added = format!(r#"<script src="{SCRIPT_PATH}" data-version="{version}"></script>"#);
    if !problems.is_empty() {
        added.push_str(&panel(problems, below));
    }
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + added.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(added.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// A whole page showing only `problems`, for when the site has never
/// loaded without errors.
pub fn problems_page(version: u64, problems: &[String]) -> Vec<u8> {
    let lang = match crate::messages::chosen() {
        crate::messages::Lang::Uk => "uk",
        crate::messages::Lang::En => "en",
    };
    let page = format!(
        "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>hromada: {}</title><body></body></html>",
        tr!("errors").text()
    );
    add(page.as_bytes(), version, problems, false)
}

/// The panel: fixed at the top, scrolls when long, every text escaped.
fn panel(problems: &[String], below: bool) -> String {
    let count = problems.len();
    let heading = match below {
        true => trn!(
            "{count} problem — the page below is its last version without errors",
            "{count} problems — the page below is its last version without errors",
            count
        ),
        false => trn!("{count} problem", "{count} problems", count),
    };
    let mut html = format!(
        r#"<section role="alert" lang="{lang}" aria-label="hromada: {label}" style="position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;background:#fff4f4;color:#4a0000;border-bottom:4px solid #b00020;padding:1rem 1.5rem;font:15px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)"><h2 style="margin:0 0 .5rem;font-size:1.1rem">hromada: {heading}</h2>"#,
        lang = match crate::messages::chosen() {
            crate::messages::Lang::Uk => "uk",
            crate::messages::Lang::En => "en",
        },
        label = tr!("errors").text(),
        heading = tera::escape_html(&heading.text()),
    );
    for problem in problems {
        html.push_str(r#"<pre style="white-space:pre-wrap;margin:.4rem 0;font:14px/1.4 ui-monospace,monospace">"#);
        // A path breaks after a folder on a phone's narrow screen, not
        // past its edge.
        html.push_str(&tera::escape_html(problem).replace("&#x2F;", "&#x2F;<wbr>"));
        html.push_str("</pre>");
    }
    html.push_str(&format!(
        r#"<p style="margin:.5rem 0 0">{}</p></section>"#,
        tr!("Fix the file and save: this page reloads by itself.").text()
    ));
    html
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", 7, &[])).unwrap();
        assert_eq!(
            out,
            r#"<html><body><p>x</p><script src="/__hromada/live.js" data-version="7"></script></body></html>"#
        );
    }

    /// An empty page with the panel of one `problem`.
    fn with_problem(problem: &str) -> String {
        String::from_utf8(inject(b"<body></body>", 1, &[problem.into()])).unwrap()
    }

    #[test]
    fn problems_are_escaped() {
        let out = with_problem("a.yaml:3:5: error: `<script>` is not a number");
        assert!(out.contains("hromada: 1 problem"), "{out}");
        assert!(out.contains("`&lt;script&gt;` is not a number"), "{out}");
        assert!(!out.contains("`<script>`"), "{out}");
    }

    #[test]
    fn a_path_may_break_after_each_folder() {
        let out = with_problem("content/passports/lvivska.yaml:3:5: error: `population`");
        assert!(
            out.contains("content&#x2F;<wbr>passports&#x2F;<wbr>lvivska.yaml:3:5: error"),
            "{out}"
        );
    }
}

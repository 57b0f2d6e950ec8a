//! Reports: Markdown files with YAML front matter, one per language
//! (`<name>.md` in the default language, `<name>.<lang>.md` for others),
//! rendered to sanitised HTML with an anchor on every heading.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::messages::Message;
use crate::passport::{Date, from_problem, from_syntax};
use crate::source::{SourceFile, files, read_text};
use crate::translit::{is_id, slug};
use crate::yaml;

/// A report's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<Date>,
    pub summary: Option<String>,
    /// For pages: their place in the menu, smallest first.
    pub order: Option<u32>,
    /// In a translation: the fingerprint of the original it translates,
    /// written by `i18n update`.
    pub translates: Option<String>,
}

/// One language's text of a report.
#[derive(Debug, Clone)]
pub struct Version {
    pub file: PathBuf,
    pub front: FrontMatter,
    /// The body as sanitised HTML, with a placeholder for each chart.
    pub html: String,
    /// The charts placed in the body, in order.
    pub charts: Vec<ChartRef>,
    /// The fingerprint of the file's text: what a translation records.
    pub fingerprint: String,
    /// The line of `translates:` in the front matter, if there is one.
    pub translates_line: Option<usize>,
}

/// The fingerprint of a report's text: the first 16 hex digits of its
/// BLAKE3 hash, enough to tell an edit, short enough to read.
pub fn fingerprint(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..16].to_string()
}

/// A chart placed in a report by a line `{{ chart(name="…", key="…") }}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRef {
    pub line: usize,
    pub name: String,
    pub args: BTreeMap<String, String>,
}

impl ChartRef {
    /// What stands in a report's HTML where chart number `index` goes.
    pub fn placeholder(index: usize) -> String {
        format!("<p>HROMADA-CHART-{index}</p>")
    }

    /// Parses the line of a shortcode; `None` if the line is not one, and
    /// `Some(Err)` if it is one written wrong.
    fn parse(line: &str, number: usize) -> Option<Result<ChartRef, Message>> {
        let inner = line.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
        let call = inner.strip_prefix("chart(")?.strip_suffix(')')?;
        let mut args = BTreeMap::new();
        for part in call.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                return Some(Err(tr!("`{part}` is not key=\"value\"", part)));
            };
            let value = value.trim();
            let Some(value) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
                return Some(Err(tr!(
                    "the value of `{key}` must be in double quotes",
                    key = key.trim()
                )));
            };
            args.insert(key.trim().to_string(), value.to_string());
        }
        let Some(name) = args.remove("name") else {
            return Some(Err(tr!("the chart has no name=\"…\"")));
        };
        Some(Ok(ChartRef {
            line: number,
            name,
            args,
        }))
    }
}

/// Takes the chart shortcodes out of a report's body, leaving placeholders;
/// `first_line` is the body's first line in the file.
fn take_charts(
    body: &str,
    first_line: usize,
    file: &Path,
) -> (String, Vec<ChartRef>, Vec<Diagnostic>) {
    let mut out = String::with_capacity(body.len());
    let mut charts = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, line) in body.split_inclusive('\n').enumerate() {
        match ChartRef::parse(line, first_line + i) {
            Some(Ok(chart)) => {
                out.push_str(&format!("\nHROMADA-CHART-{}\n\n", charts.len()));
                charts.push(chart);
            }
            Some(Err(message)) => diagnostics.push(
                Diagnostic::error(file, (first_line + i, 1), Code::ReportChart, tr!("chart shortcode: {message}", message))
                    .hint(tr!("write it on a line of its own, e.g. {{{{ chart(name=\"idp_ranking\", oblast=\"zakarpatska\") }}}}")),
            ),
            None => out.push_str(line),
        }
    }
    (out, charts, diagnostics)
}

/// A report in every language it is written in.
#[derive(Debug, Clone)]
pub struct Report {
    /// The file stem, which is also the URL: `/reports/<name>/`.
    pub name: String,
    /// By language code; the default language is always there.
    pub versions: BTreeMap<String, Version>,
}

impl Version {
    /// Whether this translation records an original other than `original`.
    pub fn is_outdated(&self, original: &Version) -> bool {
        self.front
            .translates
            .as_ref()
            .is_some_and(|t| *t != original.fingerprint)
    }
}

impl Report {
    /// The version for `lang`, else the default language's, and whether it
    /// is the one asked for.
    pub fn version(&self, lang: &str, default: &str) -> (&Version, bool) {
        match self.versions.get(lang) {
            Some(v) => (v, true),
            None => (&self.versions[default], false),
        }
    }
}

/// Loads every text under `dir` (`content/reports` or `content/pages`), sorted by name.
pub fn load_all(
    site: &std::path::Path,
    dir: &str,
    languages: &[String],
    default: &str,
) -> (Vec<Report>, Vec<Diagnostic>) {
    let (sources, mut diagnostics) = files(site, dir, &[".md"]);
    let mut by_name: BTreeMap<String, BTreeMap<String, Version>> = BTreeMap::new();
    // The names whose original (in the default language) has errors.
    let mut unloaded = std::collections::BTreeSet::new();
    for source in sources {
        let stem = source
            .rel
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .trim_end_matches(".md")
            .to_string();
        let (name, lang) = match stem.split_once('.') {
            Some((name, lang)) => (name.to_string(), lang.to_string()),
            None => (stem.clone(), default.to_string()),
        };
        if !languages.contains(&lang) {
            diagnostics.push(
                Diagnostic::error(
                    &source.rel,
                    (1, 1),
                    Code::BadId,
                    tr!("`{lang}` is not a language of the site", lang),
                )
                .hint(tr!(
                    "the site's languages are {languages}; name the file <name>.<language>.md",
                    languages = languages.join(", ")
                )),
            );
            continue;
        }
        if !is_id(&name) {
            diagnostics.push(
                Diagnostic::error(
                    &source.rel,
                    (1, 1),
                    Code::BadId,
                    tr!("`{name}` is not a valid name for a report or page", name),
                )
                .hint(tr!("use lowercase Latin letters, digits and `-`, beginning with a letter or digit, e.g. {into}.md", into = Some(slug(&name)).filter(|s| !s.is_empty()).unwrap_or_else(|| "overview".into()))),
            );
            continue;
        }
        match load_version(&source) {
            Ok((version, found)) => {
                diagnostics.extend(found);
                by_name.entry(name).or_default().insert(lang, version);
            }
            Err(found) => {
                diagnostics.extend(found);
                if lang == default {
                    unloaded.insert(name);
                }
            }
        }
    }
    let mut reports = Vec::new();
    for (name, versions) in by_name {
        if let Some(original) = versions.get(default) {
            for (lang, version) in &versions {
                if lang != default && version.is_outdated(original) {
                    diagnostics.push(
                        Diagnostic::error(
                            &version.file,
                            (version.translates_line.unwrap_or(1), 1),
                            Code::OutdatedTranslation,
                            tr!("{file} has changed since this translation was made", file = original.file.display()),
                        )
                        .field("translates")
                        .hint(tr!("bring the translation up to date, then set `translates: {fingerprint}`; until then its page says the original has changed", fingerprint = original.fingerprint))
                        .warning(),
                    );
                }
            }
            reports.push(Report { name, versions });
        } else if !unloaded.contains(&name) {
            // An original that is there but has errors is reported by
            // those, not as missing.
            for version in versions.values() {
                diagnostics.push(
                    Diagnostic::error(
                        &version.file,
                        (1, 1),
                        Code::ReportOrphan,
                        tr!("`{name}` has no {default} original", name, default),
                    )
                    .hint(tr!(
                        "add {dir}/{name}.md, the text every translation is made from",
                        dir,
                        name
                    )),
                );
            }
        }
    }
    (reports, diagnostics)
}

/// One report file. A file that can't be read into a version is `Err`;
/// one with bad chart shortcodes is a version whose diagnostics come along.
fn load_version(source: &SourceFile) -> Result<(Version, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = read_text(source).map_err(|d| vec![d])?;
    let Some((front, body)) = split_front_matter(&text) else {
        return Err(vec![
            Diagnostic::error(&source.rel, (1, 1), Code::ReportFrontMatter, tr!("the report has no front matter"))
                .hint(tr!("start the file with three lines: `---`, `title: Назва звіту`, `---`; `date:` and `summary:` may follow the title")),
        ]);
    };
    let file = &source.rel;
    let shift = |mut d: Diagnostic| {
        d.line += 1;
        d
    };
    let (tree, duplicates) =
        yaml::parse(front).map_err(|p| vec![shift(from_syntax(file, Code::YamlSyntax, p))])?;
    let mut found: Vec<Diagnostic> = duplicates
        .into_iter()
        .map(|p| shift(from_syntax(file, Code::DuplicateKey, p)))
        .collect();
    let front = match yaml::read::<FrontMatter>(&tree, &crate::passport::rules()) {
        Ok(front) if found.is_empty() => front,
        Ok(_) => return Err(found),
        Err(problems) => {
            found.extend(problems.into_iter().map(|p| shift(from_problem(file, p))));
            return Err(found);
        }
    };
    let first_line = text[..text.len() - body.len()].matches('\n').count() + 1;
    if let Some(offset) = too_deep(body) {
        let (line, column) = crate::diagnostic::line_col(body, offset);
        found.push(
            Diagnostic::error(
                file,
                (first_line + line - 1, column),
                Code::ReportNesting,
                tr!(
                    "the text nests more than {MAX_NESTING} elements inside one another here",
                    MAX_NESTING
                ),
            )
            .hint(tr!(
                "close each HTML tag you open, and nest quotes and lists only a few levels deep"
            )),
        );
        return Err(found);
    }
    let (body, charts, problems) = take_charts(body, first_line, file);
    let translates_line = text
        .lines()
        .take(first_line)
        .position(|l| l.starts_with("translates:"))
        .map(|i| i + 1);
    let version = Version {
        file: file.clone(),
        front,
        html: markdown_to_html(&body),
        charts,
        fingerprint: fingerprint(&text),
        translates_line,
    };
    Ok((version, problems))
}

/// `text` with `line` added as the last line of its front matter, or
/// `None` when it has none.
pub fn with_front_matter_line(text: &str, line: &str) -> Option<String> {
    let (front, _) = split_front_matter(text)?;
    let start = text.find(front)?;
    let end = start + front.len();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Some(format!("{}{line}{newline}{}", &text[..end], &text[end..]))
}

/// Splits `---` front matter from the body.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest
        .find("\n---")
        .map(|i| i + 1)
        .or_else(|| rest.starts_with("---").then_some(0))?;
    let front = &rest[..end];
    let after = &rest[end + 3..];
    let body = after.split_once('\n').map_or("", |(_, body)| body);
    Some((front, body))
}

/// How deep a report's elements may nest: far more than any text needs,
/// and few enough that the sanitiser, whose work grows with the depth at
/// every tag, reads any report under the size limit in well under a second.
const MAX_NESTING: usize = 100;

/// HTML elements that never hold others, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Formatting elements: an HTML parser opens them again after an end tag
/// of an element around them closes them early.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Where `markdown` first nests deeper than [`MAX_NESTING`] (a byte offset),
/// counting Markdown's own blocks and inlines and the HTML tags written in
/// it, as the sanitiser's HTML parser would nest them or deeper: an end tag
/// closes the innermost open element of its name (none if none is open),
/// and the formatting elements inside it stay open.
fn too_deep(markdown: &str) -> Option<usize> {
    let mut markdown_depth = 0usize;
    let mut open: Vec<String> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(_) => markdown_depth += 1,
            Event::End(_) => markdown_depth = markdown_depth.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => {
                for (tag, at) in html.split('<').skip(1).zip(html.match_indices('<')) {
                    let (closing, rest) = match tag.strip_prefix('/') {
                        Some(rest) => (true, rest),
                        None => (false, tag),
                    };
                    let name: String = rest
                        .chars()
                        .take_while(char::is_ascii_alphanumeric)
                        .collect::<String>()
                        .to_ascii_lowercase();
                    let self_closing = rest.split('>').next().is_some_and(|t| t.ends_with('/'));
                    if name.is_empty() || VOID.contains(&name.as_str()) || self_closing {
                        continue;
                    }
                    if !closing {
                        open.push(name);
                    } else if let Some(i) = open.iter().rposition(|n| *n == name) {
                        let inside = open.split_off(i + 1);
                        open.pop();
                        open.extend(
                            inside
                                .into_iter()
                                .filter(|n| FORMATTING.contains(&n.as_str())),
                        );
                    }
                    if markdown_depth + open.len() > MAX_NESTING {
                        return Some(range.start + at.0);
                    }
                }
            }
            _ => {}
        }
        if markdown_depth + open.len() > MAX_NESTING {
            return Some(range.start);
        }
    }
    None
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Markdown to sanitised HTML; every heading gets an id made from its text.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut events: Vec<Event> = Parser::new_ext(markdown, markdown_options()).collect();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let text: String = events[i + 1..]
                .iter()
                .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let base = match slug(&text) {
                s if s.is_empty() => "section".to_string(),
                s => s,
            };
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let anchor = if *n == 1 { base } else { format!("{base}-{n}") };
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor));
            }
        }
        i += 1;
    }
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, events.into_iter());
    ammonia::Builder::default()
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tags(["video", "source", "track"])
        .add_tag_attributes(
            "video",
            ["controls", "width", "height", "poster", "preload"],
        )
        .add_tag_attributes("source", ["src", "type"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label", "default"])
        // Media play from the site itself: no third-party sources.
        .attribute_filter(|element, attribute, value| {
            let media = matches!(element, "video" | "source" | "track")
                && matches!(attribute, "src" | "poster");
            let remote = value.contains("://") || value.starts_with("//");
            (!(media && remote)).then(|| value.into())
        })
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("th", ["style"])
        .filter_style_properties(["text-align"].into_iter().collect())
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_anchors_from_their_text() {
        let html = markdown_to_html("# Огляд\n\n## Внутрішньо переміщені особи\n\n## Огляд\n");
        assert!(html.contains("<h1 id=\"ohliad\">Огляд</h1>"), "{html}");
        assert!(
            html.contains("<h2 id=\"vnutrishno-peremishcheni-osoby\">"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"ohliad-2\">"), "{html}");
    }

    #[test]
    fn tables_render_and_keep_alignment() {
        let html = markdown_to_html("| a | b |\n|---|--:|\n| 1 | 2 |\n");
        assert!(
            html.contains("<table>") && html.contains("<td style=\"text-align:right\">2</td>"),
            "{html}"
        );
    }

    #[test]
    fn a_video_with_captions_plays_from_the_site_only() {
        let html = markdown_to_html(
            "<video controls><source src=\"media/training.mp4\" type=\"video/mp4\"><track src=\"media/training.uk.vtt\" kind=\"captions\" srclang=\"uk\" label=\"Українська\"></video>\n\n<video controls><source src=\"https://tracker.example/v.mp4\"></video>\n",
        );
        assert!(
            html.contains("<source src=\"media/training.mp4\" type=\"video/mp4\">"),
            "{html}"
        );
        assert!(html.contains("<track src=\"media/training.uk.vtt\" kind=\"captions\" srclang=\"uk\" label=\"Українська\">"), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised() {
        let html = markdown_to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1))\n\n<iframe src=\"https://evil\"></iframe>\n\n<p style=\"background:url(https://evil)\">x</p>\n",
        );
        for bad in ["<script", "onerror", "javascript:", "<iframe", "background"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn chart_shortcodes_become_placeholders() {
        let body = "Текст.\n\n{{ chart(name=\"idp_ranking\", oblast=\"zakarpatska\") }}\n\nДалі.\n{{ chart(name=idp) }}\n";
        let (out, charts, problems) = take_charts(body, 5, Path::new("r.md"));
        assert_eq!(
            charts,
            vec![ChartRef {
                line: 7,
                name: "idp_ranking".into(),
                args: [("oblast".to_string(), "zakarpatska".to_string())].into()
            }]
        );
        assert!(markdown_to_html(&out).contains(&ChartRef::placeholder(0)));
        assert_eq!(
            (problems[0].line, problems[0].code),
            (10, Code::ReportChart)
        );
        assert!(problems[0].message.contains("double quotes"));
    }

    #[test]
    fn front_matter_is_split_off() {
        let (front, body) = split_front_matter("---\ntitle: Звіт\n---\n# Текст\n").unwrap();
        assert_eq!((front, body), ("title: Звіт\n", "# Текст\n"));
        assert!(split_front_matter("# Без шапки\n").is_none());
    }

    #[test]
    fn nesting_is_bounded_where_the_sanitiser_would_nest() {
        let divs = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        // Markdown's HTML block around them counts as one.
        assert_eq!(too_deep(&divs(99)), None);
        assert_eq!(too_deep(&divs(100)), Some(5 * 99), "at the 100th tag");
        // Quotes hold a paragraph: 99 of them and it are 100 elements.
        assert_eq!(too_deep(&format!("{} x", ">".repeat(99))), None);
        assert!(too_deep(&format!("{} x", ">".repeat(100))).is_some());
        // An end tag with nothing of its name open closes nothing.
        assert!(too_deep(&"<div></b>".repeat(101)).is_some());
        // The formatting elements an early end tag closes are opened again.
        assert!(too_deep(&"<a><b></a>".repeat(101)).is_some());
        assert_eq!(
            too_deep(&"<p><b>x</b><br><img src=x/></p>".repeat(1000)),
            None
        );
    }
}

#[cfg(test)]
mod never_panics {
    use proptest::prelude::*;

    use super::{load_version, markdown_to_html, take_charts};
    use crate::source::SourceFile;

    const REPORT: &str = include_str!("../content/reports/overview.md");

    /// A report file as `build` reads it: front matter, shortcodes, Markdown.
    fn load(text: &str) {
        let dir = tempfile::tempdir().unwrap();
        let abs = dir.path().join("r.md");
        std::fs::write(&abs, text).unwrap();
        let _ = load_version(&SourceFile {
            rel: "r.md".into(),
            abs,
        });
    }

    proptest! {
        #[test]
        fn on_front_matter_shaped_text(front in "[a-z_: \\n\\[\\]{}\"'0-9.,#&*!|>%@-]{0,120}", body in "\\PC{0,80}") {
            load(&format!("---\n{front}\n---\n{body}"));
        }

        #[test]
        fn on_a_report_edited_at_random(at in 0usize..REPORT.len(), cut in 0usize..40, insert in "\\PC{0,12}") {
            load(&crate::fuzz::edited(REPORT, at, cut, &insert));
        }

        #[test]
        fn on_any_markdown(text in "\\PC{0,400}") {
            let (body, _, _) = take_charts(&text, 1, std::path::Path::new("r.md"));
            let html = markdown_to_html(&body);
            prop_assert!(!html.contains("<script"));
        }

        #[test]
        fn on_markdown_shaped_text(text in "[#*_`>|\\-\\[\\]()<>a-z/=\"' \\n:{}]{0,300}") {
            let html = markdown_to_html(&text);
            prop_assert!(!html.contains("<script") && !html.contains("javascript:"));
        }
    }
}

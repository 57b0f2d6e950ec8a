//! Drawings made for use away from the site: a chart's standalone file
//! (its title above it, its source and link below, so that a pasted file
//! still says what it is and where it comes from) and a page's share card
//! (1200 × 630, what social networks show with a link). Both are SVG in
//! the theme's font and colours, drawn to PNG or outlined by `raster`.

use std::fmt::Write;

use super::{ChartStyle, FAMILY, TEXT, WIDTH, hex};
use crate::html::escape;

/// The lines of `text` at `size` px no wider than `width`, words kept whole
/// (a word wider than the line stands alone).
fn wrap(style: &ChartStyle, text: &str, size: f64, width: f64) -> Vec<String> {
    // Widths are measured at the labels' size; scale them to `size`.
    let scale = size / (TEXT / 1.24);
    let fits = |line: &str| f64::from(style.font.text_width(line)) * scale <= width;
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The text of a drawing: what its `<text>` elements and `<title>` say,
/// one after another (entities as written).
pub fn texts(svg: &str) -> String {
    let mut out = String::new();
    for part in svg
        .split("<text")
        .skip(1)
        .chain(svg.split("<title").skip(1))
    {
        let Some((_, rest)) = part.split_once('>') else {
            continue;
        };
        let text = rest.split('<').next().unwrap_or("");
        out.push_str(text);
        out.push(' ');
    }
    out
}

/// The width and height of a drawing's `viewBox` (`0 0 W H`).
fn view_box(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("viewBox=\"")? + 9;
    let view: Vec<&str> = svg[start..].split('"').next()?.split(' ').collect();
    Some((view.get(2)?.parse().ok()?, view.get(3)?.parse().ok()?))
}

/// The height of a chart's drawing, from its `viewBox` (`0 0 320 H`).
pub fn height(svg: &str) -> Option<u32> {
    view_box(svg).map(|(_, h)| h as u32)
}

/// The size (at most `size` px) at which `text` is no wider than `width`.
fn size_to_fit(style: &ChartStyle, text: &str, size: f64, width: f64) -> f64 {
    let at_labels = f64::from(style.font.text_width(text)) / (TEXT / 1.24);
    size.min(width / at_labels.max(1.0)).floor()
}

/// `svg` (a whole `<svg>` element) placed at `x`, `y` as `width` wide (and
/// as tall as its `viewBox` makes it, so that it sits at `y`).
fn nested(svg: &str, x: u32, y: u32, width: u32) -> String {
    let height = view_box(svg).map_or(width, |(w, h)| (f64::from(width) * h / w).round() as u32);
    let svg = svg.trim_start_matches(|c| c != '<');
    let svg = svg.strip_prefix("<?xml").map_or(svg, |rest| {
        rest.split_once("?>")
            .map_or(rest, |(_, after)| after.trim_start())
    });
    svg.replacen(
        "<svg ",
        &format!("<svg x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" "),
        1,
    )
}

/// Lines of text from `y` down, each `leading` apart; returns the `y`
/// after the last.
fn lines(
    out: &mut String,
    lines: &[String],
    x: u32,
    mut y: f64,
    size: f64,
    leading: f64,
    attrs: &str,
) -> f64 {
    for line in lines {
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{y:.0}\" font-size=\"{size}\" {attrs}>{}</text>",
            escape(line)
        );
        y += leading;
    }
    y
}

/// A chart as a file of its own: its title above it, and under it the
/// `footer` lines (its source, its link), all in the theme's font.
pub fn standalone(svg: &str, title: &str, footer: &[&str], style: &ChartStyle) -> String {
    let p = &style.palette;
    let width = WIDTH;
    let pad = 8;
    let inner = f64::from(width - 2 * pad);
    let title_lines = wrap(style, title, 13.0, inner);
    let footer_lines: Vec<String> = footer
        .iter()
        .flat_map(|line| wrap(style, line, 9.0, inner))
        .collect();
    // A link has no spaces to wrap at: it is set smaller to fit.
    let footer_size = footer_lines
        .iter()
        .map(|line| size_to_fit(style, line, 9.0, inner).max(6.0))
        .fold(9.0, f64::min);
    let chart_height = height(svg).unwrap_or(240);
    let top = 10 + 17 * title_lines.len() as u32;
    let total = top + chart_height + 8 + 12 * footer_lines.len() as u32 + 6;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\" font-family=\"{FAMILY}\">\n<title>{}</title>\n<desc>{}</desc>\n<rect width=\"{width}\" height=\"{total}\" fill=\"{}\"/>\n",
        escape(title),
        escape(&footer.join(" · ")),
        hex(p.paper)
    );
    let ink = format!("fill=\"{}\" font-weight=\"bold\"", hex(p.ink));
    lines(&mut out, &title_lines, pad, 20.0, 13.0, 17.0, &ink);
    out.push_str(&nested(svg, 0, top, width));
    out.push('\n');
    let muted = format!("fill=\"{}\"", hex(p.muted));
    let y = f64::from(top + chart_height + 16);
    lines(&mut out, &footer_lines, pad, y, footer_size, 12.0, &muted);
    out.push_str("</svg>\n");
    out
}

/// A page's share card, `size` pixels: the site's name, the page's title
/// (two lines at most), a subtitle, up to three key figures, and the
/// locator map (an SVG) on the right.
pub fn card(
    (width, height): (u32, u32),
    site: &str,
    title: &str,
    subtitle: &str,
    figures: &[(String, String)],
    locator: Option<&str>,
    style: &ChartStyle,
) -> String {
    let p = &style.palette;
    let pad = 64;
    let map_width = if locator.is_some() { 320 } else { 0 };
    let text_width = f64::from(width - 2 * pad - map_width);
    // The title is bold, a tenth wider than the regular face it is
    // measured in, and keeps clear of the map.
    let mut title_lines = wrap(style, title, 60.0, text_width * 0.86);
    title_lines.truncate(3);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"{FAMILY}\">\n<rect width=\"{width}\" height=\"{height}\" fill=\"{}\"/>\n<rect width=\"16\" height=\"{height}\" fill=\"{}\"/>\n",
        hex(p.paper),
        hex(p.highlight)
    );
    let muted = format!("fill=\"{}\"", hex(p.muted));
    let ink = format!("fill=\"{}\" font-weight=\"bold\"", hex(p.ink));
    lines(&mut out, &[site.to_string()], pad, 96.0, 28.0, 0.0, &muted);
    let y = lines(&mut out, &title_lines, pad, 176.0, 60.0, 70.0, &ink);
    let subtitle_lines = wrap(style, subtitle, 30.0, text_width);
    lines(&mut out, &subtitle_lines, pad, y, 30.0, 38.0, &muted);
    if let Some(map) = locator {
        out.push_str(&nested(map, width - pad - map_width, 150, map_width));
        out.push('\n');
    }
    // The figures in a row along the foot.
    let column = (width - 2 * pad) / 3;
    for (i, (label, value)) in figures.iter().take(3).enumerate() {
        let x = pad + column * i as u32;
        let _ = writeln!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"6\" height=\"104\" fill=\"{}\"/>",
            height - pad - 104,
            hex(p.series(0))
        );
        let x = x + 24;
        let size = size_to_fit(style, label, 26.0, f64::from(column - 40));
        lines(
            &mut out,
            std::slice::from_ref(label),
            x,
            f64::from(height - pad - 70),
            size,
            0.0,
            &muted,
        );
        lines(
            &mut out,
            std::slice::from_ref(value),
            x,
            f64::from(height - pad - 6),
            56.0,
            0.0,
            &ink,
        );
    }
    out.push_str("</svg>\n");
    out
}

//! Drawings made for use away from the site: a chart's standalone file
//! (its title above it, its source and link below, so that a pasted file
//! still says what it is and where it comes from) and a page's share card
//! (1200 × 630, what social networks show with a link). Both are SVG in
//! the theme's font and colours, drawn to PNG or outlined by `raster`.

use std::sync::Arc;

use plotters::style::RGBColor;

use super::{ChartStyle, Drawing, Kind, Mark, TEXT, Text, WIDTH};

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

/// The size (at most `size` px) at which `text` is no wider than `width`.
fn size_to_fit(style: &ChartStyle, text: &str, size: f64, width: f64) -> f64 {
    let at_labels = f64::from(style.font.text_width(text)) / (TEXT / 1.24);
    size.min(width / at_labels.max(1.0)).floor()
}

/// Lines of text from `y` down, each `leading` apart, in `fill` (bold if
/// `bold`); returns the `y` after the last.
#[allow(clippy::too_many_arguments)]
fn lines(
    marks: &mut Vec<Mark>,
    lines: &[String],
    x: u32,
    mut y: f64,
    size: f64,
    leading: f64,
    fill: RGBColor,
    bold: bool,
) -> f64 {
    for line in lines {
        marks.push(Mark::Text(Text {
            size: Some(size),
            bold,
            ..Text::new(line.as_str(), (f64::from(x), y), fill)
        }));
        y += leading;
    }
    y
}

/// A chart as a file of its own: its title above it, and under it the
/// `footer` lines (its source, its link), all in the theme's font. `chart`
/// keeps the ids `id` gives it.
pub fn standalone(
    chart: &Arc<Drawing>,
    id: &str,
    title: &str,
    footer: &[&str],
    style: &ChartStyle,
) -> Drawing {
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
    let chart_height = chart.size.1;
    let top = 10 + 17 * title_lines.len() as u32;
    let total = top + chart_height + 8 + 12 * footer_lines.len() as u32 + 6;
    let mut marks = vec![Mark::Fill {
        at: None,
        size: (width, total),
        fill: p.paper,
    }];
    lines(&mut marks, &title_lines, pad, 20.0, 13.0, 17.0, p.ink, true);
    marks.push(Mark::Nested {
        at: (0, top),
        width,
        id: id.to_string(),
        drawing: chart.clone(),
    });
    let y = f64::from(top + chart_height + 16);
    lines(
        &mut marks,
        &footer_lines,
        pad,
        y,
        footer_size,
        12.0,
        p.muted,
        false,
    );
    Drawing {
        size: (width, total),
        kind: Kind::Picture {
            about: Some((title.to_string(), footer.join(" · "))),
        },
        shapes: Vec::new(),
        marks,
    }
}

/// A page's share card, `size` pixels: the site's name, the page's title
/// (two lines at most), a subtitle, up to three key figures, and the
/// locator map (its drawing and id) on the right.
pub fn card(
    (width, height): (u32, u32),
    site: &str,
    title: &str,
    subtitle: &str,
    figures: &[(String, String)],
    locator: Option<(&Arc<Drawing>, &str)>,
    style: &ChartStyle,
) -> Drawing {
    let p = &style.palette;
    let pad = 64;
    let map_width = if locator.is_some() { 320 } else { 0 };
    let text_width = f64::from(width - 2 * pad - map_width);
    // The title is bold, a tenth wider than the regular face it is
    // measured in, and keeps clear of the map.
    let mut title_lines = wrap(style, title, 60.0, text_width * 0.86);
    title_lines.truncate(3);
    let mut marks = vec![
        Mark::Fill {
            at: None,
            size: (width, height),
            fill: p.paper,
        },
        Mark::Fill {
            at: None,
            size: (16, height),
            fill: p.highlight,
        },
    ];
    let m = &mut marks;
    lines(m, &[site.to_string()], pad, 96.0, 28.0, 0.0, p.muted, false);
    let y = lines(m, &title_lines, pad, 176.0, 60.0, 70.0, p.ink, true);
    let subtitle_lines = wrap(style, subtitle, 30.0, text_width);
    lines(m, &subtitle_lines, pad, y, 30.0, 38.0, p.muted, false);
    if let Some((map, id)) = locator {
        m.push(Mark::Nested {
            at: (width - pad - map_width, 150),
            width: map_width,
            id: id.to_string(),
            drawing: map.clone(),
        });
    }
    // The figures in a row along the foot.
    let column = (width - 2 * pad) / 3;
    for (i, (label, value)) in figures.iter().take(3).enumerate() {
        let x = pad + column * i as u32;
        m.push(Mark::Fill {
            at: Some((x as i32, (height - pad - 104) as i32)),
            size: (6, 104),
            fill: p.series(0),
        });
        let x = x + 24;
        let size = size_to_fit(style, label, 26.0, f64::from(column - 40));
        let label = std::slice::from_ref(label);
        lines(
            m,
            label,
            x,
            f64::from(height - pad - 70),
            size,
            0.0,
            p.muted,
            false,
        );
        let value = std::slice::from_ref(value);
        lines(
            m,
            value,
            x,
            f64::from(height - pad - 6),
            56.0,
            0.0,
            p.ink,
            true,
        );
    }
    Drawing {
        size: (width, height),
        kind: Kind::Picture { about: None },
        shapes: Vec::new(),
        marks,
    }
}

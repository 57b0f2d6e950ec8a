//! Horizontal bar charts: one bar per label, or a group of bars per label
//! for several series, lengths from zero, each value printed at its bar's
//! end, and an optional reference line (e.g. the site's total share).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartFont, GRID, HIGHLIGHT, INK, Labels, MUTED, SERIES, WIDTH, finish};

/// One label and its values, one per series.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    /// Each series' value and the value as printed.
    pub values: Vec<(f64, String)>,
    /// Drawn in the highlight colour (one series only).
    pub highlight: bool,
}

/// A bar chart, with every text already in the page's language.
#[derive(Debug, Clone)]
pub struct Bars {
    /// Unique on its page: ids of the title and description derive from it.
    pub id: String,
    pub title: String,
    pub description: String,
    /// Series names, shown as a legend when there are two or more.
    pub series: Vec<String>,
    pub groups: Vec<Group>,
    /// Axis ticks and their printed values; the last is the axis's end.
    pub ticks: Vec<(f64, String)>,
    /// A vertical line at a value, with its label.
    pub reference: Option<(f64, String)>,
}

const BAR: i32 = 16;
const GAP: i32 = 8;
const PAD: i32 = 8;

/// Draws the chart as an accessible SVG.
pub fn draw_bars(chart: &Bars, font: &ChartFont) -> String {
    let series = chart.series.len().max(1) as i32;
    let legend_h = if series > 1 { 24 } else { 0 };
    let reference_h = if chart.reference.is_some() { 22 } else { 0 };
    let group_h = BAR * series + GAP;
    let top = PAD + legend_h + reference_h;
    let plot_h = group_h * chart.groups.len() as i32;
    let height = top + plot_h + 28;
    let width = WIDTH as i32;

    let label_w = chart
        .groups
        .iter()
        .map(|g| font.text_width(&g.label))
        .max()
        .unwrap_or(0)
        .min(width * 2 / 5)
        + 10;
    let value_w = chart
        .groups
        .iter()
        .flat_map(|g| &g.values)
        .map(|(_, t)| font.text_width(t))
        .max()
        .unwrap_or(0)
        + 10;
    let x0 = PAD + label_w;
    let x1 = width - PAD - value_w;
    let axis_max = chart
        .ticks
        .last()
        .map_or(1.0, |t| t.0)
        .max(f64::MIN_POSITIVE);
    let x = |v: f64| x0 + ((v / axis_max) * f64::from(x1 - x0)).round() as i32;

    let mut svg = String::new();
    let mut labels = Labels::default();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height as u32)).into_drawing_area();
        let left = Pos::new(HPos::Left, VPos::Center);
        let right = Pos::new(HPos::Right, VPos::Center);
        let center = Pos::new(HPos::Center, VPos::Top);

        if series > 1 {
            let mut lx = x0;
            for (i, name) in chart.series.iter().enumerate() {
                root.draw(&Rectangle::new(
                    [(lx, PAD + 4), (lx + 12, PAD + 16)],
                    SERIES[i % SERIES.len()].filled(),
                ))
                .ok();
                labels.add(name, (lx + 18, PAD + 10), INK, left);
                lx += 18 + font.text_width(name) + 20;
            }
        }
        for (value, _) in &chart.ticks {
            root.draw(&PathElement::new(
                vec![(x(*value), top - 4), (x(*value), top + plot_h)],
                GRID.stroke_width(1),
            ))
            .ok();
        }
        for (i, group) in chart.groups.iter().enumerate() {
            let gy = top + i as i32 * group_h + GAP / 2;
            labels.add(
                &font.fit(&group.label, label_w - 10),
                (PAD, gy + BAR * series / 2),
                INK,
                left,
            );
            for (s, (value, printed)) in group.values.iter().enumerate() {
                let y = gy + s as i32 * BAR;
                let color = if group.highlight {
                    HIGHLIGHT
                } else {
                    SERIES[s % SERIES.len()]
                };
                root.draw(&Rectangle::new(
                    [(x0, y + 1), (x(*value).max(x0 + 1), y + BAR - 1)],
                    color.filled(),
                ))
                .ok();
                labels.add(printed, (x(*value) + 4, y + BAR / 2), INK, left);
            }
        }
        root.draw(&PathElement::new(
            vec![(x0, top - 4), (x0, top + plot_h)],
            INK.stroke_width(1),
        ))
        .ok();
        for (value, printed) in &chart.ticks {
            labels.add(printed, (x(*value), top + plot_h + 6), MUTED, center);
        }
        if let Some((value, label)) = &chart.reference {
            let rx = x(*value);
            let mut y = top - 4;
            while y < top + plot_h {
                root.draw(&PathElement::new(
                    vec![(rx, y), (rx, (y + 5).min(top + plot_h))],
                    INK.stroke_width(2),
                ))
                .ok();
                y += 9;
            }
            let anchor = if rx > width / 2 { right } else { left };
            labels.add(
                label,
                (rx + if rx > width / 2 { -4 } else { 4 }, top - 14),
                INK,
                anchor,
            );
        }
        root.present().ok();
    }
    finish(svg, labels, &chart.id, &chart.title, &chart.description)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(groups: usize) -> Bars {
        Bars {
            id: "c".into(),
            title: "IDP share".into(),
            description: "Uzhhorod has the highest IDP share, 23.6%.".into(),
            series: vec!["IDP share".into()],
            groups: (0..groups)
                .map(|i| Group {
                    label: format!("<b>Громада {i}</b>"),
                    values: vec![(i as f64 * 5.0, format!("{}%", i * 5))],
                    highlight: i == 1,
                })
                .collect(),
            ticks: vec![
                (0.0, "0%".into()),
                (10.0, "10%".into()),
                (20.0, "20%".into()),
            ],
            reference: Some((15.6, "All: 15.6%".into())),
        }
    }

    #[test]
    fn draws_one_bar_per_group_with_text_as_text() {
        let svg = draw_bars(&chart(4), &crate::charts::test_font());
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 "),
            "{svg}"
        );
        assert!(
            svg.contains("role=\"img\"") && svg.contains("<title id=\"c-title\">IDP share</title>")
        );
        assert!(
            svg.contains("<desc id=\"c-desc\">Uzhhorod has the highest IDP share, 23.6%.</desc>")
        );
        assert_eq!(svg.matches("<rect").count(), 4);
        assert!(
            svg.contains(">&lt;b&gt;Громада 3&lt;/b&gt;</text>"),
            "labels are escaped text: {svg}"
        );
        assert!(svg.contains(">All: 15.6%</text>"));
        assert_eq!(
            svg.matches("font-family=\"hromada-sans\"").count(),
            1,
            "the font is given once, on the labels' group"
        );
        assert!(!svg.contains("width=\"640\""), "no fixed size");
    }

    #[test]
    fn is_deterministic() {
        let font = crate::charts::test_font();
        assert_eq!(draw_bars(&chart(3), &font), draw_bars(&chart(3), &font));
    }
}

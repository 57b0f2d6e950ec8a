//! Horizontal bar charts: one bar per label, or a group of bars per label
//! for several series, lengths from zero, each value printed at its bar's
//! end, and an optional reference line (e.g. the site's total share).
//! Labels stand beside the bars where they fit a third of the width, else
//! on a line of their own above them, so that no label is cut on a phone;
//! a long ranking keeps them beside, cut with an ellipsis (its data table
//! has the full names); charts meant to be compared keep them above, so
//! that every one has the same plot width.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    ChartStyle, DrawError, Drawing, Labels, Recorder, WIDTH, draw_legend, finish, labelled_ticks,
    legend_layout,
};

/// One label and its values, one per series.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    /// Each series' value and the value as printed.
    pub values: Vec<(f64, String)>,
    /// Drawn in the highlight colour (one series only).
    pub highlight: bool,
}

/// Where a chart's labels go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPlace {
    /// Beside the bars if every label fits there, else above them.
    Fit,
    /// Beside the bars, cut to fit (a long ranking).
    Beside,
    /// Above the bars, always: charts shown side by side keep one plot
    /// width, so one scale draws one length.
    Above,
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
    pub labels: LabelPlace,
}

const BAR: i32 = 15;
const GAP: i32 = 8;
const PAD: i32 = 4;
/// The height of a label's line above its bars.
const LINE: i32 = 17;

/// Draws the chart.
pub fn draw_bars(chart: &Bars, style: &ChartStyle) -> Result<Drawing, DrawError> {
    let (font, p) = (&style.font, &style.palette);
    let width = WIDTH as i32;
    let series = chart.series.len().max(1) as i32;
    let widest = chart
        .groups
        .iter()
        .map(|g| font.text_width(&g.label))
        .max()
        .unwrap_or(0);
    let beside = match chart.labels {
        LabelPlace::Beside => true,
        LabelPlace::Fit => widest <= width / 3,
        LabelPlace::Above => false,
    };
    let value_w = chart
        .groups
        .iter()
        .flat_map(|g| &g.values)
        .map(|(_, t)| font.text_width(t))
        .max()
        .unwrap_or(0)
        + 8;
    let label_w = if beside {
        widest.min(width * 2 / 5) + 8
    } else {
        0
    };
    let group_h = BAR * series + GAP + if beside { 0 } else { LINE };
    let x0 = PAD + label_w;
    let x1 = width - PAD - value_w;
    let axis_max = chart
        .ticks
        .last()
        .map_or(1.0, |t| t.0)
        .max(f64::MIN_POSITIVE);
    let x = |v: f64| x0 + ((v / axis_max) * f64::from(x1 - x0)).round() as i32;

    let items: Vec<(RGBColor, &str)> = match series {
        1 => Vec::new(),
        _ => chart
            .series
            .iter()
            .enumerate()
            .map(|(i, name)| (p.series(i), name.as_str()))
            .collect(),
    };
    let names: Vec<&str> = items.iter().map(|(_, n)| *n).collect();
    let (places, legend_h) = legend_layout(font, &names, (PAD, PAD));
    let mut top = PAD + if items.is_empty() { 0 } else { legend_h + 4 };
    if chart.reference.is_some() {
        top += 20;
    }
    let plot_h = group_h * chart.groups.len() as i32;
    let height = top + plot_h + 26;

    let size = (WIDTH, height as u32);
    let mut shapes = Vec::new();
    let mut labels = Labels::default();
    {
        let root = Recorder::new(size, &mut shapes).into_drawing_area();
        let left = Pos::new(HPos::Left, VPos::Center);
        let right = Pos::new(HPos::Right, VPos::Center);
        let center = Pos::new(HPos::Center, VPos::Top);
        draw_legend(&root, &mut labels, &items, &places, p.ink)?;
        let line = |at: i32, style: ShapeStyle| {
            root.draw(&PathElement::new(
                vec![(at, top - 4), (at, top + plot_h)],
                style,
            ))
        };
        for (value, _) in &chart.ticks {
            line(x(*value), p.grid.stroke_width(1))?;
        }
        for (i, group) in chart.groups.iter().enumerate() {
            let mut gy = top + i as i32 * group_h + GAP / 2;
            if beside {
                labels.add(
                    &font.fit(&group.label, label_w - 8),
                    (PAD, gy + BAR * series / 2),
                    p.ink,
                    left,
                );
            } else {
                // The chart's lines run under it: a halo keeps it legible.
                labels.add_over_lines(
                    &font.fit(&group.label, width - 2 * PAD - 2),
                    (PAD + 2, gy + LINE / 2 - 1),
                    p,
                    left,
                );
                gy += LINE;
            }
            for (s, (value, printed)) in group.values.iter().enumerate() {
                let y = gy + s as i32 * BAR;
                let color = if group.highlight {
                    p.highlight
                } else {
                    p.series(s)
                };
                root.draw(&Rectangle::new(
                    [(x0, y + 1), (x(*value).max(x0 + 1), y + BAR - 1)],
                    color.filled(),
                ))?;
                labels.add(printed, (x(*value) + 4, y + BAR / 2), p.ink, left);
            }
        }
        line(x0, p.ink.stroke_width(1))?;
        let positions: Vec<i32> = chart.ticks.iter().map(|(v, _)| x(*v)).collect();
        let widths: Vec<i32> = chart
            .ticks
            .iter()
            .map(|(_, t)| font.text_width(t))
            .collect();
        let shown = labelled_ticks(&positions, &widths);
        for (((value, printed), show), w) in chart.ticks.iter().zip(shown).zip(&widths) {
            if show {
                // Kept inside the chart: the last tick's label ends at its edge.
                let at = x(*value).min(width - PAD - w / 2).max(PAD + w / 2);
                labels.add(printed, (at, top + plot_h + 6), p.muted, center);
            }
        }
        if let Some((value, label)) = &chart.reference {
            let rx = x(*value);
            // Dashed: five units drawn, four left out.
            let mut y = top - 4;
            while y < top + plot_h {
                root.draw(&PathElement::new(
                    vec![(rx, y), (rx, (y + 5).min(top + plot_h))],
                    p.ink.stroke_width(2),
                ))?;
                y += 9;
            }
            // Beside the line, on whichever side has room.
            let w = font.text_width(label);
            let (at, anchor) = if rx + 4 + w <= width - PAD {
                (rx + 4, left)
            } else {
                ((rx - 4).max(PAD + w), right)
            };
            labels.add(label, (at, top - 14), p.ink, anchor);
        }
        root.present()?;
    }
    Ok(finish(
        size,
        shapes,
        labels,
        &chart.title,
        &chart.description,
    ))
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
            labels: LabelPlace::Fit,
        }
    }

    #[test]
    fn draws_one_bar_per_group_with_text_as_text() {
        let svg = draw_bars(&chart(4), &crate::charts::test_style())
            .unwrap()
            .svg("c", crate::charts::FAMILY);
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 "),
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
        assert!(!svg.contains("width=\"320\""), "no fixed size");
    }

    #[test]
    fn is_deterministic() {
        let style = crate::charts::test_style();
        let svg = || draw_bars(&chart(3), &style).unwrap().svg("c", "f");
        assert_eq!(svg(), svg());
    }
}

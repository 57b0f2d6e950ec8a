//! The age-sex pyramid: men to the left, women to the right, one row per
//! age band from the oldest at the top, lengths from the centre line; the
//! IDPs of each band drawn inside the residents' bars when given.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    ChartStyle, DrawError, Drawing, Labels, Recorder, WIDTH, draw_legend, finish, labelled_ticks,
    legend_layout,
};

/// One age band: its label and the printed and drawn counts.
#[derive(Debug, Clone)]
pub struct PyramidRow {
    pub band: String,
    pub men: (f64, String),
    pub women: (f64, String),
    /// IDPs among them: men and women.
    pub idps: Option<(f64, f64)>,
}

/// A pyramid, with every text already in the page's language.
#[derive(Debug, Clone)]
pub struct Pyramid {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Legend: men, women, and IDPs (when any row has them).
    pub men: String,
    pub women: String,
    pub idps: String,
    /// Rows from the youngest band up.
    pub rows: Vec<PyramidRow>,
    /// Ticks on each side and their printed values.
    pub ticks: Vec<(f64, String)>,
}

const ROW: i32 = 22;
const PAD: i32 = 4;

/// Draws the pyramid.
pub fn draw_pyramid(p: &Pyramid, style: &ChartStyle) -> Result<Drawing, DrawError> {
    let (font, c) = (&style.font, &style.palette);
    // IDPs are drawn in the ink colour inside the bars.
    let idp = c.ink;
    let width = WIDTH as i32;
    let with_idps = p.rows.iter().any(|r| r.idps.is_some());
    let mut items = vec![
        (c.series(0), p.men.as_str()),
        (c.series(1), p.women.as_str()),
    ];
    if with_idps {
        items.push((idp, p.idps.as_str()));
    }
    let names: Vec<&str> = items.iter().map(|(_, n)| *n).collect();
    let (places, legend_h) = legend_layout(font, &names, (PAD, PAD));
    let top = PAD + legend_h + 6;
    let plot_h = ROW * p.rows.len() as i32;
    let height = top + plot_h + 26;
    let band_w = p
        .rows
        .iter()
        .map(|r| font.text_width(&r.band))
        .max()
        .unwrap_or(0)
        + 10;
    let value_w = p
        .rows
        .iter()
        .flat_map(|r| [&r.men.1, &r.women.1])
        .map(|t| font.text_width(t))
        .max()
        .unwrap_or(0)
        + 6;
    let mid = width / 2;
    let (left_axis, right_axis) = (mid - band_w / 2, mid + band_w / 2);
    let half = mid - band_w / 2 - PAD - value_w;
    let max = p.ticks.last().map_or(1.0, |t| t.0).max(f64::MIN_POSITIVE);
    let len = |v: f64| ((v / max) * f64::from(half)).round() as i32;

    let size = (WIDTH, height as u32);
    let mut shapes = Vec::new();
    let mut labels = Labels::default();
    {
        let root = Recorder::new(size, &mut shapes).into_drawing_area();
        let (left, right, center) = (
            Pos::new(HPos::Left, VPos::Center),
            Pos::new(HPos::Right, VPos::Center),
            Pos::new(HPos::Center, VPos::Center),
        );
        draw_legend(&root, &mut labels, &items, &places, c.ink)?;
        for (value, _) in &p.ticks {
            for x in [left_axis - len(*value), right_axis + len(*value)] {
                root.draw(&PathElement::new(
                    vec![(x, top), (x, top + plot_h)],
                    c.grid.stroke_width(1),
                ))?;
            }
        }
        for (i, row) in p.rows.iter().rev().enumerate() {
            let y = top + i as i32 * ROW;
            let (bar_top, bar_bottom) = (y + 2, y + ROW - 2);
            root.draw(&Rectangle::new(
                [
                    (left_axis - len(row.men.0), bar_top),
                    (left_axis, bar_bottom),
                ],
                c.series(0).filled(),
            ))?;
            root.draw(&Rectangle::new(
                [
                    (right_axis, bar_top),
                    (right_axis + len(row.women.0), bar_bottom),
                ],
                c.series(1).filled(),
            ))?;
            if let Some((men, women)) = row.idps {
                let (inner_top, inner_bottom) = (y + 7, y + ROW - 7);
                root.draw(&Rectangle::new(
                    [(left_axis - len(men), inner_top), (left_axis, inner_bottom)],
                    idp.filled(),
                ))?;
                root.draw(&Rectangle::new(
                    [
                        (right_axis, inner_top),
                        (right_axis + len(women), inner_bottom),
                    ],
                    idp.filled(),
                ))?;
            }
            labels.add(&row.band, (mid, y + ROW / 2), c.ink, center);
            labels.add(
                &row.men.1,
                (left_axis - len(row.men.0) - 3, y + ROW / 2),
                c.ink,
                right,
            );
            labels.add(
                &row.women.1,
                (right_axis + len(row.women.0) + 3, y + ROW / 2),
                c.ink,
                left,
            );
        }
        // Each side's ticks, as many labelled as fit.
        let below = Pos::new(HPos::Center, VPos::Top);
        let widths: Vec<i32> = p.ticks.iter().map(|(_, t)| font.text_width(t)).collect();
        let right_side: Vec<i32> = p.ticks.iter().map(|(v, _)| right_axis + len(*v)).collect();
        let shown = labelled_ticks(&right_side, &widths);
        for (((value, printed), show), w) in p.ticks.iter().zip(shown).zip(&widths) {
            if show {
                let inside = |x: i32| x.min(width - PAD - w / 2).max(PAD + w / 2);
                labels.add(
                    printed,
                    (inside(left_axis - len(*value)), top + plot_h + 6),
                    c.muted,
                    below,
                );
                labels.add(
                    printed,
                    (inside(right_axis + len(*value)), top + plot_h + 6),
                    c.muted,
                    below,
                );
            }
        }
        root.present()?;
    }
    Ok(finish(size, shapes, labels, &p.title, &p.description))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_two_bars_a_band_and_idps_inside() {
        let row = |band: &str, m: f64, w: f64, idps| PyramidRow {
            band: band.into(),
            men: (m, m.to_string()),
            women: (w, w.to_string()),
            idps,
        };
        let p = Pyramid {
            id: "p".into(),
            title: "Age".into(),
            description: "Residents by age and sex.".into(),
            men: "Men".into(),
            women: "Women".into(),
            idps: "IDPs".into(),
            rows: vec![
                row("0-17", 1210.0, 1150.0, Some((190.0, 180.0))),
                row("60+", 1260.0, 2140.0, Some((90.0, 170.0))),
            ],
            ticks: vec![
                (0.0, "0".into()),
                (1000.0, "1,000".into()),
                (2500.0, "2,500".into()),
            ],
        };
        let svg = draw_pyramid(&p, &crate::charts::test_style())
            .unwrap()
            .svg("p", crate::charts::FAMILY);
        // Two legend swatches + IDP swatch, and four bars per band.
        assert_eq!(svg.matches("<rect").count(), 3 + 2 * 4);
        assert!(
            svg.find(">60+</text>").unwrap() < svg.find(">0-17</text>").unwrap(),
            "the oldest band on top"
        );
        assert!(svg.contains(">2140</text>"));
    }
}

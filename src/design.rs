//! The theme's design, `design.toml`: the colours, the type scale and the
//! threat levels' palette that pages (as CSS custom properties in
//! `static/design.css`), charts and maps, and print layouts (as
//! `data.design`) all take, so that a foundation restyles web and print at
//! once. Checked when the theme loads: a colour that is not `#rrggbb` or a
//! key the file should not have is an error at its line.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostic::{Code, Diagnostic, line_col};
use crate::messages::Message;

/// A colour, `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    /// White, for text on dark colours.
    pub const WHITE: Colour = Colour([255, 255, 255]);

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Relative luminance (WCAG 2), 0 for black to 1 for white.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// The contrast ratio with another colour (WCAG 2), 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Which of `ink` and white reads better on this colour.
    pub fn text_on(self, ink: Colour) -> Colour {
        if self.contrast(ink) >= self.contrast(Colour::WHITE) {
            ink
        } else {
            Colour::WHITE
        }
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Colour, D::Error> {
        let text = String::deserialize(d)?;
        let hex = text
            .strip_prefix('#')
            .filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        let byte = |h: &str, i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0);
        match hex {
            Some(h) => Ok(Colour([byte(h, 0), byte(h, 2), byte(h, 4)])),
            None => Err(serde::de::Error::custom(format!(
                "`{text}` is not a colour written #rrggbb, such as #0b5cad"
            ))),
        }
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

/// The named colours.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    pub ink: Colour,
    pub muted: Colour,
    pub paper: Colour,
    pub line: Colour,
    pub accent: Colour,
    pub band: Colour,
    pub flag: Colour,
    pub highlight: Colour,
    pub focus: Colour,
    /// Chart series, in order.
    pub series: Vec<Colour>,
    /// The map's classes, lightest first.
    pub classes: [Colour; 5],
}

/// The threat levels' colours.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub low: Colour,
    pub medium: Colour,
    pub high: Colour,
    pub critical: Colour,
}

/// Sizes relative to body text, and the body's size in print (points).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TypeScale {
    pub print_body: f64,
    pub h1: f64,
    pub h2: f64,
    pub h3: f64,
    pub small: f64,
}

/// A badge's colours: its fill and its text.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Badge {
    pub fill: Colour,
    pub text: Colour,
}

/// A theme's design.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    pub colours: Colours,
    pub levels: Levels,
    #[serde(rename = "type")]
    pub type_scale: TypeScale,
}

impl Design {
    /// Parses `design.toml`; an error names its line in `origin`.
    pub fn parse(text: &str, origin: &Path) -> Result<Design, Diagnostic> {
        let design: Design = toml::from_str(text).map_err(|e| {
            let place = line_col(text, e.span().map_or(0, |s| s.start));
            Diagnostic::error(
                origin,
                place,
                Code::Design,
                Message::verbatim(e.message().trim()),
            )
            .hint(tr!("compare it with the built-in theme's design.toml"))
        })?;
        if design.colours.series.is_empty() {
            return Err(Diagnostic::error(
                origin,
                (1, 1),
                Code::Design,
                tr!("`series` names no colour"),
            )
            .hint(tr!(
                "give the charts' series at least one colour, e.g. series = [\"#0072b2\"]"
            )));
        }
        Ok(design)
    }

    /// The threat level's colour, by its keyword.
    pub fn level(&self, level: &str) -> Option<Colour> {
        let l = &self.levels;
        Some(match level {
            "low" => l.low,
            "medium" => l.medium,
            "high" => l.high,
            "critical" => l.critical,
            _ => return None,
        })
    }

    /// Each threat level's badge (and `none`'s, for an area not assessed):
    /// its colour and the text colour that reads on it, for print layouts.
    pub fn badges(&self) -> BTreeMap<&'static str, Badge> {
        let c = &self.colours;
        let mut badges = BTreeMap::from([(
            "none",
            Badge {
                fill: c.band,
                text: c.muted,
            },
        )]);
        for level in ["low", "medium", "high", "critical"] {
            let fill = self.level(level).unwrap_or(c.band);
            badges.insert(
                level,
                Badge {
                    fill,
                    text: fill.text_on(c.ink),
                },
            );
        }
        badges
    }

    /// The design as CSS custom properties on `:root`, for the pages'
    /// stylesheet: each colour (`--ink`), the text colour that reads on
    /// each level and class (`--level-critical-text`), and the type scale
    /// (`--h1`, a factor of the body size).
    pub fn css(&self) -> String {
        let c = &self.colours;
        let mut css = String::from(
            "/* Made by hromada from the theme's design.toml: change the colours there. */\n:root {\n",
        );
        let mut var = |name: &str, value: String| {
            let _ = writeln!(css, "  --{name}: {value};");
        };
        for (name, colour) in [
            ("ink", c.ink),
            ("muted", c.muted),
            ("paper", c.paper),
            ("line", c.line),
            ("accent", c.accent),
            ("band", c.band),
            ("flag", c.flag),
            ("highlight", c.highlight),
            ("focus", c.focus),
        ] {
            var(name, colour.hex());
        }
        for (level, badge) in self.badges() {
            if level != "none" {
                var(&format!("level-{level}"), badge.fill.hex());
                var(&format!("level-{level}-text"), badge.text.hex());
            }
        }
        let t = &self.type_scale;
        for (name, size) in [("h1", t.h1), ("h2", t.h2), ("h3", t.h3), ("small", t.small)] {
            var(name, format!("{size}"));
        }
        css.push_str("}\n");
        css
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: &str = include_str!("../themes/default/design.toml");

    #[test]
    fn the_default_design_reads_and_writes_its_css() {
        let design = Design::parse(DEFAULT, Path::new("design.toml")).unwrap();
        let css = design.css();
        assert!(css.contains("  --ink: #1b1f24;\n"), "{css}");
        assert!(css.contains("  --level-critical-text: #ffffff;\n"), "{css}");
        assert!(css.contains("  --level-low-text: #1b1f24;\n"), "{css}");
        assert!(css.contains("  --h1: 1.8;\n"), "{css}");
    }

    #[test]
    fn a_bad_colour_is_an_error_at_its_line() {
        let broken = DEFAULT.replace("accent = \"#0b5cad\"", "accent = \"blue\"");
        let d = Design::parse(&broken, Path::new("design.toml")).unwrap_err();
        assert_eq!((d.code, d.line), (Code::Design, 13));
        assert!(
            d.message.contains("`blue` is not a colour written #rrggbb"),
            "{:?}",
            d.message
        );
    }

    #[test]
    fn text_takes_whichever_of_ink_and_white_reads_better() {
        let ink = Colour([0x1b, 0x1f, 0x24]);
        assert_eq!(Colour([0x08, 0x51, 0x9c]).text_on(ink), Colour::WHITE);
        assert_eq!(Colour([0xef, 0xf3, 0xff]).text_on(ink), ink);
        assert!(Colour([0x2b, 0x74, 0xb0]).contrast(Colour::WHITE) >= 4.5);
    }
}

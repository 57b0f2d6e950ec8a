//! The threat methodology as data: the site's `methodology.toml`, beside
//! `site.toml`, or hromada's default (which documents itself) where the
//! site has none. It is the site's, not the theme's: the figures a site
//! publishes do not change with its look. It lists indicator rules (an
//! indicator, its area, which way is worse, and the thresholds of the
//! levels above `low`) and, per area and level, the recommendations and
//! solidarity actions to show. A broken file is reported at its line and
//! column, like a passport.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::indicators::Indicator;
use crate::diagnostic::{Code, Diagnostic, did_you_mean, line_col};
use crate::messages::Message;
use crate::passport::{Level, RiskArea};
use crate::source::{SourceFile, read_text};

/// A text in each of the site's languages.
pub type Texts = BTreeMap<String, String>;

/// Which way an indicator gets worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Worse {
    Higher,
    Lower,
}

/// One indicator's rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub indicator: Indicator,
    pub area: RiskArea,
    pub worse: Worse,
    /// The thresholds of `medium`, `high` and `critical` that are given,
    /// from the lowest level up.
    pub thresholds: Vec<(Level, f64)>,
}

/// What the methodology advises for an area at a level.
#[derive(Debug, Clone)]
pub struct Advice {
    pub recommendation: Texts,
    pub solidarity: Texts,
}

/// The methodology, checked.
#[derive(Debug, Clone)]
pub struct Methodology {
    /// The site's default language, which every text must have.
    default_language: String,
    pub title: Texts,
    pub note: Texts,
    pub rules: Vec<Rule>,
    pub advice: BTreeMap<(RiskArea, Level), Advice>,
    /// A survey with fewer respondents is marked unreliable (†) and left
    /// out of rankings.
    pub survey_min_respondents: u64,
}

/// The default of `survey_min_respondents`.
const SURVEY_MIN_RESPONDENTS: u64 = 100;

fn default_survey_min() -> u64 {
    SURVEY_MIN_RESPONDENTS
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMethodology {
    title: Spanned<Texts>,
    note: Spanned<Texts>,
    #[serde(rename = "indicator", default)]
    rules: Vec<RawRule>,
    #[serde(rename = "advice", default)]
    advice: Vec<RawAdvice>,
    #[serde(default = "default_survey_min")]
    survey_min_respondents: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    figure: Spanned<String>,
    area: RiskArea,
    worse: Worse,
    medium: Option<Spanned<f64>>,
    high: Option<Spanned<f64>>,
    critical: Option<Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdvice {
    area: RiskArea,
    level: Spanned<Level>,
    recommendation: Spanned<Texts>,
    solidarity: Spanned<Texts>,
}

/// The methodology's file, beside `site.toml`.
pub const FILE: &str = "methodology.toml";

/// hromada's default methodology, for a site without its own.
pub const DEFAULT: &str = include_str!("methodology.toml");

impl Methodology {
    /// Reads and checks the site's methodology (`FILE` in `site`, else the
    /// default); returns it with its text, or every problem found.
    pub fn load(
        site: &Path,
        default_language: &str,
    ) -> Result<(Methodology, String), Vec<Diagnostic>> {
        let file = SourceFile {
            rel: PathBuf::from(FILE),
            abs: site.join(FILE),
        };
        let text = if file.abs.exists() {
            read_text(&file).map_err(|d| vec![d])?
        } else {
            DEFAULT.to_string()
        };
        let methodology = Methodology::parse(&text, &file.rel, default_language)?;
        Ok((methodology, text))
    }

    /// A text in `lang`, or in the default language where it has none.
    pub fn text<'a>(&self, texts: &'a Texts, lang: &str) -> &'a str {
        texts
            .get(lang)
            .or_else(|| texts.get(&self.default_language))
            .map_or("", String::as_str)
    }

    /// Reads and checks the methodology `text` (from `origin`) for a site
    /// whose default language is `default_language`; returns every problem
    /// found.
    pub fn parse(
        text: &str,
        origin: &Path,
        default_language: &str,
    ) -> Result<Methodology, Vec<Diagnostic>> {
        let at = |offset: usize| line_col(text, offset);
        let raw: RawMethodology = toml::from_str(text).map_err(|e| {
            vec![
                Diagnostic::error(
                    origin,
                    at(e.span().map_or(0, |s| s.start)),
                    Code::Methodology,
                    Message::verbatim(e.message().trim()),
                )
                .hint(tr!(
                    "see the comments of the default methodology.toml (`hromada new` writes it) for the keys"
                )),
            ]
        })?;
        let mut problems = Vec::new();
        let mut texts = |t: Spanned<Texts>, what: &str| {
            let start = t.span().start;
            let t = t.into_inner();
            if !t.contains_key(default_language) {
                problems.push(
                    Diagnostic::error(
                        origin,
                        at(start),
                        Code::MethodologyRule,
                        tr!("{what} has no `{language}` text (the site's default language)", what, language = default_language),
                    )
                    .hint(tr!("add {default_language} = \"…\"; other languages without a text show this one", default_language)),
                );
            }
            t
        };
        let title = texts(raw.title, "`title`");
        let note = texts(raw.note, "`note`");
        let mut advice = BTreeMap::new();
        for a in raw.advice {
            let level = *a.level.get_ref();
            let recommendation = texts(a.recommendation, "`recommendation`");
            let solidarity = texts(a.solidarity, "`solidarity`");
            advice.insert(
                (a.area, level),
                Advice {
                    recommendation,
                    solidarity,
                },
            );
        }
        let mut rules = Vec::new();
        for r in raw.rules {
            let name = r.figure.get_ref();
            let Some(indicator) = Indicator::from_id(name) else {
                let ids = Indicator::ALL.map(Indicator::id);
                let hint = match did_you_mean(name, ids) {
                    Some(close) => tr!("did you mean `{near}`?", near = close),
                    None => tr!("the figures are: {figures}", figures = ids.join(", ")),
                };
                problems.push(
                    Diagnostic::error(
                        origin,
                        at(r.figure.span().start),
                        Code::MethodologyRule,
                        tr!("`figure`: unknown figure `{name}`", name),
                    )
                    .hint(hint),
                );
                continue;
            };
            let thresholds: Vec<(Level, Spanned<f64>)> = [
                (Level::Medium, r.medium),
                (Level::High, r.high),
                (Level::Critical, r.critical),
            ]
            .into_iter()
            .filter_map(|(level, t)| Some((level, t?)))
            .collect();
            if thresholds.is_empty() {
                problems.push(
                    Diagnostic::error(
                        origin,
                        at(r.figure.span().start),
                        Code::MethodologyRule,
                        tr!("the rule for `{name}` has no thresholds", name),
                    )
                    .hint(tr!("give at least one of medium, high, critical")),
                );
                continue;
            }
            for pair in thresholds.windows(2) {
                let (lower, upper) = (&pair[0], &pair[1]);
                let (a, b) = (*lower.1.get_ref(), *upper.1.get_ref());
                let in_order = match r.worse {
                    Worse::Higher => a < b,
                    Worse::Lower => a > b,
                };
                if !in_order {
                    problems.push(
                        Diagnostic::error(
                            origin,
                            at(upper.1.span().start),
                            Code::MethodologyRule,
                            match r.worse {
                                Worse::Higher => tr!("`{upper}` of `{name}` is {b}, but `{lower}` is {a}: with worse = \"higher\" each level's threshold must be higher than the one below", upper = upper.0.as_str(), name, b, lower = lower.0.as_str(), a),
                                Worse::Lower => tr!("`{upper}` of `{name}` is {b}, but `{lower}` is {a}: with worse = \"lower\" each level's threshold must be lower than the one below", upper = upper.0.as_str(), name, b, lower = lower.0.as_str(), a),
                            },
                        )
                        .hint(tr!("order the thresholds medium, high, critical from the least to the most severe")),
                    );
                }
            }
            rules.push(Rule {
                indicator,
                area: r.area,
                worse: r.worse,
                thresholds: thresholds
                    .into_iter()
                    .map(|(level, t)| (level, t.into_inner()))
                    .collect(),
            });
        }
        match problems.is_empty() {
            true => Ok(Methodology {
                default_language: default_language.to_string(),
                title,
                note,
                rules,
                advice,
                survey_min_respondents: raw.survey_min_respondents,
            }),
            false => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Methodology, Vec<Diagnostic>> {
        Methodology::parse(text, Path::new("methodology.toml"), "uk")
    }

    const HEAD: &str = "title = { uk = \"Т\", en = \"T\" }\nnote = { uk = \"П\", en = \"N\" }\n";

    #[test]
    fn the_default_methodology_is_valid() {
        let m = parse(DEFAULT).unwrap();
        assert!(m.rules.len() >= 8);
        assert!(m.advice.len() >= 6);
    }

    #[test]
    fn an_unknown_figure_is_named_with_its_line_and_a_guess() {
        let text = format!(
            "{HEAD}\n[[indicator]]\nfigure = \"idp_shar\"\narea = \"demography\"\nworse = \"higher\"\nhigh = 20\n"
        );
        let e = parse(&text).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "methodology.toml:5:10: error: `figure`: unknown figure `idp_shar` [M002]\n  hint: did you mean `idp_share`? (see `hromada explain M002`)"
        );
    }

    #[test]
    fn thresholds_out_of_order_and_missing_languages_are_errors() {
        let text = "title = { en = \"T\" }\nnote = { uk = \"П\", en = \"N\" }\n[[indicator]]\nfigure = \"idp_share\"\narea = \"demography\"\nworse = \"higher\"\nmedium = 20\nhigh = 10\n";
        let e = parse(text).unwrap_err();
        let shown: Vec<String> = e.iter().map(|d| d.to_string()).collect();
        assert!(
            shown[0].starts_with("methodology.toml:1:9: error: `title` has no `uk` text (the site's default language) [M002]"),
            "{shown:?}"
        );
        assert!(
            shown[1].starts_with(
                "methodology.toml:8:8: error: `high` of `idp_share` is 10, but `medium` is 20"
            ),
            "{shown:?}"
        );
    }

    #[test]
    fn unknown_keys_and_values_are_reported_where_they_are() {
        let e = parse(&format!("{HEAD}[[indicator]]\nfigure = \"idp_share\"\narea = \"weather\"\nworse = \"higher\"\nhigh = 1\n")).unwrap_err();
        assert!(
            e[0].to_string()
                .starts_with("methodology.toml:5:8: error: unknown variant `weather`"),
            "{}",
            e[0]
        );
        let e = parse(&format!("{HEAD}colour = 1\n")).unwrap_err();
        assert!(
            e[0].to_string()
                .starts_with("methodology.toml:3:1: error: unknown field `colour`"),
            "{}",
            e[0]
        );
    }
}

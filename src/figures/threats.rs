//! The level of social threats per community and area, by the methodology
//! (`methodology`): each rule turns an indicator's value into a level by
//! its thresholds, and an area's level is the highest of its rules' levels
//! and of the severities of the risks the community itself names in that
//! area. Every level keeps its reasons, so pages can say why.

use super::indicators::{Indicators, Measure};
use super::methodology::{Methodology, Rule, Worse};
use crate::passport::{Entry, Level, RiskArea};

/// Every area, in the order pages list them.
pub const AREAS: [RiskArea; 6] = [
    RiskArea::Demography,
    RiskArea::Economy,
    RiskArea::Access,
    RiskArea::Services,
    RiskArea::Security,
    RiskArea::Cohesion,
];

/// Every level, from the lowest.
pub const LEVELS: [Level; 4] = [Level::Low, Level::Medium, Level::High, Level::Critical];

/// Why an area stands at a level.
#[derive(Debug, Clone)]
pub enum Reason {
    /// A rule's indicator: its value, the threshold met (or, for `low`,
    /// the lowest threshold, not met), and the level it gives.
    Indicator {
        rule: usize,
        value: Measure,
        threshold: f64,
        met: bool,
        level: Level,
    },
    /// A risk the community names: its index in the passport's risks.
    Risk { index: usize, level: Level },
}

impl Reason {
    /// The level this reason gives.
    pub fn level(&self) -> Level {
        match self {
            Reason::Indicator { level, .. } | Reason::Risk { level, .. } => *level,
        }
    }
}

/// One area of a community's profile.
#[derive(Debug, Clone)]
pub struct AreaLevel {
    pub area: RiskArea,
    /// `None` when nothing in the passport bears on the area.
    pub level: Option<Level>,
    pub reasons: Vec<Reason>,
}

/// A community's threat profile: every area, in `AREAS` order.
#[derive(Debug, Clone)]
pub struct Profile {
    pub areas: Vec<AreaLevel>,
}

impl Profile {
    /// The highest level of any area.
    pub fn highest(&self) -> Option<Level> {
        self.areas.iter().filter_map(|a| a.level).max()
    }

    /// The level of `area`.
    pub fn level(&self, area: RiskArea) -> Option<Level> {
        self.areas.iter().find(|a| a.area == area)?.level
    }
}

/// The level a rule gives a value, the threshold that decided it, and
/// whether it was met.
fn apply(rule: &Rule, value: f64) -> (Level, f64, bool) {
    let met = |t: f64| match rule.worse {
        Worse::Higher => value >= t,
        Worse::Lower => value <= t,
    };
    match rule.thresholds.iter().rev().find(|(_, t)| met(*t)) {
        Some((level, t)) => (*level, *t, true),
        None => (Level::Low, rule.thresholds[0].1, false),
    }
}

/// Every community's profile, in the order of `entries`.
pub fn assess(
    methodology: &Methodology,
    entries: &[Entry],
    indicators: &Indicators,
) -> Vec<Profile> {
    entries
        .iter()
        .zip(&indicators.communities)
        .map(|(e, ind)| Profile {
            areas: AREAS
                .iter()
                .map(|&area| {
                    let mut reasons: Vec<Reason> = methodology
                        .rules
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.area == area)
                        .filter_map(|(i, rule)| {
                            let value = *ind.values.get(&rule.indicator)?;
                            let (level, threshold, met) = apply(rule, value.number());
                            Some(Reason::Indicator {
                                rule: i,
                                value,
                                threshold,
                                met,
                                level,
                            })
                        })
                        .collect();
                    reasons.extend(
                        e.passport
                            .risks
                            .iter()
                            .enumerate()
                            .filter(|(_, r)| r.area == area)
                            .map(|(index, r)| Reason::Risk {
                                index,
                                level: r.severity,
                            }),
                    );
                    AreaLevel {
                        area,
                        level: reasons.iter().map(Reason::level).max(),
                        reasons,
                    }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::indicators::Indicator;

    fn rule(worse: Worse) -> Rule {
        Rule {
            indicator: Indicator::IdpShare,
            area: RiskArea::Demography,
            worse,
            thresholds: vec![
                (Level::Medium, 10.0),
                (Level::High, 20.0),
                (Level::Critical, 35.0),
            ],
        }
    }

    #[test]
    fn a_threshold_is_met_at_its_value() {
        let r = rule(Worse::Higher);
        assert_eq!(apply(&r, 23.6), (Level::High, 20.0, true));
        assert_eq!(apply(&r, 20.0), (Level::High, 20.0, true));
        assert_eq!(apply(&r, 9.9), (Level::Low, 10.0, false));
        assert_eq!(apply(&r, 50.0), (Level::Critical, 35.0, true));
    }

    #[test]
    fn lower_is_worse_counts_down() {
        let r = Rule {
            thresholds: vec![(Level::Medium, 100.0), (Level::High, 50.0)],
            ..rule(Worse::Lower)
        };
        assert_eq!(apply(&r, 49.0), (Level::High, 50.0, true));
        assert_eq!(apply(&r, 80.0), (Level::Medium, 100.0, true));
        assert_eq!(apply(&r, 120.0), (Level::Low, 100.0, false));
    }
}

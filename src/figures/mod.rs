//! Derived figures: what the site computes from the passports and never
//! lets anyone type in. IDP shares, spending per person, and totals over a
//! set of communities (residents and IDPs added first, divided once).
//! Computed once per build and shared by pages, charts and open data.

mod funding;
mod history;
mod indicators;
pub mod methodology;
mod similar;
mod survey;
mod threats;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

pub use funding::{CommunityNeeds, DonorNeeds, Funded, Sum, needs_donors};
pub use history::{Change, History, Past, Point, Step};
pub use indicators::{Indicator, Indicators, Measure, Standing};
pub use methodology::{Methodology, Worse};
pub use survey::{Answer, CombinedSurvey};
pub use threats::{AREAS, LEVELS, Profile, Reason};

use crate::passport::{Date, Entry, Kind, Money, Oblast, Passport};

/// A ratio kept exact; shown as a percentage to one decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    part: u64,
    whole: u64,
}

impl Share {
    /// `part / whole`, or `None` when `whole` is zero.
    pub fn of(part: u64, whole: u64) -> Option<Share> {
        (whole > 0).then_some(Share { part, whole })
    }

    /// Tenths of a percent, rounded half up: 27,280 of 115,512 is 236.
    pub fn tenths(self) -> u64 {
        let scaled = u128::from(self.part) * 1000;
        let whole = u128::from(self.whole);
        ((2 * scaled + whole) / (2 * whole)) as u64
    }
}

impl Share {
    /// The percentage as a float, for drawing and thresholds.
    pub fn percent(self) -> f64 {
        self.part as f64 * 100.0 / self.whole as f64
    }

    /// Per thousand, in tenths, rounded half up: 45 of 12,480 is 36 (3.6 ‰).
    pub fn per_thousand_tenths(self) -> u64 {
        let scaled = u128::from(self.part) * 10_000;
        let whole = u128::from(self.whole);
        ((2 * scaled + whole) / (2 * whole)) as u64
    }
}

impl Serialize for Share {
    /// As a percentage with one decimal, e.g. `23.6`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.tenths() as f64 / 10.0)
    }
}

/// The figures derived from one passport.
#[derive(Debug, Clone, Serialize)]
pub struct CommunityFigures {
    pub idp_share: Option<Share>,
    /// Social-protection spending per resident.
    pub spending_per_resident: Option<Money>,
    /// Social-protection spending per resident plus IDP.
    pub spending_per_person: Option<Money>,
    /// Social-protection spending as a share of all expenditure.
    pub spending_share: Option<Share>,
    /// Whether its survey had fewer respondents than the methodology's
    /// threshold, so that its shares are unreliable; absent without a survey.
    pub survey_below_threshold: Option<bool>,
    /// Its plan's measures that need donors; absent without a plan.
    /// (Views and open data print them in their own words and order.)
    #[serde(skip)]
    pub donor_needs: Option<CommunityNeeds>,
}

impl CommunityFigures {
    /// Derives the figures of one passport; a survey with fewer than
    /// `survey_min` respondents is marked unreliable.
    pub fn of(p: &Passport, survey_min: u64) -> CommunityFigures {
        let residents = p.population.residents;
        let social = p.economy.as_ref().and_then(|e| e.social_protection_uah);
        let per = |people: u64| social.and_then(|m| per_head(m, people));
        CommunityFigures {
            idp_share: p
                .population
                .idps
                .and_then(|idps| Share::of(idps, residents)),
            spending_per_resident: per(residents),
            spending_per_person: per(residents + p.population.idps.unwrap_or(0)),
            spending_share: p.economy.as_ref().and_then(|e| {
                Share::of(e.social_protection_uah?.kopecks, e.expenditure_uah?.kopecks)
            }),
            survey_below_threshold: p
                .survey
                .as_ref()
                .map(|s| s.respondents.is_none_or(|n| n < survey_min)),
            donor_needs: p.plan.as_ref().map(CommunityNeeds::of),
        }
    }
}

/// An amount divided among `people`, rounded half up to the kopeck.
pub(crate) fn per_head(m: Money, people: u64) -> Option<Money> {
    (people > 0).then(|| Money {
        kopecks: ((2 * u128::from(m.kopecks) + u128::from(people)) / (2 * u128::from(people)))
            as u64,
    })
}

/// Totals over a set of communities.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub communities: u64,
    pub residents: u64,
    /// IDPs of the communities that report them.
    pub idps: u64,
    /// Residents of the communities that report IDPs: the base of the share.
    pub residents_reporting_idps: u64,
    pub by_kind: BTreeMap<Kind, u64>,
    /// The plan measures that need donors, and what they cost.
    pub needs: Sum,
    /// The earliest and the latest date the passports' figures describe:
    /// totals over passports of different dates say so.
    #[serde(skip)]
    pub as_of: Option<(Date, Date)>,
}

impl Totals {
    /// Adds one community.
    pub fn add(&mut self, p: &Passport) {
        self.communities += 1;
        self.residents += p.population.residents;
        if let Some(idps) = p.population.idps {
            self.idps += idps;
            self.residents_reporting_idps += p.population.residents;
        }
        *self.by_kind.entry(p.kind).or_default() += 1;
        self.as_of = Some(match self.as_of {
            Some((first, last)) => (first.min(p.as_of), last.max(p.as_of)),
            None => (p.as_of, p.as_of),
        });
        let measures = p.plan.iter().flat_map(|plan| plan.measures());
        for (_, _, m) in measures.filter(|(_, _, m)| needs_donors(m)) {
            self.needs.add(m.cost_uah);
        }
    }

    /// IDPs per resident of the communities that report IDPs, divided once.
    pub fn idp_share(&self) -> Option<Share> {
        Share::of(self.idps, self.residents_reporting_idps)
    }
}

/// Every figure of a site, computed once.
#[derive(Debug, Clone)]
pub struct SiteFigures {
    pub site: Totals,
    pub oblasts: BTreeMap<Oblast, Totals>,
    /// Per community, in the order of the entries.
    pub communities: Vec<CommunityFigures>,
    /// The indicators donors compare, with oblast and site figures and ranks.
    pub indicators: Indicators,
    /// Each community's threat profile by the theme's methodology, in the
    /// order of the entries.
    pub threats: Vec<Profile>,
    /// The plan measures that need donors, and their sums.
    pub donor_needs: DonorNeeds,
    /// Every community's survey of residents, combined.
    pub survey: CombinedSurvey,
    /// Per community, the entries most like it, nearest first
    /// (`similar`'s measure).
    pub similar: Vec<Vec<usize>>,
    /// The threat methodology the profiles were assessed by (its rules
    /// and advice are shown beside them).
    pub methodology: Arc<Methodology>,
    /// The largest IDP share of any community, oblast or the site: every
    /// chart of IDP shares is drawn to it, so that charts side by side
    /// (the compare page, two passports) share one scale.
    pub largest_idp_share: Option<Share>,
    /// Each community's place in its oblast and among all by residents,
    /// IDPs and IDP share (the factsheet's key figures), in the order of
    /// the entries.
    pub key_places: Vec<[Option<(Standing, Standing)>; 3]>,
    /// How today's passports compare with the closed editions; `None` on
    /// a site without editions (and in an edition's own archive).
    pub history: Option<History>,
}

impl SiteFigures {
    /// Derives every figure from the loaded passports, and their threat
    /// profiles by `methodology`.
    pub fn of(entries: &[Entry], methodology: Arc<Methodology>) -> SiteFigures {
        let mut site = Totals::default();
        let mut oblasts: BTreeMap<Oblast, Totals> = BTreeMap::new();
        for e in entries {
            site.add(&e.passport);
            oblasts
                .entry(e.passport.oblast)
                .or_default()
                .add(&e.passport);
        }
        let indicators = Indicators::of(entries);
        let communities: Vec<CommunityFigures> = entries
            .iter()
            .map(|e| CommunityFigures::of(&e.passport, methodology.survey_min_respondents))
            .collect();
        let largest_idp_share = (communities.iter().filter_map(|c| c.idp_share))
            .chain(
                oblasts
                    .values()
                    .chain([&site])
                    .filter_map(Totals::idp_share),
            )
            .max_by_key(|s| s.tenths());
        SiteFigures {
            site,
            oblasts,
            communities,
            largest_idp_share,
            threats: threats::assess(&methodology, entries, &indicators),
            indicators,
            donor_needs: DonorNeeds::of(entries),
            survey: CombinedSurvey::of(entries),
            similar: similar::similar(entries),
            methodology,
            key_places: key_places(entries),
            history: None,
        }
    }
}

/// Each community's places by the factsheet's key figures: residents,
/// IDPs and IDP share.
fn key_places(entries: &[Entry]) -> Vec<[Option<(Standing, Standing)>; 3]> {
    let residents = indicators::places(entries, |p| Some(p.population.residents as f64));
    let idps = indicators::places(entries, |p| p.population.idps.map(|n| n as f64));
    let share = indicators::places(entries, |p| {
        Share::of(p.population.idps?, p.population.residents).map(|s| s.tenths() as f64)
    });
    (residents.into_iter().zip(idps).zip(share))
        .map(|((r, i), s)| [r, i, s])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The foundation's 2023 report prints these shares.
    #[test]
    fn published_idp_shares() {
        for (residents, idps, tenths) in [
            (115_512, 27_280, 236),
            (777_234, 108_715, 140),
            (293_223, 49_247, 168),
        ] {
            assert_eq!(Share::of(idps, residents).unwrap().tenths(), tenths);
        }
        // The report's headline: 314,186 IDPs for 2,677,609 residents.
        assert_eq!(Share::of(314_186, 2_677_609).unwrap().tenths(), 117);
    }

    #[test]
    fn totals_divide_once() {
        let mut t = Totals::default();
        for (residents, idps) in [(115_512, 27_280), (777_234, 108_715), (293_223, 49_247)] {
            t.residents += residents;
            t.idps += idps;
            t.residents_reporting_idps += residents;
        }
        // (27,280 + 108,715 + 49,247) / (115,512 + 777,234 + 293,223) = 15.6 %,
        // where the average of the three shares would be 18.1 %.
        assert_eq!(t.idp_share().unwrap().tenths(), 156);
    }

    #[test]
    fn half_rounds_up_and_zero_has_no_share() {
        assert_eq!(Share::of(1, 2000).unwrap().tenths(), 1);
        assert_eq!(Share::of(1, 2001).unwrap().tenths(), 0);
        assert!(Share::of(5, 0).is_none());
    }

    #[test]
    fn spending_per_head() {
        let m = Money {
            kopecks: 19_800_000_000,
        };
        assert_eq!(per_head(m, 115_512).unwrap().hryvnias(), 1714);
        assert_eq!(per_head(m, 115_512 + 27_280).unwrap().hryvnias(), 1387);
        assert!(per_head(m, 0).is_none());
    }
}

//! The indicators donors compare and the threat methodology reads: each
//! community's value, the same figure for its oblast and for the whole
//! site (pooled: parts and wholes added first, divided once; distances and
//! counts by their median), and ranks within the oblast and the site.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::{Share, per_head};
use crate::passport::{Entry, Money, Oblast, Passport};

/// An indicator: a derived figure, or a passport field read as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Indicator {
    IdpShare,
    ElderlyShare,
    SpendingPerResident,
    SpendingPerPerson,
    MaxKmToBank,
    SettlementsWithoutPharmacy,
    RecipientsPer1000,
    UnemployedPer1000,
    Destruction,
}

/// A value of an indicator, exact where its figure is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    Percent(Share),
    PerThousand(Share),
    Money(Money),
    /// A distance in km, or a median.
    Decimal(f64),
    Count(u64),
    Flag(bool),
}

impl Measure {
    /// The value as it is shown (percent and per thousand to a tenth, UAH
    /// to the kopeck, km), for ranking and thresholds: a reason such as
    /// "23.6% ≥ 20%" always holds for the figures it prints.
    pub fn number(self) -> f64 {
        match self {
            Measure::Percent(s) => s.tenths() as f64 / 10.0,
            Measure::PerThousand(s) => s.per_thousand_tenths() as f64 / 10.0,
            Measure::Money(m) => m.kopecks as f64 / 100.0,
            Measure::Decimal(v) => v,
            Measure::Count(n) => n as f64,
            Measure::Flag(b) => f64::from(u8::from(b)),
        }
    }
}

/// What one community adds to its oblast's and the site's figure.
enum Input {
    /// `part / whole`, shown per hundred or per thousand.
    Ratio {
        part: u64,
        whole: u64,
        per_thousand: bool,
    },
    /// Money per person.
    PerHead { money: Money, people: u64 },
    /// A value whose group figure is the median.
    Median(Measure),
}

impl Indicator {
    /// Every indicator, in the order pages list them.
    pub const ALL: [Indicator; 9] = [
        Indicator::IdpShare,
        Indicator::ElderlyShare,
        Indicator::SpendingPerResident,
        Indicator::SpendingPerPerson,
        Indicator::MaxKmToBank,
        Indicator::SettlementsWithoutPharmacy,
        Indicator::RecipientsPer1000,
        Indicator::UnemployedPer1000,
        Indicator::Destruction,
    ];

    /// Its name in methodology files and open data, and its UI string key
    /// under `indicator.`.
    pub fn id(self) -> &'static str {
        match self {
            Indicator::IdpShare => "idp_share",
            Indicator::ElderlyShare => "elderly_share",
            Indicator::SpendingPerResident => "spending_per_resident",
            Indicator::SpendingPerPerson => "spending_per_person",
            Indicator::MaxKmToBank => "access.max_km_to_bank",
            Indicator::SettlementsWithoutPharmacy => "access.settlements_without_pharmacy",
            Indicator::RecipientsPer1000 => "recipients_per_1000",
            Indicator::UnemployedPer1000 => "unemployed_per_1000",
            Indicator::Destruction => "economy.destruction",
        }
    }

    /// The indicator named `id`.
    pub fn from_id(id: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.id() == id)
    }

    /// A value of the indicator's kind (zero), to write a threshold as its
    /// values are written.
    pub fn kind(self) -> Measure {
        let zero = Share { part: 0, whole: 1 };
        match self {
            Indicator::IdpShare | Indicator::ElderlyShare => Measure::Percent(zero),
            Indicator::SpendingPerResident | Indicator::SpendingPerPerson => {
                Measure::Money(Money { kopecks: 0 })
            }
            Indicator::MaxKmToBank => Measure::Decimal(0.0),
            Indicator::SettlementsWithoutPharmacy => Measure::Count(0),
            Indicator::RecipientsPer1000 | Indicator::UnemployedPer1000 => {
                Measure::PerThousand(zero)
            }
            Indicator::Destruction => Measure::Flag(false),
        }
    }

    /// Whether communities are compared and ranked by it (a yes/no is not).
    pub fn compared(self) -> bool {
        self != Indicator::Destruction
    }

    fn input(self, p: &Passport) -> Option<Input> {
        let residents = p.population.residents;
        let ratio = |part: u64, per_thousand| Input::Ratio {
            part,
            whole: residents,
            per_thousand,
        };
        let social = || p.economy.as_ref()?.social_protection_uah;
        match self {
            Indicator::IdpShare => p.population.idps.map(|idps| ratio(idps, false)),
            Indicator::ElderlyShare => (!p.population.age.is_empty()).then(|| {
                let elderly = p
                    .population
                    .age
                    .iter()
                    .filter(|b| b.band.from >= 60)
                    .map(|b| b.total())
                    .sum();
                ratio(elderly, false)
            }),
            Indicator::SpendingPerResident => social().map(|money| Input::PerHead {
                money,
                people: residents,
            }),
            Indicator::SpendingPerPerson => social().map(|money| Input::PerHead {
                money,
                people: residents + p.population.idps.unwrap_or(0),
            }),
            Indicator::MaxKmToBank => p
                .access
                .as_ref()?
                .max_km_to_bank
                .map(|km| Input::Median(Measure::Decimal(km))),
            Indicator::SettlementsWithoutPharmacy => p
                .access
                .as_ref()?
                .settlements_without_pharmacy
                .map(|n| Input::Median(Measure::Count(n))),
            Indicator::RecipientsPer1000 => {
                let services = &p.social_services.as_ref()?.services;
                let counted: Vec<u64> = services.iter().filter_map(|s| s.recipients).collect();
                (!counted.is_empty()).then(|| ratio(counted.iter().sum(), true))
            }
            Indicator::UnemployedPer1000 => p
                .economy
                .as_ref()?
                .registered_unemployed
                .map(|n| ratio(n, true)),
            Indicator::Destruction => p
                .economy
                .as_ref()?
                .destruction
                .map(|b| Input::Median(Measure::Flag(b))),
        }
    }
}

impl Input {
    fn measure(&self) -> Option<Measure> {
        match *self {
            Input::Ratio {
                part,
                whole,
                per_thousand,
            } => Share::of(part, whole).map(|s| match per_thousand {
                true => Measure::PerThousand(s),
                false => Measure::Percent(s),
            }),
            Input::PerHead { money, people } => per_head(money, people).map(Measure::Money),
            Input::Median(m) => Some(m),
        }
    }
}

/// The figure of a group of communities: pooled, or the median.
fn pooled<'a>(inputs: impl Iterator<Item = &'a Input>) -> Option<Measure> {
    let inputs: Vec<&Input> = inputs.collect();
    match inputs.first()? {
        Input::Ratio { per_thousand, .. } => {
            let (mut part, mut whole) = (0, 0);
            for input in &inputs {
                if let Input::Ratio {
                    part: p, whole: w, ..
                } = input
                {
                    part += p;
                    whole += w;
                }
            }
            Input::Ratio {
                part,
                whole,
                per_thousand: *per_thousand,
            }
            .measure()
        }
        Input::PerHead { .. } => {
            let (mut kopecks, mut people) = (0, 0);
            for input in &inputs {
                if let Input::PerHead { money, people: n } = input {
                    kopecks += money.kopecks;
                    people += n;
                }
            }
            per_head(Money { kopecks }, people).map(Measure::Money)
        }
        Input::Median(Measure::Flag(_)) => None,
        Input::Median(_) => {
            let mut values: Vec<f64> = inputs
                .iter()
                .filter_map(|i| i.measure())
                .map(Measure::number)
                .collect();
            values.sort_by(f64::total_cmp);
            let mid = values.len() / 2;
            let median = match values.len() % 2 {
                1 => values[mid],
                _ => (values[mid - 1] + values[mid]) / 2.0,
            };
            Some(Measure::Decimal(median))
        }
    }
}

/// A place in a ranking: 1 is the highest value; equal values share a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub rank: usize,
    pub of: usize,
}

/// Each community's place by `value` in its oblast and among all (1 is
/// the highest; equal values share a place), in the order of `entries`;
/// `None` where it has no value. One sort per oblast and one for all.
pub fn places(
    entries: &[Entry],
    value: impl Fn(&Passport) -> Option<f64>,
) -> Vec<Option<(Standing, Standing)>> {
    let values: Vec<Option<f64>> = entries.iter().map(|e| value(&e.passport)).collect();
    let in_site = standings(&values);
    let mut in_oblast = vec![None; entries.len()];
    let mut members: BTreeMap<Oblast, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        members.entry(e.passport.oblast).or_default().push(i);
    }
    for members in members.values() {
        let numbers: Vec<Option<f64>> = members.iter().map(|&i| values[i]).collect();
        for (&i, s) in members.iter().zip(standings(&numbers)) {
            in_oblast[i] = s;
        }
    }
    in_oblast
        .into_iter()
        .zip(in_site)
        .map(|(o, s)| o.zip(s))
        .collect()
}

/// Standings of `values` (highest first), in their order; `None` where
/// there is no value.
fn standings(values: &[Option<f64>]) -> Vec<Option<Standing>> {
    let mut ranked: Vec<f64> = values.iter().flatten().copied().collect();
    ranked.sort_by(|a, b| b.total_cmp(a));
    let of = ranked.len();
    values
        .iter()
        .map(|v| {
            let v = (*v)?;
            let rank = ranked.partition_point(|r| r.total_cmp(&v) == Ordering::Greater) + 1;
            Some(Standing { rank, of })
        })
        .collect()
}

/// One community's indicators: value, and standing in its oblast and the site.
#[derive(Debug, Clone, Default)]
pub struct CommunityIndicators {
    pub values: BTreeMap<Indicator, Measure>,
    pub in_oblast: BTreeMap<Indicator, Standing>,
    pub in_site: BTreeMap<Indicator, Standing>,
}

/// An oblast's indicators, and its standing among the oblasts.
#[derive(Debug, Clone, Default)]
pub struct OblastIndicators {
    pub values: BTreeMap<Indicator, Measure>,
    pub standing: BTreeMap<Indicator, Standing>,
}

/// Every indicator of a site, computed once.
#[derive(Debug, Clone, Default)]
pub struct Indicators {
    /// In the order of the entries.
    pub communities: Vec<CommunityIndicators>,
    pub oblasts: BTreeMap<Oblast, OblastIndicators>,
    pub site: BTreeMap<Indicator, Measure>,
}

impl Indicators {
    /// Computes every indicator of `entries`.
    pub fn of(entries: &[Entry]) -> Indicators {
        let mut out = Indicators {
            communities: vec![CommunityIndicators::default(); entries.len()],
            ..Indicators::default()
        };
        for indicator in Indicator::ALL {
            let inputs: Vec<Option<Input>> = entries
                .iter()
                .map(|e| indicator.input(&e.passport))
                .collect();
            let values: Vec<Option<Measure>> = inputs
                .iter()
                .map(|i| i.as_ref().and_then(Input::measure))
                .collect();
            if let Some(m) = pooled(inputs.iter().flatten()) {
                out.site.insert(indicator, m);
            }
            let mut by_oblast: BTreeMap<Oblast, Vec<usize>> = BTreeMap::new();
            for (i, e) in entries.iter().enumerate() {
                by_oblast.entry(e.passport.oblast).or_default().push(i);
            }
            for (oblast, members) in &by_oblast {
                let o = out.oblasts.entry(*oblast).or_default();
                if let Some(m) = pooled(members.iter().filter_map(|&i| inputs[i].as_ref())) {
                    o.values.insert(indicator, m);
                }
                if indicator.compared() {
                    let numbers: Vec<Option<f64>> = members
                        .iter()
                        .map(|&i| values[i].map(Measure::number))
                        .collect();
                    for (&i, s) in members.iter().zip(standings(&numbers)) {
                        if let Some(s) = s {
                            out.communities[i].in_oblast.insert(indicator, s);
                        }
                    }
                }
            }
            for (i, value) in values.iter().enumerate() {
                if let Some(v) = value {
                    out.communities[i].values.insert(indicator, *v);
                }
            }
            if indicator.compared() {
                let numbers: Vec<Option<f64>> =
                    values.iter().map(|v| v.map(Measure::number)).collect();
                for (i, s) in standings(&numbers).into_iter().enumerate() {
                    if let Some(s) = s {
                        out.communities[i].in_site.insert(indicator, s);
                    }
                }
                let oblasts: Vec<Oblast> = out.oblasts.keys().copied().collect();
                let numbers: Vec<Option<f64>> = oblasts
                    .iter()
                    .map(|o| out.oblasts[o].values.get(&indicator).map(|m| m.number()))
                    .collect();
                for (o, s) in oblasts.iter().zip(standings(&numbers)) {
                    if let (Some(s), Some(entry)) = (s, out.oblasts.get_mut(o)) {
                        entry.standing.insert(indicator, s);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_a_place_and_missing_ones_have_none() {
        let s = standings(&[Some(5.0), None, Some(9.0), Some(5.0), Some(1.0)]);
        let ranks: Vec<Option<usize>> = s.iter().map(|s| s.map(|s| s.rank)).collect();
        assert_eq!(ranks, [Some(2), None, Some(1), Some(2), Some(4)]);
        assert!(s.iter().flatten().all(|s| s.of == 4));
    }

    #[test]
    fn places_are_taken_in_the_oblast_and_among_all() {
        let entries: Vec<Entry> = ["khmelnytska", "lvivska", "uzhhorodska", "zrazkova-pryklad"]
            .iter()
            .map(|id| {
                let path = format!("{}/content/passports/{id}.yaml", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read_to_string(&path).unwrap();
                let passport = crate::passport::parse(std::path::Path::new(&path), &text).0;
                Entry {
                    id: id.to_string(),
                    file: path.into(),
                    passport: passport.unwrap().into(),
                    edition: None,
                }
            })
            .collect();
        let places = places(&entries, |p| Some(p.population.residents as f64));
        let ranks: Vec<(usize, usize, usize)> = places
            .iter()
            .map(|p| p.map(|(o, s)| (o.rank, s.rank, s.of)).unwrap())
            .collect();
        // 293,223; 777,234; 115,512; 12,480 residents, each alone in its oblast.
        assert_eq!(ranks, [(1, 2, 4), (1, 1, 4), (1, 3, 4), (1, 4, 4)]);
        assert!(places.iter().flatten().all(|(o, _)| o.of == 1));
        let none = super::places(&entries, |p| {
            p.economy.as_ref()?.revenue_uah.map(|m| m.hryvnias() as f64)
        });
        assert_eq!(none.iter().filter(|p| p.is_some()).count(), 1);
    }

    #[test]
    fn groups_pool_ratios_and_take_the_median_of_distances() {
        let ratio = |part, whole| Input::Ratio {
            part,
            whole,
            per_thousand: false,
        };
        let shares = [ratio(27_280, 115_512), ratio(108_715, 777_234)];
        assert_eq!(
            pooled(shares.iter()),
            Some(Measure::Percent(Share::of(135_995, 892_746).unwrap()))
        );
        let km = [4.0, 30.0, 10.0, 12.5].map(|v| Input::Median(Measure::Decimal(v)));
        assert_eq!(pooled(km.iter()), Some(Measure::Decimal(11.25)));
    }

    #[test]
    fn per_thousand_is_rounded_to_a_tenth() {
        assert_eq!(
            Measure::PerThousand(Share::of(45, 12_480).unwrap()).number(),
            3.6
        );
        assert_eq!(
            Measure::PerThousand(Share::of(1_115, 12_480).unwrap()).number(),
            89.3
        );
    }
}

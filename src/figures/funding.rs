//! What the plans ask of donors: every plan measure funded by `donor` or
//! `mixed`, in the order the funding page lists them (by year, then cost,
//! largest first), and their costs added up by direction, oblast and year
//! in exact kopecks. Computed once; the funding page, the passport pages
//! and open data read it.

use std::collections::BTreeMap;

use crate::passport::{Entry, Funding, Measure, Money, Oblast, Plan};

/// Whether a measure asks donors for money.
pub fn needs_donors(m: &Measure) -> bool {
    matches!(m.funding, Some(Funding::Donor | Funding::Mixed))
}

/// One community's plan measures that need donors: what they cost
/// together and where each is in the plan, the costliest first. The
/// passport's plan section and its factsheet read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommunityNeeds {
    /// Their cost together, if any of them gives one.
    pub total: Option<Money>,
    /// Each one's direction, goal and measure (by index): by cost, largest
    /// first, those without a cost last, then in the plan's order.
    pub by_cost: Vec<(usize, usize, usize)>,
}

impl CommunityNeeds {
    /// The measures of `plan` that need donors.
    pub fn of(plan: &Plan) -> CommunityNeeds {
        let mut funded: Vec<((usize, usize, usize), Option<Money>)> = Vec::new();
        for (d, direction) in plan.directions.iter().enumerate() {
            for (g, goal) in direction.goals.iter().enumerate() {
                for (m, measure) in goal.measures.iter().enumerate() {
                    if needs_donors(measure) {
                        funded.push(((d, g, m), measure.cost_uah));
                    }
                }
            }
        }
        let costs: Vec<Money> = funded.iter().filter_map(|(_, cost)| *cost).collect();
        let total = (!costs.is_empty()).then(|| Money {
            kopecks: costs.iter().map(|m| m.kopecks).sum(),
        });
        // A stable sort: equal costs stay in the plan's order.
        funded.sort_by_key(|(_, cost)| std::cmp::Reverse(*cost));
        CommunityNeeds {
            total,
            by_cost: funded.into_iter().map(|(at, _)| at).collect(),
        }
    }
}

/// A measure that needs donors: its community (the index of its entry)
/// and its place in the plan (direction, goal and measure, by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Funded {
    pub entry: usize,
    pub direction: usize,
    pub goal: usize,
    pub measure: usize,
}

/// How many measures and what they cost together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Sum {
    pub measures: u64,
    pub cost: Money,
}

impl Sum {
    /// Counts one more measure, and its cost if it gives one.
    pub(super) fn add(&mut self, cost: Option<Money>) {
        self.measures += 1;
        self.cost.kopecks += cost.map_or(0, |m| m.kopecks);
    }
}

/// Every measure that needs donors, and their sums: for the site, and for
/// each oblast the same again.
#[derive(Debug, Clone, Default)]
pub struct DonorNeeds {
    /// By year, then cost (largest first), then community id.
    pub measures: Vec<Funded>,
    pub total: Sum,
    /// Measures that need donors but give no cost.
    pub without_cost: u64,
    /// By the direction's title, as the passports write it.
    pub by_direction: BTreeMap<String, Sum>,
    /// By year; `None` for measures that give none.
    pub by_year: BTreeMap<Option<u32>, Sum>,
    /// Each oblast's own, for oblasts with any (empty for an oblast's).
    pub oblasts: BTreeMap<Oblast, DonorNeeds>,
}

impl DonorNeeds {
    /// The measures of `entries` that need donors, and their sums, for
    /// the site and for each oblast.
    pub fn of(entries: &[Entry]) -> DonorNeeds {
        let mut needs = DonorNeeds::of_some(entries, |_| true);
        let oblasts: std::collections::BTreeSet<Oblast> =
            entries.iter().map(|e| e.passport.oblast).collect();
        needs.oblasts = oblasts
            .into_iter()
            .map(|o| (o, DonorNeeds::of_some(entries, |e| e.passport.oblast == o)))
            .filter(|(_, n)| !n.measures.is_empty())
            .collect();
        needs
    }

    /// The needs of the entries `keep` keeps (indices stay those of `entries`).
    fn of_some(entries: &[Entry], keep: impl Fn(&Entry) -> bool) -> DonorNeeds {
        let mut needs = DonorNeeds::default();
        for (entry, e) in entries.iter().enumerate().filter(|(_, e)| keep(e)) {
            let Some(plan) = &e.passport.plan else {
                continue;
            };
            for (direction, d) in plan.directions.iter().enumerate() {
                for (goal, g) in d.goals.iter().enumerate() {
                    for (measure, m) in g.measures.iter().enumerate() {
                        if !needs_donors(m) {
                            continue;
                        }
                        needs.measures.push(Funded {
                            entry,
                            direction,
                            goal,
                            measure,
                        });
                        for sum in [
                            &mut needs.total,
                            needs.by_direction.entry(d.title.clone()).or_default(),
                            needs.by_year.entry(m.year).or_default(),
                        ] {
                            sum.add(m.cost_uah);
                        }
                        needs.without_cost += u64::from(m.cost_uah.is_none());
                    }
                }
            }
        }
        let key = |f: &Funded| {
            let m = f
                .parts(entries)
                .map(|(_, _, m)| (m.year, std::cmp::Reverse(m.cost_uah)));
            (m, &entries[f.entry].id)
        };
        needs.measures.sort_by(|a, b| key(a).cmp(&key(b)));
        needs
    }
}

impl Funded {
    /// The titles of the measure's direction and goal, and the measure
    /// (always there: `DonorNeeds::of` found it so).
    pub fn parts<'e>(&self, entries: &'e [Entry]) -> Option<(&'e str, &'e str, &'e Measure)> {
        let d = entries
            .get(self.entry)?
            .passport
            .plan
            .as_ref()?
            .directions
            .get(self.direction)?;
        let g = d.goals.get(self.goal)?;
        Some((&d.title, &g.title, g.measures.get(self.measure)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passport::parse;

    #[test]
    fn a_communitys_needs_are_summed_and_ordered_by_cost() {
        let yaml = include_str!("../../content/passports/zrazkova-pryklad.yaml");
        let mut p = parse(std::path::Path::new("p.yaml"), yaml).0.unwrap();
        let plan = p.plan.as_mut().unwrap();
        let goal = &mut plan.directions[0].goals[0];
        let template = goal.measures[0].clone();
        let measure = |funding, cost: Option<u64>| Measure {
            funding: Some(funding),
            cost_uah: cost.map(|h| Money { kopecks: h * 100 }),
            ..template.clone()
        };
        goal.measures = vec![
            measure(Funding::Donor, None),
            measure(Funding::Mixed, Some(200)),
            measure(Funding::Local, Some(9_000)),
            measure(Funding::Donor, Some(500)),
            measure(Funding::Donor, Some(200)),
        ];
        plan.directions.truncate(1);
        plan.directions[0].goals.truncate(1);
        let needs = CommunityNeeds::of(plan);
        // The local measure is not the donors'; the one without a cost
        // counts, last, and adds nothing.
        assert_eq!(needs.total, Some(Money { kopecks: 90_000 }));
        assert_eq!(
            needs.by_cost,
            vec![(0, 0, 3), (0, 0, 1), (0, 0, 4), (0, 0, 0)]
        );
        plan.directions[0].goals[0].measures.truncate(1);
        plan.directions[0].goals[0].measures[0].funding = Some(Funding::Local);
        assert_eq!(CommunityNeeds::of(plan), CommunityNeeds::default());
    }
}

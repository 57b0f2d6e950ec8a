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

/// The cost of a plan's measures that need donors, if any gives a cost.
pub fn donor_total(plan: &Plan) -> Option<Money> {
    let costs: Vec<Money> = plan
        .measures()
        .filter(|(_, _, m)| needs_donors(m))
        .filter_map(|(_, _, m)| m.cost_uah)
        .collect();
    (!costs.is_empty()).then(|| Money {
        kopecks: costs.iter().map(|m| m.kopecks).sum(),
    })
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

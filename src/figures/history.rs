//! Editions compared: each community's key figures in every edition it
//! has, what changed since the previous one (residents, IDPs, the IDP
//! share in points, spending per resident, each area's threat level, the
//! plan's measures), and totals per edition, the change in a total only
//! over the communities present in both editions.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Share, SiteFigures, Totals};
use crate::passport::{Date, Entry, Level, Lineage, Money, Oblast, Passport, RiskArea, Status};

/// A closed edition as the figures see it: its passports and their figures.
pub struct Past<'a> {
    pub name: &'a str,
    pub entries: &'a [Entry],
    pub figures: &'a SiteFigures,
}

/// One community's key figures in one edition.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub edition: String,
    pub as_of: Date,
    pub residents: u64,
    pub idps: Option<u64>,
    pub idp_share: Option<Share>,
    /// Whole hryvnias.
    pub spending_per_resident: Option<u64>,
}

/// A figure in the previous edition and now, and the change between them
/// as printed: the difference of the two figures as each is shown.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Step<T> {
    pub before: Option<T>,
    pub now: Option<T>,
    /// `now − before`, in the unit the figures are shown in (people,
    /// tenths of a per cent, whole hryvnias).
    pub change: Option<i64>,
}

impl<T: Copy> Step<T> {
    fn of(before: Option<T>, now: Option<T>, shown: impl Fn(T) -> u64) -> Step<T> {
        let change = before
            .zip(now)
            .map(|(b, n)| shown(n) as i64 - shown(b) as i64);
        Step {
            before,
            now,
            change,
        }
    }
}

/// What happened to the plan's measures, by title (case and spacing aside).
#[derive(Debug, Clone, Default, Serialize)]
pub struct MeasureChanges {
    /// Done now, not done before.
    pub done: Vec<String>,
    /// In progress now, planned (or new) before.
    pub started: Vec<String>,
    /// In the plan now, not before.
    pub added: Vec<String>,
    /// In the plan before, not now, and not done then.
    pub dropped: Vec<String>,
}

/// What changed in one community since the previous edition it has.
#[derive(Debug, Clone)]
pub struct Change {
    /// The previous edition's name and its passport's date.
    pub edition: String,
    pub as_of: Date,
    pub residents: Step<u64>,
    pub idps: Step<u64>,
    /// Shares in tenths of a per cent; the change in tenths of a point.
    pub idp_share: Step<u64>,
    pub spending_per_resident: Step<Money>,
    /// Each area's level, before and now, in `AREAS` order.
    pub threats: Vec<(RiskArea, Option<Level>, Option<Level>)>,
    /// `None` when neither passport has a plan.
    pub measures: Option<MeasureChanges>,
}

/// An edition's totals, for the site and each oblast, over its own passports.
#[derive(Debug, Clone, Serialize)]
pub struct EditionTotals {
    pub name: String,
    pub site: Totals,
    pub oblasts: BTreeMap<Oblast, Totals>,
}

/// Two editions' totals over the communities present in both.
#[derive(Debug, Clone, Default)]
pub struct Common {
    pub before: Totals,
    pub now: Totals,
}

/// Every edition compared.
#[derive(Debug, Clone)]
pub struct History {
    /// Today's edition's name.
    pub today: String,
    /// The previous edition: the latest closed one.
    pub previous: String,
    /// Per entry: what changed since the previous edition it has.
    pub changes: Vec<Option<Change>>,
    /// Per entry: its figures in each edition it has, oldest first.
    pub series: Vec<Vec<Point>>,
    /// Each edition's totals, oldest first, today's last (over the
    /// passports updated for it).
    pub totals: Vec<EditionTotals>,
    /// The previous edition against today's, over the communities in both:
    /// for the site, and per oblast.
    pub common: Common,
    pub common_oblasts: BTreeMap<Oblast, Common>,
    /// The entries shown from an earlier edition (not yet updated for
    /// today's), by index.
    pub not_updated: Vec<usize>,
}

impl History {
    /// Compares today's `entries` (with their `figures`) with the closed
    /// editions `past`, oldest first; `None` without a closed edition.
    pub fn of(
        today: &str,
        entries: &[Entry],
        figures: &SiteFigures,
        past: &[Past],
    ) -> Option<History> {
        let previous = past.last()?;
        let lineage = Lineage::new(&past.iter().map(|p| p.entries).collect::<Vec<_>>());
        let mut changes = Vec::with_capacity(entries.len());
        let mut series = Vec::with_capacity(entries.len());
        let mut common = Common::default();
        let mut common_oblasts: BTreeMap<Oblast, Common> = BTreeMap::new();
        let mut not_updated = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            // A passport not updated is its own edition's, with the ones before it.
            let own = match &e.edition {
                None => past.len(),
                Some(name) => {
                    not_updated.push(i);
                    past.iter().position(|p| p.name == name).unwrap_or(0)
                }
            };
            let found = lineage.find(e, own);
            let mut points: Vec<Point> = found
                .iter()
                .enumerate()
                .filter_map(|(k, j)| Some(point(&past[k], (*j)?)))
                .collect();
            points.push(Point::of(
                e.edition.as_deref().unwrap_or(today),
                &e.passport,
                &figures.communities[i],
            ));
            series.push(points);
            let before = found
                .iter()
                .enumerate()
                .rev()
                .find_map(|(k, j)| Some((&past[k], (*j)?)));
            changes.push(before.map(|(p, j)| change(p, j, e, figures, i)));
            // Today's totals against the previous edition's, the same communities.
            if e.edition.is_none()
                && let Some(j) = found.last().copied().flatten()
            {
                let then = &previous.entries[j].passport;
                for c in [
                    &mut common,
                    common_oblasts.entry(e.passport.oblast).or_default(),
                ] {
                    c.before.add(then);
                    c.now.add(&e.passport);
                }
            }
        }
        let mut totals: Vec<EditionTotals> = past
            .iter()
            .map(|p| EditionTotals::of(p.name, p.entries.iter()))
            .collect();
        totals.push(EditionTotals::of(
            today,
            entries.iter().filter(|e| e.edition.is_none()),
        ));
        Some(History {
            today: today.to_string(),
            previous: previous.name.to_string(),
            changes,
            series,
            totals,
            common,
            common_oblasts,
            not_updated,
        })
    }
}

impl History {
    /// Each edition's totals and the change over the communities in both,
    /// for the site (`only` none) or one oblast.
    pub fn at(&self, only: Option<Oblast>) -> (Vec<(&str, Totals)>, Common) {
        let totals = self.totals.iter().map(|e| {
            let t = match only {
                None => e.site.clone(),
                Some(o) => e.oblasts.get(&o).cloned().unwrap_or_default(),
            };
            (e.name.as_str(), t)
        });
        let common = match only {
            None => self.common.clone(),
            Some(o) => self.common_oblasts.get(&o).cloned().unwrap_or_default(),
        };
        (totals.collect(), common)
    }
}

impl EditionTotals {
    fn of<'e>(name: &str, entries: impl Iterator<Item = &'e Entry>) -> EditionTotals {
        let mut out = EditionTotals {
            name: name.to_string(),
            site: Totals::default(),
            oblasts: BTreeMap::new(),
        };
        for e in entries {
            out.site.add(&e.passport);
            out.oblasts
                .entry(e.passport.oblast)
                .or_default()
                .add(&e.passport);
        }
        out
    }
}

impl Point {
    fn of(edition: &str, p: &Passport, f: &super::CommunityFigures) -> Point {
        Point {
            edition: edition.to_string(),
            as_of: p.as_of,
            residents: p.population.residents,
            idps: p.population.idps,
            idp_share: f.idp_share,
            spending_per_resident: f.spending_per_resident.map(Money::hryvnias),
        }
    }
}

/// The `j`th passport of a closed edition as a point of a series.
fn point(past: &Past, j: usize) -> Point {
    Point::of(
        past.name,
        &past.entries[j].passport,
        &past.figures.communities[j],
    )
}

/// What changed from the `j`th passport of `past` to the `i`th of today's.
fn change(past: &Past, j: usize, e: &Entry, figures: &SiteFigures, i: usize) -> Change {
    let then = &past.entries[j].passport;
    let now = &e.passport;
    let (f0, f1) = (&past.figures.communities[j], &figures.communities[i]);
    let (t0, t1) = (&past.figures.threats[j], &figures.threats[i]);
    Change {
        edition: past.name.to_string(),
        as_of: then.as_of,
        residents: Step::of(
            Some(then.population.residents),
            Some(now.population.residents),
            |n| n,
        ),
        idps: Step::of(then.population.idps, now.population.idps, |n| n),
        idp_share: Step::of(
            f0.idp_share.map(|s| s.tenths()),
            f1.idp_share.map(|s| s.tenths()),
            |n| n,
        ),
        spending_per_resident: Step::of(
            f0.spending_per_resident,
            f1.spending_per_resident,
            Money::hryvnias,
        ),
        threats: super::AREAS
            .iter()
            .map(|&a| (a, t0.level(a), t1.level(a)))
            .collect(),
        measures: (then.plan.is_some() || now.plan.is_some()).then(|| measures(then, now)),
    }
}

/// A measure's title as measures are matched: lowercase, single spaces.
fn matched(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The plan's measures then and now, compared by title.
fn measures(then: &Passport, now: &Passport) -> MeasureChanges {
    let statuses = |p: &Passport| -> BTreeMap<String, (String, Option<Status>)> {
        p.plan
            .iter()
            .flat_map(|plan| plan.measures())
            .map(|(_, _, m)| (matched(&m.title), (m.title.clone(), m.status)))
            .collect()
    };
    let (before, after) = (statuses(then), statuses(now));
    let mut out = MeasureChanges::default();
    for (key, (title, status)) in &after {
        let was = before.get(key).map(|(_, s)| *s);
        let done = |s: Option<Status>| s == Some(Status::Done);
        if was.is_none() {
            out.added.push(title.clone());
        }
        if done(*status) && !was.is_some_and(done) {
            out.done.push(title.clone());
        }
        if *status == Some(Status::InProgress)
            && !matches!(was, Some(Some(Status::InProgress | Status::Done)))
        {
            out.started.push(title.clone());
        }
    }
    out.dropped = before
        .iter()
        .filter(|(key, (_, status))| !after.contains_key(*key) && *status != Some(Status::Done))
        .map(|(_, (title, _))| title.clone())
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passport::parse;
    use std::path::Path;

    fn passport(measures: &[(&str, &str)]) -> Passport {
        let yaml = include_str!("../../content/passports/zrazkova-pryklad.yaml");
        let mut p = parse(Path::new("p.yaml"), yaml).0.unwrap();
        let plan = p.plan.as_mut().unwrap();
        let goal = &mut plan.directions[0].goals[0];
        let template = goal.measures[0].clone();
        goal.measures = measures
            .iter()
            .map(|(title, status)| crate::passport::Measure {
                title: title.to_string(),
                status: match *status {
                    "done" => Some(Status::Done),
                    "in_progress" => Some(Status::InProgress),
                    _ => Some(Status::Planned),
                },
                ..template.clone()
            })
            .collect();
        plan.directions.truncate(1);
        plan.directions[0].goals.truncate(1);
        p
    }

    #[test]
    fn measures_done_started_added_and_dropped() {
        let then = passport(&[
            ("Shelter", "planned"),
            ("Bus  route", "planned"),
            ("Old plan", "planned"),
            ("Finished", "done"),
        ]);
        let now = passport(&[
            ("shelter", "done"),
            ("Bus route", "in_progress"),
            ("New clinic", "in_progress"),
        ]);
        let c = measures(&then, &now);
        assert_eq!(c.done, ["shelter"]);
        assert_eq!(c.started, ["Bus route", "New clinic"]);
        assert_eq!(c.added, ["New clinic"]);
        // A measure done then and gone now was finished, not dropped.
        assert_eq!(c.dropped, ["Old plan"]);
    }

    #[test]
    fn a_change_is_the_difference_of_the_figures_as_shown() {
        // 1,714.49 and 1,800.50 UAH are shown as 1,714 and 1,801.
        let s = Step::of(
            Some(Money { kopecks: 171_449 }),
            Some(Money { kopecks: 180_050 }),
            Money::hryvnias,
        );
        assert_eq!(s.change, Some(87));
        assert_eq!(Step::of(Some(5u64), None, |n| n).change, None);
    }
}

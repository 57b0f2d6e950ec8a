//! Similar communities: for each community the five most like it, by
//! residents and IDP share, the same type first.
//!
//! The measure (README and the methodology page say the same):
//! the distance between two communities is
//! `sqrt(ln(residents_a / residents_b)² + ((share_a − share_b) / 10)²)`,
//! so that twice the residents counts as much as 6.9 percentage points of
//! IDP share. Where only one of the two reports IDPs the share term is 1
//! (ten points); where neither does, residents alone decide. Communities
//! of the same type come first; a type with fewer than six communities is
//! filled up from the nearest of the other types. Ties go to the id that
//! sorts first, so the result never depends on the order of files.

use rayon::prelude::*;

use crate::passport::{Entry, Kind};

/// How many similar communities each passport names.
const SIMILAR: usize = 5;

/// Percentage points of IDP share that weigh as much as a factor of `e`
/// in residents.
const SHARE_SCALE: f64 = 10.0;

/// What the measure reads of one community.
#[derive(Clone, Copy)]
struct Point {
    ln_residents: f64,
    /// IDP share in per cent, where reported.
    share: Option<f64>,
}

impl Point {
    fn of(e: &Entry) -> Point {
        let pop = &e.passport.population;
        Point {
            ln_residents: (pop.residents.max(1) as f64).ln(),
            share: pop
                .idps
                .filter(|_| pop.residents > 0)
                .map(|idps| idps as f64 * 100.0 / pop.residents as f64),
        }
    }

    /// The squared distance to `other`.
    fn distance2(self, other: Point) -> f64 {
        let r = self.ln_residents - other.ln_residents;
        let s = match (self.share, other.share) {
            (Some(a), Some(b)) => (a - b) / SHARE_SCALE,
            (None, None) => 0.0,
            _ => 1.0,
        };
        r * r + s * s
    }
}

/// A set of communities sorted by residents, searched outwards from a
/// community's own place: the residents term alone bounds the distance,
/// so the search stops once it exceeds the worst of the best found.
struct Pool {
    /// (ln residents, entry index), ascending.
    sorted: Vec<(f64, usize)>,
}

impl Pool {
    fn new(points: &[Point], members: impl Iterator<Item = usize>) -> Pool {
        let mut sorted: Vec<(f64, usize)> = members.map(|i| (points[i].ln_residents, i)).collect();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        Pool { sorted }
    }

    /// The `k` members nearest to entry `me` (never `me` itself), nearest
    /// first, ties by id.
    fn nearest(&self, ids: &[&str], points: &[Point], me: usize, k: usize) -> Vec<usize> {
        let p = points[me];
        let start = self.sorted.partition_point(|(ln, _)| *ln < p.ln_residents);
        let mut best: Vec<(f64, usize)> = Vec::with_capacity(k + 1);
        let worst = |best: &Vec<(f64, usize)>| {
            if best.len() < k {
                f64::INFINITY
            } else {
                best[k - 1].0
            }
        };
        let consider = |best: &mut Vec<(f64, usize)>, i: usize| {
            if i == me {
                return;
            }
            let d = p.distance2(points[i]);
            let at = best.partition_point(|(bd, bi)| {
                bd.total_cmp(&d).then_with(|| ids[*bi].cmp(ids[i])).is_lt()
            });
            if at < k {
                best.insert(at, (d, i));
                best.truncate(k);
            }
        };
        let (mut down, mut up) = (start, start);
        loop {
            let below = down
                .checked_sub(1)
                .map(|j| (p.ln_residents - self.sorted[j].0, j));
            let above = self.sorted.get(up).map(|(ln, _)| (ln - p.ln_residents, up));
            let (gap, j, is_below) = match (below, above) {
                (Some(b), Some(a)) if b.0 <= a.0 => (b.0, b.1, true),
                (_, Some(a)) => (a.0, a.1, false),
                (Some(b), None) => (b.0, b.1, true),
                (None, None) => break,
            };
            // Equal distances still compete on id, so only a strictly
            // larger bound ends the search.
            if gap * gap > worst(&best) {
                break;
            }
            consider(&mut best, self.sorted[j].1);
            if is_below {
                down -= 1;
            } else {
                up += 1;
            }
        }
        best.into_iter().map(|(_, i)| i).collect()
    }
}

/// For each entry, the indices of its similar communities, nearest first.
pub fn similar(entries: &[Entry]) -> Vec<Vec<usize>> {
    let points: Vec<Point> = entries.iter().map(Point::of).collect();
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let of_kind = |k: Kind| {
        Pool::new(
            &points,
            (0..entries.len()).filter(|&i| entries[i].passport.kind == k),
        )
    };
    let kinds = [Kind::City, Kind::Settlement, Kind::Village].map(|k| (k, of_kind(k)));
    (0..entries.len())
        .into_par_iter()
        .map(|me| {
            let kind = entries[me].passport.kind;
            let own = &kinds
                .iter()
                .find(|(k, _)| *k == kind)
                .expect("every kind")
                .1;
            let mut found = own.nearest(&ids, &points, me, SIMILAR);
            if own.sorted.len() < SIMILAR + 1 {
                let others = Pool::new(
                    &points,
                    (0..entries.len()).filter(|&i| entries[i].passport.kind != kind),
                );
                let more = SIMILAR - found.len();
                found.extend(others.nearest(&ids, &points, me, more));
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outward search finds what comparing with everyone finds.
    #[test]
    fn search_equals_brute_force() {
        let points: Vec<Point> = (0..300u64)
            .map(|i| Point {
                ln_residents: ((i * 7919 % 1000 + 500) as f64).ln(),
                share: (i % 5 != 0).then(|| (i * 31 % 400) as f64 / 10.0),
            })
            .collect();
        let names: Vec<String> = (0..points.len()).map(|i| format!("c{i:03}")).collect();
        let ids: Vec<&str> = names.iter().map(String::as_str).collect();
        let pool = Pool::new(&points, 0..points.len());
        for me in 0..points.len() {
            let mut all: Vec<usize> = (0..points.len()).filter(|&i| i != me).collect();
            all.sort_by(|&a, &b| {
                points[me]
                    .distance2(points[a])
                    .total_cmp(&points[me].distance2(points[b]))
                    .then(ids[a].cmp(ids[b]))
            });
            all.truncate(SIMILAR);
            assert_eq!(pool.nearest(&ids, &points, me, SIMILAR), all, "{me}");
        }
    }
}

//! One community across editions: which passport of each closed edition
//! is the same community as a given one. A community keeps its id; where
//! the id changed, `formerly` names the old ones, and where neither links
//! them, the KATOTTG code does. Links are followed backwards, so a
//! community renamed twice is still found in the oldest edition.

use std::collections::{BTreeMap, BTreeSet};

use super::Entry;

/// An edition's passports by id and by KATOTTG code: their indices.
type Index<'a> = (BTreeMap<&'a str, usize>, BTreeMap<&'a str, usize>);

/// The passports of closed editions, indexed for linking.
pub struct Lineage<'a> {
    /// Per edition, oldest first.
    editions: Vec<Index<'a>>,
    entries: Vec<&'a [Entry]>,
}

impl<'a> Lineage<'a> {
    /// Indexes `editions`, oldest first.
    pub fn new(editions: &[&'a [Entry]]) -> Lineage<'a> {
        let index = |entries: &'a [Entry]| {
            let by_id = entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), i))
                .collect();
            let by_code = entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| Some((e.passport.katottg.as_ref()?.0.as_str(), i)))
                .collect();
            (by_id, by_code)
        };
        Lineage {
            editions: editions.iter().map(|e| index(e)).collect(),
            entries: editions.to_vec(),
        }
    }

    /// Where `entry` is in each edition before the `before`th (all of them
    /// for today's passports): its index there, or `None`; oldest first.
    pub fn find(&self, entry: &Entry, before: usize) -> Vec<Option<usize>> {
        let mut ids: BTreeSet<&str> = BTreeSet::from([entry.id.as_str()]);
        ids.extend(entry.passport.formerly.iter().map(String::as_str));
        let mut codes: BTreeSet<&str> = entry
            .passport
            .katottg
            .iter()
            .map(|k| k.0.as_str())
            .collect();
        let mut found = vec![None; self.editions.len()];
        for k in (0..before.min(self.editions.len())).rev() {
            let (by_id, by_code) = &self.editions[k];
            let hit = (ids.iter().find_map(|id| by_id.get(id)))
                .or_else(|| codes.iter().find_map(|c| by_code.get(c)));
            if let Some(&i) = hit {
                let earlier = &self.entries[k][i];
                ids.insert(earlier.id.as_str());
                ids.extend(earlier.passport.formerly.iter().map(String::as_str));
                codes.extend(earlier.passport.katottg.iter().map(|c| c.0.as_str()));
                found[k] = Some(i);
            }
        }
        found
    }

    /// The passports of closed editions that no later passport continues:
    /// communities not yet updated for `today`, each shown from the latest
    /// edition that has it. Returns (edition, index) pairs.
    pub fn not_continued(&self, today: &[Entry]) -> Vec<(usize, usize)> {
        let mut claimed: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); self.editions.len()];
        let claim = |found: Vec<Option<usize>>, claimed: &mut Vec<BTreeSet<usize>>| {
            for (k, i) in found.into_iter().enumerate() {
                claimed[k].extend(i);
            }
        };
        for entry in today {
            claim(self.find(entry, self.editions.len()), &mut claimed);
        }
        let mut out = Vec::new();
        for k in (0..self.editions.len()).rev() {
            for (i, entry) in self.entries[k].iter().enumerate() {
                if !claimed[k].contains(&i) {
                    out.push((k, i));
                    claim(self.find(entry, k), &mut claimed);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passport::parse;
    use std::path::Path;
    use std::sync::Arc;

    fn entry(id: &str, code: Option<&str>, formerly: &[&str]) -> Entry {
        let yaml = include_str!("../../content/passports/zrazkova-pryklad.yaml");
        let (p, _) = parse(Path::new("p.yaml"), yaml);
        let mut p = p.unwrap();
        p.katottg = code.map(|c| super::super::scalars::Katottg(c.to_string()));
        p.formerly = formerly.iter().map(|s| s.to_string()).collect();
        Entry {
            id: id.into(),
            file: format!("{id}.yaml").into(),
            passport: Arc::new(p),
            edition: None,
        }
    }

    #[test]
    fn follows_ids_former_ids_and_codes_back() {
        let y2022 = [entry("a", None, &[]), entry("b", Some("UA1"), &[])];
        let y2023 = [entry("a2", None, &["a"]), entry("c", Some("UA1"), &[])];
        let lineage = Lineage::new(&[&y2022, &y2023]);
        // Renamed twice: a → a2 → a3.
        assert_eq!(
            lineage.find(&entry("a3", None, &["a2"]), 2),
            [Some(0), Some(0)]
        );
        // Linked by its code alone.
        assert_eq!(
            lineage.find(&entry("d", Some("UA1"), &[]), 2),
            [Some(1), Some(1)]
        );
        assert_eq!(lineage.find(&entry("new", None, &[]), 2), [None, None]);
    }

    #[test]
    fn a_community_missing_today_is_shown_from_its_latest_edition() {
        let y2022 = [entry("a", None, &[]), entry("gone", None, &[])];
        let y2023 = [entry("a", None, &[]), entry("late", None, &[])];
        let lineage = Lineage::new(&[&y2022, &y2023]);
        let today = [entry("a", None, &[])];
        // `late` from 2023; `gone`, missing from 2023 too, from 2022.
        assert_eq!(lineage.not_continued(&today), [(1, 1), (0, 1)]);
    }
}

//! Every community's survey of residents combined. Each share is weighted
//! by the community's respondents (a community that asked 600 people counts
//! three times one that asked 200), over the communities that report both
//! the share and their respondents, in whole numbers: hundredths of a per
//! cent times respondents, divided once and rounded half up to a tenth.

use std::collections::BTreeMap;

use crate::passport::{Band, Entry, Percent, Survey};

/// One answer combined: its weighted share (none when the communities
/// giving it asked nobody) and how many communities give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub share: Option<Percent>,
    pub communities: u64,
}

/// A service residents name among those they need most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    /// The service's code, as passports write it.
    pub code: &'static str,
    /// Communities whose residents name it.
    pub communities: u64,
    /// Communities whose residents name it first.
    pub first: u64,
}

/// The survey of every community, combined.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CombinedSurvey {
    /// Communities whose survey gives its respondents.
    pub communities: u64,
    pub respondents: u64,
    pub female: Option<Answer>,
    /// By age band, youngest first.
    pub age: Vec<(Band, Answer)>,
    /// In the format's order.
    pub income: Vec<(&'static str, Answer)>,
    pub channels: Vec<(&'static str, Answer)>,
    /// The services named most, most communities first.
    pub services: Vec<Named>,
}

/// Shares of `surveys` (each with its respondents) combined per answer, in
/// the order the answers first appear.
fn combine<K: Ord + Clone>(
    surveys: &[(&Survey, u64)],
    answers: impl Fn(&Survey) -> Vec<(K, Option<Percent>)>,
) -> Vec<(K, Answer)> {
    let mut order = Vec::new();
    // Per answer: Σ hundredths × respondents, Σ respondents, communities.
    let mut sums: BTreeMap<K, (u128, u128, u64)> = BTreeMap::new();
    for (survey, respondents) in surveys {
        for (key, share) in answers(survey) {
            let Some(share) = share else { continue };
            let sum = sums.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                (0, 0, 0)
            });
            sum.0 += u128::from(share.hundredths()) * u128::from(*respondents);
            sum.1 += u128::from(*respondents);
            sum.2 += 1;
        }
    }
    order
        .into_iter()
        .map(|key| {
            let (weighted, people, communities) = sums[&key];
            // Tenths of a per cent, rounded half up: (weighted / people) / 10.
            let share = (people > 0).then(|| {
                let tenths = (2 * weighted + 10 * people) / (20 * people);
                Percent::from_hundredths(tenths as u32 * 10)
            });
            (key, Answer { share, communities })
        })
        .collect()
}

impl CombinedSurvey {
    /// The surveys of `entries` combined.
    pub fn of(entries: &[Entry]) -> CombinedSurvey {
        let surveys: Vec<(&Survey, u64)> = entries
            .iter()
            .filter_map(|e| {
                let s = e.passport.survey.as_ref()?;
                Some((s, s.respondents?))
            })
            .collect();
        let mut age = combine(&surveys, |s| {
            s.age.iter().map(|(b, v)| (*b, Some(*v))).collect()
        });
        age.sort_by_key(|(band, _)| *band);
        let mut services: BTreeMap<&'static str, (u64, u64)> = BTreeMap::new();
        for (s, _) in &surveys {
            for (i, code) in s.top_services.iter().enumerate() {
                let counts = services.entry(code.as_str()).or_default();
                counts.0 += 1;
                counts.1 += u64::from(i == 0);
            }
        }
        let mut services: Vec<Named> = services
            .into_iter()
            .map(|(code, (communities, first))| Named {
                code,
                communities,
                first,
            })
            .collect();
        services.sort_by(|a, b| {
            (b.communities, b.first)
                .cmp(&(a.communities, a.first))
                .then(a.code.cmp(b.code))
        });
        CombinedSurvey {
            communities: surveys.len() as u64,
            respondents: surveys.iter().map(|(_, r)| r).sum(),
            female: combine(&surveys, |s| vec![((), s.female_pct)])
                .into_iter()
                .next()
                .map(|(_, a)| a),
            age,
            income: combine(&surveys, |s| {
                s.income
                    .as_ref()
                    .map_or_else(Vec::new, |i| i.entries().to_vec())
            }),
            channels: combine(&surveys, |s| {
                s.channels
                    .as_ref()
                    .map_or_else(Vec::new, |c| c.entries().to_vec())
            }),
            services,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(pairs: &[(u32, u64)]) -> Option<Percent> {
        let surveys: Vec<Survey> = pairs
            .iter()
            .map(|(hundredths, _)| Survey {
                female_pct: Some(Percent::from_hundredths(*hundredths)),
                ..Survey::default()
            })
            .collect();
        let with: Vec<(&Survey, u64)> = surveys
            .iter()
            .zip(pairs)
            .map(|(s, (_, r))| (s, *r))
            .collect();
        combine(&with, |s| vec![((), s.female_pct)])[0].1.share
    }

    #[test]
    fn shares_are_weighted_by_respondents_in_whole_numbers() {
        // 62 % of 210 and 50 % of 630: (62·210 + 50·630) / 840 = 53.0 %.
        assert_eq!(
            share(&[(6200, 210), (5000, 630)]),
            Some(Percent::from_hundredths(5300))
        );
        // 33.33 % and 33.34 % of one each: 33.335 % rounds half up to 33.3 %
        // (33.335 is 333.35 tenths, which rounds to 333).
        assert_eq!(
            share(&[(3333, 1), (3334, 1)]),
            Some(Percent::from_hundredths(3330))
        );
        // 0.05 % rounds up to a tenth.
        assert_eq!(share(&[(5, 1)]), Some(Percent::from_hundredths(10)));
        assert_eq!(share(&[(5000, 0)]), None, "nobody asked");
    }
}

//! The format's consistency checks across fields (sums, ranges, periods),
//! run on a passport that passed the schema. Positions come from the YAML
//! tree, so each diagnostic points at the figure to look at.

use std::path::Path;

use super::model::{AgeBand, Passport};
use super::scalars::Percent;
use crate::diagnostic::{Code, Diagnostic};
use crate::messages::{self, Message};
use crate::yaml::Node;

/// Every consistency problem of one passport.
pub fn check(p: &Passport, tree: &Node, file: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |path: &str, code: Code, message: Message| {
        let pos = tree.locate(path);
        Diagnostic::error(file, (pos.line, pos.col), code, message).field(path)
    };
    let pop = &p.population;

    for (i, former) in p.formerly.iter().enumerate() {
        if !crate::translit::is_id(former) {
            out.push(
                at(&format!("formerly[{i}]"), Code::InvalidValue, tr!("`{former}` is not a passport id", former))
                    .hint(tr!("a former id is the name of the community's file in an earlier edition, e.g. uzhhorodska")),
            );
        }
    }

    for (field, bands) in [
        ("population.age", &pop.age),
        ("population.idp_age", &pop.idp_age),
    ] {
        for (i, a) in bands.iter().enumerate() {
            if let Some(j) = bands[..i].iter().position(|b| b.band.overlaps(&a.band)) {
                out.push(
                    at(
                        &format!("{field}[{i}].band"),
                        Code::AgeBands,
                        tr!(
                            "age band {band} overlaps band {other}",
                            band = a.band,
                            other = bands[j].band
                        ),
                    )
                    .hint(tr!(
                        "bands must not share a year of age, e.g. 0-17, 18-59, 60+"
                    )),
                );
            }
        }
    }
    if !pop.age.is_empty() && !pop.idp_age.is_empty() {
        let bands = |list: &[AgeBand]| {
            list.iter()
                .map(|a| a.band.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if bands(&pop.age) != bands(&pop.idp_age) {
            out.push(
                at(
                    "population.idp_age",
                    Code::AgeBands,
                    tr!(
                        "{idp_age} has bands {idp_bands}, {age} has {bands}",
                        idp_age = messages::field("population.idp_age"),
                        idp_bands = bands(&pop.idp_age),
                        age = messages::field("population.age"),
                        bands = bands(&pop.age)
                    ),
                )
                .hint(tr!(
                    "give IDPs the same age bands as residents, in the same order"
                )),
            );
        }
    }
    let residents = messages::field("population.residents");
    if !pop.age.is_empty() {
        let sum: u64 = pop.age.iter().map(AgeBand::total).sum();
        if sum != pop.residents {
            out.push(
                at(
                    "population.age",
                    Code::AgeSum,
                    tr!(
                        "age bands add up to {sum}, {residents} is {count}",
                        sum = group(sum),
                        residents,
                        count = group(pop.residents)
                    ),
                )
                .hint(tr!(
                    "the women and men of all bands together must equal {total}",
                    total = residents
                )),
            );
        }
    }
    if !pop.idp_age.is_empty() {
        let sum: u64 = pop.idp_age.iter().map(AgeBand::total).sum();
        let idps_field = messages::field("population.idps");
        match pop.idps {
            Some(idps) if sum != idps => out.push(
                at(
                    "population.idp_age",
                    Code::IdpAgeSum,
                    tr!(
                        "IDP age bands add up to {sum}, {idps} is {count}",
                        sum = group(sum),
                        idps = idps_field,
                        count = group(idps)
                    ),
                )
                .hint(tr!(
                    "the women and men of all bands together must equal {total}",
                    total = idps_field
                )),
            ),
            None => out.push(
                at(
                    "population.idp_age",
                    Code::IdpAgeSum,
                    tr!(
                        "{idp_age} is given but {idps} is not",
                        idp_age = messages::field("population.idp_age"),
                        idps = idps_field
                    ),
                )
                .hint(tr!(
                    "fill in {idps}: the IDP age bands add up to {sum}",
                    idps = idps_field,
                    sum = group(sum)
                )),
            ),
            _ => {}
        }
    }
    if let (Some(female), Some(male)) = (pop.female, pop.male)
        && female + male != pop.residents
    {
        let women = messages::field("population.female");
        let men = messages::field("population.male");
        out.push(
            at(
                "population.female",
                Code::SexSum,
                tr!(
                    "{women} + {men} is {sum}, {residents} is {count}",
                    women,
                    men,
                    sum = group(female + male),
                    residents,
                    count = group(pop.residents)
                ),
            )
            .hint(tr!(
                "{women} and {men} split the residents: together they must equal {residents}",
                women,
                men,
                residents
            )),
        );
    }
    if let Some(idps) = pop.idps
        && idps > pop.residents
    {
        out.push(
            at(
                "population.idps",
                Code::IdpsOverResidents,
                tr!(
                    "more IDPs ({idps}) than residents ({residents})",
                    idps = group(idps),
                    residents = group(pop.residents)
                ),
            )
            .hint(tr!("possible, but check that the figures are not swapped"))
            .warning(),
        );
    }
    let settled: Option<u64> = p.settlements.iter().map(|s| s.population).sum();
    if let Some(sum) = settled.filter(|_| !p.settlements.is_empty())
        && sum != pop.residents
    {
        out.push(
            at(
                "settlements",
                Code::SettlementSum,
                tr!(
                    "settlements add up to {sum}, {residents} is {count}",
                    sum = group(sum),
                    residents,
                    count = group(pop.residents)
                ),
            )
            .hint(tr!(
                "the settlements' populations usually add up to the community's residents"
            ))
            .warning(),
        );
    }
    if let Some(survey) = &p.survey {
        let age: Vec<Percent> = survey.age.iter().map(|(_, v)| *v).collect();
        let income: Vec<Percent> = survey
            .income
            .iter()
            .flat_map(|i| i.entries())
            .filter_map(|(_, v)| v)
            .collect();
        for (field, shares) in [("survey.age", age), ("survey.income", income)] {
            let sum: u32 = shares.iter().map(|s| s.hundredths()).sum();
            // One per cent either way, for rounding.
            if !shares.is_empty() && sum.abs_diff(Percent::WHOLE) > 100 {
                let sum = messages::number(Percent::from_hundredths(sum).value());
                out.push(
                    at(field, Code::SurveySum, tr!("{field} adds up to {sum}%, not 100%", field = messages::field(field), sum))
                        .hint(tr!("each respondent gives one answer here, so the shares should add up to 100 (± 1 for rounding)"))
                        .warning(),
                );
            }
        }
    }
    if let Some(e) = &p.economy
        && let (Some(social), Some(total)) = (e.social_protection_uah, e.expenditure_uah)
        && social > total
    {
        out.push(
            at("economy.social_protection_uah", Code::SpendingOverBudget, tr!("social protection ({social} UAH) is more than all expenditure ({total} UAH)", social = group(social.hryvnias()), total = group(total.hryvnias())))
            .hint(tr!("social-protection spending is part of expenditure; check the units (UAH, not thousands)")),
        );
    }
    if let Some(plan) = &p.plan {
        for (d, direction) in plan.directions.iter().enumerate() {
            for (g, goal) in direction.goals.iter().enumerate() {
                for (m, measure) in goal.measures.iter().enumerate() {
                    if let Some(year) = measure.year.filter(|y| !plan.period.contains(*y)) {
                        out.push(
                            at(
                                &format!("plan.directions[{d}].goals[{g}].measures[{m}].year"),
                                Code::MeasureYear,
                                tr!(
                                    "the measure's year {year} is outside the plan period {period}",
                                    year,
                                    period = plan.period
                                ),
                            )
                            .hint(tr!(
                                "use a year from {from} to {to}",
                                from = plan.period.from,
                                to = plan.period.to
                            )),
                        );
                    }
                }
            }
        }
    }
    // Areas and distances: never below zero, never past the country's size.
    let settlements = p.settlements.iter().enumerate();
    let measures = [
        ("area_km2".to_string(), p.area_km2, MAX_AREA_KM2, tr!("km²")),
        (
            "access.max_km_to_bank".to_string(),
            p.access.as_ref().and_then(|a| a.max_km_to_bank),
            MAX_KM,
            tr!("km"),
        ),
    ]
    .into_iter()
    .chain(settlements.map(|(i, s)| {
        let field = format!("settlements[{i}].distance_km");
        (field, s.distance_km, MAX_KM, tr!("km"))
    }));
    for (field, value, max, unit) in measures {
        let Some(value) = value.filter(|v| !(0.0..=max).contains(v)) else {
            continue;
        };
        let negative = value < 0.0;
        let (value, max) = (messages::number(value), group(max as u64));
        let (message, hint) = match negative {
            true => (
                tr!(
                    "{field} cannot be negative (found {value})",
                    field = messages::field(&field),
                    value
                ),
                tr!(
                    "write it in {unit}, 0 or more; {unknown}",
                    unit = unit.clone(),
                    unknown = crate::yaml::if_unknown()
                ),
            ),
            false => (
                tr!(
                    "{field} is {value} {unit}, more than any community's ({max} {unit})",
                    field = messages::field(&field),
                    value,
                    unit = unit.clone(),
                    max
                ),
                tr!(
                    "check it for extra digits, and that it is in {unit}",
                    unit = unit
                ),
            ),
        };
        out.push(at(&field, Code::InvalidValue, message).hint(hint));
    }
    if p.sources.is_empty() {
        // Where `sources` is (an empty list), else the passport's first key.
        out.push(
            at(
                "sources",
                Code::NoSources,
                tr!("the passport names no source for its figures"),
            )
            .hint(tr!("add `sources:` with where the figures come from, e.g. `- Дані управління соціального захисту населення, 2023`; pages show it under every section"))
            .warning(),
        );
    }
    out
}

/// The largest area a community may give: a sixth of the country.
const MAX_AREA_KM2: f64 = 100_000.0;

/// The longest distance within a community: more than across the country.
const MAX_KM: f64 = 1_500.0;

/// Digits in groups of three, for messages: `115 512`.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::load::parse;
    use crate::diagnostic::{Code, Severity};
    use std::path::Path;

    const BASE: &str = "name: Тестова сільська територіальна громада\ntype: village\noblast: Закарпатська\nas_of: 2023-06-30\nsources: [Тест]\n";

    /// The codes, lines and messages of a passport's diagnostics.
    fn check(body: &str) -> Vec<(Code, Severity, usize, String)> {
        let (_, ds) = parse(Path::new("p.yaml"), &format!("{BASE}{body}"));
        ds.into_iter()
            .map(|d| (d.code, d.severity, d.line, d.message.english()))
            .collect()
    }

    #[test]
    fn a_consistent_passport_has_none() {
        assert_eq!(
            check("population:\n  residents: 10\n  female: 6\n  male: 4\n"),
            vec![]
        );
    }

    #[test]
    fn sums_name_both_figures() {
        let found = check(
            "population:\n  residents: 115512\n  idps: 5\n  age:\n    - { band: 0-17, female: 50000, male: 50000 }\n    - { band: 18+, female: 15400, male: 0 }\n",
        );
        assert_eq!(
            found,
            vec![(
                Code::AgeSum,
                Severity::Error,
                9,
                "age bands add up to 115 400, `population.residents` is 115 512".into()
            )]
        );
    }

    #[test]
    fn areas_and_distances_are_never_negative_nor_past_the_country() {
        let found = check(
            "area_km2: -412.7\npopulation:\n  residents: 10\nsettlements:\n  - { name: А, kind: village, population: 10, distance_km: 1e308 }\naccess:\n  max_km_to_bank: 12\n",
        );
        assert_eq!(
            found,
            vec![
                (
                    Code::InvalidValue,
                    Severity::Error,
                    6,
                    "`area_km2` cannot be negative (found -412.7)".into()
                ),
                (
                    Code::InvalidValue,
                    Severity::Error,
                    10,
                    "`settlements[0].distance_km` is 1e308 km, more than any community's (1 500 km)"
                        .into()
                ),
            ]
        );
    }

    #[test]
    fn counts_too_large_to_add_up_are_refused_where_they_stand() {
        let found = check(
            "population:\n  residents: 1\n  female: 9223372036854775808\n  male: 9223372036854775809\n",
        );
        let codes: Vec<_> = found.iter().map(|f| (f.0, f.2)).collect();
        assert_eq!(
            codes,
            vec![(Code::InvalidValue, 8), (Code::InvalidValue, 9)],
            "{found:?}"
        );
        assert!(found[0].3.contains("too large a number"), "{found:?}");
    }

    #[test]
    fn overlapping_and_differing_bands() {
        let found = check(
            "population:\n  residents: 30\n  idps: 20\n  age:\n    - { band: 0-17, female: 5, male: 5 }\n    - { band: 15+, female: 10, male: 10 }\n  idp_age:\n    - { band: 0-17, female: 10, male: 10 }\n",
        );
        let codes: Vec<_> = found.iter().map(|f| (f.0, f.2)).collect();
        assert_eq!(codes, vec![(Code::AgeBands, 11), (Code::AgeBands, 12)]);
    }

    #[test]
    fn a_passport_without_sources_is_warned() {
        let (passport, ds) = parse(
            Path::new("p.yaml"),
            &BASE.replace("sources: [Тест]\n", "population: { residents: 10 }\n"),
        );
        assert!(passport.is_some());
        let found: Vec<_> = ds
            .iter()
            .map(|d| (d.code, d.severity, d.line, d.field.as_deref()))
            .collect();
        assert_eq!(
            found,
            vec![(Code::NoSources, Severity::Warning, 1, Some("sources"))]
        );
    }

    #[test]
    fn warnings_do_not_reject_the_passport() {
        let (passport, ds) = parse(
            Path::new("p.yaml"),
            &format!(
                "{BASE}population:\n  residents: 10\n  idps: 20\nsurvey:\n  age: {{ \"18-39\": 50, \"40+\": 40 }}\n"
            ),
        );
        assert!(passport.is_some());
        let codes: Vec<_> = ds.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            codes,
            vec![
                (Code::IdpsOverResidents, Severity::Warning),
                (Code::SurveySum, Severity::Warning)
            ]
        );
    }

    #[test]
    fn budget_and_plan_rules() {
        let found = check(
            "population: { residents: 10 }\neconomy:\n  expenditure_uah: 100\n  social_protection_uah: 200.50\nplan:\n  period: 2024-2026\n  directions:\n    - title: Д\n      goals:\n        - title: Ц\n          measures:\n            - { title: З, year: 2027 }\n",
        );
        let codes: Vec<_> = found.iter().map(|f| (f.0, f.2)).collect();
        assert_eq!(
            codes,
            vec![(Code::SpendingOverBudget, 9), (Code::MeasureYear, 17)]
        );
    }

    #[test]
    fn sex_split_and_settlements() {
        let found = check(
            "population: { residents: 10, female: 3, male: 3 }\nsettlements:\n  - { name: А, kind: village, population: 4 }\n",
        );
        let codes: Vec<_> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(
            codes,
            vec![
                (Code::SexSum, Severity::Error),
                (Code::SettlementSum, Severity::Warning)
            ]
        );
    }
}

//! The passport form's layout: which sheet holds which field of the format,
//! in what order, as a value row or a table column, and what kind of value
//! each cell takes. A test walks the JSON Schema made from the model and
//! the starter template, so the three never disagree.

/// What a cell takes, and so its validation in the form and its reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A whole number of people or things (at least 0).
    Count,
    /// A year, such as 2024.
    Year,
    /// A decimal number at least 0 (km, km²).
    Decimal,
    /// Hryvnias, at most two decimals.
    Money,
    /// A share of respondents, 0 to 100.
    Percent,
    /// Yes or no.
    Bool,
    /// A date, YYYY-MM-DD.
    Date,
    /// One value of a fixed list.
    Choice(List),
    /// Several values of a fixed list, separated by commas.
    Choices(List),
    /// Several ids, separated by commas.
    Ids,
}

/// The fixed lists of the format, each a drop-down in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum List {
    CommunityType,
    Oblast,
    SettlementKind,
    ProviderKind,
    Service,
    RiskArea,
    Level,
    Funding,
    Status,
    Section,
}

impl List {
    /// Every list, in the order of the lists sheet's columns.
    pub const ALL: [List; 10] = [
        List::CommunityType,
        List::Oblast,
        List::SettlementKind,
        List::ProviderKind,
        List::Service,
        List::RiskArea,
        List::Level,
        List::Funding,
        List::Status,
        List::Section,
    ];

    /// The list's keywords, as a passport writes them.
    pub fn keywords(self) -> Vec<&'static str> {
        use crate::passport as p;
        fn all<T: Copy>(values: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
            values.iter().map(|v| f(*v)).collect()
        }
        match self {
            List::CommunityType | List::SettlementKind => all(p::Kind::ALL, p::Kind::as_str),
            List::Oblast => p::Oblast::all().map(p::Oblast::name).collect(),
            List::ProviderKind => all(p::ProviderKind::ALL, p::ProviderKind::as_str),
            List::Service => all(p::ServiceCode::ALL, p::ServiceCode::as_str),
            List::RiskArea => all(p::RiskArea::ALL, p::RiskArea::as_str),
            List::Level => all(p::Level::ALL, p::Level::as_str),
            List::Funding => all(p::Funding::ALL, p::Funding::as_str),
            List::Status => all(p::Status::ALL, p::Status::as_str),
            List::Section => all(p::SourceSection::ALL, p::SourceSection::as_str),
        }
    }

    /// The UI-string group holding each keyword's Ukrainian label, or
    /// `None` where the keyword is itself Ukrainian (oblasts).
    pub fn labels(self) -> Option<&'static str> {
        match self {
            List::CommunityType => Some("kind"),
            List::Oblast => None,
            List::SettlementKind => Some("settlement_kind"),
            List::ProviderKind => Some("provider_kind"),
            List::Service => Some("service"),
            List::RiskArea => Some("risk_area"),
            List::Level => Some("level"),
            List::Funding => Some("funding"),
            List::Status => Some("status"),
            List::Section => Some("section"),
        }
    }
}

/// One field: its key (a dotted path below its block's), its kind, the UI
/// string of its label, its unit, and whether the format requires it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub label: &'static str,
    pub unit: &'static str,
    pub required: bool,
}

const fn f(key: &'static str, kind: Kind, label: &'static str, unit: &'static str) -> Field {
    Field {
        key,
        kind,
        label,
        unit,
        required: false,
    }
}

const fn required(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

/// How a table's rows become the passport's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// Each row is one item of a list of maps.
    Items,
    /// Each row is one `key: value` of a map (the first column the key).
    Pairs,
    /// Each row is one value of a list (one column).
    Values,
    /// Each row is a measure under its direction and goal (the first two
    /// columns), grouped by their titles in order of first appearance.
    Plan,
    /// Each row is a source: its text alone, or with sections and a date.
    Sources,
}

/// A part of a sheet.
#[derive(Debug, Clone, Copy)]
pub enum Block {
    /// One row per field, under `path` (empty at the passport's top).
    Values {
        path: &'static str,
        fields: &'static [Field],
    },
    /// A table: a title, a header of the columns' labels, and rows (the
    /// passport's rows and `room` empty ones to fill).
    Table {
        path: &'static str,
        title: &'static str,
        rows: Rows,
        columns: &'static [Field],
        room: usize,
    },
}

/// One sheet: the UI string of its name and its blocks.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    pub name: &'static str,
    pub blocks: &'static [Block],
}

use Kind::*;

const PEOPLE: &str = "осіб";
const UNITS: &str = "одиниць";
const FAMILIES: &str = "сімей";
const UAH: &str = "грн";
const KM: &str = "км";
const PCT: &str = "%";

const AGE_COLUMNS: &[Field] = &[
    required(f("band", Text, "field.band", "")),
    required(f("female", Count, "field.female", PEOPLE)),
    required(f("male", Count, "field.male", PEOPLE)),
];

/// The form's sheets in order, after the sheet that says how to fill it.
pub const SHEETS: &[Sheet] = &[
    Sheet {
        name: "form.general",
        blocks: &[Block::Values {
            path: "",
            fields: &[
                required(f("name", Text, "field.community", "")),
                required(f("type", Choice(List::CommunityType), "field.type", "")),
                required(f("oblast", Choice(List::Oblast), "field.oblast", "")),
                f("raion", Text, "field.raion", ""),
                f("center", Text, "field.center", ""),
                f("oblast_center", Bool, "form.oblast_center", ""),
                f("katottg", Text, "form.katottg", ""),
                f("formerly", Ids, "form.formerly", ""),
                required(f("as_of", Date, "form.as_of", "")),
                f("area_km2", Decimal, "field.area_km2", "км²"),
            ],
        }],
    },
    Sheet {
        name: "section.population",
        blocks: &[
            Block::Values {
                path: "population",
                fields: &[
                    required(f("residents", Count, "field.residents", PEOPLE)),
                    f("idps", Count, "field.idps", PEOPLE),
                    f("female", Count, "field.female", PEOPLE),
                    f("male", Count, "field.male", PEOPLE),
                ],
            },
            Block::Table {
                path: "population.age",
                title: "population.age_caption",
                rows: Rows::Items,
                columns: AGE_COLUMNS,
                room: 6,
            },
            Block::Table {
                path: "population.idp_age",
                title: "population.idp_age_caption",
                rows: Rows::Items,
                columns: AGE_COLUMNS,
                room: 6,
            },
        ],
    },
    Sheet {
        name: "section.settlements",
        blocks: &[Block::Table {
            path: "settlements",
            title: "section.settlements",
            rows: Rows::Items,
            columns: &[
                required(f("name", Text, "field.settlement", "")),
                required(f(
                    "kind",
                    Choice(List::SettlementKind),
                    "field.settlement_kind",
                    "",
                )),
                f("population", Count, "field.population", PEOPLE),
                f("distance_km", Decimal, "field.distance_km", KM),
            ],
            room: 40,
        }],
    },
    Sheet {
        name: "section.social_groups",
        blocks: &[Block::Values {
            path: "social_groups",
            fields: &[
                f("pensioners", Count, "field.pensioners", PEOPLE),
                f(
                    "people_with_disabilities",
                    Count,
                    "field.people_with_disabilities",
                    PEOPLE,
                ),
                f(
                    "children_with_disabilities",
                    Count,
                    "field.children_with_disabilities",
                    PEOPLE,
                ),
                f("large_families", Count, "field.large_families", FAMILIES),
                f(
                    "low_income_families",
                    Count,
                    "field.low_income_families",
                    FAMILIES,
                ),
                f("orphans", Count, "field.orphans", PEOPLE),
                f("combatants", Count, "field.combatants", PEOPLE),
                f(
                    "families_of_fallen",
                    Count,
                    "field.families_of_fallen",
                    FAMILIES,
                ),
                f(
                    "families_of_mobilized",
                    Count,
                    "field.families_of_mobilized",
                    FAMILIES,
                ),
            ],
        }],
    },
    Sheet {
        name: "section.economy",
        blocks: &[Block::Values {
            path: "economy",
            fields: &[
                f("budget_year", Year, "field.budget_year", ""),
                f("revenue_uah", Money, "field.revenue_uah", UAH),
                f("expenditure_uah", Money, "field.expenditure_uah", UAH),
                f(
                    "social_protection_uah",
                    Money,
                    "field.social_protection_uah",
                    UAH,
                ),
                f(
                    "registered_unemployed",
                    Count,
                    "field.registered_unemployed",
                    PEOPLE,
                ),
                f("small_businesses", Count, "field.small_businesses", UNITS),
                f("destruction", Bool, "field.destruction", ""),
                f("destruction_note", Text, "field.destruction_note", ""),
            ],
        }],
    },
    Sheet {
        name: "section.access",
        blocks: &[Block::Values {
            path: "access",
            fields: &[
                f("bank_branches", Count, "field.bank_branches", UNITS),
                f("atms", Count, "field.atms", UNITS),
                f("max_km_to_bank", Decimal, "field.max_km_to_bank", KM),
                f("pharmacies", Count, "field.pharmacies", UNITS),
                f(
                    "settlements_without_pharmacy",
                    Count,
                    "field.settlements_without_pharmacy",
                    UNITS,
                ),
                f(
                    "primary_care_points",
                    Count,
                    "field.primary_care_points",
                    UNITS,
                ),
                f("hospitals", Count, "field.hospitals", UNITS),
                f("public_transport", Text, "field.public_transport", ""),
                f("roads", Text, "field.roads", ""),
            ],
        }],
    },
    Sheet {
        name: "section.administrative_services",
        blocks: &[Block::Values {
            path: "administrative_services",
            fields: &[
                f("centers", Count, "field.centers", UNITS),
                f("remote_workplaces", Count, "field.remote_workplaces", UNITS),
                f("social_front_office", Bool, "field.social_front_office", ""),
            ],
        }],
    },
    Sheet {
        name: "section.governance",
        blocks: &[Block::Values {
            path: "governance",
            fields: &[
                f("council_seats", Count, "field.council_seats", PEOPLE),
                f(
                    "social_protection_unit",
                    Text,
                    "field.social_protection_unit",
                    "",
                ),
                f("children_service", Bool, "field.children_service", ""),
                f("model_structure", Bool, "field.model_structure", ""),
            ],
        }],
    },
    Sheet {
        name: "section.education_culture",
        blocks: &[Block::Values {
            path: "education_culture",
            fields: &[
                f("schools", Count, "field.schools", UNITS),
                f("kindergartens", Count, "field.kindergartens", UNITS),
                f(
                    "cultural_institutions",
                    Count,
                    "field.cultural_institutions",
                    UNITS,
                ),
            ],
        }],
    },
    Sheet {
        name: "section.social_services",
        blocks: &[
            Block::Values {
                path: "social_services",
                fields: &[f(
                    "purchases_from_ngos",
                    Bool,
                    "field.purchases_from_ngos",
                    "",
                )],
            },
            Block::Table {
                path: "social_services.providers",
                title: "social_services.providers_caption",
                rows: Rows::Items,
                columns: &[
                    required(f("name", Text, "field.provider", "")),
                    required(f(
                        "kind",
                        Choice(List::ProviderKind),
                        "field.provider_kind",
                        "",
                    )),
                    f("staff", Count, "field.staff", PEOPLE),
                ],
                room: 10,
            },
            Block::Table {
                path: "social_services.services",
                title: "social_services.services_caption",
                rows: Rows::Items,
                columns: &[
                    required(f("code", Choice(List::Service), "field.service", "")),
                    f("name", Text, "form.service_name", ""),
                    f("recipients", Count, "field.recipients", PEOPLE),
                ],
                room: 25,
            },
        ],
    },
    Sheet {
        name: "section.risks",
        blocks: &[Block::Table {
            path: "risks",
            title: "section.risks",
            rows: Rows::Items,
            columns: &[
                required(f("title", Text, "field.risk", "")),
                required(f("area", Choice(List::RiskArea), "field.risk_area", "")),
                required(f("severity", Choice(List::Level), "field.severity", "")),
                f("note", Text, "field.note", ""),
            ],
            room: 15,
        }],
    },
    Sheet {
        name: "section.survey",
        blocks: &[
            Block::Values {
                path: "survey",
                fields: &[
                    f("period", Text, "field.survey_period", ""),
                    f("respondents", Count, "field.respondents", PEOPLE),
                    f("female_pct", Percent, "field.female_pct", PCT),
                    f(
                        "income.not_enough_for_food",
                        Percent,
                        "income.not_enough_for_food",
                        PCT,
                    ),
                    f("income.food_only", Percent, "income.food_only", PCT),
                    f(
                        "income.food_and_clothes",
                        Percent,
                        "income.food_and_clothes",
                        PCT,
                    ),
                    f("income.durable_goods", Percent, "income.durable_goods", PCT),
                    f("income.anything", Percent, "income.anything", PCT),
                    f(
                        "channels.social_media",
                        Percent,
                        "channel.social_media",
                        PCT,
                    ),
                    f(
                        "channels.community_website",
                        Percent,
                        "channel.community_website",
                        PCT,
                    ),
                    f("channels.tv", Percent, "channel.tv", PCT),
                    f("channels.radio", Percent, "channel.radio", PCT),
                    f("channels.print", Percent, "channel.print", PCT),
                    f(
                        "channels.notice_boards",
                        Percent,
                        "channel.notice_boards",
                        PCT,
                    ),
                    f("channels.other", Percent, "channel.other", PCT),
                ],
            },
            Block::Table {
                path: "survey.age",
                title: "survey.age_caption",
                rows: Rows::Pairs,
                columns: &[
                    required(f("band", Text, "field.band", "")),
                    required(f("share", Percent, "field.share_of_respondents", PCT)),
                ],
                room: 6,
            },
            Block::Table {
                path: "survey.top_services",
                title: "survey.top_services_caption",
                rows: Rows::Values,
                columns: &[required(f(
                    "code",
                    Choice(List::Service),
                    "field.service",
                    "",
                ))],
                room: 10,
            },
        ],
    },
    Sheet {
        name: "section.plan",
        blocks: &[
            Block::Values {
                path: "plan",
                fields: &[f("period", Text, "field.plan_period", "")],
            },
            Block::Table {
                path: "plan.directions",
                title: "field.measures",
                rows: Rows::Plan,
                columns: &[
                    required(f("direction", Text, "field.direction", "")),
                    required(f("goal", Text, "field.goal", "")),
                    required(f("title", Text, "field.measure", "")),
                    f("year", Year, "field.year", ""),
                    f("cost_uah", Money, "field.cost_uah", UAH),
                    f("funding", Choice(List::Funding), "field.funding", ""),
                    f("status", Choice(List::Status), "field.status", ""),
                ],
                room: 40,
            },
        ],
    },
    Sheet {
        name: "section.sources",
        blocks: &[Block::Table {
            path: "sources",
            title: "section.sources",
            rows: Rows::Sources,
            columns: &[
                required(f("source", Text, "form.source", "")),
                f(
                    "sections",
                    Choices(List::Section),
                    "form.source_sections",
                    "",
                ),
                f("as_of", Date, "form.as_of", ""),
            ],
            room: 10,
        }],
    },
];

/// The version of the form's layout, stamped in every workbook: a form of
/// another version is refused with a message saying which.
pub const VERSION: u32 = 1;

/// The first cell of the hidden sheet that marks a workbook as our form.
pub const MARK: &str = "hromada-passport-form";

/// The hidden sheet of the mark, the version, the id and the lists.
pub const LISTS_SHEET: &str = "hromada";

/// Each field of the form with its full passport path, in form order.
pub fn fields() -> impl Iterator<Item = (String, &'static Field)> {
    SHEETS.iter().flat_map(|s| s.blocks).flat_map(|block| {
        let (path, fields) = match block {
            Block::Values { path, fields } => (*path, *fields),
            Block::Table { path, columns, .. } => (*path, *columns),
        };
        fields
            .iter()
            .map(move |field| (join(path, field.key), field))
    })
}

/// `a.b` from `a` and `b`; `b` alone under the top.
pub fn join(path: &str, key: &str) -> String {
    match path {
        "" => key.to_string(),
        _ => format!("{path}.{key}"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::Value;

    use super::*;

    /// Every leaf of the JSON Schema with the kind of value it takes,
    /// list items written `[]`.
    fn schema_leaves() -> BTreeMap<String, String> {
        let schema: Value =
            serde_json::from_slice(&crate::data::passport_schema().unwrap()).unwrap();
        let mut leaves = BTreeMap::new();
        walk(&schema, &schema, "", &mut leaves);
        leaves
    }

    fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            return resolve(root, &root["$defs"][r.trim_start_matches("#/$defs/")]);
        }
        // An option: the value it holds when it holds one.
        if let Some(any) = node.get("anyOf").and_then(Value::as_array)
            && any
                .iter()
                .any(|n| n.get("type") == Some(&Value::from("null")))
        {
            let some = any
                .iter()
                .find(|n| n.get("type") != Some(&Value::from("null")));
            return resolve(root, some.unwrap());
        }
        node
    }

    fn walk(root: &Value, node: &Value, path: &str, out: &mut BTreeMap<String, String>) {
        let node = resolve(root, node);
        let types: Vec<&str> = match &node["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for (key, child) in props {
                walk(root, child, &join(path, key), out);
            }
        } else if let Some(items) = node.get("items") {
            walk(root, items, &format!("{path}[]"), out);
        } else if let Some(add) = node.get("additionalProperties").filter(|a| a.is_object()) {
            walk(root, add, &format!("{path}{{}}"), out);
        } else if let Some(one_of) = node.get("anyOf").or(node.get("oneOf")) {
            for (n, alternative) in one_of.as_array().unwrap().iter().enumerate() {
                walk(root, alternative, &format!("{path}|{n}"), out);
            }
        } else {
            let kind = match (node.get("enum").is_some(), types.first().copied()) {
                (true, _) => "enum",
                (false, Some(t)) => t,
                (false, None) => "?",
            };
            out.insert(path.to_string(), kind.to_string());
        }
    }

    /// The schema's path for a form field: list items as `[]`, the
    /// survey's age bands as a map, a plan row's parts at their depth.
    fn schema_path(path: &str, kind: Kind) -> Vec<String> {
        let listed = |list: &str, key: &str| format!("{list}[].{key}");
        let one = |p: String| vec![p];
        match path.rsplit_once('.') {
            Some(("population.age" | "population.idp_age" | "settlements", _)) => {
                let (list, key) = path.rsplit_once('.').unwrap();
                one(listed(list, key))
            }
            Some(("social_services.providers" | "social_services.services" | "risks", _)) => {
                let (list, key) = path.rsplit_once('.').unwrap();
                one(listed(list, key))
            }
            Some(("survey.age", "band")) => vec![],
            Some(("survey.age", "share")) => one("survey.age{}".into()),
            Some(("survey.top_services", _)) => one("survey.top_services[]".into()),
            Some(("plan.directions", "direction")) => one("plan.directions[].title".into()),
            Some(("plan.directions", "goal")) => one("plan.directions[].goals[].title".into()),
            Some(("plan.directions", key)) => {
                one(format!("plan.directions[].goals[].measures[].{key}"))
            }
            Some(("sources", "source")) => {
                vec!["sources[]|0".into(), "sources[]|1.source".into()]
            }
            Some(("sources", key)) => one(format!("sources[]|1.{key}[]"))
                .into_iter()
                .map(|p| match kind {
                    Date => p.trim_end_matches("[]").to_string(),
                    _ => p,
                })
                .collect(),
            _ if kind == Ids => one(format!("{path}[]")),
            _ => one(path.to_string()),
        }
    }

    #[test]
    fn the_form_has_every_field_of_the_schema_with_its_kind() {
        let mut leaves = schema_leaves();
        for (path, field) in fields() {
            for schema_path in schema_path(&path, field.kind) {
                let kind = leaves
                    .remove(&schema_path)
                    .unwrap_or_else(|| panic!("the schema lacks {schema_path} (form: {path})"));
                let expected = match field.kind {
                    Text | Date | Ids => "string",
                    Count | Year => "integer",
                    Decimal | Money | Percent => "number",
                    Bool => "boolean",
                    Choice(_) | Choices(_) => "enum",
                };
                assert_eq!(kind, expected, "{path}");
            }
        }
        assert!(leaves.is_empty(), "the form lacks {leaves:?}");
    }

    #[test]
    fn the_starter_template_explains_every_field_of_the_form() {
        let notes = super::super::notes::parse(crate::scaffold::TEMPLATE);
        for (path, _) in fields() {
            assert!(
                super::super::notes::note(&notes, &path).is_some(),
                "the template has no explanation for {path}"
            );
        }
    }
}

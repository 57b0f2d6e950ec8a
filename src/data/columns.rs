//! The columns of the open data's CSV files, with what a reader's tools
//! need to know of each: its type, unit and allowed values. The CSV
//! writers take their headers from here and the data package describes
//! the same list, so the two cannot drift apart.

/// One column of a CSV file.
pub struct Column {
    pub name: &'static str,
    /// The Frictionless field type: `string`, `integer`, `number`, `date`, `year`.
    pub kind: &'static str,
    pub unit: Option<&'static str>,
    /// The only values allowed, where the format lists them.
    pub values: &'static [&'static str],
}

const fn col(name: &'static str, kind: &'static str, unit: Option<&'static str>) -> Column {
    Column {
        name,
        kind,
        unit,
        values: &[],
    }
}

const fn text(name: &'static str) -> Column {
    col(name, "string", None)
}

const fn count(name: &'static str, unit: &'static str) -> Column {
    col(name, "integer", Some(unit))
}

const fn uah(name: &'static str) -> Column {
    col(name, "number", Some("UAH"))
}

const fn one_of(name: &'static str, values: &'static [&'static str]) -> Column {
    Column {
        name,
        kind: "string",
        unit: None,
        values,
    }
}

const LEVELS: &[&str] = &["low", "medium", "high", "critical"];

/// `passports.csv`, in order.
pub const COLUMNS: &[Column] = &[
    text("id"),
    text("name"),
    one_of("type", &["city", "settlement", "village"]),
    text("oblast"),
    text("oblast_id"),
    text("raion"),
    text("center"),
    text("katottg"),
    col("as_of", "date", None),
    col("area_km2", "number", Some("km²")),
    count("residents", "persons"),
    count("idps", "persons"),
    col("idp_share_pct", "number", Some("%")),
    count("female", "persons"),
    count("male", "persons"),
    col("budget_year", "year", None),
    uah("revenue_uah"),
    uah("expenditure_uah"),
    uah("social_protection_uah"),
    uah("social_protection_per_resident_uah"),
    uah("social_protection_per_resident_and_idp_uah"),
    count("registered_unemployed", "persons"),
    count("small_businesses", "businesses"),
    count("bank_branches", "branches"),
    count("atms", "ATMs"),
    col("max_km_to_bank", "number", Some("km")),
    count("pharmacies", "pharmacies"),
    count("settlements_without_pharmacy", "settlements"),
    count("primary_care_points", "facilities"),
    count("hospitals", "hospitals"),
    count("schools", "schools"),
    count("kindergartens", "kindergartens"),
    count("cultural_institutions", "institutions"),
    count("risks", "risks"),
    count("plan_measures", "measures"),
    uah("plan_cost_uah"),
    one_of("threat_demography", LEVELS),
    one_of("threat_economy", LEVELS),
    one_of("threat_access", LEVELS),
    one_of("threat_services", LEVELS),
    one_of("threat_security", LEVELS),
    one_of("threat_cohesion", LEVELS),
    one_of("threat_highest", LEVELS),
];

/// `measures.csv`, in order: the fields of `MeasureRow`.
pub const MEASURE_COLUMNS: &[Column] = &[
    text("passport"),
    text("community"),
    text("oblast"),
    text("oblast_id"),
    text("direction"),
    text("goal"),
    text("measure"),
    col("year", "year", None),
    uah("cost_uah"),
    one_of("funding", &["local", "state", "donor", "mixed"]),
    one_of("status", &["planned", "in_progress", "done"]),
];

/// `editions.csv`, in order: the fields of `EditionRow`.
pub const EDITION_COLUMNS: &[Column] = &[
    text("id"),
    text("katottg"),
    text("edition"),
    col("as_of", "date", None),
    one_of(
        "indicator",
        &["residents", "idps", "idp_share", "spending_per_resident"],
    ),
    col("value", "number", None),
];

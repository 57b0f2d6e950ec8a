//! The social passport of one community, section by section, as the format
//! (`shared/spec/passport-format.md`) defines it. The serde derives here are
//! the schema: the YAML reader takes allowed keys, required fields and
//! allowed values from them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Oblast;
use super::scalars::{Band, Date, Katottg, Money, Percent, Period};

/// Defines an enum of the keywords a field allows, with `as_str` and `ALL`.
macro_rules! keywords {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $name { $(#[serde(rename = $text)] $variant,)* }

        impl $name {
            /// Every keyword, in the format's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The keyword as written in a passport.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }
    };
}

keywords!(
    /// A community's type, and a settlement's kind.
    Kind { City = "city", Settlement = "settlement", Village = "village" }
);

keywords!(
    /// Who provides social services.
    ProviderKind {
        TerritorialCenter = "territorial_center",
        SocialServicesCenter = "social_services_center",
        RehabilitationCenter = "rehabilitation_center",
        Asc = "asc",
        EmploymentCenter = "employment_center",
        Ngo = "ngo",
        Other = "other",
    }
);

keywords!(
    /// The social services of the national classifier.
    ServiceCode {
        HomeCare = "home_care",
        DayCare = "day_care",
        InpatientCare = "inpatient_care",
        SupportedLiving = "supported_living",
        PalliativeCare = "palliative_care",
        SocialAdaptation = "social_adaptation",
        SocialIntegration = "social_integration",
        SocialRehabilitation = "social_rehabilitation",
        SocialSupport = "social_support",
        CombatantPatronage = "combatant_patronage",
        Counseling = "counseling",
        PsychologicalHelp = "psychological_help",
        Information = "information",
        InKindAssistance = "in_kind_assistance",
        CrisisIntervention = "crisis_intervention",
        Representation = "representation",
        Mediation = "mediation",
        SocialPrevention = "social_prevention",
        PhysicalAccompaniment = "physical_accompaniment",
        SignLanguage = "sign_language",
        Transport = "transport",
        Other = "other",
    }
);

keywords!(
    /// The area a risk belongs to.
    RiskArea {
        Demography = "demography",
        Economy = "economy",
        Access = "access",
        Services = "services",
        Security = "security",
        Cohesion = "cohesion",
    }
);

keywords!(
    /// How severe a risk is.
    Level { Low = "low", Medium = "medium", High = "high", Critical = "critical" }
);

keywords!(
    /// Where a measure's money comes from.
    Funding { Local = "local", State = "state", Donor = "donor", Mixed = "mixed" }
);

keywords!(
    /// How far a measure has come.
    Status { Planned = "planned", InProgress = "in_progress", Done = "done" }
);

/// One community's passport.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Passport {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub oblast: Oblast,
    pub raion: Option<String>,
    pub center: Option<String>,
    pub oblast_center: Option<bool>,
    pub katottg: Option<Katottg>,
    /// The ids this community had in earlier editions, where it changed.
    #[serde(default)]
    pub formerly: Vec<String>,
    pub as_of: Date,
    pub area_km2: Option<f64>,
    pub population: Population,
    #[serde(default)]
    pub settlements: Vec<Settlement>,
    pub social_groups: Option<SocialGroups>,
    pub economy: Option<Economy>,
    pub access: Option<Access>,
    pub administrative_services: Option<AdministrativeServices>,
    pub governance: Option<Governance>,
    pub education_culture: Option<EducationCulture>,
    pub social_services: Option<SocialServices>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    pub survey: Option<Survey>,
    pub plan: Option<Plan>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

keywords!(
    /// A section of the passport a source may be named for.
    SourceSection {
        Population = "population",
        Settlements = "settlements",
        SocialGroups = "social_groups",
        Economy = "economy",
        Access = "access",
        AdministrativeServices = "administrative_services",
        Governance = "governance",
        EducationCulture = "education_culture",
        SocialServices = "social_services",
        Risks = "risks",
        Survey = "survey",
        Plan = "plan",
    }
);

/// Where figures come from: a text for the whole passport, or a source
/// named for some sections, with the date its figures describe.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Source {
    Text(String),
    Sections(SectionSource),
}

/// A source named for some sections of a passport.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionSource {
    pub source: String,
    pub sections: Vec<SourceSection>,
    /// The date its figures describe, if not the passport's `as_of`.
    pub as_of: Option<Date>,
}

impl Source {
    /// The source's text.
    pub fn text(&self) -> &str {
        match self {
            Source::Text(t) => t,
            Source::Sections(s) => &s.source,
        }
    }
}

impl<'de> Deserialize<'de> for Source {
    /// A string is a source for the whole passport; a map names its
    /// sections (read field by field, so its problems keep their lines).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Source, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = Source;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a map with `source`, `sections` and `as_of`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Source, E> {
                Ok(Source::Text(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Source, A::Error> {
                SectionSource::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Source::Sections)
            }
        }
        d.deserialize_any(Either)
    }
}

/// Residents, IDPs and their structure.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// Local residents: the base of every share.
    pub residents: u64,
    /// Internally displaced persons hosted.
    pub idps: Option<u64>,
    pub female: Option<u64>,
    pub male: Option<u64>,
    #[serde(default)]
    pub age: Vec<AgeBand>,
    #[serde(default)]
    pub idp_age: Vec<AgeBand>,
}

/// Women and men in one age band.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    pub band: Band,
    pub female: u64,
    pub male: u64,
}

impl AgeBand {
    /// Women and men together.
    pub fn total(&self) -> u64 {
        self.female + self.male
    }
}

/// A settlement of the community.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settlement {
    pub name: String,
    pub kind: Kind,
    pub population: Option<u64>,
    pub distance_km: Option<f64>,
}

/// Counts of residents in each social group.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SocialGroups {
    pub pensioners: Option<u64>,
    pub people_with_disabilities: Option<u64>,
    pub children_with_disabilities: Option<u64>,
    pub large_families: Option<u64>,
    pub low_income_families: Option<u64>,
    pub orphans: Option<u64>,
    /// Veterans and combatants.
    pub combatants: Option<u64>,
    pub families_of_fallen: Option<u64>,
    pub families_of_mobilized: Option<u64>,
}

impl SocialGroups {
    /// Each group's key and count, in the format's order.
    pub fn entries(&self) -> [(&'static str, Option<u64>); 9] {
        [
            ("pensioners", self.pensioners),
            ("people_with_disabilities", self.people_with_disabilities),
            (
                "children_with_disabilities",
                self.children_with_disabilities,
            ),
            ("large_families", self.large_families),
            ("low_income_families", self.low_income_families),
            ("orphans", self.orphans),
            ("combatants", self.combatants),
            ("families_of_fallen", self.families_of_fallen),
            ("families_of_mobilized", self.families_of_mobilized),
        ]
    }
}

/// Budget and economy.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Economy {
    pub budget_year: Option<u32>,
    pub revenue_uah: Option<Money>,
    pub expenditure_uah: Option<Money>,
    pub social_protection_uah: Option<Money>,
    pub registered_unemployed: Option<u64>,
    pub small_businesses: Option<u64>,
    /// Suffered destruction from the armed aggression.
    pub destruction: Option<bool>,
    pub destruction_note: Option<String>,
}

/// Infrastructure and logistics.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Access {
    pub bank_branches: Option<u64>,
    pub atms: Option<u64>,
    /// Farthest settlement to the nearest bank or ATM, km.
    pub max_km_to_bank: Option<f64>,
    pub pharmacies: Option<u64>,
    pub settlements_without_pharmacy: Option<u64>,
    pub primary_care_points: Option<u64>,
    pub hospitals: Option<u64>,
    pub public_transport: Option<String>,
    pub roads: Option<String>,
}

/// Administrative Service Centres (ЦНАП).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdministrativeServices {
    pub centers: Option<u64>,
    pub remote_workplaces: Option<u64>,
    /// The centre takes social-protection requests.
    pub social_front_office: Option<bool>,
}

/// The council and the social-protection bodies.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    pub council_seats: Option<u64>,
    pub social_protection_unit: Option<String>,
    pub children_service: Option<bool>,
    /// Follows the ministry's model structure (Order No. 868).
    pub model_structure: Option<bool>,
}

/// Schools, kindergartens and culture.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EducationCulture {
    pub schools: Option<u64>,
    pub kindergartens: Option<u64>,
    pub cultural_institutions: Option<u64>,
}

/// Who provides social services, and which services reach how many.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SocialServices {
    /// Buys services from the non-governmental sector.
    pub purchases_from_ngos: Option<bool>,
    #[serde(default)]
    pub providers: Vec<Provider>,
    #[serde(default)]
    pub services: Vec<Service>,
}

/// A provider of social services.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub name: String,
    pub kind: ProviderKind,
    pub staff: Option<u64>,
}

/// A service offered, with its recipients in the last 12 months.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub code: ServiceCode,
    /// The service's name, for `code: other`.
    pub name: Option<String>,
    pub recipients: Option<u64>,
}

/// A risk, problem or danger the community names.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub title: String,
    pub area: RiskArea,
    pub severity: Level,
    pub note: Option<String>,
}

/// The needs assessment among residents. Shares are as the survey gives them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    pub period: Option<String>,
    pub respondents: Option<u64>,
    pub female_pct: Option<Percent>,
    /// % of respondents by age band, in the file's order.
    #[serde(default, with = "ordered")]
    #[schemars(with = "std::collections::BTreeMap<String, Percent>")]
    pub age: Vec<(Band, Percent)>,
    pub income: Option<Income>,
    pub channels: Option<Channels>,
    #[serde(default)]
    pub top_services: Vec<ServiceCode>,
}

/// Respondents' own view of their income, % of respondents.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Income {
    pub not_enough_for_food: Option<Percent>,
    pub food_only: Option<Percent>,
    pub food_and_clothes: Option<Percent>,
    pub durable_goods: Option<Percent>,
    pub anything: Option<Percent>,
}

impl Income {
    /// Each answer's key and share, from the poorest up.
    pub fn entries(&self) -> [(&'static str, Option<Percent>); 5] {
        [
            ("not_enough_for_food", self.not_enough_for_food),
            ("food_only", self.food_only),
            ("food_and_clothes", self.food_and_clothes),
            ("durable_goods", self.durable_goods),
            ("anything", self.anything),
        ]
    }
}

/// Where respondents get information, % of respondents (multiple choice).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channels {
    pub social_media: Option<Percent>,
    pub community_website: Option<Percent>,
    pub tv: Option<Percent>,
    pub radio: Option<Percent>,
    pub print: Option<Percent>,
    pub notice_boards: Option<Percent>,
    pub other: Option<Percent>,
}

impl Channels {
    /// Each channel's key and share, in the format's order.
    pub fn entries(&self) -> [(&'static str, Option<Percent>); 7] {
        [
            ("social_media", self.social_media),
            ("community_website", self.community_website),
            ("tv", self.tv),
            ("radio", self.radio),
            ("print", self.print),
            ("notice_boards", self.notice_boards),
            ("other", self.other),
        ]
    }
}

/// The mid-term plan for the social protection system.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub period: Period,
    #[serde(default)]
    pub directions: Vec<Direction>,
}

impl Plan {
    /// Every measure with the titles of its direction and goal, in plan order.
    pub fn measures(&self) -> impl Iterator<Item = (&str, &str, &Measure)> {
        self.directions.iter().flat_map(|d| {
            d.goals.iter().flat_map(move |g| {
                g.measures
                    .iter()
                    .map(move |m| (d.title.as_str(), g.title.as_str(), m))
            })
        })
    }
}

/// A direction of the plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Direction {
    pub title: String,
    #[serde(default)]
    pub goals: Vec<Goal>,
}

/// A goal within a direction.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub title: String,
    #[serde(default)]
    pub measures: Vec<Measure>,
}

/// A measure that serves a goal.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub title: String,
    pub year: Option<u32>,
    pub cost_uah: Option<Money>,
    pub funding: Option<Funding>,
    pub status: Option<Status>,
}

/// A YAML mapping read into a list of pairs, keeping the file's order.
mod ordered {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::Serialize;
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde::ser::{SerializeMap, Serializer};

    pub fn deserialize<'de, D, K, V>(d: D) -> Result<Vec<(K, V)>, D::Error>
    where
        D: Deserializer<'de>,
        K: Deserialize<'de>,
        V: Deserialize<'de>,
    {
        struct Pairs<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Pairs<K, V> {
            type Value = Vec<(K, V)>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a section of `key: value` lines")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(pairs)
            }
        }
        d.deserialize_map(Pairs(PhantomData))
    }

    pub fn serialize<S: Serializer, K: Serialize, V: Serialize>(
        pairs: &[(K, V)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(pairs.len()))?;
        for (k, v) in pairs {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

//! A passport's parts, for the keys of the outputs that show them: a page
//! made from every passport (the home page, the funding page) shows only
//! some parts of each, and an edit to another part (a risk's note) leaves
//! it as it was.

use std::fmt::Debug;

use serde::Serialize;

use super::model::Passport;

/// A part of a passport: every field is in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Its name, kind, place, area and date.
    Identity,
    Population,
    Settlements,
    SocialGroups,
    Economy,
    Access,
    AdministrativeServices,
    Governance,
    EducationCulture,
    SocialServices,
    Risks,
    Survey,
    Plan,
    Sources,
}

impl Part {
    /// How many parts a passport has (the last one's number, plus one).
    pub const COUNT: usize = Part::Sources as usize + 1;
}

/// What is given each part of a passport with its fields, which it can
/// write as JSON (the part's key) or as `Debug` text.
pub trait PartVisitor {
    fn part<T: Serialize + Debug>(&mut self, part: Part, fields: &T);
}

impl Passport {
    /// Gives `each` every part with its fields. The passport is taken apart
    /// field by field, so that a field added to it must be given a part
    /// here before anything compiles.
    pub fn each_part(&self, each: &mut impl PartVisitor) {
        let Passport {
            name,
            kind,
            oblast,
            raion,
            center,
            oblast_center,
            katottg,
            formerly,
            as_of,
            area_km2,
            population,
            settlements,
            social_groups,
            economy,
            access,
            administrative_services,
            governance,
            education_culture,
            social_services,
            risks,
            survey,
            plan,
            sources,
        } = self;
        each.part(
            Part::Identity,
            &(
                name,
                kind,
                oblast,
                raion,
                center,
                oblast_center,
                katottg,
                formerly,
                as_of,
                area_km2,
            ),
        );
        each.part(Part::Population, population);
        each.part(Part::Settlements, settlements);
        each.part(Part::SocialGroups, social_groups);
        each.part(Part::Economy, economy);
        each.part(Part::Access, access);
        each.part(Part::AdministrativeServices, administrative_services);
        each.part(Part::Governance, governance);
        each.part(Part::EducationCulture, education_culture);
        each.part(Part::SocialServices, social_services);
        each.part(Part::Risks, risks);
        each.part(Part::Survey, survey);
        each.part(Part::Plan, plan);
        each.part(Part::Sources, sources);
    }
}

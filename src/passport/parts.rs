//! A passport's parts, for the keys of the outputs that show them: a page
//! made from every passport (the home page, the funding page) shows only
//! some parts of each, and an edit to another part (a risk's note) leaves
//! it as it was.

use std::fmt::Debug;

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

impl Passport {
    /// Gives `each` every part with its fields. The passport is taken apart
    /// field by field, so that a field added to it must be given a part
    /// here before anything compiles.
    pub fn each_part(&self, mut each: impl FnMut(Part, &dyn Debug)) {
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
        each(
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
        each(Part::Population, population);
        each(Part::Settlements, settlements);
        each(Part::SocialGroups, social_groups);
        each(Part::Economy, economy);
        each(Part::Access, access);
        each(Part::AdministrativeServices, administrative_services);
        each(Part::Governance, governance);
        each(Part::EducationCulture, education_culture);
        each(Part::SocialServices, social_services);
        each(Part::Risks, risks);
        each(Part::Survey, survey);
        each(Part::Plan, plan);
        each(Part::Sources, sources);
    }
}

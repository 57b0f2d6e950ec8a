//! A community's factsheet: the two printed pages a donor reads in a
//! minute. Beside the passport's own view (its charts, cover and sources)
//! it carries the key figures with their places in the oblast and among all
//! communities, the threat level of each area, the gravest risks, what the
//! plan asks of donors, and a QR code of the passport's web page.

use serde::Serialize;

use super::cells::{Cell, Lang};
use crate::figures::SiteFigures;
use crate::figures::{CommunityFigures, Standing};
use crate::i18n::TextField;
use crate::messages::Message;
use crate::passport::{Entry, Passport};

/// How many risks and measures a factsheet names.
const GRAVEST: usize = 3;

/// A key figure and its places.
#[derive(Debug, Serialize)]
pub struct Placed {
    pub label: String,
    pub value: Cell,
    /// `2nd of 4 in the oblast`, if it has a value.
    pub in_oblast: Option<String>,
    /// `40th of 1,469 communities`.
    pub in_site: Option<String>,
}

/// One area's threat level.
#[derive(Debug, Serialize)]
pub struct AreaBadge {
    pub area: String,
    /// Its word, with `badge` set to the level's keyword.
    pub level: Cell,
}

/// A risk the passport names.
#[derive(Debug, Serialize)]
pub struct RiskItem {
    pub title: Cell,
    pub area: String,
    pub level: Cell,
    pub note: Option<Cell>,
}

/// A measure that needs donors.
#[derive(Debug, Serialize)]
pub struct NeedItem {
    pub title: Cell,
    pub year: Option<u32>,
    pub cost: Cell,
}

/// What the plan asks of donors.
#[derive(Debug, Serialize)]
pub struct Needs {
    pub total: Cell,
    /// `4 measures`.
    pub measures: String,
    /// The largest, by cost.
    pub largest: Vec<NeedItem>,
}

/// A passport's web page, for print: its address and a QR code of it.
#[derive(Debug, Serialize)]
pub struct PageLink {
    pub url: String,
    /// The QR code of `url`, as SVG.
    pub qr: String,
}

impl PageLink {
    /// The link to `url`; an error says why no QR code can hold it.
    pub fn new(url: String) -> Result<PageLink, Message> {
        let code =
            qrcode::QrCode::with_error_correction_level(&url, qrcode::EcLevel::M).map_err(|e| {
                tr!(
                    "{url}… cannot be encoded as a QR code: {why}",
                    url = format!("{url:.60}"),
                    why = Message::verbatim(e.to_string())
                )
            })?;
        let qr = code
            .render::<qrcode::render::svg::Color>()
            .quiet_zone(true)
            .module_dimensions(4, 4)
            .build();
        Ok(PageLink { url, qr })
    }
}

/// The factsheet's own figures (the rest is the passport's view).
#[derive(Debug, Serialize)]
pub struct FactsheetView {
    pub placed: Vec<Placed>,
    pub threats: Vec<AreaBadge>,
    pub risks: Vec<RiskItem>,
    pub needs: Option<Needs>,
}

/// The factsheet of entry `i`.
pub fn view(lang: &Lang, entries: &[Entry], figures: &SiteFigures, i: usize) -> FactsheetView {
    let p = &entries[i].passport;
    let oblast_name = lang.oblast_name(p.oblast);
    let written = |places: Option<(Standing, Standing)>| match places {
        Some((o, s)) => (
            Some(lang.fill_many(
                "factsheet.in_oblast",
                &[
                    &oblast_name,
                    &lang.ordinal(o.rank as u64),
                    &lang.locale.int(o.of as u64),
                ],
            )),
            Some(lang.fill_many(
                "factsheet.in_site",
                &[&lang.ordinal(s.rank as u64), &lang.locale.int(s.of as u64)],
            )),
        ),
        None => (None, None),
    };
    let f = &figures.communities[i];
    let [residents, idps, share] = figures.key_places[i];
    let placed = [
        (
            "residents",
            lang.int(Some(p.population.residents)),
            written(residents),
        ),
        ("idps", lang.int(p.population.idps), written(idps)),
        ("idp_share", lang.share(f.idp_share), written(share)),
    ]
    .into_iter()
    .map(|(key, value, (in_oblast, in_site))| Placed {
        label: lang.t(&format!("field.{key}")),
        value,
        in_oblast,
        in_site,
    })
    .collect();
    let threats = figures.threats[i]
        .areas
        .iter()
        .map(|a| AreaBadge {
            area: lang.t(&format!("risk_area.{}", a.area.as_str())),
            level: lang.level(a.level),
        })
        .collect();
    FactsheetView {
        placed,
        threats,
        risks: gravest_risks(lang, p),
        needs: needs(lang, p, f),
    }
}

/// The passport's gravest risks, gravest first (in the passport's order
/// where equal).
fn gravest_risks(lang: &Lang, p: &Passport) -> Vec<RiskItem> {
    let mut risks: Vec<_> = p.risks.iter().enumerate().collect();
    risks.sort_by_key(|(n, r)| (std::cmp::Reverse(r.severity), *n));
    risks
        .into_iter()
        .take(GRAVEST)
        .map(|(_, r)| RiskItem {
            title: lang.text(TextField::RiskTitle, Some(&r.title)),
            area: lang.t(&format!("risk_area.{}", r.area.as_str())),
            level: lang.level(Some(r.severity)),
            note: r
                .note
                .as_deref()
                .map(|n| lang.text(TextField::RiskNote, Some(n))),
        })
        .collect()
}

/// The plan's measures that need donors (as `figures` found them): their
/// sum and the largest.
fn needs(lang: &Lang, p: &Passport, f: &CommunityFigures) -> Option<Needs> {
    let plan = p.plan.as_ref()?;
    let needs = f.donor_needs.as_ref().filter(|n| !n.by_cost.is_empty())?;
    Some(Needs {
        total: lang.money(needs.total),
        measures: lang.count("measure", needs.by_cost.len() as u64),
        largest: needs
            .by_cost
            .iter()
            .take(GRAVEST)
            .map(|&(d, g, m)| &plan.directions[d].goals[g].measures[m])
            .map(|m| NeedItem {
                title: lang.text(TextField::Measure, Some(&m.title)),
                year: m.year,
                cost: lang.money(m.cost_uah),
            })
            .collect(),
    })
}

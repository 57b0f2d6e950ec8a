//! The oblasts of Ukraine (and the Autonomous Republic of Crimea, Kyiv and
//! Sevastopol) that a passport's `oblast` may name, with their ids and
//! English names.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::diagnostic::did_you_mean;
use crate::translit::slug;
use crate::yaml::{CheckedScalar, Invalid};

/// Names as a passport writes them, and the English name donors know.
const OBLASTS: [(&str, &str); 27] = [
    ("Автономна Республіка Крим", "Autonomous Republic of Crimea"),
    ("Вінницька", "Vinnytsia"),
    ("Волинська", "Volyn"),
    ("Дніпропетровська", "Dnipropetrovsk"),
    ("Донецька", "Donetsk"),
    ("Житомирська", "Zhytomyr"),
    ("Закарпатська", "Zakarpattia"),
    ("Запорізька", "Zaporizhzhia"),
    ("Івано-Франківська", "Ivano-Frankivsk"),
    ("Київська", "Kyiv"),
    ("Кіровоградська", "Kirovohrad"),
    ("Луганська", "Luhansk"),
    ("Львівська", "Lviv"),
    ("Миколаївська", "Mykolaiv"),
    ("Одеська", "Odesa"),
    ("Полтавська", "Poltava"),
    ("Рівненська", "Rivne"),
    ("Сумська", "Sumy"),
    ("Тернопільська", "Ternopil"),
    ("Харківська", "Kharkiv"),
    ("Херсонська", "Kherson"),
    ("Хмельницька", "Khmelnytskyi"),
    ("Черкаська", "Cherkasy"),
    ("Чернівецька", "Chernivtsi"),
    ("Чернігівська", "Chernihiv"),
    ("Київ", "Kyiv City"),
    ("Севастополь", "Sevastopol"),
];

/// Each region's place in the tile-grid map (geofacet's `ua_region_grid1`:
/// column and row from 1) and the short labels its tile carries, in
/// Ukrainian and in English, in the order of `OBLASTS`.
const TILES: [((u8, u8), &str, &str); 27] = [
    ((6, 5), "Крим", "Crim"),
    ((4, 3), "Він", "Vin"),
    ((1, 2), "Вол", "Vol"),
    ((7, 3), "Дніп", "Dnip"),
    ((8, 3), "Дон", "Don"),
    ((3, 2), "Жит", "Zhyt"),
    ((1, 4), "Зак", "Zak"),
    ((7, 4), "Зап", "Zap"),
    ((2, 4), "І-Ф", "I-F"),
    ((5, 2), "Київщ", "KyivO"),
    ((6, 3), "Кір", "Kir"),
    ((8, 2), "Луг", "Luh"),
    ((1, 3), "Льв", "Lviv"),
    ((5, 4), "Мик", "Myk"),
    ((4, 4), "Од", "Od"),
    ((6, 2), "Полт", "Polt"),
    ((2, 2), "Рів", "Riv"),
    ((6, 1), "Сум", "Sumy"),
    ((2, 3), "Терн", "Tern"),
    ((7, 2), "Харк", "Khar"),
    ((6, 4), "Херс", "Khe"),
    ((3, 3), "Хмел", "Khm"),
    ((5, 3), "Черк", "Chk"),
    ((3, 4), "Чнв", "Chv"),
    ((5, 1), "Чнг", "Chg"),
    ((4, 2), "Київ", "Kyiv"),
    ((7, 5), "Сев", "Sev"),
];

/// One of the 27 regions a community can belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Oblast(u8);

impl Oblast {
    /// Every region, in the order of the table.
    pub fn all() -> impl Iterator<Item = Oblast> {
        (0..OBLASTS.len() as u8).map(Oblast)
    }

    /// The name as the passport writes it, e.g. `Закарпатська`.
    pub fn name(self) -> &'static str {
        OBLASTS[usize::from(self.0)].0
    }

    /// The English name, e.g. `Zakarpattia`.
    pub fn english(self) -> &'static str {
        OBLASTS[usize::from(self.0)].1
    }

    /// Its place in the tile-grid map: column and row, from 1.
    pub fn tile(self) -> (u8, u8) {
        TILES[usize::from(self.0)].0
    }

    /// The short label of its tile, in Ukrainian or in English.
    pub fn short(self, english: bool) -> &'static str {
        let (_, uk, en) = TILES[usize::from(self.0)];
        if english { en } else { uk }
    }

    /// The region whose id is `id`.
    pub fn from_id(id: &str) -> Option<Oblast> {
        Oblast::all().find(|o| o.id() == id)
    }

    /// The URL id: the name transliterated (KMU No. 55), e.g. `zakarpatska`.
    pub fn id(self) -> String {
        slug(self.name())
    }

    /// Whether the region is a city of special status or Crimea rather than
    /// an oblast (it is then not followed by "oblast" in text).
    pub fn is_oblast(self) -> bool {
        self.name().ends_with("ька")
    }
}

impl CheckedScalar for Oblast {
    const NAME: &'static str = "hromada::Oblast";
    const PLACEHOLDER: &'static str = "Київ";

    fn parse(text: &str) -> Result<Oblast, Invalid> {
        let trimmed = text.trim();
        if let Some(i) = OBLASTS.iter().position(|(name, _)| *name == trimmed) {
            return Ok(Oblast(i as u8));
        }
        let short = trimmed
            .trim_end_matches(" область")
            .trim_end_matches(" обл.");
        if short != trimmed && OBLASTS.iter().any(|(name, _)| *name == short) {
            return Err(Invalid::new(tr!(
                "`{text}`: write the oblast without the word «область»",
                text
            ))
            .hint(tr!("oblast: {short}", short)));
        }
        let usual = match trimmed {
            "м. Київ" | "місто Київ" | "м.Київ" => Some("Київ"),
            "м. Севастополь" | "місто Севастополь" | "м.Севастополь" => {
                Some("Севастополь")
            }
            "АР Крим" | "АРК" | "Крим" | "Республіка Крим" => {
                Some("Автономна Республіка Крим")
            }
            _ => None,
        };
        if let Some(name) = usual {
            return Err(
                Invalid::new(tr!("`{text}` is written differently in a passport", text))
                    .hint(tr!("oblast: {name}", name)),
            );
        }
        let invalid = Invalid::new(tr!("`{text}` is not an oblast of Ukraine", text));
        Err(match did_you_mean(short, OBLASTS.iter().map(|(name, _)| *name)) {
            Some(name) => invalid.hint(tr!("did you mean `{near}`?", near = name)),
            None => invalid.hint(tr!("write the oblast as an adjective, e.g. Закарпатська; or Київ, Севастополь, Автономна Республіка Крим")),
        })
    }
}

impl schemars::JsonSchema for Oblast {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Oblast".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = OBLASTS.iter().map(|(name, _)| *name).collect();
        schemars::json_schema!({ "type": "string", "enum": names, "description": "The oblast, as an adjective (Закарпатська), or Київ, Севастополь, Автономна Республіка Крим" })
    }
}

impl fmt::Display for Oblast {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Oblast {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Message;

    #[test]
    fn ids_follow_the_national_transliteration() {
        let ids: Vec<String> = Oblast::all().map(Oblast::id).collect();
        for expected in [
            "zakarpatska",
            "khmelnytska",
            "zhytomyrska",
            "lvivska",
            "kyiv",
            "sevastopol",
            "zaporizka",
        ] {
            assert!(ids.contains(&expected.to_string()), "{expected}");
        }
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 27);
    }

    #[test]
    fn typos_get_a_hint() {
        let err = Oblast::parse("Закарпацька").unwrap_err();
        assert_eq!(
            err.hint.as_ref().map(Message::english).as_deref(),
            Some("did you mean `Закарпатська`?")
        );
        let err = Oblast::parse("Львівська область").unwrap_err();
        assert_eq!(
            err.hint.as_ref().map(Message::english).as_deref(),
            Some("oblast: Львівська")
        );
        assert!(!Oblast::parse("Київ").unwrap().is_oblast());
        assert_eq!(
            Oblast::parse("м. Київ")
                .unwrap_err()
                .hint
                .as_ref()
                .map(Message::english)
                .as_deref(),
            Some("oblast: Київ")
        );
        assert_eq!(
            Oblast::parse("АР Крим")
                .unwrap_err()
                .hint
                .as_ref()
                .map(Message::english)
                .as_deref(),
            Some("oblast: Автономна Республіка Крим")
        );
    }
}

//! Scalar types of the passport format with rules of their own: dates,
//! money, age bands, plan periods, percentages and codifier codes. Each
//! parses from the text as written and is checked by the YAML reader, so a
//! bad value is reported at its line and reading goes on.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::messages::Message;
use crate::yaml::{
    CheckedScalar, Invalid, ScalarRule, Whole, deserialize_checked, digit_groups, parse_decimal,
    parse_whole,
};

macro_rules! checked_scalar {
    ($($ty:ty),*) => {
        $(impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                deserialize_checked(d)
            }
        })*

        /// The reader's rules for every checked scalar of the format.
        pub fn rules() -> Vec<ScalarRule> {
            vec![$(ScalarRule::of::<$ty>()),*]
        }
    };
}

checked_scalar!(
    Date,
    Money,
    Band,
    Period,
    Percent,
    Katottg,
    crate::passport::Oblast
);

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl CheckedScalar for Date {
    const NAME: &'static str = "hromada::Date";
    const PLACEHOLDER: &'static str = "2000-01-01";

    fn parse(text: &str) -> Result<Date, Invalid> {
        let bad = || {
            Invalid::new(tr!("expected a date as YYYY-MM-DD, found \"{text}\"", text))
                .hint(tr!("e.g. 2023-06-30"))
        };
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>())
        else {
            return Err(bad());
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => {
                return Err(Invalid::new(tr!(
                    "{text} is not a date: there is no month {month}",
                    text,
                    month
                ))
                .hint(tr!(
                    "the month comes second and runs from 01 to 12, e.g. 2023-06-30"
                )));
            }
        };
        if day == 0 || day > days {
            return Err(Invalid::new(tr!(
                "{text} is not a date: month {month} of {year} has {days} days",
                text,
                month,
                year,
                days
            ))
            .hint(tr!(
                "check the day: the date is written year-month-day, e.g. 2023-06-30"
            )));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An amount in hryvnias, kept exactly in kopecks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money {
    pub kopecks: u64,
}

impl Money {
    /// The largest amount any field may hold: a trillion hryvnias, ten
    /// times the largest community's budget, so that no sum of amounts
    /// over the country's plans can overflow.
    pub const MAX_HRYVNIAS: u64 = 1_000_000_000_000;

    /// Whole hryvnias, rounded half up.
    pub fn hryvnias(self) -> u64 {
        (self.kopecks + 50) / 100
    }
}

impl CheckedScalar for Money {
    const NAME: &'static str = "hromada::Money";
    const PLACEHOLDER: &'static str = "0";

    fn parse(text: &str) -> Result<Money, Invalid> {
        if let Some((whole, fraction)) = text.rsplit_once(',')
            && (1..=2).contains(&fraction.len())
            && fraction.bytes().all(|b| b.is_ascii_digit())
        {
            let whole = digit_groups(whole).unwrap_or_else(|| whole.to_string());
            return Err(
                Invalid::new(tr!("`{text}`: amounts use a point for kopecks", text)).hint(tr!(
                    "write {whole}.{fraction}",
                    whole,
                    fraction
                )),
            );
        }
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(fraction) || (whole.is_empty() && !fraction.is_empty()) {
            // Not an amount written with a point: say so of the whole text.
            return Err(parse_whole(text, Whole::Hryvnias).err().unwrap_or_else(|| {
                Invalid::new(tr!("expected an amount, found \"{text}\"", text))
            }));
        }
        if fraction.len() > 2 || (text.contains('.') && fraction.is_empty()) {
            let kopecks: String = fraction.chars().take(2).collect();
            return Err(Invalid::new(tr!(
                "`{text}`: an amount has at most two decimals (kopecks)",
                text
            ))
            .hint(match kopecks.as_str() {
                "" => tr!("write {whole}", whole),
                _ => tr!("round it to kopecks: {whole}.{kopecks}", whole, kopecks),
            }));
        }
        let too_large = || {
            Invalid::new(tr!("`{text}` is too large an amount: no community's figure is over 1 000 000 000 000 hryvnias", text))
            .hint(tr!("write the amount in hryvnias; check it for extra digits"))
        };
        let hryvnias = match whole.parse::<u64>() {
            Ok(h) if h <= Money::MAX_HRYVNIAS => h,
            _ if digits(whole) && !whole.is_empty() => return Err(too_large()),
            _ => parse_whole(whole, Whole::Hryvnias)?,
        };
        // One or two digits after the point: tens of kopecks, or kopecks.
        let kopecks = match fraction.len() {
            0 => 0,
            1 => u64::from(fraction.as_bytes()[0] - b'0') * 10,
            _ => {
                u64::from(fraction.as_bytes()[0] - b'0') * 10
                    + u64::from(fraction.as_bytes()[1] - b'0')
            }
        };
        Ok(Money {
            kopecks: hryvnias * 100 + kopecks,
        })
    }
}

impl fmt::Display for Money {
    /// Hryvnias, with kopecks only when there are any: `1200000`, `10.50`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.kopecks % 100 {
            0 => write!(f, "{}", self.kopecks / 100),
            k => write!(f, "{}.{k:02}", self.kopecks / 100),
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.kopecks.is_multiple_of(100) {
            s.serialize_u64(self.kopecks / 100)
        } else {
            s.serialize_f64(self.kopecks as f64 / 100.0)
        }
    }
}

/// An age band: `0-17` or `60+`, in whole years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Band {
    pub from: u16,
    /// The last year included; `None` for an open band such as `60+`.
    pub to: Option<u16>,
}

impl CheckedScalar for Band {
    const NAME: &'static str = "hromada::Band";
    const PLACEHOLDER: &'static str = "0+";

    fn parse(text: &str) -> Result<Band, Invalid> {
        let bad = || {
            Invalid::new(tr!("expected an age band such as 0-17 or 60+, found \"{text}\"", text))
            .hint(tr!("write the first and last year of age joined by a hyphen, e.g. 18-59, or the first and a plus, e.g. 60+"))
        };
        if let Some(from) = text.strip_suffix('+') {
            return Ok(Band {
                from: from.trim().parse().map_err(|_| bad())?,
                to: None,
            });
        }
        let (from, to) = range(text, tr!("the age band")).map_err(|e| e.unwrap_or_else(bad))?;
        Ok(Band { from, to: Some(to) })
    }
}

impl Band {
    /// Whether two bands share any year of age.
    pub fn overlaps(&self, other: &Band) -> bool {
        let ends_before = |a: &Band, b: &Band| a.to.is_some_and(|to| to < b.from);
        !ends_before(self, other) && !ends_before(other, self)
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.to {
            Some(to) => write!(f, "{}-{}", self.from, to),
            None => write!(f, "{}+", self.from),
        }
    }
}

/// Two whole numbers `from-to` with `from <= to`. `Err(None)` when the text
/// is not of that form (the caller says what was expected), `Err(Some)`
/// when it ends before it starts.
fn range(text: &str, what: Message) -> Result<(u16, u16), Option<Invalid>> {
    let (from, to) = text.split_once('-').ok_or(None)?;
    let (from, to): (u16, u16) = (
        from.trim().parse().map_err(|_| None)?,
        to.trim().parse().map_err(|_| None)?,
    );
    if to < from {
        return Err(Some(
            Invalid::new(tr!(
                "{what} {text} ends before it starts",
                what = what,
                text
            ))
            .hint(tr!("write the smaller number first: {to}-{from}", to, from)),
        ));
    }
    Ok((from, to))
}

/// A span of whole years, `2024-2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: u16,
    pub to: u16,
}

impl CheckedScalar for Period {
    const NAME: &'static str = "hromada::Period";
    const PLACEHOLDER: &'static str = "2000-2000";

    fn parse(text: &str) -> Result<Period, Invalid> {
        let bad = || {
            Invalid::new(tr!(
                "expected a period of years such as 2024-2026, found \"{text}\"",
                text
            ))
            .hint(tr!(
                "write the first and last year joined by a hyphen, e.g. 2024-2026"
            ))
        };
        let (from, to) = range(text, tr!("the period")).map_err(|e| e.unwrap_or_else(bad))?;
        Ok(Period { from, to })
    }
}

impl Period {
    /// Whether a year lies inside the period.
    pub fn contains(&self, year: u32) -> bool {
        (u32::from(self.from)..=u32::from(self.to)).contains(&year)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}-{}", self.from, self.to)
    }
}

/// A share of respondents as the survey gives it, 0 to 100, kept exactly
/// in hundredths of a per cent (at most two decimals), so that shares are
/// added and weighted in whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Percent {
    hundredths: u32,
}

impl Percent {
    /// 100 %, in hundredths.
    pub const WHOLE: u32 = 10_000;

    /// The share of `hundredths` hundredths of a per cent.
    pub fn from_hundredths(hundredths: u32) -> Percent {
        Percent { hundredths }
    }

    /// Hundredths of a per cent: 37.5 % is 3,750.
    pub fn hundredths(self) -> u32 {
        self.hundredths
    }

    /// The percentage as a number, for drawing and printing.
    pub fn value(self) -> f64 {
        f64::from(self.hundredths) / 100.0
    }
}

impl Serialize for Percent {
    /// As the number the passport gives, e.g. `37.5`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

impl CheckedScalar for Percent {
    const NAME: &'static str = "hromada::Percent";
    const PLACEHOLDER: &'static str = "0";

    fn parse(text: &str) -> Result<Percent, Invalid> {
        let number = text.trim_end_matches('%').trim_end();
        // The number's form is checked first, for its hints (a comma for
        // decimals, words instead of digits).
        parse_decimal(number)?;
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
            return Err(
                Invalid::new(tr!("expected a percentage, found \"{text}\"", text)).hint(tr!(
                    "write the share of respondents in per cent, in digits, e.g. 37.5"
                )),
            );
        }
        if fraction.len() > 2 {
            return Err(Invalid::new(tr!(
                "`{text}`: a share of respondents has at most two decimals",
                text
            ))
            .hint(tr!(
                "round it: {whole}.{fraction}",
                whole,
                fraction = &fraction[..2]
            )));
        }
        // "37.5" is 37 whole and 5 tenths: 3,750 hundredths.
        let fraction_hundredths = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<u32>().unwrap_or(0) * 10,
            _ => fraction.parse::<u32>().unwrap_or(0),
        };
        match whole.parse::<u32>() {
            Ok(w) if w <= 100 && w * 100 + fraction_hundredths <= Percent::WHOLE => {
                Ok(Percent::from_hundredths(w * 100 + fraction_hundredths))
            }
            _ => Err(Invalid::new(tr!(
                "a percentage lies between 0 and 100, found {text}",
                text
            ))
            .hint(tr!("write the share of respondents in per cent, e.g. 37.5"))),
        }
    }
}

/// A code of the national codifier of territories (KATOTTG): `UA` and 17 digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Katottg(pub String);

impl CheckedScalar for Katottg {
    const NAME: &'static str = "hromada::Katottg";
    const PLACEHOLDER: &'static str = "UA00000000000000000";

    fn parse(text: &str) -> Result<Katottg, Invalid> {
        let digits = text.strip_prefix("UA").unwrap_or("");
        if digits.len() == 17 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Katottg(text.to_string()))
        } else {
            Err(Invalid::new(tr!(
                "expected a KATOTTG code (UA and 17 digits), found \"{text}\"",
                text
            ))
            .hint(tr!(
                "copy the code from the codifier as it is written there, with no spaces"
            )))
        }
    }
}

macro_rules! serialize_as_text {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    )*};
}

serialize_as_text!(Date, Band, Period);

/// The JSON Schema of a checked scalar, for editors.
macro_rules! scalar_schema {
    ($($ty:ty => $schema:tt;)*) => {$(
        impl schemars::JsonSchema for $ty {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    )*};
}

scalar_schema! {
    Date => { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "A date, YYYY-MM-DD" };
    Money => { "type": "number", "minimum": 0, "description": "Hryvnias (UAH), at most two decimals" };
    Band => { "type": "string", "pattern": "^[0-9]+(-[0-9]+|\\+)$", "description": "An age band such as 0-17 or 60+" };
    Period => { "type": "string", "pattern": "^[0-9]{4}-[0-9]{4}$", "description": "Years, such as 2024-2026" };
    Percent => { "type": "number", "minimum": 0, "maximum": 100, "description": "% of respondents" };
    Katottg => { "type": "string", "pattern": "^UA[0-9]{17}$", "description": "Code in the national codifier (KATOTTG)" };
}

impl Serialize for Katottg {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse_count;

    #[test]
    fn dates_must_exist() {
        assert_eq!(Date::parse("2023-06-30").unwrap().to_string(), "2023-06-30");
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(
            Date::parse("2023-02-29")
                .unwrap_err()
                .message
                .contains("28 days")
        );
        assert!(
            Date::parse("2023-13-01")
                .unwrap_err()
                .message
                .contains("no month 13")
        );
        assert!(Date::parse("30.06.2023").is_err());
    }

    #[test]
    fn money_is_exact() {
        assert_eq!(Money::parse("1200000").unwrap().kopecks, 120_000_000);
        assert_eq!(Money::parse("10.5").unwrap().kopecks, 1050);
        assert_eq!(Money::parse("10.05").unwrap().kopecks, 1005);
        assert!(Money::parse("10.005").is_err());
        assert!(Money::parse("-5").unwrap_err().message.contains("negative"));
        assert_eq!(
            Money::parse("1 200 000,50")
                .unwrap_err()
                .hint
                .as_ref()
                .map(Message::english)
                .as_deref(),
            Some("write 1200000.50")
        );
        assert_eq!(
            Money::parse("1 200 000")
                .unwrap_err()
                .hint
                .as_ref()
                .map(Message::english)
                .as_deref(),
            Some("write the number without separators: 1200000")
        );
    }

    #[test]
    fn bands_and_overlaps() {
        let young = Band::parse("0-17").unwrap();
        let adult = Band::parse("18-59").unwrap();
        let old = Band::parse("60+").unwrap();
        assert!(!young.overlaps(&adult) && !adult.overlaps(&old));
        assert!(Band::parse("15-20").unwrap().overlaps(&young));
        assert!(Band::parse("70+").unwrap().overlaps(&old));
        assert!(Band::parse("17-3").is_err());
    }

    #[test]
    fn periods_and_percents() {
        let p = Period::parse("2024-2026").unwrap();
        assert!(p.contains(2025) && !p.contains(2027));
        assert!(Percent::parse("101").is_err());
        assert!(Percent::parse("100.01").is_err());
        assert_eq!(Percent::parse("37.5").map(Percent::hundredths), Ok(3750));
        assert_eq!(Percent::parse("7%").map(Percent::hundredths), Ok(700));
        assert_eq!(Percent::parse("0.05").map(Percent::hundredths), Ok(5));
        assert_eq!(Percent::parse("100").map(Percent::hundredths), Ok(10_000));
        assert_eq!(Money::parse("12.5"), Ok(Money { kopecks: 1250 }));
        assert_eq!(Money::parse("12.05"), Ok(Money { kopecks: 1205 }));
        assert_eq!(
            Money::parse("1000000000000").map(Money::hryvnias),
            Ok(Money::MAX_HRYVNIAS)
        );
        assert_eq!(parse_count("100000000"), Ok(100_000_000));
        assert!(Katottg::parse("UA21100170000035245").is_ok());
        assert!(Katottg::parse("UA2110").is_err());
    }

    /// The hint `parse` gives for `text`, which it must refuse.
    fn hint<T: fmt::Debug>(parse: fn(&str) -> Result<T, Invalid>, text: &str) -> String {
        parse(text)
            .unwrap_err()
            .hint
            .map(|h| h.english())
            .unwrap_or_default()
    }

    #[test]
    fn every_bad_value_gets_a_hint() {
        let cases = [
            (hint(Date::parse, "2023-13-01"), "from 01 to 12"),
            (hint(Date::parse, "2023-02-30"), "year-month-day"),
            (hint(Date::parse, "30.06.2023"), "2023-06-30"),
            (hint(Money::parse, "10.005"), "round it to kopecks: 10.00"),
            (hint(Money::parse, "10."), "write 10"),
            (hint(Money::parse, "-5"), "an amount is 0 or more"),
            (hint(Money::parse, "99999999999999999999"), "extra digits"),
            (hint(Money::parse, "184467440737095520"), "extra digits"),
            (hint(Money::parse, "багато"), "in digits"),
            (hint(Money::parse, ".nan"), "in digits"),
            (hint(Money::parse, "12.5x"), "in digits"),
            (hint(Money::parse, "1000000000001"), "extra digits"),
            (hint(parse_count, "9223372036854775808"), "extra digits"),
            (hint(parse_count, "100000001"), "extra digits"),
            (hint(Band::parse, "18 to 59"), "e.g. 18-59"),
            (hint(Band::parse, "59-18"), "smaller number first: 18-59"),
            (hint(Period::parse, "2024"), "e.g. 2024-2026"),
            (hint(Percent::parse, "101"), "in per cent"),
            (hint(Percent::parse, "37.555"), "round it: 37.55"),
            (hint(Percent::parse, "багато"), "in digits"),
            (hint(Katottg::parse, "UA2110"), "from the codifier"),
            (hint(parse_count, "-3"), "a count is 0 or more"),
            (hint(parse_count, "2.5"), "whole people or places"),
            (hint(parse_count, "2,5"), "whole people or places"),
            (hint(parse_decimal, "n/a"), "in digits"),
        ];
        for (got, expected) in cases {
            assert!(
                got.contains(expected),
                "{got:?} should contain {expected:?}"
            );
        }
    }
}

//! Numbers, money, shares and plurals as each language writes them: CLDR
//! rules through ICU4X, with the percent and money patterns taken from the
//! theme's UI strings. Views call this; templates only print the results.

use std::cmp::Ordering;

use fixed_decimal::Decimal;
use icu_collator::{Collator, CollatorBorrowed, options::CollatorOptions};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};

use crate::figures::Share;
use crate::passport::Money;

/// Formatting rules of one language.
pub struct Locale {
    decimal: DecimalFormatter,
    plurals: PluralRules,
    ordinals: PluralRules,
    collator: CollatorBorrowed<'static>,
    percent_pattern: String,
    money_pattern: String,
}

/// Why a language's rules can't be had.
#[derive(Debug)]
pub struct UnknownLocale(pub String);

impl Locale {
    /// The rules for `lang` (a BCP 47 code such as `uk`), with the patterns
    /// `percent` and `money`, each holding `{}` where the number goes.
    pub fn new(lang: &str, percent: &str, money: &str) -> Result<Locale, UnknownLocale> {
        let unknown = || UnknownLocale(lang.to_string());
        let locale: IcuLocale = lang.parse().map_err(|_| unknown())?;
        Ok(Locale {
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default())
                .map_err(|_| unknown())?,
            plurals: PluralRules::try_new_cardinal((&locale).into()).map_err(|_| unknown())?,
            ordinals: PluralRules::try_new_ordinal((&locale).into()).map_err(|_| unknown())?,
            collator: Collator::try_new((&locale).into(), CollatorOptions::default())
                .map_err(|_| unknown())?,
            percent_pattern: percent.to_string(),
            money_pattern: money.to_string(),
        })
    }

    /// A whole number: `115 512` (uk, no-break space) or `115,512` (en).
    pub fn int(&self, n: u64) -> String {
        self.decimal.format(&Decimal::from(n)).to_string()
    }

    /// A number with exactly `digits` decimals, rounded half up... from
    /// `value`, which is already scaled: `scaled / 10^digits`.
    pub fn fixed(&self, scaled: u64, digits: i16) -> String {
        let mut d = Decimal::from(scaled);
        d.multiply_pow10(-digits);
        self.decimal.format(&d).to_string()
    }

    /// A decimal number as given, with at most two decimals: `2,5` / `2.5`.
    pub fn decimal(&self, value: f64) -> String {
        let hundredths = (value * 100.0).round() as u64;
        let digits = if hundredths.is_multiple_of(100) {
            0
        } else if hundredths.is_multiple_of(10) {
            1
        } else {
            2
        };
        self.fixed(hundredths / 10u64.pow(2 - digits as u32), digits)
    }

    /// A share to one decimal: `23,6 %` (uk) or `23.6%` (en).
    pub fn share(&self, share: Share) -> String {
        self.percent_pattern
            .replace("{}", &self.fixed(share.tenths(), 1))
    }

    /// A percentage as given in a passport: `35 %` / `35%`.
    pub fn percent(&self, value: f64) -> String {
        self.percent_pattern.replace("{}", &self.decimal(value))
    }

    /// How a percentage is written around its number: `{} %` / `{}%`.
    pub fn percent_pattern(&self) -> &str {
        &self.percent_pattern
    }

    /// How an amount is written around its number: `{} грн` / `UAH {}`.
    pub fn money_pattern(&self) -> &str {
        &self.money_pattern
    }

    /// An amount in whole hryvnias: `1 200 000 грн` / `UAH 1,200,000`.
    pub fn money(&self, m: Money) -> String {
        self.money_pattern.replace("{}", &self.int(m.hryvnias()))
    }

    /// The CLDR plural category of `n`: `one`, `few`, `many` or `other`.
    pub fn plural(&self, n: u64) -> &'static str {
        category(self.plurals.category_for(n))
    }

    /// The CLDR ordinal category of `n` (English: 1st `one`, 2nd `two`,
    /// 3rd `few`, 4th `other`).
    pub fn ordinal(&self, n: u64) -> &'static str {
        category(self.ordinals.category_for(n))
    }

    /// Compares two texts in the language's alphabetical order.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b).then_with(|| a.cmp(b))
    }
}

/// A plural category as UI strings name it.
fn category(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uk() -> Locale {
        Locale::new("uk", "{}\u{a0}%", "{}\u{a0}грн").unwrap()
    }

    fn en() -> Locale {
        Locale::new("en", "{}%", "UAH {}").unwrap()
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        assert_eq!(uk().int(115_512), "115\u{a0}512");
        assert_eq!(en().int(115_512), "115,512");
        assert_eq!(uk().int(2_677_609), "2\u{a0}677\u{a0}609");
        assert_eq!(uk().int(512), "512");
    }

    #[test]
    fn shares_to_one_decimal() {
        let uzhhorod = Share::of(27_280, 115_512).unwrap();
        assert_eq!(uk().share(uzhhorod), "23,6\u{a0}%");
        assert_eq!(en().share(uzhhorod), "23.6%");
        let lviv = Share::of(108_715, 777_234).unwrap();
        assert_eq!(en().share(lviv), "14.0%");
    }

    #[test]
    fn money_and_decimals() {
        let m = Money {
            kopecks: 120_000_000,
        };
        assert_eq!(uk().money(m), "1\u{a0}200\u{a0}000\u{a0}грн");
        assert_eq!(en().money(m), "UAH 1,200,000");
        assert_eq!(uk().decimal(66.3), "66,3");
        assert_eq!(en().decimal(12.0), "12");
        assert_eq!(en().decimal(0.25), "0.25");
    }

    #[test]
    fn ukrainian_plurals_have_three_forms() {
        let uk = uk();
        let forms: Vec<_> = [1, 2, 5, 11, 21, 22, 111]
            .iter()
            .map(|n| uk.plural(*n))
            .collect();
        assert_eq!(forms, ["one", "few", "many", "many", "one", "few", "many"]);
        assert_eq!(en().plural(1), "one");
        assert_eq!(en().plural(21), "other");
    }

    #[test]
    fn ukrainian_alphabetical_order() {
        let uk = uk();
        let mut names = vec![
            "Яворівська",
            "Івано-Франківська",
            "Ізмаїльська",
            "Житомирська",
            "Єнакіївська",
        ];
        names.sort_by(|a, b| uk.compare(a, b));
        assert_eq!(
            names,
            [
                "Єнакіївська",
                "Житомирська",
                "Івано-Франківська",
                "Ізмаїльська",
                "Яворівська"
            ]
        );
    }
}

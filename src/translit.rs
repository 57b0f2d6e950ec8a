//! Ukrainian to Latin by the national system (Cabinet of Ministers
//! resolution No. 55 of 27 January 2010), used for oblast ids and, on
//! English pages, for proper names with no translation.

/// Transliterates Ukrainian text; characters outside the Ukrainian
/// alphabet pass through unchanged.
pub fn transliterate(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let word_start =
            i == 0 || !is_ukrainian_letter(chars[i - 1]) && !is_apostrophe(chars[i - 1]);
        let latin = match lower {
            'з' if chars.get(i + 1).is_some_and(|n| matches!(n, 'г' | 'Г')) => "z",
            'г' if i > 0 && matches!(chars[i - 1], 'з' | 'З') => "gh",
            'є' | 'ї' | 'й' | 'ю' | 'я' if word_start => match lower {
                'є' => "ye",
                'ї' => "yi",
                'й' => "y",
                'ю' => "yu",
                _ => "ya",
            },
            _ => match letter(lower) {
                Some(latin) => latin,
                None if is_apostrophe(c) && i > 0 && is_ukrainian_letter(chars[i - 1]) => "",
                None => {
                    out.push(c);
                    continue;
                }
            },
        };
        if c.is_uppercase() && !latin.is_empty() {
            let upper_word = chars.get(i + 1).is_some_and(|n| n.is_uppercase());
            if upper_word {
                out.push_str(&latin.to_uppercase());
            } else {
                let mut it = latin.chars();
                out.extend(it.next().map(|f| f.to_ascii_uppercase()));
                out.extend(it);
            }
        } else {
            out.push_str(latin);
        }
    }
    out
}

/// Whether `text` is an id as URLs and file names use them: lowercase
/// Latin letters, digits and `-`, beginning with a letter or a digit (so
/// that no id reads as a command-line option, such as `-rf`).
pub fn is_id(text: &str) -> bool {
    text.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An id from a name: transliterated, lowercased, words joined by `-`.
pub fn slug(text: &str) -> String {
    let latin = transliterate(text).to_lowercase();
    let mut out = String::with_capacity(latin.len());
    for c in latin.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ => return None,
    })
}

fn is_ukrainian_letter(c: char) -> bool {
    letter(c.to_lowercase().next().unwrap_or(c)).is_some()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cases: &[(&str, &str)]) {
        for (uk, latin) in cases {
            assert_eq!(transliterate(uk), *latin, "{uk}");
        }
    }

    #[test]
    fn resolution_examples() {
        // The examples printed in the resolution's table.
        check(&[
            ("Алушта", "Alushta"),
            ("Борщагівка", "Borshchahivka"),
            ("Вишгород", "Vyshhorod"),
            ("Гадяч", "Hadiach"),
            ("Згорани", "Zghorany"),
            ("Ґалаґан", "Galagan"),
            ("Дон", "Don"),
            ("Рівне", "Rivne"),
            ("Єнакієве", "Yenakiieve"),
            ("Наєнко", "Naienko"),
            ("Житомир", "Zhytomyr"),
            ("Закарпаття", "Zakarpattia"),
            ("Медвин", "Medvyn"),
            ("Іршава", "Irshava"),
            ("Їжакевич", "Yizhakevych"),
            ("Кадиївка", "Kadyivka"),
            ("Йосипівка", "Yosypivka"),
            ("Стрий", "Stryi"),
            ("Київ", "Kyiv"),
            ("Харків", "Kharkiv"),
            ("Біла Церква", "Bila Tserkva"),
            ("Чернівці", "Chernivtsi"),
            ("Шостка", "Shostka"),
            ("Гоща", "Hoshcha"),
            ("Юрій", "Yurii"),
            ("Корюківка", "Koriukivka"),
            ("Яготин", "Yahotyn"),
            ("Костянтин", "Kostiantyn"),
            ("Знам'янка", "Znamianka"),
            ("Феодосія", "Feodosiia"),
            ("Розгон", "Rozghon"),
        ]);
    }

    #[test]
    fn soft_sign_and_apostrophes_are_dropped() {
        check(&[
            ("Львів", "Lviv"),
            ("Хмельницький", "Khmelnytskyi"),
            ("В’язівка", "Viazivka"),
            ("Мар'їнка", "Marinka"),
        ]);
    }

    #[test]
    fn oblast_ids() {
        assert_eq!(slug("Закарпатська"), "zakarpatska");
        assert_eq!(slug("Хмельницька"), "khmelnytska");
        assert_eq!(slug("Житомирська"), "zhytomyrska");
        assert_eq!(slug("Івано-Франківська"), "ivano-frankivska");
        assert_eq!(
            slug("Автономна Республіка Крим"),
            "avtonomna-respublika-krym"
        );
    }
}

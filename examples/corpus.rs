//! A synthetic national corpus for benchmarks and scale tests: N passports
//! that fill every section with plausible values passing every consistency
//! check, spread over the 24 oblasts in the proportions of the 1,469
//! communities, plus a few long reports. Deterministic for a seed. Every
//! figure is invented: never publish a corpus as fact.
//!
//! With EDITIONS above 1, the corpus has that many editions, a year apart
//! from 2023: the earlier ones closed under `content/editions/<year>/`
//! (with their record, as `hromada edition close` writes it), the latest
//! in `content/passports/` and named in `site.toml`. Each community's
//! residents and IDPs drift from one edition to the next and its plan's
//! measures move on; in the latest, about one in 53 communities is renamed
//! (`formerly` names its old id), one in 37 is not yet updated, and one in
//! 97 is new.
//!
//! `cargo run --release --example corpus -- N DIR [SEED] [EDITIONS]`

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Oblasts and their number of territorial communities (2020 reform).
const OBLASTS: [(&str, u32); 24] = [
    ("Вінницька", 63),
    ("Волинська", 54),
    ("Дніпропетровська", 86),
    ("Донецька", 66),
    ("Житомирська", 66),
    ("Закарпатська", 64),
    ("Запорізька", 67),
    ("Івано-Франківська", 62),
    ("Київська", 69),
    ("Кіровоградська", 49),
    ("Луганська", 37),
    ("Львівська", 73),
    ("Миколаївська", 52),
    ("Одеська", 91),
    ("Полтавська", 60),
    ("Рівненська", 64),
    ("Сумська", 51),
    ("Тернопільська", 55),
    ("Харківська", 56),
    ("Херсонська", 49),
    ("Хмельницька", 60),
    ("Черкаська", 66),
    ("Чернівецька", 52),
    ("Чернігівська", 57),
];

const ROOTS: [&str; 40] = [
    "Берез",
    "Дуб",
    "Вишн",
    "Калин",
    "Лип",
    "Сосн",
    "Верб",
    "Явор",
    "Клен",
    "Горіх",
    "Ясен",
    "Граб",
    "Озер",
    "Криниц",
    "Поліс",
    "Степан",
    "Іван",
    "Петр",
    "Михайл",
    "Олекс",
    "Гнат",
    "Тарас",
    "Богдан",
    "Остап",
    "Захар",
    "Семен",
    "Макар",
    "Федор",
    "Андрі",
    "Юрі",
    "Зелен",
    "Високопіл",
    "Кам'ян",
    "Золот",
    "Срібн",
    "Красн",
    "Білогір",
    "Чорнобаї",
    "Ярем",
    "Єлизавет",
];

const RISKS: [&str; 6] = [
    "Старіння населення віддалених сіл і нестача доглядальників",
    "Перевантаження фахівців соціальної сфери через зростання кількості ВПО",
    "Недостатня транспортна доступність адміністративного центру",
    "Зростання кількості сімей у складних життєвих обставинах",
    "Брак житла для внутрішньо переміщених осіб",
    "Руйнування соціальної інфраструктури внаслідок обстрілів",
];

const MEASURES: [&str; 6] = [
    "Облаштування віддалених робочих місць ЦНАП у старостинських округах",
    "Придбання спеціалізованого транспорту для соціальних працівників",
    "Створення служби денного догляду для людей похилого віку",
    "Навчання фахівців із надання психологічної допомоги",
    "Облаштування тимчасового житла для внутрішньо переміщених осіб",
    "Запровадження послуги підтриманого проживання",
];

const STATUSES: [&str; 3] = ["planned", "in_progress", "done"];

const SERVICES: [&str; 8] = [
    "home_care",
    "day_care",
    "social_support",
    "counseling",
    "psychological_help",
    "in_kind_assistance",
    "transport",
    "information",
];

/// splitmix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// How one edition of a community differs from its first: figures drifted
/// and measures moved on by a rng of its own, so that the passport's own
/// rng (its identity and the rest of its figures) is the same in each.
struct Drift {
    /// Editions since the first (0: the first, unchanged).
    step: u64,
    rng: Rng,
}

impl Drift {
    /// `n` after `step` years of drift, each between −3 % and +2 %.
    fn scale(&mut self, n: u64) -> u64 {
        (0..self.step).fold(n, |n, _| n * (970 + self.rng.range(0, 50)) / 1000)
    }

    /// A measure's status (0 planned, 1 in progress, 2 done) after `step`
    /// years, each moving it on with a chance of one in three.
    fn advance(&mut self, status: usize) -> usize {
        (0..self.step).fold(status, |s, _| {
            (s + usize::from(self.rng.range(0, 2) == 0)).min(2)
        })
    }
}

/// Splits `total` into parts proportional to `weights`, adding up exactly.
fn split(total: u64, weights: &[u64]) -> Vec<u64> {
    let sum: u64 = weights.iter().sum::<u64>().max(1);
    let mut parts: Vec<u64> = weights.iter().map(|w| total * w / sum).collect();
    let rest = total - parts.iter().sum::<u64>();
    parts[0] += rest;
    parts
}

/// Percentages that add up to exactly 100.
fn shares(rng: &mut Rng, n: usize) -> Vec<u64> {
    let weights: Vec<u64> = (0..n).map(|_| rng.range(5, 40)).collect();
    split(100, &weights)
}

fn passport(rng: &mut Rng, index: usize, oblast: &str, drift: &mut Drift) -> (String, String) {
    let kind = match rng.range(0, 99) {
        0..=27 => "city",
        28..=57 => "settlement",
        _ => "village",
    };
    let root = *rng.pick(&ROOTS);
    let center = format!("{root}івка");
    let adjective = match kind {
        "city" => "міська",
        "settlement" => "селищна",
        _ => "сільська",
    };
    let name = format!("{root}івська {adjective} територіальна громада");
    let id = format!("{}-{index:05}", slug(root));
    let residents = match kind {
        "city" if rng.range(0, 19) == 0 => rng.range(150_000, 900_000),
        "city" => rng.range(12_000, 120_000),
        "settlement" => rng.range(5_000, 30_000),
        _ => rng.range(1_500, 14_000),
    };
    let idps = drift.scale(residents * rng.range(2, 30) / 100);
    let residents = drift.scale(residents);
    let bands = ["0-17", "18-59", "60+"];
    let age = split(residents, &[18, 56, 26]);
    let idp_age = split(idps, &[25, 55, 20]);
    let female_share = rng.range(50, 55);
    let mut female = 0;
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Synthetic passport for benchmarks: every figure is invented."
    );
    let _ = writeln!(
        y,
        "name: {name}\ntype: {kind}\noblast: {oblast}\nraion: {root}івський\ncenter: {center}\noblast_center: false"
    );
    let _ = writeln!(
        y,
        "katottg: UA{:017}\nas_of: {}-06-30\narea_km2: {}.{}",
        rng.range(0, 99_999_999_999_999_999),
        2023 + drift.step,
        rng.range(50, 1500),
        rng.range(0, 9)
    );
    let mut age_lines = String::new();
    for (band, total) in bands.iter().zip(&age) {
        let f = total * female_share / 100;
        female += f;
        let _ = writeln!(
            age_lines,
            "    - {{ band: \"{band}\", female: {f}, male: {} }}",
            total - f
        );
    }
    let _ = writeln!(
        y,
        "population:\n  residents: {residents}\n  idps: {idps}\n  female: {female}\n  male: {}\n  age:\n{age_lines}  idp_age:",
        residents - female
    );
    for (band, total) in bands.iter().zip(&idp_age) {
        let f = total * 58 / 100;
        let _ = writeln!(
            y,
            "    - {{ band: \"{band}\", female: {f}, male: {} }}",
            total - f
        );
    }
    let settlements = rng.range(3, 25) as usize;
    let weights: Vec<u64> = (0..settlements)
        .map(|i| if i == 0 { 40 } else { rng.range(2, 12) })
        .collect();
    let _ = writeln!(y, "settlements:");
    for (i, people) in split(residents, &weights).iter().enumerate() {
        let place = if i == 0 {
            center.clone()
        } else {
            format!("{}{}", rng.pick(&ROOTS), ["е", "ове", "ине", "ці"][i % 4])
        };
        let kind = if i == 0 { kind } else { "village" };
        let _ = writeln!(
            y,
            "  - {{ name: \"{place}\", kind: {kind}, population: {people}, distance_km: {} }}",
            if i == 0 { 0 } else { rng.range(2, 45) }
        );
    }
    let g = |rng: &mut Rng, per_mille: u64| residents * per_mille / 1000 + rng.range(0, 20);
    let _ = writeln!(
        y,
        "social_groups:\n  pensioners: {}\n  people_with_disabilities: {}\n  children_with_disabilities: {}\n  large_families: {}\n  low_income_families: {}\n  orphans: {}\n  combatants: {}\n  families_of_fallen: {}\n  families_of_mobilized: {}",
        g(rng, 280),
        g(rng, 70),
        g(rng, 5),
        g(rng, 12),
        g(rng, 20),
        g(rng, 1),
        g(rng, 30),
        g(rng, 2),
        g(rng, 40)
    );
    let revenue = residents * rng.range(9_000, 20_000);
    let expenditure = revenue * rng.range(90, 104) / 100;
    let social = expenditure * rng.range(4, 14) / 100;
    let _ = writeln!(
        y,
        "economy:\n  budget_year: 2023\n  revenue_uah: {revenue}\n  expenditure_uah: {expenditure}\n  social_protection_uah: {social}.{:02}\n  registered_unemployed: {}\n  small_businesses: {}\n  destruction: {}",
        rng.range(0, 99).min(social.saturating_sub(1)).min(99),
        residents / 90,
        residents / 25,
        rng.range(0, 4) == 0
    );
    let _ = writeln!(
        y,
        "access:\n  bank_branches: {}\n  atms: {}\n  max_km_to_bank: {}\n  pharmacies: {}\n  settlements_without_pharmacy: {}\n  primary_care_points: {}\n  hospitals: {}\n  public_transport: Автобусні маршрути з'єднують центр громади з більшістю сіл, але не щодня.\n  roads: Дороги між населеними пунктами потребують поточного ремонту.",
        residents / 12_000 + 1,
        residents / 3_000 + 1,
        rng.range(0, 40),
        residents / 2_000 + 1,
        rng.range(0, settlements as u64 / 2),
        rng.range(1, 12),
        rng.range(0, 3)
    );
    let _ = writeln!(
        y,
        "administrative_services:\n  centers: 1\n  remote_workplaces: {}\n  social_front_office: true",
        rng.range(0, 8)
    );
    let _ = writeln!(
        y,
        "governance:\n  council_seats: {}\n  social_protection_unit: Управління соціального захисту населення\n  children_service: true\n  model_structure: {}",
        rng.range(14, 42),
        rng.range(0, 1) == 1
    );
    let _ = writeln!(
        y,
        "education_culture:\n  schools: {}\n  kindergartens: {}\n  cultural_institutions: {}",
        residents / 2_500 + 1,
        residents / 3_000 + 1,
        rng.range(1, 25)
    );
    let _ = writeln!(
        y,
        "social_services:\n  purchases_from_ngos: {}\n  providers:\n    - name: Центр надання соціальних послуг\n      kind: social_services_center\n      staff: {}\n    - name: Територіальний центр соціального обслуговування\n      kind: territorial_center\n      staff: {}\n  services:",
        rng.range(0, 1) == 1,
        rng.range(5, 60),
        rng.range(5, 80)
    );
    for code in SERVICES.iter().take(rng.range(3, 8) as usize) {
        let _ = writeln!(
            y,
            "    - {{ code: {code}, recipients: {} }}",
            rng.range(10, residents / 20 + 20)
        );
    }
    let _ = writeln!(y, "risks:");
    for _ in 0..rng.range(2, 5) {
        let _ = writeln!(
            y,
            "  - title: {}\n    area: {}\n    severity: {}\n    note: Ризик названо під час обговорення з робочою групою громади та підтверджено опитуванням мешканців.",
            rng.pick(&RISKS),
            rng.pick(&[
                "demography",
                "economy",
                "access",
                "services",
                "security",
                "cohesion"
            ]),
            rng.pick(&["low", "medium", "high", "critical"])
        );
    }
    let age = shares(rng, 4);
    let income = shares(rng, 5);
    let _ = writeln!(
        y,
        "survey:\n  period: 2023-06/2023-09\n  respondents: {}\n  female_pct: {}\n  age: {{ \"18-39\": {}, \"40-54\": {}, \"55-59\": {}, \"60+\": {} }}\n  income: {{ not_enough_for_food: {}, food_only: {}, food_and_clothes: {}, durable_goods: {}, anything: {} }}\n  channels: {{ social_media: {}, community_website: {}, tv: {}, print: {}, notice_boards: {} }}\n  top_services: [home_care, in_kind_assistance, social_support, counseling]",
        rng.range(80, 600),
        rng.range(55, 72),
        age[0],
        age[1],
        age[2],
        age[3],
        income[0],
        income[1],
        income[2],
        income[3],
        income[4],
        rng.range(30, 80),
        rng.range(10, 50),
        rng.range(10, 50),
        rng.range(3, 20),
        rng.range(3, 25)
    );
    let _ = writeln!(y, "plan:\n  period: 2024-2026\n  directions:");
    for d in 0..rng.range(1, 3) {
        let _ = writeln!(
            y,
            "    - title: Напрям {} розвитку системи соціального захисту\n      goals:\n        - title: Підвищити доступність соціальних послуг для мешканців віддалених сіл\n          measures:",
            d + 1
        );
        for _ in 0..rng.range(1, 4) {
            let _ = writeln!(
                y,
                "            - title: {}\n              year: {}\n              cost_uah: {}\n              funding: {}\n              status: {}",
                rng.pick(&MEASURES),
                rng.range(2024, 2026),
                rng.range(50, 5_000) * 1_000,
                rng.pick(&["local", "state", "donor", "mixed"]),
                STATUSES[drift.advance(rng.next() as usize % STATUSES.len())]
            );
        }
    }
    let _ = writeln!(
        y,
        "sources:\n  - Синтетичні дані для перевірки швидкодії; усі цифри вигадані."
    );
    (id, y)
}

fn report(rng: &mut Rng, n: usize, english: bool) -> String {
    let mut md = String::new();
    let (title, para) = if english {
        (
            "Synthetic analytical report",
            "This paragraph stands for the analysis a foundation writes about the communities: the demographic situation, the hosting of internally displaced persons, the budget and the social services, and the measures that need funding. ",
        )
    } else {
        (
            "Синтетичний аналітичний звіт",
            "Цей абзац заступає аналіз, який фонд пише про громади: демографічна ситуація, прийом внутрішньо переміщених осіб, бюджет і соціальні послуги, а також заходи, які потребують фінансування. ",
        )
    };
    let _ = writeln!(
        md,
        "---\ntitle: {title} {n}\ndate: 2023-12-0{n}\nsummary: \"{}\"\n---\n",
        para.trim()
    );
    for section in 1..=12 {
        let _ = writeln!(
            md,
            "## {section}. {}\n",
            if english {
                "Findings"
            } else {
                "Висновки"
            }
        );
        for _ in 0..4 {
            let _ = writeln!(md, "{}\n", para.repeat(rng.range(3, 6) as usize));
        }
        let _ = writeln!(md, "| # | A | B |\n|---|--:|--:|");
        for row in 0..10 {
            let _ = writeln!(
                md,
                "| {row} | {} | {} |",
                rng.range(0, 100_000),
                rng.range(0, 100)
            );
        }
        md.push('\n');
    }
    let _ = writeln!(md, "{{{{ chart(name=\"idp_ranking\") }}}}");
    md
}

fn slug(root: &str) -> String {
    let map = [
        ('а', "a"),
        ('б', "b"),
        ('в', "v"),
        ('г', "h"),
        ('ґ', "g"),
        ('д', "d"),
        ('е', "e"),
        ('є', "ie"),
        ('ж', "zh"),
        ('з', "z"),
        ('и', "y"),
        ('і', "i"),
        ('ї', "i"),
        ('й', "i"),
        ('к', "k"),
        ('л', "l"),
        ('м', "m"),
        ('н', "n"),
        ('о', "o"),
        ('п', "p"),
        ('р', "r"),
        ('с', "s"),
        ('т', "t"),
        ('у', "u"),
        ('ф', "f"),
        ('х', "kh"),
        ('ц', "ts"),
        ('ч', "ch"),
        ('ш', "sh"),
        ('щ', "shch"),
        ('ь', ""),
        ('ю', "iu"),
        ('я', "ia"),
        ('\'', ""),
    ];
    root.to_lowercase()
        .chars()
        .map(|c| {
            map.iter()
                .find(|(k, _)| *k == c)
                .map_or(String::new(), |(_, v)| v.to_string())
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: corpus N DIR [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2023);
    let editions: u64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
    let dir = Path::new(dir);
    let _ = fs::remove_dir_all(dir.join("content"));
    fs::create_dir_all(dir.join("content/passports")).expect("create the corpus folder");
    fs::create_dir_all(dir.join("content/reports")).expect("create the corpus folder");
    let today = (editions > 1).then(|| format!("edition = \"{}\"\n", 2022 + editions));
    fs::write(dir.join("site.toml"), format!("{}title = {{ uk = \"Синтетичний корпус\", en = \"Synthetic corpus\" }}\nbase_url = \"https://example.org/corpus\"\ndefault_language = \"uk\"\nlanguages = [\"uk\", \"en\"]\n", today.unwrap_or_default())).expect("write site.toml");
    let weights: Vec<u64> = OBLASTS.iter().map(|(_, w)| u64::from(*w)).collect();
    let counts = split(n as u64, &weights);
    let mut written = 0;
    let mut rng = Rng(seed);
    for step in 0..editions {
        let latest = step + 1 == editions;
        let year = 2023 + step;
        let folder = if latest {
            dir.join("content/passports")
        } else {
            dir.join(format!("content/editions/{year}/passports"))
        };
        fs::create_dir_all(&folder).expect("create the corpus folder");
        let mut record = String::new();
        // The same sequence in every edition: each community is itself.
        rng = Rng(seed);
        let mut index = 0;
        for ((oblast, _), count) in OBLASTS.iter().zip(&counts) {
            for _ in 0..*count {
                let mut drift = Drift {
                    step,
                    rng: Rng(seed ^ (index as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D)),
                };
                let (mut id, mut yaml) = passport(&mut rng, index, oblast, &mut drift);
                index += 1;
                let new = (index - 1) % 97 == 5;
                if (new && !latest) || (latest && editions > 1 && (index - 1) % 37 == 3) {
                    continue;
                }
                if latest && editions > 1 && (index - 1) % 53 == 7 {
                    yaml = yaml.replacen("\nas_of:", &format!("\nformerly: [{id}]\nas_of:"), 1);
                    id = format!("{id}-n");
                }
                let file = format!("{id}.yaml");
                fs::write(folder.join(&file), &yaml).expect("write a passport");
                let _ = writeln!(
                    record,
                    "\"{file}\" = \"{}\"",
                    blake3::hash(yaml.as_bytes()).to_hex()
                );
                written += 1;
            }
        }
        if !latest {
            fs::write(
                dir.join(format!("content/editions/{year}/edition.toml")),
                format!("name = \"{year}\"\n\n[files]\n{record}"),
            )
            .expect("write an edition's record");
        }
    }
    for r in 1..=3 {
        fs::write(
            dir.join(format!("content/reports/analysis-{r}.md")),
            report(&mut rng, r, false),
        )
        .expect("write a report");
        fs::write(
            dir.join(format!("content/reports/analysis-{r}.en.md")),
            report(&mut rng, r, true),
        )
        .expect("write a report");
    }
    println!(
        "{written} passports in {editions} edition(s) and 3 reports in 2 languages in {}",
        dir.display()
    );
}

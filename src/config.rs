//! `site.toml`: the site's title, address, languages, theme and output
//! folder. A wrong configuration stops the run before anything is read.

use crate::messages::{self, Message};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The longest `base_url`: a QR code (level M) holds 2,331 bytes, and a
/// page's path adds to it.
const MAX_BASE_URL: usize = 1_800;

/// The site configuration, checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title in each language.
    pub title: BTreeMap<String, String>,
    /// Where the site is published, e.g. `https://example.org/passports-2023`.
    pub base_url: String,
    pub default_language: String,
    pub languages: Vec<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output")]
    pub output_dir: PathBuf,
    /// The publishing organisation's name in each language, printed on
    /// every PDF's cover and footer.
    #[serde(default)]
    pub organisation: BTreeMap<String, String>,
    /// The organisation's logo for the PDFs: an SVG or PNG file in the site.
    pub logo: Option<PathBuf>,
    /// How the boundary files in `content/geo/` are read and credited.
    #[serde(default)]
    pub geo: GeoConfig,
    /// `[data]`: the open data's licence.
    #[serde(default)]
    pub data: DataConfig,
    /// Site-wide caveats, each shown where its figures are and carried in
    /// the open data.
    #[serde(default)]
    pub caveats: Vec<Caveat>,
    /// `[i18n]`: translation memory.
    #[serde(default)]
    pub i18n: I18nConfig,
    /// Today's edition (`2024`), where the site keeps past ones in
    /// `content/editions/`; none: the site has no editions.
    pub edition: Option<String>,
    /// The line of `edition` in site.toml (1 if it is not there): where a
    /// clash with a closed edition's name is corrected.
    #[serde(skip)]
    pub edition_line: usize,
    /// `[deploy]`: where `hromada deploy` publishes the built site.
    #[serde(default)]
    pub deploy: DeployConfig,
}

/// `[deploy]`: the target and its limits. Credentials never come from
/// here: S3's are the environment's (`AWS_ACCESS_KEY_ID`, …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// `s3://bucket/prefix` or `file:///path/to/folder`.
    pub to: Option<String>,
    /// More deletions than this are refused without `--force`.
    #[serde(default = "default_max_deletes")]
    pub max_deletes: usize,
    /// `Cache-Control` by file extension (`html`, `pdf`, …) or `default`.
    #[serde(default)]
    pub cache_control: BTreeMap<String, String>,
}

impl Default for DeployConfig {
    fn default() -> Self {
        DeployConfig {
            to: None,
            max_deletes: default_max_deletes(),
            cache_control: BTreeMap::new(),
        }
    }
}

fn default_max_deletes() -> usize {
    256
}

/// `[i18n]`: where `i18n update` looks for translations it can reuse.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct I18nConfig {
    /// PO files of others' translations (last year's, a neighbour's), in
    /// the site folder.
    #[serde(default)]
    pub compendium: Vec<PathBuf>,
    /// How alike (0 to 1) a remembered text must be to be suggested.
    #[serde(default = "default_similarity")]
    pub similarity: f64,
    /// How many seconds `--machine`'s command may take for all the texts.
    #[serde(default = "default_machine_timeout")]
    pub machine_timeout: u64,
    /// Show fuzzy entries on translated pages, flagged "machine or
    /// unreviewed translation", instead of the Ukrainian (off by default).
    #[serde(default)]
    pub publish_fuzzy: bool,
}

impl Default for I18nConfig {
    fn default() -> I18nConfig {
        I18nConfig {
            compendium: Vec::new(),
            similarity: default_similarity(),
            machine_timeout: default_machine_timeout(),
            publish_fuzzy: false,
        }
    }
}

fn default_similarity() -> f64 {
    0.8
}

fn default_machine_timeout() -> u64 {
    300
}

/// `[data]`: what the open data's descriptor says of its terms.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataConfig {
    pub licence: Option<Licence>,
}

/// A licence as a Data Package names it: an SPDX id (`CC-BY-4.0`), its
/// address and title.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub name: String,
    pub path: String,
    pub title: Option<String>,
}

/// The figures a site-wide caveat concerns, and so where it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applies {
    /// Every figure of a passport (e.g. reported by the community itself).
    Passports,
    /// IDP figures and IDP shares.
    Idps,
    /// Shares of survey respondents.
    Survey,
}

impl Applies {
    /// Every kind, in order.
    pub const ALL: [Applies; 3] = [Applies::Passports, Applies::Idps, Applies::Survey];
}

/// `[[caveats]]`: one site-wide caveat in each language.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Caveat {
    /// A short name for scripts: `registered_idps`.
    pub id: String,
    pub applies: Applies,
    /// The caveat in each language.
    pub text: BTreeMap<String, String>,
}

/// `[geo]`: the boundary files' code property and attribution.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeoConfig {
    /// The feature property that holds a community's KATOTTG code.
    #[serde(default = "default_code_property")]
    pub code_property: String,
    /// Whom the map credits for the boundaries, in each language (e.g.
    /// "Boundaries: OCHA, HDX COD-AB, CC BY-IGO").
    #[serde(default)]
    pub attribution: BTreeMap<String, String>,
}

impl Default for GeoConfig {
    fn default() -> GeoConfig {
        GeoConfig {
            code_property: default_code_property(),
            attribution: BTreeMap::new(),
        }
    }
}

fn default_code_property() -> String {
    "katottg".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_output() -> PathBuf {
    "output".into()
}

/// A configuration error, printed as `site.toml:line:col: error: ...`.
#[derive(Debug)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: Message,
}

impl ConfigError {
    /// The error as one line, `site.toml:line:col: error: …` (the word
    /// `error` in every language, as the contract has it).
    pub fn message(&self) -> Message {
        tr!(
            "{file}:{line}:{column}: error: {message}",
            file = self.file.display(),
            line = self.line,
            column = self.column,
            message = self.message.clone()
        )
    }
}

impl Config {
    /// Reads and checks `site/site.toml`.
    pub fn load(site: &Path) -> Result<Config, ConfigError> {
        let file = if site == Path::new(".") {
            PathBuf::from("site.toml")
        } else {
            site.join("site.toml")
        };
        let error = |line, column, message: Message| ConfigError {
            file: file.clone(),
            line,
            column,
            message,
        };
        let text = std::fs::read_to_string(&file).map_err(|e| {
            error(
                1,
                1,
                tr!(
                    "cannot read site.toml: {why} (is {site} a site folder?)",
                    why = messages::io_error(&e),
                    site = site.display()
                ),
            )
        })?;
        Config::parse(&text).map_err(|(offset, message)| {
            let (line, column) = crate::diagnostic::line_col(&text, offset);
            error(line, column, message)
        })
    }

    /// Parses and checks the text of `site.toml`; an error comes with the
    /// byte offset it concerns.
    pub fn parse(text: &str) -> Result<Config, (usize, Message)> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let said = e.message().trim();
            let message = messages::from_serde(said);
            match misplaced(text, offset, said) {
                Some(hint) => (
                    offset,
                    tr!("{message}; {hint}", message = message, hint = hint),
                ),
                None => (offset, message),
            }
        })?;
        let at = |key: &str| text.find(&format!("\n{key}")).map_or(0, |i| i + 1);
        config.edition_line = text[..at("edition")].matches('\n').count() + 1;
        if !config.languages.contains(&config.default_language) {
            return Err((
                at("default_language"),
                tr!(
                    "default_language `{language}` is not in languages {languages}",
                    language = config.default_language,
                    languages = format!("{:?}", config.languages)
                ),
            ));
        }
        if let Some((offset, lang)) = repeated_language(text) {
            return Err((
                offset,
                tr!(
                    "`{lang}` is listed twice in languages; list each language once",
                    lang
                ),
            ));
        }
        for lang in &config.languages {
            let valid = !lang.is_empty()
                && lang.len() <= 8
                && lang.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
            if !valid {
                return Err((
                    at("languages"),
                    tr!("`{lang}` is not a language code such as uk or en", lang),
                ));
            }
        }
        if !config.title.contains_key(&config.default_language) {
            return Err((
                at("title"),
                tr!(
                    "title has no `{default_language}` text",
                    default_language = config.default_language
                ),
            ));
        }
        if let Some(logo) = &config.logo {
            let ext = logo.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "svg" | "png") {
                return Err((
                    at("logo"),
                    tr!(
                        "logo `{logo}` must be an .svg or .png file",
                        logo = logo.display()
                    ),
                ));
            }
        }
        if let Some(edition) = config
            .edition
            .as_deref()
            .filter(|e| !crate::translit::is_id(e))
        {
            return Err((
                at("edition"),
                tr!(
                    "edition `{edition}` cannot name an edition: use digits, lowercase Latin letters and -, e.g. \"2024\"",
                    edition
                ),
            ));
        }
        if let Some(problem) = base_url_problem(&config.base_url) {
            return Err((
                at("base_url"),
                tr!(
                    "base_url `{url}` {problem}",
                    url = config.base_url,
                    problem = problem
                ),
            ));
        }
        if config.base_url.len() > MAX_BASE_URL {
            return Err((
                at("base_url"),
                tr!(
                    "base_url is {base_url} characters long: the factsheets' QR codes cannot hold a page's address longer than {MAX_BASE_URL} characters and its path",
                    base_url = config.base_url.len(),
                    MAX_BASE_URL
                ),
            ));
        }
        if !(0.0..=1.0).contains(&config.i18n.similarity) {
            return Err((
                at("similarity"),
                tr!(
                    "[i18n] similarity {similarity} is not between 0 and 1 (0.8: four characters in five alike)",
                    similarity = config.i18n.similarity
                ),
            ));
        }
        for caveat in &config.caveats {
            if !caveat.text.contains_key(&config.default_language) {
                return Err((
                    text.find(&format!("\"{}\"", caveat.id)).unwrap_or(0),
                    tr!(
                        "caveat `{id}` has no `{default_language}` text",
                        id = caveat.id,
                        default_language = config.default_language
                    ),
                ));
            }
        }
        Ok(config)
    }

    /// The caveats that concern `applies`, in `lang` (else in the default
    /// language), in the order `site.toml` gives them.
    fn caveats(&self, applies: Applies, lang: &str) -> Vec<&str> {
        self.caveats
            .iter()
            .filter(|c| c.applies == applies)
            .filter_map(|c| self.in_lang(&c.text, lang))
            .collect()
    }

    /// Every caveat in `lang`, by what it concerns (each kind, if empty):
    /// what templates and print layouts get as `caveats`.
    pub fn caveats_by_kind(&self, lang: &str) -> BTreeMap<Applies, Vec<&str>> {
        Applies::ALL
            .into_iter()
            .map(|a| (a, self.caveats(a, lang)))
            .collect()
    }

    /// The path part of `base_url` with slashes at both ends: `/` or
    /// `/passports-2023/`. Every link of the site starts with it.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        let trimmed = path.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// The site's title in `lang`, else in the default language.
    pub fn title(&self, lang: &str) -> &str {
        self.in_lang(&self.title, lang).unwrap_or_default()
    }

    /// The boundaries' attribution in `lang`, else in the default language.
    pub fn geo_attribution(&self, lang: &str) -> Option<&str> {
        self.in_lang(&self.geo.attribution, lang)
    }

    /// The organisation's name in `lang`, else in the default language.
    pub fn organisation(&self, lang: &str) -> Option<&str> {
        self.in_lang(&self.organisation, lang)
    }

    fn in_lang<'a>(&self, texts: &'a BTreeMap<String, String>, lang: &str) -> Option<&'a str> {
        texts
            .get(lang)
            .or_else(|| texts.get(&self.default_language))
            .map(String::as_str)
    }
}

/// The second mention of a language listed twice, with its byte offset.
fn repeated_language(text: &str) -> Option<(usize, String)> {
    #[derive(Deserialize)]
    struct Languages {
        languages: Vec<toml::Spanned<String>>,
    }
    let listed: Languages = toml::from_str(text).ok()?;
    let mut seen = std::collections::BTreeSet::new();
    listed
        .languages
        .into_iter()
        .find(|l| !seen.insert(l.get_ref().clone()))
        .map(|l| (l.span().start, l.into_inner()))
}

/// Why a key is unknown where it stands, when it is a top-level key
/// written below a `[table]` heading (TOML gives it to that table): the
/// key's line is moved to the top and the file read again, and if that
/// takes the key, says so.
fn misplaced(text: &str, offset: usize, message: &str) -> Option<Message> {
    let key = message.strip_prefix("unknown field `")?.split('`').next()?;
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1);
    let table = text[..start]
        .lines()
        .rev()
        .find(|line| line.trim_start().starts_with('['))?
        .trim();
    let moved = format!(
        "{}\n{}{}",
        text[start..end].trim_end(),
        &text[..start],
        &text[end..]
    );
    let taken = match toml::from_str::<Config>(&moved) {
        Ok(_) => true,
        Err(e) => !e.message().contains(&format!("`{key}`")),
    };
    taken.then(|| {
        tr!(
            "`{key}` is a top-level key, but below `{table}` it belongs to that table: move it above the first table",
            key,
            table
        )
    })
}

/// What is wrong with a site's address, if anything: every link and
/// asset is made from it, so it must be a plain http(s) address with a
/// host, and nothing after its path.
fn base_url_problem(text: &str) -> Option<Message> {
    let Some((scheme, rest)) = text.split_once("://") else {
        return Some(tr!("must start with https:// or http://"));
    };
    if !matches!(scheme, "https" | "http") {
        return Some(tr!("must start with https:// or http://"));
    }
    if rest.is_empty() || rest.starts_with('/') {
        return Some(tr!("has no host: write it as https://example.org"));
    }
    let Ok(url) = url::Url::parse(text) else {
        return Some(tr!(
            "is not an address: the host may hold only letters, digits, `-` and `.`"
        ));
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Some(tr!("must not carry a user name or password"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Some(tr!(
            "must end with its path: no `?` query and no `#` fragment"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_a_plain_address_with_a_host() {
        for good in [
            "https://example.org",
            "https://example.org/passports-2023/",
            "http://127.0.0.1:1111/",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for (bad, problem) in [
            ("example.org", "must start with"),
            ("ftp://example.org", "must start with"),
            ("https:///nohost", "has no host"),
            ("https://", "has no host"),
            ("https://exa mple.org/", "is not an address"),
            ("https://example.org/p?q=1#frag", "no `?` query"),
            ("https://example.org/p#frag", "no `?` query"),
            ("https://user:pw@example.org/", "user name"),
        ] {
            assert!(
                base_url_problem(bad).is_some_and(|p| p.contains(problem)),
                "{bad}: {:?}",
                base_url_problem(bad)
            );
        }
    }

    const GOOD: &str = "title = { uk = \"Паспорти\", en = \"Passports\" }\nbase_url = \"https://example.org/passports-2023/\"\ndefault_language = \"uk\"\nlanguages = [\"uk\", \"en\"]\n";

    #[test]
    fn base_path_keeps_the_sub_folder() {
        let config = Config::parse(GOOD).unwrap();
        assert_eq!(config.base_path(), "/passports-2023/");
        let root = Config::parse(&GOOD.replace("/passports-2023/", "")).unwrap();
        assert_eq!(root.base_path(), "/");
        assert_eq!(config.theme, "default");
    }

    #[test]
    fn the_edition_s_line_is_kept() {
        let config = Config::parse(&format!("{GOOD}edition = \"2024\"\n")).unwrap();
        assert_eq!(config.edition_line, 5);
        let first = Config::parse(&format!("edition = \"2024\"\n{GOOD}")).unwrap();
        assert_eq!(first.edition_line, 1);
    }

    #[test]
    fn errors_point_into_the_file() {
        let (offset, message) = Config::parse(&format!("{GOOD}outptu_dir = \"x\"\n")).unwrap_err();
        assert!(message.contains("unknown key `outptu_dir`"), "{message:?}");
        assert_eq!(&GOOD[..offset.min(GOOD.len())].matches('\n').count(), &4);
        let (_, message) =
            Config::parse(&GOOD.replace("default_language = \"uk\"", "default_language = \"de\""))
                .unwrap_err();
        assert!(message.contains("not in languages"));
        let twice = GOOD.replace("[\"uk\", \"en\"]", "[\"uk\", \"en\", \"en\"]");
        let (offset, message) = Config::parse(&twice).unwrap_err();
        assert_eq!(
            message,
            "`en` is listed twice in languages; list each language once"
        );
        assert_eq!(&twice[offset..offset + 4], "\"en\"");
        assert_eq!(twice[..offset].rfind("\"en\""), Some(offset - 6));
    }

    #[test]
    fn a_top_level_key_below_a_table_is_told_to_move_up() {
        let below = format!(
            "{GOOD}\n[data]\nlicence = {{ name = \"CC-BY-4.0\", path = \"https://creativecommons.org/licenses/by/4.0/\" }}\noutput_dir = \"public\"\n"
        );
        let (_, message) = Config::parse(&below).unwrap_err();
        assert!(message.contains("unknown key `output_dir`"), "{message:?}");
        assert!(
            message.ends_with("`output_dir` is a top-level key, but below `[data]` it belongs to that table: move it above the first table"),
            "{message:?}"
        );
        // A key no table or top level takes gets no such hint.
        let (_, message) = Config::parse(&below.replace("output_dir", "outptu_dir")).unwrap_err();
        assert!(!message.contains("top-level"), "{message:?}");
    }
}

#[cfg(test)]
mod never_panics {
    use proptest::prelude::*;

    use super::Config;

    const SITE: &str = include_str!("../site.toml");

    proptest! {
        #[test]
        fn on_toml_shaped_text(text in "[a-z_=\\[\\]{}\"'0-9., \\n#:/-]{0,200}") {
            let _ = Config::parse(&text);
        }

        #[test]
        fn on_site_toml_edited_at_random(at in 0usize..SITE.len(), cut in 0usize..40, insert in "\\PC{0,12}") {
            let _ = Config::parse(&crate::fuzz::edited(SITE, at, cut, &insert));
        }
    }
}

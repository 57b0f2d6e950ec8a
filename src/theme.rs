//! The theme: Tera templates, static files and UI strings. The default
//! theme is compiled into the binary; a site's `themes/<name>/` replaces it
//! file by file. Templates are parsed once per run.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use tera::Tera;

use crate::charts::{ChartFont, ChartStyle};
use crate::config::Config;
use crate::design::Design;
use crate::diagnostic::{Code, Diagnostic, line_col};
use crate::figures::methodology;
use crate::messages::{self, Message};
use crate::source::files;
use crate::template_errors::{self, Source};

static DEFAULT: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The font charts are measured in, under `fonts/`.
const CHART_FONT: &str = "regular.ttf";

/// A theme file: its bytes and where it came from (for diagnostics).
struct ThemeFile {
    bytes: Vec<u8>,
    origin: PathBuf,
}

/// A loaded theme.
pub struct Theme {
    tera: Tera,
    /// Each template's text and file, for diagnostics.
    sources: BTreeMap<String, Source>,
    /// Files under `static/`, by path relative to the theme.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The fonts print layouts set text in: `fonts/regular.ttf`, `fonts/bold.ttf`.
    pub fonts: BTreeMap<String, Vec<u8>>,
    /// The design pages, charts and print share (`design.toml`).
    pub design: Design,
    /// How charts look: the font their labels are measured in
    /// (`fonts/regular.ttf`, parsed once) and the design's colours.
    pub chart: ChartStyle,
    /// UI strings by language.
    pub ui: BTreeMap<String, Ui>,
    /// The print layouts (`templates/*.typ`, Typst): text and origin by name.
    pub layouts: BTreeMap<String, (String, PathBuf)>,
    /// A hash of every file of the theme, by path: what a key computed
    /// before a view takes of the look.
    pub digest: crate::cache::Key,
}

/// Why a theme can't be used: a configuration error (exit 2) or broken
/// theme files (exit 1).
pub enum ThemeError {
    Config(Message),
    Content(Vec<Diagnostic>),
}

impl From<ThemeError> for crate::failure::Failure {
    fn from(e: ThemeError) -> Self {
        match e {
            ThemeError::Config(m) => crate::failure::Failure::Usage(tr!("error: {m}", m)),
            ThemeError::Content(found) => crate::failure::Failure::Content(found),
        }
    }
}

impl Theme {
    /// The fonts print and drawings set text in: regular, bold, and the
    /// signs the text face lacks (a theme without one gives an empty slice).
    pub fn font_files(&self) -> [&[u8]; 3] {
        ["regular.ttf", "bold.ttf", "symbols.ttf"]
            .map(|name| self.fonts.get(name).map_or(&[][..], Vec::as_slice))
    }

    /// Loads the built-in theme with the site's overrides for `config.theme`;
    /// returns it with its warnings (links out of the site, skipped).
    pub fn load(site: &Path, config: &Config) -> Result<(Theme, Vec<Diagnostic>), ThemeError> {
        let dir = format!("themes/{}", config.theme);
        if config.theme != "default" && !site.join(&dir).is_dir() {
            return Err(ThemeError::Config(tr!(
                "site.toml: theme `{theme}` not found: there is no folder {dir} in the site",
                theme = config.theme,
                dir
            )));
        }
        let mut merged: BTreeMap<String, ThemeFile> = BTreeMap::new();
        collect_embedded(&DEFAULT, &mut merged);
        let (sources, warnings) = files(site, &dir, &[""]);
        let mut diagnostics = Vec::new();
        for file in sources {
            let rel = file
                .rel
                .strip_prefix(&dir)
                .unwrap_or(&file.rel)
                .to_string_lossy()
                .replace('\\', "/");
            match std::fs::read(&file.abs) {
                Ok(bytes) => {
                    merged.insert(
                        rel,
                        ThemeFile {
                            bytes,
                            origin: file.rel.clone(),
                        },
                    );
                }
                Err(e) => diagnostics.push(Diagnostic::error(
                    &file.rel,
                    (1, 1),
                    Code::Unreadable,
                    tr!("cannot read: {why}", why = messages::io_error(&e)),
                )),
            }
        }
        let mut tera = Tera::default();
        // A theme's template may not read the environment: CI's secrets
        // would be one `{{ get_env(name=…) }}` away from public pages.
        tera.register_function("get_env", |_: &HashMap<String, tera::Value>| {
            Err(tera::Error::msg(
                "`get_env` is switched off: a theme cannot read the environment (CI's secrets would reach public pages)",
            ))
        });
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(crate::html::escape);
        let mut templates = Vec::new();
        let mut statics = BTreeMap::new();
        let mut fonts = BTreeMap::new();
        let mut ui_files = BTreeMap::new();
        let mut layouts = BTreeMap::new();
        let mut chart_font = None;
        let mut design = None;
        let mut digest = crate::cache::KeyMaker::default();
        for (rel, file) in &merged {
            digest.add(rel.as_bytes()).add(&file.bytes);
        }
        for (rel, file) in merged {
            if let Some(name) = rel.strip_prefix("templates/") {
                match String::from_utf8(file.bytes) {
                    Ok(text) if name.ends_with(".typ") => {
                        layouts.insert(name.to_string(), (text, file.origin));
                    }
                    Ok(text) => templates.push((name.to_string(), text, file.origin)),
                    Err(_) => diagnostics.push(Diagnostic::error(
                        &file.origin,
                        (1, 1),
                        Code::NotUtf8,
                        tr!("the template is not UTF-8 text"),
                    )),
                }
            } else if rel == "design.toml" {
                let text = String::from_utf8_lossy(&file.bytes);
                match Design::parse(&text, &file.origin) {
                    Ok(d) => design = Some(d),
                    Err(d) => diagnostics.push(d),
                }
            } else if rel == methodology::FILE {
                // The figures a site publishes do not change with its look.
                diagnostics.push(
                    Diagnostic::error(
                        &file.origin,
                        (1, 1),
                        Code::Methodology,
                        tr!("the threat methodology is the site's, not the theme's: this file is not read"),
                    )
                    .hint(tr!("move it beside site.toml (methodology.toml in the site's folder)")),
                );
            } else if let Some(name) = rel.strip_prefix("fonts/") {
                if name == CHART_FONT {
                    match ChartFont::parse(file.bytes.clone()) {
                        Ok(font) => chart_font = Some(font),
                        Err(problem) => diagnostics.push(
                            Diagnostic::error(
                                &file.origin,
                                (1, 1),
                                Code::Font,
                                tr!("the theme's font cannot be read: {problem}", problem),
                            )
                            .hint(tr!("use a .ttf or .otf font file, or remove the site's copy to use the built-in font")),
                        ),
                    }
                }
                fonts.insert(name.to_string(), file.bytes);
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(name.to_string(), file.bytes);
            } else if let Some(lang) = rel
                .strip_prefix("i18n/")
                .and_then(|n| n.strip_suffix(".toml"))
            {
                ui_files.insert(lang.to_string(), file);
            }
        }
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
        {
            // Tera names the template it failed on in the first line.
            let first = e.to_string();
            let origin = templates
                .iter()
                .find(|(n, _, _)| {
                    first.contains(&format!("'{n}'")) || first.contains(&format!("`{n}`"))
                })
                .map_or(PathBuf::from("templates"), |t| t.2.clone());
            diagnostics.push(template_errors::parsing(&origin, &e));
        } else {
            let mut parsed: Vec<&tera::Template> = tera.templates.values().collect();
            parsed.sort_by(|a, b| a.name.cmp(&b.name));
            for found in crate::template_loops::find(parsed) {
                let Some((_, text, origin)) = templates.iter().find(|t| t.0 == found.template)
                else {
                    continue;
                };
                let line = text
                    .lines()
                    .position(|l| l.contains(&found.needle))
                    .map_or(1, |i| i + 1);
                diagnostics.push(
                    Diagnostic::error(
                        origin,
                        (line, 1),
                        Code::Template,
                        tr!("the template calls itself without end: {path}", path = found.path),
                    )
                    .hint(tr!("put the call that repeats inside an {{% if %}} that stops it, or take it out")),
                );
            }
        }
        let mut ui = BTreeMap::new();
        for lang in &config.languages {
            match ui_files.get(lang) {
                Some(file) => match Ui::parse(lang, file) {
                    Ok(strings) => {
                        ui.insert(lang.clone(), strings);
                    }
                    Err(d) => diagnostics.push(d),
                },
                None => {
                    return Err(ThemeError::Config(tr!(
                        "the theme has no UI strings for `{lang}`: add themes/{theme}/i18n/{lang}.toml (copy i18n/en.toml from the default theme and translate it)",
                        lang,
                        theme = config.theme
                    )));
                }
            }
        }
        if let Some(reference) = ui.get(&config.default_language) {
            for (lang, strings) in &ui {
                let mut lacking: Vec<&String> = reference
                    .strings
                    .keys()
                    .filter(|k| !strings.strings.contains_key(*k) && !k.starts_with("plural."))
                    .collect();
                lacking.sort();
                for key in lacking {
                    diagnostics.push(
                        Diagnostic::error(
                            &strings.origin,
                            (1, 1),
                            Code::UiString,
                            tr!("the UI string `{key}` is missing for `{lang}`", key, lang),
                        )
                        .hint(tr!(
                            "add it as in i18n/{default_language}.toml",
                            default_language = config.default_language
                        )),
                    );
                }
            }
        }
        let (chart_font, design) = match (chart_font, design) {
            (Some(font), Some(design)) if diagnostics.is_empty() => (font, design),
            _ => {
                diagnostics.extend(warnings);
                return Err(ThemeError::Content(diagnostics));
            }
        };
        let sources = templates
            .into_iter()
            .map(|(name, text, origin)| (name, Source { text, origin }))
            .collect();
        let theme = Theme {
            tera,
            sources,
            statics,
            fonts,
            chart: ChartStyle::new(chart_font, &design),
            design,
            ui,
            layouts,
            digest: digest.key(),
        };
        Ok((theme, warnings))
    }
}

impl Theme {
    /// Renders a template as the bytes written to its file, into a buffer
    /// sized for a passport page (Tera's own starts empty and is copied
    /// as it grows, then checked again as text); an error names the
    /// template's file.
    pub fn render_bytes(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(PAGE_BYTES);
        self.tera
            .render_to(template, context, &mut out)
            .map_err(|e| {
                let involved = self.involved(template, &e);
                template_errors::rendering(&e, template, &involved, context)
            })?;
        Ok(out)
    }

    /// The templates rendering `template` went through, in the order a
    /// failure is looked for in them: the last one Tera's causes name
    /// ("while rendering 'macros.html'"), the page's own, its parents
    /// (nearest first), then the macro files any of them import.
    fn involved(&self, template: &str, e: &tera::Error) -> Vec<&Source> {
        let named = template_errors::named_innermost(e);
        let tree = self.tera.templates.get(template);
        let parents = tree
            .into_iter()
            .flat_map(|t| t.parents.iter().map(String::as_str));
        let lineage: Vec<&str> = std::iter::once(template).chain(parents).collect();
        let macros = lineage.iter().flat_map(|name| {
            let imports = self.tera.templates.get(*name);
            imports
                .into_iter()
                .flat_map(|t| t.imported_macro_files.iter().map(|(file, _)| file.as_str()))
        });
        let mut names: Vec<&str> = named
            .as_deref()
            .into_iter()
            .chain(lineage.iter().copied())
            .chain(macros)
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        names.retain(|name| seen.insert(*name));
        names
            .iter()
            .filter_map(|name| self.sources.get(*name))
            .collect()
    }

    /// Renders a template as text.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.render_bytes(template, context)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// What a rendered passport page takes, about: the buffer it starts with.
const PAGE_BYTES: usize = 96 * 1024;

fn collect_embedded(dir: &Dir, into: &mut BTreeMap<String, ThemeFile>) {
    for file in dir.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        into.insert(
            rel.clone(),
            ThemeFile {
                bytes: file.contents().to_vec(),
                origin: PathBuf::from(format!("(built-in theme)/{rel}")),
            },
        );
    }
    for sub in dir.dirs() {
        collect_embedded(sub, into);
    }
}

/// The UI strings of one language, flattened to dotted keys.
pub struct Ui {
    pub lang: String,
    origin: PathBuf,
    /// Looked up for every label of every page: hashed, not ordered.
    strings: HashMap<String, String>,
    /// The strings as nested values, for templates (`t.nav.home`),
    /// converted once.
    pub tree: tera::Value,
}

impl Ui {
    fn parse(lang: &str, file: &ThemeFile) -> Result<Ui, Diagnostic> {
        let text = String::from_utf8_lossy(&file.bytes);
        let tree: toml::Table = toml::from_str(&text).map_err(|e| {
            let (line, _) = line_col(&text, e.span().map_or(0, |s| s.start));
            Diagnostic::error(
                &file.origin,
                (line, 1),
                Code::UiString,
                Message::verbatim(e.message().trim()),
            )
        })?;
        let mut strings = HashMap::new();
        flatten("", &tree, &mut strings);
        Ok(Ui {
            lang: lang.to_string(),
            origin: file.origin.clone(),
            strings,
            tree: serde_json::to_value(&tree).map_err(|e| {
                Diagnostic::error(
                    &file.origin,
                    (1, 1),
                    Code::UiString,
                    Message::verbatim(e.to_string()),
                )
            })?,
        })
    }

    /// The string at `key`, if the file has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    /// The error for a key asked for that the file lacks.
    pub fn missing(&self, key: &str) -> Diagnostic {
        Diagnostic::error(
            &self.origin,
            (1, 1),
            Code::UiString,
            tr!(
                "the UI string `{key}` is missing for `{lang}`",
                key,
                lang = self.lang
            ),
        )
        .hint(tr!("add it to the theme's i18n file"))
    }
}

fn flatten(prefix: &str, table: &toml::Table, into: &mut HashMap<String, String>) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(t) => flatten(&path, t, into),
            toml::Value::String(s) => {
                into.insert(path, s.clone());
            }
            other => {
                into.insert(path, other.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ab_glyph::{Font, FontRef};

    /// Print has no system fonts to fall back on: a character no theme
    /// font has would print as nothing.
    #[test]
    fn every_character_the_theme_prints_has_a_glyph() {
        let fonts: Vec<FontRef> = [
            &include_bytes!("../themes/default/fonts/regular.ttf")[..],
            include_bytes!("../themes/default/fonts/bold.ttf"),
            include_bytes!("../themes/default/fonts/symbols.ttf"),
        ]
        .into_iter()
        .map(|bytes| FontRef::try_from_slice(bytes).unwrap())
        .collect();
        let texts = [
            include_str!("../themes/default/i18n/uk.toml"),
            include_str!("../themes/default/i18n/en.toml"),
            crate::figures::methodology::DEFAULT,
            // Signs the code writes: a threshold's comparison, arrows.
            "≥ ≤ → ← ↑ ↓ ≈ ≠ − Σ … « » — – ₴ № · ×",
        ];
        let missing: std::collections::BTreeSet<char> = texts
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .filter(|&c| fonts.iter().all(|f| f.glyph_id(c).0 == 0))
            .collect();
        assert!(missing.is_empty(), "no theme font has {missing:?}");
    }
}

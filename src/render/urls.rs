//! The site's URLs (the table of `site-contract.md`) in one place: every
//! link and every output file name comes from here, under `base_url`'s path.

/// A page's place: its language and its path below that language's root,
/// such as `passports/uzhhorodska/` (empty for the home page).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    pub lang: String,
    pub path: String,
}

/// Builds links for a site.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `/` or `/passports-2023/`.
    pub base: String,
    /// `https://example.org`: scheme and host, no path.
    origin: String,
    default_lang: String,
    /// A closed edition's name, when these are the links of its archive:
    /// its home and passport pages live under `editions/<name>/`, every
    /// other link leads to today's site.
    edition: Option<String>,
}

impl Urls {
    /// URLs under `base_url`, with `default_lang` at the root.
    pub fn new(base_url: &str, base_path: String, default_lang: &str) -> Urls {
        let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
        let host_end = base_url[after_scheme..]
            .find('/')
            .map_or(base_url.len(), |i| after_scheme + i);
        Urls {
            base: base_path,
            origin: base_url[..host_end].to_string(),
            default_lang: default_lang.to_string(),
            edition: None,
        }
    }

    /// The same links for the archive of the closed edition `name`.
    pub fn archive(mut self, name: &str) -> Urls {
        self.edition = Some(name.to_string());
        self
    }

    /// The same links for today's site.
    pub fn today(mut self) -> Urls {
        self.edition = None;
        self
    }

    /// A route's path below its language's root: in an archive, its home
    /// and passports are the edition's own.
    fn path<'r>(&self, route: &'r Route) -> std::borrow::Cow<'r, str> {
        let archived = route.path.is_empty() || route.path.starts_with(Section::Passports.dir());
        match &self.edition {
            Some(name) if archived => {
                format!("{}/{name}/{}", Section::Editions.dir(), route.path).into()
            }
            _ => route.path.as_str().into(),
        }
    }

    fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.default_lang {
            String::new()
        } else {
            format!("{lang}/")
        }
    }

    /// The link to a route: `/passports-2023/en/passports/x/`.
    pub fn href(&self, route: &Route) -> String {
        format!(
            "{}{}{}",
            self.base,
            self.lang_prefix(&route.lang),
            self.path(route)
        )
    }

    /// The full address of a route, for canonical links and the sitemap.
    pub fn absolute(&self, route: &Route) -> String {
        format!("{}{}", self.origin, self.href(route))
    }

    /// The file a route is written to, relative to the output folder.
    pub fn file(&self, route: &Route) -> String {
        format!(
            "{}{}{INDEX}",
            self.lang_prefix(&route.lang),
            self.path(route)
        )
    }

    /// A route's print layout, `<stem>.<lang>.pdf` in the route's folder:
    /// its link and its file.
    pub fn pdf(&self, route: &Route, stem: &str) -> (String, String) {
        let file = format!(
            "{}{}{stem}.{}.pdf",
            self.lang_prefix(&route.lang),
            self.path(route),
            route.lang
        );
        (format!("{}{file}", self.base), file)
    }

    /// The feed of reports in `lang`: its link and its file.
    pub fn feed(&self, lang: &str) -> (String, String) {
        let file = format!("{}{FEED}", self.lang_prefix(lang));
        (self.absolute_shared(&file), file)
    }

    /// A link to a file that is the same in every language (data, styles).
    pub fn shared(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The full address of a file that is the same in every language.
    pub fn absolute_shared(&self, path: &str) -> String {
        format!("{}{}", self.origin, self.shared(path))
    }
}

/// The page a server shows at an address the site does not have.
pub const NOT_FOUND: &str = "404.html";

/// The site map.
pub const SITEMAP: &str = "sitemap.xml";

/// What crawlers may read, and where the site map is. (Crawlers read it
/// at a domain's root: a site under a path puts it there itself.)
pub const ROBOTS: &str = "robots.txt";

/// An open-data file, the same in every language: `data/<name>`.
pub fn data_file(name: &str) -> String {
    format!("{}/{name}", Section::Data.dir())
}

/// A file of `forms/`: the passport form to fill in (the same file for
/// every language).
pub fn form_file(name: &str) -> String {
    format!("{}/{name}", Section::Forms.dir())
}

/// A page's share card, in the page's folder.
pub const CARD: &str = "card.png";

/// The stylesheet made from the theme's design, under `static/`.
pub const DESIGN_CSS: &str = "design.css";

/// One of the theme's static files: `static/<name>`.
pub fn static_file(name: &str) -> String {
    format!("{}/{name}", Section::Static.dir())
}

/// The folders at the top of a language's tree that the site fills itself;
/// every route below starts with one of them (or is the home page's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Passports,
    Oblasts,
    Reports,
    Funding,
    Threats,
    Survey,
    Compare,
    Data,
    Static,
    Fonts,
    /// The home page's chart files and embed pages (`charts/<name>.svg`).
    Charts,
    Editions,
    Forms,
}

impl Section {
    /// Every section, in the order of the contract's table.
    pub const ALL: [Section; 13] = [
        Section::Passports,
        Section::Oblasts,
        Section::Reports,
        Section::Funding,
        Section::Threats,
        Section::Survey,
        Section::Compare,
        Section::Data,
        Section::Static,
        Section::Fonts,
        Section::Charts,
        Section::Editions,
        Section::Forms,
    ];

    /// The folder's name.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Passports => "passports",
            Section::Oblasts => "oblasts",
            Section::Reports => "reports",
            Section::Funding => "funding",
            Section::Threats => "threats",
            Section::Survey => "survey",
            Section::Compare => "compare",
            Section::Data => "data",
            Section::Static => "static",
            Section::Fonts => "fonts",
            Section::Charts => "charts",
            Section::Editions => "editions",
            Section::Forms => "forms",
        }
    }
}

/// The files at the top of the site (besides each page's `index.html`):
/// a foundation's page named after one of their stems would stand beside
/// it and be mistaken for it.
const TOP_FILES: [&str; 6] = [NOT_FOUND, SITEMAP, ROBOTS, FEED, CARD, INDEX];

/// A page's file in its folder.
const INDEX: &str = "index.html";

/// The feed of reports, at a language's root.
const FEED: &str = "atom.xml";

/// Where the site itself publishes at `name`, if it does: a foundation's
/// page (`content/pages/<name>.md`) may not take that place. `languages`
/// are the site's, whose codes are the other languages' roots.
pub fn taken(name: &str, languages: &[String]) -> Option<String> {
    let section = Section::ALL.iter().map(|s| s.dir());
    let stem = TOP_FILES
        .iter()
        .filter_map(|f| f.split_once('.'))
        .map(|(s, _)| s);
    let languages = languages.iter().map(String::as_str);
    if section.chain(languages).any(|s| s == name) {
        return Some(format!("/{name}/"));
    }
    TOP_FILES
        .iter()
        .zip(stem)
        .find(|(_, stem)| *stem == name)
        .map(|(file, _)| format!("/{file}"))
}

/// The folder, inside a page's own, that holds its charts' files and embed
/// pages.
const CHARTS: &str = "charts/";

/// A chart's files beside its page: their path without the extension
/// (`passports/x/charts/pyramid`, then `.svg`, `.png`, `.csv`).
pub fn chart_files(page_dir: &str, name: &str) -> String {
    format!("{page_dir}{CHARTS}{name}")
}

/// A chart's embed page.
pub fn chart_embed(route: &Route, name: &str) -> Route {
    Route {
        lang: route.lang.clone(),
        path: format!("{}{CHARTS}{name}/", route.path),
    }
}

/// The page file whose rendering makes `path`, a chart's file or a share
/// card; `None` for any other file.
pub fn page_of_extra(path: &str) -> Option<String> {
    let dir = match path.split_once(CHARTS) {
        Some((dir, _)) => dir,
        None => path.strip_suffix(CARD)?,
    };
    Some(format!("{dir}{INDEX}"))
}

fn in_section(lang: &str, section: Section, rest: &str) -> Route {
    Route {
        lang: lang.into(),
        path: format!("{}/{rest}", section.dir()),
    }
}

/// Route builders, one per kind of page.
pub fn home(lang: &str) -> Route {
    Route {
        lang: lang.into(),
        path: String::new(),
    }
}

/// One passport.
pub fn passport(lang: &str, id: &str) -> Route {
    in_section(lang, Section::Passports, &format!("{id}/"))
}

/// One oblast.
pub fn oblast(lang: &str, id: &str) -> Route {
    in_section(lang, Section::Oblasts, &format!("{id}/"))
}

/// The list of reports.
pub fn reports(lang: &str) -> Route {
    in_section(lang, Section::Reports, "")
}

/// One of the foundation's own pages.
pub fn page(lang: &str, name: &str) -> Route {
    Route {
        lang: lang.into(),
        path: format!("{name}/"),
    }
}

/// Funding needs.
pub fn funding(lang: &str) -> Route {
    in_section(lang, Section::Funding, "")
}

/// One oblast's funding needs.
pub fn oblast_funding(lang: &str, id: &str) -> Route {
    in_section(lang, Section::Funding, &format!("{id}/"))
}

/// The threat levels of every community, and the methodology.
pub fn threats(lang: &str) -> Route {
    in_section(lang, Section::Threats, "")
}

/// The survey of residents, combined.
pub fn survey(lang: &str) -> Route {
    in_section(lang, Section::Survey, "")
}

/// Communities side by side, as the reader picks them.
pub fn compare(lang: &str) -> Route {
    in_section(lang, Section::Compare, "")
}

/// One report.
pub fn report(lang: &str, name: &str) -> Route {
    in_section(lang, Section::Reports, &format!("{name}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_live_under_the_base_path() {
        let urls = Urls::new(
            "https://example.org/passports-2023",
            "/passports-2023/".into(),
            "uk",
        );
        assert_eq!(
            urls.href(&passport("uk", "lvivska")),
            "/passports-2023/passports/lvivska/"
        );
        assert_eq!(
            urls.href(&passport("en", "lvivska")),
            "/passports-2023/en/passports/lvivska/"
        );
        assert_eq!(
            urls.absolute(&home("en")),
            "https://example.org/passports-2023/en/"
        );
        assert_eq!(urls.file(&home("uk")), "index.html");
        assert_eq!(
            urls.file(&oblast("en", "zakarpatska")),
            "en/oblasts/zakarpatska/index.html"
        );
        assert_eq!(
            urls.pdf(&passport("en", "lvivska"), "lvivska"),
            (
                "/passports-2023/en/passports/lvivska/lvivska.en.pdf".into(),
                "en/passports/lvivska/lvivska.en.pdf".into()
            )
        );
        assert_eq!(
            urls.pdf(&passport("uk", "lvivska"), "lvivska").1,
            "passports/lvivska/lvivska.uk.pdf"
        );
        assert_eq!(
            urls.shared("static/style.css"),
            "/passports-2023/static/style.css"
        );
    }

    #[test]
    fn an_archive_keeps_its_home_and_passports_and_links_to_today_for_the_rest() {
        let urls = Urls::new("https://example.org", "/".into(), "uk").archive("2023");
        assert_eq!(urls.href(&home("uk")), "/editions/2023/");
        assert_eq!(
            urls.file(&passport("en", "lvivska")),
            "en/editions/2023/passports/lvivska/index.html"
        );
        assert_eq!(
            urls.pdf(&passport("uk", "lvivska"), "lvivska").0,
            "/editions/2023/passports/lvivska/lvivska.uk.pdf"
        );
        assert_eq!(urls.href(&oblast("uk", "lvivska")), "/oblasts/lvivska/");
        assert_eq!(urls.shared("static/style.css"), "/static/style.css");
    }

    #[test]
    fn a_page_may_take_no_place_the_site_publishes_at() {
        let languages = ["uk".to_string(), "en".to_string()];
        for (name, place) in [
            ("compare", "/compare/"),
            ("charts", "/charts/"),
            ("editions", "/editions/"),
            ("forms", "/forms/"),
            ("en", "/en/"),
            ("404", "/404.html"),
            ("index", "/index.html"),
            ("card", "/card.png"),
            ("sitemap", "/sitemap.xml"),
        ] {
            assert_eq!(taken(name, &languages).as_deref(), Some(place), "{name}");
        }
        assert_eq!(taken("about", &languages), None);
        assert_eq!(taken("methodology", &languages), None);
    }

    #[test]
    fn a_chart_file_and_a_card_lead_back_to_their_page() {
        let page = passport("uk", "lvivska");
        let dir = "passports/lvivska/";
        assert_eq!(
            page_of_extra(&format!("{}.svg", chart_files(dir, "pyramid"))).as_deref(),
            Some("passports/lvivska/index.html")
        );
        assert_eq!(
            chart_embed(&page, "pyramid").path,
            "passports/lvivska/charts/pyramid/"
        );
        assert_eq!(
            page_of_extra("en/card.png").as_deref(),
            Some("en/index.html")
        );
        assert_eq!(page_of_extra("data/passports.csv"), None);
    }
}

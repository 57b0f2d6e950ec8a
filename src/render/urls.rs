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
            route.path
        )
    }

    /// The full address of a route, for canonical links and the sitemap.
    pub fn absolute(&self, route: &Route) -> String {
        format!("{}{}", self.origin, self.href(route))
    }

    /// The file a route is written to, relative to the output folder.
    pub fn file(&self, route: &Route) -> String {
        format!("{}{}index.html", self.lang_prefix(&route.lang), route.path)
    }

    /// A route's print layout, `<stem>.<lang>.pdf` in the route's folder:
    /// its link and its file.
    pub fn pdf(&self, route: &Route, stem: &str) -> (String, String) {
        let file = format!(
            "{}{}{stem}.{}.pdf",
            self.lang_prefix(&route.lang),
            route.path,
            route.lang
        );
        (format!("{}{file}", self.base), file)
    }

    /// The feed of reports in `lang`: its link and its file.
    pub fn feed(&self, lang: &str) -> (String, String) {
        let file = format!("{}atom.xml", self.lang_prefix(lang));
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
    format!("data/{name}")
}

/// A page's share card, in the page's folder.
pub const CARD: &str = "card.png";

/// The stylesheet made from the theme's design, under `static/`.
pub const DESIGN_CSS: &str = "design.css";

/// One of the theme's static files: `static/<name>`.
pub fn static_file(name: &str) -> String {
    format!("static/{name}")
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
    Route {
        lang: lang.into(),
        path: format!("passports/{id}/"),
    }
}

/// One oblast.
pub fn oblast(lang: &str, id: &str) -> Route {
    Route {
        lang: lang.into(),
        path: format!("oblasts/{id}/"),
    }
}

/// The list of reports.
pub fn reports(lang: &str) -> Route {
    Route {
        lang: lang.into(),
        path: "reports/".into(),
    }
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
    Route {
        lang: lang.into(),
        path: "funding/".into(),
    }
}

/// One oblast's funding needs.
pub fn oblast_funding(lang: &str, id: &str) -> Route {
    Route {
        lang: lang.into(),
        path: format!("funding/{id}/"),
    }
}

/// The threat levels of every community, and the methodology.
pub fn threats(lang: &str) -> Route {
    Route {
        lang: lang.into(),
        path: "threats/".into(),
    }
}

/// The survey of residents, combined.
pub fn survey(lang: &str) -> Route {
    Route {
        lang: lang.into(),
        path: "survey/".into(),
    }
}

/// Communities side by side, as the reader picks them.
pub fn compare(lang: &str) -> Route {
    Route {
        lang: lang.into(),
        path: "compare/".into(),
    }
}

/// One report.
pub fn report(lang: &str, name: &str) -> Route {
    Route {
        lang: lang.into(),
        path: format!("reports/{name}/"),
    }
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
}

//! What a deploy does, decided before it touches anything: which built
//! files differ from what the target holds (by content hash), in the order
//! that never shows a page before its files, and what to delete last.

use std::collections::{BTreeMap, BTreeSet};

/// A built file: its path under the output folder, size and content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    pub rel: String,
    pub size: u64,
    pub hash: String,
}

/// What the target holds at a path: its size, and its content hash where
/// the target knows it (an object the last deploy wrote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub size: u64,
    pub hash: Option<String>,
}

/// When a file is uploaded: files pages use first, then pages, then the
/// pages and files every visit starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wave {
    /// Styles, scripts, charts, images, PDFs, data.
    Assets,
    /// Every page but the home pages.
    Pages,
    /// The home pages, the sitemap, feeds, robots.txt and the 404 page.
    Entrances,
}

impl Wave {
    /// The wave of the file at `rel` on a site in `languages` (each but
    /// the default one has its home page at `<lang>/index.html`).
    pub fn of(rel: &str, languages: &[String]) -> Wave {
        let home = rel == "index.html"
            || rel
                .strip_suffix("/index.html")
                .is_some_and(|lang| languages.iter().any(|l| l == lang));
        let root_file = !rel.contains('/');
        match (home, root_file, rel.rsplit_once('.').map(|(_, e)| e)) {
            (true, _, _) => Wave::Entrances,
            (_, true, Some("xml" | "txt")) => Wave::Entrances,
            (_, true, _) if rel == "404.html" => Wave::Entrances,
            (_, _, Some("html")) => Wave::Pages,
            _ => Wave::Assets,
        }
    }
}

/// The work of one deploy.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files to upload, in the order to upload them (by wave, then path).
    pub uploads: Vec<Local>,
    /// Paths the target holds that the build no longer has, deleted last.
    pub deletes: Vec<String>,
    /// Files the target already holds as built.
    pub unchanged: usize,
}

impl Plan {
    /// Compares the built files with what the target holds.
    pub fn new(built: Vec<Local>, held: &BTreeMap<String, Held>, languages: &[String]) -> Plan {
        let names: BTreeSet<String> = built.iter().map(|f| f.rel.clone()).collect();
        let mut plan = Plan {
            deletes: held
                .keys()
                .filter(|k| !names.contains(*k))
                .cloned()
                .collect(),
            ..Plan::default()
        };
        for file in built {
            match held.get(&file.rel) {
                Some(h) if h.size == file.size && h.hash.as_deref() == Some(file.hash.as_str()) => {
                    plan.unchanged += 1
                }
                _ => plan.uploads.push(file),
            }
        }
        let key = |f: &Local| (Wave::of(&f.rel, languages), f.rel.clone());
        plan.uploads.sort_by_key(key);
        plan
    }

    /// The bytes to upload.
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|f| f.size).sum()
    }
}

/// The `Content-Type` of a file: by its extension, with `charset=utf-8`
/// for text.
pub fn content_type(rel: &str) -> String {
    let mime = mime_guess::from_path(rel).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.essence_str(),
            "application/json" | "application/javascript" | "image/svg+xml" | "application/xml"
        );
    match text {
        true => format!("{}; charset=utf-8", mime.essence_str()),
        false => mime.essence_str().to_string(),
    }
}

/// The `Cache-Control` of a file: `rules` by its extension (`html`, `pdf`,
/// …), else `rules["default"]`; pages revalidate, files keep an hour,
/// unless the site says otherwise.
pub fn cache_control(rel: &str, rules: &BTreeMap<String, String>) -> String {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    rules
        .get(ext)
        .or_else(|| rules.get("default"))
        .cloned()
        .unwrap_or_else(|| match ext {
            "html" | "xml" | "txt" | "json" => "no-cache".to_string(),
            _ => "public, max-age=3600".to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(rel: &str, hash: &str) -> Local {
        Local {
            rel: rel.into(),
            size: 3,
            hash: hash.into(),
        }
    }

    fn langs() -> Vec<String> {
        vec!["uk".into(), "en".into()]
    }

    #[test]
    fn pages_come_after_their_files_and_home_pages_last() {
        assert_eq!(Wave::of("static/style.css", &langs()), Wave::Assets);
        assert_eq!(Wave::of("passports/a/a.uk.pdf", &langs()), Wave::Assets);
        assert_eq!(Wave::of("data/passports.csv", &langs()), Wave::Assets);
        assert_eq!(Wave::of("passports/a/index.html", &langs()), Wave::Pages);
        assert_eq!(Wave::of("en/passports/a/index.html", &langs()), Wave::Pages);
        assert_eq!(Wave::of("index.html", &langs()), Wave::Entrances);
        assert_eq!(Wave::of("en/index.html", &langs()), Wave::Entrances);
        assert_eq!(Wave::of("sitemap.xml", &langs()), Wave::Entrances);
        assert_eq!(Wave::of("404.html", &langs()), Wave::Entrances);
    }

    #[test]
    fn only_what_differs_is_uploaded_in_waves() {
        let held: BTreeMap<String, Held> = [
            ("a.css", Some("1")),
            ("index.html", Some("2")),
            ("old.html", Some("3")),
            ("p/index.html", None),
        ]
        .into_iter()
        .map(|(k, h)| {
            (
                k.to_string(),
                Held {
                    size: 3,
                    hash: h.map(String::from),
                },
            )
        })
        .collect();
        let built = vec![
            local("index.html", "9"),
            local("p/index.html", "5"),
            local("a.css", "1"),
            local("b.css", "6"),
        ];
        let plan = Plan::new(built, &held, &langs());
        let order: Vec<&str> = plan.uploads.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(order, ["b.css", "p/index.html", "index.html"]);
        assert_eq!(plan.unchanged, 1);
        assert_eq!(plan.deletes, ["old.html"]);
    }

    #[test]
    fn text_is_utf8_and_pages_revalidate() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("c.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("d.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("a.pdf"), "application/pdf");
        let none = BTreeMap::new();
        assert_eq!(cache_control("a/index.html", &none), "no-cache");
        assert_eq!(cache_control("a.pdf", &none), "public, max-age=3600");
        let rules: BTreeMap<String, String> =
            [("pdf".to_string(), "public, max-age=86400".to_string())].into();
        assert_eq!(cache_control("a.pdf", &rules), "public, max-age=86400");
    }
}

//! The keys of a site's outputs, computed from their inputs before any
//! view is made: an output whose key is unchanged since the last build is
//! linked from the previous output, its view never made. A PDF's keys are
//! in `print`; this holds what every output shares and the pages' keys.

use super::print::factsheet_stem;
use super::{Kind, Page, Site};
use crate::cache::{Key, KeyMaker};
use crate::passport::{Entry, Part, PartVisitor};
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Debug;

/// What every output's key starts from: the inputs all of them share,
/// and each passport's keys, by index.
pub(super) struct Inputs {
    shared: KeyMaker,
    passports: Vec<PassportKeys>,
}

/// A passport's key, and each of its parts' keys, by [`Part`].
struct PassportKeys {
    whole: Key,
    parts: [Key; Part::COUNT],
}

impl PassportKeys {
    /// The keys of `e`'s parts, and its whole key made from them (and
    /// from its id, file and edition).
    fn of(e: &Entry) -> PassportKeys {
        struct Parts([Key; Part::COUNT]);
        impl PartVisitor for Parts {
            fn part<T: Serialize + Debug>(&mut self, part: Part, fields: &T) {
                self.0[part as usize] = KeyMaker::default().add_json(fields).key();
            }
        }
        let mut parts = Parts([Key::from_bytes([0; 32]); Part::COUNT]);
        e.passport.each_part(&mut parts);
        let parts = parts.0;
        let mut whole = KeyMaker::default();
        whole.add_debug(&(&e.id, &e.file, &e.edition));
        for part in &parts {
            whole.add(&part.to_bytes());
        }
        PassportKeys {
            whole: whole.key(),
            parts,
        }
    }

    /// The keys of the parts `shown`; for `None`, the whole passport's.
    fn shown(&self, shown: Option<&'static [Part]>) -> impl Iterator<Item = Key> + '_ {
        let parts = shown.unwrap_or_default().iter();
        (parts.map(|p| self.parts[*p as usize])).chain(shown.is_none().then_some(self.whole))
    }
}

impl Kind {
    /// The parts of every passport a page of this kind shows; `None`: all
    /// of each (a passport's page shows only its own, all of it). A part a
    /// view reads and this does not name would leave the page as it was
    /// when that part changes: `tests/it/site.rs` rebuilds after an edit
    /// to each part not shown everywhere and compares with a fresh build.
    fn shows(self) -> Option<&'static [Part]> {
        match self {
            Kind::Home | Kind::Oblast(_) | Kind::Compare => {
                Some(&[Part::Identity, Part::Population])
            }
            Kind::Funding | Kind::OblastFunding(_) => Some(&[Part::Identity, Part::Plan]),
            Kind::Threats => Some(&[Part::Identity, Part::Risks]),
            Kind::Survey => Some(&[Part::Identity, Part::Survey]),
            Kind::Reports => Some(&[Part::Identity]),
            // Their charts may show any part of any passport.
            Kind::Passport(_) | Kind::Report(_) | Kind::Page(_) => None,
        }
    }
}

/// What the keys of one site's pages start from.
pub struct PageInputs {
    /// What every page is made from besides the passports it shows.
    each: KeyMaker,
}

impl Site<'_> {
    /// What every output of this site is made from besides the passports
    /// it shows (all of hromada's code, the theme, the settings, where the
    /// site is published, the translations, every figure, and every
    /// community's name and place, which other passports' pages and PDFs
    /// show), and each passport's key; made once, on every core.
    fn keyed(&self) -> &Inputs {
        self.keyed.get_or_init(|| {
            let (shared, passports) = rayon::join(
                || self.shared_inputs(),
                || (self.entries.par_iter()).map(PassportKeys::of).collect(),
            );
            Inputs { shared, passports }
        })
    }

    fn shared_inputs(&self) -> KeyMaker {
        let mut inputs = KeyMaker::default();
        inputs
            .add(env!("HROMADA_CODE").as_bytes())
            .add(&self.theme.digest.to_bytes())
            .add_debug(self.config)
            .add_debug(&self.urls)
            .add_debug(&self.boundaries)
            .add_debug(self.figures)
            .add_debug(&self.archive)
            .add(&[u8::from(self.downloads)]);
        for language in &self.languages {
            inputs
                .add(language.code.as_bytes())
                .add_debug(&language.catalog);
        }
        for e in self.entries {
            let p = &e.passport;
            inputs
                .add_debug(&(&e.id, &e.edition, &p.name, p.kind, p.oblast, &p.raion))
                .add_debug(&(
                    &p.center,
                    p.oblast_center,
                    &p.katottg,
                    &p.formerly,
                    &p.as_of,
                ));
        }
        inputs
    }

    /// The shared inputs of every output, then `what` (the key of what
    /// makes this kind of output: a printer's layouts and fonts). The keys
    /// made from it are computed before any view, so that an output whose
    /// key is unchanged is linked from the previous output without its view
    /// being made.
    pub fn inputs(&self, what: Key) -> KeyMaker {
        let mut inputs = self.keyed().shared.clone();
        inputs.add(&what.to_bytes());
        inputs
    }

    /// The key of the `i`th passport: all of it.
    pub fn passport_key(&self, i: usize) -> Key {
        self.keyed().passports[i].whole
    }

    /// What the keys of this site's pages start from: the shared
    /// [`Site::inputs`], the reports and the foundation's pages (the menu
    /// and the links to them).
    pub fn page_inputs(&self) -> PageInputs {
        let mut each = self.inputs(KeyMaker::default().add(b"page").key());
        each.add_debug(&self.reports).add_debug(&self.pages);
        PageInputs { each }
    }

    /// The key of `page`, from `inputs` and what it shows: a passport's
    /// page its passport and the sizes of its two PDFs; an oblast's page
    /// the size of the oblast's PDF; every other page the parts of every
    /// passport its kind shows ([`Kind::shows`]).
    pub fn page_key(&self, inputs: &PageInputs, page: &Page) -> Key {
        let mut key = inputs.each.clone();
        let pdfs = match page.kind {
            Kind::Passport(i) => {
                key.add(&self.passport_key(i).to_bytes());
                let id = &self.entries[i].id;
                vec![id.clone(), factsheet_stem(id)]
            }
            kind => {
                let shown = kind.shows();
                for passport in &self.keyed().passports {
                    for part in passport.shown(shown) {
                        key.add(&part.to_bytes());
                    }
                }
                match kind {
                    Kind::Oblast(o) => vec![o.id()],
                    _ => Vec::new(),
                }
            }
        };
        for stem in pdfs {
            let file = self.urls.pdf(&page.route, &stem).1;
            key.add_debug(&self.printed.get(&file));
        }
        key.add_debug(page).key()
    }
}

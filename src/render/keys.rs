//! The keys of a site's outputs, computed from their inputs before any
//! view is made: an output whose key is unchanged since the last build is
//! linked from the previous output, its view never made. A PDF's keys are
//! in `print`; this holds what every output shares and the pages' keys.

use super::print::factsheet_stem;
use super::{Kind, Page, Site};
use crate::cache::{Key, KeyMaker};
use rayon::prelude::*;

/// What every output's key starts from: the inputs all of them share,
/// and each passport's own key, by index.
pub(super) struct Inputs {
    shared: KeyMaker,
    passports: Vec<Key>,
}

/// What the keys of one site's pages start from.
pub struct PageInputs {
    /// What a passport's page is made from besides its passport.
    each: KeyMaker,
    /// What every other page is made from: all of it.
    all: KeyMaker,
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
                || {
                    (self.entries.par_iter())
                        .map(|e| KeyMaker::default().add_debug(e).key())
                        .collect()
                },
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
        self.keyed().passports[i]
    }

    /// What the keys of this site's pages start from: the shared
    /// [`Site::inputs`], the reports and the foundation's pages (the menu
    /// and the links to them); for the pages that are not a passport's,
    /// every passport and every PDF's size too.
    pub fn page_inputs(&self) -> PageInputs {
        let mut each = self.inputs(KeyMaker::default().add(b"page").key());
        each.add_debug(&self.reports).add_debug(&self.pages);
        let mut all = each.clone();
        for key in &self.keyed().passports {
            all.add(&key.to_bytes());
        }
        all.add_debug(&self.printed);
        PageInputs { each, all }
    }

    /// The key of `page`: a passport's page is made from its passport and
    /// the sizes of its two PDFs beside `inputs`; any other page from all
    /// of `inputs`.
    pub fn page_key(&self, inputs: &PageInputs, page: &Page) -> Key {
        let mut key = match page.kind {
            Kind::Passport(i) => {
                let e = &self.entries[i];
                let mut key = inputs.each.clone();
                key.add(&self.passport_key(i).to_bytes());
                for stem in [e.id.clone(), factsheet_stem(&e.id)] {
                    let file = self.urls.pdf(&page.route, &stem).1;
                    key.add_debug(&self.printed.get(&file));
                }
                key
            }
            _ => inputs.all.clone(),
        };
        key.add_debug(page).key()
    }
}

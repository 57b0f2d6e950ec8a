//! `hromada`: publishes the social passports of Ukraine's territorial
//! communities, and the reports written about them, as a bilingual website.
//! This file is the command line; `site` runs the stages.

/// Typesetting allocates and frees small objects by the million: mimalloc
/// does that much faster than the system allocator (see README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `println!` that does not panic when standard output is gone (`hromada
/// build | head -1`): the build goes on, its report unread.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[macro_use]
mod messages;
mod cache;
mod charts;
mod config;
mod data;
mod deploy;
mod design;
mod diagnostic;
mod editions;
mod failure;
mod figures;
mod form;
#[cfg(test)]
mod fuzz;
mod geo;
mod html;
mod i18n;
mod locale;
mod output;
mod passport;
mod print;
mod progress;
mod raster;
mod render;
mod reports;
mod scaffold;
mod serve;
mod site;
mod snippet;
mod source;
mod spreadsheet;
mod template_errors;
mod template_loops;
mod theme;
mod translit;
mod yaml;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use diagnostic::{Code, Diagnostic, Severity};
use messages::{Lang, Message};
use site::{BuildOptions, Failure};

/// Publishes the social passports of Ukraine's communities as a website.
#[derive(Parser)]
#[command(name = "hromada", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of what hromada prints: uk or en (else LC_ALL,
    /// LC_MESSAGES or LANG decide).
    #[arg(long, global = true, value_name = "LANG")]
    messages: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Builds the site into its output folder.
    Build {
        /// The site folder, holding site.toml.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Writes the site here instead of output_dir.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Builds only these languages, e.g. uk,en.
        #[arg(long, value_delimiter = ',')]
        lang: Option<Vec<String>>,
        /// Skips the PDF layouts.
        #[arg(long)]
        no_pdf: bool,
        /// Typesets every PDF and draws every chart file anew, not taking
        /// unchanged ones from the build cache (.hromada-cache/ in the site
        /// folder).
        #[arg(long)]
        no_cache: bool,
        /// Skips charts' files (SVG, PNG, CSV, embed pages) and pages'
        /// share cards: a quicker build, e.g. to preview.
        #[arg(long)]
        no_downloads: bool,
        /// Prints only errors.
        #[arg(long)]
        quiet: bool,
    },
    /// Checks the site as a build would, writing nothing.
    Check {
        /// The site folder, holding site.toml.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// How the diagnostics print: as text, or as JSON for an editor or CI.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Serves a live preview that rebuilds on change and reloads the
    /// open pages; errors show in the browser until fixed.
    Serve {
        /// The site folder, holding site.toml.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The port to serve on; 0 takes any free one (the address printed
        /// names it).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to serve on; only this computer by default.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Opens the preview in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Makes a new site with an example passport, a report and an English
    /// PO file, ready to build.
    New { dir: PathBuf },
    /// Passport forms to fill in (XLSX, for Excel, LibreOffice or Google
    /// Sheets): a blank one, or one per community filled with its passport.
    Form {
        /// The site folder (default .), then the communities whose
        /// passports fill their forms (one file each); no id: a blank form.
        #[arg(value_name = "[SITE] ID")]
        args: Vec<String>,
        /// A form for every community.
        #[arg(long)]
        all: bool,
        /// Where to write: a folder (default forms/), or a .xlsx file for
        /// one form.
        #[arg(long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Reads filled forms (.xlsx, .ods) into content/passports/<id>.yaml,
    /// checked as `check` does; nothing is written while a form has an
    /// error.
    Import {
        /// The site folder (default .), then the filled forms, or folders of
        /// them (e.g. forms/).
        #[arg(value_name = "[SITE] FILE", required = true)]
        args: Vec<String>,
        /// Replaces passports that exist, listing what changes.
        #[arg(long)]
        replace: bool,
        /// Lists what would be written and changed, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Editions: `close NAME` freezes today's passports as edition NAME in
    /// content/editions/NAME/, to be published as they stand; today's are
    /// then updated in place.
    Edition {
        /// What to do with the edition.
        #[arg(value_enum)]
        action: EditionAction,
        /// The edition's name, e.g. 2023.
        name: String,
        /// The site folder, holding site.toml.
        #[arg(default_value = ".")]
        site: PathBuf,
    },
    /// Publishes the built output (output_dir) to the site's host, uploading
    /// only what changed: to S3-compatible storage (s3://bucket/prefix) or a
    /// folder (file:///path)
    Deploy {
        /// The site folder, holding site.toml.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The target, instead of [deploy] to in site.toml.
        #[arg(long, value_name = "URL")]
        to: Option<String>,
        /// Lists what would be uploaded and deleted, touching nothing.
        #[arg(long)]
        dry_run: bool,
        /// Deletes even more files than [deploy] max_deletes.
        #[arg(long)]
        force: bool,
    },
    /// Explains a diagnostic code (such as S002): what it means, with a
    /// wrong and a right example.
    Explain {
        /// The code, as printed in brackets after an error.
        code: String,
    },
    /// Translations: `update` writes content/i18n/<lang>.po from the
    /// passports' texts; `status` reports what is translated.
    I18n {
        /// What to do: write the PO files, or report on them.
        #[arg(value_enum)]
        action: I18nAction,
        /// The site folder, holding site.toml.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// One language (default: every language but the passports' own).
        #[arg(long)]
        lang: Option<String>,
        /// How `status` prints.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// `update`: a PO file of translations to reuse, besides those of
        /// `[i18n] compendium` in site.toml (repeatable).
        #[arg(long, value_name = "FILE")]
        compendium: Vec<PathBuf>,
        /// `update`: a command that suggests translations for the texts
        /// left untranslated (JSON lines in and out; added as fuzzy).
        #[arg(long, value_name = "COMMAND")]
        machine: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum EditionAction {
    Close,
}

#[derive(Clone, Copy, ValueEnum)]
enum I18nAction {
    Status,
    Update,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The stack of every rayon worker, which renders pages: as large as the
/// main thread's, so that a theme's template nested to Tera's limit
/// renders the same on either (the default 2 MiB did not always hold it).
const WORKER_STACK: usize = 8 << 20;

/// Reports every panic as Rust does, but those on a typesetting thread:
/// `print` catches them and reports each as a diagnostic at its document.
fn quiet_typesetter_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(print::TYPESETTER) {
            default(info);
        }
    }));
}

fn main() -> ExitCode {
    quiet_typesetter_panics();
    // Fails only if a pool exists already: then that one is used.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .build_global();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = messages_language(&args);
    messages::choose(lang);
    let matches = messages::cli::localise(Cli::command(), lang).try_get_matches_from(args);
    let cli = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => {
            let text = messages::cli::error(&e, lang);
            return match e.use_stderr() {
                true => {
                    eprint!("{text}");
                    ExitCode::from(2)
                }
                false => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
            };
        }
    };
    if let Some(name) = cli.messages.as_deref().filter(|n| Lang::named(n).is_none()) {
        eprintln!(
            "{}",
            tr!("error: --messages takes uk or en, not `{name}`", name).text()
        );
        return ExitCode::from(2);
    }
    let code = match cli.command {
        Command::Build {
            site,
            output,
            lang,
            no_pdf,
            no_cache,
            no_downloads,
            quiet,
        } => {
            match site::build(
                &site,
                &BuildOptions {
                    output,
                    languages: lang,
                    no_pdf,
                    no_downloads,
                    cache: (!no_cache).then(|| site.join(cache::FOLDER)),
                    progress: progress::Progress::new(quiet),
                },
            ) {
                Ok(summary) => {
                    if !quiet {
                        print_diagnostics(&site, &summary.warnings, Format::Text);
                        say!(
                            "{}",
                            trn!(
                                "built {pages} pages ({files} files), {charts} charts, {pdfs} PDFs ({pdf_seconds} s), {count} warning in {seconds} s into {output}",
                                "built {pages} pages ({files} files), {charts} charts, {pdfs} PDFs ({pdf_seconds} s), {count} warnings in {seconds} s into {output}",
                                count = summary.warnings.len(),
                                pages = summary.made.pages,
                                files = summary.made.files,
                                charts = summary.made.charts,
                                pdfs = summary.made.pdfs,
                                pdf_seconds = crate::messages::decimal(summary.made.pdf_seconds, 2),
                                seconds = crate::messages::decimal(summary.seconds, 2),
                                output = summary.output.display()
                            ).text()
                        );
                    }
                    0
                }
                Err(failure) => report(&site, failure, Format::Text),
            }
        }
        Command::Check { site, format } => match site::check(&site) {
            Ok(warnings) => {
                print_diagnostics(&site, &warnings, format);
                if let Format::Text = format {
                    eprintln!(
                        "{}",
                        trn!(
                            "no errors, {count} warning",
                            "no errors, {count} warnings",
                            count = warnings.len()
                        )
                        .text()
                    );
                }
                0
            }
            // A check publishes nothing either way: it says what a build
            // would do.
            Err(failure) => report_with(
                &site,
                failure,
                format,
                tr!("`hromada build` would refuse the site as it is"),
            ),
        },
        Command::Serve {
            site,
            port,
            bind,
            open,
        } => match serve::run(&site, &serve::ServeOptions { port, bind, open }) {
            Ok(()) => 0,
            Err(failure) => report(&site, failure, Format::Text),
        },
        Command::New { dir } => match scaffold::create(&dir) {
            Ok(files) => {
                files.iter().for_each(|f| say!("{}", dir.join(f).display()));
                say!(
                    "{}",
                    tr!(
                        "a new site in {dir}: `hromada build {dir}` builds it",
                        dir = dir.display()
                    )
                    .text()
                );
                0
            }
            Err(failure) => report(&dir, failure, Format::Text),
        },
        Command::Form { args, all, output } => {
            let (site, ids) = site_first(args);
            let written = site::Loader::once().load(&site, None).and_then(|content| {
                form::forms(
                    &content.theme,
                    &content.entries,
                    &ids,
                    all,
                    output.as_deref(),
                )
            });
            match written {
                Ok(files) => {
                    files.iter().for_each(|f| say!("{}", f.display()));
                    say!(
                        "{}",
                        trn!(
                            "{count} form written",
                            "{count} forms written",
                            count = files.len()
                        )
                        .text()
                    );
                    0
                }
                Err(failure) => report(&site, failure, Format::Text),
            }
        }
        Command::Import {
            args,
            replace,
            dry_run,
        } => {
            let (site, files) = site_first(args);
            let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
            match form::import(&site, &files, replace, dry_run) {
                Ok((imported, warnings)) => {
                    print_diagnostics(&site, &warnings, Format::Text);
                    for i in &imported {
                        let what = match &i.changes {
                            None => tr!("new"),
                            Some(c) if c.is_empty() => tr!("unchanged"),
                            Some(c) if replace => {
                                trn!("{count} change", "{count} changes", count = c.len())
                            }
                            Some(c) => trn!(
                                "{count} change; replacing it needs --replace",
                                "{count} changes; replacing it needs --replace",
                                count = c.len()
                            ),
                        };
                        say!(
                            "{} → {} ({})",
                            i.form.display(),
                            i.target.display(),
                            what.text()
                        );
                        for (field, old, new) in i.changes.iter().flatten() {
                            let shown = |v: &str| {
                                if v.is_empty() {
                                    "—".to_string()
                                } else {
                                    v.to_string()
                                }
                            };
                            say!("  {}: {} → {}", field.text(), shown(old), shown(new));
                        }
                    }
                    if dry_run {
                        say!("{}", tr!("dry run: nothing was written").text());
                    }
                    0
                }
                Err(failure) => {
                    report_with(&site, failure, Format::Text, tr!("nothing was written"))
                }
            }
        }
        Command::Edition {
            action: EditionAction::Close,
            name,
            site,
        } => match site::Loader::once().load(&site, None).and_then(|content| {
            let today = editions::Today {
                entries: &content.entries,
                methodology: &content.methodology.1,
            };
            editions::close(&site, &name, &today)
        }) {
            Ok(copied) => {
                say!(
                    "{}",
                    trn!(
                        "closed edition {name}: {count} passport copied to {folder}",
                        "closed edition {name}: {count} passports copied to {folder}",
                        count = copied,
                        name,
                        folder = site.join(editions::FOLDER).join(&name).display()
                    )
                    .text()
                );
                say!(
                    "{}",
                    tr!(
                        "next: set edition = \"{next}\" in site.toml to name today's edition, and update content/passports/ (`hromada form --all` makes the forms)",
                        next = editions::after(&name)
                    ).text()
                );
                0
            }
            Err(failure) => report_with(&site, failure, Format::Text, tr!("no edition was closed")),
        },
        Command::Explain { code } => explain(&code),
        Command::Deploy {
            site,
            to,
            dry_run,
            force,
        } => {
            let options = deploy::Options {
                to: to.as_deref(),
                dry_run,
                force,
                progress: true,
            };
            match deploy::deploy(&site, &options) {
                Ok(report) => {
                    for line in report.lines(dry_run) {
                        say!("{}", line.text());
                    }
                    0
                }
                Err(failure) => {
                    report_with(&site, failure, Format::Text, tr!("nothing was deployed"))
                }
            }
        }
        Command::I18n {
            action: I18nAction::Update,
            site,
            lang,
            format: _,
            compendium,
            machine,
        } => match site::i18n_update(&site, lang.as_deref(), &compendium, machine.as_deref())
            .and_then(|files| Ok((files, site::record_originals(&site, lang.as_deref())?)))
        {
            Ok((files, recorded)) => {
                for (path, m) in files {
                    let mut aids = Vec::new();
                    if (m.remembered, m.similar) != (0, 0) {
                        aids.push(tr!(
                            "{same} from translation memory, {alike} similar ones as fuzzy",
                            same = m.remembered,
                            alike = m.similar
                        ));
                    }
                    if m.machine > 0 {
                        aids.push(tr!(
                            "{count} suggested by the machine, as fuzzy",
                            count = m.machine
                        ));
                    }
                    let aids: String = aids.iter().map(|a| format!(" ({})", a.text())).collect();
                    say!(
                        "{}: {}",
                        path.display(),
                        tr!(
                            "{entries} texts in use, {added} added{aids}, {obsoleted} made obsolete",
                            entries = m.entries,
                            added = m.added,
                            aids,
                            obsoleted = m.obsoleted
                        ).text()
                    );
                }
                for path in recorded {
                    say!(
                        "{}: {}",
                        path.display(),
                        tr!("recorded which original it translates").text()
                    );
                }
                0
            }
            Err(failure) => report(&site, failure, Format::Text),
        },
        Command::I18n {
            action: I18nAction::Status,
            site,
            lang,
            format,
            compendium: _,
            machine: _,
        } => match site::i18n_status(&site, lang.as_deref()) {
            Ok(statuses) => {
                match format {
                    Format::Text => statuses
                        .iter()
                        .for_each(|s| say!("{}", s.to_text().trim_end_matches('\n'))),
                    Format::Json => say!(
                        "{}",
                        serde_json::to_string_pretty(&statuses).unwrap_or_else(|_| "[]".into())
                    ),
                }
                0
            }
            Err(failure) => report(&site, failure, format),
        },
    };
    ExitCode::from(code as u8)
}

/// The language to speak in: `--messages` if the command line gives it
/// (read before the rest, as help and command-line errors need it), else
/// what the environment asks for.
fn messages_language(args: &[std::ffi::OsString]) -> Lang {
    let given = args.iter().enumerate().find_map(|(i, a)| {
        let a = a.to_str()?;
        match a.strip_prefix("--messages") {
            Some("") => args.get(i + 1)?.to_str(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        }
    });
    given
        .and_then(Lang::named)
        .unwrap_or_else(|| Lang::from_env(|var| std::env::var(var).ok()))
}

/// `hromada explain CODE`: the code's section of the explanations.
fn explain(code: &str) -> i32 {
    let Some(found) = Code::parse(code) else {
        let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let hint = match diagnostic::did_you_mean(code, codes.iter().copied()) {
            Some(near) => tr!("did you mean `{near}`?", near),
            None => tr!(
                "a code is a letter and three digits, as printed in brackets after an error, e.g. S002"
            ),
        };
        eprintln!(
            "{}",
            tr!(
                "error: there is no code `{code}`\n  hint: {hint}",
                code,
                hint = hint
            )
            .text()
        );
        return 2;
    };
    match messages::explain::section(found.as_str(), messages::chosen()) {
        Some(text) => {
            say!("{text}");
            0
        }
        None => {
            eprintln!("{}", tr!("error: there is no code `{code}`\n  hint: {hint}", code, hint = tr!("a code is a letter and three digits, as printed in brackets after an error, e.g. S002")).text());
            2
        }
    }
}

/// A command's optional site folder and the names after it: the first
/// name is the site when it is a folder (a site's or not: `check` then
/// says what it lacks), else the site is `.`. A folder without site.toml
/// named in a site (`hromada import forms`) is not the site but a name.
fn site_first(mut args: Vec<String>) -> (PathBuf, Vec<String>) {
    let site = args.first().map(Path::new).is_some_and(|first| {
        first.is_dir() && (first.join("site.toml").exists() || !Path::new("site.toml").exists())
    });
    match site {
        true => (PathBuf::from(args.remove(0)), args),
        false => (PathBuf::from("."), args),
    }
}

fn report(site: &Path, failure: Failure, format: Format) -> i32 {
    report_with(site, failure, format, tr!("nothing was published"))
}

/// Prints a failure; after content errors, says what became of the output.
fn report_with(site: &Path, failure: Failure, format: Format, outcome: Message) -> i32 {
    match &failure {
        Failure::Content(diagnostics) => {
            print_diagnostics(site, diagnostics, format);
            if let Format::Text = format {
                let errors = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                eprintln!(
                    "{}",
                    trn!(
                        "{count} error; {outcome}",
                        "{count} errors; {outcome}",
                        count = errors,
                        outcome = outcome
                    )
                    .text()
                );
            }
        }
        Failure::Usage(message) => eprintln!("{}", message.text()),
        Failure::Io(message) => eprintln!("error: {}", message.text()),
    }
    failure.exit_code()
}

/// Prints diagnostics: one contract line each (and its hint); at a
/// terminal, the offending source line with a caret under it.
fn print_diagnostics(site: &Path, diagnostics: &[Diagnostic], format: Format) {
    match format {
        Format::Text => {
            let mut err = std::io::stderr().lock();
            let terminal = err.is_terminal();
            for d in diagnostics {
                let shown = d.to_string();
                match terminal.then(|| snippet::render(site, d)).flatten() {
                    Some(snippet) => {
                        let _ = writeln!(
                            err,
                            "{}\n{snippet}\n",
                            shown.lines().next().unwrap_or_default()
                        );
                    }
                    None => {
                        let _ = writeln!(err, "{shown}");
                    }
                }
            }
        }
        Format::Json => {
            let json = serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".into());
            say!("{json}");
        }
    }
}

//! `hromada serve`: a live preview. The site is loaded into memory (no
//! output folder is touched), pages are rendered when the browser asks for
//! them, and a change to a file re-reads only what it touched (a saved
//! passport is one file read, the figures, and its own pages rendered).
//! Open pages reload themselves; while the content has errors, every page
//! shows them over its last good version.

mod live;
mod preview;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, NoCache, new_debouncer_opt};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::config::Config;
use crate::messages::Message;
use crate::render::NOT_FOUND;
use crate::site::{Failure, Loader};
use preview::Preview;

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub port: u16,
    pub bind: IpAddr,
    /// Opens the preview in the default browser.
    pub open: bool,
}

/// How long file events settle before a rebuild.
const SETTLE: Duration = Duration::from_millis(40);

/// How long the live-reload script's question waits for a change.
const POLL: Duration = Duration::from_secs(25);

/// Serves `site` until Ctrl-C.
pub fn run(site: &Path, options: &ServeOptions) -> Result<(), Failure> {
    Config::load(site).map_err(|e| Failure::Usage(e.message()))?;
    let address = SocketAddr::new(options.bind, options.port);
    let server = Server::http(address).map_err(|e| bind_failure(address, &*e))?;
    // Port 0 asks the system for a free port: the one bound is what counts.
    let bound = server.server_addr().to_ip().unwrap_or(address);
    let url = format!("http://{bound}/");
    let state = Arc::new(State::new(site, url.clone()));
    state.rebuild(&[]);
    let (events, changes) = mpsc::channel();
    // Links are not followed: one to `/` under themes/ would have the
    // watcher walk the whole disk before the preview could answer (the
    // load skips such links too). No file ids are cached: any event
    // rebuilds, so renames need no tracking.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut watcher =
        new_debouncer_opt::<_, RecommendedWatcher, _>(SETTLE, None, events, NoCache, config)
            .map_err(|e| {
                Failure::Io(tr!(
                    "cannot watch {path}: {why}",
                    path = site.display(),
                    why = Message::verbatim(e.to_string())
                ))
            })?;
    for (path, mode) in [
        (site.to_path_buf(), RecursiveMode::NonRecursive),
        (site.join("content"), RecursiveMode::Recursive),
        (site.join("themes"), RecursiveMode::Recursive),
    ] {
        if path.exists() {
            watcher.watch(&path, mode).map_err(|e| {
                Failure::Io(tr!(
                    "cannot watch {path}: {why}",
                    path = path.display(),
                    why = Message::verbatim(e.to_string())
                ))
            })?;
        }
    }
    let watched = state.clone();
    std::thread::spawn(move || watch(&watched, &changes));
    ctrlc::set_handler(|| {
        say!("\n{}", tr!("stopped").text());
        std::process::exit(0);
    })
    .map_err(|e| {
        Failure::Io(tr!(
            "cannot handle Ctrl-C: {why}",
            why = Message::verbatim(e.to_string())
        ))
    })?;
    if !options.bind.is_loopback() {
        say!(
            "{}",
            tr!(
                "warning: serving to the network at {url}, not only to this computer",
                url
            )
            .text()
        );
    }
    say!(
        "{}",
        tr!(
            "serving {site} at {url} (PDFs are made by `hromada build`); Ctrl-C stops",
            site = site.display(),
            url
        )
        .text()
    );
    if options.open
        && let Err(e) = opener::open_browser(&url)
    {
        say!(
            "{}",
            tr!(
                "warning: cannot open a browser ({why}); open {url} yourself",
                why = Message::verbatim(e.to_string()),
                url
            )
            .text()
        );
    }
    for request in server.incoming_requests() {
        let state = state.clone();
        std::thread::spawn(move || respond(&state, request));
    }
    Ok(())
}

/// A port that cannot be had, with a free one to try.
fn bind_failure(address: SocketAddr, e: &(dyn std::error::Error + 'static)) -> Failure {
    let in_use = e
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::AddrInUse);
    if !in_use {
        return Failure::Usage(tr!(
            "error: cannot serve at {address}: {why}",
            address,
            why = Message::verbatim(e.to_string())
        ));
    }
    let free = (address.port().saturating_add(1)..=address.port().saturating_add(100))
        .find(|&port| TcpListener::bind(SocketAddr::new(address.ip(), port)).is_ok());
    let hint = match free {
        Some(port) => tr!("try `hromada serve --port {port}`", port),
        None => tr!("choose another port with --port"),
    };
    Failure::Usage(tr!(
        "error: port {port} is already in use (is another `hromada serve` running?)\n  hint: {hint}",
        port = address.port(),
        hint = hint
    ))
}

/// The preview's state, shared by the watcher and the requests.
struct State {
    site: PathBuf,
    loader: Mutex<Loader>,
    shown: Mutex<Shown>,
    changed: Condvar,
}

/// What the browser is shown: the last good state of the site, the
/// problems of the current files, and a version that changes with either.
struct Shown {
    preview: Option<Arc<Preview>>,
    problems: Arc<Vec<String>>,
    version: u64,
}

impl State {
    fn new(site: &Path, url: String) -> State {
        State {
            site: site.to_path_buf(),
            loader: Mutex::new(Loader::kept(url)),
            shown: Mutex::new(Shown {
                preview: None,
                problems: Arc::new(Vec::new()),
                version: 0,
            }),
            changed: Condvar::new(),
        }
    }

    fn shown(&self) -> MutexGuard<'_, Shown> {
        self.shown.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Re-reads what `changed` touched (everything at first), renders the
    /// changed passports' pages, tells open pages, and prints what it took.
    fn rebuild(&self, changed: &[PathBuf]) {
        let started = Instant::now();
        let mut loader = self.loader.lock().unwrap_or_else(|e| e.into_inner());
        loader.forget(changed);
        let ids: Vec<String> = changed
            .iter()
            .filter(|p| p.starts_with("content/passports"))
            .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
            .collect();
        let result = loader.load(&self.site, None).and_then(|content| {
            let preview = Preview::new(content)?;
            let pages = preview.render_passports(&ids)?;
            Ok((preview, pages))
        });
        drop(loader);
        let what = match changed {
            [] => tr!("loaded"),
            [one] => tr!("{file}: rebuilt", file = one.display()),
            many => trn!(
                "{count} file: rebuilt",
                "{count} files: rebuilt",
                count = many.len()
            ),
        };
        let ms = format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0);
        let mut shown = self.shown();
        match result {
            Ok((preview, pages)) => {
                for warning in preview.warnings() {
                    say!("{warning}");
                }
                say!(
                    "{}",
                    tr!(
                        "{what} in {ms} ms ({passports} passports, {pages} pages rendered now, the rest when opened)",
                        what = what,
                        ms,
                        passports = preview.passports(),
                        pages
                    ).text()
                );
                shown.preview = Some(Arc::new(preview));
                shown.problems = Arc::new(Vec::new());
            }
            Err(failure) => {
                let problems = problems(failure);
                for problem in &problems {
                    eprintln!("{problem}");
                }
                say!(
                    "{}",
                    trn!(
                        "{what} in {ms} ms: {count} problem, shown in the browser until fixed",
                        "{what} in {ms} ms: {count} problems, shown in the browser until fixed",
                        count = problems.len(),
                        what = what,
                        ms
                    )
                    .text()
                );
                shown.problems = Arc::new(problems);
            }
        }
        shown.version += 1;
        self.changed.notify_all();
    }

    /// Waits until the version is not `seen`, or `POLL` has passed; returns
    /// the version then.
    fn wait(&self, seen: Option<u64>) -> u64 {
        let shown = self.shown();
        let (shown, _) = self
            .changed
            .wait_timeout_while(shown, POLL, |s| Some(s.version) == seen)
            .unwrap_or_else(|e| e.into_inner());
        shown.version
    }
}

/// A failure as the lines the browser shows.
fn problems(failure: Failure) -> Vec<String> {
    match failure {
        Failure::Content(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
        Failure::Usage(message) => vec![message.text()],
        Failure::Io(message) => vec![format!("error: {}", message.text())],
    }
}

/// Rebuilds on every settled batch of changes to the site's files.
fn watch(state: &State, changes: &mpsc::Receiver<DebounceEventResult>) {
    let root = std::fs::canonicalize(&state.site).unwrap_or_else(|_| state.site.clone());
    for result in changes {
        let Ok(events) = result else { continue };
        // Reading a file is an event too (the rebuild reads): only writes,
        // creations, removals and renames count.
        let mut changed: Vec<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| &e.paths)
            .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
            .filter(|p| is_source(p))
            .collect();
        changed.sort();
        changed.dedup();
        if !changed.is_empty() {
            state.rebuild(&changed);
        }
    }
}

/// Whether a changed path (relative to the site) is one the site is made
/// from: site.toml, content or themes, but not an editor's temporary file.
fn is_source(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temporary = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913";
    let hidden = path
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    !temporary
        && !hidden
        && (path == Path::new("site.toml")
            || path.starts_with("content")
            || path.starts_with("themes"))
}

/// Answers one request.
fn respond(state: &State, request: Request) {
    // A preview only shows files: anything but reading them is refused
    // (and a body sent with it is never read).
    if !matches!(request.method(), Method::Get | Method::Head) {
        let refused = file_response(b"405 Method Not Allowed\n".to_vec(), "405.txt", 405);
        let _ = request.respond(with_header(refused, "Allow", "GET, HEAD"));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let response = match path {
        live::SCRIPT_PATH => file_response(live::SCRIPT.as_bytes().to_vec(), "live.js", 200),
        live::WAIT_PATH => {
            let seen = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("v="))
                .and_then(|v| v.parse().ok());
            let version = state.wait(seen);
            file_response(version.to_string().into_bytes(), "version.txt", 200)
        }
        _ => site_response(state, path),
    };
    let _ = request.respond(response);
}

/// A file of the site, or the 404 page; a folder's address without its
/// closing slash is redirected to it.
fn site_response(state: &State, path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let (preview, problems, version) = {
        let shown = state.shown();
        (shown.preview.clone(), shown.problems.clone(), shown.version)
    };
    let Some(preview) = preview else {
        return file_response(live::problems_page(version, &problems), "index.html", 500);
    };
    let relative = path.trim_start_matches('/');
    let file = match relative.is_empty() || relative.ends_with('/') {
        true => format!("{relative}index.html"),
        false => relative.to_string(),
    };
    let found = match preview.file(&file) {
        Ok(found) => found,
        Err(failure) => {
            return file_response(
                live::problems_page(version, &problems_with(&problems, failure)),
                "index.html",
                500,
            );
        }
    };
    match found {
        Some(bytes) => file_response(shown_bytes(&file, &bytes, version, &problems), &file, 200),
        None if !relative.ends_with('/')
            && matches!(preview.file(&format!("{relative}/index.html")), Ok(Some(_))) =>
        {
            let location = format!("/{relative}/");
            with_header(file_response(Vec::new(), "", 301), "Location", &location)
        }
        None => {
            let page = preview.file(NOT_FOUND).ok().flatten().unwrap_or_default();
            file_response(
                shown_bytes(NOT_FOUND, &page, version, &problems),
                NOT_FOUND,
                404,
            )
        }
    }
}

fn problems_with(problems: &[String], failure: Failure) -> Vec<String> {
    let mut all = problems.to_vec();
    all.extend(self::problems(failure));
    all
}

/// A page with the live-reload script (and the problems) added; any other
/// file as it is.
fn shown_bytes(file: &str, bytes: &[u8], version: u64, problems: &[String]) -> Vec<u8> {
    match file.ends_with(".html") {
        true => live::inject(bytes, version, problems),
        false => bytes.to_vec(),
    }
}

fn file_response(bytes: Vec<u8>, file: &str, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let content_type = match mime.type_() == mime_guess::mime::TEXT {
        true => format!("{mime}; charset=utf-8"),
        false => mime.to_string(),
    };
    let response = Response::from_data(bytes).with_status_code(status);
    let response = with_header(response, "Content-Type", &content_type);
    with_header(response, "Cache-Control", "no-store")
}

/// `response` with a header, if it is ASCII (all of ours are).
fn with_header<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

//! `hromada serve` as a working group uses it: the real binary on a copy of
//! the example site, asked over HTTP the way a browser asks, while the test
//! edits the passport files.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::*;

/// A running `hromada serve`, stopped when dropped; its stdout lines come
/// through `lines`, those it printed before it served kept in `started`.
struct Server {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
    started: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `hromada serve` on `site`, on a port the system picks (`--port
/// 0`: the server binds it and says which, so no other program can take
/// it in between), and waits until it serves.
fn serve(site: &Path) -> Server {
    let mut child = crate::common::command()
        .current_dir(site)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    let mut server = Server {
        child,
        port: 0,
        lines,
        started: Vec::new(),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let line = loop {
        let line = server
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the server says where it serves");
        if line.contains(" at http://127.0.0.1:") {
            break line;
        }
        server.started.push(line);
    };
    server.port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in: {line}"));
    server
}

/// GETs `path` from the server at `port`: the status and the body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// The text of escaped HTML, as far as these tests need it.
fn unescape(html: &str) -> String {
    (html.replace("&#x2F;<wbr>", "/"))
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
}

impl Server {
    /// Waits for a line of stdout that contains `text`; returns it.
    fn line_with(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Ok(line) = self
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if line.contains(text) {
                return line;
            }
        }
        panic!("serve never printed a line with {text:?}");
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(self.port, path)
    }
}

const PASSPORT: &str = "/en/passports/uzhhorodska/";

#[test]
fn a_saved_passport_shows_at_once_and_errors_show_on_the_page_until_fixed() {
    let site = example_site();
    let server = serve(site.path());
    let (status, page) = server.get(PASSPORT);
    assert_eq!(status, 200);
    assert!(page.contains("115,512"), "the published residents");
    assert!(
        page.contains(r#"<script src="/__hromada/live.js" data-version="1"></script></body>"#),
        "the live-reload script"
    );
    assert!(!page.contains(r#"role="alert""#));
    assert!(
        server
            .get("/")
            .1
            .contains(&format!("http://127.0.0.1:{}/en/", server.port)),
        "links go to the preview, not to base_url"
    );

    // A long poll from the open page answers when the site changes.
    let port = server.port;
    let waiting = std::thread::spawn(move || get(port, "/__hromada/wait?v=1"));
    std::thread::sleep(Duration::from_millis(300));
    // Blocked until the change, not answered at once.
    assert!(
        !waiting.is_finished(),
        "the long poll answered with nothing changed"
    );
    // A page that missed a change hears of it at once.
    let asked = Instant::now();
    assert_eq!(get(port, "/__hromada/wait?v=0"), (200, "1".to_string()));
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "{:?}",
        asked.elapsed()
    );
    let file = site.path().join("content/passports/uzhhorodska.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("residents: 115512", "residents: 115600"),
    )
    .unwrap();
    let rebuilt = server.line_with("content/passports/uzhhorodska.yaml: rebuilt in ");
    assert!(rebuilt.contains("2 pages rendered now"), "{rebuilt}");
    assert_eq!(waiting.join().unwrap(), (200, "2".to_string()));
    let (_, page) = server.get(PASSPORT);
    assert!(page.contains("115,600") && page.contains(r#"data-version="2""#));

    // A broken figure: the last good page, with the error over it.
    fs::write(
        &file,
        text.replace("residents: 115512", "residents: 115 600"),
    )
    .unwrap();
    server.line_with("1 problem, shown in the browser until fixed");
    let (status, page) = server.get(PASSPORT);
    assert_eq!(status, 200);
    assert!(page.contains(r#"role="alert""#), "{page}");
    assert!(
        unescape(&page)
            .contains("content/passports/uzhhorodska.yaml:13:14: error: `population.residents`")
    );
    assert!(page.contains("115,600"), "the last good version");

    // Fixed: the panel is gone.
    fs::write(&file, &text).unwrap();
    server.line_with("content/passports/uzhhorodska.yaml: rebuilt in ");
    let (_, page) = server.get(PASSPORT);
    assert!(page.contains("115,512") && !page.contains(r#"role="alert""#));
}

#[test]
fn files_folders_and_missing_pages_answer_as_a_web_server_would() {
    let site = example_site();
    let server = serve(site.path());
    let (status, csv) = server.get("/data/passports.csv");
    assert_eq!(status, 200);
    assert!(csv.starts_with("id,"), "{csv}");
    assert_eq!(server.get("/en/passports/uzhhorodska").0, 301);
    let (status, page) = server.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(page.contains("/__hromada/live.js"), "a 404 reloads too");
    assert_eq!(server.get("/static/style.css").0, 200);
}

#[test]
fn a_port_in_use_is_refused_with_a_free_one_to_try() {
    let site = example_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = hromada(site.path(), &["serve", "--port", &port.to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("error: port {port} is already in use")),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: try `hromada serve --port "),
        "{stderr}"
    );
}

#[test]
fn a_site_that_never_loaded_shows_its_errors_and_recovers() {
    let site = example_site();
    let file = site.path().join("content/passports/uzhhorodska.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("type: city", "type: town")).unwrap();
    let server = serve(site.path());
    assert!(
        server
            .started
            .iter()
            .any(|l| l.ends_with("shown in the browser until fixed")),
        "{:?}",
        server.started
    );
    let (status, page) = server.get("/");
    assert_eq!(status, 500);
    assert!(
        unescape(&page).contains("content/passports/uzhhorodska.yaml:5:7: error: `type`"),
        "{page}"
    );
    assert!(!page.contains("the page below"), "there is no page below");
    fs::write(&file, &text).unwrap();
    server.line_with("rebuilt in ");
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn a_link_to_the_whole_disk_does_not_stop_the_preview() {
    // Watching and loading never walk down a link out of the site.
    let site = example_site();
    fs::create_dir_all(site.path().join("themes/default")).unwrap();
    std::os::unix::fs::symlink("/", site.path().join("themes/default/up")).unwrap();
    std::os::unix::fs::symlink("/", site.path().join("content/reports/up")).unwrap();
    let server = serve(site.path());
    assert_eq!(server.get(PASSPORT).0, 200);
}

#[test]
fn the_preview_makes_charts_files_and_share_cards_when_asked() {
    let site = example_site();
    let server = serve(site.path());
    // Asked for before its page: the page is rendered, then the file drawn.
    let (status, csv) = server.get("/en/passports/lvivska/charts/idp-shares.csv");
    assert_eq!(status, 200);
    assert!(csv.starts_with("Category,"), "{csv}");
    let (status, embed) = server.get("/en/passports/lvivska/charts/idp-shares/");
    assert_eq!(status, 200);
    assert!(embed.contains("<svg"), "{embed}");
    for png in [
        "/passports/lvivska/charts/idp-shares.png",
        "/passports/lvivska/card.png",
    ] {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(stream, "GET {png} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        assert!(
            response.starts_with(b"HTTP/1.1 200") || response.starts_with(b"HTTP/1.0 200"),
            "{png}"
        );
        let body = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        assert_eq!(&response[body..body + 8], b"\x89PNG\r\n\x1a\n", "{png}");
    }
    assert_eq!(server.get("/passports/lvivska/charts/nothing.png").0, 404);
    let (_, page) = server.get("/passports/lvivska/");
    assert!(page.contains("charts/idp-shares.png\" download>PNG</a>"));
}

#[test]
fn an_endless_header_is_cut_off_and_other_methods_are_refused() {
    let site = example_site();
    let server = serve(site.path());
    // A header line that never ends: the server stops reading it at once
    // and closes the connection, long before 100 MB have gone.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(stream, "GET / HTTP/1.1\r\nX-Long: ").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let sent = (0..100)
        .take_while(|_| stream.write_all(&chunk).is_ok())
        .count();
    assert!(sent < 100, "all of the endless header was taken in");
    let rss = fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    let kb: u64 = rss
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
        .unwrap();
    assert!(kb < 200 * 1024, "the server holds {kb} kB");
    // Too many header lines: a 400.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let headers: String = (0..200).map(|i| format!("X-{i}: 1\r\n")).collect();
    write!(stream, "GET / HTTP/1.0\r\n{headers}\r\n").unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    assert_eq!(response.get(9..12), Some("400"), "{response}");
    // Anything but reading is refused, its body unread.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(stream, "POST / HTTP/1.0\r\nContent-Length: 5\r\n\r\nhello").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert_eq!(response.get(9..12), Some("405"), "{response}");
    assert!(response.contains("\r\nAllow: GET, HEAD\r\n"), "{response}");
    // And the preview still answers.
    assert_eq!(server.get("/static/style.css").0, 200);
}

#[test]
fn the_preview_shows_a_closed_editions_archive_and_todays_changes() {
    let site = crate::editions::second_edition();
    let server = serve(site.path());
    let (status, archived) = server.get("/en/editions/2023/passports/lvivska/");
    assert_eq!(status, 200);
    assert!(
        archived.contains("This is the archived 2023 edition"),
        "{archived}"
    );
    assert!(archived.contains("777,234"), "{archived}");
    let (status, today) = server.get("/en/passports/lvivska/");
    assert_eq!(status, 200);
    assert!(today.contains("Changes since the 2023 edition"), "{today}");
    let (_, sitemap) = server.get("/sitemap.xml");
    assert!(
        sitemap.contains("/editions/2023/passports/khmelnytska/"),
        "{sitemap}"
    );
    assert!(
        server
            .get("/data/editions.csv")
            .1
            .starts_with("id,katottg,")
    );
}

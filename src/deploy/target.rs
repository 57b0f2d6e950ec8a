//! Where a deploy writes: S3-compatible object storage (`s3://bucket/prefix`,
//! through Apache Arrow's `object_store`) or a folder (`file:///var/www/…`),
//! each able to say what it holds, put a file and delete one. Each object
//! carries its content hash in its own metadata; the state file
//! (`.hromada-deploy`) records them all, and every file a deploy is about
//! to write or delete as pending, so that the next deploy reads one file
//! instead of listing the target (a target without one is listed, and each
//! object asked for its hash).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as Key;
use object_store::{
    Attribute, AttributeValue, Attributes, ClientOptions, GetOptions, ObjectStore, ObjectStoreExt,
    PutOptions, RetryConfig,
};

use super::plan::{Held, Local};
use crate::failure::Failure;
use crate::messages::{self, Message};

/// The state file the target keeps beside the site.
pub const STATE: &str = ".hromada-deploy";

/// The state file's first line: its format and version.
const STATE_HEADER: &str = "hromada-deploy 2";

/// A record's hash for a file a deploy may not have finished writing or
/// deleting.
const PENDING: &str = "-";

/// The object metadata that holds a file's content hash (BLAKE3).
const HASH_KEY: &str = "hromada-blake3";

/// How many requests run at once.
const PARALLEL: usize = 16;

/// A deploy's destination.
pub enum Target {
    S3 {
        url: String,
        store: AmazonS3,
        /// Whether the environment holds credentials; without them the
        /// store asks the cloud machine's metadata service, which a
        /// foundation's own computer does not have.
        credentials: bool,
        prefix: String,
        runtime: tokio::runtime::Runtime,
    },
    Folder {
        url: String,
        root: PathBuf,
    },
}

/// What a file is sent with.
pub struct Headers {
    pub content_type: String,
    pub cache_control: String,
}

impl Target {
    /// The target `url` names; S3's endpoint, region and credentials come
    /// from the environment (`AWS_ENDPOINT_URL`, `AWS_REGION`,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).
    pub fn open(url: &str) -> Result<Target, Failure> {
        let usage =
            |why: Message| Failure::Usage(tr!("error: deploy target `{url}`: {why}", url, why));
        if let Some(rest) = url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(usage(tr!("name a bucket: s3://bucket/prefix")));
            }
            // TLS through rustls with ring, installed once for the process.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let mut builder = AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .with_retry(RetryConfig {
                    max_retries: 3,
                    retry_timeout: Duration::from_secs(20),
                    ..RetryConfig::default()
                })
                .with_client_options(
                    ClientOptions::new()
                        .with_connect_timeout(Duration::from_secs(10))
                        .with_timeout(Duration::from_secs(120)),
                );
            let endpoint = std::env::var("AWS_ENDPOINT_URL")
                .or_else(|_| std::env::var("AWS_ENDPOINT"))
                .ok();
            if let Some(endpoint) = endpoint {
                builder = builder
                    .with_allow_http(endpoint.starts_with("http://"))
                    .with_endpoint(endpoint);
            }
            let credentials = [
                AmazonS3ConfigKey::AccessKeyId,
                AmazonS3ConfigKey::WebIdentityTokenFile,
                AmazonS3ConfigKey::ContainerCredentialsRelativeUri,
                AmazonS3ConfigKey::ContainerCredentialsFullUri,
            ]
            .iter()
            .any(|key| builder.get_config_value(key).is_some())
                || builder
                    .get_config_value(&AmazonS3ConfigKey::SkipSignature)
                    .is_some_and(|skip| skip == "true");
            let store = builder
                .build()
                .map_err(|e| usage(Message::verbatim(e.to_string())))?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| Failure::Io(messages::io_error(&e)))?;
            return Ok(Target::S3 {
                url: url.to_string(),
                store,
                credentials,
                prefix: prefix.trim_matches('/').to_string(),
                runtime,
            });
        }
        if let Some(path) = url.strip_prefix("file://") {
            if !path.starts_with('/') {
                return Err(usage(tr!("a folder is written file:///absolute/path")));
            }
            return Ok(Target::Folder {
                url: url.to_string(),
                root: PathBuf::from(path),
            });
        }
        Err(usage(tr!(
            "a target is s3://bucket/prefix or file:///path/to/folder"
        )))
    }

    /// The target as the user named it.
    pub fn url(&self) -> &str {
        match self {
            Target::S3 { url, .. } | Target::Folder { url, .. } => url,
        }
    }

    /// A failure to reach or write the target (exit 3), naming it; what
    /// an S3 store answered is said in a few words (its error code, not
    /// its XML), with what to do about it.
    fn failed(&self, why: Message) -> Failure {
        let target = self.url();
        let Target::S3 { credentials, .. } = self else {
            return Failure::Io(tr!("cannot deploy to {target}: {why}", target, why));
        };
        let said = why.text();
        let element = |name: &str| {
            let (_, rest) = said.split_once(&format!("<{name}>"))?;
            Some(rest.split_once(&format!("</{name}>"))?.0.to_string())
        };
        let bucket = (target.trim_start_matches("s3://").split('/').next()).unwrap_or_default();
        let (why, hint) = match element("Code") {
            _ if !credentials => (
                why,
                Some(tr!(
                    "no S3 credentials were found in the environment: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION; AWS_ENDPOINT_URL for a host other than Amazon's)"
                )),
            ),
            Some(code) if code == "NoSuchBucket" => (
                tr!("the bucket `{bucket}` does not exist", bucket),
                Some(tr!(
                    "create it, or correct the bucket's name in the target, and AWS_ENDPOINT_URL if the store is not Amazon's"
                )),
            ),
            Some(code)
                if [
                    "AccessDenied",
                    "InvalidAccessKeyId",
                    "SignatureDoesNotMatch",
                    "ExpiredToken",
                    "InvalidToken",
                ]
                .contains(&code.as_str()) =>
            {
                (
                    tr!("the store refused access ({code})", code),
                    Some(tr!(
                        "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that they may write to the bucket `{bucket}`",
                        bucket
                    )),
                )
            }
            Some(code) => (
                tr!(
                    "the store answered {code}: {message}",
                    code,
                    message = element("Message").unwrap_or_default()
                ),
                None,
            ),
            None if said.contains("error sending request") => (
                why,
                Some(tr!(
                    "nothing answered at the store's address: check AWS_ENDPOINT_URL (and AWS_REGION) and the network"
                )),
            ),
            None => (why, None),
        };
        Failure::Io(match hint {
            Some(hint) => tr!(
                "cannot deploy to {target}: {why}\n  hint: {hint}",
                target,
                why,
                hint
            ),
            None => tr!("cannot deploy to {target}: {why}", target, why),
        })
    }

    fn key(prefix: &str, rel: &str) -> Key {
        match prefix {
            "" => Key::from(rel),
            p => Key::from(format!("{p}/{rel}")),
        }
    }

    /// Every file the target holds (the state file aside), listed, with its
    /// size and its content hash from the file itself: what a target
    /// without a state file is read as.
    pub fn held(&self) -> Result<BTreeMap<String, Held>, Failure> {
        let mut held = BTreeMap::new();
        match self {
            Target::S3 {
                store,
                prefix,
                runtime,
                ..
            } => {
                let listed: Vec<(String, u64)> = runtime
                    .block_on(async {
                        let base = (!prefix.is_empty()).then(|| Key::from(prefix.as_str()));
                        store.list(base.as_ref()).try_collect::<Vec<_>>().await
                    })
                    .map_err(|e| self.failed(Message::verbatim(e.to_string())))?
                    .into_iter()
                    .filter_map(|m| {
                        let key = m.location.to_string();
                        let rel = match prefix.as_str() {
                            "" => key,
                            p => key.strip_prefix(&format!("{p}/"))?.to_string(),
                        };
                        (rel != STATE).then_some((rel, m.size))
                    })
                    .collect();
                // Each object is asked for its hash.
                let unknown: Vec<&(String, u64)> = listed.iter().collect();
                let asked: Vec<(String, Option<String>)> = runtime
                    .block_on(
                        futures::stream::iter(unknown.iter().map(|(rel, _)| async move {
                            let options = GetOptions {
                                head: true,
                                ..GetOptions::default()
                            };
                            let got = store.get_opts(&Self::key(prefix, rel), options).await?;
                            let hash = got
                                .attributes
                                .get(&Attribute::Metadata(HASH_KEY.into()))
                                .map(|v| v.to_string());
                            Ok::<_, object_store::Error>((rel.clone(), hash))
                        }))
                        .buffer_unordered(PARALLEL)
                        .try_collect(),
                    )
                    .map_err(|e| self.failed(Message::verbatim(e.to_string())))?;
                let asked: BTreeMap<String, Option<String>> = asked.into_iter().collect();
                for (rel, size) in listed {
                    let hash = asked.get(&rel).cloned().flatten();
                    held.insert(rel, Held { size, hash });
                }
            }
            Target::Folder { root, .. } => {
                if !root.exists() {
                    return Ok(held);
                }
                for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
                    let entry = entry.map_err(|e| self.failed(Message::verbatim(e.to_string())))?;
                    if !entry.file_type().is_file() {
                        continue;
                    }
                    let rel = relative(root, entry.path());
                    if rel == STATE || rel.ends_with(".hromada-part") {
                        continue;
                    }
                    let size = entry.metadata().map_or(0, |m| m.len());
                    let hash = fs::read(entry.path())
                        .ok()
                        .map(|b| blake3::hash(&b).to_hex().to_string());
                    held.insert(rel, Held { size, hash });
                }
            }
        }
        Ok(held)
    }

    /// The state file's record, if the target has one: each path's size,
    /// and its hash (`None`: pending, written or deleted by a deploy that
    /// may not have finished).
    pub fn state(&self) -> Result<Option<BTreeMap<String, Held>>, Failure> {
        let text = match self {
            Target::S3 {
                store,
                prefix,
                runtime,
                ..
            } => match runtime.block_on(async {
                let got = store
                    .get_opts(&Self::key(prefix, STATE), GetOptions::default())
                    .await?;
                got.bytes().await
            }) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(object_store::Error::NotFound { .. }) => return Ok(None),
                Err(e) => return Err(self.failed(Message::verbatim(e.to_string()))),
            },
            Target::Folder { root, .. } => match fs::read_to_string(root.join(STATE)) {
                Ok(text) => text,
                Err(_) => return Ok(None),
            },
        };
        if !text.starts_with(STATE_HEADER) {
            return Ok(None);
        }
        Ok(Some(
            text.lines()
                .skip(1)
                .filter_map(|line| {
                    let mut parts = line.splitn(3, ' ');
                    let hash = parts.next()?;
                    let size = parts.next()?.parse().ok()?;
                    let held = Held {
                        size,
                        hash: (hash != PENDING).then(|| hash.to_string()),
                    };
                    Some((parts.next()?.to_string(), held))
                })
                .collect(),
        ))
    }

    /// Writes the state file: `record`, what the target holds.
    pub fn save_state(&self, record: &BTreeMap<String, Held>) -> Result<(), Failure> {
        let mut text = format!("{STATE_HEADER}\n");
        for (rel, held) in record {
            let hash = held.hash.as_deref().unwrap_or(PENDING);
            text.push_str(&format!("{hash} {} {rel}\n", held.size));
        }
        let headers = Headers {
            content_type: "text/plain; charset=utf-8".into(),
            cache_control: "no-store".into(),
        };
        self.put(STATE, text.into_bytes(), None, &headers)
    }

    /// Uploads `files` from `output`, `PARALLEL` at a time, calling `done`
    /// after each.
    pub fn upload(
        &self,
        output: &Path,
        files: &[Local],
        headers: impl Fn(&str) -> Headers + Sync,
        done: impl Fn() + Sync,
    ) -> Result<(), Failure> {
        let read = |f: &Local| {
            fs::read(output.join(&f.rel)).map_err(|e| {
                Failure::Io(tr!(
                    "cannot read {path}: {why}",
                    path = output.join(&f.rel).display(),
                    why = messages::io_error(&e)
                ))
            })
        };
        match self {
            Target::S3 {
                store,
                prefix,
                runtime,
                ..
            } => runtime.block_on(
                futures::stream::iter(files.iter().map(|f| {
                    let (headers, done) = (&headers, &done);
                    async move {
                        let bytes = read(f)?;
                        let options = put_options(&headers(&f.rel), Some(&f.hash));
                        store
                            .put_opts(&Self::key(prefix, &f.rel), bytes.into(), options)
                            .await
                            .map_err(|e| self.failed(Message::verbatim(e.to_string())))?;
                        done();
                        Ok::<_, Failure>(())
                    }
                }))
                .buffer_unordered(PARALLEL)
                .try_for_each(|()| async { Ok(()) }),
            ),
            Target::Folder { .. } => {
                use rayon::prelude::*;
                files.par_iter().try_for_each(|f| {
                    self.put(&f.rel, read(f)?, Some(&f.hash), &headers(&f.rel))?;
                    done();
                    Ok(())
                })
            }
        }
    }

    /// Writes one file, whole: an object, or a file renamed into place.
    fn put(
        &self,
        rel: &str,
        bytes: Vec<u8>,
        hash: Option<&str>,
        headers: &Headers,
    ) -> Result<(), Failure> {
        match self {
            Target::S3 {
                store,
                prefix,
                runtime,
                ..
            } => runtime
                .block_on(store.put_opts(
                    &Self::key(prefix, rel),
                    bytes.into(),
                    put_options(headers, hash),
                ))
                .map(drop)
                .map_err(|e| self.failed(Message::verbatim(e.to_string()))),
            Target::Folder { root, .. } => {
                let path = root.join(rel);
                let io = |e: std::io::Error| {
                    self.failed(tr!(
                        "cannot write {path}: {why}",
                        path = path.display(),
                        why = messages::io_error(&e)
                    ))
                };
                let dir = path.parent().unwrap_or(root);
                fs::create_dir_all(dir).map_err(io)?;
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                let part = dir.join(format!(".{name}.hromada-part"));
                fs::write(&part, &bytes).map_err(io)?;
                fs::rename(&part, &path).map_err(io)
            }
        }
    }

    /// Deletes the files at `rels`.
    pub fn delete(&self, rels: &[String]) -> Result<(), Failure> {
        match self {
            Target::S3 {
                store,
                prefix,
                runtime,
                ..
            } => runtime
                .block_on(
                    futures::stream::iter(
                        rels.iter()
                            .map(|rel| async move { store.delete(&Self::key(prefix, rel)).await }),
                    )
                    .buffer_unordered(PARALLEL)
                    .try_collect::<Vec<()>>(),
                )
                .map(drop)
                .map_err(|e| self.failed(Message::verbatim(e.to_string()))),
            Target::Folder { root, .. } => {
                for rel in rels {
                    let path = root.join(rel);
                    match fs::remove_file(&path) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(self.failed(messages::io_error(&e))),
                    }
                    // Folders left empty go too.
                    let mut dir = path.parent();
                    while let Some(d) = dir.filter(|d| *d != root.as_path()) {
                        if fs::remove_dir(d).is_err() {
                            break;
                        }
                        dir = d.parent();
                    }
                }
                Ok(())
            }
        }
    }
}

fn put_options(headers: &Headers, hash: Option<&str>) -> PutOptions {
    let mut attributes = Attributes::new();
    attributes.insert(
        Attribute::ContentType,
        AttributeValue::from(headers.content_type.clone()),
    );
    attributes.insert(
        Attribute::CacheControl,
        AttributeValue::from(headers.cache_control.clone()),
    );
    if let Some(hash) = hash {
        attributes.insert(
            Attribute::Metadata(HASH_KEY.into()),
            AttributeValue::from(hash.to_string()),
        );
    }
    PutOptions {
        attributes,
        ..PutOptions::default()
    }
}

/// `path` under `root`, with `/` between its parts.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

//! The built example site in a real browser: axe-core's WCAG 2.2 A and AA
//! rules on every kind of page in both languages, at a desktop and a phone
//! width, no request to another host, and the table finder used by
//! keyboard (tests/a11y/check.mjs). scripts/test installs Chromium and the
//! npm packages.

mod common;

use std::process::Command;

use common::*;

#[test]
fn every_kind_of_page_passes_axe_in_a_real_browser() {
    let site = example_site();
    build(site.path());
    let kinds = [
        "",
        "passports/uzhhorodska/",
        "passports/zrazkova-pryklad/",
        "oblasts/zakarpatska/",
        "oblasts/zhytomyrska/",
        "funding/",
        "threats/",
        "survey/",
        "reports/",
        "reports/overview/",
        "about/",
    ];
    let mut pages: Vec<String> = Vec::new();
    for kind in kinds {
        pages.push(kind.to_string());
        pages.push(format!("en/{kind}"));
    }
    pages.push("404.html".into());
    let script = root().join("tests/a11y/check.mjs");
    let out = Command::new("node")
        .arg(&script)
        .arg(site.path().join("output"))
        .arg("/passports-2023/")
        .args(&pages)
        .output()
        .expect("node is needed (scripts/test installs the browser and npm packages)");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

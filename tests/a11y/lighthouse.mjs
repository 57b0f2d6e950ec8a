// Lighthouse on a built site, run by tests/browser.rs and bench/lighthouse:
//   node lighthouse.mjs OUTPUT_DIR BASE_PATH PAGE...
// Serves OUTPUT_DIR at BASE_PATH on 127.0.0.1, compressed as any web host
// serves text (gzip), and audits each PAGE in headless Chromium as a phone
// (Lighthouse's mobile emulation). Prints a
// line per page: its path and the scores of accessibility, best
// practices, SEO and performance (0-100), then every failed audit of the
// first three.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [root, base, ...pages] = process.argv.slice(2);
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".woff2": "font/woff2", ".json": "application/json", ".xml": "application/xml",
  ".txt": "text/plain" };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split("?")[0]);
  let file = path.join(root, url.slice(base.length));
  // robots.txt belongs at the domain's root, where the site puts it.
  if (url === "/robots.txt") file = path.join(root, "robots.txt");
  else if (!url.startsWith(base)) file = path.join(root, "404.html");
  if (url.endsWith("/")) file = path.join(file, "index.html");
  fs.readFile(file, (err, data) => {
    if (err) {
      res.writeHead(404, { "content-type": types[".html"] });
      return res.end(fs.readFileSync(path.join(root, "404.html")));
    }
    const type = types[path.extname(file)] || "application/octet-stream";
    const text = /text|javascript|json|xml|svg/.test(type);
    if (text && /gzip/.test(req.headers["accept-encoding"] || "")) {
      res.writeHead(200, { "content-type": type, "content-encoding": "gzip", "vary": "accept-encoding" });
      return res.end(zlib.gzipSync(data));
    }
    res.writeHead(200, { "content-type": type });
    res.end(data);
  });
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const categories = ["accessibility", "best-practices", "seo", "performance"];
for (const p of pages) {
  const result = await lighthouse(origin + base + p, {
    port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories,
  });
  const lhr = result.lhr;
  const score = (c) => Math.round((lhr.categories[c].score ?? 0) * 100);
  console.log(`${p || "/"} ${categories.map((c) => `${c}=${score(c)}`).join(" ")}`);
  for (const c of categories.slice(0, 3)) {
    for (const ref of lhr.categories[c].auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        console.log(`  ${c}: ${ref.id}: ${audit.title}`);
      }
    }
  }
}
await chrome.kill();
server.close();

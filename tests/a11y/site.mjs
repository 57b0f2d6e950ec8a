// What the browser scripts share (check.mjs, shot.mjs): a built site served
// at its base path on a free local port, and headless Chromium.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".woff2": "font/woff2", ".json": "application/json", ".pdf": "application/pdf",
  ".png": "image/png", ".csv": "text/csv; charset=utf-8" };

// Serves the output folder `root` at `base` on 127.0.0.1; resolves to the
// server and its origin (`http://127.0.0.1:<port>`).
export async function serveSite(root, base) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split("?")[0]);
    if (!url.startsWith(base)) { res.writeHead(404); return res.end(); }
    let file = path.join(root, url.slice(base.length));
    if (url.endsWith("/")) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

// Headless Chromium (Debian's, or $CHROMIUM), with nothing that reaches
// the network on its own.
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

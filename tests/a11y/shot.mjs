// Screenshots of a built site, for looking at pages as a reader would (not
// a test): node shot.mjs OUTPUT_DIR BASE_PATH WIDTH OUT_DIR PAGE...
// Writes OUT_DIR/<page>-<width>.png (the whole page) and
// <page>-<width>-screen.png (the first screen, or the one SCROLL px down),
// and prints each page's width as laid out (wider than WIDTH: it scrolls).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
const [root, base, width, out, ...pages] = process.argv.slice(2);
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".woff2": "font/woff2", ".png": "image/png" };
const server = http.createServer((req, res) => {
  let url = decodeURIComponent(req.url.split("?")[0]);
  let file = path.join(root, url.slice(base.length));
  if (url.endsWith("/")) file = path.join(file, "index.html");
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(data);
  });
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const page = await browser.newPage({ viewport: { width: +width, height: 800 }, deviceScaleFactor: 1 });
for (const p of pages) {
  await page.goto(origin + base + p, { waitUntil: "load" });
  const info = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, h: document.documentElement.scrollHeight }));
  const name = p.replace(/\//g, "_") || "home";
  await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  const scroll = +(process.env.SCROLL || 0);
  if (scroll) await page.evaluate((y) => window.scrollTo(0, y), scroll);
  await page.screenshot({ path: `${out}/${name}-${width}-screen.png` });
  console.log(p, width, JSON.stringify(info));
}
await browser.close(); server.close();

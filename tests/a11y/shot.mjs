// Screenshots of a built site, for looking at pages as a reader would (not
// a test): node shot.mjs OUTPUT_DIR BASE_PATH WIDTH OUT_DIR PAGE...
// Writes OUT_DIR/<page>-<width>.png (the whole page) and
// <page>-<width>-screen.png (the first screen, or the one SCROLL px down),
// and prints each page's width as laid out (wider than WIDTH: it scrolls).
import { serveSite, launchChromium } from "./site.mjs";

const [root, base, width, out, ...pages] = process.argv.slice(2);
const { server, origin } = await serveSite(root, base);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: +width, height: 800 }, deviceScaleFactor: 1 });
for (const p of pages) {
  await page.goto(origin + base + p, { waitUntil: process.env.IDLE ? "networkidle" : "load" });
  const info = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, h: document.documentElement.scrollHeight }));
  const name = p.replace(/\//g, "_") || "home";
  await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  const scroll = +(process.env.SCROLL || 0);
  if (scroll) await page.evaluate((y) => window.scrollTo(0, y), scroll);
  await page.screenshot({ path: `${out}/${name}-${width}-screen.png` });
  console.log(p, width, JSON.stringify(info));
}
await browser.close(); server.close();

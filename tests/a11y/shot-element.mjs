// A screenshot of one element of a built page, for looking at a section
// as a reader would (not a test):
// node shot-element.mjs OUTPUT_DIR BASE_PATH WIDTH PAGE SELECTOR OUT_PNG
// Prints the page's width as laid out (wider than WIDTH: it scrolls).
import { serveSite, launchChromium } from "./site.mjs";

const [root, base, width, path, selector, out] = process.argv.slice(2);
const { server, origin } = await serveSite(root, base);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: +width, height: 800 }, deviceScaleFactor: 1 });
await page.goto(origin + base + path, { waitUntil: "load" });
const info = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
await page.locator(selector).first().screenshot({ path: out });
console.log(path, width, JSON.stringify(info));
await browser.close(); server.close();

// kubesim e2e — shared helpers: a tiny static server on 127.0.0.1, Debian's chromium through
// playwright-core (no browser download), console-error capture, and pixel checks done inside the
// page on a screenshot (no image library needed in node).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../..");
export const siteDir = process.env.KUBESIM_SITE || path.join(repo, "build/wasm/site");
export const artifactsDir = process.env.KUBESIM_ARTIFACTS || path.join(repo, "build/e2e-artifacts");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
                ".ttf": "font/ttf", ".json": "application/json", ".css": "text/css" };

// Serves `dir` on a free port of 127.0.0.1. Resolves to { url, close, requests } (requests: paths asked for).
export function serve(dir = siteDir) {
  if (!fs.existsSync(path.join(dir, "index.html"))) throw new Error(`no site in ${dir}: build it with cmake --preset wasm && cmake --build --preset wasm`);
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    requests.push(url.pathname);
    let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(path.normalize(dir))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404).end("not found"); return; }
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-store" });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    resolve({ url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((r) => server.close(r)) });
  }));
}

// The flags TOOLCHAIN.md lists for software WebGL2 in headless Chromium.
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--use-gl=swiftshader", "--enable-unsafe-swiftshader",
  "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--ignore-gpu-blocklist"];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

// A page that records console errors and page errors (any of them fails a test).
export async function openPage(browser, url, { width = 1440, height = 900, dpr = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console.error: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.kubesim && window.kubesim.ready, null, { timeout: 60000 });
  await page.evaluate(() => window.kubesim.ready);
  return { page, context, errors };
}

// Pixel statistics of a screenshot, computed in the page with a 2D canvas.
// `clip` in CSS px; `colors`: { name: [r, g, b, tolerance] } counts pixels near each colour.
export async function pixelStats(page, png, colors = {}, clip = null) {
  const b64 = png.toString("base64");
  return page.evaluate(async ({ b64, colors, clip }) => {
    const img = new Image();
    img.src = "data:image/png;base64," + b64;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const scale = img.width / window.innerWidth;
    const [x, y, w, h] = clip ? clip.map((v) => Math.round(v * scale)) : [0, 0, img.width, img.height];
    const d = g.getImageData(x, y, Math.max(1, w), Math.max(1, h)).data;
    const counts = Object.fromEntries(Object.keys(colors).map((k) => [k, 0]));
    const distinct = new Set();
    let nonBackground = 0;
    for (let i = 0; i < d.length; i += 4) {
      const r = d[i], gg = d[i + 1], bb = d[i + 2];
      distinct.add(((r >> 3) << 10) | ((gg >> 3) << 5) | (bb >> 3));
      if (Math.abs(r - 13) + Math.abs(gg - 16) + Math.abs(bb - 20) > 30) nonBackground++;
      for (const [k, [cr, cg, cb, tol]] of Object.entries(colors))
        if (Math.abs(r - cr) <= tol && Math.abs(gg - cg) <= tol && Math.abs(bb - cb) <= tol) counts[k]++;
    }
    return { pixels: d.length / 4, distinct: distinct.size, nonBackground, counts };
  }, { b64, colors, clip });
}

export function ensureDir(d) { fs.mkdirSync(d, { recursive: true }); return d; }
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// kubesim e2e — the learner's walk through the seed blog post (Kubernetes Basics modules 5 and 6)
// in the real page, in headless Chromium with software WebGL2:
//   * the canvas is not blank and no console error happens;
//   * every command is typed with real keyboard events into the canvas terminal, and the terminal's
//     text (its DOM mirror, role="log") is compared with window.kubesim.run() of the same command
//     at the same simulated instant;
//   * pixels: pods of two colours (old and new ReplicaSet) are visible during the rollout;
//   * screenshots in build/e2e-artifacts/: scaled to 4, mid-rollout to v2, stalled v10, after undo,
//     traffic, Korean UI, phone layout.
// Run: (cd tests/e2e && npm install && node run.mjs)   [KUBESIM_SITE=dir to test another build]
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, pixelStats, ensureDir, artifactsDir, sleep } from "./lib.mjs";

const results = [];
function check(ok, what, detail = "") {
  results.push({ ok: !!ok, what, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${!ok && detail ? "\n     " + String(detail).slice(0, 600).replace(/\n/g, "\n     ") : ""}`);
  return !!ok;
}

const BLUE = [79, 156, 255, 40];   // palette_color(0): the first ReplicaSet (v1)
const TEAL = [51, 204, 158, 40];   // palette_color(1): the second ReplicaSet (v2)
const VIOLET = [186, 133, 252, 40]; // palette_color(2): the third (v10)

const site = await serve();
const browser = await launch();
ensureDir(artifactsDir);
let page, errors;
try {
  ({ page, errors } = await openPage(browser, site.url + "?seed=7"));

  const state = () => page.evaluate(() => window.kubesim.state());
  const layout = () => page.evaluate(() => window.kubesim.layout());
  const transcript = () => page.evaluate(() => window.kubesim.transcript());
  async function waitFor(what, pred, timeoutMs = 60000) {
    const t0 = Date.now();
    for (;;) {
      const s = await state();
      if (pred(s)) return s;
      if (Date.now() - t0 > timeoutMs) { check(false, `waiting for ${what}`, JSON.stringify(s).slice(0, 600)); return s; }
      await sleep(150);
    }
  }
  async function shot(name) {
    const file = path.join(artifactsDir, name);
    const png = await page.screenshot({ path: file });
    return png;
  }
  // Type a line into the terminal with real key events; returns what the terminal printed for it.
  async function type(line) {
    const l = await layout();
    const [x, y, w, h] = l.terminalText;
    await page.mouse.click(x + w * 0.6, y + h * 0.5);
    const before = (await transcript()).length;
    await page.keyboard.type(line, { delay: 2 });
    await page.keyboard.press("Enter");
    const echo = "$ " + line + "\n";
    await page.waitForFunction(([n, echo]) => window.kubesim.transcript().slice(n).includes(echo), [before, echo], { timeout: 60000 });
    await sleep(60);
    const t = (await transcript()).slice(before);
    return t.slice(t.indexOf(echo) + echo.length);
  }
  const expandTabs = (s) => s.split("\n").map((l) => { let o = ""; for (const ch of l) o += ch === "\t" ? " ".repeat(8 - (o.length % 8)) : ch; return o; }).join("\n");
  // Typed output must equal the API's output for the same command at the same simulated instant.
  async function same(line) {
    await page.evaluate(() => window.kubesim.pause());
    const typed = await type(line);
    const api = await page.evaluate((c) => window.kubesim.run(c), line);
    check(typed === expandTabs(api.output), `typed "${line}" prints exactly what kubesim.run prints`, `typed:\n${typed}\napi:\n${api.output}`);
    return api;
  }
  const runningWith = (s, tag) => s.pods.filter((p) => p.namespace === "default" && p.image.endsWith(":" + tag) && p.look === "Running").length;
  const failing = (s) => s.pods.filter((p) => ["ErrImagePull", "ImagePullBackOff"].includes(p.look)).length;

  // [SECTION] the page renders
  const first = await shot("00-start.png");
  const px = await pixelStats(page, first);
  check(px.distinct > 60 && px.nonBackground > px.pixels * 0.08, "the canvas is not blank", JSON.stringify(px));
  const l0 = await layout();
  check(!l0.narrow && l0.terminalText[2] > 200, "wide layout with a terminal", JSON.stringify(l0));

  // [SECTION] module 5: scaling
  let api = await same("kubectl get deployments");
  check(/kubernetes-bootcamp\s+1\/1/.test(api.output), "one bootcamp replica at the start", api.output);
  let out = await type("kubectl scale deployments/kubernetes-bootcamp --replicas=4");
  check(out.includes("deployment.apps/kubernetes-bootcamp scaled"), "scale to 4 is acknowledged", out);
  await page.evaluate(() => window.kubesim.play(5));
  let s = await waitFor("4 running pods", (s) => runningWith(s, "v1") === 4);
  await page.evaluate(() => window.kubesim.pause());
  await sleep(300);
  api = await same("kubectl get deployments");
  check(/kubernetes-bootcamp\s+4\/4\s+4\s+4/.test(api.output), "get deployments shows 4/4 4 4", api.output);
  api = await same("kubectl get pods -o wide");
  check((api.output.match(/Running/g) || []).length >= 4, "get pods -o wide lists 4 Running pods", api.output);
  let png = await shot("01-scaled-to-4.png");
  let st = await pixelStats(page, png, { blue: BLUE }, l0.canvas);
  check(st.counts.blue > 400, "pods of the first ReplicaSet are drawn", JSON.stringify(st.counts));
  await same("kubectl describe deployments/kubernetes-bootcamp");
  await same("kubectl describe services/kubernetes-bootcamp");
  await type("export NODE_PORT=$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')");
  out = await type("echo NODE_PORT=$NODE_PORT");
  check(/NODE_PORT=3\d{4}/.test(out), "NODE_PORT is a NodePort number", out);
  out = await type("kubectl scale deployments/kubernetes-bootcamp --replicas=2");
  check(out.includes("scaled"), "scale to 2 is acknowledged", out);
  await page.evaluate(() => window.kubesim.play(20));
  await waitFor("2 pods left", (s) => s.pods.filter((p) => p.namespace === "default").length === 2);
  await same("kubectl get deployments");
  await same("kubectl get pods -o wide");

  // [SECTION] module 6: rolling update (the module starts with 4 replicas)
  await type("kubectl scale deployments/kubernetes-bootcamp --replicas=4");
  await page.evaluate(() => window.kubesim.play(5));
  await waitFor("4 running pods again", (s) => runningWith(s, "v1") === 4);
  await same("kubectl get deployments");
  await same("kubectl get pods");
  await same("kubectl describe pods");
  out = await type("kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2");
  check(out.includes("image updated"), "set image v2 is acknowledged", out);
  await page.evaluate(() => window.kubesim.play(1));
  s = await waitFor("old and new pods running side by side", (s) => runningWith(s, "v2") >= 1 && runningWith(s, "v1") >= 1, 90000);
  await page.evaluate(() => window.kubesim.pause());
  await sleep(400);
  png = await shot("02-rollout-v2.png");
  st = await pixelStats(page, png, { blue: BLUE, teal: TEAL }, l0.canvas);
  check(st.counts.blue > 150 && st.counts.teal > 150, "mid-rollout: pods of two colours (old v1 and new v2) are visible", JSON.stringify(st.counts));
  await same("kubectl get pods");
  await same("kubectl describe services/kubernetes-bootcamp");
  await type("export NODE_PORT=$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')");
  out = await type("curl $(minikube ip):$NODE_PORT");
  check(out.includes("Hello Kubernetes bootcamp!"), "curl through the NodePort reaches a pod", out);
  out = await type("kubectl rollout status deployments/kubernetes-bootcamp");
  check(out.includes('deployment "kubernetes-bootcamp" successfully rolled out'), "rollout status finishes", out);
  s = await state();
  check(runningWith(s, "v2") === 4, "4 v2 pods run after the rollout", JSON.stringify(s.pods.map((p) => p.name + " " + p.look)));
  await same("kubectl describe pods");

  out = await type("kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10");
  check(out.includes("image updated"), "set image v10 is acknowledged", out);
  await page.evaluate(() => window.kubesim.play(5));
  s = await waitFor("the v10 rollout to stall on the image pull", (s) => failing(s) >= 1 && s.pods.filter((p) => p.look === "ImagePullBackOff").length >= 1, 90000);
  await page.evaluate(() => window.kubesim.pause());
  await sleep(300);
  api = await same("kubectl get deployments");
  check(/kubernetes-bootcamp\s+3\/4\s+2\s+3/.test(api.output), "the stalled rollout shows 3/4 2 3", api.output);
  const tStalled = await page.evaluate(() => window.kubesim.time());
  png = await shot("03-stalled-v10.png");
  st = await pixelStats(page, png, { teal: TEAL, red: [255, 84, 84, 40] }, l0.canvas);
  check(st.counts.teal > 150 && st.counts.red > 20, "stalled: old pods still run and the failing pods show red", JSON.stringify(st.counts));
  await same("kubectl get pods");
  await same("kubectl describe pods");

  out = await type("kubectl rollout undo deployments/kubernetes-bootcamp");
  check(out.includes("rolled back"), "rollout undo is acknowledged", out);
  await page.evaluate(() => window.kubesim.play(5));
  s = await waitFor("4 v2 pods and no failing pod", (s) => runningWith(s, "v2") === 4 && failing(s) === 0 && s.pods.filter((p) => p.namespace === "default").length === 4, 90000);
  await page.evaluate(() => window.kubesim.pause());
  await sleep(300);
  png = await shot("04-after-undo.png");
  // the inspector: a pod's owner chain, its state in words and its kubectl describe
  const onePod = s.pods.find((p) => p.namespace === "default");
  check(await page.evaluate((n) => window.kubesim.inspect("pod", n), onePod.name), "inspect() selects a pod");
  const pausedAt = await page.evaluate(() => window.kubesim.time());
  await sleep(1200);
  await shot("04c-inspector.png");
  check((await page.evaluate(() => window.kubesim.inspect("nothing", "x"))) === false, "inspect() refuses unknown kinds");
  await page.evaluate(() => window.kubesim.showEvents());
  await sleep(600);
  await shot("04d-events.png");
  check(await page.evaluate(() => window.kubesim.time()) === pausedAt, "the clock stands still while paused",
        `${pausedAt} → ${await page.evaluate(() => window.kubesim.time())}`);
  await same("kubectl get pods");
  await same("kubectl describe pods");

  // [SECTION] time travel: back to the stalled rollout, then forward to the present
  const tEnd = await page.evaluate(() => window.kubesim.time());
  // (the undo was typed at the same simulated millisecond as tStalled: go to just before it)
  await page.evaluate((t) => window.kubesim.seek(t), tStalled - 1);
  s = await state();
  check(s.time === tStalled - 1 && failing(s) >= 1 && runningWith(s, "v2") === 3,
        "seeking back shows the stalled v10 rollout again", JSON.stringify({ time: s.time, tStalled, pods: s.pods.map((p) => p.look + " " + p.image) }));
  await sleep(300);
  await shot("04b-time-travel-to-stall.png");
  await page.evaluate((t) => window.kubesim.seek(t), tEnd);
  s = await state();
  check(s.time === tEnd && runningWith(s, "v2") === 4 && failing(s) === 0, "seeking forward replays the undo", JSON.stringify(s.pods.map((p) => p.look + " " + p.image)));

  // [SECTION] terminal features: history, completion, clear
  const [tx, ty, tw, th] = (await layout()).terminalText;
  await page.mouse.click(tx + tw * 0.6, ty + th * 0.5);
  let before = (await transcript()).length;
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => window.kubesim.transcript().length > n, before);
  check((await transcript()).slice(before).includes("$ kubectl describe pods"), "↑ recalls the last command");
  before = (await transcript()).length;
  await page.keyboard.type("kubectl get deploym");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => window.kubesim.transcript().length > n, before);
  await sleep(60);
  check(/^\$ kubectl get deployments? ?\nNAME/.test((await transcript()).slice(before)), "Tab completes a resource name", (await transcript()).slice(before, before + 200));
  await type("clear");
  const screen = await page.evaluate(() => window.kubesim.terminalText());
  check(screen.trim().length < 40, "clear empties the terminal", screen);

  // [SECTION] traffic: the load generator and particles
  await page.evaluate(() => { window.kubesim.setLoad(25, "default/kubernetes-bootcamp"); window.kubesim.play(1); });
  const r0 = (await state()).requests;
  await sleep(2500);
  const s2 = await state();
  check(s2.requests > r0 + 5, "the load generator sends requests", `${r0} → ${s2.requests}`);
  check(s2.failedRequests === 0, "no request failed while the pods were ready", String(s2.failedRequests));
  await page.evaluate(() => window.kubesim.pause());
  await shot("05-traffic.png");
  const fs1 = await page.evaluate(() => window.kubesim.frameStats());
  check(fs1.frames > 10 && fs1.drawCalls >= 1, "frameStats reports frames and the instanced draw", JSON.stringify(fs1));
  await page.evaluate(() => window.kubesim.setLoad(0, ""));

  // [SECTION] Korean UI: the font is fetched only when asked for
  check(!site.requests.some((p) => p.includes("NanumGothicCoding")), "the Korean font is not loaded for the English UI");
  await page.evaluate(() => window.kubesim.setLanguage("ko"));
  for (let i = 0; i < 100 && !site.requests.some((p) => p.includes("NanumGothicCoding")); ++i) await sleep(100);
  check(site.requests.some((p) => p.includes("NanumGothicCoding")), "switching to Korean fetches the Korean font");
  await sleep(1500);
  png = await shot("06-korean.png");
  st = await pixelStats(page, png);
  check(st.distinct > 60, "the Korean UI renders", JSON.stringify(st));
  await page.evaluate(() => window.kubesim.setLanguage("en"));

  check(errors.length === 0, "no console errors", errors.join("\n"));
  await page.context().close();

  // [SECTION] phone: narrow layout, HiDPI, a tap on the terminal focuses the hidden textarea
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const pp = await phone.newPage();
  const perrors = [];
  pp.on("console", (m) => { if (m.type() === "error") perrors.push(m.text()); });
  pp.on("pageerror", (e) => perrors.push(e.message));
  await pp.goto(site.url);
  await pp.waitForFunction(() => window.kubesim && window.kubesim.ready);
  await pp.evaluate(() => window.kubesim.ready);
  await sleep(500);
  const pl = await pp.evaluate(() => window.kubesim.layout());
  check(pl.narrow, "a phone gets the stacked layout", JSON.stringify(pl));
  const [px2, py2, pw2, ph2] = pl.terminalText;
  await pp.touchscreen.tap(px2 + pw2 * 0.5, py2 + ph2 * 0.5);
  await sleep(300);
  check(await pp.evaluate(() => document.activeElement && document.activeElement.id === "kbd"), "a tap on the terminal focuses the keyboard input");
  await pp.keyboard.type("kubectl get pods");
  await pp.keyboard.press("Enter");
  await sleep(500);
  check((await pp.evaluate(() => window.kubesim.transcript())).includes("$ kubectl get pods\nNAME"), "typing on the phone runs the command");
  await pp.screenshot({ path: path.join(artifactsDir, "07-phone.png") });
  check(perrors.length === 0, "no console errors on the phone", perrors.join("\n"));
  await phone.close();
} catch (e) {
  check(false, "the test ran to the end", e.stack || String(e));
} finally {
  await browser.close();
  await site.close();
}

const failed = results.filter((r) => !r.ok);
fs.writeFileSync(path.join(artifactsDir, "e2e-results.json"), JSON.stringify(results, null, 2));
console.log(`\n${results.length - failed.length}/${results.length} checks passed; artifacts in ${artifactsDir}`);
process.exit(failed.length ? 1 : 0);

// kubesim perf — CPU time per frame (engine step + UI build, from window.kubesim.frameStats())
// with 1,000 and 10,000 pods, in headless Chromium (software WebGL: frames per second mean little
// here, the app's own CPU time is what is measured). Target: ≤ 4 ms per frame at 10,000 pods.
// Writes build/e2e-artifacts/perf.json and a screenshot per size.
// Run: (cd tests/e2e && node perf.mjs)   [PERF_SIZES=1000,10000]
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, ensureDir, artifactsDir, sleep } from "./lib.mjs";

const sizes = (process.env.PERF_SIZES || "1000,10000").split(",").map(Number);
const TARGET_MS = 4;
const site = await serve();
const browser = await launch();
ensureDir(artifactsDir);
const report = { target_ms_at_10000: TARGET_MS, runs: [] };
let failed = false;

async function measure(page, label, seconds = 5) {
  await page.evaluate(() => window.kubesim.frameStats(true));  // start a fresh window (it keeps ≤ 120 frames)
  await sleep(seconds * 1000);
  const f = await page.evaluate(() => window.kubesim.frameStats());
  const sec = Object.entries(f.sections || {}).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", ");
  console.log(`  ${label.padEnd(28)} cpu ${f.cpuMs.toFixed(2)} ms (p95 ${f.cpuMsP95.toFixed(2)}, engine ${f.engineMs.toFixed(2)}, ui ${f.uiMs.toFixed(2)}) pods drawn ${f.pods}, draw calls ${f.drawCalls}, ${f.frames} frames\n    ui: ${sec}`);
  return { label, ...f };
}

try {
  for (const n of sizes) {
    const nodes = Math.max(1, Math.ceil(n / 100));
    console.log(`${n} pods on ${nodes} nodes`);
    const { page, errors, context } = await openPage(browser, `${site.url}?seed=3&nodes=${nodes}&paused=1`);
    const t0 = Date.now();
    await page.evaluate((n) => window.kubesim.run(`kubectl scale deployments/kubernetes-bootcamp --replicas=${n}`), n);
    await page.evaluate(() => window.kubesim.play(20));
    for (;;) {
      const running = await page.evaluate(() => window.kubesim.state().pods.filter((p) => p.namespace === "default" && p.look === "Running").length);
      if (running >= n) break;
      if (Date.now() - t0 > 15 * 60 * 1000) throw new Error(`only ${running} of ${n} pods running after 15 minutes`);
      await sleep(2000);
    }
    const run = { pods: n, nodes, settle_s: (Date.now() - t0) / 1000, phases: [] };
    await page.evaluate(() => window.kubesim.play(1));
    run.phases.push(await measure(page, "steady, playing 1×"));
    await page.evaluate(() => window.kubesim.pause());
    run.phases.push(await measure(page, "paused (UI only)"));
    await page.evaluate(() => window.kubesim.run("kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2"));
    await page.evaluate(() => window.kubesim.play(5));
    run.phases.push(await measure(page, "rolling update, playing 5×"));
    await page.screenshot({ path: path.join(artifactsDir, `perf-${n}.png`) });
    await page.evaluate(() => window.kubesim.pause());
    run.errors = errors.slice();
    report.runs.push(run);
    if (errors.length) { console.log("  console errors:\n  " + errors.join("\n  ")); failed = true; }
    const steady = run.phases[0];
    if (n >= 10000 && steady.cpuMs > TARGET_MS) {
      console.log(`  above the ${TARGET_MS} ms target (steady): ${steady.cpuMs.toFixed(2)} ms`);
      failed = true;
    }
    await context.close();
  }
} catch (e) {
  console.log("perf run failed: " + (e.stack || e));
  failed = true;
} finally {
  await browser.close();
  await site.close();
}
fs.writeFileSync(path.join(artifactsDir, "perf.json"), JSON.stringify(report, null, 2));
console.log(`report: ${path.join(artifactsDir, "perf.json")}`);
process.exit(failed ? 1 : 0);

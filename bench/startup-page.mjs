// Start-up attribution for bench/startup.mjs: loads the module (?pkg=DIR, default /pkg), then
// times init, new Analyzer, each Analyzer.warm() step alone, and the first analysis of the
// 4 KB article after them; ?warm=0 skips the warm() steps (the first analysis pays for them).
const params = new URLSearchParams(location.search);
const pkg = params.get("pkg") ?? "/pkg";
const t0 = performance.now();
const [{ default: init, Analyzer }, article] = await Promise.all([
  import(`${pkg}/loupe.js`),
  fetch("/bench/out/article-4k.txt").then((r) => r.text()),
]);
const tImport = performance.now();
await init({ module_or_path: `${pkg}/loupe_bg.wasm` });
const tInit = performance.now();
// ?marks=1: user-timing marks for traces (bench/startup-profile.mjs).
const mark = (name) => params.has("marks") && performance.mark(name);
mark("loupe-new");
const analyzer = new Analyzer({ language: "auto" });
const tNew = performance.now();
const steps = [];
for (let more = params.get("warm") !== "0"; more;) {
  const t = performance.now();
  more = analyzer.warm();
  steps.push(performance.now() - t);
}
const tWarm = performance.now();
const first = analyzer.analyze(article);
const tFirst = performance.now();
mark("loupe-first-done");
analyzer.analyze(article);
const tSecond = performance.now();
window.startup = {
  totalMs: tFirst - t0, importMs: tImport - t0, wasmInitMs: tInit - tImport, analyzerNewMs: tNew - tInit,
  warmMs: tWarm - tNew, firstAnalyzeMs: tFirst - tWarm, secondAnalyzeMs: tSecond - tFirst,
  highlights: first.highlights.start.length, ...Object.fromEntries(steps.map((s, i) => [`warm${i}`, s])),
};
document.body.dataset.ready = "1";

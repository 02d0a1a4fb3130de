// Where the time of `Analyzer.analyze` goes in V8 (node), for one `--features bench` build of the
// web module (scripts/bench.sh makes bench/out/pkg-bench): the analysis alone (benchAnalyzeCore),
// then with its UTF-16 offsets (benchAnalyzeConvert), then packed for JS (benchAnalyzePack), then
// the whole call (the JS result built), and structuredClone of the result (what posting it from a
// worker costs, both halves). Runs alternate between the stages; best and median CPU ms.
// `node bench/way-out.mjs bench/out/pkg-bench bench/out/news-1m.txt bench/out/wikinews-dev.txt`
import fs from "fs";
const [, , dir, ...files] = process.argv;
const m = await import(new URL(dir + "/loupe.js", `file://${process.cwd()}/`).href);
m.initSync({ module: fs.readFileSync(dir + "/loupe_bg.wasm") });
const an = new m.Analyzer();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const f of files) {
  const text = fs.readFileSync(f, "utf8");
  const result = an.analyze(text);
  const stages = {
    core: () => m.benchAnalyzeCore(an, text),
    convert: () => m.benchAnalyzeConvert(an, text),
    pack: () => m.benchAnalyzePack(an, text),
    analyze: () => an.analyze(text),
    clone: () => structuredClone(result),
  };
  const runs = Object.fromEntries(Object.keys(stages).map((k) => [k, []]));
  const reps = Buffer.byteLength(text) > 500000 ? 12 : 150;
  for (const s of Object.values(stages)) s();
  for (let i = 0; i < reps; i++) {
    for (const [k, s] of Object.entries(stages)) { const t = cpu(); s(); runs[k].push(cpu() - t); }
  }
  const best = (a) => Math.min(...a), median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`${f.split("/").pop()}\t` + Object.entries(runs).map(([k, v]) => `${k} ${best(v).toFixed(1)} (${median(v).toFixed(1)})`).join("\t") + "\tms, best (median)");
}

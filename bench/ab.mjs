// A/B of `Analyzer.analyze` in V8 (node) for two builds of the web module (a directory with
// loupe.js + loupe_bg.wasm from scripts/build.sh's pkg/), runs alternating between them so
// that the load of a shared machine hits both alike; prints the best CPU ms of each.
// `node bench/ab.mjs bench/out/pkg-base pkg bench/out/news-1m.txt bench/out/wikinews-dev.txt`
// (keep a copy of main's pkg/ as bench/out/pkg-base before building a branch).
// AB_MEASURE=tokenize_stem times `benchTokenizeStem` instead (two `--features bench` builds,
// as scripts/bench.sh makes bench/out/pkg-bench).
import fs from "fs";
const tokenizeStem = process.env.AB_MEASURE === "tokenize_stem";
const [, , dirA, dirB, ...files] = process.argv;
async function load(dir) {
  const m = await import(new URL(dir + "/loupe.js", `file://${process.cwd()}/`).href);
  m.initSync({ module: fs.readFileSync(dir + "/loupe_bg.wasm") });
  if (tokenizeStem) return { analyze: (text) => m.benchTokenizeStem(text) };
  return new m.Analyzer();
}
const a = await load(dirA), b = await load(dirB);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const f of files) {
  const text = fs.readFileSync(f, "utf8");
  const bytes = Buffer.byteLength(text);
  const best = [Infinity, Infinity];
  const reps = bytes > 500000 ? 12 : 200;
  a.analyze(text); b.analyze(text);
  for (let i = 0; i < reps; i++) {
    for (const [k, an] of [[0, a], [1, b]]) {
      const t = cpu(); an.analyze(text); best[k] = Math.min(best[k], cpu() - t);
    }
  }
  const mbs = (ms) => (bytes / 1048576 / (ms / 1000)).toFixed(2);
  console.log(`${f.split("/").pop()}\tA ${best[0].toFixed(1)} ms ${mbs(best[0])} MB/s\tB ${best[1].toFixed(1)} ms ${mbs(best[1])} MB/s\tA/B ${(best[0] / best[1]).toFixed(2)}`);
}

// Throughput of the full analysis in WebAssembly (node's V8, the engine Chrome uses),
// on the seed articles concatenated N times, as eval/keywords/bench.sh builds them.
// Usage: scripts/build.sh; node eval/keywords/bench_wasm.mjs [N]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { Analyzer } = require('../../pkg-node/loupe.js');

const n = Number(process.argv[2] || 20);
const dir = new URL('../../seeds/', import.meta.url);
const seeds = readdirSync(dir).filter((f) => /^0.*\.txt$/.test(f)).sort()
  .map((f) => readFileSync(new URL(f, dir), 'utf8').split('\n')
    .filter((l) => !/comment|réaction|cher lecteur/i.test(l)).join('\n'));
let text = '';
for (let i = 0; i < n; i++) text += seeds.map((s) => s.replace(/$/gm, ` (${i})`)).join('\n') + '\n\n';
const bytes = Buffer.byteLength(text);
const analyzer = new Analyzer({ language: 'fr' });
analyzer.analyze(seeds[0]); // warm up: data tables are parsed on first use
const runs = [];
for (let r = 0; r < 3; r++) {
  const t0 = process.hrtime.bigint();
  analyzer.analyze(text);
  runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
const best = Math.min(...runs);
console.log(`${bytes} bytes, best of 3: ${best.toFixed(3)} s = ${(bytes / best / 1e6).toFixed(2)} MB/s (full analysis, wasm in node ${process.version})`);

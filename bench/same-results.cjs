// Checks that two pkg-node builds give the same analyses, the newer one handing span lists over as
// typed-array columns (session 6) and the older one as objects: the newer results are mapped back
// to objects (evidence text = text.slice) and both JSON-stringified.
// `node bench/same-results.cjs $PWD/bench/out/pkg-node-main $PWD/pkg-node seeds/*.txt DOCS...` (absolute dirs)
const fs = require("fs");
const [oldDir, newDir, ...files] = process.argv.slice(2);
const A = new (require(oldDir + "/loupe.js").Analyzer)(), B = new (require(newDir + "/loupe.js").Analyzer)();
const rows = (s, extra = () => ({})) => Array.from(s.start, (start, i) => ({ ...extra(start, s.end[i]), start, end: s.end[i] }));
const old = (a) => ({ ...a,
  keywords: a.keywords.map((k) => ({ ...k, mentions: rows(k.mentions) })),
  entities: a.entities.map((e) => ({ ...e, mentions: rows(e.mentions), ...(e.demonyms ? { demonyms: rows(e.demonyms) } : {}) })),
  topics: a.topics.map((t) => ({ ...t, evidence: rows(t.evidence, (s, e) => ({ text: a.text.slice(s, e) })) })),
  highlights: Array.from(a.highlights.start, (start, i) => ({ start, end: a.highlights.end[i], kind: a.highlights.kinds[a.highlights.kind[i]], index: a.highlights.index[i] })) });
let same = 0, diff = 0, spans = 0;
for (const f of files) {
  const text = fs.readFileSync(f, "utf8"), bytes = fs.readFileSync(f);
  for (const [ra, rb] of [[A.analyze(text), B.analyze(text)], [A.analyzeBytes(bytes, f), B.analyzeBytes(bytes, f)]]) {
    const ja = JSON.stringify(ra), jb = JSON.stringify(old(rb));
    if (ja === jb) same++; else { diff++; console.log("DIFF", f); }
    spans += rb.highlights.start.length;
  }
}
console.log(`${same} identical, ${diff} different (${files.length} files, analyze and analyzeBytes; ${spans} highlights)`);

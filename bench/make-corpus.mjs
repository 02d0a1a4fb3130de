// Builds the benchmark texts in bench/out/ from seeds/*.txt only (the repository's own
// articles): article-4k.txt (one ~4 KB article), news-1m.txt and news-10m.txt (the seeds' sentences
// recombined in a fixed pseudo-random order into paragraphs and articles), news-1m.html
// (the 1 MiB text as a news page with site chrome, for HTML extraction).
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "bench", "out");
mkdirSync(out, { recursive: true });
const seeds = readdirSync(join(root, "seeds")).filter((f) => f.endsWith(".txt")).sort()
  .map((f) => readFileSync(join(root, "seeds", f), "utf8"));

// The 4 KB article: the seed closest to 4 KB, cut at a paragraph end.
const byDistance = [...seeds].sort((a, b) => Math.abs(Buffer.byteLength(a) - 4096) - Math.abs(Buffer.byteLength(b) - 4096));
let article = "";
for (const p of byDistance[0].split("\n")) {
  if (Buffer.byteLength(article + p) > 4096 && article) break;
  article += (article ? "\n" : "") + p;
}
writeFileSync(join(out, "article-4k.txt"), article);

// Paragraphs recombined from the seeds' sentences, so that no paragraph repeats
// (a repeated paragraph would be skipped as boilerplate and flatter the figures).
const sentences = seeds.flatMap((s) => s.split(/\n+/)).map((p) => p.trim()).filter((p) => p.length > 40)
  .flatMap((p) => p.split(/(?<=[.!?»”"])\s+(?=[A-ZÀ-Ý«“"])/u)).filter((s) => s.length > 20);
let state = 42;
const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
function corpus(bytes) {
  const parts = [];
  let size = 0, inArticle = 0;
  while (size < bytes) {
    const n = 2 + (next() % 3);
    const p = Array.from({ length: n }, () => sentences[next() % sentences.length]).join(" ");
    const sep = inArticle++ === 12 ? ((inArticle = 0), "\n\n\n") : "\n\n";
    parts.push(p, sep);
    size += Buffer.byteLength(p) + sep.length;
  }
  return parts.join("");
}
writeFileSync(join(out, "news-100k.txt"), corpus(100 << 10));
writeFileSync(join(out, "news-1m.txt"), corpus(1 << 20));
writeFileSync(join(out, "news-10m.txt"), corpus(10 << 20));

// A news page around the 1 MiB text, for HTML extraction: site chrome (navigation, related
// links, footer, a script), then the articles as <article> elements of <p> paragraphs with
// inline links and emphasis.
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const nav = `<nav class="menu"><ul>${["Accueil", "Monde", "Politique", "Économie", "Culture", "Sports"].map((m, i) => `<li><a href="/r${i}">${m}</a></li>`).join("")}</ul></nav>`;
const articles = readFileSync(join(out, "news-1m.txt"), "utf8").split("\n\n\n").map((a, k) => {
  const paras = a.split("\n\n").filter(Boolean).map((p, i) => {
    const words = escape(p).split(" ");
    if (i % 3 === 1 && words.length > 8) words[4] = `<a href="/article/${k}-${i}">${words[4]}</a>`;
    if (i % 4 === 2 && words.length > 8) words[7] = `<em>${words[7]}</em>`;
    return `<p>${words.join(" ")}</p>`;
  });
  return `<article class="post"><h2>Article ${k + 1}</h2>\n${paras.join("\n")}\n</article>`;
});
const related = `<aside class="related"><h3>À lire aussi</h3><ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/x${i}">Lien ${i}</a></li>`).join("")}</ul></aside>`;
writeFileSync(join(out, "news-1m.html"), `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Le journal | Actualités</title>
<meta property="og:title" content="Actualités"><script>window.dataLayer = [{ page: "home" }];</script><style>body { margin: 0 }</style></head>
<body>${nav}<main><div class="page">${articles.join("\n")}</div>${related}</main><footer><p>© Le journal</p>${nav}</footer></body></html>`);
// Real news with a real vocabulary, for the rows where the seeds' small vocabulary would flatter
// caches: the French Wikinews development set of ../shared/eval-dev (third-party text, read here
// only, never copied into the repository), concatenated. Skipped when ../shared is not there.
const wikinews = join(root, "..", "shared", "eval-dev", "keywords", "wikinews-fr-dev", "docs");
if (existsSync(wikinews)) {
  const docs = readdirSync(wikinews).filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(join(wikinews, f), "utf8").trim());
  writeFileSync(join(out, "wikinews-dev.txt"), docs.join("\n\n\n"));
}
console.log(`bench corpus: ${Buffer.byteLength(article)} B article, 1 MiB and 10 MiB news text, a 1 MiB news page in ${out}`);

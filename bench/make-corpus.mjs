// Builds the benchmark texts in bench/out/ from seeds/*.txt only (the repository's own
// articles): article-4k.txt (one ~4 KB article), news-1m.txt and news-10m.txt (the seeds' sentences
// recombined in a fixed pseudo-random order into paragraphs and articles).
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
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
console.log(`bench corpus: ${Buffer.byteLength(article)} B article, 1 MiB and 10 MiB news text in ${out}`);

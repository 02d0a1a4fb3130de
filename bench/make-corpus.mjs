// Builds the benchmark texts in bench/out/ from seeds/*.txt only (the repository's own
// articles): article-4k.txt (one ~4 KB article), news-1m.txt and news-10m.txt (the seeds' sentences
// recombined in a fixed pseudo-random order into paragraphs and articles), news-1m.html
// (a saved news page: one article in site chrome, scripts and styles, for HTML extraction), and
// wikinews-dev.txt (real news, read from ../shared when it is there).
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

// A saved news page of 1 MiB for HTML extraction, built to the byte mix of real saved news pages
// (measured on Readability's 130 test pages, 25.7 MB: script 30 %, style 16 %, inline SVG 4 %,
// markup 28 %, text and white space 21 %; about 4 elements per KB): a head full of <meta>, <link>,
// JSON-LD, a stylesheet and script bundles, a cookie banner, a mega menu with SVG icons, one long
// article (kicker, headline, byline, time, figure, paragraphs with inline links, sub-headings, ad
// slots, an inline "read also" box, a quote, tags), comments, a "most read" sidebar, teaser cards
// and a footer. Class-heavy, attribute-heavy and indented like a CMS writes it. The article
// itself is about 4 % of the bytes, the rest of the visible text is site chrome.
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const pick = () => sentences[next() % sentences.length];
const words = (n) => pick().split(/\s+/).slice(0, n).join(" ");
const hex = () => next().toString(16).padStart(8, "0");
const rubrics = ["International", "Politique", "Économie", "Société", "Culture", "Sports", "Sciences", "Planète", "Idées", "Vidéos"];
const svgIcon = (k) => `<svg class="icon icon--${k}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M${next() % 20} ${next() % 20}c1.1 0 2 .9 2 2v${next() % 9}.5a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6c0-1.1.9-2 2-2h${next() % 9}l2 2h6.${next() % 9}z"/><path d="M12 ${next() % 24}l4.${next() % 9} 4.2-1.4 1.4L12 ${next() % 24}.6l-3.2 3.2-1.4-1.4z" fill-rule="evenodd"/></svg>`;
const img = (w, alt) => `<picture class="media__picture"><source type="image/avif" srcset="${[320, 640, 960, 1280].map((x) => `https://img.lejournal.example/${hex()}/${x}x${x >> 1}.avif ${x}w`).join(", ")}" sizes="(min-width: 1024px) ${w}px, 100vw"><img class="media__img" src="https://img.lejournal.example/${hex()}/${w}x${w >> 1}.jpg" srcset="${[320, 640, 960].map((x) => `https://img.lejournal.example/${hex()}/${x}x${x >> 1}.jpg ${x}w`).join(", ")}" alt="${escape(alt)}" width="${w}" height="${w >> 1}" loading="lazy" decoding="async"></picture>`;
const link = (path, text, cls) => `<a class="${cls}" href="https://www.lejournal.example/${path}" data-track="${cls}-${next() % 100}">${text}</a>`;
const ind = (d) => "\n" + "  ".repeat(d);

// The article: ~40 KB of text, in the CMS's markup.
const headline = escape(words(12));
const articleParas = [];
for (let i = 0; i < 60; i++) {
  const w = escape(pick() + " " + pick()).split(" ");
  if (i % 3 === 1 && w.length > 8) w[4] = link(`international/article/${hex()}`, w[4], "article__link");
  if (i % 4 === 2 && w.length > 8) w[7] = `<em>${w[7]}</em>`;
  if (i % 7 === 3 && w.length > 12) w[10] = `<strong>${w[10]}</strong>`;
  articleParas.push(`${ind(4)}<p class="article__paragraph">${w.join(" ")}</p>`);
  if (i % 9 === 8) articleParas.push(`${ind(4)}<h2 class="article__sub-heading">${escape(words(7))}</h2>`);
  if (i % 12 === 5) articleParas.push(`${ind(4)}<div class="dfp-slot dfp-slot--inread" id="inread-${i}" data-format="inread" data-targeting='{"pos":"${i}","rub":"international"}'><div class="dfp-slot__label">Publicité</div></div>`);
  if (i === 20) articleParas.push(`${ind(4)}<aside class="article__read-also"><span class="read-also__label">Lire aussi :</span> ${link(`international/article/${hex()}`, escape(words(10)), "read-also__link")}</aside>`);
  if (i === 33) articleParas.push(`${ind(4)}<blockquote class="article__quote"><p>« ${escape(words(20))} »</p></blockquote>`);
}
const articleHtml = `<article class="article article--long" itemscope itemtype="https://schema.org/NewsArticle">${ind(3)}<header class="article__header">${ind(4)}<p class="article__kicker">${rubrics[0]}</p>${ind(4)}<h1 class="article__title" itemprop="headline">${headline}</h1>${ind(4)}<p class="article__desc">${escape(pick())}</p>${ind(4)}<div class="meta meta__publisher"><span class="byline author">Par <a class="author__link" rel="author" href="https://www.lejournal.example/signataires/jeanne-martin/">Jeanne Martin</a></span> <span class="meta__date">Publié le <time datetime="2023-01-31T10:00:00+01:00" itemprop="datePublished">31 janvier 2023 à 10h00</time></span></div>${ind(4)}<div class="share-bar" role="toolbar">${["facebook", "twitter", "linkedin", "whatsapp", "mail"].map((k) => `<a class="share-bar__link share-bar__link--${k}" href="https://share.example/${k}?u=https%3A%2F%2Fwww.lejournal.example%2F${hex()}" target="_blank" rel="noopener" aria-label="Partager sur ${k}">${svgIcon(k)}</a>`).join("")}</div>${ind(3)}</header>${ind(3)}<figure class="article__media">${img(1280, words(8))}<figcaption class="article__legend">${escape(words(14))} <span class="article__credit">Photo : AFP</span></figcaption></figure>${ind(3)}<section class="article__content">${articleParas.join("")}${ind(3)}</section>${ind(3)}<ul class="article__tags">${rubrics.slice(0, 6).map((r) => `<li class="tag">${link(`tag/${hex()}`, r, "tag__link")}</li>`).join("")}</ul>${ind(2)}</article>`;

const comments = `<section class="comments" id="comments"><h2 class="comments__title">${9 + (next() % 90)} commentaires</h2>${Array.from({ length: 12 }, (_, i) => `${ind(3)}<div class="comment" id="c${hex()}"><div class="comment__head"><span class="comment__author">lecteur_${hex()}</span> <time class="comment__time" datetime="2023-02-0${1 + (i % 9)}T0${i % 9}:12:00+01:00">il y a ${i + 1} h</time></div><p class="comment__text">${escape(pick())}</p><div class="comment__actions"><button class="btn btn--vote" type="button">${svgIcon("up")} ${next() % 50}</button><button class="btn btn--reply" type="button">Répondre</button></div></div>`).join("")}</section>`;

const menu = `<nav class="menu" role="navigation" aria-label="Rubriques"><ul class="menu__list">${rubrics.map((r) => `${ind(3)}<li class="menu__item menu__item--has-children"><a class="menu__link" href="https://www.lejournal.example/${hex()}/">${r}</a><ul class="menu__sub">${Array.from({ length: 12 }, () => `<li class="menu__sub-item">${link(`${hex()}/`, escape(words(2)), "menu__sub-link")}</li>`).join("")}</ul></li>`).join("")}</ul></nav>`;
const header = `<div class="cookie-banner" role="dialog" aria-live="polite"><p class="cookie-banner__text">${escape(pick())} ${escape(pick())}</p><button class="btn btn--primary" type="button">Accepter</button><button class="btn" type="button">Paramétrer</button></div>
<header class="site-header">${ind(1)}<a class="site-header__logo" href="https://www.lejournal.example/">${svgIcon("logo")}${svgIcon("logo-text")}<span class="visually-hidden">Le journal</span></a>${ind(1)}${menu}${ind(1)}<form class="search" action="/recherche" role="search"><input class="search__input" type="search" name="q" placeholder="Rechercher"><button class="search__button" type="submit">${svgIcon("search")}</button></form>${ind(1)}<a class="btn btn--subscribe" href="/abonnement">S'abonner</a>
</header>`;
const mostRead = `<aside class="sidebar"><section class="most-read"><h2 class="most-read__title">Les plus lus</h2><ol class="most-read__list">${Array.from({ length: 10 }, () => `${ind(4)}<li class="most-read__item">${link(`article/${hex()}`, `${img(160, words(5))}<span class="most-read__headline">${escape(words(11))}</span>`, "most-read__link")}</li>`).join("")}</ol></section><div class="newsletter"><p>${escape(pick())}</p><form><input type="email" placeholder="Votre e-mail"><button type="submit">S'inscrire</button></form></div></aside>`;
const card = () => `${ind(3)}<div class="card card--teaser" data-id="${hex()}">${ind(4)}${link(`article/${hex()}`, `<img class="card__img" src="https://img.lejournal.example/${hex()}/480x240.jpg" alt="${escape(words(6))}" width="480" height="240" loading="lazy"><div class="card__body"><span class="card__kicker">${rubrics[next() % rubrics.length]}</span><h3 class="card__title">${escape(words(12))}</h3><p class="card__summary">${escape(pick())} ${escape(pick())}</p><span class="card__meta"><time datetime="2023-01-${10 + (next() % 19)}">il y a ${1 + (next() % 23)} h</time>${(next() >> 16) % 2 ? svgIcon("clock") : ""}</span></div>`, "card__link")}${ind(3)}</div>`;
const footer = `<footer class="site-footer">${Array.from({ length: 5 }, () => `<div class="site-footer__col"><h4>${escape(words(2))}</h4><ul>${Array.from({ length: 10 }, () => `<li>${link(`${hex()}`, escape(words(3)), "site-footer__link")}</li>`).join("")}</ul></div>`).join("")}<div class="site-footer__social">${["facebook", "x", "instagram", "youtube"].map((k) => `<a href="https://social.example/${k}">${svgIcon(k)}</a>`).join("")}</div><p class="site-footer__legal">© Le journal. ${escape(pick())}</p></footer>`;

// Head: metadata, JSON-LD, the stylesheet, the state blob and a script bundle.
const metas = [`<meta charset="utf-8">`, `<title>${headline} | Le journal</title>`, `<meta name="viewport" content="width=device-width, initial-scale=1">`,
  `<meta name="description" content="${escape(pick())}">`, `<meta property="og:title" content="${headline}">`, `<meta property="og:type" content="article">`,
  `<meta property="og:description" content="${escape(pick())}">`, `<meta property="og:image" content="https://img.lejournal.example/${hex()}/1200x630.jpg">`,
  `<meta property="article:published_time" content="2023-01-31T10:00:00+01:00">`, `<meta property="article:section" content="International">`,
  `<meta name="twitter:card" content="summary_large_image">`, `<meta name="robots" content="max-image-preview:large">`,
  ...Array.from({ length: 12 }, () => `<link rel="preload" as="font" type="font/woff2" href="https://static.lejournal.example/fonts/${hex()}.woff2" crossorigin>`)].join("\n");
const ld = `<script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", "@type": "NewsArticle", headline, datePublished: "2023-01-31T10:00:00+01:00", author: [{ "@type": "Person", name: "Jeanne Martin" }], publisher: { "@type": "Organization", name: "Le journal" }, articleBody: articleParas.slice(0, 10).join(" ").replace(/<[^>]+>/g, "") })}</script>`;
const cssRule = () => {
  const sel = `.${["card", "article", "menu", "site-header", "comment", "btn", "most-read", "dfp-slot"][next() % 8]}__${hex().slice(0, 5)}${next() % 3 ? `:${["hover", "focus-visible", "not(.is-active)"][next() % 3]}` : ""}`;
  const props = Array.from({ length: 3 + (next() % 5) }, () => `${["margin", "padding", "font-size", "line-height", "color", "background", "border-radius", "grid-template-columns", "transform"][next() % 9]}:${["0 auto", "1.25rem", "var(--c-ink-" + (next() % 9) + ")", "repeat(auto-fill,minmax(16rem,1fr))", "translate3d(0,-2px,0)", "#1a1a1a"][next() % 6]}`).join(";");
  return next() % 6 ? `${sel}{${props}}` : `@media (min-width:${[640, 1024, 1280][next() % 3]}px){${sel}{${props}}}`;
};
const jsStatement = () => {
  const id = () => "abcdefghijklmnopqrstuvwxyz"[next() % 26] + (next() % 100);
  return [
    `function ${id()}(e,t){if(e<t.length&&t[e]!==void 0)return t[e]>>${next() % 8};for(var n=0;n<e;n++)t.push(n<<1);return null}`,
    `var ${id()}=${JSON.stringify({ k: hex(), path: "/" + hex(), tpl: "<div class=\"x-" + hex() + "\"><\\/div>" })};`,
    `${id()}.prototype.render=function(){return"<p class=\\"m\\">"+this.t+"<\\/p>"};`,
    `window.addEventListener("scroll",function(){${id()}&&${id()}(document.querySelectorAll(".card__${hex().slice(0, 4)}"))},{passive:!0});`,
    `try{localStorage.setItem("lj_${hex()}",JSON.stringify(${next() % 1000}))}catch(e){}`,
  ][next() % 5];
};
const fill = (f, bytes) => { const a = []; let n = 0; while (n < bytes) { const s = f(); a.push(s); n += s.length; } return a.join("\n"); };
const stateBlob = `<script>window.__STATE__=${JSON.stringify({ article: { id: hex(), paragraphs: articleParas.map((p) => p.replace(/<[^>]+>/g, "").trim()) }, teasers: Array.from({ length: 160 }, () => ({ id: hex(), title: words(12), summary: pick(), url: `/article/${hex()}` })) })};</script>`;

const KB = 1024;
const style = `<style>${fill(cssRule, 165 * KB)}</style>`;
const bundle = `<script>${fill(jsStatement, 200 * KB)}</script>`;
const tail = `<script>${fill(jsStatement, 40 * KB)}</script>${Array.from({ length: 6 }, () => `<script src="https://static.lejournal.example/js/${hex()}.js" defer></script>`).join("")}`;
const before = `<!doctype html>\n<html lang="fr" class="no-js">\n<head>\n${metas}\n${ld}\n${style}\n${stateBlob}\n${bundle}\n</head>\n<body class="page page--article">\n${header}\n<main class="layout" id="main">${ind(1)}<div class="layout__content">${ind(2)}${articleHtml}${ind(2)}${comments}${ind(1)}</div>${ind(1)}${mostRead}${ind(1)}<section class="more-stories"><h2 class="more-stories__title">Sur le même sujet</h2>`;
const after = `${ind(1)}</section>\n</main>\n${footer}\n${tail}\n</body>\n</html>\n`;
const cards = [];
let pageSize = Buffer.byteLength(before + after);
while (pageSize < 1 << 20) {
  const c = card();
  cards.push(c);
  pageSize += Buffer.byteLength(c);
}
writeFileSync(join(out, "news-1m.html"), before + cards.join("") + after);
// Real news with a real vocabulary, for the rows where the seeds' small vocabulary would flatter
// caches: the French Wikinews development set of ../shared/eval-dev (third-party text, read here
// only, never copied into the repository), concatenated. Skipped when ../shared is not there.
const wikinews = join(root, "..", "shared", "eval-dev", "keywords", "wikinews-fr-dev", "docs");
if (existsSync(wikinews)) {
  const docs = readdirSync(wikinews).filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(join(wikinews, f), "utf8").trim());
  writeFileSync(join(out, "wikinews-dev.txt"), docs.join("\n\n\n"));
}
console.log(`bench corpus: ${Buffer.byteLength(article)} B article, 1 MiB and 10 MiB news text, a ${(pageSize / (1 << 20)).toFixed(2)} MiB news page in ${out}`);

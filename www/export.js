// Exports of a set of analyses: JSON (everything), CSV (one row per keyphrase,
// entity or topic of each article) and schema.org NewsArticle JSON-LD.
// docs: [{source, analysis}] where analysis is the Analyzer's result.

export function buildJson(docs, stories = null) {
  return JSON.stringify({ generator: "Loupe", articles: docs.map((d) => ({ source: d.source, ...plain(d.analysis) })), ...(stories ? { stories } : {}) }, null, 2);
}

/** The result's span columns ({start, end} typed arrays) as one {start, end} object per span. */
export const spanRows = (spans) => Array.from(spans.start, (start, i) => ({ start, end: spans.end[i] }));
/** The result's highlight columns as one {start, end, kind, index} object per highlight. */
export const highlightRows = (hl) => Array.from(hl.start, (start, i) => ({ start, end: hl.end[i], kind: hl.kinds[hl.kind[i]], index: hl.index[i] }));

/** The analysis with its span columns (typed arrays) as lists of objects, as the CLI writes them. */
function plain(a) {
  return { ...a,
    keywords: a.keywords.map((k) => ({ ...k, mentions: spanRows(k.mentions) })),
    entities: a.entities.map((e) => ({ ...e, mentions: spanRows(e.mentions), ...(e.demonyms ? { demonyms: spanRows(e.demonyms) } : {}) })),
    topics: a.topics.map((t) => ({ ...t, evidence: spanRows(t.evidence).map(({ start, end }) => ({ text: a.text.slice(start, end), start, end })) })),
    highlights: highlightRows(a.highlights) };
}

const csvCell = (v) => {
  const s = v == null ? "" : String(v);
  // Quote always; neutralise spreadsheet formulas (a cell starting with = + - @).
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function buildCsv(docs) {
  const rows = [["source", "title", "type", "text", "kind_or_id", "score", "mentions"]];
  for (const { source, analysis: a } of docs) {
    for (const k of a.keywords) rows.push([source, a.title, "keyphrase", k.text, "", k.score.toFixed(4), k.mentions.start.length]);
    for (const e of a.entities) rows.push([source, a.title, "entity", e.text, e.kind, "", e.mentions.start.length]);
    for (const t of a.topics) rows.push([source, a.title, "topic", t.label, t.id, t.score.toFixed(4), t.evidence.start.length]);
  }
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const SCHEMA_TYPE = { person: "Person", place: "Place", organisation: "Organization", other: "Thing" };

/** One NewsArticle per article: keywords (keyphrases), about (topics), mentions (entities). */
export function jsonLdFor(a) {
  const out = { "@context": "https://schema.org", "@type": "NewsArticle" };
  if (a.title) out.headline = a.title;
  if (a.date) out.datePublished = a.date;
  if (a.byline) out.author = { "@type": "Person", name: a.byline };
  if (a.language && a.language !== "unknown") out.inLanguage = a.language;
  if (a.keywords.length) out.keywords = a.keywords.map((k) => k.text);
  if (a.topics.length) out.about = a.topics.map((t) => ({ "@type": "Thing", name: t.label, identifier: t.id, ...(t.id.startsWith("medtop:") ? { sameAs: `http://cv.iptc.org/newscodes/mediatopic/${t.id.slice(7)}` } : {}) }));
  if (a.entities.length) out.mentions = a.entities.map((e) => ({ "@type": SCHEMA_TYPE[e.kind] ?? "Thing", name: e.text, ...(e.wikidata ? { sameAs: `https://www.wikidata.org/wiki/${e.wikidata}` } : {}) }));
  return out;
}

export function buildJsonLd(docs) {
  const items = docs.map((d) => jsonLdFor(d.analysis));
  return JSON.stringify(items.length === 1 ? items[0] : items, null, 2);
}

// Interface text of the workbench in French and English. The language comes
// from ?lang=fr|en, else the browser's preferred languages (French first).
const TEXT = {
  en: {
    tagline: "news analysis that stays in your browser", openFiles: "Open files…", exportJson: "Export JSON", exportCsv: "Export CSV", exportJsonLd: "Export JSON-LD",
    input: "Input", samplesGroup: "Sample articles", samples: "Samples:", allSamples: "All samples", sample: (n) => `Sample ${n}`,
    pasteLabel: "Paste an article", pastePlaceholder: "Paste the text of a news article (French or English)…", analyse: "Analyse",
    hint: (limit) => `…or drop .txt, .md or .html files anywhere on this page (any encoding, up to ${limit} each). Nothing leaves your browser.`,
    progress: "Analysis progress", cancel: "Cancel", articles: "Articles", wholeSet: "Whole set", empty: "Pick a sample, paste text or drop files to begin.",
    drop: "Drop files to analyse them", dismiss: "Dismiss",
    person: "People", place: "Places", organisation: "Organisations", other: "Other names", keyphrase: "Key phrases", quote: "Quotes",
    done: (d, n) => `${d} / ${n} analysed`, cancelled: (d, n) => `Cancelled: ${d} of ${n} analysed.`, waiting: "waiting…",
    notText: (f) => `${f}: not a .txt, .md or .html file; skipped.`, tooLarge: (f, s, l) => `${f} is too large (${s}); the limit is ${l} per file.`,
    onlyFirst: (m, n) => `Only the first ${m} of ${n} files are analysed.`, pasteFirst: "Paste some text first.",
    pasteTooLarge: (s, l) => `The pasted text is too large (${s}); the limit is ${l}.`, pasted: "pasted text", cannotStart: "Loupe could not start",
    date: "Date", by: "By", dateline: "Dateline", language: "Language", topics: "Topics (select to show evidence)", noTopic: "No topic found.",
    evidence: (l, w) => `Evidence for “${l}”: ${w}`, kinds: "Highlight kinds (toggle)", hideBoilerplate: "Hide boilerplate", analysis: "Analysis",
    keyphrases: "Key phrases", entities: "Entities", outline: "Outline", quotes: "Quotes", unattributed: "unattributed", none: "None.",
    mentions: (l, n) => `${l}, ${n} mention${n === 1 ? "" : "s"}; press to show the next one`,
    setTitle: (n) => `Whole set: ${n} articles`, stories: "Stories", noStories: "Story grouping is not available in this build yet.", story: (i) => `Story ${i}`,
    topicMix: "Topic mix", topicMixLabel: "Topic mix: articles per topic", noTopics: "No topics.", entitiesAcross: "Entities across articles",
    keyphrasesAcross: "Key phrases across articles", adds: "What each article adds", nothingNew: "nothing the others lack",
    colEntity: "Entity", colKind: "Kind", colArticles: "Articles", colMentions: "Mentions", colKeyphrase: "Keyphrase",
    block: { title: "title", lead: "lead", paragraph: "paragraph", heading: "heading", list_item: "list item", quote: "quote", attribution: "attribution", byline: "byline", boilerplate: "boilerplate", other: "other" },
  },
  fr: {
    tagline: "l’analyse d’articles qui reste dans votre navigateur", openFiles: "Ouvrir des fichiers…", exportJson: "Exporter JSON", exportCsv: "Exporter CSV", exportJsonLd: "Exporter JSON-LD",
    input: "Entrée", samplesGroup: "Articles d’exemple", samples: "Exemples :", allSamples: "Tous les exemples", sample: (n) => `Exemple ${n}`,
    pasteLabel: "Coller un article", pastePlaceholder: "Collez le texte d’un article (en français ou en anglais)…", analyse: "Analyser",
    hint: (limit) => `…ou déposez des fichiers .txt, .md ou .html n’importe où sur la page (tout encodage, jusqu’à ${limit} chacun). Rien ne quitte votre navigateur.`,
    progress: "Progression de l’analyse", cancel: "Annuler", articles: "Articles", wholeSet: "L’ensemble", empty: "Choisissez un exemple, collez un texte ou déposez des fichiers.",
    drop: "Déposez les fichiers pour les analyser", dismiss: "Fermer",
    person: "Personnes", place: "Lieux", organisation: "Organisations", other: "Autres noms", keyphrase: "Expressions clés", quote: "Citations",
    done: (d, n) => `${d} / ${n} analysés`, cancelled: (d, n) => `Annulé : ${d} sur ${n} analysés.`, waiting: "en attente…",
    notText: (f) => `${f} : ni .txt, ni .md, ni .html ; ignoré.`, tooLarge: (f, s, l) => `${f} est trop volumineux (${s}) ; la limite est de ${l} par fichier.`,
    onlyFirst: (m, n) => `Seuls les ${m} premiers fichiers sur ${n} sont analysés.`, pasteFirst: "Collez d’abord un texte.",
    pasteTooLarge: (s, l) => `Le texte collé est trop volumineux (${s}) ; la limite est de ${l}.`, pasted: "texte collé", cannotStart: "Loupe n’a pas pu démarrer",
    date: "Date", by: "Par", dateline: "Lieu", language: "Langue", topics: "Thèmes (choisir pour voir les indices)", noTopic: "Aucun thème trouvé.",
    evidence: (l, w) => `Indices pour « ${l} » : ${w}`, kinds: "Types surlignés (afficher/masquer)", hideBoilerplate: "Masquer le superflu", analysis: "Analyse",
    keyphrases: "Expressions clés", entities: "Noms", outline: "Plan", quotes: "Citations", unattributed: "sans auteur", none: "Aucun.",
    mentions: (l, n) => `${l}, ${n} mention${n === 1 ? "" : "s"} ; appuyez pour la suivante`,
    setTitle: (n) => `L’ensemble : ${n} articles`, stories: "Sujets", noStories: "Le regroupement par sujet n’est pas encore disponible.", story: (i) => `Sujet ${i}`,
    topicMix: "Répartition des thèmes", topicMixLabel: "Thèmes : articles par thème", noTopics: "Aucun thème.", entitiesAcross: "Noms dans l’ensemble",
    keyphrasesAcross: "Expressions clés dans l’ensemble", adds: "Ce que chaque article apporte", nothingNew: "rien que les autres n’aient déjà",
    colEntity: "Nom", colKind: "Type", colArticles: "Articles", colMentions: "Mentions", colKeyphrase: "Expression",
    block: { title: "titre", lead: "chapeau", paragraph: "paragraphe", heading: "intertitre", list_item: "élément de liste", quote: "citation", attribution: "attribution", byline: "signature", boilerplate: "superflu", other: "autre" },
  },
};

function pick() {
  const asked = new URLSearchParams(globalThis.location?.search ?? "").get("lang");
  if (asked === "fr" || asked === "en") return asked;
  for (const l of globalThis.navigator?.languages ?? []) {
    if (/^fr\b/i.test(l)) return "fr";
    if (/^en\b/i.test(l)) return "en";
  }
  return "fr";
}

export const LANG = pick();
const table = TEXT[LANG];
/** The interface text for key (a function's arguments after the key). */
export const blockLabel = (kind) => table.block[kind] ?? kind.replace("_", " ");
export const t = (key, ...args) => (typeof table[key] === "function" ? table[key](...args) : table[key] ?? TEXT.en[key] ?? key);

/** Fills the static page: data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label). */
export function translatePage(root = document) {
  document.documentElement.lang = LANG;
  for (const e of root.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of root.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder);
  for (const e of root.querySelectorAll("[data-i18n-label]")) e.setAttribute("aria-label", t(e.dataset.i18nLabel));
}

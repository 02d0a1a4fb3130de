//! Many articles at once: group them into stories (articles about the same
//! event), say what each story is about and what each article adds, and give
//! the topic mix of the whole set.
//!
//! Each article is reduced to a set of features: its entities (Wikidata id when
//! known, else the folded name) and its best keyphrases (stemmed keys). A
//! feature's weight is its rarity in the loaded set, idf = ln(1 + N / df), so a
//! word every article shares ties nothing together. Two articles are similar by
//! weighted Jaccard (weight of shared features / weight of all their features);
//! groups are merged while their mean pairwise similarity reaches the threshold
//! (average-link agglomerative clustering; single link above 1,500 articles). Everything is computed in input order and
//! sorted with explicit tie-breaks, so the output is deterministic.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::{Analysis, Analyzer};
use crate::error::Error;
use crate::normalize::{fold_accents, lower};

/// Settings for grouping. `Default` is tuned on the seeds + fixtures drop.
#[derive(Debug, Clone)]
pub struct CorpusConfig {
    /// Keyphrases per article taken as features (best first).
    pub keyphrases_per_article: usize,
    /// Minimum weighted-Jaccard similarity to link two articles.
    pub threshold: f32,
    /// How many shared keyphrases/entities to show per story, and added ones per article.
    pub max_listed: usize,
}

impl Default for CorpusConfig {
    fn default() -> Self {
        CorpusConfig { keyphrases_per_article: 15, threshold: 0.07, max_listed: 8 }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Corpus {
    /// Number of articles.
    pub articles: usize,
    /// Stories, biggest first; an article alone is a story of one.
    pub stories: Vec<Story>,
    /// Top-level topics over the whole set, most frequent first.
    pub topic_mix: Vec<TopicShare>,
    /// Keyphrases by document frequency across the set (the most shared first).
    pub keyphrase_df: Vec<KeyphraseDf>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Story {
    /// Indexes of its articles in the input order.
    pub articles: Vec<usize>,
    /// Ids of its articles (as given).
    pub ids: Vec<String>,
    /// Keyphrases shared by at least two of its articles (or the article's best, for a story of one).
    pub keyphrases: Vec<String>,
    /// Entities shared by at least two of its articles.
    pub entities: Vec<String>,
    /// What each article brings that no other article of the story has.
    pub adds: Vec<ArticleAdds>,
    /// Mean similarity of linked pairs inside the story (0 for a story of one).
    pub cohesion: f32,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleAdds {
    pub article: usize,
    pub id: String,
    pub keyphrases: Vec<String>,
    pub entities: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopicShare {
    pub id: String,
    pub label: String,
    /// Articles tagged with it (any confidence that passed the tagger's cut-off).
    pub articles: usize,
    /// `articles` / number of articles.
    pub share: f32,
    /// Mean confidence over those articles.
    pub mean_score: f32,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyphraseDf {
    pub text: String,
    /// In how many articles it is among their keyphrases.
    pub df: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Entity,
    Keyphrase,
}

/// One article's features: key → (kind, display text, rank in the article).
type Features = BTreeMap<(Kind, String), (String, usize)>;

fn features(a: &Analysis, per_article: usize) -> Features {
    let mut f = Features::new();
    for (rank, e) in a.entities.iter().enumerate() {
        let key = e.wikidata.clone().unwrap_or_else(|| fold_accents(&lower(&e.text)));
        f.entry((Kind::Entity, key)).or_insert((e.text.clone(), rank));
    }
    for (rank, k) in a.keywords.iter().take(per_article).enumerate() {
        let key = if k.key.is_empty() { fold_accents(&lower(&k.text)) } else { k.key.clone() };
        f.entry((Kind::Keyphrase, key)).or_insert((k.text.clone(), rank));
    }
    f
}

/// Groups analysed articles (`(id, analysis)`, in input order) into stories.
pub fn build(docs: &[(String, &Analysis)], config: &CorpusConfig) -> Corpus {
    let n = docs.len();
    let feats: Vec<Features> = docs.iter().map(|(_, a)| features(a, config.keyphrases_per_article)).collect();
    let mut df: BTreeMap<&(Kind, String), usize> = BTreeMap::new();
    for f in &feats {
        for k in f.keys() {
            *df.entry(k).or_default() += 1;
        }
    }
    let idf = |k: &(Kind, String)| (1.0 + n as f32 / df.get(k).copied().unwrap_or(1) as f32).ln();
    // Features as sorted integer ids with their idf, for fast pairwise intersection.
    let ids: BTreeMap<&(Kind, String), usize> = df.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let idf_of: Vec<f32> = df.keys().map(|k| idf(k)).collect();
    let doc_ids: Vec<Vec<usize>> = feats.iter().map(|f| f.keys().map(|k| ids[k]).collect()).collect();
    let mass: Vec<f32> = doc_ids.iter().map(|d| d.iter().map(|&k| idf_of[k]).sum()).collect();

    // Pairwise similarities; links are the pairs over the threshold.
    // The full matrix only where average link needs it (memory n²).
    let dense = n <= AVERAGE_LINK_MAX;
    let mut sim = vec![0f32; if dense { n * n } else { 0 }];
    let mut links: Vec<(usize, usize, f32)> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let shared = shared_weight(&doc_ids[i], &doc_ids[j], &idf_of);
            let union = mass[i] + mass[j] - shared;
            let s = if union > 0.0 { shared / union } else { 0.0 };
            if dense {
                sim[i * n + j] = s;
                sim[j * n + i] = s;
            }
            if s >= config.threshold {
                links.push((i, j, s));
            }
        }
    }
    let groups = if dense { average_link(&sim, n, config.threshold) } else { single_link(&links, n) };
    let mut stories: Vec<Story> = groups
        .into_iter()
        .map(|members| describe(docs, &feats, &members, &links, &idf, config.max_listed))
        .collect();
    crate::sort::sort_by(&mut stories, |a, b| b.articles.len().cmp(&a.articles.len()).then_with(|| a.articles.cmp(&b.articles)));

    Corpus { articles: n, stories, topic_mix: topic_mix(docs), keyphrase_df: keyphrase_df(&feats, config.max_listed * 4) }
}

/// Sum of the weights of the ids two sorted lists share.
fn shared_weight(a: &[usize], b: &[usize], weight: &[f32]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += weight[a[i]];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Above this many articles, grouping falls back from average link (cubic time)
/// to single link (quadratic, but prone to chaining).
const AVERAGE_LINK_MAX: usize = 1500;

/// Agglomerative clustering, average link: repeatedly merge the two groups with
/// the highest mean pairwise similarity while it reaches `threshold`. Ties go to
/// the lowest indexes. Groups come out sorted by their first member.
fn average_link(sim: &[f32], n: usize, threshold: f32) -> Vec<Vec<usize>> {
    let mut groups: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    // Group-to-group mean similarity, updated by the Lance–Williams formula.
    let mut g = sim.to_vec();
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for a in 0..n {
            if groups[a].is_none() {
                continue;
            }
            for b in a + 1..n {
                if groups[b].is_none() {
                    continue;
                }
                let s = g[a * n + b];
                if s >= threshold && best.is_none_or(|(_, _, bs)| s > bs) {
                    best = Some((a, b, s));
                }
            }
        }
        let Some((a, b, _)) = best else { break };
        let (na, nb) = (groups[a].as_ref().map_or(0, Vec::len) as f32, groups[b].as_ref().map_or(0, Vec::len) as f32);
        for c in 0..n {
            if c != a && c != b && groups[c].is_some() {
                let s = (na * g[a * n + c] + nb * g[b * n + c]) / (na + nb);
                g[a * n + c] = s;
                g[c * n + a] = s;
            }
        }
        let moved = groups[b].take().unwrap_or_default();
        if let Some(ga) = groups[a].as_mut() {
            ga.extend(moved);
            ga.sort_unstable();
        }
    }
    groups.into_iter().flatten().collect()
}

/// Connected groups of the links (union-find, smallest index as root).
fn single_link(links: &[(usize, usize, f32)], n: usize) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for &(i, j, _) in links {
        let (a, b) = (find(&mut parent, i), find(&mut parent, j));
        parent[a.max(b)] = a.min(b);
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    groups.into_values().collect()
}

fn describe(
    docs: &[(String, &Analysis)],
    feats: &[Features],
    members: &[usize],
    links: &[(usize, usize, f32)],
    idf: &dyn Fn(&(Kind, String)) -> f32,
    max: usize,
) -> Story {
    // How many members have each feature, and its display text from the first one.
    let mut count: BTreeMap<&(Kind, String), (usize, &str, usize)> = BTreeMap::new();
    for &m in members {
        for (k, (text, rank)) in &feats[m] {
            let c = count.entry(k).or_insert((0, text.as_str(), *rank));
            c.0 += 1;
            c.2 = c.2.min(*rank);
        }
    }
    let shared_of = |kind: Kind| -> Vec<String> {
        let min = if members.len() == 1 { 1 } else { 2 };
        let mut v: Vec<(&(Kind, String), usize, &str, usize)> = count
            .iter()
            .filter(|(k, c)| k.0 == kind && c.0 >= min)
            .map(|(k, c)| (*k, c.0, c.1, c.2))
            .collect();
        // Most widely shared first, then the best ranked, then by key.
        crate::sort::sort_by(&mut v, |a, b| b.1.cmp(&a.1).then_with(|| a.3.cmp(&b.3)).then_with(|| a.0.cmp(b.0)));
        v.into_iter().take(max).map(|x| x.2.to_string()).collect()
    };
    let adds = if members.len() < 2 {
        Vec::new()
    } else {
        members
            .iter()
            .map(|&m| {
                let own = |kind: Kind| -> Vec<String> {
                    let mut v: Vec<(&(Kind, String), &(String, usize))> = feats[m]
                        .iter()
                        .filter(|(k, _)| k.0 == kind && count[k].0 == 1)
                        .collect();
                    crate::sort::sort_by(&mut v, |a, b| a.1 .1.cmp(&b.1 .1).then_with(|| idf(b.0).total_cmp(&idf(a.0))).then_with(|| a.0.cmp(b.0)));
                    v.into_iter().take(max).map(|(_, (t, _))| t.clone()).collect()
                };
                ArticleAdds { article: m, id: docs[m].0.clone(), keyphrases: own(Kind::Keyphrase), entities: own(Kind::Entity) }
            })
            .collect()
    };
    // Members are sorted: binary search keeps this linear in the links.
    let inner: Vec<f32> = links.iter().filter(|l| members.binary_search(&l.0).is_ok() && members.binary_search(&l.1).is_ok()).map(|l| l.2).collect();
    let cohesion = if inner.is_empty() { 0.0 } else { inner.iter().sum::<f32>() / inner.len() as f32 };
    Story {
        articles: members.to_vec(),
        ids: members.iter().map(|&m| docs[m].0.clone()).collect(),
        keyphrases: shared_of(Kind::Keyphrase),
        entities: shared_of(Kind::Entity),
        adds,
        cohesion,
    }
}

fn topic_mix(docs: &[(String, &Analysis)]) -> Vec<TopicShare> {
    // id → (label, articles, score sum); labels from the first article that has it.
    let mut mix: BTreeMap<&str, (&str, usize, f32)> = BTreeMap::new();
    for (_, a) in docs {
        let mut seen = BTreeSet::new();
        for t in a.topics.iter().filter(|t| t.level == 1) {
            if seen.insert(t.id.as_str()) {
                let e = mix.entry(&t.id).or_insert((&t.label, 0, 0.0));
                e.1 += 1;
                e.2 += t.score;
            }
        }
    }
    let n = docs.len().max(1) as f32;
    let mut out: Vec<TopicShare> = mix
        .into_iter()
        .map(|(id, (label, k, sum))| TopicShare {
            id: id.to_string(),
            label: label.to_string(),
            articles: k,
            share: k as f32 / n,
            mean_score: sum / k as f32,
        })
        .collect();
    crate::sort::sort_by(&mut out, |a, b| b.articles.cmp(&a.articles).then_with(|| b.mean_score.total_cmp(&a.mean_score)).then_with(|| a.id.cmp(&b.id)));
    out
}

fn keyphrase_df(feats: &[Features], max: usize) -> Vec<KeyphraseDf> {
    let mut df: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for f in feats {
        for ((kind, key), (text, _)) in f {
            if *kind == Kind::Keyphrase {
                df.entry(key).or_insert((0, text)).0 += 1;
            }
        }
    }
    let mut v: Vec<(&str, usize, &str)> = df.into_iter().map(|(k, (d, t))| (k, d, t)).collect();
    crate::sort::sort_by(&mut v, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().take(max).map(|(_, d, t)| KeyphraseDf { text: t.to_string(), df: d }).collect()
}

/// Document frequency of keyphrase keys across a set of analyses: the hook a
/// keyphrase ranker can use to down-weight phrases common to the whole set.
pub fn keyphrase_document_frequency(analyses: &[&Analysis]) -> BTreeMap<String, usize> {
    let mut df = BTreeMap::new();
    for a in analyses {
        let keys: BTreeSet<&str> = a.keywords.iter().map(|k| k.key.as_str()).filter(|k| !k.is_empty()).collect();
        for k in keys {
            *df.entry(k.to_string()).or_default() += 1;
        }
    }
    df
}

/// One input of `analyze_many`: an id (the caller's) and the text.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ManyItem {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
}

/// Analyses several texts and groups them: what a drop of files needs in one
/// call. Offsets in the analyses are UTF-8 bytes (convert at the edge). An item
/// that fails keeps its place with its error and takes no part in the grouping
/// (story `articles` indexes are positions in `items`);
/// an item without id is named by its 0-based position.
pub fn analyze_many(analyzer: &Analyzer, items: &[ManyItem], config: &CorpusConfig) -> (Vec<(String, Result<Analysis, Error>)>, Corpus) {
    let docs: Vec<(String, Result<Analysis, Error>)> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.clone().unwrap_or_else(|| i.to_string()), analyzer.analyze(&it.text)))
        .collect();
    let ok: Vec<(usize, (String, &Analysis))> =
        docs.iter().enumerate().filter_map(|(i, (id, r))| r.as_ref().ok().map(|a| (i, (id.clone(), a)))).collect();
    let input_index: Vec<usize> = ok.iter().map(|(i, _)| *i).collect();
    let ok: Vec<(String, &Analysis)> = ok.into_iter().map(|(_, d)| d).collect();
    let mut corpus = build(&ok, config);
    // Story indexes point into `items`, failed ones included.
    for s in &mut corpus.stories {
        for a in &mut s.articles {
            *a = input_index[*a];
        }
        for add in &mut s.adds {
            add.article = input_index[add.article];
        }
    }
    (docs, corpus)
}

//! Keyphrases: noun-phrase candidates, variants grouped under one display form with
//! all their mentions, scores in 0..1, and corpus rarity when documents come together.

use loupe::document::Document;
use loupe::keywords::{self, DocFrequencies};
use loupe::normalize::Stemmers;
use loupe::{stopwords, words, Analyzer, Config, Lang};

fn analyze(text: &str) -> loupe::Analysis {
    Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap().analyze(text).unwrap()
}

const TEXT: &str = "Le Japon veut des missiles à longue portée.\n\n\
    Tokyo a présenté sa stratégie de sécurité nationale. L’OTAN salue la stratégie de sécurité nationale du Japon. \
    Les missiles à longue portée inquiètent Pékin. L'Otan et le Japon renforcent leur coopération. \
    Selon l’OTAN, le missile à longue portée change la donne.";

#[test]
fn noun_phrases_are_candidates() {
    let a = analyze(TEXT);
    let texts: Vec<&str> = a.keywords.iter().map(|k| k.text.as_str()).collect();
    assert!(texts.contains(&"missiles à longue portée"), "{texts:?}");
    assert!(texts.contains(&"stratégie de sécurité nationale"), "{texts:?}");
    // No phrase starts or ends with a stop word, and none runs from a name into a verb.
    for k in &a.keywords {
        assert!(!k.text.starts_with("le ") && !k.text.ends_with(" de"), "{}", k.text);
        assert!(!k.text.contains("renforcent") && !k.text.contains("inquiètent"), "{}", k.text);
    }
}

#[test]
fn variants_share_one_keyphrase_and_its_mentions() {
    let a = analyze(TEXT);
    let otan: Vec<_> = a.keywords.iter().filter(|k| k.text.eq_ignore_ascii_case("otan")).collect();
    assert_eq!(otan.len(), 1, "l’OTAN, L'Otan and l’OTAN are one keyphrase");
    assert_eq!(otan[0].mentions.len(), 3);
    for m in &otan[0].mentions {
        assert!(a.text[m.start..m.end].eq_ignore_ascii_case("otan"), "the elided article stays outside");
    }
    // Singular and plural are one keyphrase.
    let missiles = a.keywords.iter().find(|k| k.text == "missiles à longue portée").unwrap();
    assert_eq!(missiles.mentions.len(), 3);
}

#[test]
fn scores_are_in_0_1_best_first_and_deterministic() {
    let a = analyze(TEXT);
    assert!(!a.keywords.is_empty());
    assert_eq!(a.keywords[0].score, 1.0);
    for w in a.keywords.windows(2) {
        assert!(w[0].score >= w[1].score);
        assert!((0.0..=1.0).contains(&w[1].score));
    }
    let b = analyze(TEXT);
    let names = |a: &loupe::Analysis| a.keywords.iter().map(|k| (k.text.clone(), k.score.to_bits())).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
}

#[test]
fn dates_are_not_keyphrases() {
    let a = analyze("Le sommet de l'OTAN s'ouvre le 12 juillet 2024 à Washington. Le sommet durera jusqu'au 14 juillet.");
    assert!(!a.keywords.iter().any(|k| k.text.contains("juillet")), "{:?}", a.keywords);
}

#[test]
fn corpus_rarity_lowers_words_every_document_shares() {
    let stemmers = Stemmers::default();
    let docs = [
        "Le ministre parle du budget. Le ministre défend le budget.",
        "Le ministre parle des écoles. Le ministre visite les écoles.",
        "Le ministre parle des routes. Le ministre inaugure les routes.",
    ];
    let parsed: Vec<Document> = docs.iter().map(|t| Document::parse_text(t.to_string())).collect();
    let infos: Vec<_> = parsed.iter().map(|d| words::word_infos(d, Lang::Fr, &stemmers, stopwords::french())).collect();
    let mut df = DocFrequencies::default();
    for i in &infos {
        df.add_document(i);
    }
    let alone = keywords::extract(&parsed[0], &infos[0], 5, None, Lang::Fr);
    let together = keywords::extract(&parsed[0], &infos[0], 5, Some(&df), Lang::Fr);
    let rank = |ks: &[keywords::Keyword], t: &str| ks.iter().position(|k| k.text == t);
    assert!(rank(&together, "budget") < rank(&together, "ministre"), "{together:?}");
    let score = |ks: &[keywords::Keyword], t: &str| ks.iter().find(|k| k.text == t).map_or(0.0, |k| k.score);
    assert!(score(&together, "ministre") < score(&alone, "ministre"));
}

#[test]
fn titles_verbs_and_place_complements_stay_out_of_keyphrases() {
    let a = analyze(
        "Le président français Emmanuel Macron a rencontré le Premier ministre japonais Fumio Kishida à Tokyo. \
         Le Japon exige les garanties promises. Jean-Marie Le Pen critique Emmanuel Macron. \
         Fumio Kishida accorde l'asile à un journaliste. Le sommet à Tokyo a duré deux jours. \
         Selon Jean-Marie Le Pen, le sommet a échoué.",
    );
    let texts: Vec<&str> = a.keywords.iter().map(|k| k.text.as_str()).collect();
    for k in &texts {
        let first = k.split_whitespace().next().unwrap_or("").to_lowercase();
        assert!(!(["président", "premier", "ministre"].contains(&first.as_str()) && k.contains(' ')), "{k}: {texts:?}");
        assert!(!k.contains("exige") && !k.contains("accorde"), "a verb before its object: {texts:?}");
        assert!(!k.contains("à Tokyo"), "a place complement: {texts:?}");
        assert!(!k.contains("français Emmanuel"), "a given name starts a person's name: {texts:?}");
    }
    assert!(texts.contains(&"Emmanuel Macron") && texts.contains(&"Fumio Kishida"), "{texts:?}");
    assert!(texts.contains(&"Jean-Marie Le Pen"), "the article belongs to the name: {texts:?}");
    assert!(!texts.contains(&"Pen") && !texts.contains(&"Premier"), "{texts:?}");
}

/// Infinitives after a preposition, inverted verbs and participles before "par" are verbs, not
/// keyphrases; nouns of the same shape ("papier", "hiver", "comité") stay.
#[test]
fn infinitives_inversions_and_agent_participles_are_not_keyphrases() {
    let a = analyze(
        "Le minitel va cesser de fonctionner. Le terminal cessera de fonctionner, explique-t-il. \
         La loi est adoptée par le Sénat, adoptée par les députés. Le comité refuse d'accorder l'asile. \
         Il faut piquer pour accorder la portance. Les alliés renforcent leurs liens et décident d'intensifier leurs liens. Le papier de papier. Les jeux d'hiver et les jeux d'hiver.",
    );
    let texts: Vec<&str> = a.keywords.iter().map(|k| k.text.as_str()).collect();
    for verb in ["fonctionner", "explique-t-il", "adoptée", "accorder", "piquer", "intensifier", "renforcent"] {
        assert!(!texts.iter().any(|k| k.split_whitespace().any(|w| w == verb)), "{verb}: {texts:?}");
    }
    assert!(texts.iter().any(|k| k.contains("papier")), "{texts:?}");
    assert!(texts.iter().any(|k| k.contains("hiver")), "{texts:?}");
}

/// Infinitives in -re/-ir are verbs only with an object after them: "d'étendre les exercices";
/// nouns of that shape after "de" stay ("crimes de guerre", "le désir de pouvoir").
#[test]
fn other_infinitives_need_an_object_to_be_verbs() {
    let a = analyze(
        "L'alliance envisage d'étendre les exercices, et d'agir pour étendre ses exercices. Les crimes de guerre et les crimes de guerre inquiètent. Le désir de pouvoir, le désir de pouvoir.",
    );
    let texts: Vec<&str> = a.keywords.iter().map(|k| k.text.as_str()).collect();
    assert!(!texts.iter().any(|k| k.split_whitespace().any(|w| w == "étendre")), "{texts:?}");
    assert!(texts.iter().any(|k| k.contains("guerre")), "{texts:?}");
    assert!(texts.iter().any(|k| k.contains("pouvoir")), "{texts:?}");
}

/// After a degree adverb comes an adjective ("des liens plus solides"), not a keyphrase; after
/// "les plus" it is a noun phrase ("les plus pauvres": the poorest).
#[test]
fn adjectives_after_degree_adverbs_are_not_keyphrases() {
    let a = analyze(
        "Les alliés veulent des liens plus solides. Des liens plus solides et des armées plus capables. \
         La crise frappe les plus pauvres. Les plus pauvres paient la crise.",
    );
    let texts: Vec<&str> = a.keywords.iter().map(|k| k.text.as_str()).collect();
    for adjective in ["solides", "capables"] {
        assert!(!texts.iter().any(|k| k.split_whitespace().any(|w| w == adjective)), "{adjective}: {texts:?}");
    }
    assert!(texts.iter().any(|k| k.contains("pauvres")), "{texts:?}");
    assert!(texts.iter().any(|k| k.contains("liens")), "{texts:?}");
}

/// English keyphrases end with their head noun: no past tenses, no verbs before their object,
/// no modifier cut from its noun, no common word run into a name.
#[test]
fn english_keyphrases_are_noun_phrases() {
    let text = "Trump names national security adviser\n\n\
        President Donald Trump announced a new national security adviser on Monday. The national security adviser \
        replaced Michael Flynn, who resigned. Officials said the adviser expected hearings. Critics fell silent \
        as the White House announced the choice. Russia hopes Mongolia will join. The national security adviser \
        will brief the president, and the adviser visits Japan next week. Black holes and the black hole at the \
        centre of the galaxy were reported. Reporters said the national security adviser announced nothing.";
    let a = Analyzer::new(Config { language: "en".into(), ..Config::default() }).unwrap().analyze(text).unwrap();
    let texts: Vec<&str> = a.keywords.iter().map(|k| k.text.as_str()).collect();
    assert!(texts.contains(&"national security adviser"), "{texts:?}");
    for bad in ["announced", "expected", "reported", "fell", "national", "hopes Mongolia", "black"] {
        assert!(!texts.iter().any(|t| t.eq_ignore_ascii_case(bad)), "{bad} in {texts:?}");
    }
    // The same text read as French keeps today's rules: the English ones do not leak into French.
    let fr = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap().analyze(text).unwrap();
    assert!(fr.keywords.iter().any(|k| k.text == "national"), "{:?}", fr.keywords.iter().map(|k| &k.text).collect::<Vec<_>>());
}

/// A word of time or quantity is no keyphrase of its own, however often it comes ("years",
/// "billion"), while the phrase it is part of still is ("prison term").
#[test]
fn time_and_quantity_words_alone_rank_low() {
    let text = "Drug firm fined over price rises.\n\nThe firm raised the price of the drug for years. Over the years, \
        the price went up each year, and the firm made 2 billion dollars, then 3 billion more. Regulators said \
        the price rises hurt patients for years. The firm will pay a fine of 1 billion over five years.";
    let a = Analyzer::new(Config { language: "en".into(), ..Config::default() }).unwrap().analyze(text).unwrap();
    let top: Vec<&str> = a.keywords.iter().take(5).map(|k| k.text.as_str()).collect();
    assert!(top.contains(&"firm") || top.contains(&"price"), "{top:?}");
    for measure in ["years", "year", "billion"] {
        assert!(!top.contains(&measure), "{measure}: {top:?}");
    }
}

/// A present participle before its object is a verb, not the end of a keyphrase ("attaque
/// meurtrière visant un hôtel").
#[test]
fn a_present_participle_before_its_object_is_no_keyphrase_word() {
    let a = analyze("Attaque meurtrière visant un hôtel à Kaboul.\n\nUne attaque meurtrière visant un hôtel a fait dix morts. \
        Les talibans ont revendiqué l'attaque meurtrière visant un hôtel, blessant les clients.");
    for k in &a.keywords {
        assert!(!k.text.contains("visant") && !k.text.contains("blessant"), "{}", k.text);
    }
    assert!(a.keywords.iter().any(|k| k.text == "attaque meurtrière"), "{:?}", a.keywords.iter().map(|k| &k.text).collect::<Vec<_>>());
}

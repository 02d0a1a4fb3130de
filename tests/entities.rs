//! Golden entities for the seed articles (seeds/*.txt): the names a reader expects,
//! with their kinds, and no entity made of an ordinary word that only starts a sentence.

use loupe::entities::EntityKind;
use loupe::{Analysis, Analyzer, Config};

fn seeds() -> Vec<Analysis> {
    let analyzer = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "expected the five seed articles");
    paths.iter().map(|p| analyzer.analyze_bytes(&std::fs::read(p).unwrap(), p.to_str()).unwrap()).collect()
}

#[test]
fn seed_goldens_are_found_with_their_kind() {
    use EntityKind::*;
    let goldens: &[(&str, EntityKind)] = &[
        ("Jens Stoltenberg", Person), ("Fumio Kishida", Person), ("Mark Rutte", Person), ("Nakatani", Person),
        ("Rustem Umerov", Person), ("Volodymyr Zelensky", Person), ("Yoon Suk Yeol", Person), ("Jun Nagashima", Person),
        ("OTAN", Organisation), ("Kyodo News", Organisation), ("Associated Press", Organisation),
        ("Mitsubishi Heavy Industries", Organisation), ("Raytheon", Organisation),
        ("Japon", Place), ("Tokyo", Place), ("Chine", Place), ("Taïwan", Place), ("Corée du Nord", Place),
        ("Corée du Sud", Place), ("Ukraine", Place), ("Russie", Place), ("Bruxelles", Place), ("Washington", Place),
        ("Nouvelle-Zélande", Place), ("Australie", Place), ("Indo-Pacifique", Place),
    ];
    let all = seeds();
    let mut missing = Vec::new();
    for &(name, kind) in goldens {
        let found = all.iter().flat_map(|a| &a.entities).any(|e| e.text == name && e.kind == kind);
        if !found {
            let seen: Vec<String> = all.iter().flat_map(|a| &a.entities).filter(|e| e.text.contains(name))
                .map(|e| format!("{} ({:?})", e.text, e.kind)).collect();
            missing.push(format!("{name} ({kind:?}); similar: {seen:?}"));
        }
    }
    assert!(missing.is_empty(), "missing goldens:\n{}", missing.join("\n"));
}

#[test]
fn stoltenberg_mentions_join_the_full_name() {
    let all = seeds();
    let joined = all.iter().flat_map(|a| &a.entities).any(|e| e.text == "Jens Stoltenberg" && e.mentions.len() >= 3);
    assert!(joined, "surname-only mentions should join Jens Stoltenberg");
    for a in &all {
        assert!(!a.entities.iter().any(|e| e.text == "Stoltenberg"), "{:?}: Stoltenberg left alone", a.source);
    }
}

#[test]
fn no_entity_is_a_sentence_initial_common_word() {
    for a in seeds() {
        for e in &a.entities {
            if e.wikidata.is_some() || e.text.contains(' ') || e.mentions.is_empty() {
                continue;
            }
            let all_initial = e.mentions.iter().all(|m| {
                let before = a.text[..m.start].trim_end_matches([' ', '\u{a0}', '«', '"', '“']);
                before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':'])
            });
            // An ordinary word also appears in lowercase elsewhere in the text.
            let lower_form = format!(" {} ", e.text.to_lowercase());
            assert!(
                !(all_initial && a.text.contains(&lower_form)),
                "{:?}: '{}' is a sentence-initial common word",
                a.source,
                e.text
            );
        }
    }
}

#[test]
fn elided_article_stays_outside_the_highlight() {
    let analyzer = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap();
    let text = "Le chef de l’OTAN est à Tokyo. L'OTAN et le Japon renforcent leurs liens, a dit l’Otan.";
    let a = analyzer.analyze(text).unwrap();
    let otan = a.entities.iter().position(|e| e.text == "OTAN").expect("OTAN entity");
    assert_eq!(a.entities[otan].mentions.len(), 3, "l’OTAN, L'OTAN and l’Otan are one entity");
    for m in &a.entities[otan].mentions {
        assert!(a.text[m.start..m.end].eq_ignore_ascii_case("otan"), "highlight covers {:?}", &a.text[m.start..m.end]);
    }
    let highlighted: Vec<&str> =
        a.highlights.iter().filter(|h| h.index == otan && h.kind == loupe::highlight::HighlightKind::Organisation)
            .map(|h| &a.text[h.start..h.end]).collect();
    assert_eq!(highlighted, ["OTAN", "OTAN", "Otan"]);
}

#[test]
fn role_titles_introduce_people() {
    let analyzer = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap();
    let text = "Le secrétaire général de l'OTAN, Mark Rutte, a rencontré le Premier ministre japonais Fumio Kishida \
                et le ministre de la Défense du Japon. Rutte a salué la coopération.";
    let a = analyzer.analyze(text).unwrap();
    let kind_of = |name: &str| a.entities.iter().find(|e| e.text == name).map(|e| e.kind);
    assert_eq!(kind_of("Mark Rutte"), Some(EntityKind::Person));
    assert_eq!(kind_of("Fumio Kishida"), Some(EntityKind::Person));
    assert_eq!(kind_of("OTAN"), Some(EntityKind::Organisation));
    assert_eq!(kind_of("Japon"), Some(EntityKind::Place));
    assert!(kind_of("Défense").is_none() && kind_of("Défense du Japon").is_none(), "a portfolio is not an entity");
    assert!(kind_of("Rutte").is_none(), "the surname joins Mark Rutte");
    assert!(!a.entities.iter().any(|e| e.text.contains(" et ")), "no entity spans a coordination");
}

#[test]
fn coordinated_places_stay_apart() {
    let analyzer = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap();
    let a = analyzer.analyze("Des responsables de Nouvelle-Zélande et de Corée du Sud sont venus.").unwrap();
    let names: Vec<&str> = a.entities.iter().map(|e| e.text.as_str()).collect();
    assert!(names.contains(&"Nouvelle-Zélande") && names.contains(&"Corée du Sud"), "{names:?}");
}

#[test]
fn english_dateline_roles_and_demonyms() {
    let analyzer = Analyzer::new(Config { language: "en".into(), ..Config::default() }).unwrap();
    let text = "Japan and NATO deepen ties\n\nTOKYO (AP) — NATO Secretary-General Jens Stoltenberg met South Korean \
                President Yoon Suk Yeol on Tuesday. Stoltenberg praised Japan.";
    let a = analyzer.analyze(text).unwrap();
    let kind_of = |name: &str| a.entities.iter().find(|e| e.text == name).map(|e| e.kind);
    assert_eq!(kind_of("Associated Press"), Some(EntityKind::Organisation), "{:?}", a.entities);
    assert_eq!(kind_of("Tokyo"), Some(EntityKind::Place));
    assert_eq!(kind_of("Jens Stoltenberg"), Some(EntityKind::Person));
    assert_eq!(kind_of("Yoon Suk Yeol"), Some(EntityKind::Person));
    assert_eq!(kind_of("South Korea"), Some(EntityKind::Place), "the demonym names its country in English");
    assert!(kind_of("Tuesday").is_none());
    assert!(!a.entities.iter().any(|e| e.text.contains("Secretary")), "a title is not part of the name");
}

fn kinds(lang: &str, text: &str) -> Vec<(String, EntityKind)> {
    let analyzer = Analyzer::new(Config { language: lang.into(), ..Config::default() }).unwrap();
    analyzer.analyze(text).unwrap().entities.into_iter().map(|e| (e.text, e.kind)).collect()
}

fn kind_in(found: &[(String, EntityKind)], name: &str) -> Option<EntityKind> {
    found.iter().find(|(t, _)| t == name).map(|(_, k)| *k)
}

#[test]
fn a_person_needs_a_given_name_a_title_or_a_verb_of_saying() {
    let found = kinds(
        "fr",
        "Le caporal Maupas fut fusillé près du village de Souain. Les dirigeants de Thomson ont rencontré \
         Philippe Dumont et la société Otis. Selon Le Monde, Kessler a déclaré que l'accord tenait.",
    );
    assert_eq!(kind_in(&found, "Maupas"), Some(EntityKind::Person), "a rank is a title: {found:?}");
    assert_eq!(kind_in(&found, "Souain"), Some(EntityKind::Place), "village de …: {found:?}");
    assert_eq!(kind_in(&found, "Thomson"), Some(EntityKind::Organisation), "the head of something: {found:?}");
    assert_eq!(kind_in(&found, "Philippe Dumont"), Some(EntityKind::Person), "{found:?}");
    assert_eq!(kind_in(&found, "Otis"), Some(EntityKind::Organisation), "{found:?}");
    assert_eq!(kind_in(&found, "Le Monde"), Some(EntityKind::Organisation), "a title keeps its article: {found:?}");
    assert_eq!(kind_in(&found, "Kessler"), Some(EntityKind::Person), "people speak: {found:?}");
    // Alone, with no given name, title or verb of saying, an unknown name is not taken for a person.
    let alone = kinds("fr", "Les contrats ont été signés avec Vantorex en 2003.");
    assert_ne!(kind_in(&alone, "Vantorex"), Some(EntityKind::Person), "{alone:?}");
}

#[test]
fn a_given_name_starts_a_new_name() {
    let found = kinds("fr", "L'ancien conseiller des Hauts-de-Seine Didier Schuller comparaît avec le maire Patrick Balkany.");
    assert_eq!(kind_in(&found, "Didier Schuller"), Some(EntityKind::Person), "{found:?}");
    assert_eq!(kind_in(&found, "Hauts-de-Seine"), Some(EntityKind::Place), "{found:?}");
    assert_eq!(kind_in(&found, "Patrick Balkany"), Some(EntityKind::Person), "{found:?}");
    let minister = kinds("en", "The Minister of Defense Gen Nakatani visited Brussels.");
    assert_eq!(kind_in(&minister, "Gen Nakatani"), Some(EntityKind::Person), "{minister:?}");
}

#[test]
fn dates_numerals_and_common_acronyms_are_not_entities() {
    let fr = kinds("fr", "Au XIXe siècle, le PDG publia un livre (ISBN 2226116214) consulté le 27 Feb 2006 à Paris.");
    for bad in ["Au", "XIXe", "PDG", "ISBN", "Feb"] {
        assert!(kind_in(&fr, bad).is_none(), "{bad}: {fr:?}");
    }
    assert_eq!(kind_in(&fr, "Paris"), Some(EntityKind::Place));
    let en = kinds("en", "On Tuesday, the White House said in February that Au revoir was a French phrase.");
    for bad in ["Tuesday", "February", "Au"] {
        assert!(kind_in(&en, bad).is_none(), "{bad}: {en:?}");
    }
    assert_eq!(kind_in(&en, "White House"), Some(EntityKind::Organisation), "{en:?}");
}

/// A capital at a sentence start says nothing: an unknown word there is a name only with other
/// evidence (a verb of saying after it, a capitalised mention elsewhere), and never with the shape
/// of a common noun; the frequency table's floor for unknown words does not make it common.
#[test]
fn sentence_initial_unknown_words_need_evidence() {
    let found = kinds(
        "fr",
        "Nakatani a déclaré que la coopération continuera. Le ministre Tanakura est venu. Tanakura repart demain. \
         Rebondissement le 27 octobre. Entre-temps les négociations ont échoué. Contractuellement rien ne change.",
    );
    assert!(found.iter().any(|(t, _)| t == "Nakatani"), "a verb of saying follows: {found:?}");
    let tanakura = found.iter().find(|(t, _)| t == "Tanakura");
    assert!(tanakura.is_some(), "{found:?}");
    for common in ["Rebondissement", "Entre-temps", "Contractuellement"] {
        assert!(kind_in(&found, common).is_none(), "{common} is a common word: {found:?}");
    }
}

/// A court is one organisation with its complement and its seat, capitalised or not.
#[test]
fn courts_keep_their_complement_and_seat() {
    let found = kinds(
        "fr",
        "L'arrêt a été annulé par la Cour d'appel de Paris en 2004. Le tribunal correctionnel de Nanterre a jugé \
         l'affaire. La Cour de cassation a confirmé. Le dossier est revenu devant la cour de Cassation française.",
    );
    for court in ["Cour d'appel de Paris", "tribunal correctionnel de Nanterre"] {
        assert_eq!(kind_in(&found, court), Some(EntityKind::Organisation), "{court}: {found:?}");
    }
    // "Cour de cassation" and "cour de Cassation" are one entity.
    let cassation: Vec<_> = found.iter().filter(|(t, _)| t.to_lowercase() == "cour de cassation").collect();
    assert!(cassation.len() == 1 && cassation[0].1 == EntityKind::Organisation, "{found:?}");
}

/// French institutions are written with lowercase adjectives and complements after their capital:
/// the whole name is one organisation, at a sentence start too, and an adjective inside it is not a
/// demonym ("Union européenne" does not refer to Europe). Participles after the name stay out.
#[test]
fn french_institutions_keep_their_adjectives_and_complements() {
    let text = "Le Conseil constitutionnel a validé la loi. Selon le ministère des Affaires étrangères, la Banque \
         centrale européenne et l'Organisation mondiale de la santé ont réagi. Le ministère de la Défense, le Fonds \
         monétaire international et la Ligue des droits de l'Homme contactée mardi. Le Rassemblement pour la République \
         et Force ouvrière ont signé. L'Union européenne a salué l'accord. Les membres du Conseil d'administration de \
         la Juventus ont démissionné.";
    let found = kinds("fr", text);
    for name in [
        "Conseil constitutionnel", "ministère des Affaires étrangères", "Banque centrale européenne",
        "Organisation mondiale de la santé", "ministère de la Défense", "Fonds monétaire international",
        "Ligue des droits de l'Homme", "Rassemblement pour la République", "Force ouvrière", "Union européenne",
    ] {
        assert_eq!(kind_in(&found, name), Some(EntityKind::Organisation), "{name}: {found:?}");
    }
    // A paper's title takes its adjective after its capitalised article.
    let papers = kinds("fr", "Selon Le Canard enchaîné, l'affaire est grave. Il lit Le Figaro chaque jour.");
    assert_eq!(kind_in(&papers, "Le Canard enchaîné"), Some(EntityKind::Organisation), "{papers:?}");
    assert_eq!(kind_in(&papers, "Le Figaro"), Some(EntityKind::Organisation), "{papers:?}");
    // A club after a lowercase complement is named apart; no Europe from "européenne".
    assert!(found.iter().any(|(t, _)| t.starts_with("Juventus")), "{found:?}");
    assert!(!found.iter().any(|(t, _)| t.contains("de la Juventus") || t == "Europe"), "{found:?}");
    // English names take no lowercase tail: "Senate debate" is not an organisation's name.
    let en = kinds("en", "The Senate debate went on. Congress gives the House more time, a Navy official said.");
    assert!(!en.iter().any(|(t, _)| t.contains(' ') && t.split(' ').nth(1).is_some_and(|w| w.starts_with(char::is_lowercase))), "{en:?}");
}

/// Known names written with lowercase words are taken whole, by the gazetteer: the right Congo,
/// the United Nations, the Emirates, and no demonym from the adjective inside.
#[test]
fn known_names_with_lowercase_words_are_whole() {
    let analyzer = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap();
    let a = analyzer
        .analyze("Accord avec la République démocratique du Congo. Les Nations unies et les Émirats arabes unis ont réagi. La République tchèque a voté.")
        .unwrap();
    let by_id = |q: &str| a.entities.iter().find(|e| e.wikidata.as_deref() == Some(q)).unwrap_or_else(|| panic!("{q}: {:?}", a.entities));
    for (q, surface) in [("Q974", "République démocratique du Congo"), ("Q1065", "Nations unies"), ("Q878", "Émirats arabes unis"), ("Q213", "République tchèque")] {
        let e = by_id(q);
        let mentions: Vec<&str> = e.mentions.iter().map(|m| &a.text[m.start..m.end]).collect();
        assert_eq!(mentions, [surface], "{e:?}");
        assert!(e.demonyms.is_empty(), "{e:?}");
    }
    assert!(a.entities.iter().all(|e| e.wikidata.as_deref() != Some("Q971")), "not Congo-Brazzaville: {:?}", a.entities);
}

/// A surname after its given name names the person again alone, even as a common word ("trump",
/// "poutine") and at a sentence start; a preposition before it does not make it a place.
#[test]
fn a_surname_alone_is_the_person_again() {
    let mentions = |lang: &str, text: &str, person: &str| {
        let analyzer = Analyzer::new(Config { language: lang.into(), ..Config::default() }).unwrap();
        let a = analyzer.analyze(text).unwrap();
        let e = a.entities.iter().find(|e| e.text == person).unwrap_or_else(|| panic!("{person}: {:?}", a.entities));
        assert_eq!(e.kind, EntityKind::Person, "{e:?}");
        e.mentions.iter().map(|m| a.text[m.start..m.end].to_string()).collect::<Vec<_>>()
    };
    let fr = "Le président russe Vladimir Poutine a reçu Emmanuel Macron. Poutine a affirmé que la guerre continuerait. \
              Macron a répondu sèchement.";
    assert_eq!(mentions("fr", fr, "Vladimir Poutine"), ["Vladimir Poutine", "Poutine"]);
    assert_eq!(mentions("fr", fr, "Emmanuel Macron"), ["Emmanuel Macron", "Macron"]);
    let en = "President Donald Trump met reporters. Trump said the plan would work, and aides of Trump agreed. \
              Critics took aim at Trump's budget. The Justice Department declined to comment.";
    assert_eq!(mentions("en", en, "Donald Trump"), ["Donald Trump", "Trump", "Trump", "Trump"]);
}

#[test]
fn a_bracketed_given_name_joins_the_surname() {
    // Agency copy: "le président (Vladimir) Poutine". One person, both words highlighted, brackets outside.
    let analyzer = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap();
    let text = "« Si le président (Vladimir) Poutine gagne en Ukraine, ce sera une tragédie », a-t-il déclaré. Selon le Kremlin, Poutine n'a pas répondu.";
    let a = analyzer.analyze(text).unwrap();
    let people: Vec<_> = a.entities.iter().filter(|e| e.kind == EntityKind::Person).collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].text, "Vladimir Poutine");
    let words: Vec<&str> = people[0].mentions.iter().map(|m| &a.text[m.start..m.end]).collect();
    assert_eq!(words, ["Vladimir", "Poutine", "Poutine"]);
}

/// English names: events, laws and buildings are not people; a given-name-like word inside a
/// paper's name does not split it; abbreviated titles are not names; demonyms point to the country.
#[test]
fn english_names_get_their_kind() {
    let text = "The deaths in New York are tragic. Insurance under the Affordable Care Act is costly. \
        The next Winter Olympics will take place in Korea. Citizens of seven Muslim-majority countries were banned. \
        He wiretapped phones at Trump Tower last year. The New York Times reported it. Sen. Rand Paul objected \
        and Vice President Mike Pence spoke. Many Americans agreed. Former President George W. Bush was there.";
    let a = Analyzer::new(Config { language: "en".into(), ..Config::default() }).unwrap().analyze(text).unwrap();
    let kind = |t: &str| a.entities.iter().find(|e| e.text == t).map(|e| e.kind);
    assert_eq!(kind("New York"), Some(EntityKind::Place));
    assert_eq!(kind("Affordable Care Act"), Some(EntityKind::Other));
    assert_eq!(kind("Winter Olympics"), Some(EntityKind::Other));
    assert_eq!(kind("Trump Tower"), Some(EntityKind::Place));
    assert_eq!(kind("New York Times"), Some(EntityKind::Organisation));
    assert_eq!(kind("Rand Paul"), Some(EntityKind::Person));
    assert_eq!(kind("George W. Bush"), Some(EntityKind::Person), "a middle initial stays inside the name");
    for not_a_name in ["Muslim-majority", "York Times", "Sen", "Vice"] {
        assert!(kind(not_a_name).is_none(), "{not_a_name}: {:?}", a.entities);
    }
    // "Americans" is no demonym of the Northern Mariana Islands (a French form in the source data).
    assert!(a.entities.iter().all(|e| e.wikidata.as_deref() != Some("Q16644")), "{:?}", a.entities);

    // Committees and leagues are organisations; a place word ends a place's name, not a person's
    // ("Park Geun-hye"); a title before a surname is no part of the name.
    let text = "The Intelligence Committee met in Central Park. Real Madrid won the Champions League. \
        President Park Geun-hye was impeached. Lawmakers laughed at Representative Jessica Farrar, and \
        Representative Farrar answered. A spokesman for Pfizer declined to comment.";
    let a = Analyzer::new(Config { language: "en".into(), ..Config::default() }).unwrap().analyze(text).unwrap();
    let kind = |t: &str| a.entities.iter().find(|e| e.text == t).map(|e| e.kind);
    assert_eq!(kind("Intelligence Committee"), Some(EntityKind::Organisation), "{:?}", a.entities);
    assert_eq!(kind("Champions League"), Some(EntityKind::Organisation), "{:?}", a.entities);
    assert_eq!(kind("Central Park"), Some(EntityKind::Place), "{:?}", a.entities);
    assert_eq!(kind("Park Geun-hye"), Some(EntityKind::Person), "{:?}", a.entities);
    assert_eq!(kind("Pfizer"), Some(EntityKind::Organisation), "not a person for the spokesman: {:?}", a.entities);
    assert!(kind("Representative Farrar").is_none(), "{:?}", a.entities);
    // "St." is part of a place's name, and the gazetteer's "Saint Petersburg" is found by it.
    let places = Analyzer::new(Config { language: "en".into(), ..Config::default() }).unwrap()
        .analyze("Sochi and St. Petersburg are ready. He lived near St. Louis for years.").unwrap();
    for name in ["St. Petersburg", "St. Louis"] {
        let e = places.entities.iter().find(|e| e.text == name).unwrap_or_else(|| panic!("{name}: {:?}", places.entities));
        assert_eq!(e.kind, EntityKind::Place, "{e:?}");
    }
    assert!(!places.entities.iter().any(|e| e.text == "Petersburg"), "{:?}", places.entities);
    assert!(!places.keywords.iter().any(|k| k.text == "St"), "{:?}", places.keywords);
    let farrar = a.entities.iter().find(|e| e.text == "Jessica Farrar").expect("Jessica Farrar");
    assert_eq!(farrar.mentions.len(), 2, "{farrar:?}");
}

/// First-level subdivisions are places of the gazetteer, in French and in English, and one
/// entity whatever the language of the mention ("Californie", "California").
#[test]
fn subdivisions_are_known_places() {
    let analyze = |t: &str| Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap().analyze(t).unwrap();
    let fr = analyze("Le Québec a voté. La Pennsylvanie aussi, comme la Bretagne. Pennsylvanie et Californie.");
    for name in ["Québec", "Pennsylvanie", "Bretagne", "Californie"] {
        let e = fr.entities.iter().find(|e| e.text == name).unwrap_or_else(|| panic!("{name}: {:?}", fr.entities));
        assert_eq!(e.kind, EntityKind::Place, "{name}");
    }
    let pa = fr.entities.iter().find(|e| e.text == "Pennsylvanie").unwrap();
    assert_eq!(pa.mentions.len(), 2);
    let mixed = analyze("La Californie vote. California votes too, et la Californie encore.");
    let ca: Vec<_> = mixed.entities.iter().filter(|e| e.mentions.iter().any(|m| mixed.text[m.start..m.end].starts_with("Californi"))).collect();
    assert_eq!(ca.len(), 1, "one entity for both names: {:?}", mixed.entities);
    assert_eq!(ca[0].mentions.len(), 3);
}

/// Two countries joined by a hyphen are both named, each mention on its own part; compounds that
/// are names of their own stay whole.
#[test]
fn hyphenated_countries_are_two_places() {
    let a = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap()
        .analyze("Le conflit Ukraine-Russie dure. La région Rhône-Alpes et la Guinée-Bissau votent.").unwrap();
    for (name, part) in [("Ukraine", "Ukraine"), ("Russie", "Russie")] {
        let e = a.entities.iter().find(|e| e.text == name).unwrap_or_else(|| panic!("{name}: {:?}", a.entities));
        assert_eq!(e.kind, EntityKind::Place);
        assert_eq!(e.mentions.iter().map(|m| &a.text[m.start..m.end]).collect::<Vec<_>>(), [part]);
    }
    assert!(a.entities.iter().any(|e| e.text == "Rhône-Alpes"), "{:?}", a.entities);
    assert!(a.entities.iter().any(|e| e.text == "Guinée-Bissau"), "{:?}", a.entities);
    assert!(!a.entities.iter().any(|e| e.text == "Ukraine-Russie"));
    // A compound of cities stays whole, and is a place, not a person named Paris.
    let a = Analyzer::new(Config { language: "fr".into(), ..Config::default() }).unwrap()
        .analyze("L'axe Paris-Berlin est solide. La liaison Lyon-Turin avance.").unwrap();
    for name in ["Paris-Berlin", "Lyon-Turin"] {
        let e = a.entities.iter().find(|e| e.text == name).unwrap_or_else(|| panic!("{name}: {:?}", a.entities));
        assert_eq!(e.kind, EntityKind::Place, "{e:?}");
    }
}

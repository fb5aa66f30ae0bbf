//! Rule-by-rule tests on invented sentences (none from the sample corpus).

use super::*;

fn found(text: &str) -> Vec<(&str, EntityKind)> {
    extract(text)
        .into_iter()
        .map(|m| (&text[m.range], m.kind))
        .collect()
}

fn has(text: &str, span: &str, kind: EntityKind) -> bool {
    found(text).contains(&(span, kind))
}

fn canon(texts: &[&str]) -> Vec<(String, String)> {
    extract_corpus(texts)
        .into_iter()
        .zip(texts)
        .flat_map(|(ms, t)| {
            ms.into_iter()
                .map(|m| (t[m.range].to_string(), m.canonical.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

use EntityKind::*;

#[test]
fn titles_mark_persons_and_stay_outside_the_span() {
    let t = "Defence Minister Ana Ruiz met Mr. Okafor and President Lula.";
    assert!(has(t, "Ana Ruiz", Person));
    assert!(has(t, "Okafor", Person));
    assert!(has(t, "Lula", Person));
    assert!(!found(t).iter().any(|(s, _)| s.contains("Minister")));
    let t = "the Ambassador to Peru Joan Whitfield arrived";
    assert!(has(t, "Peru", Place));
    assert!(has(t, "Joan Whitfield", Person));
}

#[test]
fn verbs_of_saying_mark_single_names() {
    assert!(has(
        "Growth will slow, Zubaidi said on Friday.",
        "Zubaidi",
        Person
    ));
    assert!(has("\"It is over,\" said Kowalczyk.", "Kowalczyk", Person));
    assert!(has(
        "Inflation is high, according to Mbeki.",
        "Mbeki",
        Person
    ));
    // A place that "says" stays a place.
    assert!(has("Norway said it would help.", "Norway", Place));
}

#[test]
fn org_head_words_extend_capitalised_spans() {
    let t = "Officials of the Ministry of Health of Peru and the Nordic Investment Bank met.";
    assert!(has(t, "Ministry of Health", Org));
    assert!(has(t, "Peru", Place));
    assert!(has(t, "Nordic Investment Bank", Org));
    let t = "The Peruvian Foreign Ministry thanked the University of Ghana.";
    assert!(has(t, "Foreign Ministry", Org));
    assert!(has(t, "University of Ghana", Org));
    assert!(has(
        "He works at the Lima Coffee Growers Association.",
        "Lima Coffee Growers Association",
        Org
    ));
}

#[test]
fn acronyms_are_orgs_unless_stoplisted() {
    assert_eq!(found("World War II ended; we will NOT wait."), vec![]);
    let t = "ECOWAS and the AU met; the CEO said GDP fell.";
    assert!(has(t, "ECOWAS", Org));
    assert!(has(t, "AU", Org));
    assert!(!found(t).iter().any(|(s, _)| *s == "CEO" || *s == "GDP"));
    // `US` is a place, not an organisation.
    assert!(has("US troops left.", "US", Place));
}

#[test]
fn nationality_adjectives_are_not_places() {
    let t = "Peruvian farmers, Chilean miners and Ukrainians protested with Kazakh officials.";
    assert_eq!(found(t), vec![]);
}

#[test]
fn sentence_initial_capitals_and_months_are_not_names() {
    let t = "Growth slowed. Analysts blamed Chile. Yesterday prices rose. June was hot.";
    assert_eq!(found(t), vec![("Chile", Place), ("June", Date)]);
}

#[test]
fn events_programmes_and_laws_are_opaque() {
    let t = "She spoke at the Lisbon Climate Conference about the Paris Agreement.";
    assert_eq!(found(t), vec![]);
}

#[test]
fn speaker_labels_give_surnames_and_skip_roles() {
    let t =
        "AMBASSADOR NDLOVU: Thank you.\nMODERATOR: Next question.\nQUESTION: For the minister.\n";
    assert_eq!(found(t), vec![("NDLOVU", Person)]);
}

#[test]
fn possessives_are_outside_spans() {
    let t = "Peru’s exports and Okonkwo's remarks, Okonkwo said.";
    assert!(has(t, "Peru", Place));
    assert!(has(t, "Okonkwo", Person));
}

#[test]
fn surnames_resolve_to_full_names_across_documents() {
    let c = canon(&[
        "Finance Minister Adaeze Okonkwo spoke.",
        "Later OKONKWO: Yes.\nOkonkwo’s plan passed, Okonkwo said.",
    ]);
    assert!(
        c.iter()
            .filter(|(s, _)| s.to_lowercase() == "okonkwo")
            .count()
            >= 2
    );
    assert!(c.iter().all(|(_, n)| n == "Adaeze Okonkwo"), "{c:?}");
}

#[test]
fn spelling_variants_share_a_canonical_name() {
    let c = canon(&[
        "President Volodymyr Zelenskyy spoke.",
        "President Volodymyr Zelensky said so. Zelensky left.",
    ]);
    let names: std::collections::HashSet<&str> = c.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names.len(), 1, "{c:?}");
}

#[test]
fn same_surname_different_given_names_stay_apart() {
    let c = canon(&["Senator Maria Lopez and Governor Carlos Lopez disagreed."]);
    assert_eq!(
        c,
        [
            ("Maria Lopez".to_string(), "Maria Lopez".to_string()),
            ("Carlos Lopez".to_string(), "Carlos Lopez".to_string())
        ]
    );
}

#[test]
fn place_aliases_share_a_canonical_name() {
    let c = canon(&["The U.S. and the USA, the United States and America."]);
    assert_eq!(c.len(), 4, "{c:?}");
    assert!(c.iter().all(|(_, n)| n == "United States"), "{c:?}");
}

#[test]
fn acronyms_expand_to_long_forms_seen_in_the_corpus() {
    let c = canon(&[
        "The Economic Community of West African States met.",
        "ECOWAS leaders agreed.",
    ]);
    assert!(c.contains(&(
        "ECOWAS".to_string(),
        "Economic Community of West African States".to_string()
    )));
}

#[test]
fn report_json_uses_code_point_offsets() {
    let text = "Café owners in Perú… told Reuters.";
    let v = report_json(&[("a.txt", text)]);
    let ms = v[0]["mentions"].as_array().unwrap();
    let chars: Vec<char> = text.chars().collect();
    for m in ms {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        let t: String = chars[s..e].iter().collect();
        assert_eq!(t, m["text"].as_str().unwrap());
    }
    assert_eq!(v[0]["path"], "a.txt");
    assert!(
        ms.iter()
            .any(|m| m["type"] == "ORG" && m["text"] == "Reuters")
    );
}

#[test]
fn kinds_serialise_as_upper_case_labels() {
    assert_eq!(serde_json::to_string(&Percent).unwrap(), "\"PERCENT\"");
    assert_eq!(Org.label(), "ORG");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_returns_sorted_disjoint_spans(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "Peru", "Ms.", "Ana", "Ruiz", "said", "of", "the", "Bank", "Ministry", "NATO",
                "$5", "million", "12%", "May", "2021", "U.S.", "’s", "-", ",", ".", "\n", ":",
                "MODERATOR", "SMITH", "Conference", "for", "é", "Lima", "+", "C5", "1", "Okafor",
            ]),
            0..60,
        ),
        seps in proptest::collection::vec(proptest::sample::select(vec![" ", "", "  ", "\n"]), 60),
    ) {
        let mut text = String::new();
        for (w, s) in words.iter().zip(&seps) {
            text.push_str(w);
            text.push_str(s);
        }
        let ms = extract(&text);
        for w in ms.windows(2) {
            proptest::prop_assert!(w[0].range.end <= w[1].range.start);
        }
        for m in &ms {
            proptest::prop_assert!(m.range.start < m.range.end && m.range.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
        }
    }
}

#[test]
fn appositions_ages_and_bylines_mark_persons() {
    let t = "Talks stalled, and Ngozi Adeyemi, a senior analyst at a Lagos bank, was blunt.";
    assert!(has(t, "Ngozi Adeyemi", Person));
    assert!(has("Later Tomas Brandt, 54, left.", "Tomas Brandt", Person));
    assert!(has(
        "Headline\nBy Aino Virtanen and Pekka Ruohonen\n\nText.",
        "Pekka Ruohonen",
        Person
    ));
    // An organisation description is not a person.
    assert!(!has(
        "It met Global Grain, a trading house.",
        "Global Grain",
        Person
    ));
}

#[test]
fn title_words_before_org_heads_make_orgs_not_persons() {
    let t = "Delegates of the Pacific General Assembly voted.";
    assert!(
        !found(t).iter().any(|(_, k)| *k == Person),
        "{:?}",
        found(t)
    );
}

#[test]
fn dotted_honorifics_in_labels_and_nationality_led_org_names() {
    let t = "MS. OKAFOR-BELL: Good afternoon.\nThe Ghana Farmers Congress and the Kenyan National Congress met.";
    assert!(has(t, "OKAFOR-BELL", Person), "{:?}", found(t));
    assert!(has(t, "Ghana Farmers Congress", Org));
    assert!(has(t, "Kenyan National Congress", Org));
}

#[test]
fn headlines_and_company_names_are_not_persons() {
    let t = "Hope Fades For Quick Deal As Talks Stall\n\nGeneral Motors cut jobs. \
             Read more: Inflation explained. Sen. Elizabeth Warren objected.";
    let persons: Vec<&str> = found(t)
        .into_iter()
        .filter(|(_, k)| *k == Person)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(persons, ["Elizabeth Warren"]);
}

#[test]
fn unknown_words_coordinated_with_places_are_places() {
    let t = "Aid reached Kharkiv and Izium, then Zolochiv and Lviv.";
    assert!(has(t, "Izium", Place), "{:?}", found(t));
    assert!(has(t, "Zolochiv", Place));
    // Persons next to places stay unlabelled without evidence.
    assert!(!has("Talks with Maria and Peru went well.", "Maria", Place));
}

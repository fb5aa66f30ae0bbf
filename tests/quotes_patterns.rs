//! Detection and attribution on small hand-written articles, one pattern
//! per test.

use plenary::analysis::quotes::{Quote, QuoteKind, detect};

fn run(text: &str) -> Vec<(String, Option<String>)> {
    run_known(text, &[])
}

fn run_known(text: &str, known: &[String]) -> Vec<(String, Option<String>)> {
    detect(text, known)
        .into_iter()
        .map(|q: Quote| (text[q.range].to_string(), q.speaker))
        .collect()
}

fn q(text: &str, who: Option<&str>) -> (String, Option<String>) {
    (text.to_string(), who.map(str::to_string))
}

#[test]
fn name_said_after_the_quote() {
    let t = "Foreign Minister Anna Kowalska met reporters.\n\n“We will keep talking to everyone,” Kowalska said on Monday.";
    assert_eq!(
        run(t),
        [q(
            "We will keep talking to everyone,",
            Some("Anna Kowalska")
        )]
    );
}

#[test]
fn said_name_with_apposition_and_straight_marks() {
    let t = "\"Prices are rising fast,\" said Jonas Berg, an economist at the central bank.";
    assert_eq!(run(t), [q("Prices are rising fast,", Some("Jonas Berg"))]);
}

#[test]
fn colon_introduction_and_told() {
    let t = "Mayor Lena Fischer told reporters: “The bridge will reopen in May.”";
    assert_eq!(
        run(t),
        [q("The bridge will reopen in May.", Some("Lena Fischer"))]
    );
}

#[test]
fn appositive_who_heads_told_voa() {
    let t = "“We need more doctors,” Karim Saidov, who heads the regional health office, told VOA.";
    assert_eq!(run(t), [q("We need more doctors,", Some("Karim Saidov"))]);
}

#[test]
fn split_quotation_gives_two_segments_with_one_speaker() {
    let t = "Ambassador Paul Reyes arrived on Monday.\n\n“The level of concern,” said Reyes, “is very high.”";
    assert_eq!(
        run(t),
        [
            q("The level of concern,", Some("Paul Reyes")),
            q("is very high.", Some("Paul Reyes"))
        ]
    );
}

#[test]
fn second_sentence_after_cue_keeps_speaker() {
    let t = "“Trade is up,” Maria Costa told VOA. “But we want more.”";
    assert_eq!(
        run(t),
        [
            q("Trade is up,", Some("Maria Costa")),
            q("But we want more.", Some("Maria Costa"))
        ]
    );
}

#[test]
fn multi_paragraph_quotation_keeps_its_speaker() {
    let t = "Senator Ruth Adler said the plan was ready.\n\n“First we fix the roads. Then the schools,” Adler said.\n\n\
             “The money is there.\n\n“And the will is there too.”";
    let got = run(t);
    assert_eq!(got.len(), 3);
    assert!(
        got.iter().all(|(_, s)| s.as_deref() == Some("Ruth Adler")),
        "{got:?}"
    );
}

#[test]
fn pronoun_carries_over_from_last_named_person() {
    let t = "Olga Petrova, a lawyer in Almaty, disagreed.\n\n“Nothing has changed,” she said.";
    assert_eq!(run(t), [q("Nothing has changed,", Some("Olga Petrova"))]);
}

#[test]
fn pronoun_skips_names_inside_quotes_and_possessives() {
    let t = "Dmitri Volkov, an analyst, spoke after Smith's visit.\n\n\
             “Smith came too late,” he said.";
    assert_eq!(run(t), [q("Smith came too late,", Some("Dmitri Volkov"))]);
}

#[test]
fn role_noun_resolves_to_person_with_that_role() {
    let t = "Foreign Minister Ivan Horvat met his counterpart. Analyst Eva Lind watched.\n\n\
             “We have no threats,” the minister said.";
    assert_eq!(run(t), [q("We have no threats,", Some("Ivan Horvat"))]);
}

#[test]
fn according_to_and_added() {
    let t = "Prime Minister Omar Haddad spoke first. The ties are “stronger than ever”, according to Haddad.\n\n\
             “We will not hesitate,” Haddad added.";
    let got = run(t);
    assert_eq!(
        got,
        [
            q("stronger than ever", Some("Omar Haddad")),
            q("We will not hesitate,", Some("Omar Haddad"))
        ]
    );
}

#[test]
fn unnamed_speaker_is_unknown() {
    let t = "“The risk is real,” said a senior European official.";
    assert_eq!(run(t), [q("The risk is real,", None)]);
}

#[test]
fn scare_quotes_without_speaker_are_dropped_but_cued_fragments_kept() {
    let t = "The so-called “reset” failed. Minister Tomas Varga called it “a reliable partner” on Monday.";
    assert_eq!(run(t), [q("a reliable partner", Some("Tomas Varga"))]);
}

#[test]
fn fragment_inside_reporter_sentence_takes_the_subject() {
    let t = "Professor Ana Silva sees the visit “as a welcome reminder of old ties.”";
    let got = detect(t, &[]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].speaker.as_deref(), Some("Ana Silva"));
    assert_eq!(got[0].kind, QuoteKind::Fragment);
}

#[test]
fn brackets_and_ellipses_stay_inside_the_span() {
    let t = "“[The] government will act ... soon,” said Governor Li Wei.";
    assert_eq!(
        run(t),
        [q("[The] government will act ... soon,", Some("Li Wei"))]
    );
}

#[test]
fn standalone_paragraph_attributed_in_the_next() {
    let t = "Envoy Sara Khan spoke about the war.\n\n“It matters to everyone.”\n\n“Because it is about rules,” Khan said.";
    assert_eq!(
        run(t),
        [
            q("It matters to everyone.", Some("Sara Khan")),
            q("Because it is about rules,", Some("Sara Khan"))
        ]
    );
}

#[test]
fn known_people_give_canonical_names() {
    let known = vec![
        "Mukhtar Tileuberdi".to_string(),
        "Antony Blinken".to_string(),
    ];
    let t = "Minister Mukhtar Tleuberdi met Anthony Blinken.\n\n“We see no threats,” said Mr. Tleuberdi.\n\n\
             “We support you,” Mr. Blinken said.";
    assert_eq!(
        run_known(t, &known),
        [
            q("We see no threats,", Some("Mukhtar Tileuberdi")),
            q("We support you,", Some("Antony Blinken"))
        ]
    );
}

#[test]
fn surname_maps_to_longest_full_name() {
    let t = "Secretary of State Antony Blinken visited Astana.\n\n“We are watching closely,” Blinken said.";
    assert_eq!(
        run(t),
        [q("We are watching closely,", Some("Antony Blinken"))]
    );
}

#[test]
fn bare_colon_introduction() {
    let t = "Minister Ivan Horvat spoke on Monday.\n\nHorvat: “We see no threats.”";
    assert_eq!(run(t), [q("We see no threats.", Some("Ivan Horvat"))]);
}

#[test]
fn speaker_named_in_the_previous_sentence_of_the_paragraph() {
    let t = "Ambassador Paul Reyes was blunt. “We will act.”";
    assert_eq!(run(t), [q("We will act.", Some("Paul Reyes"))]);
}

#[test]
fn quote_with_no_attribution_is_unknown() {
    let t = "The report was published on Monday.\n\n“Prices will rise again next year.”";
    assert_eq!(run(t), [q("Prices will rise again next year.", None)]);
}

#[test]
fn titles_and_later_names_do_not_make_speech() {
    let t = "The so-called “reset” under President Barack Obama failed. The paper “Kazakhstan Today Weekly” closed.";
    assert_eq!(run(t), []);
}

#[test]
fn programme_names_and_nicknames_are_not_quotations() {
    let t = "Foreign Minister Anna Kowalska told NTV’s “Evening Review” on Sunday that “the talks are over for now.”\n\n\
             She also appeared on “Morning Desk” and the “Week in Politics” programme.\n\n\
             Striker Lionel “Leo” Vargas said: “We played well.”";
    assert_eq!(
        run(t),
        [
            q("the talks are over for now.", Some("Anna Kowalska")),
            q("We played well.", Some("Lionel Vargas")),
        ]
    );
}

#[test]
fn title_case_headline_verb_ends_the_name() {
    let t = "Kowalska Says Talks Are “Over for Now, Not Forever”\n\n\
             Foreign Minister Anna Kowalska spoke in Vilnius.";
    assert_eq!(
        run(t),
        [q("Over for Now, Not Forever", Some("Anna Kowalska"))]
    );
}

#[test]
fn partial_quotation_in_the_lead_takes_the_speaker_named_next() {
    let t = "Energy minister warns of “a long and cold winter”\n\n\
             The government expects “a difficult season for households” as prices rise.\n\n\
             “We have to be honest with people,” Marta Nowak told reporters on Monday.";
    assert_eq!(
        run(t),
        [
            q("a long and cold winter", Some("Marta Nowak")),
            q("a difficult season for households", Some("Marta Nowak")),
            q("We have to be honest with people,", Some("Marta Nowak")),
        ]
    );
}

#[test]
fn name_is_not_run_into_the_capitalised_word_before_it() {
    let t = "Talks in Moldova went on.\n\n“We are ready,” said Moldova Ion Rusu.\n\n\
             The Foreign Minister of Georgia Nino Beridze said: “We wait.”";
    let known = ["Ion Rusu".to_string()];
    assert_eq!(
        run_known(t, &known),
        [
            q("We are ready,", Some("Ion Rusu")),
            q("We wait.", Some("Nino Beridze")),
        ]
    );
}

//! Convention-by-convention examples: each builds a small transcript and
//! checks lines, labels, speakers, askers and flags.

use super::*;

/// (0-based line, label, speaker, asker, interpreted) of every turn.
type Row = (usize, String, String, Option<String>, bool);

fn rows(text: &str) -> Vec<Row> {
    detect(text)
        .turns
        .into_iter()
        .map(|t| {
            let speaker = t.json_speaker().to_string();
            (
                t.line,
                t.label.to_string(),
                speaker,
                t.asker.map(|a| a.to_string()),
                t.interpreted,
            )
        })
        .collect()
}

fn row(line: usize, label: &str, speaker: &str, asker: Option<&str>, interpreted: bool) -> Row {
    (
        line,
        label.into(),
        speaker.into(),
        asker.map(Into::into),
        interpreted,
    )
}

fn speakers(text: &str) -> Vec<(usize, String)> {
    detect(text)
        .turns
        .into_iter()
        .map(|t| (t.line, t.json_speaker().to_string()))
        .collect()
}

#[test]
fn caps_labels_with_titles_resolve_against_the_header() {
    let text = "Department Press Briefing\n\
Ned Price, Department Spokesperson\n\
Washington, D.C.\n\
2:09 p.m. EST\n\
MR PRICE: Good afternoon. (Laughter.) Let me start with Iran.\n\
We have said this before.\n\
QUESTION: Thanks, Ned. Humeyra Pamuk from Reuters. What about Iran?\n\
MR PRICE: Humeyra, we have been clear.\n\
UNDER SECRETARY BASS: If I may add something.\n\
MR PRICE: Thank you.\n";
    assert_eq!(
        rows(text),
        vec![
            row(4, "MR PRICE", "Ned Price", None, false),
            row(6, "QUESTION", "Question", Some("Humeyra Pamuk"), false),
            row(7, "MR PRICE", "Ned Price", None, false),
            row(8, "UNDER SECRETARY BASS", "Bass", None, false),
            row(9, "MR PRICE", "Ned Price", None, false),
        ]
    );
    let a = detect(text);
    assert_eq!(
        &text[a.header.clone()],
        "Department Press Briefing\nNed Price, Department Spokesperson\nWashington, D.C.\n2:09 p.m. EST\n"
    );
    let first = &a.turns[0];
    assert!(text[first.range.clone()].ends_with("We have said this before."));
    assert_eq!(
        first
            .stage_directions
            .iter()
            .map(|r| &text[r.clone()])
            .collect::<Vec<_>>(),
        ["(Laughter.)"]
    );
    assert_eq!(a.turns[1].asker_affiliation.as_deref(), Some("Reuters"));
}

#[test]
fn names_written_in_the_text_resolve_labels() {
    let text = "MODERATOR: (Via interpreter) The floor goes to the minister of foreign affairs, Aigerim Nurlanova.\n\
FOREIGN MINISTER NURLANOVA: (In Freedonian) Thank you.\n\
MS. JEAN-PIERRE: Good to be here, Aigerim.\n\
FOREIGN MINISTER NURLANOVA (through interpreter): Welcome.\n\
MS. JEAN-PIERRE: Thanks.\n";
    assert_eq!(
        rows(text),
        vec![
            row(0, "MODERATOR", "Moderator", None, true),
            row(
                1,
                "FOREIGN MINISTER NURLANOVA",
                "Aigerim Nurlanova",
                None,
                true
            ),
            row(2, "MS. JEAN-PIERRE", "Jean-Pierre", None, false),
            row(
                3,
                "FOREIGN MINISTER NURLANOVA",
                "Aigerim Nurlanova",
                None,
                true
            ),
            row(4, "MS. JEAN-PIERRE", "Jean-Pierre", None, false),
        ]
    );
}

#[test]
fn q_and_a_styles() {
    let text = "Interview with a farmer\n\nQ: How did it start?\nA: Slowly.\nQ. And then?\nA. Quickly.\nQ\nAnything else?\nA: No.\n";
    let got = rows(text);
    let lines: Vec<usize> = got.iter().map(|r| r.0).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 8]);
    assert!(
        got.iter()
            .step_by(2)
            .all(|r| r.2 == "Question" && r.1 == "Q")
    );
    assert!(
        got.iter()
            .skip(1)
            .step_by(2)
            .all(|r| r.2 == "Answer" && r.1 == "A")
    );
}

#[test]
fn white_house_q_turns_and_handover() {
    let text = "Press Briefing by Press Secretary Karine Jean-Pierre\n\
MS. JEAN-PIERRE: Good afternoon. Go ahead, Steve.\n\
Q    Thank you, Karine. On the budget?\n\
MS. JEAN-PIERRE: We have a plan. Yes, Mary.\n\
Q    Thanks. On Ukraine?\n\
MS. JEAN-PIERRE: We stand with Ukraine.\n";
    assert_eq!(
        rows(text),
        vec![
            row(1, "MS. JEAN-PIERRE", "Karine Jean-Pierre", None, false),
            row(2, "Q", "Question", Some("Steve"), false),
            row(3, "MS. JEAN-PIERRE", "Karine Jean-Pierre", None, false),
            row(4, "Q", "Question", Some("Mary"), false),
            row(5, "MS. JEAN-PIERRE", "Karine Jean-Pierre", None, false),
        ]
    );
}

#[test]
fn interviews_with_mixed_case_and_first_names() {
    let mixed = "Anderson Cooper: Welcome back.\nJohn Smith: Thanks for having me.\nAnderson Cooper: Let's begin.\nJohn Smith: Sure.\n";
    assert_eq!(
        speakers(mixed),
        vec![
            (0, "Anderson Cooper".into()),
            (1, "John Smith".into()),
            (2, "Anderson Cooper".into()),
            (3, "John Smith".into())
        ]
    );
    let caps = "ANDERSON COOPER: Welcome back.\nJOHN SMITH: Thanks.\nANDERSON COOPER: And?\n";
    assert_eq!(speakers(caps)[1], (1, "John Smith".into()));
    let first = "Nadia Pereira talks with Tom Okafor about the election.\n\nNadia: Tom, what happened?\nTom: A lot.\nNadia: Tell me more.\nTom: Later.\n";
    assert_eq!(
        speakers(first),
        vec![
            (2, "Nadia Pereira".into()),
            (3, "Tom Okafor".into()),
            (4, "Nadia Pereira".into()),
            (5, "Tom Okafor".into())
        ]
    );
}

#[test]
fn congressional_period_style() {
    let text = "HEARING BEFORE THE COMMITTEE ON BANKING\n\n\
Chairman SMITH. The committee will come to order.\n\
Mr. JONES. Thank you, Mr. Chairman.\n\
Senator WARREN. I have a question for Ms. Lee.\n\
Chairman SMITH. The gentlelady is recognized.\n\
Ms. LEE. Thank you.\n";
    assert_eq!(
        rows(text),
        vec![
            row(2, "Chairman SMITH", "Smith", None, false),
            row(3, "Mr. JONES", "Jones", None, false),
            row(4, "Senator WARREN", "Warren", None, false),
            row(5, "Chairman SMITH", "Smith", None, false),
            row(6, "Ms. LEE", "Lee", None, false),
        ]
    );
}

#[test]
fn parliamentary_style() {
    let text = "Engagements\n\n\
The Prime Minister (Rishi Sunak): This morning I had meetings.\n\
Keir Starmer (Holborn and St Pancras) (Lab): Will he apologise?\n\
The Prime Minister: No.\n\
Mr Speaker: Order.\n\
Keir Starmer: Then why?\n";
    assert_eq!(
        rows(text),
        vec![
            row(2, "The Prime Minister", "Rishi Sunak", None, false),
            row(3, "Keir Starmer", "Keir Starmer", None, false),
            row(4, "The Prime Minister", "Rishi Sunak", None, false),
            row(5, "Mr Speaker", "Speaker", None, false),
            row(6, "Keir Starmer", "Keir Starmer", None, false),
        ]
    );
}

#[test]
fn timestamped_auto_transcripts() {
    let bracketed = "[00:00:01] Jane Doe: Welcome to the show.\n[00:00:05] Sam Lee: Glad to be here.\n[00:01:23] Jane Doe: Let's start.\n";
    assert_eq!(
        rows(bracketed),
        vec![
            row(0, "Jane Doe", "Jane Doe", None, false),
            row(1, "Sam Lee", "Sam Lee", None, false),
            row(2, "Jane Doe", "Jane Doe", None, false),
        ]
    );
    let otter = "Jane Doe  00:12\nWelcome to the show.\n\nSam Lee  00:20\nGlad to be here.\nReally.\n\nJane Doe  01:02\nGreat.\n";
    let a = detect(otter);
    let got: Vec<(usize, &str)> = a.turns.iter().map(|t| (t.line, &*t.speaker)).collect();
    assert_eq!(got, [(0, "Jane Doe"), (3, "Sam Lee"), (7, "Jane Doe")]);
    assert_eq!(
        &otter[a.turns[1].body_start..a.turns[1].range.end],
        "\nGlad to be here.\nReally."
    );
    let ids = "SPEAKER_00: Hello.\nSPEAKER_01: Hi there.\nSPEAKER_00: How are you?\n";
    assert_eq!(
        speakers(ids),
        vec![
            (0, "SPEAKER_00".into()),
            (1, "SPEAKER_01".into()),
            (2, "SPEAKER_00".into())
        ]
    );
}

#[test]
fn webvtt_and_srt() {
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Jane Doe>Welcome to the show.\n\n00:00:04.000 --> 00:00:06.000\n<v Sam Lee>Thanks.\n";
    assert_eq!(
        speakers(vtt),
        vec![(3, "Jane Doe".into()), (6, "Sam Lee".into())]
    );
    let srt = "1\n00:00:01,000 --> 00:00:04,000\nJane Doe: Welcome to the show.\n\n2\n00:00:04,000 --> 00:00:06,000\nSam Lee: Thanks.\n\n3\n00:00:06,000 --> 00:00:08,000\nit is good to be here.\n\n4\n00:00:08,000 --> 00:00:09,000\nJane Doe: Great.\n";
    let a = detect(srt);
    let got: Vec<(usize, &str)> = a.turns.iter().map(|t| (t.line, &*t.speaker)).collect();
    assert_eq!(got, [(2, "Jane Doe"), (6, "Sam Lee"), (14, "Jane Doe")]);
    assert!(srt[a.turns[1].range.clone()].ends_with("it is good to be here."));
}

#[test]
fn stage_directions_stay_in_the_turn() {
    let text = "HOST: Welcome. (Applause.)\n(Crosstalk)\nGUEST: Thank you. [Laughter]\nHOST: Right.\nGUEST: Yes.\n";
    let a = detect(text);
    assert_eq!(a.turns.len(), 4);
    let dirs: Vec<&str> = a.turns[0]
        .stage_directions
        .iter()
        .map(|r| &text[r.clone()])
        .collect();
    assert_eq!(dirs, ["(Applause.)", "(Crosstalk)"]);
    assert_eq!(&text[a.turns[1].stage_directions[0].clone()], "[Laughter]");
    assert_eq!(&*a.turns[0].speaker, "Host");
}

#[test]
fn articles_are_not_transcripts() {
    let articles = [
        "Senate passes budget\nWashington, D.C.\n2:09 p.m. EST\n\nThe Senate passed the bill. He said: we will win.\nNote: This story has been updated.\n",
        "Minister visits\n\nThe minister arrived today.\nSmith: \"We will win this fight.\"\nThe reason is simple: money.\nTags: politics, budget\n",
        "Shopping list\n\nPrice: $5\nLocation: downtown\nSubject: groceries\nSource: Reuters\nUpdate: more later\n",
        "Breaking News: Senate Votes\n\nAnalysis: Why It Matters\nThe vote was close.\n- Item one: details\n1. Item two: more\n",
    ];
    for text in articles {
        let a = detect(text);
        assert!(!a.is_transcript, "{text}");
        assert!(a.turns.is_empty());
        assert_eq!(a.header, 0..text.len());
    }
}

#[test]
fn metadata_lines_in_a_transcript_header_are_not_turns() {
    let text = "NEW DELHI: The talks began today.\nDate: March 3\n\nMODERATOR: Welcome.\nSECRETARY WHITCOMBE: Thank you.\nMODERATOR: Next.\n";
    let lines: Vec<usize> = detect(text).turns.iter().map(|t| t.line).collect();
    assert_eq!(lines, [3, 4, 5]);
}

#[test]
fn askers_from_moderator_and_follow_ups() {
    let text = "MODERATOR: Next question, Andrea Mitchell of NBC News.\n\
QUESTION: Thank you. What about trade?\n\
SECRETARY WHITCOMBE: Trade is up.\n\
MODERATOR: A follow-up, please.\n\
QUESTION: And tariffs?\n\
SECRETARY WHITCOMBE: Lower.\n\
MODERATOR: Last question.\n\
QUESTION: Why now?\n\
SECRETARY WHITCOMBE: Thank you, Declan. Because.\n";
    let got = rows(text);
    let askers: Vec<Option<&str>> = got
        .iter()
        .filter(|r| r.2 == "Question")
        .map(|r| r.3.as_deref())
        .collect();
    assert_eq!(
        askers,
        [
            Some("Andrea Mitchell"),
            Some("Andrea Mitchell"),
            Some("Declan")
        ]
    );
    assert_eq!(
        detect(text).turns[1].asker_affiliation.as_deref(),
        Some("NBC News")
    );
}

#[test]
fn corpus_resolution_fills_surnames_from_other_documents() {
    let a = "SECRETARY WHITCOMBE: Hello.\nQUESTION: Hi.\nSECRETARY WHITCOMBE: Bye.\n";
    let b =
        "Secretary of State Rupert Whitcombe met reporters today. Rupert Whitcombe said little.";
    let texts = [a, b];
    let mut docs: Vec<SpeakerAnalysis> = texts.iter().map(|t| detect(t)).collect();
    assert_eq!(&*docs[0].turns[0].speaker, "Whitcombe");
    resolve_corpus(&mut docs, &texts);
    assert_eq!(&*docs[0].turns[0].speaker, "Rupert Whitcombe");
    assert_eq!(&*docs[0].turns[2].speaker, "Rupert Whitcombe");
    assert!(!docs[1].is_transcript);
}

#[test]
fn stats_sum_words_per_speaker() {
    let text = "HOST: One two three. (Laughter.)\nGUEST: One.\nHOST: Four five.\n";
    let s = stats(&detect(text), text);
    assert_eq!(
        s,
        [
            SpeakerStat {
                speaker: "Host".into(),
                turns: 2,
                words: 5
            },
            SpeakerStat {
                speaker: "Guest".into(),
                turns: 1,
                words: 1
            },
        ]
    );
}

#[test]
fn json_uses_code_points_and_one_based_lines() {
    let text = "Café talk\nHOST: Héllo.\nGUEST: Hi.\nHOST: Bye.\n";
    let v = report_json(&[("a.txt", text)]);
    let doc = &v[0];
    assert_eq!(doc["title"], "Café talk");
    assert_eq!(doc["is_transcript"], true);
    let t = &doc["turns"][0];
    assert_eq!(t["line"], 2);
    assert_eq!(t["start"], 10);
    assert_eq!(t["end"], 22);
    assert_eq!(t["asker"], Value::Null);
    assert_eq!(doc["speakers"][0]["speaker"], "Host");
}

#[test]
fn rev_style_speaker_numbers_with_timestamps() {
    let text = "Speaker 1 (00:00):\nWelcome, everyone.\n\nSpeaker 2 (00:05):\nThank you.\n\nSpeaker 1 (00:09):\nLet's begin.\n";
    let a = detect(text);
    let got: Vec<(usize, &str, &str)> = a
        .turns
        .iter()
        .map(|t| (t.line, &*t.label, &*t.speaker))
        .collect();
    assert_eq!(
        got,
        [
            (0, "Speaker 1", "Speaker 1"),
            (3, "Speaker 2", "Speaker 2"),
            (6, "Speaker 1", "Speaker 1")
        ]
    );
    assert_eq!(
        &text[a.turns[0].body_start..a.turns[0].range.end],
        "\nWelcome, everyone."
    );
}

#[test]
fn cable_news_labels_with_roles_after_a_comma() {
    let text = "ANDERSON COOPER, CNN ANCHOR: Good evening.\n\
(BEGIN VIDEOTAPE)\n\
UNIDENTIFIED MALE: We were there.\n\
(END VIDEOTAPE)\n\
COOPER (voice-over): That was the scene.\n\
COOPER: Joining me now.\n";
    assert_eq!(
        rows(text),
        vec![
            row(
                0,
                "ANDERSON COOPER, CNN ANCHOR",
                "Anderson Cooper",
                None,
                false
            ),
            row(2, "UNIDENTIFIED MALE", "Unidentified Male", None, false),
            row(4, "COOPER", "Anderson Cooper", None, false),
            row(5, "COOPER", "Anderson Cooper", None, false),
        ]
    );
}

#[test]
fn role_labels_take_the_holder_named_in_the_header() {
    let text = "Remarks by President Biden and Prime Minister Kishida\n\n\
THE PRESIDENT: Good afternoon.\n\
PRIME MINISTER KISHIDA: (As interpreted.) Thank you.\n\
THE PRESIDENT: Questions?\n\
Q    Mr. President, on trade?\n";
    assert_eq!(
        rows(text),
        vec![
            row(2, "THE PRESIDENT", "Biden", None, false),
            row(3, "PRIME MINISTER KISHIDA", "Kishida", None, true),
            row(4, "THE PRESIDENT", "Biden", None, false),
            row(5, "Q", "Question", None, false),
        ]
    );
}

#[test]
fn briefing_askers_from_bare_names_and_question_from() {
    let text = "MR PRICE: Good afternoon. We will take a question from Lara Jakes of The New York Times.\n\
QUESTION: On Iran?\n\
MR PRICE: We are watching.\n\
MR PRICE: Said.\n\
QUESTION: Thank you. On Gaza?\n\
MR PRICE: We support it.\n\
SECRETARY WHITCOMBE: (In English) One more thing.\n\
MR PRICE: Thank you.\n";
    let got = rows(text);
    let askers: Vec<Option<&str>> = got
        .iter()
        .filter(|r| r.2 == "Question")
        .map(|r| r.3.as_deref())
        .collect();
    assert_eq!(askers, [Some("Lara Jakes"), Some("Said")]);
    assert!(!got[6].4, "(In English) is not interpretation");
}

#[test]
fn hearing_labels_in_mixed_case_and_presiding_officers() {
    let text = "    The Chairman. The committee will come to order.\n\
    Senator Warren. Thank you, Mr. Chairman.\n\
    The Chairman. Senator Warren is recognized.\n\
    Mr. Jones. I yield back.\n\
    Senator Warren. Thank you.\n\
    The SPEAKER pro tempore. The gentleman is recognized.\n";
    let got: Vec<(usize, String, String)> = detect(text)
        .turns
        .into_iter()
        .map(|t| (t.line, t.label.to_string(), t.speaker.to_string()))
        .collect();
    let want = [
        (0, "The Chairman", "Chairman"),
        (1, "Senator Warren", "Warren"),
        (2, "The Chairman", "Chairman"),
        (3, "Mr. Jones", "Jones"),
        (4, "Senator Warren", "Warren"),
        (5, "The SPEAKER pro tempore", "Speaker Pro Tempore"),
    ];
    let want: Vec<(usize, String, String)> = want
        .iter()
        .map(|(l, a, b)| (*l, a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    let prose = "Mr. Smith went to Washington.\nMr. Smith. Then he left.\nThe End.\nDr. Who.\n";
    assert!(!detect(prose).is_transcript);
}

#[test]
fn numbered_unidentified_speakers() {
    let text = "STEVE INSKEEP, HOST:\nGood morning.\n\n(SOUNDBITE OF MUSIC)\n\nUNIDENTIFIED PERSON #1: Hello.\nINSKEEP: Who are you?\nUNIDENTIFIED PERSON #2: Nobody.\nINSKEEP: Thanks.\n";
    let got = speakers(text);
    let want: Vec<(usize, String)> = [
        (0, "Steve Inskeep"),
        (5, "Unidentified Person #1"),
        (6, "Steve Inskeep"),
        (7, "Unidentified Person #2"),
        (8, "Steve Inskeep"),
    ]
    .iter()
    .map(|(l, s)| (*l, s.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn discourse_words_with_colons_are_not_speakers() {
    let text = "Jane Doe: Two things matter.\nFirst: the economy.\nSam Lee: And second?\nSecond: jobs.\nJane Doe: Right.\nSam Lee: Thanks.\n";
    let lines: Vec<usize> = detect(text).turns.iter().map(|t| t.line).collect();
    assert_eq!(lines, [0, 2, 4, 5]);
}

#[test]
fn reporter_names_after_addressing_the_podium() {
    let text = "MS. JEAN-PIERRE: Go ahead.\nQ    Karine, Peter Doocy with Fox. Why now?\nMS. JEAN-PIERRE: Peter, I am clear.\nQ    Thanks.\nMS. JEAN-PIERRE: Sure.\n";
    let a = detect(text);
    assert_eq!(a.turns[1].asker.as_deref(), Some("Peter Doocy"));
    assert_eq!(a.turns[1].asker_affiliation.as_deref(), Some("Fox"));
}

#[test]
fn answers_belong_to_the_interviewee_named_in_the_header() {
    let text = "Interview with Secretary Rupert J. Whitcombe by Jane Roe of Radio Free Europe\n\nQ: Thank you for joining us.\nA: Glad to be here.\nQ: What next?\nA: More work.\n";
    let got: Vec<String> = detect(text)
        .turns
        .into_iter()
        .map(|t| t.speaker.to_string())
        .collect();
    assert_eq!(
        got,
        [
            "Question",
            "Rupert Whitcombe",
            "Question",
            "Rupert Whitcombe"
        ]
    );
}

#[test]
fn byte_order_marks_crlf_and_no_break_spaces() {
    let text = "\u{feff}MODERATOR:\u{a0}Welcome.\r\nSECRETARY WHITCOMBE:\u{a0}Thanks.\r\nMODERATOR: Bye.\r\n";
    let a = detect(text);
    let got: Vec<(usize, &str)> = a.turns.iter().map(|t| (t.line, &*t.label)).collect();
    assert_eq!(
        got,
        [
            (0, "MODERATOR"),
            (1, "SECRETARY WHITCOMBE"),
            (2, "MODERATOR")
        ]
    );
    assert_eq!(
        &text[a.turns[1].body_start..a.turns[1].range.end],
        "Thanks."
    );
}

#[test]
fn two_formal_statements_make_a_transcript_but_one_does_not() {
    let pair = "Joint Press Statements\n\nSECRETARY WHITCOMBE: Good afternoon.\nWe met today.\n\nFOREIGN MINISTER RAU: (Through interpreter) Thank you.\n";
    let got: Vec<(usize, bool)> = detect(pair)
        .turns
        .iter()
        .map(|t| (t.line, t.interpreted))
        .collect();
    assert_eq!(got, [(2, false), (5, true)]);
    let single = "Remarks\n\nSECRETARY WHITCOMBE: Good afternoon.\nWe met today.\n";
    assert!(!detect(single).is_transcript);
    let quotes = "Smith: \"We will win.\"\nJones: \"No.\"\n";
    assert!(!detect(quotes).is_transcript);
}

#[test]
fn offices_resolve_to_names_before_or_after_them_in_the_header() {
    let text = "Noon briefing by Stéphane Dujarric, Spokesman for the Secretary-General.\n\n\
Question: Steph, on Ukraine?\n\
Spokesman: Edie, as you know, he is engaged.\n\
Question: And Gaza?\n\
Spokesman: We have said it.\n";
    let got = rows(text);
    assert_eq!(got[1].2, "Stéphane Dujarric");
    assert_eq!(got[0].3.as_deref(), Some("Edie"));
    let kremlin = "President of Russia Vladimir Putin: Good afternoon.\nAnton Siluanov: Mr President.\nVladimir Putin: Thank you.\nElvira Nabiullina: Inflation is slowing.\nVladimir Putin: Good.\n";
    let names: Vec<String> = detect(kremlin)
        .turns
        .into_iter()
        .map(|t| t.speaker.to_string())
        .collect();
    assert_eq!(
        names,
        [
            "Vladimir Putin",
            "Anton Siluanov",
            "Vladimir Putin",
            "Elvira Nabiullina",
            "Vladimir Putin"
        ]
    );
}

#[test]
fn office_holders_keep_full_names_from_the_header() {
    let text = "Remarks by Secretary Rupert J. Whitcombe and Hon. Sherrod Brown, Chairman of the Committee\n\n\
THE SECRETARY: Thank you.\n\
THE CHAIRMAN: Welcome.\n\
THE SECRETARY: Glad to be here.\n";
    let names: Vec<String> = detect(text)
        .turns
        .into_iter()
        .map(|t| t.speaker.to_string())
        .collect();
    assert_eq!(
        names,
        ["Rupert Whitcombe", "Sherrod Brown", "Rupert Whitcombe"]
    );
}

#[test]
fn announced_follow_ups_keep_the_asker() {
    let text = "MS. JEAN-PIERRE: Go ahead, Darlene.\nQ    Thank you. On the budget?\nMS. JEAN-PIERRE: It is clear.\nQ    And a follow-up on that?\nMS. JEAN-PIERRE: Sure.\nQ    Different topic.\nMS. JEAN-PIERRE: Okay.\n";
    let askers: Vec<Option<String>> = detect(text)
        .turns
        .into_iter()
        .filter(|t| t.is_question())
        .map(|t| t.asker.map(|a| a.to_string()))
        .collect();
    assert_eq!(
        askers,
        [
            Some("Darlene".to_string()),
            Some("Darlene".to_string()),
            None
        ]
    );
}

#[test]
fn badges_on_the_line_below_a_bare_label() {
    let text = "MODERATOR:\n(Via interpreter) We begin.\n\nSECRETARY WHITCOMBE:\nThank you.\n\nMODERATOR:\n(Via interpreter) Next.\n";
    let a = detect(text);
    let got: Vec<(usize, bool)> = a.turns.iter().map(|t| (t.line, t.interpreted)).collect();
    assert_eq!(got, [(0, true), (3, false), (6, true)]);
    assert_eq!(
        &text[a.turns[0].body_start..a.turns[0].range.end],
        "We begin."
    );
}

#[test]
fn speaker_of_the_house_is_a_title() {
    let text = "Nancy Pelosi, Speaker of the House\n\nSPEAKER PELOSI: Good morning.\nQ: Madam Speaker, on the vote?\nSPEAKER PELOSI: We have the votes.\nMr Speaker: Order.\n";
    let names: Vec<String> = detect(text)
        .turns
        .into_iter()
        .map(|t| t.speaker.to_string())
        .collect();
    assert_eq!(
        names,
        ["Nancy Pelosi", "Question", "Nancy Pelosi", "Speaker"]
    );
}

/// Lines mixing every convention with noise, for the property test.
fn arbitrary_transcript() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let line = prop_oneof![
        Just("SECRETARY WHITCOMBE: (Via interpreter) Thank you.".to_string()),
        Just("QUESTION: My name is Ána Öz from Ràdio. Why?".to_string()),
        Just("Q    Go ahead, Zoë.".to_string()),
        Just("[00:01:23] Jane Doe: (Laughter.)".to_string()),
        Just("Jane Doe  00:12".to_string()),
        Just("<v Jane Doe>Hello".to_string()),
        Just("Chairman SMITH. Order.".to_string()),
        Just("The Prime Minister (Rishi Sunak): No.".to_string()),
        Just("00:00:01,000 --> 00:00:04,000".to_string()),
        "[ -~À-ÿ‘’“”—\u{a0}\u{feff}(]{0,40}",
    ];
    proptest::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
}

proptest::proptest! {
    #[test]
    fn ranges_are_well_formed_on_any_text(text in arbitrary_transcript()) {
        let a = detect(&text);
        let mut last_end = a.header.end;
        for t in &a.turns {
            for r in [&t.range, &t.label_range] {
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
            proptest::prop_assert!(t.range.start >= last_end);
            proptest::prop_assert!(t.label_range.start == t.range.start && t.label_range.end <= t.range.end);
            proptest::prop_assert!(t.body_start >= t.label_range.end && t.body_start <= t.range.end);
            proptest::prop_assert!(text.is_char_boundary(t.body_start));
            proptest::prop_assert!(t.stage_directions.iter().all(|d| d.start >= t.body_start && d.end <= t.range.end));
            last_end = t.range.end;
        }
        let json = report_json(&[("p", &text)]);
        proptest::prop_assert_eq!(json[0]["turns"].as_array().map(Vec::len), Some(a.turns.len()));
    }
}

#[test]
fn bare_timestamp_lines_do_not_extend_turns() {
    let text = "HOST: Welcome.\n[06:00:00]\nGUEST: Thanks.\n(06:01:00)\nHOST: Bye.\n";
    let a = detect(text);
    assert_eq!(a.turns.len(), 3);
    assert_eq!(&text[a.turns[0].range.clone()], "HOST: Welcome.");
    assert_eq!(&text[a.turns[1].range.clone()], "GUEST: Thanks.");
}

#[test]
fn keys_identifiers_and_sentence_tails_are_not_labels() {
    for label in [
        "Bug #10292",
        "CVE-2024-1234",
        "CONFIG_BPF",
        "AuthorDate",
        "Entry-points",
        "Gomes. Closes",
        "Python3",
        "A1",
    ] {
        assert!(labels::label_kind(label).is_none(), "{label}");
    }
    for label in [
        "Speaker 1",
        "SPEAKER_01",
        "Kevin McCarthy",
        "Ron DeSantis",
        "MS. JEAN-PIERRE",
        "Mr. Smith",
        "J. Doe",
    ] {
        assert!(labels::label_kind(label).is_some(), "{label}");
    }
}

#[test]
fn change_logs_and_commit_logs_are_not_transcripts() {
    let debian = "quill (1.2-1) unstable; urgency=medium\n\n  * New release.\n\n -- Ann Lee <ann@example.org>  Mon, 03 Mar 2025 10:00:00 +0100\n\nquill (1.1-1) unstable; urgency=low\n\nCloses: the crash on empty files, reported by Bo.\nFixed: the crash on empty files, again today.\nCloses: the leak in the parser, reported twice.\nFixed: the leak in the parser, for good now.\n\n -- Ann Lee <ann@example.org>  Fri, 10 Jan 2025 18:00:00 +0100\n";
    assert!(!detect(debian).is_transcript);
    let git = "commit 3f2a9c1d0e\nAuthor: Ann Lee <ann@example.org>\nDate:   Mon Mar 3 10:00:00 2025\n\n    Reviewer: Looks good to me, merge it.\n    Ann Lee: Thanks, merging now.\n\ncommit 9a8b7c6d5e\nAuthor: Bo Ek <bo@example.org>\nDate:   Sun Mar 2 09:00:00 2025\n\n    Reviewer: Please add a test first.\n    Ann Lee: Done, see the new file.\n";
    assert!(!detect(git).is_transcript);
}

#[test]
fn wrapped_capitals_and_section_headings_are_not_turns() {
    let licence = "THIS SOFTWARE IS PROVIDED AS IS AND ANY EXPRESS OR IMPLIED WARRANTIES OF FITNESS FOR A\nPARTICULAR PURPOSE. IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR\nSUCH DAMAGE. THE SOFTWARE IS GIVEN WITHOUT SUPPORT AND THE AUTHORS\nSUCH DAMAGE. DO NOT GIVE ANY FURTHER PROMISE TO ANYONE, NOR TO\nPARTICULAR PURPOSE. END.\n";
    assert!(!detect(licence).is_transcript);
    let headings = "PREAMBLE\nThe goals of this licence are to let fonts be shared freely.\n.\nIt applies to every file in the package.\n\nDEFINITIONS\nThe Font Software is the set of files released under this licence.\n.\nA Modified Version is any derivative made by changing the files.\n\nPREAMBLE\nThis licence allows the fonts to be used and studied freely.\n.\nThe requirement applies to the fonts only.\n\nDEFINITIONS\nThe Reserved Font Name is any name given after the copyright line.\n.\nThe Original Version is the collection as distributed.\n";
    assert!(!detect(headings).is_transcript);
}

#[test]
fn headings_over_lists_are_not_speakers() {
    let todo = "Sorting:\n  -> add lang and case-order\n  -> add foreign sorting functions.\n\nDesign:\n  - should transforms be thread clean.\n\nSorting:\n  -> add support for nested sorts.\n\nDesign:\n  - check the rule for attributes.\n";
    assert!(!detect(todo).is_transcript);
}

#[test]
fn named_askers_are_speakers_of_their_own_and_unnamed_ones_stay_question() {
    let text = "Press Briefing by Press Secretary Dana Whitfield\n\
MS. WHITFIELD: Good afternoon. Let's go to questions.\n\
QUESTION: Thank you. Priya Raman from The Morning Ledger. On trade?\n\
MS. WHITFIELD: We are working on it.\n\
QUESTION: And on energy?\n\
MS. WHITFIELD: Same answer.\n\
QUESTION: Hi, Tomas Berg with the Daily Courier. A follow-up on energy.\n\
MS. WHITFIELD: Thanks, Tomas. No news today.\n";
    let a = detect(text);
    let who: Vec<(&str, bool, &str)> = a
        .turns
        .iter()
        .map(|t| (&*t.speaker, t.is_question(), t.json_speaker()))
        .collect();
    assert_eq!(who[1], ("Priya Raman", true, "Question"));
    assert_eq!(who[5], ("Tomas Berg", true, "Question"));
    let names: Vec<String> = stats(&a, text).into_iter().map(|s| s.speaker).collect();
    assert!(names.contains(&"Priya Raman".to_string()), "{names:?}");
    assert!(names.contains(&"Tomas Berg".to_string()), "{names:?}");
    let json = doc_json("b.txt", text, &a);
    assert_eq!(json["turns"][1]["speaker"], "Question");
    assert_eq!(json["turns"][1]["asker"], "Priya Raman");
}

#[test]
fn turns_of_one_speaker_share_one_copy_of_the_name_and_label() {
    let text = "MODERATOR: Welcome.\n\nSECRETARY BLINKEN: Thank you.\n\nMODERATOR: First question.\n\nSECRETARY BLINKEN: Yes.\n\nMODERATOR: Thanks.\n";
    let a = detect(text);
    assert_eq!(a.turns.len(), 5);
    for (x, y) in [(0, 2), (2, 4), (1, 3)] {
        let (x, y) = (&a.turns[x], &a.turns[y]);
        assert_eq!(x.speaker, y.speaker);
        assert!(Name::ptr_eq(&x.speaker, &y.speaker), "{}", x.speaker);
        assert!(Name::ptr_eq(&x.label, &y.label), "{}", x.label);
    }
    // Captions: the same, name by name.
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna Kowalska>Hello.\n\n00:00:02.000 --> 00:00:03.000\n<v Ben Ode>Hi.\n\n00:00:03.000 --> 00:00:04.000\n<v Anna Kowalska>Bye.\n";
    let a = detect(vtt);
    assert_eq!(a.turns.len(), 3, "{:?}", a.turns);
    assert!(Name::ptr_eq(&a.turns[0].speaker, &a.turns[2].speaker));
    assert!(Name::ptr_eq(&a.turns[0].label, &a.turns[2].label));
}

#[test]
fn a_turn_takes_at_most_120_bytes() {
    // A large transcript has a turn every kilobyte; names are shared
    // pointers and the rare parts (asker, time, stage directions) take no
    // more than a pointer or two when absent.
    assert!(
        std::mem::size_of::<Turn>() <= 120,
        "{}",
        std::mem::size_of::<Turn>()
    );
}

//! Interned words: every normalised transcript word gets a number once, so
//! that the aligner compares numbers, not strings, and tests spelling
//! variants only between words that could be one.

use foldhash::{HashMap, HashMapExt};

/// What the aligner needs of one word: its number in the [`Vocab`] (or
/// [`Tok::NONE`] for a word no transcript holds) and what the spelling
/// variant test looks at before it counts edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub id: u32,
    pub first: char,
    pub chars: u32,
    pub bytes: u32,
    /// The letters the word holds, one bit each ([`letter_bits`]).
    pub letters: u64,
}

impl Tok {
    /// The id of a word that is in no transcript.
    pub const NONE: u32 = u32::MAX;

    pub fn new(id: u32, norm: &str) -> Tok {
        Tok {
            id,
            first: norm.chars().next().unwrap_or('\0'),
            chars: norm.chars().count() as u32,
            bytes: norm.len() as u32,
            letters: letter_bits(norm),
        }
    }
}

/// The set of a word's characters as bits: `a`–`z` and `0`–`9` each
/// their own, any other character one of the remaining 28 by its code.
/// One edit changes at most two bits (a substitution takes one character
/// away and brings one in), so two words whose sets differ in more than
/// `2k` bits are more than `k` edits apart, whatever characters share a
/// bit.
pub(crate) fn letter_bits(word: &str) -> u64 {
    word.chars().fold(0, |bits, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        bits | 1 << bit
    })
}

/// The normalised words of the transcripts, each with its number.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    ids: HashMap<String, u32>,
    norms: Vec<String>,
    toks: Vec<Tok>,
}

impl Vocab {
    pub fn new() -> Vocab {
        Vocab {
            ids: HashMap::new(),
            norms: Vec::new(),
            toks: Vec::new(),
        }
    }

    /// The number of `norm`, given it one if it is new.
    pub fn intern(&mut self, norm: String) -> u32 {
        if let Some(&id) = self.ids.get(&norm) {
            return id;
        }
        let id = self.norms.len() as u32;
        self.toks.push(Tok::new(id, &norm));
        self.ids.insert(norm.clone(), id);
        self.norms.push(norm);
        id
    }

    /// The number of `norm`, if a transcript holds it.
    pub fn get(&self, norm: &str) -> Option<u32> {
        self.ids.get(norm).copied()
    }

    /// A word as the aligner sees it, known or not.
    pub fn tok(&self, norm: &str) -> Tok {
        match self.get(norm) {
            Some(id) => self.toks[id as usize],
            None => Tok::new(Tok::NONE, norm),
        }
    }

    /// The word of a known id.
    pub fn norm(&self, id: u32) -> &str {
        &self.norms[id as usize]
    }

    /// The aligner's view of a known id.
    pub fn tok_of(&self, id: u32) -> Tok {
        self.toks[id as usize]
    }

    /// How many distinct words there are.
    pub fn len(&self) -> usize {
        self.norms.len()
    }
}

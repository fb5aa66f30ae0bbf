//! The analysis cache: each document's own analysis (structure, speaker
//! turns, entity mentions) kept on disk, keyed by a hash of its text and of
//! the program that analysed it, so a second open of an unchanged corpus
//! skips the work. A missing, corrupt, foreign or unwritable cache only
//! costs the analysis it would have saved: nothing here is ever an error
//! the user sees. The cache is bounded: the least recently used entries go
//! first.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::structure::Structure;
use super::{DocLinks, Links};
use crate::analysis::entities::DocEntities;
use crate::analysis::speakers::SpeakerAnalysis;

/// Marks a file as one of ours, in this layout.
const MAGIC: &str = "plenary-analysis-cache-3";

/// What the cache keeps of one document.
#[derive(Debug, Deserialize)]
pub struct Cached {
    pub structure: Structure,
    pub speakers: SpeakerAnalysis,
    /// Absent when the entities were not asked for.
    pub entities: Option<DocEntities>,
}

/// What an entry holds: one document's own analysis, or the corpus step
/// of a whole corpus: the byte length of each document's part, the parts
/// following the entry (so that they are read back on every core).
#[derive(Deserialize)]
enum Payload {
    Document(Box<Cached>),
    Corpus(Vec<u64>),
}

#[derive(Deserialize)]
struct Entry {
    magic: String,
    stamp: String,
    key: String,
    payload: Payload,
}

/// `Cached` by reference, for writing: serialises to the same bytes.
#[derive(Serialize)]
pub struct CachedRef<'a> {
    pub structure: &'a Structure,
    pub speakers: &'a SpeakerAnalysis,
    pub entities: Option<&'a DocEntities>,
}

impl Cached {
    pub fn as_ref(&self) -> CachedRef<'_> {
        CachedRef {
            structure: &self.structure,
            speakers: &self.speakers,
            entities: self.entities.as_ref(),
        }
    }
}

/// `Payload` by reference: the same variants in the same order.
#[derive(Serialize)]
enum PayloadRef<'a> {
    Document(CachedRef<'a>),
    Corpus(&'a [u64]),
}

/// `Entry` by reference.
#[derive(Serialize)]
struct EntryRef<'a> {
    magic: &'a str,
    stamp: &'a str,
    key: &'a str,
    payload: PayloadRef<'a>,
}

/// A cache directory.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
    /// Entries beyond this many bytes are pruned, oldest use first.
    pub max_bytes: u64,
}

impl Cache {
    /// The default bound on the cache's size.
    pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            max_bytes: Self::DEFAULT_MAX_BYTES,
        }
    }

    /// The platform's cache directory for plenary, if it has one.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "plenary").map(|d| d.cache_dir().to_path_buf())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of `text` analysed with or without entities.
    pub fn key(text: &str, entities: bool) -> String {
        let mut h = Sha256::new();
        h.update(stamp().as_bytes());
        h.update([u8::from(entities)]);
        h.update(text.as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.bin"))
    }

    /// The cached analysis of `key`, if there is a sound one.
    pub fn get(&self, key: &str) -> Option<Cached> {
        match self.read(key)?.0 {
            Payload::Document(c) => Some(*c),
            Payload::Corpus(_) => None,
        }
    }

    /// Keeps one document's analysis under `key`. Written whole to a
    /// temporary file and renamed, so a reader never sees half an entry;
    /// failures (a read-only directory, a full disk) are ignored.
    pub fn put(&self, key: &str, cached: CachedRef) {
        self.write(key, PayloadRef::Document(cached));
    }

    /// The key of a corpus: its documents' texts in order, and how much of
    /// the corpus step was run.
    pub fn corpus_key<'a>(texts: impl Iterator<Item = &'a str>, links: Links) -> String {
        use rayon::prelude::*;
        // Each text hashed on its own, on every core; the key hashes those.
        let texts: Vec<&str> = texts.collect();
        let digests: Vec<_> = texts
            .par_iter()
            .map(|t| {
                let mut h = Sha256::new();
                h.update((t.len() as u64).to_le_bytes());
                h.update(t.as_bytes());
                h.finalize()
            })
            .collect();
        let mut h = Sha256::new();
        h.update(stamp().as_bytes());
        h.update(format!("{links:?}").as_bytes());
        for d in digests {
            h.update(d);
        }
        hex(&h.finalize())
    }

    /// The corpus step's results for the corpus of `key`.
    pub fn get_links(&self, key: &str) -> Option<Vec<DocLinks>> {
        use rayon::prelude::*;
        let (Payload::Corpus(lens), bytes, at) = self.read(key)? else {
            return None;
        };
        // Each document's part is read back on its own, on every core.
        let mut parts = Vec::with_capacity(lens.len());
        let mut rest = bytes.get(at..)?;
        for len in lens {
            let (part, tail) = rest.split_at_checked(usize::try_from(len).ok()?)?;
            parts.push(part);
            rest = tail;
        }
        if !rest.is_empty() {
            return None;
        }
        parts
            .into_par_iter()
            .map(|part| postcard::from_bytes(part).ok())
            .collect()
    }

    /// Keeps the corpus step's results under `key`.
    pub fn put_links(&self, key: &str, links: &[DocLinks]) {
        use rayon::prelude::*;
        let Ok(parts) = links
            .par_iter()
            .map(postcard::to_stdvec)
            .collect::<Result<Vec<Vec<u8>>, _>>()
        else {
            return;
        };
        let lens: Vec<u64> = parts.iter().map(|p| p.len() as u64).collect();
        let Some(mut bytes) = Self::entry_bytes(key, PayloadRef::Corpus(&lens)) else {
            return;
        };
        for p in parts {
            bytes.extend_from_slice(&p);
        }
        self.write_bytes(key, &bytes);
    }

    /// The entry of `key` if it is a sound one of ours, with the bytes of
    /// its file and where what follows the entry starts in them.
    fn read(&self, key: &str) -> Option<(Payload, Vec<u8>, usize)> {
        let path = self.path(key);
        let bytes = fs::read(&path).ok()?;
        let (entry, rest): (Entry, &[u8]) = postcard::take_from_bytes(&bytes).ok()?;
        if entry.magic != MAGIC || entry.stamp != stamp() || entry.key != key {
            return None;
        }
        let at = bytes.len() - rest.len();
        // Used now: the last to be pruned.
        if let Ok(f) = fs::File::options().append(true).open(&path) {
            let _ = f.set_modified(SystemTime::now());
        }
        Some((entry.payload, bytes, at))
    }

    fn entry_bytes(key: &str, payload: PayloadRef) -> Option<Vec<u8>> {
        let entry = EntryRef {
            magic: MAGIC,
            stamp: stamp(),
            key,
            payload,
        };
        postcard::to_stdvec(&entry).ok()
    }

    /// Writes an entry from borrows: the analysis goes on to the reader.
    fn write(&self, key: &str, payload: PayloadRef) {
        if let Some(bytes) = Self::entry_bytes(key, payload) {
            self.write_bytes(key, &bytes);
        }
    }

    fn write_bytes(&self, key: &str, bytes: &[u8]) {
        let path = self.path(key);
        let Some(parent) = path.parent() else { return };
        if fs::create_dir_all(parent).is_err() {
            return;
        }
        let tmp = parent.join(format!(
            ".{key}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        ));
        if fs::write(&tmp, bytes).is_ok() && fs::rename(&tmp, &path).is_ok() {
            return;
        }
        let _ = fs::remove_file(&tmp);
    }

    /// Removes the least recently used entries until the cache holds at
    /// most `max_bytes`.
    pub fn prune(&self) {
        let mut entries = self.entries();
        let mut total: u64 = entries.iter().map(|e| e.1).sum();
        if total <= self.max_bytes {
            return;
        }
        entries.sort_by_key(|e| e.2);
        for (path, len, _) in entries {
            if total <= self.max_bytes {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }

    /// Empties the cache: (entries removed, bytes freed).
    pub fn clear(&self) -> io::Result<(usize, u64)> {
        if !self.dir.exists() {
            return Ok((0, 0));
        }
        let entries = self.entries();
        let (mut n, mut bytes) = (0, 0);
        for (path, len, _) in entries {
            fs::remove_file(&path)?;
            n += 1;
            bytes += len;
        }
        Ok((n, bytes))
    }

    /// Every entry file: path, size, last use.
    fn entries(&self) -> Vec<(PathBuf, u64, SystemTime)> {
        let mut out = Vec::new();
        let Ok(shards) = fs::read_dir(&self.dir) else {
            return out;
        };
        for shard in shards.flatten() {
            let Ok(files) = fs::read_dir(shard.path()) else {
                continue;
            };
            for f in files.flatten() {
                let path = f.path();
                if path.extension().is_none_or(|e| e != "bin") {
                    continue;
                }
                if let Ok(m) = f.metadata() {
                    out.push((
                        path,
                        m.len(),
                        m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    ));
                }
            }
        }
        out
    }
}

/// A document's entity mentions as the cache keeps them: each canonical
/// name once, each mention as its range, type and the number of its name;
/// read back, the mentions of one name share one allocation of it.
pub(super) mod shared_names {

    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    use crate::analysis::entities::{EntityKind, Mention};

    type Item = (usize, usize, EntityKind, u32);

    pub fn serialize<S: Serializer>(mentions: &[Mention], s: S) -> Result<S::Ok, S::Error> {
        let mut names: Vec<&str> = Vec::new();
        let mut number: foldhash::HashMap<&str, u32> = Default::default();
        let items: Vec<Item> = mentions
            .iter()
            .map(|m| {
                let n = *number.entry(&m.canonical).or_insert_with(|| {
                    names.push(&m.canonical);
                    names.len() as u32 - 1
                });
                (m.range.start, m.range.end, m.kind, n)
            })
            .collect();
        (names, items).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Mention>, D::Error> {
        let (names, items): (Vec<String>, Vec<Item>) = Deserialize::deserialize(d)?;
        let names: Vec<crate::name::Name> =
            names.into_iter().map(crate::name::Name::from).collect();
        items
            .into_iter()
            .map(|(start, end, kind, n)| {
                let name = names
                    .get(n as usize)
                    .ok_or_else(|| D::Error::custom("a mention of no name"))?;
                Ok(Mention {
                    range: start..end,
                    kind,
                    canonical: name.clone(),
                })
            })
            .collect()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Which program analysed: its version and its executable's size and
/// time, so a rebuilt analyser never reads an older one's results.
fn stamp() -> &'static str {
    static STAMP: OnceLock<String> = OnceLock::new();
    STAMP.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| {
                let t = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}-{t}", m.len())
            })
            .unwrap_or_default();
        format!("{}-{exe}", env!("CARGO_PKG_VERSION"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Cached {
        let text = "MINISTER DOE: We met.\n\nQUESTION: When?\n\nMINISTER DOE: Today.\n";
        Cached {
            structure: crate::corpus::structure::detect(text),
            speakers: crate::analysis::speakers::detect(text),
            entities: Some(crate::analysis::entities::analyse_document(text)),
        }
    }

    #[test]
    fn an_entry_comes_back_as_it_went_in() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().into());
        let key = Cache::key("text", true);
        assert!(cache.get(&key).is_none());
        let s = sample();
        let turns = s.speakers.turns.clone();
        cache.put(&key, s.as_ref());
        let back = cache.get(&key).expect("cached");
        assert_eq!(back.speakers.turns, turns);
        assert_ne!(
            key,
            Cache::key("text", false),
            "entities are part of the key"
        );
    }

    #[test]
    fn a_corpus_step_comes_back_and_is_told_apart_from_a_document() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().into());
        let texts = ["one text", "another"];
        let key = Cache::corpus_key(texts.iter().copied(), Links::All);
        assert_ne!(
            key,
            Cache::corpus_key(texts.iter().copied(), Links::Speakers),
            "how much was linked is part of the key"
        );
        assert_ne!(
            key,
            Cache::corpus_key(["one tex", "tanother"].into_iter(), Links::All)
        );
        let corpus = crate::corpus::Corpus::new(
            vec![crate::corpus::Document::new(
                "t.txt",
                "MINISTER DOE: We met in Paris.\n\nQUESTION: When?\n\nMINISTER DOE: Today.\n",
            )],
            vec![],
        );
        let links = crate::corpus::link(corpus.link_inputs(None), Links::All);
        cache.put_links(&key, &links);
        let back = cache.get_links(&key).expect("cached");
        assert_eq!(back[0].speaker_stats, links[0].speaker_stats);
        assert_eq!(back[0].entities, links[0].entities);
        // Mentions of one name share one allocation of it, as linked.
        let doe: Vec<_> = back[0]
            .entities
            .iter()
            .filter(|m| &*m.canonical == "Doe")
            .collect();
        assert!(doe.len() >= 2, "{:?}", back[0].entities);
        assert!(
            doe.iter()
                .all(|m| crate::name::Name::ptr_eq(&m.canonical, &doe[0].canonical))
        );
        assert!(
            cache.get(&key).is_none(),
            "a corpus entry is not a document's"
        );
        // Cut short, or with a document's part spoilt, it is ignored.
        let path = cache.path(&key);
        let whole = fs::read(&path).unwrap();
        fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert!(cache.get_links(&key).is_none(), "cut short");
        let mut spoilt = whole.clone();
        let last = spoilt.len() - 1;
        spoilt[last - 10..].fill(0xff);
        fs::write(&path, &spoilt).unwrap();
        assert!(cache.get_links(&key).is_none(), "spoilt");
        fs::write(&path, &whole).unwrap();
        assert!(cache.get_links(&key).is_some());
    }

    #[test]
    fn corrupt_and_foreign_entries_are_ignored_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().into());
        let key = Cache::key("some text", true);
        let path = cache.path(&key);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, b"\xff\x00 not an entry").unwrap();
        assert!(cache.get(&key).is_none());
        // Another key's entry under this name is foreign.
        let other = Cache::key("other text", true);
        cache.put(&other, sample().as_ref());
        fs::copy(cache.path(&other), &path).unwrap();
        assert!(cache.get(&key).is_none());
        cache.put(&key, sample().as_ref());
        assert!(cache.get(&key).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_cache_is_only_slower() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
        let cache = Cache::new(dir.path().join("sub"));
        let key = Cache::key("text", true);
        cache.put(&key, sample().as_ref());
        // Root ignores permissions; either way nothing fails.
        let _ = cache.get(&key);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    }

    #[test]
    fn pruning_keeps_the_cache_within_its_bound_dropping_the_oldest() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = Cache::new(dir.path().into());
        let keys: Vec<String> = (0..6).map(|i| Cache::key(&format!("t{i}"), true)).collect();
        for k in &keys {
            cache.put(k, sample().as_ref());
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        let one = fs::metadata(cache.path(&keys[0])).unwrap().len();
        cache.max_bytes = one * 3;
        cache.prune();
        let left: Vec<bool> = keys.iter().map(|k| cache.path(k).exists()).collect();
        assert_eq!(left, [false, false, false, true, true, true]);
        assert_eq!(cache.clear().unwrap().0, 3);
        assert!(keys.iter().all(|k| !cache.path(k).exists()));
    }

    #[test]
    fn concurrent_writers_of_one_entry_leave_a_sound_one() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().into());
        let key = Cache::key("shared", true);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..20 {
                        cache.put(&key, sample().as_ref());
                        if let Some(c) = cache.get(&key) {
                            assert!(!c.speakers.turns.is_empty());
                        }
                    }
                });
            }
        });
        assert!(cache.get(&key).is_some());
    }
}

//! Loading off the UI thread. One thread walks the paths in order and
//! reads each file, so documents join the list as they are found (the head
//! of a large file first, then the rest); worker threads, one per core,
//! analyse each document on its own, the one on screen first; when every
//! document is analysed, one last step links them (names, entities,
//! quotations). Everything arrives as [`LoadEvent`]s on one channel, in an
//! order the receiver can rely on: a document is `Found` before it is
//! `Whole` or `Analysed`, and `Linked` and `Finished` come last.
//!
//! The command line uses the same machinery and waits for `Finished`.

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};

use super::cache::{Cache, CachedRef};
use super::decode::{Decoded, decode, sniff};
use super::doc_text::{DocText, MAP_BYTES, MappedFile};
use super::document::{DocAnalysis, Document, Stage};
use super::gzip;
use super::structure::Structure;
use super::{DocLinks, LinkInput, Links, link};
use crate::analysis::entities::{DocEntities, analyse_document_with};

/// Files larger than this show their head at once, the rest when read.
const HEAD_BYTES: usize = 256 * 1024;

/// A mapped file's whole text is checked and split into lines in pieces
/// of this size, in parallel (small in tests, so that they cut pieces).
const WHOLE_PIECE: usize = if cfg!(test) {
    64 * 1024
} else {
    8 * 1024 * 1024
};

/// What to open.
#[derive(Clone, Debug)]
pub enum Source {
    /// The sample corpus compiled into the binary.
    Bundled,
    /// Files and folders (folders recursively, sorted by name, hidden
    /// entries skipped).
    Paths(Vec<PathBuf>),
}

/// How much analysis to run: a command does only what it prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Work {
    /// Each document's own entity mentions.
    pub entities: bool,
    /// The corpus-wide step.
    pub links: Links,
}

impl Work {
    /// Everything the reader shows.
    pub const ALL: Work = Work {
        entities: true,
        links: Links::All,
    };
    /// The document table: titles, kinds, dates, sources.
    pub const LIST: Work = Work {
        entities: false,
        links: Links::None,
    };
    /// Entity mentions grouped across documents (and speakers).
    pub const ENTITIES: Work = Work {
        entities: true,
        links: Links::Entities,
    };
    /// Speaker turns with names agreed across documents.
    pub const SPEAKERS: Work = Work {
        entities: false,
        links: Links::Speakers,
    };
}

/// What the background reports, in order.
#[derive(Debug)]
pub enum LoadEvent {
    /// A document was found and read (or, for a large file, its head): it
    /// joins the list at the end; its id is its place in the list.
    Found(Box<Document>),
    /// The whole text of a document whose head came first, with its lines.
    Whole {
        id: usize,
        text: DocText,
        lines: Box<Structure>,
    },
    /// How far the analysis of a large document has got: `done` of
    /// `total` units of work (bytes of text times the passes over it).
    /// Sent while it runs, before its `Analysed`.
    Progress { id: usize, done: u64, total: u64 },
    /// A document's own analysis.
    Analysed {
        id: usize,
        analysis: Box<DocAnalysis>,
    },
    /// A file or folder that could not be opened, in words for the user.
    Notice(String),
    /// Every path is walked: no more documents will be found.
    WalkDone,
    /// The corpus-wide step, one entry per document in list order.
    Linked(Vec<DocLinks>),
    /// Nothing more will come.
    Finished,
}

/// The handle on the background work: its events, and a way to say which
/// document the user is looking at.
pub struct Loader {
    pub events: Receiver<LoadEvent>,
    shared: Arc<Shared>,
}

impl Loader {
    /// Starts walking, reading and analysing on background threads.
    pub fn start(source: Source, work: Work, cache: Option<Cache>) -> Loader {
        Loader::start_with(source, work, cache, MAP_BYTES)
    }

    /// As [`Loader::start`], mapping files of at least `map_bytes` bytes
    /// instead of reading them (tests lower it).
    pub fn start_with(source: Source, work: Work, cache: Option<Cache>, map_bytes: u64) -> Loader {
        let (tx, events) = channel();
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
            priority: AtomicUsize::new(usize::MAX),
        });
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        for _ in 0..workers {
            let (shared, tx, cache) = (Arc::clone(&shared), tx.clone(), cache.clone());
            let spawned = std::thread::Builder::new()
                .name("plenary-analyse".into())
                .spawn(move || analyse_loop(&shared, &tx, work, cache.as_ref()));
            if spawned.is_err() {
                break;
            }
        }
        let walker = Arc::clone(&shared);
        let walk = move || {
            let mut w = Walker {
                shared: &walker,
                tx: &tx,
                seen: HashSet::new(),
                found: 0,
                map_bytes,
            };
            w.walk(source);
            walker
                .queue
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .walk_done = true;
            walker.wake.notify_all();
            let _ = tx.send(LoadEvent::WalkDone);
        };
        if let Err(e) = std::thread::Builder::new()
            .name("plenary-walk".into())
            .spawn(walk)
        {
            let (tx, rx) = channel();
            let _ = tx.send(LoadEvent::Notice(format!("cannot start loading: {e}")));
            let _ = tx.send(LoadEvent::Finished);
            return Loader { events: rx, shared };
        }
        Loader { events, shared }
    }

    /// Analyse document `id` next (the one on screen). Cheap to call every
    /// turn of the event loop: workers are woken only when it changes.
    pub fn prioritise(&self, id: usize) {
        if self.shared.priority.swap(id, Ordering::Relaxed) != id {
            self.shared.wake.notify_all();
        }
    }
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
    /// The document to analyse first when it is waiting.
    priority: AtomicUsize,
}

#[derive(Default)]
struct Queue {
    /// Per document id.
    jobs: Vec<Job>,
    /// Ids in the order they were found (some may be taken already).
    waiting: VecDeque<usize>,
    running: usize,
    walk_done: bool,
    linking: bool,
}

enum Job {
    /// Read, waiting for a worker.
    Waiting(DocText, String),
    /// Only its head is read so far.
    Partial,
    Running,
    /// Analysed: what the corpus step needs.
    Done(LinkInput),
}

impl Queue {
    /// The next job: the priority document when it waits, else the oldest.
    fn take(&mut self, priority: usize) -> Option<(usize, DocText, String)> {
        let id = if matches!(self.jobs.get(priority), Some(Job::Waiting(..))) {
            priority
        } else {
            loop {
                let id = self.waiting.pop_front()?;
                if matches!(self.jobs[id], Job::Waiting(..)) {
                    break id;
                }
            }
        };
        let Job::Waiting(text, path) = std::mem::replace(&mut self.jobs[id], Job::Running) else {
            return None;
        };
        self.running += 1;
        Some((id, text, path))
    }

    fn all_done(&self) -> bool {
        self.walk_done && self.running == 0 && self.waiting.is_empty()
    }
}

/// A worker: analyses documents until every one is done; the last one to
/// finish runs the corpus step.
fn analyse_loop(shared: &Shared, tx: &Sender<LoadEvent>, work: Work, cache: Option<&Cache>) {
    loop {
        let job = {
            let mut q = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(job) = q.take(shared.priority.load(Ordering::Relaxed)) {
                    break Some(job);
                }
                if q.all_done() {
                    if q.linking {
                        return;
                    }
                    q.linking = true;
                    break None;
                }
                q = shared.wake.wait(q).unwrap_or_else(|e| e.into_inner());
            }
        };
        let Some((id, text, path)) = job else {
            return finish(shared, tx, work, cache);
        };
        let progress = Progress::new(id, text.len(), work, tx);
        let (analysis, entities) = analyse(&path, &text, work, cache, &progress);
        if text.len() as u64 >= MAP_BYTES {
            // A large document's working memory is freed: give it back.
            super::release_free_memory();
        }
        let input = LinkInput {
            speakers: Arc::clone(&analysis.speakers),
            text,
            entities,
        };
        let sent = tx.send(LoadEvent::Analysed {
            id,
            analysis: Box::new(analysis),
        });
        let mut q = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        q.jobs[id] = Job::Done(input);
        q.running -= 1;
        drop(q);
        shared.wake.notify_all();
        if sent.is_err() {
            // Nobody listens any more.
            return;
        }
    }
}

/// The corpus step, once every document is analysed.
fn finish(shared: &Shared, tx: &Sender<LoadEvent>, work: Work, cache: Option<&Cache>) {
    shared.wake.notify_all();
    if work.links != Links::None {
        let jobs = std::mem::take(&mut shared.queue.lock().unwrap_or_else(|e| e.into_inner()).jobs);
        let inputs: Vec<LinkInput> = jobs
            .into_iter()
            .map(|j| match j {
                Job::Done(input) => input,
                // Cannot happen once all are done; an empty document links to nothing.
                _ => LinkInput {
                    text: DocText::default(),
                    speakers: Arc::default(),
                    entities: Some(DocEntities::default()),
                },
            })
            .collect();
        // An unchanged corpus links as it did last time.
        let key = cache.map(|_| Cache::corpus_key(inputs.iter().map(|i| &*i.text), work.links));
        let cached = cache.zip(key.as_ref()).and_then(|(c, k)| c.get_links(k));
        let links = match cached {
            Some(l) if l.len() == inputs.len() => l,
            _ => {
                let l = link(inputs, work.links);
                if let (Some(c), Some(k)) = (cache, &key) {
                    c.put_links(k, &l);
                }
                l
            }
        };
        let _ = tx.send(LoadEvent::Linked(links));
        super::release_free_memory();
    }
    let _ = tx.send(LoadEvent::Finished);
    if let Some(c) = cache {
        c.prune();
    }
}

/// Documents at least this large report how far their analysis has got.
const PROGRESS_BYTES: usize = if cfg!(test) { 1024 } else { 1024 * 1024 };

/// The progress of one document's analysis, sent as [`LoadEvent::Progress`]
/// from whichever thread moves it on.
pub(super) struct Progress<'a> {
    id: usize,
    done: AtomicU64,
    total: u64,
    tx: Option<&'a Sender<LoadEvent>>,
}

impl<'a> Progress<'a> {
    /// For a document of `len` bytes: one pass for structure and turns,
    /// one for entities when they are wanted. Silent for small documents.
    fn new(id: usize, len: usize, work: Work, tx: &'a Sender<LoadEvent>) -> Self {
        Progress {
            id,
            done: AtomicU64::new(0),
            total: len as u64 * (1 + u64::from(work.entities)),
            tx: (len >= PROGRESS_BYTES).then_some(tx),
        }
    }

    /// Reports nothing.
    pub(super) fn silent() -> Self {
        Progress {
            id: 0,
            done: AtomicU64::new(0),
            total: 0,
            tx: None,
        }
    }

    /// `n` more units of work are done.
    fn add(&self, n: usize) {
        let Some(tx) = self.tx else { return };
        let done = self.done.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        let _ = tx.send(LoadEvent::Progress {
            id: self.id,
            done: done.min(self.total),
            total: self.total,
        });
    }
}

/// One document's own analysis, from the cache when it holds it.
pub(super) fn analyse(
    path: &str,
    text: &str,
    work: Work,
    cache: Option<&Cache>,
    progress: &Progress<'_>,
) -> (DocAnalysis, Option<DocEntities>) {
    let key = cache.map(|_| Cache::key(text, work.entities));
    if let (Some(c), Some(k)) = (cache, &key)
        && let Some(hit) = c.get(k)
        && (hit.entities.is_some() || !work.entities)
    {
        let a = DocAnalysis::from_parts(path, text, hit.structure, hit.speakers);
        return (a, hit.entities);
    }
    let analysis = DocAnalysis::run_with(path, text, &|n| progress.add(n));
    let entities = work
        .entities
        .then(|| analyse_document_with(text, &|n| progress.add(n)));
    if let (Some(c), Some(k)) = (cache, &key) {
        c.put(
            k,
            CachedRef {
                structure: &analysis.structure,
                speakers: &analysis.speakers,
                entities: entities.as_ref(),
            },
        );
    }
    (analysis, entities)
}

/// Walks the paths in order, reads each file and hands it to the workers.
struct Walker<'a> {
    shared: &'a Shared,
    tx: &'a Sender<LoadEvent>,
    /// Files already opened (by device and inode), so links and repeated
    /// paths open a file once.
    seen: HashSet<FileId>,
    found: usize,
    /// Files of at least this size are mapped, not read.
    map_bytes: u64,
}

impl Walker<'_> {
    fn notice(&self, path: &Path, what: impl std::fmt::Display) {
        let _ = self
            .tx
            .send(LoadEvent::Notice(format!("{}: {what}", path.display())));
    }

    fn walk(&mut self, source: Source) {
        match source {
            Source::Bundled => {
                for (path, text) in super::embedded::bundled_texts() {
                    self.add(Document::read(path, text));
                }
            }
            Source::Paths(paths) => {
                for path in paths {
                    self.visit(&path);
                }
            }
        }
    }

    /// A path the user named.
    fn visit(&mut self, path: &Path) {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return self.notice(path, "no such file or folder");
            }
            Err(e) => return self.notice(path, format_args!("cannot open ({e})")),
        };
        if meta.is_dir() {
            self.visit_dir(path);
        } else if meta.is_file() {
            self.visit_file(path, &meta);
        } else {
            self.notice(path, "not a regular file or folder, skipped");
        }
    }

    /// A folder, depth first in name order, without hidden entries. Links
    /// are followed; a link back to a folder above is skipped.
    fn visit_dir(&mut self, dir: &Path) {
        let walk = walkdir::WalkDir::new(dir)
            .follow_links(true)
            // By name: entries of one folder share its path up to their
            // names, so comparing the whole paths' bytes orders them as
            // their names would, without parsing a name out of each path
            // at every comparison (10,000 files: most of the wait for the
            // first document).
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_file() => match e.metadata() {
                    Ok(meta) => self.visit_file(e.path(), &meta),
                    Err(err) => self.notice(e.path(), format_args!("cannot open ({err})")),
                },
                // Folders are entered; sockets, FIFOs and devices are not documents.
                Ok(_) => {}
                Err(err) if err.loop_ancestor().is_some() => {}
                Err(err) => {
                    let path = err.path().unwrap_or(dir).to_path_buf();
                    match err.io_error() {
                        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                            self.notice(&path, "no such file or folder")
                        }
                        Some(io) => self.notice(&path, format_args!("cannot open ({io})")),
                        None => self.notice(&path, format_args!("cannot open ({err})")),
                    }
                }
            }
        }
    }

    fn visit_file(&mut self, path: &Path, meta: &fs::Metadata) {
        if !self.seen.insert(FileId::of(path, meta)) {
            return;
        }
        let shown = path.display().to_string();
        if gzip::named_gzip(path) {
            return match fs::File::open(path) {
                Ok(f) => self.visit_gzip(path, shown, std::io::BufReader::new(f)),
                Err(e) => self.notice(path, format_args!("cannot read ({e})")),
            };
        }
        if meta.len() >= self.map_bytes && self.visit_mapped(path, &shown) {
            return;
        }
        if meta.len() > 4 * HEAD_BYTES as u64 {
            return self.visit_large_file(path, shown);
        }
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) => return self.notice(path, format_args!("cannot read ({e})")),
        };
        if gzip::has_magic(&bytes) {
            return self.visit_gzip(path, shown, &bytes[..]);
        }
        if let Some(doc) = self.decoded(path, shown, decode(bytes)) {
            self.add(doc);
        }
    }

    /// A gzip-compressed file: its text, up to a limit (with a notice when
    /// there was more); a damaged one is a notice.
    fn visit_gzip(&mut self, path: &Path, shown: String, compressed: impl Read) {
        let out = match gzip::gunzip(compressed, gzip::LIMIT) {
            Ok(out) => out,
            Err(e) => return self.notice(path, gzip::describe_error(&e)),
        };
        let capped = out.capped;
        if let Some(mut doc) = self.decoded(path, shown, decode(out.bytes)) {
            if capped {
                let msg = format!(
                    "larger than {} MB uncompressed: only the beginning is shown",
                    gzip::LIMIT >> 20
                );
                self.notice(path, &msg);
                doc.notices.push(msg);
            }
            self.add(doc);
        }
    }

    /// Maps a large UTF-8 file instead of reading it: its first screen
    /// shows at once (the head is checked first), the rest once all of it
    /// is known to be UTF-8. False when the file is not mapped and is to be
    /// read instead: the system refused the map, or the file needs decoding
    /// (UTF-16, UTF-32, invalid UTF-8 in its head).
    fn visit_mapped(&mut self, path: &Path, shown: &str) -> bool {
        let Some(map) = fs::File::open(path).ok().and_then(|f| MappedFile::map(&f)) else {
            return false;
        };
        let bytes = map.bytes();
        if matches!(
            bytes,
            [0xff, 0xfe, ..] | [0xfe, 0xff, ..] | [0, 0, 0xfe, 0xff, ..]
        ) {
            return false;
        }
        let start = if bytes.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        let body = &bytes[start..];
        if let Some(skip) = sniff(body) {
            self.decoded(path, shown.to_string(), skip);
            return true;
        }
        if body.len() <= 4 * HEAD_BYTES {
            let Some(text) = map.text(start..bytes.len()) else {
                return false;
            };
            self.add(Document::read(shown, text));
            return true;
        }
        // Cut after the last complete line, so no character is split.
        let head_end = memchr::memrchr(b'\n', &body[..HEAD_BYTES]).map_or(HEAD_BYTES, |nl| nl + 1);
        let Some(head) = map.text(start..start + head_end) else {
            return false;
        };
        let mut doc = Document::read(shown, head.clone());
        doc.stage = Stage::Partial;
        let id = self.found;
        self.found += 1;
        let _ = self.tx.send(LoadEvent::Found(Box::new(doc)));
        self.job(Job::Partial);
        // Checked and split into lines in one parallel pass.
        let checked = map.text_by_pieces(start..bytes.len(), WHOLE_PIECE, |piece, off| {
            let mut lines = Structure::plain(piece).lines;
            for l in &mut lines {
                l.range = l.range.start + off..l.range.end + off;
            }
            lines
        });
        let (text, lines) = match checked {
            Some((text, pieces)) => {
                let lines = Structure {
                    lines: pieces.concat(),
                    ..Structure::default()
                };
                (text, lines)
            }
            None => {
                // Valid at the start only: the rest is read with replacement
                // characters (the head's positions stay valid).
                self.notice(path, "invalid UTF-8, shown with replacement characters");
                let text = DocText::from(String::from_utf8_lossy(body));
                let lines = Structure::plain(&text);
                (text, lines)
            }
        };
        let _ = self.tx.send(LoadEvent::Whole {
            id,
            lines: Box::new(lines),
            text: text.clone(),
        });
        self.enqueue(id, text, shown.to_string());
        true
    }

    /// Shows the head of a large file at once, then reads the rest.
    fn visit_large_file(&mut self, path: &Path, shown: String) {
        let mut head = Vec::with_capacity(HEAD_BYTES);
        let read =
            fs::File::open(path).and_then(|f| f.take(HEAD_BYTES as u64).read_to_end(&mut head));
        if let Err(e) = read {
            return self.notice(path, format_args!("cannot read ({e})"));
        }
        // A mark naming UTF-16 or UTF-32: no line can be cut from the raw
        // bytes, so the file is read whole.
        if head.starts_with(&[0xff, 0xfe])
            || head.starts_with(&[0xfe, 0xff])
            || head.starts_with(&[0, 0, 0xfe, 0xff])
        {
            return match fs::read(path) {
                Ok(bytes) => {
                    if let Some(doc) = self.decoded(path, shown, decode(bytes)) {
                        self.add(doc);
                    }
                }
                Err(e) => self.notice(path, format_args!("cannot read ({e})")),
            };
        }
        // Cut after the last complete line, so no character is split.
        if let Some(nl) = memchr::memrchr(b'\n', &head) {
            head.truncate(nl + 1);
        }
        let Some(mut doc) = self.decoded(path, shown.clone(), decode(head)) else {
            return;
        };
        doc.stage = Stage::Partial;
        let head_text = doc.text.clone();
        let id = self.found;
        self.found += 1;
        let _ = self.tx.send(LoadEvent::Found(Box::new(doc)));
        self.job(Job::Partial);
        let whole = match fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.notice(path, format_args!("cannot read the rest ({e})"));
                Vec::new()
            }
        };
        let text: DocText = match decode(whole) {
            Decoded::Text { text, lossy, .. } => {
                if lossy {
                    self.notice(path, "invalid UTF-8, shown with replacement characters");
                }
                text.into()
            }
            // Changed under us, or unreadable: the head is the document.
            _ => {
                self.notice(path, "only the beginning could be read");
                return self.enqueue(id, head_text, shown);
            }
        };
        let _ = self.tx.send(LoadEvent::Whole {
            id,
            lines: Box::new(Structure::plain(&text)),
            text: text.clone(),
        });
        self.enqueue(id, text, shown);
    }

    /// The document a file's bytes make, or a notice why there is none.
    fn decoded(&self, path: &Path, shown: String, d: Decoded) -> Option<Document> {
        match d {
            Decoded::Empty => {
                self.notice(path, "empty file, skipped");
                None
            }
            Decoded::Binary => {
                self.notice(path, "binary file, skipped");
                None
            }
            Decoded::Text {
                text,
                lossy,
                encoding,
            } => {
                let mut doc = Document::read(shown, text);
                doc.encoding = encoding;
                if lossy {
                    let msg = format!(
                        "invalid {}, shown with replacement characters",
                        encoding.unwrap_or("UTF-8")
                    );
                    self.notice(path, &msg);
                    doc.notices.push(msg);
                }
                Some(doc)
            }
        }
    }

    fn add(&mut self, doc: Document) {
        let (text, path) = (doc.text.clone(), doc.path.clone());
        let id = self.found;
        self.found += 1;
        // Found goes out before the job exists, so no event about the
        // document can overtake it.
        let _ = self.tx.send(LoadEvent::Found(Box::new(doc)));
        self.job(Job::Partial);
        self.enqueue(id, text, path);
    }

    fn job(&self, job: Job) {
        self.shared
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .jobs
            .push(job);
    }

    fn enqueue(&self, id: usize, text: DocText, path: String) {
        let mut q = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        q.jobs[id] = Job::Waiting(text, path);
        q.waiting.push_back(id);
        drop(q);
        self.shared.wake.notify_one();
    }
}

/// A file's identity on disk.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileId {
    fn of(path: &Path, meta: &fs::Metadata) -> FileId {
        #[cfg(unix)]
        {
            let _ = path;
            use std::os::unix::fs::MetadataExt;
            FileId::Inode(meta.dev(), meta.ino())
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FileId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn events(source: Source, work: Work) -> Vec<LoadEvent> {
        events_mapping(source, work, MAP_BYTES)
    }

    fn events_mapping(source: Source, work: Work, map_bytes: u64) -> Vec<LoadEvent> {
        let loader = Loader::start_with(source, work, None, map_bytes);
        let mut out = Vec::new();
        for e in loader.events.iter() {
            let last = matches!(e, LoadEvent::Finished);
            out.push(e);
            if last {
                break;
            }
        }
        out
    }

    #[test]
    fn documents_are_found_in_name_order_and_every_one_is_analysed_after_it_is_found() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["c.txt", "a.txt", "b/z.txt", "b/y.txt"] {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, format!("Title of {name}\n\nSome body text.\n")).unwrap();
        }
        let evs = events(Source::Paths(vec![dir.path().into()]), Work::ALL);
        let mut found = Vec::new();
        for e in &evs {
            match e {
                LoadEvent::Found(d) => found.push(d.path.rsplit('/').next().unwrap().to_string()),
                LoadEvent::Analysed { id, .. } => {
                    assert!(*id < found.len(), "analysed before found")
                }
                _ => {}
            }
        }
        assert_eq!(found, ["a.txt", "y.txt", "z.txt", "c.txt"]);
        let n = evs.len();
        assert!(matches!(evs[n - 2], LoadEvent::Linked(_)));
        assert!(matches!(evs[n - 1], LoadEvent::Finished));
    }

    #[test]
    fn a_command_runs_only_the_analysis_it_prints() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("t.txt"),
            "Remarks\n\nMINISTER DOE: We met in Paris with Acme Corp.\n\nQUESTION: When?\n\nMINISTER DOE: Today.\n",
        )
        .unwrap();
        let src = || Source::Paths(vec![dir.path().into()]);
        let list = Corpus::load(src(), Work::LIST);
        assert!(!list.linked);
        assert!(
            list.docs[0].is_analysed(),
            "the table needs kinds and titles"
        );
        assert!(list.docs[0].entities.is_empty() && list.docs[0].speaker_stats.is_empty());
        let all = Corpus::load(src(), Work::ALL);
        assert!(all.linked);
        assert!(!all.docs[0].entities.is_empty());
        assert!(!all.docs[0].speaker_stats.is_empty());
    }

    #[test]
    fn a_large_document_reports_its_progress_before_its_analysis_arrives() {
        let dir = tempfile::tempdir().unwrap();
        let turn =
            "MINISTER DOE: We met in Paris with Acme Corp on Tuesday.\n\nQUESTION: When?\n\n";
        let text = format!("Remarks on the summit\n\n{}", turn.repeat(40));
        assert!(text.len() >= PROGRESS_BYTES);
        fs::write(dir.path().join("big.txt"), &text).unwrap();
        fs::write(dir.path().join("small.txt"), "Notes\n\nShort.\n").unwrap();
        for work in [Work::ALL, Work::SPEAKERS] {
            let evs = events(Source::Paths(vec![dir.path().into()]), work);
            let analysed_at = |want: usize| {
                evs.iter()
                    .position(|e| matches!(e, LoadEvent::Analysed { id, .. } if *id == want))
                    .expect("analysed")
            };
            let progress: Vec<(usize, u64, u64)> = evs
                .iter()
                .enumerate()
                .filter_map(|(k, e)| match e {
                    LoadEvent::Progress { id, done, total } => Some((k, *id, (*done, *total))),
                    _ => None,
                })
                .map(|(k, id, (done, total))| {
                    assert_eq!(id, 0, "only the large document reports");
                    assert!(k < analysed_at(0), "progress comes before the analysis");
                    (k, done, total)
                })
                .collect();
            let passes = if work.entities { 2 } else { 1 };
            assert!(progress.len() >= passes, "{progress:?}");
            assert!(
                progress
                    .iter()
                    .all(|p| p.2 == text.len() as u64 * passes as u64)
            );
            let mut done: Vec<u64> = progress.iter().map(|p| p.1).collect();
            assert!(done.iter().all(|d| *d > 0));
            done.sort_unstable();
            assert_eq!(done.last(), Some(&progress[0].2), "all of it in the end");
        }
    }

    fn corpus_mapping(paths: Vec<PathBuf>, work: Work, map_bytes: u64) -> Corpus {
        let mut corpus = Corpus::default();
        for e in events_mapping(Source::Paths(paths), work, map_bytes) {
            corpus.apply(e);
        }
        corpus
    }

    #[test]
    fn a_file_at_the_map_threshold_is_mapped_and_reads_as_when_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let text = "\u{feff}Briefing on the summit\r\n\r\nMINISTER DOE: We met in Paris.\r\n\r\nQUESTION: When, “exactly”?\r\n\r\nMINISTER DOE: Today — 今日.\r\n";
        let big = dir.path().join("big.txt");
        let small = dir.path().join("small.txt");
        fs::write(&big, text).unwrap();
        fs::write(&small, "Notes\n\nShort.\n").unwrap();
        let paths = vec![big, small];
        let threshold = 40;
        let mapped = corpus_mapping(paths.clone(), Work::ALL, threshold);
        let read = corpus_mapping(paths, Work::ALL, u64::MAX);
        assert!(mapped.docs[0].text.is_mapped(), "at or above the threshold");
        assert!(!mapped.docs[1].text.is_mapped(), "below it");
        assert!(!read.docs[0].text.is_mapped());
        assert_eq!(&*mapped.docs[0].text, text.trim_start_matches('\u{feff}'));
        for (m, r) in mapped.docs.iter().zip(&read.docs) {
            assert_eq!(m.text, r.text);
            assert_eq!(m.meta, r.meta);
            assert_eq!(m.speakers, r.speakers);
            assert_eq!(m.entities, r.entities);
            assert_eq!(m.line_count(), r.line_count());
        }
        assert_eq!(mapped.docs[0].speakers.turns.len(), 3);
        assert_eq!(mapped.notices, read.notices);
    }

    #[test]
    fn a_file_that_needs_decoding_is_read_not_mapped() {
        let dir = tempfile::tempdir().unwrap();
        let doc = "Remarks\r\n\r\nMINISTER DOE: Merci — 谢谢.\r\n";
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(doc.encode_utf16().flat_map(u16::to_le_bytes));
        fs::write(dir.path().join("a-utf16.txt"), &utf16).unwrap();
        fs::write(
            dir.path().join("b-latin1.txt"),
            b"Caf\xe9 notes\n\nBody text.\n",
        )
        .unwrap();
        fs::write(dir.path().join("c-blank.txt"), b"  \n\n   \n").unwrap();
        fs::write(
            dir.path().join("d-binary.txt"),
            b"PK\x03\x04\0\0\x08 more bytes",
        )
        .unwrap();
        let c = corpus_mapping(vec![dir.path().into()], Work::LIST, 1);
        assert_eq!(c.docs.len(), 2, "{:?}", c.notices);
        assert!(c.docs.iter().all(|d| !d.text.is_mapped()));
        assert_eq!(&*c.docs[0].text, doc);
        assert_eq!(c.docs[0].encoding, Some("UTF-16LE"));
        assert!(c.docs[1].text.starts_with("Caf\u{fffd} notes"));
        let notes = c.notices.join("\n");
        assert!(notes.contains("b-latin1.txt: invalid UTF-8"), "{notes}");
        assert!(notes.contains("c-blank.txt: empty file"), "{notes}");
        assert!(notes.contains("d-binary.txt: binary file"), "{notes}");
    }

    #[test]
    fn a_large_mapped_file_with_invalid_bytes_after_its_head_is_read_with_replacements() {
        let dir = tempfile::tempdir().unwrap();
        let line = "SPEAKER ONE: a line of text.\n";
        let mut bytes = line.repeat(5 * HEAD_BYTES / line.len()).into_bytes();
        bytes.extend(b"caf\xe9\n");
        let path = dir.path().join("big.txt");
        fs::write(&path, &bytes).unwrap();
        let c = corpus_mapping(vec![path], Work::LIST, 1);
        let text = &c.docs[0].text;
        assert!(!text.is_mapped());
        assert!(text.ends_with("caf\u{fffd}\n"));
        assert_eq!(text.len(), bytes.len() + 2);
        assert!(
            c.notices.iter().any(|n| n.contains("invalid UTF-8")),
            "{:?}",
            c.notices
        );
    }

    #[test]
    fn a_large_file_shows_its_head_first_then_the_whole_text() {
        for map_bytes in [1, u64::MAX] {
            a_large_file_shows_its_head_first(map_bytes);
        }
    }

    fn a_large_file_shows_its_head_first(map_bytes: u64) {
        let dir = tempfile::tempdir().unwrap();
        let line = "SPEAKER ONE: a line of text that goes on for a while, é and “quotes”.\n";
        let text = line.repeat(5 * HEAD_BYTES / line.len());
        let path = dir.path().join("big.txt");
        fs::write(&path, &text).unwrap();
        let evs = events_mapping(Source::Paths(vec![path]), Work::LIST, map_bytes);
        let LoadEvent::Found(head) = &evs[0] else {
            panic!("first event: {:?}", evs[0]);
        };
        assert_eq!(head.stage, Stage::Partial);
        assert!(head.text.len() <= HEAD_BYTES && text.starts_with(&*head.text));
        assert!(head.text.ends_with('\n'), "cut after a whole line");
        let whole = evs.iter().find_map(|e| match e {
            LoadEvent::Whole { lines, .. } => Some(lines.lines.clone()),
            _ => None,
        });
        assert_eq!(
            whole.expect("the whole text follows the head"),
            Structure::plain(&text).lines,
            "lines found in pieces are the lines of the whole"
        );
        let mut corpus = Corpus::default();
        for e in evs {
            corpus.apply(e);
        }
        assert_eq!(&*corpus.docs[0].text, text.as_str());
        assert_eq!(corpus.docs[0].text.is_mapped(), map_bytes == 1);
        assert!(corpus.docs[0].is_analysed());
        assert_eq!(corpus.docs[0].line_count(), text.lines().count());
    }

    #[test]
    fn a_deeply_nested_folder_is_walked_without_trouble() {
        let dir = tempfile::tempdir().unwrap();
        let mut deep = dir.path().to_path_buf();
        for _ in 0..600 {
            deep.push("d");
        }
        fs::create_dir_all(&deep).unwrap();
        fs::write(deep.join("bottom.txt"), "At the bottom\n\nText.\n").unwrap();
        let corpus = Corpus::load(Source::Paths(vec![dir.path().into()]), Work::LIST);
        assert_eq!(corpus.docs.len(), 1, "{:?}", corpus.notices);
        assert_eq!(corpus.docs[0].meta.title, "At the bottom");
    }

    #[cfg(unix)]
    #[test]
    fn fifos_in_a_folder_are_passed_over_and_a_named_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "A text\n\nBody.\n").unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let corpus = Corpus::load(Source::Paths(vec![dir.path().into(), fifo]), Work::LIST);
        assert_eq!(corpus.docs.len(), 1);
        assert!(
            corpus
                .notices
                .iter()
                .any(|n| n.contains("not a regular file")),
            "{:?}",
            corpus.notices
        );
    }
}

//! Following the opened files and folders on disk (the `notify` crate):
//! a document changed on disk is read and analysed again, a new file in an
//! opened folder joins the corpus, a deleted one is reported. All of it on
//! a thread of its own; the reader takes in [`FollowEvent`]s as it takes in
//! the loading's events. Bursts of changes (an editor's save is often
//! several) are gathered for a moment and handled once.
//!
//! The corpus-wide step (names, entities, quotations) is run again on its
//! own thread after a change ([`Follower::relink`]); each document's own
//! analysis comes from the cache where it holds it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::background::{Progress, analyse};
use super::cache::Cache;
use super::decode::{Decoded, decode};
use super::document::Document;
use super::{DocLinks, LinkInput, Links, Work, gzip, link};

/// Changes this close together are one change.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// A burst is handled after this long even if it goes on.
const LONGEST_BURST: Duration = Duration::from_secs(1);

/// What the follower reports.
#[derive(Debug)]
pub enum FollowEvent {
    /// A file was written (or created): its text, analysed. `path` is the
    /// path as the loading shows it (`Document::path`).
    Changed(Box<Document>),
    /// A file is no longer there.
    Removed(String),
    /// A file that changed could not be read, in words for the user.
    Notice(String),
    /// The corpus-wide step after changes, for the corpus as it was when
    /// [`Follower::relink`] was asked with `generation`.
    Linked {
        generation: u64,
        links: Vec<DocLinks>,
    },
}

/// The handle on the watching thread.
pub struct Follower {
    pub events: Receiver<FollowEvent>,
    tx: Sender<FollowEvent>,
    cache: Option<Cache>,
}

/// A path the user opened, as given and as the file system names it.
#[derive(Clone, Debug)]
struct Root {
    given: PathBuf,
    real: PathBuf,
    dir: bool,
}

impl Root {
    /// The path the loading shows for `real`, a path under this root.
    fn shown(&self, real: &Path) -> Option<PathBuf> {
        if self.dir {
            let rest = real.strip_prefix(&self.real).ok()?;
            // Hidden files and folders are not opened.
            let hidden = rest
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            (!hidden && !rest.as_os_str().is_empty()).then(|| self.given.join(rest))
        } else {
            (real == self.real).then(|| self.given.clone())
        }
    }
}

impl Follower {
    /// Watches `paths` (folders recursively, files by their folder, so a
    /// file an editor replaces is still followed). The watches are set up
    /// on the follower's own thread, so a large tree never delays the
    /// first frame; what cannot be followed comes as a notice.
    pub fn start(paths: &[PathBuf], cache: Option<Cache>) -> Follower {
        let (tx, events) = channel();
        let (thread_tx, thread_cache) = (tx.clone(), cache.clone());
        let paths = paths.to_vec();
        let spawned = std::thread::Builder::new()
            .name("plenary-follow".into())
            .spawn(move || {
                let (raw_tx, raw_rx) = channel();
                let (_watcher, roots) = match watch(&paths, raw_tx) {
                    Ok(w) => w,
                    Err(e) => {
                        let _ = thread_tx.send(FollowEvent::Notice(e));
                        return;
                    }
                };
                follow_loop(&raw_rx, &roots, &thread_tx, thread_cache.as_ref());
            });
        if let Err(e) = spawned {
            let _ = tx.send(FollowEvent::Notice(format!("cannot follow changes ({e})")));
        }
        Follower { events, tx, cache }
    }

    /// Runs the corpus-wide step again on its own thread; its result comes
    /// back as [`FollowEvent::Linked`] with `generation`.
    pub fn relink(&self, mut inputs: Vec<LinkInput>, generation: u64) {
        let (tx, cache) = (self.tx.clone(), self.cache.clone());
        let work = move || {
            let key = cache
                .as_ref()
                .map(|_| Cache::corpus_key(inputs.iter().map(|i| &*i.text), Links::All));
            let cached = cache
                .as_ref()
                .zip(key.as_ref())
                .and_then(|(c, k)| c.get_links(k));
            let links = match cached {
                Some(l) if l.len() == inputs.len() => l,
                _ => {
                    if let Some(c) = &cache {
                        // Each document's own entities, as found before.
                        for i in inputs.iter_mut().filter(|i| i.entities.is_none()) {
                            i.entities = c.get(&Cache::key(&i.text, true)).and_then(|h| h.entities);
                        }
                    }
                    let l = link(inputs, Links::All);
                    if let (Some(c), Some(k)) = (&cache, &key) {
                        c.put_links(k, &l);
                    }
                    l
                }
            };
            let _ = tx.send(FollowEvent::Linked { generation, links });
        };
        let _ = std::thread::Builder::new()
            .name("plenary-relink".into())
            .spawn(work);
    }
}

/// Sets up the watches on `paths`, sending the file system's events to `raw`.
fn watch(
    paths: &[PathBuf],
    raw: Sender<notify::Result<notify::Event>>,
) -> Result<(notify::RecommendedWatcher, Vec<Root>), String> {
    let mut watcher =
        notify::recommended_watcher(raw).map_err(|e| format!("cannot follow changes ({e})"))?;
    let mut roots = Vec::new();
    for given in paths {
        let Ok(real) = given.canonicalize() else {
            continue;
        };
        let dir = real.is_dir();
        let watched = if dir {
            watcher.watch(&real, RecursiveMode::Recursive)
        } else {
            let parent = real.parent().unwrap_or(Path::new("/"));
            watcher.watch(parent, RecursiveMode::NonRecursive)
        };
        if let Err(e) = watched {
            return Err(format!(
                "cannot follow changes to {} ({e})",
                given.display()
            ));
        }
        roots.push(Root {
            given: given.clone(),
            real,
            dir,
        });
    }
    Ok((watcher, roots))
}

/// Gathers the watcher's events into bursts, and handles each burst's
/// paths once, in name order.
fn follow_loop(
    raw: &Receiver<notify::Result<notify::Event>>,
    roots: &[Root],
    tx: &Sender<FollowEvent>,
    cache: Option<&Cache>,
) {
    while let Ok(first) = raw.recv() {
        let mut paths = BTreeSet::new();
        take(first, &mut paths);
        let started = Instant::now();
        loop {
            match raw.recv_timeout(DEBOUNCE) {
                Ok(ev) => take(ev, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if started.elapsed() > LONGEST_BURST {
                break;
            }
        }
        for real in paths {
            for event in changes(&real, roots, cache) {
                if tx.send(event).is_err() {
                    return;
                }
            }
        }
    }
}

/// The paths an event of the watcher is about (reads are not changes).
fn take(event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
    let Ok(event) = event else { return };
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    paths.extend(event.paths);
}

/// What became of `real` (a path the file system names), as events.
fn changes(real: &Path, roots: &[Root], cache: Option<&Cache>) -> Vec<FollowEvent> {
    let Some(shown) = roots.iter().find_map(|r| r.shown(real)) else {
        return Vec::new();
    };
    let meta = match std::fs::metadata(real) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return vec![FollowEvent::Removed(shown.display().to_string())];
        }
        Err(_) => return Vec::new(),
    };
    if meta.is_dir() {
        // A folder moved in or made with files in it.
        let files = walkdir::WalkDir::new(real)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file());
        return files
            .filter_map(|e| {
                let rest = e.path().strip_prefix(real).ok()?;
                Some(read(
                    e.path(),
                    shown.join(rest).display().to_string(),
                    cache,
                ))
            })
            .collect();
    }
    if !meta.is_file() {
        return Vec::new();
    }
    vec![read(real, shown.display().to_string(), cache)]
}

/// Reads and analyses one file, as the loading would.
fn read(real: &Path, shown: String, cache: Option<&Cache>) -> FollowEvent {
    let notice = |what: &str| FollowEvent::Notice(format!("{shown}: {what}"));
    let bytes = match std::fs::read(real) {
        Ok(b) => b,
        Err(e) => return notice(&format!("cannot read ({e})")),
    };
    let (bytes, capped) = if gzip::named_gzip(real) || gzip::has_magic(&bytes) {
        match gzip::gunzip(&bytes[..], gzip::LIMIT) {
            Ok(g) => (g.bytes, g.capped),
            Err(e) => return notice(&gzip::describe_error(&e)),
        }
    } else {
        (bytes, false)
    };
    let (text, lossy, encoding) = match decode(bytes) {
        Decoded::Empty => return notice("empty file, skipped"),
        Decoded::Binary => return notice("binary file, skipped"),
        Decoded::Text {
            text,
            lossy,
            encoding,
        } => (text, lossy, encoding),
    };
    let mut doc = Document::read(shown, text);
    doc.encoding = encoding;
    if lossy {
        doc.notices.push(format!(
            "invalid {}, shown with replacement characters",
            encoding.unwrap_or("UTF-8")
        ));
    }
    if capped {
        doc.notices.push(format!(
            "larger than {} MB uncompressed: only the beginning is shown",
            gzip::LIMIT >> 20
        ));
    }
    // The entities go to the cache, where the corpus step finds them.
    let (analysis, _) = analyse(&doc.path, &doc.text, Work::ALL, cache, &Progress::silent());
    doc.apply(analysis);
    FollowEvent::Changed(Box::new(doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(given: &str, real: &str, dir: bool) -> Root {
        Root {
            given: given.into(),
            real: real.into(),
            dir,
        }
    }

    #[test]
    fn paths_are_shown_as_the_loading_shows_them() {
        let r = root("talks", "/home/u/talks", true);
        assert_eq!(
            r.shown(Path::new("/home/u/talks/2024/a.txt")),
            Some(PathBuf::from("talks/2024/a.txt"))
        );
        assert_eq!(r.shown(Path::new("/home/u/talks/.git/index")), None);
        assert_eq!(r.shown(Path::new("/home/u/talks/.a.txt.swp")), None);
        assert_eq!(r.shown(Path::new("/home/u/other/a.txt")), None);
        assert_eq!(r.shown(Path::new("/home/u/talks")), None);
        let f = root("../a.md", "/home/a.md", false);
        assert_eq!(
            f.shown(Path::new("/home/a.md")),
            Some(PathBuf::from("../a.md"))
        );
        assert_eq!(f.shown(Path::new("/home/b.md")), None);
    }

    #[test]
    fn a_changed_file_is_read_and_analysed_and_a_deleted_one_reported() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        let roots = [root("docs", real.to_str().unwrap(), true)];
        std::fs::write(
            real.join("t.txt"),
            "MODERATOR: Good morning.\n\nMINISTER VALE: Thank you.\n\nMODERATOR: Questions?\n\nMINISTER VALE: Gladly.\n",
        )
        .unwrap();
        std::fs::write(real.join("empty.txt"), "").unwrap();
        let ev = changes(&real.join("t.txt"), &roots, None);
        let [FollowEvent::Changed(doc)] = &ev[..] else {
            panic!("{ev:?}")
        };
        assert_eq!(doc.path, "docs/t.txt");
        assert!(doc.is_analysed() && doc.speakers.is_transcript);
        let ev = changes(&real.join("empty.txt"), &roots, None);
        assert!(
            matches!(&ev[..], [FollowEvent::Notice(n)] if n == "docs/empty.txt: empty file, skipped"),
            "{ev:?}"
        );
        let ev = changes(&real.join("gone.txt"), &roots, None);
        assert!(matches!(&ev[..], [FollowEvent::Removed(p)] if p == "docs/gone.txt"));
        // A folder that appears brings its files.
        std::fs::create_dir_all(real.join("new/.hidden")).unwrap();
        std::fs::write(real.join("new/b.txt"), "Body of b.\n").unwrap();
        std::fs::write(real.join("new/.hidden/c.txt"), "Hidden.\n").unwrap();
        let ev = changes(&real.join("new"), &roots, None);
        let shown: Vec<_> = ev
            .iter()
            .map(|e| match e {
                FollowEvent::Changed(d) => d.path.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(shown, ["docs/new/b.txt"]);
    }

    #[test]
    fn a_write_on_disk_arrives_as_one_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.txt");
        std::fs::write(&file, "First version.\n").unwrap();
        let follower = Follower::start(&[dir.path().to_path_buf()], None);
        // The watches are set up on the follower's thread: a probe is
        // written again until it is seen.
        let mut seen = false;
        for i in 0..100 {
            std::fs::write(dir.path().join("probe.txt"), format!("Probe {i}.\n")).unwrap();
            if let Ok(FollowEvent::Changed(d)) = follower.events.recv_timeout(DEBOUNCE * 3) {
                assert!(d.path.ends_with("probe.txt"), "{d:?}");
                seen = true;
                break;
            }
        }
        assert!(seen, "the folder is followed");
        // Whatever else the probe's burst sent.
        while follower.events.recv_timeout(DEBOUNCE * 3).is_ok() {}
        // Several writes in a burst.
        for i in 0..5 {
            std::fs::write(&file, format!("Version {i} of the notes.\n")).unwrap();
        }
        let first = follower
            .events
            .recv_timeout(Duration::from_secs(10))
            .unwrap();
        let FollowEvent::Changed(doc) = first else {
            panic!("{first:?}")
        };
        assert_eq!(&*doc.text, "Version 4 of the notes.\n");
        // Nothing more for that burst.
        assert!(
            follower
                .events
                .recv_timeout(DEBOUNCE * 4)
                .is_err_and(|e| e == RecvTimeoutError::Timeout)
        );
    }

    #[test]
    fn relinking_answers_with_its_generation_and_every_document() {
        let dir = tempfile::tempdir().unwrap();
        let follower = Follower::start(&[dir.path().to_path_buf()], None);
        let corpus = super::super::Corpus::new(
            vec![
                Document::new(
                    "t.txt",
                    "MODERATOR: Welcome.\n\nSECRETARY DOE: We will open the port in May.\n\nMODERATOR: Thanks.\n\nSECRETARY DOE: Thank you.\n",
                ),
                Document::new(
                    "a.txt",
                    "Port to open in May\n\nBy Ana Lima\n\n\"We will open the port in May,\" Secretary Doe said on Tuesday.\n",
                ),
            ],
            Vec::new(),
        );
        follower.relink(corpus.link_inputs(None), 7);
        let ev = follower
            .events
            .recv_timeout(Duration::from_secs(30))
            .unwrap();
        let FollowEvent::Linked { generation, links } = ev else {
            panic!("{ev:?}")
        };
        assert_eq!(generation, 7);
        assert_eq!(links.len(), 2);
        assert!(
            links[1].quotes.iter().any(|q| q.source.is_some()),
            "{:?}",
            links[1].quotes
        );
    }
}

//! A search on a thread of its own: its matches come back in batches
//! through a channel as they are found, and dropping the handle (a new
//! query) stops it between pieces of text.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::scan::{Found, Hit, Target, scan};

/// A search to run.
pub struct Job {
    /// Told back with every event, so that late news of an old search is
    /// recognised.
    pub id: u64,
    pub re: regex::Regex,
    pub targets: Vec<Target>,
    /// Hits kept at most; further ones are only counted.
    pub limit: usize,
}

/// What a running search reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchEvent {
    /// Hits in one document, in order (a document may send several batches,
    /// in order); `counted` more were found beyond the limit.
    Hits {
        job: u64,
        doc: usize,
        hits: Vec<Hit>,
        counted: usize,
    },
    /// Everything before byte `to` of document `doc` has been searched.
    Scanned { job: u64, doc: usize, to: usize },
    /// The search is over.
    Done { job: u64 },
}

/// A search under way; dropping it stops it.
pub struct Running {
    pub job: u64,
    pub events: Receiver<SearchEvent>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// A batch is sent when it holds this many hits, or at the end of a piece.
const BATCH: usize = 256;

/// Starts `job` on a thread of its own (documents searched in parallel).
pub fn start(job: Job) -> Running {
    let (tx, rx) = channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let id = job.id;
    let stop = Arc::clone(&cancel);
    std::thread::spawn(move || run(job, &stop, &tx));
    Running {
        job: id,
        events: rx,
        cancel,
    }
}

/// Threads of their own for searches: the analysis keeps the shared
/// thread pool busy while a corpus loads, and a search must not wait
/// behind it. `None` if the threads cannot be made (a search then runs on
/// its one thread).
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
            .thread_name(|i| format!("plenary-search-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

fn run(job: Job, cancel: &AtomicBool, tx: &Sender<SearchEvent>) {
    match pool() {
        Some(pool) => pool.install(|| run_on(&job, cancel, tx)),
        None => run_on(&job, cancel, tx),
    }
}

fn run_on(job: &Job, cancel: &AtomicBool, tx: &Sender<SearchEvent>) {
    let kept = AtomicUsize::new(0);
    let id = job.id;
    job.targets.par_iter().for_each_with(tx.clone(), |tx, t| {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let mut batch: Vec<Hit> = Vec::new();
        let mut counted = 0;
        let flush = |batch: &mut Vec<Hit>, counted: &mut usize, tx: &Sender<SearchEvent>| {
            if !batch.is_empty() || *counted > 0 {
                let _ = tx.send(SearchEvent::Hits {
                    job: id,
                    doc: t.doc,
                    hits: std::mem::take(batch),
                    counted: std::mem::take(counted),
                });
            }
        };
        scan(&job.re, t, cancel, &mut |f| match f {
            Found::Hit(h) => {
                if kept.fetch_add(1, Ordering::Relaxed) < job.limit {
                    batch.push(h);
                } else {
                    counted += 1;
                }
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut counted, tx);
                }
            }
            Found::Scanned(to) => {
                flush(&mut batch, &mut counted, tx);
                let _ = tx.send(SearchEvent::Scanned {
                    job: id,
                    doc: t.doc,
                    to,
                });
            }
        });
        flush(&mut batch, &mut counted, tx);
    });
    if !cancel.load(Ordering::Relaxed) {
        let _ = tx.send(SearchEvent::Done { job: id });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_stream_back_and_the_search_says_when_it_is_done() {
        let targets = (0..20)
            .map(|doc| Target {
                doc,
                text: "one needle, two needles\n".repeat(100).into(),
                voices: Vec::new(),
                within: None,
            })
            .collect();
        let running = start(Job {
            id: 7,
            re: regex::Regex::new("needle").unwrap(),
            targets,
            limit: 1000,
        });
        let (mut kept, mut counted) = (0, 0);
        for e in running.events.iter() {
            match e {
                SearchEvent::Hits {
                    job,
                    hits,
                    counted: c,
                    ..
                } => {
                    assert_eq!(job, 7);
                    kept += hits.len();
                    counted += c;
                }
                SearchEvent::Scanned { .. } => {}
                SearchEvent::Done { job } => {
                    assert_eq!(job, 7);
                    break;
                }
            }
        }
        assert_eq!((kept, counted), (1000, 20 * 200 - 1000));
    }
}

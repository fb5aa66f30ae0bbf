//! Crash safety and concurrent instances, with real processes: the test
//! executable re-runs itself (`--exact <name>`) with `ANN_TEST_ROLE` set,
//! and the child plays a plenary instance.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::env;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use plenary::annotations::{Annotation, Colour, DocumentRef, Store};

const ROLE: &str = "ANN_TEST_ROLE";
const DIR: &str = "ANN_TEST_DIR";
const MARK: &str = "@@ann ";
const TEXT: &str =
    "Members asked whether the committee had seen the report before it was published.";

fn annotation(note: &str) -> Annotation {
    let doc = DocumentRef::new("hansard.txt", "Committee", TEXT);
    Annotation::new(doc, TEXT, 8, 13, Colour::Pink, note).unwrap()
}

fn spawn_self(test: &str, role: &str, dir: &Path) -> Child {
    Command::new(env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(ROLE, role)
        .env(DIR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn child_lines(child: &mut Child) -> Vec<String> {
    let mut out = String::new();
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_to_string(&mut out).unwrap();
    marked(&out)
}

/// The child's reports. libtest prints "test <name> ... " without a newline
/// before the test runs, so reports carry a marker and may start mid-line.
fn marked(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| l.find(MARK).map(|i| l[i + MARK.len()..].to_string()))
        .collect()
}

/// What the user would see: every record's id, note and deleted flag.
type Projection = Vec<(String, String, bool)>;

fn project<'a>(records: impl Iterator<Item = &'a Annotation>) -> Projection {
    let mut v: Projection = records
        .map(|a| (a.id.clone(), a.note.clone(), a.is_deleted()))
        .collect();
    v.sort();
    v
}

fn digest(p: &Projection) -> u64 {
    let mut h = DefaultHasher::new();
    p.hash(&mut h);
    h.finish()
}

/// A tiny PRNG so kill times differ between iterations and runs.
struct Rng(u64);
impl Rng {
    fn seeded() -> Self {
        let t = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        Rng(t | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Child: add, edit, sometimes delete or undo, forever. Before each change
/// print the digest the store will have after it, and after it print
/// that it is done.
fn writer_child(dir: &Path) {
    let (mut store, warnings) = Store::open(dir);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut k = store.all_records().count();
    println!("{MARK}ready");
    let say = |what: &str, p: &Projection| println!("{MARK}{what} {}", digest(p));
    loop {
        let a = annotation(&format!("n{k}"));
        let id = a.id.clone();
        let mut next = project(store.all_records());
        next.push((id.clone(), a.note.clone(), false));
        next.sort();
        say("intent", &next);
        store.add(a).unwrap();
        say("done", &project(store.all_records()));

        let edited = format!("n{k} edited\n#tag{}", k % 7);
        let mut next = project(store.all_records());
        next.iter_mut()
            .filter(|r| r.0 == id)
            .for_each(|r| r.1 = edited.clone());
        say("intent", &next);
        store.update(&id, |x| x.note = edited.clone()).unwrap();
        say("done", &project(store.all_records()));

        if k % 3 == 0 {
            let mut next = project(store.all_records());
            next.iter_mut()
                .filter(|r| r.0 == id)
                .for_each(|r| r.2 = true);
            say("intent", &next);
            store.delete(&id).unwrap();
            say("done", &project(store.all_records()));
            if k % 2 == 0 {
                let mut next = project(store.all_records());
                next.iter_mut()
                    .filter(|r| r.0 == id)
                    .for_each(|r| r.2 = false);
                say("intent", &next);
                store.undo_delete(&id).unwrap();
                say("done", &project(store.all_records()));
            }
        }
        k += 1;
    }
}

#[test]
fn sigkill_at_random_moments_never_damages_the_store() {
    if let Ok(role) = env::var(ROLE) {
        if role == "writer" {
            writer_child(Path::new(&env::var(DIR).unwrap()));
        }
        return;
    }
    const ITERATIONS: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::seeded();
    let started = Instant::now();
    let (mut changes_seen, mut caught_mid_change) = (0, 0);
    for i in 0..ITERATIONS {
        let (before, warnings) = Store::open(dir.path());
        assert!(warnings.is_empty(), "iteration {i}: {warnings:?}");
        let initial = digest(&project(before.all_records()));
        let mut child = spawn_self(
            "sigkill_at_random_moments_never_damages_the_store",
            "writer",
            dir.path(),
        );
        // Wait until the child has opened the store and is saving in a
        // loop, then kill it at a random moment.
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut out = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() == 0 || line.contains("@@ann ready") {
                break;
            }
            out.push_str(&line);
        }
        std::thread::sleep(Duration::from_micros(rng.below(150_000)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.read_to_string(&mut out).unwrap();
        let lines = marked(&out);

        let mut last_done = initial;
        let mut last_intent = None;
        for l in &lines {
            if let Some(d) = l.strip_prefix("done ") {
                last_done = d.parse().unwrap();
                last_intent = None;
                changes_seen += 1;
            } else if let Some(d) = l.strip_prefix("intent ") {
                last_intent = Some(d.parse::<u64>().unwrap());
            }
        }
        // The file must parse, without any recovery, and hold the state
        // before or after the change that was under way.
        let (after, warnings) = Store::open(dir.path());
        assert!(
            warnings.is_empty(),
            "iteration {i}: store damaged: {warnings:?}"
        );
        let now = digest(&project(after.all_records()));
        assert!(
            now == last_done || Some(now) == last_intent,
            "iteration {i}: store holds neither the state before nor after the last change"
        );
        if Some(now) == last_intent {
            caught_mid_change += 1;
        }
        let backup = std::fs::read(dir.path().join("annotations.json.bak"));
        if let Ok(bytes) = backup {
            serde_json::from_slice::<serde_json::Value>(&bytes).expect("backup parses");
        }
    }
    let (end, _) = Store::open(dir.path());
    assert!(
        changes_seen > ITERATIONS / 2,
        "children made progress ({changes_seen} changes)"
    );
    assert!(end.all_records().count() > 10);
    eprintln!(
        "{ITERATIONS} kills, {changes_seen} completed changes, {caught_mid_change} kills after the \
         rename but before the report, {:?}",
        started.elapsed()
    );
}

/// Child for the concurrency test: adds, edits and deletes its own
/// annotations and deletes some of the other instance's, reporting each.
fn instance_child(dir: &Path, name: &str, ops: usize) {
    // Start together: say we are ready, wait until the other one is too.
    std::fs::write(dir.join(format!("ready-{name}")), b"").unwrap();
    while !(dir.join("ready-A").exists() && dir.join("ready-B").exists()) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let (mut store, _) = Store::open(dir);
    let mut mine: Vec<String> = Vec::new();
    let micros = || {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_micros()
    };
    for i in 0..ops {
        if i == 1 {
            println!("{MARK}first {}", micros());
        }
        let id = store.add(annotation(&format!("{name}-{i}"))).unwrap();
        println!("{MARK}add {id}");
        mine.push(id.clone());
        if i % 3 == 1 {
            let note = format!("{name}-{i} edited");
            if store.update(&id, |a| a.note = note.clone()).is_ok() {
                println!("{MARK}edit {id} {note}");
            }
        }
        if i % 4 == 2 {
            let victim = mine[i - 1].clone();
            store.delete(&victim).unwrap();
            println!("{MARK}del {victim}");
        }
        // Look at the other instance's work only in the first half, so the
        // second half relies on the store's own merging.
        if i % 5 == 4 && i < ops / 2 {
            store.refresh().unwrap();
            let theirs = store
                .annotations()
                .find(|a| !a.note.starts_with(&format!("{name}-")))
                .map(|a| a.id.clone());
            if let Some(victim) = theirs {
                store.delete(&victim).unwrap();
                println!("{MARK}del {victim}");
            }
        }
    }
    println!("{MARK}last {}", micros());
}

#[test]
fn two_instances_at_once_lose_nothing() {
    if let Ok(role) = env::var(ROLE) {
        if let Some(name) = role.strip_prefix("instance-") {
            instance_child(Path::new(&env::var(DIR).unwrap()), name, OPS);
        }
        return;
    }
    const OPS: usize = 60;
    let test = "two_instances_at_once_lose_nothing";
    let time = |lines: &[String], what: &str| -> u128 {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(what))
            .unwrap()
            .parse()
            .unwrap()
    };
    // On a loaded machine one instance may do all its work while the other
    // waits for a core: such a run tests nothing, so it is run again (a
    // few times at most) until the two overlap.
    let mut tries = 0;
    let (dir, la, lb) = loop {
        tries += 1;
        let dir = tempfile::tempdir().unwrap();
        let mut a = spawn_self(test, "instance-A", dir.path());
        let mut b = spawn_self(test, "instance-B", dir.path());
        let (sa, sb) = (a.wait().unwrap(), b.wait().unwrap());
        assert!(sa.success() && sb.success(), "children failed: {sa} {sb}");
        let (la, lb) = (child_lines(&mut a), child_lines(&mut b));
        let overlap = time(&la, "first ").max(time(&lb, "first "))
            < time(&la, "last ").min(time(&lb, "last "));
        if overlap || tries == 5 {
            break (dir, la, lb);
        }
    };
    let ids_of = |lines: &[String], verb: &str| -> HashSet<String> {
        lines
            .iter()
            .filter_map(|l| l.strip_prefix(verb))
            .map(|r| r.to_string())
            .collect()
    };
    // Deletions of the other instance's annotations prove the two saw each other.
    let cross = ids_of(&la, "del ")
        .intersection(&ids_of(&lb, "add "))
        .count()
        + ids_of(&lb, "del ")
            .intersection(&ids_of(&la, "add "))
            .count();
    assert!(
        cross > 0,
        "the instances never saw each other's annotations"
    );
    assert!(
        time(&la, "first ").max(time(&lb, "first ")) < time(&la, "last ").min(time(&lb, "last ")),
        "the two instances did not run at the same time"
    );
    let lines: Vec<String> = la.into_iter().chain(lb).collect();

    let mut added = HashSet::new();
    let mut deleted = HashSet::new();
    let mut last_note: HashMap<String, String> = HashMap::new();
    for l in &lines {
        let mut parts = l.splitn(3, ' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("add"), Some(id), _) => {
                added.insert(id.to_string());
            }
            (Some("del"), Some(id), _) => {
                deleted.insert(id.to_string());
            }
            (Some("edit"), Some(id), Some(note)) => {
                last_note.insert(id.to_string(), note.to_string());
            }
            _ => {}
        }
    }
    assert_eq!(added.len(), 2 * OPS);
    let (store, warnings) = Store::open(dir.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    for id in &added {
        let a = store
            .get(id)
            .unwrap_or_else(|| panic!("addition {id} lost"));
        assert_eq!(
            a.is_deleted(),
            deleted.contains(id),
            "{id}: deletion lost or resurrected"
        );
        if let Some(note) = last_note.get(id) {
            assert_eq!(&a.note, note, "{id}: edit lost");
        }
    }
    assert_eq!(store.all_records().count(), 2 * OPS);
    assert_eq!(store.annotations().count(), 2 * OPS - deleted.len());
    eprintln!(
        "2 instances × {OPS} additions, {} deletions ({cross} of the other's), {} edits",
        deleted.len(),
        last_note.len()
    );
}

//! The command line: `plenary [PATH]...` opens the reader; subcommands print
//! what the reader shows, for scripts.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::app::AppState;
use crate::corpus::{self, Cache, Corpus, Loader, Source, Work};
use crate::reflow::truncate;

mod json_array;
use json_array::JsonArray;

#[derive(Parser, Debug)]
#[command(
    name = "plenary",
    version,
    about = "A terminal reader for transcripts and the news written about them",
    long_about = "A terminal reader for transcripts and the news written about them.\n\nWith no PATH, opens the bundled sample corpus. PATHs are files or folders (read recursively; text files of any extension).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files and folders to open (default: the bundled sample corpus)
    pub paths: Vec<PathBuf>,
    /// Where annotations are kept (default: the platform's data directory)
    #[arg(long, env = "PLENARY_DATA_DIR", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Keys and colours (default: config.toml in the platform's config directory)
    #[arg(long, env = "PLENARY_CONFIG", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where each document's analysis is cached (default: the platform's
    /// cache directory)
    #[arg(long, env = "PLENARY_CACHE_DIR", global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Analyse everything afresh, without reading or writing the cache
    #[arg(long, global = true)]
    pub no_cache: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the document table (title, kind, date, source, words)
    List(ReportArgs),
    /// Print each transcript's speaker turns and who spoke how much
    Speakers(ReportArgs),
    /// Print the people, organisations, places, money, percentages and dates
    Entities(ReportArgs),
    /// Print each article's quotations, who said them, and their sources
    Quotes(ReportArgs),
    /// Search the documents: words (smart case), `re:REGEX`, scoped by
    /// `speaker:NAME`, `entity:NAME`, `kind:transcript|article|plain`
    Search(SearchArgs),
    /// List or export your annotations
    #[command(subcommand)]
    Annotations(AnnotationsCommand),
    /// Print the default configuration, or check a config file
    Config(ConfigArgs),
    /// Manage the analysis cache
    #[command(subcommand)]
    Cache(CacheCommand),
}

#[derive(Subcommand, Debug)]
pub enum CacheCommand {
    /// Remove every cached analysis
    Clear,
    /// Print where the cache is kept
    Path,
}

#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct ConfigArgs {
    /// Print the built-in defaults (keys and theme) as a config file
    #[arg(long)]
    pub default: bool,
    /// Check FILE: every problem with its line, exit code 1 if any
    #[arg(long, value_name = "FILE")]
    pub check: Option<PathBuf>,
    /// Print where plenary looks for its config file
    #[arg(long)]
    pub path: bool,
}

#[derive(Subcommand, Debug)]
pub enum AnnotationsCommand {
    /// List annotations (of the given documents, or all)
    List {
        /// Only annotations of these documents
        paths: Vec<PathBuf>,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Export annotations as Markdown, native JSON or W3C Web Annotation JSON-LD
    Export {
        /// Only annotations of these documents
        paths: Vec<PathBuf>,
        /// markdown, json or w3c
        #[arg(long, default_value = "markdown")]
        format: String,
        /// Write to this file (it must not exist) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Files and folders (default: the bundled sample corpus)
    pub paths: Vec<PathBuf>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// What to find, e.g. `speaker:blinken sanctions`, `entity:"Central Asia" trade`, `re:sanction(s|ed)`
    pub query: String,
    /// Files and folders (default: the bundled sample corpus)
    pub paths: Vec<PathBuf>,
    /// Print JSON instead of grep-like lines
    #[arg(long)]
    pub json: bool,
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    crate::corpus::tune_allocator();
    let cli = Cli::parse();
    let cache = (!cli.no_cache)
        .then(|| cli.cache_dir.clone().or_else(Cache::default_dir))
        .flatten()
        .map(Cache::new);
    let load = |paths: &[PathBuf], work| Corpus::load_cached(source(paths), work, cache.clone());
    match cli.command {
        Some(Command::List(args)) => {
            with_corpus(load(&args.paths, Work::LIST), |c| list(c, args.json))
        }
        Some(Command::Speakers(args)) => with_corpus(load(&args.paths, Work::SPEAKERS), |c| {
            speakers(c, args.json)
        }),
        Some(Command::Entities(args)) => with_corpus(load(&args.paths, Work::ENTITIES), |c| {
            entities(c, args.json)
        }),
        Some(Command::Quotes(args)) => {
            with_corpus(load(&args.paths, Work::ALL), |c| quotes(c, args.json))
        }
        Some(Command::Search(args)) => match crate::search::parse(&args.query) {
            // Every match names its speaker, in articles too: quotations
            // need the whole analysis.
            Ok(q) => with_corpus(load(&args.paths, Work::ALL), |c| search(&c, &q, args.json)),
            Err(e) => {
                eprintln!("plenary: {e}");
                ExitCode::from(2)
            }
        },
        Some(Command::Cache(cmd)) => cache_command(cmd, cache),
        Some(Command::Annotations(cmd)) => annotations(cmd, data_dir(cli.data_dir)),
        Some(Command::Config(args)) => config(&args),
        None => open_reader(
            source(&cli.paths),
            data_dir(cli.data_dir),
            cli.config.as_deref(),
            cache,
        ),
    }
}

/// Loads the corpus with the analysis `work` needs, reports notices on
/// stderr, and exits 2 when nothing at all could be opened.
fn with_corpus(corpus: Corpus, run: impl FnOnce(Corpus) -> ExitCode) -> ExitCode {
    for n in &corpus.notices {
        eprintln!("plenary: {}", truncate(n, 400));
    }
    if corpus.docs.is_empty() {
        eprintln!("plenary: nothing to open");
        return ExitCode::from(2);
    }
    run(corpus)
}

/// The bundled corpus when no path is given, else the paths.
pub fn source(paths: &[PathBuf]) -> Source {
    if paths.is_empty() {
        Source::Bundled
    } else {
        Source::Paths(paths.to_vec())
    }
}

/// The bundled corpus when no path is given, else the paths, fully analysed.
pub fn load(paths: &[PathBuf]) -> Corpus {
    Corpus::load(source(paths), Work::ALL)
}

/// `plenary cache clear` / `plenary cache path`.
fn cache_command(cmd: CacheCommand, cache: Option<Cache>) -> ExitCode {
    let Some(cache) = cache else {
        eprintln!("plenary: no cache directory: use --cache-dir or PLENARY_CACHE_DIR");
        return ExitCode::from(2);
    };
    match cmd {
        CacheCommand::Path => print_out(&format!("{}\n", cache.dir().display())),
        CacheCommand::Clear => match cache.clear() {
            Ok((n, bytes)) => {
                eprintln!(
                    "plenary: removed {n} cached analyses ({:.1} MB) from {}",
                    bytes as f64 / 1e6,
                    cache.dir().display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("plenary: cannot clear {}: {e}", cache.dir().display());
                ExitCode::from(1)
            }
        },
    }
}

/// `--data-dir`, else `PLENARY_DATA_DIR`, else the platform's data
/// directory.
fn data_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(crate::annotations::default_data_dir)
}

/// `plenary config`: the defaults, where the file is looked for, or a check.
fn config(args: &ConfigArgs) -> ExitCode {
    if args.default {
        print!("{}", crate::config::default_text());
        return ExitCode::SUCCESS;
    }
    if args.path {
        match crate::config::default_path() {
            Some(p) => println!("{}", p.display()),
            None => eprintln!("plenary: no config directory on this system"),
        }
        return ExitCode::SUCCESS;
    }
    let Some(path) = &args.check else {
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("plenary: {}: cannot be read: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    match crate::config::Config::parse(&text, &path.display().to_string()) {
        Ok(_) => {
            println!("{}: ok", path.display());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            ExitCode::from(1)
        }
    }
}

/// The reader: the terminal opens at once; documents arrive from the
/// background loading while the user reads.
fn open_reader(
    source: Source,
    data_dir: Option<PathBuf>,
    config: Option<&Path>,
    cache: Option<Cache>,
) -> ExitCode {
    if let Source::Paths(paths) = &source
        && paths.iter().all(|p| std::fs::metadata(p).is_err())
    {
        for p in paths {
            eprintln!("plenary: {}: no such file or folder", p.display());
        }
        eprintln!("plenary: nothing to open");
        return ExitCode::from(2);
    }
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "plenary: standard output is not a terminal, so the reader cannot start; `plenary list` prints the document table"
        );
        return ExitCode::from(1);
    }
    // Opened files and folders are followed on disk; the bundled corpus
    // is not.
    let follower = match &source {
        Source::Paths(paths) => Some(crate::corpus::Follower::start(paths, cache.clone())),
        Source::Bundled => None,
    };
    let loader = Loader::start(source, Work::ALL, cache);
    let mut state = AppState::new(Corpus::default());
    state.loading = Some(crate::app::Loading::default());
    // What is wrong with the data directory is said before the screen
    // changes (the status bar says it again); the store itself opens on
    // its own thread, so a lock held elsewhere never delays the first frame.
    for w in data_dir
        .iter()
        .flat_map(|d| crate::annotations::preflight(d))
    {
        eprintln!("plenary: {}", crate::sanitize::plain(&w));
    }
    let session = data_dir
        .as_deref()
        .map(crate::app::session::Session::load)
        .unwrap_or_default();
    state.restore_session(&session);
    let mut store = state.open_notebook(data_dir.clone());
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (settings, problems) = crate::config::Config::load(config);
    for p in &problems {
        eprintln!("plenary: {p}");
    }
    state.apply_config(settings, problems);
    let result = crate::tui::run(&mut state, Some(loader), store.as_mut(), follower);
    // Where the reader was left, for the next start.
    if let Some(dir) = &data_dir
        && !state.corpus.docs.is_empty()
        && let Err(e) = session.capture(&state).save(dir)
    {
        eprintln!(
            "plenary: could not save the reading position in {}: {e}",
            crate::sanitize::plain(&dir.display().to_string())
        );
    }
    if let Some(store) = store {
        // The user's changes still on their way are saved before the
        // program ends.
        let wait = state.notebook.pending > 0;
        if wait {
            eprintln!("plenary: saving notes…");
        }
        store.finish(wait);
    }
    match result {
        Ok(()) if state.corpus.docs.is_empty() && state.loading_finished() => {
            for n in &state.corpus.notices {
                eprintln!("plenary: {}", truncate(n, 400));
            }
            eprintln!("plenary: nothing to open");
            ExitCode::from(2)
        }
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plenary: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

#[derive(Serialize)]
struct ListRow<'a> {
    path: &'a str,
    title: &'a str,
    kind: &'static str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    words: usize,
    /// The file's encoding when it was not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
}

fn list(corpus: Corpus, json: bool) -> ExitCode {
    let rows: Vec<ListRow> = corpus
        .docs
        .iter()
        .map(|d| ListRow {
            path: &d.path,
            title: &d.meta.title,
            kind: d.meta.kind.label(),
            date: d.meta.date.as_deref(),
            source: d.meta.source.as_deref(),
            words: d.meta.words,
            encoding: d.encoding,
        })
        .collect();
    if json {
        // Through a `Value`, whose keys are sorted, as they always were.
        return print_json_array(
            rows.iter()
                .map(|r| serde_json::to_value(r).unwrap_or_default()),
        );
    }
    print_out(&table(&rows))
}

fn table(rows: &[ListRow]) -> String {
    let mut out = format!(
        "{:<10}  {:<10}  {:<14}  {:>7}  {}\n",
        "KIND", "DATE", "SOURCE", "WORDS", "TITLE"
    );
    for r in rows {
        out.push_str(&format!(
            "{:<10}  {:<10}  {:<14}  {:>7}  {}\n",
            r.kind,
            truncate(r.date.unwrap_or("-"), 10),
            truncate(r.source.unwrap_or("-"), 14),
            r.words,
            match r.encoding {
                Some(e) => format!("{} ({e})", truncate(r.title, 80)),
                None => truncate(r.title, 80),
            },
        ));
    }
    out
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn print_out(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plenary: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

fn speakers(corpus: Corpus, json: bool) -> ExitCode {
    if json {
        let items = corpus.docs.iter().map(|d| {
            let mut item = crate::analysis::speakers::doc_json(&d.path, &d.text, &d.speakers);
            item["title"] = serde_json::Value::from(d.meta.title.as_str());
            item
        });
        return print_json_array(items);
    }
    let mut out = String::new();
    for doc in &corpus.docs {
        out.push_str(&doc_heading(doc));
        if !doc.speakers.is_transcript {
            out.push_str("  not a transcript\n\n");
            continue;
        }
        let total: usize = doc
            .speaker_stats
            .iter()
            .map(|s| s.words)
            .sum::<usize>()
            .max(1);
        for s in &doc.speaker_stats {
            out.push_str(&format!(
                "  {:<32} {:>4} turns {:>7} words {:>4}%\n",
                truncate(&s.speaker, 32),
                s.turns,
                s.words,
                s.words * 100 / total
            ));
        }
        out.push('\n');
    }
    print_out(&out)
}

fn entities(corpus: Corpus, json: bool) -> ExitCode {
    if json {
        let items = corpus
            .docs
            .iter()
            .map(|d| crate::analysis::entities::DocJson::new(&d.path, &d.text, &d.entities));
        return print_json_array(items);
    }
    let mut out = String::new();
    for doc in &corpus.docs {
        out.push_str(&doc_heading(doc));
        for g in &doc.entity_groups {
            out.push_str(&format!(
                "  {:<8} {:>4}  {}\n",
                g.kind.label(),
                g.count,
                truncate(&g.canonical, 80)
            ));
        }
        out.push('\n');
    }
    print_out(&out)
}

/// One match in `plenary search --json`: offsets in code points, the line
/// from 1.
#[derive(Serialize)]
struct SearchHit<'a> {
    path: &'a str,
    line: usize,
    start: usize,
    end: usize,
    speaker: Option<&'a str>,
    text: &'a str,
}

/// `plenary search`: every match, grep-like (`path:line: [speaker] text`)
/// or as JSON; exit code 1 when nothing matched, as grep.
fn search(corpus: &Corpus, query: &crate::search::Query, json: bool) -> ExitCode {
    let Ok(re) = query.matcher() else {
        return ExitCode::from(2);
    };
    let targets = crate::search::targets(corpus, query, None);
    let found = crate::search::search_all(&re, &targets);
    let total: usize = found.iter().map(Vec::len).sum();
    let code = if total == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if json {
        let mut items = Vec::with_capacity(total);
        for hits in &found {
            let Some(doc) = hits.first().and_then(|h| corpus.docs.get(h.doc)) else {
                continue;
            };
            let offsets = crate::search::char_offsets(
                &doc.text,
                hits.iter().flat_map(|h| [h.range.start, h.range.end]),
            );
            for (h, o) in hits.iter().zip(offsets.chunks(2)) {
                items.push(SearchHit {
                    path: &doc.path,
                    line: h.line,
                    start: o[0],
                    end: o[1],
                    speaker: h.speaker.as_deref(),
                    text: &doc.text[h.range.clone()],
                });
            }
        }
        let out = serde_json::to_string_pretty(&items).unwrap_or_default();
        let _ = print_out(&(out + "\n"));
        return code;
    }
    let mut out = String::new();
    for h in found.iter().flatten() {
        let doc = &corpus.docs[h.doc];
        let speaker = h
            .speaker
            .as_deref()
            .map(|s| format!("[{}] ", crate::sanitize::display(s, 0)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}:{}: {speaker}{}\n",
            crate::sanitize::display(&doc.path, 0),
            h.line,
            crate::search::context(&doc.text, h, 100)
        ));
    }
    let _ = print_out(&out);
    code
}

/// A document's title and path, as the text reports start each document.
fn doc_heading(doc: &crate::corpus::Document) -> String {
    format!(
        "{}\n  {}\n",
        truncate(&doc.meta.title, 100),
        crate::sanitize::display(&doc.path, 0)
    )
}

/// Writes a JSON array one element at a time, as each is made (the same
/// bytes as the whole array pretty-printed); a closed pipe is not an error.
fn print_json_array<T: Serialize>(items: impl IntoIterator<Item = T>) -> ExitCode {
    let mut array = JsonArray::new(std::io::BufWriter::new(std::io::stdout().lock()));
    let written = items
        .into_iter()
        .try_for_each(|item| array.push(&item))
        .and_then(|()| array.finish());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("plenary: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

fn quotes(corpus: Corpus, json: bool) -> ExitCode {
    if json {
        let docs: Vec<(&str, &str, bool)> = corpus
            .docs
            .iter()
            .map(|d| (d.path.as_str(), &*d.text, d.speakers.is_transcript))
            .collect();
        let mut report = crate::analysis::quotes::QuoteReport::new(&docs);
        let items = corpus
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| report.article(i, &d.quotes));
        return print_json_array(items);
    }
    let mut out = String::new();
    for doc in corpus.docs.iter().filter(|d| !d.speakers.is_transcript) {
        out.push_str(&doc_heading(doc));
        for q in &doc.quotes {
            let who = q.quote.speaker.as_deref().unwrap_or(corpus::UNKNOWN);
            let source = match &q.source {
                Some(s) if s.verbatim => "verbatim from the transcript",
                Some(_) => "altered from the transcript",
                None => "no source in the corpus",
            };
            out.push_str(&format!(
                "  {:<24} “{}” — {source}\n",
                truncate(who, 24),
                truncate(&doc.text[q.quote.range.clone()], 60)
            ));
        }
        out.push('\n');
    }
    print_out(&out)
}

fn annotations(cmd: AnnotationsCommand, dir: Option<PathBuf>) -> ExitCode {
    use crate::annotations::{ExportFormat, Store, export, write_file_atomic};
    let Some(dir) = dir else {
        eprintln!("plenary: no data directory: use --data-dir or PLENARY_DATA_DIR");
        return ExitCode::from(2);
    };
    // Listing and exporting read: nothing is written, moved or locked.
    let (store, warnings) = Store::open_read_only(dir);
    for w in warnings {
        eprintln!("plenary: {}", crate::sanitize::plain(&w));
    }
    let pick = |paths: &[PathBuf]| -> Vec<crate::annotations::Annotation> {
        store
            .annotations()
            .filter(|a| {
                paths.is_empty()
                    || paths
                        .iter()
                        .any(|p| crate::annotations::export::matches_path(a, p))
            })
            .cloned()
            .collect()
    };
    match cmd {
        AnnotationsCommand::List { paths, json } => {
            let chosen = pick(&paths);
            let out = if json {
                crate::annotations::export::list_json(&chosen)
            } else {
                crate::annotations::export::list_table(&chosen)
            };
            print_out(&out)
        }
        AnnotationsCommand::Export { paths, format, out } => {
            let format: ExportFormat = match format.parse() {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("plenary: {e}");
                    return ExitCode::from(2);
                }
            };
            let chosen = pick(&paths);
            // Current texts give line numbers in the Markdown.
            let mut texts = crate::annotations::export::DocTexts::new();
            for a in &chosen {
                if let Ok(t) = std::fs::read_to_string(&a.document.path) {
                    texts.insert(a.document.path.clone(), t);
                }
            }
            if chosen.iter().any(|a| !texts.contains_key(&a.document.path)) {
                for (path, text) in corpus::bundled_texts() {
                    texts.entry(path).or_insert(text);
                }
            }
            let text = export(&chosen, format, &texts);
            match out {
                None => print_out(&text),
                Some(path) => match write_file_atomic(&path, text.as_bytes(), false) {
                    Ok(()) => {
                        eprintln!(
                            "plenary: wrote {} annotations to {}",
                            chosen.len(),
                            path.display()
                        );
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("plenary: cannot write {}: {e}", path.display());
                        ExitCode::from(1)
                    }
                },
            }
        }
    }
}

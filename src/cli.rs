//! The command line: `plenary [PATH]...` opens the reader; subcommands print
//! what the reader shows, for scripts.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::app::AppState;
use crate::corpus::{self, Corpus, LoadOptions};
use crate::reflow::truncate;

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
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Files and folders (default: the bundled sample corpus)
    pub paths: Vec<PathBuf>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::List(args)) => with_corpus(&args.paths, |c| list(c, args.json)),
        Some(Command::Speakers(args)) => with_corpus(&args.paths, |c| speakers(c, args.json)),
        Some(Command::Entities(args)) => with_corpus(&args.paths, |c| entities(c, args.json)),
        Some(Command::Quotes(args)) => with_corpus(&args.paths, |c| quotes(c, args.json)),
        None => with_corpus(&cli.paths, open_reader),
    }
}

/// Loads the corpus, reports notices on stderr, and exits 2 when nothing at
/// all could be opened.
fn with_corpus(paths: &[PathBuf], run: impl FnOnce(Corpus) -> ExitCode) -> ExitCode {
    let corpus = load(paths);
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
pub fn load(paths: &[PathBuf]) -> Corpus {
    if paths.is_empty() {
        corpus::bundled()
    } else {
        corpus::load_paths(paths, &LoadOptions::default())
    }
}

fn open_reader(corpus: Corpus) -> ExitCode {
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "plenary: standard output is not a terminal, so the reader cannot start; `plenary list` prints the document table"
        );
        return ExitCode::from(1);
    }
    let mut state = AppState::new(corpus);
    state.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match crate::tui::run(&mut state) {
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
        })
        .collect();
    let out = if json {
        serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
    } else {
        table(&rows)
    };
    print_out(&out)
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
            r.date.unwrap_or("-"),
            truncate(r.source.unwrap_or("-"), 14),
            r.words,
            truncate(r.title, 80),
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
    use crate::analysis::speakers::{self, stats};
    if json {
        let mut value = speakers::report_json(&corpus.path_texts());
        if let Some(items) = value.as_array_mut() {
            for (item, doc) in items.iter_mut().zip(&corpus.docs) {
                item["title"] = serde_json::Value::from(doc.meta.title.as_str());
            }
        }
        return print_out(&(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"));
    }
    let mut out = String::new();
    for doc in &corpus.docs {
        out.push_str(&format!(
            "{}\n  {}\n",
            truncate(&doc.meta.title, 100),
            doc.path
        ));
        if !doc.speakers.is_transcript {
            out.push_str("  not a transcript\n\n");
            continue;
        }
        let st = stats(&doc.speakers, &doc.text);
        let total: usize = st.iter().map(|s| s.words).sum::<usize>().max(1);
        for s in st {
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
    use crate::analysis::entities::report_json;
    if json {
        let value = report_json(&corpus.path_texts());
        return print_out(&(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"));
    }
    let mut out = String::new();
    for doc in &corpus.docs {
        out.push_str(&format!(
            "{}\n  {}\n",
            truncate(&doc.meta.title, 100),
            doc.path
        ));
        for g in crate::app::entity_groups(doc, "") {
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

fn quotes(corpus: Corpus, json: bool) -> ExitCode {
    if json {
        let docs: Vec<(&str, &str, bool)> = corpus
            .docs
            .iter()
            .map(|d| (d.path.as_str(), d.text.as_str(), d.speakers.is_transcript))
            .collect();
        let quotes: Vec<_> = corpus.docs.iter().map(|d| d.quotes.clone()).collect();
        let value = crate::analysis::quotes::report_json(&docs, &quotes);
        return print_out(&(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"));
    }
    let mut out = String::new();
    for doc in corpus.docs.iter().filter(|d| !d.speakers.is_transcript) {
        out.push_str(&format!(
            "{}\n  {}\n",
            truncate(&doc.meta.title, 100),
            doc.path
        ));
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

//! The terminal: set it up, run the event loop, and always give it back —
//! on quit, on panic, and on SIGTERM/SIGHUP.

use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};

use crate::app::{self, Action, AppState, StoreWorker, Viewports};
use crate::corpus::{Follower, Loader};
use crate::ui;

/// Puts the terminal back as we found it. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

fn setup() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Runs the reader in the real terminal until the user quits or a
/// termination signal arrives.
pub fn run(
    state: &mut AppState,
    loader: Option<Loader>,
    store: Option<&mut StoreWorker>,
    follower: Option<Follower>,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    watch_for_hangup(Arc::clone(&stop));
    let mut terminal = match setup() {
        Ok(t) => t,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    let result = event_loop(
        &mut terminal,
        state,
        &stop,
        loader.as_ref(),
        store,
        follower.as_ref(),
    );
    restore();
    result
}

/// Longest wait for input while the background still reports: its events
/// are taken in this often.
const LOADING_TICK: Duration = Duration::from_millis(25);

/// Until the first document is on screen, its arrival is looked for this
/// often.
const FIRST_TICK: Duration = Duration::from_millis(2);

/// While events stream in, the screen is redrawn at most this often.
const FRAME_INTERVAL: Duration = Duration::from_millis(40);

/// How long after a digit key that focused a pane (`1` `2` `3`) the next
/// keys may still make it a count.
const PANE_DIGIT_COUNT: Duration = Duration::from_millis(1000);

/// At most this many background events are taken in between two looks at
/// the keyboard, so keys answer at once however fast documents arrive.
const EVENTS_PER_TURN: usize = 512;

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut AppState,
    stop: &AtomicBool,
    loader: Option<&Loader>,
    mut store: Option<&mut StoreWorker>,
    follower: Option<&Follower>,
) -> io::Result<()>
where
    B::Error: Into<io::Error>,
{
    let mut vp = Viewports::default();
    // Input (and the first frame) draws at once; background news waits
    // for the frame interval.
    let mut dirty = true;
    let mut news = false;
    let mut last_frame: Option<Instant> = None;
    let mut loading = loader.is_some();
    let mut drawn_any = false;
    // Searches running off the UI thread.
    let mut searches: Vec<crate::search::Running> = Vec::new();
    let mut last_key = Instant::now();
    while !state.quit && !stop.load(Ordering::Relaxed) {
        // The first document is drawn the moment it arrives; after that,
        // news is drawn at most once a frame interval.
        if news && (!drawn_any || last_frame.is_none_or(|t| t.elapsed() >= FRAME_INTERVAL)) {
            dirty = true;
        }
        if dirty {
            terminal
                .draw(|f| ui::render(f, state, &mut vp))
                .map_err(Into::into)?;
            dirty = false;
            news = false;
            drawn_any = !state.corpus.docs.is_empty();
            last_frame = Some(Instant::now());
        }
        if let (true, Some(loader)) = (loading, loader) {
            loader.prioritise(state.open);
            for event in loader.events.try_iter().take(EVENTS_PER_TURN) {
                let last = matches!(event, crate::corpus::LoadEvent::Finished);
                state.apply_load(event);
                news = true;
                if last {
                    loading = false;
                    app::rerun_after_loading(state);
                    break;
                }
            }
        }
        // Changes on disk, once the loading is over.
        if let (false, Some(follower)) = (loading, follower) {
            for event in follower.events.try_iter().take(EVENTS_PER_TURN) {
                state.apply_follow(event);
                news = true;
            }
            if let Some(generation) = state.follow.take_relink() {
                follower.relink(state.corpus.link_inputs(None), generation);
            }
        }
        // The store's answers, and the changes asked for meanwhile (by
        // keys, by documents arriving), go to and from its thread.
        match store.as_deref_mut() {
            Some(store) => {
                if store.poll(state) {
                    news = true;
                }
            }
            None => state.effects.clear(),
        }
        // Searches asked for start; those not wanted any more stop (when
        // dropped); the news of the others comes in.
        for job in state.search_jobs.drain(..) {
            searches.push(crate::search::worker::start(job));
        }
        searches.retain(|r| state.search_live.contains(&r.job));
        for running in &searches {
            let events: Vec<_> = running.events.try_iter().take(EVENTS_PER_TURN).collect();
            for event in events {
                app::apply_search(state, &vp, event);
                news = true;
            }
        }
        let store_busy = store.as_deref().is_some_and(StoreWorker::busy) || !searches.is_empty();
        let wait = if !drawn_any && loading {
            FIRST_TICK
        } else if loading || news || store_busy {
            LOADING_TICK
        } else {
            Duration::from_millis(200)
        };
        // A digit that focused a pane begins a count only if the count
        // follows at once (`10j`, `3J`); after a pause it is forgotten.
        if state.pending.refocus.is_some() && last_key.elapsed() >= PANE_DIGIT_COUNT {
            state.pending = Default::default();
        }
        if !event::poll(wait.min(PANE_DIGIT_COUNT))? {
            continue;
        }
        let event = event::read()?;
        if matches!(event, Event::Key(_)) {
            last_key = Instant::now();
        }
        if let Some(action) = to_action(event, state) {
            app::update(state, &vp, action);
            if let Some(text) = state.clipboard.take() {
                copy_to_clipboard(&text);
            }
            if let Some(store) = store.as_deref_mut() {
                store.submit(state);
            }
            dirty = true;
        }
    }
    Ok(())
}

/// Writes the OSC 52 sequence that puts `text` on the clipboard (see
/// `clipboard`); a terminal that does not know it ignores it.
fn copy_to_clipboard(text: &str) {
    use std::io::Write;
    let tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    let mut out = io::stdout();
    let _ = out.write_all(crate::clipboard::osc52(text, tmux).as_bytes());
    let _ = out.flush();
}

/// Ends the program when a termination signal arrives or the terminal goes
/// away, even while the main thread waits inside a terminal read (a closed
/// terminal reads as endless end-of-file, so the event loop may never see
/// the flag). Restores the terminal first.
fn watch_for_hangup(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut ticks = 0u32;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            ticks += 1;
            let gone = ticks.is_multiple_of(10) && terminal_gone();
            if stop.load(Ordering::Relaxed) || gone {
                // Give the event loop a moment to leave cleanly by itself.
                std::thread::sleep(Duration::from_millis(300));
                restore();
                std::process::exit(if gone { 1 } else { 0 });
            }
        }
    });
}

/// The terminal was closed under us: its size can no longer be read, or
/// (on Linux) the terminal device behind standard input was deleted.
fn terminal_gone() -> bool {
    let size_gone = matches!(
        crossterm::terminal::size(),
        Err(_) | Ok((0, _)) | Ok((_, 0))
    );
    let device_gone = std::fs::read_link("/proc/self/fd/0")
        .is_ok_and(|p| p.to_string_lossy().ends_with(" (deleted)"));
    size_gone || device_gone
}

/// Terminal events to actions: key presses through the keymap, wheel and
/// clicks, resizes.
pub fn to_action(ev: Event, state: &mut AppState) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            let AppState {
                keymap,
                pending,
                mode,
                focus,
                ..
            } = state;
            keymap.resolve(pending, mode, *focus, &k)
        }
        // The mouse ends a sequence or count being typed.
        Event::Mouse(_) if std::mem::take(&mut state.pending).shown() => None,
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                x: m.column,
                y: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                x: m.column,
                y: m.row,
                down: false,
            }),
            MouseEventKind::Drag(_) => Some(Action::Drag {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::Down(_) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        Event::Resize(..) => Some(Action::Resize),
        _ => None,
    }
}

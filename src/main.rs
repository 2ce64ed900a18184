//! The `kumppani` binary: parse arguments, run one command, print the report, set the exit code.

mod cli;

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::Parser;

use cli::{Cli, Command, Format, I18nCommand};
use kumppani::config::Overrides;
use kumppani::serve::{self, Live, Notes};
use kumppani::watch::{self, Ended, Event};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, print_timings) = match cli.command {
        Command::Build {
            root,
            out,
            force,
            timings,
            watch,
            drafts,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let options = kumppani::Options {
                root,
                out,
                force,
                overrides: Overrides {
                    drafts,
                    ..Overrides::from_env(base_url)
                },
            };
            if watch {
                return watch_and_serve(&options, None);
            }
            (kumppani::build(&options), timings)
        }
        Command::Check {
            root,
            format,
            base_url,
        } => return check(&root, &Overrides::from_env(base_url), format),
        Command::I18n { command } => return i18n(command),
        Command::Serve {
            root,
            out,
            port,
            open,
            base_url,
            interface,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            // The preview shows drafts: it is where an editor reads them.
            let options = kumppani::Options {
                root,
                out,
                force: false,
                overrides: Overrides {
                    drafts: true,
                    ..Overrides::from_env(base_url)
                },
            };
            return watch_and_serve(
                &options,
                Some(ServeAt {
                    interface,
                    port,
                    open,
                }),
            );
        }
    };
    match result {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            println!("{report}");
            if print_timings {
                println!("{}", report.timings);
            }
            print_summary(&report.warnings);
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprint!("{errors}");
            eprintln!("{} error(s); nothing was written", errors.0.len());
            ExitCode::FAILURE
        }
    }
}

fn check(root: &std::path::Path, overrides: &Overrides, format: Format) -> ExitCode {
    use std::io::IsTerminal;
    let report = kumppani::check::run_with(root, overrides);
    match format {
        Format::Json => print!("{}", report.to_json()),
        Format::Text => eprint!("{}", report.to_text(root, std::io::stderr().is_terminal())),
    }
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn i18n(command: I18nCommand) -> ExitCode {
    use kumppani::check::{diff, messages, status, translated};
    let result = match command {
        I18nCommand::Status { root } => {
            status::status(&root).map(|rows| print!("{}", status::table(&rows)))
        }
        I18nCommand::MarkTranslated {
            pages,
            message,
            messages: all,
            lang,
            root,
        } => {
            if pages.is_empty() && message.is_empty() && !all {
                eprintln!(
                    "error: name the translated pages (paths or globs), or messages with --message KEY or --messages"
                );
                return ExitCode::FAILURE;
            }
            let what = messages::MarkMessages {
                lang: lang.as_deref(),
                keys: &message,
                all,
            };
            mark_pages(&root, &pages).and_then(|()| {
                if message.is_empty() && !all {
                    return Ok(());
                }
                messages::mark(&root, &what).map(|lines| {
                    lines
                        .iter()
                        .filter(|l| !l.is_empty())
                        .for_each(|l| println!("{l}"));
                })
            })
        }
        I18nCommand::Diff {
            page,
            message,
            lang,
            root,
        } => match (page, message) {
            (_, Some(key)) => diff::message(&root, &key, lang.as_deref()),
            (Some(page), None) => translated::resolve_pages(&root, &[page.display().to_string()])
                .and_then(|pages| {
                    pages
                        .iter()
                        .map(|p| diff::page(&root, p))
                        .collect::<Result<String, _>>()
                }),
            (None, None) => {
                eprintln!("error: name a translated page, or a message with --message KEY");
                return ExitCode::FAILURE;
            }
        }
        .map(|text| print!("{text}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            eprint!("{errors}");
            ExitCode::FAILURE
        }
    }
}

/// Marks each page that `args` name (paths or globs); reports every page it cannot mark and
/// still marks the others.
fn mark_pages(root: &std::path::Path, args: &[String]) -> Result<(), kumppani::Errors> {
    use kumppani::check::translated;
    let pages = translated::resolve_pages(root, args)?;
    let mut errors = Vec::new();
    for page in pages {
        match translated::mark_translated(root, &page) {
            Ok(hash) => println!("{}: translated_from: {hash}", page.display()),
            Err(e) => errors.extend(e.0),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(kumppani::Errors(errors))
    }
}

/// Where `serve` listens: `--interface`, `--port`, `--open`.
struct ServeAt {
    interface: std::net::IpAddr,
    port: u16,
    open: bool,
}

/// `build --watch` and `serve`: build, then rebuild on every save until killed. `serve` is
/// the same watch with a server beside it that each build's outcome is told to.
fn watch_and_serve(options: &kumppani::Options, serve: Option<ServeAt>) -> ExitCode {
    // Watch before the first build, so that no save made during it is missed.
    let watching = match watch::Watching::new(&options.root) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let live = match serve {
        Some(at) => match start_server(options, &at) {
            Some(live) => Some(live),
            None => return ExitCode::FAILURE,
        },
        None => None,
    };
    // Under `serve`, the pages browsers show are rebuilt first.
    let watching = match &live {
        Some(live) => {
            let told = Arc::clone(live);
            watching.showing_first(live.open_pages(), Arc::new(move |urls| told.ahead(urls)))
        }
        None => watching,
    };
    let stop = AtomicBool::new(false);
    let ended = watching.run(options, &stop, |event| {
        on_event(options, live.as_deref(), event);
    });
    match ended {
        Ended::Stopped => ExitCode::SUCCESS,
        Ended::NeverBuilt => ExitCode::FAILURE,
    }
}

/// Starts the preview server and says where it is; `None` (after printing why) when it
/// cannot listen.
fn start_server(options: &kumppani::Options, at: &ServeAt) -> Option<Arc<Live>> {
    let ServeAt {
        interface,
        port,
        open,
    } = *at;
    if interface != std::net::IpAddr::from([127, 0, 0, 1]) {
        eprintln!(
            "warning: --interface {interface}: the preview is reachable from other machines, not only this one"
        );
    }
    let live = Arc::new(Live::default());
    let started = match serve::start(interface, port, options.out.clone(), Arc::clone(&live)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on {interface} near port {port}: {e}");
            return None;
        }
    };
    if port != 0 && started.port != port {
        println!("port {port} is in use; using {} instead", started.port);
    }
    println!("serving {} at {}", options.out.display(), started.url);
    if open {
        open_browser(&started.url);
    }
    Some(live)
}

/// Prints what the watch loop reports; under `serve`, tells the browser first, so that
/// whoever reads the line finds the browser state current.
fn on_event(options: &kumppani::Options, live: Option<&Live>, event: Event<'_>) {
    let built = |session: &watch::Session| {
        if let Some(live) = live {
            live.built(session.localized(), Notes::of(session));
        }
    };
    let failed = |errors: &kumppani::Errors| {
        if let Some(live) = live {
            live.failed(errors.to_string());
        }
        eprint!("{errors}");
    };
    match event {
        Event::Started(session, report) => {
            built(session);
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            println!("{report}");
            print_summary(&report.warnings);
            println!("watching content/, templates/ and i18n/ for changes (Ctrl-C stops)");
        }
        Event::NotStarted(errors) => {
            failed(errors);
            eprintln!(
                "{} error(s); nothing was written; fix and save to build",
                errors.0.len()
            );
        }
        Event::Rebuilt(changes, session, rebuild) => {
            built(session);
            for w in &rebuild.warnings {
                eprintln!("warning: {w}");
            }
            println!("{rebuild}");
            print_summary(&rebuild.warnings);
            fluent_problems(&options.root, changes);
        }
        Event::Failed(changes, _, errors) => {
            failed(errors);
            eprintln!(
                "{} error(s); the last good output stays, fix and save to rebuild",
                errors.0.len()
            );
            fluent_problems(&options.root, changes);
        }
    }
    let _ = std::io::stdout().flush();
}

/// The warnings by kind, with their places, after the build's line; nothing when there are
/// none. Printed after stdout's line is out, so that the two streams read in order.
fn print_summary(warnings: &[kumppani::Warning]) {
    if let Some(summary) = kumppani::summary(warnings) {
        let _ = std::io::stdout().flush();
        eprint!("{summary}");
    }
}

/// A translator who saves an .ftl file sees at once what `check` would say of the messages:
/// missing in a language, obsolete, variables or attributes that differ.
fn fluent_problems(root: &std::path::Path, changes: &[watch::Change]) {
    use std::io::IsTerminal;
    if changes
        .iter()
        .any(|c| matches!(c, watch::Change::Fluent(_)))
    {
        let report = kumppani::check::fluent_report(root);
        if !report.problems.is_empty() {
            eprint!("{}", report.to_text(root, std::io::stderr().is_terminal()));
        }
    }
}

/// Opens `url` with the desktop's browser; failing to is not an error.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not start {opener}; open {url} yourself");
    }
}

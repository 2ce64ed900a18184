//! The `kumppani` binary: parse arguments, run one command, print the report, set the exit code.

mod cli;

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::Parser;

use cli::{Cli, Command, Format, I18nCommand};
use kumppani::config::Overrides;
use kumppani::watch::{self, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, print_timings) = match cli.command {
        Command::Build {
            root,
            out,
            force,
            timings,
            watch,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let options = kumppani::Options {
                root,
                out,
                force,
                overrides: Overrides::from_env(base_url),
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
            let options = kumppani::Options {
                root,
                out,
                force: false,
                overrides: Overrides::from_env(base_url),
            };
            return watch_and_serve(&options, Some((interface, port, open)));
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
    let result = match command {
        I18nCommand::Status { root } => kumppani::check::status::status(&root)
            .map(|rows| print!("{}", kumppani::check::status::table(&rows))),
        I18nCommand::MarkTranslated { page, root } => {
            kumppani::check::translated::mark_translated(&root, &page)
                .map(|hash| println!("{}: translated_from: {hash}", page.display()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            eprint!("{errors}");
            ExitCode::FAILURE
        }
    }
}

/// `build --watch` and `serve`: build, then rebuild on every save until killed.
fn watch_and_serve(
    options: &kumppani::Options,
    serve: Option<(std::net::IpAddr, u16, bool)>,
) -> ExitCode {
    // Watch before the first build, so that no save made during it is missed.
    let watching = match watch::Watching::new(&options.root) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let live = Arc::new(kumppani::serve::Live::default());
    if let Some((interface, port, open)) = serve {
        if interface != std::net::IpAddr::from([127, 0, 0, 1]) {
            eprintln!(
                "warning: --interface {interface}: the preview is reachable from other machines, not only this one"
            );
        }
        let serving = match kumppani::serve::bind_on(interface, port) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: cannot listen on {interface} near port {port}: {e}");
                return ExitCode::FAILURE;
            }
        };
        if port != 0 && serving.port != port {
            println!("port {port} is in use; using {} instead", serving.port);
        }
        let url = format!(
            "http://{}/",
            std::net::SocketAddr::new(interface, serving.port)
        );
        println!("serving {} at {url}", options.out.display());
        if open {
            open_browser(&url);
        }
        let out = options.out.clone();
        let live = Arc::clone(&live);
        std::thread::spawn(move || serving.run(out, live));
    }
    let stop = AtomicBool::new(false);
    // A site that does not build yet is waited for: each save retries the full build.
    let mut session = loop {
        match watch::Session::start(options) {
            Ok((session, report)) => {
                live.built(
                    session.localized(),
                    kumppani::serve::Notes::of(&options.root, &session),
                );
                println!("{report}");
                break session;
            }
            Err(errors) => {
                live.failed(errors.to_string());
                eprint!("{errors}");
                eprintln!(
                    "{} error(s); nothing was written; fix and save to build",
                    errors.0.len()
                );
                let _ = std::io::stdout().flush();
                if watching.next_batch(&stop).is_none() {
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    println!("watching content/, templates/ and i18n/ for changes (Ctrl-C stops)");
    let _ = std::io::stdout().flush();
    watching.run(&mut session, &stop, |changes, outcome| {
        match outcome {
            // The browser state first, so that whoever reads the line finds it current.
            Outcome::Rebuilt(s, r) => {
                live.built(s.localized(), kumppani::serve::Notes::of(&options.root, s));
                println!("{r}");
            }
            Outcome::Failed(_, errors) => {
                live.failed(errors.to_string());
                eprint!("{errors}");
                eprintln!(
                    "{} error(s); the last good output stays, fix and save to rebuild",
                    errors.0.len()
                );
            }
        }
        // A translator who saves an .ftl file sees at once what `check` would say of the
        // messages: missing in a language, obsolete, variables or attributes that differ.
        if changes
            .iter()
            .any(|c| matches!(c, watch::Change::Fluent(_)))
        {
            use std::io::IsTerminal;
            let report = kumppani::check::fluent_report(&options.root);
            if !report.problems.is_empty() {
                eprint!(
                    "{}",
                    report.to_text(&options.root, std::io::stderr().is_terminal())
                );
            }
        }
        let _ = std::io::stdout().flush();
    });
    ExitCode::SUCCESS
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

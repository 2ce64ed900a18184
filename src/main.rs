//! The `kumppani` binary: parse arguments, run one command, print the report, set the exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, Format, I18nCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, print_timings) = match cli.command {
        Command::Build {
            root,
            out,
            force,
            timings,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            (
                kumppani::build(&kumppani::Options { root, out, force }),
                timings,
            )
        }
        Command::Check { root, format } => return check(&root, format),
        Command::I18n { command } => return i18n(command),
    };
    match result {
        Ok(report) => {
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

fn check(root: &std::path::Path, format: Format) -> ExitCode {
    use std::io::IsTerminal;
    let report = kumppani::check(root);
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

//! The `kumppani` binary: parse arguments, run one command, print the report, set the exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { root, out, force } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            kumppani::build(&kumppani::Options { root, out, force })
        }
        Command::Check { root } => kumppani::check(&root),
    };
    match result {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprint!("{errors}");
            eprintln!("{} error(s); nothing was written", errors.0.len());
            ExitCode::FAILURE
        }
    }
}

//! The `kumppani` binary: parse arguments, run one command, print the report, set the exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut print_timings = false;
    let result = match cli.command {
        Command::Build {
            root,
            out,
            force,
            timings,
        } => {
            print_timings = timings;
            let out = out.unwrap_or_else(|| root.join("public"));
            kumppani::build(&kumppani::Options { root, out, force })
        }
        Command::Check { root } => kumppani::check(&root),
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

//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// kumppani: builds the Finnish–Swedish portal of the state–city partnerships.
#[derive(Debug, Parser)]
#[command(name = "kumppani", version, about)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the whole site into the output directory.
    Build {
        /// Site root (holds content/, templates/, i18n/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output directory [default: ROOT/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace the output directory even if it is not a previous kumppani output.
        #[arg(long)]
        force: bool,
        /// After the build, watch content/, templates/ and i18n/ and rebuild on every save.
        #[arg(long)]
        watch: bool,
    },
    /// Validate everything a build validates, without writing output.
    Check {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Build, watch, and serve the output on 127.0.0.1 with live reload.
    Serve {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output directory [default: ROOT/public].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Port to try first; the next free one is used if it is taken.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
}

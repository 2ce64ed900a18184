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
        /// Also print the time of each stage on one line (used by the `bench` binary).
        #[arg(long)]
        timings: bool,
        /// After the build, watch content/, templates/ and i18n/ and rebuild on every save.
        #[arg(long)]
        watch: bool,
        /// Also build the pages marked `draft: true` (serve always does).
        #[arg(long)]
        drafts: bool,
        /// Absolute URL of the published site (`https://host/` or `https://host/sub/path/`),
        /// overriding `base_url` in content/site.yaml and the KUMPPANI_BASE_URL variable.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Validate everything a build validates, plus translations, without writing output.
    Check {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for terminals (on stderr), `json` for CI (on stdout).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Absolute URL of the published site (`https://host/` or `https://host/sub/path/`),
        /// overriding `base_url` in content/site.yaml and the KUMPPANI_BASE_URL variable.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
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
        /// Address to listen on; anything but 127.0.0.1 makes the preview reachable from
        /// elsewhere and is printed as a warning.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Absolute URL of the published site (`https://host/` or `https://host/sub/path/`),
        /// overriding `base_url` in content/site.yaml and the KUMPPANI_BASE_URL variable.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Translators' tools.
    I18n {
        /// The i18n command.
        #[command(subcommand)]
        command: I18nCommand,
    },
}

/// Output form of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// file:line:col, the source line, the span underlined.
    Text,
    /// An array of {severity, file, line, column, code, message}.
    Json,
}

/// `kumppani i18n …`.
#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Per language: messages translated/total, pages translated/total, percentage.
    Status {
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Record in each translated page's front matter the hash of the reference page it
    /// translates (title, description, slug and body), and keep that text for `i18n diff`;
    /// with --message / --messages, the same for Fluent messages.
    MarkTranslated {
        /// Translated pages: paths or globs (`content/**/*.sv.md`), relative to the current
        /// directory or to the root.
        pages: Vec<String>,
        /// A Fluent message to mark as translated from the reference message as it is now
        /// (repeatable).
        #[arg(long, value_name = "KEY")]
        message: Vec<String>,
        /// Mark every message that is not marked yet (stale ones are left for a look).
        #[arg(long)]
        messages: bool,
        /// Only this language's messages [default: every translation language].
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Show what changed in the reference text since a translation was made (unified diff).
    Diff {
        /// The translated page, e.g. content/partnerships/x.sv.md (relative to the current
        /// directory or to the root).
        page: Option<PathBuf>,
        /// A Fluent message instead of a page.
        #[arg(long, value_name = "KEY", conflicts_with = "page")]
        message: Option<String>,
        /// With --message: only this language [default: every translation language].
        #[arg(long, value_name = "LANG", requires = "message")]
        lang: Option<String>,
        /// Site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

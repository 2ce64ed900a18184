//! The README's Commands table documents every flag each command takes, as `--help` lists it.

mod support;

use std::process::Command;

fn flags(args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_kumppani"))
        .args(args)
        .arg("--help")
        .output()
        .expect("kumppani runs");
    assert!(out.status.success(), "{args:?} --help");
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut found: Vec<String> = help
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("--") && w.len() > 2 && *w != "--help")
        .map(str::to_string)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_commands_table_documents_every_flag_of_every_command() {
    let readme = std::fs::read_to_string(support::repo_root().join("README.md")).unwrap();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| *l != "## Commands")
        .take_while(|l| !l.starts_with("## ") || *l == "## Commands")
        .filter(|l| l.starts_with("| `kumppani "))
        .collect();
    assert!(table.len() >= 6, "{table:#?}");
    let commands: [&[&str]; 6] = [
        &["build"],
        &["check"],
        &["serve"],
        &["i18n", "status"],
        &["i18n", "mark-translated"],
        &["i18n", "diff"],
    ];
    let mut missing = Vec::new();
    for command in commands {
        let name = format!("| `kumppani {}", command.join(" "));
        let rows: Vec<&&str> = table.iter().filter(|r| r.starts_with(&name)).collect();
        assert!(
            !rows.is_empty(),
            "no row for `kumppani {}`",
            command.join(" ")
        );
        for flag in flags(command) {
            if !rows.iter().any(|r| r.contains(&flag)) {
                missing.push(format!("kumppani {} {flag}", command.join(" ")));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the README's Commands table: {missing:#?}"
    );
}

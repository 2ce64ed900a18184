//! Strict shortcodes on the portal: a case the language's city names do not have fails the
//! build with the cases it has (the argument checks are in `tests/catalogue.rs`).

mod support;

use support::TestSite;

const ALLIANCE_FI: &str = "content/partnerships/strategic-alliance.fi.md";

#[test]
fn an_unknown_case_name_is_an_error_listing_the_cases_of_that_language() {
    let site = TestSite::repo()
        .edit(ALLIANCE_FI, |s| {
            s + "\nTyötä koordinoidaan {{ city(id=\"oulu\", case=\"inessiivi\") }}.\n"
        })
        .build_fails();
    let line = site
        .stderr()
        .lines()
        .find(|l| l.contains("inessiivi"))
        .unwrap_or_default()
        .to_string();
    let lines = std::fs::read_to_string(site.root.join(ALLIANCE_FI))
        .unwrap()
        .lines()
        .count();
    assert_eq!(
        line,
        format!(
            "error: {ALLIANCE_FI}:{lines}:40: unknown case `inessiivi` (cases in `fi`: adessive, elative, genitive, illative, inessive, locative, nominative) — did you mean `inessive`?"
        )
    );
    assert!(!site.out().join("fi").exists(), "nothing is published");
}

//! Typography of rendered pages by language: non-breaking spaces where Finnish and Swedish
//! typesetting forbids a line break, so that no editor types them by hand.
//!
//! Applied to the text of a whole rendered HTML page (never inside tags, attributes, scripts,
//! styles, `pre`, `code` or `textarea`): inside phone numbers (`050 408 4422`), in `4 a §`,
//! between a number and its unit or sign (`25 %`, `13 000`, `5 milj. euroa`), after `S:t`
//! (Swedish) and between a date and `klo` / `kl.` and the time after it.

use std::sync::LazyLock;

use regex::Regex;

/// U+00A0 NO-BREAK SPACE.
pub const NBSP: char = '\u{a0}';

/// One rule: a pattern whose plain spaces (U+0020) inside the match, or inside its first group
/// where it has one, become non-breaking. (The regex crate has no look-ahead: a pattern that
/// must see the character after the match takes it outside the group.)
struct Rule(Regex);

fn rule(pattern: &str) -> Rule {
    // The patterns are constants of this module; the unit tests compile every one of them.
    Rule(Regex::new(pattern).unwrap_or_else(|e| unreachable!("typography pattern: {e}")))
}

/// Rules for every language.
static COMMON: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        // Phone numbers: a leading 0 or +358 and groups of digits (`0295 160 123`).
        rule(r"(?:\+\d{1,3}|\b0\d{1,3})(?: \d{2,4}){1,4}\b"),
        // Thousands in groups of three (`13 000`, `1 200 000`).
        rule(r"\b\d{1,3}(?: \d{3})+\b"),
        // Sections of an act: `4 a §`, `4 §`, `§ 4`.
        rule(r"\b\d+(?: [a-zåäö])? §|§ \d"),
        // A number and its unit or sign.
        rule(&format!(
            r"(\d (?:{}))(?:[^\p{{L}}\p{{N}}]|$)",
            UNITS.map(regex::escape).join("|")
        )),
    ]
});

/// The units and signs a number keeps on its line (in the order the pattern tries them).
const UNITS: [&str; 33] = [
    "%",
    "‰",
    "€",
    "$",
    "£",
    "°C",
    "km²",
    "km",
    "m²",
    "m³",
    "cm",
    "mm",
    "m",
    "kg",
    "t",
    "h",
    "min",
    "kW",
    "MW",
    "kWh",
    "MWh",
    "GWh",
    "milj.",
    "mrd.",
    "mn",
    "md",
    "euroa",
    "euron",
    "euro",
    "kronor",
    "kr",
    "prosenttia",
    "procent",
];

/// Finnish: `23.5.2024 klo 10.00`.
static FI: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(r"\b\d{1,2}\.\d{1,2}\.(?:\d{4})? klo\b"),
        rule(r"\bklo \d"),
    ]
});

/// Swedish: `S:t Michel`, `23.5.2024 kl. 10.00`.
static SV: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(r"\bS:ta? \p{L}"),
        rule(r"\b\d{1,2}\.\d{1,2}\.(?:\d{4})? kl\."),
        rule(r"\bkl\. \d"),
    ]
});

fn rules_for(lang: &str) -> impl Iterator<Item = &'static Rule> {
    let own: &[Rule] = match lang {
        "fi" => &FI,
        "sv" => &SV,
        _ => &[],
    };
    COMMON.iter().chain(own)
}

/// `text` (plain text, no markup) with the rules of `lang` applied.
pub fn text(text: &str, lang: &str) -> String {
    let mut out = text.to_string();
    if !may_apply(text, lang) {
        return out;
    }
    for Rule(re) in rules_for(lang) {
        if !re.is_match(&out) {
            continue;
        }
        out = re
            .replace_all(&out, |c: &regex::Captures| {
                let whole = &c[0];
                let kept = c
                    .get(1)
                    .map_or(whole.len(), |g| g.end() - c.get_match().start());
                format!("{}{}", whole[..kept].replace(' ', "\u{a0}"), &whole[kept..])
            })
            .into_owned();
    }
    out
}

/// Whether any rule of `lang` can match in `text`: a cheap scan that lets most text runs of
/// a page (indentation, sentences, a title with a number but no number before a space) skip
/// the rules. Every rule turns a plain space into a no-break one, and needs a digit right
/// before a space and a digit or a unit right after it, a `§`, or its language's `klo`,
/// `kl.` or `S:t`.
fn may_apply(text: &str, lang: &str) -> bool {
    let bytes = text.as_bytes();
    // Most runs hold no digit: that is looked for first, a block at a time (a loop the
    // compiler vectorises), before the pairs.
    let any_digit = bytes
        .chunks(32)
        .any(|c| c.iter().fold(false, |d, b| d | b.is_ascii_digit()));
    // A digit and a space: the rules without a `§` or a word need a digit or a unit after
    // them (a phone number, thousands, `25 %`), not a word (`Arkistosivu 12 kaupunki`).
    let number_space = any_digit
        && memchr::memchr_iter(b' ', bytes).any(|i| {
            let after = &text[i + 1..];
            i > 0
                && bytes[i - 1].is_ascii_digit()
                && (after.starts_with(|c: char| c.is_ascii_digit())
                    || UNITS.iter().any(|u| after.starts_with(u)))
        });
    number_space
        || (memchr::memchr(b' ', bytes).is_some()
            && (text.contains('§')
                || match lang {
                    "fi" => text.contains("klo"),
                    "sv" => text.contains("S:t") || text.contains("kl."),
                    _ => false,
                }))
}

/// `text` pushed onto `out` with the rules of `lang` applied.
fn push_text(out: &mut String, text: &str, lang: &str) {
    if may_apply(text, lang) {
        out.push_str(&self::text(text, lang));
    } else {
        out.push_str(text);
    }
}

/// Elements whose content is not prose: left exactly as they are.
const VERBATIM: [&str; 5] = ["script", "style", "pre", "code", "textarea"];

/// `html` (a whole page or a fragment) with [`text`] applied to every text run between tags,
/// outside [`VERBATIM`] elements and comments.
pub fn html(html: &str, lang: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        push_text(&mut out, &rest[..lt], lang);
        rest = &rest[lt..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map_or(rest.len(), |i| i + 3)
        } else {
            memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |i| i + 1)
        };
        let tag = &rest[..end];
        out.push_str(tag);
        rest = &rest[end..];
        // Every verbatim element's name starts with one of these letters: most tags are
        // passed by one byte.
        let may_be_verbatim = matches!(
            tag.as_bytes().get(1),
            Some(b's' | b'p' | b'c' | b't' | b'S' | b'P' | b'C' | b'T')
        );
        if let Some(name) = VERBATIM
            .iter()
            .filter(|_| may_be_verbatim)
            .find(|n| opens(tag, n))
        {
            let close = format!("</{name}");
            let until = find_ignore_case(rest, &close).unwrap_or(rest.len());
            out.push_str(&rest[..until]);
            rest = &rest[until..];
        }
    }
    push_text(&mut out, rest, lang);
    out
}

/// Whether `tag` (`<…>`) opens element `name`.
fn opens(tag: &str, name: &str) -> bool {
    let Some(after) = tag.get(1..=name.len()) else {
        return false;
    };
    after.eq_ignore_ascii_case(name)
        && tag[1 + name.len()..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nb(s: &str) -> String {
        s.replace('~', "\u{a0}")
    }

    #[test]
    fn phone_numbers_do_not_break() {
        assert_eq!(text("puh. 050 408 4422.", "fi"), nb("puh. 050~408~4422."));
        assert_eq!(text("tfn 0295 160 123", "sv"), nb("tfn 0295~160~123"));
        assert_eq!(text("+358 29 516 0000", "fi"), nb("+358~29~516~0000"));
    }

    #[test]
    fn a_section_of_an_act_stays_on_one_line() {
        assert_eq!(text("lain 4 a §:n mukaan", "fi"), nb("lain 4~a~§:n mukaan"));
        assert_eq!(text("enligt 12 § och § 3", "sv"), nb("enligt 12~§ och §~3"));
    }

    #[test]
    fn a_number_keeps_its_unit_or_sign() {
        assert_eq!(text("kasvoi 25 % ja", "fi"), nb("kasvoi 25~% ja"));
        assert_eq!(text("5 milj. euroa", "fi"), nb("5~milj. euroa"));
        assert_eq!(
            text("13 000 invånare, 3 km bort", "sv"),
            nb("13~000 invånare, 3~km bort")
        );
        assert_eq!(text("1 200 000 €", "fi"), nb("1~200~000~€"));
        // Not a unit: a word that merely starts with one.
        assert_eq!(
            text("3 kaupunkia ja 4 mallia", "fi"),
            "3 kaupunkia ja 4 mallia"
        );
        // Years are not thousands.
        assert_eq!(text("vuosina 2023 ja 2024", "fi"), "vuosina 2023 ja 2024");
    }

    #[test]
    fn every_unit_keeps_its_number_in_text_and_in_a_page() {
        for unit in UNITS {
            let run = format!("on 7 {unit} nyt");
            assert_eq!(text(&run, "fi"), run.replacen("7 ", "7\u{a0}", 1), "{unit}");
            assert_eq!(
                html(&format!("<p>{run}</p>"), "sv"),
                format!("<p>{}</p>", run.replacen("7 ", "7\u{a0}", 1)),
                "{unit}"
            );
        }
        // A number before a word, not a unit: left as it is.
        assert_eq!(
            text("Arkistosivu 12 kaupunki", "fi"),
            "Arkistosivu 12 kaupunki"
        );
    }

    #[test]
    fn saint_stays_with_the_name_in_swedish() {
        assert_eq!(
            text("S:t Michel och S:ta Maria", "sv"),
            nb("S:t~Michel och S:ta~Maria")
        );
    }

    #[test]
    fn a_date_keeps_its_time_by_language() {
        assert_eq!(text("23.5.2024 klo 10.00", "fi"), nb("23.5.2024~klo~10.00"));
        assert_eq!(text("23.5.2024 kl. 10.00", "sv"), nb("23.5.2024~kl.~10.00"));
        // Each language's own word only.
        assert_eq!(text("23.5.2024 kl. 10", "fi"), "23.5.2024 kl. 10");
        assert_eq!(text("23.5.2024 klo 10", "sv"), "23.5.2024 klo 10");
        // A date without its year, the time at the start of a text run.
        assert_eq!(text("23.5. klo 10.00", "fi"), nb("23.5.~klo~10.00"));
        assert_eq!(text("klo 9 alkaen", "fi"), nb("klo~9 alkaen"));
        assert_eq!(text("kl. 9", "sv"), nb("kl.~9"));
    }

    #[test]
    fn markup_scripts_and_code_are_left_alone() {
        let page = r#"<a href="tel:+358 50 408 4422" title="050 408 4422">050 408 4422</a><script type="application/ld+json">{"telephone":"050 408 4422"}</script><code>4 a §</code><!-- 5 % --><p>5 %</p>"#;
        assert_eq!(
            html(page, "fi"),
            nb(
                r#"<a href="tel:+358 50 408 4422" title="050 408 4422">050~408~4422</a><script type="application/ld+json">{"telephone":"050 408 4422"}</script><code>4 a §</code><!-- 5 % --><p>5~%</p>"#
            )
        );
    }

    #[test]
    fn an_element_whose_name_starts_like_a_verbatim_one_is_prose() {
        assert_eq!(html("<codex>5 %</codex>", "fi"), nb("<codex>5~%</codex>"));
    }
}

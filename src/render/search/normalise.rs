//! The one normalisation of search terms, applied to every word of every page at build time
//! and to every query word in the browser (`templates/search/normalise.js`, the same steps
//! written in JavaScript; `tests/search_normalise.rs` runs both over every word of the portal
//! and of a generated corpus and compares them). Keep the two in step.
//!
//! A word becomes a term in three steps:
//! 1. [`words`]: runs of letters and digits, lower-cased (`TEM077:00/2023` → `tem077`, `00`,
//!    `2023`; `Pohjois-Pohjanmaa` → `pohjois`, `pohjanmaa`);
//! 2. [`fold`]: diacritics dropped (`jyväskylä` → `jyvaskyla`, `krüger` → `kruger`), so a
//!    visitor may type without å/ä/ö; the exact form is kept beside the term to rank it first;
//! 3. [`stem`]: a light stemmer per language that maps base and inflected forms to one stem,
//!    both ways. Snowball's Finnish stemmer leaves `varhaiskasvatus` and `varhaiskasvatuksen`,
//!    `Turku` and `Turun`, `Palonen` and `Palosen` apart; these rules join the -us/-uksen,
//!    -os/-oksen, -nen/-sen families and the common consonant gradations.

/// The words of `text`: maximal runs of letters and digits, lower-cased.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// [`words`] without an allocation for a word that is already lower-case (the index reads
/// every word of every page; the same words as [`words`]).
pub fn words_borrowed(text: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(lower)
}

/// Whether lower-casing changes `c` (ASCII answered without Unicode tables: most letters of
/// the pages are ASCII).
pub fn lowers(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        let mut l = c.to_lowercase();
        !(l.next() == Some(c) && l.next().is_none())
    }
}

/// `w` lower-cased, borrowed when it already is.
pub fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.chars().any(lowers) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// Letters that fold to another letter (or two), as in `normalise.js`.
const FOLDS: &[(char, &str)] = &[
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('æ', "ae"),
    ('ç', "c"),
    ('č', "c"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('ñ', "n"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('š', "s"),
    ('ß', "ss"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('ý', "y"),
    ('ÿ', "y"),
    ('ž', "z"),
];

/// `word` (lower-case) without diacritics: å, ä → a, ö → o, ü → u, é → e and the other
/// letters of [`FOLDS`].
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            // No letter of FOLDS is ASCII.
            out.push(c);
            continue;
        }
        match FOLDS.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// Finnish case endings, longest first; one is removed (the stem keeps three letters).
const FI_ENDINGS: &[&str] = &[
    "ssaan", "staan", "llaan", "ltaan", "lleen", "kseen", "itten", "iden", "seen", "ihin", "ssa",
    "sta", "lla", "lta", "lle", "ksi", "tta", "ien", "jen", "ten", "ine", "hin", "na", "ta", "n",
    "t", "a",
];

/// Swedish endings, longest first; one is removed (the stem keeps three letters).
const SV_ENDINGS: &[&str] = &[
    "heterna", "heten", "heter", "arnas", "ernas", "ornas", "andet", "andes", "arna", "erna",
    "orna", "ande", "aste", "ens", "ets", "het", "ast", "ar", "er", "or", "en", "et", "na", "s",
    "a", "e",
];

/// The stems of a folded word in `lang` (`fi`, `sv`; any other language: the word itself):
/// one, or two where a form reads two ways (Finnish `-sta` after a vowel is the partitive of
/// a word in -s, `kokousta`, `yhteistä`, or the elative of a word in a vowel, `Oulusta`: both
/// stems are kept).
/// Words with a digit and words of under four letters are kept as they are.
pub fn stems(lang: &str, word: &str) -> Vec<String> {
    if word.chars().count() < 4 || word.chars().any(|c| c.is_ascii_digit()) {
        return vec![word.to_string()];
    }
    match lang {
        "fi" => {
            // Clitics (-kin, -kaan) and the common possessive suffixes come off first.
            let w = strip_one(word, &["kaan", "kin"], 4);
            let w = strip_one(w, &["nsa", "mme", "nne"], 4);
            let main = stem_fi(w);
            let mut out = match w.strip_suffix("ta") {
                Some(base) if base.chars().count() >= 5 && base.ends_with('s') => {
                    let other = stem_fi(base);
                    if other == main {
                        vec![main]
                    } else {
                        vec![other, main]
                    }
                }
                _ => vec![main],
            };
            // A name ending in a consonant takes -in in the genitive (Mattssonin, Krügerin):
            // the name itself is kept as another reading.
            if let Some(base) = w.strip_suffix("in")
                && base.chars().count() >= 4
                && !base.ends_with(['a', 'e', 'i', 'o', 'u', 'y'])
            {
                let name = stem_fi(base);
                if !out.contains(&name) {
                    out.push(name);
                }
            }
            out
        }
        "sv" => vec![strip_one(word, SV_ENDINGS, 3).to_string()],
        _ => vec![word.to_string()],
    }
}

/// `word` without the first of `endings` it ends with, if at least `keep` letters remain.
fn strip_one<'w>(word: &'w str, endings: &[&str], keep: usize) -> &'w str {
    for e in endings {
        if let Some(rest) = word.strip_suffix(e)
            && rest.chars().count() >= keep
        {
            return rest;
        }
    }
    word
}

/// `w` without its Finnish case ending (the first of [`FI_ENDINGS`], three letters kept);
/// `-ta` only after a vowel or `s` (partitive: `maata`, `kokousta`), since after another
/// consonant it is the word's own (`kunta`, `Lappeenranta`).
fn strip_case_fi(w: &str) -> &str {
    for e in FI_ENDINGS {
        if let Some(rest) = w.strip_suffix(e)
            && rest.chars().count() >= 3
        {
            let own = *e == "ta" && !rest.ends_with(['a', 'e', 'i', 'o', 'u', 'y', 's']);
            if !own {
                return rest;
            }
        }
    }
    w
}

/// The Finnish stem of `w` (clitics and possessive suffixes already off).
fn stem_fi(w: &str) -> String {
    let mut s = if let Some(base) = w.strip_suffix("nen") {
        // Palonen, yhteinen: the inflected forms are built on -s- (Palosen, yhteistä).
        format!("{base}s")
    } else {
        let rest = strip_case_fi(w);
        if let Some(base) = rest
            .strip_suffix("kse")
            .or_else(|| rest.strip_suffix("ksi"))
        {
            // -us/-uksen, -os/-oksen, -ys/-yksen: sopimus, sopimuksen, sopimuksia.
            format!("{base}s")
        } else if let Some(base) = rest
            .strip_suffix("uude")
            .or_else(|| rest.strip_suffix("yyde"))
        {
            // -uus/-uuden, -yys/-yyden: teollisuus, teollisuuden, kumppanuudessa.
            format!("{}s", &rest[..base.len() + 2])
        } else if rest.chars().count() >= 5 && (rest.ends_with("uu") || rest.ends_with("yy")) {
            // Their partitive: teollisuutta, kumppanuutta.
            format!("{rest}s")
        } else if rest.chars().count() > 4 && (rest.ends_with("se") || rest.ends_with("si")) {
            // Palosen, yhteisiä: the -nen words' -s- stem.
            rest[..rest.len() - 1].to_string()
        } else {
            rest.to_string()
        }
    };
    // Final vowels: kaupunki, kaupungi(n), kaupunke(ihin) share kaupunk-.
    while s.chars().count() > 3 && s.ends_with(['a', 'e', 'i', 'o', 'u', 'y']) {
        s.pop();
    }
    // Consonant gradation: strong and weak grades meet (kaupunki/kaupungin, Lahti/Lahdessa,
    // kunta/kunnan, Turku/Turun).
    // In this order, as `normalise.js` does; a stem without the pair is not copied.
    let grades = [
        ("ng", "nk"),
        ("kk", "k"),
        ("pp", "p"),
        ("tt", "t"),
        ("nn", "nt"),
        ("mm", "mp"),
        ("d", "t"),
    ];
    for (from, to) in grades {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    if s.chars().count() > 3 && (s.ends_with("rk") || s.ends_with("lk") || s.ends_with("hk")) {
        s.pop();
    }
    s
}

/// The index terms of a word (lower-case, as [`words`] gives it) in `lang`: folded, then
/// stemmed ([`stems`]); the first is the word's own reading.
pub fn terms(lang: &str, word: &str) -> Vec<String> {
    stems(lang, &fold(word))
}

/// How many leading letters of a term pick its chunk: a query for a prefix at least this
/// long finds every term that starts with it in one chunk.
pub const PREFIX: usize = 4;

/// The chunk of `term` among `chunks`: FNV-1a (32 bits) of the UTF-8 of its first
/// [`PREFIX`] letters, modulo `chunks`.
pub fn chunk_of(term: &str, chunks: u32) -> u32 {
    let end = term
        .char_indices()
        .nth(PREFIX)
        .map_or(term.len(), |(i, _)| i);
    let mut h: u32 = 0x811c_9dc5;
    for b in term[..end].bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % chunks.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form shares a term with the first.
    fn same(lang: &str, forms: &[&str]) {
        let first = terms(lang, &forms[0].to_lowercase());
        for f in forms {
            let t = terms(lang, &f.to_lowercase());
            assert!(
                t.iter().any(|t| first.contains(t)),
                "{lang} {f} → {t:?}, {} → {first:?}",
                forms[0]
            );
        }
    }

    #[test]
    fn finnish_base_and_inflected_forms_meet() {
        same(
            "fi",
            &["varhaiskasvatus", "varhaiskasvatuksen", "varhaiskasvatusta"],
        );
        same(
            "fi",
            &[
                "sopimus",
                "sopimuksen",
                "sopimukset",
                "sopimuksia",
                "sopimuksissa",
            ],
        );
        same(
            "fi",
            &[
                "kokous",
                "kokouksen",
                "kokouksessa",
                "kokousta",
                "kokouksessaan",
            ],
        );
        same("fi", &["päätös", "päätöksen", "paatos"]);
        same("fi", &["Palonen", "Palosen", "Palosta"]);
        same("fi", &["Vuornos", "Vuornoksen"]);
        same(
            "fi",
            &[
                "yhteinen",
                "yhteisen",
                "yhteiset",
                "yhteistä",
                "yhteisiä",
                "yhteisessä",
            ],
        );
        same(
            "fi",
            &[
                "kaupunki",
                "kaupungin",
                "kaupunkien",
                "kaupungeissa",
                "kaupunkeihin",
            ],
        );
        same("fi", &["Turku", "Turun", "Turussa"]);
        same("fi", &["Lahti", "Lahden", "Lahdessa"]);
        same("fi", &["Tampere", "Tampereen", "Tampereella"]);
        same(
            "fi",
            &["Helsinki", "Helsingissä", "Helsinkiin", "Helsingin"],
        );
        same("fi", &["Jyväskylä", "Jyväskylässä", "jyvaskyla"]);
        same("fi", &["kunta", "kunnan", "kuntien", "kunnissa"]);
        same(
            "fi",
            &[
                "teollisuus",
                "teollisuuden",
                "teollisuutta",
                "teollisuudessa",
            ],
        );
        same("fi", &["kumppanuus", "kumppanuuden", "kumppanuutta"]);
        same("fi", &["Mattsson", "Mattssonin"]);
        same("fi", &["Krüger", "Krügerin"]);
    }

    #[test]
    fn swedish_base_and_inflected_forms_meet() {
        same("sv", &["stad", "staden", "städer", "städernas"]);
        same("sv", &["gängbrottslighet", "gängbrottsligheten"]);
        same("sv", &["möte", "mötet"]);
        same("sv", &["Uleåborg", "Uleåborgs", "uleaborg"]);
        same("sv", &["sekretariat", "sekretariatet"]);
    }

    #[test]
    fn numbers_and_codes_are_words_as_they_are() {
        let w: Vec<String> = words("TEM077:00/2023, Pohjois-Pohjanmaa").collect();
        assert_eq!(w, ["tem077", "00", "2023", "pohjois", "pohjanmaa"]);
        assert_eq!(terms("fi", "tem077"), ["tem077"]);
        assert_eq!(terms("fi", "oulusta"), ["oulus", "oul"]);
    }

    #[test]
    fn a_prefix_picks_the_chunk_of_its_completions() {
        for (prefix, word) in [
            ("ekosysteem", "ekosysteemisopimus"),
            ("gang", "gangbrottslig"),
        ] {
            assert_eq!(chunk_of(prefix, 97), chunk_of(word, 97));
        }
    }
}

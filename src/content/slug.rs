//! URL slugs from titles: lowercase ASCII, Nordic letters folded (ä→a, ö→o, å→a).

/// Turns a title into a URL segment: `Strateginen allianssi` → `strateginen-allianssi`,
/// `Partnerskapshäftet` → `partnerskapshaftet`, `S:t Michels` → `st-michels`.
pub fn slugify(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        let folded: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'ä' | 'å' | 'á' | 'à' | 'â' | 'ã' => "a",
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
            'ü' | 'ú' | 'ù' | 'û' => "u",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'š' => "s",
            'ž' => "z",
            'ç' => "c",
            'ñ' => "n",
            'ß' => "ss",
            'æ' => "ae",
            // Dropped without a break: S:t Michels → st-michels, ”quoted” → quoted.
            ':' | '\'' | '’' | '”' | '"' => "",
            _ => "-",
        };
        if folded == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(folded);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Checks an author-given slug: one URL segment, no `/`, no `..`, no spaces.
pub fn validate(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".into());
    }
    if slug.contains('/') || slug.contains('\\') || slug == "." || slug.contains("..") {
        return Err(format!(
            "slug `{slug}` must be a single URL segment without `/` or `..`"
        ));
    }
    if !slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Err(format!(
            "slug `{slug}` may use only a–z, 0–9, `-` and `_` (e.g. `{}`)",
            slugify(slug)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nordic_letters_fold_to_ascii() {
        assert_eq!(slugify("Strategiska alliansen"), "strategiska-alliansen");
        assert_eq!(slugify("Partnerskapshäftet"), "partnerskapshaftet");
        assert_eq!(
            slugify("Tillgänglighetsutlåtande"),
            "tillganglighetsutlatande"
        );
        assert_eq!(slugify("S:t Michels"), "st-michels");
        assert_eq!(
            slugify("  Hämeenlinna – Tavastehus "),
            "hameenlinna-tavastehus"
        );
    }

    #[test]
    fn slugs_with_slashes_or_dots_are_refused() {
        assert!(validate("a/b").is_err());
        assert!(validate("..").is_err());
        assert!(validate("ok-slug").is_ok());
    }
}

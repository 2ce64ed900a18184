//! Sorting names by each language's collation (ICU4X).
//!
//! Swedish sorts å, ä, ö after z; byte order would put Åbo before Vanda and Finnish ä/ö would
//! land among a/o.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::Locale;

/// One collator per configured language.
pub struct Collators {
    by_lang: BTreeMap<String, CollatorBorrowed<'static>>,
}

impl std::fmt::Debug for Collators {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.by_lang.keys()).finish()
    }
}

impl Collators {
    /// Collators for `languages`; a language ICU has no tailoring for gets the root order.
    pub fn new(languages: &[String]) -> Collators {
        let by_lang = languages
            .iter()
            .filter_map(|lang| {
                let locale = Locale::try_from_str(lang).ok()?;
                let collator = Collator::try_new((&locale).into(), CollatorOptions::default())
                    .or_else(|_| Collator::try_new(Default::default(), CollatorOptions::default()))
                    .ok()?;
                Some((lang.clone(), collator))
            })
            .collect();
        Collators { by_lang }
    }

    /// Compares two strings in `lang`'s order (byte order if the language has no collator).
    pub fn compare(&self, lang: &str, a: &str, b: &str) -> Ordering {
        match self.by_lang.get(lang) {
            Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
            None => a.cmp(b),
        }
    }

    /// Sorts `items` by the name `key` gives, in `lang`'s order.
    pub fn sort_by_key<T>(&self, lang: &str, items: &mut [T], key: impl Fn(&T) -> &str) {
        items.sort_by(|a, b| self.compare(lang, key(a), key(b)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_sorts_a_ring_after_z_and_finnish_sorts_a_umlaut_after_z() {
        let c = Collators::new(&["fi".to_string(), "sv".to_string()]);
        let mut sv = vec![
            "Åbo",
            "Vanda",
            "Esbo",
            "Uleåborg",
            "Helsingfors",
            "Tammerfors",
        ];
        c.sort_by_key("sv", &mut sv, |s| s);
        assert_eq!(
            sv,
            [
                "Esbo",
                "Helsingfors",
                "Tammerfors",
                "Uleåborg",
                "Vanda",
                "Åbo"
            ]
        );
        let mut fi = vec!["Hämeenlinna", "Hyvinkää", "Helsinki", "Ähtäri", "Vaasa"];
        c.sort_by_key("fi", &mut fi, |s| s);
        assert_eq!(
            fi,
            ["Helsinki", "Hyvinkää", "Hämeenlinna", "Vaasa", "Ähtäri"]
        );
    }
}

//! Dates by locale, from CLDR (ICU4X `icu_datetime`, the short date): `23.5.2024` in Finnish,
//! `23/05/2024` in British English, `5/23/24` in US English: whatever CLDR says for the
//! locale `date_locales` in `content/site.yaml` names for a language (default: the language
//! itself). The portal's Swedish pages write dates as Finnish does (`sv: fi`): CLDR's `sv-FI`
//! has `23.05.2024`, the Finland-Swedish style guides `23.5.2024`.

use std::collections::BTreeMap;

use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_locale_core::Locale;

use crate::content::records::Date;

/// One date formatter per configured language.
pub struct DateFormats {
    by_lang: BTreeMap<String, FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
}

impl std::fmt::Debug for DateFormats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.by_lang.keys()).finish()
    }
}

impl DateFormats {
    /// A formatter per language of `locales` (language → CLDR locale whose dates it writes).
    /// CLDR's short date: `23.5.2024` in Finnish and Finland Swedish, `23/05/2024` in British English.
    /// A locale ICU has no data for falls back to its language, then to the root locale.
    pub fn new(locales: &BTreeMap<String, Locale>) -> DateFormats {
        let by_lang = locales
            .iter()
            .filter_map(|(lang, locale)| {
                let formatter =
                    FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::short())
                        .or_else(|_| {
                            FixedCalendarDateTimeFormatter::try_new(
                                Default::default(),
                                YMD::short(),
                            )
                        })
                        .ok()?;
                Some((lang.clone(), formatter))
            })
            .collect();
        DateFormats { by_lang }
    }

    /// `date` as `lang` writes it; `23.5.2024` for a language without a formatter.
    pub fn format(&self, lang: &str, date: Date) -> String {
        let icu = IcuDate::try_new_gregorian(i32::from(date.year), date.month, date.day);
        match (self.by_lang.get(lang), icu) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => date.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_each_locale() {
        let locales: BTreeMap<String, Locale> = [
            ("fi", "fi"),
            ("sv", "fi"),
            ("en", "en-GB"),
            ("us", "en"),
            ("fs", "sv-FI"),
        ]
        .into_iter()
        .map(|(l, c)| (l.to_string(), Locale::try_from_str(c).unwrap()))
        .collect();
        let f = DateFormats::new(&locales);
        let d = Date::parse("2024-05-23").unwrap();
        let got: Vec<String> = ["fi", "sv", "en", "us", "fs"]
            .iter()
            .map(|l| f.format(l, d))
            .collect();
        assert_eq!(
            got,
            [
                "23.5.2024",
                "23.5.2024",
                "23/05/2024",
                "5/23/24",
                "23.05.2024"
            ]
        );
    }
}

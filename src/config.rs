//! `content/site.yaml` → [`SiteConfig`].

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Location;
use crate::source::{self, SourceError};
use crate::yaml::{self, YamlError};

/// Where the site configuration lives, relative to the root.
pub const CONFIG_PATH: &str = "content/site.yaml";

/// A problem in `content/site.yaml` or in a setting that replaces one of its values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read as text.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// YAML that does not parse or has the wrong shape.
    #[error(transparent)]
    Yaml(#[from] YamlError),
    /// A value of the file that is not valid.
    #[error("{at}: {message}")]
    Invalid {
        /// Where.
        at: Location,
        /// What is wrong and what was expected.
        message: String,
    },
    /// A setting given outside the files (a command-line flag, an environment variable)
    /// that is not valid.
    #[error("{setting}: {message}")]
    Setting {
        /// How it was given: `--base-url`, `KUMPPANI_BASE_URL`.
        setting: String,
        /// The setting's name as a location without a line (for sorting and JSON reports).
        at: Location,
        /// What is wrong and what was expected.
        message: String,
    },
}

impl ConfigError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            ConfigError::Source(e) => e.location(),
            ConfigError::Yaml(e) => &e.at,
            ConfigError::Invalid { at, .. } | ConfigError::Setting { at, .. } => at,
        }
    }
}

/// The site-wide settings.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Absolute URL of the published site, normalised without a trailing slash
    /// (`https://www.example.fi/kumppanuudet`); used in the sitemap, canonical links and feeds.
    /// Its path, if any, prefixes every URL the generator writes ([`SiteConfig::base_path`]).
    /// `--base-url` or `KUMPPANI_BASE_URL` replace it for one run ([`Overrides`]).
    pub base_url: String,
    /// Configured languages; the first is the default (`x-default`, first in the chooser).
    pub languages: Vec<String>,
    /// The language translations are checked against; the first language when absent.
    #[serde(default)]
    pub reference_language: Option<String>,
    /// Section directories in navigation order. Sections not listed are built but not in the
    /// navigation.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Per language, the CLDR locale whose date forms it writes (`sv: fi`, `en: en-GB`);
    /// a language not listed uses its own code.
    #[serde(default)]
    pub date_locales: std::collections::BTreeMap<String, String>,
    /// Per language, how far its pages are written (`language_status: { en: in-progress }`).
    /// In a language `in-progress`, a page not written yet is an honest notice linking to its
    /// source page, as if the source page said `pending: [en]`; in a `complete` language (the
    /// default) it is an error.
    #[serde(default)]
    pub language_status: std::collections::BTreeMap<String, LanguageStatus>,
    /// Organisation id of who publishes and maintains the portal; its names are the Fluent
    /// message `org-<id>` in every language (templates: `publisher`, prose: `{{ publisher() }}`).
    #[serde(default)]
    pub publisher: Option<String>,
    /// Where `publisher` is written in the file, to point at an unknown id.
    #[serde(skip)]
    pub publisher_at: Option<Location>,
}

/// How far a language's pages are written (`language_status:` in `content/site.yaml`).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LanguageStatus {
    /// Every page must exist in this language (the default).
    Complete,
    /// Pages not written yet in this language show a notice instead of failing the build.
    InProgress,
}

impl SiteConfig {
    /// Reads and validates `content/site.yaml` under `root`, without overrides.
    ///
    /// Fails as [`SiteConfig::load_with`].
    pub fn load(root: &Path) -> Result<SiteConfig, ConfigError> {
        Self::load_with(root, &Overrides::default())
    }

    /// Reads and validates `content/site.yaml` under `root`, then applies `overrides`.
    ///
    /// Fails when the file is missing or unreadable, is not valid YAML of this shape, lists no
    /// language, repeats a language or names a reference language that is not configured, and
    /// when a base URL (of the file, the flag or the environment variable, each checked when
    /// given) is not an absolute `http`/`https` URL with a host and without query or fragment;
    /// the error names where the bad value came from.
    pub fn load_with(root: &Path, overrides: &Overrides) -> Result<SiteConfig, ConfigError> {
        let file = Path::new(CONFIG_PATH);
        let text = source::read(root, file)?;
        let mut config: SiteConfig = yaml::parse(file, &text, 1)?;
        config.base_url =
            normalize_base_url(&config.base_url).map_err(|message| ConfigError::Invalid {
                at: value_location(file, &text, "base_url"),
                message: format!("base_url `{}` {message}", config.base_url),
            })?;
        if let Some(url) = overrides.base_url()? {
            config.base_url = url;
        }
        config.publisher_at = config
            .publisher
            .as_deref()
            .map(|id| source::locate(file, &text, "publisher", id));
        let invalid = |message: String| ConfigError::Invalid {
            at: Location::file(file),
            message,
        };
        if config.languages.is_empty() {
            return Err(invalid("`languages` lists no language".into()));
        }
        for (i, lang) in config.languages.iter().enumerate() {
            if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                return Err(invalid(format!(
                    "language `{lang}` is not a language code such as `fi` or `sv`"
                )));
            }
            if config.languages[..i].contains(lang) {
                return Err(invalid(format!("language `{lang}` is listed twice")));
            }
        }
        if let Err(message) = config.date_locales() {
            return Err(ConfigError::Invalid {
                at: value_location(file, &text, "date_locales"),
                message,
            });
        }
        if let Some(reference) = &config.reference_language
            && !config.languages.contains(reference)
        {
            return Err(invalid(format!(
                "reference_language `{reference}` is not one of the languages ({})",
                config.languages.join(", ")
            )));
        }
        if let Err((lang, message)) = config.check_language_status() {
            return Err(ConfigError::Invalid {
                at: source::locate(file, &text, "language_status", &lang),
                message,
            });
        }
        Ok(config)
    }

    /// The path of the base URL, without a trailing slash: `/kumppanuudet` for
    /// `https://www.example.fi/kumppanuudet/`, empty for a site at the root of its host.
    /// Every root-relative URL the generator writes starts with it.
    pub fn base_path(&self) -> &str {
        base_path(&self.base_url)
    }

    /// The locale of each language's dates: `date_locales`, else the language code.
    ///
    /// Fails, naming the place in the file, on a language that is not configured or a value
    /// that is not a locale.
    pub fn date_locales(
        &self,
    ) -> Result<std::collections::BTreeMap<String, icu_locale_core::Locale>, String> {
        for lang in self.date_locales.keys() {
            if !self.languages.contains(lang) {
                return Err(format!(
                    "date_locales names `{lang}`, which is not one of the languages ({})",
                    self.languages.join(", ")
                ));
            }
        }
        self.languages
            .iter()
            .map(|lang| {
                let code = self.date_locales.get(lang).unwrap_or(lang);
                icu_locale_core::Locale::try_from_str(code)
                    .map(|l| (lang.clone(), l))
                    .map_err(|_| {
                        format!("date_locales: `{code}` is not a locale such as fi or en-GB")
                    })
            })
            .collect()
    }

    /// Fails, with the language and the message, on a `language_status` entry for a language
    /// that is not configured or for the reference language (whose pages are the sources).
    fn check_language_status(&self) -> Result<(), (String, String)> {
        for lang in self.language_status.keys() {
            if !self.languages.contains(lang) {
                return Err((
                    lang.clone(),
                    format!(
                        "language_status names `{lang}`, which is not one of the languages ({})",
                        self.languages.join(", ")
                    ),
                ));
            }
            if lang == self.reference_language() {
                return Err((
                    lang.clone(),
                    format!(
                        "language_status: `{lang}` is the reference language, whose pages are the sources of the others: it cannot be in progress"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Whether pages not written yet in `lang` are notices (`language_status: in-progress`).
    pub fn in_progress(&self, lang: &str) -> bool {
        self.language_status.get(lang) == Some(&LanguageStatus::InProgress)
    }

    /// The default language: the first configured one.
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// The reference language for translation checks.
    pub fn reference_language(&self) -> &str {
        self.reference_language
            .as_deref()
            .unwrap_or_else(|| self.default_language())
    }
}

/// The environment variable that overrides `base_url` (the `--base-url` flag overrides it).
pub const BASE_URL_ENV: &str = "KUMPPANI_BASE_URL";

/// Settings of one run that replace those of `content/site.yaml`, and what the run publishes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// The value of `--base-url`, if given.
    pub base_url_flag: Option<String>,
    /// The value of `KUMPPANI_BASE_URL`, if set (empty counts as set, and is an error).
    pub base_url_env: Option<String>,
    /// Build the pages marked `draft: true` too (`build --drafts`, and always `serve`).
    pub drafts: bool,
}

impl Overrides {
    /// The overrides of a run with `--base-url` `flag` (if given) and the environment of this
    /// process.
    pub fn from_env(base_url_flag: Option<String>) -> Overrides {
        Overrides {
            base_url_flag,
            base_url_env: std::env::var(BASE_URL_ENV).ok(),
            drafts: false,
        }
    }

    /// The normalised base URL that replaces the file's: the flag's, else the variable's;
    /// `None` when neither is given.
    ///
    /// Fails when a given value (either one, even one that the flag outranks) is not a valid
    /// base URL, naming the flag or the variable.
    pub fn base_url(&self) -> Result<Option<String>, ConfigError> {
        let check = |setting: &str, value: &str| {
            normalize_base_url(value).map_err(|message| ConfigError::Setting {
                setting: setting.to_string(),
                at: Location::new(setting, 0, 0),
                message: format!("base URL `{value}` {message}"),
            })
        };
        let env = match &self.base_url_env {
            Some(v) => Some(check(BASE_URL_ENV, v)?),
            None => None,
        };
        match &self.base_url_flag {
            Some(v) => Ok(Some(check("--base-url", v)?)),
            None => Ok(env),
        }
    }
}

/// The path part of a normalised base URL (see [`SiteConfig::base_path`]).
pub fn base_path(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    base_url[after_scheme..]
        .find('/')
        .map_or("", |i| &base_url[after_scheme + i..])
}

/// Validates a base URL and returns it normalised: lower-case scheme and host, no default
/// port, the path percent-encoded, no trailing slash.
///
/// Fails, with the rest of a sentence that starts with the value, when it is empty, holds
/// white space, is not absolute, has another scheme than `http`/`https`, has no host, or has
/// credentials, a query or a fragment.
fn normalize_base_url(value: &str) -> Result<String, String> {
    const EXAMPLE: &str = "such as https://www.example.fi/ or https://www.example.fi/kumppanuudet/";
    if value.is_empty() {
        return Err(format!("is empty: expected an absolute URL {EXAMPLE}"));
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("contains white space".to_string());
    }
    let url = match url::Url::parse(value) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return Err(format!(
                "has no scheme: write it as https://{}",
                value.trim_start_matches('/')
            ));
        }
        Err(e) => return Err(format!("is not a valid URL ({e}): expected one {EXAMPLE}")),
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "has the scheme `{}`: expected http or https, {EXAMPLE}",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("has no host: expected one {EXAMPLE}"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("holds a user name or password, which would be published in every page".into());
    }
    if url.query().is_some() {
        return Err("has a query (`?…`), which a base URL cannot carry".to_string());
    }
    if url.fragment().is_some() {
        return Err("has a fragment (`#…`), which a base URL cannot carry".to_string());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Where the value of the top-level `field` starts in `text` (its opening quote if quoted),
/// else the file's start.
fn value_location(file: &Path, text: &str, field: &str) -> Location {
    let key = format!("{field}:");
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(&key) {
            let value_start = offset + key.len() + (rest.len() - rest.trim_start().len());
            return Location::at_offset(file, text, value_start, 1);
        }
        offset += line.len();
    }
    Location::file(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_base_urls() {
        for (given, normal) in [
            ("https://www.example.fi", "https://www.example.fi"),
            ("https://www.example.fi/", "https://www.example.fi"),
            ("HTTPS://WWW.Example.FI:443/", "https://www.example.fi"),
            ("http://localhost:8080/a/b/", "http://localhost:8080/a/b"),
            (
                "https://www.example.org/kumppanuudet/",
                "https://www.example.org/kumppanuudet",
            ),
        ] {
            assert_eq!(normalize_base_url(given).as_deref(), Ok(normal), "{given}");
        }
        assert_eq!(
            base_path("https://www.example.org/kumppanuudet"),
            "/kumppanuudet"
        );
        assert_eq!(base_path("http://localhost:8080/a/b"), "/a/b");
        assert_eq!(base_path("https://www.example.fi"), "");
    }

    #[test]
    fn refuses_base_urls_that_cannot_prefix_links() {
        for (given, says) in [
            ("", "is empty"),
            (
                "kaupunkikumppanuudet.example.fi",
                "has no scheme: write it as https://kaupunkikumppanuudet.example.fi",
            ),
            ("/kumppanuudet/", "has no scheme"),
            ("ftp://example.fi/", "has the scheme `ftp`"),
            ("mailto:x@example.fi", "has the scheme `mailto`"),
            ("https://", "is not a valid URL (empty host)"),
            ("https://example.fi/?a=1", "has a query"),
            ("https://example.fi/?", "has a query"),
            ("https://example.fi/#top", "has a fragment"),
            (
                "https://user:pw@example.fi/",
                "holds a user name or password",
            ),
            ("https://example.fi/ x", "contains white space"),
        ] {
            let err = normalize_base_url(given).expect_err(given);
            assert!(err.starts_with(says), "{given}: {err}");
        }
    }

    #[test]
    fn the_flag_outranks_the_variable_and_both_are_checked() {
        let o = |flag: Option<&str>, env: Option<&str>| Overrides {
            base_url_flag: flag.map(String::from),
            base_url_env: env.map(String::from),
            drafts: false,
        };
        assert_eq!(o(None, None).base_url(), Ok(None));
        assert_eq!(
            o(Some("https://a.fi/x/"), Some("https://b.fi/")).base_url(),
            Ok(Some("https://a.fi/x".into()))
        );
        assert_eq!(
            o(None, Some("https://b.fi/")).base_url(),
            Ok(Some("https://b.fi".into()))
        );
        let err = o(Some("https://a.fi/"), Some("b.fi"))
            .base_url()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "KUMPPANI_BASE_URL: base URL `b.fi` has no scheme: write it as https://b.fi"
        );
        let err = o(Some(""), None).base_url().unwrap_err();
        assert!(
            err.to_string()
                .starts_with("--base-url: base URL `` is empty"),
            "{err}"
        );
    }

    #[test]
    fn points_at_the_value_in_the_file() {
        let text = "# site\nlanguages: [fi]\nbase_url:   \"x\"\n";
        assert_eq!(
            value_location(Path::new("content/site.yaml"), text, "base_url").to_string(),
            "content/site.yaml:3:13"
        );
    }
}

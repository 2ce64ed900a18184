//! `content/site.yaml` → [`SiteConfig`].

use std::path::Path;

use serde::Deserialize;

use crate::content::ContentError;
use crate::diagnostic::Location;
use crate::yaml;

/// Where the site configuration lives, relative to the root.
pub const CONFIG_PATH: &str = "content/site.yaml";

/// The site-wide settings.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Absolute URL of the published site, without a trailing slash; used in the sitemap,
    /// canonical links and feeds.
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
    /// Organisation id of who publishes and maintains the portal; its names are the Fluent
    /// message `org-<id>` in every language (templates: `publisher`, prose: `{{ publisher() }}`).
    #[serde(default)]
    pub publisher: Option<String>,
    /// Where `publisher` is written in the file, to point at an unknown id.
    #[serde(skip)]
    pub publisher_at: Option<Location>,
}

impl SiteConfig {
    /// Reads and validates `content/site.yaml` under `root`.
    ///
    /// Fails when the file is missing or unreadable, is not valid YAML of this shape, lists no
    /// language, repeats a language or names a reference language that is not configured.
    pub fn load(root: &Path) -> Result<SiteConfig, ContentError> {
        let file = Path::new(CONFIG_PATH);
        let text = std::fs::read(root.join(file)).map_err(|e| ContentError::Io {
            at: Location::file(file),
            message: e.to_string(),
        })?;
        let text = crate::content::decode(file, text)?;
        let mut config: SiteConfig = yaml::parse(file, &text, 1)?;
        config.base_url = config.base_url.trim_end_matches('/').to_string();
        config.publisher_at = config
            .publisher
            .as_deref()
            .map(|id| crate::content::locate(file, &text, "publisher", id));
        let invalid = |message: String| ContentError::Invalid {
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
        if let Some(reference) = &config.reference_language
            && !config.languages.contains(reference)
        {
            return Err(invalid(format!(
                "reference_language `{reference}` is not one of the languages ({})",
                config.languages.join(", ")
            )));
        }
        Ok(config)
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

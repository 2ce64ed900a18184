//! The Markdown stage's error: a problem found while turning one body into HTML.

use crate::content::ContentError;
use crate::diagnostic::Location;
use crate::i18n::I18nError;

/// A problem in a Markdown body, with its place in the source file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownError {
    /// In the body itself: a malformed or unknown shortcode, an unknown id, a link to nothing,
    /// a refused link scheme, raw HTML, an accessibility defect.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// In a Fluent message the body uses (a shortcode's name or case, `number-words`,
    /// `list-and`, `table-label`).
    #[error(transparent)]
    I18n(#[from] I18nError),
}

impl MarkdownError {
    /// A link that leads nowhere or may not be followed, at `at`.
    pub(crate) fn link(at: Location, message: String) -> MarkdownError {
        MarkdownError::Content(ContentError::Link { at, message })
    }

    /// Any other defect of the body at `at`.
    pub(crate) fn invalid(at: Location, message: impl Into<String>) -> MarkdownError {
        MarkdownError::Content(ContentError::Invalid {
            at,
            message: message.into(),
        })
    }

    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            MarkdownError::Content(e) => e.location(),
            MarkdownError::I18n(e) => e.location(),
        }
    }
}

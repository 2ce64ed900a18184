//! What can go wrong while localizing: a problem in `content/` or in the use of a message.

use crate::content::ContentError;
use crate::diagnostic::Location;
use crate::i18n::I18nError;

/// A problem [`super::localize`] finds; it prints exactly as the error it wraps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocalizeError {
    /// In a page or record: a missing translation, a URL clash, a bad slug, an unknown id.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// A Fluent message a page or record needs is missing or does not format.
    #[error(transparent)]
    I18n(#[from] I18nError),
}

impl LocalizeError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            LocalizeError::Content(e) => e.location(),
            LocalizeError::I18n(e) => e.location(),
        }
    }
}

/// `message` at `at`, as the free-text content error localize reports.
pub(super) fn invalid(at: Location, message: impl Into<String>) -> LocalizeError {
    LocalizeError::Content(ContentError::Invalid {
        at,
        message: message.into(),
    })
}

//! Fluent bundles, collation, and the localization of content into per-language pages.

pub mod bundles;
pub mod collate;
pub mod dates;
pub mod localize;
pub use crate::content::slug;

pub use bundles::{Bundles, I18nError};
pub use localize::{LocalizeError, Localized, Section, localize};

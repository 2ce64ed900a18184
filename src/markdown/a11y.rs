//! Accessibility checks on a page's Markdown, with the place of each defect in the source:
//! heading order (prose starts at `##` under the template's `h1`, and never skips a level),
//! empty headings and links without text. These are the defects ministry accessibility
//! statements list most often; catching them at build time keeps them out of the portal.

use super::MarkdownError;
use crate::diagnostic::Location;

/// Collects what the Markdown renderer sees and reports defects with their source places.
///
/// Places are kept as byte offsets and turned into line and column only for a defect: finding
/// a line costs a scan from the start of the file, and doing it for every link made a 50 MB
/// page take minutes.
#[derive(Default)]
pub struct Checker {
    /// Level of the previous heading; the template's `h1` comes before the prose.
    previous: Option<u8>,
    /// The open heading.
    heading: Option<OpenHeading>,
    /// The open link.
    link: Option<OpenLink>,
    /// Defects found.
    pub errors: Vec<MarkdownError>,
}

/// A heading whose end is still to come.
struct OpenHeading {
    /// Its level (1–6).
    level: u8,
    /// Byte offset of its start.
    offset: usize,
    /// Whether it has text so far.
    has_text: bool,
}

/// A link whose end is still to come.
struct OpenLink {
    /// Byte offset of its start.
    offset: usize,
    /// Whether it has text (or an image with alt text) so far.
    has_text: bool,
}

impl Checker {
    /// A heading of `level` (1–6) starts at byte `offset`; `at` locates an offset.
    pub fn heading_start(&mut self, level: u8, offset: usize, at: &dyn Fn(usize) -> Location) {
        // The template writes the page title as the one h1, so prose starts at h2.
        let previous = self.previous.unwrap_or(1);
        if level == 1 {
            self.errors.push(MarkdownError::invalid(
                at(offset),
                "a `#` heading makes a second h1 (the template shows the page title as the h1): start the prose's headings at `##`",
            ));
        } else if level > previous + 1 {
            self.errors.push(MarkdownError::invalid(
                at(offset),
                format!(
                    "heading level {level} follows level {previous}: a level is skipped (write {} `#`)",
                    previous + 1
                ),
            ));
        }
        self.previous = Some(level);
        self.heading = Some(OpenHeading {
            level,
            offset,
            has_text: false,
        });
    }

    /// Text (or inline code, or an image's alt text) inside the current heading or link.
    pub fn text(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        if let Some(heading) = self.heading.as_mut() {
            heading.has_text = true;
        }
        if let Some(link) = self.link.as_mut() {
            link.has_text = true;
        }
    }

    /// The current heading ends.
    pub fn heading_end(&mut self, at: &dyn Fn(usize) -> Location) {
        if let Some(OpenHeading {
            level,
            offset,
            has_text: false,
        }) = self.heading.take()
        {
            self.errors.push(MarkdownError::invalid(
                at(offset),
                format!("empty heading (level {level}): a heading needs text"),
            ));
        }
    }

    /// A link starts at byte `offset`.
    pub fn link_start(&mut self, offset: usize) {
        self.link = Some(OpenLink {
            offset,
            has_text: false,
        });
    }

    /// The current link ends; `at` locates an offset.
    pub fn link_end(&mut self, at: &dyn Fn(usize) -> Location) {
        if let Some(OpenLink {
            offset,
            has_text: false,
        }) = self.link.take()
        {
            self.errors.push(MarkdownError::invalid(
                at(offset),
                "link without text: screen readers announce only the address; write [what the link leads to](address)",
            ));
        }
    }
}

//! Markdown body → HTML fragment, in the page's language.
//!
//! Before parsing, fact shortcodes (`{{ city(id="oulu", case="inessive") }}`) are replaced by
//! their text. While rendering: quotes become ” ” / ’ for Finnish and Swedish, `@/section/page`
//! links resolve to the page in the same language, headings get ids, and links that could run
//! script (`javascript:`, `data:`), images without alt text and raw HTML are refused.

pub mod a11y;
mod error;
pub mod links;
pub mod shortcodes;

use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::diagnostic::Location;
use crate::i18n::I18nError;
use crate::i18n::localize::Localized;
pub use error::MarkdownError;
use shortcodes::Expanded;

/// What rendering one body produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fragment {
    /// The HTML. Shared: a rebuild keeps most pages' fragments, and a copy of each cost more
    /// than the rest of a small rebuild's Markdown stage.
    pub html: std::sync::Arc<str>,
}

/// Languages whose quotation marks are ” … ” (U+201D on both sides) and ’.
pub fn uses_right_quotes(lang: &str) -> bool {
    matches!(lang, "fi" | "sv")
}

/// Everything rendering needs besides the text.
pub struct Env<'a> {
    /// The page language.
    pub lang: &'a str,
    /// Resolves `@/` links.
    pub site: &'a Localized,
    /// Shortcode data (records, bundles).
    pub shortcodes: &'a shortcodes::Data<'a>,
    /// The page's own URL, which relative links start from.
    pub url: &'a str,
    /// What links may point at.
    pub targets: &'a links::Targets,
}

/// The Markdown extensions bodies are parsed with.
pub(crate) fn options() -> Options {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    options.insert(Options::ENABLE_SMART_PUNCTUATION);
    options
}

/// Renders `body` of `file` (which starts at `first_line`) to HTML.
///
/// Fails with every problem's place: an unknown shortcode or id, a link to a page that does
/// not exist, a `javascript:`/`data:` link, an image without alt text, raw HTML.
pub fn render(
    file: &Path,
    body: &str,
    first_line: usize,
    env: &Env,
) -> Result<Fragment, Vec<MarkdownError>> {
    let expanded = shortcodes::expand(file, body, first_line, env.lang, env.shortcodes)?;
    let Expanded { text, map } = expanded;
    let source = Source {
        file,
        body,
        map: &map,
        first_line,
    };
    let mut pass = Pass::new(env, source);
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        pass.event(event, range.start);
    }
    pass.finish()
}

/// Where the expanded text came from, so that a problem gets its place in the source file.
struct Source<'a> {
    /// The Markdown file.
    file: &'a Path,
    /// Its body as written, shortcodes not expanded.
    body: &'a str,
    /// Offsets in the expanded text back to `body`.
    map: &'a shortcodes::OffsetMap,
    /// The line of `file` that `body` starts at.
    first_line: usize,
}

impl Source<'_> {
    /// The place in the file of byte `offset` of the expanded text.
    fn at(&self, offset: usize) -> Location {
        Location::at_offset(
            self.file,
            self.body,
            self.map.original(offset),
            self.first_line,
        )
    }
}

/// A heading whose end is still to come.
struct OpenHeading {
    /// Index of its start event in [`Pass::events`], which gets the id at the end.
    event: usize,
    /// The `{#id}` written, if any.
    given_id: Option<String>,
    /// Its text so far, which the id is made from when none is given.
    text: String,
}

/// An image whose end is still to come.
struct OpenImage {
    /// Byte offset of its start in the expanded text.
    offset: usize,
    /// Whether it has alt text so far.
    has_alt: bool,
}

/// A `#…` link to a heading of the page itself.
struct OwnLink {
    /// Byte offset of the link in the expanded text.
    offset: usize,
    /// The part after `#`.
    fragment: String,
}

/// One body being rendered: the events for the HTML writer, and every problem, made event by
/// event from the parser's.
struct Pass<'a> {
    /// The page and the site.
    env: &'a Env<'a>,
    /// Locates offsets for problems.
    source: Source<'a>,
    /// Whether quotes become ” and ’ ([`uses_right_quotes`]).
    right_quotes: bool,
    /// What the HTML writer gets.
    events: Vec<Event<'a>>,
    /// Problems found so far.
    errors: Vec<MarkdownError>,
    /// The heading being read.
    heading: Option<OpenHeading>,
    /// The image being read.
    image: Option<OpenImage>,
    /// The ids headings got so far.
    ids: links::HeadingIds,
    /// `#…` links to the page's own headings, checked once every heading has its id.
    own_links: Vec<OwnLink>,
    /// Heading order, empty headings, links without text.
    checker: a11y::Checker,
    /// The id of the last heading so far: a table's scrolling box is named after it.
    last_heading: Option<String>,
}

impl<'a> Pass<'a> {
    fn new(env: &'a Env<'a>, source: Source<'a>) -> Self {
        Pass {
            env,
            source,
            right_quotes: uses_right_quotes(env.lang),
            events: Vec::new(),
            errors: Vec::new(),
            heading: None,
            image: None,
            ids: links::HeadingIds::default(),
            own_links: Vec::new(),
            checker: a11y::Checker::default(),
            last_heading: None,
        }
    }

    /// Takes the parser's `event` at byte `offset` of the expanded text.
    fn event(&mut self, event: Event<'a>, offset: usize) {
        let event = match event {
            Event::Text(t) => return self.text(t),
            Event::Code(t) => {
                self.heading_text(&t);
                self.checker.text(&t);
                Event::Code(t)
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.errors.push(MarkdownError::invalid(
                    self.source.at(offset),
                    "raw HTML is not allowed in content; write it in Markdown (templates hold the HTML)",
                ));
                return;
            }
            Event::Start(tag) => self.start(tag, offset),
            Event::End(TagEnd::Heading(level)) => {
                self.heading_end();
                Event::End(TagEnd::Heading(level))
            }
            Event::End(TagEnd::Table) => {
                self.events.push(Event::End(TagEnd::Table));
                Event::Html(CowStr::Borrowed("</div>\n"))
            }
            Event::End(TagEnd::Link) => {
                let source = &self.source;
                self.checker.link_end(&|o| source.at(o));
                Event::End(TagEnd::Link)
            }
            Event::End(TagEnd::Image) => {
                self.image_end();
                Event::End(TagEnd::Image)
            }
            other => other,
        };
        self.events.push(event);
    }

    /// A start tag at `offset`: headings get their id later, link and image destinations
    /// are resolved, a table gets its scrolling box.
    fn start(&mut self, tag: Tag<'a>, offset: usize) -> Event<'a> {
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => self.heading_start(level, id, classes, &attrs, offset),
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.checker.link_start(offset);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: self.link_dest(dest_url, offset),
                    title,
                    id,
                })
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.image_dest(dest_url, offset);
                self.image = Some(OpenImage {
                    offset,
                    has_alt: false,
                });
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Tag::Table(alignments) => {
                self.table_start(offset);
                Event::Start(Tag::Table(alignments))
            }
            other => Event::Start(other),
        }
    }

    /// Text: quotes of the language; part of the open heading's text and image's alt text;
    /// the marks of a `lang` passage become its span.
    fn text(&mut self, t: CowStr<'a>) {
        let t = if self.right_quotes && t.contains(['“', '‘']) {
            CowStr::from(t.replace('“', "”").replace('‘', "’"))
        } else {
            t
        };
        self.heading_text(&t);
        if let Some(image) = self.image.as_mut() {
            image.has_alt |= !t.trim().is_empty();
        }
        self.checker.text(&t);
        if t.contains([shortcodes::LANG_OPEN, shortcodes::LANG_CLOSE]) {
            self.events.extend(lang_spans(&t));
        } else {
            self.events.push(Event::Text(t));
        }
    }

    fn heading_text(&mut self, t: &str) {
        if let Some(heading) = self.heading.as_mut() {
            heading.text.push_str(t);
        }
    }

    /// A heading starts; its id is filled in at its end, when its text is known.
    fn heading_start(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
        offset: usize,
    ) -> Event<'a> {
        let source = &self.source;
        self.checker
            .heading_start(level as u8, offset, &|o| source.at(o));
        // `{key=value}` would be copied into the tag as is: `{onclick=…}` runs code.
        if let Some((key, _)) = attrs.first() {
            self.errors.push(MarkdownError::invalid(
                self.source.at(offset),
                format!(
                    "heading attribute `{key}` is not allowed: only {{#id}} and {{.class}} are"
                ),
            ));
        }
        self.heading = Some(OpenHeading {
            event: self.events.len(),
            given_id: id.map(|s| s.to_string()),
            text: String::new(),
        });
        Event::Start(Tag::Heading {
            level,
            id: None,
            classes,
            attrs: Vec::new(),
        })
    }

    /// The open heading ends: it gets its id.
    fn heading_end(&mut self) {
        let source = &self.source;
        self.checker.heading_end(&|o| source.at(o));
        if let Some(heading) = self.heading.take() {
            let id = self.ids.assign(heading.given_id, &heading.text);
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut self.events[heading.event] {
                *slot = Some(CowStr::from(id.clone()));
            }
            self.last_heading = Some(id);
        }
    }

    /// Where a link at `offset` leads, as the HTML writes it.
    fn link_dest(&mut self, dest_url: CowStr<'a>, offset: usize) -> CowStr<'a> {
        match resolve_link(&dest_url, self.env) {
            Ok(Resolved::File(url) | Resolved::Page(url)) => CowStr::from(url),
            Ok(Resolved::Own(fragment)) => {
                self.own_links.push(OwnLink { offset, fragment });
                dest_url
            }
            Ok(Resolved::AsWritten) => dest_url,
            Err(message) => {
                self.errors
                    .push(MarkdownError::link(self.source.at(offset), message));
                dest_url
            }
        }
    }

    /// Where an image at `offset` is, as the HTML writes it: a file, never a page.
    fn image_dest(&mut self, dest_url: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let message = match resolve_link(&dest_url, self.env) {
            Ok(Resolved::File(url)) => return CowStr::from(url),
            Ok(Resolved::AsWritten) => return dest_url,
            Ok(Resolved::Page(_) | Resolved::Own(_)) => {
                format!("image `{dest_url}`: that is a page, not a file")
            }
            Err(message) => message,
        };
        self.errors
            .push(MarkdownError::link(self.source.at(offset), message));
        dest_url
    }

    /// The open image ends: without alt text it is refused.
    fn image_end(&mut self) {
        if let Some(OpenImage {
            offset,
            has_alt: false,
        }) = self.image.take()
        {
            self.errors.push(MarkdownError::invalid(
                self.source.at(offset),
                "image without alt text: write ![what the image shows](file)",
            ));
        }
    }

    /// A table starts: first the box it scrolls in.
    fn table_start(&mut self, offset: usize) {
        let at = self.source.at(offset);
        match table_box(self.last_heading.as_deref(), self.env, &at) {
            Ok(open) => self.events.push(Event::Html(CowStr::from(open))),
            Err(e) => self.errors.push(e.into()),
        }
    }

    /// The HTML, once the links to the page's own headings are checked; or every problem.
    fn finish(self) -> Result<Fragment, Vec<MarkdownError>> {
        let Pass {
            env,
            source,
            events,
            mut errors,
            ids,
            own_links,
            mut checker,
            ..
        } = self;
        for link in own_links {
            let dest = format!("#{}", link.fragment);
            if let Err(message) = links::check_id(&dest, &link.fragment, &ids.ids, env.url) {
                errors.push(MarkdownError::link(source.at(link.offset), message));
            }
        }
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        errors.append(&mut checker.errors);
        if errors.is_empty() {
            // Exactly its size: the string grew by doubling, and every fragment stays alive
            // until the templates ran (the slack was a large share of peak memory).
            Ok(Fragment { html: out.into() })
        } else {
            Err(errors)
        }
    }
}

/// The opening tag of the box a table scrolls in on narrow screens, so that the page itself
/// never scrolls sideways (WCAG 1.4.10). The box takes keyboard focus, for those who scroll
/// without a mouse, and so it needs a name: the heading above the table, or without one the
/// Fluent message `table-label` of the page's language.
fn table_box(heading: Option<&str>, env: &Env, at: &Location) -> Result<String, I18nError> {
    let mut tag = String::from(r#"<div class="table-wrap" role="region" tabindex="0" "#);
    let (attr, value) = match heading {
        Some(id) => ("aria-labelledby", id.to_string()),
        None => (
            "aria-label",
            env.shortcodes
                .bundles
                .format(env.lang, "table-label", None, at)?,
        ),
    };
    tag.push_str(attr);
    tag.push_str("=\"");
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut tag, &value);
    tag.push_str("\">\n");
    Ok(tag)
}

/// Splits text holding `lang` shortcode marks into text and `<span lang="…">` events.
fn lang_spans(text: &str) -> Vec<Event<'static>> {
    let mut events = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find([shortcodes::LANG_OPEN, shortcodes::LANG_CLOSE]) {
        if i > 0 {
            events.push(Event::Text(CowStr::from(rest[..i].to_string())));
        }
        let mark = rest[i..].chars().next().unwrap_or_default();
        rest = &rest[i + mark.len_utf8()..];
        if mark == shortcodes::LANG_CLOSE {
            events.push(Event::InlineHtml(CowStr::from("</span>")));
            continue;
        }
        // The shortcode checked the code: letters, digits and hyphens only.
        let (code, after) = rest
            .split_once(shortcodes::LANG_CODE_END)
            .unwrap_or(("", rest));
        events.push(Event::InlineHtml(CowStr::from(format!(
            "<span lang=\"{code}\">"
        ))));
        rest = after;
    }
    if !rest.is_empty() {
        events.push(Event::Text(CowStr::from(rest.to_string())));
    }
    events
}

fn check_scheme(url: &str) -> Result<(), String> {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':' && *c != '/')
        .collect::<String>()
        .to_ascii_lowercase();
    if url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data") {
        return Err(format!(
            "links with the `{scheme}:` scheme are refused (they can run code in the reader’s browser)"
        ));
    }
    Ok(())
}

/// What a link's destination becomes.
enum Resolved {
    /// The URL of a file to write instead (an absolute link without the base path).
    File(String),
    /// The URL of a page to write instead (an `@/` link, or an absolute one without the base
    /// path).
    Page(String),
    /// A `#…` link to a heading of this page (checked after the last heading).
    Own(String),
    /// Left as written: external, or internal and found.
    AsWritten,
}

/// Resolves `dest` from the page of `env`: `@/section/page#frag` becomes the page's URL in
/// this language; every other internal link (absolute, relative, to a file) must lead to a
/// page, a heading of it or a file the output holds.
fn resolve_link(dest: &str, env: &Env) -> Result<Resolved, String> {
    check_scheme(dest)?;
    let targets = env.targets;
    match targets.resolve(dest, env.url, env.lang, env.site)? {
        links::Target::External | links::Target::File { rewritten: None } => {
            Ok(Resolved::AsWritten)
        }
        links::Target::File {
            rewritten: Some(url),
        } => Ok(Resolved::File(url)),
        links::Target::Own(f) => Ok(Resolved::Own(f.to_string())),
        links::Target::Page {
            index,
            fragment,
            rewritten,
        } => {
            if let Some(f) = fragment {
                targets.check_fragment(dest, index, f, env.site)?;
            }
            match rewritten {
                Some(url) => Ok(Resolved::Page(url)),
                None => Ok(Resolved::AsWritten),
            }
        }
    }
}

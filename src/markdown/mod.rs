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
    /// The HTML.
    pub html: String,
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
    let at = |offset: usize| Location::at_offset(file, body, map.original(offset), first_line);

    let options = options();
    let right_quotes = uses_right_quotes(env.lang);

    let mut errors = Vec::new();
    let mut fragment = Fragment::default();
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<(usize, HeadingLevel, Option<String>, String)> = None;
    let mut image: Option<(usize, bool)> = None;
    let mut ids = links::HeadingIds::default();
    // `#…` links to the page's own headings, checked once every heading has its id.
    let mut own_fragments: Vec<(usize, String)> = Vec::new();
    let mut checker = a11y::Checker::default();
    // The id of the last heading so far: a table's scrolling box is named after it.
    let mut last_heading: Option<String> = None;

    for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
        let event = match event {
            Event::Text(t) => {
                let t = if right_quotes && t.contains(['“', '‘']) {
                    CowStr::from(t.replace('“', "”").replace('‘', "’"))
                } else {
                    t
                };
                if let Some(h) = heading.as_mut() {
                    h.3.push_str(&t);
                }
                if let Some(img) = image.as_mut() {
                    img.1 |= !t.trim().is_empty();
                }
                checker.text(&t);
                if t.contains([shortcodes::LANG_OPEN, shortcodes::LANG_CLOSE]) {
                    // A marked passage from the `lang` shortcode: its marks become the span.
                    events.extend(lang_spans(&t));
                    continue;
                }
                Event::Text(t)
            }
            Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.3.push_str(&t);
                }
                checker.text(&t);
                Event::Code(t)
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                errors.push(invalid(at(range.start), "raw HTML is not allowed in content; write it in Markdown (templates hold the HTML)"));
                continue;
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                checker.heading_start(level as u8, range.start, &at);
                // `{key=value}` would be copied into the tag as is: `{onclick=…}` runs code.
                if let Some((key, _)) = attrs.first() {
                    errors.push(invalid(
                        at(range.start),
                        &format!(
                            "heading attribute `{key}` is not allowed: only {{#id}} and {{.class}} are"
                        ),
                    ));
                }
                let attrs = Vec::new();
                heading = Some((
                    events.len(),
                    level,
                    id.map(|s| s.to_string()),
                    String::new(),
                ));
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                checker.heading_end(&at);
                if let Some((start, _, given, text_of)) = heading.take() {
                    let id = ids.assign(given, &text_of);
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    last_heading = Some(id);
                }
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                checker.link_start(range.start);
                let dest = match resolve_link(&dest_url, env) {
                    Ok(Resolved::File(url) | Resolved::Page(url)) => CowStr::from(url),
                    Ok(Resolved::Own(f)) => {
                        own_fragments.push((range.start, f));
                        dest_url
                    }
                    Ok(Resolved::AsWritten) => dest_url,
                    Err(message) => {
                        errors.push(broken(at(range.start), message));
                        dest_url
                    }
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = match resolve_link(&dest_url, env) {
                    Ok(Resolved::File(url)) => CowStr::from(url),
                    Ok(Resolved::Page(_) | Resolved::Own(_)) => {
                        errors.push(broken(
                            at(range.start),
                            format!("image `{dest_url}`: that is a page, not a file"),
                        ));
                        dest_url
                    }
                    Ok(Resolved::AsWritten) => dest_url,
                    Err(message) => {
                        errors.push(broken(at(range.start), message));
                        dest_url
                    }
                };
                image = Some((range.start, false));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Table(alignments)) => {
                match table_box(last_heading.as_deref(), env, &at(range.start)) {
                    Ok(open) => events.push(Event::Html(CowStr::from(open))),
                    Err(e) => errors.push(e.into()),
                }
                Event::Start(Tag::Table(alignments))
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                Event::Html(CowStr::Borrowed("</div>\n"))
            }
            Event::End(TagEnd::Link) => {
                checker.link_end(&at);
                Event::End(TagEnd::Link)
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, false)) = image.take() {
                    errors.push(invalid(
                        at(start),
                        "image without alt text: write ![what the image shows](file)",
                    ));
                }
                Event::End(TagEnd::Image)
            }
            other => other,
        };
        events.push(event);
    }
    for (offset, f) in own_fragments {
        let dest = format!("#{f}");
        if let Err(message) = links::check_id(&dest, &f, &ids.ids, env.url) {
            errors.push(broken(at(offset), message));
        }
    }
    html::push_html(&mut fragment.html, events.into_iter());
    errors.append(&mut checker.errors);
    // The string grew by doubling; every fragment stays alive until the templates ran, so
    // return the slack (up to half its size) now: it was a large share of peak memory.
    fragment.html.shrink_to_fit();
    if errors.is_empty() {
        Ok(fragment)
    } else {
        Err(errors)
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

fn broken(at: Location, message: String) -> MarkdownError {
    MarkdownError::link(at, message)
}

fn invalid(at: Location, message: &str) -> MarkdownError {
    MarkdownError::invalid(at, message)
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

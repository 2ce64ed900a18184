//! Pages named in Fluent, and the capitalisation of a name used as a title.

use crate::content::PageKind;

/// Content pages whose name is a Fluent message: (shortcode, message prefix, section
/// directory). `{{ theme(id="culture") }}` prints the message `theme-culture`, and the page
/// `themes/culture` takes it as its title.
pub const NAME_KINDS: [(&str, &str, &str); 3] = [
    ("theme", "theme", "themes"),
    ("partnership", "partnership", "partnerships"),
    ("body", "body", "bodies"),
];

/// The Fluent message that names a content page of `page`'s kind, if its section names its
/// pages in Fluent (`theme-<id>`, `partnership-<id>`, `body-<id>`).
pub fn name_key(page: &crate::content::Page) -> Option<String> {
    name_key_of(page.kind, page.section.as_deref(), page.id.as_deref())
}

/// [`name_key`] from the parts of a page.
pub(super) fn name_key_of(
    kind: PageKind,
    section: Option<&str>,
    id: Option<&str>,
) -> Option<String> {
    let (section, id) = (section?, id?);
    if kind != PageKind::Page {
        return None;
    }
    NAME_KINDS
        .iter()
        .find(|k| k.2 == section)
        .map(|k| format!("{}-{id}", k.1))
}

/// `kulttuuri` → `Kulttuuri`: a name in running text is lower case, a title starts upper case.
pub(crate) fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

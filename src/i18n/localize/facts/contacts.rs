//! The contacts section: a directory of everyone with a phone.

use super::{ContactView, Facts, Resolver};

/// Everyone with a phone, by surname then first names.
pub(super) fn facts(r: &mut Resolver) -> Facts {
    let content = r.content;
    let contacts: Vec<ContactView> = content
        .records
        .contacts
        .iter()
        .filter(|(_, c)| c.data.phone.is_some())
        .filter_map(|(id, c)| r.contact_view(id, c))
        .collect();
    // A directory lists people by surname, then first names: ”Kurki, Minna”.
    let mut keyed: Vec<(String, ContactView)> = contacts
        .into_iter()
        .map(|c| (surname_first(&c.name), c))
        .collect();
    r.site
        .collators
        .sort_by_key(r.lang, &mut keyed, |k| k.0.as_str());
    let contacts = keyed.into_iter().map(|k| k.1).collect();
    Facts::Contacts { contacts }
}

/// `Anna-Kaisa Ikonen` → `Ikonen Anna-Kaisa`: the sort key of a directory. Finnish and
/// Swedish names in these records have the surname last.
fn surname_first(name: &str) -> String {
    match name.trim().rsplit_once(' ') {
        Some((first, last)) => format!("{last} {first}"),
        None => name.to_string(),
    }
}

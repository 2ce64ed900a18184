//! schema.org JSON-LD for the people pages show.

/// A schema.org `Person` with `name` and `role`, where they work and their `tel:` URI, as
/// JSON that is safe to put inside a `<script>` element.
pub(super) fn person(
    name: &str,
    role: &str,
    organisation: Option<&str>,
    tel: Option<&str>,
) -> String {
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": name,
        "jobTitle": role,
    });
    if let Some(o) = organisation {
        ld["worksFor"] = serde_json::json!({ "@type": "Organization", "name": o });
    }
    if let Some(t) = tel {
        ld["telephone"] = serde_json::Value::String(t.trim_start_matches("tel:").to_string());
    }
    // `<`, `>` and `&` as JSON escapes: nothing inside the script element can close it or
    // open a comment.
    ld.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

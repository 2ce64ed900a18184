//! Paths of the files the output holds for the whole site rather than for one page, relative
//! to the output root. A leaf: `render` writes these files and `markdown` accepts links to
//! them, so both name them from here.

/// The language chooser at the site root.
pub const CHOOSER: &str = "index.html";

/// The page a server shows for a URL the site does not have.
pub const NOT_FOUND: &str = "404.html";

/// What crawlers may visit; it names the sitemap.
pub const ROBOTS: &str = "robots.txt";

/// The sitemap, with `xhtml:link` alternates for every translation.
pub const SITEMAP: &str = "sitemap.xml";

/// The Atom feed of a language's news, `fi/atom.xml`.
pub fn feed(lang: &str) -> String {
    format!("{lang}/atom.xml")
}

/// The folder of a language's search files: `search/fi/`.
pub fn search_dir(lang: &str) -> String {
    format!("search/{lang}/")
}

/// The entry file of a language's search, `search/fi/meta.json` (what the search page names;
/// the other files are fetched relative to it).
pub fn search_index(lang: &str) -> String {
    format!("{}meta.json", search_dir(lang))
}

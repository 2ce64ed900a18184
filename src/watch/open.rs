//! [`OpenPages`]: the pages open in a browser, which a rebuild renders and writes first.
//!
//! Under `serve`, every page shown in a browser long-polls the server for rebuilds and says
//! which page it is; the server records it here and the watch loop reads it before each
//! rebuild, so that the page the editor looks at is out before the other thousands.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a page counts as open after its last poll. A poll waits at most 25 s before the
/// browser asks again, so a page still open is seen well within this.
const FRESH: Duration = Duration::from_secs(60);

/// The URL paths of the pages browsers showed recently.
#[derive(Debug, Default)]
pub struct OpenPages {
    seen: Mutex<HashMap<String, Instant>>,
}

impl OpenPages {
    /// A browser shows `path` (the address's path, `/fi/kaupungit/oulu/` or
    /// `/fi/kaupungit/oulu/index.html`).
    pub fn seen(&self, path: &str) {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        if let Ok(mut seen) = self.seen.lock() {
            let now = Instant::now();
            seen.retain(|_, at| now.duration_since(*at) < FRESH);
            seen.insert(path.to_string(), now);
        }
    }

    /// The paths seen within the last minute, as page URLs (`/fi/kaupungit/oulu/`).
    pub fn urls(&self) -> Vec<String> {
        let Ok(seen) = self.seen.lock() else {
            return Vec::new();
        };
        let now = Instant::now();
        seen.iter()
            .filter(|(_, at)| now.duration_since(**at) < FRESH)
            .map(|(p, _)| p.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_seen_is_open_by_its_url_with_or_without_index_html() {
        let open = OpenPages::default();
        open.seen("/fi/kaupungit/oulu/index.html");
        open.seen("/sv/");
        let mut urls = open.urls();
        urls.sort();
        assert_eq!(urls, ["/fi/kaupungit/oulu/", "/sv/"]);
    }
}

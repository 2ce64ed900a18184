//! The redirect page written at each earlier URL of a page (`aliases:`): it sends the browser
//! on at once (`meta refresh`), tells search engines where the page lives now (`canonical`)
//! and not to index the old address (`noindex`), and shows a plain link for whoever gets
//! there without the refresh. It names no `alternate`: the old address has no translations.

use crate::i18n::Localized;
use crate::i18n::localize::Alias;

use super::OutputFile;

/// The redirect page of `alias`, at its output path.
pub fn page(localized: &Localized, alias: &Alias) -> OutputFile {
    let target = &localized.pages[alias.page];
    let url = escape(&target.url);
    let permalink = escape(&target.permalink);
    let title = escape(&target.title);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n\
         <link rel=\"canonical\" href=\"{permalink}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n\
         <h1><a href=\"{url}\">{title}</a></h1>\n</body>\n</html>\n",
        lang = target.lang,
    );
    OutputFile {
        path: alias.output_path(&localized.base_path),
        bytes: html.into_bytes(),
    }
}

/// `text` safe inside an attribute or element (URLs keep their `/`, unlike Tera's escape).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

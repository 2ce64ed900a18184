//! `corpus`: a deterministic benchmark corpus.
//!
//! Copies the repo portal (`content/`, `templates/`, `i18n/`) to a target directory and adds
//! N generated page pairs in a new `archive` section: a Finnish and a Swedish page each, about
//! 1.5 KB of Markdown with the portal's front matter (title, slug, description), headings,
//! paragraphs, a list, a table, `@/archive/<id>` links to other generated pages and "quotes".
//!
//! With `--hugo DIR` it also writes the same N pairs as a two-language Hugo site (one
//! `contentDir` per language, a minimal layout), and with `--zola DIR` as a two-language Zola
//! site (the same layout), so the generators build equivalent input.
//!
//! Usage: `corpus TARGET PAIRS [SEED] [--hugo DIR] [--zola DIR]` (run from the repo root).
//! Same seed, same bytes: the generator uses a tiny xorshift, no clock and no OS randomness.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// xorshift64*: enough randomness for word choice, and stable across platforms.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const FI: &[&str] = &[
    "kaupunki",
    "valtio",
    "kumppanuus",
    "yhteistyö",
    "kehittäminen",
    "ministeriö",
    "hanke",
    "asukkaat",
    "elinvoima",
    "osaaminen",
    "liikkuminen",
    "varhaiskasvatus",
    "sopimus",
    "tavoite",
    "päätös",
    "työryhmä",
    "kestävä",
    "yhdessä",
    "alueellinen",
    "ratkaisu",
    "käytäntö",
    "vuorovaikutus",
    "ympäristö",
    "kaupunkiseutu",
];

const SV: &[&str] = &[
    "stad",
    "staten",
    "partnerskap",
    "samarbete",
    "utveckling",
    "ministeriet",
    "projekt",
    "invånarna",
    "livskraft",
    "kompetens",
    "rörlighet",
    "småbarnspedagogik",
    "avtal",
    "mål",
    "beslut",
    "arbetsgrupp",
    "hållbar",
    "tillsammans",
    "regional",
    "lösning",
    "praxis",
    "växelverkan",
    "miljö",
    "stadsregion",
];

/// Per-language fixed words: section title and slug, the table header, a link text.
struct Lang {
    code: &'static str,
    words: &'static [&'static str],
    section_title: &'static str,
    section_slug: &'static str,
    page: &'static str,
    table: [&'static str; 3],
    see: &'static str,
    and: &'static str,
}

const LANGS: [Lang; 2] = [
    Lang {
        code: "fi",
        words: FI,
        section_title: "Arkisto",
        section_slug: "arkisto",
        page: "Arkistosivu",
        table: ["Vuosi", "Aihe", "Määrä"],
        see: "Katso myös",
        and: "ja",
    },
    Lang {
        code: "sv",
        words: SV,
        section_title: "Arkiv",
        section_slug: "arkiv",
        page: "Arkivsida",
        table: ["År", "Ämne", "Antal"],
        see: "Se även",
        and: "och",
    },
];

fn sentence(rng: &mut Rng, words: &[&str], n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let w = rng.pick(words);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// The archive section page's description and text in `lang`: the same words, in the same
/// order of the generator, for every twin.
fn section_words(rng: &mut Rng, lang: &Lang) -> (String, String) {
    let description = sentence(rng, lang.words, 10);
    (description, sentence(rng, lang.words, 20))
}

/// The archive section page in `lang` with YAML front matter (ours and Hugo's).
fn yaml_section(rng: &mut Rng, lang: &Lang) -> String {
    let (description, intro) = section_words(rng, lang);
    format!(
        "---\ntitle: {}\nslug: {}\ndescription: {description}\n---\n\n{intro}\n",
        lang.section_title, lang.section_slug
    )
}

/// The page id of pair `i` (zero-padded so ids sort like numbers).
fn id(i: usize) -> String {
    format!("item-{i:05}")
}

/// Title, slug, description and Markdown body of one page. `link` formats a link target.
fn page(
    rng: &mut Rng,
    lang: &Lang,
    i: usize,
    pairs: usize,
    link: &dyn Fn(&str) -> String,
) -> (String, String, String, String) {
    let w = lang.words;
    let title = format!("{} {} {}", lang.page, i, rng.pick(w));
    let slug = format!("{}-{i:05}", lang.section_slug);
    let description = sentence(rng, w, 12);
    let mut body = String::new();
    for h in 0..3 {
        let _ = writeln!(
            body,
            "## {} {}\n",
            sentence(rng, w, 3).trim_end_matches('.'),
            h + 1
        );
        let _ = writeln!(
            body,
            "{} \"{}\" {}\n",
            sentence(rng, w, 10),
            sentence(rng, w, 4).trim_end_matches('.'),
            sentence(rng, w, 12)
        );
        if h == 0 {
            for _ in 0..4 {
                let _ = writeln!(body, "- {}", sentence(rng, w, 5));
            }
            body.push('\n');
        }
        if h == 1 {
            let [a, b, c] = lang.table;
            let _ = writeln!(body, "| {a} | {b} | {c} |\n|---|---|---:|");
            for r in 0..4 {
                let _ = writeln!(
                    body,
                    "| {} | {} | {} |",
                    2020 + r,
                    rng.pick(w),
                    rng.below(1000)
                );
            }
            body.push('\n');
        }
    }
    let others: Vec<String> = (0..3).map(|_| id(rng.below(pairs))).collect();
    let _ = writeln!(
        body,
        "{}: [{}]({}), [{}]({}) {} [{}]({}).",
        lang.see,
        others[0],
        link(&others[0]),
        others[1],
        link(&others[1]),
        lang.and,
        others[2],
        link(&others[2])
    );
    (title, slug, description, body)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Writes the kumppani corpus: the portal plus the archive section.
fn kumppani(repo: &Path, target: &Path, pairs: usize, seed: u64) -> std::io::Result<()> {
    if target.exists() {
        fs::remove_dir_all(target)?;
    }
    for dir in ["content", "templates", "i18n"] {
        copy_dir(&repo.join(dir), &target.join(dir))?;
    }
    let site = target.join("content/site.yaml");
    let config = fs::read_to_string(&site)?;
    let config = config.replace("sections: [", "sections: [archive, ");
    fs::write(&site, config)?;
    let archive = target.join("content/archive");
    fs::create_dir_all(&archive)?;
    let mut rng = Rng::new(seed);
    for lang in &LANGS {
        fs::write(
            archive.join(format!("_index.{}.md", lang.code)),
            yaml_section(&mut rng, lang),
        )?;
    }
    for i in 0..pairs {
        for lang in &LANGS {
            let (title, slug, description, body) =
                page(&mut rng, lang, i, pairs, &|o| format!("@/archive/{o}"));
            fs::write(
                archive.join(format!("{}.{}.md", id(i), lang.code)),
                format!(
                    "---\ntitle: {title}\nslug: {slug}\ndescription: {description}\n---\n\n{body}"
                ),
            )?;
        }
    }
    Ok(())
}

/// Writes the same pages as a two-language Hugo site (same seed → same words).
fn hugo(target: &Path, pairs: usize, seed: u64) -> std::io::Result<()> {
    if target.exists() {
        fs::remove_dir_all(target)?;
    }
    hugo_config_and_layouts(target)?;
    // One generator for the sections and then the pages, in that order, as for our corpus.
    let mut rng = Rng::new(seed);
    hugo_sections(target, &mut rng)?;
    hugo_pages(target, pairs, &mut rng)
}

/// `hugo.toml`: Finnish and Swedish, one content directory each, no taxonomies or feeds.
const HUGO_CONFIG: &str = "baseURL = 'https://kaupunkikumppanuudet.example.fi/'\n\
    defaultContentLanguage = 'fi'\ndefaultContentLanguageInSubdir = true\n\
    disableKinds = ['taxonomy', 'term', 'RSS']\n\
    [languages.fi]\n  contentDir = 'content/fi'\n  weight = 1\n\
    [languages.sv]\n  contentDir = 'content/sv'\n  weight = 2\n";

/// The single-page layout; the list layout adds the section's pages in the `list` block.
const HUGO_BASE: &str = "<!DOCTYPE html>\n<html lang=\"{{ .Language.Lang }}\"><head><meta charset=\"utf-8\">\
    <title>{{ .Title }}</title><meta name=\"description\" content=\"{{ .Description }}\">\
    {{ range .Translations }}<link rel=\"alternate\" hreflang=\"{{ .Language.Lang }}\" href=\"{{ .Permalink }}\">{{ end }}\
    </head><body><nav>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</nav>\
    <main><h1>{{ .Title }}</h1>{{ .Content }}{{ block \"list\" . }}{{ end }}</main></body></html>\n";

/// `hugo.toml` (two languages, one content directory each) and the single and list layouts.
fn hugo_config_and_layouts(target: &Path) -> std::io::Result<()> {
    fs::create_dir_all(target.join("layouts/_default"))?;
    fs::write(target.join("hugo.toml"), HUGO_CONFIG)?;
    let base = HUGO_BASE;
    fs::write(target.join("layouts/_default/single.html"), base)?;
    fs::write(
        target.join("layouts/_default/list.html"),
        base.replace(
            "{{ block \"list\" . }}{{ end }}",
            "<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>",
        ),
    )
}

/// The archive section's `_index.md` in each language.
fn hugo_sections(target: &Path, rng: &mut Rng) -> std::io::Result<()> {
    for lang in &LANGS {
        let dir = target.join(format!("content/{}/archive", lang.code));
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("_index.md"), yaml_section(rng, lang))?;
    }
    Ok(())
}

/// Every page pair, linked with Hugo's `ref` shortcode and paired by `translationKey`.
fn hugo_pages(target: &Path, pairs: usize, rng: &mut Rng) -> std::io::Result<()> {
    for i in 0..pairs {
        for lang in &LANGS {
            let (title, slug, description, body) = page(rng, lang, i, pairs, &|o| {
                format!("{{{{< ref \"archive/{o}.md\" >}}}}")
            });
            let dir = target.join(format!("content/{}/archive", lang.code));
            fs::write(
                dir.join(format!("{}.md", id(i))),
                format!(
                    "---\ntitle: {title}\nslug: {slug}\ndescription: {description}\ntranslationKey: {}\n---\n\n{body}",
                    id(i)
                ),
            )?;
        }
    }
    Ok(())
}

/// Writes the same pages as a two-language Zola site (same seed → same words): Finnish the
/// default language, Swedish pages beside them as `<id>.sv.md`, a minimal layout like Hugo's.
fn zola(target: &Path, pairs: usize, seed: u64) -> std::io::Result<()> {
    if target.exists() {
        fs::remove_dir_all(target)?;
    }
    fs::create_dir_all(target.join("templates"))?;
    fs::create_dir_all(target.join("content/archive"))?;
    fs::write(target.join("config.toml"), ZOLA_CONFIG)?;
    let section = ZOLA_BASE
        .replace("PAGE", "section")
        .replace("{% block list %}{% endblock %}", ZOLA_LIST);
    fs::write(
        target.join("templates/page.html"),
        ZOLA_BASE.replace("PAGE", "page"),
    )?;
    fs::write(target.join("templates/section.html"), &section)?;
    fs::write(target.join("templates/index.html"), &section)?;
    let mut rng = Rng::new(seed);
    for lang in &LANGS {
        let suffix = zola_suffix(lang);
        // The home page, which Hugo makes on its own.
        fs::write(
            target.join(format!("content/_index{suffix}.md")),
            format!("+++\ntitle = \"{}\"\n+++\n", lang.page),
        )?;
        // Zola takes a section's URL from its folder: no slug.
        let (description, intro) = section_words(&mut rng, lang);
        fs::write(
            target.join(format!("content/archive/_index{suffix}.md")),
            format!(
                "+++\ntitle = \"{}\"\ndescription = \"{description}\"\n+++\n\n{intro}\n",
                lang.section_title
            ),
        )?;
    }
    for i in 0..pairs {
        for lang in &LANGS {
            let suffix = zola_suffix(lang);
            let (title, slug, description, body) = page(&mut rng, lang, i, pairs, &|o| {
                format!("@/archive/{o}{suffix}.md")
            });
            fs::write(
                target.join(format!("content/archive/{}{suffix}.md", id(i))),
                format!(
                    "+++\ntitle = \"{title}\"\nslug = \"{slug}\"\ndescription = \"{description}\"\n+++\n\n{body}"
                ),
            )?;
        }
    }
    Ok(())
}

/// Writes a peer's twin of the corpus: target directory, pairs, seed.
type Twin = fn(&Path, usize, u64) -> std::io::Result<()>;

/// `.sv` for a Swedish file, nothing for the default language's.
fn zola_suffix(lang: &Lang) -> String {
    if lang.code == LANGS[0].code {
        String::new()
    } else {
        format!(".{}", lang.code)
    }
}

/// `config.toml`: Finnish by default and Swedish; no feeds, search index or Sass (as Hugo's).
const ZOLA_CONFIG: &str = "base_url = \"https://kaupunkikumppanuudet.example.fi\"\n\
    default_language = \"fi\"\ncompile_sass = false\nbuild_search_index = false\n\
    generate_feeds = false\n\n[languages.sv]\n";

/// The page layout (`PAGE` is `page` or `section`), as Hugo's: head with the translations,
/// the sections in a nav, the title and content; the section layout adds its pages.
const ZOLA_BASE: &str = "<!DOCTYPE html>\n<html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\">\
    <title>{{ PAGE.title }}</title><meta name=\"description\" content=\"{{ PAGE.description | default(value='') }}\">\
    {% for t in PAGE.translations %}<link rel=\"alternate\" hreflang=\"{{ t.lang }}\" href=\"{{ t.permalink }}\">{% endfor %}\
    </head><body><nav>{% if lang == config.default_language %}{% set nav = \"archive/_index.md\" %}\
    {% else %}{% set nav = \"archive/_index.\" ~ lang ~ \".md\" %}{% endif %}\
    {% set s = get_section(path=nav, metadata_only=true) %}<a href=\"{{ s.permalink }}\">{{ s.title }}</a></nav>\
    <main><h1>{{ PAGE.title }}</h1>{{ PAGE.content | safe }}{% block list %}{% endblock %}</main></body></html>\n";

/// The section layout's list of its pages.
const ZOLA_LIST: &str = "<ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut twin = |flag: &str| -> Result<Option<PathBuf>, ExitCode> {
        let Some(p) = args.iter().position(|a| a == flag) else {
            return Ok(None);
        };
        if p + 1 >= args.len() {
            eprintln!("{flag} needs a directory");
            return Err(ExitCode::FAILURE);
        }
        let dir = PathBuf::from(args.remove(p + 1));
        args.remove(p);
        Ok(Some(dir))
    };
    let (hugo_dir, zola_dir) = match (twin("--hugo"), twin("--zola")) {
        (Ok(h), Ok(z)) => (h, z),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let (Some(target), Some(pairs)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: corpus TARGET PAIRS [SEED] [--hugo DIR] [--zola DIR]   (run from the repo root)"
        );
        return ExitCode::FAILURE;
    };
    let Ok(pairs) = pairs.parse::<usize>() else {
        eprintln!("PAIRS must be a number, not `{pairs}`");
        return ExitCode::FAILURE;
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("SEED must be a number");
            return ExitCode::FAILURE;
        }
    };
    let pairs = pairs.max(1);
    let repo = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if let Err(e) = kumppani(&repo, Path::new(target), pairs, seed) {
        eprintln!("{target}: {e}");
        return ExitCode::FAILURE;
    }
    let twins: [(Option<PathBuf>, Twin); 2] = [(hugo_dir, hugo), (zola_dir, zola)];
    for (dir, write) in twins {
        if let Some(dir) = dir
            && let Err(e) = write(&dir, pairs, seed)
        {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

//! Issue 8 acceptance, in a real browser: axe-core (WCAG 2.1 A and AA rules) on every page of
//! the built portal in headless Chromium, the Nu HTML Checker on every HTML file, and the
//! search page finding inflected words in the page language only.
//!
//! Needs Debian's chromium, node, java and `npm ci` in tests/browser; `.ci/run` installs them.
//! Where a tool is truly absent the test says so loudly and skips.

mod support;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::TestSite;

fn browser_dir() -> PathBuf {
    support::repo_root().join("tests/browser")
}

fn chromium() -> Option<PathBuf> {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from))
        .find(|p| p.is_file())
}

fn on_path(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Whether the tools are here; prints why not, loudly, when they are not.
fn tools(needs: &[&str]) -> Option<PathBuf> {
    let mut missing = Vec::new();
    let chromium = chromium();
    if needs.contains(&"chromium") && chromium.is_none() {
        missing.push("chromium (/usr/bin/chromium)".to_string());
    }
    for tool in needs.iter().filter(|t| **t != "chromium") {
        if !on_path(tool) {
            missing.push((*tool).to_string());
        }
    }
    if !browser_dir().join("node_modules").is_dir() {
        missing.push("tests/browser/node_modules (run `npm ci` in tests/browser)".into());
    }
    if missing.is_empty() {
        return Some(chromium.unwrap_or_default());
    }
    let message = format!(
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !!! SKIPPED: browser/validator test: missing {}\n\
         !!! `bash .ci/run` installs them.\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
        missing.join(", ")
    );
    // In CI the tools are installed by .ci/run, so their absence is a failure there.
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("{message}");
    None
}

/// A static file server for `root` on 127.0.0.1 (any free port), one thread per connection,
/// as any plain web server would serve public/: `/x/` → `x/index.html`.
fn serve(root: &Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().unwrap();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || respond(&root, stream));
        }
    });
    format!("http://{addr}")
}

fn respond(root: &Path, mut stream: TcpStream) {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain the headers.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file = file.join("index.html");
    }
    let (status, body, file) = match std::fs::read(&file) {
        Ok(b) if !path.contains("..") => ("200 OK", b, file),
        _ => {
            let f = root.join("404.html");
            ("404 Not Found", std::fs::read(&f).unwrap_or_default(), f)
        }
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        _ => "text/plain; charset=utf-8",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The URL path of an output file: `fi/x/index.html` → `/fi/x/`.
fn url_of(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

#[test]
fn axe_finds_no_wcag_violation_on_any_page_and_search_finds_inflected_words() {
    let Some(chromium) = tools(&["chromium", "node"]) else {
        return;
    };
    let site = TestSite::repo().build();
    let pages: Vec<String> = site.html_pages().iter().map(|(p, _)| url_of(p)).collect();
    assert!(pages.len() > 100, "{} pages", pages.len());
    let fi_search = "/fi/haku/";
    let sv_search = "/sv/sok/";
    assert!(pages.contains(&fi_search.to_string()) && pages.contains(&sv_search.to_string()));
    let base = serve(&site.out());
    let input = serde_json::json!({
        "pages": pages,
        "searches": [
            { "page": fi_search, "query": "kaupunki" },
            { "page": fi_search, "query": "kaupungin" },
            { "page": sv_search, "query": "stad" },
            { "page": sv_search, "query": "städernas" },
        ],
    });
    let report = run_in_chromium("audit.mjs", &base, &chromium, &input);
    let violations = report["violations"].as_array().unwrap();
    assert!(
        violations.is_empty(),
        "{} axe violations:\n{}",
        violations.len(),
        serde_json::to_string_pretty(violations).unwrap()
    );
    let errors = report["errors"].as_array().unwrap();
    assert!(errors.is_empty(), "page errors: {errors:?}");

    let searches = report["search"].as_array().unwrap();
    assert_eq!(searches.len(), 4);
    for s in searches {
        let page = s["page"].as_str().unwrap();
        let lang = &page[1..3];
        let hrefs: Vec<&str> = s["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["href"].as_str().unwrap())
            .collect();
        assert!(!hrefs.is_empty(), "no results for {s}");
        assert!(
            hrefs.iter().all(|h| h.starts_with(&format!("/{lang}/"))),
            "results in another language: {s}"
        );
        // The cities section ("Kaupungit" / "Städer") is about exactly this word.
        let cities = if lang == "fi" {
            "/fi/kaupungit/"
        } else {
            "/sv/stader/"
        };
        assert!(hrefs[..5.min(hrefs.len())].contains(&cities), "{s}");
    }
    // Inflected and base forms find the same pages (the exact form may rank differently).
    assert_eq!(searches[0]["status"], searches[1]["status"]);
    assert_eq!(searches[2]["status"], searches[3]["status"]);
}

#[test]
fn the_nu_html_checker_finds_no_error_in_any_page() {
    if tools(&["java"]).is_none() {
        return;
    }
    let site = TestSite::repo().build();
    let vnu = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let output = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html"])
        .arg(site.out())
        .output()
        .expect("run java");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.trim().is_empty(),
        "vnu errors:\n{stderr}"
    );
    assert!(site.html_pages().len() > 100);
}

/// What visitors type into the search box, and the page each must find in the top five: base
/// and inflected forms, names and numbers from records, place names in the other language,
/// words typed without å/ä/ö and parts of compounds.
const RECALL_QUERIES: &[(&str, &str, &str)] = &[
    // Finnish: base forms of words the pages hold inflected, and the other way round.
    (
        "/fi/haku/",
        "varhaiskasvatus",
        "/fi/teemat/varhaiskasvatuksen-osaajapula/",
    ),
    (
        "/fi/haku/",
        "varhaiskasvatuksen osaajapula",
        "/fi/teemat/varhaiskasvatuksen-osaajapula/",
    ),
    (
        "/fi/haku/",
        "ekosysteemisopimus",
        "/fi/kumppanuudet/ekosysteemisopimukset/",
    ),
    (
        "/fi/haku/",
        "ekosysteemisopimuksista",
        "/fi/kumppanuudet/ekosysteemisopimukset/",
    ),
    (
        "/fi/haku/",
        "kokous",
        "/fi/uutiset/allianssin-ensimmainen-kokous/",
    ),
    (
        "/fi/haku/",
        "ensimmäisessä kokouksessa",
        "/fi/uutiset/allianssin-ensimmainen-kokous/",
    ),
    (
        "/fi/haku/",
        "päätös",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "asettamispäätös",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "jengiytyminen",
        "/fi/teemat/jengiytymisen-ehkaisy/",
    ),
    (
        "/fi/haku/",
        "sihteeristö",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "strateginen allianssi",
        "/fi/kumppanuudet/strateginen-allianssi/",
    ),
    (
        "/fi/haku/",
        "kasvukaupunki",
        "/fi/kumppanuudet/kasvukaupungit/",
    ),
    (
        "/fi/haku/",
        "seutukaupunkien",
        "/fi/kumppanuudet/seutukaupungit/",
    ),
    (
        "/fi/haku/",
        "mal-sopimus",
        "/fi/kumppanuudet/mal-sopimukset/",
    ),
    ("/fi/haku/", "kulttuuri", "/fi/teemat/kulttuuri/"),
    ("/fi/haku/", "liikkuminen", "/fi/teemat/liikkuminen/"),
    (
        "/fi/haku/",
        "saavutettavuusseloste",
        "/fi/saavutettavuusseloste/",
    ),
    // Names and numbers rendered from records.
    ("/fi/haku/", "Vuornos", "/fi/yhteystiedot/"),
    ("/fi/haku/", "Vuornoksen", "/fi/yhteystiedot/"),
    ("/fi/haku/", "Katja Palonen", "/fi/yhteystiedot/"),
    ("/fi/haku/", "Palosen", "/fi/yhteystiedot/"),
    (
        "/fi/haku/",
        "Krüger",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "kruger",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    ("/fi/haku/", "Pohjois-Pohjanmaa", "/fi/kaupungit/oulu/"),
    (
        "/fi/haku/",
        "TEM077:00/2023",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    // A news item's date finds the item before the listings that show the same date.
    ("/fi/haku/", "23.5.2024", "/fi/uutiset/uudet-kumppanuudet/"),
    (
        "/fi/haku/",
        "16.11.2023",
        "/fi/uutiset/allianssin-ensimmainen-kokous/",
    ),
    // Place names: cases, the other language, without å/ä/ö.
    ("/fi/haku/", "Oulussa", "/fi/kaupungit/oulu/"),
    ("/fi/haku/", "Uleåborg", "/fi/kaupungit/oulu/"),
    ("/fi/haku/", "uleaborg", "/fi/kaupungit/oulu/"),
    ("/fi/haku/", "Turun", "/fi/kaupungit/turku/"),
    ("/fi/haku/", "Lahdessa", "/fi/kaupungit/lahti/"),
    ("/fi/haku/", "Seinäjoella", "/fi/kaupungit/seinajoki/"),
    ("/fi/haku/", "jyvaskyla", "/fi/kaupungit/jyvaskyla/"),
    ("/fi/haku/", "hameenlinna", "/fi/kaupungit/hameenlinna/"),
    ("/fi/haku/", "Villmanstrand", "/fi/kaupungit/lappeenranta/"),
    ("/fi/haku/", "Tammerfors", "/fi/kaupungit/tampere/"),
    // Parts of compounds; a word still being typed.
    (
        "/fi/haku/",
        "ekosysteemi",
        "/fi/kumppanuudet/ekosysteemisopimukset/",
    ),
    (
        "/fi/haku/",
        "osaajapul",
        "/fi/teemat/varhaiskasvatuksen-osaajapula/",
    ),
    ("/fi/haku/", "kumppanuuskirja", "/fi/kumppanuuskirjanen/"),
    // Swedish.
    ("/sv/sok/", "Oulu", "/sv/stader/uleaborg/"),
    ("/sv/sok/", "Helsinki", "/sv/stader/helsingfors/"),
    ("/sv/sok/", "Lappeenranta", "/sv/stader/villmanstrand/"),
    ("/sv/sok/", "Tampere", "/sv/stader/tammerfors/"),
    ("/sv/sok/", "Turku", "/sv/stader/abo/"),
    ("/sv/sok/", "Uleåborgs", "/sv/stader/uleaborg/"),
    ("/sv/sok/", "uleaborg", "/sv/stader/uleaborg/"),
    ("/sv/sok/", "jyvaskyla", "/sv/stader/jyvaskyla/"),
    ("/sv/sok/", "hameenlinna", "/sv/stader/tavastehus/"),
    ("/sv/sok/", "Helsingfors", "/sv/stader/helsingfors/"),
    ("/sv/sok/", "Krüger", "/sv/organ/alliansens-sekretariat/"),
    (
        "/sv/sok/",
        "TEM077:00/2023",
        "/sv/organ/alliansens-sekretariat/",
    ),
    ("/sv/sok/", "23.5.2024", "/sv/nyheter/nya-partnerskap/"),
    (
        "/sv/sok/",
        "16.11.2023",
        "/sv/nyheter/alliansens-forsta-mote/",
    ),
    ("/sv/sok/", "Vuornos", "/sv/kontakter/"),
    (
        "/sv/sok/",
        "sekretariatet",
        "/sv/organ/alliansens-sekretariat/",
    ),
    (
        "/sv/sok/",
        "gängbrottslighet",
        "/sv/teman/gangbrottslighet/",
    ),
    ("/sv/sok/", "gangbrott", "/sv/teman/gangbrottslighet/"),
    (
        "/sv/sok/",
        "småbarnspedagogiken",
        "/sv/teman/smabarnspedagogik/",
    ),
    ("/sv/sok/", "mötet", "/sv/nyheter/alliansens-forsta-mote/"),
    (
        "/sv/sok/",
        "första möte",
        "/sv/nyheter/alliansens-forsta-mote/",
    ),
    (
        "/sv/sok/",
        "strategiska alliansen",
        "/sv/partnerskap/strategiska-alliansen/",
    ),
    (
        "/sv/sok/",
        "ekosystemavtal",
        "/sv/partnerskap/ekosystemavtalen/",
    ),
    (
        "/sv/sok/",
        "växande städer",
        "/sv/partnerskap/vaxande-stader/",
    ),
    ("/sv/sok/", "motion", "/sv/teman/motion/"),
    (
        "/sv/sok/",
        "tillgänglighet",
        "/sv/tillganglighetsutlatande/",
    ),
    // A stricter list: every theme, partnership and body name in base and inflected forms,
    // names alone and in the genitive, organisations and codes, phone numbers as typed, city
    // names in every case and language, upper and mixed case.
    ("/fi/haku/", "kulttuurin", "/fi/teemat/kulttuuri/"),
    ("/fi/haku/", "osaamisen", "/fi/teemat/osaaminen/"),
    (
        "/fi/haku/",
        "uudistuvan teollisuuden",
        "/fi/teemat/uudistuva-teollisuus/",
    ),
    (
        "/fi/haku/",
        "alueellista elinvoimaa",
        "/fi/teemat/alueellinen-elinvoima/",
    ),
    (
        "/fi/haku/",
        "elinvoimakumppanuuden",
        "/fi/kumppanuudet/elinvoimakumppanuus/",
    ),
    (
        "/fi/haku/",
        "itäinen suomi",
        "/fi/kumppanuudet/itainen-suomi/",
    ),
    (
        "/fi/haku/",
        "kaupunkipolitiikan yhteistyöryhmä",
        "/fi/kumppanuudet/kaupunkipolitiikan-yhteistyoryhma/",
    ),
    (
        "/fi/haku/",
        "MAL-sopimuksen",
        "/fi/kumppanuudet/mal-sopimukset/",
    ),
    (
        "/fi/haku/",
        "strategisen allianssin",
        "/fi/kumppanuudet/strateginen-allianssi/",
    ),
    (
        "/fi/haku/",
        "sihteeristön",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "nuorisorikollisuus",
        "/fi/teemat/jengiytymisen-ehkaisy/",
    ),
    ("/fi/haku/", "Henrik", "/fi/yhteystiedot/"),
    (
        "/fi/haku/",
        "Kaunisharju",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "Mattssonin",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "TEM",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "valtiovarainministeriö",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "työ- ja elinkeinoministeriön",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "077/2023",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    ("/fi/haku/", "0295 047 071", "/fi/yhteystiedot/"),
    ("/fi/haku/", "0295047071", "/fi/yhteystiedot/"),
    ("/fi/haku/", "HELSINGISSÄ", "/fi/kaupungit/helsinki/"),
    ("/fi/haku/", "Tampereella", "/fi/kaupungit/tampere/"),
    ("/fi/haku/", "Åbo", "/fi/kaupungit/turku/"),
    ("/fi/haku/", "Vasa", "/fi/kaupungit/vaasa/"),
    ("/fi/haku/", "seinajoki", "/fi/kaupungit/seinajoki/"),
    ("/fi/haku/", "hyvinkaalla", "/fi/kaupungit/hyvinkaa/"),
    ("/fi/haku/", "Pohjois-Pohjanmaalla", "/fi/kaupungit/oulu/"),
    (
        "/fi/haku/",
        "osaajapulaa",
        "/fi/teemat/varhaiskasvatuksen-osaajapula/",
    ),
    ("/fi/haku/", "saavutettavuus", "/fi/saavutettavuusseloste/"),
    ("/fi/haku/", "tietosuoja", "/fi/tietosuoja/"),
    ("/fi/haku/", "evästeitä", "/fi/tietosuoja/"),
    ("/fi/haku/", "kumppanuuskirjasen", "/fi/kumppanuuskirjanen/"),
    (
        "/fi/haku/",
        "haastatellut",
        "/fi/kumppanuuskirjanen/haastatellut/",
    ),
    (
        "/fi/haku/",
        "reseptit",
        "/fi/kumppanuuskirjanen/kahdeksan-kumppanuuden-kehittajan-tarkeinta-reseptia/",
    ),
    (
        "/fi/haku/",
        "tilannekuva",
        "/fi/kumppanuuskirjanen/yhteinen-tilannekuva-on-kumppanuuden-perusta/",
    ),
    (
        "/fi/haku/",
        "KASVUKAUPUNGIT",
        "/fi/kumppanuudet/kasvukaupungit/",
    ),
    (
        "/fi/haku/",
        "KeskiSuurten kasvukaupunkien",
        "/fi/kumppanuudet/kasvukaupungit/",
    ),
    (
        "/fi/haku/",
        "Krügerin",
        "/fi/toimielimet/allianssin-sihteeristo/",
    ),
    (
        "/fi/haku/",
        "teollisuutta",
        "/fi/teemat/uudistuva-teollisuus/",
    ),
    // Swedish: plurals and definite forms, ministries, numbers, cities in both languages.
    (
        "/sv/sok/",
        "städerna",
        "/sv/partnerskapshaftet/relationen-mellan-staderna-och-staten-gar-i-vagor-ar-mangfacetterad-och-foranderlig/",
    ),
    ("/sv/sok/", "avtalen", "/sv/partnerskap/mbt-avtalen/"),
    (
        "/sv/sok/",
        "kommunerna",
        "/sv/partnerskapshaftet/kommunerna-differentieras-staderna-differentieras-differentieras-politiken/",
    ),
    (
        "/sv/sok/",
        "ekosystemavtalet",
        "/sv/partnerskap/ekosystemavtalen/",
    ),
    ("/sv/sok/", "MBT-avtal", "/sv/partnerskap/mbt-avtalen/"),
    (
        "/sv/sok/",
        "livskraftspartnerskap",
        "/sv/partnerskap/livskraftspartnerskapet/",
    ),
    (
        "/sv/sok/",
        "Östra Finland",
        "/sv/partnerskap/ostra-finland/",
    ),
    (
        "/sv/sok/",
        "ostra finland",
        "/sv/partnerskap/ostra-finland/",
    ),
    (
        "/sv/sok/",
        "regionstäderna",
        "/sv/partnerskap/regionstader/",
    ),
    (
        "/sv/sok/",
        "samarbetsgruppen för stadspolitik",
        "/sv/partnerskap/samarbetsgruppen-for-stadspolitik/",
    ),
    ("/sv/sok/", "kompetensen", "/sv/teman/kompetens/"),
    ("/sv/sok/", "kulturen", "/sv/teman/kultur/"),
    (
        "/sv/sok/",
        "industrins omställning",
        "/sv/teman/industrins-omstallning/",
    ),
    (
        "/sv/sok/",
        "regional livskraft",
        "/sv/teman/regional-livskraft/",
    ),
    (
        "/sv/sok/",
        "ungdomsbrottslighet",
        "/sv/teman/gangbrottslighet/",
    ),
    (
        "/sv/sok/",
        "sekretariat",
        "/sv/organ/alliansens-sekretariat/",
    ),
    ("/sv/sok/", "Palonen", "/sv/kontakter/"),
    (
        "/sv/sok/",
        "finansministeriet",
        "/sv/organ/alliansens-sekretariat/",
    ),
    ("/sv/sok/", "0295 047 071", "/sv/kontakter/"),
    ("/sv/sok/", "0295047071", "/sv/kontakter/"),
    ("/sv/sok/", "077/2023", "/sv/organ/alliansens-sekretariat/"),
    ("/sv/sok/", "Åbos", "/sv/stader/abo/"),
    ("/sv/sok/", "abo", "/sv/stader/abo/"),
    ("/sv/sok/", "TAVASTEHUS", "/sv/stader/tavastehus/"),
    ("/sv/sok/", "Vaasa", "/sv/stader/vasa/"),
    ("/sv/sok/", "Porvoo", "/sv/stader/borga/"),
    ("/sv/sok/", "borga", "/sv/stader/borga/"),
    ("/sv/sok/", "S:t Michel", "/sv/stader/st-michel/"),
    ("/sv/sok/", "Mikkeli", "/sv/stader/st-michel/"),
    ("/sv/sok/", "Kajana", "/sv/stader/kajana/"),
    ("/sv/sok/", "Kokkola", "/sv/stader/karleby/"),
    (
        "/sv/sok/",
        "tillgänglighetsutlåtandet",
        "/sv/tillganglighetsutlatande/",
    ),
    ("/sv/sok/", "dataskydd", "/sv/dataskydd/"),
    ("/sv/sok/", "partnerskapshäftet", "/sv/partnerskapshaftet/"),
    (
        "/sv/sok/",
        "kompetensbrist",
        "/sv/nyheter/alliansens-forsta-mote/",
    ),
    (
        "/sv/sok/",
        "medelstora växande städer",
        "/sv/partnerskap/vaxande-stader/",
    ),
    ("/sv/sok/", "statsministern", "/sv/kontakter/"),
    ("/sv/sok/", "näringsministeriet", "/sv/kontakter/"),
];

/// Runs `tests/browser/<script>` in Debian's Chromium, with a fresh profile, against the site
/// served at `base`; gives the JSON the script prints.
fn run_in_chromium(
    script: &str,
    base: &str,
    chromium: &Path,
    input: &serde_json::Value,
) -> serde_json::Value {
    let user_data = tempfile::tempdir().unwrap();
    support::node::run(
        script,
        [
            OsStr::new(base),
            chromium.as_os_str(),
            user_data.path().as_os_str(),
        ],
        input,
    )
}

/// Runs `tests/browser/search.mjs` on `searches` against the site served at `base`.
fn run_searches(base: &str, chromium: &Path, searches: &serde_json::Value) -> serde_json::Value {
    run_in_chromium(
        "search.mjs",
        base,
        chromium,
        &serde_json::json!({ "searches": searches }),
    )
}

#[test]
fn search_finds_what_finns_and_swedes_type_in_the_top_five() {
    let Some(chromium) = tools(&["chromium", "node"]) else {
        return;
    };
    let site = TestSite::repo().build();
    let base = serve(&site.out());
    let searches: Vec<serde_json::Value> = RECALL_QUERIES
        .iter()
        .map(|(page, query, _)| serde_json::json!({ "page": page, "query": query }))
        .collect();
    let report = run_searches(&base, &chromium, &serde_json::Value::from(searches));
    let errors = report["errors"].as_array().unwrap();
    assert!(errors.is_empty(), "page errors: {errors:?}");
    let results = report["search"].as_array().unwrap();
    assert_eq!(results.len(), RECALL_QUERIES.len());
    let mut misses = Vec::new();
    for ((page, query, expected), found) in RECALL_QUERIES.iter().zip(results) {
        let hrefs: Vec<&str> = found["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["href"].as_str())
            .collect();
        if !hrefs.iter().take(5).any(|h| h == expected) {
            misses.push(format!(
                "{page} {query:?}: {expected} not in the top 5 {:?}",
                &hrefs[..5.min(hrefs.len())]
            ));
        }
    }
    let found = RECALL_QUERIES.len() - misses.len();
    eprintln!("recall: {found}/{} in the top 5", RECALL_QUERIES.len());
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// Issue 15: a visitor narrows the results to one section with a native select, its label
/// from Fluent in both languages, reached and used with the keyboard; the filtered count is
/// announced in the polite status; the site works under a sub-path and asks no other host.
#[test]
fn the_section_filter_narrows_results_by_keyboard_under_a_sub_path() {
    let Some(chromium) = tools(&["chromium", "node"]) else {
        return;
    };
    let site = TestSite::repo().run(&[
        "build",
        "--base-url",
        "https://www.example.org/kumppanuudet/",
    ]);
    assert!(site.success(), "build failed:\n{}", site.stderr());
    // Served as the publisher would: the output under /kumppanuudet/ of the server.
    let served = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(site.out(), served.path().join("kumppanuudet")).unwrap();
    let base = serve(served.path());
    let runs = serde_json::json!({ "runs": [
        { "page": "/kumppanuudet/fi/haku/", "query": "kaupunki", "type": "Teemat" },
        { "page": "/kumppanuudet/sv/sok/", "query": "stad", "type": "Städer" },
    ]});
    let report = run_in_chromium("search_filter.mjs", &base, &chromium, &runs);
    assert_eq!(report["errors"], serde_json::json!([]), "page errors");
    for url in report["requests"].as_array().unwrap() {
        let url = url.as_str().unwrap();
        assert!(
            url.starts_with(&format!("{base}/kumppanuudet/")),
            "a request outside the site's path: {url}"
        );
    }
    let expected = [
        (
            "Näytä tulokset osiosta",
            "Kaikki osiot",
            "Teemat",
            "themes",
            "Hakutuloksia osiossa Teemat: ",
        ),
        (
            "Visa träffar från avsnittet",
            "Alla avsnitt",
            "Städer",
            "cities",
            "Sökträffar i avsnittet Städer: ",
        ),
    ];
    let runs = report["runs"].as_array().unwrap();
    assert_eq!(runs.len(), expected.len());
    for (run, (label, all, section, id, status)) in runs.iter().zip(expected) {
        assert_eq!(run["label"], label);
        assert_eq!(run["labelVisible"], true);
        assert_eq!(
            run["focused"], "search-section",
            "Tab from the box reaches the filter"
        );
        let count_in = |options: &serde_json::Value, name: &str| -> usize {
            options
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|o| o.as_str()?.strip_prefix(&format!("{name} (")))
                .find_map(|n| n.strip_suffix(')')?.parse().ok())
                .unwrap_or_else(|| panic!("no option {name} in {options}"))
        };
        let total = count_in(&run["before"]["options"], all);
        let in_section = count_in(&run["before"]["options"], section);
        assert!(
            0 < in_section && in_section < total,
            "{section}: {in_section} of {total}"
        );
        let after = &run["after"];
        assert_eq!(after["status"], format!("{status}{in_section}"));
        let results = after["results"].as_array().unwrap();
        assert_eq!(results.len(), in_section.min(10));
        for r in results {
            assert_eq!(r["section"], section, "{r}");
            assert!(r["href"].as_str().unwrap().starts_with("/kumppanuudet/"));
        }
        assert!(
            after["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("&section={id}")),
            "{}",
            after["url"]
        );
    }
}

/// WCAG 1.4.10, 1.4.3 and 2.4.7 where axe does not look: no page scrolls sideways at phone
/// widths (320 px is also 1280 px at 400 % zoom), and at desktop width the text of every focused
/// element among each page's first 40 keeps 4.5:1 against its background, its outline 3:1.
#[test]
fn no_page_scrolls_sideways_on_phones_and_focused_text_keeps_its_contrast() {
    let Some(chromium) = tools(&["chromium", "node"]) else {
        return;
    };
    let site = TestSite::repo().build();
    let pages: Vec<String> = site.html_pages().iter().map(|(p, _)| url_of(p)).collect();
    assert!(pages.len() > 100, "{} pages", pages.len());
    assert!(pages.contains(&"/".to_string()) && pages.contains(&"/404.html".to_string()));
    let base = serve(&site.out());
    let input = serde_json::json!({
        "pages": pages, "widths": [320, 390], "desktop": 1280, "tabs": 40,
    });
    let report = run_in_chromium("layout.mjs", &base, &chromium, &input);
    let pretty = |key: &str| serde_json::to_string_pretty(&report[key]).unwrap();
    let count = |key: &str| report[key].as_array().unwrap().len();
    assert_eq!(count("errors"), 0, "page errors: {}", pretty("errors"));
    // Every page has at least the skip link, the header and the footer to tab through.
    let focused = report["focused"].as_u64().unwrap();
    assert!(
        focused >= 10 * pages.len() as u64,
        "only {focused} elements focused"
    );
    assert_eq!(
        count("overflow"),
        0,
        "pages that scroll sideways:\n{}",
        pretty("overflow")
    );
    assert_eq!(
        count("focus"),
        0,
        "focused text below 4.5:1:\n{}",
        pretty("focus")
    );
    assert_eq!(
        count("outline"),
        0,
        "focus outlines missing or below 3:1:\n{}",
        pretty("outline")
    );
}

/// WCAG 1.4.10 for Markdown tables: a table wider than the phone scrolls inside its own box,
/// and the page around it does not; the box takes focus, and its focus keeps the contrast.
#[test]
fn a_wide_markdown_table_scrolls_in_its_box_and_not_the_page() {
    let Some(chromium) = tools(&["chromium", "node"]) else {
        return;
    };
    let site = TestSite::with_wide_tables().build();
    let base = serve(&site.out());
    let input = serde_json::json!({
        "pages": ["/fi/tietosuoja/", "/sv/dataskydd/"],
        "widths": [320, 390], "desktop": 1280, "tabs": 40,
    });
    let report = run_in_chromium("layout.mjs", &base, &chromium, &input);
    for key in ["errors", "overflow", "focus", "outline"] {
        assert_eq!(
            report[key].as_array().unwrap().len(),
            0,
            "{key}: {}",
            serde_json::to_string_pretty(&report[key]).unwrap()
        );
    }
}

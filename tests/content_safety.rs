//! Issue 6, content safety: words from YAML and front matter reach the HTML escaped, and
//! Markdown cannot smuggle code in through link schemes or heading attributes.

mod support;

use support::TestSite;

const ABOUT: &str = "content/about/_index.fi.md";
const HENRIK: &str = "content/contacts/henrik-vuornos.yaml";

#[test]
fn front_matter_and_record_text_is_escaped_everywhere() {
    let site = TestSite::repo()
        .edit(ABOUT, |t| {
            t.replacen(
                "title: Tietoa palvelusta",
                "title: 'Tietoa <script>alert(1)</script> & \"muuta\"'",
                1,
            )
            .lines()
            .map(|l| {
                if l.starts_with("description:") {
                    "description: '\"><img src=x onerror=alert(2)>'"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
        })
        .edit(HENRIK, |t| {
            t.replacen(
                "name: Henrik Vuornos",
                "name: 'Henrik & <b>Vuornos</b> </script><script>x()</script>'",
                1,
            )
        })
        .build();
    let about = site.read("fi/tietoa-palvelusta/index.html");
    assert!(
        about.contains(
            "<h1>Tietoa &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;muuta&quot;</h1>"
        ),
        "{about}"
    );
    assert!(
        about.contains("content=\"&quot;&gt;&lt;img src=x onerror=alert(2)&gt;\""),
        "{about}"
    );
    let contacts = site.read("fi/yhteystiedot/index.html");
    assert!(contacts.contains(
        "<span class=\"contact-name\">Henrik &amp; &lt;b&gt;Vuornos&lt;/b&gt; &lt;/script&gt;&lt;script&gt;x()&lt;/script&gt;</span>"
    ));
    // In JSON-LD the name is a JSON string that cannot end the script element.
    assert!(contacts.contains(
        "\"name\":\"Henrik \\u0026 \\u003cb\\u003eVuornos\\u003c/b\\u003e \\u003c/script\\u003e"
    ));
    for (path, html) in site.html_pages() {
        for bad in [
            "<script>alert",
            "<script>x()",
            "<b>Vuornos",
            "<img src=x",
            "\"><img",
        ] {
            assert!(!html.contains(bad), "{path} contains raw {bad:?}");
        }
    }
}

fn refused_links(markdown: &str, expected: &[&str]) {
    let site = TestSite::repo().build();
    let before = site.snapshot();
    let site = site
        .edit(ABOUT, |t| format!("{t}\n{markdown}\n"))
        .build_fails();
    let mut want: String = expected.iter().map(|l| format!("error: {l}\n")).collect();
    want.push_str(&format!(
        "{} error(s); nothing was written\n",
        expected.len()
    ));
    assert_eq!(site.stderr(), want);
    assert!(site.snapshot() == before);
}

const JS: &str =
    "links with the `javascript:` scheme are refused (they can run code in the reader’s browser)";

#[test]
fn javascript_links_in_any_case_or_disguise_are_refused() {
    // Line 32 is the first appended line (the file has 30, then a blank one).
    refused_links(
        "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](JAVASCRIPT:x)\n\n\
         [d](java&#9;script:x) [e](&#x6A;avascript:x) [f](javascript&colon;x)\n\n\
         [g](<java\tscript:x>)\n\n\
         <javascript:alert(1)>\n\n[i][r]\n\n[r]: javascript:void(0)",
        &[
            &format!("content/about/_index.fi.md:25:1: {JS}"),
            &format!("content/about/_index.fi.md:25:26: {JS}"),
            &format!("content/about/_index.fi.md:25:51: {JS}"),
            &format!("content/about/_index.fi.md:27:1: {JS}"),
            &format!("content/about/_index.fi.md:27:23: {JS}"),
            &format!("content/about/_index.fi.md:27:46: {JS}"),
            &format!("content/about/_index.fi.md:29:1: {JS}"),
            &format!("content/about/_index.fi.md:31:1: {JS}"),
            &format!("content/about/_index.fi.md:33:1: {JS}"),
        ],
    );
}

#[test]
fn data_and_vbscript_links_and_images_are_refused() {
    refused_links(
        "[a](data:text/html;base64,PHNjcmlwdD4=) [b](VBScript:msgbox)\n\n![kuva](DATA:image/svg+xml,x)",
        &[
            "content/about/_index.fi.md:25:1: links with the `data:` scheme are refused (they can run code in the reader’s browser)",
            "content/about/_index.fi.md:25:41: links with the `vbscript:` scheme are refused (they can run code in the reader’s browser)",
            "content/about/_index.fi.md:27:1: links with the `data:` scheme are refused (they can run code in the reader’s browser)",
        ],
    );
}

#[test]
fn heading_attributes_other_than_id_and_class_are_refused() {
    refused_links(
        "## Otsikko {#oma .luokka onclick=alert(1)}",
        &[
            "content/about/_index.fi.md:25:1: heading attribute `onclick` is not allowed: only {#id} and {.class} are",
        ],
    );
}

#[test]
fn raw_html_is_refused() {
    refused_links(
        "Teksti <a href=\"javascript:x\">linkki</a>.",
        &[
            "content/about/_index.fi.md:25:8: raw HTML is not allowed in content; write it in Markdown (templates hold the HTML)",
            "content/about/_index.fi.md:25:37: raw HTML is not allowed in content; write it in Markdown (templates hold the HTML)",
        ],
    );
}

#[test]
fn ordinary_links_with_colons_are_kept() {
    let site = TestSite::repo()
        .edit(ABOUT, |t| {
            format!(
                "{t}\n[a](https://example.fi/javascript:x) [b](mailto:a@example.fi) [c](tel:+358401234567) [d](/fi/?data:x)\n"
            )
        })
        .build();
    let html = site.read("fi/tietoa-palvelusta/index.html");
    for href in [
        "https://example.fi/javascript:x",
        "mailto:a@example.fi",
        "tel:+358401234567",
        "/fi/?data:x",
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href}");
    }
}

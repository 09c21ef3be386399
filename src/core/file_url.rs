//! `file://` URLs for lab files, escaped as Electron's `loadFile` makes them, and back.

use std::path::{Path, PathBuf};

/// `file://` URL of an absolute path, with each byte outside the unreserved set escaped.
pub fn file_url(path: &Path) -> String {
    format!("file://{}", percent_encode(&path.to_string_lossy(), true))
}

/// The path a `file://` URL names (query and fragment dropped, escapes decoded); None for any
/// other URL.
pub fn file_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("file://")?;
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let path = percent_decode(&rest[..end]);
    path.starts_with('/').then(|| PathBuf::from(path))
}

/// Escapes each byte outside the unreserved set. With `keep_slash` false it is a query
/// component, escaped as Node's `querystring.escape` does (what Electron's `loadFile` uses through
/// `url.format`): `!'()*` stay as they are, like `encodeURIComponent`.
pub fn percent_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'.' | b'~')
            || (keep_slash && byte == b'/')
            || (!keep_slash && matches!(byte, b'!' | b'\'' | b'(' | b')' | b'*'));
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_spaces_and_chinese() {
        assert_eq!(
            file_url(Path::new("/labs/我的 lab/index.html")),
            "file:///labs/%E6%88%91%E7%9A%84%20lab/index.html"
        );
    }

    #[test]
    fn query_values_are_escaped_like_encode_uri_component() {
        assert_eq!(percent_encode("a b&c=d/e", false), "a%20b%26c%3Dd%2Fe");
        assert_eq!(percent_encode("x!'()*#?+", false), "x!'()*%23%3F%2B");
    }

    #[test]
    fn a_file_url_reads_back_as_its_path() {
        let path = Path::new("/labs/我的 lab/index.html");
        assert_eq!(file_path(&file_url(path)).as_deref(), Some(path));
        assert_eq!(
            file_path("file:///a/b.html?x=1#top").as_deref(),
            Some(Path::new("/a/b.html"))
        );
        assert_eq!(file_path("https://example.org/"), None);
    }
}

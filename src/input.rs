//! Bytes to text: encoding detection and decoding, and format sniffing.
//!
//! Decoding uses the standard library (UTF-8, UTF-16) and a 32-entry table for
//! Windows-1252, not encoding_rs: encoding_rs links every legacy decoder's tables
//! into the wasm (about 150 KB gzip measured here), and we need only these three.
//! A test checks the table against encoding_rs for all 256 bytes.
//! Invalid bytes never panic: they decode to U+FFFD, or the input is refused as binary.

use serde::Serialize;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Some(Format::Text),
            "markdown" | "md" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

pub struct Decoded {
    pub text: String,
    /// WHATWG encoding name: "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252".
    pub encoding: &'static str,
}

/// Decodes bytes: BOM first (UTF-8, UTF-16LE/BE), then strict UTF-8, then
/// BOM-less UTF-16 (by its NUL pattern), else Windows-1252 (a superset of ISO-8859-1
/// for text). Mostly-NUL or control-character data is refused as binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(Decoded { text: String::from_utf8_lossy(rest).into_owned(), encoding: "UTF-8" });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(Decoded { text: utf16(rest, u16::from_le_bytes), encoding: "UTF-16LE" });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(Decoded { text: utf16(rest, u16::from_be_bytes), encoding: "UTF-16BE" });
    }
    if let Some(le) = sniff_utf16(bytes) {
        return Ok(if le {
            Decoded { text: utf16(bytes, u16::from_le_bytes), encoding: "UTF-16LE" }
        } else {
            Decoded { text: utf16(bytes, u16::from_be_bytes), encoding: "UTF-16BE" }
        });
    }
    if looks_binary(bytes) {
        return Err(Error::BinaryInput);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_owned(), encoding: "UTF-8" }),
        Err(_) => {
            let utf8_text = String::from_utf8_lossy(bytes);
            let replaced = utf8_text.matches('\u{FFFD}').count();
            let multibyte = bytes.iter().filter(|&&b| b >= 0xC2 && b <= 0xF4).count();
            if multibyte > replaced * 4 {
                return Ok(Decoded { text: utf8_text.into_owned(), encoding: "UTF-8" });
            }
            Ok(Decoded { text: bytes.iter().map(|&b| windows_1252(b)).collect(), encoding: "windows-1252" })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|c| if c.len() == 2 { unit([c[0], c[1]]) } else { 0xFFFD });
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

/// Windows-1252 as the WHATWG Encoding Standard defines it (ISO-8859-1 plus 0x80–0x9F).
pub(crate) fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) { HIGH[b as usize - 0x80] } else { b as char }
}

fn sniff_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 > pairs * 6 && even_nul * 10 < pairs {
        Some(true)
    } else if even_nul * 10 > pairs * 6 && odd_nul * 10 < pairs {
        Some(false)
    } else {
        None
    }
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    let bad = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    bad * 20 > sample.len()
}

/// Format from the file name when it has a known extension, else from the content.
pub fn detect_format(text: &str, name: Option<&str>) -> Format {
    if let Some(ext) = name.and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase()) {
        match ext.as_str() {
            "html" | "htm" | "xhtml" => return Format::Html,
            "md" | "markdown" => return Format::Markdown,
            "txt" | "text" => return Format::Text,
            _ => {}
        }
    }
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let trimmed = head.trim_start();
    if trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") || trimmed.starts_with("<?xml")
        || head.contains("<body") || head.contains("<head") || head.matches("</p>").count() >= 2
        || head.matches("</div>").count() >= 2
    {
        return Format::Html;
    }
    let md_lines = text
        .lines()
        .take(200)
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("# ") || l.starts_with("## ") || l.starts_with("### ") || l.starts_with("> ")
                || l.starts_with("```") || (l.contains("](") && l.contains('['))
        })
        .count();
    if md_lines >= 1 && text.lines().take(5).any(|l| l.trim_start().starts_with('#')) || md_lines >= 3 {
        return Format::Markdown;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_encoding() {
        assert_eq!(decode("é".as_bytes()).unwrap().encoding, "UTF-8");
        let bom = [0xEF, 0xBB, 0xBF, b'a'];
        let d = decode(&bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("a", "UTF-8"));
        let cp1252 = b"caf\xe9 \x93cit\xe9\x94 \x80";
        let d = decode(cp1252).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("café “cité” €", "windows-1252"));
        let u16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("été".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&u16le).unwrap().text, "été");
        let u16be: Vec<u8> = "Le Japon".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&u16be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Le Japon", "UTF-16BE"));
        assert_eq!(decode(&[0u8, 1, 2, 3, 0, 0, 5, 0, 0, 7, 0, 0]).err(), Some(Error::BinaryInput));
    }

    #[test]
    fn windows_1252_matches_encoding_rs() {
        for b in 0..=255u8 {
            let byte = [b];
            let (expected, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
            assert_eq!(windows_1252(b).to_string(), expected, "byte {b:#04x}");
        }
    }

    #[test]
    fn detects_formats() {
        assert_eq!(detect_format("<!DOCTYPE html><p>x</p>", None), Format::Html);
        assert_eq!(detect_format("# Titre\n\nTexte", None), Format::Markdown);
        assert_eq!(detect_format("Titre\n\nTexte", None), Format::Text);
        assert_eq!(detect_format("Titre", Some("a.md")), Format::Markdown);
    }
}

//! Bytes to text: encoding detection and decoding (encoding_rs), and format sniffing.
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
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded { text: text.into_owned(), encoding: enc.name() });
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded { text: text.into_owned(), encoding: enc.name() });
    }
    if looks_binary(bytes) {
        return Err(Error::BinaryInput);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_owned(), encoding: "UTF-8" }),
        Err(_) => {
            // Mostly-valid UTF-8 with a few bad bytes stays UTF-8 (bad bytes become U+FFFD);
            // otherwise it is a legacy single-byte file.
            let (utf8_text, _, had_errors) = encoding_rs::UTF_8.decode(bytes);
            let replaced = utf8_text.matches('\u{FFFD}').count();
            let multibyte = bytes.iter().filter(|&&b| b >= 0xC2 && b <= 0xF4).count();
            if had_errors && multibyte > replaced * 4 {
                return Ok(Decoded { text: utf8_text.into_owned(), encoding: "UTF-8" });
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(Decoded { text: text.into_owned(), encoding: "windows-1252" })
        }
    }
}

fn sniff_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 > pairs * 6 && even_nul * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 > pairs * 6 && odd_nul * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
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
    fn detects_formats() {
        assert_eq!(detect_format("<!DOCTYPE html><p>x</p>", None), Format::Html);
        assert_eq!(detect_format("# Titre\n\nTexte", None), Format::Markdown);
        assert_eq!(detect_format("Titre\n\nTexte", None), Format::Text);
        assert_eq!(detect_format("Titre", Some("a.md")), Format::Markdown);
    }
}

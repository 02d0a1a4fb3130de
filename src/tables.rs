//! Reading the tables that `build.rs` compiles into the library (gazetteer, given names,
//! topic triggers): done once, at the first analysis, before the browser has optimised the code.

/// `s.split(sep as char)` for an ASCII separator, with a plain byte loop: the compiled tables
/// are thousands of short fields, and `str::split` searches each with `memchr`, whose set-up
/// costs more than such a field (measured: about 100 instructions a call, 1.5 M at start-up).
pub(crate) fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `s.split_once(sep as char)` for an ASCII separator, with a plain byte loop (see [`split_ascii`]).
pub(crate) fn split_once_ascii(s: &str, sep: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == sep)?;
    Some((&s[..i], &s[i + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_str_split_does() {
        for s in ["", "a", "|", "a|b", "|a||b|", "é|ü|", "x\ty|z"] {
            assert_eq!(split_ascii(s, b'|').collect::<Vec<_>>(), s.split('|').collect::<Vec<_>>(), "{s:?}");
            assert_eq!(split_once_ascii(s, b'|'), s.split_once('|'), "{s:?}");
        }
    }
}

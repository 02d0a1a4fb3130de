//! A small JSON reader for the engine's two JSON inputs: JSON-LD in saved pages and site
//! taxonomies. serde_json in the wasm cost about 10 KB gzip (its parser, error machinery and
//! a `BTreeMap` value type) for these; this reads the same grammar (RFC 8259) into a plain
//! tree, with serde_json's limits (nesting depth 128) and error wording ("EOF while parsing
//! …", "expected `,` or `}` …"), line numbers included.

/// A JSON value. Numbers keep their text: the engine never computes with them.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in document order; `get` gives the last of duplicate names, as serde_json does.
    Object(Vec<(String, Json)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    /// 1-based line of the problem.
    pub line: usize,
    /// What is wrong and where, e.g. "expected `,` or `}` at line 3 column 46".
    pub reason: String,
}

impl Json {
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        let mut p = Parser { s: text.as_bytes(), pos: 0 };
        let v = p.value(0)?;
        p.skip_ws();
        if p.pos < p.s.len() {
            return Err(p.error("trailing characters"));
        }
        Ok(v)
    }

    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        if let Json::String(s) = self { Some(s) } else { None }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        if let Json::Array(a) = self { Some(a) } else { None }
    }

    /// An object's members by name (sorted, the last of duplicates): serde_json's map order.
    pub fn members(&self) -> Option<Vec<(&str, &Json)>> {
        let Json::Object(m) = self else { return None };
        let mut out: Vec<(&str, &Json)> = Vec::with_capacity(m.len());
        for (k, v) in m {
            match out.iter_mut().find(|(name, _)| name == k) {
                Some(slot) => slot.1 = v,
                None => out.push((k, v)),
            }
        }
        crate::sort::sort_by(&mut out, |a, b| a.0.cmp(b.0));
        Some(out)
    }
}

const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> JsonError {
        let before = &self.s[..self.pos.min(self.s.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        JsonError { line, reason: format!("{what} at line {line} column {column}") }
    }

    fn skip_ws(&mut self) {
        while self.s.get(self.pos).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The next byte after white space, not consumed; `what` names the value for EOF errors.
    fn peek(&mut self, what: &str) -> Result<u8, JsonError> {
        self.skip_ws();
        self.s.get(self.pos).copied().ok_or_else(|| self.error(&format!("EOF while parsing {what}")))
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        match self.peek("a value")? {
            b'{' | b'[' if depth >= MAX_DEPTH => Err(self.error("recursion limit exceeded")),
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Json::String),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'n' => self.literal("null", Json::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.error("expected value")),
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, JsonError> {
        for &b in word.as_bytes() {
            match self.s.get(self.pos) {
                None => return Err(self.error("EOF while parsing a value")),
                Some(&c) if c == b => self.pos += 1,
                Some(_) => return Err(self.error("expected ident")),
            }
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while p.s.get(p.pos).is_some_and(u8::is_ascii_digit) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.s[self.pos] == b'-' {
            self.pos += 1;
        }
        let leading_zero = self.s.get(self.pos) == Some(&b'0');
        if !digits(self) {
            return Err(self.error("invalid number"));
        }
        if leading_zero && self.pos - start > 1 + usize::from(self.s[start] == b'-') {
            return Err(self.error("invalid number"));
        }
        if self.s.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.s.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.s.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        Ok(Json::Number(String::from_utf8_lossy(&self.s[start..self.pos]).into_owned()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut n = 0;
        for _ in 0..4 {
            let Some(&b) = self.s.get(self.pos) else { return Err(self.error("EOF while parsing a string")) };
            let d = (b as char).to_digit(16).ok_or_else(|| self.error("invalid escape"))?;
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n)
    }

    /// A string; `self.pos` is at its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.pos) else { return Err(self.error("EOF while parsing a string")) };
            self.pos += 1;
            match b {
                b'"' => break,
                0..=0x1F => {
                    self.pos -= 1;
                    return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string"));
                }
                b'\\' => {
                    let Some(&e) = self.s.get(self.pos) else { return Err(self.error("EOF while parsing a string")) };
                    self.pos += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.s.get(self.pos..self.pos + 2) != Some(b"\\u") {
                                    return Err(self.error("unexpected end of hex escape"));
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("lone leading surrogate in hex escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| self.error("lone trailing surrogate in hex escape"))?
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                _ => out.push(b),
            }
        }
        // The input is a `&str` and escapes add whole characters: always valid UTF-8.
        String::from_utf8(out).map_err(|_| self.error("invalid unicode code point"))
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        if self.peek("a list")? == b']' {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            match self.peek("a list")? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut members = Vec::new();
        if self.peek("an object")? == b'}' {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            if self.peek("an object")? != b'"' {
                return Err(self.error("key must be a string"));
            }
            let name = self.string()?;
            if self.peek("an object")? != b':' {
                return Err(self.error("expected `:`"));
            }
            self.pos += 1;
            members.push((name, self.value(depth + 1)?));
            match self.peek("an object")? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads_and_refuses_what_it_refuses() {
        let ok = [
            r#"{"a": [1, -2.5e+3, 0, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"], "b": {}, "c": []}"#,
            " [ ] ", "\"\"", "0", "-0.0", "1E5", r#"{"a":1,"a":2}"#, r#"{"k":{"k":{"k":[[["deep"]]]}}}"#,
        ];
        for text in ok {
            let want: serde_json::Value = serde_json::from_str(text).unwrap();
            let got = Json::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(to_serde(&got), want, "{text}");
        }
        let bad = [
            "", "{", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{1:2}", "01", "1.", "-", "1e", "tru", "nul",
            "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\nb\"", "[1] x", "\"abc", "[\"a\",", &"[".repeat(200),
        ];
        for text in bad {
            assert!(serde_json::from_str::<serde_json::Value>(text).is_err(), "serde_json accepts {text:?}");
            assert!(Json::parse(text).is_err(), "{text:?} accepted");
        }
        let e = Json::parse("[\n  {\"a\": 1},\n  {\"b\": 2 \"c\": 3}\n]").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.reason.starts_with("expected `,` or `}` at line 3"), "{}", e.reason);
        assert!(Json::parse("{\"a\": [1,\n").unwrap_err().reason.starts_with("EOF while parsing"));
    }

    fn to_serde(v: &Json) -> serde_json::Value {
        match v {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => (*b).into(),
            Json::Number(n) => serde_json::from_str(n).unwrap(),
            Json::String(s) => s.clone().into(),
            Json::Array(a) => a.iter().map(to_serde).collect(),
            Json::Object(_) => v.members().unwrap().into_iter().map(|(k, v)| (k.to_string(), to_serde(v))).collect(),
        }
    }
}

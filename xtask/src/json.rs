//! Just enough JSON to read what cargo writes (`--timings`): xtask has no dependencies, so no
//! serde_json here.

use std::collections::BTreeMap;

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(BTreeMap<String, Value>),
}

impl Value {
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> &[Value] {
        match self {
            Value::Array(items) => items,
            _ => &[],
        }
    }
}

/// Parses one JSON value at the start of `text`; returns it and the rest of the text.
pub(crate) fn parse_prefix(text: &str) -> Result<(Value, &str), String> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value()?;
    Ok((value, &text[parser.at..]))
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.at = self.text.len() - trimmed.len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        if self.rest().starts_with(token) {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    fn fail<T>(&self, what: &str) -> Result<T, String> {
        let near: String = self.rest().chars().take(40).collect();
        Err(format!("JSON: {what} at byte {} (near {near:?})", self.at))
    }

    fn value(&mut self) -> Result<Value, String> {
        self.skip_space();
        if self.eat("null") {
            return Ok(Value::Null);
        }
        if self.eat("true") {
            return Ok(Value::Bool(true));
        }
        if self.eat("false") {
            return Ok(Value::Bool(false));
        }
        if self.eat("[") {
            let mut items = Vec::new();
            if self.eat("]") {
                return Ok(Value::Array(items));
            }
            loop {
                items.push(self.value()?);
                if self.eat("]") {
                    return Ok(Value::Array(items));
                }
                if !self.eat(",") {
                    return self.fail("expected , or ]");
                }
            }
        }
        if self.eat("{") {
            let mut map = BTreeMap::new();
            if self.eat("}") {
                return Ok(Value::Object(map));
            }
            loop {
                self.skip_space();
                let key = self.string()?;
                if !self.eat(":") {
                    return self.fail("expected :");
                }
                map.insert(key, self.value()?);
                if self.eat("}") {
                    return Ok(Value::Object(map));
                }
                if !self.eat(",") {
                    return self.fail("expected , or }");
                }
            }
        }
        if self.rest().starts_with('"') {
            return self.string().map(Value::String);
        }
        self.number()
    }

    fn number(&mut self) -> Result<Value, String> {
        let len = self
            .rest()
            .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
            .unwrap_or(self.rest().len());
        match self.rest()[..len].parse::<f64>() {
            Ok(n) if len > 0 => {
                self.at += len;
                Ok(Value::Number(n))
            }
            _ => self.fail("expected a value"),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if !self.rest().starts_with('"') {
            return self.fail("expected a string");
        }
        self.at += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, 'b')) => out.push('\u{8}'),
                    Some((_, 'f')) => out.push('\u{c}'),
                    Some((_, 'u')) => {
                        let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
                        let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    }
                    Some((_, other)) => out.push(other),
                    None => break,
                },
                other => out.push(other),
            }
        }
        self.fail("unterminated string")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_values_and_leaves_the_rest() {
        let (value, rest) =
            parse_prefix(r#" [{"a": 1.5, "b": [null, true], "c": "x\"y"}, -2e1];tail"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rest, ";tail");
        let first = &value.as_array()[0];
        assert_eq!(first.get("a").and_then(Value::as_f64), Some(1.5));
        assert_eq!(first.get("c").and_then(Value::as_str), Some("x\"y"));
        assert_eq!(first.get("b").map(Value::as_array).map(<[_]>::len), Some(2));
        assert_eq!(value.as_array()[1].as_f64(), Some(-20.0));
    }

    #[test]
    fn a_truncated_document_is_an_error() {
        assert!(parse_prefix(r#"{"a": [1, 2"#).is_err());
    }
}

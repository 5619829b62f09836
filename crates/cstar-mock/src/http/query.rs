//! Query strings: `a=1&b=x%20y` into decoded pairs (`+` is a space), as browsers encode forms.

/// Decodes a query string into name/value pairs, in order; malformed escapes stay as written
/// and bytes that are not UTF-8 are replaced.
pub(crate) fn decode_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_queries() {
        assert_eq!(
            decode_pairs("a=1&b=x%20y&c=d+e&flag&bad=%zz&end=%4&&last=%41&e=%C3%A9"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x y".into()),
                ("c".into(), "d e".into()),
                ("flag".into(), "".into()),
                ("bad".into(), "%zz".into()),
                ("end".into(), "%4".into()),
                ("last".into(), "A".into()),
                ("e".into(), "\u{e9}".into()),
            ]
        );
    }
}

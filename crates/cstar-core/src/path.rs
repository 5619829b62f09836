//! The one path parser: a route template (`/tickets/{id}`) and its parameters become the path
//! segments of a request.
//!
//! Every route of every crate is spelled once, as a template; the raw hatch
//! (`CStarClient::request`) and the offline queue's `enqueue` read their caller's path with the
//! same parser. A parameter fills one whole segment and is percent-encoded when the URL is built
//! (`/` becomes `%2F`), so an id can never change the route; a blank one is refused before
//! anything is sent.

use std::borrow::Cow;

/// The prefix of every admin route: `/api/v1/teams/{teamId}`.
pub const TEAM_SCOPE: &str = "/api/v1/teams/{teamId}";

/// The name of the team parameter of [`TEAM_SCOPE`].
pub(crate) const TEAM_PARAM: &str = "teamId";

/// A named value for a `{name}` segment.
pub(crate) type Param = (Cow<'static, str>, String);

/// The segments of `prefix` followed by `template`, with every `{name}` replaced by its value,
/// borrowed from the arguments (one allocation, for the list: this runs on every call).
///
/// # Errors
///
/// A reason, for [`Error::InvalidArgument`](crate::Error::InvalidArgument): a query or fragment
/// marker, an empty, `.` or `..` segment, an unclosed brace, a parameter with no value or a blank
/// one, or a value given for a parameter the template does not name.
pub(crate) fn resolve<'a>(
    prefix: Option<&'a str>,
    template: &'a str,
    params: &'a [Param],
) -> Result<Vec<&'a str>, String> {
    if params.len() > MAX_PARAMS {
        return Err(format!("a route takes at most {MAX_PARAMS} parameters"));
    }
    let mut used = 0u64;
    let mut segments = Vec::with_capacity(8);
    if let Some(prefix) = prefix {
        for segment in split(prefix)? {
            segments.push(fill(segment?, params, &mut used)?);
        }
    }
    let before = segments.len();
    for segment in split(template)? {
        segments.push(fill(segment?, params, &mut used)?);
    }
    // The prefix alone (a team's root) is no route.
    if segments.len() == before {
        return Err("the path names no route".to_owned());
    }
    if let Some(unused) = (0..params.len()).find(|i| used & (1 << i) == 0) {
        return Err(format!(
            "the route has no {{{}}} parameter",
            params[unused].0
        ));
    }
    Ok(segments)
}

/// The segments of one template, a leading and a trailing `/` allowed; each is checked as it
/// is read.
fn split(template: &str) -> Result<impl Iterator<Item = Result<&str, String>>, String> {
    if template.bytes().any(|b| matches!(b, b'?' | b'#')) {
        return Err("put query parameters in .query(), not in the path".to_owned());
    }
    let trimmed = template.strip_prefix('/').unwrap_or(template);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    let segments = (!trimmed.is_empty()).then(|| trimmed.split('/'));
    Ok(segments.into_iter().flatten().map(|segment| match segment {
        "" => Err("the path has an empty segment".to_owned()),
        "." | ".." => Err("the path may not contain . or .. segments".to_owned()),
        _ => Ok(segment),
    }))
}

/// Byte by byte: a `char` pattern would decode the text first, on every call.
fn has_brace(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'{' | b'}'))
}

/// The most parameters one route may have: which were used is tracked in one `u64`.
const MAX_PARAMS: usize = 64;

fn fill<'a>(segment: &'a str, params: &'a [Param], used: &mut u64) -> Result<&'a str, String> {
    let name = match segment.strip_prefix('{') {
        Some(rest) => rest
            .strip_suffix('}')
            .filter(|name| !name.is_empty() && !has_brace(name))
            .ok_or_else(|| format!("malformed route segment {segment:?}"))?,
        None if has_brace(segment) => {
            return Err(format!(
                "malformed route segment {segment:?}: a parameter fills a whole segment"
            ));
        }
        None => return Ok(segment),
    };
    let index = params
        .iter()
        .position(|(n, _)| n == name)
        .ok_or_else(|| format!("no value for the {{{name}}} parameter"))?;
    *used |= 1 << index;
    let value = params[index].1.as_str();
    if value.trim().is_empty() {
        return Err(format!("parameter {{{name}}} is empty"));
    }
    if value == "." || value == ".." {
        return Err(format!("parameter {{{name}}} may not be . or .."));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &'static str, value: &str) -> Param {
        (Cow::Borrowed(name), value.to_owned())
    }

    #[test]
    fn templates_fill_whole_segments_under_a_prefix() {
        assert_eq!(
            resolve(
                Some(TEAM_SCOPE),
                "/tickets/{id}/messages",
                &[p("teamId", "t-1"), p("id", "a/b c")]
            )
            .unwrap(),
            ["api", "v1", "teams", "t-1", "tickets", "a/b c", "messages"]
        );
        assert_eq!(
            resolve(None, "saved-views/v1/", &[]).unwrap(),
            ["saved-views", "v1"]
        );
    }

    #[test]
    fn bad_paths_and_params_are_refused_with_a_reason() {
        assert!(resolve(Some(TEAM_SCOPE), "//", &[p("teamId", "t")]).is_err());
        for bad in [
            "", "/", "a//b", "a/../b", "./a", "tags?x=1", "tags#top", "/a{id}", "/{id",
        ] {
            assert!(resolve(None, bad, &[p("id", "x")]).is_err(), "{bad:?}");
        }
        let blank = resolve(None, "/t/{id}", &[p("id", "  ")]).unwrap_err();
        assert_eq!(blank, "parameter {id} is empty");
        assert!(resolve(None, "/t/{id}", &[]).is_err());
        assert!(resolve(None, "/t/{id}", &[p("id", "..")]).is_err());
        assert!(resolve(None, "/t", &[p("id", "x")]).is_err());
        let many: Vec<Param> = (0..65)
            .map(|i| (Cow::Owned(format!("p{i}")), "x".to_owned()))
            .collect();
        assert!(resolve(None, "/t/{p64}", &many).is_err());
        assert!(
            resolve(None, "/t/{p63}", &many[..64]).is_err(),
            "63 of them unused"
        );
    }
}

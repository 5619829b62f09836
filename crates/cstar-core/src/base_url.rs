//! A client's base URL and the URL of each of its requests.

use reqwest::Url;

use crate::client::TeamId;
use crate::error::{Error, Result};
use crate::path::{self, Param, TEAM_PARAM, TEAM_SCOPE};

/// The base URL, and the same URL already below the client's own team scope.
///
/// Almost every admin call lives below its client's team: starting from the scoped copy, a call
/// encodes only its own segments, and the URL's text is copied once instead of growing (and being
/// reallocated) segment by segment. A call to another team, or to a route outside any team,
/// starts from the root.
#[derive(Clone, Debug)]
pub(crate) struct BaseUrl {
    root: Url,
    team: Option<TeamBase>,
}

#[derive(Clone, Debug)]
struct TeamBase {
    /// The resolved segments of [`TEAM_SCOPE`] for the client's team.
    segments: Vec<String>,
    /// The root with those segments appended.
    url: Url,
}

impl BaseUrl {
    /// `root`, and its team-scoped copy when the client has a team.
    pub(crate) fn new(root: Url, team: Option<&TeamId>) -> Self {
        let team = team.and_then(|team| {
            let params: [Param; 1] = [(TEAM_PARAM.into(), team.as_str().to_owned())];
            // A team id the scope refuses gets no copy: its calls fail when they resolve.
            let segments = path::resolve(None, TEAM_SCOPE, &params).ok()?;
            let url = extend(root.clone(), &segments).ok()?;
            Some(TeamBase {
                segments: segments.into_iter().map(str::to_owned).collect(),
                url,
            })
        });
        Self { root, team }
    }

    /// The base URL as configured.
    pub(crate) fn root(&self) -> &Url {
        &self.root
    }

    /// The URL of a request: the base URL, its resolved route (each segment percent-encoded)
    /// and its query.
    pub(crate) fn join(&self, segments: &[&str], query: &[(String, String)]) -> Result<Url> {
        let mut url = match &self.team {
            Some(team)
                if segments.len() > team.segments.len()
                    && team.segments.iter().zip(segments).all(|(a, b)| a == b) =>
            {
                extend(team.url.clone(), &segments[team.segments.len()..])?
            }
            _ => extend(self.root.clone(), segments)?,
        };
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }
}

fn extend(mut url: Url, segments: &[&str]) -> Result<Url> {
    url.path_segments_mut()
        .map_err(|()| Error::InvalidArgument("the base URL cannot take a path".to_owned()))?
        .pop_if_empty()
        .extend(segments);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(root: &str, team: Option<&str>) -> BaseUrl {
        let team = team.map(|t| TeamId::from(t.to_owned()));
        BaseUrl::new(Url::parse(root).unwrap(), team.as_ref())
    }

    #[test]
    fn a_route_of_the_clients_team_equals_the_same_route_built_from_the_root() {
        for root in [
            "http://127.0.0.1:9/",
            "https://example.com/proxy/",
            "https://example.com/proxy",
        ] {
            let scoped = base(root, Some("t 1"));
            let plain = base(root, None);
            for segments in [
                vec!["api", "v1", "teams", "t 1", "tickets", "a/b"],
                vec!["api", "v1", "teams", "other", "tickets"],
                vec!["api", "v1", "auth", "whoami"],
                vec!["api", "v1", "teams", "t 1"],
            ] {
                let query = [("q".to_owned(), "x y".to_owned())];
                assert_eq!(
                    scoped.join(&segments, &query).unwrap(),
                    plain.join(&segments, &query).unwrap(),
                    "{root} {segments:?}"
                );
            }
        }
        let url = base("http://127.0.0.1:9/", Some("t 1"))
            .join(&["api", "v1", "teams", "t 1", "tickets", "a/b"], &[])
            .unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/api/v1/teams/t%201/tickets/a%2Fb"
        );
    }
}

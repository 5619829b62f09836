//! [`MockOptions`]: the emulator's settings as plain data, for the programs that read them from
//! flags (the `cstar-mock` binary, the CLI's `cstar mock`), so that every program maps them onto
//! the builder, and checks them, the same way.

use crate::MockServer;
use crate::harness::builder::MockServerBuilder;
use crate::model::PaginationLayout;

/// The settings a program may take from its user; unset ones keep the builder's defaults.
///
/// ```
/// use cstar_mock::MockOptions;
///
/// let mut options = MockOptions::default();
/// options.port = Some(0);
/// options.seed = Some(5);
/// options.pagination = Some("legacy".parse()?);
/// let builder = options.into_builder()?;
/// # let _ = builder;
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct MockOptions {
    /// The port on 127.0.0.1 ([`DEFAULT_PORT`](Self::DEFAULT_PORT) when unset; 0 picks a free
    /// one).
    pub port: Option<u16>,
    /// The team's UUID (default: a random one).
    pub team_id: Option<String>,
    /// The team's slug (default `acme`).
    pub team_slug: Option<String>,
    /// The secret key it accepts (default: a random `sk_test_` key).
    pub secret_key: Option<String>,
    /// The publishable key it accepts (default: a random `pk_test_` key).
    pub publishable_key: Option<String>,
    /// Starts with this many customers, tickets and articles.
    pub seed: Option<usize>,
    /// Requests per secret key per window.
    pub rate_limit_secret: Option<u64>,
    /// Requests per publishable key per window.
    pub rate_limit_publishable: Option<u64>,
    /// Where list responses put their pagination.
    pub pagination: Option<PaginationLayout>,
    /// The chance, from 0 to 1, that an API request meets a random fault.
    pub chaos: Option<f64>,
    /// The seed of the chaos draws, to replay a run; needs [`chaos`](Self::chaos).
    pub chaos_seed: Option<u64>,
    /// How successful API answers drift (`nulls`, `missing`, ...; see [`DriftMode`](crate::DriftMode)).
    pub drift: Option<crate::DriftMode>,
    /// The seed of the drift; needs [`drift`](Self::drift).
    pub drift_seed: Option<u64>,
}

impl MockOptions {
    /// The port a program listens on when none is given.
    pub const DEFAULT_PORT: u16 = 12111;

    /// The builder these options describe.
    ///
    /// # Errors
    ///
    /// A message for the user when the options contradict each other (a chaos seed without a
    /// chaos rate) or a chaos rate is not from 0 to 1. A malformed key is refused by
    /// [`MockServerBuilder::start`].
    pub fn into_builder(self) -> Result<MockServerBuilder, String> {
        if self.chaos_seed.is_some() && self.chaos.is_none() {
            return Err("--chaos-seed needs --chaos".to_owned());
        }
        if self.drift_seed.is_some() && self.drift.is_none() {
            return Err("--drift-seed needs --drift".to_owned());
        }
        if let Some(rate) = self.chaos {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("--chaos: {rate} is not a rate from 0 to 1"));
            }
        }
        let mut builder = MockServer::builder().port(self.port.unwrap_or(Self::DEFAULT_PORT));
        if let Some(id) = self.team_id {
            builder = builder.team_id(id);
        }
        if let Some(slug) = self.team_slug {
            builder = builder.team_slug(slug);
        }
        if let Some(key) = self.secret_key {
            builder = builder.secret_key(key);
        }
        if let Some(key) = self.publishable_key {
            builder = builder.publishable_key(key);
        }
        if let Some(count) = self.seed {
            builder = builder.seed(count);
        }
        if let Some(limit) = self.rate_limit_secret {
            builder = builder.rate_limit_secret(limit);
        }
        if let Some(limit) = self.rate_limit_publishable {
            builder = builder.rate_limit_publishable(limit);
        }
        if let Some(layout) = self.pagination {
            builder = builder.pagination_layout(layout);
        }
        if let Some(rate) = self.chaos {
            builder = builder.chaos(rate);
        }
        if let Some(seed) = self.chaos_seed {
            builder = builder.chaos_seed(seed);
        }
        if let Some(mode) = self.drift {
            builder = builder.drift(crate::Drift::new(mode, self.drift_seed.unwrap_or(0)));
        }
        Ok(builder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contradictions_are_refused_with_a_message() {
        let mut options = MockOptions {
            chaos_seed: Some(7),
            ..MockOptions::default()
        };
        assert_eq!(
            options.clone().into_builder().unwrap_err(),
            "--chaos-seed needs --chaos"
        );
        options.chaos = Some(1.5);
        assert!(options.into_builder().unwrap_err().contains("from 0 to 1"));
        assert!(MockOptions::default().into_builder().is_ok());
    }
}

//! QuickHelp for Rust: the counterpart of `@cstar.help/js/quickhelp` ("contextual answers").
//!
//! cStar documents only the purpose, so this is our design (the emulator implements it, see its
//! README): tell [`QuickHelpClient::answers`] where the customer is (a page path), what they
//! ask, and any tags; it returns the few most relevant published help articles, ranked, each with
//! the sentence that matched. No secret key: it reads the public knowledge base.
//!
//! ```no_run
//! use cstar_quickhelp::{Context, QuickHelpClient};
//!
//! # async fn demo() -> cstar_quickhelp::Result<()> {
//! let help = QuickHelpClient::new("acme")?;
//! let answers = help
//!     .answers(Context::page("/settings/billing").question("how do I get a refund?").limit(3))
//!     .await?;
//! for answer in answers {
//!     println!("{} ({}): {}", answer.article.title, answer.score, answer.snippet);
//! }
//! # Ok(()) }
//! ```
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `rustls` | yes | TLS through rustls on ring |
//! | `native-tls` | no | TLS through the platform library |

#![cfg_attr(docsrs, feature(doc_cfg))]

use cstar_core::reqwest::Method;
use cstar_core::{Client, RecordList, RequestSpec};
use cstar_types::de::null_as_default;
use serde::{Deserialize, Serialize};

/// Where the customer is and what they want: at least one of path, question or tags.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Context {
    /// The page they are on, e.g. `/settings/billing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What they asked, in their words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Tags of the context (an article with one ranks higher).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// At most this many answers (1 to 10, default 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl Context {
    /// The context of a page.
    pub fn page(path: impl Into<String>) -> Self {
        Self {
            path: Some(path.into()),
            ..Self::default()
        }
    }

    /// The context of a question alone.
    pub fn asking(question: impl Into<String>) -> Self {
        Self {
            question: Some(question.into()),
            ..Self::default()
        }
    }

    /// Adds what they asked.
    pub fn question(mut self, question: impl Into<String>) -> Self {
        self.question = Some(question.into());
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.push(tag.into());
        self
    }

    /// At most this many answers.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// The article an answer points to: the shared [`cstar_types::Article`], with what an answer
/// carries (`id`, `slug` for cstar-library's `article(slug)`, `title`, `excerpt`); the other
/// fields read as their empty values.
pub type ArticleRef = cstar_types::Article;

/// One ranked answer. Only `article` (with its `id`) is required: a `null` or missing field
/// reads as the empty value its documentation names.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct HelpAnswer {
    /// The article. Required: an answer is about it.
    pub article: ArticleRef,
    /// How well it matched (higher is better); 0 when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub score: u64,
    /// The sentence that matched; empty when not sent.
    #[serde(default, deserialize_with = "null_as_default")]
    pub snippet: String,
}

#[derive(Deserialize)]
struct AnswersWire {
    /// Read answer by answer: one the model cannot read is kept aside, not fatal.
    #[serde(default)]
    answers: RecordList<HelpAnswer>,
}

/// Contextual answers for one team's customers.
#[derive(Clone, Debug)]
pub struct QuickHelpClient {
    client: Client,
    team: String,
}

impl QuickHelpClient {
    /// The answers of the team with this slug (or UUID), at `https://www.cstar.help`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an empty team.
    pub fn new(team: impl Into<String>) -> Result<Self> {
        Self::builder(team).build()
    }

    /// A builder: the common settings (base URL, a publishable key for test data, timeouts,
    /// retries, your HTTP client).
    pub fn builder(team: impl Into<String>) -> QuickHelpClientBuilder {
        QuickHelpClientBuilder::new(team)
    }

    /// The most relevant published articles for this context, best first, as one page (an
    /// answer the model cannot read is kept in the page's `unreadable`). A context with no path,
    /// question or tag is a `Validation` error.
    #[inline]
    pub fn answers(&self, context: Context) -> Call<Page<HelpAnswer>> {
        let spec = RequestSpec::new(Method::POST, "/api/quickhelp/{team}/answers")
            .param("team", &self.team)
            .json_body(&context);
        Call::<AnswersWire>::single(&self.client, spec).map(|wire| wire.answers.into_page())
    }
}

cstar_core::customer_builder! {
    /// Builds a [`QuickHelpClient`]: the common setters of every customer-facing client (see
    /// [`cstar_core::customer`]).
    pub struct QuickHelpClientBuilder {}
}

impl QuickHelpClientBuilder {
    /// The client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an empty team, a secret key or a bad base URL.
    pub fn build(self) -> Result<QuickHelpClient> {
        let built = self.common.build()?;
        Ok(QuickHelpClient {
            client: built.client,
            team: built.team,
        })
    }
}

pub use cstar_core::{Call, Error, Page, Result};
pub use cstar_types::ArticleId;

#[cfg(test)]
mod tests {
    use cstar_types::testing::drift_check_except;
    use serde_json::json;

    use super::*;

    #[test]
    fn an_answer_survives_drift() {
        drift_check_except(
            &json!({"article": {"id": "art_1", "slug": "reset", "title": "Reset",
                "excerpt": "e"}, "score": 3, "snippet": "Open Settings"}),
            &["article"],
            |v| serde_json::from_value::<HelpAnswer>(v.clone()),
        );
    }

    #[test]
    fn one_unreadable_answer_leaves_the_others() {
        let wire: AnswersWire = serde_json::from_value(json!({"answers": [
            {"article": {"id": "art_1", "slug": "reset"}, "score": 3},
            {"article": 5},
            {"article": {"id": "art_2", "slug": "refund"}}
        ]}))
        .unwrap_or_else(|e| panic!("{e}"));
        let page = wire.answers.into_page();
        assert_eq!(page.data.len(), 2);
        assert_eq!(page.unreadable.len(), 1);
        assert_eq!(page.unreadable[0].position, 1);
        assert_eq!(page.unreadable[0].path, "[1].article");
        let none: AnswersWire =
            serde_json::from_value(json!({"answers": null})).unwrap_or_else(|e| panic!("{e}"));
        assert!(none.answers.into_page().data.is_empty());
    }
}

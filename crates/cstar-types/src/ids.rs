//! Identifier newtypes: a customer id cannot be passed where a ticket id is expected.

crate::define_id!(
    /// A team's UUID, the `{teamId}` of `/api/v1/teams/{teamId}/...`.
    TeamId
);
crate::define_id!(
    /// A ticket id: `tkt_...` or the ticket's UUID (both are accepted by single-ticket routes).
    /// A chat conversation is a ticket seen from the customer's side, so its id is one too.
    TicketId
);
crate::define_id!(
    /// A ticket message id: `msg_...`.
    MessageId
);
crate::define_id!(
    /// A customer id: `cus_...` or the customer's UUID.
    CustomerId
);
crate::define_id!(
    /// A team member (agent) id: `mem_...`.
    MemberId
);
crate::define_id!(
    /// An article id: `art_...` or the article's UUID.
    ArticleId
);
crate::define_id!(
    /// A category id (a UUID).
    CategoryId
);
crate::define_id!(
    /// A webhook subscription id: `whk_...`.
    WebhookId
);
crate::define_id!(
    /// A community post id (a UUID).
    PostId
);
crate::define_id!(
    /// A community topic id (a UUID).
    TopicId
);

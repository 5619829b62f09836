//! Identifier newtypes: a customer id cannot be passed where a ticket id is expected.

cstar_core::define_id!(
    /// A ticket id: `tkt_...` or the ticket's UUID (both are accepted by single-ticket routes).
    TicketId
);
cstar_core::define_id!(
    /// A ticket message id: `msg_...`.
    MessageId
);
cstar_core::define_id!(
    /// A customer id: `cus_...` or the customer's UUID.
    CustomerId
);
cstar_core::define_id!(
    /// A team member (agent) id: `mem_...`.
    MemberId
);
cstar_core::define_id!(
    /// An article id: `art_...` or the article's UUID.
    ArticleId
);
cstar_core::define_id!(
    /// A category id (a UUID).
    CategoryId
);
cstar_core::define_id!(
    /// A webhook subscription id: `whk_...`.
    WebhookId
);

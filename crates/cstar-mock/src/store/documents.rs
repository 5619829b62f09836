//! Resources kept as their REST object: customers, articles, categories, webhooks and members.
//! Unlike tickets (whose status rules and thread need a record type), these are plain documents,
//! so one table type serves them all.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::model::ids::public_id;

/// The document-backed resources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Customers,
    Articles,
    Categories,
    Webhooks,
    Members,
    CustomerGroups,
    CustomFields,
    Views,
    SlaRules,
    Automations,
    CommunityPosts,
}

impl Kind {
    /// The prefix of the id the API shows; categories, customer groups and community posts show a
    /// dashed UUID.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Self::Customers => "cus_",
            Self::Articles => "art_",
            Self::Categories => "",
            Self::Webhooks => "whk_",
            Self::Members => "mem_",
            Self::CustomerGroups | Self::CommunityPosts => "",
            Self::CustomFields => "cf_",
            Self::Views => "view_",
            Self::SlaRules => "sla_",
            Self::Automations => "rule_",
        }
    }

    /// The `object` field, and the noun of "... not found".
    pub(crate) fn object(self) -> &'static str {
        match self {
            Self::Customers => "customer",
            Self::Articles => "article",
            Self::Categories => "category",
            Self::Webhooks => "webhook",
            Self::Members => "member",
            Self::CustomerGroups => "customer_group",
            Self::CustomFields => "custom_field",
            Self::Views => "view",
            Self::SlaRules => "sla_rule",
            Self::Automations => "automation",
            Self::CommunityPosts => "community_post",
        }
    }

    /// "Customer", for "Customer not found".
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Self::Customers => "Customer",
            Self::Articles => "Article",
            Self::Categories => "Category",
            Self::Webhooks => "Webhook",
            Self::Members => "Member",
            Self::CustomerGroups => "Customer group",
            Self::CustomFields => "Custom field",
            Self::Views => "View",
            Self::SlaRules => "SLA rule",
            Self::Automations => "Automation",
            Self::CommunityPosts => "Post",
        }
    }

    /// The id shown for a stored UUID.
    pub(crate) fn show_id(self, uuid: &str) -> String {
        match self {
            Self::Categories | Self::CustomerGroups | Self::CommunityPosts => uuid.to_owned(),
            _ => public_id(self.prefix(), uuid),
        }
    }
}

/// One stored document.
#[derive(Clone, Debug)]
pub(crate) struct Doc {
    /// Creation order, for stable lists.
    pub(crate) seq: u64,
    /// The REST object as shown, `id` and `object` included.
    pub(crate) object: Map<String, Value>,
    /// A webhook's signing secret, kept out of `object` so that no read can show it.
    pub(crate) secret: Option<String>,
}

impl Doc {
    /// A string field, or "".
    pub(crate) fn str(&self, field: &str) -> &str {
        self.object.get(field).and_then(Value::as_str).unwrap_or("")
    }

    /// Whether a string-array field holds `wanted`.
    pub(crate) fn has_tag(&self, field: &str, wanted: &str) -> bool {
        self.object
            .get(field)
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().any(|t| t.as_str() == Some(wanted)))
    }

    /// A boolean field, or false.
    pub(crate) fn flag(&self, field: &str) -> bool {
        self.object
            .get(field)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

/// The documents of one kind, by UUID.
#[derive(Debug, Default)]
pub(crate) struct DocTable {
    docs: HashMap<String, Doc>,
}

impl DocTable {
    pub(crate) fn insert(&mut self, uuid: String, doc: Doc) {
        self.docs.insert(uuid, doc);
    }

    pub(crate) fn get(&self, uuid: &str) -> Option<&Doc> {
        self.docs.get(uuid)
    }

    pub(crate) fn get_mut(&mut self, uuid: &str) -> Option<&mut Doc> {
        self.docs.get_mut(uuid)
    }

    pub(crate) fn remove(&mut self, uuid: &str) -> Option<Doc> {
        self.docs.remove(uuid)
    }

    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    /// Every document, newest first (the creation sequence breaks timestamp ties).
    pub(crate) fn newest_first(&self) -> Vec<&Doc> {
        let mut all: Vec<&Doc> = self.docs.values().collect();
        all.sort_by_key(|d| std::cmp::Reverse(d.seq));
        all
    }

    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut Doc> {
        self.docs.values_mut()
    }
}

/// A URL slug: lowercase ASCII letters and digits, runs of anything else as one `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("untitled");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits_only() {
        assert_eq!(slugify("Reset your password!"), "reset-your-password");
        assert_eq!(slugify("  Billing & Plans 2.0 "), "billing-plans-2-0");
        assert_eq!(slugify("???"), "untitled");
    }
}

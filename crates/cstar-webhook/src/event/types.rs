//! The 35 documented event types, the legacy name, and anything newer.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! event_types {
    ($($(#[$doc:meta])* $variant:ident => $wire:literal,)+) => {
        /// An event type. Types this crate does not know arrive as `Unknown` with the name kept.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum EventType {
            $($(#[$doc])* $variant,)+
            /// A type this version does not know; the wire name is kept.
            Unknown(String),
        }

        impl EventType {
            /// Every known type, in documentation order.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant,)+];

            /// The name on the wire, e.g. `ticket.created`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(name) => name,
                }
            }

            /// Reads a wire name.
            pub fn from_wire(name: &str) -> Self {
                match name {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
    };
}

event_types! {
    /// A ticket was opened.
    TicketCreated => "ticket.created",
    /// A ticket's status, priority, assignment, tags, title, notes or custom fields changed.
    TicketUpdated => "ticket.updated",
    /// A ticket was resolved or closed.
    TicketClosed => "ticket.closed",
    /// A message was added to a ticket.
    TicketMessageAdded => "ticket.message_added",
    /// A ticket was deleted.
    TicketDeleted => "ticket.deleted",
    /// A ticket was assigned.
    TicketAssigned => "ticket.assigned",
    /// A customer was created.
    CustomerCreated => "customer.created",
    /// A customer changed.
    CustomerUpdated => "customer.updated",
    /// A customer was deleted.
    CustomerDeleted => "customer.deleted",
    /// A customer group was created.
    CustomerGroupCreated => "customer_group.created",
    /// A customer group changed.
    CustomerGroupUpdated => "customer_group.updated",
    /// A customer group was deleted.
    CustomerGroupDeleted => "customer_group.deleted",
    /// An article was created.
    ArticleCreated => "article.created",
    /// An article was published to the public library.
    ArticlePublished => "article.published",
    /// An article changed.
    ArticleUpdated => "article.updated",
    /// An article was deleted.
    ArticleDeleted => "article.deleted",
    /// Team preferences changed.
    TeamPreferencesUpdated => "team.preferences_updated",
    /// An agent's preferences changed.
    AgentPreferencesUpdated => "agent.preferences_updated",
    /// A boss appeared.
    BossSpawned => "boss.spawned",
    /// A boss took damage.
    BossDamaged => "boss.damaged",
    /// The team defeated a boss.
    BossDefeated => "boss.defeated",
    /// A player reached a new level.
    PlayerLevelUp => "player.level_up",
    /// A player unlocked an achievement.
    PlayerAchievementUnlocked => "player.achievement_unlocked",
    /// A player gained XP.
    PlayerXpGained => "player.xp_gained",
    /// A player completed a quest.
    PlayerQuestCompleted => "player.quest_completed",
    /// A player reached a streak milestone.
    PlayerStreakMilestone => "player.streak_milestone",
    /// A one-up was sent.
    SocialOneUpSent => "social.one_up_sent",
    /// A high five was sent.
    SocialHighFiveSent => "social.high_five_sent",
    /// A community post was created.
    CommunityPostCreated => "community_post.created",
    /// A community post changed.
    CommunityPostUpdated => "community_post.updated",
    /// A community post's status changed.
    CommunityPostStatusChanged => "community_post.status_changed",
    /// A community post got a comment.
    CommunityPostCommented => "community_post.commented",
    /// A community post was deleted.
    CommunityPostDeleted => "community_post.deleted",
    /// A community post got a vote.
    CommunityPostVoted => "community_post.voted",
    /// A customer submitted a CSAT survey.
    SurveySubmitted => "survey.submitted",
    /// The legacy name of `player.achievement_unlocked`, still sent by older configurations.
    AchievementUnlocked => "achievement.unlocked",
}

impl EventType {
    /// The part before the first `.`: `ticket` for `ticket.created`.
    pub fn resource(&self) -> &str {
        let name = self.as_str();
        name.split_once('.').map_or(name, |(resource, _)| resource)
    }

    /// Whether a subscription pattern covers this type: an exact name, `resource.*` (so
    /// `customer.*` covers `customer.created` but not `customer_group.created`), or `*`.
    ///
    /// ```
    /// use cstar_webhook::EventType;
    /// assert!(EventType::TicketCreated.matches("ticket.*"));
    /// assert!(!EventType::CustomerGroupCreated.matches("customer.*"));
    /// assert!(EventType::SurveySubmitted.matches("*"));
    /// ```
    pub fn matches(&self, pattern: &str) -> bool {
        match pattern.strip_suffix(".*") {
            _ if pattern == "*" => true,
            Some(resource) => self.resource() == resource,
            None => self.as_str() == pattern,
        }
    }

    /// Whether this is `Unknown`.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown(_))
    }
}

/// An absent or `null` type reads as `Unknown("")`: the field was not sent.
impl Default for EventType {
    fn default() -> Self {
        Self::Unknown(String::new())
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EventType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EventType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Self::from_wire(&name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_five_documented_types_plus_the_legacy_name_round_trip() {
        assert_eq!(EventType::ALL.len(), 36);
        for event_type in EventType::ALL {
            assert_eq!(&EventType::from_wire(event_type.as_str()), event_type);
        }
        assert_eq!(
            EventType::from_wire("brand.new"),
            EventType::Unknown("brand.new".into())
        );
    }

    #[test]
    fn wildcards_match_by_resource() {
        assert!(EventType::TicketMessageAdded.matches("ticket.*"));
        assert!(EventType::TicketMessageAdded.matches("ticket.message_added"));
        assert!(!EventType::TicketMessageAdded.matches("ticket.created"));
        assert!(EventType::CustomerCreated.matches("customer.*"));
        assert!(!EventType::CustomerGroupCreated.matches("customer.*"));
        assert!(EventType::CustomerGroupCreated.matches("customer_group.*"));
        assert!(EventType::Unknown("x.y".into()).matches("x.*"));
        assert!(!EventType::TicketCreated.matches("ticket"));
    }
}

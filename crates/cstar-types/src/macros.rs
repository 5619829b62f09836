//! Macros that every crate uses to declare identifiers and open enums the same way everywhere.

/// Declares an identifier newtype over `String`.
///
/// cStar ids are opaque strings (`tkt_...`, a bare UUID, ...): the newtype exists so that a
/// customer id cannot be passed where a ticket id is expected, not to validate the format.
///
/// ```
/// cstar_types::define_id!(
///     /// The id of a widget.
///     WidgetId
/// );
/// let id = WidgetId::from("wdg_123");
/// assert_eq!(id.as_str(), "wdg_123");
/// assert_eq!(id.to_string(), "wdg_123");
/// ```
#[macro_export]
macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::cmp::PartialOrd,
            ::core::cmp::Ord,
            ::core::hash::Hash,
        )]
        pub struct $name(::std::string::String);

        impl $name {
            /// Wraps an id string as received from cStar or given by the caller.
            pub fn new(id: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self(id.into())
            }

            /// The id as it goes on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Unwraps the id string.
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(id: ::std::string::String) -> Self {
                Self(id)
            }
        }

        impl ::core::convert::From<&::std::string::String> for $name {
            fn from(id: &::std::string::String) -> Self {
                Self(id.clone())
            }
        }

        impl ::core::convert::From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(
                    deserializer,
                )
                .map(Self)
            }
        }
    };
}

/// Declares an enum over the documented wire strings plus `Unknown(String)`.
///
/// The server may add values (custom ticket statuses, new error codes) at any time, so a value this
/// SDK does not know is kept instead of failing the whole response. Matching is ASCII
/// case-insensitive because the documentation shows the same codes in both cases.
///
/// ```
/// cstar_types::open_enum! {
///     /// How loud a widget is.
///     pub enum Loudness {
///         /// Barely audible.
///         Quiet => "quiet",
///         /// Very audible.
///         Loud => "loud",
///     }
/// }
/// assert_eq!(Loudness::from_wire("LOUD"), Loudness::Loud);
/// assert_eq!(Loudness::from_wire("deafening"), Loudness::Unknown("deafening".into()));
/// assert_eq!(Loudness::Quiet.as_str(), "quiet");
/// assert_eq!(Loudness::default(), Loudness::Unknown(String::new()));
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the SDK does not know; the wire string is kept as sent.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(other) => other,
                }
            }

            /// Reads a wire value, ASCII case-insensitively; anything unknown is kept.
            pub fn from_wire(value: &str) -> Self {
                $(if value.eq_ignore_ascii_case($wire) {
                    return Self::$variant;
                })+
                Self::Unknown(value.to_owned())
            }

            /// Whether this is a value the SDK does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }

        /// An absent or `null` value reads as `Unknown("")`: the field was not sent.
        impl ::core::default::Default for $name {
            fn default() -> Self {
                Self::Unknown(::std::string::String::new())
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::from_wire(value)
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                Ok(Self::from_wire(value))
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value: ::std::borrow::Cow<'de, str> =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                Ok(Self::from_wire(&value))
            }
        }
    };
}

//! Macros that resource crates use to declare identifiers and open enums the same way everywhere.

/// Declares an identifier newtype over `String`.
///
/// cStar ids are opaque strings (`tkt_...`, a bare UUID, ...): the newtype exists so that a
/// customer id cannot be passed where a ticket id is expected, not to validate the format.
///
/// ```
/// cstar_core::define_id!(
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
/// cstar_core::open_enum! {
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

/// Declares a customer-facing client's builder: a struct holding the common
/// [`customer::Options`](crate::customer::Options) plus the crate's own fields, with the common
/// setters (`base_url`, `publishable_key`, `timeout`, `max_retries`, `retry_policy`,
/// `http_client`) written here once. The crate adds its own setters and `build()` in an
/// `impl` of the struct, reading the common part with `self.common.build()?`.
///
/// ```
/// cstar_core::customer_builder! {
///     /// Builds a widget client.
///     pub struct WidgetClientBuilder {
///         /// How many widgets.
///         count: u32 = 3,
///     }
/// }
///
/// impl WidgetClientBuilder {
///     /// How many widgets.
///     pub fn count(mut self, count: u32) -> Self {
///         self.count = count;
///         self
///     }
///
///     /// The transport and team.
///     pub fn build(self) -> cstar_core::Result<(cstar_core::customer::Built, u32)> {
///         Ok((self.common.build()?, self.count))
///     }
/// }
///
/// let (built, count) = WidgetClientBuilder::new("acme").count(5).build()?;
/// assert_eq!((built.team.as_str(), count), ("acme", 5));
/// assert!(WidgetClientBuilder::new("acme")
///     .publishable_key("sk_test_a1B2c3D4e5F6g7H8i9J0k-L2m3N4o5P6")
///     .build()
///     .is_err());
/// # Ok::<(), cstar_core::Error>(())
/// ```
#[macro_export]
macro_rules! customer_builder {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $($(#[$field_meta:meta])* $field:ident : $ty:ty = $default:expr),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[must_use = "a builder does nothing until .build() is called"]
        $vis struct $name {
            common: $crate::customer::Options,
            $($(#[$field_meta])* $field: $ty,)*
        }

        impl $name {
            /// A builder for the team with this slug (or UUID), with every default.
            $vis fn new(team: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self {
                    common: $crate::customer::Options::new(team),
                    $($field: $default,)*
                }
            }

            /// The base URL (default `https://www.cstar.help`), e.g. a local emulator's.
            pub fn base_url(mut self, url: impl ::core::convert::Into<::std::string::String>) -> Self {
                self.common = self.common.base_url(url);
                self
            }

            /// A publishable key (`pk_test_...` selects the test environment where the API
            /// reads one). A secret key is refused by `build()`: this client runs in code
            /// shipped to customers' devices.
            pub fn publishable_key(mut self, key: impl ::core::convert::AsRef<str>) -> Self {
                self.common = self.common.publishable_key(key);
                self
            }

            /// The per-attempt timeout (default 30 s).
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.common = self.common.timeout(timeout);
                self
            }

            /// How many retries may follow a failed attempt (default 3; 0 disables retrying).
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.common = self.common.max_retries(retries);
                self
            }

            /// The whole retry policy (backoff, jitter, retries).
            pub fn retry_policy(mut self, policy: $crate::RetryPolicy) -> Self {
                self.common = self.common.retry_policy(policy);
                self
            }

            /// Your own `reqwest::Client` (proxies, custom roots, default headers, a shared
            /// pool); start from `cstar_core::http_client_builder()` to keep TLS on ring.
            pub fn http_client(mut self, client: $crate::reqwest::Client) -> Self {
                self.common = self.common.http_client(client);
                self
            }

            /// Sends `CStar-Version: version` on every call.
            pub fn api_version(mut self, version: impl ::core::convert::Into<::std::string::String>) -> Self {
                self.common = self.common.api_version(version);
                self
            }

            /// Adds headers from the caller's context on every attempt (a W3C
            /// `traceparent`), see `cstar_core::ClientBuilder::headers_from`.
            pub fn headers_from(
                mut self,
                add: impl Fn(&mut $crate::reqwest::header::HeaderMap) + Send + Sync + 'static,
            ) -> Self {
                self.common = self.common.headers_from(add);
                self
            }

            /// Sends this header on every call (the SDK's own headers are refused).
            pub fn default_header(
                mut self,
                name: impl ::core::convert::Into<::std::string::String>,
                value: impl ::core::convert::Into<::std::string::String>,
            ) -> Self {
                self.common = self.common.default_header(name, value);
                self
            }

            /// Names the app in `User-Agent` after the SDK (`cstar-rs/0.1.0 app/1.2`).
            pub fn user_agent_suffix(mut self, suffix: impl ::core::convert::Into<::std::string::String>) -> Self {
                self.common = self.common.user_agent_suffix(suffix);
                self
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("common", &self.common)
                    .finish_non_exhaustive()
            }
        }
    };
}

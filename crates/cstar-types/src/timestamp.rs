//! An RFC 3339 timestamp as the API writes it, without a date-time library.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant, kept as the RFC 3339 string the API sent (`2026-03-30T10:00:00.123Z`, or the same
/// instant written `+00:00` or with another offset).
///
/// Two timestamps compare, order and hash by the instant, not by the text, so `...Z` and
/// `...+00:00` are equal. [`Display`](fmt::Display) and serialization give the text back as
/// received. Nothing but the shape is checked against a calendar library: enable the `jiff`
/// feature for conversions to `jiff::Timestamp`.
///
/// ```
/// use cstar_types::Timestamp;
///
/// let z: Timestamp = "2026-03-30T10:00:00Z".parse()?;
/// let offset: Timestamp = "2026-03-30T12:00:00+02:00".parse()?;
/// assert_eq!(z, offset);
/// assert_eq!(offset.to_string(), "2026-03-30T12:00:00+02:00");
/// assert_eq!(z.unix_seconds(), 1_774_864_800);
/// assert!("next tuesday".parse::<Timestamp>().is_err());
/// # Ok::<(), cstar_types::TimestampError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Timestamp {
    text: String,
    seconds: i64,
    nanos: u32,
}

/// A string that is not an RFC 3339 timestamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError {
    input: String,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM)): {:?}",
            self.input
        )
    }
}

impl std::error::Error for TimestampError {}

impl Timestamp {
    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    pub fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// The nanoseconds past [`unix_seconds`](Self::unix_seconds), `0..1_000_000_000`.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// The instant `seconds` (and `nanos`, clamped below one second) after the Unix epoch,
    /// written in UTC with `Z`.
    pub fn from_unix(seconds: i64, nanos: u32) -> Self {
        let nanos = nanos.min(999_999_999);
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let mut text = format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            of_day / 3600,
            of_day % 3600 / 60,
            of_day % 60
        );
        if nanos > 0 {
            text.push_str(format!(".{nanos:09}").trim_end_matches('0'));
        }
        text.push('Z');
        Self {
            text,
            seconds,
            nanos,
        }
    }

    /// A system time as a timestamp (UTC, `Z`).
    pub fn from_system_time(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Self::from_unix(
                i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                after.subsec_nanos(),
            ),
            Err(before) => {
                let before = before.duration();
                let mut seconds = -i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                let mut nanos = before.subsec_nanos();
                if nanos > 0 {
                    seconds -= 1;
                    nanos = 1_000_000_000 - nanos;
                }
                Self::from_unix(seconds, nanos)
            }
        }
    }

    /// This instant as a system time.
    pub fn to_system_time(&self) -> SystemTime {
        let nanos = Duration::from_nanos(u64::from(self.nanos));
        if self.seconds >= 0 {
            UNIX_EPOCH + Duration::from_secs(self.seconds.unsigned_abs()) + nanos
        } else {
            UNIX_EPOCH - Duration::from_secs(self.seconds.unsigned_abs()) + nanos
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads `count` ASCII digits at `at`.
fn digits(bytes: &[u8], at: usize, count: usize) -> Option<i64> {
    let slice = bytes.get(at..at + count)?;
    slice.iter().try_fold(0_i64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

fn parse(text: &str) -> Option<(i64, u32)> {
    let b = text.as_bytes();
    let year = digits(b, 0, 4)?;
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    let hour = digits(b, 11, 2)?;
    let minute = digits(b, 14, 2)?;
    let second = digits(b, 17, 2)?;
    let separators = (b.get(4), b.get(7), b.get(10), b.get(13), b.get(16));
    if separators
        != (
            Some(&b'-'),
            Some(&b'-'),
            b.get(10),
            Some(&b':'),
            Some(&b':'),
        )
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
        || !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut at = 19;
    let mut nanos = 0_u32;
    if b.get(at) == Some(&b'.') {
        let start = at + 1;
        let end = start + b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
        if end == start {
            return None;
        }
        for (i, c) in b[start..end].iter().take(9).enumerate() {
            nanos += u32::from(c - b'0') * 10_u32.pow(8 - u32::try_from(i).ok()?);
        }
        at = end;
    }
    let offset = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let hours = digits(b, at + 1, 2)?;
            let minutes = digits(b, at + 4, 2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return None,
    };
    // A leap second (`:60`) reads as the last second of its minute.
    let second = second.min(59);
    let seconds =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    Some((seconds, nanos))
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (seconds, nanos) = parse(text).ok_or_else(|| TimestampError {
            input: text.chars().take(64).collect(),
        })?;
        Ok(Self {
            text: text.to_owned(),
            seconds,
            nanos,
        })
    }
}

impl TryFrom<&str> for Timestamp {
    type Error = TimestampError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        (self.seconds, self.nanos) == (other.seconds, other.nanos)
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.seconds, self.nanos).cmp(&(other.seconds, other.nanos))
    }
}

impl Hash for Timestamp {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.seconds, self.nanos).hash(state);
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text: std::borrow::Cow<'de, str> = Deserialize::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "jiff")]
impl TryFrom<&Timestamp> for jiff::Timestamp {
    type Error = jiff::Error;

    fn try_from(value: &Timestamp) -> Result<Self, Self::Error> {
        jiff::Timestamp::new(value.seconds, i32::try_from(value.nanos).unwrap_or(0))
    }
}

#[cfg(feature = "jiff")]
impl From<jiff::Timestamp> for Timestamp {
    fn from(value: jiff::Timestamp) -> Self {
        // jiff gives a negative fraction before the epoch; ours is always positive.
        let (seconds, nanos) = (value.as_second(), value.subsec_nanosecond());
        if nanos < 0 {
            Self::from_unix(seconds - 1, (nanos + 1_000_000_000).unsigned_abs())
        } else {
            Self::from_unix(seconds, nanos.unsigned_abs())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_utc_spellings_are_the_same_instant() {
        let z: Timestamp = "2026-03-30T10:00:00.5Z".parse().unwrap();
        let plus: Timestamp = "2026-03-30T10:00:00.500+00:00".parse().unwrap();
        assert_eq!(z, plus);
        assert_eq!(z.subsec_nanos(), 500_000_000);
        assert_eq!(plus.as_str(), "2026-03-30T10:00:00.500+00:00");
        let later: Timestamp = "2026-03-30T09:00:01-01:00".parse().unwrap();
        assert!(later > z);
    }

    #[test]
    fn from_unix_round_trips() {
        for (seconds, nanos) in [
            (0, 0),
            (1_774_864_800, 123_000_000),
            (-86_401, 7),
            (951_782_400, 0),
        ] {
            let stamp = Timestamp::from_unix(seconds, nanos);
            let back: Timestamp = stamp.as_str().parse().unwrap();
            assert_eq!(
                (back.unix_seconds(), back.subsec_nanos()),
                (seconds, nanos),
                "{stamp}"
            );
            assert_eq!(Timestamp::from_system_time(stamp.to_system_time()), stamp);
        }
        assert_eq!(
            Timestamp::from_unix(951_782_400, 0).as_str(),
            "2000-02-29T00:00:00Z"
        );
    }

    #[test]
    fn rejects_what_is_not_rfc_3339() {
        for bad in [
            "",
            "2026-03-30",
            "2026-03-30T10:00:00",
            "2026-02-30T10:00:00Z",
            "2026-03-30T24:00:00Z",
            "2026-03-30T10:00:00.Z",
            "2026-03-30T10:00:00+0000",
            "2026/03/30T10:00:00Z",
            "2026-03-30T10:00:00Zjunk",
            "x",
            "2026-03-30T10:00:00+00:0é",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }
}

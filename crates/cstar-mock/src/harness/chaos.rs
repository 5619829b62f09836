//! Chaos mode: each API request meets a random fault with a set probability, drawn from a
//! seeded generator so that a failing run can be replayed with the same seed.

use std::time::Duration;

use crate::harness::faults::Fault;

/// The longest delay chaos adds (the shortest is a tenth of it).
const MAX_DELAY_MS: u64 = 100;
/// The `Retry-After` of chaos's 429s: short, so clients that honour it stay fast.
const RETRY_AFTER_SECS: u64 = 1;

/// SplitMix64 (Steele, Lea and Flood): tiny, fast, and good enough to pick faults.
#[derive(Clone, Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        // The top 53 bits, the precision of an f64.
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The chaos settings and where the generator is.
#[derive(Clone, Debug)]
pub(crate) struct Chaos {
    rate: f64,
    seed: u64,
    rng: SplitMix64,
}

impl Chaos {
    /// Faults with probability `rate` (clamped to 0..=1; not a number counts as 0).
    pub(crate) fn new(rate: f64, seed: u64) -> Self {
        let rate = if rate.is_nan() {
            0.0
        } else {
            rate.clamp(0.0, 1.0)
        };
        Self {
            rate,
            seed,
            rng: SplitMix64(seed),
        }
    }

    pub(crate) fn rate(&self) -> f64 {
        self.rate
    }

    pub(crate) fn seed(&self) -> u64 {
        self.seed
    }

    /// The fault for the next API request, if it gets one. Every request draws the same amount
    /// from the generator, so the n-th request's fate depends only on the seed.
    pub(crate) fn draw(&mut self) -> Option<Fault> {
        let (hit, kind, detail) = (self.rng.unit(), self.rng.below(5), self.rng.next());
        if hit >= self.rate {
            return None;
        }
        Some(match kind {
            0 => Fault::Fail {
                status: [500, 502, 503][(detail % 3) as usize],
            },
            1 => Fault::RateLimit {
                retry_after_secs: RETRY_AFTER_SECS,
            },
            2 => Fault::DropConnection,
            3 => Fault::DropResponseAfterApply,
            _ => Fault::Delay {
                duration: Duration::from_millis(MAX_DELAY_MS / 10 + detail % MAX_DELAY_MS),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_faults() {
        let draws = |seed| {
            let mut chaos = Chaos::new(0.3, seed);
            (0..500).map(|_| chaos.draw()).collect::<Vec<_>>()
        };
        assert_eq!(draws(7), draws(7));
        assert_ne!(draws(7), draws(8));
    }

    #[test]
    fn the_rate_is_kept_and_every_kind_occurs() {
        let mut chaos = Chaos::new(0.1, 42);
        let faults: Vec<Fault> = (0..20_000).filter_map(|_| chaos.draw()).collect();
        assert!((1_700..=2_300).contains(&faults.len()), "{}", faults.len());
        for kind in [
            |f: &Fault| matches!(f, Fault::Fail { status } if *status >= 500),
            |f: &Fault| {
                matches!(
                    f,
                    Fault::RateLimit {
                        retry_after_secs: 1
                    }
                )
            },
            |f: &Fault| matches!(f, Fault::DropConnection),
            |f: &Fault| matches!(f, Fault::DropResponseAfterApply),
            |f: &Fault| matches!(f, Fault::Delay { duration } if *duration <= Duration::from_millis(110)),
        ] {
            assert!(faults.iter().filter(|f| kind(f)).count() > 200);
        }
        assert_eq!(Chaos::new(0.0, 1).draw(), None);
        assert!(Chaos::new(1.0, 1).draw().is_some());
        assert_eq!(Chaos::new(f64::NAN, 1).rate(), 0.0);
        assert_eq!(Chaos::new(5.0, 1).rate(), 1.0);
    }
}

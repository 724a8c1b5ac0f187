//! JSON Schema's `integer` is any number with a zero fraction, `3.0`
//! included; serde's integers take only `3`. These read both, and refuse
//! fractions and numbers out of range as before.

use serde::{Deserialize, Deserializer, de::Error};

#[derive(Deserialize)]
#[serde(untagged)]
enum Number {
    Int(i64),
    Float(f64),
}

fn whole<E: Error>(n: Number) -> Result<i64, E> {
    match n {
        Number::Int(i) => Ok(i),
        Number::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
        Number::Float(f) => Err(E::custom(format!("expected an integer, found {f}"))),
    }
}

/// An `i64` written as `3` or `3.0`.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    whole(Number::deserialize(d)?)
}

/// An optional `i32` written as `3` or `3.0` (absent or `null`: none).
pub fn opt_i32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
    Option::<Number>::deserialize(d)?
        .map(|n| {
            let i = whole(n)?;
            i32::try_from(i).map_err(|_| D::Error::custom(format!("{i} is out of range")))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        #[serde(deserialize_with = "int")]
        a: i64,
        #[serde(default, deserialize_with = "opt_i32")]
        b: Option<i32>,
    }

    #[test]
    fn whole_numbers_in_either_spelling() {
        let t: T = serde_json::from_str(r#"{"a": 3.0, "b": 4}"#).unwrap();
        assert_eq!((t.a, t.b), (3, Some(4)));
        let t: T = serde_json::from_str(r#"{"a": -2}"#).unwrap();
        assert_eq!((t.a, t.b), (-2, None));
        assert!(serde_json::from_str::<T>(r#"{"a": 3.5}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"a": 1, "b": 3e10}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"a": "3"}"#).is_err());
    }
}

//! PATCH bodies tell "leave alone" (field absent) from "clear" (`null`).

use serde::{Deserialize, Deserializer};

/// With `#[serde(default, deserialize_with = "nullable")]` on an
/// `Option<Option<T>>`: absent → `None`, `null` → `Some(None)`.
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

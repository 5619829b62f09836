//! Reading a JSON array record by record, so that one record the model cannot read is kept
//! aside instead of failing the others.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::page::{Page, UnreadableRecord};

/// A list nested in an answer (`{"answers": [...]}`, a bare array) read record by record: the
/// records that match `T`, and the ones that do not, kept with their position, raw JSON and
/// reason. A `null` or missing list reads as empty.
///
/// For the lists the `data` envelope carries, [`Page`] does this already; `RecordList` is the
/// same rule for a list under another name, and [`into_page`](Self::into_page) makes it one.
///
/// ```
/// use cstar_core::RecordList;
///
/// #[derive(serde::Deserialize)]
/// struct Row { id: u32 }
///
/// let rows: RecordList<Row> = serde_json::from_str(r#"[{"id":1},{"id":"two"},{"id":3}]"#)?;
/// let page = rows.into_page();
/// assert_eq!(page.data.len(), 2);
/// assert_eq!(page.unreadable[0].position, 1);
/// assert_eq!(page.unreadable[0].path, "[1].id");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RecordList<T> {
    /// The records that match the model, in order.
    pub readable: Vec<T>,
    /// The records that do not, in order.
    pub unreadable: Vec<UnreadableRecord>,
}

impl<T> Default for RecordList<T> {
    fn default() -> Self {
        Self {
            readable: Vec::new(),
            unreadable: Vec::new(),
        }
    }
}

impl<T> RecordList<T> {
    /// One page holding every record: no pagination, no page after it.
    pub fn into_page(self) -> Page<T> {
        Page {
            data: self.readable,
            unreadable: self.unreadable,
            pagination: None,
            has_more: false,
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for RecordList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values = Option::<Vec<Value>>::deserialize(deserializer)?.unwrap_or_default();
        Ok(read_records(values, "", None))
    }
}

/// Decodes each of `values` on its own; an unreadable one's path is `{prefix}[i].field`.
pub(crate) fn read_records<T: DeserializeOwned>(
    values: Vec<Value>,
    prefix: &str,
    request_id: Option<&str>,
) -> RecordList<T> {
    let mut list = RecordList {
        readable: Vec::with_capacity(values.len()),
        unreadable: Vec::new(),
    };
    for (position, raw) in values.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, T>(&raw) {
            Ok(item) => list.readable.push(item),
            Err(error) => {
                let inner = error.path().to_string();
                let path = if inner == "." {
                    format!("{prefix}[{position}]")
                } else {
                    format!("{prefix}[{position}].{inner}")
                };
                list.unreadable.push(UnreadableRecord {
                    position,
                    path,
                    message: error.into_inner().to_string(),
                    request_id: request_id.map(str::to_owned),
                    raw,
                });
            }
        }
    }
    list
}

//! A workbook's whole content as one value: what `export-json` writes and `import-json` reads.
//!
//! The JSON form is versioned (`format`, `version`) and holds every row of every kind with its
//! id and timestamps, in a fixed order, so export → import → export gives identical bytes. It
//! does not hold the change log. See docs/json-format.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::*;
use crate::store::Reader;
use crate::store::rows::{self, RowObject};

/// The `format` value of every Planbook JSON file.
pub const JSON_FORMAT: &str = "planbook-workbook";
/// The version of the JSON form this build writes and reads.
pub const JSON_VERSION: i64 = 1;

/// Writes [`Content`] from the kinds' declarations: one list per kind (the plan is one row),
/// named as the JSON form names it, in dependency order.
macro_rules! content {
    ($plan_ty:ident $plan:ident, $($ty:ident $list:ident),*) => {
        /// Every row of a workbook.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
        #[serde(deny_unknown_fields)]
        pub struct Content {
            pub format: String,
            pub version: i64,
            pub $plan: $plan_ty,
            $(
                #[serde(default)]
                pub $list: Vec<$ty>,
            )*
        }

        impl Content {
            /// Calls `each` with every kind's rows, in dependency order.
            pub fn each_kind(&self, each: &mut impl EachKind) -> Result<()> {
                each.rows(std::slice::from_ref(&self.$plan))?;
                $( each.rows(&self.$list)?; )*
                Ok(())
            }

            /// The first row of the JSON form `value` holding a value its kind cannot take,
            /// as an error naming the row and the field.
            fn bad_row_in(value: &serde_json::Value) -> Option<Error> {
                let of = |list: &str| -> Vec<RowObject> {
                    match value.get(list) {
                        Some(serde_json::Value::Object(row)) => vec![row.clone()],
                        Some(serde_json::Value::Array(rows)) => rows
                            .iter()
                            .filter_map(|r| r.as_object().cloned())
                            .collect(),
                        _ => Vec::new(),
                    }
                };
                of(stringify!($plan))
                    .into_iter()
                    .find_map(|row| rows::from_object::<$plan_ty>(row).err())
                $( .or_else(|| of(stringify!($list))
                    .into_iter()
                    .find_map(|row| rows::from_object::<$ty>(row).err())) )*
            }

            /// A content with `plan` and every other kind's rows from `source`.
            pub fn from_kinds(
                format: String,
                version: i64,
                plan: $plan_ty,
                source: &mut impl KindSource,
            ) -> Result<Content> {
                Ok(Content {
                    format,
                    version,
                    $plan: plan,
                    $( $list: source.rows()?, )*
                })
            }
        }
    };
}

crate::model::each_kind!(content);

/// Something done with the rows of each kind in turn (see [`Content::each_kind`]).
pub trait EachKind {
    fn rows<T: Entity>(&mut self, rows: &[T]) -> Result<()>;
}

/// Where the rows of each kind come from (see [`Content::from_kinds`]).
pub trait KindSource {
    fn rows<T: Entity>(&mut self) -> Result<Vec<T>>;
}

impl Content {
    /// Reads every row.
    pub fn read(reader: Reader<'_>) -> Result<Content> {
        let mut plans = reader.list::<Plan>()?;
        let plan = match (plans.pop(), plans.is_empty()) {
            (Some(plan), true) => plan,
            _ => {
                return Err(Error::Damaged("it does not hold exactly one plan".into()));
            }
        };
        struct Table<'c>(Reader<'c>);
        impl KindSource for Table<'_> {
            fn rows<T: Entity>(&mut self) -> Result<Vec<T>> {
                self.0.list()
            }
        }
        Content::from_kinds(JSON_FORMAT.into(), JSON_VERSION, plan, &mut Table(reader))
    }

    pub(crate) fn check_header(&self) -> Result<()> {
        if self.format != JSON_FORMAT {
            return Err(Error::Json(format!(
                "its “format” is “{}”, not “{JSON_FORMAT}”",
                self.format
            )));
        }
        if self.version > JSON_VERSION {
            return Err(Error::Json(format!(
                "it is version {} of the JSON form, made by a newer Planbook; this one reads version {JSON_VERSION}",
                self.version
            )));
        }
        Ok(())
    }

    /// The JSON text: pretty-printed, with a final newline.
    pub fn to_json(&self) -> Result<String> {
        let mut text =
            serde_json::to_string_pretty(self).map_err(|e| Error::Json(e.to_string()))?;
        text.push('\n');
        Ok(text)
    }

    pub fn from_json(text: &str) -> Result<Content> {
        let content: Content = serde_json::from_str(text).map_err(|e| {
            // serde's words name neither the row nor the field; a row's own check does.
            let named = serde_json::from_str(text)
                .ok()
                .and_then(|value| Content::bad_row_in(&value));
            Error::Json(named.map_or_else(|| e.to_string(), |bad| bad.to_string()))
        })?;
        content.check_header()?;
        Ok(content)
    }
}

//! A workbook's whole content as one value: what `export-json` writes and `import-json` reads.
//!
//! The JSON form is versioned (`format`, `version`) and holds every row of every kind with its
//! id and timestamps, in a fixed order, so export → import → export gives identical bytes. It
//! does not hold the change log. See docs/json-format.md.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::*;
use crate::store::rows;

/// The `format` value of every Planbook JSON file.
pub const JSON_FORMAT: &str = "planbook-workbook";
/// The version of the JSON form this build writes and reads.
pub const JSON_VERSION: i64 = 1;

/// Every row of a workbook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub format: String,
    pub version: i64,
    pub plan: Plan,
    #[serde(default)]
    pub aims: Vec<Aim>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub priorities: Vec<Priority>,
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub readings: Vec<Reading>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub glossary: Vec<GlossaryTerm>,
    #[serde(default)]
    pub engagements: Vec<Engagement>,
    #[serde(default)]
    pub priority_aims: Vec<PriorityAim>,
    #[serde(default)]
    pub priority_outcomes: Vec<PriorityOutcome>,
    #[serde(default)]
    pub action_priorities: Vec<ActionPriority>,
    #[serde(default)]
    pub action_outcomes: Vec<ActionOutcome>,
    #[serde(default)]
    pub action_partners: Vec<ActionPartner>,
}

impl Content {
    /// Reads every row.
    pub fn read(conn: &Connection) -> Result<Content> {
        let mut plans = rows::list::<Plan>(conn)?;
        let plan = match (plans.pop(), plans.is_empty()) {
            (Some(plan), true) => plan,
            _ => {
                return Err(Error::Invalid(
                    "a workbook must hold exactly one plan".into(),
                ));
            }
        };
        Ok(Content {
            format: JSON_FORMAT.into(),
            version: JSON_VERSION,
            plan,
            aims: rows::list(conn)?,
            sections: rows::list(conn)?,
            priorities: rows::list(conn)?,
            outcomes: rows::list(conn)?,
            measures: rows::list(conn)?,
            readings: rows::list(conn)?,
            partners: rows::list(conn)?,
            actions: rows::list(conn)?,
            milestones: rows::list(conn)?,
            glossary: rows::list(conn)?,
            engagements: rows::list(conn)?,
            priority_aims: rows::list(conn)?,
            priority_outcomes: rows::list(conn)?,
            action_priorities: rows::list(conn)?,
            action_outcomes: rows::list(conn)?,
            action_partners: rows::list(conn)?,
        })
    }

    /// Writes every row into an empty workbook, as it is (ids and timestamps kept), without
    /// change-log entries: the content becomes the workbook's starting point.
    pub(crate) fn write(&self, conn: &Connection) -> Result<()> {
        self.check_header()?;
        fn all<T: Entity>(conn: &Connection, rows_of_kind: &[T]) -> Result<()> {
            for row in rows_of_kind {
                crate::validate::row(conn, row)?;
                rows::insert_object(conn, T::KIND, &rows::to_object(row)?).map_err(|e| {
                    Error::Invalid(format!(
                        "the {} with id {} could not be stored: {e}",
                        T::KIND,
                        row.id()
                    ))
                })?;
            }
            Ok(())
        }
        all(conn, std::slice::from_ref(&self.plan))?;
        all(conn, &self.aims)?;
        all(conn, &self.sections)?;
        all(conn, &self.priorities)?;
        all(conn, &self.outcomes)?;
        all(conn, &self.measures)?;
        all(conn, &self.readings)?;
        all(conn, &self.partners)?;
        all(conn, &self.actions)?;
        all(conn, &self.milestones)?;
        all(conn, &self.glossary)?;
        all(conn, &self.engagements)?;
        all(conn, &self.priority_aims)?;
        all(conn, &self.priority_outcomes)?;
        all(conn, &self.action_priorities)?;
        all(conn, &self.action_outcomes)?;
        all(conn, &self.action_partners)?;
        Ok(())
    }

    fn check_header(&self) -> Result<()> {
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
        let content: Content =
            serde_json::from_str(text).map_err(|e| Error::Json(e.to_string()))?;
        content.check_header()?;
        Ok(content)
    }
}

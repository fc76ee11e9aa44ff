//! What a kind's declaration says about each field, and the macro that turns the declarations
//! in `kinds.rs` into everything else: the structs, `Kind`, the field constants, the column
//! lists and `with_kind!`. Each kind is declared once, so no list of kinds or of a kind's
//! fields is kept by hand anywhere else.

use serde_json::Value;

use super::{Kind, OnDelete};

/// What a field holds, which decides how it is stored, compared, searched and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A line of text a planner writes (a title, a code).
    ShortText,
    /// Paragraphs a planner writes.
    LongText,
    /// A short code that is not prose (a language tag): not searched, and in a merge
    /// settled by taking one side.
    Tag,
    /// A calendar date, or none.
    Date,
    /// A number that may have a fraction, or none.
    Number,
    /// A whole number, or none.
    Whole,
    /// One of a closed set of values: each value's stored word and its label.
    Closed(&'static [(&'static str, &'static str)]),
    /// The id of a row of another kind, and what deleting that row does to this one.
    Ref {
        to: Kind,
        on_delete: OnDelete,
        optional: bool,
    },
    /// The row's place in its list (1 is first), numbered within the rows that share the
    /// `within` field's value, or across the whole kind.
    Position { within: Option<&'static str> },
}

/// One declared field of one kind. The constants in `model::fields` are these, so code that
/// names a field is checked by the compiler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub kind: Kind,
    /// The column name, which is also the serde (JSON) name.
    pub name: &'static str,
    /// The field in a planner's words ("Due date").
    pub label: &'static str,
    pub ty: FieldType,
    /// The longest text, in characters, that the layouts (the app's cards, the plan
    /// document's tables) are built for: `short` text has [`SHORT_TEXT_MAX`] unless its
    /// declaration says `short(N)`. Other types have none.
    pub max_chars: Option<usize>,
}

/// How long a line of text may be unless its declaration says otherwise: room for a long
/// title on two lines of a card or a table cell.
pub const SHORT_TEXT_MAX: usize = 160;

impl Field {
    /// Whether two stored values of this field are the same value: numbers compare as
    /// numbers (3 is 3.0) and dates as dates, so an edit that would store what is already
    /// there is recognised as no edit.
    pub fn same(&self, a: &Value, b: &Value) -> bool {
        same_value(Some(self.ty), a, b)
    }

    /// Whether a planner may type a value of their own for this field in a merge.
    pub fn is_free_text(&self) -> bool {
        matches!(self.ty, FieldType::ShortText | FieldType::LongText)
    }

    /// The label of a closed-set field's stored word.
    pub fn word_label(&self, word: &str) -> Option<&'static str> {
        match self.ty {
            FieldType::Closed(words) => words.iter().find(|(w, _)| *w == word).map(|(_, l)| *l),
            _ => None,
        }
    }
}

/// Two values compared as values of a field of type `ty` (or exactly, for a field not
/// declared, such as the bookkeeping columns).
pub fn same_value(ty: Option<FieldType>, a: &Value, b: &Value) -> bool {
    match (ty, a, b) {
        (
            Some(FieldType::Number | FieldType::Whole | FieldType::Position { .. }),
            Value::Number(x),
            Value::Number(y),
        ) => x.as_f64() == y.as_f64(),
        (Some(FieldType::Date), Value::String(x), Value::String(y)) => {
            let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            match (date(x), date(y)) {
                (Some(x), Some(y)) => x == y,
                _ => x == y,
            }
        }
        _ => a == b,
    }
}

/// Declares every kind of row. See `kinds.rs` for the declarations and the shape of one.
///
/// The first token is a `$` passed in, so that the macros this one writes (`with_kind!`,
/// `each_kind!`) can have metavariables of their own.
macro_rules! declare_kinds {
    // The Rust type of each field type.
    (@rust short $(($n:literal))?) => { String };
    (@rust long) => { String };
    (@rust tag) => { String };
    (@rust date) => { Option<chrono::NaiveDate> };
    (@rust number) => { Option<f64> };
    (@rust whole) => { Option<i64> };
    (@rust closed($t:ident)) => { $crate::model::$t };
    (@rust refers($($a:tt)*)) => { $crate::model::Id };
    (@rust maybe($($a:tt)*)) => { Option<$crate::model::Id> };
    (@rust position $(($($a:tt)*))?) => { i64 };

    // The declared type of each field type.
    (@ty short $(($n:literal))?) => { $crate::model::FieldType::ShortText };
    (@ty long) => { $crate::model::FieldType::LongText };
    (@ty tag) => { $crate::model::FieldType::Tag };
    (@ty date) => { $crate::model::FieldType::Date };
    (@ty number) => { $crate::model::FieldType::Number };
    (@ty whole) => { $crate::model::FieldType::Whole };
    (@ty closed($t:ident)) => {
        $crate::model::FieldType::Closed(<$crate::model::$t as $crate::model::ClosedSet>::WORDS)
    };
    (@ty refers($to:ident, $on:ident)) => {
        $crate::model::FieldType::Ref {
            to: $crate::model::Kind::$to,
            on_delete: $crate::model::OnDelete::$on,
            optional: false,
        }
    };
    (@ty maybe($to:ident, $on:ident)) => {
        $crate::model::FieldType::Ref {
            to: $crate::model::Kind::$to,
            on_delete: $crate::model::OnDelete::$on,
            optional: true,
        }
    };
    (@ty position) => { $crate::model::FieldType::Position { within: None } };
    (@ty position($within:ident)) => {
        $crate::model::FieldType::Position { within: Some(stringify!($within)) }
    };

    // The longest text each field type takes (see `Field::max_chars`).
    (@max short) => { Some($crate::model::SHORT_TEXT_MAX) };
    (@max short($n:literal)) => { Some($n) };
    (@max $($other:tt)*) => { None };

    // A position numbered within another field: that field must be declared on the kind.
    (@check position($within:ident)) => { const _: $crate::model::Field = $within; };
    (@check $($other:tt)*) => {};

    (@is_link) => { false };
    (@is_link link) => { true };

    // One kind's struct and its `Entity` impl.
    (@struct $(#[$m:meta])* $ty:ident {
        $( $(#[$fm:meta])* $field:ident : $fty:ident $(($($farg:tt)*))? $flabel:literal ),* $(,)?
    }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
        #[serde(default, deny_unknown_fields)]
        pub struct $ty {
            pub id: Id,
            $( $(#[$fm])* pub $field: declare_kinds!(@rust $fty $(($($farg)*))?), )*
            pub created_at: Timestamp,
            pub updated_at: Timestamp,
        }

        impl Entity for $ty {
            const KIND: Kind = Kind::$ty;
            fn id(&self) -> &Id {
                &self.id
            }
            fn stamps_mut(&mut self) -> (&mut Id, &mut Timestamp, &mut Timestamp) {
                (&mut self.id, &mut self.created_at, &mut self.updated_at)
            }
        }
    };

    // One kind's field constants, its field list and its column list.
    (@fields $ty:ident $table:ident {
        $( $(#[$fm:meta])* $field:ident : $fty:ident $(($($farg:tt)*))? $flabel:literal ),* $(,)?
    }) => {
        #[allow(non_upper_case_globals)]
        pub mod $table {
            use $crate::model::{Field, Kind};
            $(
                $(#[$fm])*
                pub const $field: Field = Field {
                    kind: Kind::$ty,
                    name: stringify!($field),
                    label: $flabel,
                    ty: declare_kinds!(@ty $fty $(($($farg)*))?),
                    max_chars: declare_kinds!(@max $fty $(($($farg)*))?),
                };
                declare_kinds!(@check $fty $(($($farg)*))?);
            )*
            /// Every declared field, in column order (without the id and timestamps).
            pub const ALL: &[Field] = &[$($field),*];
            /// Every column, in order.
            pub const COLUMNS: &[&str] =
                &["id", $(stringify!($field),)* "created_at", "updated_at"];
        }
    };

    (
        ($d:tt)
        $(
            $(#[$m:meta])* $(@$flag:ident)? $ty:ident = $table:ident $label:literal,
            json $json:ident, order $order:literal $(, named $($part:ident)+)?
            { $($fields:tt)* }
        )*
    ) => {
        $( declare_kinds!(@struct $(#[$m])* $ty { $($fields)* }); )*

        /// Every kind's fields, by table: `fields::action::due_date`.
        pub mod fields {
            $( declare_kinds!(@fields $ty $table { $($fields)* }); )*
        }

        /// Every kind of row a workbook holds.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum Kind {
            $($ty),*
        }

        impl Kind {
            /// In dependency order: a kind only refers to kinds before it.
            pub const ALL: &'static [Kind] = &[$(Kind::$ty),*];

            /// The table name, which is also the kind's name in the change log and in JSON.
            pub fn table(self) -> &'static str {
                match self { $(Kind::$ty => stringify!($table)),* }
            }

            /// The kind in plain words, for messages.
            pub fn label(self) -> &'static str {
                match self { $(Kind::$ty => $label),* }
            }

            /// The name of the kind's list in the JSON form ("priorities"), which is also its
            /// plural in words.
            pub fn list_name(self) -> &'static str {
                match self { $(Kind::$ty => stringify!($json)),* }
            }

            /// The declared fields, in column order (without the id and timestamps).
            pub fn fields(self) -> &'static [Field] {
                match self { $(Kind::$ty => fields::$table::ALL),* }
            }

            /// Every column of the kind's table, in order.
            pub fn columns(self) -> &'static [&'static str] {
                match self { $(Kind::$ty => fields::$table::COLUMNS),* }
            }

            /// The SQL ordering of rows of this kind in lists and exports; it always ends with
            /// the id, so the order is total and every export of the same content is the same.
            pub fn order_by(self) -> &'static str {
                match self { $(Kind::$ty => $order),* }
            }

            /// The fields that name a row for people: a code (if any), then its main text.
            pub fn name_fields(self) -> &'static [Field] {
                match self { $(Kind::$ty => &[$($(fields::$table::$part),+)?]),* }
            }

            /// Whether rows of this kind are links joining two other rows.
            pub fn is_link(self) -> bool {
                match self { $(Kind::$ty => declare_kinds!(@is_link $($flag)?)),* }
            }

            /// The name of the kind's list in the JSON form, which is also the field of
            /// `Content` holding its rows (`plan` for the one plan).
            pub fn json_name(self) -> &'static str {
                match self { $(Kind::$ty => stringify!($json)),* }
            }
        }

        /// A whole row of any kind, as an edit left it: what an edit reports it changed
        /// (`store::Changes`). In JSON and TypeScript `{ kind: "action", row: {…} }`.
        #[derive(Debug, Clone, PartialEq, Serialize, TS)]
        #[serde(tag = "kind", content = "row", rename_all = "snake_case")]
        pub enum ChangedRow {
            $($ty($ty)),*
        }

        impl ChangedRow {
            pub fn kind(&self) -> Kind {
                match self { $(ChangedRow::$ty(_) => Kind::$ty),* }
            }

            pub fn id(&self) -> &Id {
                match self { $(ChangedRow::$ty(row) => &row.id),* }
            }
        }

        $(
            impl From<$ty> for ChangedRow {
                fn from(row: $ty) -> ChangedRow {
                    ChangedRow::$ty(row)
                }
            }
        )*

        /// Runs `$body` with `$t` bound to the struct type of a [`Kind`] known only at run
        /// time.
        macro_rules! with_kind {
            ($d k:expr, $d t:ident => $d body:expr) => {
                match $d k {
                    $($crate::model::Kind::$ty => {
                        type $d t = $crate::model::$ty;
                        $d body
                    })*
                }
            };
        }
        pub(crate) use with_kind;

        /// Calls macro `$m` with every kind's struct and its list's name in the JSON form,
        /// in dependency order: `Plan plan, Aim aims, …`.
        macro_rules! each_kind {
            ($d m:ident) => { $d m! { $($ty $json),* } };
        }
        pub(crate) use each_kind;
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fields;
    use serde_json::json;

    #[test]
    fn values_compare_as_their_field_type() {
        let baseline = fields::measure::baseline_value;
        assert!(baseline.same(&json!(3), &json!(3.0)));
        assert!(!baseline.same(&json!(3), &json!(3.5)));
        assert!(!baseline.same(&json!(0), &Value::Null));
        assert!(fields::plan::population.same(&json!(12), &json!(12.0)));
        assert!(fields::aim::position.same(&json!(1), &json!(1.0)));
        let due = fields::action::due_date;
        assert!(due.same(&json!("2026-03-31"), &json!("2026-03-31")));
        assert!(!due.same(&json!("2026-03-31"), &json!("2026-04-01")));
        assert!(!due.same(&json!("2026-03-31"), &Value::Null));
        // Text is compared as written: "3" and "3.0" are different titles.
        assert!(!fields::action::title.same(&json!("3"), &json!("3.0")));
        assert!(!fields::action::title.same(&json!(""), &Value::Null));
    }

    #[test]
    fn closed_sets_carry_their_words_and_labels() {
        assert_eq!(
            fields::partner::kind.word_label("voluntary_community"),
            Some("Voluntary and community")
        );
        assert_eq!(fields::partner::kind.word_label("unknown"), None);
        assert_eq!(fields::action::title.word_label("complete"), None);
        // The stored words are serde's words.
        for &(word, _) in <crate::model::ActionStatus as crate::model::ClosedSet>::WORDS {
            let status: crate::model::ActionStatus = serde_json::from_value(json!(word)).unwrap();
            assert_eq!(serde_json::to_value(status).unwrap(), json!(word));
        }
    }
}

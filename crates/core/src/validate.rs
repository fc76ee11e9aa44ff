//! The rules a row must keep, whoever writes it: the desktop app, the CLI or an import.

use crate::error::{Error, Result};
use crate::model::{Action, Entity, Measure, Milestone, Plan};

/// Checks one row before it is stored.
pub fn row<T: Entity>(row: &T) -> Result<()> {
    if !row.id().is_well_formed() {
        return Err(Error::Invalid(format!(
            "“{}” is not a valid id for {}",
            row.id(),
            T::KIND.a()
        )));
    }
    // The typed checks: each kind with rules of its own is looked at through its own struct.
    let any: &dyn std::any::Any = row;
    if let Some(plan) = any.downcast_ref::<Plan>() {
        return plan_rules(plan);
    }
    if let Some(action) = any.downcast_ref::<Action>() {
        return dates_in_order(
            action.start_date,
            action.due_date,
            "An action's due date",
            "its start date",
        );
    }
    if let Some(measure) = any.downcast_ref::<Measure>() {
        return dates_in_order(
            measure.baseline_date,
            measure.target_date,
            "A measure's target date",
            "its baseline date",
        );
    }
    if let Some(milestone) = any.downcast_ref::<Milestone>() {
        return non_empty(&milestone.title, "A milestone needs a title");
    }
    if let Some((a, b)) = T::KIND.link_columns() {
        let obj = crate::store::rows::to_object(row)?;
        let named = |f: crate::model::Field| {
            obj.get(f.name)
                .and_then(|v| v.as_str())
                .is_some_and(|s| !s.is_empty())
        };
        if !named(a) || !named(b) {
            return Err(Error::Invalid(format!(
                "{} must name both items it links",
                T::KIND.a()
            )));
        }
    }
    Ok(())
}

fn plan_rules(plan: &Plan) -> Result<()> {
    non_empty(&plan.title, "The plan needs a title")?;
    if plan.population.is_some_and(|p| p < 0) {
        return Err(Error::Invalid("The population cannot be negative".into()));
    }
    dates_in_order(
        plan.period_start,
        plan.period_end,
        "The plan period's end",
        "its start",
    )
}

fn non_empty(text: &str, message: &str) -> Result<()> {
    if text.trim().is_empty() {
        Err(Error::Invalid(message.into()))
    } else {
        Ok(())
    }
}

fn dates_in_order(
    first: Option<chrono::NaiveDate>,
    second: Option<chrono::NaiveDate>,
    second_name: &str,
    first_name: &str,
) -> Result<()> {
    match (first, second) {
        (Some(a), Some(b)) if b < a => Err(Error::Invalid(format!(
            "{second_name} ({}) is before {first_name} ({})",
            b.format("%-d %B %Y"),
            a.format("%-d %B %Y")
        ))),
        _ => Ok(()),
    }
}

//! `rapport check`: every problem with the workbook and the journal, changing nothing.

use std::io::Write;

use rapport_core::service::model::Model;
use rapport_core::storage::layout::DataDir;

use super::CliError;

pub(super) fn check(data_dir: &DataDir, out: &mut dyn Write) -> Result<bool, CliError> {
    let model = Model::open(data_dir.clone())?;
    if let Ok(Some(protection)) = rapport_core::storage::protection::Protection::read(data_dir)
        && protection.state != rapport_core::storage::protection::ProtectionState::Protected
    {
        writeln!(
            out,
            "note: changing the passphrase protection was interrupted; it is finished the next time the journal is unlocked. Every file is whole and readable meanwhile."
        )?;
    }
    let (workbook, journal) = (model.workbook(), model.journal());
    let problems = model.problems();
    for problem in problems {
        writeln!(out, "problem: {problem}")?;
    }
    let registers = rapport_core::facilitator::register::ids(data_dir).len();
    let registers = match registers {
        0 => String::new(),
        1 => ", 1 group register".to_owned(),
        n => format!(", {n} group registers"),
    };
    let summary = format!(
        "Checked {} worksheets, {} programmes and {} entries{registers} in {}",
        workbook.worksheets().count(),
        workbook.programmes().count(),
        journal.len() + journal.problems().len(),
        data_dir.root().display()
    );
    if problems.is_empty() {
        writeln!(out, "{summary}: no problems.")?;
    } else {
        writeln!(out, "{summary}: {} problem(s).", problems.len())?;
    }
    Ok(problems.is_empty())
}

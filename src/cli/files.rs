//! Backups, restores, exports, imports and demo data.

use std::io::Write;
use std::path::Path;

use rapport_core::service::model::Model;

use super::library::find;
use super::{CliError, Context, ExportFormat};

/// `rapport backup`.
pub(super) fn backup(cx: &Context<'_>, out: &mut dyn Write) -> Result<bool, CliError> {
    let data_dir = cx.data_dir;
    let model = Model::open(data_dir.clone())?;
    let path = model
        .back_up_now()
        .map_err(|error| CliError::new(error.to_string()))?;
    writeln!(out, "{}", path.display())?;
    Ok(true)
}

/// `rapport backups`.
pub(super) fn backups(cx: &Context<'_>, out: &mut dyn Write) -> Result<bool, CliError> {
    let data_dir = cx.data_dir;
    let backups = rapport_core::storage::archive::backups(data_dir);
    if backups.is_empty() {
        writeln!(out, "No backups yet. `rapport backup` makes one.")?;
    }
    for path in backups {
        writeln!(out, "{}", path.display())?;
    }
    Ok(true)
}

/// `rapport restore`.
pub(super) fn restore(
    cx: &Context<'_>,
    backup: &Path,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let data_dir = cx.data_dir;
    let mut model = Model::open(data_dir.clone())?;
    let aside = model
        .restore_backup(backup)
        .map_err(|error| CliError::new(error.to_string()))?;
    writeln!(
        out,
        "Restored {}. The journal as it was is kept in {}",
        backup.display(),
        aside.display()
    )?;
    Ok(true)
}

/// `rapport export`.
pub(super) fn export(
    cx: &Context<'_>,
    format: ExportFormat,
    worksheet: Option<&str>,
    path: &Path,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let (data_dir, workbook) = (cx.data_dir, cx.workbook);
    if let Some(id) = &worksheet {
        find(workbook, id)?;
    }
    let model = Model::open(data_dir.clone())?;
    let exported = model
        .export(format.into(), worksheet, path)
        .map_err(|error| CliError::new(error.to_string()))?;
    writeln!(
        out,
        "{} entries written to {}",
        exported.entries,
        exported.path.display()
    )?;
    Ok(true)
}

/// `rapport import`.
pub(super) fn import(cx: &Context<'_>, file: &Path, out: &mut dyn Write) -> Result<bool, CliError> {
    let data_dir = cx.data_dir;
    let mut model = Model::open(data_dir.clone())?;
    let imported = model
        .import_archive(file)
        .map_err(|error| CliError::new(error.to_string()))?;
    writeln!(
        out,
        "{} added, {} already there, {} added under a new id because theirs was taken",
        imported.added, imported.duplicates, imported.renamed
    )?;
    Ok(true)
}

/// `rapport demo-data`.
pub(super) fn demo_data(
    cx: &Context<'_>,
    years: u32,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let data_dir = cx.data_dir;
    let mut model = Model::open(data_dir.clone())?;
    let written = model.add_demo_entries(years)?;
    writeln!(
        out,
        "Wrote {written} made-up entries covering {years} years to {}",
        data_dir.journal().display()
    )?;
    Ok(true)
}

//! Exporting the journal: one typed format, one pipeline, for the app and the command line.

use std::path::{Path, PathBuf};

use crate::content::entry::Entry;
use crate::service::model::Model;
use crate::storage::archive::{self, ArchiveError};
use crate::storage::export;
use crate::time::LocalTime;

/// The formats the journal can be exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values: one row per entry, one column per field.
    Csv,
    /// Markdown: readable and printable.
    Markdown,
    /// A RON archive, which import reads back.
    Archive,
}

impl ExportFormat {
    /// Every format, in the order they are offered.
    pub const ALL: [ExportFormat; 3] = [
        ExportFormat::Csv,
        ExportFormat::Markdown,
        ExportFormat::Archive,
    ];

    /// The file name extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Markdown => "md",
            ExportFormat::Archive => "ron",
        }
    }

    /// The format's name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Markdown => "Markdown",
            ExportFormat::Archive => "archive",
        }
    }
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// How many entries.
    pub entries: usize,
    /// The file written.
    pub path: PathBuf,
}

impl Exported {
    /// "12 entries exported to PATH".
    #[must_use]
    pub fn describe(&self) -> String {
        let count = match self.entries {
            1 => "1 entry".to_owned(),
            n => format!("{n} entries"),
        };
        format!("{count} exported to {}", self.path.display())
    }
}

impl Model {
    /// Where an export of the whole journal goes unless the person picks a place:
    /// `exports/journal-DATE.EXT`.
    #[must_use]
    pub fn default_export_path(&self, format: ExportFormat, today: LocalTime) -> PathBuf {
        self.data_dir()
            .export_file(&format!("journal-{}.{}", today.date(), format.extension()))
    }

    /// Exports the journal (or one worksheet's entries), oldest first, to `path`.
    pub fn export(
        &self,
        format: ExportFormat,
        worksheet: Option<&str>,
        path: &Path,
    ) -> Result<Exported, ArchiveError> {
        if self.data_dir().holds_private(path) {
            return Err(ArchiveError::Invalid(format!(
                "An export cannot go among your entries, their versions, drafts or backups: Rapport keeps those folders for its own files. Choose a place outside them. Path: {}",
                path.display()
            )));
        }
        let mut entries: Vec<&Entry> = self
            .journal()
            .entries()
            .filter(|entry| worksheet.is_none_or(|id| entry.worksheet == id))
            .collect();
        entries.sort_by_key(|entry| entry.created);
        let workbook = self.workbook();
        // Streamed to the file: memory stays that of the journal, however big the export.
        export::write_streamed(path, |out| match format {
            ExportFormat::Csv => export::write_csv(out, workbook, &entries, worksheet),
            ExportFormat::Markdown => export::write_markdown(out, workbook, &entries),
            ExportFormat::Archive => {
                archive::write_archive(out, entries.iter().copied(), &[], LocalTime::now())
            }
        })?;
        Ok(Exported {
            entries: entries.len(),
            path: path.to_path_buf(),
        })
    }
}

//! The model the app and the command line act on: the workbook and the journal of one data
//! folder, behind a small API of user actions. It knows nothing about the GUI.

use crate::chart::ProgressChart;
use crate::data_dir::DataDir;
use crate::entry::{Answers, check_answers};
use crate::journal::{Journal, JournalError};
use crate::problem::Problem;
use crate::progress;
use crate::workbook::Workbook;

/// The workbook and journal of one data folder.
#[derive(Debug)]
pub struct Model {
    workbook: Workbook,
    journal: Journal,
    /// Derived from the two above; recomputed after every change so reading it is free.
    problems: Vec<Problem>,
}

impl Model {
    /// Loads the workbook (bundled plus the user's worksheets) and the journal of `data_dir`.
    pub fn open(data_dir: DataDir) -> Result<Self, JournalError> {
        let workbook = Workbook::load(Some(&data_dir));
        let journal = Journal::open(data_dir)?;
        let mut model = Self {
            workbook,
            journal,
            problems: Vec::new(),
        };
        model.problems = model.find_problems();
        Ok(model)
    }

    /// The worksheets.
    #[must_use]
    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    /// The entries.
    #[must_use]
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The data folder.
    #[must_use]
    pub fn data_dir(&self) -> &DataDir {
        self.journal.data_dir()
    }

    /// Saves a new entry for the worksheet `worksheet_id`; returns the new entry's id.
    pub fn save_new(
        &mut self,
        worksheet_id: &str,
        answers: Answers,
    ) -> Result<String, JournalError> {
        let worksheet = self.worksheet(worksheet_id)?;
        let id = self.journal.add(&worksheet, answers)?.id.clone();
        self.problems = self.find_problems();
        Ok(id)
    }

    /// Saves new answers for the entry `entry_id`, keeping its previous version.
    pub fn save_edit(&mut self, entry_id: &str, answers: Answers) -> Result<(), JournalError> {
        let worksheet_id = self
            .journal
            .get(entry_id)
            .ok_or_else(|| JournalError::NotFound(entry_id.to_owned()))?
            .worksheet
            .clone();
        let worksheet = self.worksheet(&worksheet_id)?;
        self.journal.update(entry_id, &worksheet, answers)?;
        self.problems = self.find_problems();
        Ok(())
    }

    /// Moves the entry to the trash.
    pub fn delete(&mut self, entry_id: &str) -> Result<(), JournalError> {
        self.journal.delete(entry_id)?;
        self.problems = self.find_problems();
        Ok(())
    }

    /// Brings the entry back from the trash.
    pub fn restore(&mut self, entry_id: &str) -> Result<(), JournalError> {
        self.journal.restore(entry_id)?;
        self.problems = self.find_problems();
        Ok(())
    }

    /// The progress chart of a worksheet, or `None` if there is no such worksheet.
    #[must_use]
    pub fn progress_chart(&self, worksheet_id: &str) -> Option<ProgressChart> {
        let worksheet = self.workbook.get(worksheet_id)?;
        Some(ProgressChart {
            title: worksheet.title.clone(),
            series: progress::tracked_series(worksheet, self.journal.entries()),
        })
    }

    /// Every problem with the workbook and the journal, including entries whose answers no
    /// longer fit their worksheet.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    fn find_problems(&self) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self.workbook.problems().to_vec();
        problems.extend_from_slice(self.journal.problems());
        for entry in self.journal.entries() {
            let path = self.journal.path_of(&entry.id);
            match self.workbook.get(&entry.worksheet) {
                None => problems.push(Problem::new(
                    &path,
                    format!(
                        "This entry answers the worksheet “{}”, which is not in the workbook; it is kept but cannot be shown",
                        entry.worksheet
                    ),
                )),
                Some(worksheet) if worksheet.version == entry.worksheet_version => {
                    if let Err(error) = check_answers(worksheet, &entry.answers) {
                        problems.push(Problem::new(
                            &path,
                            format!("Some answers in this entry do not fit the worksheet: {error}"),
                        ));
                    }
                }
                // Answers to an older version of a worksheet may legitimately differ.
                Some(_) => {}
            }
        }
        problems
    }

    fn worksheet(&self, id: &str) -> Result<crate::workbook::Worksheet, JournalError> {
        self.workbook
            .get(id)
            .cloned()
            .ok_or_else(|| JournalError::Invalid(format!("there is no worksheet “{id}”")))
    }
}

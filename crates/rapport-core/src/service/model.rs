//! The model the app and the command line act on: the workbook and the journal of one data
//! folder, behind a small API of user actions. It knows nothing about the GUI.

use std::path::{Path, PathBuf};

use crate::content::entry::{Answers, check_answers};
use crate::content::workbook::Workbook;
use crate::content::worksheet::Worksheet;
use crate::insight::chart::{BeforeAfterChart, CalendarChart, TrendChart, WeeklyChart};
use crate::insight::progress;
use crate::insight::progress::TimeRange;
use crate::problem::Problem;
use crate::service::saved::{Assessment, Saved};
use crate::storage::archive::{self, ArchiveError, Imported};
use crate::storage::journal::{Journal, JournalError};
use crate::storage::layout::DataDir;
use crate::time::LocalTime;

/// The workbook and journal of one data folder.
#[derive(Debug)]
pub struct Model {
    workbook: Workbook,
    journal: Journal,
    /// Problems with the crisis contacts and settings files, read once when opened.
    file_problems: Vec<Problem>,
    /// Plain or temporary files found in a protected journal when it was opened.
    protection_problems: Vec<Problem>,
    /// Derived from the above; recomputed after every change so reading it is free.
    problems: Vec<Problem>,
    /// Whether the journal is protected and not unlocked: nothing of it was read.
    locked: bool,
}

impl Model {
    /// Loads the workbook (bundled plus the user's worksheets) and the journal of `data_dir`.
    pub fn open(data_dir: DataDir) -> Result<Self, JournalError> {
        let workbook = Workbook::load(Some(&data_dir));
        let protection_problems = unsealed_files(&data_dir);
        let journal = Journal::open(data_dir)?;
        let mut model = Self {
            workbook,
            journal,
            file_problems: Vec::new(),
            protection_problems,
            problems: Vec::new(),
            locked: false,
        };
        model.recheck_files();
        Ok(model)
    }

    /// The model with only the entries Today shows read (see
    /// [`dashboard::files_for_today`](crate::insight::dashboard::files_for_today)), to show
    /// while [`Model::open`] reads the whole journal and then takes over (see
    /// [`Model::follow`]). Nothing is saved through it (see [`Journal::open_part`]).
    pub fn open_for_today(data_dir: DataDir, now: LocalTime) -> Result<Self, JournalError> {
        let workbook = Workbook::load(Some(&data_dir));
        let journal = Journal::open_part(data_dir, |names| {
            crate::insight::dashboard::files_for_today(names, &workbook, now)
        })?;
        let mut model = Self {
            workbook,
            journal,
            file_problems: Vec::new(),
            protection_problems: Vec::new(),
            problems: Vec::new(),
            locked: false,
        };
        model.recheck_files();
        Ok(model)
    }

    /// Takes over from `earlier`, the model shown while this one was read: views cached on the
    /// earlier one's entries are drawn again from these.
    pub fn follow(&mut self, earlier: &Self) {
        self.journal.follow(&earlier.journal);
    }

    /// The model for saving a new entry without reading the journal: the workbook, and no
    /// entries. A save then writes one file, whatever is already in the journal.
    #[must_use]
    pub fn for_saving(data_dir: DataDir) -> Self {
        Self {
            workbook: Workbook::load(Some(&data_dir)),
            journal: Journal::empty(data_dir),
            file_problems: Vec::new(),
            protection_problems: Vec::new(),
            problems: Vec::new(),
            locked: false,
        }
    }

    /// The model for editing the entry `entry_id`: the workbook and that entry alone.
    pub fn for_editing(data_dir: DataDir, entry_id: &str) -> Result<Self, JournalError> {
        let mut model = Self::for_saving(data_dir);
        model.journal.load_one(entry_id)?;
        Ok(model)
    }

    /// The model of a protected journal before it is unlocked: the workbook, and no entries
    /// (none are read), so that the crisis screen works while the journal stays locked.
    #[must_use]
    pub fn locked(data_dir: DataDir) -> Self {
        Self {
            workbook: Workbook::load(Some(&data_dir)),
            journal: Journal::empty(data_dir),
            file_problems: Vec::new(),
            protection_problems: Vec::new(),
            problems: Vec::new(),
            locked: true,
        }
    }

    /// Whether this is the model of a locked journal (see [`Model::locked`]).
    #[must_use]
    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Wipes the entries' text from memory, for locking.
    pub fn wipe(&mut self) {
        self.journal.wipe();
        self.problems.clear();
    }

    /// Reads the crisis contacts, settings and register files again for the Problems list,
    /// e.g. after one was saved.
    pub fn recheck_files(&mut self) {
        let data_dir = self.journal.data_dir();
        self.file_problems = [
            crate::storage::crisis_file::load_contacts(data_dir)
                .problem()
                .cloned(),
            crate::storage::settings::load(data_dir).problem().cloned(),
        ]
        .into_iter()
        .flatten()
        .chain(crate::facilitator::register::problems_in(
            data_dir,
            &self.workbook,
        ))
        .collect();
        self.problems = self.find_problems();
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

    /// Saves a new entry for the worksheet `worksheet_id`; returns what to tell the person.
    pub fn save_new(
        &mut self,
        worksheet_id: &str,
        answers: Answers,
    ) -> Result<Saved, JournalError> {
        self.save_new_at(worksheet_id, answers, LocalTime::now())
    }

    /// Saves a new entry made at `when`; returns what to tell the person.
    pub fn save_new_at(
        &mut self,
        worksheet_id: &str,
        answers: Answers,
        when: LocalTime,
    ) -> Result<Saved, JournalError> {
        let worksheet = self.worksheet(worksheet_id)?;
        let id = self.journal.add_at(&worksheet, answers, when)?.id.clone();
        // At worst a needless reminder later: the entry itself is saved.
        let _ = crate::service::reminders::note_saved(self.data_dir(), worksheet_id, when.date());
        self.problems = self.find_problems();
        Ok(self.saved(&worksheet, id, false))
    }

    /// Saves new answers for the entry `entry_id`, keeping its previous version; returns what
    /// to tell the person, exactly as for a new entry. Refused if the entry's file changed on
    /// disk since it was read (another window or command edited it).
    pub fn save_edit(&mut self, entry_id: &str, answers: Answers) -> Result<Saved, JournalError> {
        self.save_edit_since(entry_id, answers, None)
    }

    /// As [`Model::save_edit`], for answers typed over the entry as it was when its
    /// [`fingerprint`](crate::storage::journal::fingerprint) was `base`: refused if the entry
    /// has changed since (the journal was read again meanwhile, with another writer's change).
    pub fn save_edit_since(
        &mut self,
        entry_id: &str,
        answers: Answers,
        base: Option<u64>,
    ) -> Result<Saved, JournalError> {
        let worksheet = self.worksheet_of(entry_id)?;
        if let Some(base) = base
            && self
                .journal
                .get(entry_id)
                .is_some_and(|entry| crate::storage::journal::fingerprint(entry) != base)
        {
            return Err(JournalError::ChangedElsewhere {
                path: self.journal.path_of(entry_id),
            });
        }
        self.journal.update(entry_id, &worksheet, answers)?;
        let _ = crate::service::reminders::note_saved(
            self.data_dir(),
            &worksheet.id,
            LocalTime::now().date(),
        );
        self.problems = self.find_problems();
        Ok(self.saved(&worksheet, entry_id.to_owned(), true))
    }

    /// Changes some answers of the entry `entry_id`; answers not in `changes` stay as they were.
    /// The entry is read again under the writer lock, so the changes apply to the latest
    /// version on disk and another writer's change to other answers is kept.
    pub fn edit_answers(
        &mut self,
        entry_id: &str,
        changes: Answers,
    ) -> Result<Saved, JournalError> {
        let _lock = self.journal.lock()?;
        self.journal.load_one(entry_id)?;
        let mut merged = self
            .journal
            .get(entry_id)
            .ok_or_else(|| JournalError::NotFound(entry_id.to_owned()))?
            .answers
            .clone();
        merged.extend(changes);
        self.save_edit(entry_id, merged)
    }

    /// The worksheet that entry `entry_id` answers.
    pub fn worksheet_of(&self, entry_id: &str) -> Result<Worksheet, JournalError> {
        let worksheet_id = self
            .journal
            .get(entry_id)
            .ok_or_else(|| JournalError::NotFound(entry_id.to_owned()))?
            .worksheet
            .clone();
        self.worksheet(&worksheet_id)
    }

    fn saved(&self, worksheet: &Worksheet, entry_id: String, edited: bool) -> Saved {
        let assessment = self
            .journal
            .get(&entry_id)
            .and_then(|entry| Assessment::of(worksheet, &entry.answers));
        Saved {
            path: self.journal.path_of(&entry_id),
            entry_id,
            edited,
            assessment,
        }
    }

    /// Reads the journal again if another window or program changed it since it was read or
    /// last written here. Returns whether it was read again. A locked journal is left alone.
    pub fn reload_if_changed(&mut self) -> Result<bool, JournalError> {
        if self.locked || !self.journal.changed_on_disk() {
            return Ok(false);
        }
        self.journal = self.journal.reopen()?;
        self.problems = self.find_problems();
        Ok(true)
    }

    /// Runs `change` on the journal, then brings the problems list up to date.
    pub(crate) fn with_journal<T>(&mut self, change: impl FnOnce(&mut Journal) -> T) -> T {
        let result = change(&mut self.journal);
        self.problems = self.find_problems();
        result
    }

    /// Backs up the whole journal now (today's backup is replaced). Returns its path.
    pub fn back_up_now(&self) -> Result<PathBuf, ArchiveError> {
        archive::back_up(&self.journal, LocalTime::now())
    }

    /// Today's backup if there is none yet, to make on another thread with
    /// [`archive::DailyBackup::make`]. `None` while locked: nothing of the journal is read then.
    #[must_use]
    pub fn daily_backup(&self) -> Option<archive::DailyBackup> {
        if self.locked {
            return None;
        }
        archive::DailyBackup::due(&self.journal, LocalTime::now())
    }

    /// The backups, newest first.
    #[must_use]
    pub fn backups(&self) -> Vec<PathBuf> {
        archive::backups(self.data_dir())
    }

    /// Restores a backup: the current journal is moved aside (never deleted), and the journal
    /// is read again. Returns where the old one went.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<PathBuf, ArchiveError> {
        let aside = archive::restore(self.data_dir(), backup, LocalTime::now())?;
        self.journal = Journal::open(self.data_dir().clone())?;
        self.problems = self.find_problems();
        Ok(aside)
    }

    /// Imports a RON archive, skipping entries already there.
    pub fn import_archive(&mut self, path: &Path) -> Result<Imported, ArchiveError> {
        let imported = archive::import(&mut self.journal, &self.workbook, path)?;
        self.problems = self.find_problems();
        Ok(imported)
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

    /// The trend chart of a worksheet over `range` ending `today`, or `None` if there is no
    /// such worksheet.
    #[must_use]
    pub fn trend_chart(
        &self,
        worksheet_id: &str,
        range: TimeRange,
        today: LocalTime,
    ) -> Option<TrendChart> {
        let worksheet = self.workbook.get(worksheet_id)?;
        let series = progress::tracked_series(worksheet, self.journal.entries());
        let series = progress::within(&series, range.start_day(progress::wall_clock_day(today)));
        let mut chart = TrendChart::new(worksheet.title.clone(), series);
        // The worksheet's colour, as in "Entries per week".
        chart.first_slot = self.colour_slot(&worksheet.id).unwrap_or(0);
        if range != TimeRange::All {
            chart.empty_message = format!(
                "No ratings in the last {}. Choose a longer range, or save an entry.",
                range.label().to_lowercase()
            );
        }
        Some(chart)
    }

    /// The before-and-after charts of a worksheet (one per pair of ratings), over `range`.
    #[must_use]
    pub fn before_after_charts(
        &self,
        worksheet_id: &str,
        range: TimeRange,
        today: LocalTime,
    ) -> Vec<BeforeAfterChart> {
        let Some(worksheet) = self.workbook.get(worksheet_id) else {
            return Vec::new();
        };
        let start = range.start_day(progress::wall_clock_day(today));
        progress::before_after(worksheet, self.journal.entries(), start)
            .into_iter()
            .map(|data| BeforeAfterChart {
                title: format!("{}: before and after", data.label),
                data,
            })
            .collect()
    }

    /// Entries per week over `range` (two years at most for "all"), by worksheet.
    #[must_use]
    pub fn weekly_chart_for(&self, today: LocalTime, range: TimeRange) -> WeeklyChart {
        self.weekly_chart_choosing(today, range, &[])
    }

    /// Entries per week over `range`, showing the worksheets `chosen` (the most used if none).
    #[must_use]
    pub fn weekly_chart_choosing(
        &self,
        today: LocalTime,
        range: TimeRange,
        chosen: &[String],
    ) -> WeeklyChart {
        let weeks = match range {
            TimeRange::FourWeeks => 4,
            TimeRange::ThreeMonths => 13,
            TimeRange::Year => 52,
            TimeRange::All => 104,
        };
        self.weekly_chart_of(today, weeks, chosen)
    }

    /// A worksheet's colour slot in every chart (see [`progress::colour_slot`]).
    #[must_use]
    pub fn colour_slot(&self, worksheet_id: &str) -> Option<usize> {
        let order: Vec<&str> = self.workbook.worksheets().map(|w| w.id.as_str()).collect();
        progress::colour_slot(&order, worksheet_id)
    }

    /// Entries per week over the last `weeks` weeks, by worksheet.
    #[must_use]
    pub fn weekly_chart(&self, today: LocalTime, weeks: usize) -> WeeklyChart {
        self.weekly_chart_of(today, weeks, &[])
    }

    fn weekly_chart_of(&self, today: LocalTime, weeks: usize, chosen: &[String]) -> WeeklyChart {
        let title_of = |id: &str| {
            self.workbook
                .get(id)
                .map_or_else(|| id.to_owned(), |w| w.title.clone())
        };
        WeeklyChart {
            title: "Entries per week".to_owned(),
            data: progress::weekly_practice(
                self.journal.entries(),
                title_of,
                &self
                    .workbook
                    .worksheets()
                    .map(|w| w.id.as_str())
                    .collect::<Vec<_>>(),
                chosen,
                today.date(),
                weeks,
                crate::insight::chart::SLOTS,
            ),
        }
    }

    /// Days practised over the last year.
    #[must_use]
    pub fn calendar_chart(&self, today: LocalTime) -> CalendarChart {
        CalendarChart {
            title: "Days practised this year".to_owned(),
            end: today.date(),
            counts: progress::daily_counts(self.journal.entries(), today.date(), 364),
        }
    }

    /// Closeness to each person over time, from the inventory and the closeness circle.
    #[must_use]
    pub fn relationships_chart(&self, range: TimeRange, today: LocalTime) -> TrendChart {
        let series = progress::relationships(self.journal.entries(), 5);
        let series = progress::within(&series, range.start_day(progress::wall_clock_day(today)));
        let mut chart = TrendChart::new("Closeness over time", series);
        "Rate how close you feel to someone in the Interpersonal inventory or place them on your Closeness circle, twice or more, to follow it here."
            .clone_into(&mut chart.empty_message);
        chart
    }

    /// Every problem with the workbook and the journal, including entries whose answers no
    /// longer fit their worksheet.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    fn find_problems(&self) -> Vec<Problem> {
        let mut problems: Vec<Problem> = self.workbook.problems().to_vec();
        problems.extend_from_slice(&self.file_problems);
        problems.extend_from_slice(&self.protection_problems);
        problems.extend_from_slice(self.journal.problems());
        for entry in self.journal.entries() {
            // Only built for an entry with a problem: eleven thousand paths cost more than
            // checking the answers (opening ten years, benches/startup.sh).
            let path = || self.journal.path_of(&entry.id);
            match self.workbook.get(&entry.worksheet) {
                None => problems.push(Problem::new(
                    path(),
                    format!(
                        "This entry answers the worksheet “{}”, which is not in the workbook; it is kept but cannot be shown",
                        entry.worksheet
                    ),
                )),
                Some(worksheet) if worksheet.version == entry.worksheet_version => {
                    if let Err(error) = check_answers(worksheet, &entry.answers) {
                        problems.push(Problem::new(
                            path(),
                            format!("Some answers in this entry do not fit the worksheet: {error}"),
                        ));
                    }
                }
                // Answers to an older version of a worksheet may legitimately differ.
                Some(_) => {}
            }
        }
        problems.extend(self.narrowing_overrides());
        problems
    }

    /// A user's worksheet file (most often one overriding a bundled worksheet) that does not
    /// accept the answers of existing entries: it dropped a step or narrowed its range or
    /// choices. One problem per file, naming how many entries.
    fn narrowing_overrides(&self) -> Vec<Problem> {
        let mut misfits: std::collections::BTreeMap<&str, usize> =
            std::collections::BTreeMap::new();
        for entry in self.journal.entries() {
            if let Some(worksheet) = self.workbook.get(&entry.worksheet)
                && matches!(
                    self.workbook.origin(&worksheet.id),
                    Some(crate::content::workbook::Origin::User(_))
                )
                && check_answers(worksheet, &entry.answers).is_err()
            {
                *misfits.entry(worksheet.id.as_str()).or_default() += 1;
            }
        }
        misfits
            .into_iter()
            .filter_map(|(id, count)| {
                let Some(crate::content::workbook::Origin::User(path)) = self.workbook.origin(id)
                else {
                    return None;
                };
                let title = self.workbook.get(id).map_or(id, |w| w.title.as_str());
                Some(Problem::new(
                    path,
                    format!(
                        "Your worksheet file for “{title}” does not accept the answers of {count} existing {} (it drops a step they answer, or narrows its range or choices). Those answers are kept, and exports still include them; put the steps back as they were to edit them here",
                        if count == 1 { "entry" } else { "entries" }
                    ),
                ))
            })
            .collect()
    }

    fn worksheet(&self, id: &str) -> Result<Worksheet, JournalError> {
        self.workbook
            .get(id)
            .cloned()
            .ok_or_else(|| JournalError::NoWorksheet(id.to_owned()))
    }
}

/// In a protected (unlocked) journal, the private files that are plain text and the temporary
/// files a killed save left, each a problem: anyone with the folder could read them. Not while
/// a conversion is under way: then files of both kinds are expected, and the next unlock
/// finishes it (and sweeps).
fn unsealed_files(data_dir: &DataDir) -> Vec<Problem> {
    use crate::storage::protection::{Protection, ProtectionState};
    let protected = matches!(
        Protection::read(data_dir),
        Ok(Some(Protection {
            state: ProtectionState::Protected,
            ..
        }))
    );
    if !protected || !matches!(data_dir.sealing(), crate::storage::seal::Sealing::Sealed(_)) {
        return Vec::new();
    }
    let plain = crate::storage::protection::plain_files(data_dir)
        .into_iter()
        .map(|path| {
            Problem::new(
                path,
                "This file is plain text in a protected journal (copied in, or saved by an older Rapport), so anyone with the folder can read it. It is sealed the next time you unlock the journal",
            )
        });
    let temporary = data_dir
        .private_folders()
        .into_iter()
        .flat_map(|folder| std::fs::read_dir(folder).into_iter().flatten().flatten())
        .map(|item| item.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(crate::storage::atomic::is_temp_name)
        })
        .map(|path| {
            Problem::new(
                path,
                "This temporary file was left by a save that was interrupted, and may hold writing in plain text. It is removed at the next save or unlock",
            )
        });
    plain.chain(temporary).collect()
}

//! The journal pack: a cache of every entry file's text in one file (`journal.pack`), so that
//! opening a journal of ten years reads one file instead of opening eleven thousand.
//!
//! It is never the truth. Each entry file stays the truth, and the pack is only used for a file
//! whose name, size, modification time, change time and inode are exactly those recorded with
//! its text. The change time cannot be set back by hand, so a file edited behind the pack's back
//! is always read from disk. A missing, damaged, foreign or oversized pack is simply not used,
//! and the app writes a new one after start-up (`Journal::refresh_pack`).
//!
//! Privacy: it is a private file, written with [`DataDir::write_private`], so it is sealed while
//! the journal is protected and refused when protection changed elsewhere. Turning protection
//! on or off removes it (see `storage::protection::finish`).
//!
//! Format (UTF-8): a first line `rapport-journal-pack 2`, then for each file a line
//! `NAME\tSIZE\tMODIFIED_NS\tCHANGED_NS\tINODE\tLENGTH` and LENGTH bytes of the file's entry,
//! already read and migrated, as JSON (quicker to read than the file's RON), then a line break.

use crate::storage::layout::DataDir;
use std::fs::Metadata;

const HEADER: &str = "rapport-journal-pack 2\n";
/// The largest pack read: beyond this, the files are read one by one.
pub const MAX_BYTES: u64 = 1024 * 1024 * 1024;

/// What identifies one version of a file on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileKey {
    size: u64,
    modified_ns: u128,
    changed_ns: i128,
    inode: u64,
}

impl FileKey {
    /// The key of the file described by `metadata`.
    #[must_use]
    pub fn of(metadata: &Metadata) -> Self {
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |since| since.as_nanos());
        #[cfg(unix)]
        let (changed_ns, inode) = {
            use std::os::unix::fs::MetadataExt as _;
            (
                i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec()),
                metadata.ino(),
            )
        };
        #[cfg(not(unix))]
        let (changed_ns, inode) = (0, 0);
        Self {
            size: metadata.len(),
            modified_ns,
            changed_ns,
            inode,
        }
    }
}

/// A pack as read: each file's key and text, borrowed from the pack's text, in the order of
/// the files' names.
#[derive(Debug, Default)]
pub struct Pack<'a> {
    files: Vec<Record<'a>>,
}

/// One file's line of a pack and the record after it.
#[derive(Debug)]
struct Record<'a> {
    name: &'a str,
    key: FileKey,
    text: &'a str,
}

impl<'a> Pack<'a> {
    /// Reads a pack's text; `None` if it is not a whole pack of this format.
    #[must_use]
    pub fn parse(text: &'a str) -> Option<Self> {
        let mut rest = text.strip_prefix(HEADER)?;
        let mut files = Vec::new();
        while !rest.is_empty() {
            let (line, after) = rest.split_once('\n')?;
            let mut fields = line.split('\t');
            let name = fields.next()?;
            let key = FileKey {
                size: fields.next()?.parse().ok()?,
                modified_ns: fields.next()?.parse().ok()?,
                changed_ns: fields.next()?.parse().ok()?,
                inode: fields.next()?.parse().ok()?,
            };
            let length: usize = fields.next()?.parse().ok()?;
            if fields.next().is_some() {
                return None;
            }
            let text = after.get(..length)?;
            rest = after.get(length..)?.strip_prefix('\n')?;
            files.push(Record { name, key, text });
        }
        // Written in name order; a pack put together by hand is sorted here, and of a name
        // given twice only the first counts.
        if !files.is_sorted_by(|a, b| a.name < b.name) {
            files.sort_by(|a, b| a.name.cmp(b.name));
            files.dedup_by(|later, earlier| later.name == earlier.name);
        }
        Some(Self { files })
    }

    /// The record kept for file `name` (see [`entry_of`]), if it was kept with exactly this `key`.
    #[must_use]
    pub fn text_of(&self, name: &str, key: &FileKey) -> Option<&'a str> {
        self.reader().text_of(name, key)
    }

    /// A reader of the pack for files asked for in the order of their names, as a folder's
    /// listing is read: each is then found a step or two on from the last, not searched for.
    #[must_use]
    pub fn reader(&self) -> Reader<'_, 'a> {
        Reader {
            files: &self.files,
            at: 0,
        }
    }

    /// How many files it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Finds records in a [`Pack`], quickest when asked in name order (see [`Pack::reader`]).
#[derive(Debug)]
pub struct Reader<'p, 'a> {
    files: &'p [Record<'a>],
    /// Where the last name asked for is, or would be.
    at: usize,
}

impl<'a> Reader<'_, 'a> {
    /// How far a reader steps on before it searches: a listing's next file is almost always
    /// the pack's next record.
    const STEPS: usize = 4;

    /// The record kept for file `name`, if it was kept with exactly this `key`.
    pub fn text_of(&mut self, name: &str, key: &FileKey) -> Option<&'a str> {
        // Asked out of order (another folder's files, or a name before the last): search it all.
        let from = match self.at.checked_sub(1).and_then(|last| self.files.get(last)) {
            Some(last) if last.name >= name => 0,
            _ => self.at,
        };
        let ahead = &self.files[from.min(self.files.len())..];
        let found = ahead
            .iter()
            .take(Self::STEPS)
            .position(|record| record.name >= name)
            .unwrap_or_else(|| ahead.partition_point(|record| record.name < name));
        self.at = from + found;
        let record = self.files.get(self.at)?;
        (record.name == name && record.key == *key).then_some(record.text)
    }
}

/// The pack's text, if there is one this folder can read (unsealed when protected).
#[must_use]
pub fn read(data_dir: &DataDir) -> Option<zeroize::Zeroizing<String>> {
    data_dir
        .read_private(&data_dir.journal_pack(), MAX_BYTES)
        .ok()
}

/// Writes the first line of a new pack, to which [`push`] adds each file.
pub fn start(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(HEADER.as_bytes())
}

/// The record of `entry` for a pack (JSON).
#[must_use]
pub fn record_of(entry: &crate::content::entry::Entry) -> Option<String> {
    serde_json::to_string(entry).ok()
}

/// The entry a pack's record holds.
#[must_use]
pub fn entry_of(record: &str) -> Option<crate::content::entry::Entry> {
    serde_json::from_str(record).ok()
}

/// Appends one file's record to a pack being written.
pub fn push(
    out: &mut dyn std::io::Write,
    name: &str,
    key: &FileKey,
    text: &str,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{name}\t{}\t{}\t{}\t{}\t{}",
        key.size,
        key.modified_ns,
        key.changed_ns,
        key.inode,
        text.len()
    )?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}

/// Removes the pack (before protection is turned on or off, so no text stays in the old form).
pub fn remove(data_dir: &DataDir) {
    let path = data_dir.journal_pack();
    if path.exists() {
        let _ = std::fs::remove_file(&path);
        let _ = crate::storage::atomic::sync_dir(data_dir.root());
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::fs;

    use super::*;
    use crate::content::entry::{Answer, Answers, Entry};
    use crate::content::workbook::Workbook;
    use crate::storage::journal::Journal;
    use crate::storage::writer_lock::WriterLock;

    /// A journal of `count` entries, with Chinese, Arabic and emoji in their answers.
    fn journal_of(dir: &std::path::Path, count: i64) -> DataDir {
        let data = DataDir::new(dir);
        let workbook = Workbook::bundled();
        let coping = workbook.get("coping-skills").unwrap();
        let mut journal = Journal::open(data.clone()).unwrap();
        for n in 0..count {
            let answers = Answers::from([
                ("intensity_before".to_owned(), Answer::Number(n % 10)),
                (
                    "situation".to_owned(),
                    Answer::Text(format!("Day {n}: 和妈妈吵架 مرحبا 🙂\ttab\nline")),
                ),
            ]);
            let when = format!("2026-0{}-1{}T09:00:00+00:00", 1 + n % 9, n % 10)
                .parse()
                .unwrap();
            journal.add_at(coping, answers, when).unwrap();
        }
        data
    }

    fn entries(data: &DataDir) -> BTreeMap<String, Entry> {
        Journal::open(data.clone())
            .unwrap()
            .entries()
            .map(|entry| (entry.id.clone(), entry.clone()))
            .collect()
    }

    #[test]
    fn a_fresh_pack_gives_exactly_the_entries_the_files_give() {
        let dir = tempfile::tempdir().unwrap();
        let data = journal_of(dir.path(), 40);
        let from_files = entries(&data);
        assert!(Journal::open(data.clone()).unwrap().pack_is_stale());
        assert_eq!(Journal::refresh_pack(&data), Some(40));
        let journal = Journal::open(data.clone()).unwrap();
        assert!(!journal.pack_is_stale(), "every file came from the pack");
        assert_eq!(entries(&data), from_files);
        // Refreshing a fresh pack reuses every text and changes nothing.
        let before = fs::read(data.journal_pack()).unwrap();
        assert_eq!(Journal::refresh_pack(&data), Some(40));
        assert_eq!(fs::read(data.journal_pack()).unwrap(), before);
    }

    #[test]
    fn a_file_changed_behind_the_packs_back_is_read_from_disk_even_with_its_old_size_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let data = journal_of(dir.path(), 3);
        Journal::refresh_pack(&data).unwrap();
        let path = crate::storage::journal::entry_files(&data.journal())[0].clone();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        // Same length, same inode, modification time set back: only the change time differs.
        let changed = text.replacen("Number(0)", "Number(9)", 1);
        assert_ne!(changed, text);
        assert_eq!(changed.len(), text.len());
        fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|mut file| {
                use std::io::Write as _;
                file.write_all(changed.as_bytes())?;
                file.set_modified(modified)
            })
            .unwrap();
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);

        let journal = Journal::open(data.clone()).unwrap();
        assert_eq!(
            journal.get(&id).unwrap().answers["intensity_before"],
            Answer::Number(9),
            "the file's answer, not the pack's"
        );
        assert!(journal.pack_is_stale());
    }

    #[cfg(unix)]
    #[test]
    fn an_entry_that_links_elsewhere_is_read_again_when_the_file_it_links_to_changes() {
        let dir = tempfile::tempdir().unwrap();
        let data = journal_of(dir.path(), 2);
        let path = crate::storage::journal::entry_files(&data.journal())[0].clone();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        // The person keeps the entry's file elsewhere and links it into the journal.
        let elsewhere = dir.path().join("kept-elsewhere.ron");
        fs::rename(&path, &elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
        assert_eq!(Journal::refresh_pack(&data), Some(2));
        assert!(!Journal::open(data.clone()).unwrap().pack_is_stale());
        // The file linked to is replaced; the link itself is untouched.
        let text = fs::read_to_string(&elsewhere).unwrap();
        let changed = text.replacen("Number(0)", "Number(9)", 1);
        assert_ne!(changed, text);
        let replacement = dir.path().join("replacement.ron");
        fs::write(&replacement, changed).unwrap();
        fs::rename(&replacement, &elsewhere).unwrap();

        let journal = Journal::open(data.clone()).unwrap();
        assert_eq!(
            journal.get(&id).unwrap().answers["intensity_before"],
            Answer::Number(9),
            "the linked file's answer, not the pack's"
        );
        assert!(journal.pack_is_stale());
    }

    #[test]
    fn a_damaged_missing_or_foreign_pack_is_not_used_and_nothing_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let data = journal_of(dir.path(), 12);
        let from_files = entries(&data);
        Journal::refresh_pack(&data).unwrap();
        let good = fs::read(data.journal_pack()).unwrap();
        let half = good[..good.len() / 2].to_vec();
        let wrong_length = String::from_utf8(good.clone())
            .unwrap()
            .replacen('\t', "\tx", 1)
            .into_bytes();
        for (what, bytes) in [
            ("cut in half", half),
            ("a field changed", wrong_length),
            ("not a pack", b"(kind: \"rapport-archive\")".to_vec()),
            ("empty", Vec::new()),
            ("not text", vec![0xff, 0xfe, 0x00, 0x12]),
        ] {
            fs::write(data.journal_pack(), &bytes).unwrap();
            let journal = Journal::open(data.clone()).unwrap();
            assert!(
                journal.problems().is_empty(),
                "{what}: {:?}",
                journal.problems()
            );
            assert!(journal.pack_is_stale(), "{what}");
            assert_eq!(entries(&data), from_files, "{what}");
        }
        fs::remove_file(data.journal_pack()).unwrap();
        assert_eq!(entries(&data), from_files);
        // Rebuilt from the files.
        assert_eq!(Journal::refresh_pack(&data), Some(12));
        assert!(!Journal::open(data).unwrap().pack_is_stale());
    }

    #[test]
    fn deleted_and_added_entries_are_seen_and_a_pack_is_not_written_while_another_writes() {
        let dir = tempfile::tempdir().unwrap();
        let data = journal_of(dir.path(), 5);
        Journal::refresh_pack(&data).unwrap();
        let mut journal = Journal::open(data.clone()).unwrap();
        let gone = journal.entries().next().unwrap().id.clone();
        journal.delete(&gone).unwrap();
        let added = journal
            .add(
                Workbook::bundled().get("coping-skills").unwrap(),
                Answers::from([("intensity_before".to_owned(), Answer::Number(2))]),
            )
            .unwrap()
            .id
            .clone();
        let reopened = Journal::open(data.clone()).unwrap();
        assert!(
            reopened.get(&gone).is_none(),
            "a deleted entry is not brought back"
        );
        assert!(reopened.get(&added).is_some());
        assert!(reopened.pack_is_stale());

        let _other_writer = WriterLock::acquire(&data).unwrap();
        // Held by this thread: the pack's own try takes another open file, so it is refused.
        let refreshed = std::thread::scope(|scope| {
            scope.spawn(|| Journal::refresh_pack(&data)).join().unwrap()
        });
        assert_eq!(refreshed, None);
    }

    #[test]
    fn while_protected_the_pack_is_sealed_and_turning_protection_on_removes_a_plain_one() {
        use crate::storage::protection as vault;
        use crate::storage::seal::{SEALED_MAGIC, Sealing};
        let dir = tempfile::tempdir().unwrap();
        let data = journal_of(dir.path(), 4);
        Journal::refresh_pack(&data).unwrap();
        assert!(
            fs::read_to_string(data.journal_pack())
                .unwrap()
                .contains("和妈妈吵架")
        );
        let (key, _) = vault::turn_on(&data, "a long passphrase", &mut |_, _| {}).unwrap();
        assert!(
            !data.journal_pack().exists(),
            "no plain copy survives protection"
        );

        let sealed = data.with_sealing(Sealing::Sealed(key));
        let from_files = entries(&sealed);
        assert_eq!(from_files.len(), 4);
        assert_eq!(Journal::refresh_pack(&sealed), Some(4));
        let bytes = fs::read(data.journal_pack()).unwrap();
        assert!(bytes.starts_with(SEALED_MAGIC));
        assert!(!String::from_utf8_lossy(&bytes).contains("Day 1"));
        assert!(
            vault::plain_files(&data).is_empty(),
            "the sealed pack is no stray"
        );
        assert!(!Journal::open(sealed.clone()).unwrap().pack_is_stale());
        assert_eq!(entries(&sealed), from_files);
        // Locked (no key), the sealed pack is simply not read.
        assert!(Journal::open(data.clone()).unwrap().pack_is_stale());
    }

    fn key(n: u64) -> FileKey {
        FileKey {
            size: n,
            modified_ns: 0,
            changed_ns: 0,
            inode: n,
        }
    }

    /// A pack's text with a record `n` for each `(name, n)`, in the order given.
    fn pack_text(records: &[(String, u64)]) -> String {
        let mut out = Vec::new();
        start(&mut out).unwrap();
        for (name, n) in records {
            push(&mut out, name, &key(*n), &format!("record {n}")).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    proptest::proptest! {
        /// However the pack is ordered (one put together by hand, with a name twice) and in
        /// whatever order names are asked for (a listing of two folders), the reader finds what
        /// a plain search finds.
        #[test]
        fn a_reader_finds_each_record_as_a_search_would(
            records in proptest::collection::vec(("[a-e]{1,3}", 0u64..4), 0..40),
            asked in proptest::collection::vec(("[a-e]{1,3}", 0u64..4), 0..60),
            in_order in proptest::bool::ANY,
        ) {
            let text = pack_text(&records);
            let pack = Pack::parse(&text).unwrap();
            let mut asked = asked;
            if in_order {
                asked.sort();
            }
            let mut reader = pack.reader();
            for (name, n) in &asked {
                // The first record of a name is the one that counts.
                let expected = records
                    .iter()
                    .find(|(recorded, _)| recorded == name)
                    .filter(|(_, recorded)| recorded == n)
                    .map(|(_, n)| format!("record {n}"));
                proptest::prop_assert_eq!(reader.text_of(name, &key(*n)).map(str::to_owned), expected);
            }
            let distinct: std::collections::BTreeSet<&String> =
                records.iter().map(|(name, _)| name).collect();
            proptest::prop_assert_eq!(pack.len(), distinct.len());
        }
    }
}

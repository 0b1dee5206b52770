//! Reads the user's own worksheet and programme definitions from the data folder.

use std::path::{Path, PathBuf};

use crate::content::workbook::{MAX_WORKSHEET_BYTES, UserDefinitions, UserFile, Workbook};
use crate::problem::Problem;
use crate::storage::atomic as store;
use crate::storage::layout::DataDir;

impl Workbook {
    /// The bundled workbook plus the user's worksheets and programmes in `data_dir`, which
    /// replace bundled ones with the same id. Files that cannot be used are listed in
    /// [`Workbook::problems`].
    #[must_use]
    pub fn load(data_dir: Option<&DataDir>) -> Self {
        let Some(data_dir) = data_dir else {
            return Self::bundled();
        };
        let mut problems = Vec::new();
        let worksheets = read_folder(&data_dir.worksheets(), "worksheets", &mut problems);
        let programmes = read_folder(&data_dir.programmes(), "programmes", &mut problems);
        Self::assemble(UserDefinitions {
            worksheets,
            programmes,
            problems,
        })
    }
}

/// The `.ron` files of `dir`, sorted, each with its text or why it could not be read. A missing
/// folder has none; one that cannot be listed is a problem.
fn read_folder(dir: &Path, plural: &str, problems: &mut Vec<Problem>) -> Vec<UserFile> {
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            problems.push(Problem::new(
                dir,
                format!("Your {plural} folder could not be read: {error}"),
            ));
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = listing
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| UserFile {
            text: store::read_text(&path, MAX_WORKSHEET_BYTES).map_err(|error| error.to_string()),
            path,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::content::workbook::Origin;

    use crate::content::workbook::tests::MINIMAL;

    #[test]
    fn user_worksheets_add_and_override_and_bad_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("mine.ron"), MINIMAL).unwrap();
        let override_text = MINIMAL.replace("\"mine\"", "\"forgiveness\"");
        fs::write(dir.path().join("forgive.ron"), override_text).unwrap();
        fs::write(dir.path().join("broken.ron"), "(id: ").unwrap();
        fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let worksheets = dir.path().join("worksheets");
        fs::create_dir_all(&worksheets).unwrap();
        for name in ["mine.ron", "forgive.ron", "broken.ron", "notes.txt"] {
            fs::rename(dir.path().join(name), worksheets.join(name)).unwrap();
        }
        let workbook = Workbook::load(Some(&DataDir::new(dir.path())));
        assert!(workbook.get("mine").is_some());
        assert_eq!(workbook.get("forgiveness").unwrap().title, "Mine");
        assert!(matches!(
            workbook.origin("forgiveness"),
            Some(Origin::User(_))
        ));
        assert!(workbook.get("coping-skills").is_some());
        assert_eq!(workbook.problems().len(), 1);
        assert!(workbook.problems()[0].path.ends_with("broken.ron"));
    }
}

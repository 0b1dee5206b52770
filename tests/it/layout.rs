//! Every file Rapport writes is one the data folder's layout declares, and protection seals
//! exactly the private ones: the test writes through every writer there is, then checks every
//! file on disk against the declaration. A new kind of file that the layout does not know fails
//! here, instead of being written in plain text with every other test green.

use std::path::{Path, PathBuf};

use rapport_core::content::entry::{Answer, Answers};
use rapport_core::service::export::ExportFormat;
use rapport_core::service::model::Model;
use rapport_core::service::protection;
use rapport_core::storage::layout::{DataDir, Privacy};
use rapport_core::storage::seal::is_sealed;
use rapport_core::time::LocalTime;

fn every_file(dir: &Path, found: &mut Vec<PathBuf>) {
    for item in std::fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            every_file(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn coping(text: &str) -> Answers {
    Answers::from([
        ("situation".to_owned(), Answer::Text(text.to_owned())),
        ("intensity_before".to_owned(), Answer::Number(7)),
    ])
}

#[test]
fn every_writer_writes_a_declared_file_sealed_exactly_when_it_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let plain = DataDir::new(dir.path());
    let mut model = Model::open(plain.clone()).unwrap();
    model
        .save_new("coping-skills", coping("before protection"))
        .unwrap();
    model
        .new_register(
            "Made before protection",
            "group-ipt",
            jiff::civil::date(2026, 9, 1),
        )
        .unwrap();
    let (data, _) = protection::turn_on(&plain, "correct horse battery", &mut |_, _| {}).unwrap();

    let mut model = Model::open(data.clone()).unwrap();
    let first = model
        .save_new("coping-skills", coping("an argument at work"))
        .unwrap();
    model
        .save_edit(&first.entry_id, coping("an argument at work, edited"))
        .unwrap();
    let second = model
        .save_new("coping-skills", coping("to delete"))
        .unwrap();
    model.delete(&second.entry_id).unwrap();
    rapport_core::storage::draft::save(
        &data,
        &rapport_core::storage::draft::Draft {
            version: 1,
            worksheet: "forgiveness".to_owned(),
            editing: None,
            saved: LocalTime::now(),
            answers: coping("a draft"),
        },
    )
    .unwrap();
    // The register made before protection was sealed by turning it on; this one is made
    // after, changed and exported.
    let run = model
        .new_register("Tuesday group", "group-ipt", jiff::civil::date(2026, 11, 3))
        .unwrap();
    model.add_member(&run.id, "River").unwrap();
    for format in [
        rapport_core::service::register::RegisterExport::Csv,
        rapport_core::service::register::RegisterExport::Pdf,
    ] {
        let path = model.default_register_export(&run, format);
        model.export_register(&run.id, format, &path).unwrap();
    }
    let backup = model.back_up_now().unwrap();
    for format in ExportFormat::ALL {
        let path = model.default_export_path(format, LocalTime::now());
        model.export(format, None, &path).unwrap();
    }
    model.restore_backup(&backup).unwrap();
    let mut settings = rapport_core::storage::settings::load(&data);
    settings.value.lock_after_minutes = Some(5);
    settings.save().unwrap();
    let mut contacts = rapport_core::storage::crisis_file::load_contacts(&data);
    contacts.value.my_numbers.clear();
    contacts.save().unwrap();
    // Written by eframe and by the person, outside the core: declared all the same.
    std::fs::create_dir_all(data.app_state()).unwrap();
    std::fs::write(data.app_state().join("app.ron"), "()").unwrap();

    let mut files = Vec::new();
    every_file(dir.path(), &mut files);
    let mut private = 0;
    let mut public = 0;
    for file in &files {
        let kind = data.classify(file).unwrap_or_else(|| {
            panic!(
                "{} is not a kind of file the layout declares",
                file.display()
            )
        });
        let sealed = is_sealed(&std::fs::read(file).unwrap());
        match kind.privacy() {
            Privacy::Private => {
                assert!(sealed, "{} ({kind:?}) is private but plain", file.display());
                private += 1;
            }
            Privacy::Public => {
                assert!(
                    !sealed,
                    "{} ({kind:?}) is public but sealed",
                    file.display()
                );
                public += 1;
            }
        }
    }
    // Entries, a version, the trash, a draft, a backup and the journal moved aside by the
    // restore; protection, settings, crisis contacts, three exports and the app state.
    assert!(private >= 7, "{private} private files in {files:#?}");
    assert!(public >= 7, "{public} public files in {files:#?}");
    assert_eq!(data.private_files().len(), private);
}

//! Speed on realistic data: a synthetic journal of ten years, about three entries a day.
//!
//! Run with `cargo bench`. The journal is generated once into a temporary folder (with the
//! same atomic, fsynced saves the app uses), then each measurement runs against it.

// A benchmark reports its figures on stderr and fails by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use rapport::ui::{Screen, Shell, Tab, UiState};
use rapport_core::content::entry::{Answer, Answers};
use rapport_core::content::workbook::Workbook;
use rapport_core::content::worksheet::Worksheet;
use rapport_core::insight::chart::{self, Chart, Theme};
use rapport_core::insight::progress::{self, TimeRange};
use rapport_core::service::demo::{self, DemoPlan};
use rapport_core::service::model::Model;
use rapport_core::storage::atomic::Overwrite;
use rapport_core::storage::journal::Journal;
use rapport_core::storage::layout::DataDir;
use rapport_core::storage::protection::{self as vault, Protection};
use rapport_core::storage::seal::Sealing;
use rapport_core::time::LocalTime;

/// A data folder with ten years of entries, made once per run.
fn ten_years() -> tempfile::TempDir {
    journal_of_years(10)
}

/// A data folder with `years` of demo history (about 1,100 entries a year), made once per run.
fn journal_of_years(years: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let workbook = Workbook::bundled();
    let mut journal = Journal::open(DataDir::new(dir.path())).expect("an empty journal");
    let plan = DemoPlan {
        years,
        ..DemoPlan::default()
    };
    let entries = demo::plan(&workbook, plan, jiff::Timestamp::now());
    let written = demo::fill(&mut journal, &workbook, &entries).expect("demo data");
    eprintln!(
        "benchmark journal: {written} entries in {}",
        dir.path().display()
    );
    dir
}

/// Today's first frame, as at start-up: the journal read (from its pack), the shell built, one
/// frame laid out and tessellated.
fn todays_first_frame(data: &DataDir) -> Vec<egui::ClippedPrimitive> {
    first_frame(Shell::new(data.clone(), UiState::default()))
}

/// Today's first frame as the app draws it at start-up: from only the files Today shows, read
/// first (the whole journal follows).
fn todays_first_frame_from_its_files(data: &DataDir) -> Vec<egui::ClippedPrimitive> {
    let opened = rapport::ui::Opened::for_today(data, LocalTime::now()).expect("not protected");
    first_frame(Shell::previewing(data.clone(), UiState::default(), opened))
}

/// One frame of `shell` at 1100×760, laid out and tessellated.
fn first_frame(mut shell: Shell) -> Vec<egui::ClippedPrimitive> {
    let ctx = egui::Context::default();
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1100.0, 760.0),
        )),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| shell.ui(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point)
}

fn benches(c: &mut Criterion) {
    let dir = ten_years();
    let data = DataDir::new(dir.path());
    let today = LocalTime::now();

    c.bench_function("load journal (10 years, no journal pack)", |b| {
        b.iter(|| black_box(Journal::open(data.clone()).expect("loads")));
    });
    c.bench_function("write the journal pack (10 years, from the files)", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(data.journal_pack());
            black_box(Journal::refresh_pack(&data).expect("written"))
        });
    });
    c.bench_function("load journal (10 years, fresh journal pack)", |b| {
        b.iter(|| black_box(Journal::open(data.clone()).expect("loads")));
    });
    c.bench_function(
        "open and draw Today's first frame (10 years, journal pack)",
        |b| {
            b.iter(|| black_box(todays_first_frame(&data)));
        },
    );
    c.bench_function("read only what Today shows (10 years, by file name)", |b| {
        b.iter(|| black_box(Model::open_for_today(data.clone(), today).expect("loads")));
    });
    c.bench_function(
        "open and draw Today's first frame from its own files (10 years)",
        |b| {
            b.iter(|| black_box(todays_first_frame_from_its_files(&data)));
        },
    );

    let model = Model::open(data.clone()).expect("loads");
    // Exports stream into their file; these time the whole write, fsync and rename included.
    let out = tempfile::tempdir().expect("a temporary folder");
    for format in rapport_core::service::export::ExportFormat::ALL {
        let path = out.path().join(format!("journal.{}", format.extension()));
        c.bench_function(&format!("export {} (10 years)", format.label()), |b| {
            b.iter(|| black_box(model.export(format, None, &path).expect("exports")));
        });
    }
    c.bench_function("compute every progress series", |b| {
        b.iter(|| {
            for worksheet in model.workbook().worksheets() {
                black_box(progress::tracked_series(
                    worksheet,
                    model.journal().entries(),
                ));
                black_box(model.before_after_charts(&worksheet.id, TimeRange::All, today));
            }
            black_box(model.weekly_chart(today, 26));
            black_box(model.calendar_chart(today));
            black_box(model.relationships_chart(TimeRange::All, today));
        });
    });

    let charts = [
        (
            "trend, coping skills, all",
            Chart::Trend(
                model
                    .trend_chart("coping-skills", TimeRange::All, today)
                    .expect("bundled"),
            ),
        ),
        (
            "trend with bands, PHQ-9, all",
            Chart::Trend(
                model
                    .trend_chart("phq9", TimeRange::All, today)
                    .expect("bundled"),
            ),
        ),
        (
            "before and after, coping skills",
            Chart::BeforeAfter(
                model
                    .before_after_charts("coping-skills", TimeRange::All, today)
                    .remove(0),
            ),
        ),
        (
            "weekly practice",
            Chart::Weekly(model.weekly_chart(today, 26)),
        ),
        ("calendar", Chart::Calendar(model.calendar_chart(today))),
        (
            "relationships",
            Chart::Trend(model.relationships_chart(TimeRange::All, today)),
        ),
    ];
    for (name, chart) in &charts {
        c.bench_function(&format!("render 800x400: {name}"), |b| {
            b.iter(|| {
                black_box(chart::render_rgb(chart, 800, 400, 1.0, Theme::Light).expect("renders"))
            });
        });
    }

    for (name, screen, tab) in [
        (
            "UI frame: Progress",
            Screen::Worksheet("coping-skills".into()),
            Tab::Progress,
        ),
        ("UI frame: Today", Screen::Today, Tab::Fill),
        (
            "UI frame: History",
            Screen::Worksheet("coping-skills".into()),
            Tab::History,
        ),
    ] {
        let state = UiState {
            screen,
            tab,
            ..UiState::default()
        };
        let mut shell = Shell::new(data.clone(), state);
        let ctx = egui::Context::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        // The first frames compute and render the charts; later frames must reuse them.
        for _ in 0..3 {
            let _ = ctx.run_ui(input(), |ui| shell.ui(ui));
        }
        c.bench_function(name, |b| {
            b.iter(|| {
                let output = ctx.run_ui(input(), |ui| shell.ui(ui));
                black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
            });
        });
    }

    let workbook = Workbook::bundled();
    let coping = workbook.get("coping-skills").expect("bundled");
    let mut answers = Answers::new();
    answers.insert(
        "situation".into(),
        Answer::Text("A hard phone call with my sister".into()),
    );
    answers.insert("intensity_before".into(), Answer::Number(7));
    answers.insert("intensity_after".into(), Answer::Number(4));
    saves(c, &data, coping, &answers);

    let save_dir = tempfile::tempdir().expect("a temporary folder");
    let mut journal = Journal::open(DataDir::new(save_dir.path())).expect("empty");
    protected(c, &data, &mut journal, coping, &answers);
}

/// What a save costs beside the raw atomic write of the same bytes (write, fsync, rename,
/// fsync the folder): saves at distinct times into the ten-year journal, and 100 saves within
/// one second into a fresh one, where the 100th must cost what the first does.
fn saves(c: &mut Criterion, data: &DataDir, coping: &Worksheet, answers: &Answers) {
    let mut journal = Journal::open(data.clone()).expect("loads");
    let sample = journal.add(coping, answers.clone()).expect("saves").clone();
    let bytes = rapport_core::storage::journal::entry_to_ron(&sample);
    let raw_dir = tempfile::tempdir().expect("a temporary folder");
    let raw_path = raw_dir.path().join("entry.ron");
    let raw = || {
        rapport_core::storage::atomic::write_atomic(
            &raw_path,
            bytes.as_bytes(),
            Overwrite::Replace,
        )
        .expect("writes");
    };
    c.bench_function("save: raw atomic write of the same bytes", |b| b.iter(raw));
    let mut second = 0i64;
    let mut distinct = || {
        second += 1;
        let when = LocalTime::with_offset(
            jiff::Timestamp::now() + jiff::SignedDuration::from_secs(second),
            jiff::tz::Offset::UTC,
        );
        black_box(
            journal
                .add_at(coping, answers.clone(), when)
                .expect("saves")
                .id
                .len(),
        );
    };
    c.bench_function(
        "save: one entry at a distinct time (ten-year journal)",
        |b| {
            b.iter(&mut distinct);
        },
    );
    let hundred = || {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut fresh = Journal::open(DataDir::new(dir.path())).expect("empty");
        let when = LocalTime::now();
        let mut times = Vec::with_capacity(100);
        for _ in 0..100 {
            let started = Instant::now();
            fresh.add_at(coping, answers.clone(), when).expect("saves");
            times.push(started.elapsed());
        }
        times
    };
    c.bench_function("save: 100 entries within one second (all 100)", |b| {
        b.iter(|| black_box(hundred()));
    });

    // The ratios, from medians of plain timings, printed beside the criterion figures.
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let raw_median = median((0..200).map(|_| timed(raw)).collect());
    let distinct_median = median((0..200).map(|_| timed(&mut distinct)).collect());
    let rounds: Vec<Vec<Duration>> = (0..20).map(|_| hundred()).collect();
    let first = median(rounds.iter().map(|times| times[0]).collect());
    let last = median(rounds.iter().map(|times| times[99]).collect());
    eprintln!(
        "save: raw atomic write {raw_median:.2?}; save at a distinct time {distinct_median:.2?} ({:.2}x raw); within one second: 1st {first:.2?}, 100th {last:.2?} ({:.2}x the 1st)",
        distinct_median.as_secs_f64() / raw_median.as_secs_f64(),
        last.as_secs_f64() / first.as_secs_f64(),
    );
}

fn timed(mut run: impl FnMut()) -> Duration {
    let started = Instant::now();
    run();
    started.elapsed()
}

/// The same ten years, protected: the conversion timed once, then loading sealed entries,
/// unlocking, and saving a sealed entry.
fn protected(
    c: &mut Criterion,
    data: &DataDir,
    journal: &mut Journal,
    coping: &rapport_core::content::worksheet::Worksheet,
    answers: &Answers,
) {
    const PASSPHRASE: &str = "correct horse battery";
    let started = std::time::Instant::now();
    let (key, converted) = vault::turn_on(data, PASSPHRASE, &mut |_, _| {}).expect("protects");
    eprintln!(
        "protect on: {} files sealed in {:.2?}",
        converted.files,
        started.elapsed()
    );
    let sealed = data.with_sealing(Sealing::Sealed(key.clone()));
    c.bench_function("load protected journal (10 years)", |b| {
        b.iter(|| black_box(Journal::open(sealed.clone()).expect("loads")));
    });
    let protection = Protection::read(data)
        .expect("readable")
        .expect("protected");
    let mut slow = c.benchmark_group("unlock");
    slow.sample_size(10);
    slow.bench_function("unlock (Argon2id, once per unlock)", |b| {
        b.iter(|| black_box(protection.unlock(PASSPHRASE).expect("unlocks")));
    });
    slow.finish();
    let save_dir = journal
        .data_dir()
        .with_sealing(Sealing::Sealed(key.clone()));
    let mut sealed_journal = Journal::open(save_dir).expect("opens");
    c.bench_function("save one protected entry (sealed, atomic, fsync)", |b| {
        b.iter(|| {
            black_box(
                sealed_journal
                    .add(coping, answers.clone())
                    .expect("saves")
                    .id
                    .len(),
            )
        });
    });
    let started = std::time::Instant::now();
    let mut protection = protection;
    let converted =
        vault::turn_off(&sealed, &mut protection, &key, &mut |_, _| {}).expect("unprotects");
    eprintln!(
        "protect off: {} files made plain in {:.2?}",
        converted.files,
        started.elapsed()
    );
}

/// The same measures at one and thirty years, to show that cost grows with the journal and no
/// faster (the README's scaling table).
fn scaling(c: &mut Criterion) {
    for years in [1, 30] {
        let dir = journal_of_years(years);
        let data = DataDir::new(dir.path());
        let today = LocalTime::now();
        c.bench_function(
            &format!("load journal ({years} years, no journal pack)"),
            |b| {
                b.iter(|| black_box(Journal::open(data.clone()).expect("loads")));
            },
        );
        Journal::refresh_pack(&data).expect("written");
        c.bench_function(
            &format!("load journal ({years} years, fresh journal pack)"),
            |b| {
                b.iter(|| black_box(Journal::open(data.clone()).expect("loads")));
            },
        );
        c.bench_function(
            &format!("open and draw Today's first frame ({years} years, journal pack)"),
            |b| {
                b.iter(|| black_box(todays_first_frame(&data)));
            },
        );
        let model = Model::open(data.clone()).expect("loads");
        // What `rapport check` does: open the workbook and journal, every entry checked.
        c.bench_function(&format!("check ({years} years)"), |b| {
            b.iter(|| black_box(Model::open(data.clone()).expect("loads").problems().len()));
        });
        let out = tempfile::tempdir().expect("a temporary folder");
        for format in rapport_core::service::export::ExportFormat::ALL {
            let path = out.path().join(format!("journal.{}", format.extension()));
            c.bench_function(&format!("export {} ({years} years)", format.label()), |b| {
                b.iter(|| black_box(model.export(format, None, &path).expect("exports")));
            });
        }
        c.bench_function(
            &format!("compute every progress series ({years} years)"),
            |b| {
                b.iter(|| {
                    for worksheet in model.workbook().worksheets() {
                        black_box(progress::tracked_series(
                            worksheet,
                            model.journal().entries(),
                        ));
                    }
                    black_box(model.weekly_chart(today, 26));
                    black_box(model.calendar_chart(today));
                });
            },
        );
    }
}

criterion_group! {
    name = rapport;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_group! {
    name = years;
    config = Criterion::default().sample_size(10);
    targets = scaling
}
criterion_main!(rapport, years);

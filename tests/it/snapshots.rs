//! Pictures of the main screens, in light and dark, compared pixel by pixel with the ones
//! committed in `tests/snapshots/`, so that a change in the look shows in review.
//!
//! The journal is a year of made-up entries, and "now" is pinned on the test's thread, so the
//! pictures are the same whichever day they are made. They are drawn by wgpu on Mesa's software
//! Vulkan driver, lavapipe (Debian's `mesa-vulkan-drivers`, which `.ci/run` installs). After a
//! change to the look that is meant, make them again with
//! `UPDATE_SNAPSHOTS=1 cargo test --test it snapshots::` and look at each picture before
//! committing it.

use eframe::egui_wgpu::{WgpuSetup, wgpu};
use egui_kittest::{Harness, SnapshotOptions};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use rapport::ui::{Screen, Shell, ThemeChoice, UiState};
use rapport_core::service::model::Model;
use rapport_core::storage::layout::DataDir;
use rapport_core::time::{LocalTime, pin_now_on_this_thread};

/// Wednesday 25 November 2026, 19:30 UTC: "now" in every picture.
fn pinned_now() -> LocalTime {
    LocalTime::at(
        Timestamp::from_second(1_795_635_000).unwrap(),
        &TimeZone::UTC,
    )
}

/// A data folder with a year of made-up entries, ending at the pinned now.
fn journal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut model = Model::open(DataDir::new(dir.path())).unwrap();
    model.add_demo_entries(1).unwrap();
    dir
}

/// Software Vulkan only: the pictures were made with it, and a GPU or GL would differ in some
/// pixels. Without it the test fails saying no adapter was found.
fn lavapipe() -> WgpuSetup {
    let mut setup = egui_kittest::wgpu::default_wgpu_setup();
    if let WgpuSetup::CreateNew(create) = &mut setup {
        create.instance_descriptor.backends = wgpu::Backends::VULKAN;
    }
    setup
}

/// The app on `dir` at `size`, in `theme`, showing `screen`.
fn app(
    dir: &std::path::Path,
    theme: ThemeChoice,
    screen: Screen,
    size: [f32; 2],
) -> Harness<'static, Shell> {
    let state = UiState {
        theme,
        screen,
        ..UiState::default()
    };
    let shell = Shell::new(DataDir::new(dir), state);
    let mut harness = Harness::builder()
        .with_size(size)
        .wgpu_setup(lavapipe())
        .build_ui_state(|ui, shell: &mut Shell| shell.ui(ui), shell);
    harness.run_ok();
    harness
}

#[test]
fn the_main_screens_look_as_committed_in_light_and_dark() {
    pin_now_on_this_thread(Some(pinned_now()));
    let dir = journal();
    let screens = [
        ("today", Screen::Today),
        ("worksheet", Screen::Worksheet("coping-skills".to_owned())),
        ("progress", Screen::Overview),
        ("crisis", Screen::Help),
    ];
    let options = SnapshotOptions::new().output_path("tests/snapshots");
    let mut results = egui_kittest::SnapshotResults::new();
    for (theme, theme_name) in [(ThemeChoice::Light, "light"), (ThemeChoice::Dark, "dark")] {
        for (name, screen) in &screens {
            let mut harness = app(dir.path(), theme, screen.clone(), [1100.0, 760.0]);
            results.add(harness.try_snapshot_options(format!("{name}-{theme_name}"), &options));
        }
    }
    // The smallest window the app allows, where the layout is tightest.
    let mut harness = app(
        dir.path(),
        ThemeChoice::Light,
        Screen::Today,
        [640.0, 420.0],
    );
    results.add(harness.try_snapshot_options("today-light-640x420", &options));
    pin_now_on_this_thread(None);
    results.unwrap();
}

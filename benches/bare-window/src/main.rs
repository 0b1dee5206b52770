//! A bare eframe window of Rapport's size that draws one label and, with
//! `--exit-after-first-frame`, closes after its first frame: what Rapport's start-up is
//! measured against (see `benches/startup.sh`).

fn main() -> eframe::Result {
    let exit_after_first_frame =
        std::env::args().any(|arg| arg.starts_with("--exit-after-first-frame"));
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Bare window")
            .with_inner_size([1100.0, 760.0]),
        ..Default::default()
    };
    eframe::run_ui_native("Bare window", options, move |ui, _frame| {
        eframe::egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare eframe window.");
        });
        if exit_after_first_frame {
            ui.ctx()
                .send_viewport_cmd(eframe::egui::ViewportCommand::Close);
        }
    })
}

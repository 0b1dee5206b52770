//! A group's progress on one measure: the median per week with the middle half shaded, and how
//! many people each week's figures come from.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, LegendItem, Mark, Palette, Style, blend, draw_error};
use crate::insight::spread::WeekRow;

/// One measure across the weeks of a programme, for a group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupChart {
    /// Title drawn above the plot.
    pub title: String,
    /// Lowest and highest possible values.
    pub range: (i64, i64),
    /// The measure's rows, by week.
    pub weeks: Vec<WeekRow>,
    /// The last week on the axis: the programme run's last week (the axis runs from 1).
    pub last_week: i64,
}

impl GroupChart {
    /// The weeks whose figures are drawn: those from at least three people.
    #[must_use]
    pub fn shown_weeks(&self) -> Vec<&WeekRow> {
        self.weeks.iter().filter(|r| r.spread.is_shown()).collect()
    }

    /// The weeks in which one or two people shared: only their count is drawn.
    #[must_use]
    pub fn suppressed_weeks(&self) -> Vec<i64> {
        self.weeks
            .iter()
            .filter(|r| !r.spread.is_shown())
            .map(|r| r.week)
            .collect()
    }

    pub(super) fn legend(palette: &Palette) -> Vec<LegendItem> {
        let colour = palette.lines[0];
        vec![
            LegendItem::new(
                "Middle half of the group",
                blend(colour, palette.background, 0.25),
                Mark::Swatch,
            ),
            LegendItem::new("Median", colour, Mark::Line),
        ]
    }

    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), ChartError> {
        if self.weeks.is_empty() {
            return style.empty(root, &self.title, "No one has shared this measure yet.");
        }
        let last_week = self.last_week.max(1);
        let (min, max) = (self.range.0 as f64, self.range.1 as f64);
        let body = style.header(root, &self.title, &Self::legend(&style.palette))?;
        let (base_x, base_y) = body.get_base_pixel();
        let mut plot = ChartBuilder::on(&body)
            .margin(style.px(12.0))
            .margin_top(style.px(4.0))
            .x_label_area_size(style.px(34.0))
            .y_label_area_size(style.px(44.0))
            .build_cartesian_2d(0.5f64..last_week as f64 + 0.5, min..max)
            .map_err(draw_error)?;
        let format_x = |x: &f64| format!("{x:.0}");
        let format_y = |y: &f64| format!("{y:.0}");
        plot.configure_mesh()
            .x_labels(usize::try_from(last_week).unwrap_or(1).min(16))
            .x_label_formatter(&format_x)
            .y_label_formatter(&format_y)
            .x_desc("Week of the programme")
            .y_desc("Score")
            .label_style(style.text(13.0))
            .axis_desc_style(style.text(13.0))
            .axis_style(style.palette.text.stroke_width(style.px(1.0)))
            .bold_line_style(style.palette.grid.stroke_width(style.px(1.0)))
            .light_line_style(style.palette.background)
            .draw()
            .map_err(draw_error)?;
        let colour = style.palette.lines[0];
        let shown = self.shown_weeks();
        plot.draw_series(shown.iter().map(|row| {
            let x = row.week as f64;
            Rectangle::new(
                [(x - 0.3, row.spread.q1), (x + 0.3, row.spread.q3)],
                colour.mix(0.25).filled(),
            )
        }))
        .map_err(draw_error)?;
        let line = colour.stroke_width(style.px(2.5));
        let medians: Vec<(f64, f64)> = shown
            .iter()
            .map(|r| (r.week as f64, r.spread.median))
            .collect();
        plot.draw_series(
            medians
                .windows(2)
                .map(|pair| PathElement::new(vec![pair[0], pair[1]], line)),
        )
        .map_err(draw_error)?;
        plot.draw_series(
            medians
                .iter()
                .map(|&point| Circle::new(point, style.px(4.0), colour.filled())),
        )
        .map_err(draw_error)?;
        for row in &self.weeks {
            // A week from one or two people shows its count at the bottom, and no figure.
            let (label, at) = if row.spread.is_shown() {
                (format!("n={}", row.spread.n), row.spread.q3)
            } else {
                (format!("n={} (<3)", row.spread.n), min)
            };
            let (x, y) = plot.backend_coord(&(row.week as f64, at));
            body.draw(&Text::new(
                label,
                (x - base_x, y - base_y - style.px_i(4.0)),
                style.text(11.0).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(draw_error)?;
        }
        Ok(())
    }
}

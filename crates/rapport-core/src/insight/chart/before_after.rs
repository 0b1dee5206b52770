//! Before and after: a slope chart of ratings paired within entries, with the average change.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, Style, draw_error, draw_legend};
use crate::insight::progress::BeforeAfter;

/// Ratings before and after, e.g. distress before and after using a coping skill.
#[derive(Clone, Debug, PartialEq)]
pub struct BeforeAfterChart {
    /// Title drawn above the plot.
    pub title: String,
    /// The pairs.
    pub data: BeforeAfter,
}

impl BeforeAfterChart {
    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        style: &Style,
    ) -> Result<(), ChartError> {
        let data = &self.data;
        let Some(change) = data.average_change() else {
            return style.empty(
                root,
                &self.title,
                "Fill in both the before and the after rating in an entry to see the change.",
            );
        };
        let (min, max) = (data.min as f64, data.max as f64);
        let margin = (max - min) * 0.04;
        let mut plot = ChartBuilder::on(root)
            .caption(
                format!("{}: average change {change:+.1}", self.title),
                style.text(18.0),
            )
            .margin(style.px(12.0))
            .x_label_area_size(style.px(34.0))
            .y_label_area_size(style.px(44.0))
            .build_cartesian_2d(-0.25f64..1.25f64, (min - margin)..(max + margin))
            .map_err(draw_error)?;
        let format_y = |value: &f64| format!("{value:.0}");
        plot.configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(((max - min) as usize + 1).clamp(2, 11))
            .y_label_formatter(&format_y)
            .label_style(style.text(13.0))
            .axis_desc_style(style.text(13.0))
            .y_desc("Rating")
            .axis_style(style.palette.text.stroke_width(style.px(1.0)))
            .bold_line_style(style.palette.grid.stroke_width(style.px(1.0)))
            .light_line_style(style.palette.background)
            .draw()
            .map_err(draw_error)?;
        for (x, label) in [(0.0, &data.before_label), (1.0, &data.after_label)] {
            let (px, py) = plot.backend_coord(&(x, min - margin));
            root.draw(&Text::new(
                label.clone(),
                (px, py + style.px_i(8.0)),
                style.text(13.0).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(draw_error)?;
        }
        // Each entry is a faint line; many identical pairs add up to a stronger one.
        let count = data.pairs.len() as f64;
        let alpha = (3.0 / count.sqrt()).clamp(0.03, 0.6);
        let faint = style.palette.lines[0]
            .mix(alpha)
            .stroke_width(style.px(1.5));
        plot.draw_series(data.pairs.iter().map(|&(before, after)| {
            PathElement::new(vec![(0.0, before as f64), (1.0, after as f64)], faint)
        }))
        .map_err(draw_error)?;
        let mean_before = data.pairs.iter().map(|p| p.0 as f64).sum::<f64>() / count;
        let mean_after = data.pairs.iter().map(|p| p.1 as f64).sum::<f64>() / count;
        let bold = style.palette.lines[1].stroke_width(style.px(3.5));
        plot.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, mean_before), (1.0, mean_after)],
            bold,
        )))
        .map_err(draw_error)?
        .label(format!(
            "Average of {} entries: {mean_before:.1} → {mean_after:.1}",
            data.pairs.len()
        ))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], bold));
        plot.draw_series(
            [(0.0, mean_before), (1.0, mean_after)]
                .into_iter()
                .map(|point| Circle::new(point, style.px(5.0), style.palette.lines[1].filled())),
        )
        .map_err(draw_error)?;
        draw_legend(&mut plot, style, SeriesLabelPosition::UpperRight, 13.0)?;
        Ok(())
    }
}

//! For group facilitators: share files and the group summary, slides, and printable handouts.

pub mod handout;
pub mod share;
pub mod slides;

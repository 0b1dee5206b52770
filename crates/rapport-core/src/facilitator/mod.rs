//! For group facilitators: share files and the group summary, the group register, slides, and
//! printable handouts.

pub mod handout;
pub mod register;
pub mod share;
pub mod slides;

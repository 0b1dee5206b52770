//! How Rapport reads and writes RON: one set of options for every file.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

/// Parsing options for every Rapport file.
///
/// `implicit_some` lets authors write `help: "…"` rather than `help: Some("…")`, and
/// `unwrap_variant_newtypes` lets them write `Rating(min: 0, max: 10)` rather than
/// `Rating((min: 0, max: 10))`. The recursion limit stops deeply nested input before it can
/// exhaust the stack.
#[must_use]
pub fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
        .with_recursion_limit(64)
}

/// Parsing options without `unwrap_variant_newtypes`, for files written before [`pretty`]
/// declared its extensions: their `Some((…))` reads only this way.
#[must_use]
pub fn options_without_unwrapping() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

/// Pretty-printing for files a person may open in a text editor, with the extensions the
/// reader uses, so that what is written reads back: without them an `Option` of a struct is
/// written `Some((…))`, which `unwrap_variant_newtypes` then reads as a field list and refuses.
#[must_use]
pub fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .extensions(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .escape_strings(false)
}

//! quotes analysis.

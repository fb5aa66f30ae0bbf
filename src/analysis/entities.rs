//! entities analysis.

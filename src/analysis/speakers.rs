//! speakers analysis.

//! Personal annotations: model, anchoring, store, export.

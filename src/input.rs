//! Lenient multi-block PEM reader (being written).

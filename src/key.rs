//! Private keys: parsing, decryption and matching (being written).

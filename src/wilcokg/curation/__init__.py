"""Curation: a curator's decisions about what reading found, kept in one reviewable file."""

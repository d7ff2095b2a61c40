"""The `wilcokg` command line: `commands` wires the stages together; `option_help` and `answers`
shape what it prints."""

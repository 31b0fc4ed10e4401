"""Small helpers with no knowledge of Markdown or rules.

Owns: lazily compiled regular expressions, a lock-free cached property, the packaged
schema files, and the flat TOML reader. May import: the standard library only (and
``mdcheck.errors``).
"""

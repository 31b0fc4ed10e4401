"""JSON Schema validation of front matter: the packaged and configured schemas, the quick
verdicts that spare jsonschema on plainly valid data, and the one-line explanations.

May import: ``mdcheck.util``, ``mdcheck.errors``, ``mdcheck.markdown`` (YAML pointers), and
jsonschema (lazily). Never rules, configuration or running.
"""

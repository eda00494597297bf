"""``autogen-lint server``: the engine's findings and fixes in any editor, over the Language Server Protocol.

Needs the ``server`` extra (pygls and lsprotocol); nothing here is imported by the command
unless the ``server`` subcommand runs.
"""

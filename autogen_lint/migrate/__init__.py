"""``autogen-lint migrate``: rewrite common AutoGen v0.2 programs into v0.4 code, on libcst.

The engine's findings say which statements hold v0.2 code and which ones ``# noqa`` or the
rule selection keep as they are; the rewrites write the catalog's v0.4 names. A file whose shape
cannot be proven is left untouched, with the reason.
"""

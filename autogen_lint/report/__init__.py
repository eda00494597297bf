"""Migration progress: the ``report`` subcommand (HTML, Markdown, JSON) and the baseline for ``check``."""

"""Run autogen-lint (``server``, ``report``, ...) for the VS Code extension.

``AUTOGEN_LINT_IMPORT_STRATEGY=useBundled`` (the default) puts the libraries bundled with the
extension first on ``sys.path``; ``fromEnvironment`` puts them last, so the environment's own
autogen-lint (and its pygls) win and the bundled ones only fill in what is missing. The script is
run by path, never with ``-m``, so the current directory (a workspace) is not on ``sys.path``.
"""

import os
import sys

LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
NEEDS = (3, 10)


def _say(level: str, message: str) -> None:
    sys.stderr.write(f"autogen-lint server: {level} {message}\n")
    sys.stderr.flush()


def main() -> int:
    if sys.version_info < NEEDS:
        found = ".".join(map(str, sys.version_info[:3]))
        _say("ERROR", f"autogen-lint needs Python 3.10 or later; {sys.executable} is Python {found}")
        return 3
    strategy = os.environ.get("AUTOGEN_LINT_IMPORT_STRATEGY", "useBundled")
    if strategy == "fromEnvironment":
        sys.path.append(LIBS)
    else:
        sys.path.insert(0, LIBS)
    try:
        import autogen_lint
        from autogen_lint.cli import main as run
    except ImportError as error:
        _say("ERROR", f"cannot import autogen-lint with {sys.executable}: {error}")
        return 3
    if sys.argv[1:2] == ["server"]:
        where = os.path.dirname(os.path.abspath(autogen_lint.__file__))
        origin = "bundled" if where.startswith(LIBS) else "environment"
        python = f"Python {sys.version.split()[0]} at {sys.executable}"
        _say("INFO", f"autogen-lint {autogen_lint.__version__} ({origin}) on {python}")
        try:
            import pygls.lsp.server  # noqa: F401  (pygls 2)
        except ImportError as error:
            _say("ERROR", f"the environment's pygls is not pygls 2 ({error}); use importStrategy useBundled")
            return 3
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())

"""A learner's server: JupyterHub's single-user JupyterLab, started without one unused grammar.

`jupyter_server` loads `jsonschema` with its format checkers; when the package
`rfc3987-syntax` is installed (it comes with `jsonschema[format-nongpl]`, which
`jupyter-events` asks for), `jsonschema` builds its IRI grammar at import: about
24 MB and 0.7 s in every learner's server, only to check the formats "iri" and
"iri-reference", which no Jupyter event schema uses. Marking the module missing
makes `jsonschema` skip those two formats, as it does when the package is absent;
every other format is still checked. Everything else is JupyterHub's own entry point.
"""

import sys

sys.modules["rfc3987_syntax"] = None  # `import rfc3987_syntax` now raises ImportError

from jupyterhub.singleuser import main  # noqa: E402 - must come after the line above

if __name__ == "__main__":
    sys.exit(main())

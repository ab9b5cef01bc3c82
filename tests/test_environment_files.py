"""requirements.txt (pip) and environment.yml (conda) list the same packages."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^\s*-?\s*([A-Za-z0-9_.\-]+)\s*([<>=!~].*)?$")


def _normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_requirements():
    found = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, spec = REQUIREMENT.match(line).groups()
            found[_normalize(name)] = (spec or "").replace(" ", "")
    return found


def conda_requirements():
    found = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        line = line.split("#")[0].rstrip()
        if not line.lstrip().startswith("- ") or line.strip() in ("- pip:", "- -e ."):
            continue
        item = line.strip()[2:].strip()
        if item in ("-e .", "pip:") or item.startswith("conda-forge"):
            continue
        name, spec = REQUIREMENT.match(item).groups()
        found[_normalize(name)] = (spec or "").replace(" ", "")
    return found


def test_same_packages_and_bounds():
    conda = conda_requirements()
    conda.pop("python", None)
    conda.pop("pip", None)
    assert conda == pip_requirements()


def test_lower_bounds_not_exact_pins():
    for name, spec in pip_requirements().items():
        assert spec.startswith(">="), f"{name} should have a lower bound, not {spec!r}"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()

"""The learners' image for other hubs (`binder/`): the lock's versions less the test tools,
with the JupyterHub of the Helm chart the project names."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generator():
    spec = importlib.util.spec_from_file_location("image_requirements",
                                                  ROOT / "class" / "image_requirements.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pins(text):
    return dict(line.split("==") for line in text.splitlines()
                if line and not line.startswith("#"))


def test_the_image_requirements_are_made_from_the_current_lock():
    made = generator().image_requirements((ROOT / "requirements.lock").read_text())
    assert (ROOT / "binder" / "requirements.txt").read_text() == made, \
        "binder/requirements.txt is stale: run python class/image_requirements.py"


def test_the_image_has_the_locked_runtime_and_no_test_tools():
    image = pins((ROOT / "binder" / "requirements.txt").read_text())
    locked = pins("\n".join(line for line in (ROOT / "requirements.lock").read_text().splitlines()
                            if not line.startswith(" ")))
    for name in ("numpy", "matplotlib", "jupyterlab", "ipywidgets", "anywidget", "ipympl",
                 "ipykernel", "nnfs", "voila", "threadpoolctl"):
        assert image[name] == locked[name], name
    for name in ("pytest", "playwright", "ruff", "hypothesis", "nbval", "sphinx", "furo",
                 "myst-nb", "check-jsonschema"):
        assert name not in image, f"{name} is a test or site tool"
    assert "nbgitpuller" in image


def test_the_image_speaks_the_charts_jupyterhub():
    image = pins((ROOT / "binder" / "requirements.txt").read_text())
    values = (ROOT / "class" / "helm" / "values.yaml").read_text()
    chart = re.search(r"--version (\d+\.\d+\.\d+)", values).group(1)
    hub = re.search(rf"chart {re.escape(chart)} runs JupyterHub (\d+\.\d+\.\d+)", values).group(1)
    assert image["jupyterhub"] == hub, (chart, hub, image["jupyterhub"])


def test_a_lock_line_with_its_askers_is_read():
    module = generator()
    pins_, parents = module.read_lock(
        "a==1\n    # via -r requirements.txt\nb==2\n    # via\n    #   a\n    #   c\n"
        "c==3\n    # via pytest\npytest==9\n    # via -r requirements.txt\n")
    assert pins_ == {"a": "1", "b": "2", "c": "3", "pytest": "9"}
    assert parents["b"] == {"a", "c"}
    assert module.needed(pins_, parents) == {"a", "b"}

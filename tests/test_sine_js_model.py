"""The browser's maths (widgets/sine/model.js) against NumPy's (lessons/sine_fit/network.py).

The canvas draws a learner's move itself before the kernel's frame comes; the two
pictures must be the same. Node runs model.js on random networks (widths 8, 16 and 32,
the full second layer on and off, weights from tiny to the ±1e6 bound) and its curves
must equal NumPy's to float32 rounding of their terms; areas of effect, firing, handles
and a drag's new values must be equal.
"""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from nnfs_helpers.lessons.sine_fit import SineFitNetwork
from nnfs_helpers.lessons.sine_fit.network import MAX_OUTPUT_WEIGHT, MAX_SLOPE, MAX_VALUE, NEW_PIECE

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed (CI has it)")
F32 = 2.0 ** -23


def random_network(rng, n, full, scale):
    net = SineFitNetwork(n_pairs=n, full_second_layer=full)
    pick = lambda *shape: np.clip(rng.normal(0, scale, shape), -MAX_VALUE, MAX_VALUE)  # noqa: E731
    net.w1, net.b1, net.b2, net.w_out = pick(n), pick(n), pick(n), pick(n)
    net.w2_matrix = pick(n, n) if full else np.diag(pick(n))
    net.b_out = float(pick(1)[0])
    if scale >= 1e5:  # the extremes: some values at the bound itself
        net.w1[0], net.b2[-1], net.w_out[1] = MAX_VALUE, -MAX_VALUE, MAX_VALUE
    return net


def half_built(rng, n):
    """A pair mid-build, in the book's order: pieces, pairs with no end yet (w2 > 0), a lift
    pair (w1 = 0), pairs of zeros and of w_out = 0: each kind of constant part and handles."""
    net = hand_form(rng, n)
    net.w2_matrix[1, 1] = 1.0  # no end yet: draws without a piece
    net.w1[2], net.b1[2] = 0.0, 1.0  # a lift
    net.w1[3] = net.b1[3] = net.w2_matrix[3, 3] = net.b2[3] = net.w_out[3] = 0.0  # nothing
    net.w_out[4] = 0.0
    net.w1[5] = -net.w1[5]  # a ramp that rises to the left
    return net


def hand_form(rng, n):
    """A network whose pairs draw pieces (w1 > 0, w2 < 0, b2 > 0), so handles exist."""
    net = SineFitNetwork(n_pairs=n)
    net.w1 = rng.uniform(1, 10, n)
    net.b1 = -net.w1 * rng.uniform(0, 0.9, n)
    net.w2_matrix = np.diag(-rng.uniform(0.2, 3, n))
    net.b2, net.w_out = rng.uniform(0.1, 2, n), rng.normal(0, 1, n)
    return net


def as_js(net):
    return {"n": net.n_pairs, "full": net.full_second_layer, "b_out": net.b_out,
            **{name: getattr(net, name).tolist() for name in ("w1", "b1", "b2", "w_out")},
            "w2": net.w2_matrix.reshape(-1).tolist(),
            "maxSlope": MAX_SLOPE, "maxOutputWeight": MAX_OUTPUT_WEIGHT,
            "newPiece": list(NEW_PIECE)}


def networks():
    rng = np.random.default_rng(20240607)
    made = []
    for n in (8, 16, 32):
        for full in (False, True):
            for scale in (1e-6, 1.0, 30.0, 1e6):
                made.append((f"{n}-{'full' if full else 'pairs'}-{scale:g}",
                             random_network(rng, n, full, scale)))
        made.append((f"{n}-pieces", hand_form(rng, n)))
        made.append((f"{n}-half-built", half_built(rng, n)))
    return made


NETWORKS = networks()


@pytest.fixture(scope="module")
def computed():
    rng = np.random.default_rng(7)
    cases = []
    for name, net in NETWORKS:
        xs = np.union1d(np.linspace(0.0, 0.999, 500), rng.uniform(0, 1, 20))
        cases.append({"net": as_js(net), "xs": xs.tolist(),
                      "selected": int(rng.integers(6 if "half" in name else net.n_pairs)),
                      "probe": float(rng.uniform(0, 1)),
                      "drag": [str(rng.choice(["start", "end", "height"])),
                               float(rng.uniform(0, 1)), float(rng.uniform(-2, 1.4))]})
    out = subprocess.run([NODE, str(ROOT / "tests/js/model_cli.mjs")], input=json.dumps(cases),
                         capture_output=True, text=True, check=True, timeout=120).stdout
    return list(zip(cases, json.loads(out), strict=True))


def term_size(net, xs):
    """How large the terms summed into each output are: float32 rounding is relative to them."""
    z1 = np.multiply.outer(xs, net.w1) + net.b1
    a1 = np.maximum(z1, 0)
    z2_terms = np.abs(a1) @ np.abs(net.w2_matrix) + np.abs(net.b2)
    return np.abs(net.b_out) + z2_terms @ np.abs(net.w_out) + np.abs(np.multiply.outer(
        xs, net.w1)).sum(axis=1)


@pytest.mark.parametrize("index", range(len(NETWORKS)), ids=[name for name, _ in NETWORKS])
def test_curves_equal_numpys_to_float32_rounding(computed, index):
    case, js = computed[index]
    net = NETWORKS[index][1]
    xs = np.array(case["xs"])
    output, pair = np.array(js["output"]), np.array(js["pair"])
    assert np.all(np.isfinite(output)) and np.all(np.isfinite(pair))
    tolerance = F32 * term_size(net, xs)
    assert np.all(np.abs(output - net.forward(xs)) <= tolerance)
    assert np.all(np.abs(pair - net.contributions(xs)[:, case["selected"]]) <= tolerance)


@pytest.mark.parametrize("index", range(len(NETWORKS)), ids=[name for name, _ in NETWORKS])
def test_areas_firing_handles_and_drags_equal_numpys(computed, index):
    case, js = computed[index]
    net = NETWORKS[index][1]
    areas = net.areas_of_effect()
    assert len(js["areas"]) == len(areas)
    for mine, theirs in zip(js["areas"], areas, strict=True):
        assert np.array(mine).reshape(-1, 2) == pytest.approx(
            np.array(theirs).reshape(-1, 2), rel=1e-9, abs=1e-12)
    first, second = net.neurons_firing(case["probe"])
    assert js["firing"]["first"] == first.tolist()
    assert js["firing"]["second"] == second.tolist()
    assert js["firing"]["active"] == net.active_pairs(case["probe"])
    if not net.full_second_layer:
        pair = case["selected"]
        for name, point in net.piece_handles(pair).items():
            assert js["handles"][name] == pytest.approx(list(point), rel=1e-12, abs=1e-12)
        dragged = net.copy().drag_handle(pair, *case["drag"])
        assert js["drag"] == pytest.approx(dragged, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("index", range(len(NETWORKS)), ids=[name for name, _ in NETWORKS])
def test_the_constant_part_and_the_handles_shown_equal_the_kernels(computed, index):
    from nnfs_helpers.widgets.sine import readouts
    from nnfs_helpers.widgets.sine.target_controls import PLOT_GRID

    case, js = computed[index]
    net, pair = NETWORKS[index][1], case["selected"]
    constant = readouts.constant_part(net, pair)
    assert js["constant"] == (None if constant is None else pytest.approx(list(constant)))
    handles = readouts.handles_shown(net, pair, net.snapshot(PLOT_GRID, 0.5, with_kinks=True))
    assert js["shown"] == (None if handles is None else
                           {name: pytest.approx(list(point)) for name, point in handles.items()})


def test_the_constant_part_is_what_the_pair_adds_there():
    from nnfs_helpers.widgets.sine import readouts

    for _, net in NETWORKS:
        for pair in range(net.n_pairs):
            constant = readouts.constant_part(net, pair)
            if constant is None:
                continue
            start, end, level = constant
            xs = np.linspace(start, end, 9)[1:-1]
            assert net.contributions(xs)[:, pair] == pytest.approx(level, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("index", range(len(NETWORKS)), ids=[name for name, _ in NETWORKS])
def test_the_score_equals_numpys(computed, index):
    _, js = computed[index]
    assert js["mse"] == pytest.approx(NETWORKS[index][1].mse(), rel=1e-9, abs=1e-15)


def drawn():
    from nnfs_helpers.lessons.sine_fit import drawn_target

    return drawn_target([[0.05, 0.2], [0.3, 1.1], [0.62, -0.7], [0.97, 0.4]])


@pytest.mark.parametrize("target", ["abs", "square", "parabola", "triangle", "noisy sine",
                                    "drawn"])
def test_the_score_of_another_target_equals_numpys(target):
    """The canvas scores a move it draws itself against the target's points it was sent."""
    from nnfs_helpers.lessons.sine_fit import named_target

    chosen = drawn() if target == "drawn" else named_target(target)
    nets = [net for name, net in NETWORKS if name.endswith(("pieces", "half-built", "-1"))]
    cases = [{"net": as_js(net), "xs": [0.0, 0.5], "selected": 0, "probe": 0.5,
              "drag": ["start", 0.2, 0.3],
              "target": {"x": chosen.x.tolist(), "y": chosen.y.tolist()}} for net in nets]
    out = subprocess.run([NODE, str(ROOT / "tests/js/model_cli.mjs")], input=json.dumps(cases),
                         capture_output=True, text=True, check=True, timeout=120).stdout
    for net, js in zip(nets, json.loads(out), strict=True):
        assert js["mse"] == pytest.approx(net.mse(chosen), rel=1e-9, abs=1e-15)
        assert js["mse"] != pytest.approx(net.mse(), rel=1e-6)  # not the sine's


SCORES = [0.0, 0.0029999, 0.003, 0.00999, 0.01, 0.4123456, 9999.994, 1e4, 1.14e15, 3.3e35]


def test_the_browser_words_a_score_as_the_kernel_does():
    from nnfs_helpers.widgets.sine import readouts

    script = ("import { scoreText } from './nnfs_helpers/widgets/sine/readout.js';"
              f"const levels = {json.dumps(readouts.SCORE_LEVELS)};"
              f"console.log(JSON.stringify({json.dumps(SCORES)}"
              ".map((mse) => scoreText(mse, levels))));")
    out = subprocess.run([NODE, "--input-type=module", "-e", script], cwd=ROOT,
                         capture_output=True, text=True, check=True, timeout=60).stdout
    assert json.loads(out) == [readouts.score_text(mse) for mse in SCORES]


def test_node_unit_tests_pass():
    """The pure helpers' own tests (tests/js/*.test.mjs), as `make test` runs them."""
    tests = sorted(str(p) for p in (ROOT / "tests/js").glob("*.test.mjs"))
    assert tests
    subprocess.run([NODE, "--test", *tests], check=True, capture_output=True, timeout=120)

"""A fit in a link: exact round trips, and every broken or hostile link refused clearly."""

import base64
import zlib

import numpy as np
import pytest

from nnfs_helpers.lessons.sine_fit import SineFitNetwork, network_to_dict, preset_network, widened
from nnfs_helpers.lessons.sine_fit.links import link_query, network_from_link_query


def test_a_link_keeps_every_value_exactly():
    rng = np.random.default_rng(3)
    wide = widened(preset_network("hand-tuned"), 32)
    wide.full_second_layer = True
    wide.w2_matrix = rng.normal(size=(32, 32))
    for network in (preset_network("hand-tuned"), wide, SineFitNetwork(1)):
        query = link_query(network)
        assert network_to_dict(network_from_link_query(query)) == network_to_dict(network)
    assert len(link_query(preset_network("hand-tuned"))) < 400


def test_a_query_without_a_fit_opens_nothing():
    assert network_from_link_query("") is None
    assert network_from_link_query("page=2&x=1") is None


def _packed(data):
    return "fit=" + base64.urlsafe_b64encode(zlib.compress(data)).decode().rstrip("=")


@pytest.mark.parametrize("query, says", [
    ("fit=abc", "damaged"),
    ("fit=!!!", "damaged"),
    ("fit=" + link_query(preset_network("zeros"))[4:-6], "damaged"),
    (_packed(b"not json"), "not valid JSON"),
    (_packed(b'{"w1": [1]}'), "missing"),
    (_packed(b'{"w1": [NaN]}'), "finite"),
    (_packed(b"__import__('os').system('true')"), "not valid JSON"),
    (_packed(b" " * 10_000_000), "too large"),  # a small link that unpacks to 10 MB
    ("fit=" + "A" * 600_000, "too long"),
    (None, "too long"),
])
def test_a_broken_or_hostile_link_is_refused_clearly(query, says):
    with pytest.raises(ValueError, match=says):
        network_from_link_query(query)

"""A fit in a link: every weight packed into the query of a page's address.

Taught in 07_sine_by_hand (the app's "copy link to this fit").
"""

import base64
import binascii
import json
import zlib
from urllib.parse import parse_qs

from .settings import MAX_SETTINGS_BYTES, network_to_dict, settings_from_bytes

LINK_FIELD = "fit"


def link_query(network):
    """The query part of a link that opens this fit: ``fit=`` and the settings, packed.

    The settings JSON is compressed and written in URL-safe base64, so every
    value is kept exactly and the link stays short (about 300 characters for 8 pairs).
    The target travels with the settings: its name, or a drawing's points (at
    most 2000, about 15,000 characters).
    """
    text = json.dumps(network_to_dict(network), separators=(",", ":"))
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).rstrip(b"=")
    return f"{LINK_FIELD}={packed.decode()}"


def network_from_link_query(query):
    """The network a link's query opens, None if it names no fit; ValueError if it is broken.

    Only the settings are read from a link, checked like a file: a link can
    neither run code nor name a file.
    """
    if not isinstance(query, str) or len(query) > 2 * MAX_SETTINGS_BYTES:
        raise ValueError("the link is too long to hold a fit")
    try:
        fields = parse_qs(query, max_num_fields=20, strict_parsing=False)
    except ValueError:
        raise ValueError("the link's query cannot be read") from None
    values = fields.get(LINK_FIELD)
    if not values:
        return None
    packed = values[0].strip()
    try:
        compressed = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        unpacker = zlib.decompressobj()
        data = unpacker.decompress(compressed, MAX_SETTINGS_BYTES + 1)
    except (binascii.Error, ValueError, zlib.error):
        raise ValueError("the link's fit is damaged (was it cut short or edited?)") from None
    if not data:
        raise ValueError("the link's fit is damaged (was it cut short or edited?)")
    if unpacker.unconsumed_tail or len(data) > MAX_SETTINGS_BYTES:
        raise ValueError("the link's fit is too large to be settings")
    return settings_from_bytes(data, "the link")

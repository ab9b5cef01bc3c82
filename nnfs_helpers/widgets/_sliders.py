"""Putting a value on a slider so that it reads back exactly."""


def slider_value(value, slider):
    """`value` clamped to the slider's range and snapped to its step."""
    clamped = min(max(float(value), slider.min), slider.max)
    return round(round(clamped / slider.step) * slider.step, 10)

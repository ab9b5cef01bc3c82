"""What a challenge check gives back: whether it passed, and what to do next."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Feedback:
    """A check's verdict. Shown in a notebook, it reads as its message."""

    passed: bool
    message: str

    def __repr__(self):
        return self.message

    def __str__(self):
        return self.message

    def __bool__(self):
        return self.passed


def passed(message):
    return Feedback(True, message)


def not_yet(message):
    return Feedback(False, message)

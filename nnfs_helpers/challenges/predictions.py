"""Predict, then look: a notebook cell that shows its answer only once a guess is in.

A notebook is saved with its outputs, so a cell that prints the answer under a
"predict first" question gives it away before the learner has thought. With

    reveal(guess, show_the_answer)

the saved output is a request to guess first; once `guess` holds a guess of the
right kind, running the cell calls `show_the_answer()` and shows what it returns.
"""

from ._feedback import need_number, need_whole_number, not_yet


def reveal(guess, answer, name="guess", whole=False):
    """Call and return `answer()` once `guess` is a number; until then say what to do first.

    `answer` is a function without arguments: it may print, draw, or return
    something for the notebook to show. `whole=True` asks for a whole number
    (a count). The guess is not judged here: the check cell does that.
    """
    if guess is None:
        return not_yet(f"Make your guess first: set `{name}` above and run its cell, then run "
                       "this cell to see the answer.")
    need = need_whole_number if whole else need_number
    problem = need(guess, name)
    if problem is not None:
        return not_yet(f"{problem.message} Fix your guess above and run its cell, then run "
                       "this cell again to see the answer.")
    return answer()

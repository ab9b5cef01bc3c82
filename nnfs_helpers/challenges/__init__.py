"""Check functions for the notebooks' challenges, one module per notebook.

Each check says what is still off, in words, rather than just "wrong".
"""

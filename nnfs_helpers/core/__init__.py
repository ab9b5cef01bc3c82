"""The book's core: the activation classes, Layer_Dense, the loss, Adam and the training
loop, the chapter's classes as the book writes them (`book`), and the input checks behind
every clear error (`_checks`).

It imports nothing from the lessons or the views: they build on it.
"""

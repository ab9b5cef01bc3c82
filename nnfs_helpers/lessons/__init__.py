"""The lessons' models, built on the core: one neuron, a pair and softmax (`neurons`),
gradients through deep stacks (`learning`), 05's side-by-side training runs (`sine_runs`)
and 07's sine network and session (`sine_fit`).

Plain maths and state, no drawing: the views (widgets, figures, challenges) show them.
Nothing here is imported until a notebook or a view first asks for it.
"""

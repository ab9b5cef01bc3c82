"""Interactive explorers for the notebooks: thin widget views over plain objects.

Each explorer is one widget to display; its figure is made once on an ipympl
canvas and a slider only moves artists. Works under any matplotlib backend.
"""

from .activation_gallery import ActivationGallery
from .learning_explorer import DeadReluExplorer, GradientDepthExplorer
from .neuron_explorers import NeuronExplorer, ReluPairExplorer
from .sine_explorer import SineFitExplorer
from .softmax_explorer import SoftmaxExplorer
from .training_explorer import TrainingExplorer

__all__ = [
    "ActivationGallery",
    "DeadReluExplorer",
    "GradientDepthExplorer",
    "NeuronExplorer",
    "ReluPairExplorer",
    "SineFitExplorer",
    "SoftmaxExplorer",
    "TrainingExplorer",
]

"""Mean squared error, the regression loss used to fit the sine."""

import numpy as np

from ._checks import as_float_array, require_samples

VALUE_PER_SAMPLE = ("one value per sample (a 1-D array) or one row of outputs per sample "
                    "(a 2-D array)")


class Loss_MeanSquaredError:
    """Mean of (y_true - y_pred)^2; forward gives one loss per sample."""

    def forward(self, y_pred, y_true):
        y_pred, y_true = self._matched(y_pred, y_true)
        return np.mean((y_true - y_pred) ** 2, axis=-1)

    def calculate(self, output, y):
        """The mean loss over all samples, as a float."""
        return float(np.mean(self.forward(output, y)))

    def backward(self, dvalues, y_true):
        dvalues, y_true = self._matched(dvalues, y_true)
        samples, outputs = dvalues.shape
        # d/dy_pred of mean((y_true - y_pred)^2) over outputs, then over samples.
        self.dinputs = -2 * (y_true - dvalues) / outputs / samples
        return self.dinputs

    @staticmethod
    def _matched(y_pred, y_true):
        y_pred = as_float_array(y_pred, "y_pred")
        y_true = as_float_array(y_true, "y_true")
        for values, name in ((y_pred, "y_pred"), (y_true, "y_true")):
            require_samples(values, name, "Loss_MeanSquaredError", forms=VALUE_PER_SAMPLE)
        if y_pred.ndim == 1:
            y_pred = y_pred.reshape(-1, 1)
        # A flat target for a one-output network is the one reshape allowed;
        # any other mismatch (a transposed target, say) is an error.
        if y_true.ndim == 1 and y_pred.shape == (y_true.size, 1):
            y_true = y_true.reshape(y_pred.shape)
        if y_true.shape != y_pred.shape:
            raise ValueError(
                f"y_true must match the predictions' shape {y_pred.shape}; got shape {y_true.shape}"
            )
        return y_pred, y_true

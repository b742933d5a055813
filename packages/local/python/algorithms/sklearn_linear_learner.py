"""Built-in `sklearn-linear-learner`: an SGD linear model trained epoch by epoch.

Hyperparameters: predictor_type (binary_classifier | multiclass_classifier | regressor, default
binary_classifier), epochs (default 10), learning_rate (default 0.1), l1 / wd (regularisation).
Prints `train:loss`, `train:accuracy` or `train:mse`, and the validation equivalents per epoch.
"""
import os

import joblib
import numpy as np
from sklearn.linear_model import SGDClassifier, SGDRegressor
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error

from _sm_common import fail, hyperparameters, metric, model_dir, read_csv_channel


def main():
    hps = hyperparameters()
    predictor = hps.get("predictor_type", "binary_classifier")
    epochs = int(hps.get("epochs", "10"))
    rate = float(hps.get("learning_rate", "0.1"))
    alpha = float(hps.get("wd", hps.get("l1", "0.0001")))
    train = read_csv_channel("train")
    if train is None:
        fail("ClientError: the train channel is required and must hold CSV files (label in the first column)")
    x, y = train
    validation = read_csv_channel("validation")
    if predictor == "regressor":
        model = SGDRegressor(learning_rate="constant", eta0=rate, alpha=alpha, random_state=0)
    elif predictor in ("binary_classifier", "multiclass_classifier"):
        model = SGDClassifier(loss="log_loss", learning_rate="constant", eta0=rate, alpha=alpha, random_state=0)
    else:
        fail("ClientError: predictor_type must be binary_classifier, multiclass_classifier or regressor, not %s" % predictor)
    classes = np.unique(y) if predictor != "regressor" else None
    for epoch in range(1, epochs + 1):
        if classes is not None:
            model.partial_fit(x, y, classes=classes)
        else:
            model.partial_fit(x, y)
        print("#epoch %d" % epoch, flush=True)
        report(model, "train", x, y, predictor)
        if validation is not None:
            report(model, "validation", validation[0], validation[1], predictor)
    joblib.dump(model, os.path.join(model_dir(), "model.joblib"))


def report(model, prefix, x, y, predictor):
    if predictor == "regressor":
        metric(prefix + ":mse", mean_squared_error(y, model.predict(x)))
    else:
        metric(prefix + ":accuracy", accuracy_score(y, model.predict(x)))
        metric(prefix + ":loss", log_loss(y, model.predict_proba(x), labels=model.classes_))


if __name__ == "__main__":
    main()

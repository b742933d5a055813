"""Built-in `sklearn-random-forest`: a forest grown in steps so progress shows as metrics.

Hyperparameters: predictor_type (classifier | regressor, default classifier), n_estimators
(default 50), max_depth (default none), min_samples_leaf (default 1).
Prints `train:accuracy` (or `train:mse`) and the validation equivalent as trees are added.
"""
import os

import joblib
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, mean_squared_error

from _sm_common import fail, hyperparameters, metric, model_dir, read_csv_channel


def main():
    hps = hyperparameters()
    predictor = hps.get("predictor_type", "classifier")
    total = int(hps.get("n_estimators", "50"))
    depth = hps.get("max_depth")
    options = dict(
        warm_start=True,
        random_state=0,
        max_depth=int(depth) if depth else None,
        min_samples_leaf=int(hps.get("min_samples_leaf", "1")),
    )
    train = read_csv_channel("train")
    if train is None:
        fail("ClientError: the train channel is required and must hold CSV files (label in the first column)")
    x, y = train
    validation = read_csv_channel("validation")
    if predictor == "regressor":
        model, score, name = RandomForestRegressor(**options), mean_squared_error, "mse"
    elif predictor == "classifier":
        model, score, name = RandomForestClassifier(**options), accuracy_score, "accuracy"
    else:
        fail("ClientError: predictor_type must be classifier or regressor, not %s" % predictor)
    steps = max(1, min(10, total))
    for step in range(1, steps + 1):
        model.set_params(n_estimators=max(1, total * step // steps))
        model.fit(x, y)
        print("#trees %d" % model.n_estimators, flush=True)
        metric("train:" + name, score(y, model.predict(x)))
        if validation is not None:
            metric("validation:" + name, score(validation[1], model.predict(validation[0])))
    joblib.dump(model, os.path.join(model_dir(), "model.joblib"))


if __name__ == "__main__":
    main()

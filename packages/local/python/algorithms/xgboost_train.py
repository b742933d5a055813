"""Built-in `xgboost`: XGBoost's own training loop with its standard log lines.

Hyperparameters as SageMaker's XGBoost takes them: num_round (default 20), objective (default
reg:squarederror), eta, max_depth, subsample, eval_metric, num_class...
Prints `[i]#011train-<metric>:<v>#011validation-<metric>:<v>` each round, like SageMaker's image.
"""
import os

import xgboost as xgb

from _sm_common import fail, hyperparameters, model_dir, read_csv_channel

BOOSTER_KEYS = {
    "eta", "max_depth", "subsample", "colsample_bytree", "min_child_weight", "gamma", "alpha",
    "lambda", "objective", "eval_metric", "num_class", "scale_pos_weight", "max_delta_step", "seed",
}


def main():
    hps = hyperparameters()
    rounds = int(hps.get("num_round", "20"))
    params = {key: value for key, value in hps.items() if key in BOOSTER_KEYS}
    params.setdefault("objective", "reg:squarederror")
    for key in ("max_depth", "num_class", "seed"):
        if key in params:
            params[key] = int(params[key])
    train = read_csv_channel("train")
    if train is None:
        fail("ClientError: the train channel is required and must hold CSV files (label in the first column)")
    dtrain = xgb.DMatrix(train[0], label=train[1])
    evals = [(dtrain, "train")]
    validation = read_csv_channel("validation")
    if validation is not None:
        evals.append((xgb.DMatrix(validation[0], label=validation[1]), "validation"))
    try:
        booster = xgb.train(params, dtrain, num_boost_round=rounds, evals=evals, verbose_eval=False,
                            callbacks=[PrintEvaluation()])
    except xgb.core.XGBoostError as error:
        fail("ClientError: %s" % str(error).splitlines()[0])
    booster.save_model(os.path.join(model_dir(), "xgboost-model"))


class PrintEvaluation(xgb.callback.TrainingCallback):
    def after_iteration(self, model, epoch, evals_log):
        parts = []
        for data, metrics in evals_log.items():
            for name, values in metrics.items():
                parts.append("%s-%s:%.5f" % (data, name, values[-1]))
        print("[%d]\t%s" % (epoch, "\t".join(parts)), flush=True)
        return False


if __name__ == "__main__":
    main()

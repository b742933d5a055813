"""Shared helpers for MLSpace's built-in algorithms (SageMaker training container contract)."""
import glob
import json
import os
import sys

import numpy as np


def hyperparameters():
    """SM_HPS holds every hyperparameter as a string, as SageMaker passes them."""
    return json.loads(os.environ.get("SM_HPS", "{}"))


def channel_dir(name):
    return os.environ.get("SM_CHANNEL_" + name.upper())


def read_csv_channel(name):
    """Reads every CSV file of a channel; the first column is the label (SageMaker's built-in rule)."""
    directory = channel_dir(name)
    if not directory or not os.path.isdir(directory):
        return None
    files = sorted(
        f for f in glob.glob(os.path.join(directory, "**", "*"), recursive=True) if os.path.isfile(f)
    )
    if not files:
        return None
    rows = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            for line_number, line in enumerate(handle, start=1):
                line = line.strip()
                if not line:
                    continue
                cells = line.split(",")
                try:
                    rows.append([float(cell) for cell in cells])
                except ValueError:
                    if line_number == 1:
                        continue  # a header row
                    raise ValueError(
                        "%s line %d: every value must be a number (%s)" % (os.path.basename(path), line_number, line[:80])
                    )
    if not rows:
        raise ValueError("channel %s has no data rows" % name)
    data = np.array(rows, dtype=float)
    return data[:, 1:], data[:, 0]


def fail(message):
    """Writes output/failure, the file SageMaker reads the failure reason from, and exits non-zero."""
    output_dir = os.environ.get("SM_OUTPUT_DIR")
    if output_dir:
        os.makedirs(output_dir, exist_ok=True)
        with open(os.path.join(output_dir, "failure"), "w", encoding="utf-8") as handle:
            handle.write(message)
    print(message, file=sys.stderr)
    sys.exit(1)


def model_dir():
    directory = os.environ.get("SM_MODEL_DIR", "model")
    os.makedirs(directory, exist_ok=True)
    return directory


def metric(name, value):
    print("%s=%.6f" % (name, value), flush=True)

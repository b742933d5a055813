"""MLSpace's local inference server: the SageMaker inference contract on the standard library.

GET /ping answers 200 once the model is loaded; POST /invocations runs
input_fn -> predict_fn -> output_fn. The user's inference code (`inference.py`, found in the
model's `code/` folder or in --code-dir) may define any of model_fn, input_fn, predict_fn and
output_fn; the defaults below serve scikit-learn and XGBoost models.

A payload the model rejects is answered with 400 and the model's own message, so the caller sees
what was wrong with the request rather than a server error.
"""
import argparse
import importlib.util
import json
import os
import pickle
import sys
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np


class ClientError(Exception):
    """The request cannot be served as sent (status 4xx)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def default_model_fn(model_dir):
    for name in ("model.joblib", "model.pkl", "model.pickle"):
        path = os.path.join(model_dir, name)
        if os.path.exists(path):
            if name.endswith(".joblib"):
                import joblib

                return joblib.load(path)
            with open(path, "rb") as handle:
                return pickle.load(handle)
    for name in ("xgboost-model", "model.json", "model.ubj", "model.bst"):
        path = os.path.join(model_dir, name)
        if os.path.exists(path):
            import xgboost as xgb

            booster = xgb.Booster()
            booster.load_model(path)
            return booster
    raise RuntimeError(
        "no model found in the artefact: expected model.joblib, model.pkl or xgboost-model, "
        "or an inference.py with model_fn"
    )


def default_input_fn(body, content_type):
    text = body.decode("utf-8")
    kind = (content_type or "text/csv").split(";")[0].strip().lower()
    if kind in ("text/csv", "text/plain"):
        rows = [line for line in text.splitlines() if line.strip()]
        if not rows:
            raise ClientError(400, "the payload is empty: send one CSV row per line")
        try:
            return np.array([[float(cell) for cell in row.split(",")] for row in rows], dtype=float)
        except ValueError as error:
            raise ClientError(400, "the CSV payload must hold numbers only: %s" % error)
    if kind == "application/json":
        try:
            data = json.loads(text)
        except ValueError as error:
            raise ClientError(400, "the payload is not valid JSON: %s" % error)
        if isinstance(data, dict):
            data = data.get("instances", data.get("inputs", data.get("features")))
            if data is None:
                raise ClientError(400, 'a JSON object payload needs "instances" (a list of rows)')
        array = np.array(data, dtype=float) if data is not None else None
        return array.reshape(1, -1) if array is not None and array.ndim == 1 else array
    raise ClientError(415, "unsupported content type %s: send text/csv or application/json" % kind)


def default_predict_fn(data, model):
    try:
        import xgboost as xgb

        if isinstance(model, xgb.Booster):
            return model.predict(xgb.DMatrix(data))
    except ImportError:
        pass
    return model.predict(data)


def default_output_fn(prediction, accept):
    values = prediction.tolist() if hasattr(prediction, "tolist") else prediction
    kind = (accept or "application/json").split(";")[0].strip().lower()
    if kind in ("text/csv", "text/plain"):
        lines = [",".join(str(v) for v in row) if isinstance(row, list) else str(row) for row in values]
        return "\n".join(lines) + "\n", "text/csv"
    return json.dumps({"predictions": values}), "application/json"


def load_user_module(code_dir, program):
    path = os.path.join(code_dir, program) if code_dir else None
    if not path or not os.path.isfile(path):
        return None
    sys.path.insert(0, code_dir)
    spec = importlib.util.spec_from_file_location("inference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Handlers:
    def __init__(self, model_dir, code_dir, program):
        module = load_user_module(code_dir, program)
        pick = lambda name, default: getattr(module, name, default) if module else default
        self.input_fn = pick("input_fn", default_input_fn)
        self.predict_fn = pick("predict_fn", default_predict_fn)
        self.output_fn = pick("output_fn", default_output_fn)
        self.model = pick("model_fn", default_model_fn)(model_dir)

    def invoke(self, body, content_type, accept):
        try:
            data = self.input_fn(body, content_type)
        except ClientError:
            raise
        except Exception as error:  # the user's input_fn rejected the payload
            raise ClientError(400, describe(error))
        try:
            prediction = self.predict_fn(data, self.model)
        except Exception as error:  # e.g. a wrong number of features
            raise ClientError(400, describe(error))
        result = self.output_fn(prediction, accept)
        if isinstance(result, tuple):
            payload, kind = result
        else:
            payload, kind = result, accept or "application/json"
        return payload.encode("utf-8") if isinstance(payload, str) else bytes(payload), kind


def describe(error):
    return ("%s: %s" % (type(error).__name__, error)).strip()


def make_handler(handlers):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; without this, Nagle's algorithm and the
        # client's delayed ACK add about 40 ms to every response.
        disable_nagle_algorithm = True

        def do_GET(self):
            if self.path.split("?")[0] == "/ping":
                self.reply(200, b"", "text/plain")
            else:
                self.reply(404, b"not found", "text/plain")

        def do_POST(self):
            if self.path.split("?")[0] != "/invocations":
                self.reply(404, b"not found", "text/plain")
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            started = time.perf_counter()
            try:
                payload, kind = handlers.invoke(
                    body, self.headers.get("Content-Type"), self.headers.get("Accept")
                )
                self.reply(200, payload, kind)
            except ClientError as error:
                self.reply(error.status, str(error).encode("utf-8"), "text/plain")
            except Exception as error:
                traceback.print_exc()
                self.reply(500, describe(error).encode("utf-8"), "text/plain")
            finally:
                print("invocation %.1f ms" % ((time.perf_counter() - started) * 1000), file=sys.stderr, flush=True)

        def reply(self, status, payload, kind):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):  # one line per invocation is printed above instead
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--code-dir", default=None)
    parser.add_argument("--program", default=os.environ.get("SAGEMAKER_PROGRAM", "inference.py"))
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    code_dir = args.code_dir or os.path.join(args.model_dir, "code")
    handlers = Handlers(args.model_dir, code_dir, args.program)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(handlers))
    server.daemon_threads = True
    print(json.dumps({"ready": True, "port": server.server_address[1]}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Call MLSpace from Python with a token, using only the standard library.

Lists your projects and the datasets you can see, and with --train starts a training job from a
JSON spec (the fields of the training form) and waits for it to end.

Where to call and with which token:
  --url and --token, else MLSPACE_API_URL with MLSPACE_TOKEN or MLSPACE_TOKEN_FILE (a notebook
  has these; the file is re-read on every call because it is rewritten before it expires).

Every procedure is described in <url>/api/openapi.json. Queries are
GET /api/trpc/<procedure>?input=<JSON>, mutations POST /api/trpc/<procedure> with a JSON body;
the answer is {"result": {"data": ...}}, a refusal {"error": {"message", "data": {"code",
"httpStatus", "fieldErrors"}}}.

  python3 mlspace_example.py --url https://mlspace.example.com --token mls_...
  python3 mlspace_example.py --train spec.json
"""

import argparse
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


class MlspaceError(Exception):
    """A refusal: the API's sentence, its code (FORBIDDEN, BAD_REQUEST, ...), HTTP status and field errors."""

    def __init__(self, message, code, status, field_errors):
        super().__init__(message)
        self.code = code
        self.status = status
        self.field_errors = field_errors or []


class Mlspace:
    def __init__(self, url=None, token=None):
        url = url or os.environ.get("MLSPACE_API_URL")
        if not url:
            raise SystemExit("Give --url or set MLSPACE_API_URL")
        # The site, its /api or its /api/trpc all name the same MLSpace.
        self.url = re.sub(r"/api(/trpc)?$", "", url.rstrip("/"))
        self._token = token or os.environ.get("MLSPACE_TOKEN")
        self._token_file = os.environ.get("MLSPACE_TOKEN_FILE")
        if not self._token and not self._token_file:
            raise SystemExit("Give --token or set MLSPACE_TOKEN or MLSPACE_TOKEN_FILE")

    def token(self):
        if self._token:
            return self._token
        with open(self._token_file, encoding="utf-8") as file:
            return file.read().strip()

    def query(self, procedure, input=None):
        url = f"{self.url}/api/trpc/{procedure}"
        if input is not None:
            url += "?" + urllib.parse.urlencode({"input": json.dumps(input)})
        return self._send(urllib.request.Request(url, method="GET"))

    def mutate(self, procedure, input=None):
        body = json.dumps(input).encode() if input is not None else None
        request = urllib.request.Request(
            f"{self.url}/api/trpc/{procedure}", data=body, method="POST"
        )
        request.add_header("content-type", "application/json")
        return self._send(request)

    def _send(self, request):
        request.add_header("authorization", f"Bearer {self.token()}")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)["result"].get("data")
        except urllib.error.HTTPError as failure:
            try:
                error = json.load(failure)["error"]
            except (ValueError, KeyError):
                raise MlspaceError(f"MLSpace answered {failure.code}", "HTTP_ERROR", failure.code, [])
            data = error.get("data") or {}
            raise MlspaceError(
                error["message"], data.get("code"), data.get("httpStatus"), data.get("fieldErrors")
            )

    def all_pages(self, procedure, input):
        """Every item of a paged list: pass the returned cursor back until there is none."""
        items, cursor = [], None
        while True:
            page = self.query(procedure, {**input, "cursor": cursor} if cursor else input)
            items += page["items"]
            cursor = page.get("cursor")
            if not cursor:
                return items


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--token")
    parser.add_argument("--train", metavar="SPEC.json", help="start this training job and wait for it")
    args = parser.parse_args()
    mlspace = Mlspace(args.url, args.token)

    me = mlspace.query("me.get")
    print(f"Signed in as {me['username']}")
    for project in mlspace.all_pages("projects.mine", {"limit": 100}):
        print(f"project  {project['name']}  ({project['role']})")
    for dataset in mlspace.all_pages("datasets.list", {"scope": "all", "limit": 100}):
        print(f"dataset  {dataset['name']}  {dataset['scope']}  {dataset['location']}")

    if args.train:
        with open(args.train, encoding="utf-8") as file:
            spec = json.load(file)
        try:
            job = mlspace.mutate("training.create", spec)
        except MlspaceError as error:
            print(f"Refused: {error} ({error.status} {error.code})", file=sys.stderr)
            for field in error.field_errors:
                print(f"  {field['path']}: {field['message']}", file=sys.stderr)
            return 7
        print(f"training {job['name']} created: {job['status']}")
        while True:
            job = mlspace.query("training.get", {"name": spec["name"]})["job"]
            if job["status"] in ("Completed", "Failed", "Stopped"):
                print(f"training {job['name']} ended: {job['status']}")
                return 0 if job["status"] == "Completed" else 10
            time.sleep(2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Checks what zeiko-server said against docs/openapi.yaml.

    check_openapi.py DOC                 lint the document itself
    check_openapi.py DOC LOG             lint, then validate every line of LOG

LOG holds one JSON object per line, written by the test support
(tests/support/response_log.cpp):
    {"kind": "http", "method", "path", "status", "contentType", "body"}
    {"kind": "frame", "body"}   (a text frame of GET /api/v1/stream)

An HTTP response passes when its route and method are in the document (or it
is the documented 404/405 of an unknown route/method), its status is listed
for the operation (or in x-any-route-responses), and its body validates
against the listed JSON schema; a status without content must have an empty
body. A frame must validate against components.schemas.StreamServerFrame.

The lint makes the document strict: every object schema with properties says
additionalProperties: false, except request bodies (what clients send may
grow), and every schema is valid JSON Schema 2020-12.

Debian's python3-jsonschema (4.10) and python3-yaml; run with /usr/bin/python3.
Exit code 0: all good; 1: a violation (printed); 2: usage or unreadable input.
"""

import json
import re
import sys

import jsonschema
import yaml

MAX_REPORTED = 25


def load_document(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    # YAML reads unquoted 200 as an int; OpenAPI keys are strings.
    for item in doc.get("paths", {}).values():
        for op in item.values():
            if isinstance(op, dict) and "responses" in op:
                op["responses"] = {str(k): v for k, v in op["responses"].items()}
    doc["x-any-route-responses"] = {str(k): v for k, v in doc.get("x-any-route-responses", {}).items()}
    return doc


def validator_for(doc, schema):
    resolver = jsonschema.RefResolver(base_uri="", referrer=doc)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


def resolve(doc, node):
    while isinstance(node, dict) and "$ref" in node:   # siblings (description) only annotate
        pointer = node["$ref"]
        if not pointer.startswith("#/"):
            raise ValueError("only local $refs are supported: " + pointer)
        node = doc
        for part in pointer[2:].split("/"):
            node = node[part]
    return node


def lint(doc):
    problems = []

    def walk(node, where, emitted):
        if isinstance(node, dict):
            if emitted and ("properties" in node) and node.get("additionalProperties") is not False \
                    and node.get("type") == "object":
                problems.append(where + ": an object the server emits needs additionalProperties: false")
            for key, value in node.items():
                walk(value, where + "/" + str(key), emitted)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, "%s/%d" % (where, i), emitted)

    request_schemas = {"Command", "StreamClientFrame"}
    for name, schema in doc["components"]["schemas"].items():
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            problems.append("components/schemas/%s: %s" % (name, e.message))
        walk(schema, "components/schemas/" + name, name not in request_schemas)
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            for status, response in op["responses"].items():
                walk(resolve(doc, response), "paths%s/%s/%s" % (path, method, status), True)
    return problems


def route_table(doc):
    table = []
    for template, item in doc["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
        table.append((re.compile(pattern), template, item))
    return table


def check_http(doc, routes, line):
    method, path, status = line["method"].lower(), line["path"], str(line["status"])
    body = line.get("body", "")
    item = next((entry for rx, _, entry in routes if rx.match(path)), None)
    if item is None:
        response = doc["components"]["responses"]["Error"] if status == "404" else None
        where = "unknown route " + path
    elif method not in item:
        response = doc["components"]["responses"]["Error"] if status == "405" else None
        where = "%s %s (method not in the document)" % (method.upper(), path)
    else:
        where = "%s %s" % (method.upper(), path)
        response = item[method]["responses"].get(status) or doc["x-any-route-responses"].get(status)
    if response is None:
        return ["%s -> %s: status not in the document" % (where, status)]
    response = resolve(doc, response)
    content = response.get("content")
    if not content:
        return [] if body == "" else ["%s -> %s: the document says no body, got %r" % (where, status, body[:200])]
    schema = content["application/json"]["schema"]
    if not line.get("contentType", "").startswith("application/json"):
        return ["%s -> %s: Content-Type %r, expected application/json" % (where, status, line.get("contentType"))]
    return validate(doc, schema, body, "%s -> %s" % (where, status))


def validate(doc, schema, body, where):
    try:
        instance = json.loads(body)
    except ValueError as e:
        return ["%s: body is not JSON (%s): %r" % (where, e, body[:200])]
    found = []
    for error in sorted(validator_for(doc, schema).iter_errors(instance), key=lambda e: list(e.absolute_path)):
        found.append("%s: at $%s: %s" % (where, "".join("[%r]" % p for p in error.absolute_path), error.message))
    return found


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        doc = load_document(argv[1])
    except (OSError, yaml.YAMLError) as e:
        print("check_openapi: cannot read %s: %s" % (argv[1], e), file=sys.stderr)
        return 2
    problems = lint(doc)
    checked = 0
    if len(argv) == 3 and not problems:
        routes = route_table(doc)
        frame_schema = {"$ref": "#/components/schemas/StreamServerFrame"}
        try:
            with open(argv[2], encoding="utf-8") as f:
                lines = [json.loads(text) for text in f if text.strip()]
        except (OSError, ValueError) as e:
            print("check_openapi: cannot read %s: %s" % (argv[2], e), file=sys.stderr)
            return 2
        seen = set()
        for line in lines:
            checked += 1
            if line.get("kind") == "frame":
                found = validate(doc, frame_schema, line["body"], "stream frame")
            else:
                found = check_http(doc, routes, line)
            for problem in found:
                if problem not in seen:
                    seen.add(problem)
                    problems.append(problem)
    for problem in problems[:MAX_REPORTED]:
        print("check_openapi: " + problem, file=sys.stderr)
    if len(problems) > MAX_REPORTED:
        print("check_openapi: ... and %d more" % (len(problems) - MAX_REPORTED), file=sys.stderr)
    if problems:
        return 1
    if len(argv) == 3 and checked:
        print("check_openapi: %d responses and frames match %s" % (checked, argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

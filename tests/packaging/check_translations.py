#!/usr/bin/env python3
"""Fails when a user-visible string of the console is not translated.

Two checks, both over the sources lupdate scans (ui/, app/, core/):
  1. lupdate (the same options as translations/CMakeLists.txt) into a temporary
     copy of each .ts: every message must have a finished translation. A new or
     changed tr() string shows up here as "unfinished".
  2. A literal handed straight to a widget text setter (setText(QStringLiteral(
     "Save")), QLabel(u"..."_s), ...) without tr(): lupdate cannot see it, so it
     would stay English. Mark a deliberate one with `// i18n: not user-visible`.

usage: check_translations.py --lupdate PATH --source-dir DIR --ts FILE... --include DIR...
"""
import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SETTERS = (r"setText|setWindowTitle|setPlaceholderText|setToolTip|setStatusTip|setAccessibleName|"
           r"setAccessibleDescription|setWhatsThis|showMessage|setTitle|setLabelText|setHeaderLabels|"
           r"addTab|setTabText|setItemText|addItem|addMenu|setInformativeText|setDetailedText|"
           r"QLabel|QPushButton|QCheckBox|QRadioButton|QGroupBox|QToolButton|QAction")
LITERAL = r'(?:QStringLiteral|QLatin1String|QLatin1StringView|QString::fromUtf8|QString)?\(?\s*u?8?"((?:[^"\\]|\\.)*)"(?:_s)?'
DIRECT = re.compile(r"\b(?:" + SETTERS + r")\s*\(\s*(?:[\w.>\-]+\s*,\s*)?" + LITERAL)
IGNORE_MARK = "i18n: not user-visible"


def looks_like_prose(text):
    """True for text a person reads: words, not keys, markup, URLs or format strings."""
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"\w+://\S+", " ", text)
    text = re.sub(r"%\d+|\\[nt]|&(?=\w)", " ", text)
    words = re.findall(r"[A-Za-z]{2,}", text)
    if not words:
        return False
    return " " in text.strip() or text.strip()[0].isupper()


def unwrapped_literals(source_dir):
    found = []
    for folder in ("ui", "app"):
        for path in sorted((source_dir / folder).rglob("*.cpp")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if IGNORE_MARK in line or line.lstrip().startswith("//"):
                    continue
                for match in DIRECT.finditer(line):
                    if looks_like_prose(match.group(1)):
                        found.append(f"{path.relative_to(source_dir)}:{number}: {line.strip()}")
    return found


def unfinished_messages(lupdate, source_dir, ts_files, includes):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts in ts_files:
            copy = pathlib.Path(tmp) / pathlib.Path(ts).name
            shutil.copyfile(ts, copy)
            command = [lupdate, "-silent", "-locations", "none", "-no-obsolete"]
            for include in includes:
                command += ["-I", include]
            command += [str(source_dir / d) for d in ("app", "ui", "core")] + ["-ts", str(copy)]
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            for context in ET.parse(copy).getroot().iter("context"):
                name = context.findtext("name")
                for message in context.iter("message"):
                    translation = message.find("translation")
                    kind = translation.get("type") if translation is not None else "unfinished"
                    if kind in ("obsolete", "vanished"):
                        continue
                    text = "".join(translation.itertext()).strip() if translation is not None else ""
                    if kind == "unfinished" or not text:
                        problems.append(f"{pathlib.Path(ts).name}: [{name}] {message.findtext('source')!r}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--source-dir", required=True, type=pathlib.Path)
    parser.add_argument("--ts", nargs="+", required=True)
    parser.add_argument("--include", nargs="*", default=[])
    args = parser.parse_args()

    unwrapped = unwrapped_literals(args.source_dir)
    unfinished = unfinished_messages(args.lupdate, args.source_dir, args.ts, args.include)
    for line in unwrapped:
        print("not wrapped in tr():", line)
    for line in unfinished:
        print("not translated:", line)
    if unfinished:
        print("Run `cmake --build <dir> --target update_translations`, translate the new strings "
              "in translations/*.ts (Linguist), and commit the .ts.")
    print(f"{len(unwrapped)} unwrapped literal(s), {len(unfinished)} untranslated message(s)")
    return 1 if unwrapped or unfinished else 0


if __name__ == "__main__":
    sys.exit(main())

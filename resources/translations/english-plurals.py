#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fills the English plural forms of updraft_en.ts: sources are written once with "(s)" ("%n object(s)") and get
their singular and plural here; where the verb or the wording changes with the number, SPECIAL says how. Every
other message stays as its source. Run by update.sh after lupdate.
    english-plurals.py updraft_en.ts"""
import re
import sys
import xml.etree.ElementTree as ET

# source -> (singular, plural), where the rule below would read badly.
SPECIAL = {
    "%n user(s) have a password hash problem.":
        ("%n user has a password hash problem.", "%n users have a password hash problem."),
    "The first %n users have a usable anchor (%1).":
        ("The first user has a usable anchor (%1).", "The first %n users have a usable anchor (%1)."),
    "%1 removed. Its %n cloud object(s) were left as they are.":
        ("%1 removed. Its %n cloud object was left as it is.", "%1 removed. Its %n cloud objects were left as they are."),
    "%1 was not removed: %n of its object(s) are still in the cloud directory.":
        ("%1 was not removed: %n of its objects is still in the cloud directory.",
         "%1 was not removed: %n of its objects are still in the cloud directory."),
    "%n objects match “%1”; pick one.": ("%n object matches “%1”.", "%n objects match “%1”; pick one."),
    "Nothing matches these filters. %n user(s) have a hash problem; show every status to see them.":
        ("Nothing matches these filters. %n user has a hash problem; show every status to see it.",
         "Nothing matches these filters. %n users have a hash problem; show every status to see them."),
    "The directory changed since this preview: %n write(s) differ from the plan shown, so nothing was run. %1%2":
        ("The directory changed since this preview: %n write differs from the plan shown, so nothing was run. %1%2",
         "The directory changed since this preview: %n writes differ from the plan shown, so nothing was run. %1%2"),
    "No errors in the last %n run(s).": ("No errors in the last run.", "No errors in the last %n runs."),
    "Last %n run(s): changes and duration": ("The last run: changes and duration", "The last %n runs: changes and duration"),
    "Showing the first %n match(es); type more to narrow down.":
        ("Showing the first match; type more to narrow down.", "Showing the first %n matches; type more to narrow down."),
}
DELETES_WAIT = "%n delete(s) wait for your decision."


def forms(source):
    if source in SPECIAL:
        return SPECIAL[source]
    singular = source.replace("(es)", "").replace("(s)", "")
    plural = source.replace("(es)", "es").replace("(s)", "s")
    if source.startswith(DELETES_WAIT):
        singular = singular.replace("%n delete wait for", "%n delete waits for")
    return singular, plural


def main(path):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.find("source").text
        translation = message.find("translation")
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop("type", None)
        for form in forms(source):
            if "(s)" in form or "(es)" in form:
                missing.append(source)
            ET.SubElement(translation, "numerusform").text = form
    if missing:
        sys.exit("no English plural for: " + "; ".join(missing))
    ET.indent(tree, "    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")


if __name__ == "__main__":
    main(sys.argv[1])

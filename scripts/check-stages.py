#!/usr/bin/env python3
"""Fails when an #include in engine/ crosses stages against engine/stages.txt.

    python3 scripts/check-stages.py [REPO]

Every `#include "STAGE/..."` in engine/OWN/ must name OWN itself or a stage listed on OWN's line
of engine/stages.txt; every folder of engine/ must have a line, and the lines must not form a
cycle. Each problem is printed as FILE:LINE: error: ... (what to do), and the exit status is 1.
"""
import os
import re
import sys

repo = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
engine = os.path.join(repo, "engine")
allowed, problems = {}, []
stages_file = os.path.join(engine, "stages.txt")
for number, line in enumerate(open(stages_file, encoding="utf-8"), 1):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, _, deps = line.partition(":")
    allowed[name.strip()] = set(deps.split())
for stage, deps in allowed.items():
    for d in deps:
        if d not in allowed:
            problems.append("%s: error: stage '%s' may include '%s', which is not a stage (add a line for it)" % (stages_file, stage, d))


def reaches(start, target, seen=()):
    return any(d == target or (d not in seen and reaches(d, target, seen + (d,))) for d in allowed.get(start, ()))


for stage in allowed:
    if reaches(stage, stage):
        problems.append("%s: error: stage '%s' depends on itself through others (a cycle)" % (stages_file, stage))
include = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')
for stage in sorted(os.listdir(engine)):
    folder = os.path.join(engine, stage)
    if not os.path.isdir(folder):
        continue
    if stage not in allowed:
        problems.append("%s: error: engine/%s/ is not in stages.txt (add its line with the stages it uses)" % (stages_file, stage))
        continue
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".cpp", ".hpp")):
            continue
        path = os.path.join(folder, name)
        for number, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
            m = include.match(line)
            if m and m.group(1) != stage and m.group(1) not in allowed[stage]:
                problems.append("%s:%d: error: %s includes %s/, which stages.txt does not allow "
                                "(dependencies point down the pipeline: move the shared piece down, or "
                                "list the edge if it belongs)" % (os.path.relpath(path, repo), number, stage, m.group(1)))
for p in problems:
    print(p)
if problems:
    sys.exit(1)
print("stages: %d stages, every #include points down the pipeline" % len(allowed))

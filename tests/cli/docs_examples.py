#!/usr/bin/env python3
"""The README's and the docs' examples, run exactly as written, each document's in a fresh folder.

    python3 tests/cli/docs_examples.py BUILD_DIR REPO [--list]

Every command line in a fenced block of README.md, docs/*.md and templates/*/README.md that calls
reviewkit (`build/reviewkit …` or `reviewkit …`), and each `reviewkit …` in the table of
templates/letters/README.md, is run with bash in a new folder that holds what a reader has beside
them: `build/` (the build), copies of `templates/` and `samples/`, and `reviewkit` on PATH. The
commands of one block run in order in one folder (the second reads what the first wrote); each
letter command of the table runs in a folder of its own holding the letter templates and the
sample case as case.yaml. A command must exit 0.

Left out, each for a reason: usage synopses (lines naming placeholders such as CASE.yaml or
TEMPLATE.docx); `bash scripts/test.sh` (CI itself) and the commands that build (`scripts/build.sh`,
`scripts/run-sample.sh`, which CI and the test suite run in other ways). Optional parts written in
[brackets] are left out of the command.

docs/template-language.md's own examples are a template too: each fenced block of tags becomes a
paragraph of letter.docx (split into runs as Word splits them), which its commands fill from the
sample case.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

PLACEHOLDERS = re.compile(r"\b(CASE|TEMPLATE|DATA|IN|OUT|FORM|FILLED|ANSWERS|COMMAND|PREFIX|DIR|PATH|FILE|NAME|CONDITION|"
                          r"PATTERN|YYYY-MM-DD|RETURN|INPUT|ABBR|ID)\b")
SKIPPED = ("bash scripts/test.sh", "bash scripts/run-sample.sh", "bash scripts/build.sh")


def fenced_blocks(text):
    return re.findall(r"```[a-z]*\n(.*?)```", text, re.S)


def commands_of(block):
    """The runnable reviewkit commands of a block, continuation lines joined."""
    out = []
    for line in block.replace("\\\n", " ").splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()
        if line.startswith(SKIPPED):
            continue
        if not re.match(r"^((build/)?reviewkit (-|[a-z])|cmake --install )", line):
            continue
        line = re.sub(r"\s*\[[^\]]*\]", "", line)  # optional parts left out
        if PLACEHOLDERS.search(line) or "|OUT" in line:
            continue
        out.append(line)
    return out


def examples(repo):
    """(name, setup, [commands]) for each document's examples."""
    found = []
    for doc in ["README.md"] + sorted(glob.glob(os.path.join(repo, "docs", "*.md"))) + \
            sorted(glob.glob(os.path.join(repo, "templates", "*", "README.md"))):
        path = os.path.join(repo, doc) if not os.path.isabs(doc) else doc
        name = os.path.relpath(path, repo)
        text = open(path, encoding="utf-8").read()
        commands = [c for block in fenced_blocks(text) for c in commands_of(block)]
        if commands:
            found.append((name, "repo", commands))
        if name == os.path.join("templates", "letters", "README.md"):
            for i, c in enumerate(re.findall(r"`(reviewkit (?:letters|generate) [a-z-]+\.yaml [^`]+|reviewkit letters [a-z-]+\.docx [^`]+)`", text)):
                found.append(("%s table row %d" % (name, i + 1), "letters", [c]))
    return found


def paragraph(text):
    """A paragraph as Word writes one: the text cut into runs at spaces and tag edges, with a
    spell-check mark and an rsid, and entities escaped."""
    from xml.sax.saxutils import escape
    pieces = re.split(r"(\s+|\{\{|\{%)", text)
    runs, buffer = [], ""
    for p in pieces:
        buffer += p
        if len(buffer) > 7:
            runs.append(buffer)
            buffer = ""
    if buffer:
        runs.append(buffer)
    xml = '<w:p w:rsidR="00A2" w:rsidRDefault="00B3">'
    for i, r in enumerate(runs):
        if i == 1:
            xml += '<w:proofErr w:type="spellStart"/>'
        xml += '<w:r w:rsidRPr="00C4"><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>' % escape(r)
    return xml + "</w:p>"


def letter_from_docs(repo, target):
    text = open(os.path.join(repo, "docs", "template-language.md"), encoding="utf-8").read()
    snippets = [b.strip() for b in fenced_blocks(text)
                if ("{{" in b or "{%" in b) and "error:" not in b and not b.lstrip().startswith("reviewkit")]
    assert len(snippets) >= 4, snippets
    body = "".join(paragraph(line) for s in snippets for line in s.splitlines())
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                   'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
                   'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
                   'org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document xmlns:w="%s"><w:body>%s'
                   '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" '
                   'w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>' % (w, body))
    return snippets


def main():
    build, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    found = examples(repo)
    if "--list" in sys.argv:
        for name, _, commands in found:
            for c in commands:
                print("%s: %s" % (name, c))
        return 0
    failures = 0
    for name, setup, commands in found:
        folder = tempfile.mkdtemp(prefix="reviewkit-docs-")
        try:
            bindir = os.path.join(folder, ".bin")
            os.makedirs(bindir)
            os.symlink(os.path.join(build, "reviewkit"), os.path.join(bindir, "reviewkit"))
            if setup == "repo":
                os.symlink(build, os.path.join(folder, "build"))
                shutil.copytree(os.path.join(repo, "templates"), os.path.join(folder, "templates"))
                shutil.copytree(os.path.join(repo, "samples"), os.path.join(folder, "samples"))
                shutil.copy(os.path.join(repo, "samples", "child-a", "case.yaml"), os.path.join(folder, "case.yaml"))
                if name == os.path.join("docs", "template-language.md"):
                    letter_from_docs(repo, os.path.join(folder, "letter.docx"))
            else:
                for f in glob.glob(os.path.join(repo, "templates", "letters", "*.docx")):  # a board's copy of them
                    shutil.copy(f, folder)
                for f in glob.glob(os.path.join(repo, "samples", "child-a", "*.yaml")):  # the sample and its variants
                    shutil.copy(f, folder)
            env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), HOME=folder)
            env.pop("REVIEWKIT_DATA", None)
            for command in commands:
                r = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True, errors="replace")
                if r.returncode != 0:
                    failures += 1
                    print("FAIL: %s: `%s` exited %d:\n%s" % (name, command, r.returncode, (r.stderr or r.stdout)[-2000:]))
                else:
                    print("ok: %s: %s" % (name, command))
            if name == os.path.join("docs", "template-language.md"):
                filled = os.path.join(folder, "letter-filled.docx")
                with zipfile.ZipFile(filled) as z:
                    doc = z.read("word/document.xml").decode("utf-8")
                for expected in ("died", "Northbrook Children", "Incident: 14 January 2025"):
                    if expected not in re.sub(r"<[^>]+>", "", doc):
                        failures += 1
                        print("FAIL: %s: letter-filled.docx lacks %r" % (name, expected))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    print("%d documents' examples, %d failures" % (len(found), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

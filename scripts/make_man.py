#!/usr/bin/env python3
"""Man pages and bash completion for reviewkit, made from the program's own --help text.

    python3 scripts/make_man.py BUILD/reviewkit OUTDIR

writes OUTDIR/man1/reviewkit.1, OUTDIR/man1/reviewkit-COMMAND.1 for each command and
OUTDIR/completion/reviewkit (bash). The build runs it (CMakeLists.txt), so the pages say exactly
what `reviewkit help COMMAND` says; `cmake --install` puts them under PREFIX/share.
"""
import os
import re
import subprocess
import sys


def run(binary, *args):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    return subprocess.run([binary, *args], capture_output=True, text=True, env=env, check=True).stdout


def commands(overview):
    """(name, summary) of each command, from the Commands: block of reviewkit --help."""
    out, lines = [], overview.splitlines()
    start = lines.index("Commands:") + 1
    i = start
    while i < len(lines) and lines[i].strip():
        m = re.match(r"^  (\w[\w-]*) ", lines[i])
        if m and i + 1 < len(lines) and lines[i + 1].startswith("      "):
            out.append((m.group(1), lines[i + 1].strip()))
            i += 2
        else:
            i += 1
    return out


def roff(text):
    text = text.replace("\\", "\\e")
    text = re.sub(r"(?m)^([.'])", r"\\&\1", text)
    return text


def options_of(help_text):
    """The options a command takes: those its Usage lines show, and those its Options list."""
    usage = help_text.split("\n\n", 1)[0]
    found = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", usage))
    found |= set(re.findall(r"(?m)^  (?:-\w, )?(--?[a-z][\w-]*)", help_text))
    found |= set(re.findall(r"(?m)^  (-\w), --", help_text))
    return sorted(found)


def page(name, summary, help_text, version):
    """A man page from one help text: Usage → SYNOPSIS, the paragraphs → DESCRIPTION, Options →
    OPTIONS, Exit status → EXIT STATUS."""
    synopsis, description, options, status = [], [], [], []
    for block in re.split(r"\n\s*\n", help_text.strip("\n")):
        if block.startswith("Usage:"):
            lines = [l[len("Usage: "):] if l.startswith(" " * len("Usage: ")) or l.startswith("Usage: ") else l
                     for l in block.splitlines()]
            synopsis += [".nf", roff("\n".join(lines)), ".fi"]
        elif block.startswith("Options:") or block.startswith("Commands:"):
            for line in block.splitlines()[1:]:
                m = re.match(r"^  (\S.*?)(?:\s{2,}(.*))?$", line)
                if m and re.match(r"^  (-|\w)", line):
                    options += [".TP", "\\fB%s\\fR" % roff(m.group(1))] + ([roff(m.group(2))] if m.group(2) else [])
                else:
                    options.append(roff(line.strip()))
        elif block.startswith("Exit status:"):
            status.append(roff(block[len("Exit status:"):].strip()))
        else:
            indented = all(l.startswith("  ") for l in block.splitlines())
            description += [".PP", ".nf", roff(block), ".fi"] if indented else [".PP", roff(block)]
    out = ['.TH %s 1 "" "reviewkit %s" "User Commands"' % (name.upper(), version),
           ".SH NAME", "%s \\- %s" % (name, roff(summary))]
    if synopsis:
        out += [".SH SYNOPSIS"] + synopsis
    if description:
        out += [".SH DESCRIPTION"] + description
    if options:
        out += [".SH " + ("COMMANDS" if name == "reviewkit" else "OPTIONS")] + options
    if status:
        out += [".SH EXIT STATUS"] + status
    out += [".SH SEE ALSO", "\\fBreviewkit\\fR(1), docs/ in the reviewkit source"]
    return "\n".join(out) + "\n"


def completion(cmds, options):
    words = " ".join(name for name, _ in cmds)
    cases = "\n".join('    %s) opts="%s" ;;' % (name, " ".join(options[name])) for name, _ in cmds)
    return """# bash completion for reviewkit (made by scripts/make_man.py from reviewkit's --help)
_reviewkit() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]} opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "%s help --help --version" -- "$cur"))
    return
  fi
  case "$cmd" in
%s
    help) COMPREPLY=($(compgen -W "%s case-file help" -- "$cur")); return ;;
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _reviewkit reviewkit
""" % (words, cases, words)


def main():
    binary, outdir = sys.argv[1], sys.argv[2]
    version = run(binary, "--version").splitlines()[0].split()[-1]
    overview = run(binary, "--help")
    cmds = commands(overview)
    os.makedirs(os.path.join(outdir, "man1"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "completion"), exist_ok=True)
    options = {}
    main_page = page("reviewkit", "the documents of child safeguarding case reviews, from one case file", overview, version)
    main_page = main_page.replace(".SH SEE ALSO\n\\fBreviewkit\\fR(1), ",
                                  ".SH SEE ALSO\n" + ", ".join("\\fBreviewkit\\-%s\\fR(1)" % n for n, _ in cmds) + ", ")
    with open(os.path.join(outdir, "man1", "reviewkit.1"), "w") as f:
        f.write(main_page)
    for name, summary in cmds:
        text = run(binary, "help", name)
        options[name] = options_of(text)
        with open(os.path.join(outdir, "man1", "reviewkit-%s.1" % name), "w") as f:
            f.write(page("reviewkit-" + name, summary, text, version))
    with open(os.path.join(outdir, "completion", "reviewkit"), "w") as f:
        f.write(completion(cmds, options))


if __name__ == "__main__":
    main()

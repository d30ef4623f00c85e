#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter that really runs (Rasa 3.6.21 needs >=3.8,<3.11),
# or says what to install. `python3.10` on PATH may be a pyenv shim that exits 127, so each
# candidate is run, not just found.
set -u
candidates=()
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  candidates+=("$(pyenv root)"/versions/3.10.*/bin/python3.10)
fi
candidates+=("$HOME"/.pyenv/versions/3.10.*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10)
for candidate in "${candidates[@]}"; do
  [ -x "$candidate" ] || continue
  version=$("$candidate" -c 'import sys, venv; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || continue
  if [ "$version" = "3.10" ]; then
    echo "$candidate"
    exit 0
  fi
done
printf '%s\n' >&2 \
  "error: no working Python 3.10 interpreter found." \
  "Rasa 3.6.21 (the last open-source release) needs Python 3.10; it does not install on 3.11." \
  "Install one, then run make again:" \
  "  - with pyenv:  pyenv install 3.10.13" \
  "  - on Debian/Ubuntu:  apt-get install python3.10 python3.10-venv  (where your release has it)"
exit 1

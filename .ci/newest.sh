#!/usr/bin/env bash
# The quick tier against the newest releases of everything (no constraints.txt):
# a fresh venv, `pip install --upgrade -e '.[test,simpleaudio]'` plus .ci/tools.txt,
# then `pytest -q -m "not slow"`. Prints each package whose newest release is not
# the pinned one, so a red run here names what moved. Run by .ci/run after the
# pinned suite; alone: `bash .ci/newest.sh` (NEWEST_KEEP=1 keeps the venv).
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/hamstring-newest.XXXXXX")
if [ "${NEWEST_KEEP:-0}" = 1 ]; then echo "newest: venv kept in $work"; else trap 'rm -rf "$work"' EXIT; fi
python=${NEWEST_PYTHON:-python3}
if ! { "$python" -m venv "$work/venv" \
       && "$work/venv/bin/pip" install -q --upgrade pip \
       && "$work/venv/bin/pip" install -q --upgrade -e '.[test,simpleaudio]' -r .ci/tools.txt; } \
     >"$work/install.log" 2>&1; then
  tail -30 "$work/install.log"
  echo "newest: FAILED to install the newest releases"
  exit 1
fi
"$work/venv/bin/pip" freeze --exclude-editable >"$work/freeze.txt"
moved=$(grep -vxF -f <(grep '==' constraints.txt) "$work/freeze.txt" | grep '==' | tr '\n' ' ')
echo "newest: $("$work/venv/bin/python" --version); not the pinned version: ${moved:-none}"
PYTEST_ADDOPTS="${PYTEST_ADDOPTS:--n 2}" "$work/venv/bin/python" -m pytest -q -m "not slow" -p no:cacheprovider
rc=$?
[ $rc = 0 ] && echo "newest: ok" || echo "newest: FAILED (pytest exit $rc) with: ${moved:-the pinned versions}"
exit $rc

#!/usr/bin/env bash
# The quick test tier on the other Pythons users run (3.12 and 3.13; 3.11 is .ci/run's).
#
# For each version: find an interpreter (pyenv's ~/.pyenv/versions/X.Y.*, then
# pythonX.Y on PATH), make a fresh venv, `pip install -e '.[test,simpleaudio]'
# -c constraints.txt` (the versions CI tests; PYTHONS_NEWEST=1 leaves the
# constraints out and takes the newest releases), check that the simpleaudio
# extra's marker left simpleaudio out (1.0.4 segfaults on 3.12+, see docs/python-versions.md), and run
# `pytest -m "not slow"`. Prints one line per Python; exits 1 if any failed.
# A version that is not installed is skipped with a message, not failed.
#
#   bash .ci/pythons.sh            # 3.12 and 3.13
#   bash .ci/pythons.sh 3.13       # just one
#   PYTHONS_KEEP=1 bash .ci/pythons.sh   # keep the venvs and logs (their folder is printed)
#   PYTHONS_JOBS=1 bash .ci/pythons.sh   # one Python after the other (default: side by side)
#   PYTHONS_NEWEST=1 bash .ci/pythons.sh # the newest releases instead of constraints.txt
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(3.12 3.13)

# The pinned set (constraints.txt, as .ci/run) unless PYTHONS_NEWEST=1.
pins=(-c "$repo/constraints.txt")
if [ "${PYTHONS_NEWEST:-0}" = 1 ]; then pins=(); unset HAMSTRING_CI_PINNED; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hamstring-pythons.XXXXXX")
if [ "${PYTHONS_KEEP:-0}" = 1 ]; then
  echo "pythons: venvs and logs kept in $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# An interpreter that really is Python X.Y (a pyenv shim for a version that is
# not selected exists on PATH but fails, so each candidate is asked).
find_python() {
  local want=$1 candidate
  local -a candidates=()
  # Newest pyenv patch release first.
  while IFS= read -r candidate; do candidates+=("$candidate"); done < <(
    ls -d "${PYENV_ROOT:-$HOME/.pyenv}/versions/$want".*/bin/python 2>/dev/null | sort -rV)
  command -v "python$want" >/dev/null && candidates+=("$(command -v "python$want")")
  for candidate in "${candidates[@]}"; do
    if "$candidate" -c "import sys, venv; sys.exit(sys.version_info[:2] != tuple(map(int, '$want'.split('.'))))" \
        >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# pytest's closing line ("736 passed, 2 skipped in 89.47s"), without the ='s.
summary_of() {
  grep -E '(passed|failed|errors?|no tests ran).* in [0-9.]+s' "$1" | tail -1 | sed -E 's/^=+ //; s/ =+$//'
}

# One Python: install, check the extra, run the quick tier. Writes its one-line
# result to $work/X.Y.result, and what to show on failure to $work/X.Y.detail.
check_one() {
  local want=$1 python full venv log start installed deps rc tested
  local result=$work/$want.result detail=$work/$want.detail
  : >"$detail"
  if ! python=$(find_python "$want"); then
    echo "python $want: SKIPPED (not installed: no ~/.pyenv/versions/$want.* nor python$want on PATH)" >"$result"
    return 0
  fi
  full=$("$python" -c 'import platform; print(platform.python_version())')
  venv=$work/venv-$want
  log=$work/$want
  echo "pythons: $full ($python): installing '.[test,simpleaudio]' ${pins[*]:-(newest)}, then pytest -m 'not slow'"
  start=$SECONDS
  if ! { "$python" -m venv "$venv" \
         && "$venv/bin/python" -m pip install -q -e "$repo[test,simpleaudio]" "${pins[@]}"; } \
       >"$log.install" 2>&1; then
    echo "python $full: FAILED to install (see above)" >"$result"
    { echo "---- python $full: pip install -e '.[test,simpleaudio]' ${pins[*]} ----"; tail -30 "$log.install"; } >"$detail"
    return 1
  fi
  installed=$((SECONDS - start))
  # Python >= 3.12 must not get simpleaudio 1.0.4 from our extra (it crashes there).
  if ! "$venv/bin/python" - >"$log.deps" 2>&1 <<'EOF'
import importlib.metadata as md
import importlib.util
import sys

import yaml

has_sa = importlib.util.find_spec("simpleaudio") is not None
print(f"textual {md.version('textual')}, miniaudio {md.version('miniaudio')}, "
      f"pyyaml {yaml.__version__} ({'libyaml' if yaml.__with_libyaml__ else 'pure Python'}), "
      f"simpleaudio {'installed' if has_sa else 'left out'}")
sys.exit(1 if has_sa and sys.version_info >= (3, 12) else 0)
EOF
  then
    echo "python $full: FAILED: the [simpleaudio] extra installed simpleaudio, which crashes on >= 3.12 ($(tail -1 "$log.deps"))" >"$result"
    return 1
  fi
  deps=$(tail -1 "$log.deps")
  start=$SECONDS
  # -p no:cacheprovider: leave .pytest_cache to the 3.11 runs in .ci/run.
  (cd "$repo" && "$venv/bin/python" -m pytest -q -m "not slow" -p no:cacheprovider) >"$log.pytest" 2>&1
  rc=$?
  tested=$((SECONDS - start))
  if [ $rc = 0 ]; then
    echo "python $full: ok: $(summary_of "$log.pytest") (install ${installed}s; $deps)" >"$result"
    return 0
  fi
  echo "python $full: FAILED (pytest exit $rc): $(summary_of "$log.pytest") (install ${installed}s, tests ${tested}s)" >"$result"
  { echo "---- python $full: failures ----"
    grep -E '^(FAILED|ERROR) ' "$log.pytest" | head -40
    echo "---- python $full: end of the pytest output ----"
    tail -60 "$log.pytest"; } >"$detail"
  return 1
}

# Side by side by default (two mostly single-threaded pytest runs on CI's 2 cores:
# about 40% less wall time than one after the other); PYTHONS_JOBS=1 runs them in turn.
pids=()
for want in "${versions[@]}"; do
  if [ "${PYTHONS_JOBS:-2}" = 1 ]; then
    check_one "$want"
  else
    check_one "$want" &
    pids+=($!)
  fi
done
for pid in "${pids[@]}"; do wait "$pid"; done

status=0
for want in "${versions[@]}"; do [ -s "$work/$want.detail" ] && cat "$work/$want.detail"; done
for want in "${versions[@]}"; do
  if [ -f "$work/$want.result" ]; then
    cat "$work/$want.result"
    grep -q "FAILED" "$work/$want.result" && status=1
  else
    echo "python $want: FAILED (no result: the check itself stopped)"
    status=1
  fi
done
exit $status

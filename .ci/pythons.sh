#!/usr/bin/env bash
# The other Pythons users run, each in a fresh venv: by default 3.12 with the pinned
# set (constraints.txt) and 3.13 with the newest releases of everything (no
# constraints: an upstream change shows here before a user meets it; the packages
# that differ from the pins are printed). 3.11 with the pins is .ci/run's own run.
#
# For each: find an interpreter (pyenv's ~/.pyenv/versions/X.Y.*, then pythonX.Y on
# PATH), make a venv, `pip install -e '.[test,simpleaudio]'` (-c constraints.txt unless
# newest), check that the simpleaudio extra's marker left simpleaudio out (1.0.4
# segfaults on 3.12+, see docs/python-versions.md), and run the cross-version tier:
# tests/pure (the format, plan, engine, history and CLI) and the Textual internals the
# app relies on (tests/pilot/test_textual_internals.py). Prints one line per Python;
# exits 1 if any failed. A version that is not installed is skipped with a message.
#
#   bash .ci/pythons.sh                    # 3.12 pinned and 3.13 newest
#   bash .ci/pythons.sh 3.13               # just one, pinned
#   bash .ci/pythons.sh 3.11:newest        # 3.11 with the newest releases
#   PYTHONS_TESTS="tests" bash .ci/pythons.sh 3.12   # the whole default suite there
#   PYTHONS_KEEP=1 bash .ci/pythons.sh     # keep the venvs and logs (their folder is printed)
#   PYTHONS_JOBS=1 bash .ci/pythons.sh     # one Python after the other (default: side by side)
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(3.12 3.13:newest)
read -r -a tests <<<"${PYTHONS_TESTS:-tests/pure tests/pilot/test_textual_internals.py}"

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
  local want=${1%%:*} python full venv log start installed deps rc tested moved=""
  local result=$work/$1.result detail=$work/$1.detail
  local -a pins=(-c "$repo/constraints.txt") unpin=()
  # The newest releases: no constraints, and test_ci_tools.py is not to check pins.
  if [ "${1#*:}" = newest ]; then pins=(); unpin=(-u HAMSTRING_CI_PINNED); fi
  : >"$detail"
  if ! python=$(find_python "$want"); then
    echo "python $want: SKIPPED (not installed: no ~/.pyenv/versions/$want.* nor python$want on PATH)" >"$result"
    return 0
  fi
  full=$("$python" -c 'import platform; print(platform.python_version())')
  venv=$work/venv-$want
  log=$work/$want
  echo "pythons: $full ($python): installing '.[test,simpleaudio]' ${pins[*]:-(newest releases)}, then pytest ${tests[*]}"
  start=$SECONDS
  if ! { "$python" -m venv "$venv" \
         && "$venv/bin/python" -m pip install -q --upgrade -e "$repo[test,simpleaudio]" "${pins[@]}"; } \
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
  if [ ${#pins[@]} = 0 ]; then
    moved=$("$venv/bin/python" -m pip freeze --exclude-editable | grep '==' \
            | grep -vxF -f <(grep '==' "$repo/constraints.txt") | tr '\n' ' ')
    moved="; newest releases, not the pinned version: ${moved:-none}"
  fi
  start=$SECONDS
  # -p no:cacheprovider: leave .pytest_cache to the 3.11 runs in .ci/run.
  (cd "$repo" && env "${unpin[@]}" "$venv/bin/python" -m pytest -q -p no:cacheprovider "${tests[@]}") >"$log.pytest" 2>&1
  rc=$?
  tested=$((SECONDS - start))
  if [ $rc = 0 ]; then
    echo "python $full: ok: $(summary_of "$log.pytest") (install ${installed}s; $deps$moved)" >"$result"
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

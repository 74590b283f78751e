#!/usr/bin/env bash
# The quick test tier on the other Pythons users run (3.12 and 3.13; 3.11 is .ci/run's).
#
# For each version: find an interpreter (pyenv's ~/.pyenv/versions/X.Y.*, then
# pythonX.Y on PATH), make a fresh venv, `pip install -e '.[test,simpleaudio]'`
# as a user would, check that the simpleaudio extra's marker left simpleaudio out
# (1.0.4 segfaults on 3.12+, see docs/python-versions.md), and run
# `pytest -m "not slow"`. Prints one line per Python; exits 1 if any failed.
# A version that is not installed is skipped with a message, not failed.
#
#   bash .ci/pythons.sh            # 3.12 and 3.13
#   bash .ci/pythons.sh 3.13       # just one
#   PYTHONS_KEEP=1 ...             # keep the venvs (their folder is printed)
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(3.12 3.13)

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

status=0
results=()
for want in "${versions[@]}"; do
  if ! python=$(find_python "$want"); then
    results+=("python $want: SKIPPED (not installed: no ~/.pyenv/versions/$want.* nor python$want on PATH)")
    continue
  fi
  full=$("$python" -c 'import platform; print(platform.python_version())')
  venv=$work/venv-$want
  log=$work/$want
  echo "pythons: $full ($python): installing '.[test,simpleaudio]' and running pytest -m 'not slow'"
  start=$SECONDS
  if ! { "$python" -m venv "$venv" \
         && "$venv/bin/python" -m pip install -q -e "$repo[test,simpleaudio]"; } >"$log.install" 2>&1; then
    results+=("python $full: FAILED to install (see below)")
    echo "---- python $full: pip install -e '.[test,simpleaudio]' ----"; tail -30 "$log.install"
    status=1
    continue
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
    results+=("python $full: FAILED: the [simpleaudio] extra installed simpleaudio, which crashes on >= 3.12 ($(cat "$log.deps"))")
    status=1
    continue
  fi
  deps=$(tail -1 "$log.deps")
  start=$SECONDS
  # -p no:cacheprovider: leave .pytest_cache to the 3.11 runs in .ci/run.
  (cd "$repo" && "$venv/bin/python" -m pytest -q -m "not slow" -p no:cacheprovider) >"$log.pytest" 2>&1
  rc=$?
  tested=$((SECONDS - start))
  if [ $rc = 0 ]; then
    results+=("python $full: ok: $(summary_of "$log.pytest") (install ${installed}s; $deps)")
  else
    results+=("python $full: FAILED (pytest exit $rc): $(summary_of "$log.pytest") (install ${installed}s, tests ${tested}s)")
    echo "---- python $full: failures ----"
    grep -E '^(FAILED|ERROR) ' "$log.pytest" | head -40
    echo "---- python $full: end of the pytest output ----"
    tail -60 "$log.pytest"
    status=1
  fi
done

printf '%s\n' "${results[@]}"
exit $status

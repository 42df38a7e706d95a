#!/usr/bin/env bash
# Installs what the web-client tests (WebClientsTest) need, and only what is missing, so it can run
# before every test run: the npm packages pinned in package-lock.json (into node_modules/, not in
# git) and Debian's chromium for the browser cases (as root, with apt-get). Node.js 20.10+ and npm
# must already be on the machine.
set -euo pipefail
cd "$(dirname "$0")"

# @xmpp/client 0.14 needs Node.js 20.10 or later (package.json, engines).
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 10) ? 0 : 1)' 2>/dev/null; then
    echo "install.sh: Node.js 20.10 or later is needed, found: $(node --version 2>&1 || true)" >&2
    exit 1
fi

# Two builds in one checkout must not run npm ci into the same node_modules at once.
exec 9>".install.lock"
flock 9

# npm ci removes node_modules and installs exactly the lock file; the copy of the lock file kept
# beside node_modules tells whether what is there is still what the lock file says.
if ! cmp -s package-lock.json node_modules/.chasqui-installed-lock 2>/dev/null; then
    echo "install.sh: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.chasqui-installed-lock
fi

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install.sh: /usr/bin/chromium is missing; install Debian's chromium package (as root: apt-get install chromium)" >&2
        exit 1
    fi
    echo "install.sh: apt-get install chromium"
    export DEBIAN_FRONTEND=noninteractive
    # Another apt-get on the machine holds the dpkg lock: wait for it rather than fail.
    apt-get -q -o DPkg::Lock::Timeout=600 update
    apt-get -q -y -o DPkg::Lock::Timeout=600 install --no-install-recommends chromium
fi
echo "install.sh: ready ($(node --version), $(/usr/bin/chromium --version 2>/dev/null | head -1))"

#!/usr/bin/env bash
# Installs strace for FsyncBeforeReplyTest (broker), only when it is missing: Debian's package with
# apt-get, as root (as on CI), so that `mvn -B verify` on a clean machine runs that test rather than
# skipping it. Run by the test itself before it starts.
#
# Exit codes: 0 strace is there; 3 strace is missing and cannot be installed here (not root, or no
# apt-get): the test is skipped with this message; anything else: the install failed (the test fails).
set -euo pipefail

if command -v strace >/dev/null 2>&1; then
    echo "install-strace.sh: ready ($(strace -V | head -1))"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-strace.sh: strace is missing; install it (Debian, as root: apt-get install strace)" >&2
    exit 3
fi
echo "install-strace.sh: apt-get install strace"
export DEBIAN_FRONTEND=noninteractive
# Another apt-get on the machine holds the dpkg lock: wait for it rather than fail.
apt-get -q -o DPkg::Lock::Timeout=600 update
apt-get -q -y -o DPkg::Lock::Timeout=600 install --no-install-recommends strace
version="$(strace -V | head -1)" # fails the script if the package did not bring it
echo "install-strace.sh: ready ($version)"

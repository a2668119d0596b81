#!/usr/bin/env bash
# Install Debian packages the project needs, or say exactly what to install when we cannot.
set -euo pipefail
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "dipgraph needs these system packages: $*; install them (e.g. sudo apt-get install $*)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "$@" >/dev/null

#!/bin/sh
# Runs the time tests under several process time zones: results must not depend on the zone Kairos runs in.
set -e
cd "$(dirname "$0")/.."
for tz in UTC America/New_York Europe/Berlin Australia/Sydney Asia/Kolkata; do
  echo "== TZ=$tz"
  TZ="$tz" npx vitest run shared/time main/core/scheduler/recurrence
done

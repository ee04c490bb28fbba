#!/usr/bin/env bash
# Starts onboarding for organizations that existed before it began at sign-up: per organization of a CSV,
# organization_created with its real creation time and an activity_snapshot, idempotent by event id.
# Usage: scripts/backfill.sh --input <organizations.csv> [--counts-at <time>] [--queue <name>]   (--help)
# The account: ONBOARDING_EVENTS_CONNECTION (else AzureWebJobsStorage), a connection string.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project tools/Onboarding.Backfill -v quiet -- "$@"

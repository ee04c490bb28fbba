#!/usr/bin/env bash
# Mints a development token for the app that scripts/run.sh runs (same local key).
# Usage: scripts/dev-token.sh --org <orgId> [--role org_admin|org_member|platform_analyst] [--sub <user>] [--minutes <n>] (--help)
set -euo pipefail
source "$(dirname "$0")/lib/azurite.sh"
source "$(dirname "$0")/lib/dev-auth.sh"
cd "$repo_root"
dev_auth_env
dotnet run --project tools/Onboarding.DevTokens -v quiet -- "$@"

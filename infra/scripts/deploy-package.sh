#!/usr/bin/env bash
# Deploys the function app's code to Azure without any storage key: publishes the app
# (scripts/publish.sh), zips the published folder, uploads the zip with the caller's Microsoft Entra
# identity to the private blob that WEBSITE_RUN_FROM_PACKAGE points at, restarts the app so it loads
# the new package, syncs its triggers and waits for /api/health.
#
# Runs as azd's postprovision hook (azd passes main.bicep's outputs as environment variables) or by
# hand after provisioning; outside azd it reads the values from `azd env get-values` when azd is
# there, otherwise set AZURE_RESOURCE_GROUP, AZURE_FUNCTION_APP_NAME, AZURE_FUNCTION_APP_ID,
# AZURE_STORAGE_ACCOUNT_NAME, AZURE_DEPLOYMENT_CONTAINER_NAME, AZURE_DEPLOYMENT_PACKAGE_BLOB_NAME and
# API_BASE_URL yourself (the outputs of `az deployment sub create`).
# Needs: the .NET SDK, zip, Azure CLI signed in (`az login`) as a principal with Storage Blob Data
# Contributor on the deployment container (main.bicep grants it to deployerPrincipalId) and rights to
# restart the app (e.g. Website Contributor on it).
# Usage: infra/scripts/deploy-package.sh [--quick]   (--quick skips ReadyToRun, see scripts/publish.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${AZURE_FUNCTION_APP_NAME:-}" ] && command -v azd >/dev/null 2>&1; then
  set -a
  # shellcheck disable=SC1090  # the values are main.bicep's outputs, written by azd
  source <(azd env get-values)
  set +a
fi

for name in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_FUNCTION_APP_ID AZURE_STORAGE_ACCOUNT_NAME \
  AZURE_DEPLOYMENT_CONTAINER_NAME AZURE_DEPLOYMENT_PACKAGE_BLOB_NAME API_BASE_URL; do
  if [ -z "${!name:-}" ]; then
    echo "$name is not set: provision first (azd provision), or export main.bicep's outputs." >&2
    exit 1
  fi
done
for tool in az dotnet zip curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required." >&2; exit 1; }
done

publish_dir=artifacts/publish
package=artifacts/onboarding-functions.zip

bash scripts/publish.sh "$@" "$publish_dir"

echo "==> Zipping $publish_dir"
# The host starts this file directly, so it must keep its executable bit inside the zip.
chmod +x "$publish_dir/Onboarding.Functions"
rm -f "$package"
(cd "$publish_dir" && zip -q -r -X "../$(basename "$package")" .)

echo "==> Uploading the package to $AZURE_STORAGE_ACCOUNT_NAME/$AZURE_DEPLOYMENT_CONTAINER_NAME/$AZURE_DEPLOYMENT_PACKAGE_BLOB_NAME"
# A role assignment made by the provisioning that just ran can take a few minutes to apply.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if az storage blob upload --auth-mode login --only-show-errors --overwrite \
    --account-name "$AZURE_STORAGE_ACCOUNT_NAME" \
    --container-name "$AZURE_DEPLOYMENT_CONTAINER_NAME" \
    --name "$AZURE_DEPLOYMENT_PACKAGE_BLOB_NAME" \
    --file "$package" --output none; then
    break
  fi
  if [ "$attempt" -eq 10 ]; then
    echo "Upload failed: does the signed-in principal have Storage Blob Data Contributor on the container?" >&2
    exit 1
  fi
  echo "    upload refused (attempt $attempt); waiting 30 s for the role assignment to apply"
  sleep 30
done

# Same URL, new content: the app only picks the package up on restart, and the platform only learns
# about new or changed triggers when they are synced.
echo "==> Restarting $AZURE_FUNCTION_APP_NAME and syncing its triggers"
az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" --only-show-errors
az rest --method post --only-show-errors --output none \
  --url "${AZURE_FUNCTION_APP_ID}/syncfunctiontriggers?api-version=2016-08-01"

echo "==> Waiting for $API_BASE_URL/health"
for _ in $(seq 1 20); do
  if curl -fsS --max-time 30 "$API_BASE_URL/health" >/dev/null 2>&1; then
    echo "==> Deployed: $API_BASE_URL"
    exit 0
  fi
  sleep 15
done
echo "The app did not answer $API_BASE_URL/health within 5 minutes; see its logs in Application Insights." >&2
exit 1

// Azure infrastructure of the onboarding backend: a .NET isolated-worker Functions app on the Flex
// Consumption plan, its storage account (tables, queues, the host's blobs, the deployment container),
// the user-assigned managed identity it runs as with its data-plane roles, and Application Insights.
// No storage key or connection string is created, stored or handed out: the storage account refuses
// shared-key access and Application Insights refuses ingestion without Entra ID.
//
// Deployed by `azd up` / `azd provision` (parameters in main.parameters.json), or directly with
// `az deployment sub create` (see README.md in this folder).

targetScope = 'subscription'

@description('Name of the environment (azd environment name); part of every resource name and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@minLength(1)
param location string

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('The most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Storage account replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Six-field NCRONTAB schedule (UTC) of the nightly purge of expired sample data: the PURGE_SCHEDULE app setting.')
param purgeSchedule string = '0 0 3 * * *'

@description('Six-field NCRONTAB schedule (UTC) of the sweep that projects pending events: the PROJECTION_SWEEP_SCHEDULE app setting.')
param projectionSweepSchedule string = '0 */5 * * * *'

@description('Six-field NCRONTAB schedule (UTC) of the roll-up of closed days into analytics summaries: the ANALYTICS_ROLLUP_SCHEDULE app setting.')
param analyticsRollupSchedule string = '0 15 * * * *'

@description('Six-field NCRONTAB schedule (UTC) of the publication of stalled wizards to webhook subscribers: the WEBHOOK_STALL_SCHEDULE app setting.')
param webhookStallSchedule string = '0 45 * * * *'

@description('OpenID Connect authority whose bearer tokens the API accepts (Auth__Authority), e.g. https://login.microsoftonline.com/<tenant>/v2.0.')
@minLength(1)
param authAuthority string

@description('Audience the API\'s bearer tokens must carry (Auth__Audience).')
@minLength(1)
param authAudience string

@description('Issuer the tokens must carry (Auth__Issuer); empty = the authority.')
param authIssuer string = ''

@description('Token claim that holds the caller\'s organization id (Auth__OrganizationClaim).')
@minLength(1)
param authOrganizationClaim string = 'org_id'

@description('Secret key of the analytics pseudonyms (Analytics__PseudonymKey), at least 32 bytes; keep it stable: a new key starts a new pseudonym space.')
@secure()
@minLength(32)
param analyticsPseudonymKey string

@description('Days after which generated sample data expires (SampleData__ExpiryDays).')
@minValue(1)
param sampleDataExpiryDays int = 30

@description('Origins a browser page may call the API from (platform CORS, siteConfig.cors.allowedOrigins), comma-separated as in local.settings.json Host.CORS, e.g. https://app.example.com,https://admin.example.com; * allows any; empty allows none.')
param allowedOrigins string = ''

@description('Whether cross-origin requests may carry credentials (siteConfig.cors.supportCredentials); not allowed with *.')
param corsSupportCredentials bool = false

@description('Region of the web app\'s Static Web App (offered in a few regions only).')
@allowed([
  'westus2'
  'centralus'
  'eastus2'
  'westeurope'
  'eastasia'
])
param webLocation string = 'westeurope'

@description('Client (application) id of the web app\'s own Entra ID registration (a single-page application with the web app\'s URL as redirect URI): WEB_AUTH_CLIENT_ID of its build. Empty: the built web app has no sign-in.')
param webAuthClientId string = ''

@description('The API scope the web app asks tokens for (WEB_AUTH_SCOPE), e.g. api://<API app id>/access_as_user; tokens for it carry the API\'s audience.')
param webAuthScope string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var corsAllowedOrigins = filter(map(split(allowedOrigins, ','), origin => trim(origin)), origin => !empty(origin))

// Names from the app's code (src/Onboarding.Functions) and README's storage layout.
var tableNames = [
  'Onboarding'
  'SampleDataExpiry'
  'OnboardingDaily'
]
var queueNames = [
  'onboarding-events'
  'onboarding-events-poison'
  'webhook-deliveries'
  'webhook-deliveries-poison'
]
// Flex Consumption keeps the app's package here; azd deploys into it through the platform.
var deploymentContainerName = 'app-package-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    tableNames: tableNames
    queueNames: queueNames
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
  }
}

module staticWebApp 'app/static-web-app.bicep' = {
  name: 'static-web-app'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: webLocation
    tags: tags
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    // The web app's origin always, besides those of ALLOWED_ORIGINS.
    corsAllowedOrigins: union(corsAllowedOrigins, [staticWebApp.outputs.origin])
    corsSupportCredentials: corsSupportCredentials
    // The app's own settings (infra/README.md, "Settings the app gets"); the rest is platform wiring.
    appConfiguration: {
      // The triggers are declared as %ONBOARDING_EVENTS_QUEUE%, %WEBHOOK_DELIVERIES_QUEUE%, %PURGE_SCHEDULE%, %PROJECTION_SWEEP_SCHEDULE%
      // and %ANALYTICS_ROLLUP_SCHEDULE%, %WEBHOOK_STALL_SCHEDULE%: the host resolves them from app settings, not appsettings.json.
      ONBOARDING_EVENTS_QUEUE: queueNames[0]
      WEBHOOK_DELIVERIES_QUEUE: queueNames[2]
      PURGE_SCHEDULE: purgeSchedule
      PROJECTION_SWEEP_SCHEDULE: projectionSweepSchedule
      ANALYTICS_ROLLUP_SCHEDULE: analyticsRollupSchedule
      WEBHOOK_STALL_SCHEDULE: webhookStallSchedule
      Auth__Authority: authAuthority
      Auth__Audience: authAudience
      Auth__Issuer: empty(authIssuer) ? authAuthority : authIssuer
      Auth__OrganizationClaim: authOrganizationClaim
      SampleData__ExpiryDays: string(sampleDataExpiryDays)
      Analytics__PseudonymKey: analyticsPseudonymKey
    }
  }
  // The host reads its storage, and the platform its package, with the identity from the first start on.
  dependsOn: [
    roles
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_DEPLOYMENT_CONTAINER_NAME string = storage.outputs.deploymentContainerName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output API_BASE_URL string = 'https://${functionApp.outputs.defaultHostName}/api'
output WEB_URL string = staticWebApp.outputs.origin
// The web app's build settings (web/src/config.ts), written to web/.env.production.local by azure.yaml's prebuild hook.
output WEB_API_BASE_URL string = 'https://${functionApp.outputs.defaultHostName}'
output WEB_AUTH_AUTHORITY string = authAuthority
output WEB_AUTH_CLIENT_ID string = webAuthClientId
output WEB_AUTH_SCOPE string = webAuthScope

// Azure infrastructure of the onboarding backend: a Functions app run as a custom handler, its
// storage account (tables, queues, the host's blobs, the deployment package), its managed identity
// with data-plane roles, and Application Insights. No storage key or connection string is created,
// stored or handed out: the storage account refuses shared-key access.
//
// Deployed by `azd up` / `azd provision` (parameters in main.parameters.json), or directly with
// `az deployment sub create` (see README.md in this folder).

targetScope = 'subscription'

@description('Name of the environment (azd environment name); part of every resource name and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for every resource.')
@minLength(1)
param location string

@description('Hosting plan: Y1 = Linux Consumption (default, scale to zero), EP1 = Linux Elastic Premium.')
@allowed([
  'Y1'
  'EP1'
])
param functionPlanSku string = 'Y1'

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

@description('Days after which generated sample data expires (SampleData__ExpiryDays).')
@minValue(1)
param sampleDataExpiryDays int = 30

@description('Object ID of the person or pipeline that uploads the deployment package (azd sets AZURE_PRINCIPAL_ID); empty = none.')
param deployerPrincipalId string = ''

@description('User for a person, ServicePrincipal for a pipeline identity.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// Names from the app's code (src/Onboarding.Functions/Storage, Hosting) and ARCHITECTURE.md.
var tableNames = [
  'Onboarding'
  'SampleDataExpiry'
  'OnboardingDaily'
  'TimerScheduleStatus' // written by the local trigger driver (standalone mode); harmless under the host
]
var queueNames = [
  'onboarding-events'
  'onboarding-events-poison'
]
var deploymentContainerName = 'deployments'
var packageBlobName = 'onboarding-functions.zip'

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

module storageRoles 'app/storage-roles.bicep' = {
  name: 'storage-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
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

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    planSku: functionPlanSku
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    packageBlobName: packageBlobName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    // The app's own settings (infra/README.md, "Settings the app gets"); the rest is platform wiring.
    appConfiguration: {
      // The queue trigger is declared as %ONBOARDING_EVENTS_QUEUE%: the host resolves it from here.
      ONBOARDING_EVENTS_QUEUE: queueNames[0]
      PURGE_SCHEDULE: purgeSchedule
      Auth__Authority: authAuthority
      Auth__Audience: authAudience
      Auth__Issuer: empty(authIssuer) ? authAuthority : authIssuer
      Auth__OrganizationClaim: authOrganizationClaim
      SampleData__ExpiryDays: string(sampleDataExpiryDays)
    }
  }
  // The host reads its storage and its package with the identity from its first start on.
  dependsOn: [
    storageRoles
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_ID string = functionApp.outputs.id
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_DEPLOYMENT_CONTAINER_NAME string = deploymentContainerName
output AZURE_DEPLOYMENT_PACKAGE_BLOB_NAME string = packageBlobName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output API_BASE_URL string = 'https://${functionApp.outputs.defaultHostName}/api'

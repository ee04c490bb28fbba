// The Linux hosting plan and the function app. The app is a custom handler (FUNCTIONS_WORKER_RUNTIME
// = custom): the Functions host starts the self-contained `Onboarding.Functions` executable that
// host.json names and forwards HTTP requests and queue/timer invocations to it.
//
// Content comes from a package URL in a private blob container, read with the app's user-assigned
// identity (WEBSITE_RUN_FROM_PACKAGE + WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID). That is the only
// run-from-package mode Linux Consumption supports, and it lets both plans run without the Azure Files
// content share (WEBSITE_CONTENTAZUREFILECONNECTIONSTRING), which would need a storage account key.

@description('Function app name (also its default host name prefix).')
param name string

@description('Hosting plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Y1 = Linux Consumption (scale to zero), EP1 = Linux Elastic Premium (pre-warmed, no cold start).')
@allowed([
  'Y1'
  'EP1'
])
param planSku string

@description('Elastic Premium only: the most instances the plan may scale out to.')
@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int = 20

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of that identity (what the host and the app ask Entra ID for tokens with).')
param identityClientId string

@description('Storage account used as AzureWebJobsStorage and for the app\'s tables and queues.')
param storageAccountName string

@description('Private container that holds the deployment package.')
param deploymentContainerName string

@description('Blob name of the deployment package inside that container.')
param packageBlobName string

@description('Name of the Application Insights component (same resource group).')
param applicationInsightsName string

@description('App settings that are the app\'s own configuration (name to value).')
param appConfiguration object

var isElasticPremium = planSku == 'EP1'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var planSkus = {
  Y1: {
    name: 'Y1'
    tier: 'Dynamic'
  }
  EP1: {
    name: 'EP1'
    tier: 'ElasticPremium'
  }
}

// reserved = Linux; the elastic worker limit exists on Elastic Premium only.
var consumptionPlanProperties = {
  reserved: true
}
var elasticPlanProperties = {
  reserved: true
  maximumElasticWorkerCount: maximumElasticWorkerCount
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isElasticPremium ? 'elastic' : 'functionapp'
  sku: planSkus[planSku]
  properties: isElasticPremium ? elasticPlanProperties : consumptionPlanProperties
}

var platformSettings = [
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: 'custom'
  }
  // Identity-based host storage: the account name and the user-assigned identity, no connection string.
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storage.name
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: applicationInsights.properties.ConnectionString
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}/${packageBlobName}'
  }
  {
    name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID'
    value: identityId
  }
]

var appConfigurationSettings = [
  for setting in items(appConfiguration): {
    name: setting.key
    value: string(setting.value)
  }
]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd-service-name lets an azd service named `api` find this app should one be declared later.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      // Custom handlers have no language stack: the platform's stack entry for "custom" leaves it empty.
      linuxFxVersion: ''
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      use32BitWorkerProcess: false
      appSettings: concat(platformSettings, appConfigurationSettings)
    }
  }
}

// No publishing with user name and password: the package is uploaded to blob storage with Entra ID.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = functionApp.id
output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName

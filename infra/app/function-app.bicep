// The Flex Consumption plan and the function app: .NET isolated worker (dotnet-isolated 10.0), run
// as the user-assigned identity. The platform keeps the app's package in a private blob container and
// reads and writes it with that identity (functionAppConfig.deployment.storage), which is also what
// azd's deployment of a `host: function` service uses. No Azure Files share, no package URL setting:
// Flex Consumption has neither.

@description('Function app name (also its default host name prefix).')
param name string

@description('Hosting plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('The most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of that identity (what the host and the app ask Entra ID for tokens with).')
param identityClientId string

@description('Storage account used as AzureWebJobsStorage, for the app\'s tables and queues and for the deployment container.')
param storageAccountName string

@description('Private container that holds the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component (same resource group).')
param applicationInsightsName string

@description('Origins allowed to call the app from a browser (platform CORS); empty allows none.')
param corsAllowedOrigins array

@description('Whether cross-origin requests may carry credentials.')
param corsSupportCredentials bool

@description('App settings that are the app\'s own configuration (name to value).')
param appConfiguration object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

// Flex Consumption refuses FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and the package and
// content-share settings: functionAppConfig below carries the runtime and the package location.
var platformSettings = {
  // Identity-based host storage: the account and its endpoints, the user-assigned identity, no key.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // The component's ingestion endpoint; with local auth off it is not a credential, the token is.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the app of the `api` service in azure.yaml by this tag.
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
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      // The platform answers preflights and sets Access-Control-Allow-Origin; it exposes no response headers,
      // so the app itself sends Access-Control-Expose-Headers (ETag, Location, Retry-After).
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: corsSupportCredentials
      }
    }
  }
}

// Settings as their own resource, after the site exists (as Microsoft's Flex Consumption samples do).
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(appConfiguration, platformSettings)
}

// No publishing with user name and password: azd deploys with an Entra ID token.
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

// The app identity's role assignments. Nothing in this deployment holds a storage key or an
// Application Insights key that works, so these assignments are the only way in. Role definition
// IDs are Azure built-in roles ("Azure built-in roles", Storage and Monitor sections).

@description('Name of the storage account (in this resource group).')
param storageAccountName string

@description('Name of the Application Insights component (in this resource group).')
param applicationInsightsName string

@description('Principal (object) ID of the function app\'s user-assigned identity.')
param principalId string

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageQueueDataMessageProcessor = '8a0f0c08-91a1-4084-bc3d-661d67233fed'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

// Blob Data Owner: the Functions host's own blobs (leases, timer status, keys) and the Flex
// Consumption deployment container (the platform writes and reads the package as this identity).
// Table Data Contributor: the app's tables.
// Queue Data Contributor + Message Processor: the queue trigger (peek, receive, delete, the poison
// queue) and the app's own enqueues.
var storageRoles = [
  storageBlobDataOwner
  storageTableDataContributor
  storageQueueDataContributor
  storageQueueDataMessageProcessor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, principalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Telemetry ingestion with Entra ID (APPLICATIONINSIGHTS_AUTHENTICATION_STRING); local auth is off.
resource telemetryRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

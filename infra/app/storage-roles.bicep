// Data-plane roles on the storage account. Nothing in this deployment holds a storage key, so these
// assignments are the only way in: the app's identity for the host and the app, and (optionally) the
// person or pipeline that uploads the deployment package.
// Role definition IDs are Azure built-in roles (Azure RBAC "built-in roles for Storage").

@description('Name of the storage account (in this resource group).')
param storageAccountName string

@description('Private container holding the deployment package.')
param deploymentContainerName string

@description('Principal (object) ID of the function app\'s user-assigned identity.')
param appPrincipalId string

@description('Principal (object) ID of whoever uploads the deployment package; empty grants nothing.')
param deployerPrincipalId string = ''

@description('Kind of principal the deployer is: User for a person, ServicePrincipal for a pipeline.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// Blob Data Owner: the Functions host's own minimum for identity-based AzureWebJobsStorage (leases,
// timer status, keys); it also covers reading the deployment package.
// Queue Data Contributor: the queue trigger (including the poison queue) and the app's producers.
// Table Data Contributor: the app's tables.
var appRoles = [
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: deploymentContainerName
}

resource appRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appRoles: {
    name: guid(storage.id, appPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// The deployer may write the package container only, not the app's data.
resource deployerRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(deploymentContainer.id, deployerPrincipalId, storageBlobDataContributor)
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

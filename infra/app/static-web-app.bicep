// The reference web app (web/): an Azure Static Web App that azd deploys the Vite build (web/dist) to, found by
// its azd-service-name tag. It serves static files only; the API stays on the function app, called cross-origin.

@description('Name of the static web app.')
param name string

@description('Region; Static Web Apps exist in a few regions only.')
param location string

param tags object = {}

@description('Free or Standard.')
@allowed([
  'Free'
  'Standard'
])
param skuName string = 'Free'

resource web 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    // Deployed by azd with the site's deployment token, not from a repository.
    provider: 'Custom'
    allowConfigFileUpdates: true
  }
}

output name string = web.name
output defaultHostName string = web.properties.defaultHostname
output origin string = 'https://${web.properties.defaultHostname}'

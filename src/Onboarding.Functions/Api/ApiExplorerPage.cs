namespace Onboarding.Functions.Api;

/// <summary>
/// The API explorer: Scalar's API reference over <c>/api/openapi/v1.json</c>, where a developer pastes a bearer token
/// and sends requests. Everything it loads is served by the app itself (<see cref="ApiExplorerAssets"/>), so it works
/// offline; fonts are the system's.
/// </summary>
public static class ApiExplorerPage
{
    /// <summary>Relative URLs: the page is <c>/api/docs</c>, its script <c>/api/docs/scalar.js</c>, the document <c>/api/openapi/v1.json</c>.</summary>
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Onboarding API</title>
        </head>
        <body>
          <div id="app"></div>
          <script src="docs/scalar.js"></script>
          <script>
            Scalar.createApiReference('#app', {
              url: 'openapi/v1.json',
              withDefaultFonts: false,
              showDeveloperTools: 'never',
              agent: { disabled: true },
              persistAuth: true,
              authentication: { preferredSecurityScheme: 'bearer' },
              hideDownloadButton: false,
              telemetry: false,
              metaData: { title: 'Onboarding API' },
              defaultHttpClient: { targetKey: 'js', clientKey: 'fetch' },
              servers: [{ url: window.location.origin, description: 'This app' }],
            });
          </script>
        </body>
        </html>
        """;
}

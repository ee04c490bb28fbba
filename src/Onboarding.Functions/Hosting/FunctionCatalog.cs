using Microsoft.AspNetCore.Routing;

namespace Onboarding.Functions.Hosting;

/// <summary>
/// Every function of the app, read from where it is declared: HTTP functions from the endpoints marked
/// with <see cref="HttpFunctionMetadata"/>, queue and timer functions from their registrations.
/// </summary>
public static class FunctionCatalog
{
    /// <summary>The route prefix of host.json's <c>extensions.http.routePrefix</c>.</summary>
    public const string RoutePrefix = "api";

    public static IReadOnlyList<FunctionDefinition> Read(IEnumerable<EndpointDataSource> dataSources, IEnumerable<FunctionRegistration> registrations)
    {
        var http = dataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => (endpoint, function: endpoint.Metadata.GetMetadata<HttpFunctionMetadata>()))
            .Where(e => e.function is not null)
            .Select(e => new FunctionDefinition(e.function!.Name, new HttpFunctionTrigger(
                HostRoute(e.endpoint.RoutePattern.RawText ?? string.Empty),
                [.. (e.endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => m.ToLowerInvariant())],
                e.function.AuthLevel)));

        var all = http.Concat(registrations.Select(r => r.Definition)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var duplicate = all.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'; function names must be unique.");
        }
        return all;
    }

    public static IReadOnlyList<FunctionDefinition> Read(IEndpointRouteBuilder app) =>
        Read(app.DataSources, app.ServiceProvider.GetServices<FunctionRegistration>());

    /// <summary>The route as function.json states it: without the leading slash and the <c>api/</c> prefix.</summary>
    private static string HostRoute(string pattern)
    {
        var route = pattern.TrimStart('/');
        if (!route.StartsWith(RoutePrefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"HTTP function route '{pattern}' is outside /{RoutePrefix}/, where the host forwards requests.");
        }
        return route[(RoutePrefix.Length + 1)..].TrimEnd('/');
    }
}

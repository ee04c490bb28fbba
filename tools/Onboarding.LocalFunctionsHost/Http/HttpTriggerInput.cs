using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Onboarding.LocalFunctionsHost.Invocation;
using Onboarding.LocalFunctionsHost.Metadata;
using Onboarding.LocalFunctionsHost.Rpc;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>
/// The InvocationRequest content for a proxied HTTP trigger: an empty RpcHttp under the trigger's name,
/// query parameters (but <c>code</c>) and then route values (which win) as strings, <c>Query</c> and <c>Headers</c> as JSON.
/// </summary>
public static class HttpTriggerInput
{
    public static InvocationInput Create(string invocationId, FunctionDefinition function, HttpRequest request, RouteValueDictionary routeValues)
    {
        var metadata = new Dictionary<string, TypedData>(StringComparer.OrdinalIgnoreCase);
        var query = request.Query
            .Where(pair => !string.Equals(pair.Key, "code", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        foreach (var (name, value) in query)
        {
            metadata[name] = TypedDataValues.String(value);
        }
        // Route values last: a query parameter must never replace a route parameter of the same name.
        foreach (var (name, value) in routeValues)
        {
            if (value is not null)
            {
                metadata[name] = TypedDataValues.String(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
        }
        metadata["Query"] = TypedDataValues.Json(JsonSerializer.Serialize(query, TypedDataValues.HostJsonOptions));
        metadata["Headers"] = TypedDataValues.Json(JsonSerializer.Serialize(request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()), TypedDataValues.HostJsonOptions));
        var trigger = new ParameterBinding { Name = function.Trigger.Name, Data = new TypedData { Http = new RpcHttp() } };
        return new InvocationInput(invocationId, "This function was programmatically called via the host APIs.", [trigger], metadata);
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Onboarding.Functions.Http;

public static class HttpSetup
{
    /// <summary>The API's conventions: camelCase JSON, enums in snake_case, problem details with a trace id.</summary>
    public static IServiceCollection AddOnboardingHttp(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier));
        return services;
    }

    /// <summary>The JSON shape of every response (also what the OpenAPI document describes).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Onboarding.Functions.Hosting;

namespace Onboarding.Functions.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/health", GetHealth).AsFunction("Health").WithTags("Health").AllowAnonymous();
        return api;
    }

    /// <summary>200 when table and queue storage answer, 503 otherwise; the body says which and why.</summary>
    public static async Task<Results<Ok<StorageHealth>, JsonHttpResult<StorageHealth>>> GetHealth(StorageHealthProbe probe)
    {
        var health = await probe.CheckAsync();
        return health.Healthy
            ? TypedResults.Ok(health)
            : TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

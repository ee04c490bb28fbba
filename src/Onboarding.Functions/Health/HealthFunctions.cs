using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Onboarding.Functions.Auth;

namespace Onboarding.Functions.Health;

public sealed class HealthFunctions(StorageHealthProbe probe)
{
    /// <summary>200 when table and queue storage answer, 503 otherwise; the body says which and why.</summary>
    [Function("Health"), Access(AccessLevel.Anyone)]
    public async Task<Results<Ok<StorageHealth>, JsonHttpResult<StorageHealth>>> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        var health = await probe.CheckAsync();
        return health.Healthy
            ? TypedResults.Ok(health)
            : TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

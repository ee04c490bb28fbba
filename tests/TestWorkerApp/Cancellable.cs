using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace TestWorkerApp;

/// <summary>
/// Waits <c>?ms=</c> milliseconds on the invocation's CancellationToken (the one InvocationCancel fires) and records
/// whether it ran to the end or was cancelled.
/// </summary>
public sealed class Cancellable
{
    [Function("Cancellable")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cancellable")] HttpRequest request,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var milliseconds = int.TryParse(request.Query["ms"], out var requested) ? requested : 10_000;
        Observations.Write("cancellable-started", context.InvocationId, new { milliseconds });
        try
        {
            await Task.Delay(milliseconds, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Observations.Write("cancellable-cancelled", context.InvocationId, new { milliseconds });
            throw;
        }
        Observations.Write("cancellable-completed", context.InvocationId, new { milliseconds });
        return new OkResult();
    }
}

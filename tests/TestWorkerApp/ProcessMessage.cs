using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace TestWorkerApp;

/// <summary>
/// Records each message with the trigger metadata it came with. A body starting with "fail" throws;
/// "slow:N" works for N milliseconds first. Each records how many invocations were running when it started.
/// </summary>
public sealed class ProcessMessage(ILogger<ProcessMessage> logger)
{
    private static int s_running;

    [Function("ProcessMessage")]
    public async Task Run([QueueTrigger("%TEST_QUEUE%")] string message, FunctionContext context)
    {
        logger.LogInformation("Processing message {Message}", message);
        var bindingData = context.BindingContext.BindingData.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString());
        var concurrent = Interlocked.Increment(ref s_running);
        try
        {
            Observations.Write("started", context.InvocationId, new { message, bindingData, concurrent });
            if (message.StartsWith("fail", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Asked to fail.");
            }
            if (message.StartsWith("slow:", StringComparison.Ordinal))
            {
                await Task.Delay(int.Parse(message.Split(':')[1]));
            }
            Observations.Write("done", context.InvocationId, new { message, bindingData });
        }
        finally
        {
            Interlocked.Decrement(ref s_running);
        }
    }
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// Lets a matching request reach storage and be processed, then loses its reply (a connection reset),
/// once. Added at <see cref="HttpPipelinePosition.PerRetry"/>, below the SDK's retry policy, which
/// then sends the same request again: what a timeout or a dropped connection does in Azure.
/// </summary>
public sealed class LostReply(Func<HttpMessage, bool> matches) : HttpPipelinePolicy
{
    private int lost;

    public int Attempts { get; private set; }

    public bool Fired => Volatile.Read(ref lost) > 0;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var match = matches(message);
        if (match)
        {
            Attempts++;
        }
        await ProcessNextAsync(message, pipeline);
        if (match && Interlocked.CompareExchange(ref lost, 1, 0) == 0)
        {
            throw new IOException($"Simulated: the reply to {message.Request.Method} {message.Request.Uri.Path} (status {message.Response.Status}) was lost.");
        }
    }
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Events.Tests.Infrastructure;

/// <summary>
/// Fails some message sends with a status, drawn from a seeded generator: <em>before</em> the request reaches
/// the queue (nothing stored), or <em>after</em> (the message is stored and the reply is lost, so the client
/// sends it again). Added per attempt, so every retry rolls again. Other requests pass untouched.
/// </summary>
public sealed class SendFaults(int seed, double beforeRate, double afterRate, int status = 503, string errorCode = "ServerBusy")
    : HttpPipelinePolicy
{
    private readonly Random random = new(seed);
    private int failedBefore;
    private int failedAfter;
    private int reached;

    public bool Enabled { get; set; } = true;

    public int FailedBefore => failedBefore;

    /// <summary>Sends that were stored but answered with an error: each leaves one extra copy on the queue.</summary>
    public int FailedAfter => failedAfter;

    /// <summary>Sends that reached the queue (stored), whatever the client was told.</summary>
    public int Reached => reached;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The publisher sends asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!Enabled || message.Request.Method != RequestMethod.Post || !message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal))
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }
        double roll;
        lock (random)
        {
            roll = random.NextDouble();
        }
        if (roll < beforeRate)
        {
            Interlocked.Increment(ref failedBefore);
            message.Response = new InjectedResponse(status, errorCode, message.Request.ClientRequestId);
            return;
        }
        await ProcessNextAsync(message, pipeline);
        if (message.Response.Status == 201)
        {
            Interlocked.Increment(ref reached);
            if (roll < beforeRate + afterRate)
            {
                Interlocked.Increment(ref failedAfter);
                message.Response = new InjectedResponse(status, errorCode, message.Request.ClientRequestId);
            }
        }
    }
}

using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// Makes chosen storage requests fail with a server error before they are sent, as an overloaded or
/// failing account would: the way tests interrupt a change, an ingestion or a purge halfway.
/// </summary>
public sealed class StorageFault(Func<HttpMessage, bool> matches, int failOnMatch = 1) : HttpPipelinePolicy
{
    private int matched;

    public volatile bool Armed = true;

    public bool Fired { get; private set; }

    /// <summary>Entity-group transactions whose body contains <paramref name="text"/>.</summary>
    public static Func<HttpMessage, bool> TransactionsContaining(string text) =>
        message => message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) && Body(message.Request).Contains(text, StringComparison.Ordinal);

    public static Func<HttpMessage, bool> AnyTransaction => message => message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        // failOnMatch 0 fails every match while armed; n fails the n-th match only.
        if (Armed && matches(message) && (failOnMatch == 0 || Interlocked.Increment(ref matched) == failOnMatch))
        {
            Fired = true;
            throw new Azure.RequestFailedException(503, "Simulated storage failure.");
        }
        return ProcessNextAsync(message, pipeline);
    }

    private static string Body(Request request)
    {
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, default);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>
/// When every attempt failed to reach storage, Azure.Core's retry policy throws an
/// <see cref="AggregateException"/>; this turns it into one <see cref="RequestFailedException"/> with
/// status 0, so callers catch storage failures one way and the API answers 503.
/// </summary>
internal sealed class StorageUnreachablePolicy : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is RequestFailedException or IOException))
        {
            throw Unreachable(message, e);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is RequestFailedException or IOException))
        {
            throw Unreachable(message, e);
        }
    }

    private static RequestFailedException Unreachable(HttpMessage message, AggregateException e) =>
        new(0, $"Storage at {message.Request.Uri.Host}:{message.Request.Uri.Port} could not be reached after {e.InnerExceptions.Count} attempts.", e);
}

using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

internal static class StoragePipelineSend
{
    /// <summary>
    /// Sends through the pipeline. When every retry failed without an answer, Azure.Core throws an
    /// AggregateException; callers get one <see cref="RequestFailedException"/> with status 0 instead,
    /// so a single catch covers "the service said no" and "the service could not be reached".
    /// </summary>
    public static async Task<Response> SendToStorageAsync(this HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return message.Response;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is RequestFailedException or IOException))
        {
            throw new RequestFailedException(0,
                $"Storage at {message.Request.Uri.Host}:{message.Request.Uri.Port} could not be reached after {e.InnerExceptions.Count} attempts: {e.InnerExceptions[^1].Message}",
                e);
        }
    }
}

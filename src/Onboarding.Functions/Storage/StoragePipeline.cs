using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>Builds the Azure.Core pipelines the Table and Queue clients send through.</summary>
internal static class StoragePipeline
{
    private const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline ForTables(SharedKeyCredential? sharedKey, TokenCredential? token, StorageClientOptions options) =>
        Build(options, sharedKey is null ? null : new TableSharedKeyLitePolicy(sharedKey, options.TimeProvider), token);

    public static HttpPipeline ForQueues(SharedKeyCredential? sharedKey, TokenCredential? token, StorageClientOptions options) =>
        Build(options, sharedKey is null ? null : new QueueSharedKeyPolicy(sharedKey, options.TimeProvider), token);

    private static HttpPipeline Build(StorageClientOptions options, HttpPipelinePolicy? sharedKeyPolicy, TokenCredential? token)
    {
        // Auth runs per retry so that every attempt carries a fresh x-ms-date and signature.
        HttpPipelinePolicy auth = sharedKeyPolicy
            ?? (token is not null
                ? new BearerTokenAuthenticationPolicy(token, StorageScope)
                : throw new ArgumentException("A storage client needs a shared key or a token credential."));
        return HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [new StorageVersionPolicy(options.ServiceVersion)],
            perRetryPolicies: [new AttemptCounterPolicy(), auth],
            responseClassifier: new ResponseClassifier());
    }

    private sealed class StorageVersionPolicy(string version) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue("x-ms-version", version);
    }
}

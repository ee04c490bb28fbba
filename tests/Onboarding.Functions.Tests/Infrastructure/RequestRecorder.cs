using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>A pipeline policy that records every request sent to storage (method, URI, headers).</summary>
public sealed class RequestRecorder : HttpPipelineSynchronousPolicy
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public override void OnSendingRequest(HttpMessage message) =>
        Requests.Enqueue(new RecordedRequest(
            message.Request.Method.Method,
            message.Request.Uri.ToUri(),
            message.Request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase)));

    public int Count => Requests.Count;

    public void Clear() => Requests.Clear();
}

public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A read of <paramref name="organizationId"/>'s partition of the <c>Onboarding</c> table.</summary>
    public bool ReadsOrganization(string organizationId) =>
        Method == "GET" && Uri.AbsolutePath.EndsWith("/Onboarding()", StringComparison.Ordinal)
        && Uri.UnescapeDataString(Uri.Query).Contains($"'{organizationId}'", StringComparison.Ordinal);
}

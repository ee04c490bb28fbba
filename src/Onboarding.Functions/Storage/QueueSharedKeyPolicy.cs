using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>
/// Signs Queue requests with SharedKey (Azurite refuses SharedKeyLite for queues). Runs per retry.
/// </summary>
internal sealed class QueueSharedKeyPolicy(SharedKeyCredential credential, TimeProvider clock) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Remove("Date");

        long contentLength = 0;
        if (request.Content is { } content && !content.TryComputeLength(out contentLength))
        {
            throw new InvalidOperationException("Queue requests must have a content of known length to be signed.");
        }

        var toSign = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(contentLength == 0 ? string.Empty : contentLength.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append('\n') // Date: empty because x-ms-date is sent.
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            toSign.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        var uri = request.Uri.ToUri();
        toSign.Append('/').Append(credential.AccountName).Append(uri.AbsolutePath);
        foreach (var group in QueryParameters.Parse(uri.Query)
                     .GroupBy(p => p.Name.ToLowerInvariant())
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            toSign.Append('\n').Append(group.Key).Append(':')
                .Append(string.Join(',', group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        request.Headers.SetValue("Authorization", $"SharedKey {credential.AccountName}:{credential.Sign(toSign.ToString())}");
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;
}

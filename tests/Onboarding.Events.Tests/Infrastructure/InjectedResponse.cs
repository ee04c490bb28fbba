using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace Onboarding.Events.Tests.Infrastructure;

/// <summary>A storage error response made up by the test: what the client sees instead of (or after) the real one.</summary>
public sealed class InjectedResponse(int status, string errorCode, string clientRequestId) : Response
{
    private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Type"] = "application/xml",
        ["x-ms-error-code"] = errorCode,
        ["x-ms-client-request-id"] = clientRequestId,
    };

    public override int Status => status;

    public override string ReasonPhrase => "Injected by the test";

    /// <summary>The transport policy marks real responses; this one never passed through it.</summary>
    public override bool IsError => true;

    /// <summary>The storage error document the SDK reads the error code from.</summary>
    public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{errorCode}</Code><Message>Injected by the test.</Message></Error>"));

    public override string ClientRequestId { get; set; } = clientRequestId;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = headers.TryGetValue(name, out var value);
        values = found ? [value!] : null;
        return found;
    }
}

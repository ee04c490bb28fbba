using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Onboarding.Functions.Storage;

/// <summary>
/// Reads the storage error code and message from a failed response: the <c>x-ms-error-code</c>
/// header, the Table service's <c>odata.error</c> JSON or the Queue service's XML <c>Error</c>.
/// </summary>
internal sealed class StorageErrorParser : RequestFailedDetailsParser
{
    public static readonly StorageErrorParser Instance = new();

    public static RequestFailedException Exception(Response response) => new(response, null, Instance);

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var (bodyCode, message) = ReadBody(response);
        var code = headerCode ?? bodyCode;
        error = code is null && message is null ? null : new ResponseError(code, message ?? code);
        return error is not null;
    }

    internal static (string? Code, string? Message) ReadBody(Response response)
    {
        var content = response.Content;
        if (content is null || content.ToMemory().Length == 0)
        {
            return (null, null);
        }
        var text = content.ToString();
        try
        {
            if (text.TrimStart().StartsWith('{'))
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("odata.error", out var odata))
                {
                    var code = odata.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = odata.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, message);
                }
            }
            else if (text.TrimStart().StartsWith('<'))
            {
                var root = XDocument.Parse(text).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException)
        {
            // An unreadable error body still yields an exception with the status code.
        }
        return (null, null);
    }
}

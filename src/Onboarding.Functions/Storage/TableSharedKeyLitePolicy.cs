using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>
/// Signs Table requests with SharedKeyLite (<c>x-ms-date + "\n" + /account/path[?comp=]</c>). It runs
/// per retry, so each attempt carries a fresh date and signature.
/// </summary>
internal sealed class TableSharedKeyLitePolicy(SharedKeyCredential credential, TimeProvider clock) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        request.Headers.Remove("Date");

        var uri = request.Uri.ToUri();
        var resource = "/" + credential.AccountName + uri.AbsolutePath + CompParameter(uri);
        var signature = credential.Sign(date + "\n" + resource);
        request.Headers.SetValue("Authorization", $"SharedKeyLite {credential.AccountName}:{signature}");
    }

    private static string CompParameter(Uri uri)
    {
        foreach (var (name, value) in QueryParameters.Parse(uri.Query))
        {
            if (name.Equals("comp", StringComparison.OrdinalIgnoreCase))
            {
                return "?comp=" + value;
            }
        }
        return string.Empty;
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Functions.Api;

/// <summary>A self-contained HTML page (no scripts, nothing fetched) that lists the OpenAPI document's operations.</summary>
public static class ApiExplorerPage
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Render(JsonObject document)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Onboarding API</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}details{border:1px solid #ccc;border-radius:4px;margin:.4rem 0;padding:.4rem .8rem}")
            .Append("summary{cursor:pointer}code.m{display:inline-block;width:4.5rem;font-weight:bold}pre{background:#f6f6f6;padding:.6rem;overflow:auto}</style></head><body>")
            .Append("<h1>Onboarding API</h1><p>The machine-readable description: <a href=\"/api/openapi/v1.json\">/api/openapi/v1.json</a>. ")
            .Append("A token for local calls: <code>scripts/dev-token.sh --org my-org --role org_admin</code>.</p>");
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                var operation = operationNode!.AsObject();
                html.Append("<details><summary><code class=\"m\">").Append(method.ToUpperInvariant()).Append("</code> <code>")
                    .Append(WebUtility.HtmlEncode(path)).Append("</code> — ").Append(WebUtility.HtmlEncode((string?)operation["operationId"]))
                    .Append(" (").Append(WebUtility.HtmlEncode((string?)operation["x-access"])).Append(")</summary>");
                if (operation["requestBody"] is { } body)
                {
                    html.Append("<h4>Body</h4><pre>").Append(WebUtility.HtmlEncode(body.ToJsonString(Indented))).Append("</pre>");
                }
                html.Append("<h4>Responses</h4><pre>").Append(WebUtility.HtmlEncode(operation["responses"]!.ToJsonString(Indented))).Append("</pre></details>");
            }
        }
        return html.Append("</body></html>").ToString();
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;

namespace Onboarding.Functions.Storage;

/// <summary>
/// The multipart/mixed body of an entity-group transaction (<c>POST /$batch</c>): one changeset whose
/// parts wrap complete inner HTTP requests, and the parsing of the matching multipart answer.
/// </summary>
internal static partial class TableBatchFormat
{
    private const string Crlf = "\r\n";

    public static byte[] WriteRequest(string batchBoundary, string changesetBoundary, Uri tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var body = new StringBuilder();
        body.Append("--").Append(batchBoundary).Append(Crlf)
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append(Crlf)
            .Append(Crlf);

        for (var index = 0; index < actions.Count; index++)
        {
            var action = actions[index];
            var entity = action.Entity;
            var (method, hasKeysInPath, ifMatch, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", false, null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, IfMatch(action), true),
                TableTransactionActionType.UpdateReplace => ("PUT", true, IfMatch(action), true),
                TableTransactionActionType.Delete => ("DELETE", true, IfMatch(action), false),
                TableTransactionActionType.UpsertMerge => ("MERGE", true, (string?)null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", true, null, true),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action."),
            };
            var url = tableUri.AbsoluteUri + (hasKeysInPath ? TableKeys.EntityPath(entity.PartitionKey, entity.RowKey) : string.Empty);

            body.Append("--").Append(changesetBoundary).Append(Crlf)
                .Append("Content-Type: application/http").Append(Crlf)
                .Append("Content-Transfer-Encoding: binary").Append(Crlf)
                .Append(Crlf)
                .Append(method).Append(' ').Append(url).Append(" HTTP/1.1").Append(Crlf)
                .Append("Accept: application/json;odata=minimalmetadata").Append(Crlf)
                .Append("Content-ID: ").Append((index + 1).ToString(CultureInfo.InvariantCulture)).Append(Crlf)
                .Append("DataServiceVersion: 3.0;").Append(Crlf);
            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append(Crlf);
            }
            if (hasBody)
            {
                body.Append("Content-Type: application/json").Append(Crlf)
                    .Append("Prefer: return-no-content").Append(Crlf)
                    .Append(Crlf)
                    .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append(Crlf);
            }
            else
            {
                body.Append(Crlf);
            }
        }

        body.Append("--").Append(changesetBoundary).Append("--").Append(Crlf)
            .Append("--").Append(batchBoundary).Append("--").Append(Crlf);
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static string IfMatch(TableTransactionAction action) =>
        action.ETag == default ? "*" : action.ETag.ToString();

    /// <summary>The inner responses, in order, of a multipart transaction answer.</summary>
    public static IReadOnlyList<TableBatchPartResponse> ReadResponse(string body)
    {
        var responses = new List<TableBatchPartResponse>();
        foreach (Match match in InnerStatusLine().Matches(body))
        {
            var start = match.Index;
            var next = InnerStatusLine().Match(body, match.Index + match.Length);
            var end = body.IndexOf("\r\n--", start, StringComparison.Ordinal);
            if (end < 0 || (next.Success && next.Index < end))
            {
                end = next.Success ? next.Index : body.Length;
            }
            responses.Add(ReadPart(body[start..end]));
        }
        return responses;
    }

    private static TableBatchPartResponse ReadPart(string part)
    {
        var lines = part.Split(Crlf);
        var status = StatusLine().Match(lines[0]);
        var headers = new List<HttpHeader>();
        var lineIndex = 1;
        for (; lineIndex < lines.Length && lines[lineIndex].Length > 0; lineIndex++)
        {
            var colon = lines[lineIndex].IndexOf(':');
            if (colon > 0)
            {
                headers.Add(new HttpHeader(lines[lineIndex][..colon].Trim(), lines[lineIndex][(colon + 1)..].Trim()));
            }
        }
        var content = string.Join(Crlf, lines.Skip(lineIndex + 1)).Trim();
        return new TableBatchPartResponse(
            int.Parse(status.Groups["code"].Value, CultureInfo.InvariantCulture),
            status.Groups["reason"].Value,
            headers,
            Encoding.UTF8.GetBytes(content));
    }

    [GeneratedRegex(@"^HTTP/1\.1 \d{3}", RegexOptions.Multiline)]
    private static partial Regex InnerStatusLine();

    [GeneratedRegex(@"^HTTP/1\.1 (?<code>\d{3}) ?(?<reason>.*)$")]
    private static partial Regex StatusLine();

    /// <summary>The index a failed transaction's error message starts with (<c>"2:The specified…"</c>).</summary>
    public static int? FailedIndex(string? message)
    {
        var match = message is null ? Match.Empty : FailedIndexPrefix().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex FailedIndexPrefix();
}

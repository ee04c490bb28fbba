namespace Onboarding.Functions.Analytics;

/// <summary>The query of <c>GET /analytics/organizations</c>, read once with an error per bad parameter.</summary>
public sealed record OrganizationsQuery(string Sort, string Partition, string? Status, DateTimeOffset? From, DateTimeOffset? Until, int PageSize, string? Continuation)
{
    private const string TokenPrefix = "organizations:";

    /// <summary>The <c>sort</c> values and the index partition each reads.</summary>
    private static readonly Dictionary<string, string> SortPartitions = new(StringComparer.Ordinal)
    {
        ["signedUpAt"] = OrganizationsIndex.BySignUp,
        ["completionPercent"] = OrganizationsIndex.ByCompletion,
    };

    /// <summary>The query, or null with <paramref name="errors"/> naming each bad parameter.</summary>
    public static OrganizationsQuery? Read(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var sort = AnalyticsQuery.OneOf(request, "sort", [.. SortPartitions.Keys], errors) ?? "signedUpAt";
        var status = AnalyticsQuery.OneOf(request, "status", OrganizationsIndex.Statuses, errors);
        var from = AnalyticsQuery.OptionalDay(request, "signedUpFrom", errors, out _);
        var to = AnalyticsQuery.OptionalDay(request, "signedUpTo", errors, out _);
        if (from is not null && to is not null && to < from)
        {
            errors["signedUpTo"] = ["'signedUpTo' must not be before 'signedUpFrom'."];
        }
        var pageSize = AnalyticsQuery.Integer(request, "pageSize", 50, 1, 200, errors);
        var partition = SortPartitions.GetValueOrDefault(sort, OrganizationsIndex.BySignUp);
        var token = request.Query["continuationToken"].ToString();
        string? continuation = null;
        if (token.Length > 0 && (continuation = ContinuationTokens.Decode(TokenPrefix + partition + ":", token, OrganizationsIndex.IsContinuation)) is null)
        {
            errors["continuationToken"] = ["'continuationToken' must be a token from an earlier page of this list, with the same sort."];
        }
        return errors.Count > 0 ? null : new OrganizationsQuery(sort, partition, status, Start(from), Start(to?.AddDays(1)), pageSize!.Value, continuation);
    }

    /// <summary>The continuation token a client gets for the next page.</summary>
    public string NextToken(string continuation) => ContinuationTokens.Encode(TokenPrefix + Partition + ":", continuation);

    private static DateTimeOffset? Start(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
}

using Azure.Data.Tables;
namespace Onboarding.Functions.Organizations;

/// <summary>RowKeys in an organization's partition of the <c>Onboarding</c> table.</summary>
public static class ProfileRows
{
    /// <summary>Every profile row sorts between this prefix and <see cref="ProfileUpperBound"/>: one range query reads them all.</summary>
    public const string ProfilePrefix = "profile|";
    public const string ProfileUpperBound = "profile}";
    public const string State = "profile|state";
    public const string Activity = "profile|activity";
    public const string TutorialPrefix = "profile|tutorial|";
    public const string EventPrefix = "event|";
    public const string SamplePrefix = "sample|";

    /// <summary>The rows of <paramref name="partitionKey"/> whose RowKey starts with <paramref name="prefix"/> (ASCII prefixes only).</summary>
    public static string PrefixFilter(string partitionKey, string prefix)
    {
        var upperBound = prefix[..^1] + (char)(prefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {upperBound}");
    }

    public static string Tutorial(string tutorialId) => TutorialPrefix + tutorialId;

    public static string Event(string eventId) => EventPrefix + eventId;
}

using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Domain.Privacy;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// An <see cref="OnboardingEvent"/> as a row: in its organization's partition (<c>event|{id}</c>, the
/// source of truth) and in the daily analytics projection (day-and-shard partition, <c>{type}|{organization key}|{id}</c>),
/// which knows the organization only by its pseudonym (<see cref="Pseudonyms.Organization"/>), never by its id.
/// </summary>
public static class EventEntityMapper
{
    public static TableEntity ToOrganizationRow(OnboardingEvent e, DateTimeOffset recordedAt)
    {
        var entity = Properties(new TableEntity(e.OrganizationId, ProfileRows.Event(e.Id)), e);
        entity["RecordedAt"] = recordedAt;
        return entity;
    }

    /// <summary>How many partitions one day of the projection is spread over.</summary>
    public const int DailyShards = 16;

    /// <summary>
    /// <c>yyyyMMdd-{shard}</c>: the day, and a shard from a stable hash of the organization's key (its pseudonym; rows
    /// written before pseudonyms, its id), so one day's events spread over <see cref="DailyShards"/> partitions (each
    /// well under the 2,000 entities/s a partition takes) while one organization's events of a day stay together.
    /// </summary>
    public static string DailyPartition(DateTimeOffset timestamp, string organizationKey) =>
        $"{timestamp.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{DailyShard(organizationKey):00}";

    /// <summary>FNV-1a over the key's UTF-8 bytes: the same shard in every process and every release.</summary>
    public static int DailyShard(string organizationKey)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(organizationKey))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % DailyShards);
    }

    /// <summary><c>{type}|{organization key}|{event key}</c>: the event's type, its organization's and its own pseudonym.</summary>
    public static string DailyRowKey(OnboardingEvent e, Pseudonyms pseudonyms) =>
        $"{e.Type}|{pseudonyms.Organization(e.OrganizationId)}|{pseudonyms.Event(e.OrganizationId, e.Id)}";

    /// <summary>The row key projection rows had before pseudonyms: <c>{type}|{orgId}|{eventId}</c>.</summary>
    public static string LegacyDailyRowKey(OnboardingEvent e) => $"{e.Type}|{e.OrganizationId}|{e.Id}";

    /// <summary>The data keys analytics read (a checklist task's id); the rest of an event's data stays in its organization's partition.</summary>
    private static readonly string[] AnalyticsDataKeys = ["taskId"];

    /// <summary>
    /// The event's projection row, under <paramref name="pseudonyms"/>: keyed by its organization's and its own pseudonym,
    /// holding only what analytics read (type, time, wizard fields, sample flag, the user's pseudonym, experiment and
    /// variant, a checklist task's id), so no producer-chosen text (ids, session ids, free-form data) reaches it.
    /// </summary>
    public static TableEntity ToDailyRow(OnboardingEvent e, Pseudonyms pseudonyms)
    {
        var organizationKey = pseudonyms.Organization(e.OrganizationId);
        var entity = new TableEntity(DailyPartition(e.Timestamp, organizationKey), DailyRowKey(e, pseudonyms))
        {
            ["Type"] = e.Type,
            ["OccurredAt"] = e.Timestamp,
            [OrganizationKeyColumn] = organizationKey,
        };
        SetMeasures(entity, e);
        var data = new JsonObject();
        foreach (var key in AnalyticsDataKeys.Where(key => e.Data?[key] is not null))
        {
            data[key] = e.Data![key]!.DeepClone();
        }
        if (data.Count > 0)
        {
            entity["Data"] = data.ToJsonString();
        }
        Set(entity, "UserKey", e.UserKey);
        Set(entity, "Experiment", e.Experiment);
        Set(entity, "Variant", e.Variant);
        return entity;
    }

    /// <summary>The projection's column of the organization's pseudonym (rows from before pseudonyms have <c>OrganizationId</c> and <c>EventId</c>).</summary>
    public const string OrganizationKeyColumn = "OrganizationKey";

    public static OnboardingEvent FromOrganizationRow(TableEntity entity) => new(
        entity.RowKey[ProfileRows.EventPrefix.Length..],
        entity.PartitionKey,
        entity.GetString("Type") ?? string.Empty,
        entity.GetDateTimeOffset("OccurredAt") ?? default,
        entity.GetString("SessionId"),
        entity.GetString("Browser") is { } browser
            ? new ClientInfo(browser, entity.GetString("BrowserVersion"), entity.GetString("OperatingSystem") ?? "Other", entity.GetString("DeviceClass") ?? "desktop")
            : null,
        entity.GetInt32("WizardStepReached"),
        entity.GetInt32("WizardStepDropped"),
        entity.GetDouble("StepDurationSeconds"),
        entity.GetDouble("CompletionTimeMinutes"),
        entity.GetBoolean("IsSample") ?? false,
        entity.GetString("Data") is { } data ? JsonNode.Parse(data) as JsonObject : null,
        entity.GetString("UserKey"),
        entity.GetString("Experiment"),
        entity.GetString("Variant"));

    private static TableEntity Properties(TableEntity entity, OnboardingEvent e)
    {
        entity["Type"] = e.Type;
        // "Timestamp" is the service's own column; the event's time goes in "OccurredAt".
        entity["OccurredAt"] = e.Timestamp;
        Set(entity, "SessionId", e.SessionId);
        if (e.Client is { } client)
        {
            entity["Browser"] = client.Browser;
            Set(entity, "BrowserVersion", client.BrowserMajorVersion);
            entity["OperatingSystem"] = client.OperatingSystem;
            entity["DeviceClass"] = client.DeviceClass;
        }
        SetMeasures(entity, e);
        if (e.Data is { Count: > 0 } data)
        {
            entity["Data"] = data.ToJsonString();
        }
        Set(entity, "UserKey", e.UserKey);
        Set(entity, "Experiment", e.Experiment);
        Set(entity, "Variant", e.Variant);
        return entity;
    }

    /// <summary>The wizard figures an event carries and its sample flag, each only when present: the same columns on both rows.</summary>
    private static void SetMeasures(TableEntity entity, OnboardingEvent e)
    {
        Set(entity, "WizardStepReached", e.WizardStepReached);
        Set(entity, "WizardStepDropped", e.WizardStepDropped);
        Set(entity, "StepDurationSeconds", e.StepDurationSeconds);
        Set(entity, "CompletionTimeMinutes", e.CompletionTimeMinutes);
        if (e.IsSample)
        {
            entity["IsSample"] = true;
        }
    }

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}

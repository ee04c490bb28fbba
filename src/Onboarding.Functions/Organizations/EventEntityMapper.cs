using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Onboarding.Domain.Events;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// An <see cref="OnboardingEvent"/> as a row: in its organization's partition (<c>event|{id}</c>, the
/// source of truth) and in the daily analytics projection (day-and-shard partition, <c>{type}|{org}|{id}</c>).
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
    /// <c>yyyyMMdd-{shard}</c>: the day, and a shard from a stable hash of the organization id, so one day's
    /// events spread over <see cref="DailyShards"/> partitions (each well under the 2,000 entities/s a
    /// partition takes) while one organization's events of a day stay together.
    /// </summary>
    public static string DailyPartition(DateTimeOffset timestamp, string organizationId) =>
        $"{timestamp.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{DailyShard(organizationId):00}";

    /// <summary>FNV-1a over the id's UTF-8 bytes: the same shard in every process and every release.</summary>
    public static int DailyShard(string organizationId)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(organizationId))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % DailyShards);
    }

    public static string DailyRowKey(OnboardingEvent e) => $"{e.Type}|{e.OrganizationId}|{e.Id}";

    public static TableEntity ToDailyRow(OnboardingEvent e)
    {
        var entity = Properties(new TableEntity(DailyPartition(e.Timestamp, e.OrganizationId), DailyRowKey(e)), e);
        entity["OrganizationId"] = e.OrganizationId;
        entity["EventId"] = e.Id;
        return entity;
    }

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
        entity.GetString("Data") is { } data ? JsonNode.Parse(data) as JsonObject : null);

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
        Set(entity, "WizardStepReached", e.WizardStepReached);
        Set(entity, "WizardStepDropped", e.WizardStepDropped);
        Set(entity, "StepDurationSeconds", e.StepDurationSeconds);
        Set(entity, "CompletionTimeMinutes", e.CompletionTimeMinutes);
        if (e.IsSample)
        {
            entity["IsSample"] = true;
        }
        if (e.Data is { Count: > 0 } data)
        {
            entity["Data"] = data.ToJsonString();
        }
        return entity;
    }

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}

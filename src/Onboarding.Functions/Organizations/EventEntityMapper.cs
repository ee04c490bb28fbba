using Azure.Data.Tables;
using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Domain.Events;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// An <see cref="OnboardingEvent"/> as a row: in its organization's partition (<c>event|{id}</c>, the
/// source of truth) and in the daily analytics projection (day partition, <c>{type}|{org}|{id}</c>).
/// </summary>
public static class EventEntityMapper
{
    public static TableEntity ToOrganizationRow(OnboardingEvent e, DateTimeOffset recordedAt)
    {
        var entity = Properties(new TableEntity(e.OrganizationId, ProfileRows.Event(e.Id)), e);
        entity["RecordedAt"] = recordedAt;
        return entity;
    }

    public static string DailyPartition(DateTimeOffset timestamp) => timestamp.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string DailyRowKey(OnboardingEvent e) => $"{e.Type}|{e.OrganizationId}|{e.Id}";

    public static TableEntity ToDailyRow(OnboardingEvent e)
    {
        var entity = Properties(new TableEntity(DailyPartition(e.Timestamp), DailyRowKey(e)), e);
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

using Azure;
using Azure.Data.Tables;
using Onboarding.Domain.Events;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Privacy;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Analytics;

/// <summary>
/// Which variant of an experiment each organization is in (<c>ExperimentAssignments</c>: PartitionKey = experiment,
/// RowKey = the organization's pseudonym): the variant of its earliest non-sample event naming the experiment (by
/// timestamp, then the event's pseudonym), so the answer does not depend on the order events arrive in. Told each committed event after
/// its projection (an observer), at least once; a write only ever moves a row to an earlier event, guarded by its ETag.
/// </summary>
public sealed class ExperimentAssignments(TableServiceClient tables, AnalyticsPseudonyms pseudonyms) : ICommittedEventsObserver
{
    public Task ObserveAsync(IReadOnlyCollection<OnboardingEvent> events, CancellationToken cancellationToken) => RecordAsync(events, cancellationToken);

    private const string VariantColumn = "Variant";
    private const string AssignedAtColumn = "AssignedAt";
    private const string EventIdColumn = "EventId";

    private TableClient Table => tables.GetTableClient(OnboardingStorage.ExperimentAssignmentsTable);

    /// <summary>Records the variants <paramref name="events"/> assign, or assign earlier.</summary>
    public async Task RecordAsync(IEnumerable<OnboardingEvent> events, CancellationToken cancellationToken)
    {
        var firsts = events
            .Where(e => e is { IsSample: false, Experiment: not null, Variant: not null })
            .GroupBy(e => (e.Experiment!, e.OrganizationId))
            .Select(g => g.OrderBy(e => e.Timestamp).ThenBy(e => pseudonyms.Current.Event(e.OrganizationId, e.Id), StringComparer.Ordinal).First());
        await Task.WhenAll(firsts.Select(e => RecordAsync(e, cancellationToken)));
    }

    /// <summary>The organizations (by pseudonym) of each variant of <paramref name="experiment"/>: one partition query.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> VariantsAsync(string experiment, CancellationToken cancellationToken)
    {
        var variants = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {experiment}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", VariantColumn], cancellationToken: cancellationToken))
        {
            var variant = row.GetString(VariantColumn) ?? "";
            if (!variants.TryGetValue(variant, out var organizations))
            {
                variants[variant] = organizations = new HashSet<string>(StringComparer.Ordinal);
            }
            organizations.Add(row.RowKey);
        }
        return variants.ToDictionary(v => v.Key, v => (IReadOnlySet<string>)v.Value, StringComparer.Ordinal);
    }

    /// <summary>Deletes the organization's rows of <paramref name="experiments"/> under every pseudonym key (current and earlier).</summary>
    public async Task RemoveAsync(string organizationId, IEnumerable<string> experiments, CancellationToken cancellationToken)
    {
        var keys = pseudonyms.All.Select(p => p.Organization(organizationId)).ToList();
        await Task.WhenAll(experiments.Distinct(StringComparer.Ordinal)
            .SelectMany(experiment => keys.Select(key => Table.DeleteIfUnchangedAsync(experiment, key, ETag.All, cancellationToken))));
    }

    private async Task RecordAsync(OnboardingEvent e, CancellationToken cancellationToken)
    {
        var row = new TableEntity(e.Experiment!, pseudonyms.Organization(e.OrganizationId))
        {
            [VariantColumn] = e.Variant,
            [AssignedAtColumn] = e.Timestamp,
            [EventIdColumn] = pseudonyms.Current.Event(e.OrganizationId, e.Id),
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var stored = await Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
                if (!stored.HasValue)
                {
                    await Table.AddEntityAsync(row, cancellationToken);
                    return;
                }
                if (!IsEarlier(e, (string)row[EventIdColumn], stored.Value!))
                {
                    return;
                }
                await Table.UpdateEntityAsync(row, stored.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException failure) when (failure.Status is 409 or 412 && attempt < 5)
            {
                // Another writer got there first: decide again over what it wrote.
            }
        }
    }

    private static bool IsEarlier(OnboardingEvent e, string eventKey, TableEntity stored)
    {
        var at = stored.GetDateTimeOffset(AssignedAtColumn) ?? DateTimeOffset.MaxValue;
        return e.Timestamp < at || (e.Timestamp == at && string.CompareOrdinal(eventKey, stored.GetString(EventIdColumn)) < 0);
    }
}

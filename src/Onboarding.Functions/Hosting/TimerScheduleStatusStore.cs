using Azure.Data.Tables;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Hosting;

/// <summary>
/// The local driver's record of each timer's last and next run (the host keeps the same in blob
/// storage when <c>useMonitor</c> is on), so a run missed while the app was down fires as past due.
/// </summary>
internal sealed class TimerScheduleStatusStore(TableClient table)
{
    public const string TableName = "TimerScheduleStatus";
    private const string Partition = "timer";

    public async Task<TimerTriggerInfo?> GetAsync(string functionName, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, functionName, cancellationToken: cancellationToken);
        return row.HasValue
            ? new TimerTriggerInfo(false, row.Value!.GetDateTimeOffset("Last"), row.Value.GetDateTimeOffset("Next"), row.Value.GetDateTimeOffset("LastUpdated"))
            : null;
    }

    public Task SaveAsync(string functionName, DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Partition, functionName) { ["Next"] = next, ["LastUpdated"] = now };
        if (last is { } lastRun)
        {
            row["Last"] = lastRun;
        }
        return table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}

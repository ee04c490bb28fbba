using System.Diagnostics;
using System.Globalization;

namespace Onboarding.Benchmarks;

/// <summary>
/// Azurite's ceiling for the rows ingestion writes: the <see cref="RawWritePlan"/> submitted directly,
/// <c>parallelism</c> writers at a time, into fresh tables that are deleted afterwards (so the raw rows
/// never slow down the app's queries, which Azurite answers by scanning the whole table). The ingestion
/// phase's warm-up rows go in first, untimed, as they are in the app's tables when its timing starts: Azurite
/// keeps each table as one LokiJS collection whose indexes it updates row by row, so a row costs it more the
/// more rows the table already holds.
/// </summary>
public sealed class RawCeiling(TableServiceClient tables, string runId, TimeSpan progressInterval, MeteredProcess azurite)
{
    public async Task<PhaseResult> RunAsync(string name, EventWorkload workload, EventWorkload? warmup, int parallelism)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{runId}{workload.EventsPerMessage}p{parallelism}");
        var organizations = tables.GetTableClient("RawOnboarding" + suffix);
        var daily = tables.GetTableClient("RawDaily" + suffix);
        await Task.WhenAll(organizations.CreateIfNotExistsAsync(), daily.CreateIfNotExistsAsync());
        try
        {
            if (warmup is not null)
            {
                await SubmitAsync(RawWritePlan.Build(warmup, tables, organizations, daily, TimeProvider.System.GetUtcNow()), parallelism, _ => { });
            }
            var units = RawWritePlan.Build(workload, tables, organizations, daily, TimeProvider.System.GetUtcNow());
            var transactions = units.Sum(u => u.Transactions.Count);
            var progress = new ProgressMeter(name, workload.Events.Count, progressInterval);
            using var stopPrinting = new CancellationTokenSource();
            var printing = progress.PrintAsync(stopPrinting.Token);

            var started = Stopwatch.GetTimestamp();
            var processor = ProcessorClock.Start(azurite);
            await SubmitAsync(units, parallelism, progress.Add);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpu = processor.Stop();
            await stopPrinting.CancelAsync();
            await printing;
            return PhaseResult.Measured(name, workload.Events.Count, elapsed,
                string.Create(CultureInfo.InvariantCulture, $"{parallelism} concurrent writers, {transactions:N0} transactions"), progress) with
            {
                Processor = (cpu, units.Count),
            };
        }
        finally
        {
            await Task.WhenAll(organizations.DeleteAsync(), daily.DeleteAsync());
        }
    }

    private static Task SubmitAsync(IReadOnlyList<RawWriteUnit> units, int parallelism, Action<long> done) =>
        Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (unit, cancellationToken) =>
        {
            foreach (var transaction in unit.Transactions)
            {
                await transaction.Table.SubmitTransactionAsync(transaction.Actions, cancellationToken);
            }
            done(unit.Events);
        });
}

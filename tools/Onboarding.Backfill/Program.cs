using System.Diagnostics;
using System.Globalization;
using Onboarding.Events;

// Sends, per organization of a CSV (ExistingOrganization.CsvHeader), organization_created with its real creation time and an
// activity_snapshot of its counts; the ids are derived from the organization, so a second run stores nothing twice.
const string Usage = """
    Usage: scripts/backfill.sh --input <organizations.csv> [--counts-at <ISO 8601 time>] [--queue <name>]
      --input      CSV with the header organizationId,createdAt,events,teams,volunteers,assignments (counts may be empty)
      --counts-at  when the counts were taken (the snapshot's time and part of its id); default: today 00:00 UTC,
                   so runs on the same day send the same ids
      --queue      the events queue (default onboarding-events)
    The storage account is ONBOARDING_EVENTS_CONNECTION, else AzureWebJobsStorage (a connection string).
    """;

string? input = null;
var countsAt = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
var queue = "onboarding-events";
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
    switch (args[i])
    {
        case "--input": input = Next(); break;
        case "--counts-at": countsAt = DateTimeOffset.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--queue": queue = Next(); break;
        case "--help" or "-h": Console.WriteLine(Usage); return 0;
        default: Console.Error.WriteLine($"Unknown argument '{args[i]}'.\n{Usage}"); return 2;
    }
}
var connection = Environment.GetEnvironmentVariable("ONBOARDING_EVENTS_CONNECTION") ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage");
if (input is null || string.IsNullOrEmpty(connection))
{
    Console.Error.WriteLine(input is null ? $"--input is required.\n{Usage}" : $"Set ONBOARDING_EVENTS_CONNECTION (or AzureWebJobsStorage).\n{Usage}");
    return 2;
}

var clock = Stopwatch.StartNew();
using var reader = new StreamReader(input);
await using var publisher = new OnboardingEventPublisher(connection, new OnboardingEventPublisherOptions { QueueName = queue, FlushInterval = null });
var done = await OrganizationBackfill.SendAsync(publisher, ExistingOrganization.ReadCsv(reader), countsAt, new ProgressLine(clock));
Console.WriteLine($"backfill: done, {done.Organizations} organizations, {done.Events} events on queue '{queue}' in {clock.Elapsed.TotalSeconds:F1} s");
return 0;

/// <summary>One line per flush: how many organizations and events are on the queue, and the rate.</summary>
internal sealed class ProgressLine(Stopwatch clock) : IProgress<BackfillProgress>
{
    public void Report(BackfillProgress value) =>
        Console.WriteLine($"backfill: {value.Organizations} organizations, {value.Events} events sent ({value.Organizations / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0} organizations/s)");
}

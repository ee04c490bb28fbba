using System.Globalization;
using System.Text.RegularExpressions;

namespace Onboarding.Benchmarks;

/// <summary>
/// Where an ingestion phase's time went per message, from the host's log (warm-up included): the host's
/// invocation time (from the InvocationRequest to its response) and the worker's own split of it (parse,
/// commit: the profile read when not cached, deciding and the transaction; projection). What remains is
/// dispatch over gRPC and waiting for a thread. Wall-clock times of concurrent messages: under load they
/// include waiting for the CPU and for Azurite.
/// </summary>
public sealed partial record TimeBreakdown(int Messages, double InvocationMs, double ParseMs, double CommitMs, double ProjectionMs, int ProfileReads)
{
    public static TimeBreakdown Read(string hostLogPath)
    {
        var invocations = new List<double>();
        var (messages, parse, commit, projection, reads) = (0, 0.0, 0.0, 0.0, 0);
        foreach (var line in File.ReadLines(hostLogPath))
        {
            if (Executed().Match(line) is { Success: true } executed)
            {
                invocations.Add(double.Parse(executed.Groups[1].Value, CultureInfo.InvariantCulture));
            }
            else if (Ingested().Match(line) is { Success: true } ingested)
            {
                messages++;
                parse += double.Parse(ingested.Groups["parse"].Value, CultureInfo.InvariantCulture);
                commit += double.Parse(ingested.Groups["commit"].Value, CultureInfo.InvariantCulture);
                reads += int.Parse(ingested.Groups["reads"].Value, CultureInfo.InvariantCulture);
                projection += double.Parse(ingested.Groups["projection"].Value, CultureInfo.InvariantCulture);
            }
        }
        return messages == 0
            ? new TimeBreakdown(0, 0, 0, 0, 0, 0)
            : new TimeBreakdown(messages, invocations.Count == 0 ? 0 : invocations.Average(), parse / messages, commit / messages, projection / messages, reads);
    }

    public override string ToString() => Messages == 0
        ? "no ingestion lines in the host's log"
        : string.Create(CultureInfo.InvariantCulture,
            $"per message ({Messages:N0}, warm-up included): invocation {InvocationMs:F1} ms = parse {ParseMs:F1} + commit {CommitMs:F1} " +
            $"+ projection {ProjectionMs:F1} + dispatch and waiting {Math.Max(0, InvocationMs - ParseMs - CommitMs - ProjectionMs):F1}; " +
            $"profile reads {ProfileReads:N0} ({(double)ProfileReads / Messages:P0} of messages, the rest from the cache)");

    [GeneratedRegex(@"Executed 'Functions\.IngestOnboardingEvents' \(Succeeded, Id=[^,]+, Duration=(\d+)ms\)")]
    private static partial Regex Executed();

    [GeneratedRegex(@"parse (?<parse>[\d.]+) ms, commit (?<commit>[\d.]+) ms \((?<reads>\d+) profile reads\), projection (?<projection>[\d.]+) ms")]
    private static partial Regex Ingested();
}

using System.Diagnostics.Metrics;

namespace Onboarding.LocalFunctionsHost.Invocation;

/// <summary>
/// How long each invocation took from the host's side (from sending the InvocationRequest to its response), by function
/// and outcome: the same figure as the <c>Executed</c> log line, as an instrument of the meter
/// <c>Onboarding.LocalFunctionsHost</c> that a listener outside the process (the benchmark) can read.
/// </summary>
public static class InvocationMetrics
{
    public const string MeterName = "Onboarding.LocalFunctionsHost";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("functions.invocation.duration", "ms",
        "Invocation time as the host measures it, by function and outcome (succeeded or failed).");

    public static void Record(string functionName, bool succeeded, TimeSpan duration) =>
        Duration.Record(duration.TotalMilliseconds,
            new KeyValuePair<string, object?>("function", functionName), new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));
}

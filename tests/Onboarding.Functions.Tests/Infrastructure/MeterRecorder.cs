using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// Records what one in-process app's meter (<see cref="OnboardingMetrics"/>) measures: only the instruments its own
/// <see cref="IMeterFactory"/> created, so apps of tests running at the same time do not mix in.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = new();

    public MeterRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        services.GetRequiredService<OnboardingMetrics>();
        listener.InstrumentPublished = (instrument, subscribing) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == OnboardingMetrics.MeterName)
            {
                subscribing.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    /// <summary>The sum of what <paramref name="instrument"/> measured with the tag <paramref name="tag"/> = <paramref name="value"/>.</summary>
    public double Sum(string instrument, string tag, string value) =>
        measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    /// <summary>How many measurements <paramref name="instrument"/> took with the tag <paramref name="tag"/> = <paramref name="value"/>.</summary>
    public int Count(string instrument, string tag, string value) =>
        measurements.Count(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(tag), value));

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        measurements.Enqueue((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));
}

namespace Onboarding.LocalFunctionsHost.Timers;

/// <summary>A timer's persisted status: its last run, its next expected run, and when the status last changed.</summary>
public sealed record ScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

namespace Onboarding.Events;

/// <summary>Absolute counts an <see cref="ActivitySnapshot"/> sets; at least one is given, each ≥ 0.</summary>
public sealed record ActivityCounts(long? Events = null, long? Teams = null, long? Volunteers = null, long? Assignments = null);

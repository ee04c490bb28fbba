namespace Onboarding.Functions.Erasure;

/// <summary>Erasure settings (section <c>Erasure</c>).</summary>
public sealed class ErasureOptions
{
    public const string Section = "Erasure";

    /// <summary>How long a DELETE works before it answers 202 and leaves the rest to the queue function.</summary>
    public double RequestBudgetSeconds { get; set; } = 20;

    /// <summary>How long one run of the queue function works on an erasure before it queues its own continuation.</summary>
    public double QueueBudgetSeconds { get; set; } = 240;

    public TimeSpan RequestBudget => TimeSpan.FromSeconds(RequestBudgetSeconds);

    public TimeSpan QueueBudget => TimeSpan.FromSeconds(QueueBudgetSeconds);
}

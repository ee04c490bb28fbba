using Azure.Data.Tables;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Organizations;

/// <summary>What one attempt decided over the organization it read: write these actions, or answer without writing.</summary>
public abstract record CommitDecision<T>
{
    /// <summary>
    /// Commit the actions of <paramref name="Plan"/> in one transaction, after the rows it writes first;
    /// <paramref name="Committed"/> gets the organization as it stands afterwards.
    /// </summary>
    public sealed record Write(ChangePlan Plan, Func<OrganizationSnapshot, T> Committed) : CommitDecision<T>;

    /// <summary>Nothing to write (a rule refused, a precondition failed): the answer as it is.</summary>
    public sealed record Answer(T Result) : CommitDecision<T>;
}

/// <summary>
/// How a caller wants failed commits handled. <paramref name="StopOnConflict"/> may answer instead of
/// retrying (given the failure, the attempt number and what that attempt read); <paramref name="OnDuplicates"/>
/// learns which events are already stored before the next attempt plans again.
/// </summary>
public sealed record CommitPolicy<T>(
    int MaxAttempts,
    Func<ConcurrentChangeException, int, OrganizationSnapshot, T?>? StopOnConflict = null,
    Func<DuplicateEventException, CancellationToken, Task>? OnDuplicates = null)
    where T : class;

/// <summary>
/// The one load → decide → commit → retry loop of every change to an organization: reads its profile
/// rows (or starts from what the caller already holds), lets the caller decide over them, writes the rows the
/// decided plan needs first (<see cref="OrganizationChanges.BeforeCommitAsync"/>), commits it in one ETag-guarded
/// transaction, and on a concurrent change or an already stored event decides again over a fresh read, a bounded
/// number of times.
/// </summary>
public sealed partial class OrganizationCommitter(
    OrganizationStore store, OrganizationChanges changes, OnboardingMetrics metrics, TimeProvider clock, ILogger<OrganizationCommitter> logger)
{
    public async Task<T> CommitAsync<T>(
        string organizationId, OrganizationSnapshot? known, Func<OrganizationSnapshot, CommitDecision<T>> decide, CommitPolicy<T> policy,
        CancellationToken cancellationToken)
        where T : class
    {
        var snapshot = known;
        for (var attempt = 1; ; attempt++)
        {
            snapshot ??= await store.LoadAsync(organizationId, cancellationToken);
            var decision = decide(snapshot);
            if (decision is CommitDecision<T>.Answer answered)
            {
                return answered.Result;
            }
            var write = (CommitDecision<T>.Write)decision;
            if (write.Plan.WritesBeforeCommit)
            {
                await changes.BeforeCommitAsync(write.Plan, cancellationToken);
            }
            try
            {
                var etags = await store.CommitAsync(write.Plan.Actions, cancellationToken);
                var after = OrganizationStore.AfterCommit(snapshot, write.Plan.Actions, etags) ?? await store.LoadAsync(organizationId, cancellationToken);
                return write.Committed(after);
            }
            catch (DuplicateEventException e) when (attempt < policy.MaxAttempts && policy.OnDuplicates is not null)
            {
                LogDuplicates(organizationId, e.EventIds.Count);
                metrics.CommitRetried("already_stored");
                await policy.OnDuplicates(e, cancellationToken);
            }
            catch (ConcurrentChangeException e) when (policy.StopOnConflict?.Invoke(e, attempt, snapshot) is { } answer)
            {
                return answer;
            }
            catch (ConcurrentChangeException e) when (attempt < policy.MaxAttempts)
            {
                LogRetry(organizationId, attempt, e.Message);
                metrics.CommitRetried("concurrent_change");
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), clock, cancellationToken);
            }
            snapshot = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Organization {OrganizationId}: event(s) already stored ({Count} named); deciding again over a fresh read")]
    private partial void LogDuplicates(string organizationId, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Organization {OrganizationId} changed concurrently (attempt {Attempt}): {Reason}; retrying")]
    private partial void LogRetry(string organizationId, int attempt, string reason);
}

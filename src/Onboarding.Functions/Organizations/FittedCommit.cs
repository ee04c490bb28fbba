using Azure.Data.Tables;
using Onboarding.Domain.State;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Organizations;

/// <summary>
/// The part of an organization's change that one entity-group transaction holds: the most leading events whose
/// rows, with the rows of the progress they make (which may add events of its own), fit its 100 actions.
/// </summary>
public sealed record FittedCommit(int Taken, OnboardingChange Change, IReadOnlyList<TableTransactionAction> Actions)
{
    /// <param name="offered">How many events are offered.</param>
    /// <param name="plan">The change that the first n events make and the actions that store it.</param>
    public static FittedCommit LargestFitting(int offered, Func<int, (OnboardingChange Change, IReadOnlyList<TableTransactionAction> Actions)> plan)
    {
        var take = offered;
        while (true)
        {
            var (change, actions) = plan(take);
            if (actions.Count <= OnboardingStorage.MaxTransactionActions || take == 1)
            {
                return new FittedCommit(take, change, actions);
            }
            take = Math.Max(1, take - (actions.Count - OnboardingStorage.MaxTransactionActions));
        }
    }
}

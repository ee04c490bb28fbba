using Azure.Data.Tables;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Events;
using Onboarding.Domain.State;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Tests.Organizations;

public sealed class FittedCommitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Creations = ["volunteer_added", "event_created", "team_created", "assignment_created"];

    [Fact]
    public void ANewOrganizationsFirst98EventsLeaveRoomForTheProgressTheyMakeAndTheRestFollow()
    {
        var events = Enumerable.Range(0, 98).Select(i => new OnboardingEvent($"e-{i}", "org-1", Creations[i % 4], Now)).ToList();
        var planner = new OrganizationStore(new TableServiceClient("UseDevelopmentStorage=true"), TimeProvider.System);
        var snapshot = new OrganizationSnapshot(OrganizationOnboarding.New("org-1"), new Dictionary<string, TableEntity>());

        var first = Fit(planner, snapshot, events);

        var progress = first.Change.Events.Count - first.Taken;
        Assert.True(progress > 0, "milestones reached by the first events add progress events");
        Assert.Equal(OnboardingStorage.MaxTransactionActions, first.Actions.Count);
        Assert.Equal(first.Taken + progress + 2, first.Actions.Count); // events, progress events, state and activity rows
        Assert.True(first.Taken < events.Count);

        var after = OrganizationStore.AfterCommit(snapshot, first.Actions, first.Actions.ToDictionary(a => a.Entity.RowKey, _ => new Azure.ETag("x")))!;
        var second = Fit(planner, after, events[first.Taken..]);
        Assert.Equal(events.Count - first.Taken, second.Taken);
        Assert.True(second.Actions.Count <= OnboardingStorage.MaxTransactionActions);
    }

    [Fact]
    public void TakesTheLargestNumberOfEventsWhoseActionsFit()
    {
        // Each event needs one action, and the change adds 10 more once 50 or more events are taken.
        var planned = new List<int>();
        var fitted = FittedCommit.LargestFitting(98, take =>
        {
            planned.Add(take);
            return (OnboardingChange.None(OrganizationOnboarding.New("org-1")), Actions(take + (take >= 50 ? 10 : 0)));
        });

        Assert.Equal(90, fitted.Taken);
        Assert.Equal(100, fitted.Actions.Count);
        Assert.Equal([98, 90], planned);
    }

    [Fact]
    public void OneEventIsTheLeastItTakesEvenWhenItsChangeDoesNotFit()
    {
        var fitted = FittedCommit.LargestFitting(5, _ => (OnboardingChange.None(OrganizationOnboarding.New("org-1")), Actions(150)));

        Assert.Equal(1, fitted.Taken);
        Assert.Equal(150, fitted.Actions.Count);
    }

    private static FittedCommit Fit(OrganizationStore planner, OrganizationSnapshot snapshot, IReadOnlyList<OnboardingEvent> events) =>
        FittedCommit.LargestFitting(events.Count, take =>
        {
            var change = OnboardingPipeline.Complete(new OnboardingChange(snapshot.Onboarding, [.. events.Take(take)]), DefaultCatalog.Catalog, Now);
            return (change, planner.PlanCommit(snapshot, change.After, change.Events));
        });

    private static List<TableTransactionAction> Actions(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}")))];
}

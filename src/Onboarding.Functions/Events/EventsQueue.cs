using Onboarding.Functions.Hosting;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Events;

/// <summary>
/// The events queue and its poison queue. The name is the app setting <c>ONBOARDING_EVENTS_QUEUE</c>
/// (default <c>onboarding-events</c>), the same reference the queue trigger is declared with.
/// </summary>
public sealed class EventsQueue(StorageAccounts storage, IConfiguration configuration)
{
    public const string Setting = "ONBOARDING_EVENTS_QUEUE";
    public const string Reference = "%" + Setting + "%";
    public const string DefaultName = "onboarding-events";

    public string Name { get; } = configuration[Setting] is { Length: > 0 } name ? name : DefaultName;

    public string PoisonName => Name + "-poison";

    public QueueClient Queue => storage.Default.Queues.GetQueueClient(Name);

    public QueueClient PoisonQueue => storage.Default.Queues.GetQueueClient(PoisonName);
}

using Azure.Storage.Queues;
using Onboarding.LocalFunctionsHost.Configuration;

namespace Onboarding.LocalFunctionsHost.Queues;

/// <summary>
/// The clients of one trigger's queue and its poison queue. Messages are read undecoded so that an
/// undecodable base64 body can still go to the poison queue exactly as it was.
/// </summary>
public sealed record QueueClients(QueueClient Queue, QueueClient? Poison)
{
    public static QueueClients Create(string connectionString, string queueName)
    {
        var options = new QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.None };
        var service = new QueueServiceClient(connectionString, options);
        var poisonName = queueName + "-poison";
        var hasPoison = !queueName.EndsWith("-poison", StringComparison.Ordinal) && poisonName.Length <= 63;
        return new QueueClients(service.GetQueueClient(queueName), hasPoison ? service.GetQueueClient(poisonName) : null);
    }
}

namespace Onboarding.Functions.Storage;

/// <summary>A message taken from the queue: invisible to others until its visibility timeout passes.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset? ExpiresOn,
    DateTimeOffset? NextVisibleOn)
{
    public BinaryData Body => BinaryData.FromString(MessageText);
}

/// <summary>A message seen without taking it: no pop receipt, dequeue count unchanged.</summary>
public sealed record PeekedMessage(string MessageId, string MessageText, long DequeueCount, DateTimeOffset? InsertedOn, DateTimeOffset? ExpiresOn);

/// <summary>What the service answers to a sent message.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertionTime, DateTimeOffset ExpirationTime, DateTimeOffset TimeNextVisible);

/// <summary>The new pop receipt and visibility of an updated message.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

/// <summary>Queue properties; the message count is approximate by the service's definition.</summary>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);

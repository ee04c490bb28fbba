using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Storage;

/// <summary>
/// Counts the attempts the retry policy makes for one message, so a 409 on a retried insert can be
/// told apart from a real conflict (the first attempt may have committed before its reply was lost).
/// </summary>
internal sealed class AttemptCounterPolicy : HttpPipelineSynchronousPolicy
{
    private const string PropertyName = "Onboarding.Storage.Attempts";

    public override void OnSendingRequest(HttpMessage message) =>
        message.SetProperty(PropertyName, AttemptsOf(message) + 1);

    public static int AttemptsOf(HttpMessage message) =>
        message.TryGetProperty(PropertyName, out var value) && value is int attempts ? attempts : 0;

    public static bool WasRetried(HttpMessage message) => AttemptsOf(message) > 1;
}

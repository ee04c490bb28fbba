namespace Onboarding.Functions.Hosting;

/// <summary>Who may call an HTTP function through the Functions host without our own auth.</summary>
public enum FunctionAuthLevel
{
    Anonymous,
    Function,
    Admin,
}

/// <summary>What starts a function: the trigger half of its <c>function.json</c>.</summary>
public abstract record FunctionTrigger;

/// <summary>An HTTP request on <paramref name="Route"/> (without the <c>api/</c> prefix).</summary>
public sealed record HttpFunctionTrigger(string Route, IReadOnlyList<string> Methods, FunctionAuthLevel AuthLevel) : FunctionTrigger;

/// <summary>A message on a storage queue, read through the connection named by <paramref name="Connection"/>.</summary>
public sealed record QueueFunctionTrigger(string QueueName, string Connection = QueueFunctionTrigger.DefaultConnection) : FunctionTrigger
{
    public const string DefaultConnection = "AzureWebJobsStorage";
    public const string BindingName = "message";
}

/// <summary>
/// An NCRONTAB schedule (six fields, UTC). <paramref name="Schedule"/> may be an app-setting reference
/// such as <c>%PURGE_SCHEDULE%</c>, resolved the way the Functions host resolves it.
/// </summary>
public sealed record TimerFunctionTrigger(string Schedule, bool RunOnStartup = false, bool UseMonitor = true) : FunctionTrigger
{
    public const string BindingName = "timer";
}

/// <summary>One function of the app: the single declaration routing, invocation, the local driver and function.json derive from.</summary>
public sealed record FunctionDefinition(string Name, FunctionTrigger Trigger);

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>Fires a timer function on an app the way the Functions host does: POST /{FunctionName} with a timer payload.</summary>
public static class TimerFunctions
{
    public static async Task<HttpResponseMessage> RunTimerAsync(this OnboardingApplication app, string functionName, bool isPastDue = false)
    {
        using var client = app.CreateClient();
        var pastDue = isPastDue ? "true" : "false";
        var payload = $$$"""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":{{{pastDue}}}}},"Metadata":{}}""";
        return await client.PostAsync("/" + functionName, JsonRequests.Json(payload));
    }

    public static Task<HttpResponseMessage> RunPurgeAsync(this OnboardingApplication app, bool isPastDue = false) =>
        app.RunTimerAsync("PurgeExpiredSampleData", isPastDue);

    public static Task<HttpResponseMessage> RunProjectionSweepAsync(this OnboardingApplication app) =>
        app.RunTimerAsync("ProjectPendingEvents");
}

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>The app's timer functions, run once in process when a test asks.</summary>
public static class TimerFunctions
{
    public static Task<HttpResponseMessage> RunPurgeAsync(this InProcessApp app, bool isPastDue = false) =>
        app.RunTimerAsync("PurgeExpiredSampleData", isPastDue);

    public static Task<HttpResponseMessage> RunProjectionSweepAsync(this InProcessApp app) =>
        app.RunTimerAsync("ProjectPendingEvents");
}

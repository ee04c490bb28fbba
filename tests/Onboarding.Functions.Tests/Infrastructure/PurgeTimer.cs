namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>Fires the sample-data purge on an app the way the Functions host does: POST /PurgeExpiredSampleData with a timer payload.</summary>
public static class PurgeTimer
{
    public static async Task<HttpResponseMessage> RunPurgeAsync(this OnboardingApplication app, bool isPastDue = false)
    {
        using var client = app.CreateClient();
        var pastDue = isPastDue ? "true" : "false";
        var payload = $$$"""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":{{{pastDue}}}}},"Metadata":{}}""";
        return await client.PostAsync("/PurgeExpiredSampleData", JsonRequests.Json(payload));
    }
}

using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Functions.Tests.Analytics;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// In-process apps on a clock of a day no other test uses and an in-progress index table of their own, so what the
/// stalled list and the funnel show is this test's alone; and a platform analyst's GET of an analytics route.
/// </summary>
public sealed class ClockedAnalyticsApp
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(AnalyticsDataSet.FarDay().ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

    public string IndexTable { get; } = TestStorage.UniqueTableName("inprogress");

    public async Task<InProcessApp> StartAsync()
    {
        await TestStorage.Tables().GetTableClient(IndexTable).CreateIfNotExistsAsync();
        return await new InProcessApp().WithSetting("Analytics:InProgressWizardsTable", IndexTable).WithServices(s => s.AddSingleton<TimeProvider>(Clock)).StartedAsync();
    }

    public static async Task<JsonElement> AnalystGetAsync(InProcessApp app, string route)
    {
        using var client = app.CreateClient().WithToken(TestTokens.Analyst());
        using var response = await client.GetAsync("/api/analytics/" + route);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

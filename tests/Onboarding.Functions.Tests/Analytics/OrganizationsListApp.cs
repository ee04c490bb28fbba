using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Domain.Events;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Analytics;

/// <summary>An in-process app with index tables of its own and a clock on a day no other test uses, and calls of <c>GET /analytics/organizations</c>.</summary>
public sealed class OrganizationsListApp
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(AnalyticsDataSet.FarDay().ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

    public string OrganizationsTable { get; } = TestStorage.UniqueTableName("orgindex");

    public string InProgressTable { get; } = TestStorage.UniqueTableName("inprogress");

    public async Task<InProcessApp> NewAppAsync(params HttpPipelinePolicy[] storagePolicies)
    {
        await TestStorage.Tables().GetTableClient(OrganizationsTable).CreateIfNotExistsAsync();
        await TestStorage.Tables().GetTableClient(InProgressTable).CreateIfNotExistsAsync();
        var app = new InProcessApp()
            .WithSetting("Analytics:OrganizationsIndexTable", OrganizationsTable)
            .WithSetting("Analytics:InProgressWizardsTable", InProgressTable)
            .WithServices(s => s.AddSingleton<TimeProvider>(Clock));
        if (storagePolicies.Length > 0)
        {
            app = app.WithServices(s => s.AddSingleton(TestStorage.Customize(o =>
            {
                foreach (var policy in storagePolicies)
                {
                    o.AddPolicy(policy, HttpPipelinePosition.PerRetry);
                }
            })));
        }
        return await app.StartedAsync();
    }

    public static async Task<HttpResponseMessage> ListAsync(InProcessApp app, string query)
    {
        using var client = app.CreateClient().WithToken(TestTokens.Analyst());
        return await client.GetAsync("/api/analytics/organizations?" + query);
    }

    public static async Task<JsonElement> PageAsync(InProcessApp app, string query)
    {
        using var response = await ListAsync(app, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("organizationId").GetString()!)];

    public static OnboardingEvent Created(string org, DateTimeOffset at) => new("created-" + org, org, OnboardingEventTypes.OrganizationCreated, at);
}

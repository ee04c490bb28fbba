using Onboarding.Functions.Api;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Catalog;
using Onboarding.Functions.Checklist;
using Onboarding.Functions.Features;
using Onboarding.Functions.Tutorials;
using Onboarding.Functions.Events;
using Onboarding.Functions.Health;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.Overview;
using Onboarding.Functions.SampleData;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Wizard;

var builder = WebApplication.CreateBuilder(args);
// Settings checked at start-up come first: a bad catalog or auth setting stops the app before storage work begins.
builder.Services.AddOnboardingCatalog();
builder.Services.AddOnboardingAuth();
builder.AddFunctionsHost();
builder.Services.AddOnboardingStorage();
builder.Services.AddOrganizations();
builder.Services.AddOnboardingApi();
builder.Services.AddOnboardingEvents(builder.Configuration);
builder.Services.AddSampleData();
builder.Services.AddSingleton<StorageHealthProbe>();

var app = builder.Build();
var api = app.MapGroup("/" + FunctionCatalog.RoutePrefix);
app.UseOnboardingApi(api);
app.UseAuthentication();
app.UseRateLimiter();
api.MapHealthApi();
api.MapOverviewApi();
api.MapWizardApi();
api.MapTrackingApi();
api.MapChecklistApi();
api.MapFeaturesApi();
api.MapTutorialsApi();
api.MapSampleDataApi();
app.MapFunctionInvocations();

if (FunctionMetadataWriter.TryRunFromCommandLine(app, args))
{
    return;
}
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

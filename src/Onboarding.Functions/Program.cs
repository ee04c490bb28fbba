using Onboarding.Functions.Health;
using Onboarding.Functions.Hosting;
using Onboarding.Functions.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHost();
builder.Services.AddOnboardingStorage();
builder.Services.AddSingleton<StorageHealthProbe>();

var app = builder.Build();
var api = app.MapGroup("/" + FunctionCatalog.RoutePrefix);
api.MapHealthApi();
app.MapFunctionInvocations();

if (FunctionMetadataWriter.TryRunFromCommandLine(app, args))
{
    return;
}
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

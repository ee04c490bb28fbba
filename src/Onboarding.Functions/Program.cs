using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Onboarding.Functions;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Http;
using Onboarding.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Outermost first: an HTTP result is not serialised for the host, browsers may read ETag, Location and Retry-After,
// errors become problem details, every log line carries the function and organization, then access.
builder.UseMiddleware<HttpResultMiddleware>();
builder.UseWhen<ExposedHeadersMiddleware>(context => context.GetHttpContext() is not null);
builder.UseMiddleware<ProblemMiddleware>();
builder.UseMiddleware<LogScopeMiddleware>();
builder.UseMiddleware<AccessMiddleware>();
builder.Services.AddOnboardingFunctions();
builder.Services.AddOnboardingTelemetry(builder.Configuration);
builder.Build().Run();

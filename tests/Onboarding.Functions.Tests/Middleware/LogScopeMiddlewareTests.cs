using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Onboarding.Functions.Telemetry;

namespace Onboarding.Functions.Tests.Middleware;

public sealed class LogScopeMiddlewareTests
{
    [Fact]
    public async Task EverythingAnInvocationLogsCarriesTheFunctionTheInvocationAndTheOrganization()
    {
        var logs = new ScopeCapturingLogger();
        var http = new DefaultHttpContext();
        http.Request.RouteValues["orgId"] = "org-scope";
        var context = FunctionContexts.For("GetWizard", "Onboarding.Functions.Wizard.WizardFunctions.GetWizard", http);

        await new LogScopeMiddleware(logs.For<LogScopeMiddleware>()).Invoke(context, _ =>
        {
            logs.For<LogScopeMiddlewareTests>().LogInformation("inside the function");
            return Task.CompletedTask;
        });

        var scope = Assert.Single(logs.ScopesOfLine("inside the function"));
        Assert.Equal("GetWizard", scope["FunctionName"]);
        Assert.Equal(context.InvocationId, scope["InvocationId"]);
        Assert.Equal("org-scope", scope["OrganizationId"]);
    }

    [Fact]
    public async Task AQueueInvocationHasNoOrganizationInItsScope()
    {
        var logs = new ScopeCapturingLogger();
        var context = FunctionContexts.For("IngestOnboardingEvents", "Onboarding.Functions.Events.IngestOnboardingEvents.Run");

        await new LogScopeMiddleware(logs.For<LogScopeMiddleware>()).Invoke(context, _ =>
        {
            logs.For<LogScopeMiddlewareTests>().LogInformation("ingesting");
            return Task.CompletedTask;
        });

        var scope = Assert.Single(logs.ScopesOfLine("ingesting"));
        Assert.Equal("IngestOnboardingEvents", scope["FunctionName"]);
        Assert.False(scope.ContainsKey("OrganizationId"));
    }

    /// <summary>Loggers sharing one scope stack, as Microsoft.Extensions.Logging's scope provider does across categories.</summary>
    private sealed class ScopeCapturingLogger
    {
        private readonly LoggerExternalScopeProvider scopes = new();
        private readonly List<(string Message, List<IReadOnlyDictionary<string, object>> Scopes)> lines = [];

        public ILogger<T> For<T>() => new Logger<T>(this);

        public IEnumerable<IReadOnlyDictionary<string, object>> ScopesOfLine(string message) => lines.Single(l => l.Message == message).Scopes;

        private sealed class Logger<T>(ScopeCapturingLogger owner) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var active = new List<IReadOnlyDictionary<string, object>>();
                owner.scopes.ForEachScope((scope, list) =>
                {
                    if (scope is IReadOnlyDictionary<string, object> values)
                    {
                        list.Add(values);
                    }
                    else if (scope is IDictionary<string, object> dictionary)
                    {
                        list.Add(dictionary.AsReadOnly());
                    }
                }, active);
                owner.lines.Add((formatter(state, exception), active));
            }
        }
    }
}

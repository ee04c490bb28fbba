using System.Net.Http.Headers;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Onboarding.Functions.Auth;
using Onboarding.Functions.Events;
using Onboarding.Functions.Http;
using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>
/// The app's function classes in the test process, on the services the app registers plus what a test
/// swaps in (a clock, a storage fault): for what has no real local counterpart. HTTP requests reach the
/// function a route names, after the same access check the worker's middleware makes; queue and timer
/// functions run when the test asks. Everything else (the host, the worker process) is what
/// <see cref="OnboardingApplication"/> tests.
/// </summary>
public sealed class InProcessApp : ITestApp
{
    private static readonly Lazy<IReadOnlyList<HttpFunctionRoute>> Routes = new(HttpFunctionRoute.All);

    private readonly Dictionary<string, string?> settings = TestSettings.Defaults();
    private readonly List<Action<IServiceCollection>> serviceChanges = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> logs = new();
    private ServiceProvider? services;
    private bool started;

    public InProcessApp WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public InProcessApp WithServices(Action<IServiceCollection> change)
    {
        serviceChanges.Add(change);
        return this;
    }

    public string EventsQueueName => settings[EventsQueue.Setting]!;

    /// <summary>What the app logged (Information and up).</summary>
    public IReadOnlyCollection<string> Logs => logs;

    /// <summary>The app's services (built on first use; <see cref="StartedAsync"/> also runs its start-up work).</summary>
    public IServiceProvider Services => services ??= Build();

    /// <summary>Builds the services, runs the app's start-up checks and storage initialization, and creates the tables and queues a test reads.</summary>
    public async Task<InProcessApp> StartedAsync()
    {
        if (started)
        {
            return this;
        }
        started = true;
        foreach (var hosted in Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
        if (settings["AzureWebJobsStorage"] == TestStorage.ConnectionString)
        {
            await TestStorage.CreateAppStorageAsync(EventsQueueName, settings.GetValueOrDefault("SampleData:ExpiryIndexTable") is { } index ? [index] : []);
        }
        return this;
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(new CollectingLoggerProvider(logs)));
        collection.AddOnboardingFunctions();
        foreach (var change in serviceChanges)
        {
            change(collection);
        }
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>A function class as the worker makes it: constructed from the app's services.</summary>
    public T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    public HttpClient CreateClient()
    {
        if (!started)
        {
            StartedAsync().GetAwaiter().GetResult();
        }
        return new HttpClient(new Dispatcher(this)) { BaseAddress = new Uri("http://in-process/") };
    }

    public HttpClient ClientFor(string organizationId, string role = OnboardingRoles.OrgAdmin) =>
        CreateClient().WithToken(TestTokens.For(organizationId, role));

    /// <summary>Runs the ingestion function over the events queue until it is empty, as the host would: a failed message is retried, the fifth failure goes to the poison queue.</summary>
    public async Task DrainAsync(TimeSpan? timeout = null)
    {
        const int maxDequeueCount = 5;
        var queues = Services.GetRequiredService<EventsQueue>();
        var function = Function<IngestOnboardingEvents>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var messages = (await queues.Queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(5))).Value;
                if (messages.Length == 0 && (await queues.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
                {
                    return;
                }
                foreach (var message in messages)
                {
                    await ProcessAsync(function, queues, message, maxDequeueCount);
                }
                if (messages.Length == 0)
                {
                    await Task.Delay(200);
                }
            }
            catch (Azure.RequestFailedException)
            {
                // Storage is failing on purpose (a test's fault); a message not deleted is received again later.
                await Task.Delay(200);
            }
        }
        throw new TimeoutException($"Queue {queues.Name} still has messages.");
    }

    private static async Task ProcessAsync(IngestOnboardingEvents function, EventsQueue queues, QueueMessage message, int maxDequeueCount)
    {
        try
        {
            await function.Run(message.MessageText, message.MessageId, CancellationToken.None);
        }
        catch (Exception) when (message.DequeueCount < maxDequeueCount)
        {
            await queues.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            return;
        }
        catch (Exception)
        {
            await queues.PoisonQueue.SendMessageAsync(message.MessageText);
        }
        await queues.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }

    /// <summary>Runs a timer function once, as a timer firing would: 200, or 500 with the exception when it failed.</summary>
    public async Task<HttpResponseMessage> RunTimerAsync(string functionName, bool isPastDue = false)
    {
        var method = typeof(OnboardingFunctionsSetup).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Single(m => m.GetCustomAttribute<FunctionAttribute>()?.Name == functionName && m.GetParameters().Any(p => p.ParameterType == typeof(TimerInfo)));
        var instance = ActivatorUtilities.CreateInstance(Services, method.DeclaringType!);
        try
        {
            await (Task)method.Invoke(instance, [new TimerInfo { IsPastDue = isPastDue }, CancellationToken.None])!;
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
        catch (Exception exception)
        {
            return new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError) { Content = new StringContent(exception.ToString()) };
        }
    }

    public ValueTask DisposeAsync() => services?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var onPath = Routes.Value.Select(route => (route, values: route.Match(path))).Where(m => m.values is not null).ToList();
        var match = onPath.FirstOrDefault(m => m.route.Methods.Contains(request.Method.Method, StringComparer.OrdinalIgnoreCase));
        if (match.route is null)
        {
            return new HttpResponseMessage(onPath.Count == 0 ? System.Net.HttpStatusCode.NotFound : System.Net.HttpStatusCode.MethodNotAllowed);
        }
        await using var scope = Services.CreateAsyncScope();
        var http = await ToHttpContextAsync(request, match.values!, scope.ServiceProvider, cancellationToken);
        var result = await OrganizationAccess.CheckAsync(http, match.route.Access) ?? await InvokeAsync(match.route.Method, http, scope.ServiceProvider);
        if (result is not null)
        {
            await result.ExecuteAsync(http);
        }
        return ToResponseMessage(http);
    }

    private static async Task<IResult?> InvokeAsync(MethodInfo method, HttpContext http, IServiceProvider scope)
    {
        var instance = ActivatorUtilities.CreateInstance(scope, method.DeclaringType!);
        var arguments = method.GetParameters().Select(parameter => parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => http.Request,
            var t when t == typeof(CancellationToken) => http.RequestAborted,
            var t when t == typeof(string) => http.Request.RouteValues[parameter.Name!],
            var t => throw new NotSupportedException($"{method.Name}: cannot bind parameter {parameter.Name} of type {t.Name} in process."),
        }).ToArray();
        try
        {
            var task = (Task)method.Invoke(instance, arguments)!;
            await task;
            return (IResult?)task.GetType().GetProperty("Result")?.GetValue(task);
        }
        catch (Exception exception) when (ProblemMiddleware.Describe(exception, http) is { } details)
        {
            return TypedResults.Problem(details);
        }
    }

    private static async Task<HttpContext> ToHttpContextAsync(HttpRequestMessage request, RouteValueDictionary values, IServiceProvider services, CancellationToken cancellationToken)
    {
        var http = new DefaultHttpContext { RequestServices = services, RequestAborted = cancellationToken };
        http.Request.Method = request.Method.Method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("in-process");
        http.Request.Path = request.RequestUri!.AbsolutePath;
        http.Request.QueryString = new QueryString(request.RequestUri.Query);
        foreach (var (name, value) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            http.Request.Headers[name] = value.ToArray();
        }
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = request.Content is null ? null : body.Length;
        http.Request.RouteValues = values;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static HttpResponseMessage ToResponseMessage(HttpContext http)
    {
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)http.Response.StatusCode)
        {
            Content = new ByteArrayContent(((MemoryStream)http.Response.Body).ToArray()),
        };
        foreach (var (name, value) in http.Response.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }
        return response;
    }

    private sealed class Dispatcher(InProcessApp app) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            app.SendAsync(request, cancellationToken);
    }

    /// <summary>An HTTP function's route, methods and declared access, read from its attributes as the Worker SDK reads them.</summary>
    private sealed record HttpFunctionRoute(MethodInfo Method, TemplateMatcher Matcher, IReadOnlyList<string> Methods, AccessLevel Access)
    {
        public RouteValueDictionary? Match(string path)
        {
            var values = new RouteValueDictionary();
            return Matcher.TryMatch(path, values) ? values : null;
        }

        public static IReadOnlyList<HttpFunctionRoute> All() =>
        [
            .. FunctionAccessPolicies.HttpFunctions(typeof(OnboardingFunctionsSetup).Assembly).Select(f =>
            {
                var trigger = f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(a => a is not null)!;
                var template = TemplateParser.Parse("api/" + (trigger.Route ?? f.Function));
                return new HttpFunctionRoute(f.Method, new TemplateMatcher(template, new RouteValueDictionary()),
                    trigger.Methods ?? [], f.Method.GetCustomAttribute<AccessAttribute>()!.Level);
            }),
        ];
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Onboarding.Functions.Storage;
using Onboarding.Functions.Organizations;
using Onboarding.Functions.SampleData;

namespace Onboarding.Benchmarks;

/// <summary>What one benchmark run does, from its command line (see <see cref="Usage"/>).</summary>
public sealed record BenchmarkSettings
{
    public const string Usage = """
        Onboarding.Benchmarks --storage <connection string> --host <Onboarding.LocalFunctionsHost.dll> --app <folder> [options]
          --app FOLDER             the app's build or publish folder (host.json, worker.config.json, functions.metadata)
          --empty-app FOLDER       an empty isolated-worker app (tests/TestWorkerApp) to compare start-up and
                                   GET latency with (the host model's own cost)
          --events N               events for the raw ceiling and batched ingestion (default 100000)
          --single-events M        events sent one per message (default 2000; 0 skips that phase)
          --events-per-message K   events per batch envelope (default 98, the producer library's)
          --organizations O        organizations the events are spread over (default 250)
          --warmup-percent W       events of other organizations sent first and not timed, as a share of each
                                   ingestion phase's events (default 10; 0: time from the first healthy answer)
          --batch-size B           overrides the app's host.json queues.batchSize (default: the app's)
          --new-batch-threshold T  overrides the app's queues.newBatchThreshold (default: the app's, else
                                   half the batch size)
          --raw-parallelism LIST   concurrent transactions tried for the raw ceiling (default 8,16,32,48)
          --startup-runs S         timed starts of each app for the start-up phase (default 9; 0, or no
                                   --empty-app, skips it)
          --startup-only S         run only the start-up phase: S starts of each app, alternately, then the
                                   medians, their ratio and the median of the per-start ratios
          --read-clients C         concurrent clients of the read-latency phase (default 32)
          --reads-per-client R     GETs (and raw reads) per client (default 200; 0 skips the phase)
          --read-warmup-seconds S  each way of reading runs its load untimed this long first, and at least
                                   ten rounds (default 15: the host and worker finish compiling)
          --analytics-events N     run only the analytics phase: N events (e.g. 1000000) seeded into the daily
                                   projection, then each analytics endpoint timed with its storage requests
          --analytics-orgs O       organizations of the analytics phase (default 5000)
          --analytics-days D       days of the analytics phase (default 90)
          --progress-seconds S     seconds between progress lines (default 1)
          --timeout-minutes X      give up on an ingestion phase after this long (default 20)
          --log-dir DIR            where the host's and the app's output goes (default: the temp folder)
          --azurite-pids "P ..."   Azurite's process ids (scripts/benchmark.sh gives them): each phase then
                                   prints Azurite's processor time per message beside the others'
        """;

    public required string StorageConnectionString { get; init; }

    /// <summary><c>Onboarding.LocalFunctionsHost.dll</c>, which runs the apps.</summary>
    public required string HostAssembly { get; init; }

    /// <summary>The app's build or publish folder, as the local Functions host takes it.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>An empty isolated-worker app (<c>tests/TestWorkerApp</c>) for the start-up and read-latency comparisons; none skips them.</summary>
    public string? EmptyAppDirectory { get; init; }

    /// <summary>Nine of each: the medians of five moved by 0.1 between runs of one build.</summary>
    public int StartupRuns { get; init; } = 9;

    /// <summary>Only the start-up phase runs (its starts are <see cref="StartupRuns"/>).</summary>
    public bool StartupOnly { get; init; }

    public int ReadClients { get; init; } = 32;

    /// <summary>Enough for each way of reading to be timed for several seconds: 1,600 reads took under two, and one pause moved a percentile.</summary>
    public int ReadsPerClient { get; init; } = 200;

    /// <summary>How long each way of reading runs its load untimed first (and at least ten rounds).</summary>
    public TimeSpan ReadWarmup { get; init; } = TimeSpan.FromSeconds(15);

    public int AnalyticsEvents { get; init; }

    public int AnalyticsOrganizations { get; init; } = 5_000;

    public int AnalyticsDays { get; init; } = 90;

    public int Events { get; init; } = 100_000;

    /// <summary>
    /// Kept small: every Azurite queue operation costs time in proportion to the messages it holds, and
    /// its once-a-minute clean-up after thousands of deletions blocks it long enough (over 30 s at 5,000)
    /// for client timeouts to leave messages hidden for the host's 10-minute processing visibility.
    /// </summary>
    public int SingleEvents { get; init; } = 2_000;

    /// <summary>The producer library's default: what the app stores in one transaction.</summary>
    public int EventsPerMessage { get; init; } = Onboarding.Events.OnboardingEventPublisherOptions.EventsPerTransaction;

    public int Organizations { get; init; } = 250;

    public int WarmupPercent { get; init; } = 10;

    /// <summary>The app's <c>queues.batchSize</c>: its host.json's unless given.</summary>
    public int BatchSize { get; init; } = 16;

    public int? NewBatchThreshold { get; init; }

    public IReadOnlyList<int> RawParallelism { get; init; } = [8, 16, 32, 48];

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(20);

    public string LogDirectory { get; init; } = Path.GetTempPath();

    /// <summary>Azurite's processes (one, or one per service), whose processor time each phase reads; none: not read.</summary>
    public IReadOnlyList<int> AzuritePids { get; init; } = [];

    /// <summary>Azurite, as a phase reads its processor time.</summary>
    public MeteredProcess Azurite => new("Azurite", AzuritePids);

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2;

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, not '{args[i]}'.\n{Usage}");
            }
            values[args[i][2..]] = args[++i];
        }
        string Text(string name) => values.Remove(name, out var value) ? value : throw new ArgumentException($"--{name} is required.\n{Usage}");
        int? Number(string name, int min) => values.Remove(name, out var value)
            ? int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min
                ? number
                : throw new ArgumentException($"--{name} must be a whole number of at least {min}, not '{value}'.")
            : null;

        var defaults = new BenchmarkSettings { StorageConnectionString = "", HostAssembly = "", AppDirectory = "" };
        var app = Path.GetFullPath(Text("app"));
        var settings = new BenchmarkSettings
        {
            StorageConnectionString = Text("storage"),
            HostAssembly = Path.GetFullPath(Text("host")),
            AppDirectory = app,
            EmptyAppDirectory = values.Remove("empty-app", out var emptyApp) ? Path.GetFullPath(emptyApp) : null,
            StartupOnly = values.ContainsKey("startup-only"),
            StartupRuns = Number("startup-only", 1) ?? Number("startup-runs", 0) ?? defaults.StartupRuns,
            ReadClients = Number("read-clients", 1) ?? defaults.ReadClients,
            ReadsPerClient = Number("reads-per-client", 0) ?? defaults.ReadsPerClient,
            ReadWarmup = Number("read-warmup-seconds", 0) is { } warmup ? TimeSpan.FromSeconds(warmup) : defaults.ReadWarmup,
            AnalyticsEvents = Number("analytics-events", 0) ?? defaults.AnalyticsEvents,
            AnalyticsOrganizations = Number("analytics-orgs", 1) ?? defaults.AnalyticsOrganizations,
            AnalyticsDays = Number("analytics-days", 1) ?? defaults.AnalyticsDays,
            Events = Number("events", 1) ?? defaults.Events,
            SingleEvents = Number("single-events", 0) ?? defaults.SingleEvents,
            EventsPerMessage = Number("events-per-message", 1) ?? defaults.EventsPerMessage,
            Organizations = Number("organizations", 1) ?? defaults.Organizations,
            WarmupPercent = Number("warmup-percent", 0) ?? defaults.WarmupPercent,
            BatchSize = Number("batch-size", 1) ?? HostJsonQueues(app, "batchSize") ?? defaults.BatchSize,
            NewBatchThreshold = Number("new-batch-threshold", 0) ?? HostJsonQueues(app, "newBatchThreshold"),
            RawParallelism = values.Remove("raw-parallelism", out var list)
                ? [.. list.Split(',').Select(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture))]
                : defaults.RawParallelism,
            ProgressInterval = TimeSpan.FromSeconds(Number("progress-seconds", 1) ?? 1),
            PhaseTimeout = TimeSpan.FromMinutes(Number("timeout-minutes", 1) ?? 20),
            LogDirectory = values.Remove("log-dir", out var logs) ? Path.GetFullPath(logs) : defaults.LogDirectory,
            AzuritePids = values.Remove("azurite-pids", out var pids)
                ? [.. pids.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))]
                : defaults.AzuritePids,
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.\n{Usage}");
        }
        if (settings.StartupOnly && settings.EmptyAppDirectory is null)
        {
            throw new ArgumentException("--startup-only needs --empty-app.");
        }
        if (settings.BatchSize > 32)
        {
            throw new ArgumentException("--batch-size is at most 32, as in host.json.");
        }
        if (!File.Exists(settings.HostAssembly))
        {
            throw new ArgumentException($"--host names '{settings.HostAssembly}', which does not exist (build tools/Onboarding.LocalFunctionsHost in Release first).");
        }
        foreach (var (option, folder) in new[] { ("app", settings.AppDirectory), ("empty-app", settings.EmptyAppDirectory) })
        {
            if (folder is not null && !File.Exists(Path.Combine(folder, "functions.metadata")))
            {
                throw new ArgumentException($"--{option} names '{folder}', which holds no functions.metadata (build or publish the app there first).");
            }
        }
        return settings;
    }

    /// <summary>A number under <c>extensions.queues</c> in the app's host.json, if it has one.</summary>
    private static int? HostJsonQueues(string appDirectory, string name)
    {
        var path = Path.Combine(appDirectory, "host.json");
        return File.Exists(path) && JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["queues"]?[name] is JsonValue value && value.TryGetValue<int>(out var number)
            ? number
            : null;
    }

    /// <summary>
    /// The app's settings for one host start, on <paramref name="eventsQueue"/>: the host passes them
    /// to the worker, and reads the <c>AzureFunctionsJobHost__</c> ones as host.json overrides.
    /// </summary>
    public Dictionary<string, string> AppSettings(string eventsQueue) => new(QueueSettings())
    {
        ["AzureWebJobsStorage"] = StorageConnectionString,
        [EventsQueue.Setting] = eventsQueue,
        // Timers that never fire during a run: midnight on the first of January.
        [PurgeExpiredSampleData.ScheduleSetting] = NeverDuringARun,
        [ProjectPendingEvents.ScheduleSetting] = NeverDuringARun,
        [Onboarding.Functions.Analytics.RollUpAnalytics.ScheduleSetting] = NeverDuringARun,
        ["Auth__Issuer"] = "bench",
        ["Auth__Audience"] = "onboarding-api",
        ["Auth__SigningKey"] = "base64:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    /// <summary>The settings <c>tests/TestWorkerApp</c> needs to start: its queue, its timer's schedule and a folder to write into.</summary>
    public Dictionary<string, string> EmptyAppSettings(string queue, string observationsDirectory) => new(QueueSettings())
    {
        ["AzureWebJobsStorage"] = StorageConnectionString,
        ["TEST_QUEUE"] = queue,
        ["TEST_SCHEDULE"] = NeverDuringARun,
        ["OBSERVATIONS_DIR"] = observationsDirectory,
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    /// <summary>The queue listener's settings both apps run with, as host.json overrides: the app's, whatever the app folder's host.json says.</summary>
    private Dictionary<string, string> QueueSettings() => new()
    {
        ["AzureFunctionsJobHost__extensions__queues__batchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
        ["AzureFunctionsJobHost__extensions__queues__newBatchThreshold"] = EffectiveNewBatchThreshold.ToString(CultureInfo.InvariantCulture),
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.200",
        ["AzureFunctionsJobHost__extensions__queues__messageEncoding"] = "none",
    };

    private const string NeverDuringARun = "0 0 0 1 1 *";
}


using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Functions.Hosting;

/// <summary>Writes <c>{FunctionName}/function.json</c> for each function, the layout the Functions host loads.</summary>
public static class FunctionMetadataWriter
{
    public const string CommandLineSwitch = "--write-function-metadata";

    /// <summary>When started with <c>--write-function-metadata &lt;folder&gt;</c>, writes the files and says so.</summary>
    public static bool TryRunFromCommandLine(IEndpointRouteBuilder app, string[] args)
    {
        var index = Array.IndexOf(args, CommandLineSwitch);
        if (index < 0)
        {
            return false;
        }
        if (index + 1 >= args.Length)
        {
            throw new ArgumentException($"{CommandLineSwitch} needs the folder to write to.");
        }
        var functions = FunctionCatalog.Read(app);
        Write(functions, args[index + 1]);
        Console.WriteLine($"Wrote function.json for {functions.Count} functions to {args[index + 1]}");
        return true;
    }

    public static void Write(IEnumerable<FunctionDefinition> functions, string folder)
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        foreach (var function in functions)
        {
            var directory = Path.Combine(folder, function.Name);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "function.json"), ToJson(function).ToJsonString(options) + "\n");
        }
    }

    public static JsonObject ToJson(FunctionDefinition function) => new()
    {
        ["bindings"] = function.Trigger switch
        {
            HttpFunctionTrigger http => new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = "req",
                    ["authLevel"] = http.AuthLevel.ToString().ToLowerInvariant(),
                    ["methods"] = new JsonArray([.. http.Methods.Select(m => JsonValue.Create(m))]),
                    ["route"] = http.Route,
                },
                // Exactly these two bindings let the host forward the original request.
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
            QueueFunctionTrigger queue => new JsonArray(new JsonObject
            {
                ["type"] = "queueTrigger",
                ["direction"] = "in",
                ["name"] = QueueFunctionTrigger.BindingName,
                ["queueName"] = queue.QueueName,
                ["connection"] = queue.Connection,
            }),
            TimerFunctionTrigger timer => new JsonArray(new JsonObject
            {
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["name"] = TimerFunctionTrigger.BindingName,
                ["schedule"] = timer.Schedule,
                ["runOnStartup"] = timer.RunOnStartup,
                ["useMonitor"] = timer.UseMonitor,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function.Trigger, "Unknown trigger."),
        },
    };
}

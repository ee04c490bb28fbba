using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Onboarding.Functions.Tests.Infrastructure;

namespace Onboarding.Functions.Tests.Interop;

/// <summary>
/// Runs <c>Interop/interop.mjs</c>, the official Azure JavaScript SDKs' side of the interop tests,
/// with <c>node</c> from the repository root (where its node_modules are), against the same Azurite.
/// One launch per call: the command on the command line, its arguments as JSON on stdin, one JSON
/// answer on stdout. A non-zero exit fails the test with what the script wrote to stderr.
/// </summary>
internal static class JavaScriptSdk
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);

    public static async Task<T> RunAsync<T>(string command, object arguments)
    {
        var root = RepositoryRoot.Value;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(root, "tests", "Onboarding.Functions.Tests", "Interop", "interop.mjs"));
        start.ArgumentList.Add(command);
        start.Environment["ONBOARDING_TEST_STORAGE"] = TestStorage.ConnectionString;

        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(JsonSerializer.Serialize(arguments, Json));
        node.StandardInput.Close();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"node interop.mjs {command} did not finish within {Timeout.TotalSeconds} s.\n{await stderr}");
        }

        var output = await stdout;
        var errors = await stderr;
        if (node.ExitCode != 0)
        {
            Assert.Fail($"node interop.mjs {command} exited with {node.ExitCode}:\n{errors}");
        }
        return JsonSerializer.Deserialize<T>(output, Json)
            ?? throw new InvalidOperationException($"node interop.mjs {command} printed no result:\n{output}\n{errors}");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Onboarding.sln above {AppContext.BaseDirectory}: the interop tests run inside the repository.");
    }
}

/// <summary>
/// A property value as it crosses to and from interop.mjs: its Edm type and its value as text
/// (Int64 digits, Double round-trip form, DateTime ISO 8601 in UTC, Guid, Binary base64).
/// </summary>
internal sealed record EdmValue(string Type, string Value)
{
    /// <summary>The description of a value our <c>TableEntity</c> holds; the CLR type decides the Edm type.</summary>
    public static EdmValue Of(object value) => value switch
    {
        string s => new("String", s),
        bool b => new("Boolean", b ? "true" : "false"),
        int i => new("Int32", i.ToString(CultureInfo.InvariantCulture)),
        long l => new("Int64", l.ToString(CultureInfo.InvariantCulture)),
        double d => new("Double", d.ToString("R", CultureInfo.InvariantCulture)),
        DateTimeOffset d => new("DateTime", d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)),
        Guid g => new("Guid", g.ToString("D")),
        byte[] bytes => new("Binary", Convert.ToBase64String(bytes)),
        _ => throw new ArgumentException($"No Edm type for {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>
    /// The same description in the spelling <see cref="Of"/> gives (JavaScript writes 1e+308 where
    /// .NET writes 1E+308), so descriptions compare by type and value, not by formatting.
    /// </summary>
    public EdmValue Normalized() => Of(Type switch
    {
        "String" => Value,
        "Boolean" => bool.Parse(Value),
        "Int32" => int.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Int64" => long.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Double" => double.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture),
        "DateTime" => DateTimeOffset.Parse(Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Guid" => Guid.Parse(Value),
        "Binary" => Convert.FromBase64String(Value),
        _ => throw new InvalidOperationException($"Unknown Edm type '{Type}' for '{Value}'."),
    });
}

/// <summary>An entity as the JavaScript SDK read it; <see cref="Wire"/> is the service's JSON answer it parsed.</summary>
internal sealed record JsEntity(string PartitionKey, string RowKey, string? Etag, Dictionary<string, EdmValue> Properties, string? Wire);

/// <summary>What one JavaScript SDK operation came to: success with the new ETag, or the service's refusal.</summary>
internal sealed record JsOutcome(bool Ok, string? Etag, int? Status, string? Code, string? Message);

internal sealed record JsEntities(List<JsEntity?> Entities);

internal sealed record JsOutcomes(List<JsOutcome> Results);

internal sealed record JsTransactionResult(bool Ok, int Status, List<JsSubResponse>? SubResponses, string? Code, string? Message);

internal sealed record JsSubResponse(int Status, string? Etag);

internal sealed record JsTransactionResults(List<JsTransactionResult> Results);

internal sealed record JsSent(List<JsSentMessage> Sent);

internal sealed record JsSentMessage(string MessageId, string PopReceipt);

internal sealed record JsReceived(List<JsMessage> Messages);

internal sealed record JsMessage(string MessageId, string PopReceipt, string MessageText, long DequeueCount, JsBase64? Base64);

/// <summary>The JavaScript side's decoding of a base64 message text: as UTF-8 text and as hex bytes.</summary>
internal sealed record JsBase64(string Utf8, string Hex);

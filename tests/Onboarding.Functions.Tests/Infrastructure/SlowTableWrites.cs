using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Functions.Tests.Infrastructure;

/// <summary>Counts the requests that write rows of one table (alone or in a transaction), each taking 300 ms, so others arrive meanwhile.</summary>
public sealed class SlowTableWrites(string tableName) : HttpPipelinePolicy
{
    private int requests;

    public int Requests => requests;

    public System.Collections.Concurrent.ConcurrentBag<string> Rows { get; } = [];

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var table = "/" + tableName;
        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        if ((message.Request.Method != RequestMethod.Get && path.Contains(table + "(", StringComparison.Ordinal))
            || StorageFault.TransactionsContaining(table + "(")(message))
        {
            Interlocked.Increment(ref requests);
            Rows.Add(path + Body(message.Request));
            await Task.Delay(300);
        }
        await ProcessNextAsync(message, pipeline);
    }

    private static string Body(Request request)
    {
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, default);
        return Uri.UnescapeDataString(System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}

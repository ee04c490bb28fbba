using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Onboarding.Functions.Tests.Webhooks;

/// <summary>A delivery as the receiver got it.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body);

/// <summary>
/// A real HTTP receiver on a free loopback port: records every request and answers with what <see cref="Answer"/>
/// says for the n-th request (1-based); <see cref="Hold"/> keeps requests waiting without an answer until released.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int count;

    public WebhookReceiver()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/onboarding";

    public Func<int, HttpStatusCode> Answer { get; set; } = _ => HttpStatusCode.NoContent;

    /// <summary>While set, requests get no answer until it completes.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int requests, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (received.Count < requests)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The receiver got {received.Count} of {requests} requests.");
            }
            await Task.Delay(50);
        }
        return Received;
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var n = Interlocked.Increment(ref count);
        received.Enqueue(new ReceivedWebhook(context.Request.Headers["webhook-id"] ?? "", context.Request.Headers["webhook-timestamp"] ?? "",
            context.Request.Headers["webhook-signature"] ?? "", body));
        if (Hold is { } hold)
        {
            await hold.Task;
        }
        try
        {
            context.Response.StatusCode = (int)Answer(n);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The sender gave up (its process died); nothing to answer.
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        Hold?.TrySetResult();
        listener.Close();
        await loop;
    }
}

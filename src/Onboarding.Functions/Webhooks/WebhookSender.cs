using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Onboarding.Domain.Webhooks;

namespace Onboarding.Functions.Webhooks;

/// <summary>What one attempt came to: the receiver's status, or why there was none.</summary>
public sealed record WebhookAttempt(int? StatusCode, string? Error)
{
    /// <summary>Whether another attempt could change the outcome: no answer (timeout, refused connection) or a retriable status.</summary>
    public bool IsRetriable => StatusCode is { } status ? WebhookRetrySchedule.IsRetriable(status) : Error != BlockedAddress;

    public bool Succeeded => StatusCode is >= 200 and < 300;

    public const string BlockedAddress = "blocked_address";
}

/// <summary>
/// Posts a signed delivery. The connection is checked where it is made: a target name that resolves to a private
/// (or, outside development, loopback) address is refused before a byte is sent, whatever the URL said when the
/// subscription was saved; redirects are not followed.
/// </summary>
public sealed class WebhookSender(IOptions<WebhookOptions> options, TimeProvider clock) : IDisposable
{
    private readonly HttpClient client = new(Handler(options.Value.AllowLoopback)) { Timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds) };

    public async Task<WebhookAttempt> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = delivery.Body();
        var timestamp = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(subscription.SigningSecrets(timestamp), delivery.Id, timestamp, body));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookAttempt((int)response.StatusCode, response.IsSuccessStatusCode ? null : response.ReasonPhrase);
        }
        catch (HttpRequestException e) when (e.InnerException is BlockedAddressException blocked)
        {
            return new WebhookAttempt(null, $"{WebhookAttempt.BlockedAddress}: {blocked.Message}");
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(null, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(null, $"no answer within {options.Value.RequestTimeoutSeconds} s");
        }
    }

    public void Dispose() => client.Dispose();

    private static SocketsHttpHandler Handler(bool allowLoopback) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.FirstOrDefault(a => WebhookTargets.AddressRefusal(a, allowLoopback) is null)
                ?? throw new BlockedAddressException(addresses.Length == 0
                    ? $"{context.DnsEndPoint.Host} does not resolve"
                    : WebhookTargets.AddressRefusal(addresses[0], allowLoopback)!);
            var socket = new Socket(allowed.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(allowed, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception)
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private sealed class BlockedAddressException(string message) : Exception(message);
}

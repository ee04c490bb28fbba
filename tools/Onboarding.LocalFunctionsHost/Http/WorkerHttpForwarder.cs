using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>
/// Forwards a request to the worker's own Kestrel (capability HttpUri) with YARP, adding the
/// invocation id header the worker pairs it with, as the Functions host does.
/// </summary>
public sealed class WorkerHttpForwarder(IHttpForwarder forwarder) : IDisposable
{
    public const string InvocationIdHeader = "x-ms-invocation-id";
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromSeconds(240) };

    private readonly HttpMessageInvoker _client = new(new ConnectRetryHandler(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    }));

    public ValueTask<ForwarderError> ForwardAsync(HttpContext context, Uri workerUri, string invocationId, CancellationToken cancellationToken) =>
        forwarder.SendAsync(context, workerUri.GetLeftPart(UriPartial.Authority), _client, RequestConfig, new InvocationTransformer(invocationId), cancellationToken);

    public void Dispose() => _client.Dispose();

    private sealed class InvocationTransformer(string invocationId) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            // The Functions host adds the header with TryAdd, so a client's value would win; we overwrite it.
            Set(proxyRequest, InvocationIdHeader, invocationId);
            Set(proxyRequest, "X-Forwarded-For", httpContext.Connection.RemoteIpAddress?.ToString() ?? "");
            Set(proxyRequest, "X-Forwarded-Proto", httpContext.Request.Scheme);
            Set(proxyRequest, "X-Forwarded-Host", httpContext.Request.Host.Value ?? "");
        }

        private static void Set(HttpRequestMessage request, string name, string value)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>The worker may report HttpUri before its Kestrel listens: refused connections are retried briefly (50 ms doubling to 250 ms, 10 tries).</summary>
    private sealed class ConnectRetryHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var delay = TimeSpan.FromMilliseconds(50);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await base.SendAsync(request, cancellationToken);
                }
                catch (HttpRequestException exception) when (attempt < 10 && exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
                {
                    await Task.Delay(delay, cancellationToken);
                    delay = TimeSpan.FromMilliseconds(Math.Min(250, delay.TotalMilliseconds * 2));
                }
            }
        }
    }
}

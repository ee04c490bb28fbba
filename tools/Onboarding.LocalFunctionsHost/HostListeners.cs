using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Onboarding.LocalFunctionsHost;

/// <summary>Kestrel's two listeners; their ports are known once the server has started (port 0 picks a free one).</summary>
public sealed class HostListeners
{
    public ListenOptions? Public { get; set; }

    public ListenOptions? Grpc { get; set; }

    public Uri PublicUri => new($"http://127.0.0.1:{Public!.IPEndPoint!.Port}/");
}

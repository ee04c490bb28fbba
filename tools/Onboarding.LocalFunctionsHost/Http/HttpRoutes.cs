using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.LocalFunctionsHost.Worker;

namespace Onboarding.LocalFunctionsHost.Http;

/// <summary>The route table, built once the first worker has reported its functions.</summary>
public sealed class HttpRoutes(FunctionCatalog catalog, HostJson hostJson)
{
    private HttpRouteTable? _table;

    public HttpRouteTable? Table
    {
        get
        {
            if (_table is null && catalog.Functions is { } functions)
            {
                _table = new HttpRouteTable(functions, hostJson.RoutePrefix);
            }
            return _table;
        }
    }
}

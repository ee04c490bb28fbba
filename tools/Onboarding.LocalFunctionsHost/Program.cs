using Onboarding.LocalFunctionsHost;
using Onboarding.LocalFunctionsHost.Configuration;

// Usage: Onboarding.LocalFunctionsHost <worker output folder> [--settings local.settings.json] [--port 7071]
var options = CommandLine.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("Usage: Onboarding.LocalFunctionsHost <worker output folder> [--settings <local.settings.json>] [--port <port>]");
    return 2;
}
var app = LocalFunctionsHost.Build(options);
await app.RunAsync();
return 0;

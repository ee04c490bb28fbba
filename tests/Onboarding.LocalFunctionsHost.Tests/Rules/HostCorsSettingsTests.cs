using Onboarding.LocalFunctionsHost.Configuration;
using Onboarding.Tests.Shared;

namespace Onboarding.LocalFunctionsHost.Tests.Rules;

public sealed class HostCorsSettingsTests
{
    [Fact]
    public void TheSampleSettingsAllowTheLocalFrontendOriginsWithoutCredentials()
    {
        var sample = Path.Combine(BuiltApp.RepositoryRoot(), "local.settings.sample.json");

        var cors = HostCorsSettings.Load(new HostStartupOptions { AppDirectory = ".", SettingsFile = sample });

        Assert.Equal(["http://localhost:5173", "http://127.0.0.1:5173"], cors.AllowedOrigins);
        Assert.False(cors.SupportCredentials);
    }

    [Theory]
    [InlineData("""{"Values":{}}""", new string[0], false)]
    [InlineData("""{"Host":{"CORSCredentials":true}}""", new string[0], false)]
    [InlineData("""{"Host":{"CORS":" https://a.example ,, https://b.example","CORSCredentials":"true"}}""", new[] { "https://a.example", "https://b.example" }, true)]
    [InlineData("""{"Host":{"CORS":"*"}}""", new[] { "*" }, false)]
    public void OriginsAreTheCommaSeparatedListAndCredentialsCountOnlyWithOrigins(string file, string[] origins, bool credentials)
    {
        var folder = Directory.CreateTempSubdirectory("lfh-cors").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "local.settings.json"), file);

            var cors = HostCorsSettings.Load(new HostStartupOptions { AppDirectory = folder });

            Assert.Equal(origins, cors.AllowedOrigins);
            Assert.Equal(credentials, cors.SupportCredentials);
            Assert.Equal(origins.Length > 0, cors.Enabled);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

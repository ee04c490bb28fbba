using Onboarding.Functions.Storage;

namespace Onboarding.Functions.Tests.Storage;

public sealed class ConnectionStringTests
{
    [Fact]
    public void DevelopmentStorageMeansAzuriteOnItsDefaultPorts()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
    }

    [Fact]
    public void ExplicitEndpointsWinOverTheSuffix()
    {
        var parsed = StorageConnectionString.Parse(
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=AAAA;TableEndpoint=http://127.0.0.1:5/acct/;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("http://127.0.0.1:5/acct"), parsed.TableEndpoint);
        Assert.Equal(new Uri("https://acct.queue.core.chinacloudapi.cn"), parsed.QueueEndpoint);
    }

    [Theory]
    [InlineData("AccountKey=AAAA")]
    [InlineData("AccountName=acct")]
    [InlineData("AccountName=acct;AccountKey=not base64!")]
    [InlineData("garbage")]
    public void UnusableConnectionStringsAreRefusedWithAReason(string value) =>
        Assert.Throws<FormatException>(() => StorageConnectionString.Parse(value));

    [Fact]
    public void TheKeyIsNeverPrinted()
    {
        var parsed = StorageConnectionString.Parse("AccountName=acct;AccountKey=c2VjcmV0LWtleQ==");

        Assert.DoesNotContain("c2VjcmV0", parsed.ToString());
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=acct;AccountKey"));
        Assert.DoesNotContain("AccountKey", error.Message);
    }
}

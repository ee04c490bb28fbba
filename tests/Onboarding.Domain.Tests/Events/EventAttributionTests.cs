using Onboarding.Domain.Catalog;
using System.Text;
using System.Text.Json;
using Onboarding.Domain.Events;
using Onboarding.Domain.Privacy;
using static Onboarding.Domain.Tests.Events.EventSamples;

namespace Onboarding.Domain.Tests.Events;

public sealed class EventAttributionTests
{
    private static readonly Pseudonyms Keyed = new(Encoding.UTF8.GetBytes("a-test-key-that-is-at-least-32-bytes-long"));

    private static EventValidation Read(System.Text.Json.Nodes.JsonObject json, Pseudonyms? pseudonyms = null)
    {
        using var document = JsonDocument.Parse(json.ToJsonString());
        return EventContract.ParseEvent(document.RootElement, Now, DefaultCatalog.Catalog, pseudonyms ?? Keyed);
    }

    [Fact]
    public void AUserIdIsReplacedByItsPseudonymAndNeverKept()
    {
        var e = Read(EventOfType("view_reports").With("userId", "alice@example.org")).Event!;

        Assert.Equal(Keyed.User("alice@example.org"), e.UserKey);
        Assert.DoesNotContain("alice", e.ToString());
        Assert.DoesNotContain("alice", EventContract.ToJson(e).ToJsonString());
    }

    [Fact]
    public void TheWrittenEventCarriesThePseudonymWhichReadsBackUnchanged()
    {
        var e = Read(EventOfType("view_reports").With("userId", "u-7").With("experiment", "new-checklist").With("variant", "b")).Event!;

        var again = Read(EventContract.ToJson(e)).Event!;

        Assert.Equal(e.UserKey, again.UserKey);
        Assert.Equal(("new-checklist", "b"), (again.Experiment, again.Variant));
    }

    [Fact]
    public void WithoutAPseudonymKeyAUserIdIsRefused()
    {
        using var document = JsonDocument.Parse(EventOfType("view_reports").With("userId", "u-7").ToJsonString());

        var read = EventContract.ParseEvent(document.RootElement, Now, DefaultCatalog.Catalog);

        Assert.Null(read.Event);
        Assert.Contains(read.Problems, p => p.Field == "userId");
    }

    [Theory]
    [InlineData("userId", "", "userId")]
    [InlineData("userKey", "not-a-pseudonym", "userKey")]
    [InlineData("experiment", "has space", "experiment")]
    public void MalformedAttributionIsRefusedByField(string field, string value, string problemField)
    {
        var json = EventOfType("view_reports").With(field, value);
        if (field == "experiment")
        {
            json.With("variant", "a");
        }

        var read = Read(json);

        Assert.Null(read.Event);
        Assert.Contains(read.Problems, p => p.Field == problemField);
    }

    [Fact]
    public void AUserIdAndAUserKeyTogetherAreRefused()
    {
        var read = Read(EventOfType("view_reports").With("userId", "u").With("userKey", Keyed.User("u")));

        Assert.Contains(read.Problems, p => p.Field == "userKey");
    }

    [Fact]
    public void AnExperimentWithoutAVariantIsRefused()
    {
        Assert.Contains(Read(EventOfType("view_reports").With("experiment", "e1")).Problems, p => p.Field == "variant");
        Assert.Contains(Read(EventOfType("view_reports").With("variant", "a")).Problems, p => p.Field == "experiment");
    }
}

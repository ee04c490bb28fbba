using System.Text.Json;
using Onboarding.Domain.Catalog;
using Onboarding.Domain.Wizard;

namespace Onboarding.Domain.Tests.Wizard;

public sealed class WizardStepValidatorTests
{
    private static readonly OnboardingCatalog Catalog = DefaultCatalog.Catalog;

    [Theory]
    [InlineData(1, """{"organizationName":"A","timezone":"Europe/Berlin","shoeSize":42}""", "shoeSize", "Unknown field")]
    [InlineData(1, """{"organizationName":42,"timezone":"Europe/Berlin"}""", "organizationName", "Must be a string")]
    [InlineData(1, """{"organizationName":"   ","timezone":"Europe/Berlin"}""", "organizationName", "Must not be empty")]
    [InlineData(1, """{"timezone":"Europe/Berlin"}""", "organizationName", "Required")]
    [InlineData(1, """{"organizationName":"A","timezone":"Mars/Olympus_Mons"}""", "timezone", "IANA time zone")]
    [InlineData(1, """{"organizationName":"A","timezone":"W. Europe Standard Time"}""", "timezone", "IANA time zone")]
    [InlineData(1, """{"organizationName":"A","timezone":"Europe/Berlin","location":null,"extra":null}""", "extra", "Unknown field")]
    [InlineData(2, """{"eventTitle":"A","eventDateTime":"2026-03-15T10:00:00+01:00"}""", "eventDateTime", "without offset")]
    [InlineData(2, """{"eventTitle":"A","eventDateTime":"2026-02-30T10:00"}""", "eventDateTime", "without offset")]
    [InlineData(4, """{"expectedVolunteers":2.5,"inviteChannel":"email"}""", "expectedVolunteers", "whole number")]
    [InlineData(4, """{"expectedVolunteers":-1,"inviteChannel":"email"}""", "expectedVolunteers", "from 0")]
    [InlineData(4, """{"expectedVolunteers":"25","inviteChannel":"email"}""", "expectedVolunteers", "whole number")]
    [InlineData(4, """{"expectedVolunteers":25,"inviteChannel":"pigeon"}""", "inviteChannel", "one of: email, sms, link, later")]
    [InlineData(5, """{"generateSampleData":"yes","notificationPreference":"email"}""", "generateSampleData", "true or false")]
    public void EachBadFieldIsNamedWithItsProblem(int step, string json, string field, string problem)
    {
        var result = Validate(step, json);

        var failed = Assert.IsType<ValidationFailed>(result.Error);
        Assert.Contains(failed.Errors[field], message => message.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void AStringLongerThanItsLimitIsRefusedWithBothLengths()
    {
        var result = Validate(1, $$"""{"organizationName":"{{new string('x', 201)}}","timezone":"UTC"}""");

        Assert.Equal(["Must be at most 200 characters (it is 201)."], ((ValidationFailed)result.Error!).Errors["organizationName"]);
    }

    [Fact]
    public void StepDataOverEightKilobytesIsRefusedAsAWhole()
    {
        var result = Validate(1, $$"""{"organizationName":"A","timezone":"UTC","location":"{{new string('x', 8200)}}"}""");

        Assert.Contains("limit is 8192", ((ValidationFailed)result.Error!).Errors[WizardStepValidator.WholeData].Single());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void DataThatIsNotAnObjectIsRefused(string json) =>
        Assert.Contains(WizardStepValidator.WholeData, ((ValidationFailed)Validate(1, json).Error!).Errors.Keys);

    [Fact]
    public void ValidDataIsStoredInCanonicalFormTrimmedAndInCatalogOrder()
    {
        var result = Validate(1, """{"timezone":"Asia/Tokyo","organizationName":"  Tokyo Runners  ","location":null}""");

        Assert.Equal("""{"organizationName":"Tokyo Runners","timezone":"Asia/Tokyo"}""", result.Value);
    }

    [Fact]
    public void LocalDateTimesAreAcceptedWithOrWithoutSeconds()
    {
        Assert.Equal("""{"eventTitle":"A","eventDateTime":"2026-03-15T10:00"}""", Validate(2, """{"eventTitle":"A","eventDateTime":"2026-03-15T10:00"}""").Value);
        Assert.Equal("""{"eventTitle":"A","eventDateTime":"2026-03-15T10:00:30"}""", Validate(2, """{"eventTitle":"A","eventDateTime":"2026-03-15T10:00:30"}""").Value);
    }

    private static DomainResult<string> Validate(int step, string json) =>
        WizardStepValidator.Validate(Catalog.WizardStep(step)!, JsonDocument.Parse(json).RootElement, SystemTimeZones.Instance);
}

using Onboarding.Domain.Events;

namespace Onboarding.Domain.Tests.Events;

public sealed class ContactTextRedactorTests
{
    [Theory]
    [InlineData("Contact ann.lee+events@example.org today", "Contact [redacted-email] today")]
    [InlineData("<Jörg.Müller@gemeinde.de>", "<[redacted-email]>")]
    [InlineData("a@b.co and c_d@sub.mail.example.com", "[redacted-email] and [redacted-email]")]
    [InlineData("mailto:john5551234567@example.com", "mailto:[redacted-email]")]
    public void EmailAddressesInsideTextAreReplaced(string text, string expected)
    {
        Assert.Equal(expected, ContactTextRedactor.Redact(text));
    }

    [Theory]
    [InlineData("+49 151 12345678")]
    [InlineData("+4915112345678")]
    [InlineData("+1 (555) 123-4567")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+49 (0)30 1234567")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("+0151 1234567")]
    public void InternationalNumbersAreReplaced(string number)
    {
        Assert.Equal("call [redacted-phone] please", ContactTextRedactor.Redact($"call {number} please"));
    }

    [Theory]
    [InlineData("(555) 123-4567")]
    [InlineData("555-123-4567")]
    [InlineData("555.123.4567")]
    [InlineData("1-800-555-0199")]
    [InlineData("555-1234")]
    [InlineData("030 12345678")]
    [InlineData("0151/1234567")]
    [InlineData("020 7946 0958")]
    [InlineData("06.12.34.56.78")]
    [InlineData("01 23 45 67 89")]
    public void NationalNumbersWrittenWithSeparatorsAreReplaced(string number)
    {
        Assert.Equal("Tel: [redacted-phone].", ContactTextRedactor.Redact($"Tel: {number}."));
    }

    [Theory]
    [InlineData("2026-03-14")]
    [InlineData("2026-03-14T09:30:00Z")]
    [InlineData("2026-03-14T10:30:00.1234567+01:00")]
    [InlineData("2026-03-14 10:30")]
    [InlineData("14.03.2026 10:30")]
    [InlineData("03/14/2026")]
    [InlineData("2026/03/14")]
    [InlineData("10:30:15")]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("01234567-8901-2345-6789-012345678901")]
    [InlineData("12345678")]
    [InlineData("1710406800123")]
    [InlineData("1 234 567")]
    [InlineData("1.234.567")]
    [InlineData("3.14159265")]
    [InlineData("120.0.6099.109")]
    [InlineData("192.168.100.200")]
    [InlineData("2019-2024")]
    [InlineData("1000000-2000000")]
    [InlineData("INV-2024-000123")]
    [InlineData("task_555_123_4567")]
    [InlineData("a1b2c3-555-123-4567")]
    [InlineData("+12 points")]
    [InlineData("teams: 12, volunteers: 340")]
    public void DatesTimesUuidsCountsAndIdsAreLeftAlone(string text)
    {
        Assert.Same(text, ContactTextRedactor.Redact(text));
    }

    [Fact]
    public void ADateNextToAPhoneNumberDoesNotShieldIt()
    {
        var redacted = ContactTextRedactor.Redact("2026-03-14 555-123-4567 at 10:30");

        Assert.Equal("2026-03-14 [redacted-phone] at 10:30", redacted);
    }

    [Fact]
    public void RedactingTwiceChangesNothingMore()
    {
        var once = ContactTextRedactor.Redact("ann@example.org, +49 151 12345678");

        Assert.Same(once, ContactTextRedactor.Redact(once));
        Assert.Equal("[redacted-email], [redacted-phone]", once);
    }
}

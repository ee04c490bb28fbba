namespace Onboarding.Functions.Http;

/// <summary>The function's 202 carries a <c>Location</c> to poll, for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LocationHeaderAttribute : Attribute;

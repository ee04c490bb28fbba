namespace Onboarding.Functions.Storage;

/// <summary>Whether an update replaces the whole entity or merges the given properties into it.</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}

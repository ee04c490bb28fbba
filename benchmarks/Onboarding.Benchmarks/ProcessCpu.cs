using System.Globalization;

namespace Onboarding.Benchmarks;

/// <summary>What Linux tells of a process under <c>/proc</c>: its processor time, its parent, its command line, its children.</summary>
public static class ProcessCpu
{
    /// <summary>The processor time (user and system) <paramref name="pid"/> has used so far; zero once it is gone.</summary>
    public static TimeSpan TimeOf(int pid)
    {
        // utime and stime, the 14th and 15th fields, in clock ticks (USER_HZ, 100 a second on Linux).
        var fields = StatFields(pid);
        return fields is null ? TimeSpan.Zero
            : TimeSpan.FromMilliseconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10);
    }

    /// <summary>The first child of <paramref name="parent"/> whose command line holds <paramref name="commandLinePart"/> (any child without one); 0 if none.</summary>
    public static int ChildOf(int parent, string? commandLinePart = null) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .FirstOrDefault(pid => ParentOf(pid) == parent && (commandLinePart is null || CommandLineOf(pid).Contains(commandLinePart, StringComparison.Ordinal)));

    private static int ParentOf(int pid) => StatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : -1;

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The fields of <c>/proc/{pid}/stat</c> after "pid (comm) ", so [0] is the state and [1] the parent (comm may hold spaces).</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}

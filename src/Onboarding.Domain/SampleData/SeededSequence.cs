using System.Text;

namespace Onboarding.Domain.SampleData;

/// <summary>
/// A pseudo-random sequence fully determined by a text key, identical on every machine, process and
/// .NET version: the seed is the key's 64-bit FNV-1a hash, the sequence is SplitMix64.
/// (<see cref="Random"/> does not promise the same numbers across .NET versions, and
/// <see cref="string.GetHashCode()"/> differs per process.)
/// </summary>
internal sealed class SeededSequence(ulong seed)
{
    private ulong _state = seed;

    public static SeededSequence For(string key) => new(Fnv1a64(key));

    public static ulong Fnv1a64(string key)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * prime);
        }
        return hash;
    }

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A number in [0, <paramref name="exclusiveMax"/>); the modulo bias is irrelevant at these sizes.</summary>
    public int Below(int exclusiveMax) => (int)(Next() % (ulong)exclusiveMax);

    /// <summary>The items in an order this sequence decides (Fisher–Yates).</summary>
    public List<T> Shuffled<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Below(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}

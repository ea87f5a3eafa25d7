using System.Text;

namespace Coordinator.Arms.Retrieval;

/// <summary>
/// Hashes that are the same on every run and machine (string.GetHashCode is randomised per process):
/// FNV-1a over UTF-8 for text, then a SplitMix64 finaliser so neighbouring inputs spread evenly.
/// </summary>
internal static class StableHash
{
    /// <summary>A value in [0, 1) for a seed and a text.</summary>
    public static double Unit(long seed, string text) => ToUnit(Mix(unchecked((ulong)seed) ^ Fnv(text)));

    /// <summary>A value in [0, 1) for a seed and a number (e.g. a request's ordinal).</summary>
    public static double Unit(long seed, long value) => ToUnit(Mix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ Mix(unchecked((ulong)value))));

    private static double ToUnit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    private static ulong Fnv(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            h = unchecked((h ^ b) * 1099511628211UL);
        }

        return h;
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

using System;
using System.Collections.Generic;

namespace PiiGuard.Fuzzing;

/// <summary>
/// A small deterministic random source (SplitMix64): the same seed gives the same numbers on every machine and every
/// .NET version, which <see cref="Random"/> does not promise. Each mutant gets its own instance from
/// <see cref="For"/>, so mutant <c>i</c> of a seed is the same whatever ran before it, in whichever order.
/// </summary>
public sealed class FuzzRandom
{
    private ulong _state;

    /// <summary>Creates a random source from a 64-bit state.</summary>
    public FuzzRandom(ulong state)
    {
        _state = state;
    }

    /// <summary>The random source of mutant <paramref name="index"/> of <paramref name="seed"/> in the stream named <paramref name="stream"/>.</summary>
    public static FuzzRandom For(long seed, string stream, long index) =>
        new(Mix(Mix((ulong)seed) ^ Mix(StableHash(stream)) ^ Mix(((ulong)index * 0x9E3779B97F4A7C15UL) + 1)));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), "The bound must be positive.");
        }

        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>A number in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool Chance(double probability) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < probability;

    /// <summary>One of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A small number, more often small than large: 1 with probability 1/2, 2 with 1/4, ..., at most <paramref name="max"/>.</summary>
    public int Geometric(int max)
    {
        int n = 1;
        while (n < max && Chance(0.5))
        {
            n++;
        }

        return n;
    }

    /// <summary>Digits and letters, <paramref name="length"/> of them, from <paramref name="alphabet"/>.</summary>
    public string Text(int length, string alphabet)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = alphabet[Next(alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>FNV-1a over UTF-16 code units: a string hash that, unlike <see cref="string.GetHashCode()"/>, is the same in every process.</summary>
    public static ulong StableHash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

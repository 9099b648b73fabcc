using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace PiiGuard.Telemetry.Recording;

/// <summary>
/// What the recorder knows of one enum type that keys statistics: a process-wide id, its member names and a
/// lookup from value to member index that allocates nothing.
/// </summary>
internal static class EnumKeys
{
    private static readonly object s_gate = new();
    private static readonly List<EnumKeyType> s_types = [];

    /// <summary>The registered type with id <paramref name="typeId"/>.</summary>
    public static EnumKeyType Get(int typeId)
    {
        lock (s_gate)
        {
            return s_types[typeId];
        }
    }

    internal static int Register(EnumKeyType type)
    {
        lock (s_gate)
        {
            s_types.Add(type);
            return s_types.Count - 1;
        }
    }
}

/// <summary>The names of one enum type's members, in the order of their indexes.</summary>
/// <param name="Metric">The enum's full name: what the store calls this statistic.</param>
/// <param name="Names">The member names, by index.</param>
internal sealed record EnumKeyType(string Metric, string[] Names);

/// <summary>The per-type cache behind <see cref="EnumKeys"/>.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal static class EnumKeys<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>The process-wide id of <typeparamref name="TEnum"/>.</summary>
    public static readonly int TypeId;

    // Defined values, ascending; Dense when they are exactly 0..n-1, the usual case, so that a value is its index.
    private static readonly long[] s_values;
    private static readonly bool s_dense;

    static EnumKeys()
    {
        TEnum[] values = Enum.GetValues<TEnum>();
        var pairs = new List<(long Value, string Name)>(values.Length);
        var seen = new HashSet<long>();
        foreach (TEnum value in values)
        {
            long raw = ToInt64(value);
            if (seen.Add(raw))
            {
                // Aliases (two names, one value) count once, under the first name Enum.GetName gives.
                pairs.Add((raw, Enum.GetName(value) ?? raw.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        pairs.Sort(static (a, b) => a.Value.CompareTo(b.Value));
        s_values = new long[pairs.Count];
        string[] names = new string[pairs.Count];
        bool dense = true;
        for (int i = 0; i < pairs.Count; i++)
        {
            s_values[i] = pairs[i].Value;
            names[i] = pairs[i].Name;
            dense &= pairs[i].Value == i;
        }

        s_dense = dense;
        TypeId = EnumKeys.Register(new EnumKeyType(typeof(TEnum).FullName ?? typeof(TEnum).Name, names));
    }

    /// <summary>The number of distinct defined values.</summary>
    public static int Count => s_values.Length;

    /// <summary>The index of <paramref name="value"/> among the defined values, or -1 when it is not defined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(TEnum value)
    {
        long raw = ToInt64(value);
        if (s_dense)
        {
            return (ulong)raw < (ulong)s_values.Length ? (int)raw : -1;
        }

        int index = Array.BinarySearch(s_values, raw);
        return index >= 0 ? index : -1;
    }

    /// <summary>The value whose member is called <paramref name="name"/>, if <typeparamref name="TEnum"/> still has one.</summary>
    public static bool TryParse(string name, out TEnum value) =>
        Enum.TryParse(name, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(name, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ToInt64(TEnum value) => Unsafe.SizeOf<TEnum>() switch
    {
        1 => Unsafe.As<TEnum, byte>(ref value),
        2 => Unsafe.As<TEnum, short>(ref value),
        4 => Unsafe.As<TEnum, int>(ref value),
        _ => Unsafe.As<TEnum, long>(ref value),
    };
}

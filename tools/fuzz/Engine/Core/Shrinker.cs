using System;
using System.Collections.Generic;
using System.Linq;

namespace PiiGuard.Fuzzing;

/// <summary>
/// Delta debugging (ddmin, complements only): removes ever smaller chunks of an input while it still fails the same
/// way, within a budget of runs counted by the caller's <see cref="Budget"/>.
/// </summary>
public static class Shrinker
{
    /// <summary>How many more runs a shrink may make; shared by the passes of one shrink.</summary>
    public sealed class Budget
    {
        /// <summary>Creates a budget of <paramref name="runs"/> runs.</summary>
        public Budget(int runs)
        {
            Remaining = runs;
        }

        /// <summary>Gets the runs left.</summary>
        public int Remaining { get; private set; }

        /// <summary>Takes one run; false when none is left.</summary>
        public bool Take()
        {
            if (Remaining <= 0)
            {
                return false;
            }

            Remaining--;
            return true;
        }
    }

    /// <summary>
    /// A smaller list for which <paramref name="stillFails"/> holds, or <paramref name="units"/> itself when none is
    /// found within <paramref name="budget"/>; <paramref name="stillFails"/> must hold for <paramref name="units"/>.
    /// </summary>
    public static IReadOnlyList<T> Minimize<T>(IReadOnlyList<T> units, Func<IReadOnlyList<T>, bool> stillFails, Budget budget)
    {
        List<T> current = units.ToList();
        int chunks = 2;
        while (current.Count >= 2 && budget.Remaining > 0)
        {
            int size = (int)Math.Ceiling(current.Count / (double)chunks);
            bool reduced = false;
            for (int start = 0; start < current.Count && budget.Take(); start += size)
            {
                List<T> complement = current.Take(start).Concat(current.Skip(start + size)).ToList();
                if (complement.Count > 0 && stillFails(complement))
                {
                    current = complement;
                    chunks = Math.Max(chunks - 1, 2);
                    reduced = true;
                    break;
                }
            }

            if (!reduced)
            {
                if (size <= 1)
                {
                    break;
                }

                chunks = Math.Min(chunks * 2, current.Count);
            }
        }

        return current;
    }
}

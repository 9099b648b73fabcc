using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Model;

namespace PiiGuard.Generators;

public sealed partial class TelemetryPayloadGenerator
{
    /// <summary>A payload's model and the file that declares it, whose settings and severities its disclosure needs.</summary>
    internal sealed record ParsedDeclaration(PayloadModel Model, SyntaxTree Tree);

    /// <summary>A payload's model and the rules its file's build enforces as errors.</summary>
    internal sealed record ParsedPayload(PayloadModel Model, BuildRules Rules);

    /// <summary>A payload to emit, with the hint name of its file and the suffix of its generated class names.</summary>
    /// <param name="Model">The payload's model.</param>
    /// <param name="Rules">The rules its file's build enforces as errors (what its disclosure may promise).</param>
    /// <param name="HintName">The file's hint name, without <c>.PiiGuard.g.cs</c>; unique ignoring case among the payloads emitted.</param>
    /// <param name="Identifier">The suffix of <c>PiiGuardSerializer_…</c> and <c>PiiGuardSchema_…</c>; unique among the payloads emitted.</param>
    internal sealed record GeneratedPayload(PayloadModel Model, BuildRules Rules, string HintName, string Identifier);

    /// <summary>What naming needs to know of one payload: its C# type and the hint name its type name gives.</summary>
    internal readonly record struct NameKey(string TypeName, string HintName);

    /// <summary>The names of a payload whose plain names collide with another's; null names: not emitted at all.</summary>
    internal sealed record NameChoice(string TypeName, string? HintName, string? Identifier);

    /// <summary>
    /// Gives every payload a hint name and class names of its own. The plain names come from the type's name
    /// (<c>Shop.Usage</c> → <c>Shop.Usage.PiiGuard.g.cs</c>, <c>PiiGuardSerializer_Shop_Usage</c>), but different
    /// types can give the same plain name: sanitizing (<c>A_B</c> and a nested <c>A.B</c> share <c>A_B</c> as class
    /// name), case (the driver compares hint names ignoring case), truncation of very long names, and code broken
    /// mid-edit (a type declared twice). No one payload can see the others, so <see cref="Resolve"/> looks at all of
    /// them at once and returns only the exceptions; <see cref="Apply"/> then names each payload from its own model and
    /// those exceptions. In the ordinary case there are none, so the table stays equal (and cached) across edits, and
    /// a payload's names depend on no other payload.
    /// </summary>
    internal static class Naming
    {
        /// <summary>The longest plain hint name or class-name suffix: long names are cut, and the cut ones disambiguated.</summary>
        public const int MaxLength = 150;

        public static string PlainHintName(string hintName) => hintName.Length <= MaxLength ? hintName : hintName.Substring(0, MaxLength);

        /// <summary>The hint name as a C# identifier suffix: the builder's hint names hold only letters, digits, '_' and '.'.</summary>
        public static string PlainIdentifier(string hintName) => PlainHintName(hintName).Replace('.', '_').Replace('`', '_');

        /// <summary>
        /// The payloads whose plain names are not theirs alone, and their names: the same C# type from two
        /// declarations (a type duplicated mid-edit, which the compiler reports) is not emitted, as its generated code
        /// could not name it; other collisions get <c>-1</c>, <c>-2</c>, … on the hint name (which plain hint names
        /// never contain) and <c>_1</c>, <c>_2</c>, … on the class names (skipping any suffix another payload has),
        /// numbered in the ordinal order of the type names so that the result does not depend on the order of the
        /// payloads.
        /// </summary>
        public static EquatableArray<NameChoice> Resolve(ImmutableArray<NameKey> keys)
        {
            if (keys.Length < 2)
            {
                return EquatableArray<NameChoice>.Empty;
            }

            var choices = new List<NameChoice>();
            var unique = new List<NameKey>();
            foreach (IGrouping<string, NameKey> sameType in keys.GroupBy(k => k.TypeName, StringComparer.Ordinal))
            {
                if (sameType.Count() > 1)
                {
                    choices.Add(new NameChoice(sameType.Key, null, null));
                }
                else
                {
                    unique.Add(sameType.First());
                }
            }

            var hintCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var identifierCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (NameKey key in unique)
            {
                Count(hintCounts, PlainHintName(key.HintName));
                Count(identifierCounts, PlainIdentifier(key.HintName));
            }

            var takenHints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var takenIdentifiers = new HashSet<string>(StringComparer.Ordinal);
            var colliding = new List<NameKey>();
            foreach (NameKey key in unique)
            {
                string hint = PlainHintName(key.HintName);
                string identifier = PlainIdentifier(key.HintName);
                if (hintCounts[hint] == 1 && identifierCounts[identifier] == 1)
                {
                    takenHints.Add(hint);
                    takenIdentifiers.Add(identifier);
                }
                else
                {
                    colliding.Add(key);
                }
            }

            colliding.Sort((x, y) => string.CompareOrdinal(x.TypeName, y.TypeName));
            foreach (NameKey key in colliding)
            {
                string hint = PlainHintName(key.HintName);
                string identifier = PlainIdentifier(key.HintName);
                for (int n = 1; ; n++)
                {
                    string suffix = n.ToString(CultureInfo.InvariantCulture);
                    if (!takenHints.Contains(hint + "-" + suffix) && !takenIdentifiers.Contains(identifier + "_" + suffix))
                    {
                        takenHints.Add(hint + "-" + suffix);
                        takenIdentifiers.Add(identifier + "_" + suffix);
                        choices.Add(new NameChoice(key.TypeName, hint + "-" + suffix, identifier + "_" + suffix));
                        break;
                    }
                }
            }

            choices.Sort((x, y) => string.CompareOrdinal(x.TypeName, y.TypeName));
            return new EquatableArray<NameChoice>(choices);
        }

        /// <summary>The payload with its names, or null when it is not to be emitted.</summary>
        public static GeneratedPayload? Apply(ParsedPayload parsed, EquatableArray<NameChoice> exceptions)
        {
            PayloadModel model = parsed.Model;
            foreach (NameChoice choice in exceptions)
            {
                if (string.Equals(choice.TypeName, model.TypeName, StringComparison.Ordinal))
                {
                    return choice.HintName is null || choice.Identifier is null ? null : new GeneratedPayload(model, parsed.Rules, choice.HintName, choice.Identifier);
                }
            }

            return new GeneratedPayload(model, parsed.Rules, PlainHintName(model.HintName), PlainIdentifier(model.HintName));
        }

        private static void Count(Dictionary<string, int> counts, string name) =>
            counts[name] = counts.TryGetValue(name, out int count) ? count + 1 : 1;
    }
}

using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Model;

namespace PiiGuard.Generators.Parser;

/// <summary>
/// What model builds of one compilation's payloads share: an enum reached from many payloads is read once. Lives as
/// long as its owner (the analyzers' per-compilation cache); thread-safe. The generator builds each payload in its own
/// incremental step and passes none, so that a payload's model depends on nothing but its own inputs.
/// </summary>
internal sealed class PayloadModelBuilderCache
{
    internal ConcurrentDictionary<INamedTypeSymbol, EnumFacts> Enums { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The entries cached, for tests that bound the caches by counting.</summary>
    internal int Count => Enums.Count;
}

/// <summary>An enum as payloads see it: its members' JSON names, whether it is <c>[Flags]</c>, and its duplicates.</summary>
internal sealed class EnumFacts
{
    public EnumFacts(bool isFlags, EquatableArray<EnumMemberModel> members, IReadOnlyList<(PayloadProblemKind Kind, object[] Arguments)> problems)
    {
        IsFlags = isFlags;
        Members = members;
        Problems = problems;
    }

    public bool IsFlags { get; }

    public EquatableArray<EnumMemberModel> Members { get; }

    /// <summary>Duplicate JSON names or values, reported on each member that reaches the enum.</summary>
    public IReadOnlyList<(PayloadProblemKind Kind, object[] Arguments)> Problems { get; }
}

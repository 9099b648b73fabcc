using Microsoft.CodeAnalysis;

namespace PiiGuard.Analyzers;

/// <summary>Helpers shared by the rules that check a payload type as a whole.</summary>
internal static class PayloadTypes
{
    /// <summary>The symbol's first location in a syntax tree of this compilation, or null.</summary>
    public static Location? SourceLocation(ISymbol symbol, Compilation compilation)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.IsInSource && location.SourceTree is { } tree && compilation.ContainsSyntaxTree(tree))
            {
                return location;
            }
        }

        return null;
    }
}

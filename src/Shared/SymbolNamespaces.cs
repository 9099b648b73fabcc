using Microsoft.CodeAnalysis;

namespace PiiGuard.Shared;

/// <summary>Namespace checks on symbols that format no names, for the analyzers' and the generator's hot paths.</summary>
internal static class SymbolNamespaces
{
    /// <summary>Whether <paramref name="type"/> is declared in exactly the namespace <paramref name="name"/> (one part: <c>System</c>).</summary>
    public static bool IsInNamespace(ITypeSymbol type, string name) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns && ns.Name == name && ns.ContainingNamespace is { IsGlobalNamespace: true };

    /// <summary>Whether <paramref name="type"/> is declared in exactly the namespace <c>outer.inner</c>.</summary>
    public static bool IsInNamespace(ITypeSymbol type, string outer, string inner) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns && ns.Name == inner &&
        ns.ContainingNamespace is { IsGlobalNamespace: false } parent && parent.Name == outer && parent.ContainingNamespace is { IsGlobalNamespace: true };

    /// <summary>Whether <paramref name="type"/> is declared in exactly the namespace <c>outer.middle.inner</c>.</summary>
    public static bool IsInNamespace(ITypeSymbol type, string outer, string middle, string inner) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns && ns.Name == inner &&
        ns.ContainingNamespace is { IsGlobalNamespace: false } parent && parent.Name == middle &&
        parent.ContainingNamespace is { IsGlobalNamespace: false } grandparent && grandparent.Name == outer &&
        grandparent.ContainingNamespace is { IsGlobalNamespace: true };

    /// <summary>Whether <paramref name="type"/> is declared in exactly the namespace <paramref name="parts"/>, outermost first.</summary>
    /// <remarks>Hot paths use the overloads of one to three parts, which allocate no array.</remarks>
    public static bool IsInNamespace(ITypeSymbol type, params string[] parts)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            if (ns is null || ns.IsGlobalNamespace || ns.Name != parts[i])
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: true };
    }

    /// <summary>Whether <paramref name="type"/> is declared under <c>System</c> or <c>Microsoft</c>.</summary>
    public static bool IsFrameworkType(ITypeSymbol type)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
    }
}

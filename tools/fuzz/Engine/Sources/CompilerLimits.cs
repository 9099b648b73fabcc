using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PiiGuard.Fuzzing.Sources;

/// <summary>
/// Inputs that crash the C# compiler itself, before PiiGuard has a say: they are skipped, since a build of them
/// fails the same way with or without PiiGuard.
/// </summary>
public static class CompilerLimits
{
    /// <summary>
    /// Whether compiling <paramref name="compilation"/> alone, without PiiGuard, throws: such as Roslyn 4.8's binder
    /// casting a field to a type for <c>using static PiiGuard.Period; [Week :: X]</c>. Checked only once an exception
    /// was seen, so that PiiGuard is not blamed for the compiler's own.
    /// </summary>
    public static bool CompilerThrows(Compilation compilation)
    {
        try
        {
            compilation.GetDiagnostics();
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>
    /// Whether a generic struct has a member whose type names a generic struct: a struct that reaches such a type
    /// through its fields can expand it without end (<c>struct B&lt;T&gt; { B&lt;(T, T)&gt; Next; }</c>), and the
    /// compiler's struct layout check (BaseTypeAnalysis.StructDependsClosure) then overflows the stack, which no
    /// exception handler can catch. The check is syntactic and errs on the side of skipping.
    /// </summary>
    public static bool MayOverflowTheCompiler(SyntaxNode root)
    {
        List<TypeDeclarationSyntax> genericStructs = root.DescendantNodes().OfType<TypeDeclarationSyntax>()
            .Where(t => t.TypeParameterList is not null && (t is StructDeclarationSyntax || t.IsKind(SyntaxKind.RecordStructDeclaration)))
            .ToList();
        if (genericStructs.Count == 0)
        {
            return false;
        }

        var names = new HashSet<string>(genericStructs.Select(t => t.Identifier.ValueText), StringComparer.Ordinal);
        return genericStructs.Any(type => type.DescendantNodes().OfType<GenericNameSyntax>().Any(name => names.Contains(name.Identifier.ValueText)));
    }
}

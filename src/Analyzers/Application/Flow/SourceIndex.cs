using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PiiGuard.Analyzers.Flow;

/// <summary>
/// Where a compilation's source may store a value in a member, and where it may call a method or constructor, by
/// name: what one syntax walk over every tree finds, nothing bound. <see cref="FlowContext.StoredOrigin"/> binds the
/// places of one name only when a member of that name is read on the way to a sink.
/// </summary>
internal sealed class SourceIndex
{
    private static readonly List<SyntaxNode> None = new();

    private readonly Dictionary<string, List<SyntaxNode>> _writes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SyntaxNode>> _calls = new(StringComparer.Ordinal);

    private SourceIndex()
    {
    }

    /// <summary>Indexes every tree of <paramref name="compilation"/>.</summary>
    public static SourceIndex Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var index = new SourceIndex();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            foreach (SyntaxNode node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment:
                        Add(index._writes, WrittenName(assignment.Left), node);
                        break;
                    case PropertyDeclarationSyntax { Initializer: not null } property:
                        Add(index._writes, property.Identifier.ValueText, node);
                        break;
                    case VariableDeclaratorSyntax { Initializer: not null, Parent.Parent: FieldDeclarationSyntax } field:
                        Add(index._writes, field.Identifier.ValueText, node);
                        break;
                    case InvocationExpressionSyntax invocation:
                        if (invocation.Expression is MemberAccessExpressionSyntax access && MethodFlow.IsFilling(access.Name.Identifier.ValueText))
                        {
                            Add(index._writes, WrittenName(access.Expression), node);
                        }

                        Add(index._calls, CalledName(invocation.Expression), node);
                        break;
                    case ObjectCreationExpressionSyntax creation:
                        Add(index._calls, CalledName(creation.Type), node);
                        break;
                    case ImplicitObjectCreationExpressionSyntax or ConstructorInitializerSyntax:
                        // The constructor is not named: found under every constructor's name.
                        Add(index._calls, string.Empty, node);
                        break;
                    case PrimaryConstructorBaseTypeSyntax baseCall:
                        Add(index._calls, CalledName(baseCall.Type), node);
                        break;
                }
            }
        }

        return index;
    }

    /// <summary>The places that may write a member named <paramref name="name"/>: assignments, initializers, filling calls.</summary>
    public IReadOnlyList<SyntaxNode> WritesOf(string name) => _writes.TryGetValue(name, out List<SyntaxNode>? writes) ? writes : None;

    /// <summary>The places that may call <paramref name="method"/>: calls by its name, for a constructor also the creations that do not name the type.</summary>
    public IEnumerable<SyntaxNode> CallsOf(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Constructor)
        {
            return _calls.TryGetValue(method.Name, out List<SyntaxNode>? calls) ? calls : None;
        }

        return (_calls.TryGetValue(method.ContainingType.Name, out List<SyntaxNode>? named) ? named : None)
            .Concat(_calls.TryGetValue(string.Empty, out List<SyntaxNode>? unnamed) ? unnamed : None);
    }

    private static void Add(Dictionary<string, List<SyntaxNode>> index, string? name, SyntaxNode node)
    {
        if (name is null)
        {
            return;
        }

        if (!index.TryGetValue(name, out List<SyntaxNode>? list))
        {
            list = new List<SyntaxNode>();
            index.Add(name, list);
        }

        list.Add(node);
    }

    /// <summary>The name of the member a target writes (<c>_email</c>, <c>this.Email</c>, <c>context.Email</c>, <c>_seen[0]</c>), or null.</summary>
    private static string? WrittenName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        ElementAccessExpressionSyntax element => WrittenName(element.Expression),
        ParenthesizedExpressionSyntax parenthesized => WrittenName(parenthesized.Expression),
        _ => null,
    };

    /// <summary>The name a call or creation names (<c>Write</c>, <c>Audit.Write</c>, <c>x?.Write</c>, <c>List&lt;T&gt;</c>, <c>Shop.Order</c>), or null.</summary>
    private static string? CalledName(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}

using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>Why a type is in the application-data rules' scope by its declaration.</summary>
[System.Flags]
internal enum ScopeReasons
{
    None = 0,

    /// <summary>The type is marked <c>[DataSubject]</c>.</summary>
    DataSubject = 1,

    /// <summary>The type is the <c>T</c> of a <c>DbSet&lt;T&gt;</c> property of a <c>DbContext</c> declared in this compilation.</summary>
    Entity = 2,

    /// <summary>The type is a base type of a data subject or an entity: its members are theirs too.</summary>
    Base = 4,
}

/// <summary>
/// Which types the application-data rules look at by their declaration alone: the compilation's <c>[DataSubject]</c>
/// types, the entities of its EF Core contexts (the <c>T</c> of each <c>DbSet&lt;T&gt;</c> property, inherited ones
/// too, of a class deriving from <c>DbContext</c>) and the base types of both (<see cref="TypesInScope"/>). A type that
/// holds a <c>[SubjectKey]</c> member or a classified member is in scope as well (<see cref="IsInScopeByMembers"/>);
/// that is read from the type itself, when it is analyzed.
/// </summary>
/// <remarks>Kept apart from the analyzer, and free of its state, so that the data map can share it.</remarks>
internal static class ApplicationScope
{
    /// <summary>
    /// The types in scope by declaration, with why, found in one walk over the compilation's own types (their
    /// attributes, and the properties of its <c>DbContext</c> classes).
    /// </summary>
    public static Dictionary<INamedTypeSymbol, ScopeReasons> TypesInScope(Compilation compilation, ApplicationSymbols symbols, CancellationToken cancellationToken)
    {
        var scope = new Dictionary<INamedTypeSymbol, ScopeReasons>(SymbolEqualityComparer.Default);
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            INamespaceOrTypeSymbol current = pending.Pop();
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    pending.Push(type);
                    if (symbols.IsDataSubject(type))
                    {
                        Add(scope, type, ScopeReasons.DataSubject);
                    }

                    if (type.TypeKind == TypeKind.Class && symbols.IsDbContext(type))
                    {
                        AddEntities(scope, type, symbols);
                    }
                }
            }
        }

        // The base types (declared here) of every data subject and entity: what they declare, the rows hold.
        var roots = new List<INamedTypeSymbol>(scope.Keys);
        foreach (INamedTypeSymbol root in roots)
        {
            for (INamedTypeSymbol? baseType = root.BaseType; baseType != null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
            {
                Add(scope, baseType.OriginalDefinition, ScopeReasons.Base);
            }
        }

        return scope;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is in scope by its members: it holds, or inherits, a <c>[SubjectKey]</c> member
    /// or a classified one.
    /// </summary>
    public static bool IsInScopeByMembers(INamedTypeSymbol type, ApplicationSymbols symbols)
    {
        for (INamedTypeSymbol? current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (IsDataMember(member) && (symbols.HasSubjectKey(member) || symbols.Classify(member) != null))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The metadata name of <c>[Key]</c> (System.ComponentModel.DataAnnotations), which marks a row's own key.</summary>
    public const string KeyAttributeMetadataName = "System.ComponentModel.DataAnnotations.KeyAttribute";

    /// <summary>
    /// Whether <paramref name="member"/> is its row's own key (<c>Id</c>, <c>&lt;Type&gt;Id</c>, or <c>[Key]</c>): not a
    /// personal member to classify (PII100), nor a personal value to keep out of logs (PII110). It says which row, and a
    /// subject's key is how the app refers to a person without their personal data.
    /// </summary>
    public static bool IsRowKey(ISymbol member, INamedTypeSymbol? keyAttribute)
    {
        string name = member.Name;
        return string.Equals(name, "Id", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, member.ContainingType.Name + "Id", StringComparison.OrdinalIgnoreCase) ||
            ApplicationSymbols.FindAttribute(member, keyAttribute, subclasses: false) != null;
    }

    /// <summary>Whether <paramref name="member"/> holds a row's data: an instance field or property, not const, not an indexer, not compiler-generated.</summary>
    public static bool IsDataMember(ISymbol member) => member switch
    {
        IFieldSymbol field => !field.IsStatic && !field.IsConst && !field.IsImplicitlyDeclared,
        IPropertySymbol property => !property.IsStatic && !property.IsIndexer && !property.IsImplicitlyDeclared && property.Name != "EqualityContract",
        _ => false,
    };

    /// <summary>Whether the compilation declares a <c>[DataSubject]</c> type: the classification rules apply only then.</summary>
    public static bool HasDataSubject(Dictionary<INamedTypeSymbol, ScopeReasons> scope)
    {
        foreach (ScopeReasons reasons in scope.Values)
        {
            if ((reasons & ScopeReasons.DataSubject) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddEntities(Dictionary<INamedTypeSymbol, ScopeReasons> scope, INamedTypeSymbol context, ApplicationSymbols symbols)
    {
        // Inherited sets count too (IdentityDbContext<TUser>'s Users), down to EF Core's DbContext itself.
        for (INamedTypeSymbol? type = context; type != null && !SymbolEqualityComparer.Default.Equals(type, symbols.DbContext); type = type.BaseType)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false } property && symbols.EntityOfDbSet(property.Type) is { } entity)
                {
                    Add(scope, entity.OriginalDefinition, ScopeReasons.Entity);
                }
            }
        }
    }

    private static void Add(Dictionary<INamedTypeSymbol, ScopeReasons> scope, INamedTypeSymbol type, ScopeReasons reason) =>
        scope[type] = scope.TryGetValue(type, out ScopeReasons reasons) ? reasons | reason : reason;
}

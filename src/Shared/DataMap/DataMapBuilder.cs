using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Model;

namespace PiiGuard.Shared.DataMap;

/// <summary>
/// Builds the data map of a compilation (<see cref="Build(Compilation, ApplicationSymbols, CancellationToken)"/>) or one type's entry (<see cref="Describe"/>) from the
/// application-data attributes that <see cref="ApplicationSymbols"/> reads. Shared by the generator, which compiles
/// the map into the assembly, and the data map lock rule (PII120), which compares each type with the lock.
/// </summary>
internal static class DataMapBuilder
{
    /// <summary>How the map names a type: namespaces and containing types, with type parameters or arguments.</summary>
    public static readonly SymbolDisplayFormat NameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>
    /// The data map of the types declared in <paramref name="compilation"/>, and of the entities its EF Core
    /// <c>DbContext</c>s hold; null when it declares no <c>[DataSubject]</c> and classifies nothing.
    /// </summary>
    public static DataMap? Build(Compilation compilation, ApplicationSymbols symbols, CancellationToken cancellationToken) =>
        Build(Scan(compilation, symbols, cancellationToken), symbols, cancellationToken);

    /// <summary>
    /// The one walk over the compilation's types that the map is built from: every type it declares, and each
    /// <c>DbContext</c> among them with its entities. The generator builds the map and the rights' models from the
    /// same scan.
    /// </summary>
    public static DataMapScan Scan(Compilation compilation, ApplicationSymbols symbols, CancellationToken cancellationToken)
    {
        var declared = new List<INamedTypeSymbol>();
        AddTypes(compilation.Assembly.GlobalNamespace, declared, cancellationToken);

        var contexts = new List<DataMapScan.Context>();
        if (symbols.DbContext != null)
        {
            foreach (INamedTypeSymbol type in declared)
            {
                if (symbols.IsDbContext(type))
                {
                    var entities = new List<INamedTypeSymbol>();
                    AddEntities(type, symbols, entities);
                    contexts.Add(new DataMapScan.Context(type, entities));
                }
            }
        }

        return new DataMapScan(declared, contexts);
    }

    /// <summary>The data map of a <see cref="Scan"/>; null when it declares no <c>[DataSubject]</c> and classifies nothing.</summary>
    public static DataMap? Build(DataMapScan scan, ApplicationSymbols symbols, CancellationToken cancellationToken)
    {
        List<INamedTypeSymbol> declared = scan.Declared;
        var entities = new List<INamedTypeSymbol>();
        foreach (DataMapScan.Context context in scan.Contexts)
        {
            entities.AddRange(context.Entities);
        }

        var types = new Dictionary<string, MappedType>(StringComparer.Ordinal);
        var subjects = new SortedSet<string>(StringComparer.Ordinal);
        foreach (INamedTypeSymbol type in declared)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Describe(type, symbols, include: false, out _) is { } mapped)
            {
                types[mapped.Name] = mapped;
                if (symbols.IsDataSubject(type))
                {
                    subjects.Add(mapped.Name);
                }
            }
        }

        foreach (INamedTypeSymbol entity in entities)
        {
            string name = NameOf(entity);
            if (!types.ContainsKey(name) && Describe(entity, symbols, include: true, out _) is { } mapped)
            {
                types[name] = mapped;
            }
        }

        if (subjects.Count == 0 && types.Values.All(t => t.Members.Count == 0))
        {
            return null;
        }

        return new DataMap(
            new EquatableArray<string>(subjects),
            new EquatableArray<MappedType>(types.Values.OrderBy(t => t.Name, StringComparer.Ordinal)));
    }

    /// <summary>The name the map gives <paramref name="type"/>.</summary>
    public static string NameOf(ITypeSymbol type) => type.ToDisplayString(NameFormat);

    /// <summary>
    /// The map's entry of <paramref name="type"/>, or null when the type is not in the map's scope (not a data
    /// subject, no subject key, no classified member, none of <c>[NoSubjectKey]</c>, <c>[Retention]</c> and
    /// <c>[Erasure]</c>) and <paramref name="include"/> is false.
    /// </summary>
    /// <param name="type">A class, struct or record.</param>
    /// <param name="symbols">The application-data symbols.</param>
    /// <param name="include">Whether to describe the type even when it is not in scope by itself (an entity of a DbContext).</param>
    /// <param name="members">The symbols of the entry's members, in the order of <see cref="MappedType.Members"/>.</param>
    public static MappedType? Describe(INamedTypeSymbol type, ApplicationSymbols symbols, bool include, out ImmutableArray<ISymbol> members)
    {
        members = ImmutableArray<ISymbol>.Empty;
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return null;
        }

        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current != null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            chain.Add(current);
        }

        chain.Reverse();

        // Each member once, at its first (most basic) declaration; an override's own classification wins.
        var order = new List<string>();
        var found = new Dictionary<string, (ISymbol Symbol, Classification Classification)>(StringComparer.Ordinal);
        ISymbol? subjectKey = null;
        foreach (INamedTypeSymbol level in chain)
        {
            foreach (ISymbol member in level.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared || member.Kind is not (SymbolKind.Property or SymbolKind.Field))
                {
                    continue;
                }

                if (symbols.HasSubjectKey(member))
                {
                    subjectKey = member;
                }

                if (symbols.Classify(member) is { } classification)
                {
                    if (!found.ContainsKey(member.Name))
                    {
                        order.Add(member.Name);
                    }

                    found[member.Name] = (member, classification);
                }
            }
        }

        AttributeData? noKey = ApplicationSymbols.FindAttribute(type, symbols.NoSubjectKeyAttribute, subclasses: false);
        AttributeData? retention = Inherited(type, symbols.RetentionAttribute);
        AttributeData? erasure = Inherited(type, symbols.ErasureAttribute);
        bool isSubject = symbols.IsDataSubject(type);
        if (!include && !isSubject && subjectKey == null && found.Count == 0 && noKey == null && retention == null && erasure == null)
        {
            return null;
        }

        string? subject = isSubject ? NameOf(type) : subjectKey != null && symbols.SubjectKeyOf(subjectKey) is { } keyed ? NameOf(keyed) : null;
        MappedErasure action = erasure is { ConstructorArguments.Length: 1 } && erasure.ConstructorArguments[0].Value is int value
            ? value switch { 0 => MappedErasure.Delete, 1 => MappedErasure.Anonymise, _ => MappedErasure.None }
            : subject != null ? MappedErasure.Delete : MappedErasure.None;
        string? replacement = erasure?.NamedArguments.FirstOrDefault(a => a.Key == "Replacement").Value.Value as string;

        int? days = retention is { ConstructorArguments.Length: 2 } && retention.ConstructorArguments[0].Value is int d ? d : null;
        string? from = days != null ? retention!.ConstructorArguments[1].Value as string : null;

        var mapped = new List<MappedMember>(order.Count);
        var memberSymbols = ImmutableArray.CreateBuilder<ISymbol>(order.Count);
        foreach (string name in order)
        {
            (ISymbol symbol, Classification classification) = found[name];
            mapped.Add(new MappedMember(name, classification.Kind, classification.Purpose, classification.Source));
            memberSymbols.Add(symbol);
        }

        members = memberSymbols.MoveToImmutable();
        return new MappedType(
            NameOf(type),
            subject,
            subjectKey?.Name,
            noKey is { ConstructorArguments.Length: 1 } ? noKey.ConstructorArguments[0].Value as string ?? "" : null,
            days,
            from,
            action,
            replacement,
            new EquatableArray<MappedMember>(mapped));
    }

    /// <summary>The attribute on <paramref name="type"/> or, as <c>[Retention]</c> and <c>[Erasure]</c> are inherited, on its nearest base type that has it.</summary>
    private static AttributeData? Inherited(INamedTypeSymbol type, INamedTypeSymbol? attribute)
    {
        for (INamedTypeSymbol? current = type; current != null; current = current.BaseType)
        {
            if (ApplicationSymbols.FindAttribute(current, attribute, subclasses: false) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static void AddTypes(INamespaceOrTypeSymbol container, List<INamedTypeSymbol> types, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (ISymbol member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceSymbol ns:
                    AddTypes(ns, types, cancellationToken);
                    break;
                case INamedTypeSymbol type when !type.IsImplicitlyDeclared:
                    types.Add(type);
                    AddTypes(type, types, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>The entity types of a DbContext's <c>DbSet&lt;T&gt;</c> properties, its base contexts' included.</summary>
    private static void AddEntities(INamedTypeSymbol context, ApplicationSymbols symbols, List<INamedTypeSymbol> entities)
    {
        for (INamedTypeSymbol? current = context; current != null && !SymbolEqualityComparer.Default.Equals(current, symbols.DbContext); current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false } property && symbols.EntityOfDbSet(property.Type) is { } entity &&
                    entity.TypeKind is TypeKind.Class or TypeKind.Struct)
                {
                    entities.Add(entity);
                }
            }
        }
    }
}

/// <summary>What <see cref="DataMapBuilder.Scan"/> found: the compilation's own types, and its <c>DbContext</c>s with their entities.</summary>
internal sealed class DataMapScan
{
    public DataMapScan(List<INamedTypeSymbol> declared, List<Context> contexts)
    {
        Declared = declared;
        Contexts = contexts;
    }

    /// <summary>Every type the compilation declares, nested ones included, in declaration order.</summary>
    public List<INamedTypeSymbol> Declared { get; }

    /// <summary>Each class deriving from EF Core's <c>DbContext</c>, in <see cref="Declared"/> order.</summary>
    public List<Context> Contexts { get; }

    /// <summary>A <c>DbContext</c> and the entity types of its <c>DbSet&lt;T&gt;</c> properties (its base contexts' included), in declaration order.</summary>
    public sealed class Context
    {
        public Context(INamedTypeSymbol type, List<INamedTypeSymbol> entities)
        {
            Type = type;
            Entities = entities;
        }

        public INamedTypeSymbol Type { get; }

        public List<INamedTypeSymbol> Entities { get; }
    }
}

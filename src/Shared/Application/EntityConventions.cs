using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PiiGuard.Shared;

/// <summary>
/// What EF Core's conventions and data annotations say of an entity type, as far as its declaration shows: which
/// member is its row key, and whether a member's column can hold null. The generator writes the rights' queries from
/// it (src/Generators/PersonalDataModels.cs), and PII106 refuses what those queries could not do. A key, a requirement
/// or a mapping configured in <c>OnModelCreating</c> is not seen.
/// </summary>
internal sealed class EntityConventions
{
    public const string KeyAttributeMetadataName = "System.ComponentModel.DataAnnotations.KeyAttribute";
    public const string RequiredAttributeMetadataName = "System.ComponentModel.DataAnnotations.RequiredAttribute";
    public const string NotMappedAttributeMetadataName = "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute";
    public const string PrimaryKeyAttributeMetadataName = "Microsoft.EntityFrameworkCore.PrimaryKeyAttribute";
    public const string KeylessAttributeMetadataName = "Microsoft.EntityFrameworkCore.KeylessAttribute";

    private readonly INamedTypeSymbol? _key;
    private readonly INamedTypeSymbol? _required;
    private readonly INamedTypeSymbol? _notMapped;
    private readonly INamedTypeSymbol? _primaryKey;
    private readonly INamedTypeSymbol? _keyless;

    public EntityConventions(Compilation compilation)
    {
        _key = compilation.GetTypeByMetadataName(KeyAttributeMetadataName);
        _required = compilation.GetTypeByMetadataName(RequiredAttributeMetadataName);
        _notMapped = compilation.GetTypeByMetadataName(NotMappedAttributeMetadataName);
        _primaryKey = compilation.GetTypeByMetadataName(PrimaryKeyAttributeMetadataName);
        _keyless = compilation.GetTypeByMetadataName(KeylessAttributeMetadataName);
    }

    /// <summary>
    /// The member EF Core makes the row key of <paramref name="type"/> by its conventions: the one property of
    /// <c>[PrimaryKey]</c>, else the one member marked <c>[Key]</c>, else the property <c>Id</c>, else
    /// <c>&lt;TypeName&gt;Id</c> (names compared ignoring case, as EF Core does). Null when the type is
    /// <c>[Keyless]</c>, its key has several members, or nothing is found.
    /// </summary>
    public ISymbol? RowKey(INamedTypeSymbol type)
    {
        if (Inherited(type, _keyless) != null)
        {
            return null;
        }

        if (Inherited(type, _primaryKey) is { } primaryKey)
        {
            // [PrimaryKey(string propertyName, params string[] additionalPropertyNames)]
            bool single = primaryKey.ConstructorArguments.Length >= 1 &&
                (primaryKey.ConstructorArguments.Length < 2 || primaryKey.ConstructorArguments[1].Values.IsDefaultOrEmpty);
            return single && primaryKey.ConstructorArguments[0].Value is string name ? FindMember(type, name, StringComparison.Ordinal) : null;
        }

        ISymbol? marked = null;
        int count = 0;
        foreach (ISymbol member in DataMembers(type))
        {
            if (ApplicationSymbols.FindAttribute(member, _key, subclasses: false) != null)
            {
                marked = member;
                count++;
            }
        }

        if (count > 0)
        {
            return count == 1 ? marked : null;
        }

        return FindProperty(type, "Id") ?? FindProperty(type, type.Name + "Id");
    }

    /// <summary>
    /// Whether the column of <paramref name="member"/> can hold null as EF Core maps it: a <c>Nullable&lt;T&gt;</c>, or a
    /// reference type that is not <c>[Required]</c> and not declared non-nullable in a nullable-aware context.
    /// </summary>
    public bool CanHoldNull(ISymbol member)
    {
        ITypeSymbol type = TypeOf(member);
        if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return true;
        }

        if (!type.IsReferenceType)
        {
            return false;
        }

        return !IsRequired(member) && AnnotationOf(member) != NullableAnnotation.NotAnnotated;
    }

    /// <summary>Whether <paramref name="member"/> is marked <c>[Required]</c>.</summary>
    public bool IsRequired(ISymbol member) => ApplicationSymbols.FindAttribute(member, _required, subclasses: false) != null;

    /// <summary>Whether <paramref name="member"/> is marked <c>[NotMapped]</c>.</summary>
    public bool IsNotMapped(ISymbol member) => ApplicationSymbols.FindAttribute(member, _notMapped, subclasses: false) != null;

    /// <summary>The type of a field or property.</summary>
    public static ITypeSymbol TypeOf(ISymbol member) => member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;

    /// <summary>The nullable annotation of a field's or property's type.</summary>
    public static NullableAnnotation AnnotationOf(ISymbol member) => member is IPropertySymbol property ? property.NullableAnnotation : ((IFieldSymbol)member).NullableAnnotation;

    /// <summary>The instance field or property of <paramref name="type"/> or a base type named <paramref name="name"/>, the most derived first.</summary>
    public static ISymbol? FindMember(INamedTypeSymbol type, string name, StringComparison comparison)
    {
        foreach (ISymbol member in DataMembers(type))
        {
            if (string.Equals(member.Name, name, comparison))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>The instance fields and properties of <paramref name="type"/> and its base types, the most derived first, each name once.</summary>
    public static IEnumerable<ISymbol> DataMembers(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (INamedTypeSymbol? current = type; current != null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                bool data = member switch
                {
                    IFieldSymbol field => !field.IsStatic && !field.IsConst && !field.IsImplicitlyDeclared,
                    IPropertySymbol property => !property.IsStatic && !property.IsIndexer && !property.IsImplicitlyDeclared && property.Name != "EqualityContract",
                    _ => false,
                };
                if (data && seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    private static ISymbol? FindProperty(INamedTypeSymbol type, string name)
    {
        ISymbol? member = FindMember(type, name, StringComparison.OrdinalIgnoreCase);
        return member is IPropertySymbol ? member : null;
    }

    private static AttributeData? Inherited(INamedTypeSymbol type, INamedTypeSymbol? attribute)
    {
        for (INamedTypeSymbol? current = type; attribute != null && current != null; current = current.BaseType)
        {
            if (ApplicationSymbols.FindAttribute(current, attribute, subclasses: false) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}

using Microsoft.CodeAnalysis;

namespace PiiGuard.Shared;

/// <summary>Where a member's classification as personal data comes from.</summary>
internal enum ClassificationSource
{
    /// <summary>PiiGuard's <c>[PersonalData(PersonalDataKind.X)]</c>: the kind is known.</summary>
    PiiGuard,

    /// <summary>ASP.NET Core Identity's <c>[PersonalData]</c> or <c>[ProtectedPersonalData]</c>: no kind.</summary>
    AspNetCoreIdentity,

    /// <summary>A subclass of Microsoft.Extensions.Compliance's <c>DataClassificationAttribute</c>: no PiiGuard kind.</summary>
    Compliance,
}

/// <summary>A member's classification as personal data.</summary>
/// <param name="Source">Which attribute classified it.</param>
/// <param name="Kind">The kind, when PiiGuard's attribute gave one.</param>
/// <param name="Purpose">The purpose PiiGuard's attribute gave, if any.</param>
/// <param name="Attribute">The attribute.</param>
internal sealed record Classification(ClassificationSource Source, DataKind? Kind, string? Purpose, AttributeData Attribute);

/// <summary>
/// The symbols of the application-data rules (PII1xx), resolved once per compilation: PiiGuard's application-data
/// attributes, the attributes of other libraries that count as classifications, and EF Core's <c>DbContext</c>.
/// <see cref="TryCreate"/> returns null when the compilation does not reference a PiiGuard with those attributes.
/// </summary>
/// <remarks>
/// Other libraries' attributes are found by metadata name, so that PiiGuard depends on none of them: ASP.NET Core
/// Identity's <c>Microsoft.AspNetCore.Identity.PersonalDataAttribute</c> (of which <c>ProtectedPersonalDataAttribute</c>
/// is a subclass) and Microsoft.Extensions.Compliance's
/// <c>Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute</c> (every subclass counts).
/// </remarks>
internal sealed class ApplicationSymbols
{
    public const string IdentityPersonalDataMetadataName = "Microsoft.AspNetCore.Identity.PersonalDataAttribute";
    public const string DataClassificationMetadataName = "Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute";
    public const string DbContextMetadataName = "Microsoft.EntityFrameworkCore.DbContext";
    public const string DbSetMetadataName = "Microsoft.EntityFrameworkCore.DbSet`1";

    private ApplicationSymbols(Compilation compilation, INamedTypeSymbol dataSubject)
    {
        DataSubjectAttribute = dataSubject;
        PersonalDataAttribute = compilation.GetTypeByMetadataName(MetadataNames.PersonalDataAttributeMetadataName);
        NotPersonalDataAttribute = compilation.GetTypeByMetadataName("PiiGuard.NotPersonalDataAttribute");
        SubjectKeyAttribute = compilation.GetTypeByMetadataName("PiiGuard.SubjectKeyAttribute");
        NoSubjectKeyAttribute = compilation.GetTypeByMetadataName("PiiGuard.NoSubjectKeyAttribute");
        RetentionAttribute = compilation.GetTypeByMetadataName("PiiGuard.RetentionAttribute");
        ErasureAttribute = compilation.GetTypeByMetadataName("PiiGuard.ErasureAttribute");
        IdentityPersonalDataAttribute = compilation.GetTypeByMetadataName(IdentityPersonalDataMetadataName);
        DataClassificationAttribute = compilation.GetTypeByMetadataName(DataClassificationMetadataName);
        DbContext = compilation.GetTypeByMetadataName(DbContextMetadataName);
        DbSet = compilation.GetTypeByMetadataName(DbSetMetadataName);
    }

    public INamedTypeSymbol DataSubjectAttribute { get; }

    public INamedTypeSymbol? PersonalDataAttribute { get; }

    public INamedTypeSymbol? NotPersonalDataAttribute { get; }

    public INamedTypeSymbol? SubjectKeyAttribute { get; }

    public INamedTypeSymbol? NoSubjectKeyAttribute { get; }

    public INamedTypeSymbol? RetentionAttribute { get; }

    public INamedTypeSymbol? ErasureAttribute { get; }

    /// <summary>ASP.NET Core Identity's <c>[PersonalData]</c> (and through it <c>[ProtectedPersonalData]</c>), when referenced.</summary>
    public INamedTypeSymbol? IdentityPersonalDataAttribute { get; }

    /// <summary>Microsoft.Extensions.Compliance's <c>DataClassificationAttribute</c>, when referenced.</summary>
    public INamedTypeSymbol? DataClassificationAttribute { get; }

    /// <summary>EF Core's <c>DbContext</c>, when referenced.</summary>
    public INamedTypeSymbol? DbContext { get; }

    /// <summary>EF Core's <c>DbSet&lt;T&gt;</c>, when referenced.</summary>
    public INamedTypeSymbol? DbSet { get; }

    /// <summary>The symbols, or null when the compilation has no <c>PiiGuard.DataSubjectAttribute</c>.</summary>
    public static ApplicationSymbols? TryCreate(Compilation compilation) =>
        compilation.GetTypeByMetadataName(MetadataNames.DataSubjectAttributeMetadataName) is { } dataSubject
            ? new ApplicationSymbols(compilation, dataSubject)
            : null;

    /// <summary>Whether <paramref name="type"/> is marked <c>[DataSubject]</c>.</summary>
    public bool IsDataSubject(ITypeSymbol type) => FindAttribute(type, DataSubjectAttribute, subclasses: false) != null;

    /// <summary>
    /// The member's classification as personal data: PiiGuard's <c>[PersonalData]</c> first, then Identity's and
    /// Compliance's attributes (and their subclasses); null when it has none.
    /// </summary>
    public Classification? Classify(ISymbol member)
    {
        if (FindAttribute(member, PersonalDataAttribute, subclasses: false) is { } piiGuard)
        {
            DataKind? kind = piiGuard.ConstructorArguments.Length == 1 && piiGuard.ConstructorArguments[0].Value is int value &&
                value >= (int)DataKind.Contact && value <= (int)DataKind.Behaviour
                ? (DataKind)value
                : null;
            string? purpose = null;
            foreach (var argument in piiGuard.NamedArguments)
            {
                if (argument.Key == "Purpose" && argument.Value.Value is string text)
                {
                    purpose = text;
                }
            }

            return new Classification(ClassificationSource.PiiGuard, kind, purpose, piiGuard);
        }

        if (FindAttribute(member, IdentityPersonalDataAttribute, subclasses: true) is { } identity)
        {
            return new Classification(ClassificationSource.AspNetCoreIdentity, null, null, identity);
        }

        return FindAttribute(member, DataClassificationAttribute, subclasses: true) is { } compliance
            ? new Classification(ClassificationSource.Compliance, null, null, compliance)
            : null;
    }

    /// <summary>The reason of the member's <c>[NotPersonalData("why")]</c>, or null when it has none.</summary>
    public string? NotPersonalReason(ISymbol member) =>
        FindAttribute(member, NotPersonalDataAttribute, subclasses: false) is { ConstructorArguments.Length: 1 } data
            ? data.ConstructorArguments[0].Value as string ?? string.Empty
            : null;

    /// <summary>Whether the member has <c>[NotPersonalData]</c>.</summary>
    public bool IsMarkedNotPersonal(ISymbol member) => FindAttribute(member, NotPersonalDataAttribute, subclasses: false) != null;

    /// <summary>The subject type named by the member's <c>[SubjectKey(typeof(T))]</c>, or null when it has none.</summary>
    public INamedTypeSymbol? SubjectKeyOf(ISymbol member) =>
        FindAttribute(member, SubjectKeyAttribute, subclasses: false) is { ConstructorArguments.Length: 1 } data
            ? data.ConstructorArguments[0].Value as INamedTypeSymbol
            : null;

    /// <summary>Whether the member has <c>[SubjectKey]</c>, whatever it names.</summary>
    public bool HasSubjectKey(ISymbol member) => FindAttribute(member, SubjectKeyAttribute, subclasses: false) != null;

    /// <summary>Whether <paramref name="type"/> derives from EF Core's <c>DbContext</c>.</summary>
    public bool IsDbContext(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type.BaseType; DbContext != null && current != null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, DbContext))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entity type of a <c>DbSet&lt;T&gt;</c>, or null when <paramref name="type"/> is not one.</summary>
    public INamedTypeSymbol? EntityOfDbSet(ITypeSymbol type) =>
        DbSet != null && type is INamedTypeSymbol { IsGenericType: true } named &&
        SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, DbSet) && named.TypeArguments[0] is INamedTypeSymbol entity
            ? entity
            : null;

    /// <summary>The first attribute of <paramref name="symbol"/> of class <paramref name="attribute"/> (or, with <paramref name="subclasses"/>, a class derived from it).</summary>
    public static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol? attribute, bool subclasses)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (AttributeData data in symbol.GetAttributes())
        {
            for (INamedTypeSymbol? current = data.AttributeClass; current != null; current = subclasses ? current.BaseType : null)
            {
                if (SymbolEqualityComparer.Default.Equals(current, attribute))
                {
                    return data;
                }
            }
        }

        return null;
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Model;
using PiiGuard.Shared;
using PiiGuard.Shared.DataMap;

namespace PiiGuard.Generators;

/// <summary>What the data map's build gives the generator: the map, and a personal data model per <c>DbContext</c>.</summary>
/// <param name="Map">The data map, or null when the project declares no <c>[DataSubject]</c> and classifies nothing.</param>
/// <param name="Contexts">The model of each <c>DbContext</c> the project declares, when it references PiiGuard.EntityFrameworkCore.</param>
internal sealed record PersonalDataBuild(DataMap? Map, EquatableArray<ContextModel> Contexts);

/// <summary>The generated <c>PersonalDataModel</c> of one <c>DbContext</c>.</summary>
/// <param name="TypeName">The context's type, fully qualified (<c>global::Shop.ShopContext</c>).</param>
/// <param name="Id">The identifier its generated class and file are named by (unique in the project).</param>
/// <param name="Markdown">The project's <c>personal-data.md</c>.</param>
/// <param name="NamedQueryFilters">Whether the project's EF Core has named query filters (EF Core 10 and later).</param>
/// <param name="Entities">The context's entities that are in the data map, in the map's order.</param>
internal sealed record ContextModel(string TypeName, string Id, string Markdown, bool NamedQueryFilters, EquatableArray<EntityModel> Entities);

/// <summary>One entity of a <see cref="ContextModel"/>: the generated <c>PersonalDataEntity</c>.</summary>
/// <param name="TypeName">The entity's type, fully qualified.</param>
/// <param name="Name">Its name in the data map.</param>
/// <param name="ClassName">The generated class's name, unique in its model.</param>
/// <param name="FileName">Its file in an export, unique in its model.</param>
/// <param name="SubjectTypeName">The subject its rows belong to, fully qualified, or null.</param>
/// <param name="IsSubject">Whether the entity is a data subject.</param>
/// <param name="SubjectKey">The member the subject's rows are found by (the row key for a subject), or null.</param>
/// <param name="RowKey">The member EF Core's conventions make the row key, or null when there is not one such member.</param>
/// <param name="RetentionDays">The days of <c>[Retention]</c>, or null.</param>
/// <param name="RetentionFrom">The clock member's name of <c>[Retention]</c>, or null.</param>
/// <param name="Clock">The clock member, or null when there is no retention or its clock is not a point in time.</param>
/// <param name="Erasure">The <c>ErasureAction</c> member's name (<c>Delete</c>, <c>Anonymise</c>), or null when the rows are not tied to a subject.</param>
/// <param name="Replacement">The replacement of personal text members, or null.</param>
/// <param name="Members">The classified members, in the map's order.</param>
/// <param name="KeyProblem">Why the subject's rows cannot be found (the operations on a subject's rows throw it), or null.</param>
/// <param name="EraseProblem">Why the rows cannot be erased as declared (erasing throws it), or null.</param>
/// <param name="RetentionProblem">Why the retention cannot be applied (expiring throws it), or null.</param>
internal sealed record EntityModel(
    string TypeName,
    string Name,
    string ClassName,
    string FileName,
    string? SubjectTypeName,
    bool IsSubject,
    KeyModel? SubjectKey,
    KeyModel? RowKey,
    int? RetentionDays,
    string? RetentionFrom,
    ClockModel? Clock,
    string? Erasure,
    string? Replacement,
    EquatableArray<MemberModel> Members,
    string? KeyProblem,
    string? EraseProblem,
    string? RetentionProblem)
{
    /// <summary>Whether the rows belong to a subject: they are marked, hidden, exported and erased with it.</summary>
    public bool IsTied => SubjectTypeName != null && SubjectKey != null;
}

/// <summary>How generated code reaches a member inside a query: <c>e.Name</c>, or <c>EF.Property&lt;T&gt;(e, "Name")</c> when the member is not accessible.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Direct">Whether the generated code can name the member.</param>
/// <param name="TypeName">The member's type, fully qualified, with <c>?</c> when it is nullable.</param>
internal sealed record MemberAccess(string Name, bool Direct, string TypeName);

/// <summary>A key member: the subject key or the row key.</summary>
/// <param name="Access">How it is read.</param>
/// <param name="ValueTypeName">Its type without nullability: the type of a key value.</param>
/// <param name="CanHoldNull">Whether its column can hold null.</param>
/// <param name="AcceptedTypes">The types a boxed subject key may have, the member's own first (a subject's key of another numeric type that converts to it implicitly second).</param>
/// <param name="Shape">How the export writes it.</param>
internal sealed record KeyModel(MemberAccess Access, string ValueTypeName, bool CanHoldNull, EquatableArray<string> AcceptedTypes, ValueShape Shape);

/// <summary>The clock member of <c>[Retention]</c>.</summary>
/// <param name="Access">How it is read.</param>
/// <param name="Offset">Whether it is a <c>DateTimeOffset</c> (else a <c>DateTime</c>).</param>
/// <param name="Nullable">Whether it is nullable: a row without a time never expires.</param>
internal sealed record ClockModel(MemberAccess Access, bool Offset, bool Nullable);

/// <summary>A classified member.</summary>
/// <param name="Access">How it is read.</param>
/// <param name="Kind">The kind as the data map writes it.</param>
/// <param name="Purpose">The stated purpose, or null.</param>
/// <param name="IsCredential">Whether it is classified <c>PersonalDataKind.Credential</c>.</param>
/// <param name="Readable">Whether the export can read it (its type can be named in generated code).</param>
/// <param name="Shape">How the export writes it.</param>
/// <param name="Anonymised">The C# expression anonymising sets it to, or null when anonymising leaves it (not stored, or a key).</param>
internal sealed record MemberModel(MemberAccess Access, string Kind, string? Purpose, bool IsCredential, bool Readable, ValueShape Shape, string? Anonymised);

/// <summary>How the export writes a value.</summary>
internal enum ExportKind
{
    String,
    Boolean,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Char,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Enum,
    Bytes,
    Sequence,
    Formattable,
    Text,
}

/// <summary>A value's type as the export sees it.</summary>
/// <param name="Kind">How it is written.</param>
/// <param name="NullableValue">Whether it is a <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="Reference">Whether it is a reference type (so may be null).</param>
/// <param name="Element">The element of a <see cref="ExportKind.Sequence"/>.</param>
internal sealed record ValueShape(ExportKind Kind, bool NullableValue, bool Reference, ValueShape? Element);

/// <summary>
/// Builds the <see cref="ContextModel"/> of each <c>DbContext</c> from the data map's scan: the map says what each
/// entity is (subject, subject key, retention, erasure, classified members); the symbols say how generated code reads
/// and writes it (types, accessibility, nullability, row keys by EF Core's conventions).
/// </summary>
internal static class PersonalDataModels
{
    /// <summary>The name of the runtime's base class; its presence says the project references PiiGuard.EntityFrameworkCore.</summary>
    public const string ModelMetadataName = "PiiGuard.EntityFrameworkCore.PersonalDataModel";

    private const string EntityTypeBuilderMetadataName = "Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder`1";

    /// <summary>How generated code names a type: <c>global::</c>, nullable reference types marked.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The models of the scan's contexts; empty when the compilation does not reference PiiGuard.EntityFrameworkCore.</summary>
    public static EquatableArray<ContextModel> Build(Compilation compilation, ApplicationSymbols symbols, DataMapScan scan, DataMap map, CancellationToken cancellationToken)
    {
        if (compilation.GetTypeByMetadataName(ModelMetadataName) is null || scan.Contexts.Count == 0)
        {
            return EquatableArray<ContextModel>.Empty;
        }

        var builder = new Builder(compilation, symbols, map);
        var contexts = new List<ContextModel>();
        foreach (DataMapScan.Context context in scan.Contexts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (builder.Context(context) is { } model)
            {
                contexts.Add(model);
            }
        }

        return new EquatableArray<ContextModel>(contexts.OrderBy(c => c.Id, StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether a <c>DbContext</c> gets a model: a class the generated code can name and construct a type of (not
    /// abstract, not generic, not nested in a generic type, not private or file-local).
    /// </summary>
    public static bool GetsModel(INamedTypeSymbol context, Compilation compilation) =>
        context.TypeKind == TypeKind.Class && !context.IsAbstract && !context.IsStatic && !IsGeneric(context) && IsNameable(context, compilation);

    /// <summary>A type's full metadata name, nested types after <c>+</c>: unique in the compilation.</summary>
    public static string MetadataFullName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer != null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
            type = outer;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether generated code in the same assembly can name <paramref name="type"/>.</summary>
    private static bool IsNameable(ITypeSymbol type, Compilation compilation)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsNameable(array.ElementType, compilation);
            case INamedTypeSymbol named:
                if (named.IsAnonymousType || named.TypeKind == TypeKind.Error || named.IsFileLocal || !compilation.IsSymbolAccessibleWithin(named.OriginalDefinition, compilation.Assembly))
                {
                    return false;
                }

                for (INamedTypeSymbol? outer = named.ContainingType; outer != null; outer = outer.ContainingType)
                {
                    if (outer.IsFileLocal)
                    {
                        return false;
                    }
                }

                return named.TypeArguments.All(argument => IsNameable(argument, compilation));
            default:
                return false;
        }
    }

    private sealed class Builder
    {
        private readonly Compilation _compilation;
        private readonly ApplicationSymbols _symbols;
        private readonly EntityConventions _conventions;
        private readonly Dictionary<string, MappedType> _types;
        private readonly string _markdown;
        private readonly bool _namedQueryFilters;

        public Builder(Compilation compilation, ApplicationSymbols symbols, DataMap map)
        {
            _compilation = compilation;
            _symbols = symbols;
            _conventions = new EntityConventions(compilation);
            _types = map.Types.ToDictionary(t => t.Name, StringComparer.Ordinal);
            _markdown = DataMapDocs.Markdown(map);
            _namedQueryFilters = compilation.GetTypeByMetadataName(EntityTypeBuilderMetadataName) is { } builder &&
                builder.GetMembers("HasQueryFilter").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 2 && m.Parameters[0].Type.SpecialType == SpecialType.System_String);
        }

        public ContextModel? Context(DataMapScan.Context context)
        {
            if (!GetsModel(context.Type, _compilation))
            {
                return null;
            }

            // Each entity once, in the map's order.
            var entities = new List<(MappedType Mapped, INamedTypeSymbol Type)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (INamedTypeSymbol entity in context.Entities)
            {
                string name = DataMapBuilder.NameOf(entity);
                if (_types.TryGetValue(name, out MappedType? mapped) && IsNameable(entity, _compilation) && seen.Add(name))
                {
                    entities.Add((mapped, entity));
                }
            }

            entities.Sort((a, b) => string.CompareOrdinal(a.Mapped.Name, b.Mapped.Name));
            var simpleNames = entities.GroupBy(e => e.Type.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var models = new List<EntityModel>(entities.Count);
            foreach ((MappedType mapped, INamedTypeSymbol type) in entities)
            {
                string fileName = FileName(simpleNames[type.Name] == 1 ? type.Name : mapped.Name) + ".json";
                models.Add(Entity(mapped, type) with { FileName = fileName });
            }

            return new ContextModel(
                context.Type.ToDisplayString(TypeFormat),
                TelemetryPayloadGenerator.TypeIds.Of(MetadataFullName(context.Type)),
                _markdown,
                _namedQueryFilters,
                new EquatableArray<EntityModel>(models));
        }

        private EntityModel Entity(MappedType mapped, INamedTypeSymbol type)
        {
            bool isSubject = _symbols.IsDataSubject(type);
            ISymbol? rowKey = _conventions.RowKey(type);
            ISymbol? subjectKey = mapped.SubjectKey is { } keyName ? EntityConventions.FindMember(type, keyName, StringComparison.Ordinal) : isSubject ? rowKey : null;
            INamedTypeSymbol? subject = isSubject ? type : subjectKey != null ? _symbols.SubjectKeyOf(subjectKey) : null;
            string display = mapped.Name;

            string? keyProblem = null;
            KeyModel? subjectKeyModel = null;
            if (subject != null)
            {
                if (subjectKey is null)
                {
                    keyProblem = $"PiiGuard cannot find the rows of the data subject '{display}': it has no [SubjectKey] member and no key that EF Core finds by its conventions ([Key], [PrimaryKey] of one property, 'Id' or '{type.Name}Id'). Mark the member that holds its key [SubjectKey(typeof({type.Name}))] (PII106).";
                }
                else if (Key(subjectKey, SubjectKeyTypeOf(subject, type)) is { } model)
                {
                    subjectKeyModel = model;
                }
                else
                {
                    keyProblem = $"PiiGuard cannot read the subject key '{subjectKey.Name}' of '{display}': its type is not one generated code can name.";
                }
            }

            bool tied = subject != null && subjectKeyModel != null;
            string? erasure = subject == null ? null : mapped.Erasure switch
            {
                MappedErasure.Delete => "Delete",
                MappedErasure.Anonymise => "Anonymise",
                _ => null,
            };

            string? eraseProblem = null;
            if (erasure == "Anonymise" && subjectKey != null && !_conventions.CanHoldNull(subjectKey))
            {
                eraseProblem = $"PiiGuard cannot anonymise the rows of '{display}': [Erasure(ErasureAction.Anonymise)] clears their subject key, and '{subjectKey.Name}' cannot hold null. Make it nullable, or use ErasureAction.Delete (PII106).";
            }

            ClockModel? clock = null;
            string? retentionProblem = null;
            if (mapped.RetentionDays != null)
            {
                ISymbol? clockMember = mapped.RetentionFrom is { } from ? EntityConventions.FindMember(type, from, StringComparison.Ordinal) : null;
                clock = clockMember != null ? Clock(clockMember) : null;
                if (clock is null)
                {
                    retentionProblem = $"PiiGuard cannot apply the retention of '{display}': it counts from '{mapped.RetentionFrom}', which is not a DateTime or DateTimeOffset member of it (PII105).";
                }
            }

            DataMapBuilder.Describe(type, _symbols, include: true, out ImmutableArray<ISymbol> memberSymbols);
            var members = new List<MemberModel>(mapped.Members.Count);
            for (int i = 0; i < mapped.Members.Count && i < memberSymbols.Length; i++)
            {
                members.Add(Member(mapped.Members[i], memberSymbols[i], mapped.Replacement, rowKey, subjectKey));
            }

            return new EntityModel(
                type.ToDisplayString(TypeFormat),
                mapped.Name,
                "Entity_" + TelemetryPayloadGenerator.TypeIds.Of(MetadataFullName(type)),
                FileName: "",
                subject?.ToDisplayString(TypeFormat),
                isSubject,
                tied ? subjectKeyModel : null,
                rowKey != null ? Key(rowKey, null) : null,
                mapped.RetentionDays,
                mapped.RetentionFrom,
                clock,
                tied ? erasure : null,
                mapped.Replacement,
                new EquatableArray<MemberModel>(members),
                keyProblem,
                eraseProblem,
                retentionProblem);
        }

        /// <summary>The type of the key a subject is known by: its <c>[SubjectKey]</c> member's, else its row key's.</summary>
        private ITypeSymbol? SubjectKeyTypeOf(INamedTypeSymbol subject, INamedTypeSymbol entity)
        {
            if (SymbolEqualityComparer.Default.Equals(subject, entity))
            {
                return null;
            }

            ISymbol? key = null;
            foreach (ISymbol member in EntityConventions.DataMembers(subject))
            {
                if (_symbols.HasSubjectKey(member) && SymbolEqualityComparer.Default.Equals(_symbols.SubjectKeyOf(member), subject))
                {
                    key = member;
                    break;
                }
            }

            key ??= _conventions.RowKey(subject);
            return key != null ? Underlying(EntityConventions.TypeOf(key)) : null;
        }

        private KeyModel? Key(ISymbol member, ITypeSymbol? subjectKeyType)
        {
            ITypeSymbol type = EntityConventions.TypeOf(member);
            ITypeSymbol value = Underlying(type);
            if (!IsNameable(value, _compilation))
            {
                return null;
            }

            string valueName = value.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);
            var accepted = new List<string> { valueName };
            if (subjectKeyType != null && !SymbolEqualityComparer.Default.Equals(subjectKeyType, value) && IsNameable(subjectKeyType, _compilation) &&
                _compilation.ClassifyCommonConversion(subjectKeyType, value) is { IsImplicit: true, IsNumeric: true })
            {
                accepted.Add(subjectKeyType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat));
            }

            return new KeyModel(Access(member), valueName, _conventions.CanHoldNull(member), new EquatableArray<string>(accepted), Shape(type));
        }

        private ClockModel? Clock(ISymbol member)
        {
            ITypeSymbol type = EntityConventions.TypeOf(member);
            ITypeSymbol value = Underlying(type);
            bool offset = IsSystemType(value, "DateTimeOffset");
            return offset || value.SpecialType == SpecialType.System_DateTime
                ? new ClockModel(Access(member), offset, type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                : null;
        }

        private MemberModel Member(MappedMember mapped, ISymbol symbol, string? replacement, ISymbol? rowKey, ISymbol? subjectKey)
        {
            ITypeSymbol type = EntityConventions.TypeOf(symbol);
            bool credential = mapped.Kind == DataKind.Credential;
            bool nameable = IsNameable(type, _compilation);
            bool stored = symbol switch
            {
                IPropertySymbol property => property.SetMethod != null,
                IFieldSymbol field => !field.IsReadOnly,
                _ => false,
            } && !_conventions.IsNotMapped(symbol);
            bool key = SymbolEqualityComparer.Default.Equals(symbol, rowKey) || SymbolEqualityComparer.Default.Equals(symbol, subjectKey);
            string? anonymised = nameable && stored && !key ? Anonymised(symbol, type, credential, replacement) : null;
            return new MemberModel(Access(symbol), DataMapNames.Kind(mapped.Kind), mapped.Purpose, credential, nameable, Shape(type), anonymised);
        }

        /// <summary>
        /// What anonymising sets a member to: text the replacement (credentials and text without one: null when the
        /// column can hold it, else empty), other nullable values null, value types their default, arrays an empty
        /// array, other classes a new instance when they have a public parameterless constructor.
        /// </summary>
        private string Anonymised(ISymbol symbol, ITypeSymbol type, bool credential, string? replacement)
        {
            bool canHoldNull = _conventions.CanHoldNull(symbol);
            string name = TypeName(symbol);
            if (type.SpecialType == SpecialType.System_String)
            {
                return !credential && replacement != null ? TelemetryPayloadGenerator.Emitter.Literal(replacement) : canHoldNull ? "(string?)null" : "\"\"";
            }

            if (canHoldNull)
            {
                return "(" + name + ")null";
            }

            if (type.IsValueType)
            {
                return "default(" + name + ")";
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return "global::System.Array.Empty<" + array.ElementType.ToDisplayString(TypeFormat) + ">()";
            }

            return type is INamedTypeSymbol { IsAbstract: false, TypeKind: TypeKind.Class } named &&
                named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)
                ? "new " + name + "()"
                : "(" + name + ")null!";
        }

        private MemberAccess Access(ISymbol member) =>
            new(member.Name, _compilation.IsSymbolAccessibleWithin(member, _compilation.Assembly) && IsNameable(member.ContainingType, _compilation), TypeName(member));

        private static string TypeName(ISymbol member)
        {
            ITypeSymbol type = EntityConventions.TypeOf(member);
            // A reference type is nullable unless declared non-nullable (an oblivious one can hold null too).
            if (type.IsReferenceType)
            {
                type = type.WithNullableAnnotation(EntityConventions.AnnotationOf(member) == NullableAnnotation.NotAnnotated ? NullableAnnotation.NotAnnotated : NullableAnnotation.Annotated);
            }

            return type.ToDisplayString(TypeFormat);
        }

        private ValueShape Shape(ITypeSymbol type, bool element = false)
        {
            bool nullableValue = type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            ITypeSymbol value = Underlying(type);
            bool reference = value.IsReferenceType;
            ExportKind? scalar = Scalar(value);
            if (scalar is { } kind)
            {
                return new ValueShape(kind, nullableValue, reference, null);
            }

            // A collection of values (not of collections) is written as an array of them.
            if (!element && ElementOf(value) is { } item && IsNameable(item, _compilation) && Shape(item, element: true) is { Kind: not ExportKind.Sequence } elementShape)
            {
                return new ValueShape(ExportKind.Sequence, nullableValue, reference, elementShape);
            }

            bool formattable = value.AllInterfaces.Any(i => i.ToDisplayString() == "System.IFormattable");
            return new ValueShape(formattable ? ExportKind.Formattable : ExportKind.Text, nullableValue, reference, null);
        }

        private static ExportKind? Scalar(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_String: return ExportKind.String;
                case SpecialType.System_Boolean: return ExportKind.Boolean;
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32: return ExportKind.Int32;
                case SpecialType.System_UInt32: return ExportKind.UInt32;
                case SpecialType.System_Int64: return ExportKind.Int64;
                case SpecialType.System_UInt64: return ExportKind.UInt64;
                case SpecialType.System_Single: return ExportKind.Single;
                case SpecialType.System_Double: return ExportKind.Double;
                case SpecialType.System_Decimal: return ExportKind.Decimal;
                case SpecialType.System_Char: return ExportKind.Char;
                case SpecialType.System_DateTime: return ExportKind.DateTime;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return ExportKind.Enum;
            }

            if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
            {
                return ExportKind.Bytes;
            }

            return IsSystemType(type, "Guid") ? ExportKind.Guid
                : IsSystemType(type, "DateTimeOffset") ? ExportKind.DateTimeOffset
                : IsSystemType(type, "DateOnly") ? ExportKind.DateOnly
                : IsSystemType(type, "TimeOnly") ? ExportKind.TimeOnly
                : IsSystemType(type, "TimeSpan") ? ExportKind.TimeSpan
                : null;
        }

        /// <summary>The element type of an array or of a type that implements <c>IEnumerable&lt;T&gt;</c>, or null.</summary>
        private static ITypeSymbol? ElementOf(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return array.ElementType;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } enumerable)
            {
                return enumerable.TypeArguments[0];
            }

            foreach (INamedTypeSymbol face in type.AllInterfaces)
            {
                if (face.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return face.TypeArguments[0];
                }
            }

            return null;
        }

        private static ITypeSymbol Underlying(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

        private static bool IsSystemType(ITypeSymbol type, string name) =>
            type.Name == name && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

        /// <summary>A file name of letters, digits, dots, hyphens and underscores.</summary>
        private static string FileName(string name)
        {
            var text = new System.Text.StringBuilder(name.Length);
            foreach (char c in name)
            {
                text.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_' ? c : '_');
            }

            return text.ToString();
        }
    }
}

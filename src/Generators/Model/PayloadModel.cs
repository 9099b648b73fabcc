namespace PiiGuard.Generators.Model;

// The payload model: what the generator emits code and schema docs from, and what the analyzers compare with
// the schema lock. Immutable records of strings, numbers, enums and equatable arrays only: no symbols, syntax
// nodes, locations or compilations, so that the incremental generator can cache it.

/// <summary>The JSON shape of a value.</summary>
internal enum ValueKind
{
    Boolean,
    Integer,
    Number,
    String,
    Enum,
    Timestamp,
    Guid,
    Version,
    CountryCode,
    Duration,
    Array,
    Map,
    Object,
}

/// <summary>How a collection is built when it is read back.</summary>
internal enum CollectionKind
{
    None,
    Array,
    List,
    Set,
    Dictionary,
}

/// <summary>One payload: a <c>[TelemetryPayload]</c> type and everything reached from it.</summary>
/// <param name="TypeName">The payload type, fully qualified with <c>global::</c>.</param>
/// <param name="HintName">
/// A file-name-safe name from the namespace, containing types and type. Different types can share it (sanitized
/// characters, case, a type declared twice mid-edit): the generator makes the names it emits unique.
/// </param>
/// <param name="Name">The payload's public name: <c>[TelemetryPayload(Name = …)]</c> or the type name in snake_case.</param>
/// <param name="SchemaVersion">The schema version, or null when none is declared.</param>
/// <param name="Root">The id of the root object in <paramref name="Objects"/>.</param>
/// <param name="Objects">Every object type of the payload, the root first.</param>
internal sealed record PayloadModel(
    string TypeName,
    string HintName,
    string Name,
    string? SchemaVersion,
    string Root,
    EquatableArray<ObjectModel> Objects)
{
    public ObjectModel Find(string id)
    {
        foreach (ObjectModel model in Objects)
        {
            if (model.Id == id)
            {
                return model;
            }
        }

        throw new System.ArgumentException("No object " + id, nameof(id));
    }
}

/// <summary>A class, struct or record of the payload.</summary>
/// <param name="Id">An identifier usable in generated method names.</param>
/// <param name="TypeName">The type, fully qualified with <c>global::</c>.</param>
/// <param name="Fields">Its <c>[TelemetryField]</c> members, base type first, in declaration order.</param>
/// <param name="ConstructorArguments">The fields passed to the constructor when reading, by index into <paramref name="Fields"/>.</param>
/// <param name="Initializers">
/// The fields set by an object initializer when reading, by index into <paramref name="Fields"/>: those the constructor
/// does not take, and required members it takes without <c>[SetsRequiredMembers]</c> (C# needs those set again).
/// </param>
internal sealed record ObjectModel(
    string Id,
    string TypeName,
    EquatableArray<FieldModel> Fields,
    EquatableArray<int> ConstructorArguments,
    EquatableArray<int> Initializers);

/// <summary>One payload field.</summary>
/// <param name="MemberName">The C# member name.</param>
/// <param name="JsonName">The JSON property name.</param>
/// <param name="Purpose">Why it is collected, from <c>[TelemetryField(Purpose = …)]</c>.</param>
/// <param name="IsInstallationId">Whether it is the payload's <c>[InstallationId]</c>.</param>
/// <param name="Value">The shape of its value.</param>
internal sealed record FieldModel(
    string MemberName,
    string JsonName,
    string? Purpose,
    bool IsInstallationId,
    ValueModel Value);

/// <summary>The shape of one value.</summary>
/// <param name="Kind">Its JSON shape.</param>
/// <param name="TypeName">The C# type, fully qualified with <c>global::</c> (for a nullable value type, the underlying type).</param>
/// <param name="IsNullable">Whether null is allowed.</param>
/// <param name="IsNullableValueType">Whether the C# type is <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="IsReferenceType">Whether the C# type is a reference type (a null in it must be checked).</param>
/// <param name="Primitive">For numbers: the C# keyword (<c>int</c>, <c>double</c>, …).</param>
/// <param name="Aggregation">For timestamps: <c>Day</c> or <c>Week</c>.</param>
/// <param name="IsDateTimeOffset">For timestamps: whether the C# type is <c>DateTimeOffset</c> (else <c>DateTime</c>).</param>
/// <param name="EnumMembers">For enums: the members in declaration order.</param>
/// <param name="Collection">For arrays and maps: how the collection is built when it is read.</param>
/// <param name="Key">For maps: the key.</param>
/// <param name="Element">For arrays: the element; for maps: the value.</param>
/// <param name="ObjectId">For objects: the id of the <see cref="ObjectModel"/>.</param>
internal sealed record ValueModel(
    ValueKind Kind,
    string TypeName,
    bool IsNullable,
    bool IsNullableValueType,
    bool IsReferenceType,
    string? Primitive = null,
    string? Aggregation = null,
    bool IsDateTimeOffset = false,
    EquatableArray<EnumMemberModel> EnumMembers = default,
    CollectionKind Collection = CollectionKind.None,
    ValueModel? Key = null,
    ValueModel? Element = null,
    string? ObjectId = null);

/// <summary>One enum member and its JSON value.</summary>
internal sealed record EnumMemberModel(string MemberName, string JsonName);

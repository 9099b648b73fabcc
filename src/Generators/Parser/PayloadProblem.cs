using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Model;

namespace PiiGuard.Generators.Parser;

/// <summary>
/// What is wrong with a payload that PiiGuard cannot serialize. Each kind is one message of rule PII007 (the analyzers'
/// descriptors hold its text; the problem carries its arguments), but for those that a privacy rule reports instead.
/// </summary>
internal enum PayloadProblemKind
{
    /// <summary>The declared schema version does not parse. Arguments: the version, what is wrong with it.</summary>
    InvalidSchemaVersion,

    /// <summary>The payload's name cannot name files and a lock entry. Arguments: the name.</summary>
    InvalidPayloadName,

    /// <summary>The payload type is generic.</summary>
    GenericPayload,

    /// <summary>The payload type, or a type that contains it, is not public or internal, or is file-local.</summary>
    InaccessiblePayload,

    /// <summary>A generic type reaches a larger construction of itself. Arguments: the type.</summary>
    ExpandingType,

    /// <summary>A type contains itself. Arguments: the type.</summary>
    RecursiveType,

    /// <summary>A member makes the payload reach more than <see cref="ShapeBounds.MaxTypes"/> types. Arguments: the member, the bound.</summary>
    TooManyTypes,

    /// <summary>The payload's schema has more than <see cref="ShapeBounds.MaxFieldPaths"/> field paths. Arguments: the payload, the bound.</summary>
    TooManyFieldPaths,

    /// <summary>A member's type is built of more than <see cref="ShapeBounds.MaxTypeSize"/> type names. Arguments: the member, the bound.</summary>
    TypeTooLarge,

    /// <summary>An object type is abstract or an interface. Arguments: the type.</summary>
    AbstractType,

    /// <summary>An object type is a ref struct. Arguments: the type.</summary>
    RefStruct,

    /// <summary>An object type cannot be named from generated code. Arguments: the type.</summary>
    UnnameableType,

    /// <summary>A member is hidden by a member of a derived type. Arguments: the member, its type, the hiding member (<c>Type.Name</c>).</summary>
    HiddenMember,

    /// <summary>An object has more than <see cref="ShapeBounds.MaxFields"/> fields. Arguments: the type, its number of fields.</summary>
    TooManyFields,

    /// <summary>A member's JSON name is empty. Arguments: the member.</summary>
    EmptyJsonName,

    /// <summary>Two members of one object have the same JSON name. Arguments: the member, the JSON name, the type.</summary>
    DuplicateJsonName,

    /// <summary>A member of the payload's root object takes an envelope property's name. Arguments: the member, the JSON name.</summary>
    EnvelopeJsonName,

    /// <summary>An object type has no constructor that reading can call. Arguments: the type.</summary>
    NoConstructor,

    /// <summary>A required member is not a field. Arguments: the member, its type.</summary>
    RequiredNotField,

    /// <summary>A field cannot be set when reading. Arguments: the member.</summary>
    NotSettable,

    /// <summary>A member nests collections too deeply. Arguments: the member.</summary>
    NestedTooDeeply,

    /// <summary><c>[Aggregated]</c> on something that is not a point in time; PII002 reports it. Arguments: the member.</summary>
    AggregatedNotPointInTime,

    /// <summary>A point in time without <c>[Aggregated]</c>; PII002 reports it. Arguments: the member.</summary>
    PointInTimeNotAggregated,

    /// <summary>A member's enum type cannot be named from generated code. Arguments: the member, the enum.</summary>
    UnnameableEnum,

    /// <summary>A member is a multi-dimensional array. Arguments: the member.</summary>
    MultiDimensionalArray,

    /// <summary>A dictionary's keys are not an enum or a string. Arguments: the member.</summary>
    DictionaryKey,

    /// <summary>A member's type cannot be serialized (PII003 reports those it forbids). Arguments: the member, the type.</summary>
    UnsupportedType,

    /// <summary>A member is a <c>[Flags]</c> enum. Arguments: the member.</summary>
    FlagsEnum,

    /// <summary>Two members of an enum have the same JSON value. Arguments: the enum, the JSON value.</summary>
    DuplicateEnumJsonName,

    /// <summary>Two members of an enum have the same value. Arguments: the enum, the second member.</summary>
    DuplicateEnumValue,

    /// <summary>A field is static. Arguments: the member.</summary>
    StaticMember,

    /// <summary>A field cannot be read from generated code. Arguments: the member.</summary>
    UnreadableMember,
}

/// <summary>Something about a payload that PiiGuard cannot serialize, found while building its model.</summary>
/// <param name="Symbol">The member or type at fault.</param>
/// <param name="Kind">What is wrong: which message says so.</param>
/// <param name="Arguments">The message's arguments: names, numbers, the text of the declaration at fault.</param>
/// <param name="CoveredByRule">The privacy rule that already reports it (for example PII002), or null.</param>
internal readonly record struct PayloadProblem(ISymbol Symbol, PayloadProblemKind Kind, EquatableArray<string> Arguments, string? CoveredByRule)
{
    /// <summary>A problem that PII007 reports.</summary>
    public static PayloadProblem Of(ISymbol symbol, PayloadProblemKind kind, params object[] arguments) =>
        new(symbol, kind, Format(arguments), CoveredByRule: null);

    /// <summary>A problem that the privacy rule <paramref name="rule"/> reports (or PII007, should that rule not).</summary>
    public static PayloadProblem CoveredBy(string rule, ISymbol symbol, PayloadProblemKind kind, params object[] arguments) =>
        new(symbol, kind, Format(arguments), rule);

    /// <summary>The arguments for a diagnostic.</summary>
    public object[] MessageArguments() => Arguments.Cast<object>().ToArray();

    private static EquatableArray<string> Format(IEnumerable<object> arguments) =>
        new(arguments.Select(argument => Convert.ToString(argument, CultureInfo.InvariantCulture) ?? ""));
}

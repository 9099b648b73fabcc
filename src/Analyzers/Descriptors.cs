using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Parser;

namespace PiiGuard.Analyzers;

/// <summary>
/// Every PiiGuard diagnostic descriptor, each with a help link to its page under <c>docs/rules/</c>. A rule that says
/// different things has a descriptor for each: they share the rule's id, title, severity and description, and each
/// has a message format of its own, whose arguments are the names and values it reports.
/// </summary>
public static partial class Descriptors
{
    /// <summary>Where the rule pages are published; the page of rule X is <c>HelpLinkBase + X + ".md"</c>.</summary>
    public const string HelpLinkBase = "https://github.com/piiguard/PiiGuard/blob/main/docs/rules/";

    private const string Category = "Privacy";

    /// <summary>What every message of an unbounded shape says.</summary>
    private const string NoBound = "the payload's shape has no bound";

    // The title and description that all the descriptors of a rule with several share.

    private const string PreciseTimeTitle = "Telemetry member holds a precise point in time";

    private const string PreciseTimeDescription =
        "Exact timestamps allow timing-based identification; a usage statistics payload sends points in time aggregated to a day or an ISO week with [Aggregated], never exact.";

    private const string IdentifierTitle = "Telemetry payload has an identifier other than its installation id";

    private const string IdentifierDescription =
        "A payload carries exactly one identifier: a random UUIDv4 installation id marked [InstallationId], never derived from hardware. Other ids, keys and hashes of people, accounts, sessions and records link what is sent to them.";

    private const string UnsupportedTitle = "Telemetry payload cannot be serialized";

    private const string UnsupportedDescription =
        "PiiGuard's generator writes a serializer and a strict reader for every payload; a member or type it cannot write or read back is an error here rather than broken generated code. The generator skips such a payload.";

    /// <summary>PII001: a text-like member is named like personal or identifying data.</summary>
    public static readonly DiagnosticDescriptor PersonalName = Create(
        RuleIds.PersonalName,
        "Telemetry member is named like personal data",
        "'{0}' is named like {1} ('{2}'): {3}; {4}",
        DiagnosticSeverity.Error,
        "A usage statistics payload carries no personal data: no network addresses or names, paths, device identifiers or names, identity or contact data, credentials, content people wrote or named, error details, or words the project forbids. The name is read by its structure: what the value is (its last word, or the word before 'of') and whose it is.");

    /// <summary>PII002: a <c>DateTime</c> or <c>DateTimeOffset</c> without <c>[Aggregated]</c>. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor PreciseTime = Create(
        RuleIds.PreciseTime, PreciseTimeTitle,
        "'{0}' is a precise point in time, which can identify a person by timing; add [Aggregated(Period.Week)] or [Aggregated(Period.Day)] to round it to a bucket before it is stored or sent",
        DiagnosticSeverity.Error, PreciseTimeDescription);

    /// <summary>PII002: a number or text named as a point in time. Arguments: the member, the word found.</summary>
    public static readonly DiagnosticDescriptor PointInTimeName = Create(
        RuleIds.PreciseTime, PreciseTimeTitle,
        "'{0}' is named like a point in time ('{1}'), and as a number or text it is exact; use a DateTimeOffset with [Aggregated(Period.Week)], or send a duration or a count",
        DiagnosticSeverity.Error, PreciseTimeDescription);

    /// <summary>PII002: <c>[Aggregated]</c> on a member that is not a point in time. Arguments: the member, its type.</summary>
    public static readonly DiagnosticDescriptor MisplacedAggregated = Create(
        RuleIds.PreciseTime, PreciseTimeTitle,
        "'{0}' is marked [Aggregated] but its type '{1}' is not a point in time; only DateTime and DateTimeOffset members can be aggregated: remove [Aggregated]",
        DiagnosticSeverity.Error, PreciseTimeDescription);

    /// <summary>PII003: a member whose type carries personal data whatever its name.</summary>
    public static readonly DiagnosticDescriptor ForbiddenType = Create(
        RuleIds.ForbiddenType,
        "Telemetry member has a type that carries personal data",
        "'{0}' holds '{1}', which is {2}; {3}",
        DiagnosticSeverity.Error,
        "Network, file-system and exception types, binary content and unbounded values can hold addresses, paths, messages and anything else; a payload holds counts, flags, enums and bounded values only.");

    /// <summary>PII004: a <c>Guid</c> other than the payload's <c>[InstallationId]</c>. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor Identifier = Create(
        RuleIds.Identifier, IdentifierTitle,
        "'{0}' is a Guid but not the payload's [InstallationId]; a second identifier can link records to a person or a device: remove it, or send a count or an enum instead",
        DiagnosticSeverity.Error, IdentifierDescription);

    /// <summary>
    /// PII004: a text or number named like an identifier. Arguments: the member, what it is named like, the words
    /// found, why that is personal data, what to do instead.
    /// </summary>
    public static readonly DiagnosticDescriptor NamedIdentifier = Create(
        RuleIds.Identifier, IdentifierTitle,
        "'{0}' is named like {1} ('{2}'): {3}; {4}",
        DiagnosticSeverity.Error, IdentifierDescription);

    /// <summary>PII004: <c>[InstallationId]</c> on a member that is not a <c>Guid</c>. Arguments: the member, its type.</summary>
    public static readonly DiagnosticDescriptor InstallationIdNotGuid = Create(
        RuleIds.Identifier, IdentifierTitle,
        "'{0}' is marked [InstallationId] but is a '{1}'; the installation id must be a non-nullable Guid holding a random UUIDv4",
        DiagnosticSeverity.Error, IdentifierDescription);

    /// <summary>PII004: a second <c>[InstallationId]</c> in a payload. Arguments: the member, the payload, the first installation id.</summary>
    public static readonly DiagnosticDescriptor SecondInstallationId = Create(
        RuleIds.Identifier, IdentifierTitle,
        "'{0}' is a second [InstallationId] in payload '{1}' (the first is '{2}'); a payload carries exactly one installation id",
        DiagnosticSeverity.Error, IdentifierDescription);

    /// <summary>PII005: location or behavioural tracking.</summary>
    public static readonly DiagnosticDescriptor LocationOrBehaviour = Create(
        RuleIds.LocationOrBehaviour,
        "Telemetry member tracks location or behaviour",
        "'{0}' is named like {1} ('{2}'): {3}; {4}",
        DiagnosticSeverity.Error,
        "A usage statistics payload carries no location (coordinates, cities, IP-based geolocation; at most a country code from the configured time zone) and no behavioural tracking: clicks, UI interactions, time spent on screens, mouse movements, keyboard input and session recordings. Counting them is tracking too.");

    /// <summary>PII006: a free-text string member.</summary>
    public static readonly DiagnosticDescriptor FreeText = Create(
        RuleIds.FreeText,
        "Telemetry member is free text",
        "'{0}' is free text ({1}), which can hold anything a user typed; use an enum for a closed set of values",
        DiagnosticSeverity.Warning,
        "A string can carry whatever the app puts into it, personal data included. An enum states the allowed values in the schema. In strict mode (piiguard.strict = true in .editorconfig) this is an error.");

    /// <summary>PII007: a member whose type the generator cannot serialize. Arguments: the member, its type.</summary>
    public static readonly DiagnosticDescriptor Unsupported = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has type '{1}', which PiiGuard cannot serialize; use a number, bool, enum, string, Guid, Version, TimeSpan, CountryCode, an [Aggregated] DateTimeOffset, a class, struct or record with [TelemetryField] members, or an array, List<T>, HashSet<T> or Dictionary<K, V> of those",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII008: a payload that collects more than its schema lock records, without a higher schema version.</summary>
    public static readonly DiagnosticDescriptor SchemaExpanded = Create(
        RuleIds.SchemaExpanded,
        "Telemetry payload collects more than its schema lock records",
        "Payload '{0}' collects more than {1} records ({2}) without a SchemaVersion higher than '{3}': expanded collection needs a new schema version and the users' consent again. Raise SchemaVersion, or rewrite the lock on purpose with -p:PiiGuardUpdateSchemaLock=true.",
        DiagnosticSeverity.Error,
        "The policy: \"Re-consent required for expanded data collection\". A new field, a new enum value or a wider type is expanded collection; removing a field is not.");

    // PII007's other messages, one per problem the payload model's builder or the payload walk finds (besides the
    // unsupported type above). Each names the declaration at fault first.

    /// <summary>PII007: a declared schema version that does not parse. Arguments: the version, what is wrong with it.</summary>
    public static readonly DiagnosticDescriptor InvalidSchemaVersion = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "SchemaVersion '{0}' is not a schema version: {1}. " + Shared.SchemaVersion.Expected,
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a payload name that cannot name files and a lock entry. Argument: the name.</summary>
    public static readonly DiagnosticDescriptor InvalidPayloadName = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "the payload name '{0}' cannot name its schema files and lock entry: use letters, digits, '_', '-' and '.', starting with a letter or digit",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a generic payload type.</summary>
    public static readonly DiagnosticDescriptor GenericPayload = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "a generic payload type cannot be serialized: declare a payload type for each use",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a payload type that generated code cannot read.</summary>
    public static readonly DiagnosticDescriptor InaccessiblePayload = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "the payload type must be public or internal (and so must the types that contain it) for PiiGuard's generated code to read it",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a generic type that reaches a larger construction of itself. Argument: the type.</summary>
    public static readonly DiagnosticDescriptor ExpandingType = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' reaches itself with larger type arguments, so " + NoBound + ": a payload must be bounded; declare a concrete type for each level instead of a generic type that holds itself",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a type that contains itself. Argument: the type.</summary>
    public static readonly DiagnosticDescriptor RecursiveType = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' contains itself; a payload must be bounded, so recursive payload types are not supported",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a member through which the payload reaches too many types. Arguments: the member, the bound.</summary>
    public static readonly DiagnosticDescriptor TooManyTypes = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' makes the payload reach more than {1} distinct classes and structs, so " + NoBound + ": a payload must be bounded; group its fields into fewer types",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a payload whose schema would list too many field paths. Arguments: the payload, the bound.</summary>
    public static readonly DiagnosticDescriptor TooManyFieldPaths = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has more than {1} field paths once its nested types are written out at each use, so " + NoBound + ": a payload must be bounded; use fewer nested types, or each of them fewer times",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a member whose type is built of too many type names. Arguments: the member, the bound.</summary>
    public static readonly DiagnosticDescriptor TypeTooLarge = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has a type built of more than {1} type names, so " + NoBound + ": a payload must be bounded; use simpler types",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: an abstract class or an interface. Argument: the type.</summary>
    public static readonly DiagnosticDescriptor AbstractType = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is abstract or an interface, so it cannot be read back: use a concrete class, struct or record",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a ref struct. Argument: the type.</summary>
    public static readonly DiagnosticDescriptor RefStruct = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is a ref struct, which the generated serializer cannot hold as a type argument: use a class, struct or record",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a type that generated code cannot name. Argument: the type.</summary>
    public static readonly DiagnosticDescriptor UnnameableType = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is file-local, private or protected (or holds such a type), so PiiGuard's generated code cannot name it: make it public or internal",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a member hidden by a derived type's. Arguments: the member, its type, the hiding member.</summary>
    public static readonly DiagnosticDescriptor HiddenMember = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' of '{1}' is hidden by '{2}', so PiiGuard's generated code cannot reach it: rename one of them",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: an object with more than <see cref="ShapeBounds.MaxFields"/> fields. Arguments: the type, its number of fields.</summary>
    public static readonly DiagnosticDescriptor TooManyFields = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has {1} [TelemetryField] members; an object holds at most " + ShapeBounds.MaxFields.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": group them into nested types",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: an empty JSON name. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor EmptyJsonName = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has an empty JSON name",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a JSON name two members of one object have. Arguments: the member, the name, the type.</summary>
    public static readonly DiagnosticDescriptor DuplicateJsonName = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has the JSON name '{1}', which another member of '{2}' has too",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a root field named like an envelope property. Arguments: the member, the name.</summary>
    public static readonly DiagnosticDescriptor EnvelopeJsonName = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has the JSON name '{1}', which the submission envelope uses beside the payload's fields: choose another name",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a class with no constructor that reading can call. Argument: the type.</summary>
    public static readonly DiagnosticDescriptor NoConstructor = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has no constructor PiiGuard can call when reading: add a parameterless constructor, or one whose parameters are its [TelemetryField] members",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a required member that is not a field. Arguments: the member, its type.</summary>
    public static readonly DiagnosticDescriptor RequiredNotField = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is required but not a [TelemetryField], so a payload read back could not set it: make it a [TelemetryField], make it optional, or give '{1}' a constructor with [SetsRequiredMembers]",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a field that reading cannot set. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor NotSettable = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' cannot be set when a payload is read back: give it a set or init accessor, or a constructor parameter",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: collections nested too deeply. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor NestedTooDeeply = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' nests collections too deeply",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: an enum type that generated code cannot name. Arguments: the member, the enum.</summary>
    public static readonly DiagnosticDescriptor UnnameableEnum = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' has the enum type '{1}', which is file-local, private or protected, so PiiGuard's generated code cannot name it: make the enum public or internal",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a multi-dimensional array. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor MultiDimensionalArray = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is a multi-dimensional array; use a one-dimensional array or a List<T>",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a dictionary whose keys are not names. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor DictionaryKey = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is a dictionary whose keys are not an enum or a string; JSON object keys must be names",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a <c>[Flags]</c> enum. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor FlagsEnum = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is a [Flags] enum; send a bool per flag, or a list of a plain enum",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: an enum with two members written alike. Arguments: the enum, the JSON value.</summary>
    public static readonly DiagnosticDescriptor DuplicateEnumJsonName = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "enum '{0}' has two members written as '{1}'",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: an enum with two members of one value. Arguments: the enum, the second member.</summary>
    public static readonly DiagnosticDescriptor DuplicateEnumValue = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "enum '{0}' has two members with the same value ('{1}'); each value needs one name",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a static field. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor StaticMember = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is static; a payload field belongs to each payload: make it an instance member",
        DiagnosticSeverity.Error, UnsupportedDescription);

    /// <summary>PII007: a field generated code cannot read. Argument: the member.</summary>
    public static readonly DiagnosticDescriptor UnreadableMember = Create(
        RuleIds.Unsupported, UnsupportedTitle,
        "'{0}' is not readable from generated code: make it (and its getter) public or internal",
        DiagnosticSeverity.Error, UnsupportedDescription);

    // Declared after every descriptor: static fields are initialized in the order they are written.

    /// <summary>Every descriptor, rule by rule: what the analyzer the compiler loads reports.</summary>
    internal static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        PersonalName,
        PreciseTime, PointInTimeName, MisplacedAggregated,
        ForbiddenType,
        Identifier, NamedIdentifier, InstallationIdNotGuid, SecondInstallationId,
        LocationOrBehaviour,
        FreeText,
        Unsupported, InvalidSchemaVersion, InvalidPayloadName, GenericPayload, InaccessiblePayload, ExpandingType, RecursiveType,
        TooManyTypes, TooManyFieldPaths, TypeTooLarge, AbstractType, RefStruct, UnnameableType, HiddenMember, TooManyFields,
        EmptyJsonName, DuplicateJsonName, EnvelopeJsonName, NoConstructor, RequiredNotField, NotSettable, NestedTooDeeply,
        UnnameableEnum, MultiDimensionalArray, DictionaryKey, FlagsEnum, DuplicateEnumJsonName, DuplicateEnumValue, StaticMember,
        UnreadableMember,
        SchemaExpanded);

    /// <summary>
    /// The PII007 descriptor of a problem the payload model's builder or the payload walk found, or null for the
    /// problems only PII002 reports (a point in time without <c>[Aggregated]</c>, <c>[Aggregated]</c> on anything else).
    /// </summary>
    internal static DiagnosticDescriptor? For(PayloadProblemKind kind) => kind switch
    {
        PayloadProblemKind.UnsupportedType => Unsupported,
        PayloadProblemKind.InvalidSchemaVersion => InvalidSchemaVersion,
        PayloadProblemKind.InvalidPayloadName => InvalidPayloadName,
        PayloadProblemKind.GenericPayload => GenericPayload,
        PayloadProblemKind.InaccessiblePayload => InaccessiblePayload,
        PayloadProblemKind.ExpandingType => ExpandingType,
        PayloadProblemKind.RecursiveType => RecursiveType,
        PayloadProblemKind.TooManyTypes => TooManyTypes,
        PayloadProblemKind.TooManyFieldPaths => TooManyFieldPaths,
        PayloadProblemKind.TypeTooLarge => TypeTooLarge,
        PayloadProblemKind.AbstractType => AbstractType,
        PayloadProblemKind.RefStruct => RefStruct,
        PayloadProblemKind.UnnameableType => UnnameableType,
        PayloadProblemKind.HiddenMember => HiddenMember,
        PayloadProblemKind.TooManyFields => TooManyFields,
        PayloadProblemKind.EmptyJsonName => EmptyJsonName,
        PayloadProblemKind.DuplicateJsonName => DuplicateJsonName,
        PayloadProblemKind.EnvelopeJsonName => EnvelopeJsonName,
        PayloadProblemKind.NoConstructor => NoConstructor,
        PayloadProblemKind.RequiredNotField => RequiredNotField,
        PayloadProblemKind.NotSettable => NotSettable,
        PayloadProblemKind.NestedTooDeeply => NestedTooDeeply,
        PayloadProblemKind.UnnameableEnum => UnnameableEnum,
        PayloadProblemKind.MultiDimensionalArray => MultiDimensionalArray,
        PayloadProblemKind.DictionaryKey => DictionaryKey,
        PayloadProblemKind.FlagsEnum => FlagsEnum,
        PayloadProblemKind.DuplicateEnumJsonName => DuplicateEnumJsonName,
        PayloadProblemKind.DuplicateEnumValue => DuplicateEnumValue,
        PayloadProblemKind.StaticMember => StaticMember,
        PayloadProblemKind.UnreadableMember => UnreadableMember,
        _ => null,
    };

    internal static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using PiiGuard.Generators.Model;
using PiiGuard.Shared;
using static PiiGuard.Shared.SymbolNamespaces;

namespace PiiGuard.Generators.Parser;

/// <summary>
/// Builds a <see cref="PayloadModel"/> from a <c>[TelemetryPayload]</c> type: every <c>[TelemetryField]</c> member
/// of the type, its base types and every type reached through such a member. One piece of code for the generator
/// (which emits from the model) and the analyzers (which report <see cref="PayloadProblem"/>s and compare the
/// model with the schema lock), so that both always agree on what a payload is.
/// </summary>
/// <remarks>
/// The walk is linear in the distinct types it visits (each is built once) and those are bounded (see
/// <see cref="ShapeBounds"/>): a shape beyond the bounds is a problem, never a longer search. <see cref="Steps"/>
/// counts the work.
/// </remarks>
internal sealed class PayloadModelBuilder
{
    private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions |
            SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The id a recording run gives a reached object: the prefix and the index of its event.</summary>
    private const string RecordedIdPrefix = "#";

    // Up to this many fields (as many as a type may have), a JSON name is looked up among the fields made so far rather
    // than in a set made for it: at most a couple of thousand short comparisons, and no set per object type.
    private const int SmallFieldCount = ShapeBounds.MaxFields;

    private readonly Compilation _compilation;
    private readonly bool _typeNames;
    private readonly CancellationToken _cancellationToken;
    // Made on first use: a problems-only run builds no objects, and a recording run (one per object type a
    // compilation's payloads reach) uses none of these.
    private List<PayloadProblem>? _problems;
    private HashSet<ISymbol>? _symbolsWithProblems;
    private List<ObjectModel>? _objects;
    private Dictionary<ITypeSymbol, string>? _objectIds;

    // The definitions of the objects being built, each with the construction being built: recursion is found by
    // definition, so that a generic type reaching another construction of itself is caught at once.
    private Dictionary<INamedTypeSymbol, INamedTypeSymbol>? _inProgress;

    private readonly PayloadModelBuilderCache? _cache;

    // Problems-only runs (FindProblems): while one object's facts are recorded, its problems and the objects it
    // reaches go here, in the order the model build meets them, instead of into the payload's problems.
    private List<ObjectEvent>? _recording;

    // Recording runs: per field of the object recorded, the index in _recording of the object it nests, or -1.
    private int[]? _fieldObjects;

    // Problems-only runs: the facts of each object the payload reaches, for the field-path count.
    private Dictionary<ITypeSymbol, ObjectFacts>? _facts;

    private PayloadModelBuilder(Compilation compilation, bool typeNames, PayloadModelBuilderCache? cache, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _typeNames = typeNames;
        _cache = cache;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The problems found; the model is only emitted when there are none.</summary>
    public IReadOnlyList<PayloadProblem> Problems => (IReadOnlyList<PayloadProblem>?)_problems ?? Array.Empty<PayloadProblem>();

    /// <summary>The work done: object types and values looked at (for tests that bound the work by counting it).</summary>
    public int Steps { get; private set; }

    /// <summary>The model, once <see cref="Run"/> has built it.</summary>
    public PayloadModel? Model { get; private set; }

    /// <summary>Builds the model of <paramref name="payload"/>; <see cref="Problems"/> says what could not be modelled.</summary>
    /// <param name="payload">The payload type.</param>
    /// <param name="compilation">Its compilation.</param>
    /// <param name="typeNames">
    /// Whether to write the C# type names the generator emits code with; the analyzers need only the JSON shape
    /// and the problems, and save the cost of formatting every type name.
    /// </param>
    /// <param name="cancellationToken">Stops the build (it throws <see cref="OperationCanceledException"/>).</param>
    /// <param name="cache">What builds of other payloads of the same compilation already read (enums), or null.</param>
    public static (PayloadModel Model, IReadOnlyList<PayloadProblem> Problems) Build(
        INamedTypeSymbol payload, Compilation compilation, bool typeNames = true, CancellationToken cancellationToken = default, PayloadModelBuilderCache? cache = null)
    {
        PayloadModelBuilder builder = Run(payload, compilation, typeNames, cancellationToken, cache);
        return (builder.Model!, builder.Problems);
    }

    /// <summary>Builds the model of <paramref name="payload"/> and returns the builder: its model, problems and steps.</summary>
    public static PayloadModelBuilder Run(INamedTypeSymbol payload, Compilation compilation, bool typeNames = true, CancellationToken cancellationToken = default, PayloadModelBuilderCache? cache = null)
    {
        var builder = new PayloadModelBuilder(compilation, typeNames, cache, cancellationToken);
        builder.Model = builder.BuildPayload(payload);
        if (builder._problems is null)
        {
            builder.CheckFieldPaths(payload, builder.Model);
        }

        return builder;
    }

    /// <summary>
    /// The schema docs and the lock write a nested type out at each use, so a few types that each use the next twice
    /// make a payload of exponentially many field paths: more than <see cref="ShapeBounds.MaxFieldPaths"/> is a
    /// problem, found by counting each object's paths once (the model has no cycles when it has no problems).
    /// </summary>
    private void CheckFieldPaths(INamedTypeSymbol payload, PayloadModel model)
    {
        var objects = new Dictionary<string, ObjectModel>(StringComparer.Ordinal);
        foreach (ObjectModel each in model.Objects)
        {
            objects[each.Id] = each;
        }

        CheckFieldPaths(payload, model.Root, StringComparer.Ordinal, ReachedByFields);

        IEnumerable<string?> ReachedByFields(string id)
        {
            if (objects.TryGetValue(id, out ObjectModel? objectModel))
            {
                foreach (FieldModel field in objectModel.Fields)
                {
                    yield return NestedObject(field.Value);
                }
            }
        }

        static string? NestedObject(ValueModel value) => value switch
        {
            { Kind: ValueKind.Object, ObjectId: { } id } => id,
            { Kind: ValueKind.Array or ValueKind.Map, Element: { } element } => NestedObject(element),
            _ => null,
        };
    }

    /// <summary>
    /// Counts the field paths below <paramref name="root"/>, each object's once: a field is one path, plus the paths of
    /// the object it nests (<paramref name="reachedByFields"/> gives, per field of an object, that object or null),
    /// capped just above <see cref="ShapeBounds.MaxFieldPaths"/>, which is a problem. Shared by the model build (objects
    /// by id) and the problem search (object types with their recorded facts), so that both count alike.
    /// </summary>
    private void CheckFieldPaths<TObject>(INamedTypeSymbol payload, TObject root, IEqualityComparer<TObject> comparer, Func<TObject, IEnumerable<TObject?>> reachedByFields)
        where TObject : class
    {
        var paths = new Dictionary<TObject, int>(comparer);
        if (PathsOf(root) > ShapeBounds.MaxFieldPaths)
        {
            Problem(ShapeBounds.TooManyFieldPaths(payload));
        }

        int PathsOf(TObject objectKey)
        {
            if (paths.TryGetValue(objectKey, out int known))
            {
                return known;
            }

            Steps++;
            paths[objectKey] = 0;
            long total = 0;
            foreach (TObject? reached in reachedByFields(objectKey))
            {
                total = Math.Min(total + 1 + (reached is null ? 0 : PathsOf(reached)), ShapeBounds.MaxFieldPaths + 1L);
            }

            return paths[objectKey] = (int)total;
        }
    }

    /// <summary>
    /// The problems that <see cref="Build"/> would find for <paramref name="payload"/>, in the same order, without
    /// building its model: what PII007 needs. Each object type the payload reaches is read once per
    /// <paramref name="cache"/> (its own problems and the objects it reaches, <see cref="ObjectFacts"/>), so that a
    /// record shared by many payloads costs one read and then, per payload, a replay of its facts; the bounds that depend
    /// on the whole payload (recursion, <see cref="ShapeBounds.MaxTypes"/>, <see cref="ShapeBounds.MaxFieldPaths"/>) are
    /// checked per payload during that replay, exactly as the model build checks them.
    /// </summary>
    /// <param name="payload">The payload type.</param>
    /// <param name="compilation">Its compilation.</param>
    /// <param name="cache">What earlier runs over the same compilation read (enums and object types), shared.</param>
    /// <param name="cancellationToken">Stops the run (it throws <see cref="OperationCanceledException"/>; nothing half-read is cached).</param>
    public static IReadOnlyList<PayloadProblem> FindProblems(INamedTypeSymbol payload, Compilation compilation, PayloadModelBuilderCache cache, CancellationToken cancellationToken = default) =>
        RunFindProblems(payload, compilation, cache, cancellationToken).Problems;

    /// <summary><see cref="FindProblems"/>, returning the builder: its problems and steps (the model stays null).</summary>
    public static PayloadModelBuilder RunFindProblems(INamedTypeSymbol payload, Compilation compilation, PayloadModelBuilderCache cache, CancellationToken cancellationToken = default)
    {
        var builder = new PayloadModelBuilder(compilation, typeNames: false, cache, cancellationToken)
        {
            _facts = new Dictionary<ITypeSymbol, ObjectFacts>(SymbolEqualityComparer.Default),
        };
        builder.CheckPayload(payload);
        builder.Visit(payload, payload);
        if (builder._problems is null)
        {
            builder.CheckFieldPaths(payload, builder._facts);
        }

        return builder;
    }

    /// <summary>
    /// <see cref="ObjectId(INamedTypeSymbol, ISymbol)"/> for a problems-only run: the same recursion and size checks,
    /// then the object's recorded facts replayed (its problems, and a visit of each object it reaches, in order).
    /// </summary>
    private void Visit(INamedTypeSymbol type, ISymbol reachedThrough)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        Steps++;
        INamedTypeSymbol definition = type.OriginalDefinition;
        _inProgress ??= new Dictionary<INamedTypeSymbol, INamedTypeSymbol>(SymbolEqualityComparer.Default);
        if (_inProgress.TryGetValue(definition, out INamedTypeSymbol? construction))
        {
            Problem(ShapeBounds.IsExpansion(type, construction)
                ? ShapeBounds.Expansion(definition)
                : PayloadProblem.Of(definition, PayloadProblemKind.RecursiveType, type.Name));
            return;
        }

        if (_facts!.ContainsKey(type))
        {
            return;
        }

        if (_facts.Count >= ShapeBounds.MaxTypes)
        {
            Problem(ShapeBounds.TooManyTypes(reachedThrough));
            return;
        }

        bool isRoot = _facts.Count == 0;
        ObjectFacts facts = isRoot || !SymbolEqualityComparer.Default.Equals(type, definition)
            ? RecordFacts(type, isRoot)
            : _cache!.GetObject(type, this);
        _facts.Add(type, facts);
        _inProgress.Add(definition, type);
        foreach (ObjectEvent each in facts.Events)
        {
            if (each.Reached is { } reached)
            {
                Visit(reached, each.ReachedThrough!);
            }
            else
            {
                Problem(each.Problem);
            }
        }

        _inProgress.Remove(definition);
    }

    /// <summary>Reads one object type as the model build does, recording its problems and the objects it reaches.</summary>
    internal ObjectFacts RecordFacts(INamedTypeSymbol type, bool isRoot)
    {
        var recorder = new PayloadModelBuilder(_compilation, typeNames: false, _cache, _cancellationToken)
        {
            _recording = new List<ObjectEvent>(),
        };
        recorder.BuildObject(type, "", isRoot);
        Steps += recorder.Steps;
        return new ObjectFacts(recorder._recording.ToArray(), recorder._fieldObjects!);
    }

    /// <summary>
    /// For a recording run: the index of the reached object that a field's value nests (through arrays and maps), or -1.
    /// The field-path count follows these.
    /// </summary>
    private static int RecordedObject(ValueModel value)
    {
        while (value is { Kind: ValueKind.Array or ValueKind.Map, Element: { } element })
        {
            value = element;
        }

        return value is { Kind: ValueKind.Object, ObjectId: { } id } && id.StartsWith(RecordedIdPrefix, StringComparison.Ordinal)
            ? int.Parse(id.Substring(RecordedIdPrefix.Length), System.Globalization.CultureInfo.InvariantCulture)
            : -1;
    }

    /// <summary><see cref="CheckFieldPaths(INamedTypeSymbol, PayloadModel)"/> over recorded facts: the same count, each object's paths once.</summary>
    private void CheckFieldPaths(INamedTypeSymbol payload, Dictionary<ITypeSymbol, ObjectFacts> facts)
    {
        CheckFieldPaths<ITypeSymbol>(payload, payload, SymbolEqualityComparer.Default, ReachedByFields);

        IEnumerable<ITypeSymbol?> ReachedByFields(ITypeSymbol type)
        {
            if (facts.TryGetValue(type, out ObjectFacts? objectFacts))
            {
                foreach (int reached in objectFacts.FieldObjects)
                {
                    yield return reached < 0 ? null : objectFacts.Events[reached].Reached;
                }
            }
        }
    }

    private PayloadModel BuildPayload(INamedTypeSymbol payload)
    {
        (string name, string? version) = CheckPayload(payload);
        string root = ObjectId(payload);
        return new PayloadModel(
            TypeName(payload),
            HintName(payload),
            name,
            version,
            root,
            new EquatableArray<ObjectModel>(_objects!));
    }

    /// <summary>The payload's name and version, and the problems of the payload type as such (before its members').</summary>
    private (string Name, string? Version) CheckPayload(INamedTypeSymbol payload)
    {
        AttributeData? attribute = Find(payload, MetadataNames.TelemetryPayloadAttribute);
        string name = NamedArgument(attribute, MetadataNames.PayloadNameArgument) is { Length: > 0 } explicitName ? explicitName : NameWords.ToSnakeCase(payload.Name);
        string? version = NamedArgument(attribute, MetadataNames.SchemaVersionArgument);
        if (version != null && !SchemaVersion.TryParse(version, out _, out string? versionProblem))
        {
            Problem(payload, PayloadProblemKind.InvalidSchemaVersion, version, versionProblem!);
        }

        if (!IsValidPayloadName(name))
        {
            Problem(payload, PayloadProblemKind.InvalidPayloadName, name);
        }

        if (payload.IsGenericType)
        {
            Problem(payload, PayloadProblemKind.GenericPayload);
        }

        if (!IsAccessibleFromGeneratedCode(payload))
        {
            Problem(payload, PayloadProblemKind.InaccessiblePayload);
        }

        return (name, version);
    }

    /// <summary>The id of the object model of <paramref name="type"/>, building it on first use.</summary>
    private string ObjectId(INamedTypeSymbol type) => ObjectId(type, type);

    /// <summary>The id of the object model of <paramref name="type"/>, reached through <paramref name="reachedThrough"/>.</summary>
    private string ObjectId(INamedTypeSymbol type, ISymbol reachedThrough)
    {
        if (_recording != null)
        {
            // Recording one object's facts: the reached object is visited when the facts are replayed.
            _recording.Add(new ObjectEvent(default, type, reachedThrough));
            return RecordedIdPrefix + (_recording.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _cancellationToken.ThrowIfCancellationRequested();
        Steps++;

        // Recursion is found by the type's definition, so that Node<Item<T>> holding a Node<T> counts as Node
        // containing itself; Node<T> holding a Node<Node<T>> reaches ever larger constructions of Node, so the
        // payload's shape has no bound.
        INamedTypeSymbol definition = type.OriginalDefinition;
        _inProgress ??= new Dictionary<INamedTypeSymbol, INamedTypeSymbol>(SymbolEqualityComparer.Default);
        _objectIds ??= new Dictionary<ITypeSymbol, string>(SymbolEqualityComparer.Default);
        _objects ??= new List<ObjectModel>();
        if (_inProgress.TryGetValue(definition, out INamedTypeSymbol? construction))
        {
            Problem(ShapeBounds.IsExpansion(type, construction)
                ? ShapeBounds.Expansion(definition)
                : PayloadProblem.Of(definition, PayloadProblemKind.RecursiveType, type.Name));
            return _objectIds.TryGetValue(type, out string? known) ? known : "recursive";
        }

        if (_objectIds.TryGetValue(type, out string? id))
        {
            return id;
        }

        if (_objectIds.Count >= ShapeBounds.MaxTypes)
        {
            Problem(ShapeBounds.TooManyTypes(reachedThrough));
            return "unbounded";
        }

        id = "O" + _objectIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + Sanitize(type.Name);
        _objectIds.Add(type, id);
        _inProgress.Add(definition, type);
        int slot = _objects.Count;
        _objects.Add(null!);
        _objects[slot] = BuildObject(type, id, isRoot: slot == 0)!;
        _inProgress.Remove(definition);
        return id;
    }

    /// <summary>
    /// The object model of <paramref name="type"/>; <paramref name="isRoot"/> when it is the payload type itself. A
    /// recording run keeps only the problems, the objects reached and which of them each field nests: no model (null).
    /// </summary>
    private ObjectModel? BuildObject(INamedTypeSymbol type, string id, bool isRoot)
    {
        if (type.IsAbstract || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            Problem(type, PayloadProblemKind.AbstractType, type.Name);
        }
        else if (type.IsRefLikeType)
        {
            Problem(type, PayloadProblemKind.RefStruct, type.Name);
        }
        else if (!IsNameableFromGeneratedCode(type))
        {
            Problem(type, PayloadProblemKind.UnnameableType, type.Name);
        }

        // The type and its base types, base first, in an array made at its size (counted first: most types have no base).
        int depth = 0;
        for (INamedTypeSymbol? current = type; current != null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            depth++;
        }

        var chain = new INamedTypeSymbol[depth];
        INamedTypeSymbol link = type;
        for (int level = depth - 1; level >= 0; level--)
        {
            chain[level] = link;
            link = link.BaseType!;
        }

        // Each type's members read once (every read makes a new array), for the fields here and the required members
        // (ChooseConstructor); the fields and properties counted, so that the member list is made at its size once.
        var chainMembers = new ImmutableArray<ISymbol>[chain.Length];
        int candidates = 0;
        for (int level = 0; level < chain.Length; level++)
        {
            chainMembers[level] = _cache is null ? chain[level].GetMembers() : _cache.MembersOf(chain[level]);
            foreach (ISymbol member in chainMembers[level])
            {
                if (member.Kind is SymbolKind.Field or SymbolKind.Property && !member.IsImplicitlyDeclared)
                {
                    candidates++;
                }
            }
        }

        var members = new List<(ISymbol Symbol, ITypeSymbol Type, AttributeData Field)>(candidates);
        for (int level = 0; level < chain.Length; level++)
        {
            INamedTypeSymbol declaring = chain[level];
            foreach (ISymbol member in chainMembers[level])
            {
                // The kind first: most members (accessors, backing fields, a record's methods) are no fields.
                if (member.Kind is not (SymbolKind.Field or SymbolKind.Property) || member.IsImplicitlyDeclared ||
                    Find(member, MetadataNames.TelemetryFieldAttribute) is not { } telemetryField)
                {
                    continue;
                }

                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol { IsIndexer: false, IsOverride: false } property => property.Type,
                    IFieldSymbol field when field.ContainingType.TypeKind != TypeKind.Enum => field.Type,
                    _ => null,
                };
                if (memberType is null)
                {
                    continue;
                }

                // A member that a derived type hides (`new`, or the same name again) cannot be named by generated code,
                // which would reach the derived one instead.
                if (HiddenBy(member, chain, level) is { } hiding)
                {
                    Problem(member, PayloadProblemKind.HiddenMember, member.Name, declaring.Name, hiding.ContainingType.Name + "." + hiding.Name);
                    continue;
                }

                // A chain of generic types can double a type at each step: such a member is not looked at further
                // (comparing, hashing or printing its type would cost its size).
                if (ShapeBounds.IsTooLarge(memberType))
                {
                    Problem(ShapeBounds.TooLarge(member));
                    continue;
                }

                members.Add((member, memberType, telemetryField));
            }
        }

        if (members.Count > ShapeBounds.MaxFields)
        {
            Problem(type, PayloadProblemKind.TooManyFields, type.Name, members.Count);
        }

        List<FieldModel>? fields = null;
        if (_recording is null)
        {
            fields = new List<FieldModel>(members.Count);
        }
        else
        {
            _fieldObjects = new int[members.Count];
        }

        // The JSON names taken so far: looked up among the fields' names so far, unless there are many.
        var taken = new string[members.Count];
        HashSet<string>? jsonNames = members.Count > SmallFieldCount ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (int index = 0; index < members.Count; index++)
        {
            (ISymbol member, ITypeSymbol memberType, AttributeData field) = members[index];
            CheckAccess(member, type);
            string jsonName = field.ConstructorArguments.Length == 1 && field.ConstructorArguments[0].Value is string explicitName
                ? explicitName
                : JsonNameOf(member.Name);
            if (jsonName.Length == 0)
            {
                Problem(member, PayloadProblemKind.EmptyJsonName, member.Name);
            }
            else if (jsonNames is null ? Array.IndexOf(taken, jsonName, 0, index) >= 0 : !jsonNames.Add(jsonName))
            {
                Problem(member, PayloadProblemKind.DuplicateJsonName, member.Name, jsonName, type.Name);
            }
            else if (isRoot && jsonName is EnvelopeProperties.SchemaVersion or EnvelopeProperties.SubmissionTimestamp)
            {
                // The payload's root object shares its JSON object with the submission envelope.
                Problem(member, PayloadProblemKind.EnvelopeJsonName, member.Name, jsonName);
            }

            string? aggregation = Find(member, MetadataNames.AggregatedAttribute) is { ConstructorArguments.Length: 1 } aggregated &&
                aggregated.ConstructorArguments[0].Value is int period
                ? period switch { 0 => "Day", 1 => "Week", _ => null }
                : null;
            ValueModel value = BuildValue(memberType, member, aggregation, depth: 0);
            taken[index] = jsonName;
            if (fields is null)
            {
                _fieldObjects![index] = RecordedObject(value);
            }
            else
            {
                fields.Add(new FieldModel(member.Name, jsonName, NamedArgument(field, MetadataNames.PurposeArgument), Find(member, MetadataNames.InstallationIdAttribute) != null, value));
            }
        }

        (int[]? arguments, List<int>? initializers) = ChooseConstructor(type, members, chainMembers);
        return fields is null
            ? null
            : new ObjectModel(id, TypeName(type), new EquatableArray<FieldModel>(fields),
                arguments is null ? EquatableArray<int>.Empty : new EquatableArray<int>(arguments),
                initializers is null ? EquatableArray<int>.Empty : new EquatableArray<int>(initializers));
    }

    /// <summary>
    /// The constructor that reading uses: the one with the most parameters that all match fields by name
    /// (case-insensitive) and type, such as a record's primary constructor; the other fields are set by an object
    /// initializer, so they need a <c>set</c> or <c>init</c> accessor.
    /// </summary>
    /// <param name="type">The object type.</param>
    /// <param name="members">Its fields, in order.</param>
    /// <param name="chainMembers">The members of the type and its base types, base first (as BuildObject read them).</param>
    /// <returns>The fields the constructor takes and those the initializer sets, by index; both null when there is no constructor to read with (the initializers null in a recording run, which builds no model).</returns>
    private (int[]? Arguments, List<int>? Initializers) ChooseConstructor(INamedTypeSymbol type, List<(ISymbol Symbol, ITypeSymbol Type, AttributeData Field)> members, ImmutableArray<ISymbol>[] chainMembers)
    {
        // Required members must be set by the object initializer (C# 11), unless the constructor says it sets them.
        List<ISymbol>? required = RequiredMembers(type, chainMembers);
        int[]? best = null;
        bool bestSetsRequired = false;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (!IsAccessible(constructor, type) || (best != null && constructor.Parameters.Length <= best.Length))
            {
                continue;
            }

            bool setsRequired = constructor.GetAttributes().Any(a => a.AttributeClass is { Name: "SetsRequiredMembersAttribute" } attribute &&
                IsInNamespace(attribute, "System", "Diagnostics", "CodeAnalysis"));

            int[] map = new int[constructor.Parameters.Length];
            bool matches = true;
            for (int p = 0; p < constructor.Parameters.Length && matches; p++)
            {
                map[p] = IndexOfField(members, constructor.Parameters[p]);
                matches = map[p] >= 0;
            }

            if (matches)
            {
                best = map;
                bestSetsRequired = setsRequired;
            }
        }

        if (best is null)
        {
            if (type.TypeKind == TypeKind.Struct)
            {
                best = Array.Empty<int>();
            }
            else
            {
                Problem(type, PayloadProblemKind.NoConstructor, type.Name);
                return (null, null);
            }
        }

        if (!bestSetsRequired && required != null)
        {
            foreach (ISymbol member in required)
            {
                if (!IsField(members, member))
                {
                    Problem(member, PayloadProblemKind.RequiredNotField, member.Name, type.Name);
                }
            }
        }

        // A recording run keeps no model, so only the problems are looked for: no list of initializers.
        List<int>? initializers = _recording is null ? new List<int>(members.Count) : null;
        for (int i = 0; i < members.Count; i++)
        {
            if (Array.IndexOf(best, i) >= 0)
            {
                // A required member passed to a constructor without [SetsRequiredMembers] is set again by the initializer.
                if (!bestSetsRequired && required != null && Contains(required, members[i].Symbol))
                {
                    initializers?.Add(i);
                }

                continue;
            }

            initializers?.Add(i);

            bool settable = members[i].Symbol switch
            {
                IPropertySymbol property => property.SetMethod is { } setter && IsAccessible(setter, type),
                IFieldSymbol field => !field.IsReadOnly && !field.IsConst,
                _ => false,
            };
            if (!settable)
            {
                Problem(members[i].Symbol, PayloadProblemKind.NotSettable, members[i].Symbol.Name);
            }
        }

        return (best, initializers);

        // Loops, not Any(lambda): a lambda capturing `members` costs a closure on every call, required members or not.
        static bool IsField(List<(ISymbol Symbol, ITypeSymbol Type, AttributeData Field)> fields, ISymbol member)
        {
            foreach ((ISymbol symbol, _, _) in fields)
            {
                if (SymbolEqualityComparer.Default.Equals(symbol, member))
                {
                    return true;
                }
            }

            return false;
        }

        static bool Contains(List<ISymbol> symbols, ISymbol member)
        {
            foreach (ISymbol symbol in symbols)
            {
                if (SymbolEqualityComparer.Default.Equals(symbol, member))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The index of the member that <paramref name="parameter"/> sets: the same name (case-insensitive) and type; or -1.</summary>
    private static int IndexOfField(List<(ISymbol Symbol, ITypeSymbol Type, AttributeData Field)> members, IParameterSymbol parameter)
    {
        for (int i = 0; i < members.Count; i++)
        {
            if (string.Equals(members[i].Symbol.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) &&
                SymbolEqualityComparer.Default.Equals(members[i].Type, parameter.Type))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A member's default JSON name (snake_case); shared by the builds of one compilation, when they share a cache (names repeat).</summary>
    private string JsonNameOf(string memberName) => _cache is null ? NameWords.ToSnakeCase(memberName) : _cache.JsonNameOf(memberName);

    /// <summary>The member of a type below <paramref name="chain"/>[<paramref name="level"/>] (the type that declares <paramref name="member"/>; base first) that hides it, or null.</summary>
    private static ISymbol? HiddenBy(ISymbol member, INamedTypeSymbol[] chain, int level)
    {
        for (int i = level + 1; i < chain.Length; i++)
        {
            foreach (ISymbol other in chain[i].GetMembers(member.Name))
            {
                if (!other.IsImplicitlyDeclared && other is not IPropertySymbol { IsOverride: true } and not IMethodSymbol)
                {
                    return other;
                }
            }
        }

        return null;
    }

    /// <summary>The required properties and fields of the type and its base types (derived first), or null when there are none.</summary>
    /// <param name="type">The object type.</param>
    /// <param name="chainMembers">The members of the type and its base types up to <c>System.ValueType</c> or <c>System.Object</c> (both left out), base first.</param>
    private static List<ISymbol>? RequiredMembers(INamedTypeSymbol type, ImmutableArray<ISymbol>[] chainMembers)
    {
        List<ISymbol>? required = null;
        int level = chainMembers.Length - 1;
        for (INamedTypeSymbol? current = type; current != null && current.SpecialType != SpecialType.System_Object; current = current.BaseType, level--)
        {
            // The chain's members as already read; a struct's System.ValueType, which the chain leaves out, read here.
            foreach (ISymbol member in level >= 0 ? chainMembers[level] : current.GetMembers())
            {
                if (member.Kind is SymbolKind.Property or SymbolKind.Field &&
                    member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true } &&
                    (required is null || !HasName(required, member.Name)))
                {
                    (required ??= new List<ISymbol>()).Add(member);
                }
            }
        }

        return required;

        // A loop, not Any(lambda): the lambda would capture `member` and cost a closure for every member of every type.
        static bool HasName(List<ISymbol> symbols, string name)
        {
            foreach (ISymbol symbol in symbols)
            {
                if (symbol.Name == name)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private ValueModel BuildValue(ITypeSymbol type, ISymbol member, string? aggregation, int depth)
    {
        Steps++;
        if (depth > 8)
        {
            Problem(member, PayloadProblemKind.NestedTooDeeply, member.Name);
            return Unsupported(type);
        }

        bool nullable = type.NullableAnnotation == NullableAnnotation.Annotated && type.IsReferenceType;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue)
        {
            ValueModel inner = BuildValue(nullableValue.TypeArguments[0], member, aggregation, depth + 1);
            return inner with { IsNullable = true, IsNullableValueType = true };
        }

        string typeName = TypeName(type);
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return Leaf(ValueKind.Boolean, typeName, nullable, isReferenceType: false, "bool");
            case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
                SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64:
                return Leaf(ValueKind.Integer, typeName, nullable, isReferenceType: false, Keyword(type.SpecialType));
            case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                return Leaf(ValueKind.Number, typeName, nullable, isReferenceType: false, Keyword(type.SpecialType));
            case SpecialType.System_String:
                return Leaf(ValueKind.String, typeName, nullable, isReferenceType: true);
            case SpecialType.System_DateTime:
                return Timestamp(typeName, nullable, member, aggregation, isOffset: false);
        }

        // [Aggregated] applies to the points in time of the member, inside collections too; anything else is PII002's.
        bool isCollection = type is IArrayTypeSymbol ||
            (type is INamedTypeSymbol { IsGenericType: true } generic && IsInNamespace(generic, "System", "Collections", "Generic"));
        if (aggregation != null && !isCollection && !IsNamed(type, "System", "DateTimeOffset"))
        {
            Problem(PayloadProblem.CoveredBy(Rules.PreciseTime, member, PayloadProblemKind.AggregatedNotPointInTime, member.Name));
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            if (!IsNameableFromGeneratedCode(enumType))
            {
                Problem(member, PayloadProblemKind.UnnameableEnum, member.Name, enumType.Name);
            }

            return Leaf(ValueKind.Enum, typeName, nullable, isReferenceType: false, enumFacts: EnumOf(enumType, member));
        }

        if (IsNamed(type, "System", "DateTimeOffset"))
        {
            return Timestamp(typeName, nullable, member, aggregation, isOffset: true);
        }

        if (IsNamed(type, "System", "Guid"))
        {
            return Leaf(ValueKind.Guid, typeName, nullable, isReferenceType: false);
        }

        if (IsNamed(type, "System", "Version"))
        {
            return Leaf(ValueKind.Version, typeName, nullable, isReferenceType: true);
        }

        if (IsNamed(type, "System", "TimeSpan"))
        {
            return Leaf(ValueKind.Duration, typeName, nullable, isReferenceType: false);
        }

        if (IsNamed(type, MetadataNames.Namespace, MetadataNames.CountryCode))
        {
            return Leaf(ValueKind.CountryCode, typeName, nullable, isReferenceType: false);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (!array.IsSZArray)
            {
                Problem(member, PayloadProblemKind.MultiDimensionalArray, member.Name);
                return Unsupported(type);
            }

            return new ValueModel(ValueKind.Array, typeName, nullable, false, true, Collection: CollectionKind.Array,
                Element: BuildValue(array.ElementType, member, aggregation, depth + 1));
        }

        if (type is INamedTypeSymbol named && named.IsGenericType && IsInNamespace(named, "System", "Collections", "Generic"))
        {
            switch (named.OriginalDefinition.MetadataName)
            {
                case "List`1" or "IList`1" or "ICollection`1" or "IEnumerable`1" or "IReadOnlyList`1" or "IReadOnlyCollection`1":
                    return new ValueModel(ValueKind.Array, typeName, nullable, false, true, Collection: CollectionKind.List,
                        Element: BuildValue(named.TypeArguments[0], member, aggregation, depth + 1));
                case "HashSet`1" or "ISet`1" or "IReadOnlySet`1":
                    return new ValueModel(ValueKind.Array, typeName, nullable, false, true, Collection: CollectionKind.Set,
                        Element: BuildValue(named.TypeArguments[0], member, aggregation, depth + 1));
                case "Dictionary`2" or "IDictionary`2" or "IReadOnlyDictionary`2":
                    ValueModel key = BuildValue(named.TypeArguments[0], member, null, depth + 1);
                    if (key.Kind is not (ValueKind.Enum or ValueKind.String) || key.IsNullable)
                    {
                        Problem(member, PayloadProblemKind.DictionaryKey, member.Name);
                    }

                    return new ValueModel(ValueKind.Map, typeName, nullable, false, true, Collection: CollectionKind.Dictionary, Key: key,
                        Element: BuildValue(named.TypeArguments[1], member, aggregation, depth + 1));
            }
        }

        if (type is INamedTypeSymbol objectType && IsPayloadObject(objectType))
        {
            return new ValueModel(ValueKind.Object, typeName, nullable, false, objectType.IsReferenceType, ObjectId: ObjectId(objectType, member));
        }

        // object, dynamic, type parameters, network, file, exception and binary types: PII003 reports them.
        bool forbidden = type.SpecialType == SpecialType.System_Object ||
            type.TypeKind is TypeKind.Dynamic or TypeKind.TypeParameter or TypeKind.Error || IsFrameworkType(type);
        string display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        Problem(forbidden
            ? PayloadProblem.CoveredBy(Rules.ForbiddenType, member, PayloadProblemKind.UnsupportedType, member.Name, display)
            : PayloadProblem.Of(member, PayloadProblemKind.UnsupportedType, member.Name, display));
        return Unsupported(type);
    }

    private ValueModel Timestamp(string typeName, bool nullable, ISymbol member, string? aggregation, bool isOffset)
    {
        if (aggregation is null)
        {
            // PII002 reports a point in time without [Aggregated].
            Problem(PayloadProblem.CoveredBy(Rules.PreciseTime, member, PayloadProblemKind.PointInTimeNotAggregated, member.Name));
        }

        return Leaf(ValueKind.Timestamp, typeName, nullable, isReferenceType: false, aggregation: aggregation ?? "Week", isDateTimeOffset: isOffset);
    }

    /// <summary>
    /// A value that holds no other value (a number, a flag, text, a point in time, an enum). The analyzers' builds write
    /// no type names, so there such a value is the same for every member that holds it: made once per cache and shared.
    /// </summary>
    private ValueModel Leaf(ValueKind kind, string typeName, bool nullable, bool isReferenceType, string? primitive = null, string? aggregation = null, bool isDateTimeOffset = false, EnumFacts? enumFacts = null) =>
        _typeNames || _cache is null
            ? new ValueModel(kind, typeName, nullable, false, isReferenceType, primitive, aggregation, isDateTimeOffset, enumFacts?.Members ?? default)
            : _cache.Leaf(kind, nullable, isReferenceType, primitive, aggregation, isDateTimeOffset, enumFacts);

    /// <summary>The enum <paramref name="type"/> as <paramref name="member"/> holds it; its problems are reported on the member.</summary>
    private EnumFacts EnumOf(INamedTypeSymbol type, ISymbol member)
    {
        EnumFacts facts = _cache is null ? ReadEnum(type) : _cache.Enums.GetOrAdd(type, ReadEnum);
        if (facts.IsFlags)
        {
            Problem(member, PayloadProblemKind.FlagsEnum, member.Name);
        }

        foreach ((PayloadProblemKind kind, object[] arguments) in facts.Problems)
        {
            Problem(member, kind, arguments);
        }

        return facts;
    }

    /// <summary>An enum's members as JSON names, and what is wrong with it (reported on each member that reaches it).</summary>
    private static EnumFacts ReadEnum(INamedTypeSymbol type)
    {
        bool isFlags = type.GetAttributes().Any(a => a.AttributeClass is { Name: "FlagsAttribute" } flags && IsInNamespace(flags, "System"));
        var problems = new List<(PayloadProblemKind, object[])>();

        var members = new List<EnumMemberModel>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<object?>();
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
        {
            string json = Find(field, MetadataNames.TelemetryValueAttribute) is { ConstructorArguments.Length: 1 } value && value.ConstructorArguments[0].Value is string explicitName
                ? explicitName
                : NameWords.ToSnakeCase(field.Name);
            if (!names.Add(json))
            {
                problems.Add((PayloadProblemKind.DuplicateEnumJsonName, new object[] { type.Name, json }));
            }

            if (!values.Add(field.ConstantValue))
            {
                problems.Add((PayloadProblemKind.DuplicateEnumValue, new object[] { type.Name, field.Name }));
            }

            members.Add(new EnumMemberModel(field.Name, json));
        }

        return new EnumFacts(isFlags, new EquatableArray<EnumMemberModel>(members), problems);
    }

    /// <summary>Whether a payload name can be a file name and a lock entry on every OS: <c>[A-Za-z0-9][A-Za-z0-9_.-]*</c>.</summary>
    private static bool IsValidPayloadName(string name)
    {
        if (name.Length == 0 || name.Length > 100 || !IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static bool IsPayloadObject(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct &&
        type.SpecialType == SpecialType.None &&
        !IsFrameworkType(type);

    private void CheckAccess(ISymbol member, INamedTypeSymbol type)
    {
        if (member.IsStatic)
        {
            Problem(member, PayloadProblemKind.StaticMember, member.Name);
            return;
        }

        bool readable = member switch
        {
            IPropertySymbol property => property.GetMethod is { } getter && IsAccessible(getter, type),
            _ => IsAccessible(member, type),
        };
        if (!readable)
        {
            Problem(member, PayloadProblemKind.UnreadableMember, member.Name);
        }
    }

    private bool IsAccessible(ISymbol symbol, INamedTypeSymbol within) =>
        symbol.DeclaredAccessibility switch
        {
            Accessibility.Public => true,
            Accessibility.Internal or Accessibility.ProtectedOrInternal =>
                SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly),
            _ => false,
        };

    private bool IsAccessibleFromGeneratedCode(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
        {
            if (!IsAccessible(current, current) || current.IsFileLocal)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether generated code, in another file of the assembly, can write the type's name: the type, the types that contain it and its type arguments.</summary>
    private bool IsNameableFromGeneratedCode(ITypeSymbol type, int depth = 0) => type switch
    {
        _ when depth > ShapeBounds.MaxTypeSize => false,
        IArrayTypeSymbol array => IsNameableFromGeneratedCode(array.ElementType, depth + 1),
        INamedTypeSymbol named => IsAccessibleFromGeneratedCode(named) && AreNameable(named.TypeArguments, depth + 1),
        _ => type.SpecialType != SpecialType.None,
    };

    // A loop, not All(lambda): the lambda would capture `depth` and cost a closure for every type looked at.
    private bool AreNameable(System.Collections.Immutable.ImmutableArray<ITypeSymbol> types, int depth)
    {
        foreach (ITypeSymbol type in types)
        {
            if (!IsNameableFromGeneratedCode(type, depth))
            {
                return false;
            }
        }

        return true;
    }

    private static ValueModel Unsupported(ITypeSymbol type) =>
        new(ValueKind.String, "", false, false, type.IsReferenceType);

    /// <summary>Records a problem that PII007 reports; only the first one of each symbol, so that one mistake gives one message.</summary>
    private void Problem(ISymbol symbol, PayloadProblemKind kind, params object[] arguments) => Problem(PayloadProblem.Of(symbol, kind, arguments));

    /// <summary>Records a problem; only the first one of each symbol, so that one mistake gives one message.</summary>
    private void Problem(PayloadProblem problem)
    {
        if (_recording != null)
        {
            // Recorded as found: the replay keeps the first of each symbol, over the whole payload.
            _recording.Add(new ObjectEvent(problem, null, null));
            return;
        }

        if ((_symbolsWithProblems ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(problem.Symbol))
        {
            (_problems ??= new List<PayloadProblem>()).Add(problem);
        }
    }

    private static bool IsNamed(ITypeSymbol type, string ns, string name) =>
        type.Name == name && type is INamedTypeSymbol { IsGenericType: false } && IsInNamespace(type, ns);

    /// <summary>The C# keyword of a number type.</summary>
    private static string Keyword(SpecialType type) => type switch
    {
        SpecialType.System_SByte => "sbyte",
        SpecialType.System_Byte => "byte",
        SpecialType.System_Int16 => "short",
        SpecialType.System_UInt16 => "ushort",
        SpecialType.System_Int32 => "int",
        SpecialType.System_UInt32 => "uint",
        SpecialType.System_Int64 => "long",
        SpecialType.System_UInt64 => "ulong",
        SpecialType.System_Single => "float",
        SpecialType.System_Double => "double",
        _ => "decimal",
    };

    /// <summary>The C# type name the generator emits, unless this build is for the analyzers, which do not need it.</summary>
    private string TypeName(ITypeSymbol type) =>
        _typeNames ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(FullyQualified) : "";

    private static AttributeData? Find(ISymbol symbol, string attributeName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && attributeClass.Name == attributeName && IsInNamespace(attributeClass, MetadataNames.Namespace))
            {
                return attribute;
            }
        }

        return null;
    }

    private static string? NamedArgument(AttributeData? attribute, string name)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value as string;
            }
        }

        return null;
    }

    private static string HintName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (INamedTypeSymbol? current = type; current != null; current = current.ContainingType)
        {
            parts.Add(current.Name + (current.Arity > 0 ? "`" + current.Arity.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""));
        }

        parts.Reverse();
        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() + "." : "";
        return Sanitize(ns + string.Join(".", parts));
    }

    private static string Sanitize(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (!char.IsLetterOrDigit(chars[i]) && chars[i] != '.' && chars[i] != '_')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}

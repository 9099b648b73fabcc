using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers;

/// <summary>
/// One payload member as the rules see it: its names (member name and JSON name), its unwrapped type, where to
/// report, and the project's options that apply there.
/// </summary>
internal sealed class PayloadMember
{
    private TypeShape? _shape;
    private NameFinding? _finding;
    private bool _findingDone;
    private int _hasTypeFinding; // 0: not worked out yet, 1: no, 2: yes (one int: read and written whole across threads)

    /// <summary>
    /// The diagnostic property set when the member is declared outside this compilation and the diagnostic points at
    /// the source member that reaches it: code fixes must not edit that member as if it were the one at fault.
    /// </summary>
    public const string DeclaredElsewhereProperty = "PiiGuard.DeclaredElsewhere";

    private static readonly ImmutableDictionary<string, string?> DeclaredElsewhereProperties =
        ImmutableDictionary<string, string?>.Empty.Add(DeclaredElsewhereProperty, "true");

    /// <param name="symbol">The field or property.</param>
    /// <param name="type">Its type.</param>
    /// <param name="location">Where to report.</param>
    /// <param name="declaredElsewhere">Whether it is declared outside this compilation.</param>
    /// <param name="options">The project's options that apply at <paramref name="location"/>.</param>
    /// <param name="symbols">PiiGuard's symbols.</param>
    /// <param name="field">Its <c>[TelemetryField]</c> attribute.</param>
    public PayloadMember(ISymbol symbol, ITypeSymbol type, Location location, bool declaredElsewhere, PiiGuardOptions options, PiiGuardSymbols symbols, AttributeData field)
    {
        Symbol = symbol;
        DeclaredElsewhere = declaredElsewhere;
        Type = type;
        Location = location;
        Options = options;
        Symbols = symbols;
        JsonName = field is { ConstructorArguments.Length: 1 } && field.ConstructorArguments[0].Value is string name ? name : null;

        // One pass over the member's attributes for both flags (the rules ask per member, and per payload that reaches it).
        foreach (AttributeData data in symbol.GetAttributes())
        {
            if (data.AttributeClass is not { } attribute)
            {
                continue;
            }

            IsInstallationId |= SymbolEqualityComparer.Default.Equals(attribute, symbols.InstallationIdAttribute);
            IsAggregated |= SymbolEqualityComparer.Default.Equals(attribute, symbols.AggregatedAttribute);
        }
    }

    public ISymbol Symbol { get; }

    public string Name => Symbol.Name;

    /// <summary>
    /// Whether the member is declared outside this compilation (in a referenced assembly): <see cref="Location"/>
    /// is then the source member or payload that reaches it.
    /// </summary>
    public bool DeclaredElsewhere { get; }

    /// <summary>The name messages use: <c>Member</c>, or <c>Type.Member</c> for a member declared elsewhere.</summary>
    public string DisplayName => DeclaredElsewhere ? Symbol.ContainingType.Name + "." + Symbol.Name : Symbol.Name;

    /// <summary>The explicit JSON name from <c>[TelemetryField("name")]</c>, if any.</summary>
    public string? JsonName { get; }

    public ITypeSymbol Type { get; }

    public Location Location { get; }

    public PiiGuardOptions Options { get; }

    public PiiGuardSymbols Symbols { get; }

    public TypeShape Shape => _shape ??= SymbolEqualityComparer.Default.Equals(Symbol, Symbol.OriginalDefinition)
        ? Symbols.GetShape(Type)
        : TypeShape.Of(Type, Symbols);

    /// <summary>Whether the member has <c>[InstallationId]</c> (PII004 asks per member and per payload that reaches it).</summary>
    public bool IsInstallationId { get; }

    /// <summary>Whether the member has <c>[Aggregated]</c> (PII002 asks per member).</summary>
    public bool IsAggregated { get; }

    public Diagnostic CreateDiagnostic(DiagnosticDescriptor descriptor, params object?[] messageArgs) =>
        CreateDiagnostic(descriptor, ImmutableDictionary<string, string?>.Empty, messageArgs);

    public Diagnostic CreateDiagnostic(DiagnosticDescriptor descriptor, ImmutableDictionary<string, string?> properties, params object?[] messageArgs) =>
        Diagnostic.Create(descriptor, Location, WithDeclaredElsewhere(properties), messageArgs);

    public Diagnostic CreateDiagnostic(DiagnosticDescriptor descriptor, DiagnosticSeverity severity, params object?[] messageArgs) =>
        Diagnostic.Create(descriptor, Location, severity, additionalLocations: null, WithDeclaredElsewhere(ImmutableDictionary<string, string?>.Empty), messageArgs);

    private ImmutableDictionary<string, string?> WithDeclaredElsewhere(ImmutableDictionary<string, string?> properties) =>
        !DeclaredElsewhere ? properties : properties.IsEmpty ? DeclaredElsewhereProperties : properties.SetItem(DeclaredElsewhereProperty, "true");

    /// <summary>
    /// What the name model makes of the member's name (or, when that says nothing, of its explicit JSON name) and
    /// its type: the kind of personal data it names, or null. Worked out once, shared by every rule.
    /// </summary>
    public NameFinding? Finding
    {
        get
        {
            if (!_findingDone)
            {
                // Names repeat across a project's payloads: the verdict of each name on each shape is shared.
                ValueShapes shape = Shape.ValueShapes();
                NameJudgements names = Symbols.Names;
                _finding = names.Judge(Name, shape, Options);
                if (_finding is null && JsonName is not null)
                {
                    _finding = names.Judge(JsonName, shape, Options);
                }

                _findingDone = true;
            }

            return _finding;
        }
    }

    /// <summary>Whether a type rule (PII003's forbidden types, PII004's Guid) reports the member: the name's finding is then left out, one cause one diagnostic.</summary>
    /// <remarks>Worked out once: every name rule asks.</remarks>
    public bool HasTypeFinding
    {
        get
        {
            if (_hasTypeFinding == 0)
            {
                bool found = Symbols.Forbidden.FirstForbidden(Shape) is not null ||
                    (!IsInstallationId && Shape.Any(Symbols.IsGuidPredicate));
                _hasTypeFinding = found ? 2 : 1;
            }

            return _hasTypeFinding == 2;
        }
    }

    /// <summary>The name's finding when no type rule reports the member.</summary>
    public NameFinding? NameFinding => HasTypeFinding ? null : Finding;

    /// <summary>
    /// The rule that reports the name's finding, one per member and cause: identifiers (and device or network ids held
    /// as numbers) are PII004's, documents PII003's, locations and behaviour PII005's, the rest PII001's.
    /// </summary>
    public string? NameRule => NameFinding is { } finding ? Rules.ForName(finding.Category, Shape.IsTextLike) : null;

    /// <summary>The word that names a number or text member as a point in time (<c>CreatedAt</c>, <c>LastSeenUnix</c>), or null.</summary>
    public string? FindPointInTimeName()
    {
        if (!Shape.HasNumber && !Shape.HasString)
        {
            return null;
        }

        // Names repeat across a project's payloads: the word each name gives is shared.
        NameJudgements names = Symbols.Names;
        return names.PointInTimeWord(Name, Options) ?? (JsonName is null ? null : names.PointInTimeWord(JsonName, Options));
    }

    /// <summary>Whether a name-based rule (PII001, PII002's name check, PII003's documents, PII004's named ids, PII005) already reports this member.</summary>
    public bool IsCaughtByName() => Finding != null || FindPointInTimeName() != null;
}

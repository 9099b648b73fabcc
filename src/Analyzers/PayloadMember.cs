using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PiiGuard.Analyzers.Vocabulary;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers;

/// <summary>
/// One payload member as the rules see it: its names (member name and JSON name), its unwrapped type, where to
/// report, and the project's options that apply there.
/// </summary>
internal sealed class PayloadMember
{
    private TypeShape? _shape;
    private IReadOnlyList<string>? _words;
    private IReadOnlyList<string>? _jsonWords;

    public PayloadMember(ISymbol symbol, ITypeSymbol type, Location location, PiiGuardOptions options, PiiGuardSymbols symbols)
    {
        Symbol = symbol;
        Type = type;
        Location = location;
        Options = options;
        Symbols = symbols;
        JsonName = symbols.GetAttribute(symbol, symbols.TelemetryFieldAttribute) is { ConstructorArguments.Length: 1 } field &&
            field.ConstructorArguments[0].Value is string name
            ? name
            : null;
    }

    public ISymbol Symbol { get; }

    public string Name => Symbol.Name;

    /// <summary>The explicit JSON name from <c>[TelemetryField("name")]</c>, if any.</summary>
    public string? JsonName { get; }

    public ITypeSymbol Type { get; }

    public Location Location { get; }

    public PiiGuardOptions Options { get; }

    public PiiGuardSymbols Symbols { get; }

    public TypeShape Shape => _shape ??= TypeShape.Of(Type, Symbols);

    public bool HasAttribute(INamedTypeSymbol? attribute) => Symbols.HasAttribute(Symbol, attribute);

    /// <summary>The first phrase of <paramref name="lexicon"/> in the member name or its JSON name, skipping allowed words.</summary>
    public Phrase? FindName(Lexicon lexicon)
    {
        if (lexicon.IsEmpty)
        {
            return null;
        }

        _words ??= NameWords.Split(Name);
        Phrase? found = lexicon.FindFirst(_words, Options.AllowedWords.Mask(_words));
        if (found != null || JsonName is null)
        {
            return found;
        }

        _jsonWords ??= NameWords.Split(JsonName);
        return lexicon.FindFirst(_jsonWords, Options.AllowedWords.Mask(_jsonWords));
    }

    /// <summary>The word that names a number or text member as a point in time (<c>CreatedAt</c>, <c>LastSeenUnix</c>), or null.</summary>
    public string? FindPointInTimeName()
    {
        if (!Shape.HasNumber && !Shape.HasString)
        {
            return null;
        }

        _words ??= NameWords.Split(Name);
        string? word = PointInTimeNames.Find(_words, Options.AllowedWords.Mask(_words));
        if (word != null || JsonName is null)
        {
            return word;
        }

        _jsonWords ??= NameWords.Split(JsonName);
        return PointInTimeNames.Find(_jsonWords, Options.AllowedWords.Mask(_jsonWords));
    }

    /// <summary>Whether a name-based rule (PII001, PII002, PII005) already reports this member.</summary>
    public bool IsCaughtByName() =>
        FindName(Options.ForbiddenWords) != null ||
        (Shape.IsTextLike && FindName(Lexicon.PersonalNames) != null) ||
        FindName(Lexicon.LocationAndBehaviour) != null ||
        FindPointInTimeName() != null;
}

using Microsoft.CodeAnalysis;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers;

/// <summary>
/// Reads an application member's name with the payload rules' name model (<see cref="NameModel"/>): whether a
/// property or field of an entity or a data subject reads as personal data, and as what. The same judgement the
/// payload rules make, so that a name reads alike in a payload and in an entity.
/// </summary>
internal static class PersonalMemberReader
{
    /// <summary>
    /// What the name model makes of <paramref name="member"/>'s name and type, or null when it reads as nothing personal.
    /// </summary>
    /// <param name="member">A property or field.</param>
    /// <param name="symbols">PiiGuard's symbols, for the type's shape.</param>
    /// <param name="options">The project's options where the member is declared (forbidden and allowed words).</param>
    public static NameFinding? Read(ISymbol member, PiiGuardSymbols symbols, PiiGuardOptions options)
    {
        ITypeSymbol? type = member switch
        {
            IPropertySymbol property => property.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        TypeShape shape = SymbolEqualityComparer.Default.Equals(member, member.OriginalDefinition) ? symbols.GetShape(type) : TypeShape.Of(type, symbols);

        // The payload rules' verdicts per name and shape, shared: an entity and a payload with the same name are judged once.
        return symbols.Names.Judge(member.Name, shape.ValueShapes(), options);
    }
}

using System.Collections.Concurrent;

namespace PiiGuard.EntityFrameworkCore;

/// <summary>
/// What one <c>DbContext</c> holds of the project's data map, with the code that reads, hides, erases and expires it.
/// PiiGuard's generator writes one subclass per <c>DbContext</c> of a project that references this package, and
/// registers it from a module initializer (<see cref="Register"/>); nothing here reflects over the app's entities.
/// </summary>
public abstract class PersonalDataModel
{
    private static readonly ConcurrentDictionary<Type, PersonalDataModel> Models = new();

    /// <summary>
    /// The name of the shadow property (a nullable <see cref="long"/>, Unix time in milliseconds) that the model adds
    /// to every entity tied to a data subject: when it is set, the subject asked for erasure at that time and the row
    /// is hidden by a query filter until it is restored or erased.
    /// </summary>
    public const string ErasureRequestedAtProperty = "PiiGuardErasureRequestedAt";

    /// <summary>What the export writes in place of a credential's value: credentials are never exported in plain text.</summary>
    public const string CredentialPlaceholder = "[credential, not exported]";

    /// <summary>Describes a <c>DbContext</c>'s personal data.</summary>
    /// <param name="contextType">The <c>DbContext</c> type.</param>
    /// <param name="markdown">The project's <c>personal-data.md</c>, as the data map writes it.</param>
    /// <param name="entities">The context's entities that are in the data map, in the map's order.</param>
    protected PersonalDataModel(Type contextType, string markdown, IReadOnlyList<PersonalDataEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(contextType);
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(entities);
        ContextType = contextType;
        Markdown = markdown;
        Entities = entities;
    }

    /// <summary>The <c>DbContext</c> type.</summary>
    public Type ContextType { get; }

    /// <summary>The project's <c>personal-data.md</c>, as the data map writes it.</summary>
    public string Markdown { get; }

    /// <summary>The context's entities that are in the data map, in the map's order.</summary>
    public IReadOnlyList<PersonalDataEntity> Entities { get; }

    /// <summary>Registers the generated model of a <c>DbContext</c> type; the generated module initializer calls it.</summary>
    /// <param name="model">The model.</param>
    public static void Register(PersonalDataModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Models[model.ContextType] = model;
    }

    /// <summary>The registered model of <paramref name="contextType"/> or of its nearest base type that has one.</summary>
    /// <param name="contextType">A <c>DbContext</c> type.</param>
    /// <param name="model">The model, when there is one.</param>
    /// <returns>Whether a model is registered.</returns>
    public static bool TryGet(Type contextType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PersonalDataModel? model)
    {
        ArgumentNullException.ThrowIfNull(contextType);
        for (Type? current = contextType; current != null; current = current.BaseType)
        {
            if (Models.TryGetValue(current, out model))
            {
                return true;
            }
        }

        model = null;
        return false;
    }

    /// <summary>The registered model of <paramref name="contextType"/>.</summary>
    /// <param name="contextType">A <c>DbContext</c> type.</param>
    /// <exception cref="InvalidOperationException">No model is registered: the project that declares the context does not reference PiiGuard.EntityFrameworkCore, or its data map is empty.</exception>
    public static PersonalDataModel For(Type contextType) =>
        TryGet(contextType, out PersonalDataModel? model)
            ? model
            : throw new InvalidOperationException(
                $"PiiGuard has no personal data model for the DbContext '{contextType.FullName}'. PiiGuard's generator writes one for each DbContext of a project that references PiiGuard.EntityFrameworkCore and declares a [DataSubject] or classifies personal data; check that the project that declares this context does.");
}

namespace PiiGuard;

/// <summary>What erasing a data subject does to rows of a type.</summary>
public enum ErasureAction
{
    /// <summary>The rows are deleted (the default for rows of a subject).</summary>
    Delete,

    /// <summary>
    /// The rows stay: their subject key is cleared and their personal members are replaced (text by
    /// <see cref="ErasureAttribute.Replacement"/>, other values by their default).
    /// </summary>
    Anonymise,
}

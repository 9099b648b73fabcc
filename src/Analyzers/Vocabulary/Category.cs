namespace PiiGuard.Analyzers.Vocabulary;

/// <summary>A kind of personal data, as the policy names it, with the fix a message suggests.</summary>
internal sealed class Category
{
    private Category(string description, string fix)
    {
        Description = description;
        Fix = fix;
    }

    /// <summary>What the data is, as it reads in a message after "named like".</summary>
    public string Description { get; }

    /// <summary>What to send instead.</summary>
    public string Fix { get; }

    public static readonly Category Network = new(
        "a network address or name", "send a count, a flag or an enum (for example a connection kind) instead");

    public static readonly Category FileSystem = new(
        "a file system path or file name", "send a count or an enum (for example a file type) instead");

    public static readonly Category Device = new(
        "a device or hardware identifier",
        "send a count or an enum (for example a model family) instead; the only identifier a payload carries is its random [InstallationId]");

    public static readonly Category Identity = new(
        "identity or contact data", "send a count or a flag instead");

    public static readonly Category Credential = new(
        "a credential", "never send it; remove the member");

    public static readonly Category Location = new(
        "a location", "send at most a country code derived from the configured time zone");

    public static readonly Category UserContent = new(
        "content a user wrote or named", "send a count, a flag or an enum instead");

    public static readonly Category ErrorDetail = new(
        "error detail", "send an error type enum and a count instead");

    public static readonly Category Behaviour = new(
        "behavioural tracking", "the policy forbids click, input, screen-time and session tracking; send feature flags or usage counts per period instead");

    public static readonly Category ProjectWord = new(
        "a word this project forbids", "send a count, a flag or an enum instead");
}

namespace PiiGuard.Shared;

/// <summary>
/// A kind of personal data, as the privacy policy names it: the analyzers' messages use its description and fix,
/// and the generated field disclosure lists every category under "Never collected".
/// </summary>
internal sealed class Category
{
    private Category(string description, string fix, string disclosure)
    {
        Description = description;
        Fix = fix;
        Disclosure = disclosure;
    }

    /// <summary>What the data is, as it reads in a message after "named like".</summary>
    public string Description { get; }

    /// <summary>What to send instead.</summary>
    public string Fix { get; }

    /// <summary>The line of the disclosure's "Never collected" list, for end users.</summary>
    public string Disclosure { get; }

    public static readonly Category Network = new(
        "a network address or name", "send a count, a flag or an enum (for example a connection kind) instead",
        "Network details: IP and MAC addresses, host names, Wi-Fi names (SSIDs), URLs, user agents");

    public static readonly Category FileSystem = new(
        "a file system path or file name", "send a count or an enum (for example a file type) instead",
        "File names, folder names and paths");

    public static readonly Category Device = new(
        "a device or hardware identifier",
        "send a count or an enum (for example a model family) instead; the only identifier a payload carries is its random [InstallationId]",
        "Device and hardware identifiers: serial numbers, machine names, other products' installation ids");

    public static readonly Category Identity = new(
        "identity or contact data", "send a count or a flag instead",
        "Names, user names, e-mail addresses, phone numbers, postal addresses, birth dates");

    public static readonly Category Credential = new(
        "a credential", "never send it; remove the member",
        "Passwords, tokens, API keys, access codes and other credentials");

    public static readonly Category Location = new(
        "a location", "send at most a country code derived from the configured time zone",
        "Locations: GPS coordinates, cities, IP-based geolocation (at most a country code from the configured time zone)");

    public static readonly Category UserContent = new(
        "content a user wrote or named", "send a count, a flag or an enum instead",
        "Content you wrote or named: messages, comments, descriptions, model and job names, print settings");

    public static readonly Category ErrorDetail = new(
        "error detail", "send an error type enum and a count instead",
        "Error details: exception messages and stack traces (only an error type and a count)");

    public static readonly Category Behaviour = new(
        "behavioural tracking", "the policy forbids click, input, screen-time and session tracking; send feature flags or usage counts per period instead",
        "Behavioural tracking: clicks, keyboard and mouse input, time spent on screens, session recordings");

    public static readonly Category ProjectWord = new(
        "a word this project forbids", "send a count, a flag or an enum instead",
        "Anything this project's own list of forbidden words names");

    /// <summary>Every category of personal data, in the order the disclosure lists them.</summary>
    public static readonly Category[] All =
    {
        Network, FileSystem, Device, Identity, Credential, Location, UserContent, ErrorDetail, Behaviour,
    };
}

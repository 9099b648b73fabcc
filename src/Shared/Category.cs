namespace PiiGuard.Shared;

/// <summary>
/// A kind of personal data, in the default profile's general terms: the analyzers' messages use its description,
/// reason and fix, and the generated field disclosure lists the kinds a build enforces under "Never collected".
/// </summary>
internal sealed class Category
{
    private Category(string id, string description, string why, string fix, string disclosure)
    {
        Id = id;
        Description = description;
        Why = why;
        Fix = fix;
        Disclosure = disclosure;
    }

    /// <summary>The id a profile's sections use (<c>network</c>, <c>file_system</c>, …).</summary>
    public string Id { get; }

    /// <summary>What the data is, as it reads in a message after "is".</summary>
    public string Description { get; }

    /// <summary>Why it is personal under the policy, as it reads in a message.</summary>
    public string Why { get; }

    /// <summary>What to do instead: a fix the rule that reports the category accepts.</summary>
    public string Fix { get; }

    /// <summary>The line of the disclosure's "Never collected" list, for end users.</summary>
    public string Disclosure { get; }

    public static readonly Category Network = new(
        "network", "a network address or name", "it points at a person's device or the places they reach",
        "send a count, a flag or an enum (for example a connection kind) instead",
        "Network details: IP and MAC addresses, host names, URLs, user agents and referrers, network names");

    public static readonly Category FileSystem = new(
        "file_system", "a file system path or file name", "paths and file names carry user names and what people named their work",
        "send a count or an enum (for example a file type) instead",
        "File names, folder names and paths");

    public static readonly Category Device = new(
        "device", "a device or machine identifier or name", "it singles out one machine, and so the person who uses it",
        "send a count or an enum (for example a model family) instead; the only identifier a payload carries is its random [InstallationId]",
        "Device and machine identifiers and names: serial numbers, hardware ids, machine and instance names");

    public static readonly Category Identity = new(
        "identity", "identity or contact data", "it names, reaches or describes a person",
        "send a count or a flag instead",
        "Names, user names, e-mail addresses, phone numbers, postal addresses and codes, birth dates, and other facts about a person");

    public static readonly Category Credential = new(
        "credential", "a credential", "it gives access to a person's accounts",
        "never send it; remove the member",
        "Passwords, tokens, keys, cookies and other credentials");

    public static readonly Category Location = new(
        "location", "a location", "it says where a person is",
        "remove it; a payload holds at most a CountryCode derived from the configured time zone",
        "Locations: coordinates, cities, regions and IP-based geolocation (at most a country code from the configured time zone)");

    public static readonly Category UserContent = new(
        "user_content", "content a person wrote or named", "people write and name things about themselves",
        "send a count, a flag or an enum instead",
        "Content you wrote or named: messages, comments, titles, descriptions, search terms, command lines");

    public static readonly Category ErrorDetail = new(
        "error_detail", "error detail", "messages and stack traces carry paths, addresses and what people typed",
        "send an error type enum and a count instead",
        "Error details: exception messages, stack traces and log lines (only an error type and a count)");

    public static readonly Category Behaviour = new(
        "behaviour", "behavioural tracking", "the policy forbids tracking what a person does: clicks, input, screen time, sessions",
        "remove the member; feature flags and counts of the app's own work per period are what a payload may hold",
        "Behavioural tracking: clicks, keyboard and mouse input, time spent on screens, session recordings");

    public static readonly Category Identifier = new(
        "identifier", "an identifier", "an id, key or hash of a person, an account, a session or a record links what is sent to them",
        "the only identifier a payload carries is its random [InstallationId]: send a count or an enum instead",
        "Identifiers of people, accounts, sessions, requests and records, and hashes of them");

    public static readonly Category Blob = new(
        "blob", "a document or dump", "it can hold anything, personal data included, and no schema says what",
        "send the counts, flags or enums you need from it instead",
        "Documents and dumps: raw JSON or XML, original events, headers, environment variables, free-form key/value extras");

    public static readonly Category ProjectWord = new(
        "project", "a word this project forbids", "this project's policy names it as personal data on members of any type",
        "remove the member",
        "Anything named with one of this app's own words for personal data");

    /// <summary>Every category of the default profile, in the order the disclosure lists them.</summary>
    public static readonly Category[] All =
    {
        Network, FileSystem, Device, Identity, Credential, Location, UserContent, ErrorDetail, Behaviour, Identifier, Blob,
    };

    /// <summary>The category with <paramref name="id"/>, or null.</summary>
    public static Category? FromId(string id)
    {
        foreach (Category category in All)
        {
            if (category.Id == id)
            {
                return category;
            }
        }

        return id == ProjectWord.Id ? ProjectWord : null;
    }
}

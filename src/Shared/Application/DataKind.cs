namespace PiiGuard.Shared;

/// <summary>
/// The analyzers' copy of the runtime's <c>PiiGuard.PersonalDataKind</c> (same names, same values: the analyzers do
/// not reference the runtime assembly): what kind of personal data a classified member holds.
/// </summary>
internal enum DataKind
{
    Contact = 0,
    Identity = 1,
    Profile = 2,
    UserContent = 3,
    Credential = 4,
    NetworkIdentifier = 5,
    Location = 6,
    Device = 7,
    Financial = 8,
    Behaviour = 9,
}

/// <summary>How the name model's categories map onto the kinds of <c>[PersonalData]</c>: what a code fix suggests.</summary>
internal static class DataKinds
{
    /// <summary>The kind a member whose name reads as <paramref name="category"/> is classified as, by default.</summary>
    /// <param name="category">What the name model found.</param>
    /// <param name="found">The words that decided it (an e-mail address or phone number is contact data, not identity).</param>
    public static DataKind For(Category category, string found)
    {
        if (category == Category.Network)
        {
            return DataKind.NetworkIdentifier;
        }

        if (category == Category.Identity)
        {
            return IsContact(found) ? DataKind.Contact : DataKind.Identity;
        }

        if (category == Category.Credential)
        {
            return DataKind.Credential;
        }

        if (category == Category.Location)
        {
            return DataKind.Location;
        }

        if (category == Category.Device)
        {
            return DataKind.Device;
        }

        if (category == Category.Behaviour)
        {
            return DataKind.Behaviour;
        }

        return category == Category.UserContent || category == Category.FileSystem || category == Category.ErrorDetail || category == Category.Blob
            ? DataKind.UserContent
            : DataKind.Identity;
    }

    /// <summary>The name of the kind as C# writes it: <c>PersonalDataKind.Contact</c>.</summary>
    public static string ToSource(DataKind kind) => "PersonalDataKind." + kind;

    private static bool IsContact(string found) =>
        found.Contains("mail") || found.Contains("phone") || found.Contains("address") || found.Contains("fax") ||
        found.Contains("street") || found.Contains("zip") || found.Contains("postal") || found.Contains("post code") ||
        found.Contains("postcode") || found.Contains("mobile") || found.Contains("msisdn");
}

namespace PiiGuard;

/// <summary>What kind of personal data a member holds: how the data map groups it and how the runtime treats it.</summary>
public enum PersonalDataKind
{
    /// <summary>Ways to reach the person: e-mail address, phone number, postal address.</summary>
    Contact,

    /// <summary>What identifies the person: name, user name, date of birth, national or account identifiers.</summary>
    Identity,

    /// <summary>What the person tells about themselves: biography, avatar, preferences, settings of their profile.</summary>
    Profile,

    /// <summary>What the person wrote, uploaded or named: reviews, comments, photos, titles, their own inventory's names.</summary>
    UserContent,

    /// <summary>What gives access to an account: tokens, secrets, keys. Encrypted at rest; never exported in plain text.</summary>
    Credential,

    /// <summary>What a network knows of the person's device: IP address, user agent, referrer.</summary>
    NetworkIdentifier,

    /// <summary>Where the person is or was: coordinates, a city or country looked up from an address.</summary>
    Location,

    /// <summary>What identifies or names the person's devices: device names, serial numbers, hardware ids.</summary>
    Device,

    /// <summary>Money and payments: card and bank details, purchases, income.</summary>
    Financial,

    /// <summary>What the person did: clicks, visits, sign-ins and other records of their activity.</summary>
    Behaviour,
}

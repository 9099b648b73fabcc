using System;

namespace PiiGuard.Telemetry.Storage;

/// <summary>The user's consent as the store holds it; <paramref name="Decided"/> tells "never asked" from "opted out".</summary>
/// <param name="Decided">Whether the user ever answered (an opt-out is an answer).</param>
/// <param name="OptedIn">Whether the answer is yes.</param>
/// <param name="SchemaVersion">The payload schema version agreed to, as stored (it may be unreadable).</param>
/// <param name="InstallationId">The random installation id, while opted in.</param>
/// <param name="FirstSeen">The start of the week of the first opt-in, while opted in.</param>
internal sealed record StoredConsent(bool Decided, bool OptedIn, string? SchemaVersion, Guid? InstallationId, DateTimeOffset? FirstSeen)
{
    /// <summary>No decision: what a missing file holds.</summary>
    public static readonly StoredConsent None = new(false, false, null, null, null);

    /// <summary>The consent after an opt-out: decided, no, and neither id nor first week kept.</summary>
    public StoredConsent AsOptedOut() => this with { OptedIn = false, Decided = true, InstallationId = null, FirstSeen = null };
}

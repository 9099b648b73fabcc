using System;
using PiiGuard;

namespace Violations;

// The application-data sinks: a classified value and the machine's name reach the console (PII110), and Sentry is
// told to send personal data by default (PII111).

[DataSubject]
public sealed class Owner
{
    [PersonalData(PersonalDataKind.Contact)] public string Email { get; set; } = "";
}

public static class LeakyLogging
{
    // PII110, twice: the owner's e-mail address and the machine's name, written to the console.
    public static void Greet(Owner owner) => Console.WriteLine($"Hello {owner.Email} on {Environment.MachineName}");

    // PII111: SendDefaultPii = true.
    public static Sentry.SentryOptions ErrorReporting() => new() { SendDefaultPii = true };
}

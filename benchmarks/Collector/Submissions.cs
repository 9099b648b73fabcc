using System;
using System.Globalization;
using System.Text;
using Printernizer;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// Submissions as clients send them: Printernizer's sample report (the policy's sample data, its dates on their
/// week's Monday, so the week is 2024-11-11 to 2024-11-18) under a new random installation id each, in its envelope
/// (<see cref="TelemetryEnvelope.ToUtf8Bytes{T}"/>), sent on the Wednesday after that week.
/// </summary>
internal static class Submissions
{
    /// <summary>The collector's fixed clock: Wednesday 2024-11-20 10:17 UTC, two days after the submitted week ended.</summary>
    public static readonly DateTimeOffset Now = new(2024, 11, 20, 10, 17, 0, TimeSpan.Zero);

    private static readonly UsageReport Sample = SampleData.Create(dates: date => TelemetryPeriods.StartOf(date, Period.Week));

    /// <summary>The Monday the sample's week starts on, as the collector stores it.</summary>
    public static DateOnly Week => DateOnly.FromDateTime(Sample.Period.Start.UtcDateTime);

    /// <summary>The sample report under <paramref name="installationId"/>.</summary>
    public static UsageReport Report(Guid installationId) => new()
    {
        Installation = new Installation
        {
            InstallationId = installationId,
            FirstSeen = Sample.Installation.FirstSeen,
            AppVersion = Sample.Installation.AppVersion,
            PythonVersion = Sample.Installation.PythonVersion,
            Platform = Sample.Installation.Platform,
            DeploymentMode = Sample.Installation.DeploymentMode,
            CountryCode = Sample.Installation.CountryCode,
        },
        Period = Sample.Period,
        PrinterFleet = Sample.PrinterFleet,
        UsageStats = Sample.UsageStats,
        ErrorSummary = Sample.ErrorSummary,
    };

    /// <summary>The request body a client sends for <paramref name="installationId"/>.</summary>
    public static byte[] Body(Guid installationId) => TelemetryEnvelope.ToUtf8Bytes(Report(installationId), Now);

    /// <summary>The <c>Idempotency-Key</c> the runtime sends with it (installation id and week).</summary>
    public static string IdempotencyKey(Guid installationId) =>
        installationId.ToString("N") + "-" + Week.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A body whose installation id can be replaced in place: the body of a fixed id, and where its 36 characters
    /// are. The id appears exactly once in a body.
    /// </summary>
    public static (byte[] Body, int IdOffset) Template()
    {
        var marker = Guid.Parse("0b9d2c1e-5f4a-4c3b-8a29-1e7d6f5c4b3a");
        byte[] body = Body(marker);
        byte[] text = Encoding.ASCII.GetBytes(marker.ToString("D"));
        int offset = body.AsSpan().IndexOf(text);
        if (offset < 0 || body.AsSpan(offset + 1).IndexOf(text) >= 0)
        {
            throw new InvalidOperationException("The installation id is not exactly once in the body.");
        }

        return (body, offset);
    }

    /// <summary>Writes a new random (version 4) installation id into <paramref name="body"/> at <paramref name="offset"/>.</summary>
    public static Guid NewId(byte[] body, int offset)
    {
        Guid id = Guid.NewGuid();
        if (!id.TryFormat(body.AsSpan(offset, 36), out int written, "D") || written != 36)
        {
            throw new InvalidOperationException("Could not write the installation id.");
        }

        return id;
    }
}

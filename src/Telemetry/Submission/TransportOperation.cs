namespace PiiGuard.Telemetry.Submission;

/// <summary>Which request <see cref="Uploader"/> is making; named in its log messages.</summary>
internal enum TransportOperation
{
    /// <summary><c>POST v1/submissions</c>.</summary>
    Submit,

    /// <summary><c>DELETE v1/installations/{id}</c>.</summary>
    DeleteInstallation,
}
